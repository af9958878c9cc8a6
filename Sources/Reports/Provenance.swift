import Foundation
import LinearAlgebra

/// Where and how a run happened: recorded in run.json and shown under results.md.
public struct Provenance: Sendable, Codable, Equatable {
    public static let harnessVersion = "0.1.0"

    public var harnessVersion: String
    public var gitCommit: String?
    public var gitDirty: Bool?
    public var blas: String
    public var blasLibraries: [String]
    public var host: String
    public var started: String

    enum CodingKeys: String, CodingKey {
        case harnessVersion = "harness_version", gitCommit = "git_commit", gitDirty = "git_dirty"
        case blas, blasLibraries = "blas_libraries", host, started
    }

    /// Reads the BLAS actually loaded, the git commit of the working directory (if it is a checkout) and the host.
    public static func collect(started: Date) -> Provenance {
        let commit = git(["rev-parse", "HEAD"])
        let dirty = commit == nil ? nil : !(git(["status", "--porcelain", "--untracked-files=no"]) ?? "").isEmpty
        let formatter = ISO8601DateFormatter()
        return Provenance(harnessVersion: harnessVersion, gitCommit: commit, gitDirty: dirty,
                          blas: BLASRuntime.summary, blasLibraries: BLASRuntime.loadedLibraries,
                          host: ProcessInfo.processInfo.hostName, started: formatter.string(from: started))
    }

    private static func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

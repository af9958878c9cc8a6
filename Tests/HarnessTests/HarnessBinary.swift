import Foundation
import Testing

/// Finds the built `harness` executable and runs it as a subprocess.
///
/// The test target depends on the `harness` executable, so SwiftPM builds it into the same products folder as
/// the test bundle (`<scratch>/<triple>/debug/`). Where to look, in order:
/// 1. `HARNESS_BINARY`, if set (used as is; a wrong path makes every test fail with that path);
/// 2. the folder of the running test executable and its parents (`/proc/self/exe`, `Bundle.main`,
///    `CommandLine.arguments[0]`);
/// 3. the package root (from this file's path): `.build*/debug/harness` and `.build*/*/debug/harness`, newest first.
enum HarnessBinary {
    struct Output: Sendable {
        let exitCode: Int32
        let stdout: String
        let stderr: String

        var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
        var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    struct NotFound: Error, CustomStringConvertible {
        let searched: [String]
        var description: String {
            "cannot find the harness executable; build with `swift build --build-tests` or set HARNESS_BINARY. Looked in: \(searched.joined(separator: ", "))"
        }
    }

    /// The package root: Tests/HarnessTests/<this file> → three levels up.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The located executable, or why it was not found.
    static let location: Result<URL, NotFound> = locate()

    static func url() throws -> URL { try location.get() }

    private static func locate() -> Result<URL, NotFound> {
        let fm = FileManager.default
        if let override = ProcessInfo.processInfo.environment["HARNESS_BINARY"], !override.isEmpty {
            return .success(URL(fileURLWithPath: override))
        }
        var searched: [String] = []
        func isExecutableFile(_ url: URL) -> Bool {
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue && fm.isExecutableFile(atPath: url.path)
        }

        // 2. Next to the running test executable.
        var starts: [URL] = []
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") { starts.append(URL(fileURLWithPath: exe)) }
        if let exe = Bundle.main.executableURL { starts.append(exe) }
        starts.append(Bundle.main.bundleURL)
        if let first = CommandLine.arguments.first, !first.isEmpty {
            starts.append(URL(fileURLWithPath: first, relativeTo: URL(fileURLWithPath: fm.currentDirectoryPath)).standardizedFileURL)
        }
        for start in starts {
            var directory = start.resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("harness")
                searched.append(candidate.path)
                if isExecutableFile(candidate) { return .success(candidate) }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }

        // 3. Any scratch folder of the package, newest build first.
        var found: [(URL, Date)] = []
        let scratches = ((try? fm.contentsOfDirectory(atPath: packageRoot.path)) ?? []).filter { $0.hasPrefix(".build") }
        for scratch in scratches {
            let base = packageRoot.appendingPathComponent(scratch)
            var candidates = [base.appendingPathComponent("debug/harness"), base.appendingPathComponent("release/harness")]
            for triple in (try? fm.contentsOfDirectory(atPath: base.path)) ?? [] where triple.contains("-") {
                candidates.append(base.appendingPathComponent(triple).appendingPathComponent("debug/harness"))
            }
            for candidate in candidates {
                searched.append(candidate.path)
                if isExecutableFile(candidate) {
                    let date = (try? fm.attributesOfItem(atPath: candidate.path)[.modificationDate] as? Date) ?? .distantPast
                    found.append((candidate, date))
                }
            }
        }
        if let newest = found.max(by: { $0.1 < $1.1 }) { return .success(newest.0) }
        return .failure(NotFound(searched: searched))
    }

    /// Runs `harness` with `arguments` in `currentDirectory` and waits for it (killing it after `timeout` seconds).
    /// stdout and stderr go to files, so a chatty child can never block on a full pipe.
    static func run(arguments: [String], currentDirectory: URL, timeout: TimeInterval = 120) throws -> Output {
        let executable = try url()
        let fm = FileManager.default
        let captureDirectory = fm.temporaryDirectory.appendingPathComponent("harness-capture-\(UUID().uuidString)")
        try fm.createDirectory(at: captureDirectory, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: captureDirectory) }
        let outURL = captureDirectory.appendingPathComponent("stdout")
        let errURL = captureDirectory.appendingPathComponent("stderr")
        guard fm.createFile(atPath: outURL.path, contents: nil), fm.createFile(atPath: errURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: captureDirectory.path])
        }
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = currentDirectory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "HARNESS_BINARY")
        process.environment = environment

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            finished.wait()
            try? outHandle.close()
            try? errHandle.close()
            Issue.record("harness \(arguments.joined(separator: " ")) did not finish in \(timeout) s; killed")
        }
        try? outHandle.close()
        try? errHandle.close()
        return Output(exitCode: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// A temporary folder for one test, removed at the end of `body`.
func withTemporaryDirectory<R>(_ body: (URL) throws -> R) throws -> R {
    let fm = FileManager.default
    let url = fm.temporaryDirectory.appendingPathComponent("harness-tests-\(UUID().uuidString)").resolvingSymlinksInPath()
    try fm.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: url) }
    return try body(url)
}

extension URL {
    /// Writes `text` to `name` in this folder and returns the new file's URL.
    @discardableResult
    func write(_ text: String, to name: String) throws -> URL {
        let file = appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }
}

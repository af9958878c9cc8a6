import Foundation
import Testing

/// Progress on stderr, help texts, `list` of the shipped specs: what a user sees besides the results.
@Suite("harness: progress, help, list")
struct ErgonomicsTests {
    static let experiments = HarnessBinary.packageRoot.appendingPathComponent("experiments")

    /// A run small enough to take a fraction of a second.
    static func smallRun(_ extra: [String], in tmp: URL) throws -> HarnessBinary.Output {
        let spec = try tmp.write(BadInputTests.validText, to: "small.json")
        return try HarnessBinary.run(arguments: ["run", spec.path, "--out", tmp.appendingPathComponent("out").path, "--threads", "2"] + extra,
                                     currentDirectory: tmp)
    }

    @Test("--quiet: nothing on stderr")
    func quietMeansSilent() throws {
        try withTemporaryDirectory { tmp in
            let result = try Self.smallRun(["--quiet"], in: tmp)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            #expect(result.stderr.isEmpty, "\(result.stderr)")
            #expect(result.stdout.contains("small: 1 of 1 claims pass"))
        }
    }

    @Test("stderr not a terminal: plain progress lines, no carriage return, no colour")
    func plainProgressWhenPiped() throws {
        try withTemporaryDirectory { tmp in
            let result = try Self.smallRun([], in: tmp)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            #expect(!result.stderr.contains("\r") && !result.stderr.contains("\u{1B}"), "\(result.stderr.debugDescription)")
            let lines = result.stderrLines
            #expect(!lines.isEmpty, "at least the final progress line")
            #expect(lines.allSatisfy { $0.hasPrefix("small: ") && $0.contains(" units (") && $0.hasSuffix(" left") }, "\(lines)")
            #expect(lines.last?.contains("(100%)") == true, "\(lines)")
            #expect(!result.stdout.contains("\u{1B}"), "no colour when stdout is not a terminal")
        }
    }

    @Test("list experiments shows every shipped spec, none invalid")
    func listShowsEverySpec() throws {
        let specs = try FileManager.default.contentsOfDirectory(atPath: Self.experiments.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(!specs.isEmpty)
        try withTemporaryDirectory { tmp in
            let result = try HarnessBinary.run(arguments: ["list", Self.experiments.path], currentDirectory: tmp)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            let listed = result.stdoutLines.map { $0.split(separator: "\t", maxSplits: 1).map(String.init) }
            #expect(listed.map { ($0.first ?? "") } == specs.map { Self.experiments.appendingPathComponent($0).path })
            // Specs on the downloaded corpus are invalid until scripts/fetch-corpus has run, and must say so.
            let corpusMissing = !FileManager.default.fileExists(atPath: HarnessBinary.packageRoot.appendingPathComponent("data/sotu").path)
            #expect(listed.allSatisfy { entry in
                entry.count == 2 && (!entry[1].hasPrefix("invalid:") || (corpusMissing && entry[1].contains("run scripts/fetch-corpus")))
            }, "\(result.stdout)")
        }
    }

    @Test("--help of every command shows an example", arguments: ["run", "validate", "list", "report", "index"])
    func helpHasExample(command: String) throws {
        try withTemporaryDirectory { tmp in
            let result = try HarnessBinary.run(arguments: [command, "--help"], currentDirectory: tmp)
            #expect(result.exitCode == 0)
            #expect(result.stdout.contains("Example: harness \(command) "), "\(result.stdout)")
        }
    }
}

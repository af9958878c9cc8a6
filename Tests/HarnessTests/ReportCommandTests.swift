import Foundation
import Testing

/// `harness report` and `harness index` on the committed results/accumulate, run as a subprocess.
@Suite("harness report and index")
struct ReportCommandTests {
    static let committed = HarnessBinary.packageRoot.appendingPathComponent("results/accumulate")

    /// Copies run.json and results.csv of the committed run into `tmp/name` (without results.md or figure.svg).
    static func copyRun(to tmp: URL, name: String = "accumulate") throws -> URL {
        let folder = tmp.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in ["run.json", "results.csv"] {
            try FileManager.default.copyItem(at: committed.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        return folder
    }

    @Test("report reproduces the committed results.md and figure.svg byte for byte")
    func reproducesCommittedReport() throws {
        try withTemporaryDirectory { tmp in
            let folder = try Self.copyRun(to: tmp)
            let result = try HarnessBinary.run(arguments: ["report", folder.path], currentDirectory: tmp)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            #expect(result.stderr.isEmpty)
            for file in ["results.md", "figure.svg"] {
                let expected = try Data(contentsOf: Self.committed.appendingPathComponent(file))
                let written = try Data(contentsOf: folder.appendingPathComponent(file))
                #expect(written == expected, "\(file) differs from the committed one; regenerate results/accumulate")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                    == ["figure.svg", "results.csv", "results.md", "run.json"])
        }
    }

    @Test("report refuses a missing folder: exit 2, one line")
    func missingFolder() throws {
        try withTemporaryDirectory { tmp in
            let result = try HarnessBinary.run(arguments: ["report", "nowhere"], currentDirectory: tmp)
            BadInputTests.expectBadInput(result, prefix: "error: \(tmp.path)/nowhere: $: expected a results folder", out: nil)
        }
    }

    @Test("report refuses a corrupt results.csv, naming the line")
    func corruptCSV() throws {
        try withTemporaryDirectory { tmp in
            let folder = try Self.copyRun(to: tmp)
            let csv = folder.appendingPathComponent("results.csv")
            var lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").map(String.init)
            lines[2] = "10,100,1,fixed,replace,2"
            try (lines.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
            let result = try HarnessBinary.run(arguments: ["report", folder.path], currentDirectory: tmp)
            BadInputTests.expectBadInput(result, prefix: "error: \(csv.path): line 3: expected 18 fields, found 6", out: nil)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("results.md").path), "nothing written")
        }
    }

    @Test("report refuses a corrupt or missing run.json")
    func corruptRunJSON() throws {
        try withTemporaryDirectory { tmp in
            let folder = try Self.copyRun(to: tmp)
            let run = folder.appendingPathComponent("run.json")
            try "{\"format\": 1}".write(to: run, atomically: true, encoding: .utf8)
            let corrupt = try HarnessBinary.run(arguments: ["report", folder.path], currentDirectory: tmp)
            BadInputTests.expectBadInput(corrupt, prefix: "error: \(run.path): $: expected the run.json of a harness run, found invalid content", out: nil)
            try FileManager.default.removeItem(at: run)
            let missing = try HarnessBinary.run(arguments: ["report", folder.path], currentDirectory: tmp)
            BadInputTests.expectBadInput(missing, prefix: "error: \(run.path): $: expected the run.json of a harness run, found", out: nil)
        }
    }

    @Test("index writes README.md with one row per results folder")
    func index() throws {
        try withTemporaryDirectory { tmp in
            let results = tmp.appendingPathComponent("results")
            _ = try Self.copyRun(to: results)
            _ = try Self.copyRun(to: results, name: "another")
            let result = try HarnessBinary.run(arguments: ["index", "results"], currentDirectory: tmp)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            let text = try String(contentsOf: results.appendingPathComponent("README.md"), encoding: .utf8)
            let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `") }
            #expect(rows.count == 2)
            #expect(rows.first?.hasPrefix("| `accumulate` | Gerstgrasser et al. 2024") == true, "\(text)")
            #expect(rows.allSatisfy { $0.contains("| 9 / 9 |") && $0.contains("/results.md)") })
            let bad = try HarnessBinary.run(arguments: ["index", "nowhere"], currentDirectory: tmp)
            BadInputTests.expectBadInput(bad, prefix: "error: \(tmp.path)/nowhere: $: ", out: nil)
        }
    }
}

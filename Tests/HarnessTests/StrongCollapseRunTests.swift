import Foundation
import Testing

/// End to end: `harness run` on the two shipped strong-collapse specs, cut down with `--set` and `--replicates` so a
/// debug build finishes in seconds. Claims about cells the cut-down sweep leaves out are reported as SKIP.
@Suite("harness run: strong collapse")
struct StrongCollapseRunTests {
    static let root = HarnessBinary.packageRoot

    static func claimLines(_ output: HarnessBinary.Output) -> [String] {
        output.stdoutLines.filter { $0.hasPrefix("PASS ") || $0.hasPrefix("FAIL ") || $0.hasPrefix("SKIP ") }
    }

    /// n stops at 20000 here (a debug build draws normals slowly), so the three claims about n = 10⁶ are SKIP.
    @Test("strong-collapse.json runs, checks its claims and writes the paired metrics")
    func mixtureSpec() throws {
        try withTemporaryDirectory { tmp in
            let out = tmp.appendingPathComponent("out")
            let result = try HarnessBinary.run(
                arguments: ["run", Self.root.appendingPathComponent("experiments/strong-collapse.json").path,
                            "--replicates", "20", "--set", "c2=100", "--set", "p2=0,0.001,0.5", "--set", "n=30,1000,20000",
                            "--out", out.path, "--quiet"],
                currentDirectory: tmp)
            #expect(result.exitCode == 0, "stdout:\n\(result.stdout)\nstderr:\n\(result.stderr)")
            let lines = Self.claimLines(result)
            #expect(lines.count == 7, "\(result.stdout)")
            #expect(lines.filter { $0.hasPrefix("PASS ") }.count == 4, "\(result.stdout)")
            #expect(lines.filter { $0.hasPrefix("SKIP ") && $0.contains("n=1000000") }.count == 3, "\(result.stdout)")

            let csv = try String(contentsOf: out.appendingPathComponent("results.csv"), encoding: .utf8)
            let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(rows.first?.prefix(11) == ["d", "sigma2", "c2", "p2", "estimator", "lambda", "n", "sampler", "regime", "generation", "metric"])
            let body = rows.dropFirst()
            #expect(body.count == 3 * 3 * 3)  // p₂ × n × metric, one generation
            #expect(body.allSatisfy { $0[7] == "statistics" })  // the default sampler
            #expect(Set(body.map { $0[10] }) == ["test_error", "clean_test_error", "gap"])
            // Every cell with n ≥ d + 2 carries its theory.
            #expect(body.allSatisfy { Double($0[18]) != nil }, "\(csv)")
        }
    }

    @Test("strong-collapse-size.json runs across the threshold and writes the paired metrics")
    func sizeSpec() throws {
        try withTemporaryDirectory { tmp in
            let out = tmp.appendingPathComponent("out")
            let result = try HarnessBinary.run(
                arguments: ["run", Self.root.appendingPathComponent("experiments/strong-collapse-size.json").path,
                            "--replicates", "4", "--set", "p2=0.5", "--set", "c2=1", "--set", "m=10,500,1000",
                            "--out", out.path, "--quiet"],
                currentDirectory: tmp)
            #expect(result.exitCode == 0, "stdout:\n\(result.stdout)\nstderr:\n\(result.stderr)")
            let lines = Self.claimLines(result)
            #expect(!lines.isEmpty && lines.allSatisfy { !$0.hasPrefix("FAIL ") }, "\(result.stdout)")
            let csv = try String(contentsOf: out.appendingPathComponent("results.csv"), encoding: .utf8)
            let body = csv.split(separator: "\n").dropFirst()
            #expect(body.count == 3 * 3)  // m × metric
            #expect(body.allSatisfy { !$0.contains("nan") })
        }
    }
}

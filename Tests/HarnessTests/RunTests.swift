import Foundation
import Testing

/// End to end: `harness run` as a subprocess, from a temporary folder, writing to a temporary --out.
@Suite("harness run")
struct RunTests {
    static let accumulatePath = HarnessBinary.packageRoot.appendingPathComponent("experiments/accumulate.json").path
    static let csvHeader = "d,T,sigma2,design,regime,generation,metric,mean,se,ci_low,ci_high,median,median_ci_low,median_ci_high,theory,z,n_replicates,n_nonfinite"

    /// Sized so that all six claims of accumulate.json hold with a margin (the weakest, accumulate-flattens, needs
    /// about 50 generations × 500 replicates to reach z ≤ −4; at 30 × 300 its expected z is only about −3).
    static let replicates = 500
    static let generations = 50

    @Test("accumulate.json (six claims) passes every claim and writes results.csv, results.md and run.json")
    func accumulatePasses() throws {
        try withTemporaryDirectory { tmp in
            try FileManager.default.createDirectory(at: tmp.appendingPathComponent("experiments"), withIntermediateDirectories: true)
            let specFile = try tmp.write(Specs.accumulateText, to: "experiments/accumulate.json")
            let out = tmp.appendingPathComponent("out")
            let result = try HarnessBinary.run(
                arguments: ["run", specFile.path, "--replicates", "\(Self.replicates)", "--set", "generations=\(Self.generations)",
                            "--out", out.path],
                currentDirectory: tmp)
            #expect(result.exitCode == 0, "stdout:\n\(result.stdout)\nstderr:\n\(result.stderr)")

            // One PASS line per claim, then the summary.
            let lines = result.stdoutLines
            let claimLines = lines.filter { $0.hasPrefix("PASS ") || $0.hasPrefix("FAIL ") || $0.hasPrefix("SKIP ") }
            #expect(claimLines.count == 6, "\(result.stdout)")
            #expect(claimLines.allSatisfy { $0.hasPrefix("PASS ") }, "\(result.stdout)")
            let ids = claimLines.compactMap { $0.split(separator: " ").dropFirst().first.map { String($0.dropLast()) } }
            #expect(ids == ["replace-linear", "accumulate-series", "accumulate-bound", "accumulate-beats-replace", "replace-grows", "accumulate-flattens"])
            #expect(lines.last?.hasPrefix("accumulate: 6 of 6 claims pass;") == true, "\(lines.last ?? "")")
            #expect(!result.stderr.contains("error"), "\(result.stderr)")

            // results.csv: header, then 3 regimes × generations rows, in regime then generation order.
            let csv = try String(contentsOf: out.appendingPathComponent("results.csv"), encoding: .utf8)
            let rows = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(rows.first?.hasPrefix(Self.csvHeader) == true, "\(rows.first ?? "")")
            #expect(rows.last == "", "the file ends with a newline")
            let body = rows.dropFirst().filter { !$0.isEmpty }
            #expect(body.count == 3 * Self.generations)
            let fields = body.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(fields.allSatisfy { $0.count == 18 })
            #expect(fields.map { $0[4] } == ["replace", "accumulate", "accumulate-subsample"].flatMap { Array(repeating: $0, count: Self.generations) })
            #expect(fields.map { Int($0[5]) } == Array(repeating: Array(1...Self.generations), count: 3).flatMap { $0 })
            #expect(fields.allSatisfy { $0[0] == "10" && $0[1] == "100" && $0[2] == "1" && $0[3] == "fixed" && $0[6] == "test_error" })
            #expect(fields.allSatisfy { $0[16] == "\(Self.replicates)" && $0[17] == "0" })
            #expect(fields.allSatisfy { Double($0[7])?.isFinite == true && Double($0[8]).map { $0 > 0 } == true })
            // Replace and accumulate have theory; accumulate-subsample has none.
            #expect(fields.filter { $0[4] != "accumulate-subsample" }.allSatisfy { Double($0[14]) != nil && Double($0[15]) != nil })
            #expect(fields.filter { $0[4] == "accumulate-subsample" }.allSatisfy { $0[14].isEmpty && $0[15].isEmpty })

            // results.md
            let md = try String(contentsOf: out.appendingPathComponent("results.md"), encoding: .utf8)
            #expect(md.contains("Claims: 6 of 6 pass"))

            // run.json
            let runData = try Data(contentsOf: out.appendingPathComponent("run.json"))
            let run = try #require(try JSONSerialization.jsonObject(with: runData) as? [String: Any])
            for key in ["spec", "spec_hash", "seed", "threads", "provenance"] {
                #expect(run[key] != nil, "run.json has no \(key)")
            }
            #expect((run["seed"] as? NSNumber)?.int64Value == 20_240_401)
            #expect((run["threads"] as? NSNumber)?.intValue ?? 0 >= 1)
            #expect((run["spec_hash"] as? String)?.hasPrefix("fnv1a64:") == true)
            let provenance = try #require(run["provenance"] as? [String: Any])
            #expect((provenance["blas"] as? String)?.isEmpty == false)
            let spec = try #require(run["spec"] as? [String: Any])
            #expect((spec["generations"] as? NSNumber)?.intValue == Self.generations, "run.json records the spec as run")
            #expect((spec["replicates"] as? NSNumber)?.intValue == Self.replicates)

            // Only the three results, no temporary files left over; nothing written beside --out.
            let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
            #expect(written == ["figure.svg", "results.csv", "results.md", "run.json"])
            #expect(!written.contains { $0.hasPrefix(".") })
            #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).sorted() == ["experiments", "out"])
        }
    }

    @Test("the shipped experiments/accumulate.json runs at reduced size: one verdict per claim, in order, and all three files")
    func shippedSpecRuns() throws {
        let raw = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.accumulatePath))) as? [String: Any]
        let claimIDs = try #require((raw?["claims"] as? [[String: Any]])?.compactMap { $0["id"] as? String })
        let regimes = try #require(raw?["regimes"] as? [String])
        try withTemporaryDirectory { tmp in
            let out = tmp.appendingPathComponent("out")
            let result = try HarnessBinary.run(
                arguments: ["run", Self.accumulatePath, "--replicates", "100", "--set", "generations=20", "--quiet", "--out", out.path],
                currentDirectory: tmp)
            // At this size a weak claim may fail (exit 1); bad input (2) or a crash may not.
            #expect(result.exitCode == 0 || result.exitCode == 1, "stdout:\n\(result.stdout)\nstderr:\n\(result.stderr)")
            let verdicts = result.stdoutLines.filter { $0.hasPrefix("PASS ") || $0.hasPrefix("FAIL ") || $0.hasPrefix("SKIP ") }
            #expect(verdicts.map { String($0.dropFirst(5).prefix { $0 != ":" }) } == claimIDs)
            #expect(!verdicts.contains { $0.hasPrefix("SKIP ") }, "every regime is run, so no claim is skipped")
            #expect(result.stderr.isEmpty, "--quiet: \(result.stderr)")
            let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
            #expect(written == ["figure.svg", "results.csv", "results.md", "run.json"])
            let csvRows = try String(contentsOf: out.appendingPathComponent("results.csv"), encoding: .utf8).split(separator: "\n")
            #expect(csvRows.first?.hasPrefix(Self.csvHeader) == true)
            #expect(csvRows.count == 1 + regimes.count * 20)
        }
    }

    /// A small, fast run for the reproducibility checks (its claims need not pass). Two cells, several
    /// replicate blocks per regime, so two threads really interleave work.
    static func smallRun(in tmp: URL, name: String, extra: [String]) throws -> (HarnessBinary.Output, Data) {
        let out = tmp.appendingPathComponent(name)
        let result = try HarnessBinary.run(
            arguments: ["run", accumulatePath, "--replicates", "60", "--set", "generations=20", "--set", "T=50,100", "--quiet",
                        "--out", out.path] + extra,
            currentDirectory: tmp)
        #expect(result.exitCode == 0 || result.exitCode == 1, "stderr: \(result.stderr)")
        return (result, try Data(contentsOf: out.appendingPathComponent("results.csv")))
    }

    @Test("results.csv is byte-identical for --threads 1 and --threads 2")
    func threadsDoNotChangeNumbers() throws {
        try withTemporaryDirectory { tmp in
            let (one, csv1) = try Self.smallRun(in: tmp, name: "one", extra: ["--threads", "1"])
            let (two, csv2) = try Self.smallRun(in: tmp, name: "two", extra: ["--threads", "2"])
            #expect(one.stdoutLines.last?.contains("on 1 thread;") == true, "\(one.stdout)")
            #expect(two.stdoutLines.last?.contains("on 2 threads;") == true, "\(two.stdout)")
            #expect(csv1.count > 1000)
            #expect(csv1 == csv2)
            // The claim verdicts are the same too (the lines differ only in the timing summary).
            #expect(one.stdoutLines.dropLast() == two.stdoutLines.dropLast())
        }
    }

    @Test("a different seed gives different numbers in the same layout")
    func seedsDiffer() throws {
        try withTemporaryDirectory { tmp in
            let (_, csv1) = try Self.smallRun(in: tmp, name: "seed1", extra: ["--set", "seed=1"])
            let (_, csv2) = try Self.smallRun(in: tmp, name: "seed2", extra: ["--set", "seed=2"])
            #expect(csv1 != csv2)
            let rows1 = String(decoding: csv1, as: UTF8.self).split(separator: "\n")
            let rows2 = String(decoding: csv2, as: UTF8.self).split(separator: "\n")
            #expect(rows1.count == 1 + 2 * 3 * 20)
            #expect(rows1.count == rows2.count)
            #expect(rows1.first == rows2.first)
            // Same keys (parameters, regime, generation) on every row; only the statistics change.
            #expect(rows1.map { $0.split(separator: ",").prefix(7) } == rows2.map { $0.split(separator: ",").prefix(7) })
            // And the same seed again reproduces the first file exactly.
            let (_, again) = try Self.smallRun(in: tmp, name: "seed1-again", extra: ["--set", "seed=1"])
            #expect(again == csv1)
        }
    }

    @Test("a false claim prints FAIL and exits 1, and the results are still written")
    func failingClaim() throws {
        let spec = """
            {
              "schema": 1,
              "name": "reversed",
              "family": "linear-regression",
              "parameters": { "d": 10, "T": 100, "sigma2": 1 },
              "regimes": ["replace", "accumulate", "accumulate-subsample"],
              "generations": 100,
              "replicates": 1000,
              "seed": 7,
              "claims": [
                { "id": "replace-beats-accumulate", "kind": "less-than", "regime": "replace", "than": "accumulate", "from_generation": 2 },
                { "id": "accumulate-beats-replace", "kind": "less-than", "regime": "accumulate", "than": "replace", "from_generation": 2 }
              ]
            }
            """
        try withTemporaryDirectory { tmp in
            try tmp.write(spec, to: "reversed.json")
            let out = tmp.appendingPathComponent("out")
            let result = try HarnessBinary.run(
                arguments: ["run", "reversed.json", "--set", "regimes=replace,accumulate", "--replicates", "40", "--set", "generations=20",
                            "--quiet", "--out", out.path],
                currentDirectory: tmp)
            #expect(result.exitCode == 1, "stdout:\n\(result.stdout)\nstderr:\n\(result.stderr)")
            let lines = result.stdoutLines
            #expect(lines.contains { $0.hasPrefix("FAIL replace-beats-accumulate: less-than replace < accumulate test_error") }, "\(result.stdout)")
            #expect(lines.contains { $0.hasPrefix("PASS accumulate-beats-replace: ") }, "\(result.stdout)")
            #expect(lines.last?.hasPrefix("reversed: 1 of 2 claims pass, 1 fail;") == true, "\(lines.last ?? "")")
            #expect(result.stderr.isEmpty, "a failed claim is not an error: \(result.stderr)")
            let md = try String(contentsOf: out.appendingPathComponent("results.md"), encoding: .utf8)
            #expect(md.contains("Claims: 1 of 2 pass"))
            let csvRows = try String(contentsOf: out.appendingPathComponent("results.csv"), encoding: .utf8).split(separator: "\n")
            #expect(csvRows.count == 1 + 2 * 20, "two regimes after the override")
        }
    }
}

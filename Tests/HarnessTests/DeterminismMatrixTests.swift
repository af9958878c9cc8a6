import Foundation
import Testing

/// The determinism matrix, end to end through the binary: results.csv is byte-identical whether the run used
/// 1 or 2 threads, ran whole or as 3 shards merged, or was killed with SIGKILL and resumed.
@Suite("harness: determinism matrix, resume and shards", .serialized)
struct DeterminismMatrixTests {
    /// 8 cells, about 6 s on one thread in a debug build: long enough to kill after the first checkpoint.
    static let sweepText = """
        { "schema": 1, "name": "sweep", "family": "linear-regression",
          "parameters": { "d": 4, "T": [12, 16, 20, 24, 28, 32, 40, 48], "sigma2": 1, "design": "fresh" },
          "regimes": ["replace", "accumulate-subsample"], "generations": 30, "replicates": 200, "seed": 11,
          "claims": [ { "id": "grows", "kind": "grows-without-bound", "regime": "replace", "k": 2 } ] }
        """
    static let cellCount = 8
    /// 200 replicates per cell are checkpointed as two slices of `Spec.replicatesPerPiece` = 100.
    static let pieceCount = 16

    func csv(_ folder: URL) throws -> Data { try Data(contentsOf: folder.appendingPathComponent("results.csv")) }

    func pieces(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".piece") }
    }

    /// Runs the N shards of `spec` in parallel, then merges them into `tmp/merged`; returns the merged folder.
    func shardAndMerge(_ spec: URL, _ n: Int, in tmp: URL, extra: [String] = [], expectedExit: Int32 = 0) throws -> URL {
        let shards = try (1...n).map { k in
            try HarnessProcess(["run", spec.path, "--shard", "\(k)/\(n)", "--out", "shard\(k)", "--threads", "1", "--quiet"] + extra,
                               in: tmp, name: "shard\(k)")
        }
        for (k, shard) in shards.enumerated() {
            let status = shard.wait()
            #expect(status == 0, "shard \(k + 1): \((try? String(contentsOf: tmp.appendingPathComponent("shard\(k + 1).err"), encoding: .utf8)) ?? "")")
        }
        let merged = try HarnessBinary.run(arguments: ["merge"] + (1...n).map { "shard\($0)" } + ["--out", "merged"], currentDirectory: tmp)
        #expect(merged.exitCode == expectedExit, "\(merged.stdout)\n\(merged.stderr)")
        return tmp.appendingPathComponent("merged")
    }

    @Test("threads 1 vs 2, whole vs 3 shards, fresh vs killed-and-resumed: identical results.csv")
    func matrix() throws {
        try withTemporaryDirectory { tmp in
            let spec = try tmp.write(Self.sweepText, to: "sweep.json")
            let one = try HarnessBinary.run(arguments: ["run", spec.path, "--out", "t1", "--threads", "1", "--quiet"], currentDirectory: tmp)
            #expect(one.exitCode == 0, "\(one.stdout)\n\(one.stderr)")
            let reference = try csv(tmp.appendingPathComponent("t1"))
            #expect(reference.count > 1000)

            let two = try HarnessBinary.run(arguments: ["run", spec.path, "--out", "t2", "--threads", "2", "--quiet"], currentDirectory: tmp)
            #expect(two.exitCode == 0)
            #expect(try csv(tmp.appendingPathComponent("t2")) == reference, "--threads 2 differs from --threads 1")

            let merged = try shardAndMerge(spec, 3, in: tmp)
            #expect(try csv(merged) == reference, "3 shards merged differ from the whole run")
            #expect(try String(contentsOf: merged.appendingPathComponent("results.md"), encoding: .utf8).contains("Claims: 1 of 1 pass"))

            // Kill -9 after the first checkpoint, then rerun the same command.
            let arguments = ["run", spec.path, "--out", "resumed", "--threads", "1", "--quiet"]
            let checkpoints = tmp.appendingPathComponent("resumed/.checkpoints")
            let victim = try HarnessProcess(arguments, in: tmp, name: "victim")
            let appeared = poll(timeout: 120) { !pieces(checkpoints).isEmpty || !victim.isRunning }
            victim.killNow()
            let saved = pieces(checkpoints).count
            #expect(appeared && saved >= 1 && saved < Self.pieceCount,
                    "expected a run killed part-way, found \(saved) of \(Self.pieceCount) checkpoints (the spec may be too small for this build)")
            #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("resumed/results.csv").path))

            let resumed = try HarnessBinary.run(arguments: Array(arguments.dropLast()), currentDirectory: tmp)
            #expect(resumed.exitCode == 0, "\(resumed.stdout)\n\(resumed.stderr)")
            #expect(resumed.stderr.contains("resumed \(saved) of \(Self.pieceCount) finished pieces"), "\(resumed.stderr)")
            #expect(try csv(tmp.appendingPathComponent("resumed")) == reference, "the resumed run differs from an uninterrupted one")
            #expect(!FileManager.default.fileExists(atPath: checkpoints.path), "checkpoints are removed once the results are written")
            print("determinism matrix (results.csv, \(reference.count) bytes): threads 1 = threads 2 = 3 shards merged = killed after \(saved)/\(Self.pieceCount) pieces and resumed")
        }
    }

    @Test("a single-cell spec is sharded by replicate blocks; the merge equals the whole run")
    func singleCellShards() throws {
        try withTemporaryDirectory { tmp in
            let spec = try tmp.write(Specs.accumulateText, to: "accumulate.json")
            let small = ["--replicates", "90", "--set", "generations=12"]
            let whole = try HarnessBinary.run(arguments: ["run", spec.path, "--out", "whole", "--quiet"] + small, currentDirectory: tmp)
            #expect(whole.exitCode == 0 || whole.exitCode == 1)
            let merged = try shardAndMerge(spec, 3, in: tmp, extra: small, expectedExit: whole.exitCode)
            #expect(try csv(merged) == csv(tmp.appendingPathComponent("whole")))
            let names = pieces(tmp.appendingPathComponent("shard2/pieces"))
            #expect(names.count == 1 && names[0].hasSuffix("-30-60.piece"), "shard 2 of 3 holds replicates 30..<60: \(names)")
        }
    }

    @Test("merge refuses a missing shard, a duplicate, another spec's shard and an unfinished shard (exit 2)")
    func mergeRefusals() throws {
        try withTemporaryDirectory { tmp in
            let spec = try tmp.write(Specs.accumulateText, to: "accumulate.json")
            let small = ["--replicates", "20", "--set", "generations=5", "--quiet", "--threads", "1"]
            for k in 1...3 {
                #expect(try HarnessBinary.run(arguments: ["run", spec.path, "--shard", "\(k)/3", "--out", "s\(k)"] + small, currentDirectory: tmp).exitCode == 0)
            }
            #expect(try HarnessBinary.run(arguments: ["run", spec.path, "--shard", "3/3", "--out", "other", "--set", "seed=2"] + small, currentDirectory: tmp).exitCode == 0)
            try FileManager.default.createDirectory(at: tmp.appendingPathComponent("empty"), withIntermediateDirectories: true)
            let cases: [([String], String)] = [
                (["s1", "s2"], "missing shard 3/3"),
                (["s1", "s2", "s2"], "expected each shard once"),
                (["s1", "s2", "other"], "expected a shard of the same run"),
                (["s1", "s2", "empty"], "expected the shard.json of a finished shard run"),
            ]
            for (folders, fragment) in cases {
                let result = try HarnessBinary.run(arguments: ["merge"] + folders + ["--out", "m"], currentDirectory: tmp)
                BadInputTests.expectBadInput(result, prefix: "error: ", fragments: [fragment], out: tmp.appendingPathComponent("m"))
            }
        }
    }

    @Test("checkpoints of another spec are refused, naming the folder to delete")
    func foreignCheckpointsRefused() throws {
        try withTemporaryDirectory { tmp in
            let spec = try tmp.write(Specs.accumulateText, to: "accumulate.json")
            let small = ["--replicates", "20", "--set", "generations=5", "--quiet", "--out", "out"]
            // A shard run leaves its pieces; planting them as checkpoints of a run with another seed must be refused.
            #expect(try HarnessBinary.run(arguments: ["run", spec.path, "--shard", "1/1", "--out", "s"] + small.dropLast(2), currentDirectory: tmp).exitCode == 0)
            try FileManager.default.createDirectory(at: tmp.appendingPathComponent("out"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: tmp.appendingPathComponent("s/pieces"), to: tmp.appendingPathComponent("out/.checkpoints"))
            let result = try HarnessBinary.run(arguments: ["run", spec.path, "--set", "seed=3"] + small, currentDirectory: tmp)
            #expect(result.exitCode == 2)
            #expect(result.stderrLines.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("expected a checkpoint of this run") && result.stderr.contains("delete \(tmp.appendingPathComponent("out/.checkpoints").path)"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("out/results.csv").path))
        }
    }

    @Test("a grid beyond the resource limits is refused up front with the estimate and --allow-large")
    func resourceGuard() throws {
        try withTemporaryDirectory { tmp in
            let spec = try tmp.write(Specs.accumulateText, to: "accumulate.json")
            let out = tmp.appendingPathComponent("out")
            for command in ["run", "validate"] {
                let extra = command == "run" ? ["--out", out.path] : []
                let result = try HarnessBinary.run(arguments: [command, spec.path, "--replicates", "5000000"] + extra, currentDirectory: tmp)
                BadInputTests.expectBadInput(result, prefix: "error: \(spec.path): $: expected a run within 8 GiB of traces",
                                             fragments: ["GiB of traces", "--allow-large"], out: out)
            }
            let allowed = try HarnessBinary.run(arguments: ["validate", spec.path, "--replicates", "5000000", "--allow-large"], currentDirectory: tmp)
            #expect(allowed.exitCode == 0, "\(allowed.stderr)")
        }
    }
}

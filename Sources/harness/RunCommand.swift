import ArgumentParser
import Experiments
import Foundation
import Reports

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a spec, write results.csv, results.md, figure.svg and run.json, and check its claims.",
        discussion: """
            Example: harness run experiments/accumulate.json --set d=7 --set T=40 --replicates 3000 --out /tmp/acc
            Finished cells are checkpointed in OUT/.checkpoints as they complete: rerunning the same command after an
            interruption resumes (and gives the same bytes); the folder is removed when the run is done. With
            --shard k/N only this shard's share runs, into OUT/pieces and OUT/shard.json; `harness merge` combines
            the N shard folders.
            Exits 0 when every claim passes, 1 when one fails, 2 on bad input.
            """)

    /// Where an unsharded run keeps its checkpoints until its results are written.
    static let checkpointFolder = ".checkpoints"

    @OptionGroup var options: SpecOptions

    @Option(help: "Output folder (default: results/<spec name>).")
    var out: String?

    @Option(help: "Worker threads (default: the number of cores). Never changes a number.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Run only share k of N (1 ≤ k ≤ N) into --out, for `harness merge`.", valueName: "k/N"))
    var shard: String?

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @Option(help: ArgumentHelp("OpenBLAS threads per worker (default 1; more can help one huge cell with few workers, and may change the last bits).", valueName: "n"))
    var blasThreads: Int = 1

    @Flag(help: "Refit on the full training set every generation (the reference loop) instead of the fast paths: the same numbers to rounding, much slower. For checking and benchmarking.")
    var direct = false

    func validate() throws {
        guard threads >= 1 && threads <= 1024 else { throw ValidationError("--threads must be between 1 and 1024, found \(threads)") }
        guard !(direct && shard != nil) else { throw ValidationError("--direct cannot be combined with --shard (merge expects fast-path pieces)") }
        guard !(blasThreads > 1 && shard != nil) else { throw ValidationError("--blas-threads > 1 cannot be combined with --shard (threaded BLAS may change the last bits between shards)") }
        guard blasThreads >= 1 && blasThreads <= 256 else { throw ValidationError("--blas-threads must be between 1 and 256, found \(blasThreads)") }
    }

    func run() throws {
        let spec = try options.load()
        let share = try shard.map { text throws(SpecError) in try Shard.parse(text, file: spec.file) }
        try options.checkResources(spec, threads: threads, shards: share?.count ?? 1)
        let started = Date()
        let start = DispatchTime.now()
        let err = FileHandle.standardError
        for cell in spec.cells {
            for warning in spec.family.warnings(cell) { err.write(Data("warning: \(cell.key): \(warning)\n".utf8)) }
        }
        let directory = URL(fileURLWithPath: out ?? "results/\(spec.name)")
        let store = CheckpointStore(
            // Direct fits and threaded BLAS agree with the default only to rounding, so their pieces are kept apart.
            directory: directory.appendingPathComponent((share == nil ? Self.checkpointFolder : ShardManifest.piecesFolder)
                                                        + (direct ? "-direct" : "") + (blasThreads > 1 ? "-blas\(blasThreads)" : "")),
            key: CheckpointKey(spec: spec))
        let plan = spec.plan(shard: share)
        let title = share.map { "\(spec.name) shard \($0)" } ?? spec.name
        let reporter: ProgressReporter? = quiet ? nil : ProgressReporter(title: title)
        var callback: (@Sendable (Int, Int) -> Void)? = nil
        if let reporter { callback = { done, total in reporter.update(done, total) } }
        let (pieces, resumed) = try Runner.simulate(spec, plan: plan, threads: threads, store: store,
                                                      blasThreads: blasThreads, direct: direct, progress: callback)
        reporter?.finish()
        if resumed > 0 && !quiet {
            err.write(Data("resumed \(resumed) of \(plan.count) finished piece\(plan.count == 1 ? "" : "s") from \(store.directory.path)\n".utf8))
        }

        if let share {
            do {
                try ShardManifest(spec: spec, shard: share, pieces: pieces.map(\.fileName)).write(to: directory)
            } catch {
                throw SpecError(file: directory.path, path: "--out", message: "expected a writable folder, found an error: \(error.localizedDescription)")
            }
            print("\(spec.name): shard \(share) done, \(pieces.count) piece\(pieces.count == 1 ? "" : "s") of \(spec.cells.count) cell\(spec.cells.count == 1 ? "" : "s") in \(directory.path)/; combine all \(share.count) with harness merge DIR... --out DIR")
            return
        }
        let result = Runner.finish(spec, pieces: pieces, threads: threads, wallSeconds: Runner.seconds(since: start))
        try ResultsOutput.write(result, to: directory, started: started)
        store.removeAll()
        try ResultsOutput.printVerdicts(result, directory: directory)
    }
}

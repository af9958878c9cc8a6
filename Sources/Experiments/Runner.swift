import Collapse
import Foundation

/// Runs a validated spec: planned pieces → engine → traces with theory → claims.
///
/// Three ways in, one way out:
/// - `run`: every cell, in memory (tests, and `harness run` without a checkpoint folder);
/// - `simulate` with a `CheckpointStore`: pieces already in the store are read back, the rest run and are saved
///   the moment each is finished (resume after `kill -9`; one shard of a job array);
/// - `finish`: pieces (from one run, a resumed run, or merged shards) → the `ExperimentResult`.
/// The result depends only on the pieces' numbers, which depend only on (seed, cell, replicate), so a whole,
/// resumed or merged run gives the same bytes.
public enum Runner {
    public static func run(_ spec: Spec, threads: Int, progress: (@Sendable (Int, Int) -> Void)? = nil) -> ExperimentResult {
        let start = DispatchTime.now()
        // Without a store nothing can fail.
        let pieces = (try? simulate(spec, plan: spec.plan(), threads: threads, store: nil, progress: progress))?.pieces ?? []
        return finish(spec, pieces: pieces, threads: threads, wallSeconds: seconds(since: start))
    }

    /// Computes the pieces of `plan` not already in `store`, saving each to `store` as it finishes; returns
    /// every piece of the plan in plan order, and how many were read back from the store. A piece that cannot be saved stops the run after the engine
    /// returns, as a `SpecError` naming the folder.
    public static func simulate(_ spec: Spec, plan: [WorkPiece], threads: Int, store: CheckpointStore?,
                                blasThreads: Int = 1, direct: Bool = false,
                                progress: (@Sendable (Int, Int) -> Void)? = nil) throws(SpecError) -> (pieces: [CellPiece], resumed: Int) {
        let cells = spec.cells
        let stored = try store?.load() ?? [:]
        let names = plan.map { CellPiece.fileName(cellKey: cells[$0.cell].key, replicates: $0.replicates) }
        let todo = plan.indices.filter { stored[names[$0]] == nil }
        let tasks = todo.map { i in
            CellTask(family: spec.family, parameters: cells[plan[i].cell], regimes: spec.regimes, generations: spec.generations,
                     replicateRange: plan[i].replicates, seed: spec.seed)
        }
        let failure = SaveFailure()
        var onFinished: (@Sendable (Int, CellOutcome) -> Void)? = nil
        if let store {
            onFinished = { _, outcome in
                do { try store.save(CellPiece(outcome)) } catch { failure.record(error) }
            }
        }
        let outcomes = tasks.isEmpty ? [] : Engine(threads: threads, blasThreads: blasThreads, direct: direct).run(tasks, progress: progress, cellFinished: onFinished)
        if let error = failure.first, let store {
            throw SpecError(file: store.directory.path, path: "--out", message: "expected a writable checkpoint folder, found an error: \(error.localizedDescription)")
        }
        var computed: [String: CellPiece] = [:]
        for (i, outcome) in zip(todo, outcomes) { computed[names[i]] = CellPiece(outcome) }
        return (names.map { stored[$0] ?? computed[$0]! }, plan.count - todo.count)
    }

    /// Assembles pieces into cells (in sweep order, replicates in order) and checks the claims. Every cell of
    /// the spec must be covered exactly by its pieces; `Merge` checks this before calling.
    public static func finish(_ spec: Spec, pieces: [CellPiece], threads: Int, wallSeconds: Double) -> ExperimentResult {
        var byCell: [String: [CellPiece]] = [:]
        for piece in pieces { byCell[piece.cellKey, default: []].append(piece) }
        let metricCount = spec.family.metrics.count
        let results = spec.cells.map { cell -> CellResult in
            let parts = (byCell[cell.key] ?? []).sorted { $0.replicates.lowerBound < $1.replicates.lowerBound }
            let traces = spec.regimes.indices.map { r in
                (0..<metricCount).map { m in
                    Trace(generations: spec.generations, replicates: parts.reduce(0) { $0 + $1.replicates.count },
                          values: Trace.concatenating(parts.map { $0.traces[r][m].values }))
                }
            }
            return CellResult(
                parameters: cell,
                regimes: spec.regimes,
                traces: traces,
                theory: spec.regimes.map { regime in
                    spec.family.metricNames.map { spec.family.theory(metric: $0, regime: regime, parameters: cell) }
                },
                fits: parts.reduce(0) { $0 + $1.fits },
                minimumNormFits: parts.reduce(0) { $0 + $1.minimumNormFits },
                warnings: spec.family.warnings(cell))
        }
        let claims = spec.claims.map { ClaimCheck.evaluate($0, family: spec.family, cells: results, replicates: spec.replicates) }
        return ExperimentResult(spec: spec, cells: results, claims: claims, threads: threads, wallSeconds: wallSeconds)
    }

    public static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

/// The first error from a worker thread's checkpoint write.
private final class SaveFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?

    func record(_ e: any Error) {
        lock.lock(); defer { lock.unlock() }
        if error == nil { error = e }
    }

    var first: (any Error)? {
        lock.lock(); defer { lock.unlock() }
        return error
    }
}

import Foundation
import LinearAlgebra

/// One cell of a sweep to simulate under several regimes.
public struct CellTask: Sendable {
    public let family: any ModelFamily.Type
    public let parameters: CellParameters
    public let regimes: [Regime]
    public let generations: Int
    public let replicates: Int
    public let seed: UInt64

    public init(family: any ModelFamily.Type, parameters: CellParameters, regimes: [Regime], generations: Int, replicates: Int, seed: UInt64) {
        self.family = family
        self.parameters = parameters
        self.regimes = regimes
        self.generations = generations
        self.replicates = replicates
        self.seed = seed
    }
}

/// The traces of one cell: `traces[regime index][metric index]`, in the task's regime and family's metric order.
public struct CellOutcome: Sendable {
    public let task: CellTask
    public let traces: [[Trace]]
    public let fits: Int
    public let minimumNormFits: Int
}

/// Runs cells on a fixed number of worker threads.
///
/// The work is cut into units of (cell, regime, block of `blockSize` replicates) before anything runs; each
/// unit's result is stored at its own index and assembled in replicate order afterwards. Every replicate draws
/// only from its own streams (`ReplicateStreams`), and BLAS is pinned to one thread, so the numbers are
/// identical for any thread count and any order in which units finish.
public struct Engine: Sendable {
    public let threads: Int
    public let blockSize: Int

    public init(threads: Int, blockSize: Int = 25) {
        precondition(threads >= 1 && blockSize >= 1)
        self.threads = threads
        self.blockSize = blockSize
    }

    struct Unit: Sendable {
        let task: Int
        let regime: Int
        let replicates: Range<Int>
    }

    /// Simulates every task. `progress(done, total)` is called after each unit, from a worker thread.
    public func run(_ tasks: [CellTask], progress: (@Sendable (Int, Int) -> Void)? = nil) -> [CellOutcome] {
        BLASRuntime.pinToSingleThread()
        var units: [Unit] = []
        for (t, task) in tasks.enumerated() {
            for r in task.regimes.indices {
                for start in stride(from: 0, to: task.replicates, by: blockSize) {
                    units.append(Unit(task: t, regime: r, replicates: start..<min(start + blockSize, task.replicates)))
                }
            }
        }
        let store = UnitStore(count: units.count)
        let frozenUnits = units
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let i = store.claimNext() {
                let unit = frozenUnits[i]
                let task = tasks[unit.task]
                let request = SimulationRequest(parameters: task.parameters, regime: task.regimes[unit.regime],
                                                generations: task.generations, replicates: unit.replicates, seed: task.seed)
                let block = task.family.simulate(request)
                let done = store.finish(i, block)
                progress?(done, frozenUnits.count)
            }
        }
        return assemble(tasks, units, store.results())
    }

    private func assemble(_ tasks: [CellTask], _ units: [Unit], _ blocks: [SimulationBlock]) -> [CellOutcome] {
        var perTask: [[[SimulationBlock]]] = tasks.map { Array(repeating: [], count: $0.regimes.count) }
        var fits = Array(repeating: 0, count: tasks.count)
        var fallbacks = Array(repeating: 0, count: tasks.count)
        for (unit, block) in zip(units, blocks) {  // units are in replicate order within (task, regime)
            perTask[unit.task][unit.regime].append(block)
            fits[unit.task] += block.fits
            fallbacks[unit.task] += block.minimumNormFits
        }
        return tasks.indices.map { t in
            let task = tasks[t]
            let metricCount = task.family.metrics.count
            let traces = perTask[t].map { blocks in
                (0..<metricCount).map { m in
                    Trace(generations: task.generations, replicates: task.replicates, values: blocks.flatMap { $0.values[m] })
                }
            }
            return CellOutcome(task: task, traces: traces, fits: fits[t], minimumNormFits: fallbacks[t])
        }
    }
}

/// Hands out unit indices and keeps finished blocks; the only state shared between workers.
private final class UnitStore: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var done = 0
    private var blocks: [SimulationBlock?]

    init(count: Int) { blocks = Array(repeating: nil, count: count) }

    func claimNext() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < blocks.count else { return nil }
        next += 1
        return next - 1
    }

    func finish(_ i: Int, _ block: SimulationBlock) -> Int {
        lock.lock(); defer { lock.unlock() }
        blocks[i] = block
        done += 1
        return done
    }

    func results() -> [SimulationBlock] {
        lock.lock(); defer { lock.unlock() }
        return blocks.map { $0! }
    }
}

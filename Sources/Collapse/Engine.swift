import Foundation
import LinearAlgebra

/// One cell of a sweep to simulate under several regimes.
public struct CellTask: Sendable {
    public let family: any ModelFamily.Type
    public let parameters: CellParameters
    public let regimes: [Regime]
    public let generations: Int
    /// How many replicates the task runs: `replicateRange.count`.
    public let replicates: Int
    /// Which replicates: `0..<replicates` for a whole cell; a later range when a run is sharded by replicate
    /// block. A replicate's numbers depend only on its index (its streams), never on the range around it.
    public let replicateRange: Range<Int>
    public let seed: UInt64

    public init(family: any ModelFamily.Type, parameters: CellParameters, regimes: [Regime], generations: Int, replicates: Int, seed: UInt64) {
        self.init(family: family, parameters: parameters, regimes: regimes, generations: generations, replicateRange: 0..<replicates, seed: seed)
    }

    public init(family: any ModelFamily.Type, parameters: CellParameters, regimes: [Regime], generations: Int, replicateRange: Range<Int>, seed: UInt64) {
        self.family = family
        self.parameters = parameters
        self.regimes = regimes
        self.generations = generations
        self.replicates = replicateRange.count
        self.replicateRange = replicateRange
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
///
/// `cellFinished` (optional) is called once per task, from a worker thread, as soon as the last unit of that task
/// is done, with the task's index and its assembled outcome, so a caller can checkpoint finished cells while the
/// rest still run. It sees exactly the outcome `run` returns for that task.
public struct Engine: Sendable {
    public let threads: Int
    public let blockSize: Int
    /// BLAS threads per worker (default 1: parallelism over units, one BLAS thread each). More can help a
    /// single huge cell; threaded BLAS may change the last bits of results.
    public let blasThreads: Int
    /// Force every family's reference loop (`SimulationRequest.direct`).
    public let direct: Bool

    public init(threads: Int, blockSize: Int = 25, blasThreads: Int = 1, direct: Bool = false) {
        precondition(threads >= 1 && blockSize >= 1 && blasThreads >= 1)
        self.threads = threads
        self.blockSize = blockSize
        self.blasThreads = blasThreads
        self.direct = direct
    }

    struct Unit: Sendable {
        let task: Int
        let regime: Int
        let replicates: Range<Int>
    }

    /// Simulates every task. `progress(done, total)` is called after each unit, from a worker thread;
    /// `cellFinished(task index, outcome)` once per task when its last unit is done.
    public func run(_ tasks: [CellTask], progress: (@Sendable (Int, Int) -> Void)? = nil,
                    cellFinished: (@Sendable (Int, CellOutcome) -> Void)? = nil) -> [CellOutcome] {
        BLASRuntime.setThreads(blasThreads)
        var units: [Unit] = []
        var unitsOfTask: [Range<Int>] = []
        for (t, task) in tasks.enumerated() {
            let first = units.count
            for r in task.regimes.indices {
                let range = task.replicateRange
                for start in stride(from: range.lowerBound, to: range.upperBound, by: blockSize) {
                    units.append(Unit(task: t, regime: r, replicates: start..<min(start + blockSize, range.upperBound)))
                }
            }
            unitsOfTask.append(first..<units.count)
        }
        // Costliest units first (longest-processing-time order), so the last units to finish are small ones and
        // no worker idles at the end behind one big cell. Only the order of work changes, never a number.
        let cost = units.map { unit -> Double in
            let task = tasks[unit.task]
            return task.family.estimatedOperationsPerGeneration(task.parameters, regime: task.regimes[unit.regime])
                * Double(task.generations) * Double(unit.replicates.count)
        }
        let order = units.indices.sorted { cost[$0] > cost[$1] || (cost[$0] == cost[$1] && $0 < $1) }
        let store = UnitStore(count: units.count, tasks: units.map(\.task), taskCount: tasks.count, order: order)
        for (t, range) in unitsOfTask.enumerated() where range.isEmpty {   // nothing to run: an empty outcome
            store.keep(assemble([tasks[t]], [], [])[0], task: t)
        }
        let frozenUnits = units
        let frozenRanges = unitsOfTask
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let i = store.claimNext() {
                let unit = frozenUnits[i]
                let task = tasks[unit.task]
                let request = SimulationRequest(parameters: task.parameters, regime: task.regimes[unit.regime],
                                                generations: task.generations, replicates: unit.replicates, seed: task.seed,
                                                direct: direct)
                let block = task.family.simulate(request)
                let (done, taskDone) = store.finish(i, block)
                progress?(done, frozenUnits.count)
                if taskDone {
                    // Assemble the task as soon as it is complete and let its blocks go, so a run holds each
                    // number once (blocks of unfinished tasks + outcomes), not twice.
                    let range = frozenRanges[unit.task]
                    let blocks = store.takeBlocks(range)
                    let outcome = assemble([task], Array(frozenUnits[range]).map { Unit(task: 0, regime: $0.regime, replicates: $0.replicates) }, blocks)[0]
                    store.keep(outcome, task: unit.task)
                    cellFinished?(unit.task, outcome)
                }
            }
        }
        return store.outcomes()
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
                    Trace(generations: task.generations, replicates: task.replicates, values: Trace.concatenating(blocks.map { $0.values[m] }))
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
    /// The task of every unit, and how many units of each task are still to finish.
    private let taskOfUnit: [Int]
    private var remaining: [Int]

    private var finished: [CellOutcome?]

    /// The order in which units are handed out.
    private let order: [Int]

    init(count: Int, tasks: [Int], taskCount: Int, order: [Int]) {
        self.order = order
        blocks = Array(repeating: nil, count: count)
        finished = Array(repeating: nil, count: taskCount)
        taskOfUnit = tasks
        remaining = Array(repeating: 0, count: taskCount)
        for t in tasks { remaining[t] += 1 }
    }

    func claimNext() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < blocks.count else { return nil }
        next += 1
        return order[next - 1]
    }

    /// Stores a finished block; returns the number of units done and whether this was its task's last unit.
    func finish(_ i: Int, _ block: SimulationBlock) -> (Int, Bool) {
        lock.lock(); defer { lock.unlock() }
        blocks[i] = block
        done += 1
        remaining[taskOfUnit[i]] -= 1
        return (done, remaining[taskOfUnit[i]] == 0)
    }

    /// The blocks of a range of units, all finished, removed from the store.
    func takeBlocks(_ range: Range<Int>) -> [SimulationBlock] {
        lock.lock(); defer { lock.unlock() }
        let taken = blocks[range].map { $0! }
        for i in range { blocks[i] = nil }
        return taken
    }

    func keep(_ outcome: CellOutcome, task: Int) {
        lock.lock(); defer { lock.unlock() }
        finished[task] = outcome
    }

    /// Every task's outcome, in task order (all finished).
    func outcomes() -> [CellOutcome] {
        lock.lock(); defer { lock.unlock() }
        return finished.map { $0! }
    }
}

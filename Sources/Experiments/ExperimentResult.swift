import Collapse
import Foundation

/// Everything one run produced: per cell and regime the traces, the theory curves, and the claim verdicts.
/// Writers format it; they compute no statistics of their own beyond `Summary`.
public struct ExperimentResult: Sendable {
    public let spec: Spec
    public let cells: [CellResult]
    public let claims: [ClaimResult]
    public let threads: Int
    public let wallSeconds: Double

    /// Every (cell, regime, metric, generation) row in output order. The traces are summarised on `threads`
    /// workers (each trace by one worker, so the numbers do not depend on the thread count).
    public var rows: [ResultRow] {
        let traces = cells.flatMap { cell in cell.traces.flatMap { $0 } }
        let summaries = Self.summarize(traces, threads: threads)
        var next = 0
        var rows: [ResultRow] = []
        for cell in cells {
            for (r, regime) in cell.regimes.enumerated() {
                for (m, description) in spec.family.metrics.enumerated() {
                    let metric = description.name
                    let perGeneration = summaries[next]
                    next += 1
                    let curve = cell.theory[r][m]
                    for g in 1...spec.generations {
                        let summary = perGeneration[g - 1]
                        let theory = curve?.value(g)
                        rows.append(ResultRow(cell: cell.parameters, regime: regime, generation: g, metric: metric,
                                              summary: summary, theory: theory,
                                              z: theory.map { description.isIndicator ? summary.proportionZ(against: $0) : summary.z(against: $0) }))
                    }
                }
            }
        }
        return rows
    }

    static func summarize(_ traces: [Trace], threads: Int) -> [[Summary]] {
        let out = SummarySlots(count: traces.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, traces.count))) { worker in
            for i in stride(from: worker, to: traces.count, by: max(1, min(threads, traces.count))) {
                out.set(i, traces[i].summaries())
            }
        }
        return out.values
    }

    /// True when every claim passed or was not applicable.
    public var allClaimsHold: Bool { claims.allSatisfy { $0.verdict != .fail } }
}

/// The outcome of one sweep cell.
public struct CellResult: Sendable {
    public let parameters: CellParameters
    public let regimes: [Regime]
    /// `traces[regime][metric]`.
    public let traces: [[Trace]]
    /// The theory each regime's metric follows, if any: `theory[regime][metric]`.
    public let theory: [[TheoryCurve?]]
    public let fits: Int
    public let minimumNormFits: Int
    public let warnings: [String]

    public func trace(_ regime: Regime, metricIndex: Int) -> Trace? {
        regimes.firstIndex(of: regime).map { traces[$0][metricIndex] }
    }
}

/// One line of results.csv.
public struct ResultRow: Sendable {
    public let cell: CellParameters
    public let regime: Regime
    public let generation: Int
    public let metric: String
    public let summary: Summary
    public let theory: Double?
    public let z: Double?

    public init(cell: CellParameters, regime: Regime, generation: Int, metric: String, summary: Summary, theory: Double?, z: Double?) {
        self.cell = cell
        self.regime = regime
        self.generation = generation
        self.metric = metric
        self.summary = summary
        self.theory = theory
        self.z = z
    }
}

/// One result slot per trace, filled from worker threads.
private final class SummarySlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[Summary]]

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func set(_ i: Int, _ value: [Summary]) {
        lock.lock(); defer { lock.unlock() }
        slots[i] = value
    }

    var values: [[Summary]] {
        lock.lock(); defer { lock.unlock() }
        return slots
    }
}

import Collapse

/// Everything one run produced: per cell and regime the traces, the theory curves, and the claim verdicts.
/// Writers format it; they compute no statistics of their own beyond `Summary`.
public struct ExperimentResult: Sendable {
    public let spec: Spec
    public let cells: [CellResult]
    public let claims: [ClaimResult]
    public let threads: Int
    public let wallSeconds: Double

    /// Every (cell, regime, metric, generation) row in output order.
    public var rows: [ResultRow] {
        var rows: [ResultRow] = []
        for cell in cells {
            for (r, regime) in cell.regimes.enumerated() {
                for (m, description) in spec.family.metrics.enumerated() {
                    let metric = description.name
                    let trace = cell.traces[r][m]
                    let curve = cell.theory[r][m]
                    for g in 1...spec.generations {
                        let summary = Summary(trace.atGeneration(g))
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

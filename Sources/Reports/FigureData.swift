import Collapse
import Experiments

/// What one figure shows, gathered from the rows of results.csv and the spec: no statistics are computed here
/// beyond reading `Summary` (mean and its 95% CI), and theory comes from the family's pure functions.
///
/// The x axis is the generation. When a spec runs a single generation and sweeps a numeric parameter (strong
/// model collapse: one fit, a grid over n and the synthetic fraction), the generation axis would hold one point,
/// so the x axis becomes that parameter instead and each remaining combination of swept values gets a panel.
public struct FigureData: Sendable {
    /// One (x, mean, CI) point of a regime's curve.
    public struct Point: Sendable, Equatable {
        public let x: Double
        public let mean: Double
        public let low: Double
        public let high: Double
    }

    /// A regime's data and, where the family has a closed form, its theory at the same x values.
    public struct Series: Sendable {
        public let regime: Regime
        public let points: [Point]
        public let theory: [(x: Double, y: Double)]
    }

    /// A named reference curve (a bound some claim checks against), drawn dotted in grey.
    public struct Reference: Sendable {
        public let name: String
        public let points: [(x: Double, y: Double)]
    }

    /// One small multiple: one metric in one group of cells.
    public struct Panel: Sendable {
        public let title: String
        public let metric: MetricDescription
        public let series: [Series]
        public let references: [Reference]
    }

    public let title: String
    public let caption: String
    public let xLabel: String
    /// True when the x axis is the generation (false when it is a swept parameter).
    public let xIsGeneration: Bool
    public let regimes: [Regime]
    public let panels: [Panel]
    /// Number of panel columns in the grid.
    public let columns: Int

    public init(spec: Spec, rows: [ResultRow], metadata: RunMetadata) {
        let family = spec.family
        var cells: [CellParameters] = []
        var seen: Set<String> = []
        for row in rows where seen.insert(row.cell.key).inserted { cells.append(row.cell) }
        let swept = spec.sweptParameters
        let xParameter = spec.generations == 1 ? Self.xParameter(spec: spec, cells: cells) : nil
        let grouping = swept.filter { $0 != xParameter }
        // Groups of cells that share a panel, in the order the sweep runs.
        var groups: [(key: String, cells: [CellParameters])] = []
        for cell in cells {
            let key = grouping.map { "\($0) = \(cell[$0].map { "\($0)" } ?? "–")" }.joined(separator: ", ")
            if let i = groups.firstIndex(where: { $0.key == key }) { groups[i].cells.append(cell) } else { groups.append((key, [cell])) }
        }
        let regimes = spec.regimes.filter { r in rows.contains { $0.regime == r } }
        var byKey: [String: [ResultRow]] = [:]
        for row in rows { byKey["\(row.cell.key)|\(row.regime.name)|\(row.metric)", default: []].append(row) }
        // Bounds the claims check a regime against, per metric (e.g. accumulate_limit).
        let boundNames = metadata.claims.compactMap { c in c.curve.map { (metric: c.metric, curve: $0) } }

        var panels: [Panel] = []
        for group in groups {
            for metric in family.metrics {
                var series: [Series] = []
                for regime in regimes {
                    var points: [Point] = []
                    var theory: [(x: Double, y: Double)] = []
                    for cell in group.cells {
                        let curve = family.theory(metric: metric.name, regime: regime, parameters: cell)
                        for row in byKey["\(cell.key)|\(regime.name)|\(metric.name)"] ?? [] {
                            let x = xParameter.flatMap { cell[$0]?.doubleValue } ?? Double(row.generation)
                            let s = row.summary
                            points.append(Point(x: x, mean: s.mean, low: s.ciLow, high: s.ciHigh))
                            if let y = curve?.value(row.generation), y.isFinite { theory.append((x, y)) }
                        }
                    }
                    guard !points.isEmpty else { continue }
                    series.append(Series(regime: regime, points: points, theory: theory))
                }
                var references: [Reference] = []
                for bound in boundNames where bound.metric == metric.name && !references.contains(where: { $0.name == bound.curve }) {
                    let points: [(x: Double, y: Double)] = group.cells.flatMap { cell -> [(x: Double, y: Double)] in
                        guard let curve = family.curve(named: bound.curve, metric: metric.name, parameters: cell) else { return [] }
                        let xs = xParameter == nil ? Array(1...spec.generations) : [1]
                        return xs.compactMap { g in
                            let x = xParameter.flatMap { cell[$0]?.doubleValue } ?? Double(g)
                            return curve.value(g).flatMap { $0.isFinite ? (x, $0) : nil }
                        }
                    }
                    if !points.isEmpty { references.append(Reference(name: bound.curve, points: points)) }
                }
                guard !series.isEmpty else { continue }
                panels.append(Panel(title: group.key, metric: metric, series: series, references: references))
            }
        }
        self.panels = panels
        self.regimes = regimes
        self.title = spec.title
        self.xIsGeneration = xParameter == nil
        self.xLabel = xParameter.map { "\($0) (swept parameter)" } ?? "generation (1 = fit on real data)"
        let metricCount = Set(panels.map(\.metric.name)).count
        self.columns = metricCount > 1 ? metricCount : min(max(panels.count, 1), 3)
        let fixed = spec.parameters.filter { $0.values.count == 1 }.map { "\($0.name) = \($0.values[0])" }
        var caption = "\(spec.replicates) replicates"
        if !fixed.isEmpty { caption += " · " + fixed.joined(separator: ", ") }
        if !spec.paper.isEmpty { caption = spec.paper + " · " + caption }
        self.caption = caption
    }

    /// The swept numeric parameter with the most values (first in schema order on a tie), if any.
    static func xParameter(spec: Spec, cells: [CellParameters]) -> String? {
        let numeric = spec.parameters.filter { p in p.values.count > 1 && p.values.allSatisfy { $0.doubleValue != nil } }
        var best: (name: String, count: Int)?
        for p in numeric where p.values.count > (best?.count ?? 0) { best = (p.name, p.values.count) }
        return best?.name
    }
}

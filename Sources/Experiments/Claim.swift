import Collapse

/// A statement a spec makes about its results, checked after the run.
///
/// Every check is a z-score against a standard error (default k = 4), evaluated at every generation in
/// `generations` and in every sweep cell where it applies:
/// - `matches-theory`: |mean − theory| ≤ k·SE. PASS says the data cannot tell the mean from the formula at
///   this many replicates; FAIL says they can.
/// - `below-bound`: mean ≤ bound + k·SE, with `curve` a named theory curve of the family.
/// - `above-bound`: mean ≥ bound − k·SE (a floor the data must reach, e.g. strong model collapse's p₂²c²).
/// - `less-than`: `regime` is significantly below `than`: mean(A − B) ≤ −k·SE(A − B), the difference taken per
///   replicate (regimes share random streams, so the comparison is paired). With `than_where` it compares cells
///   instead (see `ClaimCheck+Cells.swift`): each cell of `where` against its partner, the same cell with the
///   parameters of `than_where` changed (e.g. temperature 0.7 against temperature 1), `than` defaulting to the same
///   regime. Different cells have independent streams, so the test is unpaired, at every generation of the window:
///   z = (mean_A − mean_B)/√(se_A² + se_B²) ≤ −k.
/// - `grows-without-bound`: the rise over the later half, e(G) − e(mid), is still at least `share` (default 0.5)
///   of the rise over the earlier half, e(mid) − e(first), significantly: z ≥ k for the per-replicate
///   statistic (e(G) − e(mid)) − share·(e(mid) − e(first)). Linear growth gives a ratio near 1, a converging
///   curve a ratio near 0.
/// - `decreases` / `increases`: the per-replicate change e(to_generation) − e(from_generation) is significantly
///   negative / positive: z ≤ −k / z ≥ k (paired, so a small change can be shown with few replicates).
/// - `bounded`: the opposite, the later rise is significantly below `share` (default 0.1) of the earlier:
///   z ≤ −k. A finite run cannot prove a limit exists; this checks the curve has flattened.
///
/// `statistic: median` checks the median instead of the mean, with the SE read off its distribution-free confidence
/// interval (for heavy-tailed metrics, PAPERS.md §0.5). `where` restricts the claim to the cells whose parameters
/// take the given values (e.g. a law that holds only for generations k ≤ M, claimed separately per M).
public struct Claim: Sendable, Equatable {
    public enum Statistic: String, CaseIterable, Sendable {
        case mean, median
    }

    public enum Kind: String, CaseIterable, Sendable {
        case matchesTheory = "matches-theory"
        case belowBound = "below-bound"
        case aboveBound = "above-bound"
        case lessThan = "less-than"
        case growsWithoutBound = "grows-without-bound"
        case bounded
        case decreases
        case increases
    }

    public let id: String
    public let kind: Kind
    public let metric: String
    public let regime: Regime
    /// The other regime of `less-than`.
    public let than: Regime?
    /// A named theory curve: the bound of `below-bound`, or the formula of `matches-theory` (default: the
    /// regime's own theory).
    public let curve: String?
    public let k: Double
    public let share: Double
    /// First and last generation checked (inclusive).
    public let fromGeneration: Int
    public let toGeneration: Int
    /// The claim in words, as the paper states it.
    public let statement: String?
    public let statistic: Statistic
    /// Only cells whose parameters have these values (compared as canonical text) are checked.
    public let filter: [(String, ParameterValue)]
    /// `less-than` across cells: the partner of a cell is the cell with these parameter values instead (every name
    /// here is also in `filter`, with another value). Empty for the paired, same-cell comparison.
    public let thanFilter: [(String, ParameterValue)]

    public static func == (a: Claim, b: Claim) -> Bool {
        a.id == b.id && a.kind == b.kind && a.metric == b.metric && a.regime == b.regime && a.than == b.than
            && a.curve == b.curve && a.k == b.k && a.share == b.share && a.fromGeneration == b.fromGeneration
            && a.toGeneration == b.toGeneration && a.statement == b.statement && a.statistic == b.statistic
            && a.filter.map { "\($0.0)=\($0.1)" } == b.filter.map { "\($0.0)=\($0.1)" }
            && a.thanFilter.map { "\($0.0)=\($0.1)" } == b.thanFilter.map { "\($0.0)=\($0.1)" }
    }

    /// Whether the claim applies to a cell.
    public func applies(to cell: CellParameters) -> Bool {
        filter.allSatisfy { name, value in cell[name]?.description == value.description }
    }

    public init(id: String, kind: Kind, metric: String, regime: Regime, than: Regime?, curve: String?, k: Double,
                share: Double, fromGeneration: Int, toGeneration: Int, statement: String?,
                statistic: Statistic = .mean, filter: [(String, ParameterValue)] = [],
                thanFilter: [(String, ParameterValue)] = []) {
        self.id = id
        self.kind = kind
        self.metric = metric
        self.regime = regime
        self.than = than
        self.curve = curve
        self.k = k
        self.share = share
        self.fromGeneration = fromGeneration
        self.toGeneration = toGeneration
        self.statement = statement
        self.statistic = statistic
        self.filter = filter
        self.thanFilter = thanFilter
    }

    /// Whether the claim compares cells (`less-than` with `than_where`) rather than regimes within a cell.
    public var comparesCells: Bool { !thanFilter.isEmpty }

    /// The partner of `cell` in a cross-cell comparison: its parameters with those of `than_where` substituted.
    public func partner(of cell: CellParameters) -> CellParameters {
        CellParameters(cell.entries.map { name, value in (name, thanFilter.first { $0.0 == name }?.1 ?? value) })
    }
}

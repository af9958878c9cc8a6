import Collapse

/// A statement a spec makes about its results, checked after the run.
///
/// Every check is a z-score against a standard error (default k = 4), evaluated at every generation in
/// `generations` and in every sweep cell where it applies:
/// - `matches-theory`: |mean − theory| ≤ k·SE. PASS says the data cannot tell the mean from the formula at
///   this many replicates; FAIL says they can.
/// - `below-bound`: mean ≤ bound + k·SE, with `bound` a named theory curve of the family.
/// - `less-than`: `regime` is significantly below `than`: mean(A − B) ≤ −k·SE(A − B), the difference taken per
///   replicate (regimes share random streams, so the comparison is paired).
/// - `grows-without-bound`: the rise over the later half, e(G) − e(mid), is still at least `share` (default 0.5)
///   of the rise over the earlier half, e(mid) − e(first), significantly: z ≥ k for the per-replicate
///   statistic (e(G) − e(mid)) − share·(e(mid) − e(first)). Linear growth gives a ratio near 1, a converging
///   curve a ratio near 0.
/// - `bounded`: the opposite, the later rise is significantly below `share` (default 0.1) of the earlier:
///   z ≤ −k. A finite run cannot prove a limit exists; this checks the curve has flattened.
public struct Claim: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        case matchesTheory = "matches-theory"
        case belowBound = "below-bound"
        case lessThan = "less-than"
        case growsWithoutBound = "grows-without-bound"
        case bounded
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

    public init(id: String, kind: Kind, metric: String, regime: Regime, than: Regime?, curve: String?, k: Double,
                share: Double, fromGeneration: Int, toGeneration: Int, statement: String?) {
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
    }
}

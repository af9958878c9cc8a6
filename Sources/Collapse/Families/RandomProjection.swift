/// Strong model collapse against model size (Dohmatob, Feng, Subramonian, Kempe, ICLR 2025, arXiv:2410.04840,
/// the random-projection model): f(x) = vᵀSx with S a fixed m×d matrix, entries N(0, 1/d), drawn per replicate;
/// v fit by ridge on the projected features z = Sx.
///
/// Data as in `MixtureRegression`: w₁* ~ N(0, I_d/d), δ uniform on ‖δ‖² = c², n rows x ~ N(0, I_d), the last
/// n₂ = round(p₂·n) labelled by w₂* = w₁* + δ. With Z = XSᵀ (n×m), v = (ZᵀZ + nλI)⁻¹Zᵀy, the minimiser of
/// (1/n)‖y − Zv‖² + λ‖v‖² (computed as Zᵀ(ZZᵀ + nλI)⁻¹y when m > n). The predictor is linear in x with weights
/// Sᵀv, so the test error is ‖Sᵀv − w₁*‖² (noise excluded). m = n is the interpolation threshold; d > n is
/// needed for it to exist (with d ≤ n the rank of Z stops at d, PAPERS.md §5).
///
/// Metrics, paired per replicate: `test_error`, `clean_test_error` (same X, S and noise, every label real) and
/// `gap` = their difference. One-shot: `generations: 1`, regime `replace`.
public enum RandomProjection: ModelFamily {
    public static let maximumGenerations: Int? = 1
    public static let name = "random-projection"
    public static let version = 1
    public static let summary = "ridge on random projections of real + synthetic data, swept in model size m (Dohmatob et al. 2025)"

    public static let parameters: [ParameterSchema] = [
        ParameterSchema("n", .integer(minimum: 1, maximum: 100_000), summary: "training rows n = n₁ + n₂"),
        ParameterSchema("d", .integer(minimum: 1, maximum: 20_000), summary: "input dimension"),
        ParameterSchema("sigma2", .real(minimum: 0), summary: "label noise variance σ²"),
        ParameterSchema("c2", .real(minimum: 0), summary: "generator quality c² = ‖w₂* − w₁*‖²"),
        ParameterSchema("p2", .real(minimum: 0, maximum: 1), summary: "synthetic fraction p₂ = n₂/n (n₂ = round(p₂·n))"),
        ParameterSchema("lambda", .real(minimum: 0), summary: "ridge penalty λ (objective (1/n)‖y − Zv‖² + λ‖v‖²); 0 is ridgeless (minimum norm)"),
        ParameterSchema("m", .integer(minimum: 1, maximum: 100_000), summary: "model size: rows of the projection S"),
    ]

    public static let metrics = [
        MetricDescription("test_error", "‖Sᵀv − w₁*‖² of the fit on real + synthetic labels (noise excluded)"),
        MetricDescription("clean_test_error", "‖Sᵀv − w₁*‖² of the same replicate's fit with every label real"),
        MetricDescription("gap", "test_error − clean_test_error, per replicate"),
    ]
    public static let regimes: [Regime] = [.replace]
    public static let curveNames = ["gap_below", "gap_limit"]

    /// The ridge may move the fit by at most this share of the smallest eigenvalue scale of ZᵀZ for the
    /// ridgeless law to count as the cell's theory.
    static let ridgeTolerance = 0.01

    public static func problems(_ p: CellParameters) -> [ParameterProblem] { [] }

    public static func warnings(_ p: CellParameters) -> [String] {
        let n = p.integer("n"), d = p.integer("d")
        guard d <= n else { return [] }
        return ["d = \(d) ≤ n = \(n): the projected features have rank at most d, so there is no interpolation threshold at m = n (PAPERS.md §5); use d > n"]
    }

    /// The `gap` follows the ridgeless below-threshold law (`gap_below`) where it applies: m ≤ n − 2 and a
    /// ridge too small to matter, nλ ≤ 1% of n(1 − √(m/n))², the Marchenko–Pastur lower edge of ZᵀZ's spectrum
    /// (so the ridge shifts the fit by about 1% or less). No closed form elsewhere, nor for the errors themselves.
    public static func theory(metric: String, regime: Regime, parameters p: CellParameters) -> TheoryCurve? {
        guard regime == .replace, metric == "gap" else { return nil }
        let n = Double(p.integer("n")), m = Double(p.integer("m"))
        let edge = (1 - (m / n).squareRoot()) * (1 - (m / n).squareRoot())
        guard m <= n - 2, p.real("lambda") <= ridgeTolerance * edge else { return nil }
        return curve(named: "gap_below", metric: metric, parameters: p)
    }

    /// `gap_below`: p₂c²[(1 − r)·m/(n − m − 1) + p₂r + p₁r·m/(n − m)], r = m/d, for m ≤ n − 2 (ridgeless);
    /// `gap_limit`: p₂c²[p₂n/d + p₁n/(d − n)], the gap of ridgeless regression on x itself (m → ∞), d ≥ n + 2.
    /// Both for the `gap` metric only.
    public static func curve(named name: String, metric: String, parameters p: CellParameters) -> TheoryCurve? {
        guard metric == "gap" else { return nil }
        let n = p.integer("n"), d = p.integer("d"), m = p.integer("m"), c2 = p.real("c2")
        let n2 = StrongCollapseTheory.syntheticCount(n: n, p2: p.real("p2"))
        switch name {
        case "gap_below":
            guard let v = StrongCollapseTheory.projectionGapBelowThreshold(c2: c2, d: d, n: n, n2: n2, m: m) else { return nil }
            return TheoryCurve(name: name, formula: "p₂c²[(1−r)·m/(n−m−1) + p₂r + p₁r·m/(n−m)], r = m/d (ridgeless, m < n − 1)") { _ in v }
        case "gap_limit":
            guard let v = StrongCollapseTheory.projectionGapLimit(c2: c2, d: d, n: n, n2: n2) else { return nil }
            return TheoryCurve(name: name, formula: "p₂c²[p₂n/d + p₁n/(d−n)] (ridgeless regression on x, m → ∞)") { _ in v }
        default:
            return nil
        }
    }

    public static func simulate(_ request: SimulationRequest) -> SimulationBlock {
        Model(request.parameters).simulate(request)
    }

    /// The parameters of one cell, unpacked.
    public struct Model: Sendable {
        public let n: Int
        public let d: Int
        public let m: Int
        public let n2: Int
        public let sigma: Double
        public let c2: Double
        /// n·λ, the ridge added to ZᵀZ (or ZZᵀ).
        public let ridge: Double

        public init(_ p: CellParameters) {
            n = p.integer("n")
            d = p.integer("d")
            m = p.integer("m")
            n2 = StrongCollapseTheory.syntheticCount(n: n, p2: p.real("p2"))
            sigma = p.real("sigma2").squareRoot()
            c2 = p.real("c2")
            ridge = Double(n) * p.real("lambda")
        }

        public var n1: Int { n - n2 }
    }
}

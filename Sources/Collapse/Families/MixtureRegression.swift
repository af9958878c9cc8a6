/// Strong model collapse (Dohmatob, Feng, Subramonian, Kempe, ICLR 2025, arXiv:2410.04840): one least-squares
/// fit on a mix of real and synthetic labels.
///
/// Per replicate: w₁* ~ N(0, I_d/d) (so ‖w₁*‖² ≈ 1; the OLS error does not depend on w₁*, ridge's does) and a
/// generator w₂* = w₁* + δ with δ uniform on the sphere ‖δ‖² = c². The training set has n rows x ~ N(0, I_d):
/// the first n₁ = n − n₂ labelled y = xᵀw₁* + ε (real), the last n₂ = round(p₂·n) labelled y = xᵀw₂* + ε
/// (synthetic), ε ~ N(0, σ²). Estimator `ols` (ridgeless; minimum-norm when n ≤ d + 1) or `ridge`,
/// ŵ = (XᵀX + nλI)⁻¹Xᵀy, i.e. the minimiser of (1/n)‖y − Xw‖² + λ‖w‖².
///
/// Metrics, per replicate and paired: `test_error` = ‖ŵ − w₁*‖² (noise excluded), `clean_test_error` = the same
/// with every label real (same X, same noise: the p₂ = 0 fit of the same replicate), and `gap` = their
/// difference, so the floor can be read straight off the table.
///
/// A one-shot experiment: run it with `generations: 1` and the `replace` regime (the loop cut at one generation,
/// DESIGN.md). Generations after the first are not defined and are recorded as NaN.
///
/// The fit needs only XᵀX and Xᵀ[y_mixed y_clean]; by default (`sampler: statistics`) they are drawn directly,
/// exactly in distribution, at O(d³) per replicate whatever n (`MixtureRegression+SampledStatistics.swift`);
/// `sampler: samples` draws the n rows (`MixtureRegression+Fit.swift`). Version 2: the statistics sampler.
public enum MixtureRegression: ModelFamily {
    public static let maximumGenerations: Int? = 1
    public static let name = "mixture-regression"
    public static let version = 2
    public static let summary = "one least-squares fit on real + synthetic labels (Dohmatob et al. 2025, strong model collapse)"

    public static let parameters: [ParameterSchema] = [
        ParameterSchema("d", .integer(minimum: 1, maximum: 4096), summary: "number of features"),
        ParameterSchema("sigma2", .real(minimum: 0), summary: "label noise variance σ²"),
        ParameterSchema("c2", .real(minimum: 0), summary: "generator quality c² = ‖w₂* − w₁*‖² (0: perfect synthetic labels)"),
        ParameterSchema("p2", .real(minimum: 0, maximum: 1), summary: "synthetic fraction p₂ = n₂/n (n₂ = round(p₂·n))"),
        ParameterSchema("estimator", .choice(["ols", "ridge"]), default: .text("ols"),
                        summary: "ols: ridgeless least squares (minimum-norm when n ≤ d + 1); ridge: (XᵀX + nλI)⁻¹Xᵀy"),
        ParameterSchema("lambda", .real(minimum: 0), default: .real(0), summary: "ridge penalty λ (objective (1/n)‖y − Xw‖² + λ‖w‖²)"),
        ParameterSchema("n", .integer(minimum: 1, maximum: 1_000_000_000), summary: "training rows n = n₁ + n₂"),
        DataSampler.schema(statistics: "draw XᵀX ~ Wishart(n, I) and Xᵀε ~ N(0, σ²XᵀX) per block of rows directly (exact in distribution)"),
    ]

    public static let metrics = [
        MetricDescription("test_error", "‖ŵ − w₁*‖² of the fit on real + synthetic labels (noise excluded)"),
        MetricDescription("clean_test_error", "‖ŵ − w₁*‖² of the same replicate's fit with every label real"),
        MetricDescription("gap", "test_error − clean_test_error, per replicate"),
    ]
    public static let regimes: [Regime] = [.replace]
    public static let curveNames = ["exact", "paper", "clean", "floor"]

    public static func problems(_ p: CellParameters) -> [ParameterProblem] {
        if p.text("estimator") == "ols", p.real("lambda") != 0 {
            return [ParameterProblem(parameter: "lambda", message: "expected 0 with estimator \"ols\" (λ is the ridge penalty; use \"estimator\": \"ridge\"), found \(ParameterValue.real(p.real("lambda")))")]
        }
        return []
    }

    public static func warnings(_ p: CellParameters) -> [String] {
        let model = Model(p)
        guard model.minimumNorm else { return [] }
        return ["n = \(model.n) ≤ d + 1 = \(model.d + 1): fits are minimum-norm least squares, and no theory is defined (σ²d/(n−d−1) needs n ≥ d + 2)"]
    }

    public static func theory(metric: String, regime: Regime, parameters p: CellParameters) -> TheoryCurve? {
        regime == .replace ? curve(named: "exact", metric: metric, parameters: p) : nil
    }

    /// Named curves (all constant in the generation; theory only for ridgeless fits with n ≥ d + 2):
    /// - `exact`: the exact means (`StrongCollapseTheory.expectedTestError`, `cleanError`, `syntheticBias`);
    /// - `paper`: the paper's approximation for test_error and gap, the clean curve for clean_test_error;
    /// - `clean`: σ²d/(n − d − 1), for any metric;
    /// - `floor`: p₂²c², for any metric (a level: `above-bound` on `clean_test_error` against it is the
    ///   negative control, since the all-real fit has no floor).
    public static func curve(named name: String, metric: String, parameters p: CellParameters) -> TheoryCurve? {
        let model = Model(p)
        let (d, n, n2, sigma2, c2) = (model.d, model.n, model.n2, model.sigma * model.sigma, model.c2)
        if name == "floor" {
            let value = StrongCollapseTheory.floor(c2: c2, n: n, n2: n2)
            return TheoryCurve(name: name, formula: "p₂²c² (Dohmatob et al. 2025)") { _ in value }
        }
        guard model.ridgeless else { return nil }
        let value: Double?
        let formula: String
        switch (name, metric) {
        case ("clean", _), ("exact", "clean_test_error"), ("paper", "clean_test_error"):
            value = StrongCollapseTheory.cleanError(sigma2: sigma2, d: d, n: n)
            formula = "σ²d/(n−d−1) (exact)"
        case ("exact", "test_error"):
            value = StrongCollapseTheory.expectedTestError(sigma2: sigma2, c2: c2, d: d, n: n, n2: n2)
            formula = "σ²d/(n−d−1) + c²[n₂(n₂+2)/(n(n+2)) + n₁n₂(n+1)(d−1)/(n(n−1)(n+2)(n−d−1))] (exact)"
        case ("exact", "gap"):
            value = StrongCollapseTheory.syntheticBias(c2: c2, d: d, n: n, n2: n2)
            formula = "c²[n₂(n₂+2)/(n(n+2)) + n₁n₂(n+1)(d−1)/(n(n−1)(n+2)(n−d−1))] (exact)"
        case ("paper", "test_error"):
            value = StrongCollapseTheory.paperTestError(sigma2: sigma2, c2: c2, d: d, n: n, n2: n2)
            formula = "σ²d/(n−d−1) + p₂²c² + p₁p₂c²φ/(1−φ), φ = d/n (Dohmatob et al. 2025; approximate)"
        case ("paper", "gap"):
            value = StrongCollapseTheory.paperGap(c2: c2, d: d, n: n, n2: n2)
            formula = "p₂²c² + p₁p₂c²φ/(1−φ), φ = d/n (Dohmatob et al. 2025; approximate)"
        default:
            return nil
        }
        guard let value else { return nil }
        return TheoryCurve(name: name, formula: formula) { _ in value }
    }

    public static func simulate(_ request: SimulationRequest) -> SimulationBlock {
        Model(request.parameters).simulate(request)
    }

    /// The parameters of one cell, unpacked.
    public struct Model: Sendable {
        public let d: Int
        public let n: Int
        public let n2: Int
        public let sigma: Double
        public let c2: Double
        /// The ridge term added to XᵀX: n·λ for `ridge`, 0 for `ols`.
        public let ridge: Double
        public let sampler: DataSampler

        public init(_ p: CellParameters) {
            d = p.integer("d")
            n = p.integer("n")
            n2 = StrongCollapseTheory.syntheticCount(n: n, p2: p.real("p2"))
            sigma = p.real("sigma2").squareRoot()
            c2 = p.real("c2")
            ridge = p.text("estimator") == "ridge" ? Double(n) * p.real("lambda") : 0
            sampler = DataSampler(p)
        }

        public var n1: Int { n - n2 }
        public var ridgeless: Bool { ridge == 0 }
        /// Ridgeless fits with too few rows for the OLS theory use the minimum-norm solution.
        public var minimumNorm: Bool { ridgeless && n <= d + 1 }
    }
}

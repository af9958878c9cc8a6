import LinearAlgebra

/// A Gaussian refit on its own samples (Shumailov et al., Nature 2024; Kazdan et al. 2024, "Collapse or Thrive?").
///
/// Truth N(μ₀·1, σ²I_d). Generation 1 fits M₁ real samples; generation g ≥ 2 samples M_g = max(2, round(M·gᵅ))
/// points from the previous fit and refits under the regime. The fit is the sample mean and the scatter divided
/// by N − 1 (`unbiased`, the estimator of Shumailov et al.'s theorem) or N (`mle`, their notebook and Kazdan et al.),
/// N the size of the training set. Metrics per generation:
/// - `mean_error` ‖μₖ − μ₀‖²;
/// - `variance_ratio` tr Σₖ / tr Σ₀ (σₖ²/σ² in one dimension);
/// - `log_variance_ratio` log det Σₖ − log det Σ₀ (−∞, flagged as non-finite, once Σₖ is singular);
/// - `w2` the squared 2-Wasserstein distance to the truth, exact for Gaussians:
///   ‖μₖ − μ₀‖² + tr Σₖ + dσ² − 2σ·Σᵢ√λᵢ(Σₖ), since (Σ₀^½ΣₖΣ₀^½)^½ = σΣₖ^½ when Σ₀ = σ²I;
/// - `tail_mass` the probability the fit puts beyond the true 3σ tails of the first coordinate,
///   Φ((μ₀ − 3σ − μₖ₁)/sₖ) + Φ((μₖ₁ − μ₀ − 3σ)/sₖ) with sₖ² = (Σₖ)₁₁ (truth: 2Φ(−3) = 0.0027);
/// - `collapsed` 1 when tr Σₖ < 0.1·tr Σ₀, so its mean is P(σₖ² < 0.1σ²).
///
/// Every metric is a function of the fit, and the fit of (count, mean, scatter); so by default (`sampler:
/// statistics`) those statistics are drawn directly, exactly in distribution (`Gaussian+StatisticsPath.swift`),
/// and `sampler: samples` draws every sample (`Gaussian+FastPath.swift`, pinned to `ReferenceLoop`); tests check
/// the two agree in distribution. Version 2: the statistics sampler (draw order in `Gaussian+StatisticsPath.swift`).
public enum Gaussian: ModelFamily {
    public static let name = "gaussian"
    public static let version = 2
    public static let summary = "a Gaussian refit on its own samples (Shumailov et al. 2024; Kazdan et al. 2024)"

    public static let parameters: [ParameterSchema] = [
        ParameterSchema("d", .integer(minimum: 1, maximum: 1024), default: .integer(1), summary: "dimension"),
        ParameterSchema("M", .integer(minimum: 2, maximum: 100_000_000), summary: "samples per generation (at generation 1)"),
        ParameterSchema("alpha", .real(minimum: 0, maximum: 4), default: .integer(0),
                        summary: "sample-size schedule exponent: generation g draws round(M·g^alpha) samples"),
        ParameterSchema("estimator", .choice(["unbiased", "mle"]), default: .text("unbiased"),
                        summary: "variance estimator: scatter/(N−1) or scatter/N"),
        ParameterSchema("sigma2", .real(minimum: 1e-300), default: .integer(1), summary: "true variance σ² per coordinate"),
        ParameterSchema("mu", .real(minimum: -1e300, maximum: 1e300), default: .integer(0), summary: "true mean of every coordinate"),
        DataSampler.schema(statistics: "draw each generation's count, mean and scatter directly (exact in distribution)"),
    ]

    public static let metrics = [
        MetricDescription("mean_error", "‖μₖ − μ₀‖², squared distance of the fitted mean from the true mean"),
        MetricDescription("variance_ratio", "tr Σₖ / tr Σ₀ (σₖ²/σ² in one dimension)"),
        MetricDescription("log_variance_ratio", "log det Σₖ − log det Σ₀ (log σₖ²/σ² in one dimension)"),
        MetricDescription("w2", "squared 2-Wasserstein distance from the fit to the truth"),
        MetricDescription("tail_mass", "probability the fit puts beyond the true ±3σ of the first coordinate (truth: 0.0027)"),
        MetricDescription("collapsed", "1 when tr Σₖ < 0.1·tr Σ₀: its mean is P(σₖ² < 0.1σ²)", indicator: true),
    ]
    public static let regimes = Regime.allCases
    public static let curveNames = ["mean_error", "variance_ratio", "log_drift", "median_variance", "collapse_probability",
                                    "w2", "w2_first_order", "w2_limit", "accumulate_mean_bound"]

    public static func problems(_ p: CellParameters) -> [ParameterProblem] { [] }

    public static func warnings(_ p: CellParameters) -> [String] {
        let s = setting(p)
        guard s.m <= s.d else { return [] }
        return ["M = \(s.m) ≤ d = \(s.d): the fitted covariance is singular from generation 1, so log_variance_ratio is −∞ (reported as non-finite)"]
    }

    static func setting(_ p: CellParameters) -> GaussianTheory.Setting {
        GaussianTheory.Setting(d: p.integer("d"), sigma2: p.real("sigma2"), m: p.integer("M"), alpha: p.real("alpha"),
                               unbiased: p.text("estimator") == "unbiased")
    }

    public static func theory(metric: String, regime: Regime, parameters p: CellParameters) -> TheoryCurve? {
        guard regime == .replace else { return nil }
        switch metric {
        case "mean_error", "variance_ratio", "w2": return curve(named: metric, metric: metric, parameters: p)
        case "log_variance_ratio": return curve(named: "log_drift", metric: metric, parameters: p)
        case "collapsed": return curve(named: "collapse_probability", metric: metric, parameters: p)
        default: return nil
        }
    }

    public static func curve(named name: String, metric: String, parameters p: CellParameters) -> TheoryCurve? {
        let s = setting(p)
        let schedule = s.alpha == 0 ? "M" : "Mᵢ"
        switch name {
        case "mean_error":
            return TheoryCurve(name: name, formula: s.unbiased ? "dσ²Σᵢ1/\(schedule) (Shumailov et al. 2024)" : "dσ²Σᵢ Pᵢ₋₁/\(schedule), = dσ²(1 − ((M−1)/M)ᵏ) (MLE)") {
                GaussianTheory.meanError(s, generation: $0)
            }
        case "variance_ratio":
            return TheoryCurve(name: name, formula: s.unbiased ? "1 (a martingale; Shumailov et al. 2024)" : "Πᵢ(Mᵢ−1)/Mᵢ = ((M−1)/M)ᵏ (MLE)") {
                GaussianTheory.varianceRatio(s, generation: $0)
            }
        case "log_drift":
            return TheoryCurve(name: name, formula: "k·[Σₗψ((M−l)/2) + d·log(2/n)], n = M−1 or M (exact random-walk drift)") {
                GaussianTheory.logDeterminantDrift(s, generation: $0)
            }
        case "median_variance":
            guard s.d == 1 else { return nil }
            return TheoryCurve(name: name, formula: "exp(k·(ψ((M−1)/2) + log(2/n))) (median of σₖ²/σ², first order)") {
                GaussianTheory.medianVarianceRatio(s, generation: $0)
            }
        case "collapse_probability":
            guard s.d == 1 else { return nil }
            return TheoryCurve(name: name, formula: "P(Σ log χ²/n < log 0.1) by the Lugannani–Rice saddlepoint (approximate)") {
                GaussianTheory.collapseProbability(s, generation: $0)
            }
        case "w2":
            guard s.d == 1 else { return nil }
            return TheoryCurve(name: name, formula: s.unbiased ? "σ²k/M + 2σ²(1 − c₄(M)ᵏ) (exact)" : "σ²(1−Pₖ) + σ²Pₖ − 2σ²Π c₄√((M−1)/M) + σ² (exact)") {
                GaussianTheory.wasserstein(s, generation: $0)
            }
        case "w2_first_order":
            guard s.d == 1 else { return nil }
            return TheoryCurve(name: name, formula: "(3/2)σ²Σᵢ1/Mᵢ (Shumailov et al. 2024, first order)") {
                GaussianTheory.wassersteinFirstOrder(s, generation: $0)
            }
        case "w2_limit":
            return TheoryCurve(name: name, formula: "2dσ² (the MLE bound of the notebook)") { _ in 2 * Double(s.d) * s.sigma2 }
        case "accumulate_mean_bound":
            return TheoryCurve(name: name, formula: "dσ²π²/(6M) (Kazdan et al. 2024)") { _ in GaussianTheory.accumulateMeanBound(s) }
        default:
            return nil
        }
    }

    public static func simulate(_ request: SimulationRequest) -> SimulationBlock {
        let model = Model(request.parameters)
        // --direct: every sample drawn and the fit refitted on the whole training set each generation.
        if request.direct { return ReferenceLoop.simulate(model, metricCount: metrics.count, request) }
        return model.simulateFast(request)
    }

    /// The parameters of one cell, unpacked.
    public struct Model: Sendable {
        public let setting: GaussianTheory.Setting
        public let mu: Double
        public let sampler: DataSampler
        public var d: Int { setting.d }

        /// A cell without `sampler` (hand-built in tests) uses the default, `statistics`.
        public init(_ p: CellParameters) {
            setting = Gaussian.setting(p)
            mu = p.real("mu")
            sampler = DataSampler(p)
        }
    }
}

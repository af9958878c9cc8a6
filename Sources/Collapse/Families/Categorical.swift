import RealModule

/// A categorical distribution refit on its own samples: the discrete case behind "the tails vanish"
/// (Shumailov et al. 2024) and the absorbing Wright–Fisher chain (PAPERS.md §6).
///
/// Truth p₀ over K categories, sorted from most to least probable: uniform, or Zipf pᵢ ∝ i⁻ˢ. Each generation draws
/// M samples from the current fit and refits by frequencies: p̂ᵢ = (nᵢ + α)/(N + Kα) over the N training samples,
/// with α = 0 the maximum-likelihood estimate (a neutral Wright–Fisher chain whose only absorbing states are point
/// masses: a lost category never returns) and α > 0 a Dirichlet pseudo-count (the posterior mean under Dirichlet(α)),
/// which keeps every category alive. The "tail" is the ⌊K/2⌋ categories of smallest initial probability (for Zipf,
/// those below the initial median). Mean absorption time ≈ −2M Σᵢ (1 − pᵢ) ln(1 − pᵢ) generations (±10% for M ≥ 20).
public enum Categorical: ModelFamily {
    public static let name = "categorical"
    public static let version = 2
    public static let summary = "a categorical distribution refit by frequencies (Wright–Fisher; Jangjoo, Marsili & Roudi 2025)"

    public static let parameters: [ParameterSchema] = [
        ParameterSchema("K", .integer(minimum: 2, maximum: 1_000_000), summary: "number of categories"),
        ParameterSchema("M", .integer(minimum: 1, maximum: 100_000_000), summary: "samples per generation"),
        ParameterSchema("initial", .choice(["uniform", "zipf"]), default: .text("zipf"), summary: "initial distribution p₀"),
        ParameterSchema("s", .real(minimum: 0, maximum: 10), default: .integer(1), summary: "Zipf exponent: pᵢ ∝ i^−s"),
        ParameterSchema("alpha", .real(minimum: 0, maximum: 1e6), default: .integer(0),
                        summary: "Dirichlet pseudo-count added to every category (0: maximum likelihood)"),
    ]

    public static let metrics = [
        MetricDescription("surviving", "number of categories with positive probability"),
        MetricDescription("entropy", "entropy of the fit, in nats"),
        MetricDescription("tail_mass", "probability of the ⌊K/2⌋ initially least probable categories"),
        MetricDescription("tv", "total variation distance ½Σ|p̂ − p₀| to the truth"),
        MetricDescription("absorbed", "1 when a single category is left (the chain's absorbing state)", indicator: true),
        MetricDescription("absorbed_at_top", "1 when absorbed on the initially most probable category", indicator: true),
        MetricDescription("rarest_lost", "1 when the initially least probable category has zero probability", indicator: true),
    ]
    public static let regimes = Regime.allCases
    public static let curveNames = ["surviving_first", "rarest_lost_first", "fixation_top", "never"]

    public static func problems(_ p: CellParameters) -> [ParameterProblem] { [] }
    public static func warnings(_ p: CellParameters) -> [String] { [] }

    /// p₀, most probable first.
    public static func initialDistribution(_ p: CellParameters) -> [Double] {
        let k = p.integer("K")
        let weights = p.text("initial") == "uniform"
            ? Array(repeating: 1.0, count: k)
            : (1...k).map { Double.pow(Double($0), -p.real("s")) }
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }

    public static func theory(metric: String, regime: Regime, parameters p: CellParameters) -> TheoryCurve? {
        switch metric {
        case "surviving": return curve(named: "surviving_first", metric: metric, parameters: p)
        case "rarest_lost": return curve(named: "rarest_lost_first", metric: metric, parameters: p)
        default: return nil
        }
    }

    public static func curve(named name: String, metric: String, parameters p: CellParameters) -> TheoryCurve? {
        let p0 = initialDistribution(p), m = Double(p.integer("M")), mle = p.real("alpha") == 0
        switch name {
        case "surviving_first":
            // Generation 1 fits M real samples: category i is seen with probability 1 − (1 − pᵢ)ᴹ (exact).
            guard mle, metric == "surviving" else { return nil }
            let expected = p0.reduce(0.0) { $0 + 1 - Double.pow(1 - $1, m) }
            return TheoryCurve(name: name, formula: "Σᵢ(1 − (1 − pᵢ)ᴹ) at generation 1 (exact)") { $0 == 1 ? expected : nil }
        case "rarest_lost_first":
            // A category of probability q is lost in one step with probability (1 − q)ᴹ (PAPERS.md §6).
            guard mle, metric == "rarest_lost" else { return nil }
            let lost = Double.pow(1 - p0[p0.count - 1], m)
            return TheoryCurve(name: name, formula: "(1 − q)ᴹ at generation 1, q the smallest pᵢ (exact)") { $0 == 1 ? lost : nil }
        case "fixation_top":
            // The neutral chain fixes on category i with probability p₀ᵢ (a martingale), once absorbed.
            guard mle, metric == "absorbed_at_top" else { return nil }
            return TheoryCurve(name: name, formula: "p₀₁, the fixation probability of the top category (exact in the limit)") { _ in p0[0] }
        case "never":
            guard metric == "absorbed" else { return nil }
            return TheoryCurve(name: name, formula: "0: no absorbing state with a real anchor or a prior") { _ in 0 }
        default:
            return nil
        }
    }

    public static func simulate(_ request: SimulationRequest) -> SimulationBlock {
        ReferenceLoop.simulate(Model(request.parameters), metricCount: metrics.count, request)
    }

    /// The parameters of one cell, unpacked.
    public struct Model: Sendable {
        public let initial: [Double]
        public let m: Int
        public let alpha: Double

        public init(_ p: CellParameters) {
            initial = Categorical.initialDistribution(p)
            m = p.integer("M")
            alpha = p.real("alpha")
        }
    }
}

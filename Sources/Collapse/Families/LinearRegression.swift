import LinearAlgebra

/// Linear regression retrained on its own labels (Gerstgrasser et al. 2024, arXiv:2404.01413).
///
/// Per replicate: w* ~ N(0, I_d) and a design X (T×d, entries N(0, 1)). Generation 1 fits
/// y₁ = Xw* + E₁; generation g ≥ 2 fits labels yg = X ŵg₋₁ + Eg made by the previous fit, Eg ~ N(0, σ²I_T),
/// under the regime's training set. `design`: `fixed` reuses X every generation (the papers' setting),
/// `fresh` draws a new X for every generation's synthetic data. Fits are OLS; when T ≤ d + 1 they are the
/// minimum-norm least-squares solutions (theory is undefined there, and the run warns).
/// Metric `test_error` = ‖ŵ − w*‖², the excess risk on x ~ N(0, I) with the noise excluded.
public enum LinearRegression: ModelFamily {
    public static let name = "linear-regression"
    public static let version = 2
    public static let summary = "OLS retrained on its own labels (Gerstgrasser et al. 2024)"

    public static let parameters: [ParameterSchema] = [
        ParameterSchema("d", .integer(minimum: 1, maximum: 4096), summary: "number of features"),
        ParameterSchema("T", .integer(minimum: 1, maximum: 10_000_000), summary: "rows per generation"),
        ParameterSchema("sigma2", .real(minimum: 0), summary: "label noise variance σ²"),
        ParameterSchema("design", .choice(["fixed", "fresh"]), default: .text("fixed"),
                        summary: "fixed: the same X every generation; fresh: a new X each generation"),
    ]

    public static let metrics = [MetricDescription("test_error", "‖ŵ − w*‖², the excess test risk (noise excluded)")]
    public static let regimes = Regime.allCases
    public static let curveNames = ["replace", "accumulate", "accumulate_limit"]

    public static func problems(_ p: CellParameters) -> [ParameterProblem] { [] }

    public static func warnings(_ p: CellParameters) -> [String] {
        let d = p.integer("d"), T = p.integer("T")
        guard T <= d + 1 else { return [] }
        return ["T = \(T) ≤ d + 1 = \(d + 1): fits are minimum-norm least squares, and no theory is defined (the expected test error σ²d/(T−d−1) needs T ≥ d + 2)"]
    }

    public static func theory(metric: String, regime: Regime, parameters p: CellParameters) -> TheoryCurve? {
        switch regime {
        case .replace: return curve(named: "replace", metric: metric, parameters: p)
        case .accumulate: return p.text("design") == "fixed" ? curve(named: "accumulate", metric: metric, parameters: p) : nil
        case .accumulateSubsample, .mixFresh, .mixReservoir, .anchor: return nil
        }
    }

    public static func curve(named name: String, metric: String, parameters p: CellParameters) -> TheoryCurve? {
        guard metric == "test_error" else { return nil }
        let sigma2 = p.real("sigma2"), d = p.integer("d"), T = p.integer("T")
        guard T >= d + 2 else { return nil }
        switch name {
        case "replace":
            return TheoryCurve(name: name, formula: "σ²d/(T−d−1)·n (Dohmatob et al. 2024, Thm 4.1)") {
                LinearRegressionTheory.replace(sigma2: sigma2, d: d, T: T, generation: $0)
            }
        case "accumulate":
            return TheoryCurve(name: name, formula: "σ²d/(T−d−1)·Σᵢ₌₁ⁿ 1/i² (Gerstgrasser et al. 2024, Thm 2)") {
                LinearRegressionTheory.accumulate(sigma2: sigma2, d: d, T: T, generation: $0)
            }
        case "accumulate_limit":
            return TheoryCurve(name: name, formula: "σ²d/(T−d−1)·π²/6 (Gerstgrasser et al. 2024, Thm 2)") { _ in
                LinearRegressionTheory.accumulateLimit(sigma2: sigma2, d: d, T: T)
            }
        default:
            return nil
        }
    }

    public static func simulate(_ request: SimulationRequest) -> SimulationBlock {
        let model = Model(request.parameters)
        if !request.direct, !Regime.mixing.contains(request.regime), model.fastPathApplies(to: request.regime) {
            return model.simulateFast(request)
        }
        return ReferenceLoop.simulate(model, metricCount: metrics.count, request)
    }

    /// The parameters of one cell, unpacked.
    public struct Model: Sendable {
        public let d: Int
        public let T: Int
        public let sigma: Double
        public let fixedDesign: Bool

        public init(_ p: CellParameters) {
            d = p.integer("d")
            T = p.integer("T")
            sigma = p.real("sigma2").squareRoot()
            fixedDesign = p.text("design") == "fixed"
        }

        /// Fits use the minimum-norm solution (dgelsd) when a generation has too few rows for the OLS theory.
        public var minimumNorm: Bool { T <= d + 1 }

        /// ‖ŵ − w*‖².
        @inline(__always)
        static func squaredError(_ w: [Double], _ wStar: [Double]) -> Double {
            var s = 0.0
            for i in w.indices { let e = w[i] - wStar[i]; s += e * e }
            return s
        }
    }
}

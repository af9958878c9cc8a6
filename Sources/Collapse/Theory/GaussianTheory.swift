import RealModule

/// Closed forms for a Gaussian refit on its own samples (Shumailov et al., Nature 2024; Kazdan et al. 2024;
/// PAPERS.md §3–4). Truth N(μ₀, σ²I_d). Generation k (1-based) is the k-th fit; generation 1 fits M₁ real samples.
/// Generation i draws Mᵢ = max(2, round(M·iᵅ)) samples (α = 0: constant M). The variance estimator divides the
/// scatter by N − 1 (`unbiased`, Shumailov's theorem) or N (`mle`, the official notebook and Kazdan et al.).
///
/// Notation: qᵢ = 1 for the unbiased estimator and (Mᵢ − 1)/Mᵢ for the MLE, so that E[Σᵢ | Σᵢ₋₁] = qᵢ·Σᵢ₋₁;
/// Pₖ = q₁⋯qₖ. All formulas are for the replace regime unless the name says otherwise.
public enum GaussianTheory {
    public struct Setting: Sendable {
        public let d: Int
        public let sigma2: Double
        public let m: Int
        public let alpha: Double
        public let unbiased: Bool

        public init(d: Int, sigma2: Double, m: Int, alpha: Double, unbiased: Bool) {
            self.d = d
            self.sigma2 = sigma2
            self.m = m
            self.alpha = alpha
            self.unbiased = unbiased
        }

        /// Mᵢ = max(2, round(M·iᵅ)): the samples generation i draws.
        public func sampleSize(_ i: Int) -> Int {
            alpha == 0 ? m : max(2, Int((Double(m) * Double.pow(Double(i), alpha)).rounded()))
        }

        func q(_ i: Int) -> Double {
            unbiased ? 1 : Double(sampleSize(i) - 1) / Double(sampleSize(i))
        }
    }

    /// E[tr Σₖ]/tr Σ₀ = Pₖ: 1 for the unbiased estimator (a martingale), ((M − 1)/M)ᵏ for the MLE.
    public static func varianceRatio(_ s: Setting, generation k: Int) -> Double {
        (1...max(1, k)).reduce(1.0) { $0 * s.q($1) }
    }

    /// E‖μₖ − μ₀‖² = dσ² Σᵢ₌₁ᵏ Pᵢ₋₁/Mᵢ, since μᵢ − μᵢ₋₁ has covariance Σᵢ₋₁/Mᵢ. Constant M: dσ²k/M (unbiased,
    /// Shumailov et al.) and dσ²(1 − ((M − 1)/M)ᵏ) (MLE).
    public static func meanError(_ s: Setting, generation k: Int) -> Double {
        var total = 0.0
        var p = 1.0
        for i in 1...k {
            total += p / Double(s.sampleSize(i))
            p *= s.q(i)
        }
        return Double(s.d) * s.sigma2 * total
    }

    /// E[log det Σₖ − log det Σ₀] = Σᵢ₌₁ᵏ [Σₗ₌₁ᵈ ψ((Mᵢ − l)/2) + d·log 2 − d·log nᵢ], with nᵢ = Mᵢ − 1 (unbiased) or Mᵢ
    /// (MLE): log det of a Wishart(Mᵢ − 1, I)/nᵢ draw, added every generation (exact; a random walk). In one
    /// dimension the drift per step is ψ((M − 1)/2) + log(2/(M − 1)) ≈ −1/(M − 1). Undefined (`nil`) once some
    /// Mᵢ ≤ d, where the fitted covariance is singular.
    public static func logDeterminantDrift(_ s: Setting, generation k: Int) -> Double? {
        var total = 0.0
        for i in 1...k {
            let mi = s.sampleSize(i)
            guard mi > s.d else { return nil }
            var step = 0.0
            for l in 1...s.d { step += SpecialFunctions.digamma(Double(mi - l) / 2) }
            let n = Double(s.unbiased ? mi - 1 : mi)
            step += Double(s.d) * (Double.log(2) - Double.log(n))
            total += step
        }
        return total
    }

    /// Median σₖ²/σ² ≈ exp(E[log σₖ²/σ²]) (d = 1): log σₖ² is a sum of k independent log-χ² steps, whose median
    /// sits above its mean by about −γ₁·s/6 for one step's skewness γ₁ and sd s (Cornish–Fisher), a constant that
    /// does not grow with k: 0.04 in log units at M = 10, 0.003 at M = 100. First-order, not exact.
    public static func medianVarianceRatio(_ s: Setting, generation k: Int) -> Double? {
        guard s.d == 1, let drift = logDeterminantDrift(s, generation: k) else { return nil }
        return Double.exp(drift)
    }

    /// P(σₖ² < 0.1σ²) in one dimension, by the Lugannani–Rice saddlepoint approximation to the law of the random walk
    /// Sₖ = log σₖ²/σ² = Σᵢ log(χ²_{Mᵢ−1}/nᵢ) (nᵢ = Mᵢ − 1 unbiased, Mᵢ MLE). Each step has the cumulant generating
    /// function K(t) = t·log(2/n) + log Γ((M−1)/2 + t) − log Γ((M−1)/2), so K′ = log(2/n) + ψ(·), K″ = ψ′(·). With t̂
    /// solving Σ K′ᵢ(t̂) = s = log 0.1, w = sign(t̂)√(2(t̂s − ΣKᵢ(t̂))) and u = t̂√(ΣK″ᵢ(t̂)):
    ///     P(Sₖ ≤ s) ≈ Φ(w) + φ(w)·(1/w − 1/u)    (Lugannani & Rice 1980; Daniels 1987)
    /// Unlike the central-limit form Φ((s − E Sₖ)/sd), which is off by a factor 60 at k = 1, M = 10, the saddlepoint
    /// keeps a small relative error in the far tail even for a single step. Approximate, not exact.
    public static func collapseProbability(_ s: Setting, generation k: Int) -> Double? {
        guard s.d == 1 else { return nil }
        let target = Double.log(0.1)
        let steps = (1...k).map { i -> (half: Double, shift: Double) in
            let mi = s.sampleSize(i)
            return (Double(mi - 1) / 2, Double.log(2 / Double(s.unbiased ? mi - 1 : mi)))
        }
        func k1(_ t: Double) -> Double { steps.reduce(0.0) { $0 + $1.shift + SpecialFunctions.digamma($1.half + t) } }
        func k2(_ t: Double) -> Double { steps.reduce(0.0) { $0 + SpecialFunctions.trigamma($1.half + t) } }
        func k0(_ t: Double) -> Double {
            steps.reduce(0.0) { $0 + t * $1.shift + Double.logGamma($1.half + t) - Double.logGamma($1.half) }
        }
        // Solve K′(t) = s by Newton (K′ is increasing in t on t > −min half).
        let lower = -(steps.map(\.half).min() ?? 1)
        var t = 0.0
        if steps.count == 1 || Set(steps.map(\.half)).count == 1 {
            let step = steps[0]
            t = SpecialFunctions.inverseDigamma(target / Double(steps.count) - step.shift) - step.half
        } else {
            for _ in 0..<100 {
                var next = t - (k1(t) - target) / k2(t)
                if next <= lower { next = (t + lower) / 2 }
                if abs(next - t) < 1e-14 * max(1, abs(t)) { t = next; break }
                t = next
            }
        }
        let mean = k1(0)
        if abs(t) < 1e-8 || abs(target - mean) < 1e-10 {
            // At the mean the formula's limit is ½ + skewness correction; the central-limit value is enough here.
            return SpecialFunctions.normalCDF((target - mean) / k2(0).squareRoot())
        }
        let w = (t > 0 ? 1.0 : -1.0) * Swift.max(0, 2 * (t * target - k0(t))).squareRoot()
        let u = t * k2(t).squareRoot()
        let density = Double.exp(-w * w / 2) / (2 * Double.pi).squareRoot()
        return Swift.min(1, Swift.max(0, SpecialFunctions.normalCDF(w) + density * (1 / w - 1 / u)))
    }

    /// E[W₂²] between the fit and the truth in one dimension, exact: W₂² = (μₖ − μ₀)² + (σₖ − σ)², with
    /// E[σₖ] = σ·Πᵢ c₄(Mᵢ) for the unbiased estimator and σ·Πᵢ c₄(Mᵢ)·√((Mᵢ − 1)/Mᵢ) for the MLE, so
    /// E[W₂²] = E(μₖ − μ₀)² + σ²·Pₖ − 2σ·E[σₖ] + σ². Constant M, unbiased: σ²k/M + 2σ²(1 − c₄(M)ᵏ) (PAPERS.md §3).
    public static func wasserstein(_ s: Setting, generation k: Int) -> Double? {
        guard s.d == 1 else { return nil }
        var meanOfSigma = 1.0
        for i in 1...k {
            let mi = s.sampleSize(i)
            meanOfSigma *= SpecialFunctions.c4(mi) * (s.unbiased ? 1 : (Double(mi - 1) / Double(mi)).squareRoot())
        }
        return meanError(s, generation: k) + s.sigma2 * (varianceRatio(s, generation: k) - 2 * meanOfSigma + 1)
    }

    /// Shumailov et al.'s first-order E[W₂²] = (3/2)σ²·Σᵢ 1/Mᵢ (d = 1, unbiased): right while k ≪ M only
    /// (M = 100: 0.75 against the exact 0.7372 at k = 50).
    public static func wassersteinFirstOrder(_ s: Setting, generation k: Int) -> Double? {
        guard s.d == 1 else { return nil }
        return 1.5 * s.sigma2 * (1...k).reduce(0.0) { $0 + 1 / Double(s.sampleSize($1)) }
    }

    /// Accumulate with the MLE (Kazdan et al. 2024): E‖μₖ − μ₀‖² ≤ (tr Σ₀/M)·π²/6 = dσ²π²/(6M), constant M.
    public static func accumulateMeanBound(_ s: Setting) -> Double {
        Double(s.d) * s.sigma2 * Double.pi * Double.pi / (6 * Double(s.m))
    }
}

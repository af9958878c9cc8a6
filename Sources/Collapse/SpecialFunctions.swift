import RealModule

/// Special functions the theory curves need, computed without Γ ratios that overflow.
public enum SpecialFunctions {
    /// Digamma ψ(x) = d/dx log Γ(x), x > 0. The recurrence ψ(x) = ψ(x + 1) − 1/x lifts x to ≥ 10, then the
    /// asymptotic series ψ(x) = ln x − 1/(2x) − Σₙ B₂ₙ/(2n·x²ⁿ) (Abramowitz & Stegun 6.3.18) to x⁻¹². The
    /// truncation error is below 1e−15; rounding in the recurrence leaves an absolute error below 5e−14.
    public static func digamma(_ x: Double) -> Double {
        precondition(x > 0, "digamma is implemented for x > 0")
        var x = x
        var result = 0.0
        while x < 10 { result -= 1 / x; x += 1 }
        let inv2 = 1 / (x * x)
        let series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 * (1.0 / 132)))))
        return result + Double.log(x) - 0.5 / x - series
    }

    /// Trigamma ψ′(x) = Σₖ 1/(x + k)², x > 0: recurrence ψ′(x) = ψ′(x + 1) + 1/x² to x ≥ 10, then
    /// ψ′(x) = 1/x + 1/(2x²) + Σₙ B₂ₙ/x²ⁿ⁺¹ (A&S 6.4.12); absolute error below 5e−14. It is Var[log χ²_ν] at x = ν/2.
    public static func trigamma(_ x: Double) -> Double {
        precondition(x > 0, "trigamma is implemented for x > 0")
        var x = x
        var result = 0.0
        while x < 10 { result += 1 / (x * x); x += 1 }
        let inv2 = 1 / (x * x)
        let series = (1 / x) * inv2 * (1.0 / 6 - inv2 * (1.0 / 30 - inv2 * (1.0 / 42 - inv2 * (1.0 / 30 - inv2 * (5.0 / 66)))))
        return result + 1 / x + 0.5 * inv2 + series
    }

    /// c₄(M) = √(2/(M − 1)) · Γ(M/2)/Γ((M − 1)/2), the bias of the sample standard deviation: E[s] = c₄(M)·σ for M
    /// normal samples and the unbiased variance s². Never through Γ itself, which overflows past M ≈ 343:
    /// - M < 200: exp(log Γ(M/2) − log Γ((M − 1)/2)), log Γ from swift-numerics (relative error ≲ 1e−13);
    /// - M ≥ 200: with x = (M − 1)/2, log c₄ = x·log1p(1/(2x)) − ½ + Σ Stirling corrections of log Γ(x + ½) − log Γ(x)
    ///   (B₂/(2z) − B₄/(12z³) + B₆/(30z⁵) at z = x + ½ minus at z = x). Every term is small, so nothing cancels
    ///   catastrophically; the log-gamma difference would lose 7 digits at M = 10⁸.
    public static func c4(_ m: Int) -> Double {
        precondition(m >= 2, "c4 needs M ≥ 2")
        let mm = Double(m)
        if m < 200 {
            return (2 / (mm - 1)).squareRoot() * Double.exp(Double.logGamma(mm / 2) - Double.logGamma((mm - 1) / 2))
        }
        let x = (mm - 1) / 2
        func corrections(_ z: Double) -> Double { 1 / (12 * z) - 1 / (360 * z * z * z) + 1 / (1260 * z * z * z * z * z) }
        let logC4 = x * Double.log(onePlus: 1 / (2 * x)) - 0.5 + corrections(x + 0.5) - corrections(x)
        return Double.exp(logC4)
    }

    /// The inverse of the digamma function on (0, ∞): the x with ψ(x) = y, by Newton's method on ψ from Minka's
    /// starting point (x₀ = eʸ + ½ for y ≥ −2.22, else −1/(y + γ)), to full precision.
    public static func inverseDigamma(_ y: Double) -> Double {
        var x = y >= -2.22 ? Double.exp(y) + 0.5 : -1 / (y + 0.57721566490153286061)
        for _ in 0..<60 {
            let step = (digamma(x) - y) / trigamma(x)
            var next = x - step
            if next <= 0 { next = x / 2 }
            if abs(next - x) <= 1e-15 * x { return next }
            x = next
        }
        return x
    }

    /// Φ⁻¹(p): Acklam's rational approximation (relative error 1.2e−9) refined by one Halley step on Φ, which brings
    /// it to full double precision. p in (0, 1); 0 and 1 map to ∓∞.
    public static func inverseNormalCDF(_ p: Double) -> Double {
        if p <= 0 { return -.infinity }
        if p >= 1 { return .infinity }
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        var x: Double
        if p < 0.02425 {
            let q = (-2 * Double.log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p > 1 - 0.02425 {
            let q = (-2 * Double.log(1 - p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        }
        let e = normalCDF(x) - p
        let u = e * (2 * Double.pi).squareRoot() * Double.exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }

    /// The exact binomial tail P(X ≥ x) (upper = true) or P(X ≤ x) for X ~ Bin(n, p), summed from the observed
    /// count outwards with the pmf recurrence, starting from a log-gamma evaluation of the first term.
    public static func binomialTail(_ x: Int, n: Int, p: Double, upper: Bool) -> Double {
        if p <= 0 { return upper ? (x <= 0 ? 1 : 0) : 1 }
        if p >= 1 { return upper ? 1 : (x >= n ? 1 : 0) }
        let logFirst = Double.logGamma(Double(n + 1)) - Double.logGamma(Double(x + 1)) - Double.logGamma(Double(n - x + 1))
            + Double(x) * Double.log(p) + Double(n - x) * Double.log(onePlus: -p)
        var term = Double.exp(logFirst), sum = 0.0
        var k = x
        while term > 0 && (upper ? k <= n : k >= 0) {
            sum += term
            if term < sum * 1e-17 { break }
            if upper {
                term *= Double(n - k) / Double(k + 1) * p / (1 - p)
                k += 1
            } else {
                term *= Double(k) / Double(n - k + 1) * (1 - p) / p
                k -= 1
            }
        }
        return Swift.min(1, sum)
    }

    /// Φ(x), the standard normal distribution function, via erfc so the lower tail keeps its relative precision.
    public static func normalCDF(_ x: Double) -> Double {
        0.5 * Double.erfc(-x / 2.0.squareRoot())
    }
}

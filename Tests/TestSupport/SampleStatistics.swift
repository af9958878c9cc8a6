#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// Sample statistics and reference distributions for statistical tests.
///
/// Convention for every statistical test in this project: fixed seeds, and a tolerance of
/// `SampleStatistics.z` = 4 standard errors derived from the sampling distribution of the statistic
/// (never a hand-tuned constant). A correct sampler fails such a check with probability ≈ 6·10⁻⁵
/// per check; with fixed seeds a pass is reproducible.
public enum SampleStatistics {
    /// The number of standard errors a statistical test allows: 4 (two-sided p ≈ 6.3·10⁻⁵).
    public static let z: Double = 4

    /// The arithmetic mean Σxᵢ/n. Precondition: non-empty.
    public static func mean(_ x: [Double]) -> Double {
        precondition(!x.isEmpty, "mean of an empty sample")
        return x.reduce(0, +) / Double(x.count)
    }

    /// The unbiased sample variance Σ(xᵢ − x̄)²/(n − 1) (two-pass, so no cancellation).
    /// Precondition: n ≥ 2.
    public static func variance(_ x: [Double]) -> Double {
        precondition(x.count >= 2, "variance needs at least 2 values")
        let m = mean(x)
        var s = 0.0
        for v in x { s += (v - m) * (v - m) }
        return s / Double(x.count - 1)
    }

    /// The standard error of the mean, √(s²/n) with s² the unbiased variance.
    public static func standardError(_ x: [Double]) -> Double {
        (variance(x) / Double(x.count)).squareRoot()
    }

    /// The sample skewness g₁ = m₃ / m₂^(3/2), mᵣ = Σ(xᵢ − x̄)ʳ/n. For a normal population its
    /// standard error is ≈ √(6/n).
    public static func skewness(_ x: [Double]) -> Double {
        let (m2, m3, _) = centralMoments(x)
        return m3 / (m2 * m2.squareRoot())
    }

    /// The sample excess kurtosis g₂ = m₄ / m₂² − 3, mᵣ = Σ(xᵢ − x̄)ʳ/n. For a normal population its
    /// standard error is ≈ √(24/n).
    public static func excessKurtosis(_ x: [Double]) -> Double {
        let (m2, _, m4) = centralMoments(x)
        return m4 / (m2 * m2) - 3
    }

    /// The biased central moments (m₂, m₃, m₄), each Σ(xᵢ − x̄)ʳ/n.
    public static func centralMoments(_ x: [Double]) -> (Double, Double, Double) {
        let m = mean(x)
        var s2 = 0.0, s3 = 0.0, s4 = 0.0
        for v in x {
            let d = v - m, d2 = d * d
            s2 += d2
            s3 += d2 * d
            s4 += d2 * d2
        }
        let n = Double(x.count)
        return (s2 / n, s3 / n, s4 / n)
    }

    /// The Pearson correlation of two equal-length samples. For independent samples its standard
    /// error is ≈ 1/√n.
    public static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count && x.count >= 2, "correlation needs two samples of equal length ≥ 2")
        let mx = mean(x), my = mean(y)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        return sxy / (sxx * syy).squareRoot()
    }

    /// The standard normal CDF Φ(x) = ½·erfc(−x/√2) (erfc keeps full relative accuracy in the
    /// lower tail, where 1 − ½erfc(x/√2) would cancel).
    public static func normalCDF(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// The upper tail P(Z > x) = ½·erfc(x/√2), accurate far into the tail.
    public static func normalUpperTail(_ x: Double) -> Double {
        0.5 * erfc(x / 2.0.squareRoot())
    }

    /// The one-sample Kolmogorov–Smirnov statistic Dₙ = supₓ |Fₙ(x) − F(x)| for a continuous F:
    /// with the sorted sample x₍₁₎ ≤ … ≤ x₍ₙ₎, Dₙ = maxᵢ max(i/n − F(x₍ᵢ₎), F(x₍ᵢ₎) − (i−1)/n).
    public static func ksStatistic(_ sample: [Double], cdf: (Double) -> Double) -> Double {
        precondition(!sample.isEmpty, "KS statistic of an empty sample")
        let sorted = sample.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (i, x) in sorted.enumerated() {
            let f = cdf(x)
            d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
        }
        return d
    }

    /// The asymptotic Kolmogorov critical value at level α: √(−ln(α/2)/2)/√n (the leading term of
    /// P(√n·Dₙ > t) ≈ 2e^(−2t²); conservative for finite n). Reject when Dₙ exceeds it.
    public static func ksCriticalValue(n: Int, alpha: Double) -> Double {
        precondition(n > 0 && alpha > 0 && alpha < 1)
        return (-log(alpha / 2) / 2).squareRoot() / Double(n).squareRoot()
    }

    /// Pearson's statistic Σ(Oᵢ − Eᵢ)²/Eᵢ for counts against expected counts.
    public static func chiSquaredStatistic(observed: [Int], expected: [Double]) -> Double {
        precondition(observed.count == expected.count && !observed.isEmpty)
        var s = 0.0
        for (o, e) in zip(observed, expected) {
            let d = Double(o) - e
            s += d * d / e
        }
        return s
    }

    /// The z-score of a χ²ₖ statistic by the Wilson–Hilferty normal approximation
    /// ((X/k)^(1/3) − (1 − 2/(9k))) / √(2/(9k)) ~ N(0, 1) (accurate to ~10⁻³ in the tail for k ≥ 3,
    /// much better than (X − k)/√(2k)). Compare it with `z`: a one-sided test of fit.
    public static func chiSquaredZScore(_ statistic: Double, degreesOfFreedom k: Int) -> Double {
        precondition(k > 0)
        let a = 2 / (9 * Double(k))
        return (cbrt(statistic / Double(k)) - (1 - a)) / a.squareRoot()
    }

    /// The standard error √(p(1 − p)/n) of a frequency estimated from n Bernoulli(p) trials.
    public static func binomialStandardError(p: Double, n: Int) -> Double {
        (p * (1 - p) / Double(n)).squareRoot()
    }
}

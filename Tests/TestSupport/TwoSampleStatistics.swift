/// Two-sample comparisons for tests that check two samplers agree in distribution (fixed seeds, |z| ≤ 4).
extension SampleStatistics {
    /// z = (x̄ − ȳ)/√(s²ₓ/nₓ + s²ᵧ/nᵧ): the difference of two independent sample means in standard errors.
    public static func twoSampleMeanZ(_ x: [Double], _ y: [Double]) -> Double {
        (mean(x) - mean(y)) / (variance(x) / Double(x.count) + variance(y) / Double(y.count)).squareRoot()
    }

    /// z = (s²ₓ − s²ᵧ)/√(SE²ₓ + SE²ᵧ) with SE² = (m₄ − m₂²)/n, the large-sample variance of a sample variance
    /// (m₂, m₄ the sample central moments; Cramér 1946, §27.4), so heavy tails widen the tolerance as they should.
    public static func twoSampleVarianceZ(_ x: [Double], _ y: [Double]) -> Double {
        func squaredError(_ v: [Double]) -> Double {
            let (m2, _, m4) = centralMoments(v)
            return (m4 - m2 * m2) / Double(v.count)
        }
        return (variance(x) - variance(y)) / (squaredError(x) + squaredError(y)).squareRoot()
    }

    /// z = (x̄ − μ)/(s/√n): a sample mean against a known expectation.
    public static func meanZ(_ x: [Double], expected: Double) -> Double {
        (mean(x) - expected) / standardError(x)
    }
}

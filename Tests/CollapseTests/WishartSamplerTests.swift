import Testing
@testable import Collapse
import LinearAlgebra
import Randomness
import TestSupport

/// The Wishart and χ² draws behind the statistics samplers, against their exact moments at 4 standard errors.
///
/// For W ~ Wishart_d(ν, Σ): E[W_ij] = νΣ_ij and Var(W_ij) = ν(Σ_ij² + Σ_iiΣ_jj) (Anderson 2003, Thm 7.3.1 / Muirhead
/// 1982, Thm 3.2.8). Mean SEs come from the exact variance; the SE of a sample variance from the sample's fourth
/// moment (`twoSampleVarianceZ`'s formula).
@Suite struct WishartSamplerTests {
    /// Σ = BBᵀ with correlated coordinates, so off-diagonal moments are tested too.
    static let factor = Matrix(rowMajor: [[1, 0, 0], [0.5, 2, 0], [-0.3, 0.4, 0.7]])
    static let draws = 20_000

    /// `draws` draws of B·F·Fᵀ·Bᵀ, W's (i, j) entries per draw.
    static func entries(nu: Int, seed: UInt64) -> [[Double]] {
        var rng = RandomStream(key: StreamKey(seed, UInt64(nu)))
        var out = Array(repeating: [Double](), count: 9)
        for _ in 0..<draws {
            let f = WishartFactor.standard(dimension: 3, degreesOfFreedom: nu, &rng)
            let w = WishartFactor.outerGram(BLAS.product(factor, f))
            for k in 0..<9 { out[k].append(w.storage[k]) }
        }
        return out
    }

    /// ν = 7 ≥ d (Bartlett) and ν = 2 < d (the rows: a singular Wishart), every entry's mean and variance.
    @Test(arguments: [7, 2])
    func wishartMoments(nu: Int) {
        let sigma = BLAS.product(.none, Self.factor, .transpose, Self.factor)
        let w = Self.entries(nu: nu, seed: 40)
        let n = Double(Self.draws), v = Double(nu)
        for i in 0..<3 {
            for j in i..<3 {
                let x = w[i + 3 * j]
                let s = { (a: Int, b: Int) in sigma.storage[a + 3 * b] }
                let expectedVariance = v * (s(i, j) * s(i, j) + s(i, i) * s(j, j))
                let zMean = (SampleStatistics.mean(x) - v * s(i, j)) / (expectedVariance / n).squareRoot()
                let (m2, _, m4) = SampleStatistics.centralMoments(x)
                let zVariance = (SampleStatistics.variance(x) - expectedVariance) / ((m4 - m2 * m2) / n).squareRoot()
                #expect(abs(zMean) <= SampleStatistics.z, "ν = \(nu), W[\(i),\(j)] mean: z = \(zMean)")
                #expect(abs(zVariance) <= SampleStatistics.z, "ν = \(nu), W[\(i),\(j)] variance: z = \(zVariance)")
                // The factor is symmetric in the end: W = Wᵀ to the bit (mirrored from the upper triangle).
                #expect(x == w[j + 3 * i])
            }
        }
    }

    /// The check has power: one degree of freedom too many (or too few, e.g. Bartlett's χ²_{ν−j} written χ²_ν, which
    /// adds j to E[(AAᵀ)_jj]) moves E[W_ii] by Σ_ii, which at 20,000 draws is 1/√(2ν/n) ≈ 38 SEs for ν = 7.
    @Test func aWrongDegreesOfFreedomIsRejected() {
        let sigma = BLAS.product(.none, Self.factor, .transpose, Self.factor)
        let w = Self.entries(nu: 7, seed: 41)
        for i in 0..<3 {
            let x = w[i + 3 * i], s = sigma.storage[i + 3 * i]
            let se = (7 * 2 * s * s / Double(Self.draws)).squareRoot()
            #expect(abs(SampleStatistics.mean(x) - 7 * s) / se <= SampleStatistics.z)
            #expect(abs(SampleStatistics.mean(x) - 8 * s) / se > SampleStatistics.z)
            #expect(abs(SampleStatistics.mean(x) - 6 * s) / se > SampleStatistics.z)
        }
    }

    /// The 1D moments: x̄ = m + s·z/√n ~ N(m, s²/n) and S = s²χ²ₙ₋₁ (mean (n − 1)s², variance 2(n − 1)s⁴),
    /// uncorrelated (they are independent; |r| ≤ 4/√N).
    @Test func scalarMomentsAreNormalAndChiSquared() {
        var rng = RandomStream(key: StreamKey(42))
        let (m, s, count, draws) = (1.5, 2.0, 10, 50_000)
        var means: [Double] = [], scatters: [Double] = []
        for _ in 0..<draws {
            let moments = Gaussian.ScalarMoments.draw(mean: m, standardDeviation: s, count: count, &rng)
            #expect(moments.count == Double(count))
            means.append(moments.mean)
            scatters.append(moments.scatter)
        }
        let n = Double(draws), k = Double(count - 1)
        let z = SampleStatistics.z
        #expect(abs(SampleStatistics.mean(means) - m) <= z * (s * s / Double(count) / n).squareRoot())
        #expect(abs(SampleStatistics.mean(scatters) - k * s * s) <= z * (2 * k * s * s * s * s / n).squareRoot())
        for (x, expected) in [(means, s * s / Double(count)), (scatters, 2 * k * s * s * s * s)] {
            let (m2, _, m4) = SampleStatistics.centralMoments(x)
            #expect(abs(SampleStatistics.variance(x) - expected) <= z * ((m4 - m2 * m2) / n).squareRoot())
        }
        #expect(abs(SampleStatistics.correlation(means, scatters)) <= z / n.squareRoot())
        // One sample has no scatter and draws no χ².
        var one = RandomStream(key: StreamKey(43)), reference = one
        #expect(Gaussian.ScalarMoments.draw(mean: 0, standardDeviation: 1, count: 1, &one).scatter == 0)
        _ = reference.nextNormal()
        #expect(one.next() == reference.next())
    }
}

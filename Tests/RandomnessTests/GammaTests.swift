import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Randomness

@Suite("Gamma and chi-squared samplers")
struct GammaTests {
    static let n = 200_000

    /// For Gamma(a, 1): mean a, variance a, μ₄ = 3a² + 6a, so SE(mean) = √(a/n) and
    /// SE(s²) ≈ √((μ₄ − σ⁴)/n) = √((2a² + 6a)/n).
    @Test("Gamma mean and variance within 4σ", arguments: [0.5, 1, 4.5, 50])
    func gammaMoments(shape a: Double) {
        var g = RandomStream(key: StreamKey(20, a.bitPattern))
        let x = (0 ..< Self.n).map { _ in g.nextGamma(shape: a) }
        #expect(x.allSatisfy { $0 >= 0 && $0.isFinite })
        let n = Double(Self.n), z = SampleStatistics.z
        let mean = SampleStatistics.mean(x), variance = SampleStatistics.variance(x)
        #expect(abs(mean - a) < z * (a / n).squareRoot(), "shape \(a): mean \(mean)")
        #expect(abs(variance - a) < z * ((2 * a * a + 6 * a) / n).squareRoot(), "shape \(a): variance \(variance)")
    }

    /// χ²ₖ = 2·Gamma(k/2): mean k, variance 2k, SE(s²) = 4·√((2a² + 6a)/n) with a = k/2.
    @Test("Chi-squared mean and variance within 4σ", arguments: [1.0, 2, 9, 100])
    func chiSquaredMoments(degreesOfFreedom k: Double) {
        var g = RandomStream(key: StreamKey(21, k.bitPattern))
        let x = (0 ..< Self.n).map { _ in g.nextChiSquared(degreesOfFreedom: k) }
        let n = Double(Self.n), z = SampleStatistics.z, a = k / 2
        let mean = SampleStatistics.mean(x), variance = SampleStatistics.variance(x)
        #expect(abs(mean - k) < z * (2 * k / n).squareRoot(), "k \(k): mean \(mean)")
        #expect(abs(variance - 2 * k) < z * 4 * ((2 * a * a + 6 * a) / n).squareRoot(), "k \(k): variance \(variance)")
    }

    @Test("Distribution: Gamma(1) is Exp(1), and χ²₁ (the shape < 1 boost) is Z²: KS at α = 10⁻⁴")
    func gammaDistribution() {
        var g = RandomStream(key: StreamKey(22))
        let exponential = (0 ..< Self.n).map { _ in g.nextGamma(shape: 1) }
        let dExp = SampleStatistics.ksStatistic(exponential) { 1 - exp(-$0) }
        let critical = SampleStatistics.ksCriticalValue(n: Self.n, alpha: 1e-4)
        #expect(dExp < critical, "Exp(1): D = \(dExp)")
        let chi1 = (0 ..< Self.n).map { _ in g.nextChiSquared(degreesOfFreedom: 1) }
        let dChi = SampleStatistics.ksStatistic(chi1) { erf(($0 / 2).squareRoot()) }
        #expect(dChi < critical, "χ²₁: D = \(dChi)")
    }
}

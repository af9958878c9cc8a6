import Testing
import TestSupport
@testable import Randomness

@Suite("Uniform samplers")
struct UniformTests {
    static let n = 1_000_000

    @Test("nextUniform: in [0, 1), mean ½ ± 4√(1/12n), variance 1/12 ± 4√(1/180n)")
    func uniformMoments() {
        var g = RandomStream(key: StreamKey(1, 1))
        let u = (0 ..< Self.n).map { _ in g.nextUniform() }
        #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
        let n = Double(Self.n)
        // Var(U) = 1/12; Var(s²) ≈ (μ₄ − σ⁴)/n with μ₄ = 1/80, σ⁴ = 1/144, so μ₄ − σ⁴ = 1/180.
        #expect(abs(SampleStatistics.mean(u) - 0.5) < SampleStatistics.z * (1 / (12 * n)).squareRoot())
        #expect(abs(SampleStatistics.variance(u) - 1.0 / 12) < SampleStatistics.z * (1 / (180 * n)).squareRoot())
    }

    @Test("nextUniform is the top 53 bits of next() × 2⁻⁵³; nextUniformOpen is (top 52 bits + ½) × 2⁻⁵²")
    func uniformConversions() {
        var a = RandomStream(seed: 9)
        var b = a
        for _ in 0 ..< 1000 {
            #expect(a.nextUniform() == Double(b.next() >> 11) / 9_007_199_254_740_992)
            #expect(a.nextUniformOpen() == (Double(b.next() >> 12) + 0.5) / 4_503_599_627_370_496)
        }
        // The extremes of nextUniformOpen stay strictly inside (0, 1).
        var lowest = RandomStream(state: (0, 0, 0, 1))     // first output rotl(0·5, 7)·9 = 0
        #expect(lowest.nextUniformOpen() == 0x1p-53)
        #expect(0x1p-53 > 0.0 && (Double((1 << 52) - 1) + 0.5) * 0x1p-52 < 1.0)
    }

    @Test("nextUniformOpen: in (0, 1), mean ½ within 4σ")
    func uniformOpen() {
        var g = RandomStream(key: StreamKey(1, 2))
        let u = (0 ..< Self.n).map { _ in g.nextUniformOpen() }
        #expect(u.allSatisfy { $0 > 0 && $0 < 1 })
        #expect(abs(SampleStatistics.mean(u) - 0.5) < SampleStatistics.z * (1 / (12 * Double(Self.n))).squareRoot())
    }

    @Test("nextBelow(7) and nextBelow(10) are unbiased: χ² (Wilson–Hilferty) z < 4", arguments: [7, 10])
    func nextBelowChiSquared(bound: Int) {
        var g = RandomStream(key: StreamKey(2, UInt64(bound)))
        var counts = [Int](repeating: 0, count: bound)
        for _ in 0 ..< Self.n {
            let v = g.nextBelow(bound)
            #expect(v >= 0 && v < bound)
            counts[v] += 1
        }
        let expected = [Double](repeating: Double(Self.n) / Double(bound), count: bound)
        let chi2 = SampleStatistics.chiSquaredStatistic(observed: counts, expected: expected)
        let z = SampleStatistics.chiSquaredZScore(chi2, degreesOfFreedom: bound - 1)
        #expect(z < SampleStatistics.z, "χ² = \(chi2), z = \(z)")
    }

    /// n = 3·2⁶¹: 2⁶⁴ mod n = 2⁶², so Lemire's rejection fires for a quarter of the draws. Without
    /// it, output j would have 3, 3, 2 preimages as j mod 3 = 0, 1, 2 (2⁶⁴/n = 8/3): residue 2 would
    /// have frequency ¼ instead of ⅓, which this test detects at ~70σ.
    @Test("nextBelow with a large non-power-of-two bound (rejection ≈ ¼ of draws): thirds and residues mod 3 within 4σ")
    func nextBelowLargeBound() {
        let bound = 3 << 61
        var g = RandomStream(key: StreamKey(3))
        let draws = 300_000
        var thirds = [0, 0, 0], residues = [0, 0, 0]
        for _ in 0 ..< draws {
            let v = g.nextBelow(bound)
            #expect(v >= 0 && v < bound)
            thirds[v >> 61] += 1
            residues[v % 3] += 1
        }
        let se = SampleStatistics.binomialStandardError(p: 1.0 / 3, n: draws)
        for c in thirds + residues {
            #expect(abs(Double(c) / Double(draws) - 1.0 / 3) < SampleStatistics.z * se, "\(thirds) \(residues)")
        }
    }

    @Test("nextBelow(1) == 0 and consumes one draw; Int.max works")
    func nextBelowEdges() {
        var g = RandomStream(seed: 5)
        var h = g
        for _ in 0 ..< 100 { #expect(g.nextBelow(1) == 0) }
        for _ in 0 ..< 100 { _ = h.next() }
        #expect(g.next() == h.next())
        for _ in 0 ..< 100 { #expect(g.nextBelow(Int.max) < Int.max) }
    }

    @Test("nextBelow is multiply-shift: for a power of two 2ᵇ it returns the top b bits of next()")
    func nextBelowPowerOfTwo() {
        var a = RandomStream(seed: 77)
        var b = a
        for _ in 0 ..< 1000 { #expect(a.nextBelow(1 << 10) == Int(b.next() >> 54)) }
    }
}

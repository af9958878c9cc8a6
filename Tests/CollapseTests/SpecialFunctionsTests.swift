import Foundation
import Testing
import Collapse

/// Against tabulated values (Abramowitz & Stegun ch. 6; c₄ from its definition with exact Γ values).
@Suite struct SpecialFunctionsTests {
    static let eulerGamma = 0.57721566490153286061

    @Test func digammaAtKnownPoints() {
        #expect(abs(SpecialFunctions.digamma(1) + Self.eulerGamma) < 5e-14)
        #expect(abs(SpecialFunctions.digamma(0.5) - (-Self.eulerGamma - 2 * 0.69314718055994530942)) < 5e-14)
        // ψ(n) = −γ + Σₖ₌₁ⁿ⁻¹ 1/k
        #expect(abs(SpecialFunctions.digamma(10) - (-Self.eulerGamma + (1...9).reduce(0.0) { $0 + 1 / Double($1) })) < 5e-14)
        // ψ(x + 1) = ψ(x) + 1/x across the switch to the asymptotic series at 10
        for x in [0.1, 3.7, 9.5, 9.99, 25.0, 1e4] {
            #expect(abs(SpecialFunctions.digamma(x + 1) - SpecialFunctions.digamma(x) - 1 / x) < 1e-13 * max(1, abs(SpecialFunctions.digamma(x))))
        }
        // ψ(4.5) = −γ − 2 ln 2 + 2(1 + 1/3 + 1/5 + 1/7) = 1.38887092635952…
        #expect(abs(SpecialFunctions.digamma(4.5) - 1.3888709263595289) < 5e-14)
    }

    @Test func trigammaAtKnownPoints() {
        #expect(abs(SpecialFunctions.trigamma(1) - Double.pi * Double.pi / 6) < 5e-14)
        #expect(abs(SpecialFunctions.trigamma(0.5) - Double.pi * Double.pi / 2) < 5e-14)
        for x in [0.3, 9.9, 40.0] {
            #expect(abs(SpecialFunctions.trigamma(x) - SpecialFunctions.trigamma(x + 1) - 1 / (x * x)) < 1e-13)
        }
    }

    @Test func c4AtKnownPoints() {
        // c₄(2) = √(2/π); c₄(3) = √π/2; c₄(10) = 0.9726592741…; c₄ → 1 − 1/(4M) for large M.
        #expect(abs(SpecialFunctions.c4(2) - (2 / Double.pi).squareRoot()) < 1e-15)
        #expect(abs(SpecialFunctions.c4(3) - Double.pi.squareRoot() / 2) < 1e-15)
        #expect(abs(SpecialFunctions.c4(10) - 0.9726592741215884) < 1e-14)
        // Large M: c₄ = 1 − 1/(4M) − 7/(32M²) − O(M⁻³); no overflow where Γ(5·10⁷) would be ∞.
        for m in [1_000.0, 100_000_000.0] {
            #expect(abs(SpecialFunctions.c4(Int(m)) - (1 - 1 / (4 * m) - 7 / (32 * m * m))) < 20 / (m * m * m) + 1e-15)
        }
        // The two methods agree where they meet.
        #expect(abs(SpecialFunctions.c4(199) - SpecialFunctions.c4(200)) < 1e-5)
        #expect(abs(SpecialFunctions.c4(200) - (2.0 / 199).squareRoot() * Foundation.exp(lgamma(100) - lgamma(99.5))) < 1e-13)
    }

    @Test func normalCDF() {
        #expect(SpecialFunctions.normalCDF(0) == 0.5)
        #expect(abs(SpecialFunctions.normalCDF(-3) - 0.0013498980316301) < 1e-15)
        #expect(abs(SpecialFunctions.normalCDF(-10) - 7.619853024160527e-24) < 1e-36)  // relative precision in the tail
    }
}

@Suite struct SaddlepointTests {
    @Test func inverseDigamma() {
        for x in [0.01, 0.5, 1, 4.5, 100, 1e6] {
            #expect(abs(SpecialFunctions.inverseDigamma(SpecialFunctions.digamma(x)) - x) <= 1e-12 * x)
        }
    }

    /// P(χ²_ν < x) by its power series, x^a e^(−x/2)... : the regularised lower incomplete gamma P(ν/2, x/2).
    static func chiSquaredCDF(_ x: Double, degrees nu: Double) -> Double {
        let a = nu / 2, h = x / 2
        var term = 1 / a, sum = term
        for n in 1..<500 { term *= h / (a + Double(n)); sum += term }
        return Foundation.exp(a * Foundation.log(h) - h - lgamma(a)) * sum
    }

    /// For one step the law is exact: P(σ₁² < 0.1σ²) = P(χ²_{M−1} < 0.1·n). The saddlepoint is within 3% of it
    /// where the central-limit form is off by a factor of 60.
    @Test(arguments: [(10, true), (10, false), (100, true), (30, false)])
    func oneStepAgainstTheExactChiSquared(m: Int, unbiased: Bool) throws {
        let setting = GaussianTheory.Setting(d: 1, sigma2: 1, m: m, alpha: 0, unbiased: unbiased)
        let n = Double(unbiased ? m - 1 : m)
        let exact = Self.chiSquaredCDF(0.1 * n, degrees: Double(m - 1))
        let saddle = try #require(GaussianTheory.collapseProbability(setting, generation: 1))
        #expect(abs(saddle / exact - 1) < 0.03, "M = \(m): saddlepoint \(saddle) vs exact \(exact)")
    }

    @Test func manyStepsTendToOne() throws {
        let setting = GaussianTheory.Setting(d: 1, sigma2: 1, m: 10, alpha: 0, unbiased: true)
        let values = try [10, 20, 50, 100, 200].map { try #require(GaussianTheory.collapseProbability(setting, generation: $0)) }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 < $1 })
        // PAPERS.md §3, an independent Monte Carlo: 0.23, 0.49, 0.84, 0.97 at k = 10, 20, 50, 100.
        for (v, mc) in zip(values, [0.23, 0.49, 0.84, 0.97]) { #expect(abs(v - mc) < 0.02) }
        #expect(values[4] > 0.99)
    }
}

@Suite struct ExactProportionTests {
    @Test func inverseNormal() {
        for p in [1e-300, 1e-10, 0.001, 0.02, 0.3, 0.5, 0.9, 0.999999] {
            #expect(abs(SpecialFunctions.normalCDF(SpecialFunctions.inverseNormalCDF(p)) / p - 1) < 1e-12)
        }
        #expect(abs(SpecialFunctions.inverseNormalCDF(0.975) - 1.959963984540054) < 1e-13)
    }

    @Test func binomialTails() {
        // Bin(10, ½): P(X ≥ 8) = (45 + 10 + 1)/1024, P(X ≤ 2) the same by symmetry.
        #expect(abs(SpecialFunctions.binomialTail(8, n: 10, p: 0.5, upper: true) - 56.0 / 1024) < 1e-15)
        #expect(abs(SpecialFunctions.binomialTail(2, n: 10, p: 0.5, upper: false) - 56.0 / 1024) < 1e-15)
        #expect(SpecialFunctions.binomialTail(0, n: 10, p: 0.3, upper: true) == 1)
    }

    /// The case that motivated it: 11 of 2000 where p = 0.001436 (2.9 expected). Exact tail 1.5e−4, z ≈ 3.6;
    /// the normal approximation would say 4.8 and reject.
    @Test func smallCountsUseTheExactTail() {
        let s = Summary(Array(repeating: 1.0, count: 11) + Array(repeating: 0.0, count: 1989))
        let z = s.proportionZ(against: 0.001436)
        #expect(z > 3.3 && z < 3.9)
        #expect(abs((s.mean - 0.001436) / (0.001436 * (1 - 0.001436) / 2000).squareRoot() - 4.8) < 0.1)
        // Large counts: the exact and the normal z agree.
        let big = Summary(Array(repeating: 1.0, count: 1100) + Array(repeating: 0.0, count: 8900))
        #expect(abs(big.proportionZ(against: 0.1) - (0.11 - 0.1) / (0.09 / 10000).squareRoot()) < 0.1)
        // p = 0 and all zeros: agreement.
        #expect(Summary([0, 0, 0]).proportionZ(against: 0) == 0)
        #expect(Summary([0, 1, 0]).proportionZ(against: 0) == .infinity)
    }
}

import Foundation
import LinearAlgebra
import Randomness

/// The sufficient statistics of n samples of a Gaussian, drawn directly instead of from the samples: exact in
/// distribution, O(d³) per batch instead of O(n·d²).
///
/// For x₁ … xₙ iid N(μ, BBᵀ) the mean and the scatter are independent (Cochran's theorem; Anderson 2003, Thm 3.3.2):
///
///     x̄ ~ N(μ, BBᵀ/n) = μ + B·z/√n,  z ~ N(0, I_d)
///     S = Σ(xᵢ − x̄)(xᵢ − x̄)ᵀ ~ Wishart_d(n − 1, BBᵀ) = (B·F)(B·F)ᵀ,  F·Fᵀ ~ Wishart_d(n − 1, I)   (`WishartFactor`)
///
/// In one dimension S = b²·χ²ₙ₋₁. Any B with BBᵀ = Σ will do (the fit's eigen square-root factor, singular or not).
/// n = 1 gives S = 0 without drawing a χ².
///
/// Draw order (family version 2): z (d normals), then the Wishart factor of n − 1 degrees of freedom (d = 1: one
/// χ²ₙ₋₁ by `nextChiSquared`; d > 1: Bartlett column by column when n − 1 ≥ d, else (n − 1)·d normals).
extension Gaussian.SampleMoments {
    public init(drawnFrom fit: Gaussian.Fit, count n: Int, _ rng: inout RandomStream) {
        precondition(n >= 1, "moments of an empty sample")
        let d = fit.mean.count
        var z = [Double](repeating: 0, count: d)
        rng.fillNormal(&z)
        var mean = fit.mean
        BLAS.gemv(.none, fit.factor, z, alpha: 1 / Double(n).squareRoot(), beta: 1, into: &mean)
        let f = WishartFactor.standard(dimension: d, degreesOfFreedom: n - 1, &rng)
        self.init(count: n, mean: mean, scatter: WishartFactor.outerGram(BLAS.product(fit.factor, f)))
    }

    init(count: Int, mean: [Double], scatter: Matrix) {
        self.count = count
        self.mean = mean
        self.scatter = scatter
    }
}

extension Gaussian {
    /// Count, mean and centred sum of squares of one-dimensional samples, without allocation (the 1D hot loop).
    struct ScalarMoments {
        var count: Double
        var mean: Double
        var scatter: Double

        static let empty = ScalarMoments(count: 0, mean: 0, scatter: 0)

        /// The moments of n samples of N(m, s²), drawn directly: x̄ = m + s·z/√n, S = s²·χ²ₙ₋₁ (independent; exact).
        /// Draw order: z, then χ²ₙ₋₁ (none when n = 1). Precondition: n ≥ 1.
        @inline(__always)
        static func draw(mean m: Double, standardDeviation s: Double, count n: Int, _ rng: inout RandomStream) -> ScalarMoments {
            let z = rng.nextNormal()
            let scatter = n > 1 ? s * s * rng.nextChiSquared(degreesOfFreedom: Double(n - 1)) : 0
            return ScalarMoments(count: Double(n), mean: m + s * z / Double(n).squareRoot(), scatter: scatter)
        }

        /// The union with another set (Chan, Golub & LeVeque 1979, as `SampleMoments.merge`):
        /// x̄ = x̄ₐ + δ·n_b/n and S = Sₐ + S_b + δ²·nₐn_b/n, δ = x̄_b − x̄ₐ. Merging into `empty` gives `other`.
        @inline(__always)
        mutating func merge(_ other: ScalarMoments) {
            guard count > 0 else { self = other; return }
            let delta = other.mean - mean, total = count + other.count
            scatter += other.scatter + delta * delta * count * other.count / total
            mean += delta * other.count / total
            count = total
        }
    }
}

import Foundation
import LinearAlgebra
import Randomness

extension Gaussian {
    /// Count, mean and scatter Σ(x − x̄)(x − x̄)ᵀ of a set of samples: the sufficient statistics of a Gaussian fit.
    public struct SampleMoments: Sendable, Equatable {
        public var count: Int
        public var mean: [Double]
        /// Full symmetric d × d scatter matrix.
        public var scatter: Matrix

        /// Two passes over the rows of `samples` (n × d): the mean, then the scatter of the centred rows (`dsyrk`).
        public init(_ samples: Matrix) {
            let n = samples.rows, d = samples.columns
            count = n
            mean = (0..<d).map { j in
                var s = 0.0
                for i in 0..<n { s += samples.storage[i + j * n] }
                return s / Double(n)
            }
            var centred = samples
            for j in 0..<d { for i in 0..<n { centred.storage[i + j * n] -= mean[j] } }
            scatter = BLAS.gram(centred)
        }

        /// The moments of the union of two sample sets (Chan, Golub & LeVeque 1979):
        /// x̄ = x̄ₐ + δ·n_b/n and S = Sₐ + S_b + δδᵀ·nₐn_b/n, with δ = x̄_b − x̄ₐ. O(d²), whatever the counts.
        public mutating func merge(_ other: SampleMoments) {
            let na = Double(count), nb = Double(other.count), n = na + nb
            let d = mean.count
            let delta = (0..<d).map { other.mean[$0] - mean[$0] }
            for j in 0..<d {
                for i in 0..<d {
                    scatter.storage[i + j * d] += other.scatter.storage[i + j * d] + delta[i] * delta[j] * na * nb / n
                }
            }
            for j in 0..<d { mean[j] += delta[j] * nb / n }
            count += other.count
        }
    }

    /// A fitted (or the true) Gaussian with what sampling and scoring need.
    public struct Fit: Sendable {
        public let mean: [Double]
        public let covariance: Matrix
        /// Eigenvalues of the covariance, ascending.
        public let eigenvalues: [Double]
        /// B with B·Bᵀ = covariance (exists even when it is singular).
        public let factor: Matrix
        /// The generation this fit was made at (0 for the truth); the next samples belong to generation + 1.
        public let generation: Int

        init(mean: [Double], covariance: Matrix, eigenvalues: [Double], factor: Matrix, generation: Int) {
            self.mean = mean
            self.covariance = covariance
            self.eigenvalues = eigenvalues
            self.factor = factor
            self.generation = generation
        }

        /// N(μ·1, σ²I): factor σI exactly.
        static func truth(d: Int, mu: Double, sigma2: Double) -> Fit {
            var cov = Matrix.identity(d)
            var b = Matrix.identity(d)
            for i in 0..<d { cov[i, i] = sigma2; b[i, i] = sigma2.squareRoot() }
            return Fit(mean: Array(repeating: mu, count: d), covariance: cov,
                       eigenvalues: Array(repeating: sigma2, count: d), factor: b, generation: 0)
        }

        /// The fit of moments: mean x̄ and covariance S/(N − 1) (unbiased) or S/N (MLE).
        init(_ m: SampleMoments, unbiased: Bool, generation: Int) {
            let divisor = Double(unbiased ? m.count - 1 : m.count)
            var cov = m.scatter
            for k in cov.storage.indices { cov.storage[k] /= divisor }
            mean = m.mean
            covariance = cov
            self.generation = generation
            if cov.rows == 1 {
                eigenvalues = [cov.storage[0]]
                factor = Matrix(rows: 1, columns: 1, columnMajor: [Swift.max(cov.storage[0], 0).squareRoot()])
            } else if let eigen = try? SymmetricEigen(cov) {
                eigenvalues = eigen.eigenvalues
                factor = eigen.squareRootFactor
            } else {
                // Only a NaN or infinity gets here; it propagates into every metric and is flagged there.
                eigenvalues = Array(repeating: .nan, count: cov.rows)
                factor = Matrix(rows: cov.rows, columns: cov.rows, repeating: .nan)
            }
        }
    }
}

extension Gaussian.Model {
    /// `count` samples of N(fit.mean, fit.covariance) as a count × d matrix: Z (normals, column by column from
    /// `rng`) times Bᵀ plus the mean. The reference loop and the fast path share this, so they see the same data.
    func sample(_ fit: Gaussian.Fit, count n: Int, _ rng: inout RandomStream) -> Matrix {
        var z = Matrix(rows: n, columns: d)
        rng.fillNormal(&z.storage)
        var x: Matrix
        if d == 1 {
            x = z
            let (m, b) = (fit.mean[0], fit.factor.storage[0])
            for i in 0..<n { x.storage[i] = m + b * z.storage[i] }
        } else {
            x = BLAS.product(.none, z, .transpose, fit.factor)
            for j in 0..<d { for i in 0..<n { x.storage[i + j * n] += fit.mean[j] } }
        }
        return x
    }

    /// The metrics of a fit against the truth N(μ₀·1, σ²I), in `Gaussian.metrics` order.
    func metrics(_ fit: Gaussian.Fit) -> [Double] {
        if d == 1 { return scalarMetrics(mean: fit.mean[0], variance: fit.covariance.storage[0]) }
        let sigma2 = setting.sigma2, sigma = sigma2.squareRoot()
        var meanError = 0.0
        for j in 0..<d { meanError += (fit.mean[j] - mu) * (fit.mean[j] - mu) }
        var trace = 0.0
        for j in 0..<d { trace += fit.covariance[j, j] }
        let largest = fit.eigenvalues.max() ?? 0
        let singular = fit.eigenvalues.contains { $0 <= largest * Double(d) * Double.ulpOfOne * 16 }
        let logDet = singular ? -Double.infinity : fit.eigenvalues.reduce(0.0) { $0 + Foundation.log($1) }
        let sqrtSum = fit.eigenvalues.reduce(0.0) { $0 + Swift.max($1, 0).squareRoot() }
        let w2 = meanError + trace + Double(d) * sigma2 - 2 * sigma * sqrtSum
        let ratio = trace / (Double(d) * sigma2)
        return [meanError, ratio, logDet - Double(d) * Foundation.log(sigma2), w2,
                tailMass(mean: fit.mean[0], variance: fit.covariance[0, 0]), ratio < 0.1 ? 1 : 0]
    }

    /// The same metrics in one dimension, from the fitted mean and variance (shared by the scalar hot paths).
    func scalarMetrics(mean: Double, variance: Double) -> [Double] {
        let m = scalarMetricValues(mean: mean, variance: variance)
        return [m.meanError, m.ratio, m.logRatio, m.w2, m.tailMass, m.collapsed]
    }

    /// The one-dimensional metrics in `Gaussian.metrics` order, without allocating an array.
    struct ScalarMetricValues {
        var meanError, ratio, logRatio, w2, tailMass, collapsed: Double
    }

    @inline(__always)
    func scalarMetricValues(mean: Double, variance: Double) -> ScalarMetricValues {
        let sigma2 = setting.sigma2
        let meanError = (mean - mu) * (mean - mu)
        let logRatio = variance > 0 ? Foundation.log(variance) - Foundation.log(sigma2) : -Double.infinity
        let w2 = meanError + variance + sigma2 - 2 * sigma2.squareRoot() * Swift.max(variance, 0).squareRoot()
        let ratio = variance / sigma2
        return ScalarMetricValues(meanError: meanError, ratio: ratio, logRatio: logRatio, w2: w2,
                                  tailMass: tailMass(mean: mean, variance: variance), collapsed: ratio < 0.1 ? 1 : 0)
    }

    /// P_fit(|x₁ − μ₀| > 3σ) for the fitted first-coordinate marginal N(mean, variance).
    func tailMass(mean: Double, variance: Double) -> Double {
        let sigma = setting.sigma2.squareRoot()
        let s = Swift.max(variance, 0).squareRoot()
        guard s > 0 else { return abs(mean - mu) > 3 * sigma ? 1 : 0 }
        return SpecialFunctions.normalCDF((mu - 3 * sigma - mean) / s) + SpecialFunctions.normalCDF((mean - mu - 3 * sigma) / s)
    }
}

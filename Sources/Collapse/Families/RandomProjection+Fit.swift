import LinearAlgebra
import Randomness

/// The random-projection fit: primal normal equations below the threshold, dual (kernel) form above it.
///
/// Draw order (family version 1):
/// - world stream: w₁* (d normals, scaled by 1/√d), δ's direction (d normals, rescaled to ‖δ‖² = c²), then S
///   (m×d, column by column, normals scaled by 1/√d);
/// - data stream of generation 1: row by row, xᵢ (d normals) then εᵢ (one normal, scaled by σ); rows i ≥ n₁
///   are synthetic (as in `MixtureRegression`).
///
/// Both fits (mixed and clean labels) share Z = XSᵀ and are one solve with two right-hand sides:
/// - m ≤ n: V = (ZᵀZ + nλI)⁻¹ZᵀY, O(nm² + m³);
/// - m > n: V = Zᵀ(ZZᵀ + nλI)⁻¹Y (the same V by the push-through identity), O(n²m + n³).
/// Cholesky with the `NormalEquations` conditioning check; when it fails (λ = 0 at m ≈ n) the minimum-norm
/// solution Z⁺Y by `dgelsd`, which is the λ → 0 limit of ridge.
extension RandomProjection.Model {
    public struct World: Sendable {
        public let wStar: [Double]
        public let delta: [Double]
        /// S, m × d.
        public let projection: Matrix
    }

    public func makeWorld(_ rng: inout RandomStream) -> World {
        let scale = 1 / Double(d).squareRoot()
        var wStar = [Double](repeating: 0, count: d)
        rng.fillNormal(&wStar, mean: 0, standardDeviation: scale)
        var delta = [Double](repeating: 0, count: d)
        rng.fillNormal(&delta)
        let norm = delta.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let deltaScale = norm > 0 ? c2.squareRoot() / norm : 0
        for i in delta.indices { delta[i] *= deltaScale }
        var s = Matrix(rows: m, columns: d)
        rng.fillNormal(&s.storage, mean: 0, standardDeviation: scale)
        return World(wStar: wStar, delta: delta, projection: s)
    }

    /// Xᵀ (d × n, column i = row i) and the labels [y_mixed y_clean] (n × 2).
    public func data(_ world: World, _ rng: inout RandomStream) -> (xt: Matrix, labels: Matrix) {
        var xt = Matrix(rows: d, columns: n)
        var clean = [Double](repeating: 0, count: n)
        let sigma = self.sigma, d = self.d
        xt.storage.withUnsafeMutableBufferPointer { p in
            for k in 0..<n {
                rng.fillNormal(UnsafeMutableBufferPointer(rebasing: p[(k * d)..<((k + 1) * d)]))
                clean[k] = sigma * rng.nextNormal()
            }
        }
        BLAS.gemv(.transpose, xt, world.wStar, beta: 1, into: &clean)
        var shift = [Double](repeating: 0, count: n)
        BLAS.gemv(.transpose, xt, world.delta, into: &shift)
        var labels = Matrix(rows: n, columns: 2)
        for k in 0..<n {
            labels.storage[k] = clean[k] + (k >= n1 ? shift[k] : 0)
            labels.storage[n + k] = clean[k]
        }
        return (xt, labels)
    }

    /// The effective weights Sᵀ[v v_clean] (d × 2) and whether the minimum-norm fallback was used.
    public func fit(_ world: World, xt: Matrix, labels: Matrix) -> (weights: Matrix, usedFallback: Bool) {
        let s = world.projection
        var v: Matrix
        var fallback = false
        if m <= n {
            let z = BLAS.product(.transpose, xt, .transpose, s)  // n × m
            var a = Matrix(rows: m, columns: m)
            BLAS.syrkUpperTransposed(z, into: &a)
            for i in 0..<m { a.storage[i + i * m] += ridge }
            if let chol = NormalEquations.factor(gram: a) {
                v = BLAS.product(.transpose, z, .none, labels)
                chol.solve(&v)
            } else {
                fallback = true
                v = minimumNorm(z, labels)
            }
        } else {
            let zt = BLAS.product(s, xt)  // m × n
            var k = Matrix(rows: n, columns: n)
            BLAS.syrkUpperTransposed(zt, into: &k)
            for i in 0..<n { k.storage[i + i * n] += ridge }
            if let chol = NormalEquations.factor(gram: k) {
                var alpha = labels
                chol.solve(&alpha)
                v = BLAS.product(zt, alpha)
            } else {
                fallback = true
                v = minimumNorm(zt.transposed, labels)
            }
        }
        return (BLAS.product(.transpose, s, .none, v), fallback)
    }

    /// Z⁺Y (ridgeless); for λ > 0, which never needs it on Gaussian data, the same minimum-norm solution is the
    /// λ → 0 limit and is reported as a fallback fit.
    func minimumNorm(_ z: Matrix, _ y: Matrix) -> Matrix {
        (try? LeastSquares.minimumNorm(z, y).solution) ?? Matrix(rows: z.columns, columns: y.columns, repeating: .nan)
    }

    /// [test_error, clean_test_error, gap].
    public func metrics(_ w: Matrix, _ world: World) -> [Double] {
        PairedFitErrors.metrics(w, wStar: world.wStar)
    }

    /// One fit per replicate, recorded at generation 1; later generations are undefined and stay NaN.
    public func simulate(_ request: SimulationRequest) -> SimulationBlock {
        var block = SimulationBlock(metricCount: 3, generations: request.generations, replicateCount: request.replicates.count)
        for (offset, replicate) in request.replicates.enumerated() {
            let streams = request.streams(replicate: replicate)
            var worldRNG = streams.stream(.world)
            let world = makeWorld(&worldRNG)
            var dataRNG = streams.stream(.data, generation: 1)
            let (xt, labels) = data(world, &dataRNG)
            let (w, fallback) = fit(world, xt: xt, labels: labels)
            block.fits += 2
            if fallback { block.minimumNormFits += 2 }
            block.record(replicate: offset, generation: 1, metrics(w, world))
        }
        return block
    }
}

import LinearAlgebra
import Randomness

/// The mixture-regression fit from sufficient statistics built in blocks of rows, so memory is
/// O(d² + chunk·d) however large n is (n = 10⁶ and beyond).
///
/// Draw order (family version 2), which fixes every number:
/// - world stream: w₁* (d normals, scaled by 1/√d), then δ's direction (d normals, rescaled to ‖δ‖² = c²);
/// - data stream of generation 1, `sampler: samples` and every minimum-norm fit (n ≤ d + 1): row by row,
///   i = 0 ..< n: xᵢ (d normals), then εᵢ (one normal, scaled by σ). Rows i ≥ n₁ are the synthetic ones.
///   The order is row by row so that it does not depend on the chunk size: chunked and stacked fits see the same data;
/// - data stream of generation 1, `sampler: statistics` (the default) otherwise: the real block's statistics, then
///   the synthetic block's (`MixtureRegression+SampledStatistics.swift`).
///
/// The mixed and the clean fit share X, hence XᵀX; only the labels differ (y_clean = Xw₁* + ε and
/// y_mixed = y_clean + D₂Xδ), so both are one solve with two right-hand sides: (XᵀX + nλI)·[ŵ ŵ_clean] = Xᵀ[y y_clean].
/// Fast path: Cholesky of the (regularised) Gram matrix when its reciprocal condition number is ≥ 1e−10
/// (`NormalEquations`). Fallbacks: the minimum-norm solution of the normal equations (A⁺M, which is X⁺y for
/// ridgeless fits); and for ridgeless fits with n ≤ d + 1 the data (at most d + 1 rows) are kept and solved
/// by `dgelsd` directly, since the Gram matrix is then singular.
extension MixtureRegression.Model {
    public static let defaultChunkRows = 4096

    public struct World: Sendable {
        public let wStar: [Double]
        public let delta: [Double]
    }

    /// XᵀX (full, symmetric) and Xᵀ[y_mixed y_clean] (d × 2).
    public struct SufficientStatistics: Sendable {
        public var gram: Matrix
        public var moments: Matrix
    }

    public func makeWorld(_ rng: inout RandomStream) -> World {
        var wStar = [Double](repeating: 0, count: d)
        rng.fillNormal(&wStar, mean: 0, standardDeviation: 1 / Double(d).squareRoot())
        var delta = [Double](repeating: 0, count: d)
        rng.fillNormal(&delta)
        let norm = delta.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let scale = norm > 0 ? c2.squareRoot() / norm : 0
        for i in delta.indices { delta[i] *= scale }
        return World(wStar: wStar, delta: delta)
    }

    /// Draws rows `rows` (in order) into `xt` (d × rows.count, column k = row k: the transpose of the design
    /// block) and returns their labels as a rows.count × 2 matrix [y_mixed y_clean].
    func drawRows(_ rows: Range<Int>, _ world: World, _ rng: inout RandomStream, into xt: inout Matrix) -> Matrix {
        let r = rows.count
        precondition(xt.rows == d && xt.columns == r)
        var clean = [Double](repeating: 0, count: r)
        let sigma = self.sigma, d = self.d
        xt.storage.withUnsafeMutableBufferPointer { p in
            for k in 0..<r {
                rng.fillNormal(UnsafeMutableBufferPointer(rebasing: p[(k * d)..<((k + 1) * d)]))
                clean[k] = sigma * rng.nextNormal()
            }
        }
        BLAS.gemv(.transpose, xt, world.wStar, beta: 1, into: &clean)
        var labels = Matrix(rows: r, columns: 2)
        labels.storage.replaceSubrange(0..<r, with: clean)
        labels.storage.replaceSubrange(r..<(2 * r), with: clean)
        if rows.upperBound > n1 {
            var shift = [Double](repeating: 0, count: r)
            BLAS.gemv(.transpose, xt, world.delta, into: &shift)
            for k in max(0, n1 - rows.lowerBound)..<r { labels.storage[k] += shift[k] }
        }
        return labels
    }

    /// Accumulates XᵀX and Xᵀ[y_mixed y_clean] over blocks of `chunkRows` rows.
    public func statistics(_ world: World, _ rng: inout RandomStream, chunkRows: Int = defaultChunkRows) -> SufficientStatistics {
        precondition(chunkRows >= 1)
        var stats = SufficientStatistics(gram: Matrix(rows: d, columns: d), moments: Matrix(rows: d, columns: 2))
        var xt = Matrix(rows: d, columns: min(chunkRows, n))
        for start in stride(from: 0, to: n, by: chunkRows) {
            let rows = start..<min(start + chunkRows, n)
            if xt.columns != rows.count { xt = Matrix(rows: d, columns: rows.count) }
            let labels = drawRows(rows, world, &rng, into: &xt)
            BLAS.gemm(.none, xt, .transpose, xt, beta: 1, into: &stats.gram)
            BLAS.gemm(.none, xt, .none, labels, beta: 1, into: &stats.moments)
        }
        return stats
    }

    /// [ŵ ŵ_clean] (d × 2) from the sufficient statistics, and whether the minimum-norm fallback was used.
    public func solve(_ stats: SufficientStatistics) -> (weights: Matrix, usedFallback: Bool) {
        var a = stats.gram
        for i in 0..<d { a.storage[i + i * d] += ridge }
        if let chol = NormalEquations.factor(gram: a) {
            var w = stats.moments
            chol.solve(&w)
            return (w, false)
        }
        let w = (try? LeastSquares.minimumNorm(a, stats.moments).solution) ?? Matrix(rows: d, columns: 2, repeating: .nan)
        return (w, true)
    }

    /// The reference: every row kept and the fit done on the stacked data by `dgels` (ridge: on X stacked over
    /// √(nλ)·I with zero labels), or `dgelsd` (minimum norm) for ridgeless fits with n ≤ d + 1.
    /// Memory O(n·d): for tests and for the minimum-norm case, where n ≤ d + 1.
    public func directFit(_ world: World, _ rng: inout RandomStream) -> Matrix {
        var xt = Matrix(rows: d, columns: n)
        let labels = drawRows(0..<n, world, &rng, into: &xt)
        var x = xt.transposed
        var y = labels
        if ridge > 0 {
            x = x.stacked(on: Matrix(rows: d, columns: d))
            for i in 0..<d { x.storage[(n + i) + i * (n + d)] = ridge.squareRoot() }
            y = y.stacked(on: Matrix(rows: d, columns: 2))
        }
        if !minimumNorm, x.rows >= d, let w = try? LeastSquares.qr(x, y) { return w }
        return (try? LeastSquares.minimumNorm(x, y).solution) ?? Matrix(rows: d, columns: 2, repeating: .nan)
    }

    /// [test_error, clean_test_error, gap] of the two fits.
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
            let weights: Matrix
            var fallback = minimumNorm
            if minimumNorm || request.direct {   // --direct: every row kept, dgels/dgelsd on the stacked data
                weights = directFit(world, &dataRNG)
            } else if sampler == .statistics {
                (weights, fallback) = solve(sampledStatistics(world, &dataRNG))
            } else {
                (weights, fallback) = solve(statistics(world, &dataRNG))
            }
            block.fits += 2
            if fallback { block.minimumNormFits += 2 }
            block.record(replicate: offset, generation: 1, metrics(weights, world))
        }
        return block
    }
}

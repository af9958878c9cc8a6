import LinearAlgebra
import Randomness

/// The hot path: the same numbers as the reference loop (to rounding; pinned by tests at 1e−9 relative),
/// without refitting on the growing pool.
///
/// Fixed design. Every fit is ŵ = X⁺ȳ for some average ȳ of label vectors, and labels are linear in the
/// previous fit, y = Xŵ + E. With Z = X⁺[E₁ … E_G] computed once per replicate as a single multi-right-hand-side
/// solve (Cholesky of XᵀX, or the pseudo-inverse when T ≤ d + 1) and P = X⁺X (= I at full rank):
/// - replace:     ŵg = P·ŵg₋₁ + Zg
/// - accumulate:  ŵg = X⁺·mean(y₁…yg) = ((g − 1)·ŵg₋₁ + P·ŵg₋₁ + Zg)/g; at full rank ŵg = ŵg₋₁ + Zg/g,
///   which is Gerstgrasser et al.'s Theorem 1, ŵn = w* + (XᵀX)⁻¹Xᵀ Σᵢ Eᵢ/i.
/// - accumulate-subsample: the subsample holds row k of X cₖ times, so its normal equations are
///   Xᵀdiag(c)X·ŵ = Xᵀs with sₖ the sum of the chosen labels of row k: O(T·d²) per generation.
/// Fresh design (T ≥ d + 2): replace solves each generation's normal equations; accumulate keeps the running
/// sums Σ XgᵀXg and Σ Xgᵀyg. Every fit falls back to the minimum-norm solution when the normal equations are
/// too ill-conditioned (`NormalEquations`). Fresh-design subsampling and T ≤ d + 1 with a fresh design run
/// the reference loop.
extension LinearRegression.Model {
    public func fastPathApplies(to regime: Regime) -> Bool {
        fixedDesign || (!minimumNorm && regime != .accumulateSubsample)
    }

    public func simulateFast(_ request: SimulationRequest) -> SimulationBlock {
        var block = SimulationBlock(metricCount: 1, generations: request.generations, replicateCount: request.replicates.count)
        for (offset, replicate) in request.replicates.enumerated() {
            let streams = request.streams(replicate: replicate)
            var worldRNG = streams.stream(.world)
            let world = makeWorld(&worldRNG)
            if !fixedDesign {
                runFreshDesign(world, streams, request, offset, &block)
            } else if request.regime == .accumulateSubsample {
                runFixedSubsample(world, streams, request, offset, &block)
            } else {
                runFixedLinear(world, streams, request, offset, &block)
            }
        }
        return block
    }

    /// T × G noise, column g − 1 drawn from generation g's data stream (as the reference loop draws it).
    func noiseMatrix(_ streams: ReplicateStreams, generations: Int) -> Matrix {
        var e = Matrix(rows: T, columns: generations)
        e.storage.withUnsafeMutableBufferPointer { p in
            for g in 1...generations {
                var rng = streams.stream(.data, generation: g)
                rng.fillNormal(UnsafeMutableBufferPointer(rebasing: p[((g - 1) * T)..<(g * T)]), mean: 0, standardDeviation: sigma)
            }
        }
        return e
    }

    /// X⁺ for the fixed design: by Cholesky of XᵀX at full rank, else the SVD pseudo-inverse.
    struct DesignInverse {
        let cholesky: Cholesky?
        let pseudoInverse: Matrix?
        /// X⁺X, or nil for the identity.
        let projection: Matrix?

        init(_ x: Matrix, minimumNorm: Bool) {
            if !minimumNorm, let chol = NormalEquations.factor(gram: BLAS.gram(x)) {
                cholesky = chol; pseudoInverse = nil; projection = nil
            } else {
                let identity = Matrix.identity(x.rows)
                let pinv = (try? LeastSquares.minimumNorm(x, identity).solution)
                    ?? Matrix(rows: x.columns, columns: x.rows, repeating: .nan)
                cholesky = nil; pseudoInverse = pinv; projection = BLAS.product(pinv, x)
            }
        }

        /// X⁺·B for the design X this was built from.
        func apply(_ x: Matrix, _ b: Matrix) -> Matrix {
            if let chol = cholesky {
                var z = BLAS.product(.transpose, x, .none, b)
                chol.solve(&z)
                return z
            }
            return BLAS.product(pseudoInverse!, b)
        }
    }

    func runFixedLinear(_ world: World, _ streams: ReplicateStreams, _ request: SimulationRequest, _ offset: Int, _ block: inout SimulationBlock) {
        let G = request.generations
        let inverse = DesignInverse(world.design, minimumNorm: minimumNorm)
        let z = inverse.apply(world.design, noiseMatrix(streams, generations: G))
        block.fits += G
        if let p = inverse.projection {
            block.minimumNormFits += G
            var w = world.wStar
            var sum = [Double](repeating: 0, count: d)
            var pw = [Double](repeating: 0, count: d)
            for g in 1...G {
                BLAS.gemv(.none, p, w, into: &pw)
                for i in 0..<d { pw[i] += z.storage[i + (g - 1) * d] }
                if request.regime == .replace {
                    w = pw
                } else {
                    for i in 0..<d { sum[i] += pw[i] }
                    for i in 0..<d { w[i] = sum[i] / Double(g) }
                }
                block.record(replicate: offset, generation: g, [Self.squaredError(w, world.wStar)])
            }
        } else {
            var e = [Double](repeating: 0, count: d)
            let accumulate = request.regime == .accumulate
            z.storage.withUnsafeBufferPointer { zp in
                for g in 1...G {
                    let scale = accumulate ? 1 / Double(g) : 1
                    var s = 0.0
                    for i in 0..<d {
                        e[i] += zp[i + (g - 1) * d] * scale
                        s += e[i] * e[i]
                    }
                    block.values[0][offset * G + g - 1] = s
                }
            }
        }
    }

    func runFixedSubsample(_ world: World, _ streams: ReplicateStreams, _ request: SimulationRequest, _ offset: Int, _ block: inout SimulationBlock) {
        let G = request.generations
        let x = world.design
        var labels = Matrix(rows: T, columns: G)  // column g − 1: generation g's labels
        var w = world.wStar
        var counts = [Double](repeating: 0, count: T)
        var sums = [Double](repeating: 0, count: T)
        var weighted = Matrix(rows: T, columns: d)
        var gram = Matrix(rows: d, columns: d)
        for g in 1...G {
            var y = [Double](repeating: 0, count: T)
            var rng = streams.stream(.data, generation: g)
            rng.fillNormal(&y, mean: 0, standardDeviation: sigma)
            BLAS.gemv(.none, x, w, beta: 1, into: &y)
            labels.storage.replaceSubrange(((g - 1) * T)..<(g * T), with: y)

            var subRNG = streams.stream(.subsample, generation: g)
            let rows = subRNG.sampleWithoutReplacement(from: g * T, count: T)
            for k in 0..<T { counts[k] = 0; sums[k] = 0 }
            for r in rows {
                let k = r % T
                counts[k] += 1
                sums[k] += labels.storage[r]  // pool row r is row k of generation r / T + 1
            }
            block.fits += 1
            var solved = false
            if !minimumNorm {
                for j in 0..<d { for k in 0..<T { weighted.storage[k + j * T] = x.storage[k + j * T] * counts[k].squareRoot() } }
                BLAS.syrkUpperTransposed(weighted, into: &gram)
                if let chol = NormalEquations.factor(gram: gram) {
                    var b = [Double](repeating: 0, count: d)
                    BLAS.gemv(.transpose, x, sums, into: &b)
                    w = chol.solve(b)
                    solved = true
                }
            }
            if !solved {
                block.minimumNormFits += 1
                let chosenX = x.selectingRows(rows.map { $0 % T })
                let chosenY = Matrix(rows: T, columns: 1, columnMajor: rows.map { labels.storage[$0] })
                w = Self.minimumNormSolution(chosenX, chosenY)
            }
            block.record(replicate: offset, generation: g, [Self.squaredError(w, world.wStar)])
        }
    }

    func runFreshDesign(_ world: World, _ streams: ReplicateStreams, _ request: SimulationRequest, _ offset: Int, _ block: inout SimulationBlock) {
        let G = request.generations
        var w = world.wStar
        var gramSum = Matrix(rows: d, columns: d)
        var momentSum = [Double](repeating: 0, count: d)
        var gram = Matrix(rows: d, columns: d)
        var moment = [Double](repeating: 0, count: d)
        for g in 1...G {
            var rng = streams.stream(.data, generation: g)
            let batch: Batch
            if g == 1 {
                batch = labels(design: world.design, weights: w, &rng)
            } else {
                var x = Matrix(rows: T, columns: d)
                rng.fillNormal(&x.storage)
                batch = labels(design: x, weights: w, &rng)
            }
            BLAS.syrkUpperTransposed(batch.design, into: &gram)
            BLAS.gemv(.transpose, batch.design, batch.labels, into: &moment)
            block.fits += 1
            if request.regime == .replace {
                if let chol = NormalEquations.factor(gram: gram) {
                    w = chol.solve(moment)
                } else {
                    block.minimumNormFits += 1
                    w = Self.minimumNormSolution(batch.design, Matrix(rows: T, columns: 1, columnMajor: batch.labels))
                }
            } else {
                for k in gramSum.storage.indices { gramSum.storage[k] += gram.storage[k] }
                for i in 0..<d { momentSum[i] += moment[i] }
                if let chol = NormalEquations.factor(gram: gramSum) {
                    w = chol.solve(momentSum)
                } else {
                    // The minimum-norm solution of the normal equations is S⁺y for the stacked data S.
                    block.minimumNormFits += 1
                    var full = gramSum
                    full.symmetrizeFromUpper()
                    w = Self.minimumNormSolution(full, Matrix(rows: d, columns: 1, columnMajor: momentSum))
                }
            }
            block.record(replicate: offset, generation: g, [Self.squaredError(w, world.wStar)])
        }
    }
}

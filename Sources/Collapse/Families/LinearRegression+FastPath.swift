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
///   Xᵀdiag(c)X·ŵ = Xᵀs with sₖ the sum of the chosen labels of row k: O(m·d²) per generation for the m ≈ 0.63·T
///   distinct rows chosen (`LinearRegression+Subsample.swift`).
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
        var subsample: SubsampleWorkspace? = nil
        var linear: LinearWorkspace? = nil
        for (offset, replicate) in request.replicates.enumerated() {
            let streams = request.streams(replicate: replicate)
            var worldRNG = streams.stream(.world)
            let world = makeWorld(&worldRNG)
            if !fixedDesign {
                runFreshDesign(world, streams, request, offset, &block)
            } else if request.regime == .accumulateSubsample {
                var ws = subsample.take() ?? SubsampleWorkspace(d: d, T: T, G: request.generations)
                runFixedSubsample(world, streams, request, offset, &ws, &block)
                subsample = ws
            } else {
                var ws = linear.take() ?? LinearWorkspace(d: d, T: T, G: request.generations)
                runFixedLinear(world, streams, request, offset, &ws, &block)
                linear = ws
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

    /// Buffers for one block of replicates (full-rank fixed design), sized once: the noise E (T × G), the Gram
    /// matrix / its Cholesky factor (d × d) and Z = (XᵀX)⁻¹XᵀE (d × G).
    struct LinearWorkspace {
        var noise: [Double]
        var gram: [Double]
        var z: [Double]
        var solver: CholeskyWorkspace

        init(d: Int, T: Int, G: Int) {
            noise = [Double](repeating: 0, count: T * G)
            gram = [Double](repeating: 0, count: d * d)
            z = [Double](repeating: 0, count: d * G)
            solver = CholeskyWorkspace(order: d)
        }
    }

    func runFixedLinear(_ world: World, _ streams: ReplicateStreams, _ request: SimulationRequest, _ offset: Int,
                        _ ws: inout LinearWorkspace, _ block: inout SimulationBlock) {
        let G = request.generations
        if !minimumNorm, solveNoise(world.design, streams, G, &ws) {
            block.fits += G
            let accumulate = request.regime == .accumulate
            ws.z.withUnsafeBufferPointer { zp in
                var e = [Double](repeating: 0, count: d)   // ŵg − w*
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
            return
        }
        let inverse = DesignInverse(world.design, minimumNorm: true)
        let z = inverse.apply(world.design, noiseMatrix(streams, generations: G))
        block.fits += G
        block.minimumNormFits += G
        let p = inverse.projection!
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
    }

    /// Z = (XᵀX)⁻¹Xᵀ·[E₁ … E_G] into `ws.z` (one `dsyrk`, one Cholesky, one `dgemm`, one `dpotrs` with G
    /// right-hand sides), or false when the normal equations are refused (rcond < 1e−10).
    private func solveNoise(_ x: Matrix, _ streams: ReplicateStreams, _ G: Int, _ ws: inout LinearWorkspace) -> Bool {
        let T = self.T, d = self.d
        return x.storage.withUnsafeBufferPointer { px in
            ws.gram.withUnsafeMutableBufferPointer { gram in
                BLAS.syrkUpper(.transpose, n: d, k: T, px.baseAddress!, lda: T, into: gram.baseAddress!, ldc: d)
                guard ws.solver.factor(gram.baseAddress!) != nil else { return false }
                ws.noise.withUnsafeMutableBufferPointer { e in
                    for g in 1...G {
                        var rng = streams.stream(.data, generation: g)
                        rng.fillNormal(UnsafeMutableBufferPointer(rebasing: e[((g - 1) * T)..<(g * T)]),
                                       mean: 0, standardDeviation: sigma)
                    }
                    ws.z.withUnsafeMutableBufferPointer { z in
                        BLAS.gemm(.transpose, .none, m: d, n: G, k: T, px.baseAddress!, lda: T,
                                  e.baseAddress!, ldb: T, into: z.baseAddress!, ldc: d)
                        ws.solver.solve(factor: gram.baseAddress!, z.baseAddress!, columns: G)
                    }
                }
                return true
            }
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

import LinearAlgebra
import Randomness

/// accumulate-subsample with a fixed design, without touching the growing pool's rows.
///
/// Generation g trains on T rows drawn without replacement from the pool of g·T labelled rows (generation h's
/// rows are X with labels y_h = Xŵ_{h−1} + E_h). Pool row r is design row k = r mod T, so a subsample holds
/// design row k c_k times (Σc_k = T) and its least-squares problem is the weighted one
///
///     min_w Σ_k c_k (x_kᵀw − ȳ_k)²,   ȳ_k = s_k / c_k,  s_k = Σ (chosen labels of row k),
///
/// with normal equations Xᵀdiag(c)X·ŵ = Xᵀs. Only the m rows with c_k > 0 enter the Gram matrix:
/// G = AAᵀ with A = [√c_k·x_k]_{c_k>0} (d × m, one `dsyrk`, about 0.63·T columns once g is large), so a
/// generation costs O(m·d²) whatever g is. When T ≤ d + 1 the fit is the minimum-norm solution: with
/// m ≤ d independent rows it interpolates, ŵ = A(AᵀA)⁻¹r with r_k = s_k/√c_k (the dual normal
/// equations, an m × m Cholesky); with m = d + 1 rows it is the OLS solution of the primal equations.
/// Every Cholesky is refused below rcond 1e−10 (`NormalEquations`), and the fit then falls back to dgelsd on
/// the weighted rows. Tests pin every branch to dgelsd on the stacked subsample at 1e−9.
extension LinearRegression.Model {
    /// Buffers for one block of replicates, sized once.
    struct SubsampleWorkspace {
        let d: Int, T: Int, G: Int
        var transposedDesign: [Double]   // d × T: column k is design row k
        var labels: [Double]             // T × G: column g − 1 is generation g's labels
        var counts: [Int32]
        var sums: [Double]
        var chosen: [Int] = []
        var sampler = SubsetSampler()
        var weighted: [Double]           // d × m: column i is √c_k·x_k for the i-th chosen row k
        var rhs: [Double]                // r_i = s_k/√c_k (minimum-norm fits)
        var gram: [Double]               // d × d, or m × m for the dual equations
        var moment: [Double]
        var solver: CholeskyWorkspace
        var dualSolver: [Int: CholeskyWorkspace] = [:]
        let squareRoots: [Double]        // √c for c = 0 … G

        init(d: Int, T: Int, G: Int) {
            self.d = d; self.T = T; self.G = G
            transposedDesign = [Double](repeating: 0, count: d * T)
            labels = [Double](repeating: 0, count: T * G)
            counts = [Int32](repeating: 0, count: T)
            sums = [Double](repeating: 0, count: T)
            weighted = [Double](repeating: 0, count: d * T)
            rhs = [Double](repeating: 0, count: T)
            gram = [Double](repeating: 0, count: max(d, T) * max(d, T))
            moment = [Double](repeating: 0, count: max(d, T))
            solver = CholeskyWorkspace(order: d)
            squareRoots = (0...max(G, T)).map { Double($0).squareRoot() }
        }
    }

    func runFixedSubsample(_ world: World, _ streams: ReplicateStreams, _ request: SimulationRequest, _ offset: Int,
                           _ ws: inout SubsampleWorkspace, _ block: inout SimulationBlock) {
        let G = request.generations
        let x = world.design
        x.storage.withUnsafeBufferPointer { px in
            ws.transposedDesign.withUnsafeMutableBufferPointer { xt in
                for j in 0..<d { for k in 0..<T { xt[j + k * d] = px[k + j * T] } }
            }
        }
        var w = world.wStar
        for g in 1...G {
            // Generation g's labels, y_g = X·ŵ_{g−1} + E_g, appended to the pool.
            var rng = streams.stream(.data, generation: g)
            ws.labels.withUnsafeMutableBufferPointer { lab in
                let y = UnsafeMutableBufferPointer(rebasing: lab[((g - 1) * T)..<(g * T)])
                rng.fillNormal(y, mean: 0, standardDeviation: sigma)
                x.storage.withUnsafeBufferPointer { px in
                    w.withUnsafeBufferPointer { pw in
                        BLAS.gemv(.none, rows: T, columns: d, px.baseAddress!, lda: T, pw.baseAddress!, beta: 1,
                                  into: y.baseAddress!)
                    }
                }
            }
            var subRNG = streams.stream(.subsample, generation: g)
            ws.sampler.sample(from: g * T, count: T, using: &subRNG, into: &ws.chosen)
            let m = tally(&ws)
            block.fits += 1
            if minimumNorm { block.minimumNormFits += 1 }
            if let fit = solveWeighted(m, &ws) {
                w = fit
            } else {
                if !minimumNorm { block.minimumNormFits += 1 }
                w = fallbackSolution(m, ws)
            }
            block.record(replicate: offset, generation: g, [Self.squaredError(w, world.wStar)])
        }
    }

    /// Counts c_k and label sums s_k of the chosen pool rows, then packs the m chosen design rows weighted by
    /// √c_k into `weighted` (and r_k = s_k/√c_k into `rhs`). Returns m.
    func tally(_ ws: inout SubsampleWorkspace) -> Int {
        let T = self.T, d = self.d
        var m = 0
        ws.counts.withUnsafeMutableBufferPointer { c in
        ws.sums.withUnsafeMutableBufferPointer { s in
        ws.labels.withUnsafeBufferPointer { lab in
        ws.chosen.withUnsafeBufferPointer { chosen in
            for k in 0..<T { c[k] = 0; s[k] = 0 }
            var base = 0   // first pool row of the generation holding r (rows arrive ascending)
            for r in chosen {
                while r >= base + T { base += T }
                let k = r - base
                c[k] += 1
                s[k] += lab[r]
            }
            ws.weighted.withUnsafeMutableBufferPointer { a in
            ws.rhs.withUnsafeMutableBufferPointer { rhs in
            ws.transposedDesign.withUnsafeBufferPointer { xt in
            ws.squareRoots.withUnsafeBufferPointer { root in
                for k in 0..<T where c[k] > 0 {
                    let scale = root[Int(c[k])]
                    let src = xt.baseAddress! + k * d, dst = a.baseAddress! + m * d
                    for j in 0..<d { dst[j] = src[j] * scale }
                    rhs[m] = s[k] / scale
                    m += 1
                }
            } } } }
        } } } }
        return m
    }

    /// The fit from the weighted rows by Cholesky (primal Xᵀdiag(c)X·w = Xᵀs, or dual for m ≤ d in
    /// minimum-norm cells), or nil when the equations are refused.
    func solveWeighted(_ m: Int, _ ws: inout SubsampleWorkspace) -> [Double]? {
        let d = self.d, T = self.T
        if minimumNorm && m <= d {
            var solver = ws.dualSolver[m] ?? CholeskyWorkspace(order: m)
            defer { ws.dualSolver[m] = solver }
            return ws.weighted.withUnsafeBufferPointer { a -> [Double]? in
                ws.gram.withUnsafeMutableBufferPointer { k in
                    BLAS.syrkUpper(.transpose, n: m, k: d, a.baseAddress!, lda: d, into: k.baseAddress!, ldc: m)
                    guard solver.factor(k.baseAddress!) != nil else { return nil }
                    return ws.rhs.withUnsafeMutableBufferPointer { r in
                        solver.solve(factor: k.baseAddress!, r.baseAddress!)
                        var w = [Double](repeating: 0, count: d)
                        w.withUnsafeMutableBufferPointer { pw in
                            BLAS.gemv(.none, rows: d, columns: m, a.baseAddress!, lda: d, r.baseAddress!,
                                      into: pw.baseAddress!)
                        }
                        return w
                    }
                }
            }
        }
        return ws.weighted.withUnsafeBufferPointer { a -> [Double]? in
            ws.gram.withUnsafeMutableBufferPointer { gram in
                BLAS.syrkUpper(.none, n: d, k: m, a.baseAddress!, lda: d, into: gram.baseAddress!, ldc: d)
                guard ws.solver.factor(gram.baseAddress!) != nil else { return nil }
                var w = [Double](repeating: 0, count: d)
                ws.transposedDesign.withUnsafeBufferPointer { xt in
                    ws.sums.withUnsafeBufferPointer { s in
                        w.withUnsafeMutableBufferPointer { pw in
                            BLAS.gemv(.none, rows: d, columns: T, xt.baseAddress!, lda: d, s.baseAddress!,
                                      into: pw.baseAddress!)
                            ws.solver.solve(factor: gram.baseAddress!, pw.baseAddress!)
                        }
                    }
                }
                return w
            }
        }
    }

    /// dgelsd on the m weighted rows: the minimum-norm least-squares solution.
    func fallbackSolution(_ m: Int, _ ws: SubsampleWorkspace) -> [Double] {
        var a = Matrix(rows: m, columns: d)
        for i in 0..<m { for j in 0..<d { a.storage[i + j * m] = ws.weighted[j + i * d] } }
        return Self.minimumNormSolution(a, Matrix(rows: m, columns: 1, columnMajor: Array(ws.rhs[0..<m])))
    }
}

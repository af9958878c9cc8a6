import Testing
@testable import Collapse
import LinearAlgebra
import Randomness

/// The accumulate-subsample fast path's solvers (primal and dual normal equations on the √c-weighted rows)
/// against dgelsd on the same weighted rows, and its refusal of dependent rows.
@Suite struct SubsampleSolverTests {
    /// A workspace holding a random design and a random pool of `generations` label vectors, with one
    /// subsample drawn and tallied; returns m, the number of distinct design rows chosen.
    static func prepared(_ model: LinearRegression.Model, generations: Int, seed: UInt64,
                         duplicateFirstRow: Bool = false) -> (LinearRegression.Model.SubsampleWorkspace, Int) {
        let d = model.d, T = model.T
        var ws = LinearRegression.Model.SubsampleWorkspace(d: d, T: T, G: generations)
        var rng = RandomStream(key: StreamKey(seed, UInt64(d), UInt64(T)))
        rng.fillNormal(&ws.transposedDesign)
        if duplicateFirstRow { for j in 0..<d { ws.transposedDesign[j + d] = ws.transposedDesign[j] } }
        rng.fillNormal(&ws.labels)
        ws.sampler.sample(from: generations * T, count: T, using: &rng, into: &ws.chosen)
        let m = model.tally(&ws)
        return (ws, m)
    }

    @Test("Primal and dual Cholesky fits equal dgelsd on the weighted rows to 1e−9",
          arguments: [(6, 4), (6, 7), (4, 12), (20, 15), (20, 21)])
    func choleskyEqualsMinimumNorm(d: Int, T: Int) {
        let model = LinearRegression.Model(regressionCell(d: d, T: T))
        for generations in [1, 2, 5, 30] {
            var (ws, m) = Self.prepared(model, generations: generations, seed: 41)
            let reference = model.fallbackSolution(m, ws)
            guard let fit = model.solveWeighted(m, &ws) else {
                Issue.record("d \(d), T \(T), g \(generations): Cholesky refused a well-conditioned system"); continue
            }
            let scale = max(1, reference.map(abs).max()!)
            let worst = zip(fit, reference).map { abs($0 - $1) }.max()! / scale
            #expect(worst <= 1e-9, "d \(d), T \(T), g \(generations), m \(m): difference \(worst)")
        }
    }

    @Test("Dependent weighted rows are refused (then the fit is dgelsd's), not solved through a singular Gram matrix")
    func dependentRowsAreRefused() {
        // T = 3 ≤ d: with every row chosen at g = 1 the dual Gram matrix is singular when two rows coincide.
        let model = LinearRegression.Model(regressionCell(d: 5, T: 3))
        var (ws, m) = Self.prepared(model, generations: 1, seed: 42, duplicateFirstRow: true)
        #expect(m == 3)
        #expect(model.solveWeighted(m, &ws) == nil)
        let fallback = model.fallbackSolution(m, ws)
        #expect(fallback.allSatisfy { $0.isFinite })
    }
}

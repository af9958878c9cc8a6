import Testing
@testable import Collapse
import LinearAlgebra

/// Every shortcut of the linear-regression hot path equals the direct OLS on the full stacked data (dgels, or
/// dgelsd for minimum-norm fits) computed by `ReferenceLoop`, to 1e−9 relative, for every regime and both designs,
/// at full rank and with T ≤ d + 1.
@Suite struct FastPathEquivalenceTests {
    static let cases: [(d: Int, T: Int, design: String)] = [
        (4, 12, "fixed"), (4, 12, "fresh"),   // full rank: Cholesky on sufficient statistics
        (6, 7, "fixed"), (6, 7, "fresh"),     // T = d + 1: unique OLS, minimum-norm path, no theory
        (6, 4, "fixed"), (6, 4, "fresh"),     // T < d: underdetermined, minimum norm
        (3, 30, "fixed"),
    ]

    @Test(arguments: Regime.allCases)
    func fastPathEqualsDirectFit(regime: Regime) {
        for c in Self.cases {
            let cell = regressionCell(d: c.d, T: c.T, sigma2: 0.7, design: c.design)
            let req = request(cell, regime, generations: 8, replicates: 3..<6)
            let model = LinearRegression.Model(cell)
            let fast = LinearRegression.simulate(req)
            let direct = ReferenceLoop.simulate(model, metricCount: 1, req)
            #expect(!fast.values[0].contains { !$0.isFinite }, "\(cell.key) \(regime.name): non-finite values")
            let worst = zip(fast.values[0], direct.values[0]).map { abs($0 - $1) / max(abs($1), 1e-300) }.max() ?? .nan
            #expect(worst <= 1e-9, "\(cell.key) \(regime.name): relative difference \(worst)")
            #expect(fast.fits == direct.fits)
            if c.T <= c.d + 1 { #expect(fast.minimumNormFits == fast.fits, "\(cell.key): every fit should be minimum-norm") }
        }
    }

    @Test func fastPathCoversTheHotCases() {
        for regime in Regime.allCases {
            #expect(LinearRegression.Model(regressionCell(d: 10, T: 100)).fastPathApplies(to: regime))
            #expect(LinearRegression.Model(regressionCell(d: 10, T: 5)).fastPathApplies(to: regime))
        }
        #expect(LinearRegression.Model(regressionCell(d: 10, T: 100, design: "fresh")).fastPathApplies(to: .accumulate))
        #expect(!LinearRegression.Model(regressionCell(d: 10, T: 100, design: "fresh")).fastPathApplies(to: .accumulateSubsample))
    }

    /// Gerstgrasser et al. Theorem 1, per run: ŵₙ = w* + (XᵀX)⁻¹Xᵀ Σᵢ Eᵢ/i, checked on the reference loop's
    /// own fits (the identity the accumulate fast path is built on).
    @Test func theoremOneHoldsOnTheDirectFit() {
        let cell = regressionCell(d: 3, T: 9, sigma2: 2)
        let model = LinearRegression.Model(cell)
        let streams = ReplicateStreams(seed: 11, cellKey: cell.key, replicate: 0)
        var worldRNG = streams.stream(.world)
        let world = model.makeWorld(&worldRNG)
        var pool: [LinearRegression.Model.Batch] = []
        var fit: [Double]? = nil
        var noiseSum = [Double](repeating: 0, count: 9)
        for n in 1...6 {
            var rng = streams.stream(.data, generation: n)
            let batch = fit.map { model.synthesize(from: $0, world, &rng) } ?? model.realData(world, &rng)
            var noiseRNG = streams.stream(.data, generation: n)
            var noise = [Double](repeating: 0, count: 9)
            noiseRNG.fillNormal(&noise, mean: 0, standardDeviation: 2.0.squareRoot())
            for k in 0..<9 { noiseSum[k] += noise[k] / Double(n) }
            pool.append(batch)
            fit = model.fit(pool, world).fit
            let gram = try! Cholesky(BLAS.gram(world.design))
            var xtE = [Double](repeating: 0, count: 3)
            BLAS.gemv(.transpose, world.design, noiseSum, into: &xtE)
            let predicted = zip(world.wStar, gram.solve(xtE)).map { $0 + $1 }
            for i in 0..<3 { #expect(abs(fit![i] - predicted[i]) <= 1e-10 * max(1, abs(predicted[i]))) }
        }
    }
}

import Testing
import Collapse
import LinearAlgebra
import Randomness

/// The shortcuts of the strong-collapse families pinned to direct least squares on the stacked data
/// (`dgels`, or `dgelsd` for minimum norm) at 1e−9 relative: the chunked sufficient statistics of
/// `MixtureRegression` and the primal/dual ridge of `RandomProjection`.
@Suite struct StrongCollapseFitTests {
    static func mixtureCell(d: Int, n: Int, p2: Double, c2: Double = 2, sigma2: Double = 0.5,
                            estimator: String = "ols", lambda: Double = 0) -> CellParameters {
        CellParameters([("d", .integer(d)), ("sigma2", .real(sigma2)), ("c2", .real(c2)), ("p2", .real(p2)),
                        ("estimator", .text(estimator)), ("lambda", .real(lambda)), ("n", .integer(n))])
    }

    static func projectionCell(n: Int, d: Int, m: Int, p2: Double = 0.5, c2: Double = 1, lambda: Double) -> CellParameters {
        CellParameters([("n", .integer(n)), ("d", .integer(d)), ("sigma2", .real(0.25)), ("c2", .real(c2)),
                        ("p2", .real(p2)), ("lambda", .real(lambda)), ("m", .integer(m))])
    }

    /// (cell, chunk rows): several chunks with a ragged last one, a chunk larger than n, one row per chunk,
    /// a chunk boundary inside the synthetic block, and ridge with fewer rows than features.
    static let mixtureCases: [(CellParameters, Int)] = [
        (mixtureCell(d: 5, n: 1000, p2: 0.3), 64),
        (mixtureCell(d: 5, n: 1000, p2: 0.3), 4096),
        (mixtureCell(d: 4, n: 37, p2: 0.5), 1),
        (mixtureCell(d: 8, n: 203, p2: 0.01), 7),
        (mixtureCell(d: 6, n: 50, p2: 1), 16),
        (mixtureCell(d: 12, n: 9, p2: 0.4, estimator: "ridge", lambda: 0.05), 4),
        (mixtureCell(d: 3, n: 500, p2: 0.2, estimator: "ridge", lambda: 0.3), 100),
    ]

    @Test(arguments: mixtureCases.indices)
    func chunkedStatisticsEqualTheStackedFit(index: Int) throws {
        let (cell, chunk) = Self.mixtureCases[index]
        let model = MixtureRegression.Model(cell)
        for replicate in 0..<3 {
            let streams = ReplicateStreams(seed: 11, cellKey: cell.key, replicate: replicate)
            var worldRNG = streams.stream(.world)
            let world = model.makeWorld(&worldRNG)
            var a = streams.stream(.data, generation: 1)
            var b = a
            let (fast, fallback) = model.solve(model.statistics(world, &a, chunkRows: chunk))
            let direct = model.directFit(world, &b)
            #expect(!fallback)
            #expect(fast.storage.allSatisfy { $0.isFinite })
            let difference = fast.maxRelativeDifference(to: direct)
            #expect(difference <= 1e-9, "\(cell.key), chunk \(chunk), replicate \(replicate): \(difference)")
            // Both consumed the same draws.
            #expect(a.next() == b.next())
        }
    }

    /// The data do not depend on the chunk size (rows are drawn one after another), so the fit does not either.
    @Test func chunkSizeDoesNotChangeTheData() {
        let cell = Self.mixtureCell(d: 5, n: 777, p2: 0.25)
        let model = MixtureRegression.Model(cell)
        let streams = ReplicateStreams(seed: 3, cellKey: cell.key, replicate: 0)
        var worldRNG = streams.stream(.world)
        let world = model.makeWorld(&worldRNG)
        var one = streams.stream(.data, generation: 1), other = one
        let s1 = model.statistics(world, &one, chunkRows: 1)
        let s2 = model.statistics(world, &other, chunkRows: 4096)
        #expect(s1.gram.maxRelativeDifference(to: s2.gram) <= 1e-12)
        #expect(s1.moments.maxRelativeDifference(to: s2.moments) <= 1e-12)
    }

    /// δ has norm c exactly; n₂ = round(p₂·n); the clean fit ignores δ; p₂ = 0 makes the two fits identical.
    @Test func worldAndPairing() {
        let cell = Self.mixtureCell(d: 7, n: 300, p2: 0, c2: 9)
        let model = MixtureRegression.Model(cell)
        let streams = ReplicateStreams(seed: 5, cellKey: cell.key, replicate: 2)
        var worldRNG = streams.stream(.world)
        let world = model.makeWorld(&worldRNG)
        #expect(abs(world.delta.reduce(0) { $0 + $1 * $1 } - 9) <= 1e-12)
        var rng = streams.stream(.data, generation: 1)
        let (w, _) = model.solve(model.statistics(world, &rng))
        let metrics = model.metrics(w, world)
        #expect(metrics[0] == metrics[1] && metrics[2] == 0)
        #expect(StrongCollapseTheory.syntheticCount(n: 1000, p2: 0.001) == 1)
        #expect(StrongCollapseTheory.syntheticCount(n: 30, p2: 0.001) == 0)
        #expect(StrongCollapseTheory.syntheticCount(n: 5, p2: 0.5) == 3)  // half away from zero
    }

    /// Ridge on Z = XSᵀ by the primal (m ≤ n) or dual (m > n) normal equations, against `dgels` on Z stacked
    /// over √(nλ)·I; ridgeless below the threshold against `dgels` on Z.
    @Test(arguments: [(40, 80, 10, 0.01), (40, 80, 40, 0.01), (40, 80, 120, 0.01), (40, 80, 25, 0.0), (30, 20, 60, 0.5)])
    func projectionFitEqualsTheStackedFit(n: Int, d: Int, m: Int, lambda: Double) throws {
        let cell = Self.projectionCell(n: n, d: d, m: m, lambda: lambda)
        let model = RandomProjection.Model(cell)
        let streams = ReplicateStreams(seed: 9, cellKey: cell.key, replicate: 1)
        var worldRNG = streams.stream(.world)
        let world = model.makeWorld(&worldRNG)
        var rng = streams.stream(.data, generation: 1)
        let (xt, labels) = model.data(world, &rng)
        let (fast, fallback) = model.fit(world, xt: xt, labels: labels)
        #expect(!fallback)

        var z = BLAS.product(.transpose, xt, .transpose, world.projection)  // n × m
        var y = labels
        if lambda > 0 {
            var root = Matrix(rows: m, columns: m)
            for i in 0..<m { root.storage[i + i * m] = (Double(n) * lambda).squareRoot() }
            z = z.stacked(on: root)
            y = y.stacked(on: Matrix(rows: m, columns: 2))
        }
        let v = try LeastSquares.qr(z, y)
        let direct = BLAS.product(.transpose, world.projection, .none, v)
        let difference = fast.maxRelativeDifference(to: direct)
        #expect(difference <= 1e-9, "\(cell.key): \(difference)")
    }

    /// Ridgeless exactly at the threshold (m = n) is singular in exact arithmetic: the fit must stay finite.
    @Test func ridgelessAtTheThresholdStaysFinite() {
        let cell = Self.projectionCell(n: 30, d: 60, m: 30, lambda: 0)
        let request = SimulationRequest(parameters: cell, regime: .replace, generations: 1, replicates: 0..<5, seed: 1)
        let block = RandomProjection.simulate(request)
        #expect(block.values.allSatisfy { $0.allSatisfy { $0.isFinite } })
    }
}

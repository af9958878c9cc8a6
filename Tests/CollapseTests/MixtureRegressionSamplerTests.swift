import Testing
@testable import Collapse
import LinearAlgebra
import Randomness
import TestSupport

/// `mixture-regression` with its sufficient statistics drawn directly (`sampler: statistics`: Wishart XᵀX and
/// Xᵀε | XᵀX ~ N(0, σ²XᵀX)) against drawing the n rows (`sampler: samples`, pinned to dgels by StrongCollapseFitTests):
/// the same law for every metric (two-sample |z| ≤ 4 on means and variances), both on StrongCollapseTheory's exact
/// means (|z| ≤ 4), and the pairing with the clean fit exact.
@Suite struct MixtureRegressionSamplerTests {
    static func cell(d: Int, n: Int, p2: Double, c2: Double = 2, sigma2: Double = 0.5, estimator: String = "ols",
                     lambda: Double = 0, sampler: DataSampler) -> CellParameters {
        CellParameters(StrongCollapseFitTests.mixtureCell(d: d, n: n, p2: p2, c2: c2, sigma2: sigma2, estimator: estimator, lambda: lambda).entries
                       + [("sampler", .text(sampler.rawValue))])
    }

    /// [test_error, clean_test_error, gap] per replicate.
    static func run(_ cell: CellParameters, replicates: Int, seed: UInt64) -> [[Double]] {
        MixtureRegression.simulate(SimulationRequest(parameters: cell, regime: .replace, generations: 1, replicates: 0..<replicates, seed: seed)).values
    }

    /// (d, n, p₂, estimator, λ): both blocks by Bartlett (n₁, n₂ ≥ d); a synthetic block smaller than d (n₂ = 4 < 6,
    /// drawn as rows); every label real (p₂ = 0); ridge.
    static let cases: [(Int, Int, Double, String, Double)] = [
        (4, 12, 0.5, "ols", 0), (6, 40, 0.1, "ols", 0), (3, 30, 0, "ols", 0), (5, 30, 0.3, "ridge", 0.1),
    ]

    @Test(arguments: cases.indices)
    func statisticsAndRowsAgree(index: Int) throws {
        let (d, n, p2, estimator, lambda) = Self.cases[index]
        let r = 3000
        let fastCell = Self.cell(d: d, n: n, p2: p2, estimator: estimator, lambda: lambda, sampler: .statistics)
        let fast = Self.run(fastCell, replicates: r, seed: 60)
        let slow = Self.run(Self.cell(d: d, n: n, p2: p2, estimator: estimator, lambda: lambda, sampler: .samples), replicates: r, seed: 61)
        var worst = 0.0
        for (m, metric) in MixtureRegression.metricNames.enumerated() {
            if SampleStatistics.variance(fast[m]) == 0 {   // the gap at p₂ = 0: exactly 0 in both
                #expect(fast[m].allSatisfy { $0 == 0 } && slow[m].allSatisfy { $0 == 0 }, "\(metric)")
                continue
            }
            let zMean = SampleStatistics.twoSampleMeanZ(fast[m], slow[m])
            let zVariance = SampleStatistics.twoSampleVarianceZ(fast[m], slow[m])
            #expect(abs(zMean) <= SampleStatistics.z, "\(fastCell.key) \(metric): mean z = \(zMean)")
            #expect(abs(zVariance) <= SampleStatistics.z, "\(fastCell.key) \(metric): variance z = \(zVariance)")
            worst = max(worst, abs(zMean), abs(zVariance))
            guard let theory = MixtureRegression.theory(metric: metric, regime: .replace, parameters: fastCell)?.value(1) else { continue }
            for (sample, name) in [(fast[m], "statistics"), (slow[m], "samples")] {
                let z = SampleStatistics.meanZ(sample, expected: theory)
                #expect(abs(z) <= SampleStatistics.z, "\(fastCell.key) \(metric) \(name): mean \(SampleStatistics.mean(sample)) vs exact \(theory), z = \(z)")
                worst = max(worst, abs(z))
            }
        }
        print("MixtureRegressionSamplerTests \(fastCell.key): worst |z| = \(worst)")
    }

    /// Power: one degree of freedom too many in XᵀX (Wishart_{n+1}) makes the clean error σ²d/(n − d) instead of
    /// σ²d/(n − d − 1), 1/7 ≈ 14% lower at d = 4, n = 12; 3000 replicates measure the mean to ≈ 2%, so the exact law
    /// of the wrong n is rejected (and the right one, above, passes).
    @Test func aWrongDegreesOfFreedomIsRejected() throws {
        let cell = Self.cell(d: 4, n: 12, p2: 0.5, sampler: .statistics)
        let clean = Self.run(cell, replicates: 3000, seed: 60)[1]
        let wrong = try #require(StrongCollapseTheory.cleanError(sigma2: 0.5, d: 4, n: 13))
        #expect(abs(SampleStatistics.meanZ(clean, expected: wrong)) > SampleStatistics.z)
    }

    /// The pairing is exact: with c² = 0 the synthetic labels are real ones, so the two fits are the same fit.
    @Test func perfectGeneratorGivesNoGap() {
        let values = Self.run(Self.cell(d: 5, n: 50, p2: 0.4, c2: 0, sampler: .statistics), replicates: 20, seed: 62)
        #expect(values[0] == values[1] && values[2].allSatisfy { $0 == 0 })
    }

    /// The drawn statistics: XᵀX against Wishart_d(n, I) moments (E = nI, Var(S_ij) = n(δ_ij + 1)) and the cross
    /// moment's clean column against E[Xᵀy] = n·w* (the noise has mean 0), for a block above and below d.
    @Test(arguments: [(4, 9), (6, 4)])
    func drawnStatisticsHaveTheWishartMoments(d: Int, n: Int) {
        let model = MixtureRegression.Model(Self.cell(d: d, n: n, p2: 0, sampler: .statistics))
        var worldRNG = RandomStream(key: StreamKey(63))
        let world = model.makeWorld(&worldRNG)
        var rng = RandomStream(key: StreamKey(64, UInt64(n)))
        let draws = 20_000
        var gram = Array(repeating: [Double](), count: d * d), cross = Array(repeating: [Double](), count: d)
        for _ in 0..<draws {
            let s = model.sampledStatistics(world, &rng)
            for k in 0..<(d * d) { gram[k].append(s.gram.storage[k]) }
            for i in 0..<d { cross[i].append(s.moments.storage[d + i]) }
        }
        for i in 0..<d {
            for j in 0..<d {
                let expectedVariance = Double(n) * (i == j ? 2 : 1)
                let z = (SampleStatistics.mean(gram[i + d * j]) - (i == j ? Double(n) : 0)) / (expectedVariance / Double(draws)).squareRoot()
                #expect(abs(z) <= SampleStatistics.z, "S[\(i),\(j)]: z = \(z)")
            }
            #expect(abs(SampleStatistics.meanZ(cross[i], expected: Double(n) * world.wStar[i])) <= SampleStatistics.z, "Xᵀy[\(i)]")
        }
    }
}

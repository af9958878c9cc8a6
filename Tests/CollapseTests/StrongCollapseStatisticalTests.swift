import Testing
import Collapse

/// The strong-collapse laws at 4 standard errors with fixed seeds, through the engine.
@Suite struct StrongCollapseStatisticalTests {
    /// Mean of every metric of `family` at generation 1, one `Summary` per metric.
    static func run(_ family: any ModelFamily.Type, _ cell: CellParameters, replicates: Int, seed: UInt64) -> [Summary] {
        let task = CellTask(family: family, parameters: cell, regimes: [.replace], generations: 1, replicates: replicates, seed: seed)
        let outcome = Engine(threads: 2).run([task])[0]
        return outcome.traces[0].map { Summary($0.atGeneration(1)) }
    }

    /// The exact means of test_error, clean_test_error and gap (the cell's theory) on a small sweep. 3000
    /// replicates give SEs of 1–3% of the means, so a constant off by ≳ 10% is rejected (see below).
    @Test(arguments: [(3, 12, 0.25), (3, 12, 0.5), (3, 40, 0.25), (3, 40, 0.5), (6, 20, 0.1)])
    func mixtureMatchesTheExactLawAtFourSigma(d: Int, n: Int, p2: Double) throws {
        let cell = StrongCollapseFitTests.mixtureCell(d: d, n: n, p2: p2, c2: 2, sigma2: 0.5)
        let rows = Self.run(MixtureRegression.self, cell, replicates: 3000, seed: 2025)
        for (m, metric) in MixtureRegression.metricNames.enumerated() {
            let theory = try #require(MixtureRegression.theory(metric: metric, regime: .replace, parameters: cell)?.value(1))
            let z = rows[m].z(against: theory)
            #expect(abs(z) <= 4, "\(cell.key) \(metric): mean \(rows[m].mean) ± \(rows[m].standardError) vs \(theory), z = \(z)")
        }
    }

    /// The paper's formula is an approximation: at d = 1, n = 12, p₂ = 1/2 (σ² = 0, so the error is the bias
    /// alone) the exact mean is c²·n₂(n₂+2)/(n(n+2)) = 2/7 ≈ 0.2857, the paper's p₂²c² + p₁p₂c²/(n−1) = 3/11 ≈
    /// 0.2727. 10⁴ replicates separate them (SE ≈ 0.002): the exact one passes, the paper's is rejected.
    @Test func thePaperFormulaIsApproximate() throws {
        let cell = StrongCollapseFitTests.mixtureCell(d: 1, n: 12, p2: 0.5, c2: 1, sigma2: 0)
        let rows = Self.run(MixtureRegression.self, cell, replicates: 10_000, seed: 7)
        let exact = try #require(MixtureRegression.curve(named: "exact", metric: "test_error", parameters: cell)?.value(1))
        let paper = try #require(MixtureRegression.curve(named: "paper", metric: "test_error", parameters: cell)?.value(1))
        #expect(abs(exact - 2.0 / 7) <= 1e-15 && abs(paper - 3.0 / 11) <= 1e-15)
        #expect(abs(rows[0].z(against: exact)) <= 4, "mean \(rows[0].mean) vs exact \(exact)")
        #expect(rows[0].z(against: paper) > 4, "mean \(rows[0].mean) vs paper \(paper): z = \(rows[0].z(against: paper))")
    }

    /// The random-projection gap below the threshold, ridgeless (λ = 0), against the PAPERS.md §5 law.
    /// 1000 replicates: SEs of 3–6% of the gap.
    @Test(arguments: [4, 16, 28])
    func projectionGapMatchesTheBelowThresholdLaw(m: Int) throws {
        let cell = StrongCollapseFitTests.projectionCell(n: 40, d: 80, m: m, p2: 0.5, c2: 1, lambda: 0)
        let rows = Self.run(RandomProjection.self, cell, replicates: 1000, seed: 31)
        let theory = try #require(RandomProjection.theory(metric: "gap", regime: .replace, parameters: cell)?.value(1))
        let z = rows[2].z(against: theory)
        #expect(abs(z) <= 4, "m = \(m): gap \(rows[2].mean) ± \(rows[2].standardError) vs \(theory), z = \(z)")
    }

    /// Theory applies only where it is defined: n ≥ d + 2 and ridgeless for the mixture; for the projection's
    /// gap, m ≤ n − 2 and a ridge below 1% of the spectrum's lower edge.
    @Test func theoryIsDefinedOnlyWhereItHolds() {
        let tooFew = StrongCollapseFitTests.mixtureCell(d: 10, n: 11, p2: 0.5)
        #expect(MixtureRegression.theory(metric: "test_error", regime: .replace, parameters: tooFew) == nil)
        #expect(MixtureRegression.curve(named: "floor", metric: "gap", parameters: tooFew) != nil)
        let ridge = StrongCollapseFitTests.mixtureCell(d: 10, n: 100, p2: 0.5, estimator: "ridge", lambda: 0.1)
        #expect(MixtureRegression.theory(metric: "test_error", regime: .replace, parameters: ridge) == nil)
        let small = StrongCollapseFitTests.projectionCell(n: 500, d: 1000, m: 200, lambda: 1e-3)
        let near = StrongCollapseFitTests.projectionCell(n: 500, d: 1000, m: 400, lambda: 1e-3)
        #expect(RandomProjection.theory(metric: "gap", regime: .replace, parameters: small) != nil)
        #expect(RandomProjection.theory(metric: "gap", regime: .replace, parameters: near) == nil)
        #expect(RandomProjection.curve(named: "gap_below", metric: "gap", parameters: near) != nil)
        let past = StrongCollapseFitTests.projectionCell(n: 500, d: 1000, m: 600, lambda: 1e-3)
        #expect(RandomProjection.curve(named: "gap_below", metric: "gap", parameters: past) == nil)
        // PAPERS.md §5: gap(∞) = 0.375 at n = 500, d = 1000, p₂ = 1/2, c² = 1.
        #expect(abs((RandomProjection.curve(named: "gap_limit", metric: "gap", parameters: past)?.value(1) ?? 0) - 0.375) <= 1e-12)
    }

    /// The exact law at the limits: p₂ = 1 gives c² exactly; p₂ = 0 gives the clean curve; large n tends to the floor.
    @Test func exactLawLimits() throws {
        let all = try #require(StrongCollapseTheory.syntheticBias(c2: 3, d: 5, n: 50, n2: 50))
        #expect(abs(all - 3) <= 1e-12)
        #expect(StrongCollapseTheory.syntheticBias(c2: 3, d: 5, n: 50, n2: 0) == 0)
        let far = try #require(StrongCollapseTheory.syntheticBias(c2: 1, d: 10, n: 10_000_000, n2: 1_000_000))
        #expect(abs(far - 0.01) / 0.01 <= 1e-5)
    }
}

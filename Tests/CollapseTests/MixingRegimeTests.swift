import Testing
@testable import Collapse
import Randomness

/// The mixing regimes of issue 8, checked on the data they build, not on their parameters.
@Suite struct MixingRegimeTests {
    func withLoop(_ cell: CellParameters, _ extra: [(String, ParameterValue)]) -> CellParameters {
        CellParameters(cell.entries + extra)
    }

    /// Training sets hold exactly round(λT) real rows (or the anchor count) and the rest synthetic: counted on the
    /// categorical chain, where a real row is recognisable because the truth lives on categories the synthetic model
    /// can no longer draw once we fix the fit to a point mass.
    @Test(arguments: [(Regime.mixFresh, 0.3), (Regime.mixReservoir, 0.3), (Regime.anchor, 1.0), (Regime.mixFresh, 0.0), (Regime.mixFresh, 1.0)])
    func trainingSetsHoldTheRequestedCounts(regime: Regime, amount: Double) {
        let cell = CellParameters([("K", .integer(4)), ("M", .integer(50)), ("initial", .text("uniform")), ("s", .integer(1)), ("alpha", .integer(0)),
                                   regime == .anchor ? ("anchor", .integer(Int(amount))) : ("real_fraction", .real(amount))])
        let model = Categorical.Model(cell)
        let streams = ReplicateStreams(seed: 3, cellKey: cell.key, replicate: 0)
        let world = model.initial
        // A synthetic model that only ever draws category 0; the truth is uniform on 4 categories.
        let pointMass = [1.0, 0, 0, 0]
        var rng = streams.stream(.data, generation: 2)
        let synthetic = model.synthesize(from: pointMass, world, &rng)
        #expect(synthetic.samples.allSatisfy { $0 == 0 })
        var reservoirRNG = streams.stream(.data, generation: 1)
        let reservoir = model.realData(world, &reservoirRNG)
        let req = SimulationRequest(parameters: cell, regime: regime, generations: 2, replicates: 0..<1, seed: 3)
        let parts = ReferenceLoop.mixed(model, world, synthetic, reservoir: reservoir, streams, 2, req)
        let expectedReal = regime == .anchor ? Int(amount) : Int((amount * 50).rounded())
        #expect(parts.reduce(0) { $0 + $1.rowCount } == 50)
        let realPart = expectedReal > 0 ? parts[0].samples : []
        #expect(realPart.count == expectedReal)
        if expectedReal < 50 { #expect(parts.last!.samples.allSatisfy { $0 == 0 } && parts.last!.rowCount == 50 - expectedReal) }
        if regime == .mixReservoir { #expect(realPart.allSatisfy { reservoir.samples.contains($0) }) }
        // About ¾ of real uniform draws are not category 0: the real rows are real.
        if expectedReal >= 10 { #expect(realPart.contains { $0 != 0 }) }
    }

    /// λ = 0 is replace, to the bit (same streams, same synthetic rows).
    @Test func zeroRealFractionIsReplace() {
        let base = regressionCell(d: 3, T: 20)
        let mix = withLoop(base, [("real_fraction", .integer(0))])
        let replace = LinearRegression.simulate(request(mix, .replace, generations: 6, replicates: 0..<4))
        let mixed = LinearRegression.simulate(request(mix, .mixFresh, generations: 6, replicates: 0..<4))
        let reference = ReferenceLoop.simulate(LinearRegression.Model(mix), metricCount: 1, request(mix, .replace, generations: 6, replicates: 0..<4))
        #expect(mixed.values == reference.values)
        let worst = zip(mixed.values[0], replace.values[0]).map { abs($0 - $1) / $1 }.max()!
        #expect(worst < 1e-9)  // the replace fast path equals the loop to rounding
    }

    /// The reservoir with λ = 1 refits the real data D₁ at every generation.
    @Test func fullReservoirRefitsTheRealData() {
        let cell = withLoop(gaussianCell(M: 30), [("real_fraction", .integer(1))])
        let block = Gaussian.simulate(SimulationRequest(parameters: cell, regime: .mixReservoir, generations: 5, replicates: 0..<3, seed: 9))
        for r in 0..<3 {
            let first = block.values[0][r * 5]
            for g in 1..<5 { #expect(block.values[0][r * 5 + g] == first) }
        }
    }

    /// With fresh real data each generation the Gaussian no longer drifts: at λ = 1 every generation is an
    /// independent fit on real data, E(μₖ − μ)² = σ²/M.
    @Test func freshRealDataStopsTheDrift() throws {
        let cell = withLoop(gaussianCell(M: 20), [("real_fraction", .integer(1))])
        let rows = gaussianSummaries(cell, .mixFresh, generations: 20, replicates: 3000, seed: 5)
        for k in [1, 10, 20] { #expect(abs(rows[0][k - 1].z(against: 1.0 / 20)) <= 4) }
    }
}

/// The categorical chain (PAPERS.md §6).
@Suite struct CategoricalTests {
    static func cell(K: Int, M: Int, initial: String = "zipf", alpha: Double = 0, extra: [(String, ParameterValue)] = []) -> CellParameters {
        CellParameters([("K", .integer(K)), ("M", .integer(M)), ("initial", .text(initial)), ("s", .integer(1)), ("alpha", .real(alpha))] + extra)
    }

    func summaries(_ cell: CellParameters, _ regime: Regime, generations: Int, replicates: Int, seed: UInt64) -> [[Summary]] {
        let task = CellTask(family: Categorical.self, parameters: cell, regimes: [regime], generations: generations, replicates: replicates, seed: seed)
        let traces = Engine(threads: 2).run([task])[0].traces[0]
        return traces.map { t in (1...generations).map { Summary(t.atGeneration($0)) } }
    }

    /// Fixation on category i happens with probability p₀ᵢ: by generation 150 (mean absorption time
    /// −2MΣ(1 − pᵢ)ln(1 − pᵢ) ≈ 15 here) every chain is absorbed, and the share absorbed on the top category matches
    /// p₀₁ = 6/11 at 4σ (exact binomial test).
    @Test func fixationProbabilityIsTheInitialProbability() throws {
        let cell = Self.cell(K: 3, M: 10)
        let rows = summaries(cell, .replace, generations: 150, replicates: 2000, seed: 12)
        #expect(rows[4][149].mean == 1)  // absorbed
        let p0 = Categorical.initialDistribution(cell)[0]
        #expect(abs(p0 - 6.0 / 11) < 1e-15)
        #expect(abs(rows[5][149].proportionZ(against: p0)) <= 4)
        #expect(abs(rows[5][149].proportionZ(against: 1.0 / 3)) > 4)  // not "every category equally likely to win"
    }

    @Test func oneStepLawsAtGenerationOne() throws {
        let cell = Self.cell(K: 50, M: 100)
        let rows = summaries(cell, .replace, generations: 1, replicates: 4000, seed: 13)
        let surviving = try #require(Categorical.theory(metric: "surviving", regime: .replace, parameters: cell)?.value(1))
        let lost = try #require(Categorical.theory(metric: "rarest_lost", regime: .replace, parameters: cell)?.value(1))
        #expect(abs(rows[0][0].z(against: surviving)) <= 4)
        #expect(abs(rows[6][0].proportionZ(against: lost)) <= 4)
    }

    /// One real point per generation, or a pseudo-count, removes the absorbing state; replace without them is absorbed.
    /// With an anchor a generation can still hold a single category (when the real point lands on the dominant one),
    /// but it does not stay there: the share single-category at the end stays small, and the typical run keeps its
    /// tail. (Under replace the mean tail mass is a martingale, conserved at p₀'s; its median is what collapses.)
    @Test func anchorsAndPriorsPreventAbsorption() {
        let plain = summaries(Self.cell(K: 5, M: 10), .replace, generations: 200, replicates: 200, seed: 14)
        #expect(plain[4][199].mean == 1)
        #expect(plain[2][199].median == 0)
        let anchored = summaries(Self.cell(K: 5, M: 10, extra: [("anchor", .integer(1))]), .anchor, generations: 200, replicates: 200, seed: 14)
        #expect(anchored[4][199].mean < 0.2)
        #expect(anchored[2][199].median > 0.05)
        let prior = summaries(Self.cell(K: 5, M: 10, alpha: 0.5), .replace, generations: 200, replicates: 200, seed: 14)
        #expect(prior[0].allSatisfy { $0.mean == 5 })     // every category survives
    }

    /// Under replace with the MLE a lost category never returns: survivors never increase along a run.
    @Test func lostCategoriesNeverReturn() {
        let cell = Self.cell(K: 20, M: 30)
        let block = Categorical.simulate(SimulationRequest(parameters: cell, regime: .replace, generations: 100, replicates: 0..<20, seed: 15))
        for r in 0..<20 {
            let survivors = (0..<100).map { block.values[0][r * 100 + $0] }
            #expect(zip(survivors, survivors.dropFirst()).allSatisfy { $0 >= $1 })
        }
    }
}

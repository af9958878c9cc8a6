import LinearAlgebra
import Randomness

/// The default Gaussian sampler (`sampler: statistics`): every generation's new data enter only through their
/// count, mean and scatter, and those are drawn directly (`Gaussian+SampledMoments.swift`), so a generation costs
/// O(d³) whatever M. Exact in distribution: the fit is a function of (count, mean, scatter) alone, and every metric
/// is a function of the fit (`tail_mass` is the fitted model's mass, not a count of samples).
///
/// Regimes: replace, accumulate (the batch moments merged into the pool's, Chan et al.), mix-fresh and anchor (the
/// fresh real rows' moments merged with the synthetic rows'). accumulate-subsample and mix-reservoir pick
/// individual rows out of a pool, so they need the samples and keep the `samples` path.
///
/// Draw order (family version 2), per replicate and generation g, of the new data's moments:
/// - `.data` stream of generation g: the moments of the rows drawn from the previous fit (the truth at g = 1):
///   M₁ rows at g = 1, M_g rows under replace and accumulate, M_g − n_real under mix-fresh and anchor;
/// - `.real` stream of generation g (mix-fresh, anchor, g ≥ 2, n_real > 0): the moments of min(n_real, M₁) rows of
///   the truth, n_real = `ReferenceLoop.realRowCount` (the same counts as the reference loop).
/// λ = 0 therefore gives replace's numbers to the bit.
extension Gaussian.Model {
    /// Whether the statistics sampler can run the regime (it needs no individual rows).
    static func statisticsApply(to regime: Regime) -> Bool {
        regime != .accumulateSubsample && regime != .mixReservoir
    }

    /// Rows of generation g's new data drawn from the previous fit, and fresh real rows drawn from the truth.
    func newRows(_ regime: Regime, _ parameters: CellParameters, generation g: Int) -> (fromFit: Int, real: Int) {
        let t = setting.sampleSize(g)
        guard g >= 2, regime == .mixFresh || regime == .anchor else { return (t, 0) }
        let nReal = ReferenceLoop.realRowCount(regime, parameters, rows: t)
        return (t - nReal, min(nReal, setting.sampleSize(1)))
    }

    func simulateStatistics(_ request: SimulationRequest) -> SimulationBlock {
        precondition(Self.statisticsApply(to: request.regime))
        if d == 1 { return simulateScalarStatistics(request) }
        var block = SimulationBlock(metricCount: Gaussian.metrics.count, generations: request.generations,
                                    replicateCount: request.replicates.count)
        let truth = Gaussian.Fit.truth(d: d, mu: mu, sigma2: setting.sigma2)
        for (offset, replicate) in request.replicates.enumerated() {
            let streams = request.streams(replicate: replicate)
            var fit = truth
            var pooled: Gaussian.SampleMoments? = nil
            for g in 1...request.generations {
                let (fromFit, real) = newRows(request.regime, request.parameters, generation: g)
                var batch: Gaussian.SampleMoments? = nil
                if fromFit > 0 {
                    var rng = streams.stream(.data, generation: g)
                    batch = Gaussian.SampleMoments(drawnFrom: fit, count: fromFit, &rng)
                }
                if real > 0 {
                    var rng = streams.stream(.real, generation: g)
                    let fresh = Gaussian.SampleMoments(drawnFrom: truth, count: real, &rng)
                    if batch == nil { batch = fresh } else { batch!.merge(fresh) }
                }
                if request.regime == .accumulate {
                    if pooled == nil { pooled = batch } else { pooled!.merge(batch!) }
                    batch = pooled
                }
                fit = Gaussian.Fit(batch!, unbiased: setting.unbiased, generation: g)
                block.fits += 1
                block.record(replicate: offset, generation: g, metrics(fit))
            }
        }
        return block
    }

    /// One dimension: the same draws with scalars only, and the metrics written straight into the block.
    private func simulateScalarStatistics(_ request: SimulationRequest) -> SimulationBlock {
        let generations = request.generations
        var block = SimulationBlock(metricCount: Gaussian.metrics.count, generations: generations,
                                    replicateCount: request.replicates.count)
        let accumulate = request.regime == .accumulate
        let sigma = setting.sigma2.squareRoot()
        let schedule = (1...generations).map { newRows(request.regime, request.parameters, generation: $0) }
        var values = block.values
        block.values = []
        for (offset, replicate) in request.replicates.enumerated() {
            let streams = request.streams(replicate: replicate)
            var mean = mu, sd = sigma
            var pooled = Gaussian.ScalarMoments.empty
            for g in 1...generations {
                let (fromFit, real) = schedule[g - 1]
                var batch = Gaussian.ScalarMoments.empty
                if fromFit > 0 {
                    var rng = streams.stream(.data, generation: g)
                    batch = .draw(mean: mean, standardDeviation: sd, count: fromFit, &rng)
                }
                if real > 0 {
                    var rng = streams.stream(.real, generation: g)
                    batch.merge(.draw(mean: mu, standardDeviation: sigma, count: real, &rng))
                }
                if accumulate { pooled.merge(batch); batch = pooled }
                let variance = batch.scatter / (setting.unbiased ? batch.count - 1 : batch.count)
                let m = scalarMetricValues(mean: batch.mean, variance: variance)
                let i = offset * generations + g - 1
                values[0][i] = m.meanError; values[1][i] = m.ratio; values[2][i] = m.logRatio
                values[3][i] = m.w2; values[4][i] = m.tailMass; values[5][i] = m.collapsed
                (mean, sd) = (batch.mean, Swift.max(variance, 0).squareRoot())
            }
        }
        block.values = values
        block.fits = generations * request.replicates.count
        return block
    }
}

import LinearAlgebra
import Randomness

/// The Gaussian's all-samples path (`sampler: samples`, and accumulate-subsample under either sampler): every
/// sample drawn, then running sufficient statistics, so a generation costs O(M·d²) whatever the regime.
/// - replace: the moments of the newest batch;
/// - accumulate: the pooled moments, merged batch by batch (Chan et al.), never a pass over the pool;
/// - accumulate-subsample: M_g rows drawn from the pool, their moments (the pool's samples are kept, O(N·d) memory).
/// Draws come from the same streams in the same order as `ReferenceLoop`; a test pins the two together.
/// Draw order: `.data` stream of generation g, M_g·d normals column by column (`sample`); `.subsample` stream for
/// the pool's rows (Floyd).
extension Gaussian.Model {
    func simulateFast(_ request: SimulationRequest) -> SimulationBlock {
        if sampler == .statistics && Self.statisticsApply(to: request.regime) { return simulateStatistics(request) }
        if Regime.mixing.contains(request.regime) {
            return ReferenceLoop.simulate(self, metricCount: Gaussian.metrics.count, request)
        }
        if d == 1 && request.regime != .accumulateSubsample { return simulateScalar(request) }
        var block = SimulationBlock(metricCount: Gaussian.metrics.count, generations: request.generations,
                                    replicateCount: request.replicates.count)
        for (offset, replicate) in request.replicates.enumerated() {
            let streams = request.streams(replicate: replicate)
            var fit = Gaussian.Fit.truth(d: d, mu: mu, sigma2: setting.sigma2)
            var pooled: Gaussian.SampleMoments? = nil
            var pool: [Batch] = []
            for g in 1...request.generations {
                var rng = streams.stream(.data, generation: g)
                let samples = sample(fit, count: setting.sampleSize(g), &rng)
                let moments: Gaussian.SampleMoments
                switch request.regime {
                case .replace:
                    moments = Gaussian.SampleMoments(samples)
                case .accumulate:
                    let batch = Gaussian.SampleMoments(samples)
                    if pooled == nil { pooled = batch } else { pooled!.merge(batch) }
                    moments = pooled!
                case .accumulateSubsample:
                    pool.append(Batch(samples: samples, generation: g))
                    var subRNG = streams.stream(.subsample, generation: g)
                    let total = pool.reduce(0) { $0 + $1.rowCount }
                    let rows = subRNG.sampleWithoutReplacement(from: total, count: samples.rows)
                    moments = Gaussian.SampleMoments(gatherRows(pool, rows))
                case .mixFresh, .mixReservoir, .anchor:
                    preconditionFailure("mixing regimes run the reference loop")
                }
                fit = Gaussian.Fit(moments, unbiased: setting.unbiased, generation: g)
                block.fits += 1
                block.record(replicate: offset, generation: g, metrics(fit))
            }
        }
        return block
    }

    /// One dimension, replace or accumulate: the same draws and formulas with no matrices, one reused buffer and
    /// two passes over each generation's samples (mean, then centred sum of squares).
    private func simulateScalar(_ request: SimulationRequest) -> SimulationBlock {
        let generations = request.generations
        var block = SimulationBlock(metricCount: Gaussian.metrics.count, generations: generations,
                                    replicateCount: request.replicates.count)
        let largest = (1...generations).map { setting.sampleSize($0) }.max()!
        var buffer = [Double](repeating: 0, count: largest)
        let accumulate = request.regime == .accumulate
        for (offset, replicate) in request.replicates.enumerated() {
            let streams = request.streams(replicate: replicate)
            var mean = mu, sd = setting.sigma2.squareRoot()
            var pooledCount = 0.0, pooledMean = 0.0, pooledScatter = 0.0
            for g in 1...generations {
                let n = setting.sampleSize(g)
                var rng = streams.stream(.data, generation: g)
                let (batchMean, batchScatter) = buffer.withUnsafeMutableBufferPointer { p -> (Double, Double) in
                    let x = UnsafeMutableBufferPointer(rebasing: p[0..<n])
                    rng.fillNormal(x, mean: mean, standardDeviation: sd)
                    var sum = 0.0
                    for v in x { sum += v }
                    let m = sum / Double(n)
                    var ss = 0.0
                    for v in x { ss += (v - m) * (v - m) }
                    return (m, ss)
                }
                var count = Double(n), fitMean = batchMean, scatter = batchScatter
                if accumulate {
                    if pooledCount > 0 {  // Chan et al.'s merge, as `SampleMoments.merge`
                        let delta = batchMean - pooledMean, total = pooledCount + count
                        scatter = pooledScatter + batchScatter + delta * delta * pooledCount * count / total
                        fitMean = pooledMean + delta * count / total
                        count = total
                    }
                    (pooledCount, pooledMean, pooledScatter) = (count, fitMean, scatter)
                }
                let variance = scatter / (setting.unbiased ? count - 1 : count)
                let values = scalarMetrics(mean: fitMean, variance: variance)
                for m in 0..<values.count { block.values[m][offset * generations + g - 1] = values[m] }
                block.fits += 1
                (mean, sd) = (fitMean, Swift.max(variance, 0).squareRoot())
            }
        }
        return block
    }

    /// The pool rows at `rows` (ascending indices into the concatenation of the batches).
    private func gatherRows(_ pool: [Batch], _ rows: [Int]) -> Matrix {
        var out = Matrix(rows: rows.count, columns: d)
        var batch = 0, start = 0
        for (k, r) in rows.enumerated() {
            while r >= start + pool[batch].rowCount { start += pool[batch].rowCount; batch += 1 }
            let src = pool[batch].samples
            for j in 0..<d { out.storage[k + j * rows.count] = src.storage[(r - start) + j * src.rows] }
        }
        return out
    }
}

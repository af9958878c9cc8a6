import LinearAlgebra
import Randomness

/// The Gaussian hot path: running sufficient statistics, so a generation costs O(M·d²) whatever the regime.
/// - replace: the moments of the newest batch;
/// - accumulate: the pooled moments, merged batch by batch (Chan et al.), never a pass over the pool;
/// - accumulate-subsample: M_g rows drawn from the pool, their moments (the pool's samples are kept, O(N·d) memory).
/// Draws come from the same streams in the same order as `ReferenceLoop`; a test pins the two together.
extension Gaussian.Model {
    func simulateFast(_ request: SimulationRequest) -> SimulationBlock {
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
                }
                fit = Gaussian.Fit(moments, unbiased: setting.unbiased, generation: g)
                block.fits += 1
                block.record(replicate: offset, generation: g, metrics(fit))
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

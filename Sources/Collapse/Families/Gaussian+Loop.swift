import LinearAlgebra
import Randomness

/// The reference loop for the Gaussian: keeps every generation's samples and refits the mean and covariance on the
/// stacked training set, two passes over all of it. The sufficient-statistics fast path is proven equal to it.
extension Gaussian.Model: LoopModel {
    /// Samples of one generation (rows) and the generation they belong to.
    public struct Batch: RowBatch, Sendable {
        public let samples: Matrix
        public let generation: Int
        public var rowCount: Int { samples.rows }

        public static func gather(_ batches: [Batch], rows: [Int]) -> Batch {
            let stacked = stack(batches)
            return Batch(samples: stacked.samples.selectingRows(rows), generation: stacked.generation)
        }

        static func stack(_ batches: [Batch]) -> Batch {
            var samples = batches[0].samples
            for b in batches.dropFirst() { samples = samples.stacked(on: b.samples) }
            return Batch(samples: samples, generation: batches.map(\.generation).max() ?? 0)
        }
    }

    public func makeWorld(_ rng: inout RandomStream) -> Gaussian.Fit {
        Gaussian.Fit.truth(d: d, mu: mu, sigma2: setting.sigma2)
    }

    public func realData(_ world: Gaussian.Fit, _ rng: inout RandomStream) -> Batch {
        Batch(samples: sample(world, count: setting.sampleSize(1), &rng), generation: 1)
    }

    /// Generation g = fit.generation + 1 draws M_g samples from the previous fit.
    public func synthesize(from fit: Gaussian.Fit, _ world: Gaussian.Fit, _ rng: inout RandomStream) -> Batch {
        let g = fit.generation + 1
        return Batch(samples: sample(fit, count: setting.sampleSize(g), &rng), generation: g)
    }

    public func fit(_ training: [Batch], _ world: Gaussian.Fit) -> (fit: Gaussian.Fit, usedFallback: Bool) {
        let data = Batch.stack(training)
        return (Gaussian.Fit(Gaussian.SampleMoments(data.samples), unbiased: setting.unbiased, generation: data.generation), false)
    }

    public func metrics(_ fit: Gaussian.Fit, _ world: Gaussian.Fit) -> [Double] {
        metrics(fit)
    }
}

import Foundation
import Testing
@testable import Collapse
import LinearAlgebra
import Randomness
import TestSupport

/// `sampler: statistics` (mean, scatter drawn directly) against `sampler: samples` (every sample drawn, itself pinned
/// to `ReferenceLoop`): the same law, checked on the fitted metrics of whole runs, two-sample |z| ≤ 4 on the means
/// and on the variances, at several generations, d = 1 and d = 3, replace, accumulate and mix-fresh.
@Suite struct GaussianSamplerTests {
    static func cell(_ base: CellParameters, _ sampler: DataSampler, extra: [(String, ParameterValue)] = []) -> CellParameters {
        CellParameters(base.entries + [("sampler", .text(sampler.rawValue))] + extra)
    }

    /// Per-replicate values of every metric at `generation`, replicates 0 ..< r, run in-process on one thread.
    static func metrics(_ cell: CellParameters, _ regime: Regime, generations: Int, replicates r: Int, seed: UInt64) -> SimulationBlock {
        Gaussian.simulate(SimulationRequest(parameters: cell, regime: regime, generations: generations, replicates: 0..<r, seed: seed))
    }

    static func column(_ block: SimulationBlock, metric m: Int, generation g: Int) -> [Double] {
        (0..<block.replicateCount).map { block.values[m][$0 * block.generations + g - 1] }
    }

    /// (cell, regime, replicates). M small so a wrong law shows within 20 generations; d = 3 with a non-unit σ², a
    /// non-zero μ and the MLE; mix-fresh with 30% fresh real rows (the `.real` stream's moments merged in).
    static let cases: [(CellParameters, Regime, Int)] = [
        (gaussianCell(M: 20), .replace, 4000),
        (gaussianCell(M: 20), .accumulate, 4000),
        (gaussianCell(M: 12, estimator: "mle"), .mixFresh, 3000),
        (gaussianCell(d: 3, M: 8, estimator: "mle", sigma2: 2, mu: 1), .replace, 2000),
        (gaussianCell(d: 3, M: 8, estimator: "mle", sigma2: 2, mu: 1), .accumulate, 2000),
        (gaussianCell(d: 3, M: 3, sigma2: 0.5), .replace, 2000),   // M − 1 < d: the singular (rows) Wishart
    ]

    @Test(arguments: cases.indices)
    func statisticsAndSamplesAgreeInDistribution(index: Int) {
        let (base, regime, r) = Self.cases[index]
        let extra: [(String, ParameterValue)] = regime == .mixFresh ? [("real_fraction", .real(0.3))] : []
        let generations = 20
        let fast = Self.metrics(Self.cell(base, .statistics, extra: extra), regime, generations: generations, replicates: r, seed: 50)
        let slow = Self.metrics(Self.cell(base, .samples, extra: extra), regime, generations: generations, replicates: r, seed: 51)
        var worst = 0.0
        for g in [1, 2, 5, 20] {
            for (m, metric) in Gaussian.metrics.enumerated() {
                let a = Self.column(fast, metric: m, generation: g), b = Self.column(slow, metric: m, generation: g)
                guard a.allSatisfy(\.isFinite), b.allSatisfy(\.isFinite) else {
                    // log det of a singular fit: −∞ in both, never finite in one only.
                    #expect(a.allSatisfy { !$0.isFinite } && b.allSatisfy { !$0.isFinite }, "\(metric.name) at \(g)")
                    continue
                }
                let zMean = metric.isIndicator ? Self.twoProportionZ(a, b) : SampleStatistics.twoSampleMeanZ(a, b)
                #expect(abs(zMean) <= SampleStatistics.z, "\(base.key) \(regime.name) \(metric.name) g = \(g): mean z = \(zMean)")
                worst = max(worst, abs(zMean))
                if metric.isIndicator { continue }
                let zVariance = SampleStatistics.twoSampleVarianceZ(a, b)
                #expect(abs(zVariance) <= SampleStatistics.z, "\(base.key) \(regime.name) \(metric.name) g = \(g): variance z = \(zVariance)")
                worst = max(worst, abs(zVariance))
            }
        }
        print("GaussianSamplerTests \(base.key) \(regime.name): worst |z| = \(worst)")
    }

    /// Two 0/1 samples: (p̂ₐ − p̂_b)/√(p(1 − p)(1/nₐ + 1/n_b)) with the pooled p; 0 when both are all 0 or all 1.
    static func twoProportionZ(_ a: [Double], _ b: [Double]) -> Double {
        let (na, nb) = (Double(a.count), Double(b.count))
        let p = (a.reduce(0, +) + b.reduce(0, +)) / (na + nb)
        guard p > 0 && p < 1 else { return 0 }
        return (SampleStatistics.mean(a) - SampleStatistics.mean(b)) / (p * (1 - p) * (1 / na + 1 / nb)).squareRoot()
    }

    /// The comparison has power: a chain whose scatter is σ²χ²_M instead of σ²χ²_{M−1} (one degree of freedom too
    /// many, the classic off-by-one) moves E log σ²ₖ by about 1/(M − 1) per generation, ≈ 0.53 after 10 generations
    /// at M = 20, against a two-sample SE of ≈ 0.023 at 4000 replicates: it is rejected at z ≈ 20.
    @Test func aWrongDegreesOfFreedomIsRejected() {
        let (m, generations, r) = (20, 10, 4000)
        let slow = Self.metrics(Self.cell(gaussianCell(M: m), .samples), .replace, generations: generations, replicates: r, seed: 52)
        var wrong: [Double] = []
        for replicate in 0..<r {
            var rng = RandomStream(key: StreamKey(53, UInt64(replicate)))
            var (mean, variance) = (0.0, 1.0)
            for _ in 1...generations {
                // count M + 1: a χ²_M scatter, but fitted as if it came from M samples (unbiased: / (M − 1)).
                let moments = Gaussian.ScalarMoments.draw(mean: mean, standardDeviation: variance.squareRoot(), count: m + 1, &rng)
                (mean, variance) = (moments.mean, moments.scatter / Double(m - 1))
            }
            wrong.append(log(variance))
        }
        let z = SampleStatistics.twoSampleMeanZ(wrong, Self.column(slow, metric: 2, generation: generations))
        #expect(z > SampleStatistics.z, "wrong degrees of freedom not detected: z = \(z)")
    }

    /// The statistics sampler's moments of one batch against the moments of drawn samples, entry by entry
    /// (mean vector and scatter matrix), for a correlated 3-D fit: n = 6 (Bartlett) and n = 3 (n − 1 < d, rows).
    @Test(arguments: [6, 3])
    func batchMomentsMatchTheSamples(n: Int) {
        let model = Gaussian.Model(gaussianCell(d: 3, M: n))
        let seedRows = Matrix(rowMajor: [[1, 0, 2], [0.5, 1, -1], [2, 2, 0], [-1, 0.3, 1], [0, -2, 0.5]])
        let fit = Gaussian.Fit(Gaussian.SampleMoments(seedRows), unbiased: true, generation: 1)
        var direct = RandomStream(key: StreamKey(54, UInt64(n))), drawn = RandomStream(key: StreamKey(55, UInt64(n)))
        var a = Array(repeating: [Double](), count: 12), b = a
        for _ in 0..<10_000 {
            let x = Gaussian.SampleMoments(drawnFrom: fit, count: n, &direct)
            let y = Gaussian.SampleMoments(model.sample(fit, count: n, &drawn))
            #expect(x.count == n)
            for k in 0..<3 { a[k].append(x.mean[k]); b[k].append(y.mean[k]) }
            for k in 0..<9 { a[3 + k].append(x.scatter.storage[k]); b[3 + k].append(y.scatter.storage[k]) }
        }
        for k in 0..<12 {
            #expect(abs(SampleStatistics.twoSampleMeanZ(a[k], b[k])) <= SampleStatistics.z, "n = \(n), entry \(k): mean")
            #expect(abs(SampleStatistics.twoSampleVarianceZ(a[k], b[k])) <= SampleStatistics.z, "n = \(n), entry \(k): variance")
        }
    }

    /// λ = 0 is replace to the bit under the statistics sampler too (the real part draws nothing).
    @Test func zeroRealFractionIsReplace() {
        for base in [gaussianCell(M: 15), gaussianCell(d: 2, M: 6)] {
            let cell = Self.cell(base, .statistics, extra: [("real_fraction", .integer(0))])
            let replace = Self.metrics(cell, .replace, generations: 6, replicates: 4, seed: 56)
            let mixed = Self.metrics(cell, .mixFresh, generations: 6, replicates: 4, seed: 56)
            #expect(replace.values == mixed.values)
        }
    }
}

import Randomness
import RealModule

/// The categorical loop: samples are category indices; a fit is the vector of probabilities.
extension Categorical.Model: LoopModel {
    public struct Batch: RowBatch, Sendable {
        public let samples: [Int]
        public var rowCount: Int { samples.count }

        public static func gather(_ batches: [Batch], rows: [Int]) -> Batch {
            let all = batches.count == 1 ? batches[0].samples : batches.flatMap(\.samples)
            return Batch(samples: rows.map { all[$0] })
        }
    }

    public func makeWorld(_ rng: inout RandomStream) -> [Double] { initial }

    public func realData(_ world: [Double], _ rng: inout RandomStream) -> Batch {
        Batch(samples: Self.draw(world, count: m, &rng))
    }

    public func synthesize(from fit: [Double], _ world: [Double], _ rng: inout RandomStream) -> Batch {
        Batch(samples: Self.draw(fit, count: m, &rng))
    }

    /// p̂ᵢ = (nᵢ + α)/(N + Kα).
    public func fit(_ training: [Batch], _ world: [Double]) -> (fit: [Double], usedFallback: Bool) {
        var counts = [Double](repeating: 0, count: world.count)
        var total = 0
        for batch in training {
            for c in batch.samples { counts[c] += 1 }
            total += batch.rowCount
        }
        let denominator = Double(total) + Double(world.count) * alpha
        return (counts.map { ($0 + alpha) / denominator }, false)
    }

    public func metrics(_ p: [Double], _ p0: [Double]) -> [Double] {
        let k = p.count
        let surviving = p.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        let entropy = p.reduce(0.0) { $0 - ($1 > 0 ? $1 * Double.log($1) : 0) }
        let tail = p[(k - k / 2)...].reduce(0, +)
        let tv = zip(p, p0).reduce(0.0) { $0 + abs($1.0 - $1.1) } / 2
        let absorbed = surviving == 1
        return [Double(surviving), entropy, tail, tv, absorbed ? 1 : 0, absorbed && p[0] > 0 ? 1 : 0, p[k - 1] == 0 ? 1 : 0]
    }

    /// `count` draws from p by inversion: a uniform u·Σp located in the cumulative sums by binary search, so a
    /// category of probability 0 is never drawn.
    static func draw(_ p: [Double], count: Int, _ rng: inout RandomStream) -> [Int] {
        var cumulative = [Double](repeating: 0, count: p.count)
        var running = 0.0
        for i in p.indices { running += p[i]; cumulative[i] = running }
        let lastPositive = p.lastIndex { $0 > 0 } ?? 0
        return (0..<count).map { _ in
            let u = rng.nextUniform() * running
            var lo = 0, hi = lastPositive
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
            }
            return lo
        }
    }
}

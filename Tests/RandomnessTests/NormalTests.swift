import Testing
import TestSupport
@testable import Randomness

@Suite("Normal sampler (ziggurat)")
struct NormalTests {
    static let n = 1_000_000
    /// 10⁶ standard normals from one fixed stream, shared by the distribution checks.
    static let sample: [Double] = {
        var g = RandomStream(key: StreamKey(10, 1))
        var out = [Double](repeating: 0, count: n)
        g.fillNormal(&out)
        return out
    }()

    @Test("Mean, variance, skewness, excess kurtosis within 4 standard errors (n = 10⁶)")
    func moments() {
        let x = Self.sample, n = Double(Self.n), z = SampleStatistics.z
        let mean = SampleStatistics.mean(x)
        let variance = SampleStatistics.variance(x)
        let skew = SampleStatistics.skewness(x)
        let kurt = SampleStatistics.excessKurtosis(x)
        #expect(abs(mean) < z * (1 / n).squareRoot(), "mean \(mean)")
        #expect(abs(variance - 1) < z * (2 / n).squareRoot(), "variance \(variance)")
        #expect(abs(skew) < z * (6 / n).squareRoot(), "skewness \(skew)")
        #expect(abs(kurt) < z * (24 / n).squareRoot(), "excess kurtosis \(kurt)")
    }

    @Test("Kolmogorov–Smirnov against Φ at α = 10⁻⁴ (n = 10⁶)")
    func kolmogorovSmirnov() {
        let d = SampleStatistics.ksStatistic(Self.sample, cdf: SampleStatistics.normalCDF)
        let critical = SampleStatistics.ksCriticalValue(n: Self.n, alpha: 1e-4)
        #expect(d < critical, "D = \(d), critical \(critical)")
    }

    @Test("Tail frequencies P(|Z| > 3), P(|Z| > r), P(Z > 4) within 4 binomial standard errors")
    func tailFrequencies() {
        let x = Self.sample
        let r = ZigguratTables.shared.r
        let cases: [(String, Double, (Double) -> Bool)] = [
            ("|Z| > 3", 2 * SampleStatistics.normalUpperTail(3), { abs($0) > 3 }),
            ("|Z| > r (the tail sampler)", 2 * SampleStatistics.normalUpperTail(r), { abs($0) > r }),
            ("Z > 4", SampleStatistics.normalUpperTail(4), { $0 > 4 }),
            ("Z < −4", SampleStatistics.normalUpperTail(4), { $0 < -4 }),
        ]
        for (name, p, inEvent) in cases {
            let frequency = Double(x.count(where: inEvent)) / Double(Self.n)
            let se = SampleStatistics.binomialStandardError(p: p, n: Self.n)
            #expect(abs(frequency - p) < SampleStatistics.z * se, "\(name): \(frequency) vs \(p)")
        }
    }

    /// The top strip (|x| < x₂₅₅ ≈ 0.215, heights f(x₂₅₅) … 1) is the worst-fitting box: its wedge
    /// rejects a third of its points, against ~0.7% overall. So the frequency of |Z| < x₂₅₅ is the
    /// most sensitive probe of the strip weighting: the classic bug of retrying the same strip after
    /// a wedge rejection (instead of drawing a new one) shifts it by ≈ 10 standard errors here.
    @Test("P(|Z| < x₂₅₅) (the top strip, where most wedge rejections happen) within 4σ, n = 4·10⁶")
    func topStripFrequency() {
        let c = ZigguratTables.shared.x[255]
        var g = RandomStream(key: StreamKey(10, 4))
        var chunk = [Double](repeating: 0, count: 100_000)
        var inside = 0, total = 0
        for _ in 0 ..< 40 {
            g.fillNormal(&chunk)
            inside += chunk.count { abs($0) < c }
            total += chunk.count
        }
        let p = 1 - 2 * SampleStatistics.normalUpperTail(c)
        let se = SampleStatistics.binomialStandardError(p: p, n: total)
        let frequency = Double(inside) / Double(total)
        #expect(abs(frequency - p) < SampleStatistics.z * se, "\(frequency) vs \(p), SE \(se)")
    }

    @Test("The tail sampler is exactly Z | Z > r: KS against 1 − Q(x)/Q(r) at α = 10⁻⁴")
    func tailSamplerDistribution() {
        let r = ZigguratTables.shared.r
        var g = RandomStream(key: StreamKey(10, 2))
        let tail = (0 ..< 100_000).map { _ in g.normalTail(r: r) }
        #expect(tail.allSatisfy { $0 > r })
        let qr = SampleStatistics.normalUpperTail(r)
        let d = SampleStatistics.ksStatistic(tail) { 1 - SampleStatistics.normalUpperTail($0) / qr }
        #expect(d < SampleStatistics.ksCriticalValue(n: tail.count, alpha: 1e-4), "D = \(d)")
    }

    @Test("fillNormal (array and buffer) equals mean + sd · nextNormal() from the same stream, bit for bit")
    func fillMatchesNextNormal() {
        var a = RandomStream(key: StreamKey(10, 3))
        var b = a, c = a
        let count = 100_000
        let expected = (0 ..< count).map { _ in 2.5 + 0.3 * a.nextNormal() }
        var viaArray = [Double](repeating: .nan, count: count)
        b.fillNormal(&viaArray, mean: 2.5, standardDeviation: 0.3)
        let viaBuffer = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            c.fillNormal(buffer, mean: 2.5, standardDeviation: 0.3)
            initialized = count
        }
        #expect(viaArray == expected)
        #expect(viaBuffer == expected)
        let next = a.next()
        #expect(b.next() == next && c.next() == next)
        var empty: [Double] = []
        var d = RandomStream(seed: 1), e = d
        d.fillNormal(&empty)
        #expect(d.next() == e.next())
    }

    @Test("Tables: r and v match Marsaglia & Tsang; 256 strips of equal area v; x decreasing to 0")
    func tables() {
        let t = ZigguratTables.shared
        #expect(t.x.count == 257 && t.f.count == 257)
        #expect(abs(t.r - 3.6541528853610088) < 1e-12)
        #expect(abs(t.v - 0.00492867323399) < 1e-13)
        #expect(t.x[1] == t.r && t.x[256] == 0 && t.f[256] == 1)
        #expect(abs(t.x[0] * t.f[1] - t.v) < 1e-15)   // the base strip
        for i in 1 ..< 256 {
            #expect(t.x[i + 1] < t.x[i])
            let area = t.x[i] * (t.f[i + 1] - t.f[i])
            #expect(abs(area / t.v - 1) < 1e-9, "strip \(i): area \(area)")
        }
        // A ziggurat with few strips exercises wedges and the tail much more often; same rule.
        let small = ZigguratTables(stripCount: 8)
        for i in 1 ..< 8 {
            #expect(abs(small.x[i] * (small.f[i + 1] - small.f[i]) / small.v - 1) < 1e-9)
        }
    }
}

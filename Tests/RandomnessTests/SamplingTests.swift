import Testing
import TestSupport
@testable import Randomness

@Suite("Sampling without replacement")
struct SamplingTests {
    /// The documented algorithm, written out plainly: Floyd's algorithm on a `Set`.
    static func reference(_ g: inout RandomStream, n: Int, k: Int) -> [Int] {
        var s = Set<Int>()
        for j in (n - k) ..< n {
            let t = g.nextBelow(j + 1)
            s.insert(s.contains(t) ? j : t)
        }
        return s.sorted()
    }

    @Test("Dense (bitset) and sparse (hash set) paths equal the documented Floyd algorithm, draw for draw",
          arguments: [(20, 5), (100, 5), (1000, 3), (1000, 999), (100_000, 50), (50_000_000, 7)])
    func matchesReference(n: Int, k: Int) {
        var g = RandomStream(key: StreamKey(30, UInt64(n), UInt64(k)))
        var h = g
        for _ in 0 ..< 20 {
            #expect(g.sampleWithoutReplacement(from: n, count: k) == Self.reference(&h, n: n, k: k))
        }
        #expect(g.next() == h.next())   // exactly the same number of draws
    }

    @Test("Distinct, sorted, in range; each index included with frequency k/n within 4σ",
          arguments: [(20, 5), (100, 5)])
    func inclusionFrequencies(n: Int, k: Int) {
        var g = RandomStream(key: StreamKey(31, UInt64(n), UInt64(k)))
        let repetitions = 40_000
        var counts = [Int](repeating: 0, count: n)
        for _ in 0 ..< repetitions {
            let s = g.sampleWithoutReplacement(from: n, count: k)
            #expect(s.count == k)
            #expect(zip(s, s.dropFirst()).allSatisfy { $0 < $1 })   // sorted and distinct
            #expect(s.first! >= 0 && s.last! < n)
            for i in s { counts[i] += 1 }
        }
        let p = Double(k) / Double(n)
        let se = SampleStatistics.binomialStandardError(p: p, n: repetitions)
        for (i, c) in counts.enumerated() {
            #expect(abs(Double(c) / Double(repetitions) - p) < SampleStatistics.z * se, "index \(i): \(c)")
        }
    }

    @Test("Every 2-subset of 0..<6 equally likely: χ² over the 15 subsets, z < 4")
    func subsetsUniform() {
        var g = RandomStream(key: StreamKey(32))
        let repetitions = 60_000
        var counts = [Int](repeating: 0, count: 36)
        for _ in 0 ..< repetitions {
            let s = g.sampleWithoutReplacement(from: 6, count: 2)
            counts[s[0] * 6 + s[1]] += 1
        }
        let observed = (0 ..< 6).flatMap { i in (i + 1 ..< 6).map { j in counts[i * 6 + j] } }
        let expected = [Double](repeating: Double(repetitions) / 15, count: 15)
        let z = SampleStatistics.chiSquaredZScore(
            SampleStatistics.chiSquaredStatistic(observed: observed, expected: expected), degreesOfFreedom: 14)
        #expect(z < SampleStatistics.z, "z = \(z)")
    }

    @Test("A reused SubsetSampler gives what fresh calls give, across shrinking and growing n")
    func reusedSampler() {
        var g = RandomStream(key: StreamKey(33))
        var h = g
        var sampler = SubsetSampler()
        var out: [Int] = []
        for (n, k) in [(1000, 10), (64, 64), (5000, 1000), (63, 1), (200_000_000, 3), (129, 40)] {
            sampler.sample(from: n, count: k, using: &g, into: &out)
            #expect(out == Self.reference(&h, n: n, k: k), "n \(n), k \(k)")
        }
    }

    @Test("k = n gives 0..<n, k = 0 gives [] without drawing; huge n with small k is cheap")
    func edges() {
        var g = RandomStream(seed: 3)
        #expect(g.sampleWithoutReplacement(from: 10, count: 10) == Array(0 ..< 10))
        #expect(g.sampleWithoutReplacement(from: 0, count: 0) == [])
        var h = g
        #expect(g.sampleWithoutReplacement(from: 10, count: 0) == [])
        #expect(g.next() == h.next())
        let s = g.sampleWithoutReplacement(from: 1_000_000_000_000, count: 5)
        #expect(s.count == 5 && Set(s).count == 5 && s.allSatisfy { $0 < 1_000_000_000_000 })
    }
}

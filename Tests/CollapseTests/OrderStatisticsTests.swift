import Testing
@testable import Collapse
import Randomness

/// Selection returns exactly the sorted array's values at the requested ranks, so summaries are unchanged.
@Suite struct OrderStatisticsTests {
    @Test("Selected order statistics equal the sorted array's, with ties, sorted and reversed inputs")
    func equalsSorting() {
        var rng = RandomStream(key: StreamKey(71))
        for n in Array(1...40) + [399, 400, 10_001] {
            for shape in 0..<4 {
                var values = [Double](repeating: 0, count: n)
                rng.fillNormal(&values)
                switch shape {
                case 1: values = values.map { ($0 * 2).rounded() }   // many ties
                case 2: values.sort()
                case 3: values.sort(by: >)
                default: break
                }
                let sorted = values.sorted()
                let ranks = Array(Set([0, n / 3, n / 2, max(0, n / 2 - 1), n - 1 - n / 3, n - 1])).sorted()
                var buffer = values
                #expect(OrderStatistics.select(ranks, in: &buffer) == ranks.map { sorted[$0] }, "n \(n), shape \(shape)")
            }
        }
    }

    @Test("Summary's median and its CI are the sorted array's order statistics")
    func summaryUnchanged() {
        var rng = RandomStream(key: StreamKey(72))
        for n in [1, 2, 5, 6, 7, 100, 401, 2500] {
            var values = [Double](repeating: 0, count: n)
            rng.fillNormal(&values)
            let s = Summary(values), sorted = values.sorted()
            let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
            #expect(s.median == median)
            if let j = Summary.medianConfidenceRank(n) {
                #expect(s.medianLow == sorted[j - 1] && s.medianHigh == sorted[n - j])
            } else {
                #expect(s.medianLow == sorted[0] && s.medianHigh == sorted[n - 1])
            }
        }
    }
}

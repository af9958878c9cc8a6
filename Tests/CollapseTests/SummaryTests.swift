import Testing
@testable import Collapse
import Randomness
import TestSupport
import RealModule

@Suite struct SummaryTests {
    @Test func meanSEAndMedian() {
        let s = Summary([1, 2, 3, 4, 10])
        #expect(s.mean == 4 && s.median == 3 && s.count == 5)
        #expect(abs(s.standardError - (50.0 / 4 / 5).squareRoot()) < 1e-15)  // Σ(x − 4)² = 9+4+1+0+36 = 50
        #expect(Summary([1, 2, 3, 4]).median == 2.5)
        #expect(abs(Summary([2, 4, 6]).standardError - (4.0 / 3).squareRoot()) < 1e-15)  // s² = 4, SE = √(4/3)
    }

    /// Ranks from the binomial: n = 10, P(Bin ≤ 1) = 11/1024 ≤ 2.5% < P(Bin ≤ 2) = 56/1024, so the CI is
    /// [x₍₂₎, x₍₉₎]; n = 100 gives the textbook ranks 40 and 61; n < 6 cannot reach 95% and uses the range.
    @Test func medianConfidenceRanks() {
        #expect(Summary.medianConfidenceRank(10) == 2)
        #expect(Summary.medianConfidenceRank(100) == 40)
        #expect(Summary.medianConfidenceRank(5) == nil)
        let s = Summary((1...10).map(Double.init))
        #expect(s.medianLow == 2 && s.medianHigh == 9)
        #expect(Summary.medianConfidenceRank(2001)! > 900 && Summary.medianConfidenceRank(2001)! < 1001)
    }

    /// The median CI is distribution-free: on samples of 50 from a skewed law (exponential, median ln 2) it covers
    /// the true median in at least 95% of 2000 repetitions, within 4 binomial SEs.
    @Test func medianIntervalCovers() {
        var rng = RandomStream(seed: 8)
        var covered = 0
        let trials = 2000
        for _ in 0..<trials {
            let sample = (0..<50).map { _ in -Double.log(rng.nextUniformOpen()) }
            let s = Summary(sample)
            if s.medianLow <= Double.log(2) && Double.log(2) <= s.medianHigh { covered += 1 }
        }
        let rate = Double(covered) / Double(trials)
        #expect(rate >= 0.95 - 4 * SampleStatistics.binomialStandardError(p: 0.95, n: trials))
    }

    @Test func nonFiniteValuesPoisonEveryStatistic() {
        let s = Summary([1, .nan, 3])
        #expect(s.nonFinite == 1 && s.mean.isNaN && s.median.isNaN)
        #expect(s.z(against: 1).isNaN)
    }
}

import RealModule

/// What is known of a metric over replicates at one generation: the mean with its standard error and a 95% normal
/// confidence interval, and the median with a distribution-free 95% confidence interval.
///
/// - Mean: SE = s/√R with s the unbiased sample standard deviation; CI = mean ± 1.959964·SE.
/// - Median: the sample median; its CI is [x₍ⱼ₎, x₍R₋ⱼ₊₁₎] between order statistics, with j the largest rank such
///   that P(Bin(R, ½) < j) ≤ 2.5%, so it covers the true median with probability ≥ 95% whatever the
///   distribution. Heavy tails make means useless (the unbiased Gaussian variance once k ≳ M, PAPERS.md §0.5);
///   medians stay informative.
/// Non-finite values are never averaged away: any NaN or infinity makes every statistic NaN and is counted in
/// `nonFinite`, so tables and claims see it.
public struct Summary: Sendable, Equatable {
    public let count: Int
    public let mean: Double
    public let standardError: Double
    public let median: Double
    public let medianLow: Double
    public let medianHigh: Double
    public let nonFinite: Int

    public static let z95 = 1.959963984540054

    public var ciLow: Double { mean - Self.z95 * standardError }
    public var ciHigh: Double { mean + Self.z95 * standardError }

    /// A standard error for the median read off its confidence interval, (high − low)/(2·1.96).
    public var medianStandardError: Double { (medianHigh - medianLow) / (2 * Self.z95) }

    /// A summary from stored statistics (results read back from a CSV file).
    public init(count: Int, mean: Double, standardError: Double, median: Double, medianLow: Double, medianHigh: Double, nonFinite: Int = 0) {
        self.count = count
        self.mean = mean
        self.standardError = standardError
        self.median = median
        self.medianLow = medianLow
        self.medianHigh = medianHigh
        self.nonFinite = nonFinite
    }

    /// Summarises `values` in their given order (sums are order-dependent; callers pass replicate order).
    public init(_ values: [Double]) {
        var buffer = values
        self.init(reordering: &buffer)
    }

    /// The same summary, computed in `values`' own storage: the sums run in the given order first, then the
    /// order statistics are selected in place, leaving `values` reordered.
    public init(reordering values: inout [Double]) {
        count = values.count
        let bad = values.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
        nonFinite = bad
        guard bad == 0, count > 0 else {
            mean = .nan; standardError = .nan; median = .nan; medianLow = .nan; medianHigh = .nan
            return
        }
        var s = 0.0
        for v in values { s += v }
        let m = s / Double(count)
        var ss = 0.0
        for v in values { ss += (v - m) * (v - m) }
        mean = m
        standardError = count > 1 ? (ss / Double(count - 1) / Double(count)).squareRoot() : .nan
        // The order statistics at the median and CI ranks, by selection (the same values sorting would give).
        let lowRank: Int, highRank: Int
        if let j = Self.medianConfidenceRank(count) { lowRank = j - 1; highRank = count - j } else { lowRank = 0; highRank = count - 1 }
        let middle = count % 2 == 1 ? [count / 2] : [count / 2 - 1, count / 2]
        let picked = OrderStatistics.select([lowRank] + middle + [highRank], in: &values)
        medianLow = picked[0]
        median = middle.count == 1 ? picked[1] : (picked[1] + picked[2]) / 2
        medianHigh = picked[picked.count - 1]
    }

    /// (mean − reference)/SE; 0 when both are exactly equal with SE = 0, ±∞ when SE = 0 and they differ.
    public func z(against reference: Double) -> Double {
        Self.z(mean - reference, standardError)
    }

    /// An exact test of a proportion for 0/1 metrics, as a z-score: the binomial tail probability of the observed
    /// count (P(X ≥ x) above the expected np, P(X ≤ x) below it) under the hypothesised p, mapped through Φ⁻¹ so that
    /// |z| ≤ k means the tail is at least Φ(−k). The normal approximation (p̂ − p)/√(p(1−p)/n) is wrong at small
    /// expected counts: 11 events where 2.9 are expected is z = 4.8 by it and a tail of 1.5e−4 (z ≈ 3.6) exactly.
    /// At p = 0 or 1 any disagreement is ±∞, agreement z = 0.
    public func proportionZ(against p: Double) -> Double {
        guard mean.isFinite, count > 0 else { return .nan }
        let x = Int((mean * Double(count)).rounded())
        let expected = p * Double(count)
        if Double(x) == expected { return 0 }
        let upper = Double(x) > expected
        let tail = SpecialFunctions.binomialTail(x, n: count, p: p, upper: upper)
        if tail >= 0.5 { return 0 }
        let z = -SpecialFunctions.inverseNormalCDF(tail)
        return upper ? z : -z
    }

    /// (median − reference)/SE of the median (from its confidence interval).
    public func medianZ(against reference: Double) -> Double {
        Self.z(median - reference, medianStandardError)
    }

    static func z(_ diff: Double, _ se: Double) -> Double {
        if se > 0 { return diff / se }
        if diff == 0 { return 0 }
        return diff.isNaN || se.isNaN ? .nan : (diff > 0 ? .infinity : -.infinity)
    }

    /// The largest j ≥ 1 with P(Bin(n, ½) ≤ j − 1) ≤ 0.025, or nil when even j = 1 is too wide (n < 6).
    /// Exact (binomial terms summed in log space) up to n = 2000; beyond, the normal approximation
    /// j = ⌊n/2 − 1.96·√n/2⌋, whose coverage error is below 0.1% there.
    static func medianConfidenceRank(_ n: Int) -> Int? {
        if n > 2000 { return Int((Double(n) / 2 - z95 * Double(n).squareRoot() / 2).rounded(.down)) }
        let logHalfN = Double(n) * Double.log(0.5)
        let logN1 = Double.logGamma(Double(n) + 1)
        var cumulative = 0.0
        var j = 0
        while j < n {
            let p = Double.exp(logN1 - Double.logGamma(Double(j) + 1) - Double.logGamma(Double(n - j) + 1) + logHalfN)
            if cumulative + p > 0.025 { break }
            cumulative += p
            j += 1
        }
        return j >= 1 ? j : nil
    }
}

import Foundation

/// Mean, standard error and a 95% normal confidence interval of a metric over replicates at one generation.
///
/// SE = s/√R with s the unbiased sample standard deviation; CI = mean ± 1.959964·SE. Non-finite values are
/// never averaged away: any NaN or infinity makes the mean NaN and is counted in `nonFinite`, so the tables
/// and the claims see it.
public struct Summary: Sendable, Equatable {
    public let count: Int
    public let mean: Double
    public let standardError: Double
    public let nonFinite: Int

    public static let z95 = 1.959963984540054

    public var ciLow: Double { mean - Self.z95 * standardError }
    public var ciHigh: Double { mean + Self.z95 * standardError }

    /// Summarises `values` in their given order (sums are order-dependent; callers pass replicate order).
    public init(_ values: [Double]) {
        count = values.count
        let bad = values.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
        nonFinite = bad
        guard bad == 0, count > 0 else {
            mean = .nan
            standardError = .nan
            return
        }
        var s = 0.0
        for v in values { s += v }
        let m = s / Double(count)
        var ss = 0.0
        for v in values { ss += (v - m) * (v - m) }
        mean = m
        standardError = count > 1 ? (ss / Double(count - 1) / Double(count)).squareRoot() : .nan
    }

    /// (mean − reference)/SE; 0 when both are exactly equal with SE = 0, ±∞ when SE = 0 and they differ.
    public func z(against reference: Double) -> Double {
        let diff = mean - reference
        if standardError > 0 { return diff / standardError }
        if diff == 0 { return 0 }
        return diff.isNaN ? .nan : (diff > 0 ? .infinity : -.infinity)
    }
}

import Experiments
import Foundation

/// One axis of a plot: linear or logarithmic, its domain, its ticks and how a tick is labelled.
///
/// The choice of scale is made from the data, per panel: a quantity that spans more than two decades
/// (largest / smallest positive value ≥ `logThreshold`) is drawn on a log axis, so that a curve near the floor
/// is not flattened into the frame by one that climbs a hundredfold. Anything that is zero or negative forces a
/// linear axis (a log axis cannot show it). The alternative, always-linear axes, hides exactly the comparison
/// the model-collapse papers make (a bounded curve beside a diverging one).
public struct AxisScale: Sendable, Equatable {
    public enum Kind: String, Sendable { case linear, log }

    public let kind: Kind
    public let lower: Double
    public let upper: Double
    /// Labelled tick values inside [lower, upper], increasing.
    public let ticks: [Double]

    /// The largest / smallest positive ratio from which an axis becomes logarithmic: two full decades.
    public static let logThreshold = 100.0

    /// True when `values` (the finite ones) are all positive and span at least `logThreshold`.
    public static func prefersLog(_ values: [Double]) -> Bool {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max(), lo > 0 else { return false }
        return hi / lo >= logThreshold
    }

    /// Fits an axis to `values` (the quantities that decide the scale), widened to hold `extent` (e.g. the CI
    /// band) where the scale can show it. `includeZero`: a linear axis of non-negative data starts at 0 when the
    /// data come within half their maximum of it (so that heights compare honestly).
    public static func fit(_ values: [Double], extent: [Double] = [], includeZero: Bool = true, allowLog: Bool = true) -> AxisScale {
        let log = allowLog && prefersLog(values)
        var all = (values + extent).filter(\.isFinite)
        if log { all = all.filter { $0 > 0 } }
        guard var lo = all.min(), var hi = all.max() else { return linear(0, 1) }
        if log {
            // Pad 4% of the span on each side, in log space.
            let pad = (Foundation.log10(hi) - Foundation.log10(lo)) * 0.04
            lo = pow(10, Foundation.log10(lo) - pad)
            hi = pow(10, Foundation.log10(hi) + pad)
            return AxisScale(kind: .log, lower: lo, upper: hi, ticks: logTicks(lo, hi))
        }
        if includeZero && lo >= 0 && lo <= hi / 2 { lo = 0 }
        if hi == lo {
            let half = hi == 0 ? 1 : abs(hi) * 0.1
            lo -= half; hi += half
        }
        let pad = (hi - lo) * 0.04
        return linear(lo == 0 ? 0 : lo - pad, hi + pad)
    }

    /// A linear axis over [lo, hi] with about five nicely spaced ticks.
    public static func linear(_ lo: Double, _ hi: Double) -> AxisScale {
        AxisScale(kind: .linear, lower: lo, upper: hi, ticks: linearTicks(lo, hi))
    }

    /// Multiples of a step of 1, 2 or 5 × 10ᵏ chosen to give about `target` ticks inside [lo, hi].
    public static func linearTicks(_ lo: Double, _ hi: Double, target: Int = 5) -> [Double] {
        guard hi > lo, lo.isFinite, hi.isFinite else { return [lo] }
        let step = niceStep((hi - lo) / Double(target))
        // A hair of slack so that 0.3 / 0.05 = 5.999… still counts 0.3 as a tick.
        let first = (lo / step - 1e-9).rounded(.up)
        let last = (hi / step + 1e-9).rounded(.down)
        guard last >= first else { return [] }
        // Multiplying integers by the step (not adding steps) keeps 0.1·3 from drifting to 0.30000000000000004.
        return stride(from: first, through: last, by: 1).map { cleaned($0 * step) }
    }

    /// 1, 2 or 5 × 10ᵏ, the nearest to `raw` in ratio.
    static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, Foundation.log10(raw).rounded(.down))
        let normalized = raw / magnitude
        let mantissa: Double = normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10
        return mantissa * magnitude
    }

    /// Powers of ten inside [lo, hi]; with 1, 2 and 5 × 10ᵏ as well when fewer than four powers fit, and
    /// every other power when more than eight do.
    public static func logTicks(_ lo: Double, _ hi: Double) -> [Double] {
        guard lo > 0, hi > lo else { return [] }
        let kLow = Int(Foundation.log10(lo).rounded(.down))
        let kHigh = Int(Foundation.log10(hi).rounded(.up))
        let inside = { (x: Double) in x >= lo * (1 - 1e-12) && x <= hi * (1 + 1e-12) }
        let powers = (kLow...kHigh).map { cleaned(pow(10, Double($0))) }.filter(inside)
        if powers.count >= 4 {
            guard powers.count > 8 else { return powers }
            return powers.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        }
        return (kLow...kHigh).flatMap { k in [1.0, 2, 5].map { cleaned($0 * pow(10, Double(k))) } }.filter(inside)
    }

    /// Rounds away binary noise (0.30000000000000004 → 0.3) so tick values print and compare cleanly.
    static func cleaned(_ x: Double) -> Double {
        guard x != 0, x.isFinite else { return x }
        return Double(String(format: "%.12g", x)) ?? x
    }

    /// Where `value` falls on the axis: 0 at `lower`, 1 at `upper` (outside [0, 1] beyond the domain; a log
    /// axis sends non-positive values to −∞, which the drawing clamps).
    public func fraction(_ value: Double) -> Double {
        switch kind {
        case .linear:
            return (value - lower) / (upper - lower)
        case .log:
            guard value > 0 else { return -.infinity }
            return (Foundation.log10(value) - Foundation.log10(lower)) / (Foundation.log10(upper) - Foundation.log10(lower))
        }
    }

    /// A tick's label: as few decimals as the tick spacing needs, scientific notation outside 10⁻³…10⁵.
    public func label(_ value: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e5 || magnitude < 1e-3 {
            let exponent = Int(Foundation.log10(magnitude).rounded(.down))
            let mantissa = AxisScale.cleaned(value / pow(10, Double(exponent)))
            let head = mantissa == 1 ? "" : (mantissa == mantissa.rounded() ? String(Int(mantissa)) : String(format: "%g", mantissa)) + "×"
            return head + "10" + superscript(exponent)
        }
        let spacing: Double
        switch kind {
        case .log: spacing = magnitude
        case .linear: spacing = ticks.count > 1 ? ticks[1] - ticks[0] : magnitude
        }
        let decimals = max(0, -Int(Foundation.log10(spacing * (1 + 1e-9)).rounded(.down)))
        return ReportNumber.fixed(value, decimals)
    }

    private func superscript(_ n: Int) -> String {
        let digits: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶",
                                              "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        return String(String(n).map { digits[$0] ?? $0 })
    }
}

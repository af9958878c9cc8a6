import Foundation

/// Deterministic number formatting shared by every writer (the same value always prints the same way).
public enum ReportNumber {
    /// Shortest text that reads back to the same Double (CSV: exact, and byte-stable across runs).
    public static func exact(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return "\(x)"
    }

    /// `digits` decimals, with a real minus sign for negatives (tables).
    public static func fixed(_ x: Double, _ digits: Int) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        let s = String(format: "%.\(digits)f", x)
        return s.hasPrefix("-") ? "−" + s.dropFirst() : s
    }

    /// Four significant digits, switching to scientific notation for very large or small values (tables).
    public static func significant(_ x: Double, _ digits: Int = 4) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        let s = magnitude >= 1e6 || magnitude < 1e-4 ? String(format: "%.\(digits - 1)e", x) : String(format: "%.\(digits)g", x)
        return s.hasPrefix("-") ? "−" + s.dropFirst() : s
    }

    /// Integers without a decimal point, other values as `exact`.
    public static func compact(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : exact(x)
    }
}

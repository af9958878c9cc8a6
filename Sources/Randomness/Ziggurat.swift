#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// The tables of the 256-layer ziggurat for the standard normal (Marsaglia & Tsang 2000,
/// "The Ziggurat Method for Generating Random Variables", J. Stat. Software 5(8)), computed once,
/// at first use, from the closed form rather than pasted in.
///
/// With f(x) = exp(−x²/2) (the unnormalised density, f(0) = 1) and n = 256 strips of equal area v:
///
///     x₁ = r,   v = r·f(r) + ∫ᵣ^∞ f = r·f(r) + √(π/2)·erfc(r/√2)
///     xᵢ₊₁ = f⁻¹(v/xᵢ + f(xᵢ)) = √(−2 ln(v/xᵢ + f(xᵢ))),   i = 1 … n−2
///     x₀ = v/f(r)  (the base strip: the rectangle [0, r]×[0, f(r)] plus the tail, width v/f(r)),
///     xₙ = 0
///
/// r is the root of the closing condition v/xₙ₋₁ + f(xₙ₋₁) = 1 (the top strip ends exactly at the
/// mode), found by bisection to the last bit of a double; for n = 256, r ≈ 3.6541528853610088 and
/// v ≈ 0.00492867323399, Marsaglia & Tsang's values. Strip i (1 ≤ i < n) is the box of width xᵢ
/// between heights f(xᵢ) and f(xᵢ₊₁); strip 0 is the base. Every strip has area v.
///
/// A `static let` is initialised lazily and thread-safely (swift_once), and holds only plain
/// arrays, so it is Sendable and carries no mutable global state.
@usableFromInline
internal struct ZigguratTables: Sendable {
    /// xᵢ for i = 0 … n (n + 1 entries): x₀ = v/f(r), x₁ = r, decreasing, xₙ = 0.
    @usableFromInline let x: [Double]
    /// fᵢ = f(xᵢ) = exp(−xᵢ²/2) for i = 1 … n (fₙ = 1); f₀ = 0 (the base strip starts at height 0).
    @usableFromInline let f: [Double]
    /// The tail start r = x₁.
    @usableFromInline let r: Double
    /// The common strip area v.
    @usableFromInline let v: Double

    /// The tool's tables: 256 strips (8 bits of each 64-bit draw choose the strip).
    @usableFromInline static let shared = ZigguratTables(stripCount: 256)

    /// Computes the tables for `stripCount` strips (≥ 3) from the closed form above.
    init(stripCount n: Int) {
        precondition(n >= 3, "a ziggurat needs at least 3 strips")
        // Bracket: the closing residual is positive (strips too wide: they overshoot the mode) for
        // r too small, and negative for r too large. For n = 256 the root is near 3.654.
        var lo = 1.0, hi = 10.0
        precondition(ZigguratTables.closingResidual(r: lo, stripCount: n) > 0)
        precondition(ZigguratTables.closingResidual(r: hi, stripCount: n) <= 0)
        while true {
            let mid = lo + (hi - lo) / 2
            if mid <= lo || mid >= hi { break }   // lo and hi are adjacent doubles
            if ZigguratTables.closingResidual(r: mid, stripCount: n) > 0 { lo = mid } else { hi = mid }
        }
        let r = hi
        let v = ZigguratTables.stripArea(r: r)
        var x = [Double](repeating: 0, count: n + 1)
        var f = [Double](repeating: 0, count: n + 1)
        x[0] = v / ZigguratTables.density(r)
        x[1] = r
        f[1] = ZigguratTables.density(r)
        for i in 1 ..< n - 1 {
            let y = v / x[i] + f[i]
            x[i + 1] = (-2 * log(y)).squareRoot()
            f[i + 1] = y
        }
        x[n] = 0
        f[n] = 1
        self.x = x
        self.f = f
        self.r = r
        self.v = v
    }

    /// f(x) = exp(−x²/2).
    static func density(_ x: Double) -> Double {
        exp(-0.5 * x * x)
    }

    /// v(r) = r·f(r) + √(π/2)·erfc(r/√2): the area of the base strip (rectangle plus tail).
    static func stripArea(r: Double) -> Double {
        r * density(r) + (Double.pi / 2).squareRoot() * erfc(r / 2.0.squareRoot())
    }

    /// v/xₙ₋₁ + f(xₙ₋₁) − 1 for the strips built from r: zero at the true r. Returns +1 if the
    /// recursion overshoots the mode early (r too small).
    static func closingResidual(r: Double, stripCount n: Int) -> Double {
        let v = stripArea(r: r)
        var x = r
        var fx = density(r)
        for _ in 1 ..< n - 1 {
            let y = v / x + fx
            if y >= 1 { return 1 }
            x = (-2 * log(y)).squareRoot()
            fx = y
        }
        return v / x + fx - 1
    }
}

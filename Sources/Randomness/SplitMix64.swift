/// SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators", OOPSLA;
/// the 64-bit variant with the `mix64variant13` finalizer that Vigna publishes as `splitmix64.c`).
///
/// The tool uses it only to expand seeds into xoshiro256** state and to derive streams from a
/// `StreamKey`; it is never used to draw the tool's random numbers directly.
///
///     state ← state + 0x9E3779B97F4A7C15  (mod 2⁶⁴)
///     output = mix(state)
///
/// With state 0 the first output is 0xE220A8397B1DCDAF.
public struct SplitMix64: Sendable {
    /// The Weyl-sequence counter. Any value, including 0, is valid.
    public var state: UInt64

    /// The golden-ratio increment γ = ⌊2⁶⁴/φ⌋ rounded to odd, 0x9E3779B97F4A7C15.
    @usableFromInline
    internal static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Creates a generator whose first output is `mix(state + γ)`.
    @inlinable
    public init(state: UInt64) {
        self.state = state
    }

    /// Advances the Weyl counter by γ = 0x9E3779B97F4A7C15 and returns `mix` of the new counter.
    /// The period is 2⁶⁴ and every 64-bit value appears exactly once per period (γ is odd and `mix`
    /// is a bijection).
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= SplitMix64.increment
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 output function (finalizer) alone, applied to z:
    ///
    ///     z ← (z ⊕ (z ≫ 30)) · 0xBF58476D1CE4E5B9
    ///     z ← (z ⊕ (z ≫ 27)) · 0x94D049BB133111EB
    ///     return z ⊕ (z ≫ 31)
    ///
    /// (Stafford's "Mix13" variant of the MurmurHash3 finalizer, as used by Steele et al. 2014.)
    /// It is a bijection on 64-bit words (each xor-shift and each multiplication by an odd constant
    /// is invertible), with mix(0) = 0.
    @inlinable
    public static func mix(_ z: UInt64) -> UInt64 {
        var z = z
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }
}

/// xoshiro256** 1.0 (Blackman & Vigna 2018, "Scrambled linear pseudorandom number generators",
/// ACM TOMS 47(4), 2021; reference code `xoshiro256starstar.c`) with the tool's own samplers.
///
/// A value type: copying it copies the stream, and both copies then produce the same numbers.
/// Every sampler takes the stream `inout` (or is a mutating method), so there is no hidden global
/// state. Period 2²⁵⁶ − 1, 4-dimensionally equidistributed, all 64 output bits pass BigCrush and
/// PractRand (the `**` scrambler has no weak low bits, unlike xoshiro256+).
///
/// The samplers are written here rather than taken from the standard library because
/// `Double.random(in:using:)`, `Int.random(in:using:)` and `shuffle(using:)` do not promise to keep
/// their algorithm across Swift versions; the tool's numbers must not change with the compiler.
public struct RandomStream: RandomNumberGenerator, Sendable {
    @usableFromInline internal var s0: UInt64
    @usableFromInline internal var s1: UInt64
    @usableFromInline internal var s2: UInt64
    @usableFromInline internal var s3: UInt64

    /// A stream whose state is four successive outputs of `SplitMix64(state: seed)`, the seeding
    /// Vigna recommends. Never all zero (SplitMix64 outputs four distinct values of a bijection).
    /// Note `RandomStream(seed: s)` is not the same stream as `RandomStream(key: StreamKey(s))`.
    public init(seed: UInt64) {
        var g = SplitMix64(state: seed)
        self.init(state: (g.next(), g.next(), g.next(), g.next()))
    }

    /// The stream for a key: its state is `key.state` (derivation rule `StreamKey.derivationVersion`).
    public init(key: StreamKey) {
        self.init(state: key.state)
    }

    /// A stream with the given raw xoshiro256** state (internal: for reference vectors in tests).
    /// Precondition: not all four words are zero (the all-zero state is a fixed point).
    internal init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state.0 | state.1 | state.2 | state.3 != 0, "xoshiro256** state must not be all zero")
        (s0, s1, s2, s3) = state
    }

    /// The raw xoshiro256** output, then one step of the linear engine:
    ///
    ///     result = rotl(s₁ · 5, 7) · 9
    ///     t = s₁ ≪ 17
    ///     s₂ ⊕= s₀;  s₃ ⊕= s₁;  s₁ ⊕= s₂;  s₀ ⊕= s₃;  s₂ ⊕= t;  s₃ = rotl(s₃, 45)
    ///
    /// With state (1, 2, 3, 4) the first outputs are 11520, 0, 1509978240, 1215971899390074240.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = RandomStream.rotl(s1 &* 5, 7) &* 9
        let t = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = RandomStream.rotl(s3, 45)
        return result
    }

    @inlinable @inline(__always)
    internal static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x &<< k) | (x &>> (64 &- k))
    }

    /// A uniform double in [0, 1): the top 53 bits of `next()` times 2⁻⁵³ (Vigna's recommended
    /// conversion). Exact: every value k·2⁻⁵³, k = 0 … 2⁵³ − 1, has probability 2⁻⁵³; 0 is possible,
    /// 1 is not.
    @inlinable @inline(__always)
    public mutating func nextUniform() -> Double {
        Double(next() &>> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1), never 0 or 1, for use inside logarithms: the midpoint rule
    /// (k + ½)·2⁻⁵² with k the top 52 bits of `next()`. Values run from 2⁻⁵³ to 1 − 2⁻⁵³, each
    /// with probability 2⁻⁵²; the arithmetic is exact (k + ½ has at most 53 significant bits).
    /// One call consumes exactly one `next()`.
    @inlinable @inline(__always)
    public mutating func nextUniformOpen() -> Double {
        (Double(next() &>> 12) + 0.5) * 0x1.0p-52
    }

    /// A uniform integer in 0 ..< n, exactly unbiased: Lemire's multiply-shift with rejection
    /// (D. Lemire 2019, "Fast random integer generation in an interval", ACM TOMACS 29(1):3):
    ///
    ///     m = x · n  (128-bit, x = next());  if low(m) < n:
    ///         t = (2⁶⁴ − n) mod n;  while low(m) < t: m = next() · n
    ///     return high(m)
    ///
    /// Usually one `next()` per call; the rejection probability is (2⁶⁴ mod n)/2⁶⁴ < n/2⁶⁴.
    /// nextBelow(1) is always 0 (and still consumes one `next()`). Precondition: n > 0.
    @inlinable
    public mutating func nextBelow(_ n: Int) -> Int {
        precondition(n > 0, "nextBelow(n) needs n > 0, got \(n)")
        let bound = UInt64(truncatingIfNeeded: n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold {
                m = next().multipliedFullWidth(by: bound)
            }
        }
        return Int(truncatingIfNeeded: m.high)
    }
}

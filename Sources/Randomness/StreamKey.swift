/// A documented, versioned derivation of independent random streams from a tuple of integers,
/// e.g. `[seed, cellHash, replicate, purpose, generation]`.
///
/// Every stream the tool uses is `RandomStream(key:)` of such a tuple, so a result depends only on
/// the tuple and never on the order in which threads run or on how many draws another replicate
/// made (the "one global stream" mistake: add one draw and every later number moves). Strings enter
/// a key through `StableHash.fnv1a64`, never through Swift's per-process `Hasher`.
///
/// The idea follows numpy's `SeedSequence` (hash the whole entropy tuple, then expand); the rule
/// itself is this tool's own and is pinned by `derivationVersion`.
public struct StreamKey: Hashable, Sendable {
    /// The tuple, in order. Position matters: `[1, 2]` and `[2, 1]` are different keys, and so are
    /// `[1]` and `[1, 0]` (the length is part of the derivation).
    public let words: [UInt64]

    /// A key from the listed words, e.g. `StreamKey(seed, cellHash, replicate, purpose, generation)`.
    public init(_ words: UInt64...) {
        self.words = words
    }

    /// A key from an array of words.
    public init(words: [UInt64]) {
        self.words = words
    }

    /// The version of the derivation rule in `state`. Changing the rule changes every number the
    /// tool produces, so any change must bump this (and results record it).
    public static let derivationVersion: Int = 1

    /// π's fractional bits, 0x243F6A8885A308D3: the starting value of the fold (version 1).
    @usableFromInline
    internal static let foldBasis: UInt64 = 0x243F_6A88_85A3_08D3

    /// Four 64-bit words of xoshiro256** state derived from the tuple. Version 1 rule, for words
    /// w₀ … wₙ₋₁ (all arithmetic mod 2⁶⁴, `mix` = `SplitMix64.mix`, γ = 0x9E3779B97F4A7C15):
    ///
    ///     h ← 0x243F6A8885A308D3 ⊕ n                (π's fraction, xor the number of words)
    ///     for i in 0 ..< n:
    ///         cᵢ ← γ · (2i + 1)                       (a distinct odd constant per position)
    ///         h  ← mix(h ⊕ wᵢ · cᵢ)
    ///     var g = SplitMix64(state: h)
    ///     state = (g.next(), g.next(), g.next(), g.next())
    ///
    /// Properties (each pinned by a test):
    /// - Two keys of the same length that differ in any one word give different h, hence different
    ///   streams, with certainty: for a fixed h, w ↦ mix(h ⊕ w·cᵢ) is a bijection (cᵢ is odd and
    ///   `mix` is invertible), and later steps are bijections in h.
    /// - Keys of different lengths start from different h; they collide only with probability ~2⁻⁶⁴.
    /// - The state is never all zero (the one state xoshiro256** must avoid): the four words are
    ///   `mix` of four distinct counters and `mix` is a bijection with mix(0) = 0, so at most one
    ///   of them can be zero.
    public var state: (UInt64, UInt64, UInt64, UInt64) {
        var h = StreamKey.foldBasis ^ UInt64(truncatingIfNeeded: words.count)
        for (i, w) in words.enumerated() {
            let c = SplitMix64.increment &* (2 &* UInt64(truncatingIfNeeded: i) &+ 1)
            h = SplitMix64.mix(h ^ (w &* c))
        }
        var g = SplitMix64(state: h)
        return (g.next(), g.next(), g.next(), g.next())
    }
}


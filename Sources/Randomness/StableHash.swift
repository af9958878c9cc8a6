/// Stable, process-independent hashes.
///
/// Swift's `Hasher` (and so `hashValue`) is seeded randomly per process, so it must never feed a
/// random stream, a file name or anything else that has to be the same in the next run.
public enum StableHash {
    /// 64-bit FNV-1a (Fowler, Noll & Vo; the IETF draft "The FNV Non-Cryptographic Hash Algorithm")
    /// of the string's UTF-8 bytes:
    ///
    ///     h ← 0xCBF29CE484222325                       (offset basis)
    ///     for each byte b:  h ← (h ⊕ b) · 0x00000100000001B3  (mod 2⁶⁴, the FNV prime)
    ///
    /// fnv1a64("") = 0xCBF29CE484222325, fnv1a64("a") = 0xAF63DC4C8601EC8C.
    /// Not cryptographic and not uniform enough to serve as a stream key by itself: `StreamKey`
    /// passes it through SplitMix64's mix before use. Strings are hashed as given (no Unicode
    /// normalization), so canonically equivalent strings with different bytes hash differently.
    public static func fnv1a64(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in s.utf8 {
            h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return h
    }
}

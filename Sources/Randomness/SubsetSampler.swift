/// Uniform k-subsets of 0 ..< n by Floyd's algorithm (see `RandomStream.sampleWithoutReplacement`), with its
/// working memory kept between calls so that a loop drawing one subset per generation allocates nothing.
///
/// Membership is a bitset of n bits while that is small against the work (n/64 words ≤ max(2¹⁶, 8k)); the
/// bitset is then read out word by word, which yields the subset already sorted and clears it for the next
/// call, in O(k + n/64). For a huge n with a small k the set is a hash set and the result is sorted; both
/// paths make the same draws and return the same subset.
public struct SubsetSampler: Sendable {
    private var words: [UInt64] = []
    private var sparse: Set<Int> = []

    public init() {}

    /// Writes a uniform k-subset of 0 ..< n, ascending, into `out` (replacing its contents).
    /// Exactly k calls of `rng.nextBelow`. Preconditions: n ≥ 0, 0 ≤ k ≤ n.
    public mutating func sample(from n: Int, count k: Int, using rng: inout RandomStream, into out: inout [Int]) {
        precondition(n >= 0 && k >= 0 && k <= n,
                     "sampleWithoutReplacement: need 0 ≤ count ≤ n, got count \(k), n \(n)")
        out.removeAll(keepingCapacity: true)
        if k == 0 { return }
        let wordCount = (n + 63) / 64
        if wordCount <= max(1 << 16, 8 * k) {
            sampleDense(n: n, k: k, wordCount: wordCount, &rng, &out)
        } else {
            sampleSparse(n: n, k: k, &rng, &out)
        }
    }

    private mutating func sampleDense(n: Int, k: Int, wordCount: Int, _ rng: inout RandomStream, _ out: inout [Int]) {
        if words.count < wordCount { words = [UInt64](repeating: 0, count: wordCount) }
        out.reserveCapacity(k)
        words.withUnsafeMutableBufferPointer { bits in
            for j in (n - k) ..< n {
                let t = rng.nextBelow(j + 1)
                let tw = t >> 6, tb = UInt64(1) << UInt64(t & 63)
                if bits[tw] & tb == 0 {
                    bits[tw] |= tb
                } else {
                    bits[j >> 6] |= UInt64(1) << UInt64(j & 63)
                }
            }
            // Read out in order, clearing as we go (every set bit lies below n).
            for w in 0 ..< wordCount where bits[w] != 0 {
                var word = bits[w]
                bits[w] = 0
                while word != 0 {
                    out.append(w << 6 | word.trailingZeroBitCount)
                    word &= word &- 1
                }
            }
        }
    }

    private mutating func sampleSparse(n: Int, k: Int, _ rng: inout RandomStream, _ out: inout [Int]) {
        sparse.removeAll(keepingCapacity: true)
        sparse.reserveCapacity(k)
        for j in (n - k) ..< n {
            let t = rng.nextBelow(j + 1)
            if !sparse.insert(t).inserted { sparse.insert(j) }
        }
        out.append(contentsOf: sparse)   // set order is per process; the sort makes the result deterministic
        out.sort()
    }
}

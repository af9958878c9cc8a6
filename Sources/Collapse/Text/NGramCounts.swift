/// The n-gram counts of a text: sorted distinct packed keys and their counts (order 2 or 3).
///
/// Each sentence is padded with n − 1 boundaries (id 0) in front and one behind (none behind a truncated sentence,
/// which has no observed end); the key of w₁…wₙ is (((w₁ << 21) | w₂) << 21) | w₃ for n = 3, so a context's keys are
/// contiguous. Counting sorts the keys (radix sort) and run-length encodes them: the layout never depends on a hash
/// seed. Counts of several texts merge in linear time (`merged`), which is how accumulate fits the growing pool
/// without recounting it: every batch is counted once, when it is made.
public struct NGramCounts: Sendable, Equatable {
    public let order: Int
    public private(set) var keys: [UInt64]
    public private(set) var counts: [Int]

    static let bits: UInt64 = 21

    public init(order: Int, keys: [UInt64], counts: [Int]) {
        self.order = order
        self.keys = keys
        self.counts = counts
    }

    /// The counts of `sentences` (`truncated[i]`: sentence i has no observed end).
    public init(order: Int, sentences: [[UInt32]], truncated: [Bool]) {
        precondition((2...3).contains(order))
        var all: [UInt64] = []
        all.reserveCapacity(sentences.reduce(0) { $0 + $1.count + 1 })
        let mask: UInt64 = order == 3 ? (1 << 63) - 1 : (1 << 42) - 1
        for (s, cut) in zip(sentences, truncated) {
            var key: UInt64 = 0  // the n − 1 leading boundaries are zeros
            for w in s {
                key = (key << Self.bits | UInt64(w)) & mask
                all.append(key)
            }
            if !cut { all.append((key << Self.bits) & mask) }
        }
        RadixSort.sort(&all, significantBits: 21 * order)
        var keys: [UInt64] = [], counts: [Int] = []
        keys.reserveCapacity(all.count / 2)
        counts.reserveCapacity(all.count / 2)
        for k in all {
            if let last = keys.last, last == k { counts[counts.count - 1] += 1 } else { keys.append(k); counts.append(1) }
        }
        self.init(order: order, keys: keys, counts: counts)
    }

    /// The counts of the concatenated texts: a balanced tree of pairwise merges, O(N log m) for m parts of N keys in all.
    public static func merged(_ parts: [NGramCounts]) -> NGramCounts {
        precondition(!parts.isEmpty)
        var level = parts
        while level.count > 1 {
            var next: [NGramCounts] = []
            next.reserveCapacity((level.count + 1) / 2)
            for i in stride(from: 0, to: level.count, by: 2) {
                next.append(i + 1 < level.count ? merge(level[i], level[i + 1]) : level[i])
            }
            level = next
        }
        return level[0]
    }

    /// Two sorted count lists as one: equal keys add their counts.
    static func merge(_ a: NGramCounts, _ b: NGramCounts) -> NGramCounts {
        precondition(a.order == b.order)
        var keys: [UInt64] = [], counts: [Int] = []
        keys.reserveCapacity(a.keys.count + b.keys.count)
        counts.reserveCapacity(a.keys.count + b.keys.count)
        var i = 0, j = 0
        while i < a.keys.count && j < b.keys.count {
            let x = a.keys[i], y = b.keys[j]
            if x < y {
                keys.append(x); counts.append(a.counts[i]); i += 1
            } else if y < x {
                keys.append(y); counts.append(b.counts[j]); j += 1
            } else {
                keys.append(x); counts.append(a.counts[i] + b.counts[j]); i += 1; j += 1
            }
        }
        keys.append(contentsOf: a.keys[i...]); counts.append(contentsOf: a.counts[i...])
        keys.append(contentsOf: b.keys[j...]); counts.append(contentsOf: b.counts[j...])
        return NGramCounts(order: a.order, keys: keys, counts: counts)
    }
}

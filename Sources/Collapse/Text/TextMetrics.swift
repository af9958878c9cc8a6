/// Lexical diversity of a sample of sentences (Guo et al. 2024, PAPERS.md §7). Every one depends on the sample's
/// size, so the family computes them on samples of a fixed number of sentences or tokens.
public enum TextMetrics {
    /// distinct-n = (number of distinct n-grams) / (number of n-grams), n-grams taken within sentences (not across
    /// their boundaries); 0 when there are no n-grams. n ≤ 3 (ids are packed 21 bits each).
    public static func distinct(_ sentences: [[UInt32]], order n: Int) -> Double {
        precondition((1...3).contains(n))
        var keys: [UInt64] = []
        for s in sentences where s.count >= n {
            for i in 0...(s.count - n) {
                var key: UInt64 = 0
                for j in 0..<n { key = key << 21 | UInt64(s[i + j]) }
                keys.append(key)
            }
        }
        guard !keys.isEmpty else { return 0 }
        RadixSort.sort(&keys, significantBits: 21 * n)
        return Double(uniqueCount(sorted: keys)) / Double(keys.count)
    }

    /// The mean type-token ratio over the consecutive complete chunks of `chunk` tokens of the concatenated text
    /// (Guo et al. truncate texts to a fixed length); with no complete chunk, the ratio of the whole text.
    public static func typeTokenRatio(_ tokens: [UInt32], chunk: Int) -> Double {
        guard !tokens.isEmpty else { return 0 }
        let chunks = tokens.count / chunk
        guard chunks > 0 else { return Double(typeCount(tokens[...])) / Double(tokens.count) }
        var seen = TypeMarks(tokens)
        var sum = 0.0
        for c in 0..<chunks { sum += Double(seen.count(tokens[(c * chunk)..<((c + 1) * chunk)])) / Double(chunk) }
        return sum / Double(chunks)
    }

    /// Number of distinct ids in `tokens`.
    public static func typeCount(_ tokens: ArraySlice<UInt32>) -> Int {
        var seen = TypeMarks(tokens)
        return seen.count(tokens)
    }

    /// Counts the distinct values of sorted keys.
    static func uniqueCount(sorted keys: [UInt64]) -> Int {
        var unique = 0
        for i in keys.indices where i == 0 || keys[i] != keys[i - 1] { unique += 1 }
        return unique
    }

    /// Distinct ids of slices in O(length): one mark per id, stamped with the slice's number, so consecutive slices
    /// (TTR's chunks) reuse one array without clearing it. No hashing: nothing depends on a per-process seed.
    struct TypeMarks {
        var stamp: [UInt32]
        var current: UInt32 = 0

        init<C: Collection>(_ tokens: C) where C.Element == UInt32 {
            stamp = [UInt32](repeating: 0, count: Int(tokens.max() ?? 0) + 1)
        }

        mutating func count(_ tokens: ArraySlice<UInt32>) -> Int {
            current += 1
            var distinct = 0
            for t in tokens where stamp[Int(t)] != current {
                stamp[Int(t)] = current
                distinct += 1
            }
            return distinct
        }
    }
}

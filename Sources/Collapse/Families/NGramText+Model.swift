import Randomness
import RealModule

/// A word n-gram model over token ids (order 2 or 3) with sentence-boundary id 0, sampled with a temperature.
///
/// Fit: the maximum-likelihood counts of the training n-grams, each sentence padded with n − 1 boundaries in front
/// and one behind (none behind a truncated sentence, which has no observed end). Counting sorts packed keys
/// (21 bits per id, context in the high bits), so equal keys and equal contexts are contiguous and the layout
/// never depends on a hash seed.
///
/// Sampling from context h at temperature T: P(w | h) ∝ q(w | h)^(1/T), with q the unsmoothed estimate c(h,w)/c(h)
/// or add-k's (c(h,w) + k)/(c(h) + kV) over the V ids (the words of the corpus and the boundary). Since q^(1/T) is
/// proportional to (c(h,w) [+ k])^(1/T), the weights are those powers of the counts; the draw inverts a uniform in
/// their cumulative sums by binary search. Unsmoothed, a zero count stays zero at every T: the support can only
/// shrink. Add-k gives every unseen w of a seen context the weight k^(1/T) and an unseen context the uniform law.
public struct NGramModel: Sendable {
    public let order: Int
    /// Sorted distinct n-gram keys: ids w₁…wₙ packed as (((w₁ << 21) | w₂) << 21) | w₃ for n = 3.
    public let keys: [UInt64]
    public let counts: [Int]
    /// Sorted distinct contexts (key >> 21) and where each one's keys start in `keys` (one extra end entry).
    public let contexts: [UInt64]
    public let contextStart: [Int]
    /// Running sums of the tempered weights, restarting at each context.
    public let cumulative: [Double]
    /// V: ids 0..<V may be drawn under add-k.
    public let vocabularySize: Int
    /// k of add-k; 0 for the unsmoothed model.
    public let addK: Double
    public let temperature: Double

    static let bits: UInt64 = 21
    static let idMask: UInt64 = (1 << 21) - 1

    /// The model fitted on `sentences` (`truncated[i]` says sentence i has no observed end).
    public init(order: Int, sentences: [[UInt32]], truncated: [Bool], vocabularySize: Int, addK: Double, temperature: Double) {
        self.order = order
        self.vocabularySize = vocabularySize
        self.addK = addK
        self.temperature = temperature
        var all: [UInt64] = []
        all.reserveCapacity(sentences.reduce(0) { $0 + $1.count + 1 })
        for (s, cut) in zip(sentences, truncated) {
            var key: UInt64 = 0  // the n − 1 leading boundaries are zeros
            let mask: UInt64 = order == 3 ? (1 << 63) - 1 : (1 << 42) - 1
            for w in s {
                key = (key << Self.bits | UInt64(w)) & mask
                all.append(key)
            }
            if !cut { all.append((key << Self.bits) & mask) }
        }
        all.sort()
        var keys: [UInt64] = [], counts: [Int] = [], contexts: [UInt64] = [], starts: [Int] = []
        for k in all {
            if let last = keys.last, last == k { counts[counts.count - 1] += 1; continue }
            if contexts.last != k >> Self.bits { contexts.append(k >> Self.bits); starts.append(keys.count) }
            keys.append(k)
            counts.append(1)
        }
        starts.append(keys.count)
        var cumulative = [Double](repeating: 0, count: keys.count)
        let inverse = 1 / temperature
        for c in contexts.indices {
            var running = 0.0
            for i in starts[c]..<starts[c + 1] {
                running += Double.pow(Double(counts[i]) + addK, inverse)
                cumulative[i] = running
            }
        }
        self.keys = keys
        self.counts = counts
        self.contexts = contexts
        self.contextStart = starts
        self.cumulative = cumulative
    }

    /// Index of `context` in `contexts`, if seen.
    func contextIndex(_ context: UInt64) -> Int? {
        var lo = 0, hi = contexts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if contexts[mid] < context { lo = mid + 1 } else { hi = mid }
        }
        return lo < contexts.count && contexts[lo] == context ? lo : nil
    }

    /// The next id after `context`, or `nil` at a dead end (an unsmoothed context never seen with a continuation,
    /// possible only after a truncated training sentence).
    public func next(_ context: UInt64, _ rng: inout RandomStream) -> UInt32? {
        guard let c = contextIndex(context) else {
            return addK > 0 ? UInt32(rng.nextBelow(vocabularySize)) : nil
        }
        let start = contextStart[c], end = contextStart[c + 1]
        let seen = cumulative[end - 1]
        let unseenWeight = addK > 0 ? Double(vocabularySize - (end - start)) * Double.pow(addK, 1 / temperature) : 0
        let u = rng.nextUniform() * (seen + unseenWeight)
        if u < seen {
            var lo = start, hi = end - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
            }
            return UInt32(keys[lo] & Self.idMask)
        }
        // An unseen continuation, uniform among the V − (seen) ids: rejection against this context's keys.
        while true {
            let w = UInt64(rng.nextBelow(vocabularySize))
            let key = context << Self.bits | w
            var lo = start, hi = end
            while lo < hi {
                let mid = (lo + hi) / 2
                if keys[mid] < key { lo = mid + 1 } else { hi = mid }
            }
            if lo == end || keys[lo] != key { return UInt32(w) }
        }
    }

    /// One sentence: ids drawn until the boundary, a dead end or `maxLength` tokens; `truncated` for the last two.
    public func sentence(maxLength: Int, _ rng: inout RandomStream) -> (tokens: [UInt32], truncated: Bool) {
        let contextMask: UInt64 = order == 3 ? (1 << 42) - 1 : (1 << 21) - 1
        var context: UInt64 = 0
        var tokens: [UInt32] = []
        while tokens.count < maxLength {
            guard let w = next(context, &rng) else { return (tokens, true) }
            if w == 0 { return (tokens, false) }
            tokens.append(w)
            context = (context << Self.bits | UInt64(w)) & contextMask
        }
        return (tokens, true)
    }

    /// Word ids (not the boundary) that end at least one n-gram with a positive count: the words the model can
    /// emit unsmoothed. Sorted.
    public var supportWords: [UInt32] {
        var words = keys.map { $0 & Self.idMask }.filter { $0 != 0 }
        words.sort()
        var result: [UInt32] = []
        for w in words where result.last.map({ UInt64($0) != w }) ?? true { result.append(UInt32(w)) }
        return result
    }
}

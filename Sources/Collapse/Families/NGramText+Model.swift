import Randomness
import RealModule

/// A word n-gram model over token ids (order 2 or 3) with sentence-boundary id 0, sampled with a temperature.
///
/// Fit: the maximum-likelihood counts of the training n-grams, each sentence padded with n − 1 boundaries in front
/// and one behind (none behind a truncated sentence, which has no observed end). Counting sorts packed keys
/// (21 bits per id, context in the high bits), so equal keys and equal contexts are contiguous and the layout
/// never depends on a hash seed.
///
/// Sampling from context h at temperature T: P(w | h) ∝ q(w | h)^(1/T), with q one of
/// - `none`: the unsmoothed estimate c(h,w)/c(h);
/// - `addK(k)`: (c(h,w) + k)/(c(h) + kV) over the V ids (the words of the corpus and the boundary);
/// - `kneserNey`: interpolated Kneser–Ney (`KneserNey`), over the words of the training text.
/// For the first two q^(1/T) is proportional to (c(h,w) [+ k])^(1/T), so the weights are those powers of the counts;
/// the draw inverts a uniform in their cumulative sums by binary search. Unsmoothed, a zero count stays zero at every
/// T: the support can only shrink. Add-k gives every unseen w of a seen context the weight k^(1/T) and an unseen
/// context the uniform law.
public struct NGramModel: Sendable {
    public enum Smoothing: Sendable, Equatable {
        case none
        case addK(Double)
        case kneserNey
    }

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
    /// k of add-k; 0 otherwise.
    public let addK: Double
    public let temperature: Double
    /// The Kneser–Ney tables, when that is the smoothing.
    public let kneserNey: KneserNey?
    /// Contexts grouped by their first id (order 3) or by themselves (order 2): bucket b's contexts are
    /// contexts[bucketStart[b] ..< bucketStart[b + 1]]. A lookup is then a search among a handful of contexts
    /// instead of all of them (sampling spends most of its time finding contexts).
    let bucketStart: [Int32]
    let bucketShift: UInt64

    static let bits: UInt64 = 21
    static let idMask: UInt64 = (1 << 21) - 1

    /// The model fitted on `sentences` (`truncated[i]` says sentence i has no observed end).
    public init(order: Int, sentences: [[UInt32]], truncated: [Bool], vocabularySize: Int, smoothing: Smoothing, temperature: Double) {
        self.init(counts: NGramCounts(order: order, sentences: sentences, truncated: truncated), vocabularySize: vocabularySize,
                  smoothing: smoothing, temperature: temperature)
    }

    /// The model of already counted n-grams.
    public init(counts counted: NGramCounts, vocabularySize: Int, smoothing: Smoothing, temperature: Double) {
        self.order = counted.order
        self.vocabularySize = vocabularySize
        if case let .addK(k) = smoothing { addK = k } else { addK = 0 }
        self.temperature = temperature
        let keys = counted.keys, counts = counted.counts
        var contexts: [UInt64] = [], starts: [Int] = []
        for (i, k) in keys.enumerated() where contexts.last != k >> Self.bits {
            contexts.append(k >> Self.bits)
            starts.append(i)
        }
        starts.append(keys.count)
        bucketShift = counted.order == 3 ? Self.bits : 0
        var buckets = [Int32](repeating: 0, count: Int((contexts.last ?? 0) >> bucketShift) + 2)
        for c in contexts { buckets[Int(c >> bucketShift) + 1] += 1 }
        for b in 1..<buckets.count { buckets[b] += buckets[b - 1] }
        bucketStart = buckets
        var cumulative = [Double](repeating: 0, count: keys.count)
        let inverse = 1 / temperature
        for c in contexts.indices {
            var running = 0.0
            for i in starts[c]..<starts[c + 1] {
                let weight = Double(counts[i]) + addK
                running += inverse == 1 ? weight : Double.pow(weight, inverse)  // pow(x, 1) = x exactly: same numbers
                cumulative[i] = running
            }
        }
        self.keys = keys
        self.counts = counts
        self.contexts = contexts
        self.contextStart = starts
        self.cumulative = cumulative
        kneserNey = smoothing == .kneserNey
            ? KneserNey(order: order, keys: keys, counts: counts, vocabularySize: vocabularySize, temperature: temperature) : nil
    }

    /// q(w | h) at T = 1, the law the temperature reshapes; `nil` for an unsmoothed context never seen (a dead end).
    public func probability(_ w: UInt32, after context: UInt64) -> Double? {
        if let kneserNey { return kneserNey.probability(w, after: context) }
        guard let c = contextIndex(context) else { return addK > 0 ? 1 / Double(vocabularySize) : nil }
        let start = contextStart[c], end = contextStart[c + 1]
        let total = counts[start..<end].reduce(0, +)
        let key = context << Self.bits | UInt64(w)
        let count = keys[start..<end].firstIndex(of: key).map { counts[$0] } ?? 0
        return (Double(count) + addK) / (Double(total) + addK * Double(vocabularySize))
    }

    /// Index of `context` in `contexts`, if seen: its bucket (the context's first id) bounds a short binary search.
    func contextIndex(_ context: UInt64) -> Int? {
        let b = Int(context >> bucketShift)
        guard b + 1 < bucketStart.count else { return nil }
        var lo = Int(bucketStart[b]), hi = Int(bucketStart[b + 1])
        while lo < hi {
            let mid = (lo + hi) / 2
            if contexts[mid] < context { lo = mid + 1 } else { hi = mid }
        }
        return lo < contexts.count && contexts[lo] == context ? lo : nil
    }

    /// The next id after `context`, or `nil` at a dead end (an unsmoothed context never seen with a continuation,
    /// possible only after a truncated training sentence).
    public func next(_ context: UInt64, _ rng: inout RandomStream) -> UInt32? {
        if let kneserNey { return kneserNey.next(context, &rng) }
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

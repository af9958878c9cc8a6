import Randomness
import RealModule

/// Reads a `KneserNey` model's levels 1…(levels.count + 1): probabilities, tempered normalisers and draws, each level
/// falling back to the one below for an unseen context or an unseen id (the recursion of `KneserNey`'s doc comment).
struct KneserNeyLookup {
    let levels: [KneserNey.Level]
    let unigram: [Double]
    let unigramCumulative: [Double]
    let unigramSupport: Int
    /// 1/T.
    let inverse: Double

    static let bits = KneserNey.bits
    static let idMask = KneserNey.idMask

    /// The context at level ℓ without its first id (level ℓ − 1's context).
    @inline(__always)
    static func shorter(_ context: UInt64, level ℓ: Int) -> UInt64 {
        ℓ <= 2 ? 0 : context & ((1 << (bits * UInt64(ℓ - 2))) - 1)
    }

    @inline(__always)
    static func search(_ array: [UInt64], _ value: UInt64, _ lo: Int, _ hi: Int) -> Int {
        var lo = lo, hi = hi
        while lo < hi {
            let mid = (lo + hi) >> 1
            if array[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func contextIndex(_ context: UInt64, level ℓ: Int) -> Int? {
        let level = levels[ℓ - 2]
        let i = Self.search(level.contexts, context, 0, level.contexts.count)
        return i < level.contexts.count && level.contexts[i] == context ? i : nil
    }

    /// Index in `keys` of id `w` after context number `c`, if seen.
    func keyIndex(_ w: UInt32, level ℓ: Int, context c: Int) -> Int? {
        let level = levels[ℓ - 2]
        let key = level.contexts[c] << Self.bits | UInt64(w)
        let start = level.contextStart[c], end = level.contextStart[c + 1]
        let i = Self.search(level.keys, key, start, end)
        return i < end && level.keys[i] == key ? i : nil
    }

    /// P_ℓ(w | context), untempered.
    func probability(_ w: UInt32, level ℓ: Int, context: UInt64) -> Double {
        if ℓ == 1 { return Int(w) < unigram.count ? unigram[Int(w)] : 0 }
        guard let c = contextIndex(context, level: ℓ) else { return probability(w, level: ℓ - 1, context: Self.shorter(context, level: ℓ)) }
        if let i = keyIndex(w, level: ℓ, context: c) { return levels[ℓ - 2].probability[i] }
        let gamma = levels[ℓ - 2].gamma[c]
        return gamma > 0 ? gamma * probability(w, level: ℓ - 1, context: Self.shorter(context, level: ℓ)) : 0
    }

    /// Z_ℓ(context) = Σ_w P_ℓ(w | context)^(1/T).
    func total(level ℓ: Int, context: UInt64) -> Double {
        if ℓ == 1 { return unigramCumulative.last ?? 0 }
        guard let c = contextIndex(context, level: ℓ) else { return total(level: ℓ - 1, context: Self.shorter(context, level: ℓ)) }
        return levels[ℓ - 2].total[c]
    }

    /// The number of ids with P_ℓ(· | context) > 0.
    func support(level ℓ: Int, context: UInt64) -> Int {
        if ℓ == 1 { return unigramSupport }
        guard let c = contextIndex(context, level: ℓ) else { return support(level: ℓ - 1, context: Self.shorter(context, level: ℓ)) }
        return levels[ℓ - 2].support[c]
    }

    /// An id drawn with probability P_ℓ(w | context)^(1/T) / Z_ℓ(context); `nil` if Z = 0 (an empty model).
    func draw(level ℓ: Int, context: UInt64, _ rng: inout RandomStream) -> UInt32? {
        if ℓ == 1 {
            guard let z = unigramCumulative.last, z > 0 else { return nil }
            let u = rng.nextUniform() * z
            var lo = 0, hi = unigramCumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) >> 1
                if unigramCumulative[mid] > u { hi = mid } else { lo = mid + 1 }
            }
            return UInt32(lo)
        }
        let lower = Self.shorter(context, level: ℓ)
        guard let c = contextIndex(context, level: ℓ) else { return draw(level: ℓ - 1, context: lower, &rng) }
        let level = levels[ℓ - 2]
        let start = level.contextStart[c], end = level.contextStart[c + 1]
        let seen = level.cumulative[end - 1]
        let u = rng.nextUniform() * level.total[c]
        if u < seen || level.rest[c] == 0 {
            var lo = start, hi = end - 1
            while lo < hi {
                let mid = (lo + hi) >> 1
                if level.cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
            }
            return UInt32(level.keys[lo] & Self.idMask)
        }
        // An id not seen after the context: the lower level's tempered law, restricted by rejection.
        for _ in 0..<KneserNey.maximumRejections {
            guard let w = draw(level: ℓ - 1, context: lower, &rng) else { return nil }
            if keyIndex(w, level: ℓ, context: c) == nil { return w }
        }
        return exactOutside(level: ℓ, context: c, lower: lower, &rng)
    }

    /// The careful path of `draw`: the restricted lower law by a scan of every id, weights P_ℓ₋₁(w | h⁻)^(1/T) off the
    /// seen ids. O(V log V), taken only after `maximumRejections` rejections in a row.
    func exactOutside(level ℓ: Int, context c: Int, lower: UInt64, _ rng: inout RandomStream) -> UInt32? {
        var weights = [Double](repeating: 0, count: unigram.count)
        var sum = 0.0
        for w in 0..<unigram.count where keyIndex(UInt32(w), level: ℓ, context: c) == nil {
            let p = probability(UInt32(w), level: ℓ - 1, context: lower)
            if p > 0 { weights[w] = Double.pow(p, inverse); sum += weights[w] }
        }
        guard sum > 0 else { return nil }
        var u = rng.nextUniform() * sum
        for (w, x) in weights.enumerated() where x > 0 {
            if u < x { return UInt32(w) }
            u -= x
        }
        return UInt32(weights.lastIndex { $0 > 0 }!)
    }
}

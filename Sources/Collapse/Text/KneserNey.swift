import Randomness
import RealModule

/// Interpolated Kneser–Ney smoothing of a word n-gram model (Kneser & Ney 1995; the interpolated form of Chen &
/// Goodman 1998, §3), sampled at a temperature. Built from the top order's sorted packed keys and raw counts.
///
/// With h a context of ℓ − 1 ids and h⁻ the context without its first id, level ℓ = n, …, 2 is
///
///     P_ℓ(w | h) = max(a_ℓ(h w) − D_ℓ, 0) / A_ℓ(h)  +  γ_ℓ(h) · P_ℓ₋₁(w | h⁻),   γ_ℓ(h) = D_ℓ · N₁₊(h •) / A_ℓ(h),
///     P₁(w) = a₁(w) / Σ_v a₁(v),
///
/// with A_ℓ(h) = Σ_w a_ℓ(h w), N₁₊(h •) the number of w with a_ℓ(h w) > 0, and P_ℓ(· | h) = P_ℓ₋₁(· | h⁻) for a context
/// never seen at level ℓ. The counts a_ℓ are the raw counts at the top order and the continuation counts below it,
/// a_ℓ(g) = N₁₊(• g), the number of distinct ids seen before g, except for an ℓ-gram that starts with the sentence
/// boundary, whose only left neighbour is padding: it keeps its raw count (as KenLM does). The discounts are Ney et al.'s
/// (1994) estimate from the counts of counts of each level, D_ℓ = n₁ / (n₁ + 2 n₂) (n_r: ℓ-grams with a_ℓ = r), so the
/// variant has no free parameter; D_ℓ = 0 when n₁ = 0 (nothing to discount) and 1 when n₂ = 0 < n₁. Each level sums to 1
/// over the ids (pinned by a test). The lowest level is the continuation unigram, not a uniform law: a word absent from
/// the training text has probability 0, so under replace the vocabulary can still only shrink, while every seen word
/// can follow every context (new n-grams appear).
///
/// Sampling at temperature T draws w with probability ∝ P_n(w | h)^(1/T), exactly. For the ids seen after h the
/// tempered weights are stored as running sums (binary search); every other id has weight γ(h)^(1/T) · P_ℓ₋₁(w | h⁻)^(1/T),
/// whose total is γ^(1/T)·(Z_ℓ₋₁(h⁻) − Σ_{w seen after h} P_ℓ₋₁(w | h⁻)^(1/T)), Z the lower level's tempered normaliser.
/// Such a draw is a draw from the lower level's tempered law, rejected while it lands on an id seen after h. If
/// `maximumRejections` draws are all rejected (a context whose seen ids hold nearly all the lower mass), the draw is
/// made exactly by a scan over every id instead.
public struct KneserNey: Sendable {
    /// One level ℓ ≥ 2: sorted packed keys (context in the high bits), grouped by context.
    struct Level: Sendable {
        var keys: [UInt64] = []
        var adjusted: [Int] = []
        var contexts: [UInt64] = []
        var contextStart: [Int] = []
        var discount = 0.0
        /// Per key: P_ℓ(w | h), and the running sum of P^(1/T) within the context.
        var probability: [Double] = []
        var cumulative: [Double] = []
        /// Per context: γ(h), the tempered mass outside the seen ids, the tempered normaliser Z(h), and how many ids have
        /// P_ℓ(· | h) > 0.
        var gamma: [Double] = []
        var rest: [Double] = []
        var total: [Double] = []
        var support: [Int] = []
    }

    public let order: Int
    public let temperature: Double
    public let vocabularySize: Int
    /// levels[ℓ − 2] is level ℓ (2…order).
    let levels: [Level]
    /// Level 1 over ids 0..<V: P₁, running sums of P₁^(1/T), Z₁ and the number of ids with P₁ > 0.
    let unigram: [Double]
    let unigramCumulative: [Double]
    let unigramSupport: Int
    /// The same arrays, read through one value (no rebuild per draw).
    let lookup: KneserNeyLookup
    public static let maximumRejections = 1000
    static let bits: UInt64 = 21
    static let idMask: UInt64 = (1 << 21) - 1

    /// The discounts D₂…D_n, lowest order first.
    public var discounts: [Double] { levels.map(\.discount) }

    /// The model over ids 0..<`vocabularySize` from the top order's sorted distinct `keys` and their raw `counts`.
    public init(order: Int, keys: [UInt64], counts: [Int], vocabularySize: Int, temperature: Double) {
        precondition((2...3).contains(order))
        self.order = order
        self.temperature = temperature
        self.vocabularySize = vocabularySize
        // Counts per level, top first: raw, then continuation counts of each suffix.
        var counted: [(keys: [UInt64], counts: [Int])] = [(keys, counts)]
        for ℓ in stride(from: order - 1, through: 1, by: -1) {
            let (upper, upperCounts) = counted[counted.count - 1]
            let mask: UInt64 = (1 << (Self.bits * UInt64(ℓ))) - 1
            let startsWithBoundary = { (g: UInt64) in ℓ >= 2 && g >> (Self.bits * UInt64(ℓ - 1)) == 0 }
            var suffixes = zip(upper, upperCounts).map { (key: $0 & mask, weight: startsWithBoundary($0 & mask) ? $1 : 1) }
            suffixes.sort { $0.key < $1.key }
            var lower: [UInt64] = [], lowerCounts: [Int] = []
            for s in suffixes {
                if lower.last == s.key { lowerCounts[lowerCounts.count - 1] += s.weight } else { lower.append(s.key); lowerCounts.append(s.weight) }
            }
            counted.append((lower, lowerCounts))
        }
        let inverse = 1 / temperature
        // Level 1.
        let (uniKeys, uniCounts) = counted[order - 1]
        var unigram = [Double](repeating: 0, count: vocabularySize)
        let uniTotal = Double(uniCounts.reduce(0, +))
        for (k, c) in zip(uniKeys, uniCounts) { unigram[Int(k)] = Double(c) / uniTotal }
        var running = 0.0
        self.unigramCumulative = unigram.map { p in running += p > 0 ? Double.pow(p, inverse) : 0; return running }
        self.unigram = unigram
        self.unigramSupport = uniKeys.count
        // Levels 2…n, bottom up (each needs the one below).
        var levels: [Level] = []
        for ℓ in 2...order {
            let (k, a) = counted[order - ℓ]
            levels.append(Self.level(ℓ, keys: k, adjusted: a, below: levels, unigram: unigram, unigramCumulative: unigramCumulative,
                                     unigramSupport: uniKeys.count, inverse: inverse))
        }
        self.levels = levels
        self.lookup = KneserNeyLookup(levels: levels, unigram: unigram, unigramCumulative: unigramCumulative,
                                      unigramSupport: uniKeys.count, inverse: inverse)
    }

    /// Counts of counts → D = n₁/(n₁ + 2n₂); then per context γ, P for each seen id, running tempered sums, the
    /// tempered rest and normaliser.
    private static func level(_ ℓ: Int, keys: [UInt64], adjusted: [Int], below: [Level], unigram: [Double],
                              unigramCumulative: [Double], unigramSupport: Int, inverse: Double) -> Level {
        var level = Level()
        level.keys = keys
        level.adjusted = adjusted
        let n1 = adjusted.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }, n2 = adjusted.reduce(0) { $0 + ($1 == 2 ? 1 : 0) }
        level.discount = n1 == 0 ? 0 : Double(n1) / Double(n1 + 2 * n2)
        for (i, k) in keys.enumerated() where level.contexts.last != k >> bits {
            level.contexts.append(k >> bits)
            level.contextStart.append(i)
        }
        level.contextStart.append(keys.count)
        level.probability = [Double](repeating: 0, count: keys.count)
        level.cumulative = [Double](repeating: 0, count: keys.count)
        let partial = KneserNeyLookup(levels: below, unigram: unigram, unigramCumulative: unigramCumulative, unigramSupport: unigramSupport,
                                      inverse: inverse)
        for c in level.contexts.indices {
            let start = level.contextStart[c], end = level.contextStart[c + 1]
            let shorter = level.contexts[c] & ((1 << (bits * UInt64(ℓ - 2))) - 1)
            let a = Double(adjusted[start..<end].reduce(0, +))
            let gamma = level.discount * Double(end - start) / a
            var running = 0.0, lowerSeen = 0.0
            for i in start..<end {
                let w = UInt32(keys[i] & idMask)
                let lower = partial.probability(w, level: ℓ - 1, context: shorter)
                let p = max(Double(adjusted[i]) - level.discount, 0) / a + gamma * lower
                level.probability[i] = p
                running += Double.pow(p, inverse)
                level.cumulative[i] = running
                lowerSeen += lower > 0 ? Double.pow(lower, inverse) : 0
            }
            let lowerSupport = partial.support(level: ℓ - 1, context: shorter)
            let outside = gamma > 0 && end - start < lowerSupport
            let rest = outside ? Double.pow(gamma, inverse) * max(partial.total(level: ℓ - 1, context: shorter) - lowerSeen, 0) : 0
            level.gamma.append(gamma)
            level.rest.append(rest)
            level.total.append(running + rest)
            level.support.append(outside ? lowerSupport : end - start)
        }
        return level
    }


    /// P_n(w | context) at T = 1 (untempered), context packed as n − 1 ids.
    public func probability(_ w: UInt32, after context: UInt64) -> Double {
        lookup.probability(w, level: order, context: context)
    }

    /// An id drawn with probability ∝ P_n(w | context)^(1/T); `nil` only for a model fitted on nothing.
    public func next(_ context: UInt64, _ rng: inout RandomStream) -> UInt32? {
        lookup.draw(level: order, context: context, &rng)
    }
}

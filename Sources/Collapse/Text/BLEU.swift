/// Sentence BLEU-4 (Papineni et al. 2002) over token ids, and Self-BLEU (Zhu et al. 2018).
///
///     BLEU = BP · exp(Σₙ wₙ log pₙ),   pₙ = Σ_g min(count_hyp(g), maxᵣ count_r(g)) / Σ_g count_hyp(g)
///     BP = 1 if c > r, else exp(1 − r/c)
///
/// over the n-grams g of order n = 1…4 of the hypothesis; c is the hypothesis length and r the reference length
/// closest to c (the shorter on a tie). Smoothing (Chen & Cherry 2014, method 1): an order with no match
/// contributes pₙ = ε/Σ_g count_hyp(g), ε = 0.1. An order the hypothesis is too short to have (c < n) is left out and
/// the weights wₙ = 1/(number of orders kept) renormalised. An empty hypothesis scores 0.
public enum BLEU {
    public static let epsilon = 0.1

    /// BLEU of `hypothesis` against `references` (at least one).
    public static func sentence(_ hypothesis: [UInt32], references: [[UInt32]], maxOrder: Int = 4) -> Double {
        precondition(!references.isEmpty, "BLEU needs a reference")
        let c = hypothesis.count
        guard c > 0 else { return 0 }
        var logSum = 0.0, kept = 0
        for n in 1...maxOrder where c >= n {
            let hyp = counts(hypothesis, order: n)
            var maxRef: [NGram: Int] = [:]
            for r in references {
                for (g, k) in counts(r, order: n) where hyp[g] != nil { maxRef[g] = max(maxRef[g] ?? 0, k) }
            }
            var matches = 0
            for (g, k) in hyp { matches += min(k, maxRef[g] ?? 0) }
            let total = c - n + 1
            logSum += (matches > 0 ? (Double(matches) / Double(total)).logOfSelf : (epsilon / Double(total)).logOfSelf)
            kept += 1
        }
        var r = references[0].count
        for ref in references.dropFirst() {
            let d = abs(ref.count - c), best = abs(r - c)
            if d < best || (d == best && ref.count < r) { r = ref.count }
        }
        let brevity = c > r ? 1.0 : (1 - Double(r) / Double(c)).expOfSelf
        return brevity * (logSum / Double(kept)).expOfSelf
    }

    /// Self-BLEU: the mean over the sentences of each one's BLEU against all the others (Zhu et al. 2018, Texygen).
    /// Needs at least two sentences (returns NaN otherwise). Equal to the mean of `sentence(sᵢ, references: others)`
    /// (pinned by a test), but linear in the text: the clipping count maxⱼ≠ᵢ count_j(g) is read from each n-gram's
    /// largest count, its owner and its second-largest count, gathered in one pass.
    public static func selfBLEU(_ sentences: [[UInt32]], maxOrder: Int = 4) -> Double {
        guard sentences.count >= 2 else { return .nan }
        let counted = (1...maxOrder).map { n in sentences.map { counts($0, order: n) } }
        var top: [[NGram: (first: Int, owner: Int, second: Int)]] = []
        for n in 0..<maxOrder {
            var best: [NGram: (first: Int, owner: Int, second: Int)] = [:]
            for (j, c) in counted[n].enumerated() {
                for (g, k) in c {
                    let t = best[g] ?? (0, -1, 0)
                    best[g] = k > t.first ? (k, j, t.first) : (t.first, t.owner, max(t.second, k))
                }
            }
            top.append(best)
        }
        let lengths = sentences.map(\.count)
        var sum = 0.0
        for (i, h) in sentences.enumerated() {
            let c = h.count
            guard c > 0 else { continue }
            var logSum = 0.0, kept = 0
            for n in 1...maxOrder where c >= n {
                var matches = 0
                for (g, k) in counted[n - 1][i] {
                    let t = top[n - 1][g]!
                    matches += min(k, t.owner == i ? t.second : t.first)
                }
                let total = c - n + 1
                logSum += (matches > 0 ? (Double(matches) / Double(total)).logOfSelf : (epsilon / Double(total)).logOfSelf)
                kept += 1
            }
            var r = -1
            for (j, length) in lengths.enumerated() where j != i {
                let d = abs(length - c), best = abs(r - c)
                if r < 0 || d < best || (d == best && length < r) { r = length }
            }
            let brevity = c > r ? 1.0 : (1 - Double(r) / Double(c)).expOfSelf
            sum += brevity * (logSum / Double(kept)).expOfSelf
        }
        return sum / Double(sentences.count)
    }

    /// An n-gram of up to 4 ids, as a value (order-independent hashing is fine here: only counts are read).
    struct NGram: Hashable { let a: UInt64, b: UInt64 }

    static func counts(_ s: [UInt32], order n: Int) -> [NGram: Int] {
        var result: [NGram: Int] = [:]
        guard s.count >= n else { return result }
        for i in 0...(s.count - n) {
            var a: UInt64 = 0, b: UInt64 = 0
            for j in 0..<n {
                if j < 2 { a = a << 32 | UInt64(s[i + j]) } else { b = b << 32 | UInt64(s[i + j]) }
            }
            result[NGram(a: a, b: b), default: 0] += 1
        }
        return result
    }
}

import RealModule

extension Double {
    fileprivate var logOfSelf: Double { Double.log(self) }
    fileprivate var expOfSelf: Double { Double.exp(self) }
}

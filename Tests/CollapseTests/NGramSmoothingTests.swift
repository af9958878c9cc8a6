import Testing
import Collapse
import Randomness
import RealModule

/// The smoothing variants of the n-gram model: each is a probability law per context, Kneser–Ney matches a tiny
/// corpus computed by hand, and tempered sampling draws from q^(1/T) normalised.
@Suite struct NGramSmoothingTests {
    /// `<s> a b </s>` twice, `<s> a c </s>`, `<s> b c </s>`: ids </s> = 0, a = 1, b = 2, c = 3.
    static let tiny = TextCorpus(sentences: ["a b", "a b", "a c", "b c"], minimumTokens: 2)

    static func model(_ corpus: TextCorpus, order: Int, _ smoothing: NGramModel.Smoothing, temperature: Double = 1) -> NGramModel {
        NGramModel(order: order, sentences: corpus.sentences, truncated: corpus.sentences.map { _ in false },
                   vocabularySize: corpus.typeCount, smoothing: smoothing, temperature: temperature)
    }

    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-12 } ?? false }

    @Test func tinyCorpusIsWhatTheHandComputationAssumes() {
        #expect(Self.tiny.types == ["</s>", "a", "b", "c"])
        #expect(Self.tiny.sentences == [[1, 2], [1, 2], [1, 3], [2, 3]])
    }

    /// Bigrams (raw): <s>a 3, <s>b 1, ab 2, ac 1, b</s> 2, bc 1, c</s> 2 → n₁ = 3, n₂ = 3, D₂ = 3/9 = 1/3.
    /// Continuation counts: a 1 ({<s>}), b 2 ({<s>, a}), c 2 ({a, b}), </s> 2 ({b, c}) → P₁ = (2, 1, 2, 2)/7 for
    /// (</s>, a, b, c). After a: A = 3, N₁₊ = 2, γ = (1/3)(2/3) = 2/9: P(b|a) = (5/3)/3 + (2/9)(2/7) = 13/21,
    /// P(c|a) = (2/3)/3 + 4/63 = 2/7, P(a|a) = 2/63, P(</s>|a) = 4/63. After <s>: γ = (1/3)(2/4) = 1/6,
    /// P(a|<s>) = (8/3)/4 + (1/6)(1/7) = 29/42.
    @Test func kneserNeyBigramsMatchTheHandComputation() throws {
        let kn = try #require(Self.model(Self.tiny, order: 2, .kneserNey).kneserNey)
        #expect(Self.close(kn.discounts[0], 1.0 / 3))
        #expect(Self.close(kn.probability(2, after: 1), 13.0 / 21))
        #expect(Self.close(kn.probability(3, after: 1), 2.0 / 7))
        #expect(Self.close(kn.probability(1, after: 1), 2.0 / 63))
        #expect(Self.close(kn.probability(0, after: 1), 4.0 / 63))
        #expect(Self.close(kn.probability(1, after: 0), 29.0 / 42))
    }

    /// Trigrams (raw): <s><s>a 3, <s><s>b 1, <s>ab 2, <s>ac 1, ab</s> 2, ac</s> 1, <s>bc 1, bc</s> 1 → n₁ = 5, n₂ = 2,
    /// D₃ = 5/9. Bigram counts a₂: <s>a 3 and <s>b 1 (raw: they start with the boundary), ab 1, ac 1, b</s> 1, bc 1,
    /// c</s> 2 (left neighbours a and b) → n₁ = 5, n₂ = 1, D₂ = 5/7. After a: γ₂ = (5/7)(2/2), P₂(b|a) = P₂(c|a) =
    /// (2/7)/2 + (5/7)(2/7) = 17/49. After <s> a: A = 3, γ₃ = (5/9)(2/3) = 10/27: P(b|<s>a) = (13/9)/3 + (10/27)(17/49)
    /// = 269/441, P(c|<s>a) = (4/9)/3 + 170/1323 = 122/441, P(a|<s>a) = (10/27)(5/49) = 50/1323,
    /// P(</s>|<s>a) = (10/27)(10/49) = 100/1323.
    @Test func kneserNeyTrigramsMatchTheHandComputation() throws {
        let kn = try #require(Self.model(Self.tiny, order: 3, .kneserNey).kneserNey)
        #expect(Self.close(kn.discounts[0], 5.0 / 7))
        #expect(Self.close(kn.discounts[1], 5.0 / 9))
        let sa: UInt64 = 0 << 21 | 1
        #expect(Self.close(kn.probability(2, after: sa), 269.0 / 441))
        #expect(Self.close(kn.probability(3, after: sa), 122.0 / 441))
        #expect(Self.close(kn.probability(1, after: sa), 50.0 / 1323))
        #expect(Self.close(kn.probability(0, after: sa), 100.0 / 1323))
        // An unseen trigram context (c a) backs off to the bigram law after a.
        #expect(Self.close(kn.probability(2, after: 3 << 21 | 1), 17.0 / 49))
    }

    /// Every smoothing is a law over the V ids in every seen context (and, smoothed, in an unseen one).
    @Test(arguments: [(2, "none"), (3, "none"), (2, "add-k"), (3, "add-k"), (2, "kneser-ney"), (3, "kneser-ney")])
    func probabilitiesSumToOnePerContext(order: Int, name: String) throws {
        let fixture = try #require(TextCorpus.load(named: "sotu-fixture"))
        let corpus = TextCorpus(sentences: fixture.sentences.prefix(150).map { $0.map { fixture.types[Int($0)] }.joined(separator: " ") })
        let smoothing: NGramModel.Smoothing = name == "none" ? .none : name == "add-k" ? .addK(0.5) : .kneserNey
        let model = Self.model(corpus, order: order, smoothing)
        let unseen: UInt64 = order == 3 ? UInt64(corpus.typeCount - 1) << 21 | UInt64(corpus.typeCount - 1) : 0x1F_FFFF
        let contexts = Array(model.contexts.prefix(40)) + (name == "none" ? [] : [unseen])
        #expect(contexts.count >= 40)
        for context in contexts {
            var sum = 0.0
            for w in 0..<UInt32(corpus.typeCount) { sum += try #require(model.probability(w, after: context)) }
            #expect(abs(sum - 1) < 1e-9, "context \(context): Σ = \(sum)")
        }
    }

    /// Draws at T = 0.7 and 1.3 against P(w | h)^(1/T) normalised over the ids, computed by brute force: each of the
    /// likeliest ids and the lumped rest within 4.5 binomial SEs of N·p (20,000 draws, fixed seed).
    @Test(arguments: [(0.7, "kneser-ney"), (1.3, "kneser-ney"), (0.7, "add-k"), (1.3, "none")])
    func temperedDrawsFollowTheTemperedLaw(temperature: Double, name: String) throws {
        let fixture = try #require(TextCorpus.load(named: "sotu-fixture"))
        let smoothing: NGramModel.Smoothing = name == "none" ? .none : name == "add-k" ? .addK(0.05) : .kneserNey
        let model = Self.model(fixture, order: 3, smoothing, temperature: temperature)
        let v = fixture.typeCount
        // The boundary context, a frequent one ("<s> the"), and one with a single continuation.
        let the = UInt32(fixture.types.firstIndex(of: "the")!)
        let single = (0..<model.contexts.count).first { model.contextStart[$0 + 1] - model.contextStart[$0] == 1 }!
        for context in [0, UInt64(the), model.contexts[single]] {
            let weights = (0..<UInt32(v)).map { Double.pow(model.probability($0, after: context)!, 1 / temperature) }
            let z = weights.reduce(0, +)
            let n = 20_000
            var counts = [Int](repeating: 0, count: v)
            var rng = RandomStream(seed: 77)
            for _ in 0..<n { counts[Int(try #require(model.next(context, &rng)))] += 1 }
            let top = (0..<v).sorted { weights[$0] > weights[$1] }.prefix(12)
            var restExpected = 1.0, restCount = n
            for w in top {
                let p = weights[w] / z
                restExpected -= p
                restCount -= counts[w]
                let se = (Double(n) * p * (1 - p)).squareRoot()
                #expect(abs(Double(counts[w]) - Double(n) * p) <= 4.5 * max(se, 1), "context \(context), id \(w): \(counts[w]) vs \(Double(n) * p)")
            }
            let se = (Double(n) * restExpected * (1 - restExpected)).squareRoot()
            #expect(abs(Double(restCount) - Double(n) * restExpected) <= 4.5 * max(se, 1), "context \(context), the rest")
        }
    }

    /// Unsmoothed, a context seen with one continuation always gives it, at any temperature; Kneser–Ney can give others.
    @Test func kneserNeyCanEmitNewContinuationsButNoNewWords() {
        let mle = Self.model(Self.tiny, order: 2, .none, temperature: 0.8)
        let kn = Self.model(Self.tiny, order: 2, .kneserNey, temperature: 0.8)
        var rng = RandomStream(seed: 5)
        var afterC = Set<UInt32>(), knAfterC = Set<UInt32>()
        for _ in 0..<500 {
            afterC.insert(mle.next(3, &rng)!)
            knAfterC.insert(kn.next(3, &rng)!)
        }
        #expect(afterC == [0])
        #expect(knAfterC == [0, 1, 2, 3])
        // A word of the corpus missing from the training text keeps probability 0.
        let partial = NGramModel(order: 2, sentences: [[1, 2]], truncated: [false], vocabularySize: 4, smoothing: .kneserNey, temperature: 1)
        #expect(partial.probability(3, after: 1) == 0)
        #expect(partial.probability(3, after: 0) == 0)
    }
}

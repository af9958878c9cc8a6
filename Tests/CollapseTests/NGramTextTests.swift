import Testing
import Collapse
import Randomness

func textCell(temperature: Double = 1, sentences: Int = 150, order: Int = 3, smoothing: String = "none",
              extra: [(String, ParameterValue)] = []) -> CellParameters {
    CellParameters(extra + [("corpus", .text("sotu-fixture")), ("order", .integer(order)), ("temperature", .real(temperature)),
                    ("sentences", .integer(sentences)), ("smoothing", .text(smoothing)), ("k", .real(0.01)),
                    ("max_length", .integer(300))])
}

@Suite struct NGramTextTokenizerTests {
    @Test func cleanerDropsBracketedAnnotations() {
        #expect(Cleaner.clean("Thank you. [Applause] We will win [laughter].") == "Thank you.   We will win  .")
        #expect(Cleaner.clean("It\u{2019}s [unclosed\nnext") == "It's \nnext")
    }

    @Test func tokenizerKeepsInnerApostrophesAndLowercases() {
        #expect(Tokenizer.tokens("It's the Nation's duty -- in 1812, \"war\"!") == ["it's", "the", "nation's", "duty", "in", "1812", "war"])
        #expect(Tokenizer.tokens("'Tis well-known'") == ["tis", "well", "known"])
        #expect(Tokenizer.tokens("  ") == [])
    }

    @Test func splitterSplitsAtTerminatorsButNotAbbreviations() {
        let text = "Mr. Speaker, the U.S. economy grew. Did it? Yes!\nA new paragraph without a stop"
        #expect(SentenceSplitter.sentences(text) == ["Mr. Speaker, the U.S. economy grew.", "Did it?", "Yes!", "A new paragraph without a stop"])
    }

    @Test func corpusNumbersTypesInOrderOfAppearance() {
        let corpus = TextCorpus(sentences: ["the cat sat", "the dog sat down", "no"])
        #expect(corpus.types == ["</s>", "the", "cat", "sat", "dog", "down"])
        #expect(corpus.sentences == [[1, 2, 3], [1, 4, 3, 5]])
        #expect(corpus.frequency == [0, 2, 1, 2, 1, 1])
        #expect(corpus.rare == [false, true, true, true, true, true])
    }
}

@Suite struct NGramTextBLEUTests {
    // the=1 cat=2 sat=3 on=4 mat=5 is=6
    @Test func bleuMatchesTheHandComputedValue() {
        // p₁ = 5/6, p₂ = 3/5, p₃ = 1/4, p₄ = 0 → ε/3; BP = 1: BLEU = (5/6 · 3/5 · 1/4 · 1/30)^(1/4) = 240^(−1/4).
        let b = BLEU.sentence([1, 2, 3, 4, 1, 5], references: [[1, 2, 6, 4, 1, 5]])
        #expect(abs(b - 1 / Double.pow240quarter) < 1e-12)
    }

    @Test func bleuClipsCountsAndSmoothsMissingOrders() {
        // "the the the the" vs "the cat": p₁ = 1/4 (clipped), p₂ = ε/3, p₃ = ε/2, p₄ = ε/1; BP = 1 (c = 4 > r = 2).
        let b = BLEU.sentence([1, 1, 1, 1], references: [[1, 2]])
        let expected = (0.25 * 0.1 / 3 * 0.1 / 2 * 0.1).squareRoot().squareRoot()
        #expect(abs(b - expected) < 1e-12)
    }

    @Test func bleuBrevityPenaltyAndShortHypotheses() {
        // "the cat" vs "the cat sat on": orders 3, 4 dropped, p₁ = p₂ = 1, BP = exp(1 − 4/2) = e⁻¹.
        #expect(abs(BLEU.sentence([1, 2], references: [[1, 2, 3, 4]]) - 0.36787944117144233) < 1e-12)
        // Closest reference length, the shorter on a tie: r = 2 (|2 − 3| = |4 − 3|), so BP = 1.
        #expect(abs(BLEU.sentence([1, 2, 3], references: [[1, 2, 3, 4], [1, 2]]) - 1) < 1e-12)
        #expect(BLEU.sentence([], references: [[1]]) == 0)
    }

    @Test func selfBLEUOfIdenticalSentencesIsOne() {
        #expect(abs(BLEU.selfBLEU([[1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]]) - 1) < 1e-12)
    }

    @Test func selfBLEUEqualsTheMeanOfSentenceBLEUs() {
        var rng = RandomStream(seed: 4)
        let sentences = (0..<12).map { _ in (0..<(rng.nextBelow(9))).map { _ in UInt32(1 + rng.nextBelow(4)) } }
        var naive = 0.0
        for i in sentences.indices {
            var others = sentences
            others.remove(at: i)
            naive += BLEU.sentence(sentences[i], references: others)
        }
        #expect(abs(BLEU.selfBLEU(sentences) - naive / 12) < 1e-12)
    }

    @Test func distinctAndTypeTokenRatio() {
        #expect(TextMetrics.distinct([[1, 2, 1, 2], [1, 2]], order: 1) == 2.0 / 6)
        #expect(TextMetrics.distinct([[1, 2, 1, 2], [1, 2]], order: 2) == 2.0 / 4)
        #expect(TextMetrics.distinct([[1, 2, 1, 2], [1, 2]], order: 3) == 2.0 / 2)
        #expect(TextMetrics.typeTokenRatio([1, 1, 2, 3, 3, 3, 9], chunk: 3) == (2.0 / 3 + 1.0 / 3) / 2)
    }
}

extension Double {
    static let pow240quarter = 240.0.squareRoot().squareRoot()
}

@Suite struct NGramTextLoopTests {
    /// n-gram keys of the model that end in a word or the boundary: its support.
    @Test func replaceSupportOnlyShrinks() throws {
        let model = NGramText.Model(textCell(temperature: 0.8))
        var rng = RandomStream(seed: 11)
        let world = model.makeWorld(&rng)
        var batch = model.realData(world, &rng)
        var previous = Set(model.fit([batch], world).fit.model.keys)
        for _ in 2...6 {
            let fit = model.fit([batch], world).fit
            batch = model.synthesize(from: fit, world, &rng)
            let keys = Set(model.fit([batch], world).fit.model.keys)
            #expect(keys.isSubset(of: Set(fit.model.keys)))
            #expect(keys.isSubset(of: previous))
            previous = keys
        }
    }

    @Test func accumulateKeepsTheHumanVocabulary() {
        let parameters = textCell(temperature: 1.3)
        let block = NGramText.simulate(SimulationRequest(parameters: parameters, regime: .accumulate, generations: 5,
                                                         replicates: 0..<2, seed: 3))
        let v = NGramText.metricNames.firstIndex(of: "model_vocabulary")!
        for r in 0..<2 {
            let trace = (1...5).map { block.values[v][r * 5 + $0 - 1] }
            #expect(trace.allSatisfy { $0 == trace[0] } && trace[0] > 100)
        }
        // Under replace it shrinks.
        let replace = NGramText.simulate(SimulationRequest(parameters: parameters, regime: .replace, generations: 5,
                                                           replicates: 0..<1, seed: 3))
        #expect(replace.values[v][4] < replace.values[v][0])
    }

    @Test func enginesWithOneOrTwoThreadsAgree() {
        let tasks = [textCell(temperature: 0.7, sentences: 40, extra: [("real_fraction", .real(0.1))]),
                     textCell(temperature: 1.3, sentences: 40, smoothing: "add-k", extra: [("real_fraction", .real(0.1))])].map {
            CellTask(family: NGramText.self, parameters: $0, regimes: [.replace, .accumulate, .mixFresh], generations: 3,
                     replicates: 3, seed: 9)
        }
        func traces(_ threads: Int) -> [[Double]] {
            Engine(threads: threads, blockSize: 2).run(tasks).flatMap { $0.traces.flatMap { $0.map(\.values) } }
        }
        let one = traces(1)
        #expect(one == traces(2))
        #expect(one.allSatisfy { $0.allSatisfy { !$0.isNaN } })
    }

    @Test func addKCanEmitUnseenWords() {
        let corpus = TextCorpus(sentences: ["a b c", "a b d"])
        let model = NGramModel(order: 2, sentences: corpus.sentences, truncated: [false, false], vocabularySize: corpus.typeCount,
                               smoothing: .addK(1000), temperature: 1)
        var rng = RandomStream(seed: 1)
        var seen = Set<UInt32>()
        for _ in 0..<200 { if let w = model.next(1, &rng) { seen.insert(w) } }  // after "a": "b" only, unsmoothed
        #expect(seen == Set(0..<UInt32(corpus.typeCount)))
    }
}

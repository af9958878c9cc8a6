import Testing
import Collapse
import Randomness

/// Counting by sorting packed keys, merging counts for accumulate, and the corpus names.
@Suite struct NGramCountingTests {
    @Test(arguments: [0, 1, 255, 256, 5000, 100_000])
    func radixSortEqualsTheStandardSort(count: Int) {
        var rng = RandomStream(seed: UInt64(count) + 1)
        // Few distinct high digits and many equal keys, as n-gram keys have.
        let keys = (0..<count).map { _ in (rng.next() & ((1 << 63) - 1)) >> UInt64(rng.nextBelow(60)) }
        var sorted = keys
        RadixSort.sort(&sorted, significantBits: 63)
        #expect(sorted == keys.sorted())
        var narrow = keys.map { $0 & ((1 << 21) - 1) }
        let expected = narrow.sorted()
        RadixSort.sort(&narrow, significantBits: 21)
        #expect(narrow == expected)
    }

    @Test func countsAreTheRunLengthsOfThePaddedKeys() {
        // "a b" (ended) and "a" (truncated), trigrams: (0,0,a)×2, (0,a,b), (a,b,0).
        let c = NGramCounts(order: 3, sentences: [[1, 2], [1]], truncated: [false, true])
        let expected: [UInt64] = [1, 1 << 21 | 2, 1 << 42 | 2 << 21]
        #expect(c.keys == expected)
        #expect(c.counts == [2, 1, 1])
    }

    /// Accumulate merges each batch's counts instead of recounting the pool: the same counts, key for key.
    @Test(arguments: [2, 3])
    func mergedCountsEqualTheCountsOfTheConcatenation(order: Int) throws {
        let corpus = try #require(TextCorpus.load(named: "sotu-fixture"))
        var rng = RandomStream(seed: 21)
        let batches = (0..<5).map { _ in (0..<(50 + rng.nextBelow(100))).map { _ in corpus.sentences[rng.nextBelow(corpus.sentences.count)] } }
        let cut = batches.map { $0.map { _ in rng.nextBelow(7) == 0 } }
        let parts = zip(batches, cut).map { NGramCounts(order: order, sentences: $0, truncated: $1) }
        let whole = NGramCounts(order: order, sentences: batches.flatMap { $0 }, truncated: cut.flatMap { $0 })
        #expect(NGramCounts.merged(parts) == whole)
        #expect(NGramCounts.merged([parts[0]]) == parts[0])
    }

    /// The accumulate loop (merged counts) fits exactly the model of the whole pool counted at once.
    @Test func accumulateFitEqualsTheFitOfThePool() {
        let model = NGramText.Model(textCell(temperature: 1, sentences: 80))
        var rng = RandomStream(seed: 2)
        let world = model.makeWorld(&rng)
        var pool = [model.realData(world, &rng)]
        for _ in 0..<3 { pool.append(model.synthesize(from: model.fit(pool, world).fit, world, &rng)) }
        let fitted = model.fit(pool, world).fit.model
        let direct = NGramModel(order: 3, sentences: pool.flatMap(\.sentences), truncated: pool.flatMap(\.truncated),
                                vocabularySize: world.typeCount, smoothing: .none, temperature: 1)
        #expect(fitted.keys == direct.keys && fitted.counts == direct.counts && fitted.cumulative == direct.cumulative)
    }

    /// A spec on the downloaded corpus says what to run when the corpus is missing; with it, the slice is ~1 MB.
    @Test func missingCorpusNamesTheScriptAndTheSliceIsAboutOneMegabyte() throws {
        let cell = textCell(extra: []).entries.map { $0.0 == "corpus" ? ($0.0, ParameterValue.text("sotu-1mb")) : $0 }
        let problems = NGramText.problems(CellParameters(cell))
        if TextCorpus.path(named: "sotu-1mb") == nil {
            #expect(problems == [ParameterProblem(parameter: "corpus", message: "expected the corpus \"sotu-1mb\" in data/sotu, found nothing there: run scripts/fetch-corpus (downloads the State of the Union speeches into data/sotu)")])
        } else {
            #expect(problems.isEmpty)
            let slice = try #require(TextCorpus.load(named: "sotu-1mb"))
            #expect((5500...7000).contains(slice.sentences.count), "\(slice.sentences.count) sentences")
            let bytes = slice.sentences.reduce(0) { $0 + $1.reduce(0) { $0 + slice.types[Int($1)].utf8.count + 1 } }
            #expect((800_000...1_200_000).contains(bytes), "\(bytes) bytes of tokens")
        }
    }
}

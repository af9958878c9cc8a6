import Randomness

/// The text loop: a batch is a list of sentences (token-id arrays); a fit is the n-gram model plus the metrics of
/// the generation's text, read from the training set when it is fitted.
extension NGramText.Model: LoopModel {
    /// Sentences with their n-gram counts, counted once when the batch is made: a fit on several batches (accumulate's
    /// pool) merges their sorted counts instead of recounting every sentence of the pool.
    public struct Batch: RowBatch, Sendable {
        public let sentences: [[UInt32]]
        /// `truncated[i]`: sentence i was cut (no observed end).
        public let truncated: [Bool]
        public let counts: NGramCounts
        public var rowCount: Int { sentences.count }

        public init(sentences: [[UInt32]], truncated: [Bool], order: Int) {
            self.sentences = sentences
            self.truncated = truncated
            self.counts = NGramCounts(order: order, sentences: sentences, truncated: truncated)
        }

        public static func gather(_ batches: [Batch], rows: [Int]) -> Batch {
            let order = batches[0].counts.order
            if batches.count == 1 {
                return Batch(sentences: rows.map { batches[0].sentences[$0] }, truncated: rows.map { batches[0].truncated[$0] }, order: order)
            }
            let sentences = batches.flatMap(\.sentences), truncated = batches.flatMap(\.truncated)
            return Batch(sentences: rows.map { sentences[$0] }, truncated: rows.map { truncated[$0] }, order: order)
        }
    }

    public struct Fit: Sendable {
        public let model: NGramModel
        /// The metrics of the generation's text (all but the fit's own, filled in by `metrics`).
        public let textMetrics: [Double]
    }

    public func makeWorld(_ rng: inout RandomStream) -> TextCorpus { corpus }

    /// M sentences drawn uniformly with replacement from the corpus.
    public func realData(_ world: TextCorpus, _ rng: inout RandomStream) -> Batch {
        let n = world.sentences.count
        return Batch(sentences: (0..<m).map { _ in world.sentences[rng.nextBelow(n)] }, truncated: Array(repeating: false, count: m), order: order)
    }

    public func synthesize(from fit: Fit, _ world: TextCorpus, _ rng: inout RandomStream) -> Batch {
        var sentences: [[UInt32]] = [], truncated: [Bool] = []
        sentences.reserveCapacity(m)
        for _ in 0..<m {
            let (s, cut) = fit.model.sentence(maxLength: maxLength, &rng)
            sentences.append(s)
            truncated.append(cut)
        }
        return Batch(sentences: sentences, truncated: truncated, order: order)
    }

    public func fit(_ training: [Batch], _ world: TextCorpus) -> (fit: Fit, usedFallback: Bool) {
        let counts = training.count == 1 ? training[0].counts : NGramCounts.merged(training.map(\.counts))
        let model = NGramModel(counts: counts, vocabularySize: world.typeCount, smoothing: smoothing, temperature: temperature)
        // The generation's text: the last m sentences of the training set, in order.
        var text: [[UInt32]] = [], cut: [Bool] = []
        for batch in training.reversed() where text.count < m {
            let take = min(m - text.count, batch.rowCount)
            text = batch.sentences.suffix(take) + text
            cut = batch.truncated.suffix(take) + cut
        }
        return (Fit(model: model, textMetrics: Self.textMetrics(text, truncated: cut[...])), false)
    }

    public func metrics(_ fit: Fit, _ world: TextCorpus) -> [Double] {
        let support = fit.model.supportWords
        let rare = support.reduce(0) { $0 + (world.rare[Int($1)] ? 1 : 0) }
        var values = fit.textMetrics
        values.insert(contentsOf: [Double(support.count), Double(rare)], at: 5)
        return values
    }

    /// The fixed-size samples are the text's last sentences and tokens: under the mixing regimes the real rows come
    /// first, so a suffix reads the synthetic text (a prefix would read only the human rows).
    /// distinct-1/2/3, TTR, vocabulary, 1 − Self-BLEU, mean length, truncated share (NGramText.metrics order, without
    /// the fit's model_vocabulary and rare_surviving).
    static func textMetrics(_ sentences: [[UInt32]], truncated: ArraySlice<Bool>) -> [Double] {
        let tokens = sentences.flatMap { $0 }
        let vocabulary = TextMetrics.typeCount(tokens.suffix(NGramText.vocabularyTokens))
        let selfBLEU = BLEU.selfBLEU(Array(sentences.suffix(NGramText.selfBLEUSentences)))
        let cut = truncated.reduce(0) { $0 + ($1 ? 1 : 0) }
        return [TextMetrics.distinct(sentences, order: 1), TextMetrics.distinct(sentences, order: 2),
                TextMetrics.distinct(sentences, order: 3), TextMetrics.typeTokenRatio(tokens, chunk: NGramText.ttrChunk),
                Double(vocabulary), 1 - selfBLEU, Double(tokens.count) / Double(max(sentences.count, 1)),
                Double(cut) / Double(max(sentences.count, 1))]
    }
}

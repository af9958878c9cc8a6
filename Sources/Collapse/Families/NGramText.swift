/// Text collapse: a word n-gram language model retrained, generation after generation, on its own sentences
/// (Guo et al., "The Curious Decline of Linguistic Diversity", NAACL Findings 2024, arXiv:2311.09807; PAPERS.md §7).
///
/// Generation 1 fits M sentences drawn uniformly, with replacement, from a real corpus (State of the Union
/// addresses, public domain); generation g ≥ 2 fits M sentences sampled from generation g − 1's model at temperature
/// T (under the loop's regime). The unsmoothed model is the text analogue of the categorical absorbing chain: an
/// n-gram it never samples is gone for good. Two named variants smooth it: add-k keeps every corpus word possible;
/// interpolated Kneser–Ney (`KneserNey`) lets every seen word follow every context but never revives a lost word.
/// Corpora: the committed fixture, `sotu-1mb` (every 12th sentence of the 249 speeches, ~1 MB) and `sotu` (all of
/// them), the last two fetched by `scripts/fetch-corpus`.
///
/// Metrics are read on the generation's text: the M most recent sentences of its training set (the batch just
/// generated under replace and accumulate; the whole M-row training set, real rows included, under
/// accumulate-subsample and the mixing regimes). At generation 1 that is the human sample.
public enum NGramText: ModelFamily {
    public static let name = "ngram-text"
    public static let version = 2
    public static let summary = "a word n-gram model retrained on its own sentences (Guo et al. 2024)"

    public static let parameters: [ParameterSchema] = [
        ParameterSchema("corpus", .choice(["sotu-fixture", "sotu-1mb", "sotu"]), default: .text("sotu-fixture"),
                        summary: "the human corpus: the committed ~200 KB fixture, every 12th sentence of the speeches (~1 MB), or all 249 (the last two after scripts/fetch-corpus)"),
        ParameterSchema("order", .integer(minimum: 2, maximum: 3), default: .integer(3), summary: "n of the n-gram model"),
        ParameterSchema("temperature", .real(minimum: 0.05, maximum: 20), default: .integer(1),
                        summary: "sampling temperature: P(w | h) ∝ q(w | h)^(1/T)"),
        ParameterSchema("sentences", .integer(minimum: 2, maximum: 10_000_000), summary: "M, sentences per generation"),
        ParameterSchema("smoothing", .choice(["none", "add-k", "kneser-ney"]), default: .text("none"),
                        summary: "none: maximum likelihood (the support only shrinks); add-k: k added to every count; kneser-ney: interpolated, discounts from counts of counts"),
        ParameterSchema("k", .real(minimum: 0, maximum: 1e6), default: .real(0.01), summary: "k of add-k smoothing"),
        ParameterSchema("max_length", .integer(minimum: 1, maximum: 100_000), default: .integer(300),
                        summary: "tokens at which a sampled sentence is cut (and counted as truncated)"),
    ]

    /// Fixed sample sizes of the size-dependent metrics.
    public static let ttrChunk = 1000
    public static let vocabularyTokens = 5000
    public static let selfBLEUSentences = 100

    public static let metrics = [
        MetricDescription("distinct_1", "distinct unigrams / unigrams in the generation's M sentences"),
        MetricDescription("distinct_2", "distinct bigrams / bigrams in the generation's M sentences"),
        MetricDescription("distinct_3", "distinct trigrams / trigrams in the generation's M sentences"),
        MetricDescription("ttr", "type-token ratio, mean over chunks of \(ttrChunk) tokens of the generation's text"),
        MetricDescription("vocabulary", "word types in the last \(vocabularyTokens) tokens of the generation's text"),
        MetricDescription("model_vocabulary", "word types with a positive count in the fit (all it can emit unsmoothed)"),
        MetricDescription("rare_surviving", "types of frequency ≤ 2 in the whole corpus with a positive count in the fit"),
        MetricDescription("self_bleu_diversity", "1 − Self-BLEU-4 of the generation's last \(selfBLEUSentences) sentences"),
        MetricDescription("mean_length", "mean tokens per sentence of the generation's text"),
        MetricDescription("truncated", "share of the generation's sentences cut at max_length or at a dead end"),
    ]
    public static let regimes = Regime.allCases
    public static let curveNames: [String] = []

    public static func problems(_ p: CellParameters) -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        if case let .text(name)? = p["corpus"], TextCorpus.path(named: name) == nil {
            problems.append(ParameterProblem(parameter: "corpus", message: "expected the corpus \"\(name)\" in \(TextCorpus.named[name] ?? name), found nothing there: run scripts/fetch-corpus (downloads the State of the Union speeches into data/sotu)"))
        }
        if case .text("add-k")? = p["smoothing"], let k = p["k"]?.doubleValue, k <= 0 {
            problems.append(ParameterProblem(parameter: "k", message: "expected k > 0 for add-k smoothing, found \(k)"))
        }
        return problems
    }
    public static func warnings(_ p: CellParameters) -> [String] { [] }
    public static func theory(metric: String, regime: Regime, parameters: CellParameters) -> TheoryCurve? { nil }
    public static func curve(named: String, metric: String, parameters: CellParameters) -> TheoryCurve? { nil }

    /// Sampling dominates: about M · (mean length ≈ 30) draws, each two binary searches, plus the sort of the keys.
    public static func estimatedOperationsPerGeneration(_ p: CellParameters, regime: Regime) -> Double {
        Double(p.integer("sentences")) * 30 * 50
    }

    public static func simulate(_ request: SimulationRequest) -> SimulationBlock {
        ReferenceLoop.simulate(Model(request.parameters), metricCount: metrics.count, request)
    }

    /// The parameters of one cell, unpacked, with the corpus loaded (once per process).
    public struct Model: Sendable {
        public let corpus: TextCorpus
        public let order: Int
        public let temperature: Double
        public let m: Int
        public let smoothing: NGramModel.Smoothing
        public let maxLength: Int

        public init(_ p: CellParameters) {
            guard let corpus = TextCorpus.load(named: p.text("corpus")) else {
                preconditionFailure("corpus \(p.text("corpus")) not found (validation checks it): run scripts/fetch-corpus")
            }
            let smoothing: NGramModel.Smoothing
            switch p.text("smoothing") {
            case "add-k": smoothing = .addK(p.real("k"))
            case "kneser-ney": smoothing = .kneserNey
            default: smoothing = .none
            }
            self.init(corpus: corpus, order: p.integer("order"), temperature: p.real("temperature"), m: p.integer("sentences"),
                      smoothing: smoothing, maxLength: p.integer("max_length"))
        }

        public init(corpus: TextCorpus, order: Int, temperature: Double, m: Int, smoothing: NGramModel.Smoothing, maxLength: Int) {
            self.corpus = corpus
            self.order = order
            self.temperature = temperature
            self.m = m
            self.smoothing = smoothing
            self.maxLength = maxLength
        }
    }
}

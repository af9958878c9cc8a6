import Foundation

/// A corpus of sentences as integer token ids, built once per process (see `TextCorpus.load`).
///
/// Id 0 is the sentence boundary (begin and end); word types get ids 1, 2, … in order of first appearance, so the
/// numbering is a pure function of the text. No strings reach the loop: the n-gram family sees only these ids.
public final class TextCorpus: Sendable {
    /// Sentences as token ids (never containing the boundary 0).
    public let sentences: [[UInt32]]
    /// `types[id]` is the word of an id; `types[0]` is `</s>`, the boundary.
    public let types: [String]
    /// `frequency[id]`: occurrences of the type in the whole corpus.
    public let frequency: [Int]
    /// `rare[id]`: the type occurs at most twice in the whole corpus (the tail whose survival is tracked).
    public let rare: [Bool]

    /// Ids fit in 21 bits so three of them pack into one UInt64 n-gram key.
    public static let maximumTypes = 1 << 21

    /// Tokenises `sentences` (already split) into ids; sentences with fewer than `minimumTokens` tokens are dropped.
    public init(sentences text: [String], minimumTokens: Int = 3) {
        var ids: [String: UInt32] = [:]
        var types = ["</s>"]
        var frequency = [0]
        var sentences: [[UInt32]] = []
        for s in text {
            let tokens = Tokenizer.tokens(s)
            guard tokens.count >= minimumTokens else { continue }
            sentences.append(tokens.map { word in
                if let id = ids[word] { frequency[Int(id)] += 1; return id }
                let id = UInt32(types.count)
                ids[word] = id
                types.append(word)
                frequency.append(1)
                return id
            })
        }
        precondition(types.count < Self.maximumTypes, "more than 2²¹ word types")
        self.sentences = sentences
        self.types = types
        self.frequency = frequency
        self.rare = frequency.enumerated().map { $0.offset > 0 && $0.element <= 2 }
    }

    public var typeCount: Int { types.count }

    // MARK: - Loading, once per process

    /// The named corpora: the committed fixture (one sentence per line), the full corpus fetched by
    /// `scripts/fetch-corpus` (a folder of raw speeches, cleaned and split here) and its ~1 MB slice.
    public static let named: [String: String] = ["sotu-fixture": "experiments/data/sotu-fixture.txt", "sotu": "data/sotu",
                                                 "sotu-1mb": "data/sotu"]
    /// Every `stride`-th sentence of a named corpus is kept (sentences 0, s, 2s, … of the cleaned, split text, in
    /// file-name order). `sotu-1mb`: every 12th of the ~75,300 sentences of the 249 speeches, ~6,270 sentences and
    /// ~1.0 MB, spread evenly over 1790–2026 (a contiguous run of recent speeches would keep one era's vocabulary).
    public static let strides: [String: Int] = ["sotu-1mb": 12]

    /// The named corpus, loaded (and cached) on first use; `nil` if its file or folder is missing.
    public static func load(named name: String) -> TextCorpus? {
        guard let path = path(named: name) else { return nil }
        return load(path: path, stride: strides[name] ?? 1)
    }

    /// The path of a named corpus: relative to the current directory, else to the package root of this source file
    /// (so tests find the fixture wherever they run); `nil` if neither exists.
    public static func path(named name: String) -> String? {
        guard let relative = named[name] else { return nil }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        for candidate in [relative, root + "/" + relative] where FileManager.default.fileExists(atPath: candidate) {
            return candidate
        }
        return nil
    }

    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var byPath: [String: TextCorpus] = [:]
    }
    private static let cache = Cache()

    /// The corpus at `path`, read, cleaned, split and tokenised on first use and cached by path and stride
    /// (thread-safe: a second caller waits for the first load). A folder is read as raw speeches (`*.txt`, in name
    /// order); a file as one sentence per line. Every `stride`-th sentence is kept. `nil` if nothing can be read.
    public static func load(path: String, stride: Int = 1) -> TextCorpus? {
        precondition(stride >= 1)
        cache.lock.lock()
        defer { cache.lock.unlock() }
        let cacheKey = "\(path)#\(stride)"
        if let corpus = cache.byPath[cacheKey] { return corpus }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
        var sentences: [String] = []
        if isFolder.boolValue {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
            for name in names {
                guard let text = try? String(contentsOfFile: path + "/" + name, encoding: .utf8) else { continue }
                sentences += SentenceSplitter.sentences(Cleaner.clean(text))
            }
        } else {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            sentences = Cleaner.clean(text).split(separator: "\n").map(String.init)
        }
        if stride > 1 { sentences = Swift.stride(from: 0, to: sentences.count, by: stride).map { sentences[$0] } }
        let corpus = TextCorpus(sentences: sentences)
        cache.byPath[cacheKey] = corpus
        return corpus
    }
}

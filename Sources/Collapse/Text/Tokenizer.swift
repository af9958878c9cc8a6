/// Drops bracketed annotations (`[Applause]`, `[laughter]`, `[see APP Note]`) and normalises the typographic
/// apostrophe ’ to '. Unbalanced `[` drops the rest of its line. Line breaks are kept (they separate paragraphs).
public enum Cleaner {
    public static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var inBracket = false
        for c in text.unicodeScalars {
            switch c {
            case "[": inBracket = true
            case "]" where inBracket: inBracket = false; out.append(" ")
            case "\n": inBracket = false; out.append(c)
            case _ where inBracket: continue
            case "\u{2019}": out.append("'")
            default: out.append(c)
            }
        }
        return String(out)
    }
}

/// Splits a cleaned text into sentences: paragraphs at line breaks, sentences at `.`, `!` or `?` followed by white
/// space or the end of the paragraph, except after a few abbreviations (Mr., Mrs., Dr., St., Gen., No., U.S.) and
/// single letters (initials). Whitespace inside a sentence is collapsed to single spaces.
public enum SentenceSplitter {
    static let abbreviations: Set<String> = ["mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "no", "vs", "u.s", "messrs"]

    public static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        for paragraph in text.split(separator: "\n") {
            let words = paragraph.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            var current: [Substring] = []
            for word in words {
                current.append(word)
                guard let last = word.last, last == "." || last == "!" || last == "?" else { continue }
                let bare = word.dropLast().lowercased().trimmingPrefix { $0 == "\"" || $0 == "'" || $0 == "(" }
                if last == "." && (abbreviations.contains(String(bare)) || (bare.count == 1 && bare.first!.isLetter)) { continue }
                result.append(current.joined(separator: " "))
                current = []
            }
            if !current.isEmpty { result.append(current.joined(separator: " ")) }
        }
        return result
    }
}

/// Word tokens of a sentence: maximal runs of letters and digits, lower-cased, with an apostrophe kept when it
/// sits between two letters (`it's`, `nation's`). Everything else (punctuation, hyphens, quotes) separates tokens.
public enum Tokenizer {
    public static func tokens(_ sentence: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        let scalars = Array(sentence.unicodeScalars)
        func isWord(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || ("0"..."9").contains(s) }
        for (i, s) in scalars.enumerated() {
            if isWord(s) {
                current.append(s)
            } else if s == "'", !current.isEmpty, i + 1 < scalars.count, scalars[i + 1].properties.isAlphabetic,
                      current.last!.properties.isAlphabetic {
                current.append(s)
            } else if !current.isEmpty {
                tokens.append(String(current).lowercased())
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { tokens.append(String(current).lowercased()) }
        return tokens
    }
}

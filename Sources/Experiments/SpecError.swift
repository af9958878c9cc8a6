/// A problem with a spec or its overrides, reported as one line and exit code 2:
/// `error: experiments/accumulate.json: $.parameters.T[2]: expected an integer ≥ 1, found 0`.
public struct SpecError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    /// A JSON path such as `$.claims[1].k`, or the option that caused it (`--set d`).
    public let path: String
    /// What was expected and what was found.
    public let message: String

    /// Control characters (a newline inside a quoted key or value) are escaped, so the error stays one line.
    public init(file: String, path: String, message: String) {
        self.file = Self.oneLine(file)
        self.path = Self.oneLine(path)
        self.message = Self.oneLine(message)
    }

    static func oneLine(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    public var description: String { "error: \(file): \(path): \(message)" }
}

/// The closest candidate to a misspelt key by edit distance, if it is close enough to be a likely typo.
func suggestion(for key: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(key.lowercased(), $0.lowercased())) }.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
    guard let best = scored.first, best.1 <= max(1, key.count / 3) else { return nil }
    return best.0
}

/// Levenshtein distance.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

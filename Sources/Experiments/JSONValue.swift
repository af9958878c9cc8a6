import Foundation

/// A JSON document as a tree, decoded with `Codable` and then read field by field with its JSON path, so
/// every spec error can name where it is (JSONDecoder's synthesized decoding loses the path on numbers and
/// silently ignores unknown keys; see shared/STACK.md).
public indirect enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let i = try? c.decode(Int.self) { self = .integer(i); return }
        if let x = try? c.decode(Double.self) { self = .number(x); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let a = try? c.decode([JSONValue].self) { self = .array(a); return }
        if let o = try? c.decode([String: JSONValue].self) { self = .object(o); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a JSON value")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case let .bool(b): try c.encode(b)
        case let .integer(i): try c.encode(i)
        case let .number(x): try c.encode(x)
        case let .string(s): try c.encode(s)
        case let .array(a): try c.encode(a)
        case let .object(o): try c.encode(o)
        }
    }

    /// How the value is named in "expected …, found …" messages.
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case let .bool(b): return "\(b)"
        case let .integer(i): return "\(i)"
        case let .number(x): return "\(x)"
        case let .string(s): return "\"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Parses `data`; a syntax error becomes a `SpecError` at `$` with the line and column of the problem, and a
    /// key repeated within one object a `SpecError` at its path (`JSONDuplicateKeys`).
    public static func parse(_ data: Data, file: String) throws(SpecError) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw SpecError(file: file, path: "$", message: syntaxMessage(data))
        }
        if let (path, key) = JSONDuplicateKeys.first(in: data) {
            throw SpecError(file: file, path: path, message: "expected each key once in an object, found \(JSONValue.string(key).kindDescription) twice")
        }
        return value
    }

    /// JSONSerialization names the offending character's 0-based offset only in its description
    /// ("Invalid value around character 15."); turn it into line:column. End of file points past the last byte.
    private static func syntaxMessage(_ data: Data) -> String {
        guard String(data: data, encoding: .utf8) != nil else { return "expected UTF-8 JSON, found bytes that are not UTF-8" }
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return "expected a JSON document, found a value that cannot be read"
        } catch let error as NSError {
            let detail = ((error.userInfo[NSDebugDescriptionErrorKey] as? String) ?? "malformed JSON")
                .trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            var offset: Int? = nil
            if detail.localizedCaseInsensitiveContains("end of file") {
                offset = data.count
            } else if let range = detail.range(of: "character ") {
                offset = Int(detail[range.upperBound...].prefix { $0.isNumber })
            }
            guard let offset else { return "expected valid JSON, found a syntax error (\(detail))" }
            let (line, column) = lineAndColumn(data, offset: offset)
            return "expected valid JSON, found a syntax error at line \(line), column \(column) (\(detail))"
        }
    }

    /// Line and column (in characters, 1-based) of a byte offset.
    private static func lineAndColumn(_ data: Data, offset: Int) -> (Int, Int) {
        let prefix = String(decoding: data.prefix(max(0, offset)), as: UTF8.self)
        let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.count, (lines.last?.count ?? 0) + 1)
    }

    /// Canonical text: sorted keys, no insignificant white space, numbers in shortest round-trip form.
    public var canonicalText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}

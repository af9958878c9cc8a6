/// Reads the fields of one JSON object, each with its path, and turns every mismatch into a `SpecError`.
struct FieldReader {
    let file: String
    let path: String
    let object: [String: JSONValue]

    init(file: String, path: String, value: JSONValue) throws(SpecError) {
        guard case let .object(o) = value else {
            throw SpecError(file: file, path: path, message: "expected an object, found \(value.kindDescription)")
        }
        self.file = file
        self.path = path
        self.object = o
    }

    func error(_ key: String, _ message: String) -> SpecError {
        SpecError(file: file, path: "\(path).\(key)", message: message)
    }

    /// Rejects keys outside `allowed`, with a "did you mean" when one is close. Keys are checked in sorted
    /// order so the message does not depend on dictionary order.
    func rejectUnknownKeys(allowed: [String]) throws(SpecError) {
        for key in object.keys.sorted() where !allowed.contains(key) {
            var message = "unknown key \"\(key)\""
            if let near = suggestion(for: key, among: allowed) { message += " (did you mean \"\(near)\"?)" }
            message += "; expected one of \(allowed.joined(separator: ", "))"
            throw error(key, message)
        }
    }

    func required(_ key: String, _ what: String) throws(SpecError) -> JSONValue {
        guard let v = object[key], v != .null else { throw error(key, "expected \(what), found nothing (the key is required)") }
        return v
    }

    func string(_ key: String, default value: String? = nil) throws(SpecError) -> String {
        guard let v = object[key] else {
            if let value { return value }
            throw error(key, "expected a string, found nothing (the key is required)")
        }
        guard case let .string(s) = v, !s.isEmpty else { throw error(key, "expected a non-empty string, found \(v.kindDescription)") }
        return s
    }

    func optionalString(_ key: String) throws(SpecError) -> String? {
        guard let v = object[key] else { return nil }
        guard case let .string(s) = v else { throw error(key, "expected a string, found \(v.kindDescription)") }
        return s
    }

    func integer(_ key: String, in range: ClosedRange<Int>, default value: Int? = nil) throws(SpecError) -> Int {
        guard let v = object[key] else {
            if let value { return value }
            throw error(key, "expected an integer in [\(range.lowerBound), \(range.upperBound)], found nothing (the key is required)")
        }
        guard case let .integer(i) = v, range.contains(i) else {
            throw error(key, "expected an integer in [\(range.lowerBound), \(range.upperBound)], found \(v.kindDescription)")
        }
        return i
    }

    func number(_ key: String, minimumExclusive lo: Double, default value: Double) throws(SpecError) -> Double {
        guard let v = object[key] else { return value }
        let x: Double
        switch v {
        case let .integer(i): x = Double(i)
        case let .number(n): x = n
        default: throw error(key, "expected a number > \(lo), found \(v.kindDescription)")
        }
        guard x.isFinite, x > lo else { throw error(key, "expected a number > \(lo), found \(v.kindDescription)") }
        return x
    }
}

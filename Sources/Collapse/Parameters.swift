/// A parameter value of one sweep cell, as given in a spec.
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case integer(Int)
    case real(Double)
    case text(String)

    /// Canonical text: integers plainly, reals in shortest round-trip form, text as is. Used in cell keys
    /// (which seed the random streams), so it must never change for a given value.
    public var description: String {
        switch self {
        case let .integer(i): return String(i)
        case let .real(x): return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
        case let .text(s): return s
        }
    }

    public var doubleValue: Double? {
        switch self {
        case let .integer(i): return Double(i)
        case let .real(x): return x
        case .text: return nil
        }
    }
}

/// What a family accepts for one parameter; the spec validator checks values against it.
public struct ParameterSchema: Sendable {
    public enum Kind: Sendable {
        /// A whole number in `minimum...maximum`.
        case integer(minimum: Int, maximum: Int = Int.max)
        /// A finite real in `minimum...maximum`.
        case real(minimum: Double, maximum: Double = .greatestFiniteMagnitude)
        /// One of the listed words.
        case choice([String])
    }

    public let name: String
    public let kind: Kind
    /// Used when the spec does not give the parameter; `nil` makes it required.
    public let defaultValue: ParameterValue?
    public let summary: String

    public init(_ name: String, _ kind: Kind, default defaultValue: ParameterValue? = nil, summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.summary = summary
    }

    /// What a value must be, e.g. `an integer ≥ 1` or `one of "fixed", "fresh"`.
    public var expectation: String {
        switch kind {
        case let .integer(lo, hi): return "an integer \(Self.range(lo, hi))"
        case let .real(lo, hi): return "a number \(Self.range(lo, hi))"
        case let .choice(options): return "one of \(options.map { "\"\($0)\"" }.joined(separator: ", "))"
        }
    }

    /// `nil` if `value` is acceptable, otherwise what was expected (for the one-line error).
    public func problem(with value: ParameterValue) -> String? {
        switch (kind, value) {
        case let (.integer(lo, hi), .integer(i)):
            return (lo...hi).contains(i) ? nil : "expected an integer \(Self.range(lo, hi)), found \(i)"
        case let (.integer(lo, hi), .real(x)):
            return "expected an integer \(Self.range(lo, hi)), found \(x)"
        case let (.real(lo, hi), .integer(i)):
            let x = Double(i)
            return x >= lo && x <= hi ? nil : "expected a number \(Self.range(lo, hi)), found \(i)"
        case let (.real(lo, hi), .real(x)):
            return x.isFinite && x >= lo && x <= hi ? nil : "expected a number \(Self.range(lo, hi)), found \(x)"
        case let (.choice(options), .text(s)):
            return options.contains(s) ? nil : "expected one of \(options.map { "\"\($0)\"" }.joined(separator: ", ")), found \"\(s)\""
        case let (.choice(options), v):
            return "expected one of \(options.map { "\"\($0)\"" }.joined(separator: ", ")), found \(v)"
        case let (.integer(lo, hi), .text(s)):
            return "expected an integer \(Self.range(lo, hi)), found \"\(s)\""
        case let (.real(lo, hi), .text(s)):
            return "expected a number \(Self.range(lo, hi)), found \"\(s)\""
        }
    }

    private static func range(_ lo: Int, _ hi: Int) -> String {
        hi == Int.max ? "≥ \(lo)" : "in [\(lo), \(hi)]"
    }

    private static func range(_ lo: Double, _ hi: Double) -> String {
        let text = { (x: Double) in ParameterValue.real(x).description }
        return hi == .greatestFiniteMagnitude ? "≥ \(text(lo))" : "in [\(text(lo)), \(text(hi))]"
    }
}

/// The parameter values of one sweep cell, in the family's schema order.
public struct CellParameters: Sendable, Hashable {
    /// (name, value) pairs in schema order.
    public let entries: [(String, ParameterValue)]

    public init(_ entries: [(String, ParameterValue)]) { self.entries = entries }

    public static func == (a: CellParameters, b: CellParameters) -> Bool {
        a.entries.map(\.0) == b.entries.map(\.0) && a.entries.map(\.1) == b.entries.map(\.1)
    }

    public func hash(into h: inout Hasher) {
        for (k, v) in entries { h.combine(k); h.combine(v) }
    }

    public subscript(name: String) -> ParameterValue? { entries.first { $0.0 == name }?.1 }

    public func integer(_ name: String) -> Int {
        guard case let .integer(i)? = self[name] else { preconditionFailure("parameter \(name) is not an integer") }
        return i
    }

    public func real(_ name: String) -> Double {
        guard let x = self[name]?.doubleValue else { preconditionFailure("parameter \(name) is not a number") }
        return x
    }

    public func text(_ name: String) -> String {
        guard case let .text(s)? = self[name] else { preconditionFailure("parameter \(name) is not text") }
        return s
    }

    /// `d=10,T=100,sigma2=1,design=fixed`: identifies the cell; its stable hash seeds the cell's streams,
    /// so a cell's numbers do not depend on which other cells the sweep contains.
    public var key: String { entries.map { "\($0.0)=\($0.1)" }.joined(separator: ",") }
}

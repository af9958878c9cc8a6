import Collapse
import Foundation

extension Spec {
    static let topLevelKeys = ["schema", "name", "title", "description", "paper", "family", "parameters",
                               "regimes", "generations", "replicates", "seed", "claims"]
    static let claimKeys = ["id", "kind", "metric", "regime", "than", "curve", "k", "share",
                            "from_generation", "to_generation", "statement", "statistic", "where", "than_where"]
    /// Upper limits that catch typos (a million generations) before any work starts.
    static let maximumGenerations = 100_000
    static let maximumReplicates = 10_000_000
    static let maximumCells = 1_000_000

    /// Reads, overrides and validates a spec file.
    public static func load(path: String, overrides: [String] = []) throws(SpecError) -> Spec {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpecError(file: path, path: "$", message: "expected a readable spec file, found none at this path")
        }
        var json = try JSONValue.parse(data, file: path)
        json = try Overrides.apply(overrides, to: json, file: path)
        return try Spec(json: json, file: path)
    }

    /// Validates a parsed spec; the first problem found is thrown.
    public init(json: JSONValue, file: String) throws(SpecError) {
        let top = try FieldReader(file: file, path: "$", value: json)
        try top.rejectUnknownKeys(allowed: Self.topLevelKeys)
        let schema = try top.integer("schema", in: 1...Int.max, default: Self.schemaVersion)
        guard schema == Self.schemaVersion else {
            throw top.error("schema", "expected \(Self.schemaVersion) (the spec format this harness reads), found \(schema)")
        }
        let name = try top.string("name")
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw top.error("name", "expected letters, digits, '-' or '_' (it names the results folder), found \"\(name)\"")
        }
        let familyName = try top.string("family")
        guard let family = FamilyRegistry.family(named: familyName) else {
            let names = FamilyRegistry.all.map { $0.name }  // not `\.name`: a key path to a static member of an existential metatype crashes Swift 6.3's SILGen
            var message = "expected one of \(names.map { "\"\($0)\"" }.joined(separator: ", ")), found \"\(familyName)\""
            if let near = suggestion(for: familyName, among: names) { message += " (did you mean \"\(near)\"?)" }
            throw top.error("family", message)
        }
        let parameters = try Self.decodeParameters(try top.required("parameters", "an object of parameters"), family: family, file: file)
        let regimes = try Self.decodeRegimes(try top.required("regimes", "an array of regimes"), family: family, file: file)
        for regime in regimes {
            if let needed = regime.requiredParameter, !parameters.contains(where: { $0.name == needed }),
               let schema = LoopParameters.schema.first(where: { $0.name == needed }) {
                throw SpecError(file: file, path: "$.parameters.\(needed)",
                                message: "expected \(schema.expectation) (\(schema.summary)), found nothing (regime \(regime.name) needs it)")
            }
        }
        let generations = try top.integer("generations", in: 1...(family.maximumGenerations ?? Self.maximumGenerations))
        let replicates = try top.integer("replicates", in: 2...Self.maximumReplicates)
        let seedValue = try top.integer("seed", in: 0...Int.max)

        let context = ClaimContext(file: file, family: family, regimes: regimes, generations: generations)
        let claims = try Self.decodeClaims(top.object["claims"] ?? .array([]), context: context)
        let title = try top.string("title", default: name)
        let description = try top.optionalString("description")
        let paper = try top.string("paper", default: "")
        // Every check is done before the first stored property is set.
        try Self.checkGridSize(parameters, file: file)
        try Self.checkCells(family: family, parameters: parameters, file: file)
        self.file = file
        self.name = name
        self.title = title
        self.description = description
        self.paper = paper
        self.family = family
        self.parameters = parameters
        self.regimes = regimes
        self.generations = generations
        self.replicates = replicates
        self.seed = UInt64(seedValue)
        self.claims = claims
        self.asRun = Self.withDefaults(json, parameters: parameters)
    }

    /// The JSON with the schema version and every defaulted parameter written out, so that two specs that run
    /// identically record the same spec and hash.
    static func withDefaults(_ json: JSONValue, parameters: [(name: String, values: [ParameterValue])]) -> JSONValue {
        guard case var .object(top) = json else { return json }
        top["schema"] = .integer(schemaVersion)
        guard case var .object(given)? = top["parameters"] else { return json }
        for (name, values) in parameters where given[name] == nil {
            let encoded = values.map { v -> JSONValue in
                switch v {
                case let .integer(i): return .integer(i)
                case let .real(x): return .number(x)
                case let .text(t): return .string(t)
                }
            }
            given[name] = encoded.count == 1 ? encoded[0] : .array(encoded)
        }
        top["parameters"] = .object(given)
        return .object(top)
    }

    /// The number of cells, refused above `maximumCells` before any cell is built (the product of a few long
    /// axes overflows memory long before the resource guard could weigh it).
    private static func checkGridSize(_ parameters: [(name: String, values: [ParameterValue])], file: String) throws(SpecError) {
        var count = 1
        for (_, values) in parameters {
            let (product, overflow) = count.multipliedReportingOverflow(by: values.count)
            count = overflow ? Int.max : product
        }
        guard count <= maximumCells else {
            let axes = parameters.filter { $0.values.count > 1 }.map { "\($0.name): \($0.values.count)" }.joined(separator: " × ")
            throw SpecError(file: file, path: "$.parameters", message: "expected a sweep of at most \(maximumCells) cells, found \(count == Int.max ? "more than \(Int.max)" : String(count)) (\(axes))")
        }
    }

    /// Cross-parameter checks of the family, on every cell.
    private static func checkCells(family: any ModelFamily.Type, parameters: [(name: String, values: [ParameterValue])], file: String) throws(SpecError) {
        for cell in Spec.cells(of: parameters) {
            if let problem = family.problems(cell).first {
                throw SpecError(file: file, path: "$.parameters.\(problem.parameter)", message: "\(problem.message) (in the cell \(cell.key))")
            }
        }
    }

    static func decodeParameters(_ value: JSONValue, family: any ModelFamily.Type, file: String) throws(SpecError) -> [(name: String, values: [ParameterValue])] {
        let reader = try FieldReader(file: file, path: "$.parameters", value: value)
        try reader.rejectUnknownKeys(allowed: (family.parameters + LoopParameters.schema).map(\.name))
        var result: [(name: String, values: [ParameterValue])] = []
        for schema in family.parameters + LoopParameters.schema {
            let path = "$.parameters.\(schema.name)"
            let isLoopParameter = LoopParameters.schema.contains { $0.name == schema.name }
            if isLoopParameter && reader.object[schema.name] == nil { continue }
            guard let raw = reader.object[schema.name] else {
                guard let fallback = schema.defaultValue else {
                    throw SpecError(file: file, path: path, message: "expected \(schema.expectation) (\(schema.summary)), found nothing (the parameter is required)")
                }
                result.append((schema.name, [fallback]))
                continue
            }
            var values: [ParameterValue] = []
            if case let .array(items) = raw {
                guard !items.isEmpty else { throw SpecError(file: file, path: path, message: "expected a value or a non-empty list of values, found an empty array") }
                for (i, item) in items.enumerated() {
                    values.append(try parameterValue(item, schema: schema, file: file, path: "\(path)[\(i)]"))
                }
                // Distinct as cells see them: 2 and 2.0 are one cell key ("2"), so one value. A set keeps this linear
                // (a pairwise check hung on a 100,000-value axis in the fuzz test).
                var seen: Set<String> = []
                for (i, v) in values.enumerated() where !seen.insert(v.description).inserted {
                    throw SpecError(file: file, path: "\(path)[\(i)]", message: "expected distinct sweep values, found \(v) twice")
                }
            } else {
                values = [try parameterValue(raw, schema: schema, file: file, path: path)]
            }
            result.append((schema.name, values))
        }
        return result
    }

    static func parameterValue(_ v: JSONValue, schema: ParameterSchema, file: String, path: String) throws(SpecError) -> ParameterValue {
        let value: ParameterValue
        switch v {
        case let .integer(i): value = .integer(i)
        case let .number(x):
            // 2.0 is accepted as the integer 2 for integer parameters; reals stay reals.
            if case .integer = schema.kind, x == x.rounded(), abs(x) < 1e15 { value = .integer(Int(x)) } else { value = .real(x) }
        case let .string(s): value = .text(s)
        default:
            throw SpecError(file: file, path: path, message: "expected \(schema.expectation) (\(schema.summary)), found \(v.kindDescription)")
        }
        if let problem = schema.problem(with: value) { throw SpecError(file: file, path: path, message: problem) }
        return value
    }

    static func decodeRegimes(_ value: JSONValue, family: any ModelFamily.Type, file: String) throws(SpecError) -> [Regime] {
        guard case let .array(items) = value, !items.isEmpty else {
            throw SpecError(file: file, path: "$.regimes", message: "expected a non-empty array of regimes, found \(value.kindDescription)")
        }
        var regimes: [Regime] = []
        let names = family.regimes.map(\.name)
        for (i, item) in items.enumerated() {
            let path = "$.regimes[\(i)]"
            guard case let .string(s) = item, let regime = Regime(rawValue: s), family.regimes.contains(regime) else {
                var message = "expected one of \(names.map { "\"\($0)\"" }.joined(separator: ", ")), found \(item.kindDescription)"
                if case let .string(s) = item, let near = suggestion(for: s, among: names) { message += " (did you mean \"\(near)\"?)" }
                throw SpecError(file: file, path: path, message: message)
            }
            guard !regimes.contains(regime) else { throw SpecError(file: file, path: path, message: "expected distinct regimes, found \"\(s)\" twice") }
            regimes.append(regime)
        }
        return regimes
    }
}

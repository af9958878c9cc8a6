import Collapse

/// `--set key=value` overrides, applied to the spec's JSON before validation so that an override is checked
/// exactly like the file itself.
///
/// `key` is a top-level field (`generations`, `replicates`, `seed`, `regimes`, `name`, `title`) or a parameter
/// of the spec's family. A value with commas is a list (`--set regimes=replace,accumulate`,
/// `--set T=50,100`); each item is read as an integer, else a number, else text.
public enum Overrides {
    static let topLevel = ["generations", "replicates", "seed", "regimes", "name", "title"]

    public static func apply(_ assignments: [String], to json: JSONValue, file: String) throws(SpecError) -> JSONValue {
        guard case var .object(top) = json else { return json }  // validation reports the shape
        for assignment in assignments {
            guard let eq = assignment.firstIndex(of: "="), eq != assignment.startIndex else {
                throw SpecError(file: file, path: "--set \(assignment)", message: "expected key=value, found \"\(assignment)\"")
            }
            let key = String(assignment[..<eq])
            let text = String(assignment[assignment.index(after: eq)...])
            let items = text.split(separator: ",", omittingEmptySubsequences: false).map { parseScalar(String($0)) }
            let value: JSONValue = items.count == 1 && key != "regimes" ? items[0] : .array(items)
            if topLevel.contains(key) {
                top[key] = value
                continue
            }
            let familyName: String? = { if case let .string(s)? = top["family"] { return s }; return nil }()
            let family = familyName.flatMap(FamilyRegistry.family(named:))
            let parameterNames = (family?.parameters ?? []).map(\.name) + LoopParameters.schema.map(\.name)
            // With no known family the key cannot be checked here; validation then reports `$.family` first.
            guard family == nil || parameterNames.contains(key) else {
                let known = parameterNames + topLevel
                var message = "expected a parameter of \(familyName ?? "the family") or a top-level field (\(known.joined(separator: ", "))), found \"\(key)\""
                if let near = suggestion(for: key, among: known) { message += " (did you mean \"\(near)\"?)" }
                throw SpecError(file: file, path: "--set \(key)", message: message)
            }
            var parameters: [String: JSONValue] = [:]
            if case let .object(p)? = top["parameters"] { parameters = p }
            parameters[key] = value
            top["parameters"] = .object(parameters)
        }
        return .object(top)
    }

    static func parseScalar(_ s: String) -> JSONValue {
        if let i = Int(s) { return .integer(i) }
        if let x = Double(s), x.isFinite { return .number(x) }
        return .string(s)
    }
}

import Foundation
import Testing
@testable import Experiments

/// The content of experiments/accumulate.json, kept here so these tests do not change when the shipped spec is
/// edited (one test in `SpecLoadingTests` checks the shipped file separately).
enum Fixture {
    static let accumulateText = #"""
        {
          "schema": 1,
          "name": "accumulate",
          "title": "Linear regression retrained on its own labels: replacing vs accumulating data",
          "paper": "Gerstgrasser et al. 2024, arXiv:2404.01413, Theorems 1–2",
          "description": "Each replicate draws w* ~ N(0, I_d) and a fixed design X (T×d, entries N(0, 1)). Generation 1 fits OLS on y₁ = Xw* + E₁; generation n ≥ 2 fits labels made by the previous fit, yₙ = Xŵₙ₋₁ + Eₙ, Eₙ ~ N(0, σ²I). Replace trains on the newest labels only: the test error ‖ŵₙ − w*‖² grows linearly, σ²d/(T−d−1)·n. Accumulate trains on all data so far: the error is σ²d/(T−d−1)·Σ1/i², bounded by ·π²/6. Accumulate-subsample (Kazdan et al. 2024) trains on T rows drawn from the pool: no closed form.",
          "family": "linear-regression",
          "parameters": { "d": 10, "T": 100, "sigma2": 1, "design": "fixed" },
          "regimes": ["replace", "accumulate", "accumulate-subsample"],
          "generations": 100,
          "replicates": 1000,
          "seed": 20240401,
          "claims": [
            { "id": "replace-linear", "kind": "matches-theory", "regime": "replace", "metric": "test_error",
              "statement": "replacing data makes the test error grow linearly: σ²d/(T−d−1)·n" },
            { "id": "accumulate-series", "kind": "matches-theory", "regime": "accumulate", "metric": "test_error",
              "statement": "accumulating data gives σ²d/(T−d−1)·Σᵢ₌₁ⁿ 1/i² (Theorem 2)" },
            { "id": "accumulate-bound", "kind": "below-bound", "regime": "accumulate", "curve": "accumulate_limit", "metric": "test_error",
              "statement": "accumulating keeps the error below σ²d/(T−d−1)·π²/6 at every generation" },
            { "id": "accumulate-beats-replace", "kind": "less-than", "regime": "accumulate", "than": "replace", "from_generation": 2, "metric": "test_error",
              "statement": "from generation 2 on, accumulating has a lower error than replacing" },
            { "id": "replace-grows", "kind": "grows-without-bound", "regime": "replace", "metric": "test_error",
              "statement": "under replace the error keeps rising at the rate it started with" },
            { "id": "accumulate-flattens", "kind": "bounded", "regime": "accumulate", "metric": "test_error",
              "statement": "under accumulate the error flattens: the late rise is a small share of the early rise" }
          ]
        }
        """#

    static let fileName = "spec.json"

    /// The accumulate spec as parsed JSON.
    static var accumulate: JSONValue {
        // The fixture is valid JSON; a failure here is a bug in the fixture itself.
        try! JSONValue.parse(Data(accumulateText.utf8), file: fileName)
    }

    /// The accumulate spec with one value replaced (or removed, when `value` is nil).
    static func accumulate(setting path: [PathKey], to value: JSONValue?) -> JSONValue {
        accumulate.setting(path, to: value)
    }

    /// The accumulate spec with one key removed.
    static func accumulate(removing path: [PathKey]) -> JSONValue {
        accumulate.setting(path, to: nil)
    }

    /// Validates `json`; returns the error, or nil when it is valid.
    static func validationError(_ json: JSONValue, file: String = fileName) -> SpecError? {
        do throws(SpecError) {
            _ = try Spec(json: json, file: file)
            return nil
        } catch {
            return error
        }
    }

    /// Loads `path` with overrides; returns the error, or nil when it loads.
    static func loadError(path: String, overrides: [String]) -> SpecError? {
        do throws(SpecError) {
            _ = try Spec.load(path: path, overrides: overrides)
            return nil
        } catch {
            return error
        }
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("experiments-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to a file in a fresh temporary folder and passes its path to `body`; the folder is removed after.
    static func withSpecFile<R>(_ text: String = accumulateText, name: String = "accumulate.json",
                                _ body: (String) throws -> R) throws -> R {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try body(path)
    }
}

/// One step of a path into a JSON document: an object key or an array index.
enum PathKey: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, Sendable {
    case key(String)
    case index(Int)

    init(stringLiteral value: String) { self = .key(value) }
    init(integerLiteral value: Int) { self = .index(value) }
}

extension JSONValue {
    /// A copy with the value at `path` replaced, or removed when `newValue` is nil (object keys only).
    func setting(_ path: [PathKey], to newValue: JSONValue?) -> JSONValue {
        guard let first = path.first else { return newValue ?? .null }
        let rest = Array(path.dropFirst())
        switch (self, first) {
        case (.object(var o), .key(let k)):
            if rest.isEmpty, newValue == nil {
                o.removeValue(forKey: k)
            } else {
                o[k] = (o[k] ?? .object([:])).setting(rest, to: newValue)
            }
            return .object(o)
        case (.array(var a), .index(let i)):
            if rest.isEmpty, newValue == nil {
                a.remove(at: i)
            } else {
                a[i] = a[i].setting(rest, to: newValue)
            }
            return .array(a)
        default:
            preconditionFailure("path \(path) does not fit \(self.kindDescription)")
        }
    }

    /// The value at `path`, if any.
    func value(at path: [PathKey]) -> JSONValue? {
        guard let first = path.first else { return self }
        let rest = Array(path.dropFirst())
        switch (self, first) {
        case let (.object(o), .key(k)): return o[k]?.value(at: rest)
        case let (.array(a), .index(i)): return a.indices.contains(i) ? a[i].value(at: rest) : nil
        default: return nil
        }
    }
}

/// One invalid spec and where its error must point.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    let name: String
    let json: JSONValue
    let path: String
    /// Words the message must contain.
    let fragments: [String]

    init(_ name: String, _ json: JSONValue, path: String, _ fragments: [String]) {
        self.name = name
        self.json = json
        self.path = path
        self.fragments = fragments
    }

    var testDescription: String { name }
}

/// Checks that `error` exists, points at `path`, and its message contains every fragment.
func expectSpecError(_ error: SpecError?, file: String = Fixture.fileName, path: String, contains fragments: [String],
                     sourceLocation: SourceLocation = #_sourceLocation) {
    guard let error else {
        Issue.record("expected an error at \(path), but the spec was accepted", sourceLocation: sourceLocation)
        return
    }
    #expect(error.file == file, sourceLocation: sourceLocation)
    #expect(error.path == path, "message: \(error.message)", sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(error.message.contains(fragment), "\"\(error.message)\" should contain \"\(fragment)\"", sourceLocation: sourceLocation)
    }
    #expect(error.description == "error: \(file): \(error.path): \(error.message)", sourceLocation: sourceLocation)
    #expect(!error.description.contains("\n"), "an error is one line", sourceLocation: sourceLocation)
}

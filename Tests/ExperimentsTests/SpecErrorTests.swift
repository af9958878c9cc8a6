import Collapse
import Foundation
import Testing
@testable import Experiments

@Suite("Spec errors: the exact JSON path and what was expected")
struct SpecErrorTests {
    // MARK: - Malformed JSON

    private func parseError(_ text: String) -> SpecError? {
        do throws(SpecError) {
            _ = try JSONValue.parse(Data(text.utf8), file: Fixture.fileName)
            return nil
        } catch {
            return error
        }
    }

    @Test("a missing closing brace is reported at $ with its line and column")
    func missingBrace() throws {
        let error = parseError("{\n  \"schema\": 1,\n  \"name\": \"x\"\n")
        expectSpecError(error, path: "$", contains: ["expected valid JSON", "line", "column"])
    }

    @Test("trailing garbage is reported at $ with the line and column where it starts")
    func trailingGarbage() throws {
        // The stray "}" is the first character of line 2.
        let error = parseError("{\"a\": 1}\n}garbage")
        expectSpecError(error, path: "$", contains: ["expected valid JSON", "line 2, column 1"])
    }

    @Test("a bad token inside the document is reported at its line, with a column within or just after the token")
    func badToken() throws {
        // `tru` occupies line 4, columns 12–14.
        let error = try #require(parseError("{\n  \"schema\": 1,\n  \"name\": \"x\",\n  \"title\": tru\n}\n"))
        expectSpecError(error, path: "$", contains: ["line 4, column "])
        let (line, column) = try #require(Self.lineAndColumn(in: error.message))
        #expect(line == 4)
        #expect((12...15).contains(column), "column \(column) should point at `tru` or just after it")
    }

    /// Spec files are full of non-ASCII text (σ², −, ·), so the column must count characters: the same error after
    /// "σ²" and after "ab" (two characters each) is at the same column.
    @Test("the column counts characters, not UTF-8 bytes")
    func columnCountsCharacters() throws {
        let ascii = try #require(parseError("{\n  \"title\": \"ab\", \"name\": tru\n}\n"))
        let unicode = try #require(parseError("{\n  \"title\": \"σ²\", \"name\": tru\n}\n"))
        let a = try #require(Self.lineAndColumn(in: ascii.message), "\(ascii.message)")
        let u = try #require(Self.lineAndColumn(in: unicode.message), "\(unicode.message)")
        #expect(u.0 == a.0)
        #expect(u.1 == a.1, "after \"σ²\": \(unicode.message); after \"ab\": \(ascii.message)")
    }

    /// The numbers of "line L, column C" in a message.
    static func lineAndColumn(in message: String) -> (Int, Int)? {
        guard let range = message.range(of: #"line [0-9]+, column [0-9]+"#, options: .regularExpression) else { return nil }
        let numbers = message[range].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
    }

    @Test("a file that is not UTF-8 is reported at $")
    func notUTF8() throws {
        var error: SpecError? = nil
        do throws(SpecError) {
            _ = try JSONValue.parse(Data([0x7B, 0xFF, 0xFE, 0x7D]), file: Fixture.fileName)
        } catch let e {
            error = e
        }
        expectSpecError(error, path: "$", contains: ["UTF-8"])
    }

    @Test("a document that is not an object is reported at $")
    func notAnObject() {
        expectSpecError(Fixture.validationError(.array([])), path: "$", contains: ["expected an object", "found an array"])
    }

    // MARK: - Field by field

    static let cases: [InvalidCase] = [
        // Unknown keys.
        InvalidCase("unknown top-level key", Fixture.accumulate(setting: ["replicate"], to: .integer(5)),
                    path: "$.replicate", [#"unknown key "replicate""#, #"did you mean "replicates"?"#]),
        InvalidCase("unknown parameter key", Fixture.accumulate(setting: ["parameters", "sigma"], to: .integer(1)),
                    path: "$.parameters.sigma", [#"unknown key "sigma""#, #"did you mean "sigma2"?"#, "d, T, sigma2, design"]),
        InvalidCase("unknown parameter key far from any", Fixture.accumulate(setting: ["parameters", "learning_rate"], to: .integer(1)),
                    path: "$.parameters.learning_rate", [#"unknown key "learning_rate""#]),
        InvalidCase("unknown claim key", Fixture.accumulate(setting: ["claims", 0, "kindd"], to: .string("x")),
                    path: "$.claims[0].kindd", [#"unknown key "kindd""#, #"did you mean "kind"?"#]),
        InvalidCase("unknown key in a later claim", Fixture.accumulate(setting: ["claims", 4, "treshold"], to: .integer(1)),
                    path: "$.claims[4].treshold", [#"unknown key "treshold""#]),

        // Wrong types.
        InvalidCase("T as a string", Fixture.accumulate(setting: ["parameters", "T"], to: .string("100")),
                    path: "$.parameters.T", ["expected an integer", #"found "100""#]),
        InvalidCase("T as a boolean", Fixture.accumulate(setting: ["parameters", "T"], to: .bool(true)),
                    path: "$.parameters.T", ["expected an integer", "found true"]),
        InvalidCase("generations 1.5", Fixture.accumulate(setting: ["generations"], to: .number(1.5)),
                    path: "$.generations", ["expected an integer", "found 1.5"]),
        InvalidCase("regimes as a string", Fixture.accumulate(setting: ["regimes"], to: .string("replace")),
                    path: "$.regimes", ["expected a non-empty array of regimes", #"found "replace""#]),
        InvalidCase("regimes empty", Fixture.accumulate(setting: ["regimes"], to: .array([])),
                    path: "$.regimes", ["non-empty"]),
        InvalidCase("a sweep element of the wrong type", Fixture.accumulate(setting: ["parameters", "T"], to: .array([.integer(50), .string("x")])),
                    path: "$.parameters.T[1]", ["expected an integer", #"found "x""#]),
        InvalidCase("an empty sweep", Fixture.accumulate(setting: ["parameters", "T"], to: .array([])),
                    path: "$.parameters.T", ["non-empty", "found an empty array"]),
        InvalidCase("parameters as an array", Fixture.accumulate(setting: ["parameters"], to: .array([.integer(10)])),
                    path: "$.parameters", ["expected an object", "found an array"]),
        InvalidCase("seed as a string", Fixture.accumulate(setting: ["seed"], to: .string("42")),
                    path: "$.seed", ["expected an integer", #"found "42""#]),
        InvalidCase("claims as an object", Fixture.accumulate(setting: ["claims"], to: .object([:])),
                    path: "$.claims", ["expected an array of claims", "found an object"]),
        InvalidCase("a claim that is a string", Fixture.accumulate(setting: ["claims", 0], to: .string("replace-linear")),
                    path: "$.claims[0]", ["expected an object"]),
        InvalidCase("a claim k as a string", Fixture.accumulate(setting: ["claims", 0, "k"], to: .string("4")),
                    path: "$.claims[0].k", ["expected a number > 0"]),

        // Out of range.
        InvalidCase("negative sigma2", Fixture.accumulate(setting: ["parameters", "sigma2"], to: .integer(-1)),
                    path: "$.parameters.sigma2", ["expected a number", "≥ 0", "found -1"]),
        InvalidCase("negative real sigma2", Fixture.accumulate(setting: ["parameters", "sigma2"], to: .number(-0.5)),
                    path: "$.parameters.sigma2", ["≥ 0", "found -0.5"]),
        InvalidCase("T = 0", Fixture.accumulate(setting: ["parameters", "T"], to: .integer(0)),
                    path: "$.parameters.T", ["expected an integer in [1, 10000000]", "found 0"]),
        InvalidCase("T = 0 inside a sweep", Fixture.accumulate(setting: ["parameters", "T"], to: .array([.integer(50), .integer(100), .integer(0)])),
                    path: "$.parameters.T[2]", ["expected an integer in [1, 10000000]", "found 0"]),
        InvalidCase("d non-integral", Fixture.accumulate(setting: ["parameters", "d"], to: .number(2.5)),
                    path: "$.parameters.d", ["expected an integer", "found 2.5"]),
        InvalidCase("replicates = 1", Fixture.accumulate(setting: ["replicates"], to: .integer(1)),
                    path: "$.replicates", ["expected an integer in [2, 10000000]", "found 1"]),
        InvalidCase("generations = 0", Fixture.accumulate(setting: ["generations"], to: .integer(0)),
                    path: "$.generations", ["expected an integer in [1, 100000]", "found 0"]),
        InvalidCase("a negative seed", Fixture.accumulate(setting: ["seed"], to: .integer(-1)),
                    path: "$.seed", ["found -1"]),
        InvalidCase("design random", Fixture.accumulate(setting: ["parameters", "design"], to: .string("random")),
                    path: "$.parameters.design", [#""fixed""#, #""fresh""#, #"found "random""#]),
        InvalidCase("duplicate sweep values", Fixture.accumulate(setting: ["parameters", "T"], to: .array([.integer(50), .integer(50)])),
                    path: "$.parameters.T[1]", ["distinct", "50 twice"]),
        InvalidCase("schema 2", Fixture.accumulate(setting: ["schema"], to: .integer(2)),
                    path: "$.schema", ["expected 1", "found 2"]),
        InvalidCase("a name that is not a folder name", Fixture.accumulate(setting: ["name"], to: .string("../escape")),
                    path: "$.name", ["expected letters, digits", #"found "../escape""#]),

        // Regimes and family.
        InvalidCase("a misspelt regime", Fixture.accumulate(setting: ["regimes"], to: .array([.string("replace"), .string("acumulate")])),
                    path: "$.regimes[1]", [#"found "acumulate""#, #"did you mean "accumulate"?"#]),
        InvalidCase("a regime that is not a string", Fixture.accumulate(setting: ["regimes"], to: .array([.string("replace"), .integer(3)])),
                    path: "$.regimes[1]", ["expected one of", "found 3"]),
        InvalidCase("a duplicate regime", Fixture.accumulate(setting: ["regimes"], to: .array([.string("replace"), .string("accumulate"), .string("replace")])),
                    path: "$.regimes[2]", ["distinct", #""replace" twice"#]),
        InvalidCase("a misspelt family", Fixture.accumulate(setting: ["family"], to: .string("linear-regresion")),
                    path: "$.family", [#"found "linear-regresion""#, #"did you mean "linear-regression"?"#]),
        InvalidCase("missing family", Fixture.accumulate(removing: ["family"]),
                    path: "$.family", ["found nothing", "required"]),
        InvalidCase("missing parameters.d", Fixture.accumulate(removing: ["parameters", "d"]),
                    path: "$.parameters.d", ["found nothing", "required"]),
        InvalidCase("missing parameters", Fixture.accumulate(removing: ["parameters"]),
                    path: "$.parameters", ["found nothing", "required"]),
        InvalidCase("missing regimes", Fixture.accumulate(removing: ["regimes"]),
                    path: "$.regimes", ["found nothing", "required"]),
        InvalidCase("missing generations", Fixture.accumulate(removing: ["generations"]),
                    path: "$.generations", ["found nothing", "required"]),
        InvalidCase("missing seed", Fixture.accumulate(removing: ["seed"]),
                    path: "$.seed", ["found nothing", "required"]),

        // Claims.
        InvalidCase("an unknown claim kind", Fixture.accumulate(setting: ["claims", 0, "kind"], to: .string("matches-theroy")),
                    path: "$.claims[0].kind", [#"found "matches-theroy""#, #"did you mean "matches-theory"?"#, #""less-than""#]),
        InvalidCase("a claim kind far from any", Fixture.accumulate(setting: ["claims", 0, "kind"], to: .string("monotone")),
                    path: "$.claims[0].kind", [#"found "monotone""#, #""bounded""#]),
        InvalidCase("a claim regime that does not exist", Fixture.accumulate(setting: ["claims", 1, "regime"], to: .string("acumulate")),
                    path: "$.claims[1].regime", [#"found "acumulate""#, #"did you mean "accumulate"?"#]),
        InvalidCase("a claim without a regime", Fixture.accumulate(removing: ["claims", 0, "regime"]),
                    path: "$.claims[0].regime", ["found nothing"]),
        InvalidCase("below-bound without curve", Fixture.accumulate(removing: ["claims", 2, "curve"]),
                    path: "$.claims[2].curve", ["below-bound needs one", "accumulate_limit"]),
        InvalidCase("an unknown curve", Fixture.accumulate(setting: ["claims", 2, "curve"], to: .string("acumulate_limit")),
                    path: "$.claims[2].curve", [#"found "acumulate_limit""#, #"did you mean "accumulate_limit"?"#]),
        InvalidCase("less-than without than", Fixture.accumulate(removing: ["claims", 3, "than"]),
                    path: "$.claims[3].than", ["found nothing", "required"]),
        InvalidCase("less-than against itself", Fixture.accumulate(setting: ["claims", 3, "than"], to: .string("accumulate")),
                    path: "$.claims[3].than", ["expected a regime other than \"accumulate\""]),
        InvalidCase("than on a claim that is not less-than", Fixture.accumulate(setting: ["claims", 0, "than"], to: .string("accumulate")),
                    path: "$.claims[0].than", ["only less-than"]),
        InvalidCase("from_generation beyond any run", Fixture.accumulate(setting: ["claims", 3, "from_generation"], to: .integer(100_001)),
                    path: "$.claims[3].from_generation", ["expected an integer in [1, 100000]", "found 100001"]),
        InvalidCase("to_generation before from_generation", Fixture.accumulate(setting: ["claims", 3, "to_generation"], to: .integer(1)),
                    path: "$.claims[3].to_generation", ["expected an integer in [2, 100000]", "found 1"]),
        InvalidCase("grows-without-bound over two generations",
                    Fixture.accumulate(setting: ["claims", 4, "from_generation"], to: .integer(99)).setting(["claims", 4, "to_generation"], to: .integer(100)),
                    path: "$.claims[4].to_generation", ["at least 3 generations", "found 2"]),
        InvalidCase("duplicate claim ids", Fixture.accumulate(setting: ["claims", 1, "id"], to: .string("replace-linear")),
                    path: "$.claims[1].id", ["unique", #""replace-linear" twice"#]),
        InvalidCase("an unknown metric", Fixture.accumulate(setting: ["claims", 0, "metric"], to: .string("train_error")),
                    path: "$.claims[0].metric", ["test_error", #"found "train_error""#]),
        InvalidCase("k = 0", Fixture.accumulate(setting: ["claims", 0, "k"], to: .integer(0)),
                    path: "$.claims[0].k", ["> 0", "found 0"]),
        InvalidCase("share negative", Fixture.accumulate(setting: ["claims", 5, "share"], to: .number(-0.1)),
                    path: "$.claims[5].share", ["> 0", "found -0.1"]),
    ]

    @Test("each invalid spec is rejected at the right path", arguments: cases)
    func invalidSpec(_ c: InvalidCase) {
        expectSpecError(Fixture.validationError(c.json), path: c.path, contains: c.fragments)
    }

    // MARK: - Full text of a few

    @Test("full text: unknown top-level key")
    func fullTextUnknownKey() throws {
        let error = try #require(Fixture.validationError(Fixture.accumulate(setting: ["replicate"], to: .integer(5))))
        #expect(error.description == #"error: spec.json: $.replicate: unknown key "replicate" (did you mean "replicates"?); expected one of schema, name, title, description, paper, family, parameters, regimes, generations, replicates, seed, claims"#)
    }

    @Test("full text: T = 0")
    func fullTextTZero() throws {
        let error = try #require(Fixture.validationError(Fixture.accumulate(setting: ["parameters", "T"], to: .integer(0))))
        #expect(error.description == "error: spec.json: $.parameters.T: expected an integer in [1, 10000000], found 0")
    }

    @Test("full text: negative sigma2")
    func fullTextNegativeSigma2() throws {
        let error = try #require(Fixture.validationError(Fixture.accumulate(setting: ["parameters", "sigma2"], to: .integer(-1))))
        #expect(error.description == "error: spec.json: $.parameters.sigma2: expected a number ≥ 0, found -1")
    }

    @Test("full text: misspelt regime")
    func fullTextRegime() throws {
        let json = Fixture.accumulate(setting: ["regimes"], to: .array([.string("replace"), .string("acumulate")]))
        let error = try #require(Fixture.validationError(json, file: "experiments/x.json"))
        #expect(error.description == #"error: experiments/x.json: $.regimes[1]: expected one of "replace", "accumulate", "accumulate-subsample", "mix-fresh", "mix-reservoir", "anchor", found "acumulate" (did you mean "accumulate"?)"#)
    }

    @Test("the error names the file it was given")
    func fileInError() throws {
        let error = try #require(Fixture.validationError(Fixture.accumulate(setting: ["generations"], to: .integer(0)), file: "/tmp/some dir/a.json"))
        #expect(error.file == "/tmp/some dir/a.json")
        #expect(error.description.hasPrefix("error: /tmp/some dir/a.json: $.generations: "))
    }

    @Test("a missing file is an error at $")
    func missingFile() {
        let path = "/nonexistent-\(UUID().uuidString)/spec.json"
        expectSpecError(Fixture.loadError(path: path, overrides: []), file: path, path: "$", contains: ["readable spec file"])
    }
}

import Collapse
import Foundation
import Testing
@testable import Experiments

@Suite("--set overrides")
struct OverridesTests {
    @Test("d, T and replicates are replaced")
    func scalarOverrides() throws {
        let spec = try Fixture.withSpecFile { path in
            try Spec.load(path: path, overrides: ["d=7", "T=40", "replicates=3000"])
        }
        #expect(spec.replicates == 3000)
        #expect(spec.cells.map(\.key) == ["d=7,T=40,sigma2=1,design=fixed"])
        #expect(spec.generations == 100, "untouched fields keep their values")
        #expect(spec.seed == 20_240_401)
        #expect(spec.asRun.value(at: ["parameters", "d"]) == .integer(7), "run.json records the spec as run")
        #expect(spec.asRun.value(at: ["replicates"]) == .integer(3000))
    }

    @Test("the last assignment of a key wins")
    func lastWins() throws {
        let spec = try Fixture.withSpecFile { try Spec.load(path: $0, overrides: ["generations=10", "generations=20"]) }
        #expect(spec.generations == 20)
    }

    @Test("seed, generations and a real sigma2")
    func otherFields() throws {
        let spec = try Fixture.withSpecFile { try Spec.load(path: $0, overrides: ["seed=7", "generations=20", "sigma2=0.25", "design=fresh"]) }
        #expect(spec.seed == 7)
        #expect(spec.generations == 20)
        #expect(spec.cells.map(\.key) == ["d=10,T=100,sigma2=0.25,design=fresh"])
        #expect(spec.claims.allSatisfy { $0.toGeneration == 20 }, "claims default to the overridden last generation")
    }

    @Test("regimes=replace,accumulate sets two regimes")
    func twoRegimes() throws {
        // Remove the claims on regimes that are no longer run: they are tested separately below.
        let text = Self.specText(claims: [
            #"{ "id": "r", "kind": "matches-theory", "regime": "replace" }"#,
            #"{ "id": "a", "kind": "less-than", "regime": "accumulate", "than": "replace", "from_generation": 2 }"#,
        ])
        let spec = try Fixture.withSpecFile(text) { try Spec.load(path: $0, overrides: ["regimes=replace,accumulate"]) }
        #expect(spec.regimes == [.replace, .accumulate])
        #expect(spec.asRun.value(at: ["regimes"]) == .array([.string("replace"), .string("accumulate")]))
    }

    @Test("regimes=replace with one value is still a list")
    func oneRegime() throws {
        let text = Self.specText(claims: [#"{ "id": "r", "kind": "matches-theory", "regime": "replace" }"#])
        let spec = try Fixture.withSpecFile(text) { try Spec.load(path: $0, overrides: ["regimes=replace"]) }
        #expect(spec.regimes == [.replace])
    }

    @Test("T=50,100 makes a sweep")
    func sweep() throws {
        let spec = try Fixture.withSpecFile { try Spec.load(path: $0, overrides: ["T=50,100"]) }
        #expect(spec.cells.map(\.key) == ["d=10,T=50,sigma2=1,design=fixed", "d=10,T=100,sigma2=1,design=fixed"])
        #expect(spec.sweptParameters == ["T"])
    }

    @Test("two sweeps by override give the product in schema order")
    func twoSweeps() throws {
        let spec = try Fixture.withSpecFile { try Spec.load(path: $0, overrides: ["T=50,100", "d=5,10"]) }
        #expect(spec.cells.map(\.key) == [
            "d=5,T=50,sigma2=1,design=fixed", "d=5,T=100,sigma2=1,design=fixed",
            "d=10,T=50,sigma2=1,design=fixed", "d=10,T=100,sigma2=1,design=fixed",
        ])
    }

    @Test("an override can fill in a parameter the file omits")
    func addsParameter() throws {
        let text = Fixture.accumulateText.replacingOccurrences(of: #""d": 10, "#, with: "")
        try Fixture.withSpecFile(text) { path in
            expectSpecError(Fixture.loadError(path: path, overrides: []), file: path, path: "$.parameters.d", contains: ["required"])
            let spec = try Spec.load(path: path, overrides: ["d=3"])
            #expect(spec.cells[0].integer("d") == 3)
        }
    }

    @Test("an unknown key is an error at --set <key>")
    func unknownKey() throws {
        try Fixture.withSpecFile { path in
            let error = Fixture.loadError(path: path, overrides: ["foo=1"])
            expectSpecError(error, file: path, path: "--set foo", contains: [#"found "foo""#, "d, T, sigma2, design", "generations", "replicates"])
        }
    }

    @Test("a misspelt key gets a did-you-mean")
    func misspeltKey() throws {
        try Fixture.withSpecFile { path in
            let error = Fixture.loadError(path: path, overrides: ["replicate=10"])
            expectSpecError(error, file: path, path: "--set replicate", contains: [#"did you mean "replicates"?"#])
        }
    }

    /// Overrides are applied before validation, so a parameter override on a spec whose family is misspelt must
    /// not hide the real problem (the family) behind a complaint about a valid override.
    @Test("a misspelt family is reported at $.family even when a parameter is overridden")
    func misspeltFamilyWithOverride() throws {
        let text = Fixture.accumulateText.replacingOccurrences(of: #""family": "linear-regression""#, with: #""family": "linear-regresion""#)
        try Fixture.withSpecFile(text) { path in
            expectSpecError(Fixture.loadError(path: path, overrides: []), file: path, path: "$.family", contains: [#"did you mean "linear-regression"?"#])
            expectSpecError(Fixture.loadError(path: path, overrides: ["d=7"]), file: path, path: "$.family",
                            contains: [#"did you mean "linear-regression"?"#])
        }
    }

    @Test("an out-of-range value is checked like the file, at its JSON path")
    func negativeD() throws {
        try Fixture.withSpecFile { path in
            let error = Fixture.loadError(path: path, overrides: ["d=-3"])
            expectSpecError(error, file: path, path: "$.parameters.d", contains: ["expected an integer in [1, 4096]", "found -3"])
        }
    }

    @Test("a bad value in an overridden sweep points at its index")
    func badSweepItem() throws {
        try Fixture.withSpecFile { path in
            let error = Fixture.loadError(path: path, overrides: ["T=50,0"])
            expectSpecError(error, file: path, path: "$.parameters.T[1]", contains: ["found 0"])
        }
    }

    @Test("a text value for an integer field is an error at its JSON path")
    func textForInteger() throws {
        try Fixture.withSpecFile { path in
            let error = Fixture.loadError(path: path, overrides: ["generations=many"])
            expectSpecError(error, file: path, path: "$.generations", contains: ["expected an integer", #"found "many""#])
        }
    }

    @Test("an assignment without '=' is an error", arguments: ["d", "=5", ""])
    func missingEquals(_ assignment: String) throws {
        try Fixture.withSpecFile { path in
            let error = Fixture.loadError(path: path, overrides: [assignment])
            expectSpecError(error, file: path, path: "--set \(assignment)", contains: ["expected key=value"])
        }
    }

    @Test("claims on a regime removed by --set regimes=replace are kept (reported as SKIP at run time)")
    func removedRegime() throws {
        try Fixture.withSpecFile { path in
            let spec = try Spec.load(path: path, overrides: ["regimes=replace"])
            #expect(spec.regimes == [.replace])
            #expect(spec.claims.map(\.regime).contains(.accumulate))
        }
    }

    @Test("the than regime of a less-than claim may be removed by an override")
    func removedThanRegime() throws {
        let text = Self.specText(claims: [
            #"{ "id": "a", "kind": "less-than", "regime": "accumulate", "than": "replace", "from_generation": 2 }"#,
        ])
        try Fixture.withSpecFile(text) { path in
            let spec = try Spec.load(path: path, overrides: ["regimes=accumulate,accumulate-subsample"])
            #expect(spec.claims.first?.than == .replace)
        }
    }

    @Test("generations lowered below a claim's window: the spec loads (the claim is skipped or checked over what runs)")
    func generationsBelowClaim() throws {
        try Fixture.withSpecFile { path in
            let spec = try Spec.load(path: path, overrides: ["generations=1"])
            // Claim 3 starts at generation 2, after this run ends; claim 4 (grows) has a defaulted window.
            #expect(spec.generations == 1 && spec.claims[3].fromGeneration == 2 && spec.claims[4].toGeneration == 1)
        }
    }

    @Test("Overrides.apply leaves the input untouched when there are no assignments")
    func noAssignments() throws {
        let json = Fixture.accumulate
        #expect(try Overrides.apply([], to: json, file: "x") == json)
    }

    /// The accumulate spec with its claims replaced.
    static func specText(claims: [String]) -> String {
        let start = Fixture.accumulateText.range(of: #""claims": ["#)!
        return String(Fixture.accumulateText[..<start.lowerBound]) + #""claims": ["# + claims.joined(separator: ",\n") + "]\n}\n"
    }
}

import Collapse
import Foundation
import Testing
@testable import Experiments

@Suite("Valid specs")
struct SpecLoadingTests {
    @Test("the accumulate spec loads with the values in the file")
    func accumulateSpecLoads() throws {
        let spec = try Spec(json: Fixture.accumulate, file: Fixture.fileName)
        #expect(spec.file == Fixture.fileName)
        #expect(spec.name == "accumulate")
        #expect(spec.title == "Linear regression retrained on its own labels: replacing vs accumulating data")
        #expect(spec.paper == "Gerstgrasser et al. 2024, arXiv:2404.01413, Theorems 1–2")
        #expect(spec.description?.hasPrefix("Each replicate draws w*") == true)
        #expect(spec.family.name == "linear-regression")
        #expect(spec.regimes == [.replace, .accumulate, .accumulateSubsample])
        #expect(spec.generations == 100)
        #expect(spec.replicates == 1000)
        #expect(spec.seed == 20_240_401)
        #expect(spec.sweptParameters.isEmpty)

        let cells = spec.cells
        try #require(cells.count == 1)
        #expect(cells[0].key == "d=10,T=100,sigma2=1,design=fixed")
        #expect(cells[0].integer("d") == 10)
        #expect(cells[0].integer("T") == 100)
        #expect(cells[0].real("sigma2") == 1)
        #expect(cells[0].text("design") == "fixed")

        try #require(spec.claims.count == 6)
        #expect(spec.claims.map(\.id) == ["replace-linear", "accumulate-series", "accumulate-bound",
                                          "accumulate-beats-replace", "replace-grows", "accumulate-flattens"])
        #expect(spec.claims.map(\.kind) == [.matchesTheory, .matchesTheory, .belowBound, .lessThan, .growsWithoutBound, .bounded])
        #expect(spec.claims.map(\.regime) == [.replace, .accumulate, .accumulate, .accumulate, .replace, .accumulate])
        #expect(spec.claims.allSatisfy { $0.metric == "test_error" })
        #expect(spec.claims.allSatisfy { $0.k == 4 })

        let bound = spec.claims[2]
        #expect(bound.curve == "accumulate_limit")
        #expect(bound.than == nil)
        let lessThan = spec.claims[3]
        #expect(lessThan.than == .replace)
        #expect(lessThan.fromGeneration == 2)
        #expect(lessThan.toGeneration == 100)
        #expect(spec.claims[0].fromGeneration == 1)
        #expect(spec.claims[0].toGeneration == 100)
        #expect(spec.claims[4].share == 0.5, "grows-without-bound defaults to share 0.5")
        #expect(spec.claims[5].share == 0.1, "bounded defaults to share 0.1")
        #expect(spec.claims[0].statement == "replacing data makes the test error grow linearly: σ²d/(T−d−1)·n")
    }

    @Test("the shipped experiments/accumulate.json loads with the values it contains")
    func shippedSpecLoads() throws {
        let path = Self.packageRoot.appendingPathComponent("experiments/accumulate.json").path
        let raw = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let spec = try Spec.load(path: path)
        #expect(spec.file == path)
        #expect(spec.name == raw["name"] as? String)
        #expect(spec.generations == raw["generations"] as? Int)
        #expect(spec.replicates == raw["replicates"] as? Int)
        #expect(spec.seed == UInt64(try #require(raw["seed"] as? Int)))
        #expect(spec.regimes.map(\.name) == raw["regimes"] as? [String])
        #expect(spec.claims.count == (raw["claims"] as? [Any])?.count)
        #expect(spec.cells.count == 1)
    }

    @Test("two swept parameters give their product, the first schema parameter (d) varying slowest")
    func sweepOrder() throws {
        var json = Fixture.accumulate(setting: ["parameters", "T"], to: .array([.integer(50), .integer(100)]))
        json = json.setting(["parameters", "d"], to: .array([.integer(5), .integer(10)]))
        let spec = try Spec(json: json, file: Fixture.fileName)
        #expect(spec.cells.map(\.key) == [
            "d=5,T=50,sigma2=1,design=fixed",
            "d=5,T=100,sigma2=1,design=fixed",
            "d=10,T=50,sigma2=1,design=fixed",
            "d=10,T=100,sigma2=1,design=fixed",
        ])
        #expect(spec.sweptParameters == ["d", "T"])
        #expect(spec.parameters.map(\.name) == ["d", "T", "sigma2", "design"])
    }

    @Test("the key order follows the family schema, not the order of keys in the file")
    func sweepOrderIgnoresKeyOrder() throws {
        let text = Fixture.accumulateText.replacingOccurrences(
            of: #""parameters": { "d": 10, "T": 100, "sigma2": 1, "design": "fixed" }"#,
            with: #""parameters": { "design": ["fixed", "fresh"], "sigma2": [0.5, 2], "T": 100, "d": 10 }"#)
        let json = try JSONValue.parse(Data(text.utf8), file: Fixture.fileName)
        let spec = try Spec(json: json, file: Fixture.fileName)
        #expect(spec.cells.map(\.key) == [
            "d=10,T=100,sigma2=0.5,design=fixed",
            "d=10,T=100,sigma2=0.5,design=fresh",
            "d=10,T=100,sigma2=2,design=fixed",
            "d=10,T=100,sigma2=2,design=fresh",
        ])
    }

    @Test("an omitted design takes its default, fixed")
    func defaultDesign() throws {
        let spec = try Spec(json: Fixture.accumulate(removing: ["parameters", "design"]), file: Fixture.fileName)
        try #require(spec.cells.count == 1)
        #expect(spec.cells[0]["design"] == .text("fixed"))
        #expect(spec.cells[0].key == "d=10,T=100,sigma2=1,design=fixed")
        #expect(spec.parameters.last?.name == "design")
        #expect(spec.parameters.last?.values == [.text("fixed")])
    }

    @Test("an omitted design gives the same cells as an explicit one")
    func defaultDesignSameCells() throws {
        let implicit = try Spec(json: Fixture.accumulate(removing: ["parameters", "design"]), file: Fixture.fileName)
        let explicit = try Spec(json: Fixture.accumulate, file: Fixture.fileName)
        #expect(implicit.cells == explicit.cells)
    }

    /// `Spec.asRun` is documented as "the JSON after `--set` overrides, with defaults filled in"; it is what
    /// run.json records and what spec_hash hashes.
    @Test("asRun records the defaulted design, as its documentation says")
    func asRunFillsDefaults() throws {
        let spec = try Spec(json: Fixture.accumulate(removing: ["parameters", "design"]), file: Fixture.fileName)
        #expect(spec.asRun.value(at: ["parameters", "design"]) == .string("fixed"),
                "asRun.parameters is \(spec.asRun.value(at: ["parameters"])?.canonicalText ?? "missing")")
    }

    @Test("claim defaults: id from kind and regime, the family's first metric, from 1 to the last generation")
    func claimDefaults() throws {
        let json = Fixture.accumulate(setting: ["claims"], to: .array([
            .object(["kind": .string("matches-theory"), "regime": .string("replace")]),
        ]))
        let spec = try Spec(json: json, file: Fixture.fileName)
        let claim = try #require(spec.claims.first)
        #expect(claim.id == "matches-theory-replace")
        #expect(claim.metric == "test_error")
        #expect(claim.fromGeneration == 1)
        #expect(claim.toGeneration == 100)
        #expect(claim.k == 4)
        #expect(claim.curve == nil)
        #expect(claim.statement == nil)
    }

    @Test("a spec without claims is valid")
    func noClaims() throws {
        let spec = try Spec(json: Fixture.accumulate(removing: ["claims"]), file: Fixture.fileName)
        #expect(spec.claims.isEmpty)
    }

    @Test("an integral real such as 100.0 is accepted for an integer parameter")
    func integralReal() throws {
        let spec = try Spec(json: Fixture.accumulate(setting: ["parameters", "T"], to: .number(100.0)), file: Fixture.fileName)
        #expect(spec.cells[0].integer("T") == 100)
        #expect(spec.cells[0].key == "d=10,T=100,sigma2=1,design=fixed")
    }

    /// The package root, from this file's path (Tests/ExperimentsTests/<file>).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}

import Collapse
import Foundation
import Testing
@testable import Experiments

/// `less-than` with `than_where`: a regime in one cell against a regime in its partner cell, unpaired, at every
/// generation of the window. Synthetic traces in two cells of a T sweep (T = 100 and T = 200).
@Suite("ClaimCheck across cells (less-than with than_where)")
struct ClaimAcrossCellsTests {
    typealias Base = ClaimCheckTests
    static let small = CellParameters([("d", .integer(10)), ("T", .integer(100)), ("sigma2", .integer(1)), ("design", .text("fixed"))])
    static let large = CellParameters([("d", .integer(10)), ("T", .integer(200)), ("sigma2", .integer(1)), ("design", .text("fixed"))])

    /// One SE of `symmetricNoise` at spread 1: the two-sample SE is √2 times it.
    static let se = Base.standardError(spread: 1)
    static let twoSampleSE = (2 * se * se).squareRoot()

    static func claim(where own: Int = 100, partner other: Int = 200, regime: Regime = .replace, than: Regime = .replace,
                      from: Int = 1, statistic: Claim.Statistic = .mean) -> Claim {
        Claim(id: "ordered", kind: .lessThan, metric: "test_error", regime: regime, than: than, curve: nil, k: 4, share: 0.5,
              fromGeneration: from, toGeneration: Base.generations, statement: nil, statistic: statistic,
              filter: [("T", .integer(own))], thanFilter: [("T", .integer(other))])
    }

    /// Cells whose replace traces are `noise + level(g)`: the T = 100 cell at `low`, the T = 200 cell at `high`.
    static func cells(low: @escaping (Int) -> Double, high: @escaping (Int) -> Double) -> [CellResult] {
        [Base.cell([.replace: Base.trace { r, g in low(g) + Base.symmetricNoise(r) }], parameters: small),
         Base.cell([.replace: Base.trace { r, g in high(g) + Base.symmetricNoise(r) }], parameters: large)]
    }

    @Test("passes when the cell is 10 two-sample SEs below its partner at every generation, and reports z = −10")
    func passes() {
        let result = Base.evaluate(Self.claim(), Self.cells(low: { _ in 1 }, high: { _ in 1 + 10 * Self.twoSampleSE }))
        #expect(result.verdict == .pass, "\(result.line)")
        #expect(abs(result.worstZ + 10) < 1e-9)
        #expect(result.cellsChecked == 1)
        #expect(result.line.hasPrefix("PASS ordered: less-than replace < replace test_error where T=100 than where T=200, worst z = −10.00"), "\(result.line)")
    }

    @Test("fails when the order is reversed")
    func failsReversed() {
        let result = Base.evaluate(Self.claim(), Self.cells(low: { _ in 1 + 10 * Self.twoSampleSE }, high: { _ in 1 }))
        #expect(result.verdict == .fail, "\(result.line)")
        #expect(abs(result.worstZ - 10) < 1e-9)
    }

    @Test("the threshold is k two-sample SEs", arguments: [(4.5, true), (3.5, false)])
    func threshold(gap: Double, passes: Bool) {
        let result = Base.evaluate(Self.claim(), Self.cells(low: { _ in 1 }, high: { _ in 1 + gap * Self.twoSampleSE }))
        #expect(result.verdict == (passes ? .pass : .fail), "\(result.line)")
    }

    @Test("the SE is unpaired: a gap of 3 one-sample SEs (2.1 two-sample SEs) fails even though every replicate is ordered")
    func unpaired() {
        // Per replicate B − A = 3·se exactly, so a paired test would give z = −∞; the cells are independent, so it must not.
        let result = Base.evaluate(Self.claim(), Self.cells(low: { _ in 1 }, high: { _ in 1 + 3 * Self.se }))
        #expect(result.verdict == .fail, "\(result.line)")
        #expect(abs(result.worstZ + 3 / 2.0.squareRoot()) < 1e-9)
    }

    @Test("fails when one generation of the window is out of order, and names it; a window after it passes")
    func oneGeneration() {
        let high = { (g: Int) in g == 17 ? 1.0 : 1 + 10 * Self.twoSampleSE }
        let result = Base.evaluate(Self.claim(), Self.cells(low: { _ in 1 }, high: high))
        #expect(result.verdict == .fail)
        #expect(result.worstGeneration == 17)
        #expect(result.worstCell == Self.small.key)
        #expect(Base.evaluate(Self.claim(from: 18), Self.cells(low: { _ in 1 }, high: high)).verdict == .pass)
    }

    @Test("the median statistic compares medians with SEs from their CIs")
    func median() {
        let result = Base.evaluate(Self.claim(statistic: .median), Self.cells(low: { _ in 1 }, high: { _ in 100 }))
        #expect(result.verdict == .pass, "\(result.line)")
        let reversed = Base.evaluate(Self.claim(statistic: .median), Self.cells(low: { _ in 100 }, high: { _ in 1 }))
        #expect(reversed.verdict == .fail, "\(reversed.line)")
    }

    @Test("SKIP when the partner cell was not run, or the regime was not")
    func skips() {
        let onlySmall = [Self.cells(low: { _ in 1 }, high: { _ in 2 })[0]]
        let alone = Base.evaluate(Self.claim(), onlySmall)
        #expect(alone.verdict == .notApplicable)
        #expect(alone.reason == "no cell matches than_where T = 200")
        let noRegime = Base.evaluate(Self.claim(than: .accumulate), Self.cells(low: { _ in 1 }, high: { _ in 2 }))
        #expect(noRegime.verdict == .notApplicable)
        #expect(noRegime.reason == "the spec as run does not run accumulate")
    }

    @Test("a NaN in either cell fails the claim with the reason")
    func nonFinite() {
        let result = Base.evaluate(Self.claim(), Self.cells(low: { _ in 1 }, high: { g in g == 5 ? .nan : 100 }))
        #expect(result.verdict == .fail)
        #expect(result.reason?.hasPrefix("a non-finite value at generation 5") == true, "\(result.reason ?? "")")
    }

    // MARK: - Decoding

    /// The accumulate fixture as a sweep over T with one extra claim.
    static func spec(claim: String) -> JSONValue {
        let text = Fixture.accumulateText
            .replacingOccurrences(of: #""T": 100"#, with: #""T": [100, 200]"#)
            .replacingOccurrences(of: #""claims": ["#, with: #""claims": [ \#(claim),"#)
        return try! JSONValue.parse(Data(text.utf8), file: Fixture.fileName)
    }

    static func error(_ claim: String) -> String? {
        Fixture.validationError(spec(claim: claim))?.description
    }

    @Test("a valid cross-cell claim decodes with than defaulting to the same regime")
    func decodes() throws {
        let spec = try Spec(json: Self.spec(claim: #"{ "id": "x", "kind": "less-than", "regime": "replace", "where": { "T": 200 }, "than_where": { "T": 100 } }"#),
                            file: Fixture.fileName)
        let claim = try #require(spec.claims.first)
        #expect(claim.than == .replace)
        #expect(claim.comparesCells)
        #expect(claim.thanFilter.map { "\($0.0)=\($0.1)" } == ["T=100"])
        #expect(claim.partner(of: Self.large).key == Self.small.key)
    }

    @Test("decoding errors name the file, the JSON path and what was expected", arguments: [
        (#"{ "kind": "decreases", "regime": "replace", "where": { "T": 100 }, "than_where": { "T": 200 } }"#,
         #"error: spec.json: $.claims[0].than_where: expected no "than_where" for a decreases claim (only less-than compares cells)"#),
        (#"{ "kind": "less-than", "regime": "replace", "where": { "T": 100 }, "than_where": {} }"#,
         "error: spec.json: $.claims[0].than_where: expected at least one parameter whose value the partner cells take, found an empty object"),
        (#"{ "kind": "less-than", "regime": "replace", "than_where": { "T": 200 } }"#,
         #"error: spec.json: $.claims[0].than_where.T: expected "T" in where too (the cells compared take where's value, their partners this one), found it only in than_where"#),
        (#"{ "kind": "less-than", "regime": "replace", "where": { "T": 100 }, "than_where": { "T": 100.0 } }"#,
         "error: spec.json: $.claims[0].than_where.T: expected a value other than where's 100 (a cell is not compared with itself), found 100"),
        (#"{ "kind": "less-than", "regime": "replace", "where": { "T": 100 }, "than_where": { "t": 200 } }"#,
         #"error: spec.json: $.claims[0].than_where.t: unknown key "t" (did you mean "T"?); expected one of d, T, sigma2, design, real_fraction, anchor"#),
        (#"{ "kind": "less-than", "regime": "replace", "where": { "T": 100 }, "than_where": { "T": -3 } }"#,
         "error: spec.json: $.claims[0].than_where.T: expected an integer in [1, 10000000], found -3"),
        (#"{ "kind": "less-than", "regime": "replace", "where": { "T": 100 }, "than_where": [200] }"#,
         "error: spec.json: $.claims[0].than_where: expected an object, found an array"),
        (#"{ "kind": "less-than", "regime": "replace", "than": "replace" }"#,
         #"error: spec.json: $.claims[0].than: expected a regime other than "replace", found the same"#),
    ])
    func decodingErrors(claim: String, expected: String) {
        #expect(Self.error(claim) == expected)
    }
}

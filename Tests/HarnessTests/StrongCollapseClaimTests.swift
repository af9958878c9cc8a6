import Collapse
import Experiments
import Foundation
import Testing

/// The strong-collapse claims through the spec validator and the runner (no subprocess).
@Suite("strong collapse: specs and claims")
struct StrongCollapseClaimTests {
    static func spec(parameters: String, claims: String = "[]", family: String = "mixture-regression", replicates: Int = 40) throws -> Spec {
        let text = """
            {"name": "x", "family": "\(family)", "parameters": \(parameters),
             "regimes": ["replace"], "generations": 1, "replicates": \(replicates), "seed": 17, "claims": \(claims)}
            """
        return try Spec(json: try JSONValue.parse(Data(text.utf8), file: "x.json"), file: "x.json")
    }

    static func specError(parameters: String, family: String = "mixture-regression") -> SpecError? {
        do { _ = try spec(parameters: parameters, family: family); return nil } catch let e as SpecError { return e } catch { return nil }
    }

    // MARK: - Bad parameters

    @Test("bad mixture parameters are rejected with the JSON path and what was expected")
    func badParameters() {
        let base = #""d": 2, "sigma2": 1, "c2": 1, "estimator": "ols", "lambda": 0"#
        let cases: [(String, String, String)] = [
            (#"{\#(base), "p2": 1.5, "n": 100}"#, "$.parameters.p2", "expected a number in [0, 1], found 1.5"),
            (#"{\#(base), "p2": [0, -0.1], "n": 100}"#, "$.parameters.p2[1]", "expected a number in [0, 1], found -0.1"),
            (#"{"d": 2, "sigma2": 1, "c2": -1, "p2": 0.5, "n": 100}"#, "$.parameters.c2", "expected a number ≥ 0, found -1"),
            (#"{\#(base), "p2": 0.5, "n": 0}"#, "$.parameters.n", "expected an integer in [1, 1000000000], found 0"),
            (#"{\#(base), "p2": 0.5, "n": [100, -3]}"#, "$.parameters.n[1]", "expected an integer in [1, 1000000000], found -3"),
            (#"{"d": 2, "sigma2": 1, "c2": 1, "p2": 0.5}"#, "$.parameters.n",
             "expected an integer in [1, 1000000000] (training rows n = n₁ + n₂), found nothing (the parameter is required)"),
            (#"{"d": 2, "sigma2": 1, "c2": 1, "p2": 0.5, "n": 100, "lambda": 0.1}"#, "$.parameters.lambda",
             "expected 0 with estimator \"ols\" (λ is the ridge penalty; use \"estimator\": \"ridge\"), found 0.1 (in the cell d=2,sigma2=1,c2=1,p2=0.5,estimator=ols,lambda=0.1,n=100,sampler=statistics)"),
            (#"{"d": 2, "sigma2": 1, "c2": 1, "p2": 0.5, "n": 100, "estimator": "lasso"}"#, "$.parameters.estimator",
             #"expected one of "ols", "ridge", found "lasso""#),
        ]
        for (parameters, path, message) in cases {
            let error = Self.specError(parameters: parameters)
            #expect(error?.path == path, "\(parameters): \(error?.description ?? "accepted")")
            #expect(error?.message == message, "\(parameters): \(error?.description ?? "accepted")")
        }
        let projection = Self.specError(parameters: #"{"n": 500, "d": 1000, "sigma2": 0.25, "c2": 1, "p2": 2, "lambda": 0.001, "m": 10}"#,
                                        family: "random-projection")
        #expect(projection?.path == "$.parameters.p2" && projection?.message == "expected a number in [0, 1], found 2")
    }

    // MARK: - The floor claim can fail

    /// d = 2, σ² = 1, c² = 1, p₂ ∈ {0, 0.2}, n ∈ {20, 20000}: at n = 20000 the clean error is 2/19997 ≈ 10⁻⁴ and the
    /// floor of p₂ = 0.2 is 0.04.
    static let floorParameters = #"{"d": 2, "sigma2": 1, "c2": 1, "p2": [0, 0.2], "n": [20, 20000]}"#

    @Test("the floor claim passes at large n when p₂ > 0, and fails on the p₂ = 0 fit of the same replicates")
    func floorClaimCanFail() throws {
        let claims = """
            [{"id": "floor", "kind": "above-bound", "regime": "replace", "metric": "gap", "curve": "floor", "where": {"n": 20000, "p2": 0.2}},
             {"id": "floor-test-error", "kind": "above-bound", "regime": "replace", "metric": "test_error", "curve": "floor", "where": {"n": 20000}},
             {"id": "floor-without-synthetic-data", "kind": "above-bound", "regime": "replace", "metric": "clean_test_error", "curve": "floor", "where": {"n": 20000, "p2": 0.2}},
             {"id": "exact", "kind": "matches-theory", "regime": "replace", "metric": "test_error"}]
            """
        let result = Runner.run(try Self.spec(parameters: Self.floorParameters, claims: claims), threads: 2)
        let verdicts = Dictionary(uniqueKeysWithValues: result.claims.map { ($0.claim.id, $0) })
        let floor = try #require(verdicts["floor"])
        #expect(floor.verdict == .pass, "\(floor.line)")
        #expect(floor.worstZ > -4)
        #expect(try #require(verdicts["floor-test-error"]).verdict == .pass)
        #expect(try #require(verdicts["exact"]).verdict == .pass, "\(verdicts["exact"]!.line)")
        // The clean fit is the p₂ = 0 fit of the same replicates (same X, same noise): it has no floor.
        let control = try #require(verdicts["floor-without-synthetic-data"])
        #expect(control.verdict == .fail, "\(control.line)")
        #expect(control.worstZ < -20, "\(control.line)")
    }

    /// A cell run with p₂ = 0 is itself clean: its gap is exactly 0 in every replicate, so it reaches no floor above
    /// zero, and the floor claim about the p₂ = 0.2 cell evaluated on it (the same check, data without synthetic
    /// labels) fails.
    @Test("a p₂ = 0 run has gap exactly 0 and fails the floor of p₂ = 0.2")
    func zeroFractionHasNoGap() throws {
        let result = Runner.run(try Self.spec(parameters: #"{"d": 2, "sigma2": 1, "c2": 1, "p2": 0, "n": 20000}"#), threads: 2)
        let gap = try #require(result.cells.first?.traces[0][2])
        #expect(gap.atGeneration(1).allSatisfy { $0 == 0 })
        let floor = StrongCollapseTheory.floor(c2: 1, n: 20000, n2: StrongCollapseTheory.syntheticCount(n: 20000, p2: 0.2))
        let summary = Summary(gap.atGeneration(1))
        #expect(summary.z(against: floor) < -4)
    }
}

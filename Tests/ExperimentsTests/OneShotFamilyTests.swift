import Foundation
import Testing
@testable import Experiments

/// One-shot families (the loop cut at one generation) refuse longer runs at the JSON path instead of writing NaN.
@Suite struct OneShotFamilyTests {
    func spec(generations: Int) throws -> Spec {
        let text = """
            {"name": "x", "family": "mixture-regression", "parameters": {"n": 100, "p2": 0.1, "c2": 1, "sigma2": 1, "d": 5},
             "regimes": ["replace"], "generations": \(generations), "replicates": 5, "seed": 1}
            """
        return try Spec(json: try JSONValue.parse(Data(text.utf8), file: "x.json"), file: "x.json")
    }

    @Test func oneGenerationLoadsAndMoreIsRefused() throws {
        #expect(try spec(generations: 1).generations == 1)
        #expect(throws: SpecError(file: "x.json", path: "$.generations", message: "expected an integer in [1, 1], found 3")) {
            try spec(generations: 3)
        }
    }
}

import Testing
import Collapse

@Suite struct LinearRegressionTheoryTests {
    @Test func closedForms() throws {
        let c = 10.0 / 89.0
        #expect(LinearRegressionTheory.replace(sigma2: 1, d: 10, T: 100, generation: 1) == c)
        #expect(abs(try #require(LinearRegressionTheory.replace(sigma2: 2, d: 10, T: 100, generation: 50)) - 100 * c) < 1e-12)
        #expect(abs(try #require(LinearRegressionTheory.accumulate(sigma2: 1, d: 10, T: 100, generation: 2)) - 1.25 * c) < 1e-15)
        let limit = try #require(LinearRegressionTheory.accumulateLimit(sigma2: 1, d: 10, T: 100))
        #expect(abs(limit - c * Double.pi * Double.pi / 6) < 1e-15)
        // Σ1/i² up to n falls short of π²/6 by about 1/n.
        let at1000 = try #require(LinearRegressionTheory.accumulate(sigma2: 1, d: 10, T: 100, generation: 1000))
        #expect(at1000 < limit && abs((limit - at1000) / c - 1.0 / 1000) < 1e-6)
    }

    @Test func undefinedWithoutEnoughRows() {
        #expect(LinearRegressionTheory.replace(sigma2: 1, d: 10, T: 11, generation: 1) == nil)
        #expect(LinearRegressionTheory.accumulate(sigma2: 1, d: 10, T: 5, generation: 3) == nil)
        #expect(LinearRegressionTheory.singleFitError(sigma2: 1, d: 10, T: 12) == 10)
        #expect(LinearRegression.theory(metric: "test_error", regime: .replace, parameters: regressionCell(d: 10, T: 11)) == nil)
        #expect(!LinearRegression.warnings(regressionCell(d: 10, T: 11)).isEmpty)
        #expect(LinearRegression.warnings(regressionCell(d: 10, T: 12)).isEmpty)
    }

    @Test func theoryByRegimeAndDesign() {
        let fixed = regressionCell(d: 10, T: 100)
        let fresh = regressionCell(d: 10, T: 100, design: "fresh")
        #expect(LinearRegression.theory(metric: "test_error", regime: .accumulate, parameters: fixed)?.name == "accumulate")
        #expect(LinearRegression.theory(metric: "test_error", regime: .accumulate, parameters: fresh) == nil)
        #expect(LinearRegression.theory(metric: "test_error", regime: .replace, parameters: fresh)?.name == "replace")
        #expect(LinearRegression.theory(metric: "test_error", regime: .accumulateSubsample, parameters: fixed) == nil)
        #expect(LinearRegression.curve(named: "nonsense", metric: "test_error", parameters: fixed) == nil)
    }
}

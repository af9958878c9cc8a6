import Testing
@testable import harness

/// The verdict word is coloured on a terminal only; the end-to-end tests check that piped stdout has no escapes.
@Suite struct VerdictColourTests {
    @Test func coloursOnlyTheVerdictWordAndOnlyWhenEnabled() {
        #expect(VerdictColour.apply("PASS a: b", enabled: true) == "\u{1B}[1;32mPASS\u{1B}[0m a: b")
        #expect(VerdictColour.apply("FAIL a: b", enabled: true) == "\u{1B}[1;31mFAIL\u{1B}[0m a: b")
        #expect(VerdictColour.apply("SKIP a: b", enabled: true) == "\u{1B}[1;33mSKIP\u{1B}[0m a: b")
        #expect(VerdictColour.apply("PASS a: b", enabled: false) == "PASS a: b")
        #expect(VerdictColour.apply("accumulate: 9 of 9 claims pass", enabled: true) == "accumulate: 9 of 9 claims pass")
    }
}

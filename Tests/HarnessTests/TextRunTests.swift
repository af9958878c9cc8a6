import Foundation
import Testing

/// The text family end to end: the fixture spec through the binary, byte-identical across thread counts, with its
/// cross-cell temperature claims reported like the others.
@Suite("ngram-text through the binary")
struct TextRunTests {
    static let spec = HarnessBinary.packageRoot.appendingPathComponent("experiments/text-diversity-fixture.json").path
    static let small = ["--replicates", "4", "--set", "generations=3", "--set", "sentences=150", "--quiet"]

    @Test("results.csv is byte-identical with --threads 1 and 2; the temperature claims print their worst z")
    func threadsAgree() throws {
        try withTemporaryDirectory { tmp in
            let one = try HarnessBinary.run(arguments: ["run", Self.spec, "--out", "one", "--threads", "1"] + Self.small, currentDirectory: tmp)
            let two = try HarnessBinary.run(arguments: ["run", Self.spec, "--out", "two", "--threads", "2"] + Self.small, currentDirectory: tmp)
            #expect(one.exitCode == 0 || one.exitCode == 1, "\(one.stderr)")
            #expect(two.exitCode == one.exitCode)
            let a = try Data(contentsOf: tmp.appendingPathComponent("one/results.csv"))
            let b = try Data(contentsOf: tmp.appendingPathComponent("two/results.csv"))
            #expect(a == b)
            #expect(a.count > 10_000)
            let line = try #require(one.stdoutLines.first { $0.contains("replace-distinct-3-T0.7-below-T1:") })
            #expect(line.contains("less-than replace < replace distinct_3 where temperature=0.7 than where temperature=1, worst z = "), "\(line)")
            let markdown = try String(contentsOf: tmp.appendingPathComponent("one/results.md"), encoding: .utf8)
            #expect(markdown.contains("less-than: `replace` < `replace`, k = 4, where temperature=0.7, than where temperature=1 (unpaired)"))
        }
    }
}

import Foundation
import Testing

/// Bad input: exit code 2, one line on stderr naming the file and the JSON path, and nothing written.
@Suite("harness: bad input")
struct BadInputTests {
    struct BadSpec: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        /// The JSON path the error must name.
        let path: String
        /// Words the message must contain.
        let fragments: [String]
        var testDescription: String { name }
    }

    /// A small valid spec that the bad ones are made from.
    static let validText = """
        {
          "schema": 1,
          "name": "small",
          "family": "linear-regression",
          "parameters": { "d": 10, "T": 100, "sigma2": 1 },
          "regimes": ["replace", "accumulate"],
          "generations": 10,
          "replicates": 20,
          "seed": 1,
          "claims": [ { "id": "a", "kind": "less-than", "regime": "accumulate", "than": "replace", "from_generation": 2 } ]
        }
        """

    static let badSpecs: [BadSpec] = [
        BadSpec(name: "malformed JSON (missing closing brace)", text: String(validText.dropLast()), path: "$",
                fragments: ["expected valid JSON"]),
        BadSpec(name: "unknown key", text: validText.replacingOccurrences(of: #""replicates": 20"#, with: #""replicate": 20"#),
                path: "$.replicate", fragments: [#"did you mean "replicates"?"#]),
        BadSpec(name: "wrong type", text: validText.replacingOccurrences(of: #""T": 100"#, with: #""T": "100""#),
                path: "$.parameters.T", fragments: ["expected an integer", #"found "100""#]),
        BadSpec(name: "negative sigma2", text: validText.replacingOccurrences(of: #""sigma2": 1"#, with: #""sigma2": -1"#),
                path: "$.parameters.sigma2", fragments: ["≥ 0", "found -1"]),
    ]

    /// Checks the one-line error and that nothing was written.
    static func expectBadInput(_ result: HarnessBinary.Output, prefix: String, fragments: [String] = [], out: URL?,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.exitCode == 2, "exit code; stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasSuffix("\n"), sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1, "stderr must be exactly one line:\n\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix(prefix), "stderr \"\(result.stderr)\" should start with \"\(prefix)\"", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(result.stderr.contains(fragment), "stderr \"\(result.stderr)\" should contain \"\(fragment)\"", sourceLocation: sourceLocation)
        }
        #expect(result.stdout.isEmpty, "stdout: \(result.stdout)", sourceLocation: sourceLocation)
        if let out {
            #expect(!FileManager.default.fileExists(atPath: out.path), "no output folder on bad input", sourceLocation: sourceLocation)
        }
    }

    @Test("run on a bad spec (relative path): exit 2, one line `error: <file>: <path>: …`, no output", arguments: badSpecs)
    func badSpecRelative(_ bad: BadSpec) throws {
        try withTemporaryDirectory { tmp in
            try tmp.write(bad.text, to: "bad.json")
            let out = tmp.appendingPathComponent("out")
            let result = try HarnessBinary.run(arguments: ["run", "bad.json", "--out", out.path], currentDirectory: tmp)
            Self.expectBadInput(result, prefix: "error: bad.json: \(bad.path): ", fragments: bad.fragments, out: out)
            #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == ["bad.json"], "nothing written beside the spec")
        }
    }

    @Test("run on a bad spec (absolute path) names the path as given", arguments: badSpecs)
    func badSpecAbsolute(_ bad: BadSpec) throws {
        try withTemporaryDirectory { tmp in
            let file = try tmp.write(bad.text, to: "bad spec.json")
            let out = tmp.appendingPathComponent("out")
            let result = try HarnessBinary.run(arguments: ["run", file.path, "--out", out.path], currentDirectory: tmp)
            Self.expectBadInput(result, prefix: "error: \(file.path): \(bad.path): ", fragments: bad.fragments, out: out)
        }
    }

    @Test("the malformed-JSON error gives the line and column")
    func malformedLineColumn() throws {
        try withTemporaryDirectory { tmp in
            // The bad value `tru` occupies line 3, columns 11–13.
            try tmp.write("{\n  \"schema\": 1,\n  \"name\": tru\n}\n", to: "bad.json")
            let out = tmp.appendingPathComponent("out")
            let result = try HarnessBinary.run(arguments: ["run", "bad.json", "--out", out.path], currentDirectory: tmp)
            Self.expectBadInput(result, prefix: "error: bad.json: $: ", fragments: ["line 3, column "], out: out)
            let range = try #require(result.stderr.range(of: #"line [0-9]+, column [0-9]+"#, options: .regularExpression))
            let numbers = result.stderr[range].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            #expect(numbers.first == 3)
            #expect((11...14).contains(numbers.last ?? 0), "the column should point at `tru` or just after it: \(result.stderr)")
        }
    }

    @Test("a missing spec file: exit 2")
    func missingFile() throws {
        try withTemporaryDirectory { tmp in
            let out = tmp.appendingPathComponent("out")
            let result = try HarnessBinary.run(arguments: ["run", "missing.json", "--out", out.path], currentDirectory: tmp)
            Self.expectBadInput(result, prefix: "error: missing.json: $: ", fragments: ["readable"], out: out)
        }
    }

    @Test("--threads 0: exit 2")
    func zeroThreads() throws {
        try withTemporaryDirectory { tmp in
            try tmp.write(Self.validText, to: "small.json")
            let out = tmp.appendingPathComponent("out")
            let result = try HarnessBinary.run(arguments: ["run", "small.json", "--threads", "0", "--out", out.path], currentDirectory: tmp)
            Self.expectBadInput(result, prefix: "error: ", fragments: ["--threads"], out: out)
        }
    }

    @Test("an unknown option: exit 2")
    func unknownOption() throws {
        try withTemporaryDirectory { tmp in
            try tmp.write(Self.validText, to: "small.json")
            let out = tmp.appendingPathComponent("out")
            let result = try HarnessBinary.run(arguments: ["run", "small.json", "--bogus", "--out", out.path], currentDirectory: tmp)
            #expect(result.exitCode == 2, "stderr: \(result.stderr)")
            #expect(result.stderr.hasPrefix("error: "))
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }

    @Test("--set with an unknown key: exit 2 at `--set <key>`")
    func unknownOverride() throws {
        try withTemporaryDirectory { tmp in
            try tmp.write(Self.validText, to: "small.json")
            let out = tmp.appendingPathComponent("out")
            let result = try HarnessBinary.run(arguments: ["run", "small.json", "--set", "foo=1", "--out", out.path], currentDirectory: tmp)
            Self.expectBadInput(result, prefix: "error: small.json: --set foo: ", fragments: [#"found "foo""#], out: out)
        }
    }

    @Test("--set d=-3: exit 2 at $.parameters.d")
    func badOverrideValue() throws {
        try withTemporaryDirectory { tmp in
            try tmp.write(Self.validText, to: "small.json")
            let out = tmp.appendingPathComponent("out")
            let result = try HarnessBinary.run(arguments: ["run", "small.json", "--set", "d=-3", "--out", out.path], currentDirectory: tmp)
            Self.expectBadInput(result, prefix: "error: small.json: $.parameters.d: ", fragments: ["found -3"], out: out)
        }
    }

    @Test("--set regimes=replace leaves out a regime a claim needs: the claim is SKIP, exit 0")
    func overrideRemovesClaimRegime() throws {
        try withTemporaryDirectory { tmp in
            try tmp.write(Self.validText, to: "small.json")
            let out = tmp.appendingPathComponent("out")
            let result = try HarnessBinary.run(arguments: ["run", "small.json", "--set", "regimes=replace", "--quiet", "--out", out.path], currentDirectory: tmp)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            #expect(result.stdoutLines.first?.hasPrefix("SKIP a:") == true)
            #expect(result.stdout.contains("does not run accumulate"))
        }
    }

}

import Foundation
import Testing

@Suite("harness validate and list")
struct ValidateListTests {
    static let experiments = HarnessBinary.packageRoot.appendingPathComponent("experiments")
    static let accumulatePath = experiments.appendingPathComponent("accumulate.json").path

    @Test("the harness binary is found and runs")
    func binaryFound() throws {
        let url = try HarnessBinary.url()
        #expect(FileManager.default.isExecutableFile(atPath: url.path), "\(url.path)")
        try withTemporaryDirectory { tmp in
            let result = try HarnessBinary.run(arguments: ["--version"], currentDirectory: tmp)
            #expect(result.exitCode == 0)
            #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == false)
        }
    }

    @Test("validate accepts accumulate.json: exit 0, a line starting ok:")
    func validateOK() throws {
        try withTemporaryDirectory { tmp in
            let result = try HarnessBinary.run(arguments: ["validate", Self.accumulatePath], currentDirectory: tmp)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            #expect(result.stdoutLines.first?.hasPrefix("ok: \(Self.accumulatePath): linear-regression, 1 cell × 3 regimes") == true, "\(result.stdout)")
            #expect(result.stderr.isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty, "validate writes nothing")
        }
    }

    @Test("validate applies overrides: a sweep and replicates")
    func validateOverrides() throws {
        try withTemporaryDirectory { tmp in
            let result = try HarnessBinary.run(arguments: ["validate", Self.accumulatePath, "--set", "T=50,100", "--replicates", "3000"],
                                               currentDirectory: tmp)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            #expect(result.stdoutLines.first?.contains("2 cells × 3 regimes × 3000 replicates") == true, "\(result.stdout)")
        }
    }

    @Test("validate on a bad spec: exit 2, one line on stderr")
    func validateBad() throws {
        try withTemporaryDirectory { tmp in
            try tmp.write(BadInputTests.validText.replacingOccurrences(of: #""sigma2": 1"#, with: #""sigma2": -1"#), to: "bad.json")
            let result = try HarnessBinary.run(arguments: ["validate", "bad.json"], currentDirectory: tmp)
            BadInputTests.expectBadInput(result, prefix: "error: bad.json: $.parameters.sigma2: ", out: nil)
        }
    }

    @Test("list shows accumulate.json with its title")
    func listExperiments() throws {
        let raw = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.accumulatePath))) as? [String: Any]
        let title = try #require(raw?["title"] as? String)
        try withTemporaryDirectory { tmp in
            let result = try HarnessBinary.run(arguments: ["list", Self.experiments.path], currentDirectory: tmp)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            #expect(result.stdoutLines.contains("\(Self.accumulatePath)\t\(title)"), "\(result.stdout)")
        }
    }

    @Test("list marks an invalid spec and still lists the valid ones")
    func listInvalid() throws {
        try withTemporaryDirectory { tmp in
            try tmp.write(BadInputTests.validText, to: "a.json")
            try tmp.write("{", to: "b.json")
            try tmp.write("not a spec", to: "notes.txt")
            let result = try HarnessBinary.run(arguments: ["list", "."], currentDirectory: tmp)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            let lines = result.stdoutLines
            #expect(lines.count == 2, "\(result.stdout)")
            #expect(lines.first == "./a.json\tsmall", "the title defaults to the name")
            #expect(lines.last?.hasPrefix("./b.json\tinvalid: error: ./b.json: $: ") == true, "\(lines.last ?? "")")
        }
    }

    @Test("list on a folder without specs: exit 2")
    func listEmpty() throws {
        try withTemporaryDirectory { tmp in
            let result = try HarnessBinary.run(arguments: ["list", tmp.path], currentDirectory: tmp)
            #expect(result.exitCode == 2)
            #expect(result.stderrLines.count == 1)
            #expect(result.stderr.hasPrefix("error: \(tmp.path): $: "))
        }
    }
}

import Foundation
import Testing
import Collapse
@testable import Experiments
@testable import Reports

/// A tiny experiment built by hand: 2 replicates × 3 generations, one regime with theory, one without.
func handMadeResult() throws -> ExperimentResult {
    let json = try JSONValue.parse(Data("""
        {"name": "tiny", "family": "linear-regression", "parameters": {"d": 2, "T": 10, "sigma2": 1},
         "regimes": ["replace", "accumulate-subsample"], "generations": 3, "replicates": 2, "seed": 1,
         "claims": [{"kind": "matches-theory", "regime": "replace"}]}
        """.utf8), file: "tiny.json")
    let spec = try Spec(json: json, file: "tiny.json")
    let cellParameters = spec.cells[0]
    let replace = Trace(generations: 3, replicates: 2, values: [0.2, 0.5, 0.8, 0.4, 0.7, 1.0])
    let subsample = Trace(generations: 3, replicates: 2, values: [0.2, 0.3, 0.3, 0.4, .nan, 0.5])
    let cell = CellResult(
        parameters: cellParameters, regimes: spec.regimes, traces: [[replace], [subsample]],
        theory: spec.regimes.map { [LinearRegression.theory(metric: "test_error", regime: $0, parameters: cellParameters)] },
        fits: 12, minimumNormFits: 0, warnings: [])
    let claims = spec.claims.map { ClaimCheck.evaluate($0, family: spec.family, cells: [cell], replicates: 2) }
    return ExperimentResult(spec: spec, cells: [cell], claims: claims, threads: 1, wallSeconds: 0.5)
}

func csv(_ result: ExperimentResult) -> String {
    CSVReport.render(parameterNames: result.spec.family.parameters.map(\.name), rows: result.rows)
}

func metadata(_ result: ExperimentResult) -> RunMetadata {
    RunMetadata(result: result, provenance: Provenance(harnessVersion: "0.1.0", gitCommit: "0123456789abcdef", gitDirty: true,
                                                       blas: "TestBLAS", blasLibraries: [], host: "h", started: "2026-01-01T00:00:00Z"))
}

@Suite struct CSVReportTests {
    @Test func layoutAndExactNumbers() throws {
        let lines = csv(try handMadeResult()).split(separator: "\n").map(String.init)
        #expect(lines[0] == "d,T,sigma2,design,regime,generation,metric,mean,se,ci_low,ci_high,median,median_ci_low,median_ci_high,theory,z,n_replicates,n_nonfinite")
        #expect(lines.count == 1 + 2 * 3)
        // Generation 1 of replace: values 0.2 and 0.4, mean 0.3 (as the double 0.2 + 0.4 divided by 2), SE 0.1.
        let fields = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(fields[0...6] == ["2", "10", "1", "fixed", "replace", "1", "test_error"])
        #expect(Double(fields[7]) == (0.2 + 0.4) / 2)
        #expect(abs(Double(fields[8])! - 0.1) < 1e-15)
        #expect(Double(fields[11]) == (0.2 + 0.4) / 2)  // median of two values
        #expect(Double(fields[14]) == 2.0 / 7.0)  // σ²d/(T−d−1) = 2/7 at generation 1
        #expect(fields[16] == "2" && fields[17] == "0")
        // No theory for accumulate-subsample: empty theory and z; the NaN at generation 2 is printed and counted.
        let subsample = lines.filter { $0.contains(",accumulate-subsample,") }
        #expect(subsample[0].hasSuffix(",,,2,0"))
        #expect(subsample[1].contains(",NaN,") && subsample[1].hasSuffix(",,,2,1"))
    }

    @Test func readsBackExactly() throws {
        let result = try handMadeResult()
        let text = csv(result)
        let rows = try CSVReport.parse(text, parameterNames: ["d", "T", "sigma2", "design"])
        #expect(rows.count == result.rows.count)
        #expect(CSVReport.render(parameterNames: ["d", "T", "sigma2", "design"], rows: rows) == text)
        // The Markdown from the rows read back equals the Markdown of the run: `harness report` relies on it.
        let meta = metadata(result)
        #expect(MarkdownReport.render(spec: result.spec, rows: rows, metadata: meta)
                == MarkdownReport.render(spec: result.spec, rows: result.rows, metadata: meta))
        #expect(throws: CSVReport.ParseError.self) { try CSVReport.parse("a,b\n1,2\n", parameterNames: ["d", "T", "sigma2", "design"]) }
    }

    @Test func quotingFollowsRFC4180() {
        #expect(CSVReport.field("plain") == "plain")
        #expect(CSVReport.field("a,b") == "\"a,b\"")
        #expect(CSVReport.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    }
}

@Suite struct MarkdownReportTests {
    @Test func logSpacedGenerations() {
        #expect(MarkdownReport.tableGenerations(100) == [1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100])
        #expect(MarkdownReport.tableGenerations(12) == [1, 2, 3, 5, 7, 10, 12])
        #expect(MarkdownReport.tableGenerations(1) == [1])
    }

    @Test func reportShowsClaimsTheoryAndProvenance() throws {
        let result = try handMadeResult()
        let text = MarkdownReport.render(spec: result.spec, rows: result.rows, metadata: metadata(result))
        #expect(text.hasPrefix("# tiny\n"))
        #expect(text.contains("## Claims: 1 of 1 pass"))
        #expect(text.contains("| 1 | 0.3 ± 0.1 | 0.2857 | 0.14 |"))
        #expect(text.contains("`accumulate-subsample`: no closed form"))
        #expect(text.contains("commit 0123456789ab (uncommitted changes)"))
        #expect(text.contains("BLAS: TestBLAS"))
    }
}

@Suite struct RunMetadataTests {
    @Test func recordsTheSpecAsRunAndAStableHash() throws {
        let result = try handMadeResult()
        let meta = RunMetadata(result: result, provenance: Provenance.collect(started: Date(timeIntervalSince1970: 0)))
        let decoded = try JSONSerialization.jsonObject(with: Data(meta.render().utf8)) as? [String: Any]
        #expect(decoded?["seed"] as? Int == 1)
        #expect((decoded?["spec"] as? [String: Any])?["name"] as? String == "tiny")
        #expect(meta.specHash == RunMetadata.hash(of: result.spec))
        #expect(meta.specHash.hasPrefix("fnv1a64:") && meta.specHash.count == 8 + 16)
        #expect(!meta.provenance.blas.isEmpty)
        let back = try RunMetadata.read(Data(meta.render().utf8))
        #expect(back.claims == meta.claims && back.cells == meta.cells && back.specHash == meta.specHash)
        #expect(try back.validatedSpec().name == "tiny")
    }
}

@Suite struct AtomicFileTests {
    @Test func writesReplacesAndLeavesNoTemporaryFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)/nested")
        let url = directory.appendingPathComponent("out.csv")
        try AtomicFile.write("first\n", to: url)
        try AtomicFile.write("second\n", to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "second\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.csv"])
        try? FileManager.default.removeItem(at: directory.deletingLastPathComponent())
    }

    @Test func anUnwritablePlaceThrows() {
        #expect(throws: (any Error).self) { try AtomicFile.write("x", to: URL(fileURLWithPath: "/proc/harness-cannot-write/x.csv")) }
    }
}

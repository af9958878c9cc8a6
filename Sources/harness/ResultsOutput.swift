import ArgumentParser
import Experiments
import Foundation
import Reports

/// Writes a finished run's folder (results.csv, run.json, results.md, figure.svg) and prints its claim lines and
/// summary: the one code path of `harness run` and `harness merge`, so both give the same bytes.
enum ResultsOutput {
    static func write(_ result: ExperimentResult, to directory: URL, started: Date) throws(SpecError) {
        let spec = result.spec
        let metadata = RunMetadata(result: result, provenance: Provenance.collect(started: started))
        do {
            let rows = result.rows
            try AtomicFile.write(CSVReport.render(parameterNames: spec.parameterNames, rows: rows),
                                 to: directory.appendingPathComponent("results.csv"))
            try AtomicFile.write(metadata.render(), to: directory.appendingPathComponent("run.json"))
            // results.md and figure.svg: the same code `harness report` runs on the files just written.
            try ReportWriter.write(spec: spec, rows: rows, metadata: metadata, to: directory)
        } catch {
            throw SpecError(file: directory.path, path: "--out", message: "expected a writable folder, found an error: \(error.localizedDescription)")
        }
    }

    /// One line per claim, then `name: p of n claims pass; …`. Throws exit code 1 when a claim failed.
    static func printVerdicts(_ result: ExperimentResult, directory: URL) throws {
        let colour = VerdictColour.enabled
        for claim in result.claims { print(VerdictColour.apply(claim.line, enabled: colour)) }
        let passed = result.claims.filter { $0.verdict == ClaimResult.Verdict.pass }.count
        let failed = result.claims.filter { $0.verdict == ClaimResult.Verdict.fail }.count
        let threads = result.threads
        print("\(result.spec.name): \(passed) of \(result.claims.count) claims pass\(failed > 0 ? ", \(failed) fail" : ""); \(ReportNumber.fixed(result.wallSeconds, 2)) s on \(threads) thread\(threads == 1 ? "" : "s"); results in \(directory.path)/")
        if !result.allClaimsHold { throw ExitCode(ExitCodes.claimFailed) }
    }
}

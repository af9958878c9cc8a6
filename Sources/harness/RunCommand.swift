import ArgumentParser
import Experiments
import Foundation
import Reports

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a spec, write results.csv, results.md, figure.svg and run.json, and check its claims.",
        discussion: """
            Example: harness run experiments/accumulate.json --set d=7 --set T=40 --replicates 3000 --out /tmp/acc
            Exits 0 when every claim passes, 1 when one fails, 2 on bad input.
            """)

    @OptionGroup var options: SpecOptions

    @Option(help: "Output folder (default: results/<spec name>).")
    var out: String?

    @Option(help: "Worker threads (default: the number of cores). Never changes a number.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
        guard threads >= 1 && threads <= 1024 else { throw ValidationError("--threads must be between 1 and 1024, found \(threads)") }
    }

    func run() throws {
        let spec = try options.load()
        let started = Date()
        let err = FileHandle.standardError
        for cell in spec.cells {
            for warning in spec.family.warnings(cell) { err.write(Data("warning: \(cell.key): \(warning)\n".utf8)) }
        }
        let reporter: ProgressReporter? = quiet ? nil : ProgressReporter(title: spec.name)
        var callback: (@Sendable (Int, Int) -> Void)? = nil
        if let reporter { callback = { done, total in reporter.update(done, total) } }
        let result = Runner.run(spec, threads: threads, progress: callback)
        reporter?.finish()

        let directory = URL(fileURLWithPath: out ?? "results/\(spec.name)")
        let metadata = RunMetadata(result: result, provenance: Provenance.collect(started: started))
        do {
            let rows = result.rows
            try AtomicFile.write(CSVReport.render(parameterNames: spec.family.parameters.map(\.name), rows: rows),
                                 to: directory.appendingPathComponent("results.csv"))
            try AtomicFile.write(metadata.render(), to: directory.appendingPathComponent("run.json"))
            // results.md and figure.svg: the same code `harness report` runs on the files just written.
            try ReportWriter.write(spec: spec, rows: rows, metadata: metadata, to: directory)
        } catch {
            throw SpecError(file: directory.path, path: "--out", message: "expected a writable folder, found an error: \(error.localizedDescription)")
        }

        let colour = VerdictColour.enabled
        for claim in result.claims { print(VerdictColour.apply(claim.line, enabled: colour)) }
        let passed = result.claims.filter { $0.verdict == ClaimResult.Verdict.pass }.count
        let failed = result.claims.filter { $0.verdict == ClaimResult.Verdict.fail }.count
        print("\(spec.name): \(passed) of \(result.claims.count) claims pass\(failed > 0 ? ", \(failed) fail" : ""); \(ReportNumber.fixed(result.wallSeconds, 2)) s on \(threads) thread\(threads == 1 ? "" : "s"); results in \(directory.path)/")
        if !result.allClaimsHold { throw ExitCode(ExitCodes.claimFailed) }
    }
}

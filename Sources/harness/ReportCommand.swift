import ArgumentParser
import Experiments
import Foundation
import Reports

/// `harness report DIR`: rewrites results.md and figure.svg from results.csv and run.json, without rerunning.
/// It goes through the same `ReportWriter.write` as `run`, so the files come out byte-identical.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Regenerate results.md and figure.svg of a finished run from its results.csv and run.json.",
        discussion: """
            Example: harness report results/accumulate
            Exits 0 when the files were written, 2 when the folder is missing or its files cannot be read.
            """)

    @Argument(help: "A results folder written by `harness run` (holding results.csv and run.json).")
    var directory: String

    func run() throws {
        let url = URL(fileURLWithPath: directory)
        let loaded = try ReportWriter.load(directory: url)
        if loaded.metadata.familyVersion != loaded.spec.family.version {
            FileHandle.standardError.write(Data(("warning: \(url.path): made with family `\(loaded.spec.family.name)` "
                + "v\(loaded.metadata.familyVersion), this build has v\(loaded.spec.family.version); the report keeps the "
                + "run's numbers and version (rerun to get this build's)\n").utf8))
        }
        do {
            try ReportWriter.write(spec: loaded.spec, rows: loaded.rows, metadata: loaded.metadata, to: url)
        } catch {
            throw SpecError(file: url.path, path: "$", message: "expected a writable folder, found an error: \(error.localizedDescription)")
        }
        print("wrote \(url.appendingPathComponent(ReportWriter.markdownName).path) and \(ReportWriter.figureName)")
    }
}

import ArgumentParser
import Experiments
import Foundation
import Reports

/// `harness index results`: writes results/README.md, one row per results folder, from each run.json.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Write DIR/README.md: an index of the results folders in DIR (paper, title, claims, wall time, links).",
        discussion: "Example: harness index results")

    @Argument(help: "The folder of results folders.")
    var directory: String = "results"

    func run() throws {
        let url = URL(fileURLWithPath: directory)
        let entries: [ResultsIndex.Entry]
        do {
            entries = try ResultsIndex.write(directory: url)
        } catch let error as SpecError {
            throw error
        } catch {
            throw SpecError(file: url.path, path: "$", message: "expected a writable folder, found an error: \(error.localizedDescription)")
        }
        print("indexed \(entries.count) experiment\(entries.count == 1 ? "" : "s") in \(url.appendingPathComponent(ResultsIndex.fileName).path)")
    }
}

import ArgumentParser
import Experiments
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a spec (and overrides) without running it.",
        discussion: "Example: harness validate experiments/accumulate.json --set d=7 --set T=40")

    @OptionGroup var options: SpecOptions

    func run() throws {
        let spec = try options.load()
        try options.checkResources(spec, threads: ProcessInfo.processInfo.activeProcessorCount)
        let cells = spec.cells
        print("ok: \(spec.file): \(spec.family.name), \(cells.count) cell\(cells.count == 1 ? "" : "s") × \(spec.regimes.count) regime\(spec.regimes.count == 1 ? "" : "s") × \(spec.replicates) replicates × \(spec.generations) generations, \(spec.claims.count) claim\(spec.claims.count == 1 ? "" : "s")")
        for cell in cells {
            for warning in spec.family.warnings(cell) { print("warning: \(cell.key): \(warning)") }
        }
    }
}

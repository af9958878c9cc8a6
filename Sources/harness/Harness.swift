import ArgumentParser
import Experiments
import Foundation

/// Exit codes, in one place: 0 success, 1 a claim failed, 2 bad input (spec, override or command line).
enum ExitCodes {
    static let success: Int32 = 0
    static let claimFailed: Int32 = 1
    static let badInput: Int32 = 2
}

@main
struct Harness: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harness",
        abstract: "Reproduce published model-collapse results from declarative experiment specs.",
        discussion: """
            Example:
              harness run experiments/accumulate.json
              harness run experiments/accumulate.json --set replicates=200 --set regimes=replace,accumulate
              harness report results/accumulate
            Exit codes: 0 all claims pass, 1 a claim failed, 2 bad input.
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, ValidateCommand.self, MergeCommand.self, ListCommand.self, ReportCommand.self, IndexCommand.self, KernelsCommand.self]
    )

    /// Parses and runs, turning every kind of bad input into one line on stderr and exit code 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as SpecError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            Foundation.exit(ExitCodes.badInput)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            FileHandle.standardError.write(Data("error: \(message(for: error))\n".utf8))
            Foundation.exit(ExitCodes.badInput)
        }
    }
}

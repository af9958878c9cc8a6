import ArgumentParser
import Experiments
import Foundation

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the experiment specs in a folder with their titles.",
        discussion: "Example: harness list experiments")

    @Argument(help: "The folder of specs.")
    var directory: String = "experiments"

    func run() throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let specs = names.filter { $0.hasSuffix(".json") }.sorted()
        guard !specs.isEmpty else {
            throw SpecError(file: directory, path: "$", message: "expected a folder with .json specs, found none")
        }
        for name in specs {
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                let spec = try Spec.load(path: path)
                print("\(path)\t\(spec.title)")
            } catch {
                print("\(path)\tinvalid: \(error)")
            }
        }
    }
}

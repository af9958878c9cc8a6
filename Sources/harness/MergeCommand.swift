import ArgumentParser
import Experiments
import Foundation

/// `harness merge DIR... --out DIR`: combines the folders of `harness run SPEC --shard k/N` into the results of
/// one run (byte-identical results.csv), refusing a set that is incomplete or mixed (see `ShardMerge`).
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the output folders of every shard of a run (harness run --shard k/N) into its results.",
        discussion: """
            Example: harness merge shards/1 shards/2 shards/3 --out results/accumulate
            Exits like `run` (0 every claim passes, 1 one fails) and 2 when a shard is missing, duplicated,
            unfinished or from another spec.
            """)

    @Argument(help: "The shard folders, all N of them, in any order.")
    var directories: [String]

    @Option(help: "Output folder for the merged results.")
    var out: String

    func run() throws {
        let started = Date()
        let start = DispatchTime.now()
        let (spec, pieces) = try ShardMerge.load(directories: directories.map { URL(fileURLWithPath: $0) })
        let result = Runner.finish(spec, pieces: pieces, threads: 1, wallSeconds: Runner.seconds(since: start))
        let directory = URL(fileURLWithPath: out)
        try ResultsOutput.write(result, to: directory, started: started)
        try ResultsOutput.printVerdicts(result, directory: directory)
    }
}

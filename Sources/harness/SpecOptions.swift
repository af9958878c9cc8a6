import ArgumentParser
import Experiments

/// The options `run` and `validate` share, so that `validate` checks exactly what `run` would run.
struct SpecOptions: ParsableArguments {
    @Argument(help: "The experiment spec (JSON), e.g. experiments/accumulate.json.")
    var spec: String

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a parameter or a top-level field (generations, replicates, seed, regimes); repeatable. A comma makes a list.",
        valueName: "key=value"))
    var assignments: [String] = []

    @Option(help: "Shorthand for --set replicates=N.")
    var replicates: Int?

    @Flag(help: "Run a spec even when its traces need more than 8 GiB or it would take more than about 4 hours.")
    var allowLarge = false

    /// Loads and validates the spec with every override applied.
    func load() throws(SpecError) -> Spec {
        var all = assignments
        if let replicates { all.append("replicates=\(replicates)") }
        return try Spec.load(path: spec, overrides: all)
    }

    /// Refuses a run beyond the resource limits (see `ResourceEstimate`) unless `--allow-large`.
    func checkResources(_ spec: Spec, threads: Int, shards: Int = 1) throws(SpecError) {
        guard !allowLarge else { return }
        if let problem = ResourceEstimate(spec: spec, threads: threads, shards: shards).problem(file: spec.file) { throw problem }
    }
}

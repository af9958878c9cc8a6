import Collapse
import Foundation

/// Runs a validated spec: cells → engine → traces with theory → claims.
public enum Runner {
    public static func run(_ spec: Spec, threads: Int, progress: (@Sendable (Int, Int) -> Void)? = nil) -> ExperimentResult {
        let start = DispatchTime.now()
        let cells = spec.cells
        let tasks = cells.map {
            CellTask(family: spec.family, parameters: $0, regimes: spec.regimes, generations: spec.generations,
                     replicates: spec.replicates, seed: spec.seed)
        }
        let outcomes = Engine(threads: threads).run(tasks, progress: progress)
        let results = outcomes.map { outcome in
            CellResult(
                parameters: outcome.task.parameters,
                regimes: spec.regimes,
                traces: outcome.traces,
                theory: spec.regimes.map { regime in
                    spec.family.metricNames.map { spec.family.theory(metric: $0, regime: regime, parameters: outcome.task.parameters) }
                },
                fits: outcome.fits,
                minimumNormFits: outcome.minimumNormFits,
                warnings: spec.family.warnings(outcome.task.parameters))
        }
        let claims = spec.claims.map { ClaimCheck.evaluate($0, family: spec.family, cells: results, replicates: spec.replicates) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return ExperimentResult(spec: spec, cells: results, claims: claims, threads: threads, wallSeconds: seconds)
    }
}

import Collapse

/// A linear-regression cell for tests.
func regressionCell(d: Int, T: Int, sigma2: Double = 1, design: String = "fixed") -> CellParameters {
    CellParameters([("d", .integer(d)), ("T", .integer(T)), ("sigma2", .real(sigma2)), ("design", .text(design))])
}

func request(_ cell: CellParameters, _ regime: Regime, generations: Int, replicates: Range<Int>, seed: UInt64 = 7) -> SimulationRequest {
    SimulationRequest(parameters: cell, regime: regime, generations: generations, replicates: replicates, seed: seed)
}

/// Runs `replicates` replicates through the engine and returns the summary of every generation.
func summaries(_ cell: CellParameters, _ regime: Regime, generations: Int, replicates: Int, seed: UInt64, threads: Int = 2) -> [Summary] {
    let task = CellTask(family: LinearRegression.self, parameters: cell, regimes: [regime], generations: generations,
                        replicates: replicates, seed: seed)
    let trace = Engine(threads: threads).run([task])[0].traces[0][0]
    return (1...generations).map { Summary(trace.atGeneration($0)) }
}

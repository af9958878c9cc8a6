import Testing
import Collapse

@Suite struct EngineDeterminismTests {
    func traces(threads: Int, blockSize: Int, replicates: Int = 37) -> [[Double]] {
        let tasks = [regressionCell(d: 3, T: 10), regressionCell(d: 5, T: 9, design: "fresh")].map {
            CellTask(family: LinearRegression.self, parameters: $0, regimes: Regime.allCases, generations: 7,
                     replicates: replicates, seed: 5)
        }
        return Engine(threads: threads, blockSize: blockSize).run(tasks).flatMap { $0.traces.flatMap { $0.map(\.values) } }
    }

    @Test func threadsAndBlocksNeverChangeANumber() {
        let reference = traces(threads: 1, blockSize: 100)
        #expect(traces(threads: 2, blockSize: 100) == reference)
        #expect(traces(threads: 2, blockSize: 4) == reference)
        #expect(traces(threads: 3, blockSize: 1) == reference)
    }

    @Test func fewerReplicatesAreAPrefix() {
        // Streams are keyed by replicate index, so 10 replicates are the first 10 of 37.
        let all = traces(threads: 2, blockSize: 5)
        let few = traces(threads: 2, blockSize: 5, replicates: 10)
        for (a, b) in zip(all, few) { #expect(Array(a.prefix(b.count)) == b) }
    }

    @Test func regimesShareTheFirstGeneration() {
        // Common random numbers: every regime fits the same real data at generation 1.
        let task = CellTask(family: LinearRegression.self, parameters: regressionCell(d: 3, T: 10), regimes: Regime.allCases,
                            generations: 4, replicates: 6, seed: 3)
        let outcome = Engine(threads: 2).run([task])[0]
        let first = outcome.traces.map { $0[0].atGeneration(1) }
        #expect(first[0] == first[1])  // the same solver on the same data
        // The subsample fit solves the same problem through weighted normal equations: equal to rounding.
        for (a, b) in zip(first[0], first[2]) { #expect(abs(a - b) <= 1e-12 * a) }
        #expect(outcome.traces[0][0].atGeneration(2) != outcome.traces[1][0].atGeneration(2))
    }

    @Test func seedsAndCellsGiveDifferentStreams() {
        let a = summaries(regressionCell(d: 3, T: 10), .replace, generations: 3, replicates: 5, seed: 1)
        let b = summaries(regressionCell(d: 3, T: 10), .replace, generations: 3, replicates: 5, seed: 2)
        let c = summaries(regressionCell(d: 3, T: 11), .replace, generations: 3, replicates: 5, seed: 1)
        #expect(a != b && a != c)
    }
}

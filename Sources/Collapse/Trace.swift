/// Every replicate's value of one metric at every generation, for one cell and regime.
/// `values[replicate · generations + (generation − 1)]`.
public struct Trace: Sendable {
    public let generations: Int
    public let replicates: Int
    public var values: [Double]

    public init(generations: Int, replicates: Int, values: [Double]) {
        precondition(values.count == generations * replicates, "Trace size mismatch")
        self.generations = generations
        self.replicates = replicates
        self.values = values
    }

    /// The parts laid end to end in one allocation (`flatMap` grows by doubling, and every copy of a trace of
    /// hundreds of megabytes is fresh pages to fault in). A single part is returned as is, without a copy.
    public static func concatenating(_ parts: [[Double]]) -> [Double] {
        if parts.count == 1 { return parts[0] }
        var out: [Double] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { out.append(contentsOf: part) }
        return out
    }

    @inline(__always)
    public func value(replicate: Int, generation: Int) -> Double {
        values[replicate * generations + generation - 1]
    }

    /// The values of all replicates at one generation, in replicate order.
    public func atGeneration(_ g: Int) -> [Double] {
        (0..<replicates).map { value(replicate: $0, generation: g) }
    }

    /// The summary of every generation, 1 … G, in order: the same numbers as `Summary(atGeneration(g))`, with
    /// one reused column buffer (no allocation per generation, selection in place).
    public func summaries() -> [Summary] {
        var column = [Double](repeating: 0, count: replicates)
        return (0..<generations).map { g in
            values.withUnsafeBufferPointer { v in
                column.withUnsafeMutableBufferPointer { c in
                    for r in 0..<replicates { c[r] = v[r * generations + g] }
                }
            }
            return Summary(reordering: &column)
        }
    }
}

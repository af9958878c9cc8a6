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

    @inline(__always)
    public func value(replicate: Int, generation: Int) -> Double {
        values[replicate * generations + generation - 1]
    }

    /// The values of all replicates at one generation, in replicate order.
    public func atGeneration(_ g: Int) -> [Double] {
        (0..<replicates).map { value(replicate: $0, generation: g) }
    }
}

/// A closed-form curve from a paper, as a function of the generation index (1-based).
///
/// Theory is computed from its formula and the cell's parameters only; it never sees data, so it cannot be
/// fitted to what it is checked against.
public struct TheoryCurve: Sendable {
    /// Short name used by claims and tables, e.g. `accumulate` or `accumulate_limit`.
    public let name: String
    /// The formula in plain Unicode with its source, shown in the Markdown report.
    public let formula: String
    /// The curve's value at a generation, or `nil` where the formula is undefined.
    public let value: @Sendable (Int) -> Double?

    public init(name: String, formula: String, value: @escaping @Sendable (Int) -> Double?) {
        self.name = name
        self.formula = formula
        self.value = value
    }
}

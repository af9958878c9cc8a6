import Collapse

/// A validated experiment spec: the paper's setup as data (see experiments/README.md for the format).
public struct Spec: Sendable {
    /// The spec format version this harness reads.
    public static let schemaVersion = 1

    /// The file it came from, as given on the command line (used in messages).
    public let file: String
    public let name: String
    public let title: String
    public let description: String?
    public let paper: String
    public let family: any ModelFamily.Type
    /// Every family parameter in schema order with its values, then any loop parameter the spec gives
    /// (`real_fraction`, `anchor`); more than one value makes a sweep axis.
    public let parameters: [(name: String, values: [ParameterValue])]
    public let regimes: [Regime]
    public let generations: Int
    public let replicates: Int
    public let seed: UInt64
    public let claims: [Claim]
    /// The spec as run: the JSON after `--set` overrides, with defaults filled in.
    public let asRun: JSONValue

    /// The sweep cells: the product of the parameter values, the first parameter varying slowest.
    public var cells: [CellParameters] { Self.cells(of: parameters) }

    static func cells(of parameters: [(name: String, values: [ParameterValue])]) -> [CellParameters] {
        var result: [[(String, ParameterValue)]] = [[]]
        for (name, values) in parameters {
            result = result.flatMap { prefix in values.map { prefix + [(name, $0)] } }
        }
        return result.map(CellParameters.init)
    }

    /// The cell parameters in column order: the family's, then the loop parameters the spec gives.
    public var parameterNames: [String] { parameters.map(\.name) }

    /// The parameters that take more than one value.
    public var sweptParameters: [String] { parameters.filter { $0.values.count > 1 }.map(\.name) }
}

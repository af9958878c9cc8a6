import Randomness

/// A metric a family reports at every generation.
public struct MetricDescription: Sendable {
    public let name: String
    public let summary: String
    /// A 0/1 metric whose mean is a proportion: z-scores use the score test (the SE of the hypothesised p), since
    /// the sample SE is 0 when every replicate agrees.
    public let isIndicator: Bool
    public init(_ name: String, _ summary: String, indicator: Bool = false) {
        self.name = name
        self.summary = summary
        self.isIndicator = indicator
    }
}

/// A problem with a combination of parameter values that no single schema can see (e.g. T relative to d).
public struct ParameterProblem: Sendable, Equatable {
    /// The parameter the message is attached to.
    public let parameter: String
    public let message: String
    public init(parameter: String, message: String) {
        self.parameter = parameter
        self.message = message
    }
}

/// One block of work: replicates `replicates` of one cell under one regime, for `generations` generations.
public struct SimulationRequest: Sendable {
    public let parameters: CellParameters
    public let regime: Regime
    public let generations: Int
    public let replicates: Range<Int>
    public let seed: UInt64
    /// Refit on the full training set every generation (the reference loop) instead of a family's fast path,
    /// far slower; for checking and for benchmarking the shortcuts. Linear regression gives the same numbers
    /// to rounding (the tests pin each shortcut to the direct fit). The Gaussian and mixture-regression families
    /// then also draw every sample instead of their sufficient statistics (`sampler`), so they agree in
    /// distribution only. Families without a separate fast path ignore it.
    public let direct: Bool

    public init(parameters: CellParameters, regime: Regime, generations: Int, replicates: Range<Int>, seed: UInt64,
                direct: Bool = false) {
        self.parameters = parameters
        self.regime = regime
        self.generations = generations
        self.replicates = replicates
        self.seed = seed
        self.direct = direct
    }

    /// The random streams of one replicate (see `ReplicateStreams`).
    public func streams(replicate: Int) -> ReplicateStreams {
        ReplicateStreams(seed: seed, cellKey: parameters.key, replicate: replicate)
    }
}

/// Metric values of a block of replicates: `values[metric][(replicate − first) · generations + (generation − 1)]`.
public struct SimulationBlock: Sendable {
    public let metricCount: Int
    public let generations: Int
    public let replicateCount: Int
    public var values: [[Double]]
    /// Number of fits that used the minimum-norm fallback instead of the fast path.
    public var minimumNormFits: Int = 0
    /// Number of fits in all.
    public var fits: Int = 0

    public init(metricCount: Int, generations: Int, replicateCount: Int) {
        self.metricCount = metricCount
        self.generations = generations
        self.replicateCount = replicateCount
        self.values = Array(repeating: Array(repeating: .nan, count: generations * replicateCount), count: metricCount)
    }

    /// Stores the metrics of replicate number `replicate` (0-based within the block) at `generation` (1-based).
    @inline(__always)
    public mutating func record(replicate: Int, generation: Int, _ metrics: [Double]) {
        for m in 0..<metricCount { values[m][replicate * generations + generation - 1] = metrics[m] }
    }
}

/// A model family plugged into the self-consuming loop: its parameters, metrics, theory and how to simulate
/// replicates. One type per family, listed in `FamilyRegistry`.
public protocol ModelFamily: Sendable {
    /// The spec name, e.g. `linear-regression`.
    static var name: String { get }
    /// Bumped whenever the family's numbers can change for the same spec and seed.
    static var version: Int { get }
    static var summary: String { get }
    /// The parameters in canonical order (the order of sweep axes and of CSV columns).
    static var parameters: [ParameterSchema] { get }
    static var metrics: [MetricDescription] { get }
    static var regimes: [Regime] { get }
    /// Names of the theory curves claims may name as bounds.
    static var curveNames: [String] { get }

    /// Errors in the combination of parameter values.
    static func problems(_ parameters: CellParameters) -> [ParameterProblem]
    /// Warnings to print for a cell (e.g. a fit that must fall back to the minimum-norm solution).
    static func warnings(_ parameters: CellParameters) -> [String]
    /// The theory curve a metric follows under a regime, or `nil` where no closed form applies.
    static func theory(metric: String, regime: Regime, parameters: CellParameters) -> TheoryCurve?
    /// A named curve (a bound or a reference law) for a metric, or `nil` if undefined for these parameters.
    static func curve(named: String, metric: String, parameters: CellParameters) -> TheoryCurve?
    /// Runs the replicates of `request` through every generation.
    static func simulate(_ request: SimulationRequest) -> SimulationBlock
    /// The most generations the family can run: 1 for one-shot experiments (the loop cut at one generation, such as
    /// strong model collapse), `nil` for no limit. The spec validator enforces it.
    static var maximumGenerations: Int? { get }
    /// A rough count of the floating-point operations one replicate of one regime costs per generation, for the
    /// up-front resource guard (`harness run` refuses hours-long grids unless told `--allow-large`). Only its
    /// order of magnitude matters. A default is given below; a family whose cost grows faster (a d³ solve
    /// every generation) should say so here.
    static func estimatedOperationsPerGeneration(_ parameters: CellParameters, regime: Regime) -> Double
}

extension ModelFamily {
    public static var metricNames: [String] { metrics.map(\.name) }
    public static var maximumGenerations: Int? { nil }

    /// Default: the product of the cell's integer-kind parameters (sizes such as d·T or d·M: one pass over one
    /// generation's data) times 10, at least 10. Right in order of magnitude for a family that touches each
    /// datum a few times per generation; families with costlier fits override it.
    public static func estimatedOperationsPerGeneration(_ parameters: CellParameters, regime: Regime) -> Double {
        var product = 1.0
        for schema in Self.parameters {
            guard case .integer = schema.kind, case let .integer(i)? = parameters[schema.name], i > 0 else { continue }
            product *= Double(i)
        }
        return 10 * product
    }
}

/// Every family the harness knows, by spec name.
public enum FamilyRegistry {
    public static let all: [any ModelFamily.Type] = [LinearRegression.self, Gaussian.self, Categorical.self, MixtureRegression.self, RandomProjection.self, NGramText.self]

    public static func family(named name: String) -> (any ModelFamily.Type)? {
        all.first { $0.name == name }
    }
}

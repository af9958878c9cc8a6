/// How a family draws a generation's data (the spec parameter `sampler`, for the families whose fit depends on the
/// data only through sufficient statistics: `gaussian`, `mixture-regression`).
///
/// - `statistics` (the default): the sufficient statistics are drawn directly from their exact joint law (a Wishart
///   by the Bartlett decomposition, normal means and cross-moments), so a generation costs O(d³) whatever its size;
/// - `samples`: every sample (row) is drawn and the statistics are computed from them, as the papers' code does.
///
/// The two agree in distribution, not draw for draw (tests compare them at 4 standard errors). `samples` is kept
/// for that comparison and for regimes that pick individual rows (accumulate-subsample, mix-reservoir), which use it
/// whatever the parameter says. The parameter is part of the cell key, so the two samplers draw from different
/// streams.
public enum DataSampler: String, CaseIterable, Sendable {
    case statistics
    case samples

    public static let parameterName = "sampler"

    /// The schema entry, default `statistics`; `statistics` says what the family's statistics sampler draws.
    static func schema(statistics: String) -> ParameterSchema {
        ParameterSchema(parameterName, .choice(allCases.map(\.rawValue)), default: .text(DataSampler.statistics.rawValue),
                        summary: "statistics: \(statistics); samples: draw every sample")
    }

    /// The cell's sampler; a cell without the parameter (hand-built in tests) gets the default, `statistics`.
    init(_ p: CellParameters) {
        if case let .text(name)? = p[Self.parameterName], let chosen = DataSampler(rawValue: name) { self = chosen } else { self = .statistics }
    }
}

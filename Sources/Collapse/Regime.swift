/// Which data the next generation's fit sees (Gerstgrasser et al. 2024; Kazdan et al. 2024).
///
/// Generation 1 always fits the real data D₁. At generation g ≥ 2 the previous model generates Dg and:
/// - `replace`: the fit sees Dg only;
/// - `accumulate`: the fit sees D₁ ∪ D₂ ∪ … ∪ Dg (real data kept, synthetic data piling up);
/// - `accumulateSubsample`: the fit sees as many rows as one generation has (T), drawn uniformly without
///   replacement from the accumulated pool D₁ ∪ … ∪ Dg, so the training-set size stays constant.
/// Mixing a share of real data into every generation's training set of T rows (Bertrand et al., ICLR 2024;
/// Jangjoo, Marsili & Roudi 2025), with the rest synthetic from the previous model:
/// - `mixFresh`: round(λ·T) real rows drawn afresh each generation, λ = parameter `real_fraction`;
/// - `mixReservoir`: round(λ·T) rows drawn without replacement from a fixed reservoir, the real data D₁ sampled once;
/// - `anchor`: a fixed number of fresh real rows per generation, parameter `anchor` (1 is the interesting case).
/// λ = 0 is `replace` exactly (the same streams give the same numbers); the reservoir with λ = 1 refits D₁ itself.
public enum Regime: String, CaseIterable, Sendable, Hashable, Codable {
    case replace
    case accumulate
    case accumulateSubsample = "accumulate-subsample"
    case mixFresh = "mix-fresh"
    case mixReservoir = "mix-reservoir"
    case anchor

    /// The spec name, e.g. `accumulate-subsample`.
    public var name: String { rawValue }

    /// The loop parameter the regime needs, if any.
    public var requiredParameter: String? {
        switch self {
        case .mixFresh, .mixReservoir: return LoopParameters.realFraction
        case .anchor: return LoopParameters.anchor
        default: return nil
        }
    }

    /// The regimes every family runs through the generic reference loop.
    public static let mixing: [Regime] = [.mixFresh, .mixReservoir, .anchor]
}

/// Parameters of the loop itself rather than of a family: allowed in every spec, and part of a cell (its key, its
/// CSV columns) only when the spec gives them, so specs that do not mix keep their cells and their numbers.
public enum LoopParameters {
    public static let realFraction = "real_fraction"
    public static let anchor = "anchor"

    public static let schema: [ParameterSchema] = [
        ParameterSchema(realFraction, .real(minimum: 0, maximum: 1),
                        summary: "λ, the share of real rows in every generation's training set (mix-fresh, mix-reservoir)"),
        ParameterSchema(anchor, .integer(minimum: 0, maximum: 100_000_000),
                        summary: "fresh real rows in every generation's training set (anchor)"),
    ]
}

/// Which data the next generation's fit sees (Gerstgrasser et al. 2024; Kazdan et al. 2024).
///
/// Generation 1 always fits the real data D₁. At generation g ≥ 2 the previous model generates Dg and:
/// - `replace`: the fit sees Dg only;
/// - `accumulate`: the fit sees D₁ ∪ D₂ ∪ … ∪ Dg (real data kept, synthetic data piling up);
/// - `accumulateSubsample`: the fit sees as many rows as one generation has (T), drawn uniformly without
///   replacement from the accumulated pool D₁ ∪ … ∪ Dg, so the training-set size stays constant.
public enum Regime: String, CaseIterable, Sendable, Hashable, Codable {
    case replace
    case accumulate
    case accumulateSubsample = "accumulate-subsample"

    /// The spec name, e.g. `accumulate-subsample`.
    public var name: String { rawValue }
}

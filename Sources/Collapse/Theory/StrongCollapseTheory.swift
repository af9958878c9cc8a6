/// Closed forms for strong model collapse (Dohmatob, Feng, Subramonian, Kempe, ICLR 2025, arXiv:2410.04840):
/// one least-squares fit on n = n₁ + n₂ rows x ~ N(0, I_d), n₁ labelled y = xᵀw₁* + ε and n₂ labelled
/// y = xᵀw₂* + ε by an imperfect generator w₂* = w₁* + δ, ‖δ‖² = c², ε ~ N(0, σ²). p₂ = n₂/n is the
/// *realised* synthetic fraction (n₂ = round(p₂·n), so p₂ here is n₂/n, not the spec's nominal value), p₁ = 1 − p₂.
/// Test error ‖ŵ − w₁*‖², the excess risk with the noise excluded (PAPERS.md §0.1).
///
/// Exact vs approximate. For ridgeless OLS (n ≥ d + 2) the error splits into a noise part and a bias part:
///   ŵ − w₁* = (XᵀX)⁻¹Xᵀε + (XᵀX)⁻¹X₂ᵀX₂·δ,
/// the cross term has mean 0, and both means have closed forms (`cleanError`, `syntheticBias`), so
/// `expectedTestError` is exact for every n, n₂ and d. The paper's formula (`paperTestError`) is its
/// proportional-limit (deterministic-equivalent) approximation: exact at p₂ ∈ {0, 1}, and otherwise below the
/// exact mean by about p₁p₂c²/(n − d) for 1 ≪ d ≪ n, a share ≈ 1/d of its cross term p₁p₂c²·φ/(1 − φ).
/// (Monte Carlo, 2·10⁵ replicates, d = 10, n = 20, p₂ = 0.5, c² = 1: bias 0.5230 ± 0.0006, exact 0.5239,
/// paper 0.5000.) The floor p₂²c² is the limit of both as n → ∞ at fixed p₂.
public enum StrongCollapseTheory {
    /// n₂ = round(p₂·n) (half away from zero): the number of synthetic rows the family draws.
    public static func syntheticCount(n: Int, p2: Double) -> Int {
        Int((p2 * Double(n)).rounded())
    }

    /// The clean curve E‖ŵ − w₁*‖² = σ²d/(n − d − 1) of OLS on n real rows (inverse-Wishart mean; exact).
    /// `nil` for n ≤ d + 1, where the mean is infinite.
    public static func cleanError(sigma2: Double, d: Int, n: Int) -> Double? {
        guard n >= d + 2 else { return nil }
        return sigma2 * Double(d) / Double(n - d - 1)
    }

    /// The exact mean of the synthetic-data bias E‖(XᵀX)⁻¹X₂ᵀX₂δ‖² (derived for harness; checked by Monte Carlo):
    ///
    ///   c² · [ n₂(n₂ + 2) / (n(n + 2))  +  n₁n₂(n + 1)(d − 1) / (n(n − 1)(n + 2)(n − d − 1)) ]
    ///
    /// Derivation: with X = UΣVᵀ, U is Haar on the Stiefel manifold and independent of Σ, so with K = UᵀD₂U
    /// (D₂ selects the synthetic rows) E tr(X₂ᵀX₂W⁻²X₂ᵀX₂) = Σₐ E[Kₐₐ²] + Σₐ≠ᵦ E[Kₐᵦ²]·E[sₐ⁻²sᵦ²], with
    /// E[Kₐₐ²] = n₂(n₂+2)/(n(n+2)), E[Kₐᵦ²] = n₁n₂/(n(n−1)(n+2)), and E[tr W·tr W⁻¹] = d(nd−2)/(n−d−1)
    /// (tr W is independent of W/tr W). The mean does not depend on the direction of δ (X is rotation
    /// invariant), nor on w₁*. d = 1 reduces to the Beta moment E[B²] = n₂(n₂+2)/(n(n+2)). `nil` for n ≤ d + 1.
    public static func syntheticBias(c2: Double, d: Int, n: Int, n2: Int) -> Double? {
        guard n >= d + 2, n2 >= 0, n2 <= n else { return nil }
        let nn = Double(n), s = Double(n2), r = Double(n - n2), dd = Double(d)
        let diagonal = s * (s + 2) / (nn * (nn + 2))
        let offDiagonal = r * s * (nn + 1) * (dd - 1) / (nn * (nn - 1) * (nn + 2) * (nn - dd - 1))
        return c2 * (diagonal + offDiagonal)
    }

    /// The exact mean test error σ²d/(n − d − 1) + `syntheticBias` of ridgeless OLS on the mixture.
    public static func expectedTestError(sigma2: Double, c2: Double, d: Int, n: Int, n2: Int) -> Double? {
        guard let clean = cleanError(sigma2: sigma2, d: d, n: n), let bias = syntheticBias(c2: c2, d: d, n: n, n2: n2) else { return nil }
        return clean + bias
    }

    /// The paper's approximation (Dohmatob et al. 2025, ridgeless case, Σ = I; PAPERS.md §5):
    ///   E_test ≈ σ²d/(n − d − 1) + p₂²c² + p₁p₂c²·φ/(1 − φ),  φ = d/n.
    /// Approximate (see the type's note); `nil` for n ≤ d + 1.
    public static func paperTestError(sigma2: Double, c2: Double, d: Int, n: Int, n2: Int) -> Double? {
        guard let clean = cleanError(sigma2: sigma2, d: d, n: n), let gap = paperGap(c2: c2, d: d, n: n, n2: n2) else { return nil }
        return clean + gap
    }

    /// The paper's approximation without the clean part: p₂²c² + p₁p₂c²·φ/(1 − φ), φ = d/n.
    public static func paperGap(c2: Double, d: Int, n: Int, n2: Int) -> Double? {
        guard n >= d + 2, n2 >= 0, n2 <= n else { return nil }
        let p2 = Double(n2) / Double(n), p1 = 1 - p2, phi = Double(d) / Double(n)
        return p2 * p2 * c2 + p1 * p2 * c2 * phi / (1 - phi)
    }

    /// The floor p₂²c² (Dohmatob et al. 2025): the limit of the error as n → ∞ at fixed p₂ > 0. More data
    /// stops helping once σ²d/(n − d − 1) falls below it, i.e. n ≳ σ²d/(p₂²c²).
    public static func floor(c2: Double, n: Int, n2: Int) -> Double {
        let p2 = Double(n2) / Double(n)
        return p2 * p2 * c2
    }

    // MARK: - Random-projection model

    /// The gap below the interpolation threshold of the random-projection model f(x) = vᵀSx (S: m×d, entries
    /// N(0, 1/d), v ridgeless least squares on Z = XSᵀ), r = m/d (PAPERS.md §5, ✔ by an independent Monte Carlo):
    ///   gap(m) = E[error(p₂) − error(0)] = p₂c²·[(1 − r)·m/(n − m − 1) + p₂·r + p₁·r·m/(n − m)]
    /// Ridgeless (λ → 0) and m ≤ n − 2; `nil` otherwise. It rises with m: larger models amplify the gap.
    public static func projectionGapBelowThreshold(c2: Double, d: Int, n: Int, n2: Int, m: Int) -> Double? {
        guard m >= 1, m <= n - 2, n2 >= 0, n2 <= n else { return nil }
        let p2 = Double(n2) / Double(n), p1 = 1 - p2
        let mm = Double(m), nn = Double(n), r = mm / Double(d)
        return p2 * c2 * ((1 - r) * mm / (nn - mm - 1) + p2 * r + p1 * r * mm / (nn - mm))
    }

    /// The gap of the infinitely wide projection (ridgeless regression on x itself, d > n; PAPERS.md §5):
    ///   gap(∞) ≈ p₂c²·[p₂·n/d + p₁·n/(d − n)]
    /// (0.375 predicted vs 0.377 ± 0.003 measured at n = 500, d = 1000, p₂ = 0.5, c² = 1). `nil` unless d ≥ n + 2.
    public static func projectionGapLimit(c2: Double, d: Int, n: Int, n2: Int) -> Double? {
        guard d >= n + 2, n2 >= 0, n2 <= n else { return nil }
        let p2 = Double(n2) / Double(n), p1 = 1 - p2, nn = Double(n), dd = Double(d)
        return p2 * c2 * (p2 * nn / dd + p1 * nn / (dd - nn))
    }
}

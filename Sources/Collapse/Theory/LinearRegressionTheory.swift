/// Closed forms for linear regression retrained on its own labels, fixed design X (T×d, rows N(0, I_d)),
/// noise variance σ², test error ‖ŵ − w*‖² (noise excluded; PAPERS.md §0.1), generation n ≥ 1 where n = 1
/// is the fit on real data (Gerstgrasser et al.'s indexing).
///
/// Every formula needs T ≥ d + 2: it averages over X through the inverse-Wishart mean
/// E[(XᵀX)⁻¹] = I/(T − d − 1), which is infinite for T ≤ d + 1. There the functions return `nil`.
public enum LinearRegressionTheory {
    /// σ²d/(T − d − 1): the expected test error of one OLS fit on real data.
    public static func singleFitError(sigma2: Double, d: Int, T: Int) -> Double? {
        guard T >= d + 2 else { return nil }
        return sigma2 * Double(d) / Double(T - d - 1)
    }

    /// Replace: E‖ŵₙ − w*‖² = σ²d/(T − d − 1) · n
    /// (Dohmatob, Feng, Kempe 2024, "Model Collapse Demystified", Thm 4.1; Gerstgrasser et al. 2024 §2).
    /// Exact for the fixed design; also exact with a fresh design every generation.
    public static func replace(sigma2: Double, d: Int, T: Int, generation n: Int) -> Double? {
        singleFitError(sigma2: sigma2, d: d, T: T).map { $0 * Double(n) }
    }

    /// Accumulate: E‖ŵₙ − w*‖² = σ²d/(T − d − 1) · Σᵢ₌₁ⁿ 1/i²  (Gerstgrasser et al. 2024, Thm 2).
    /// Exact for the fixed design (it follows from Thm 1, ŵₙ = w* + (XᵀX)⁻¹Xᵀ Σᵢ Eᵢ/i); with a fresh design
    /// every generation the error lands below it (PAPERS.md §0.2).
    public static func accumulate(sigma2: Double, d: Int, T: Int, generation n: Int) -> Double? {
        guard let c = singleFitError(sigma2: sigma2, d: d, T: T) else { return nil }
        // Summed from the smallest term up, so the partial sums are as exact as doubles allow.
        var s = 0.0
        if n >= 1 { for i in stride(from: n, through: 1, by: -1) { s += 1 / (Double(i) * Double(i)) } }
        return c * s
    }

    /// The accumulate bound σ²d/(T − d − 1) · π²/6 = lim ₙ→∞ of `accumulate` (Gerstgrasser et al. 2024, Thm 2).
    public static func accumulateLimit(sigma2: Double, d: Int, T: Int) -> Double? {
        singleFitError(sigma2: sigma2, d: d, T: T).map { $0 * Double.pi * Double.pi / 6 }
    }
}

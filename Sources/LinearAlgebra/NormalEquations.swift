/// Least squares through sufficient statistics: solves (XᵀX)·W = XᵀY from the Gram matrix G = XᵀX and the
/// moments M = XᵀY alone, so a fit costs O(d³ + d²·nrhs) whatever the number of rows behind G.
///
/// Fast path: Cholesky of G. The normal equations square the condition number of X (relative error
/// ≈ ε·κ(X)² = ε / rcond(G)), so the Cholesky path is taken only when `rcond(G) ≥ minimumReciprocalCondition`
/// (default 1e−10, which bounds the relative error near 1e−6, far below any Monte Carlo error). Otherwise
/// the caller gets `nil` and falls back to the minimum-norm solution on X itself (`LeastSquares.minimumNorm`).
public enum NormalEquations {
    public static let minimumReciprocalCondition = 1e-10

    /// The Cholesky factor of `gram` if the fast path is safe, or `nil` when the caller must fall back.
    public static func factor(gram: Matrix, minimumReciprocalCondition: Double = minimumReciprocalCondition) -> Cholesky? {
        guard let chol = try? Cholesky(gram), chol.reciprocalCondition >= minimumReciprocalCondition else { return nil }
        return chol
    }
}

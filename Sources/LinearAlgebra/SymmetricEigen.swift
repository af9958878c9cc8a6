import CLAPACK

/// The eigen-decomposition A = V·diag(λ)·Vᵀ of a symmetric matrix (`dsyevd`, divide and conquer), eigenvalues
/// ascending. Used where a covariance may be singular: a Gaussian fitted to M ≤ d points has rank < d, has no
/// Cholesky factor, but still has the square root V·diag(√λ) to sample from, and its W₂ distance and log det
/// come straight from λ.
public struct SymmetricEigen: Sendable {
    public let eigenvalues: [Double]
    /// Orthonormal eigenvectors as columns, in the order of `eigenvalues`.
    public let eigenvectors: Matrix

    /// Decomposes `a` (only its upper triangle is read).
    /// - Throws: `LAPACKError.nonFiniteInput` on NaN or infinity, `.didNotConverge` if the algorithm fails.
    public init(_ a: Matrix) throws(LAPACKError) {
        precondition(a.rows == a.columns, "SymmetricEigen needs a square matrix")
        let n = a.rows
        if !a.storage.allSatisfy(\.isFinite) { throw .nonFiniteInput(routine: "dsyevd") }
        var v = a
        var w = [Double](repeating: 0, count: n)
        guard n > 0 else { eigenvalues = []; eigenvectors = v; return }
        let jobz = Int8(UInt8(ascii: "V")), uplo = Int8(UInt8(ascii: "U"))
        var query = 0.0
        var iquery: Int32 = 0
        _ = checkArguments(v.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, jobz, uplo, Int32(n), p.baseAddress, Int32(n), &w, &query, -1, &iquery, -1)
        }, "dsyevd")
        var work = [Double](repeating: 0, count: max(1, Int(query)))
        var iwork = [Int32](repeating: 0, count: max(1, Int(iquery)))
        let info = v.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, jobz, uplo, Int32(n), p.baseAddress, Int32(n), &w,
                                &work, Int32(work.count), &iwork, Int32(iwork.count))
        }
        let positive = checkArguments(info, "dsyevd")
        if positive > 0 { throw .didNotConverge(routine: "dsyevd", count: positive) }
        eigenvalues = w
        eigenvectors = v
    }

    /// V·diag(√max(λ, 0)): a square root B of a positive semi-definite A (B·Bᵀ = A), defined even when A is singular.
    public var squareRootFactor: Matrix {
        var b = eigenvectors
        let n = eigenvalues.count
        for j in 0..<n {
            let s = Swift.max(eigenvalues[j], 0).squareRoot()
            for i in 0..<n { b.storage[i + j * n] *= s }
        }
        return b
    }
}

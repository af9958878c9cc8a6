import CLAPACK

/// The Cholesky factorisation A = UᵀU of a symmetric positive definite matrix (`dpotrf`, upper triangle),
/// used to solve the normal equations (XᵀX)·W = XᵀY for many right-hand sides at once (`dpotrs`).
///
/// The normal equations square the condition number of X, so `init` also estimates the reciprocal
/// condition number of A (`dpocon`, 1-norm). `LeastSquaresSolver` falls back to the minimum-norm SVD
/// solution when the factorisation fails or `reciprocalCondition` is below its threshold.
public struct Cholesky: Sendable {
    /// Order of A.
    public let order: Int
    /// U in the upper triangle (the strict lower triangle holds a copy of A's and is never read).
    public let factor: Matrix
    /// Estimate of 1 / (‖A‖₁‖A⁻¹‖₁), between 0 (singular) and 1.
    public let reciprocalCondition: Double

    /// Factors `a` (only its upper triangle is read).
    /// - Throws: `LAPACKError.notPositiveDefinite` when A is not (numerically) positive definite,
    ///   `LAPACKError.nonFiniteInput` when it holds NaN or infinity.
    public init(_ a: Matrix) throws(LAPACKError) {
        precondition(a.rows == a.columns, "Cholesky needs a square matrix")
        let n = a.rows
        for j in 0..<n { for i in 0...max(0, min(j, n - 1)) where n > 0 {
            if !a.storage[i + j * n].isFinite { throw .nonFiniteInput(routine: "dpotrf") }
        } }
        var u = a
        var anorm = 0.0
        for j in 0..<n {  // 1-norm of the symmetric A from its upper triangle
            var s = 0.0
            for i in 0..<n { s += abs(i <= j ? a.storage[i + j * n] : a.storage[j + i * n]) }
            anorm = max(anorm, s)
        }
        let info = u.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), p.baseAddress, Int32(max(1, n)))
        }
        let positive = checkArguments(info, "dpotrf")
        if positive > 0 { throw .notPositiveDefinite(routine: "dpotrf", minor: positive) }
        var rcond = 0.0
        if n > 0 {
            var work = [Double](repeating: 0, count: 3 * n)
            var iwork = [Int32](repeating: 0, count: n)
            let conInfo = u.storage.withUnsafeBufferPointer { p in
                LAPACKE_dpocon_work(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), p.baseAddress,
                                    Int32(max(1, n)), anorm, &rcond, &work, &iwork)
            }
            _ = checkArguments(conInfo, "dpocon")
        } else {
            rcond = 1
        }
        self.order = n
        self.factor = u
        self.reciprocalCondition = rcond
    }

    /// Solves A·X = B in place for every column of `b` (`dpotrs`).
    public func solve(_ b: inout Matrix) {
        precondition(b.rows == order, "Cholesky.solve: B must have \(order) rows")
        if order == 0 || b.columns == 0 { return }
        b.storage.withUnsafeMutableBufferPointer { pb in
            factor.storage.withUnsafeBufferPointer { pu in
                _ = checkArguments(
                    LAPACKE_dpotrs_work(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(order), Int32(b.columns),
                                        pu.baseAddress, Int32(order), pb.baseAddress, Int32(order)), "dpotrs")
            }
        }
    }

    /// Solves A·x = b for one right-hand side.
    public func solve(_ b: [Double]) -> [Double] {
        var m = Matrix(rows: b.count, columns: 1, columnMajor: b)
        solve(&m)
        return m.storage
    }
}

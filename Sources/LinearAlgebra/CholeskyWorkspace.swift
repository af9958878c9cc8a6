import CLAPACK

/// `Cholesky` + `NormalEquations` in place, for loops that solve one system of the same order per iteration:
/// factors A = UᵀU (`dpotrf`, upper) in the caller's buffer, estimates rcond(A) (`dpocon`, 1-norm) with
/// scratch kept between calls, and solves with `dpotrs`. The acceptance rule is `NormalEquations`': the
/// factor is used only when A is finite, positive definite and rcond(A) ≥ the threshold (default 1e−10);
/// otherwise the caller falls back to a minimum-norm solve on the design itself.
public struct CholeskyWorkspace: Sendable {
    public let order: Int
    private var work: [Double]
    private var iwork: [Int32]

    public init(order: Int) {
        self.order = order
        work = [Double](repeating: 0, count: max(1, 3 * order))
        iwork = [Int32](repeating: 0, count: max(1, order))
    }

    /// Factors the upper triangle of the order × order matrix at `a` (leading dimension `order`) in place.
    /// Returns rcond(A) when the factor may be used, nil when A is not finite, not positive definite or
    /// rcond(A) < `minimumReciprocalCondition` (then `a` holds garbage).
    public mutating func factor(
        _ a: UnsafeMutablePointer<Double>,
        minimumReciprocalCondition: Double = NormalEquations.minimumReciprocalCondition
    ) -> Double? {
        let n = order
        if n == 0 { return 1 }
        // ‖A‖₁ of the symmetric A from its upper triangle (A[i, j] for i < j also belongs to column i).
        // NaN or infinity anywhere makes some column sum non-finite, and the matrix is refused.
        var anorm = 0.0, finite = true
        work.withUnsafeMutableBufferPointer { s in   // scratch, before dpocon needs it
            for j in 0..<n { s[j] = 0 }
            for j in 0..<n {
                let col = a + j * n
                var cj = 0.0
                for i in 0..<j {
                    let v = abs(col[i])
                    cj += v
                    s[i] += v
                }
                s[j] += cj + abs(col[j])
            }
            for j in 0..<n {
                if !s[j].isFinite { finite = false }
                anorm = max(anorm, s[j])
            }
        }
        guard finite else { return nil }
        let info = LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), a, Int32(n))
        if checkArguments(info, "dpotrf") > 0 { return nil }
        var rcond = 0.0
        let conInfo = work.withUnsafeMutableBufferPointer { w in
            iwork.withUnsafeMutableBufferPointer { iw in
                LAPACKE_dpocon_work(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), a, Int32(n),
                                    anorm, &rcond, w.baseAddress, iw.baseAddress)
            }
        }
        _ = checkArguments(conInfo, "dpocon")
        return rcond >= minimumReciprocalCondition ? rcond : nil
    }

    /// Solves A·X = B in place for the `columns` right-hand sides at `b` (leading dimension `order`), with the
    /// factor written by `factor` at `u`.
    public func solve(factor u: UnsafePointer<Double>, _ b: UnsafeMutablePointer<Double>, columns: Int = 1) {
        if order == 0 || columns == 0 { return }
        _ = checkArguments(
            LAPACKE_dpotrs_work(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(order), Int32(columns),
                                u, Int32(order), b, Int32(order)), "dpotrs")
    }
}

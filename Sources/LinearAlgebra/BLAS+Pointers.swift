import CLAPACK

/// The same BLAS routines on raw column-major buffers, for hot loops that keep their operands in reusable
/// workspaces (no `Matrix` allocation, no copy-on-write check per call). Leading dimensions are the row
/// counts of the buffers as stored; callers own the bounds.
extension BLAS {
    /// C ← α·A·Aᵀ + β·C (`.none`, A is n × k) or C ← α·AᵀA + β·C (`.transpose`, A is k × n), upper triangle
    /// of the n × n matrix C only (`dsyrk`, 'U'). Half the flops of the equivalent `gemm`.
    public static func syrkUpper(
        _ trans: Transpose, n: Int, k: Int, alpha: Double = 1,
        _ a: UnsafePointer<Double>, lda: Int, beta: Double = 0,
        into c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        if n == 0 { return }
        cblas_dsyrk(CblasColMajor, CblasUpper, cblasTranspose(trans), Int32(n), Int32(k), alpha,
                    a, Int32(max(1, lda)), beta, c, Int32(max(1, ldc)))
    }

    /// C ← α·op(A)·op(B) + β·C with op(A) m × k, op(B) k × n (`dgemm`).
    public static func gemm(
        _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int, alpha: Double = 1,
        _ a: UnsafePointer<Double>, lda: Int, _ b: UnsafePointer<Double>, ldb: Int, beta: Double = 0,
        into c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        cblas_dgemm(CblasColMajor, cblasTranspose(transA), cblasTranspose(transB),
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(max(1, lda)), b, Int32(max(1, ldb)),
                    beta, c, Int32(max(1, ldc)))
    }

    /// y ← α·op(A)·x + β·y for the rows × columns matrix A (`dgemv`).
    public static func gemv(
        _ trans: Transpose, rows: Int, columns: Int, alpha: Double = 1,
        _ a: UnsafePointer<Double>, lda: Int, _ x: UnsafePointer<Double>, beta: Double = 0,
        into y: UnsafeMutablePointer<Double>
    ) {
        if rows == 0 || columns == 0 {
            let m = trans == .none ? rows : columns
            for i in 0..<m { y[i] = beta == 0 ? 0 : beta * y[i] }   // BLAS: β = 0 overwrites y, NaN included
            return
        }
        cblas_dgemv(CblasColMajor, cblasTranspose(trans), Int32(rows), Int32(columns), alpha,
                    a, Int32(max(1, lda)), x, 1, beta, y, 1)
    }
}

import CLAPACK

/// Thin wrappers over the CBLAS Level 2 and 3 routines harness uses, on column-major `Matrix` values.
///
/// Sizes are computed as `Int` and converted to BLAS's `Int32` once (mixed expressions slow Swift's type
/// checker and overflow silently).
public enum BLAS {
    /// Whether an operand enters a product as itself or transposed.
    public enum Transpose: Sendable { case none, transpose }

    /// C ← α·op(A)·op(B) + β·C  (`dgemm`).
    public static func gemm(
        _ transA: Transpose = .none, _ a: Matrix,
        _ transB: Transpose = .none, _ b: Matrix,
        alpha: Double = 1, beta: Double = 0, into c: inout Matrix
    ) {
        let (m, k) = transA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        let (kb, n) = transB == .none ? (b.rows, b.columns) : (b.columns, b.rows)
        precondition(k == kb && c.rows == m && c.columns == n, "gemm: shapes do not conform")
        if m == 0 || n == 0 { return }
        if k == 0 { for i in c.storage.indices { c.storage[i] *= beta }; return }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(
                        CblasColMajor, cblasTranspose(transA), cblasTranspose(transB),
                        Int32(m), Int32(n), Int32(k), alpha,
                        pa.baseAddress, Int32(max(1, a.rows)), pb.baseAddress, Int32(max(1, b.rows)),
                        beta, pc.baseAddress, Int32(max(1, c.rows)))
                }
            }
        }
    }

    /// A·B as a new matrix.
    public static func product(_ a: Matrix, _ b: Matrix) -> Matrix { product(.none, a, .none, b) }

    /// op(A)·op(B) as a new matrix.
    public static func product(_ transA: Transpose, _ a: Matrix, _ transB: Transpose, _ b: Matrix) -> Matrix {
        let m = transA == .none ? a.rows : a.columns
        let n = transB == .none ? b.columns : b.rows
        var c = Matrix(rows: m, columns: n)
        gemm(transA, a, transB, b, into: &c)
        return c
    }

    /// C ← α·AᵀA + β·C on the upper triangle of C (`dsyrk`, 'U', 'T'): the Gram matrix XᵀX of a design X.
    /// The lower triangle of C is left untouched; call `symmetrizeFromUpper()` if it is needed.
    public static func syrkUpperTransposed(_ a: Matrix, alpha: Double = 1, beta: Double = 0, into c: inout Matrix) {
        precondition(c.rows == a.columns && c.columns == a.columns, "syrk: C must be columns(A) × columns(A)")
        let n = a.columns, k = a.rows
        if n == 0 { return }
        a.storage.withUnsafeBufferPointer { pa in
            c.storage.withUnsafeMutableBufferPointer { pc in
                cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(n), Int32(k), alpha,
                            pa.baseAddress, Int32(max(1, k)), beta, pc.baseAddress, Int32(max(1, n)))
            }
        }
    }

    /// The full symmetric Gram matrix AᵀA.
    public static func gram(_ a: Matrix) -> Matrix {
        var c = Matrix(rows: a.columns, columns: a.columns)
        syrkUpperTransposed(a, into: &c)
        c.symmetrizeFromUpper()
        return c
    }

    /// y ← α·op(A)·x + β·y  (`dgemv`).
    public static func gemv(_ trans: Transpose = .none, _ a: Matrix, _ x: [Double], alpha: Double = 1, beta: Double = 0, into y: inout [Double]) {
        let (m, n) = trans == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        precondition(x.count == n && y.count == m, "gemv: shapes do not conform")
        if m == 0 { return }
        if n == 0 { for i in y.indices { y[i] *= beta }; return }
        a.storage.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    cblas_dgemv(CblasColMajor, cblasTranspose(trans), Int32(a.rows), Int32(a.columns), alpha,
                                pa.baseAddress, Int32(max(1, a.rows)), px.baseAddress, 1, beta, py.baseAddress, 1)
                }
            }
        }
    }

    /// The dot product xᵀy (`ddot`).
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "dot: lengths differ")
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in cblas_ddot(Int32(x.count), px.baseAddress, 1, py.baseAddress, 1) }
        }
    }

    @inline(__always)
    static func cblasTranspose(_ t: Transpose) -> CBLAS_TRANSPOSE {
        t == .none ? CblasNoTrans : CblasTrans
    }
}

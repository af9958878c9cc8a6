import CLAPACK

/// Direct least-squares solvers on the full data: the references every shortcut is tested against, and
/// the fallback for rank-deficient or ill-conditioned fits.
public enum LeastSquares {
    /// Minimises ‖A·X − B‖_F column by column by Householder QR (`dgels`), for a full-rank A with
    /// rows ≥ columns. `B` is rows(A) × nrhs; the result is columns(A) × nrhs.
    ///
    /// `dgels` under-sizes its own workspace when there are many right-hand sides and then runs about
    /// twice as slowly (measured, see shared/STACK.md), so the queried size is padded by
    /// 65·64 + 64·(nrhs + n).
    /// - Throws: `LAPACKError.singular` when A does not have full column rank (a zero diagonal in R).
    public static func qr(_ a: Matrix, _ b: Matrix) throws(LAPACKError) -> Matrix {
        precondition(a.rows == b.rows, "qr: A and B must have the same number of rows")
        precondition(a.rows >= a.columns, "qr: needs rows ≥ columns; use minimumNorm otherwise")
        let m = a.rows, n = a.columns, nrhs = b.columns
        if n == 0 { return Matrix(rows: 0, columns: nrhs) }
        if !a.storage.allSatisfy(\.isFinite) || !b.storage.allSatisfy(\.isFinite) { throw .nonFiniteInput(routine: "dgels") }
        var aw = a
        var bw = b
        let trans = Int8(UInt8(ascii: "N"))
        var query = 0.0
        _ = checkArguments(aw.storage.withUnsafeMutableBufferPointer { pa in
            bw.storage.withUnsafeMutableBufferPointer { pb in
                LAPACKE_dgels_work(LAPACK_COL_MAJOR, trans, Int32(m), Int32(n), Int32(nrhs),
                                   pa.baseAddress, Int32(max(1, m)), pb.baseAddress, Int32(max(1, m)), &query, -1)
            }
        }, "dgels")
        let lwork = Int(query) + 65 * 64 + 64 * (nrhs + n)
        var work = [Double](repeating: 0, count: lwork)
        let info = aw.storage.withUnsafeMutableBufferPointer { pa in
            bw.storage.withUnsafeMutableBufferPointer { pb in
                LAPACKE_dgels_work(LAPACK_COL_MAJOR, trans, Int32(m), Int32(n), Int32(nrhs),
                                   pa.baseAddress, Int32(max(1, m)), pb.baseAddress, Int32(max(1, m)), &work, Int32(lwork))
            }
        }
        let positive = checkArguments(info, "dgels")
        if positive > 0 { throw .singular(routine: "dgels", index: positive) }
        return solutionRows(bw, n: n)
    }

    /// The minimum-norm least-squares solution X = A⁺B by the divide-and-conquer SVD (`dgelsd`), for any
    /// shape and rank. Singular values below `rcond`·σ_max are treated as zero. The default
    /// rcond = ε·max(rows, columns) is numpy's `lstsq` default: LAPACK's own default (ε alone) keeps the
    /// rounding-level singular values of a rank-deficient stacked design (e.g. [X; X] with T < d) and the
    /// solution explodes. Returns the solution (columns(A) × nrhs) and the effective rank of A.
    /// - Throws: `LAPACKError.didNotConverge` if the SVD fails, `.nonFiniteInput` on NaN or infinity.
    public static func minimumNorm(_ a: Matrix, _ b: Matrix, rcond: Double? = nil) throws(LAPACKError) -> (solution: Matrix, rank: Int) {
        precondition(a.rows == b.rows, "minimumNorm: A and B must have the same number of rows")
        let m = a.rows, n = a.columns, nrhs = b.columns
        if n == 0 || nrhs == 0 { return (Matrix(rows: n, columns: nrhs), 0) }
        if !a.storage.allSatisfy(\.isFinite) || !b.storage.allSatisfy(\.isFinite) { throw .nonFiniteInput(routine: "dgelsd") }
        let ldb = max(1, max(m, n))
        let threshold = rcond ?? Double.ulpOfOne * Double(max(m, n))
        var aw = a
        // B must have max(m, n) rows: the solution overwrites it.
        var bw = Matrix(rows: ldb, columns: nrhs)
        for j in 0..<nrhs { for i in 0..<m { bw.storage[i + j * ldb] = b.storage[i + j * m] } }
        var singular = [Double](repeating: 0, count: max(1, min(m, n)))
        var rank: Int32 = 0
        var query = 0.0
        var iquery: Int32 = 0
        _ = checkArguments(aw.storage.withUnsafeMutableBufferPointer { pa in
            bw.storage.withUnsafeMutableBufferPointer { pb in
                LAPACKE_dgelsd_work(LAPACK_COL_MAJOR, Int32(m), Int32(n), Int32(nrhs), pa.baseAddress, Int32(max(1, m)),
                                    pb.baseAddress, Int32(ldb), &singular, threshold, &rank, &query, -1, &iquery)
            }
        }, "dgelsd")
        var work = [Double](repeating: 0, count: max(1, Int(query)))
        var iwork = [Int32](repeating: 0, count: max(1, Int(iquery)))
        let info = aw.storage.withUnsafeMutableBufferPointer { pa in
            bw.storage.withUnsafeMutableBufferPointer { pb in
                LAPACKE_dgelsd_work(LAPACK_COL_MAJOR, Int32(m), Int32(n), Int32(nrhs), pa.baseAddress, Int32(max(1, m)),
                                    pb.baseAddress, Int32(ldb), &singular, threshold, &rank, &work, Int32(work.count), &iwork)
            }
        }
        let positive = checkArguments(info, "dgelsd")
        if positive > 0 { throw .didNotConverge(routine: "dgelsd", count: positive) }
        return (solutionRows(bw, n: n), Int(rank))
    }

    /// The first n rows of the column-major `b` (LAPACK returns solutions in the leading rows).
    private static func solutionRows(_ b: Matrix, n: Int) -> Matrix {
        var x = Matrix(rows: n, columns: b.columns)
        for j in 0..<b.columns { for i in 0..<n { x.storage[i + j * n] = b.storage[i + j * b.rows] } }
        return x
    }
}

import LinearAlgebra
import Randomness

/// A factor F (d × r) of a standard Wishart draw, F·Fᵀ ~ Wishart_d(ν, I): the scatter XᵀX of ν rows x ~ N(0, I_d)
/// without drawing the rows when that is cheaper. Sufficient-statistics samplers build on it:
/// - Gaussian moments: Σ(x − x̄)(x − x̄)ᵀ of n rows of N(μ, BBᵀ) is B·W·Bᵀ with W ~ Wishart_d(n − 1, I), independent
///   of x̄ ~ N(μ, BBᵀ/n) (Cochran's theorem; Anderson 2003, Thm 3.3.2);
/// - regression: XᵀX ~ Wishart_d(n, I), and Xᵀε | XᵀX ~ N(0, σ²XᵀX), which is σ·F·z with z ~ N(0, I_r).
///
/// Two constructions, both exact:
/// - ν ≥ d: the Bartlett factor (`RandomStream.fillBartlettFactor`), F = A lower triangular d × d, r = d:
///   d χ² and d(d − 1)/2 normals, whatever ν;
/// - ν < d (a singular Wishart, rank ν; Bartlett has no χ² with ν − j ≤ 0 degrees of freedom): the rows
///   themselves, F = Gᵀ with G a ν × d matrix of standard normals, r = ν. Column k of F is row k of G, so F is
///   filled column by column straight from the stream (ν·d normals, fewer than the d² Bartlett would need).
/// ν = 0 gives the d × 0 factor (W = 0) without drawing.
public enum WishartFactor {
    /// F with F·Fᵀ ~ Wishart_d(ν, I), drawn from `rng` as described above. Preconditions: d ≥ 1, ν ≥ 0.
    public static func standard(dimension d: Int, degreesOfFreedom nu: Int, _ rng: inout RandomStream) -> Matrix {
        precondition(d >= 1 && nu >= 0, "WishartFactor: need d ≥ 1 and ν ≥ 0, got d = \(d), ν = \(nu)")
        if nu >= d {
            var a = Matrix(rows: d, columns: d)
            a.storage.withUnsafeMutableBufferPointer { rng.fillBartlettFactor($0, dimension: d, degreesOfFreedom: nu) }
            return a
        }
        var f = Matrix(rows: d, columns: nu)
        rng.fillNormal(&f.storage)
        return f
    }

    /// F·Fᵀ, full and symmetric (`dsyrk` on the upper triangle, then mirrored). d × 0 gives the zero matrix.
    public static func outerGram(_ f: Matrix) -> Matrix {
        var w = Matrix(rows: f.rows, columns: f.rows)
        if f.columns > 0 {
            f.storage.withUnsafeBufferPointer { pf in
                w.storage.withUnsafeMutableBufferPointer { pw in
                    BLAS.syrkUpper(.none, n: f.rows, k: f.columns, pf.baseAddress!, lda: f.rows,
                                   into: pw.baseAddress!, ldc: f.rows)
                }
            }
            w.symmetrizeFromUpper()
        }
        return w
    }
}

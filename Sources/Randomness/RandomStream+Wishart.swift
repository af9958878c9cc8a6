extension RandomStream {
    /// The Bartlett factor of a standard Wishart draw (Bartlett 1933; Anderson, *An Introduction to Multivariate
    /// Statistical Analysis*, 3rd ed., Cor. 7.2.1): A lower triangular d × d with
    ///
    ///     A_jj = √χ²_{ν−j}  (j = 0 … d−1, independent)      A_ij ~ N(0, 1)  (i > j, independent)
    ///
    /// so that A·Aᵀ ~ Wishart_d(ν, I), and L·A·Aᵀ·Lᵀ ~ Wishart_d(ν, Σ) for any L with L·Lᵀ = Σ. Exact for every
    /// ν ≥ d (every χ² then has at least one degree of freedom); the χ² come from `nextChiSquared` (Marsaglia–Tsang),
    /// the normals from the ziggurat.
    ///
    /// Draw order, which fixes the numbers: column by column, j = 0 … d−1, first the diagonal χ²_{ν−j}, then the
    /// d − 1 − j normals below it (rows j+1 … d−1, in order). `a` is column-major with leading dimension d; the
    /// entries above the diagonal are set to 0. Preconditions: a.count = d·d, ν ≥ d ≥ 0.
    public mutating func fillBartlettFactor(_ a: UnsafeMutableBufferPointer<Double>, dimension d: Int, degreesOfFreedom nu: Int) {
        precondition(a.count == d * d, "fillBartlettFactor: expected \(d * d) entries, got \(a.count)")
        precondition(nu >= d, "fillBartlettFactor: Bartlett needs ν ≥ d, got ν = \(nu), d = \(d)")
        for j in 0..<d {
            let column = j * d
            for i in 0..<j { a[column + i] = 0 }
            a[column + j] = nextChiSquared(degreesOfFreedom: Double(nu - j)).squareRoot()
            if j + 1 < d {
                fillNormal(UnsafeMutableBufferPointer(rebasing: a[(column + j + 1)..<(column + d)]))
            }
        }
    }
}

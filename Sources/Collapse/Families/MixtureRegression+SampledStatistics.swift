import LinearAlgebra
import Randomness

/// The mixture-regression sufficient statistics drawn directly (`sampler: statistics`), exact in distribution,
/// O(d³) per replicate whatever n.
///
/// The rows split into the real block k = 1 (n₁ rows, labels Xw₁* + ε) and the synthetic block k = 2 (n₂ rows,
/// labels X(w₁* + δ) + ε), independent. For a block of n_k rows x ~ N(0, I_d) with noise ε ~ N(0, σ²):
///
///     S_k = X_kᵀX_k ~ Wishart_d(n_k, I) = F_k·F_kᵀ        (`WishartFactor`: Bartlett when n_k ≥ d, else the rows)
///     X_kᵀε_k | S_k ~ N(0, σ²S_k) = σ·F_k·z_k,  z_k ~ N(0, I_r)   (Xᵀε is linear in ε given X, and depends on X
///                                                                   only through XᵀX in law)
///     X_kᵀy_k = S_k·w_k + X_kᵀε_k
///
/// so XᵀX = S₁ + S₂, Xᵀy_mixed = S₁w₁* + S₂(w₁* + δ) + e and Xᵀy_clean = (S₁ + S₂)w₁* + e with e = σ(F₁z₁ + F₂z₂).
/// The pairing of the clean fit is exact: it sees the same S_k and the same noise vector e, only δ is dropped.
///
/// Draw order (family version 2), on the generation-1 data stream: block 1 then block 2 (a block with no rows
/// draws nothing), each: its factor F_k (Bartlett column by column, or n_k·d normals row by row), then z_k
/// (r normals, r = d for Bartlett, n_k for rows).
extension MixtureRegression.Model {
    public func sampledStatistics(_ world: World, _ rng: inout RandomStream) -> SufficientStatistics {
        var stats = SufficientStatistics(gram: Matrix(rows: d, columns: d), moments: Matrix(rows: d, columns: 2))
        for (rows, synthetic) in [(n1, false), (n2, true)] where rows > 0 {
            let f = WishartFactor.standard(dimension: d, degreesOfFreedom: rows, &rng)
            var z = [Double](repeating: 0, count: f.columns)
            rng.fillNormal(&z)
            var noise = [Double](repeating: 0, count: d)
            BLAS.gemv(.none, f, z, alpha: sigma, into: &noise)
            let s = WishartFactor.outerGram(f)
            var signal = noise
            BLAS.gemv(.none, s, world.wStar, beta: 1, into: &signal)
            var shifted = signal
            if synthetic { BLAS.gemv(.none, s, world.delta, beta: 1, into: &shifted) }
            for k in 0..<(d * d) { stats.gram.storage[k] += s.storage[k] }
            for i in 0..<d {
                stats.moments.storage[i] += shifted[i]
                stats.moments.storage[d + i] += signal[i]
            }
        }
        return stats
    }
}

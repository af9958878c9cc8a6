#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

extension RandomStream {
    /// A Gamma(shape, scale 1) draw (density x^(a−1) e^(−x) / Γ(a), mean a, variance a) by
    /// Marsaglia & Tsang (2000, "A simple method for generating gamma variables", ACM TOMS 26(3)):
    ///
    ///     a ≥ 1:  d = a − 1/3,  c = 1/√(9d)
    ///             repeat: Z = nextNormal(), v = (1 + cZ)³ (redrawing Z while 1 + cZ ≤ 0),
    ///                     U = nextUniformOpen()
    ///             until U < 1 − 0.0331·Z⁴  (squeeze)  or  ln U < Z²/2 + d(1 − v + ln v);
    ///             return d·v
    ///     a < 1:  the boost (Marsaglia & Tsang §6): G = nextGamma(a + 1), then U = nextUniformOpen();
    ///             return G · U^(1/a)
    ///
    /// Exact rejection (acceptance ≥ 0.95 for every a ≥ 1). For very small shapes (a ≲ 0.01) the
    /// boost's U^(1/a) can underflow to 0, which is then returned. Precondition: shape > 0, finite.
    public mutating func nextGamma(shape: Double) -> Double {
        precondition(shape > 0 && shape.isFinite, "nextGamma: shape must be > 0 and finite, got \(shape)")
        if shape < 1 {
            let g = nextGamma(shape: shape + 1)
            let u = nextUniformOpen()
            return g * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var z: Double
            var v: Double
            repeat {
                z = nextNormal()
                v = 1 + c * z
            } while v <= 0
            v = v * v * v
            let u = nextUniformOpen()
            let z2 = z * z
            if u < 1 - 0.0331 * z2 * z2 { return d * v }
            if log(u) < 0.5 * z2 + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// A χ²ₖ draw: 2 · Gamma(k/2) (`nextGamma(shape: k/2)`), mean k, variance 2k. Non-integer k is
    /// allowed. Precondition: degreesOfFreedom > 0, finite.
    public mutating func nextChiSquared(degreesOfFreedom: Double) -> Double {
        precondition(degreesOfFreedom > 0 && degreesOfFreedom.isFinite,
                     "nextChiSquared: degreesOfFreedom must be > 0 and finite, got \(degreesOfFreedom)")
        return 2 * nextGamma(shape: degreesOfFreedom / 2)
    }
}

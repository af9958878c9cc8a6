import LinearAlgebra
import Randomness

/// The reference loop for linear regression: keeps every generation's rows and refits by direct least
/// squares on the stacked training set (`dgels`, or `dgelsd` for the minimum-norm fit). Slow on purpose:
/// it is what the sufficient-statistics fast path is proven equal to (Tests/CollapseTests).
extension LinearRegression.Model: LoopModel {
    public struct World: Sendable {
        public let wStar: [Double]
        public let design: Matrix
    }

    /// Rows of training data: a design block and its labels.
    public struct Batch: RowBatch, Sendable {
        public let design: Matrix
        public let labels: [Double]
        public var rowCount: Int { labels.count }

        public static func gather(_ batches: [Batch], rows: [Int]) -> Batch {
            let d = batches.first?.design.columns ?? 0
            var x = Matrix(rows: rows.count, columns: d)
            var y = [Double](repeating: 0, count: rows.count)
            var batch = 0, start = 0
            for (k, r) in rows.enumerated() {
                while r >= start + batches[batch].rowCount { start += batches[batch].rowCount; batch += 1 }
                let local = r - start
                let src = batches[batch]
                for j in 0..<d { x.storage[k + j * rows.count] = src.design.storage[local + j * src.design.rows] }
                y[k] = src.labels[local]
            }
            return Batch(design: x, labels: y)
        }

        static func stack(_ batches: [Batch]) -> Batch {
            if batches.count == 1 { return batches[0] }
            let total = batches.reduce(0) { $0 + $1.rowCount }
            return gather(batches, rows: Array(0..<total))
        }
    }

    /// Draws w* (d normals) then X (T×d normals, column by column) from the world stream.
    public func makeWorld(_ rng: inout RandomStream) -> World {
        var wStar = [Double](repeating: 0, count: d)
        rng.fillNormal(&wStar)
        var x = Matrix(rows: T, columns: d)
        rng.fillNormal(&x.storage)
        return World(wStar: wStar, design: x)
    }

    public func realData(_ world: World, _ rng: inout RandomStream) -> Batch {
        labels(design: world.design, weights: world.wStar, &rng)
    }

    /// A fresh design (if any) is drawn before the noise, from the generation's data stream.
    public func synthesize(from fit: [Double], _ world: World, _ rng: inout RandomStream) -> Batch {
        if fixedDesign { return labels(design: world.design, weights: fit, &rng) }
        var x = Matrix(rows: T, columns: d)
        rng.fillNormal(&x.storage)
        return labels(design: x, weights: fit, &rng)
    }

    /// y = X·w + E with E ~ N(0, σ²I) drawn from `rng`.
    func labels(design: Matrix, weights: [Double], _ rng: inout RandomStream) -> Batch {
        var y = [Double](repeating: 0, count: design.rows)
        rng.fillNormal(&y, mean: 0, standardDeviation: sigma)
        BLAS.gemv(.none, design, weights, beta: 1, into: &y)
        return Batch(design: design, labels: y)
    }

    /// OLS on the stacked rows by QR (`dgels`); the minimum-norm solution (`dgelsd`) when T ≤ d + 1 or QR
    /// finds the stacked design rank-deficient.
    public func fit(_ training: [Batch], _ world: World) -> (fit: [Double], usedFallback: Bool) {
        let data = Batch.stack(training)
        let y = Matrix(rows: data.rowCount, columns: 1, columnMajor: data.labels)
        if !minimumNorm, data.rowCount >= d, let w = try? LeastSquares.qr(data.design, y) {
            return (w.storage, false)
        }
        return (Self.minimumNormSolution(data.design, y), true)
    }

    public func metrics(_ fit: [Double], _ world: World) -> [Double] {
        [Self.squaredError(fit, world.wStar)]
    }

    /// A⁺B; an SVD that fails to converge (never seen on Gaussian data) yields NaN, which the claims report.
    static func minimumNormSolution(_ a: Matrix, _ b: Matrix) -> [Double] {
        (try? LeastSquares.minimumNorm(a, b).solution.storage) ?? [Double](repeating: .nan, count: a.columns * b.columns)
    }
}

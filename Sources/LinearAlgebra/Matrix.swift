/// A dense matrix of `Double` stored column-major (Fortran order), the layout BLAS and LAPACK expect.
///
/// Element (i, j) lives at `storage[i + j * rows]`; the leading dimension is always `rows`.
/// A value type: copies are cheap until written (copy-on-write through `Array`).
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Column-major elements, `rows * columns` of them.
    public var storage: [Double]

    /// A `rows × columns` matrix with every element equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over existing column-major elements.
    public init(rows: Int, columns: Int, columnMajor storage: [Double]) {
        precondition(storage.count == rows * columns, "Matrix storage has \(storage.count) elements, expected \(rows * columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from its rows, as written on paper: `Matrix(rowMajor: [[1, 2], [3, 4]])`.
    public init(rowMajor rowsOfValues: [[Double]]) {
        let r = rowsOfValues.count
        let c = rowsOfValues.first?.count ?? 0
        var s = [Double](repeating: 0, count: r * c)
        for (i, row) in rowsOfValues.enumerated() {
            precondition(row.count == c, "All rows must have the same length")
            for (j, value) in row.enumerated() { s[i + j * r] = value }
        }
        self.init(rows: r, columns: c, columnMajor: s)
    }

    /// The n × n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i + i * n] = 1 }
        return m
    }

    public subscript(row: Int, column: Int) -> Double {
        get { storage[row + column * rows] }
        set { storage[row + column * rows] = newValue }
    }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// The rows at `indices` (in that order), as a new `indices.count × columns` matrix.
    public func selectingRows(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: indices.count, columns: columns)
        for j in 0..<columns {
            for (k, i) in indices.enumerated() { out.storage[k + j * indices.count] = storage[i + j * rows] }
        }
        return out
    }

    /// This matrix stacked on top of `other` (same number of columns).
    public func stacked(on other: Matrix) -> Matrix {
        precondition(columns == other.columns, "Stacked matrices need the same number of columns")
        var out = Matrix(rows: rows + other.rows, columns: columns)
        for j in 0..<columns {
            for i in 0..<rows { out.storage[i + j * out.rows] = storage[i + j * rows] }
            for i in 0..<other.rows { out.storage[rows + i + j * out.rows] = other.storage[i + j * other.rows] }
        }
        return out
    }

    /// The transpose.
    public var transposed: Matrix {
        var out = Matrix(rows: columns, columns: rows)
        for j in 0..<columns { for i in 0..<rows { out.storage[j + i * columns] = storage[i + j * rows] } }
        return out
    }

    /// Copies the upper triangle onto the lower one (BLAS `syrk` and LAPACK fill only one triangle).
    public mutating func symmetrizeFromUpper() {
        precondition(rows == columns, "Only a square matrix can be symmetrized")
        let n = rows
        storage.withUnsafeMutableBufferPointer { a in
            for j in 0..<n { for i in (j + 1)..<max(j + 1, n) { a[i + j * n] = a[j + i * n] } }
        }
    }

    /// Largest absolute element difference to `other` relative to the largest absolute element of `other`
    /// (0 when both are zero): the yardstick of the tests that pin every shortcut to the direct fit.
    public func maxRelativeDifference(to other: Matrix) -> Double {
        precondition(rows == other.rows && columns == other.columns, "Compared matrices must have the same shape")
        var diff = 0.0
        var scale = 0.0
        for k in storage.indices {
            diff = Swift.max(diff, Swift.abs(storage[k] - other.storage[k]))
            scale = Swift.max(scale, Swift.abs(other.storage[k]))
        }
        return scale == 0 ? diff : diff / scale
    }
}

import Testing
@testable import LinearAlgebra

@Suite struct MatrixTests {
    @Test func rowMajorLiteralIsStoredColumnMajor() {
        let m = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
        #expect(m.rows == 2 && m.columns == 3)
        #expect(m.storage == [1, 4, 2, 5, 3, 6])
        #expect(m[1, 2] == 6)
        #expect(m.transposed == Matrix(rowMajor: [[1, 4], [2, 5], [3, 6]]))
    }

    @Test func selectingAndStackingRows() {
        let a = Matrix(rowMajor: [[1, 2], [3, 4], [5, 6]])
        #expect(a.selectingRows([2, 0]) == Matrix(rowMajor: [[5, 6], [1, 2]]))
        let b = Matrix(rowMajor: [[7, 8]])
        #expect(a.stacked(on: b) == Matrix(rowMajor: [[1, 2], [3, 4], [5, 6], [7, 8]]))
    }

    @Test func symmetrizeCopiesUpperToLower() {
        var m = Matrix(rowMajor: [[1, 2, 3], [0, 4, 5], [0, 0, 6]])
        m.symmetrizeFromUpper()
        #expect(m == Matrix(rowMajor: [[1, 2, 3], [2, 4, 5], [3, 5, 6]]))
    }

    @Test func relativeDifference() {
        let a = Matrix(rowMajor: [[1, 2], [3, 4]])
        var b = a
        b[1, 1] = 4.004
        #expect(abs(b.maxRelativeDifference(to: a) - 0.001) < 1e-12)
        #expect(a.maxRelativeDifference(to: a) == 0)
    }
}

@Suite struct BLASTests {
    let a = Matrix(rowMajor: [[1, 2], [3, 4], [5, 6]])  // 3×2
    let b = Matrix(rowMajor: [[1, 0, 2], [0, 1, -1]])   // 2×3

    @Test func gemmMatchesHandProduct() {
        #expect(BLAS.product(a, b) == Matrix(rowMajor: [[1, 2, 0], [3, 4, 2], [5, 6, 4]]))
        #expect(BLAS.product(.transpose, a, .none, a) == Matrix(rowMajor: [[35, 44], [44, 56]]))
        var c = Matrix(rows: 2, columns: 2, repeating: 1)
        BLAS.gemm(.none, b, .transpose, b, alpha: 2, beta: 3, into: &c)  // 2·BBᵀ + 3
        #expect(c == Matrix(rowMajor: [[2 * 5 + 3, 2 * -2 + 3], [2 * -2 + 3, 2 * 2 + 3]]))
    }

    @Test func syrkIsTheGramMatrix() {
        #expect(BLAS.gram(a) == Matrix(rowMajor: [[35, 44], [44, 56]]))
    }

    @Test func gemvAndDot() {
        var y = [1.0, 1, 1]
        BLAS.gemv(.none, a, [1, -1], beta: 2, into: &y)
        #expect(y == [1, 1, 1])  // [-1, -1, -1] + 2
        var z = [0.0, 0]
        BLAS.gemv(.transpose, a, [1, 1, 1], into: &z)
        #expect(z == [9, 12])
        #expect(BLAS.dot([1, 2, 3], [4, 5, 6]) == 32)
    }

    @Test func runtimeReportsTheLoadedBLAS() {
        #expect(!BLASRuntime.summary.isEmpty)
        #expect(BLASRuntime.loadedLibraries.contains { $0.lowercased().contains("blas") }, "\(BLASRuntime.loadedLibraries)")
        BLASRuntime.pinToSingleThread()  // must not crash on either BLAS
    }
}

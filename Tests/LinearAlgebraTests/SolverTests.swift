import Testing
@testable import LinearAlgebra

@Suite struct CholeskyTests {
    @Test func solvesAKnownSystem() throws {
        let a = Matrix(rowMajor: [[4, 2], [2, 3]])
        let chol = try Cholesky(a)
        // A·[1, 2] = [8, 8]
        let x = chol.solve([8, 8])
        #expect(abs(x[0] - 1) < 1e-14 && abs(x[1] - 2) < 1e-14)
        #expect(chol.factor[0, 0] == 2)  // U₁₁ = √4
        var many = Matrix(rowMajor: [[8, 4], [8, 2]])  // two right-hand sides: [1, 2] and [1, 0]
        chol.solve(&many)
        #expect(many.maxRelativeDifference(to: Matrix(rowMajor: [[1, 1], [2, 0]])) < 1e-14)
    }

    @Test func conditionEstimate() throws {
        #expect(try Cholesky(Matrix.identity(3)).reciprocalCondition == 1)
        let nearlySingular = Matrix(rowMajor: [[1, 1], [1, 1 + 1e-12]])
        let chol = try Cholesky(nearlySingular)
        #expect(chol.reciprocalCondition < 1e-10)
        #expect(NormalEquations.factor(gram: nearlySingular) == nil)  // the caller must fall back
        #expect(NormalEquations.factor(gram: Matrix.identity(2)) != nil)
    }

    @Test func notPositiveDefiniteIsThrown() {
        #expect(throws: LAPACKError.notPositiveDefinite(routine: "dpotrf", minor: 2)) {
            try Cholesky(Matrix(rowMajor: [[1, 2], [2, 1]]))
        }
        #expect(throws: LAPACKError.nonFiniteInput(routine: "dpotrf")) {
            try Cholesky(Matrix(rowMajor: [[1, .nan], [.nan, 1]]))
        }
    }

    @Test func illegalArgumentStopsTheProcess() async {
        // info < 0 means harness passed LAPACK a bad argument: a bug, so it is a precondition failure.
        await #expect(processExitsWith: .failure) {
            _ = checkArguments(-3, "dpotrf")
        }
    }
}

@Suite struct LeastSquaresTests {
    @Test func qrSolvesAnOverdeterminedFit() throws {
        // Line through (0, 1), (1, 3), (2, 5), (3, 7): exactly y = 1 + 2x.
        let x = Matrix(rowMajor: [[1, 0], [1, 1], [1, 2], [1, 3]])
        let y = Matrix(rows: 4, columns: 1, columnMajor: [1, 3, 5, 7])
        let w = try LeastSquares.qr(x, y)
        #expect(w.maxRelativeDifference(to: Matrix(rows: 2, columns: 1, columnMajor: [1, 2])) < 1e-13)
        // Noisy points: the normal equations give the same answer.
        let noisy = Matrix(rows: 4, columns: 1, columnMajor: [1.1, 2.9, 5.2, 6.8])
        let qr = try LeastSquares.qr(x, noisy)
        let normal = try Cholesky(BLAS.gram(x)).solve(BLAS.product(.transpose, x, .none, noisy).storage)
        #expect(qr.maxRelativeDifference(to: Matrix(rows: 2, columns: 1, columnMajor: normal)) < 1e-12)
        // Hand-computed: slope = Σ(x−x̄)(y−ȳ)/Σ(x−x̄)² = (4.35 + 0.55 + 0.6 + 4.2)/5 = 1.94, intercept = 4 − 1.94·1.5 = 1.09.
        #expect(abs(qr[0, 0] - 1.09) < 1e-12 && abs(qr[1, 0] - 1.94) < 1e-12)
    }

    @Test func qrManyRightHandSides() throws {
        let x = Matrix(rowMajor: [[2, 0], [0, 3], [0, 0]])
        let b = Matrix(rowMajor: [[2, 4, 6], [3, 6, 9], [1, 1, 1]])
        let w = try LeastSquares.qr(x, b)
        #expect(w.maxRelativeDifference(to: Matrix(rowMajor: [[1, 2, 3], [1, 2, 3]])) < 1e-14)
    }

    @Test func qrReportsRankDeficiency() {
        let x = Matrix(rowMajor: [[1, 0], [2, 0], [3, 0]])
        #expect(throws: LAPACKError.singular(routine: "dgels", index: 2)) {
            try LeastSquares.qr(x, Matrix(rows: 3, columns: 1, columnMajor: [1, 2, 3]))
        }
    }

    @Test func minimumNormOfAnUnderdeterminedSystem() throws {
        // x₁ + x₂ = 2 has the minimum-norm solution (1, 1).
        let (w, rank) = try LeastSquares.minimumNorm(Matrix(rowMajor: [[1, 1]]), Matrix(rows: 1, columns: 1, columnMajor: [2]))
        #expect(rank == 1)
        #expect(w.maxRelativeDifference(to: Matrix(rows: 2, columns: 1, columnMajor: [1, 1])) < 1e-14)
    }

    @Test func minimumNormOfARankDeficientSystem() throws {
        // Two identical columns: the fit y = 2·(a + b)x is split evenly, a = b = 1 for y = 2x.
        let x = Matrix(rowMajor: [[1, 1], [2, 2], [3, 3]])
        let (w, rank) = try LeastSquares.minimumNorm(x, Matrix(rows: 3, columns: 1, columnMajor: [2, 4, 6]))
        #expect(rank == 1)
        #expect(w.maxRelativeDifference(to: Matrix(rows: 2, columns: 1, columnMajor: [1, 1])) < 1e-13)
        // The pseudo-inverse of a full-rank square matrix is its inverse.
        let a = Matrix(rowMajor: [[2, 1], [1, 3]])
        let inverse = try LeastSquares.minimumNorm(a, Matrix.identity(2)).solution
        #expect(BLAS.product(a, inverse).maxRelativeDifference(to: Matrix.identity(2)) < 1e-14)
    }

    @Test func nonFiniteInputIsThrown() {
        #expect(throws: LAPACKError.nonFiniteInput(routine: "dgelsd")) {
            try LeastSquares.minimumNorm(Matrix(rowMajor: [[1, .infinity]]), Matrix(rows: 1, columns: 1, columnMajor: [1]))
        }
    }
}

@Suite struct SymmetricEigenTests {
    @Test func knownEigenvalues() throws {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, −1)/√2 and (1, 1)/√2.
        let e = try SymmetricEigen(Matrix(rowMajor: [[2, 1], [1, 2]]))
        #expect(abs(e.eigenvalues[0] - 1) < 1e-14 && abs(e.eigenvalues[1] - 3) < 1e-14)
        #expect(abs(abs(e.eigenvectors[0, 1]) - 0.5.squareRoot()) < 1e-14)
        let b = e.squareRootFactor
        #expect(BLAS.product(.none, b, .transpose, b).maxRelativeDifference(to: Matrix(rowMajor: [[2, 1], [1, 2]])) < 1e-14)
    }

    @Test func singularMatricesHaveASquareRootToo() throws {
        // Rank one: vvᵀ with v = (1, 2, 2): eigenvalues 0, 0, 9.
        let a = Matrix(rowMajor: [[1, 2, 2], [2, 4, 4], [2, 4, 4]])
        let e = try SymmetricEigen(a)
        #expect(abs(e.eigenvalues[2] - 9) < 1e-13 && abs(e.eigenvalues[0]) < 1e-13)
        #expect(throws: LAPACKError.self) { try Cholesky(a) }  // no Cholesky factor
        let b = e.squareRootFactor
        #expect(BLAS.product(.none, b, .transpose, b).maxRelativeDifference(to: a) < 1e-13)
    }
}

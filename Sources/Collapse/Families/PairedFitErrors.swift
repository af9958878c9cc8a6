import LinearAlgebra

/// The metrics of strong model collapse's paired fits: column 0 of `w` is the fit on the mixed data, column 1 the
/// same replicate's fit with every label real. Returns [test_error, clean_test_error, gap] with
/// test_error = ‖ŵ_mixed − w₁*‖², clean_test_error = ‖ŵ_clean − w₁*‖² and gap their difference (paired, so the floor
/// p₂²c² can be read off per replicate). Shared by `mixture-regression` and `random-projection`.
enum PairedFitErrors {
    static func metrics(_ w: Matrix, wStar: [Double]) -> [Double] {
        let d = wStar.count
        var test = 0.0, clean = 0.0
        for i in 0..<d {
            let a = w.storage[i] - wStar[i], b = w.storage[i + d] - wStar[i]
            test += a * a
            clean += b * b
        }
        return [test, clean, test - clean]
    }
}

import ArgumentParser
import Foundation
import LinearAlgebra
import Randomness

/// `harness kernels`: the BLAS/LAPACK rates of the linear-regression hot path's kernels at the shapes it runs
/// them, next to a 1000 × 1000 dgemm in the same process and thread setting (issue 5's "≥ 70% of the dgemm
/// rate"). A benchmark helper for scripts/bench, not an experiment; prints JSON.
struct KernelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernels",
        abstract: "Time the hot path's BLAS kernels against dgemm (JSON on stdout; used by scripts/bench).")

    @Option(help: "Features d of the benchmark cell.") var d = 100
    @Option(name: .customLong("T"), help: "Rows T per generation.") var rows = 1000
    @Option(help: "Generations G (right-hand sides of the batched solve).") var generations = 100
    @Option(help: "Minimum seconds per measurement (best of the repeats that fit).") var seconds = 1.0

    func run() throws {
        BLASRuntime.pinToSingleThread()
        let m = Int((Double(rows) * 0.632).rounded())   // distinct rows of a late subsample, T(1 − e⁻¹)
        var rng = RandomStream(seed: 5)
        func random(_ count: Int) -> [Double] { var a = [Double](repeating: 0, count: count); rng.fillNormal(&a); return a }
        let big = 1000
        let a1 = random(big * big), b1 = random(big * big)
        var c1 = [Double](repeating: 0, count: big * big)
        let x = random(rows * d), e = random(rows * generations)
        var gram = [Double](repeating: 0, count: d * d), z = [Double](repeating: 0, count: d * generations)
        var spd = [Double](repeating: 0, count: d * d)
        x.withUnsafeBufferPointer { px in spd.withUnsafeMutableBufferPointer { g in
            BLAS.syrkUpper(.transpose, n: d, k: rows, px.baseAddress!, lda: rows, into: g.baseAddress!, ldc: d)
        } }
        var solver = CholeskyWorkspace(order: d)
        let dd = Double(d), tt = Double(rows), gg = Double(generations), mm = Double(m)

        var entries: [(String, String, Double, Double)] = []   // name, shape, flops, seconds
        func measure(_ name: String, _ shape: String, flops: Double, _ body: () -> Void) {
            body()
            var best = Double.infinity, spent = 0.0, repeats = 0
            while spent < seconds || repeats < 3 {
                let t0 = DispatchTime.now().uptimeNanoseconds
                body()
                let s = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
                best = min(best, s); spent += s; repeats += 1
            }
            entries.append((name, shape, flops, best))
        }
        measure("dgemm", "\(big)×\(big)×\(big)", flops: 2 * pow(Double(big), 3)) {
            a1.withUnsafeBufferPointer { pa in b1.withUnsafeBufferPointer { pb in c1.withUnsafeMutableBufferPointer { pc in
                BLAS.gemm(.none, .none, m: big, n: big, k: big, pa.baseAddress!, lda: big, pb.baseAddress!, ldb: big,
                          into: pc.baseAddress!, ldc: big)
            } } }
        }
        measure("syrk XᵀX (fixed design)", "d=\(d), T=\(rows)", flops: dd * (dd + 1) * tt) {
            x.withUnsafeBufferPointer { px in gram.withUnsafeMutableBufferPointer { g in
                BLAS.syrkUpper(.transpose, n: d, k: rows, px.baseAddress!, lda: rows, into: g.baseAddress!, ldc: d)
            } }
        }
        measure("syrk AAᵀ (subsample, m distinct rows)", "d=\(d), m=\(m)", flops: dd * (dd + 1) * mm) {
            x.withUnsafeBufferPointer { px in gram.withUnsafeMutableBufferPointer { g in
                BLAS.syrkUpper(.none, n: d, k: m, px.baseAddress!, lda: d, into: g.baseAddress!, ldc: d)
            } }
        }
        measure("gemm XᵀE (batched noise)", "d=\(d), T=\(rows), G=\(generations)", flops: 2 * dd * tt * gg) {
            x.withUnsafeBufferPointer { px in e.withUnsafeBufferPointer { pe in z.withUnsafeMutableBufferPointer { pz in
                BLAS.gemm(.transpose, .none, m: d, n: generations, k: rows, px.baseAddress!, lda: rows,
                          pe.baseAddress!, ldb: rows, into: pz.baseAddress!, ldc: d)
            } } }
        }
        measure("potrf + pocon (Cholesky with rcond)", "d=\(d)", flops: dd * dd * dd / 3) {
            gram = spd
            gram.withUnsafeMutableBufferPointer { g in _ = solver.factor(g.baseAddress!) }
        }
        measure("potrs (G right-hand sides)", "d=\(d), G=\(generations)", flops: 2 * dd * dd * gg) {
            gram.withUnsafeBufferPointer { g in z.withUnsafeMutableBufferPointer { pz in
                solver.solve(factor: g.baseAddress!, pz.baseAddress!, columns: generations)
            } }
        }
        let reference = entries[0].2 / entries[0].3
        var lines: [String] = []
        for (name, shape, flops, secs) in entries {
            let rate = flops / secs
            lines.append("    {\"kernel\": \"\(name)\", \"shape\": \"\(shape)\", \"flops\": \(flops), \"seconds\": \(secs), "
                         + "\"gflops\": \(rate / 1e9), \"share_of_dgemm\": \(rate / reference)}")
        }
        print("{\n  \"blas\": \"\(BLASRuntime.summary)\",\n  \"kernels\": [\n" + lines.joined(separator: ",\n") + "\n  ]\n}")
    }
}

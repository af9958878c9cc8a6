#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// What BLAS and LAPACK the process actually loaded, and its threading.
///
/// The binary links the SONAMEs `libblas.so.3` and `liblapack.so.3`; Debian's alternatives decide at run
/// time whether they are OpenBLAS or the reference implementation. OpenBLAS's own functions are looked up
/// with `dlsym` so the binary also runs (single-threaded anyway) on the reference BLAS.
public enum BLASRuntime {
    /// Pins OpenBLAS to one thread. harness parallelises over independent work units instead (faster on
    /// 2 cores, measured in shared/STACK.md), and a fixed BLAS thread count keeps every number independent
    /// of `--threads`. A no-op on the reference BLAS, which is single-threaded.
    public static func pinToSingleThread() {
        typealias SetThreads = @convention(c) (Int32) -> Void
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openblas_set_num_threads") else { return }
        unsafeBitCast(symbol, to: SetThreads.self)(1)
    }

    /// OpenBLAS's configuration string (version, kernel, threading), or `nil` on another BLAS.
    public static var openBLASConfiguration: String? {
        typealias GetConfig = @convention(c) () -> UnsafeMutablePointer<CChar>?
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openblas_get_config"),
              let cString = unsafeBitCast(symbol, to: GetConfig.self)() else { return nil }
        return String(cString: cString)
    }

    /// The shared objects mapped into this process whose names look like BLAS or LAPACK, resolved to real
    /// paths (read from /proc/self/maps), sorted.
    public static var loadedLibraries: [String] {
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return [] }
        var found = Set<String>()
        for line in maps.split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/") else { continue }
            let path = String(line[slash...])
            let name = (path as NSString).lastPathComponent.lowercased()
            if name.contains("blas") || name.contains("lapack") {
                found.insert((path as NSString).resolvingSymlinksInPath)
            }
        }
        return found.sorted()
    }

    /// A one-line summary such as `OpenBLAS 0.3.21 … (libopenblas.so.0)`, or `reference BLAS (libblas.so.3)`.
    public static var summary: String {
        let libs = loadedLibraries.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
        if let config = openBLASConfiguration {
            return "\(config.trimmingCharacters(in: .whitespaces)) [\(libs)]"
        }
        return "reference BLAS/LAPACK [\(libs)]"
    }
}

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
    public static func pinToSingleThread() { setThreads(1) }

    /// Sets OpenBLAS's thread count (process-wide). A no-op on the reference BLAS.
    public static func setThreads(_ n: Int) {
        typealias SetThreads = @convention(c) (Int32) -> Void
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openblas_set_num_threads") else { return }
        unsafeBitCast(symbol, to: SetThreads.self)(Int32(max(1, n)))
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
        guard let maps = readProcFile("/proc/self/maps") else { return [] }
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

    /// Reads a /proc file with a plain read loop: such files report size 0, and Foundation's whole-file readers
    /// return nothing for the larger ones (seen with /proc/self/maps of the test process).
    static func readProcFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65536) }
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
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

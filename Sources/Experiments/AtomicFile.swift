import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that readers see either the old file or the complete new one, never half of it: the bytes
/// go to a temporary file in the same directory, are flushed, and the temporary file is renamed over the target
/// (rename(2) is atomic within a file system).
public enum AtomicFile {
    /// Where streamed bytes go: a `Data` in memory, or the temporary file of `write(to:streaming:)`.
    public protocol ByteSink {
        mutating func write(_ bytes: UnsafeRawBufferPointer) throws
    }

    /// The temporary file being written, by write(2) straight from the caller's buffers (no intermediate copy:
    /// a checkpoint of hundreds of megabytes is not duplicated in memory first).
    public struct FileSink: ByteSink {
        let descriptor: Int32
        let path: String

        public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
                }
                offset += n
            }
        }
    }

    /// Streams the file's bytes through `body` into a temporary file, flushes it (fsync) and renames it over `url`.
    public static func write(to url: URL, streaming body: (inout FileSink) throws -> Void) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        var sink = FileSink(descriptor: fd, path: temporary.path)
        do {
            try body(&sink)
            guard fsync(fd) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            close(fd)
            unlink(temporary.path)
            throw error
        }
        close(fd)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: reason])
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        let handle = try FileHandle(forWritingTo: temporary)
        try handle.synchronize()
        try handle.close()
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: reason])
        }
    }
}

extension Data: AtomicFile.ByteSink {
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws { append(contentsOf: bytes) }
}

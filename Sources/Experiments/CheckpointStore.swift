import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder of `.piece` files: the cells (or replicate blocks) a run has finished, each written atomically the
/// moment it is done, so that a killed run loses at most the pieces in flight.
///
/// Policy for foreign files: a piece whose `CheckpointKey` differs from the run's (another spec or `--set`,
/// another family version, another stream derivation) is **refused**, not skipped: the run stops with exit 2 and
/// a message naming the folder to delete. Silently recomputing would hide a mistake (resuming into the wrong
/// `--out`); silently mixing would be worse. An unreadable piece (it cannot come from an interrupted atomic
/// write) is refused the same way. Temporary files of an interrupted write (`.name.tmp-PID`) are removed.
public final class CheckpointStore: @unchecked Sendable {
    public static let suffix = ".piece"

    public let directory: URL
    public let key: CheckpointKey
    private let lock = NSLock()

    public init(directory: URL, key: CheckpointKey) {
        self.directory = directory
        self.key = key
    }

    /// Every piece in the folder, by file name; an absent folder holds none.
    public func load() throws(SpecError) -> [String: CellPiece] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else { return [:] }
        var pieces: [String: CellPiece] = [:]
        for name in names.sorted() {
            let url = directory.appendingPathComponent(name)
            if name.hasPrefix("."), name.contains(".tmp-") {
                try? fm.removeItem(at: url)
                continue
            }
            guard name.hasSuffix(Self.suffix) else { continue }
            let advice = "delete \(directory.path) to start afresh, or choose another --out"
            guard let data = fm.contents(atPath: url.path) else {
                throw SpecError(file: url.path, path: "$", message: "expected a readable checkpoint, found an unreadable file; \(advice)")
            }
            let header: PieceFile.Header
            let piece: CellPiece
            do throws(PieceFile.Unreadable) {
                (header, piece) = try PieceFile.decode(data)
            } catch {
                throw SpecError(file: url.path, path: "$", message: "expected a harness checkpoint, found \(error.reason); \(advice)")
            }
            guard header.key == key else {
                throw SpecError(file: url.path, path: "$.key", message: "expected a checkpoint of this run (\(key)), found one of \(header.key); \(advice)")
            }
            guard name == piece.fileName else {
                throw SpecError(file: url.path, path: "$.cell", message: "expected the file name \(piece.fileName) for its content, found \(name); \(advice)")
            }
            pieces[name] = piece
        }
        return pieces
    }

    /// Writes a piece atomically (temporary file, fsync, rename), streamed from its traces without a copy in
    /// memory. Safe to call from several threads.
    public func save(_ piece: CellPiece) throws {
        lock.lock(); defer { lock.unlock() }
        try AtomicFile.write(to: directory.appendingPathComponent(piece.fileName)) { sink in
            try PieceFile.write(piece, key: key, to: &sink)
        }
    }

    /// Removes the folder (after the run's results are written).
    public func removeAll() {
        try? FileManager.default.removeItem(at: directory)
    }
}

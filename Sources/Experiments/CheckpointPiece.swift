import Collapse
import Foundation
import Randomness

/// What a checkpoint belongs to. A piece is only ever used by a run whose key is equal, so numbers from another
/// spec (a different `--set`), another version of the family's code or another stream-derivation rule are never
/// mixed in.
public struct CheckpointKey: Codable, Sendable, Equatable, CustomStringConvertible {
    /// `fnv1a64:…` of the spec as run (the same hash run.json records).
    public let specHash: String
    public let family: String
    public let familyVersion: Int
    public let streamDerivation: Int

    enum CodingKeys: String, CodingKey {
        case specHash = "spec_hash", family, familyVersion = "family_version", streamDerivation = "stream_derivation"
    }

    public init(spec: Spec) {
        specHash = spec.hash
        family = spec.family.name
        familyVersion = spec.family.version
        streamDerivation = StreamKey.derivationVersion
    }

    public var description: String { "spec \(specHash), \(family) v\(familyVersion), stream derivation v\(streamDerivation)" }
}

extension Spec {
    /// FNV-1a 64 of the spec's canonical JSON as run: `fnv1a64:0123456789abcdef`.
    public var hash: String {
        let hex = String(StableHash.fnv1a64(asRun.canonicalText), radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }
}

/// The finished traces of replicates `replicates` of one cell, every regime and metric: the unit that is
/// checkpointed, written by a shard, and merged. Traces are `traces[regime][metric]` over the piece's
/// replicates only; concatenating a cell's pieces in replicate order gives the traces of a whole run.
public struct CellPiece: Sendable {
    public let cellKey: String
    public let replicates: Range<Int>
    public let traces: [[Trace]]
    public let fits: Int
    public let minimumNormFits: Int

    public init(cellKey: String, replicates: Range<Int>, traces: [[Trace]], fits: Int, minimumNormFits: Int) {
        self.cellKey = cellKey
        self.replicates = replicates
        self.traces = traces
        self.fits = fits
        self.minimumNormFits = minimumNormFits
    }

    init(_ outcome: CellOutcome) {
        self.init(cellKey: outcome.task.parameters.key, replicates: outcome.task.replicateRange, traces: outcome.traces,
                  fits: outcome.fits, minimumNormFits: outcome.minimumNormFits)
    }

    /// The file name of a piece: `<fnv1a64 of the cell key>-<first>-<end>.piece`.
    public static func fileName(cellKey: String, replicates: Range<Int>) -> String {
        let hex = String(StableHash.fnv1a64(cellKey), radix: 16)
        return String(repeating: "0", count: max(0, 16 - hex.count)) + hex + "-\(replicates.lowerBound)-\(replicates.upperBound).piece"
    }

    public var fileName: String { Self.fileName(cellKey: cellKey, replicates: replicates) }
}

/// The binary layout of a `.piece` file. Doubles are stored as their IEEE-754 bit patterns, so a resumed or
/// merged run sees exactly the doubles the original run computed (NaN payloads and −0 included):
///
///     "harness-piece 2\n"                     magic and layout version (16 bytes)
///     UInt64 little-endian                    byte length n of the header
///     n bytes                                 header, JSON (`Header`)
///     8 bytes per value, little-endian        traces[regime][metric] values in order
///
/// The header carries the checkpoint key, the cell, the replicate range, the shape and a word-wise FNV-1a checksum of
/// the values (layout 2; layout 1 hashed bytewise and is no longer read), so a truncated or foreign file is recognised rather than read.
enum PieceFile {
    static let magic = Data("harness-piece 2\n".utf8)

    struct Header: Codable, Equatable {
        let key: CheckpointKey
        let cell: String
        let from: Int
        let to: Int
        let regimes: Int
        let metrics: Int
        let generations: Int
        let fits: Int
        let minimumNormFits: Int
        let checksum: UInt64

        enum CodingKeys: String, CodingKey {
            case key, cell, from, to, regimes, metrics, generations, fits, checksum
            case minimumNormFits = "minimum_norm_fits"
        }
    }

    static func encode(_ piece: CellPiece, key: CheckpointKey) -> Data {
        var data = Data()
        try? write(piece, key: key, to: &data)   // appending to Data does not throw
        return data
    }

    /// Streams the piece's bytes (layout above) into `sink`, straight from the trace arrays.
    static func write<Sink: AtomicFile.ByteSink>(_ piece: CellPiece, key: CheckpointKey, to sink: inout Sink) throws {
        var hash = checksumSeed
        for regime in piece.traces {
            for trace in regime {
                #if _endian(little)
                hash = trace.values.withUnsafeBytes { checksum(continuing: hash, $0) }
                #else
                let stored = trace.values.map { $0.bitPattern.littleEndian }   // hash the bytes as written
                hash = stored.withUnsafeBytes { checksum(continuing: hash, $0) }
                #endif
            }
        }
        let header = Header(key: key, cell: piece.cellKey, from: piece.replicates.lowerBound, to: piece.replicates.upperBound,
                            regimes: piece.traces.count, metrics: piece.traces.first?.count ?? 0,
                            generations: piece.traces.first?.first?.generations ?? 0,
                            fits: piece.fits, minimumNormFits: piece.minimumNormFits, checksum: hash)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let headerData = (try? encoder.encode(header)) ?? Data()
        try magic.withUnsafeBytes { try sink.write($0) }
        try withUnsafeBytes(of: UInt64(headerData.count).littleEndian) { try sink.write($0) }
        try headerData.withUnsafeBytes { try sink.write($0) }
        for regime in piece.traces {
            for trace in regime {
                #if _endian(little)
                try trace.values.withUnsafeBytes { try sink.write($0) }   // already the stored byte order
                #else
                let swapped = trace.values.map { $0.bitPattern.littleEndian }
                try swapped.withUnsafeBytes { try sink.write($0) }
                #endif
            }
        }
    }

    /// Why a file is not a readable piece.
    struct Unreadable: Error { let reason: String }

    static func decodeHeader(_ data: Data) throws(Unreadable) -> (Header, payloadStart: Int) {
        let bytes = [UInt8](data.prefix(magic.count + 8))
        guard bytes.count == magic.count + 8, Data(bytes.prefix(magic.count)) == magic else {
            throw Unreadable(reason: "a file that does not start like a harness piece")
        }
        let length = bytes[magic.count...].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let start = magic.count + 8
        guard length <= UInt64(data.count - start) else { throw Unreadable(reason: "a truncated header") }
        let headerData = data.subdata(in: data.startIndex + start..<data.startIndex + start + Int(length))
        guard let header = try? JSONDecoder().decode(Header.self, from: headerData) else {
            throw Unreadable(reason: "an unreadable header")
        }
        return (header, start + Int(length))
    }

    static func decode(_ data: Data) throws(Unreadable) -> (Header, CellPiece) {
        let (header, start) = try decodeHeader(data)
        let replicates = header.to - header.from
        guard header.from >= 0, replicates >= 0, header.regimes >= 0, header.metrics >= 0, header.generations >= 0 else {
            throw Unreadable(reason: "a header with negative sizes")
        }
        let (perTrace, o1) = replicates.multipliedReportingOverflow(by: header.generations)
        let (traces, o2) = header.regimes.multipliedReportingOverflow(by: header.metrics)
        let (count, o3) = traces.multipliedReportingOverflow(by: perTrace)
        guard !o1, !o2, !o3, count <= Int.max / 8 else { throw Unreadable(reason: "a header with impossible sizes") }
        let payload = data.subdata(in: data.startIndex + start..<data.endIndex)
        guard payload.count == count * 8 else {
            throw Unreadable(reason: "\(payload.count) bytes of values where the header announces \(count * 8)")
        }
        guard checksum(payload) == header.checksum else { throw Unreadable(reason: "values that do not match their checksum") }
        var values = [Double](repeating: 0, count: count)
        payload.withUnsafeBytes { raw in
            values.withUnsafeMutableBufferPointer { v in
                for i in 0..<count {
                    v[i] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)))
                }
            }
        }
        var rows: [[Trace]] = []
        var offset = 0
        for _ in 0..<header.regimes {
            var row: [Trace] = []
            for _ in 0..<header.metrics {
                row.append(Trace(generations: header.generations, replicates: replicates, values: Array(values[offset..<offset + perTrace])))
                offset += perTrace
            }
            rows.append(row)
        }
        let piece = CellPiece(cellKey: header.cell, replicates: header.from..<header.to, traces: rows,
                              fits: header.fits, minimumNormFits: header.minimumNormFits)
        return (header, piece)
    }

    /// FNV-1a 64 taken a little-endian 64-bit word at a time (then over trailing bytes): eight times fewer
    /// multiplies than bytewise FNV, which matters for pieces of hundreds of megabytes. Layout version 2.
    static func checksum(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { checksum(continuing: checksumSeed, $0) }
    }

    static let checksumSeed: UInt64 = 0xCBF2_9CE4_8422_2325

    /// Continues the checksum over more bytes; over buffers whose sizes are multiples of 8 this equals the
    /// checksum of their concatenation.
    static func checksum(continuing seed: UInt64, _ raw: UnsafeRawBufferPointer) -> UInt64 {
        var h = seed
        let words = raw.count / 8
        for i in 0..<words {
            h = (h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))) &* 0x0000_0100_0000_01B3
        }
        for byte in raw[(words * 8)...] { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}

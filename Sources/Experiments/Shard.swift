import Foundation
import Randomness

/// One share of a run split across processes or machines: `--shard k/N`, 1 ≤ k ≤ N.
///
/// Which work a shard does is a pure function of (spec, k, N), so N independent jobs (a Slurm array, an indexed
/// Kubernetes job, GNU parallel) need no coordination, and `harness merge` can check that a set of shards covers
/// the run exactly once:
/// - with at least N cells, shard k runs the cells whose index i (in sweep order) has i mod N = k − 1, whole
///   (round robin, so an axis whose cost grows along the sweep is spread evenly);
/// - with fewer cells than N (a single-cell spec), shard k runs replicates ⌊R(k−1)/N⌋ ..< ⌊Rk/N⌋ of every cell.
/// Every replicate's streams derive from (seed, cell, replicate) alone, so the merged numbers are the numbers
/// of one run, bit for bit.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) {
        precondition(count >= 1 && (1...count).contains(index))
        self.index = index
        self.count = count
    }

    /// Parses `k/N`; a problem is a `SpecError` at `--shard`.
    public static func parse(_ text: String, file: String) throws(SpecError) -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 100_000, (1...n).contains(k) else {
            throw SpecError(file: file, path: "--shard", message: "expected k/N with 1 ≤ k ≤ N ≤ 100000 (e.g. 2/8), found \"\(text)\"")
        }
        return Shard(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }
}

/// A piece of planned work: replicates `replicates` of cell number `cell` (in sweep order).
public struct WorkPiece: Sendable, Hashable {
    public let cell: Int
    public let replicates: Range<Int>
}

extension Spec {
    /// Replicates per checkpointed piece: a cell with more is saved in slices of this many, so an interrupted
    /// run of a single large cell loses at most one slice per worker. A function of the spec alone (never of
    /// the thread count), so a resumed run finds the same pieces; the numbers do not depend on it.
    public static let replicatesPerPiece = 100

    /// The pieces a run (or one shard of it) computes, in sweep order: whole cells unless a shard splits
    /// replicates (see `Shard`), each then cut into slices of at most `replicatesPerPiece` replicates. Empty
    /// replicate ranges (more shards than replicates) are left out.
    public func plan(shard: Shard? = nil) -> [WorkPiece] {
        shardPlan(shard).flatMap { piece -> [WorkPiece] in
            let r = piece.replicates
            return stride(from: r.lowerBound, to: r.upperBound, by: Self.replicatesPerPiece).map {
                WorkPiece(cell: piece.cell, replicates: $0..<min($0 + Self.replicatesPerPiece, r.upperBound))
            }
        }
    }

    private func shardPlan(_ shard: Shard?) -> [WorkPiece] {
        let cellCount = cells.count
        guard let shard, shard.count > 1 else { return (0..<cellCount).map { WorkPiece(cell: $0, replicates: 0..<replicates) } }
        if cellCount >= shard.count {
            return (0..<cellCount).filter { $0 % shard.count == shard.index - 1 }.map { WorkPiece(cell: $0, replicates: 0..<replicates) }
        }
        let lo = replicates * (shard.index - 1) / shard.count, hi = replicates * shard.index / shard.count
        guard lo < hi else { return [] }
        return (0..<cellCount).map { WorkPiece(cell: $0, replicates: lo..<hi) }
    }
}

/// `shard.json`: written last by a finished shard run, beside its `pieces/` folder; `harness merge` reads it.
/// A shard folder without it is an unfinished shard (rerun the same command to resume it).
public struct ShardManifest: Codable, Sendable {
    public static let fileName = "shard.json"
    public static let piecesFolder = "pieces"
    public static let formatVersion = 1

    public let format: Int
    public let specFile: String
    /// The spec as run, from which merge rebuilds the `Spec`.
    public let spec: JSONValue
    public let key: CheckpointKey
    public let shard: Int
    public let shards: Int
    /// The piece files, in plan order.
    public let pieces: [String]

    enum CodingKeys: String, CodingKey {
        case format, specFile = "spec_file", spec, key, shard, shards, pieces
    }

    public init(spec: Spec, shard: Shard, pieces: [String]) {
        format = Self.formatVersion
        specFile = spec.file
        self.spec = spec.asRun
        key = CheckpointKey(spec: spec)
        self.shard = shard.index
        shards = shard.count
        self.pieces = pieces
    }

    public func render() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    public func write(to folder: URL) throws {
        try AtomicFile.write(render(), to: folder.appendingPathComponent(Self.fileName))
    }
}

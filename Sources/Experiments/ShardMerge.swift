import Foundation

/// `harness merge DIR... --out DIR`: reads finished shard folders and hands their pieces to `Runner.finish`.
///
/// Refuses, with a one-line `SpecError` and exit 2, any set that is not exactly the N shards of one run: a folder
/// without `shard.json` (unfinished or not a shard), shards of different specs, code versions or N, a shard given
/// twice, a shard missing, a shard whose pieces are not what its plan says, or a piece that is missing or foreign.
public enum ShardMerge {
    public static func load(directories: [URL]) throws(SpecError) -> (spec: Spec, pieces: [CellPiece]) {
        guard !directories.isEmpty else {
            throw SpecError(file: "merge", path: "DIR", message: "expected the folders of every shard, found none")
        }
        var manifests: [(URL, ShardManifest)] = []
        for directory in directories {
            let url = directory.appendingPathComponent(ShardManifest.fileName)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw SpecError(file: url.path, path: "$", message: "expected the shard.json of a finished shard run (harness run SPEC --shard k/N --out \(directory.path)), found none; rerun that shard to finish it")
            }
            guard let manifest = try? JSONDecoder().decode(ShardManifest.self, from: data), manifest.format == ShardManifest.formatVersion else {
                throw SpecError(file: url.path, path: "$", message: "expected a shard.json of format \(ShardManifest.formatVersion), found unreadable content")
            }
            manifests.append((directory, manifest))
        }
        let (firstURL, first) = manifests[0]
        let firstFile = firstURL.appendingPathComponent(ShardManifest.fileName).path
        let spec = try Spec(json: first.spec, file: first.specFile)
        let key = CheckpointKey(spec: spec)
        guard key == first.key else {
            throw SpecError(file: firstFile, path: "$.key", message: "expected shards made by this harness (\(key)), found \(first.key); rerun the shards with this build")
        }
        var seen: [Int: URL] = [:]
        for (url, manifest) in manifests {
            let file = url.appendingPathComponent(ShardManifest.fileName).path
            guard manifest.key == first.key else {
                throw SpecError(file: file, path: "$.key", message: "expected a shard of the same run as \(firstFile) (\(first.key)), found \(manifest.key)")
            }
            guard manifest.shards == first.shards else {
                throw SpecError(file: file, path: "$.shards", message: "expected \(first.shards) shards like \(firstFile), found \(manifest.shards)")
            }
            guard (1...manifest.shards).contains(manifest.shard) else {
                throw SpecError(file: file, path: "$.shard", message: "expected a shard number in [1, \(manifest.shards)], found \(manifest.shard)")
            }
            if let other = seen[manifest.shard] {
                throw SpecError(file: file, path: "$.shard", message: "expected each shard once, found shard \(manifest.shard)/\(manifest.shards) also in \(other.path)")
            }
            seen[manifest.shard] = url
        }
        if let missing = (1...first.shards).first(where: { seen[$0] == nil }) {
            let absent = (1...first.shards).filter { seen[$0] == nil }
            throw SpecError(file: firstFile, path: "$.shards", message: "expected all \(first.shards) shards, found \(manifests.count); missing shard \(absent.count == 1 ? "" : "s ")\(absent.prefix(10).map { "\($0)/\(first.shards)" }.joined(separator: ", ")) (run it with --shard \(missing)/\(first.shards))")
        }
        let cells = spec.cells
        var pieces: [CellPiece] = []
        for (url, manifest) in manifests.sorted(by: { $0.1.shard < $1.1.shard }) {
            let file = url.appendingPathComponent(ShardManifest.fileName).path
            let plan = spec.plan(shard: Shard(index: manifest.shard, count: manifest.shards))
            let names = plan.map { CellPiece.fileName(cellKey: cells[$0.cell].key, replicates: $0.replicates) }
            guard names == manifest.pieces else {
                throw SpecError(file: file, path: "$.pieces", message: "expected the \(names.count) pieces of shard \(manifest.shard)/\(manifest.shards), found \(manifest.pieces.count) others")
            }
            let store = CheckpointStore(directory: url.appendingPathComponent(ShardManifest.piecesFolder), key: key)
            let stored = try store.load()
            for name in names {
                guard let piece = stored[name] else {
                    throw SpecError(file: store.directory.appendingPathComponent(name).path, path: "$", message: "expected a piece listed in \(file), found none; rerun shard \(manifest.shard)/\(manifest.shards)")
                }
                pieces.append(piece)
            }
        }
        try checkCoverage(spec, pieces, file: firstFile)
        return (spec, pieces)
    }

    /// Every cell's replicates 0..<R exactly once, every piece the right shape.
    static func checkCoverage(_ spec: Spec, _ pieces: [CellPiece], file: String) throws(SpecError) {
        var byCell: [String: [Range<Int>]] = [:]
        for piece in pieces {
            let shapeOK = piece.traces.count == spec.regimes.count
                && piece.traces.allSatisfy { $0.count == spec.family.metrics.count && $0.allSatisfy { $0.generations == spec.generations && $0.replicates == piece.replicates.count } }
            guard shapeOK else {
                throw SpecError(file: file, path: "$.pieces", message: "expected pieces shaped like the spec, found \(piece.fileName) with another shape")
            }
            byCell[piece.cellKey, default: []].append(piece.replicates)
        }
        for cell in spec.cells {
            var next = 0
            for range in (byCell[cell.key] ?? []).sorted(by: { $0.lowerBound < $1.lowerBound }) {
                guard range.lowerBound == next else {
                    throw SpecError(file: file, path: "$.pieces", message: "expected replicates \(next)… of \(cell.key) once, found a piece from \(range.lowerBound)")
                }
                next = range.upperBound
            }
            guard next == spec.replicates else {
                throw SpecError(file: file, path: "$.pieces", message: "expected \(spec.replicates) replicates of \(cell.key), found \(next)")
            }
        }
    }
}

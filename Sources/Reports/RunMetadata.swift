import Collapse
import Experiments
import Foundation
import Randomness

/// run.json: the spec as run, its hash, the seed, the code and the machine that produced the results.
public struct RunMetadata: Codable, Sendable {
    /// Version of this file's layout.
    public static let formatVersion = 1

    public var allClaimsHold: Bool { claims.allSatisfy { $0.verdict != "FAIL" } }

    /// A claim and its verdict, with everything the Markdown report shows.
    public struct ClaimRecord: Codable, Sendable, Equatable {
        public let id: String
        public let kind: String
        public let regime: String
        public let than: String?
        public let curve: String?
        public let metric: String
        public let k: Double
        public let share: Double
        public let fromGeneration: Int
        public let toGeneration: Int
        public let statement: String?
        public let verdict: String
        public let worstZ: Double?
        public let worstGeneration: Int
        public let worstCell: String
        public let cellsChecked: Int
        public let replicates: Int
        public let reason: String?
        public let line: String
        public let statistic: String
        /// The `where` filter as `name=value` pairs.
        public let filter: [String]
        /// The `than_where` of a cross-cell `less-than` as `name=value` pairs; absent (nil) otherwise, so the run.json
        /// of other claims is unchanged.
        public let thanFilter: [String]?

        enum CodingKeys: String, CodingKey {
            case id, kind, regime, than, curve, metric, k, share, statement, verdict, reason, line, replicates, statistic
            case filter = "where", thanFilter = "than_where"
            case fromGeneration = "from_generation", toGeneration = "to_generation", worstZ = "worst_z"
            case worstGeneration = "worst_generation", worstCell = "worst_cell", cellsChecked = "cells_checked"
        }

        init(_ r: ClaimResult) {
            let c = r.claim
            id = c.id; kind = c.kind.rawValue; regime = c.regime.name; than = c.than?.name; curve = c.curve
            metric = c.metric; k = c.k; share = c.share; fromGeneration = c.fromGeneration; toGeneration = c.toGeneration
            statement = c.statement; verdict = r.verdict.rawValue; worstZ = r.worstZ.isFinite ? r.worstZ : nil
            worstGeneration = r.worstGeneration; worstCell = r.worstCell; cellsChecked = r.cellsChecked
            replicates = r.replicates; reason = r.reason; line = r.line
            statistic = c.statistic.rawValue; filter = c.filter.map { "\($0.0)=\($0.1)" }
            thanFilter = c.comparesCells ? c.thanFilter.map { "\($0.0)=\($0.1)" } : nil
        }
    }

    /// What the tables say about one cell beyond its numbers.
    public struct CellRecord: Codable, Sendable, Equatable {
        public let key: String
        public let fits: Int
        public let minimumNormFits: Int
        public let warnings: [String]
        enum CodingKeys: String, CodingKey { case key, fits, minimumNormFits = "minimum_norm_fits", warnings }
    }

    public let format: Int
    public let specFile: String
    public let spec: JSONValue
    /// FNV-1a 64 of the spec's canonical JSON (sorted keys) as run.
    public let specHash: String
    public let family: String
    public let familyVersion: Int
    public let streamDerivation: Int
    public let seed: UInt64
    public let cells: [CellRecord]
    public let replicates: Int
    public let generations: Int
    public let threads: Int
    public let wallSeconds: Double
    public let fits: Int
    public let minimumNormFits: Int
    public let claims: [ClaimRecord]
    public let provenance: Provenance

    enum CodingKeys: String, CodingKey {
        case format, specFile = "spec_file", spec, specHash = "spec_hash", family, familyVersion = "family_version"
        case streamDerivation = "stream_derivation", seed, cells, replicates, generations, threads
        case wallSeconds = "wall_seconds", fits, minimumNormFits = "minimum_norm_fits", claims, provenance
    }

    public init(result: ExperimentResult, provenance: Provenance) {
        let spec = result.spec
        format = Self.formatVersion
        specFile = spec.file
        self.spec = spec.asRun
        specHash = Self.hash(of: spec)
        family = spec.family.name
        familyVersion = spec.family.version
        streamDerivation = StreamKey.derivationVersion
        seed = spec.seed
        cells = result.cells.map {
            CellRecord(key: $0.parameters.key, fits: $0.fits, minimumNormFits: $0.minimumNormFits, warnings: $0.warnings)
        }
        replicates = spec.replicates
        generations = spec.generations
        threads = result.threads
        wallSeconds = (result.wallSeconds * 1000).rounded() / 1000
        fits = result.cells.reduce(0) { $0 + $1.fits }
        minimumNormFits = result.cells.reduce(0) { $0 + $1.minimumNormFits }
        claims = result.claims.map(ClaimRecord.init)
        self.provenance = provenance
    }

    public static func hash(of spec: Spec) -> String {
        let h = StableHash.fnv1a64(spec.asRun.canonicalText)
        return "fnv1a64:" + String(h, radix: 16).leftPadded(to: 16)
    }

    /// Reads a run.json written by `render()`.
    public static func read(_ data: Data) throws -> RunMetadata {
        try JSONDecoder().decode(RunMetadata.self, from: data)
    }

    /// The spec as run, validated again (theory formulas and parameter schemas come from it).
    public func validatedSpec() throws -> Spec {
        try Spec(json: spec, file: specFile)
    }

    public func render() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

import Collapse
import Experiments
import Foundation
import Randomness

/// run.json: the spec as run, its hash, the seed, the code and the machine that produced the results.
public struct RunMetadata: Codable, Sendable {
    /// Version of this file's layout.
    public static let formatVersion = 1

    public struct ClaimVerdict: Codable, Sendable {
        public let id: String
        public let verdict: String
        public let worstZ: Double?
        enum CodingKeys: String, CodingKey { case id, verdict, worstZ = "worst_z" }
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
    public let cells: Int
    public let replicates: Int
    public let generations: Int
    public let threads: Int
    public let wallSeconds: Double
    public let fits: Int
    public let minimumNormFits: Int
    public let claims: [ClaimVerdict]
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
        cells = result.cells.count
        replicates = spec.replicates
        generations = spec.generations
        threads = result.threads
        wallSeconds = (result.wallSeconds * 1000).rounded() / 1000
        fits = result.cells.reduce(0) { $0 + $1.fits }
        minimumNormFits = result.cells.reduce(0) { $0 + $1.minimumNormFits }
        claims = result.claims.map {
            ClaimVerdict(id: $0.claim.id, verdict: $0.verdict.rawValue, worstZ: $0.worstZ.isFinite ? $0.worstZ : nil)
        }
        self.provenance = provenance
    }

    public static func hash(of spec: Spec) -> String {
        let h = StableHash.fnv1a64(spec.asRun.canonicalText)
        return "fnv1a64:" + String(h, radix: 16).leftPadded(to: 16)
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

import Randomness

/// What a stream is used for; part of the stream key, so adding a draw for one purpose never moves another's.
public enum StreamPurpose: UInt64, Sendable {
    /// The replicate's world: true parameters and a fixed design.
    case world = 1
    /// The data of one generation: real data at generation 1, synthetic data after.
    case data = 2
    /// The rows drawn from the pool by `accumulate-subsample`, or from the reservoir by `mix-reservoir`.
    case subsample = 3
    /// Fresh real data drawn at a later generation by `mix-fresh` and `anchor`.
    case real = 4
}

/// The random streams of one replicate of one cell.
///
/// Rule (stream derivation v1 of `StreamKey`): stream = StreamKey(seed, fnv1a64(cell key), replicate,
/// purpose, generation). The cell key is the cell's parameters (`d=10,T=100,...`), not its position in the
/// sweep, so a cell's numbers are the same whatever else the sweep holds, whatever the thread count, and
/// however the work is split across processes. Regimes share streams: replicate r of `replace` and of
/// `accumulate` see the same world and the same noise (common random numbers), which makes comparisons
/// between regimes paired.
public struct ReplicateStreams: Sendable {
    public let seed: UInt64
    public let cellHash: UInt64
    public let replicate: Int

    public init(seed: UInt64, cellKey: String, replicate: Int) {
        self.seed = seed
        self.cellHash = StableHash.fnv1a64(cellKey)
        self.replicate = replicate
    }

    public func stream(_ purpose: StreamPurpose, generation: Int = 0) -> RandomStream {
        RandomStream(key: StreamKey(seed, cellHash, UInt64(replicate), purpose.rawValue, UInt64(generation)))
    }
}

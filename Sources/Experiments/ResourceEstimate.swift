import Collapse

/// What a spec will cost before it runs: the memory its traces need and a rough running time, so that a typo
/// (`"replicates": 10000000`, a sweep axis of 500 values) is refused in a second rather than discovered hours
/// later by the out-of-memory killer.
///
/// - Memory is exact for the traces, which dominate: every (cell, regime, metric, generation, replicate) is one
///   `Double` kept until the run ends, so bytes = 8 · cells · regimes · metrics · generations · replicates.
/// - Time is an order of magnitude: Σ over cells and regimes of the family's
///   `estimatedOperationsPerGeneration` · generations · replicates, at `operationsPerSecond` per thread.
///
/// A sharded run (`--shard k/N`) is judged on its share, 1/N of the whole.
public struct ResourceEstimate: Sendable, Equatable {
    /// Refused above this much trace memory unless `--allow-large` (8 GiB).
    public static let maximumTraceBytes = 8.0 * 1024 * 1024 * 1024
    /// Refused above this estimated wall time unless `--allow-large` (4 hours).
    public static let maximumSeconds = 4.0 * 3600
    /// Assumed throughput of one worker thread; conservative (the shipped specs run about twice as fast).
    public static let operationsPerSecond = 1e9
    /// The override named in the refusal.
    public static let overrideFlag = "--allow-large"

    public let cells: Int
    public let traceBytes: Double
    public let operations: Double
    public let threads: Int
    public let share: Int

    public var seconds: Double { operations / (Self.operationsPerSecond * Double(threads)) }

    /// The estimate for `spec` on `threads` worker threads, for one of `shards` equal shares.
    public init(spec: Spec, threads: Int, shards: Int = 1) {
        let cells = spec.cells
        var values = 0.0
        var operations = 0.0
        let perCell = Double(spec.regimes.count) * Double(spec.generations) * Double(spec.replicates)
        for cell in cells {
            values += perCell * Double(spec.family.metrics.count)
            for regime in spec.regimes {
                let cost = spec.family.estimatedOperationsPerGeneration(cell, regime: regime)
                operations += (cost.isFinite ? max(cost, 0) : .greatestFiniteMagnitude) * Double(spec.generations) * Double(spec.replicates)
            }
        }
        self.cells = cells.count
        self.share = max(shards, 1)
        self.traceBytes = 8 * values / Double(share)
        self.operations = operations / Double(share)
        self.threads = max(threads, 1)
    }

    /// The refusal, or nil when the run is within the limits.
    public func problem(file: String) -> SpecError? {
        let tooBig = traceBytes > Self.maximumTraceBytes
        let tooLong = seconds > Self.maximumSeconds
        guard tooBig || tooLong else { return nil }
        var found: [String] = []
        if tooBig { found.append("\(Self.bytes(traceBytes)) of traces") }
        if tooLong { found.append("about \(Self.duration(seconds)) on \(threads) thread\(threads == 1 ? "" : "s")") }
        let whose = share > 1 ? " for this shard (1/\(share) of \(cells) cells)" : " (\(cells) cell\(cells == 1 ? "" : "s"))"
        return SpecError(file: file, path: "$", message:
            "expected a run within \(Self.bytes(Self.maximumTraceBytes)) of traces and \(Self.duration(Self.maximumSeconds)), found \(found.joined(separator: " and "))\(whose); lower replicates, generations or the sweep, split it with --shard k/N, or pass \(Self.overrideFlag) to run it anyway")
    }

    /// `12.5 GiB`, `300 MiB`.
    static func bytes(_ b: Double) -> String {
        let gib = b / (1024 * 1024 * 1024)
        if gib >= 1 { return "\(ReportNumber.significant(gib, 3)) GiB" }
        return "\(ReportNumber.significant(b / (1024 * 1024), 3)) MiB"
    }

    /// `4 h`, `2.5 days`, `40 min`.
    static func duration(_ s: Double) -> String {
        if !s.isFinite { return "forever" }
        if s >= 2 * 86400 { return "\(ReportNumber.significant(s / 86400, 3)) days" }
        if s >= 3600 { return "\(ReportNumber.significant(s / 3600, 3)) h" }
        return "\(ReportNumber.significant(s / 60, 2)) min"
    }
}

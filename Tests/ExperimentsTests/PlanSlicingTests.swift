import Testing
@testable import Experiments
import Collapse

/// `Spec.plan`: cells cut into checkpoint slices of at most `Spec.replicatesPerPiece` replicates, covering every
/// replicate exactly once, whole or sharded.
@Suite struct PlanSlicingTests {
    static func spec(replicates: Int, cells: Int) throws -> Spec {
        var json = Fixture.accumulate
        json = json.setting([.key("replicates")], to: .integer(replicates))
        json = json.setting([.key("parameters"), .key("sigma2")], to: .array((1...cells).map { .number(Double($0)) }))
        return try Spec(json: json, file: "plan.json")
    }

    @Test("250 replicates of one cell: slices 0..<100, 100..<200, 200..<250")
    func slicesOneCell() throws {
        let spec = try Self.spec(replicates: 250, cells: 1)
        #expect(spec.plan().map(\.replicates) == [0..<100, 100..<200, 200..<250])
    }

    @Test("Whole or sharded, the slices cover every (cell, replicate) exactly once",
          arguments: [(250, 1, 1), (250, 1, 3), (99, 3, 2), (1000, 2, 7), (7, 4, 4)])
    func coverage(replicates: Int, cells: Int, shards: Int) throws {
        let spec = try Self.spec(replicates: replicates, cells: cells)
        var seen = [[Int]](repeating: [Int](repeating: 0, count: replicates), count: cells)
        for k in 1...shards {
            for piece in spec.plan(shard: Shard(index: k, count: shards)) {
                #expect(piece.replicates.count <= Spec.replicatesPerPiece && !piece.replicates.isEmpty)
                for r in piece.replicates { seen[piece.cell][r] += 1 }
            }
        }
        #expect(seen.allSatisfy { $0.allSatisfy { $0 == 1 } })
    }
}

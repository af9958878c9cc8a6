import Collapse
import Foundation
import Testing
@testable import Experiments

/// A family that exists only in this test (it is not in `FamilyRegistry`): every value is 1 + a tiny
/// replicate-dependent offset, except that replicate `bad` is NaN at generation 2 and replicate 0 is +∞ at
/// generation 3. It lets the test push non-finite values through the engine, the runner and the claims.
enum PoisonedFamily: ModelFamily {
    static let name = "test-poisoned"
    static let version = 1
    static let summary = "test only: injects NaN and ∞"
    static let parameters = [ParameterSchema("bad", .integer(minimum: 0, maximum: 1000), summary: "replicate that is NaN at generation 2")]
    static let metrics = [MetricDescription("value", "1 + replicate/10⁶, poisoned")]
    static let regimes: [Regime] = [.replace]
    static let curveNames: [String] = []

    static func problems(_ parameters: CellParameters) -> [ParameterProblem] { [] }
    static func warnings(_ parameters: CellParameters) -> [String] { [] }
    static func theory(metric: String, regime: Regime, parameters: CellParameters) -> TheoryCurve? {
        TheoryCurve(name: "one", formula: "1") { _ in 1 }
    }
    static func curve(named: String, metric: String, parameters: CellParameters) -> TheoryCurve? { nil }

    static func simulate(_ request: SimulationRequest) -> SimulationBlock {
        var block = SimulationBlock(metricCount: 1, generations: request.generations, replicateCount: request.replicates.count)
        let bad = request.parameters.integer("bad")
        for (offset, replicate) in request.replicates.enumerated() {
            for g in 1...request.generations {
                var v = 1 + Double(replicate) * 1e-6
                if g == 2 && replicate == bad { v = .nan }
                if g == 3 && replicate == 0 { v = .infinity }
                block.record(replicate: offset, generation: g, [v])
            }
            block.fits += request.generations
        }
        return block
    }
}

@Suite("non-finite values and checkpoints")
struct NonFiniteAndCheckpointTests {
    /// A spec of the test-only family, built directly (validation looks families up in the registry).
    static func spec(generations: Int = 4, replicates: Int = 30, claims: [Claim]) -> Spec {
        Spec(file: "poisoned.json", name: "poisoned", title: "poisoned", description: nil, paper: "", family: PoisonedFamily.self,
             parameters: [("bad", [.integer(7), .integer(500)])], regimes: [.replace], generations: generations,
             replicates: replicates, seed: 1, claims: claims, asRun: .object(["name": .string("poisoned")]))
    }

    static let matches = Claim(id: "ones", kind: .matchesTheory, metric: "value", regime: .replace, than: nil, curve: nil, k: 4,
                               share: 0.5, fromGeneration: 1, toGeneration: 4, statement: nil)

    @Test("a NaN or ∞ in any replicate makes the row NaN with n_nonfinite counted, and the claim FAIL with the reason")
    func nonFiniteIsFlagged() throws {
        let spec = Self.spec(claims: [Self.matches])
        let result = Runner.run(spec, threads: 2)
        let rows = result.rows
        // Cell bad=7: NaN at generation 2 (replicate 7) and ∞ at generation 3 (replicate 0).
        let cell7 = rows.filter { $0.cell.key == "bad=7" }
        #expect(cell7.map(\.summary.nonFinite) == [0, 1, 1, 0])
        #expect(cell7[1].summary.mean.isNaN && cell7[2].summary.mean.isNaN && cell7[1].z?.isNaN == true)
        #expect(cell7[0].summary.mean.isFinite)
        // Cell bad=500 (beyond the 30 replicates): only the ∞ at generation 3.
        #expect(rows.filter { $0.cell.key == "bad=500" }.map(\.summary.nonFinite) == [0, 0, 1, 0])
        let claim = try #require(result.claims.first)
        #expect(claim.verdict == .fail)
        #expect(claim.reason?.contains("non-finite value at generation 2 (bad=7)") == true, "\(claim.line)")
        #expect(claim.line.hasPrefix("FAIL ones:"))
    }

    @Test("a window without non-finite values still passes (the flag is not a blanket failure)")
    func cleanWindowPasses() {
        var claim = Self.matches
        claim = Claim(id: claim.id, kind: claim.kind, metric: claim.metric, regime: claim.regime, than: nil, curve: nil, k: 1e9,
                      share: 0.5, fromGeneration: 4, toGeneration: 4, statement: nil)
        let result = Runner.run(Self.spec(claims: [claim]), threads: 1)
        #expect(result.claims.first?.verdict == .pass, "\(result.claims.first?.line ?? "")")
    }

    @Test("a piece file round-trips every double bit for bit (NaN, ∞, −0, subnormals) and rejects a changed byte")
    func pieceRoundTrip() throws {
        let values: [Double] = [.nan, .infinity, -.infinity, -0.0, 0, 4.9e-324, .greatestFiniteMagnitude, 1.0 / 3, -2.5e-300, 7]
        let trace = Trace(generations: 5, replicates: 2, values: values)
        let piece = CellPiece(cellKey: "bad=7", replicates: 10..<12, traces: [[trace]], fits: 10, minimumNormFits: 3)
        let key = CheckpointKey(spec: Self.spec(claims: []))
        let data = PieceFile.encode(piece, key: key)
        let (header, back) = try PieceFile.decode(data)
        #expect(header.key == key)
        #expect(back.replicates == 10..<12 && back.fits == 10 && back.minimumNormFits == 3 && back.cellKey == "bad=7")
        #expect(back.traces[0][0].values.map(\.bitPattern) == values.map(\.bitPattern))
        var corrupted = data
        corrupted[corrupted.count - 3] ^= 0x40
        #expect(throws: PieceFile.Unreadable.self) { try PieceFile.decode(corrupted) }
        #expect(throws: PieceFile.Unreadable.self) { try PieceFile.decode(data.prefix(data.count - 8)) }
        #expect(throws: PieceFile.Unreadable.self) { try PieceFile.decode(Data("not a piece".utf8)) }
    }

    @Test("resuming from a store gives the same traces as one run; a store of another spec is refused")
    func storeResumesAndRefuses() throws {
        let spec = Self.spec(claims: [Self.matches])
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = CheckpointStore(directory: directory, key: CheckpointKey(spec: spec))
        // Run only the first cell, as if killed after it; then the whole plan resumes from it.
        let plan = spec.plan()
        _ = try Runner.simulate(spec, plan: [plan[0]], threads: 2, store: store)
        let (pieces, resumed) = try Runner.simulate(spec, plan: plan, threads: 2, store: store)
        #expect(resumed == 1)
        let whole = Runner.run(spec, threads: 1)
        let finished = Runner.finish(spec, pieces: pieces, threads: 1, wallSeconds: 0)
        #expect(finished.cells.map { $0.traces[0][0].values.map(\.bitPattern) } == whole.cells.map { $0.traces[0][0].values.map(\.bitPattern) })

        let other = Spec(file: "other.json", name: "other", title: "", description: nil, paper: "", family: PoisonedFamily.self,
                         parameters: spec.parameters, regimes: [.replace], generations: 4, replicates: 30, seed: 2, claims: [],
                         asRun: .object(["seed": .integer(2)]))
        let foreign = CheckpointStore(directory: directory, key: CheckpointKey(spec: other))
        do {
            _ = try foreign.load()
            Issue.record("checkpoints of another spec were accepted")
        } catch {
            #expect(error.path == "$.key")
            #expect(error.message.contains("expected a checkpoint of this run") && error.message.contains("delete \(directory.path)"))
        }
    }
}

@Suite("spec hardening")
struct SpecHardeningTests {
    @Test("a key given twice is refused at its path")
    func duplicateKeys() {
        let text = Fixture.accumulateText.replacingOccurrences(of: #""d": 10,"#, with: #""d": 10, "d": 12,"#)
        let error = Fixture.loadError(text)
        expectSpecError(error, path: "$.parameters.d", contains: [#"expected each key once in an object, found "d" twice"#])
        let escaped = Fixture.accumulateText.replacingOccurrences(of: #""seed": 20240401,"#, with: #""seed": 1, "se\u0065d": 2,"#)
        expectSpecError(Fixture.loadError(escaped), path: "$.seed", contains: ["twice"])
    }

    @Test("2 and 2.0 are one sweep value (one cell key), and a 100,000-value axis is checked in linear time")
    func sweepDuplicates() {
        let json = Fixture.accumulate(setting: ["parameters", "sigma2"], to: .array([.integer(2), .number(2.0)]))
        expectSpecError(Fixture.validationError(json), path: "$.parameters.sigma2[1]", contains: ["expected distinct sweep values"])
    }

    @Test("a sweep of more than a million cells is refused before any cell is built")
    func gridCap() {
        let axis = JSONValue.array((0..<1200).map { .integer(1 + $0) })
        var json = Fixture.accumulate(setting: ["parameters", "sigma2"], to: axis)
        json = json.setting(["parameters", "T"], to: .array((0..<1000).map { .integer(100 + $0) }))
        expectSpecError(Fixture.validationError(json), path: "$.parameters", contains: ["expected a sweep of at most 1000000 cells, found 1200000", "T: 1000 × sigma2: 1200"])
    }

    @Test("a newline inside a value never splits the error line")
    func oneLine() {
        let json = Fixture.accumulate(setting: ["name"], to: .string("a\nb"))
        let error = Fixture.validationError(json)
        #expect(error?.description.contains("\n") == false)
        #expect(error?.message.contains(#"a\nb"#) == true, "\(error?.message ?? "")")
    }
}

extension Fixture {
    /// Parses and validates `text`; returns the error, or nil when it is valid.
    static func loadError(_ text: String) -> SpecError? {
        do throws(SpecError) {
            _ = try Spec(json: try JSONValue.parse(Data(text.utf8), file: fileName), file: fileName)
            return nil
        } catch {
            return error
        }
    }
}

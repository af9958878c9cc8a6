import Foundation
import Testing
@testable import Experiments

/// Property: whatever bytes and overrides a user gives, validation ends quickly in either a valid spec or one
/// `SpecError` line naming a JSON path (`$…`) or an override (`--set …`). Never a crash, never a hang.
///
/// 12,000 cases from a fixed seed, in process (parse → overrides → validation), so the test is deterministic
/// and fast; `SpecFuzzBinaryTests` (HarnessTests) sends a few hundred of the same kind through the binary.
@Suite("spec fuzzing")
struct SpecFuzzTests {
    static let caseCount = 12_000
    static let seed: UInt64 = 0x5EED_0007
    /// Per case; the slowest legitimate case (a 100,000-element sweep axis) takes a few tens of milliseconds.
    static let maximumSecondsPerCase = 2.0

    /// The valid specs the mutations start from: the fixture and every shipped spec.
    static var bases: [String] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("experiments")
        let shipped = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
            .compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
        return [Fixture.accumulateText] + shipped
    }

    enum Outcome { case valid, invalid }

    /// Validates one case the way `harness run` does; records an issue for anything but a good outcome.
    static func check(_ c: FuzzCase, index: Int) -> Outcome {
        let file = "fuzz.json"
        do throws(SpecError) {
            var json = try JSONValue.parse(c.bytes, file: file)
            json = try Overrides.apply(c.overrides, to: json, file: file)
            let spec = try Spec(json: json, file: file)
            // A valid spec must survive what the run does next without trapping.
            _ = ResourceEstimate(spec: spec, threads: 2).problem(file: file)
            let slices = (spec.replicates + Spec.replicatesPerPiece - 1) / Spec.replicatesPerPiece
            #expect(spec.plan().count == spec.cells.count * slices)
            let again = try Spec(json: spec.asRun, file: file)
            #expect(again.hash == spec.hash, "case \(index) (\(c.kind)): the spec as run is not a fixed point")
            return .valid
        } catch {
            let ok = (error.path.hasPrefix("$") || error.path.hasPrefix("--set")) && error.file == file
                && !error.description.contains("\n") && !error.message.isEmpty
                && error.description == "error: \(file): \(error.path): \(error.message)"
            #expect(ok, "case \(index) (\(c.kind), overrides \(c.overrides)): bad error \(error.description.debugDescription)")
            return .invalid
        }
    }

    @Test("12,000 mutated specs: each is valid or one SpecError line at a path; none crashes or hangs")
    func mutatedSpecs() throws {
        let mutator = SpecMutator(bases: Self.bases)
        #expect(mutator.bases.count >= 2)
        var rng = FuzzRandom(seed: Self.seed)
        var counts: [String: (valid: Int, invalid: Int)] = [:]
        var slowest = (seconds: 0.0, index: 0, kind: "")
        var timeByKind: [String: Double] = [:]
        let started = Date()
        for index in 0..<Self.caseCount {
            let c = mutator.make(&rng)
            let t0 = Date()
            let outcome = Self.check(c, index: index)
            let seconds = Date().timeIntervalSince(t0)
            if seconds > slowest.seconds { slowest = (seconds, index, c.kind) }
            timeByKind[c.kind, default: 0] += seconds
            var entry = counts[c.kind] ?? (0, 0)
            if outcome == .valid { entry.valid += 1 } else { entry.invalid += 1 }
            counts[c.kind] = entry
        }
        let total = Date().timeIntervalSince(started)
        #expect(slowest.seconds < Self.maximumSecondsPerCase, "case \(slowest.index) (\(slowest.kind)) took \(slowest.seconds) s")
        let invalid = counts.values.reduce(0) { $0 + $1.invalid }
        let summary = counts.keys.sorted().map { "\($0) \(counts[$0]!.invalid)/\(counts[$0]!.valid) \(String(format: "%.1f", timeByKind[$0] ?? 0)) s" }.joined(separator: ", ")
        print("spec fuzz: \(Self.caseCount) cases (\(invalid) rejected with a SpecError, \(Self.caseCount - invalid) still valid) in \(String(format: "%.1f", total)) s; slowest \(String(format: "%.3f", slowest.seconds)) s (\(slowest.kind)); rejected/valid by kind: \(summary)")
        // Every kind of mutation was exercised, and the mutations that cannot leave a valid spec never did.
        #expect(counts.count == SpecMutator.kinds.count)
        for kind in ["truncate", "duplicate-key", "unknown-key", "deep-nesting"] {
            #expect(counts[kind]?.valid == 0, "\(kind) left \(counts[kind]?.valid ?? -1) specs valid")
        }
        #expect(invalid >= 10_000)
    }
}

import Foundation
import Testing

/// Malformed specs through the real binary: exit code 2, exactly one line on stderr naming the file and a path,
/// and nothing written. The bulk of the fuzzing (12,000 cases) runs in process in `SpecFuzzTests`; these cases
/// are all invalid by construction and include the largest inputs (100,000-element arrays, nesting past
/// Foundation's 512-level limit), which are too slow under the test runner's error backtracing to run in bulk.
@Suite("harness: fuzzed bad specs")
struct SpecFuzzBinaryTests {
    static let caseCount = 240
    static let seed: UInt64 = 0xB1_7A_5E

    /// SplitMix64, as in the in-process fuzz test.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    static let base = Specs.accumulateText
    static let kinds = ["structural-flip", "truncate", "duplicate-key", "unknown-key", "deep-nesting", "huge-array", "extreme-number", "type-swap"]

    /// A spec that cannot be valid, by construction.
    static func make(_ rng: inout Random) -> (kind: String, text: String) {
        let kind = rng.pick(kinds)
        var text = base
        func replaceValue(of key: String, with value: String) {
            // Every key of the fixture's top level is on its own line as `"key": value,`.
            guard let range = text.range(of: "\"\(key)\": ") else { return }
            let end = text[range.upperBound...].firstIndex(of: "\n")!
            var old = text[range.upperBound..<end]
            let comma = old.hasSuffix(",")
            if comma { old = old.dropLast() }
            text.replaceSubrange(range.upperBound..<end, with: value + (comma ? "," : ""))
        }
        switch kind {
        case "structural-flip":
            var bytes = [UInt8](text.utf8)
            // Structural characters outside strings only (a comma inside the description is just text).
            var structural: [Int] = []
            var inString = false, escaped = false
            for (i, b) in bytes.enumerated() {
                if inString {
                    if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                } else if b == UInt8(ascii: "\"") {
                    inString = true
                } else if "{}[]:,".utf8.contains(b) {
                    structural.append(i)
                }
            }
            let i = rng.pick(structural)
            bytes[i] ^= UInt8(1 << rng.below(8))
            text = String(decoding: bytes, as: UTF8.self)
        case "truncate":
            let bytes = [UInt8](text.utf8)
            text = String(decoding: bytes.prefix(rng.below(bytes.lastIndex(of: UInt8(ascii: "}"))!)), as: UTF8.self)
        case "duplicate-key":
            text = text.replacingOccurrences(of: "\"name\": ", with: "\"\(rng.pick(["seed", "name", "family", "generations"]))\": 1, \"name\": ")
        case "unknown-key":
            text = text.replacingOccurrences(of: "\"seed\": ", with: "\"\(rng.pick(["seeds", "Seed", "replicate", "x", ""]))\": 1, \"seed\": ")
        case "deep-nesting":
            let depth = rng.pick([100, 500, 512, 513, 2000, 100_000])
            replaceValue(of: "description", with: String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        case "huge-array":
            let count = rng.pick([10_000, 100_000])
            replaceValue(of: rng.pick(["title", "regimes", "claims", "description"]), with: "[" + Array(repeating: rng.pick(["1", "\"x\"", "[]", "null"]), count: count).joined(separator: ",") + "]")
        case "extreme-number":
            replaceValue(of: rng.pick(["generations", "replicates", "seed"]),
                         with: rng.pick(["1e308", "-1e308", "1e309", "-0", "0", "-1", "9223372036854775808", "123456789012345678901234567890", "2.5", "1e-320", "100000000"]))
        default:  // type-swap
            replaceValue(of: rng.pick(["generations", "replicates", "family", "parameters", "regimes", "claims", "name"]),
                         with: rng.pick(["null", "true", "\"\"", "{}", "[{}]"]))  // none valid for any of these keys
        }
        return (kind, text)
    }

    @Test("240 invalid specs through `harness run`: exit 2, one line naming a path, nothing written")
    func invalidSpecsThroughTheBinary() throws {
        try withTemporaryDirectory { tmp in
            var rng = Random(state: Self.seed)
            var kinds: [String: Int] = [:]
            for index in 0..<Self.caseCount {
                let (kind, text) = Self.make(&rng)
                kinds[kind, default: 0] += 1
                let file = try tmp.write(text, to: "case.json")
                let out = tmp.appendingPathComponent("out")
                let result = try HarnessBinary.run(arguments: ["run", file.path, "--out", out.path, "--quiet"], currentDirectory: tmp, timeout: 30)
                let prefix = "error: \(file.path): "
                let ok = result.exitCode == 2 && result.stderrLines.count == 1 && result.stderr.hasPrefix(prefix)
                    && (result.stderr.dropFirst(prefix.count).hasPrefix("$") || result.stderr.dropFirst(prefix.count).hasPrefix("--set"))
                    && result.stdout.isEmpty && !FileManager.default.fileExists(atPath: out.path)
                #expect(ok, "case \(index) (\(kind)): exit \(result.exitCode), stderr \(result.stderr.prefix(300).debugDescription)")
                if !ok { try? FileManager.default.removeItem(at: out) }
            }
            #expect(kinds.count == Self.kinds.count, "\(kinds)")
        }
    }
}

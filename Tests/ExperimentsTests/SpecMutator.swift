import Foundation
@testable import Experiments

/// SplitMix64: a tiny seeded generator for the fuzz tests (the tests must not depend on the code under test's RNG).
struct FuzzRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}

/// One mutated spec: the bytes of a file, the `--set` overrides, and what was done to it.
struct FuzzCase: Sendable {
    let kind: String
    let bytes: Data
    let overrides: [String]
}

/// Makes malformed or mutated specs from valid ones, deterministically from a seed: byte flips, insertions,
/// deletions, truncations, type swaps, extreme numbers, deep nesting, huge arrays, unknown and duplicate keys,
/// removed keys and junk `--set` overrides.
struct SpecMutator {
    let bases: [String]
    /// The bases parsed once (parsing is the costly part of making a tree mutation).
    let trees: [String: JSONValue]
    /// In process these stay moderate: Swift Testing records a backtrace for every thrown error, and decoding
    /// into `JSONValue` throws a few times per element, so a 100,000-element array costs seconds under the test
    /// runner (0.3 s in the binary). The binary fuzz test sends the largest sizes.
    var hugeArraySizes = [100, 300, 1000]
    /// Foundation's parser refuses more than 512 levels; depths either side of that limit.
    var nestingDepths = [10, 50, 150, 513, 600, 5000]

    init(bases: [String]) {
        self.bases = bases
        var trees: [String: JSONValue] = [:]
        for base in bases { trees[base] = try? JSONValue.parse(Data(base.utf8), file: "base") }
        self.trees = trees
    }

    static let extremeNumbers = ["1e308", "-1e308", "1e309", "-1e309", "-0", "-0.0", "0", "-1", "4.9e-324", "1e-320",
                                 "9223372036854775807", "9223372036854775808", "-9223372036854775809",
                                 "123456789012345678901234567890", "1.7976931348623157e308", "2.5", "1e15", "1e16", "NaN",
                                 "Infinity", "0x10", "1e", "--1", "01", ".5", "1.0e+2", "100000", "100001", "2147483648"]
    static let kinds = ["byte-flip", "byte-insert", "byte-delete", "truncate", "type-swap", "extreme-number", "deep-nesting",
                        "huge-array", "unknown-key", "duplicate-key", "remove-key", "override", "splice"]

    func make(_ rng: inout FuzzRandom) -> FuzzCase {
        let base = rng.pick(bases)
        let kind = rng.pick(Self.kinds)
        var bytes = [UInt8](base.utf8)
        var overrides: [String] = []
        switch kind {
        case "byte-flip":
            for _ in 0..<(1 + rng.below(4)) { let i = rng.below(bytes.count); bytes[i] ^= UInt8(1 << rng.below(8)) }
        case "byte-insert":
            let junk: [UInt8] = Array("{}[]\",:0-e.\\ntruefalsenull\u{0}\u{ff}é".utf8)
            for _ in 0..<(1 + rng.below(3)) { bytes.insert(rng.pick(junk), at: rng.below(bytes.count + 1)) }
        case "byte-delete":
            for _ in 0..<(1 + rng.below(3)) where !bytes.isEmpty { bytes.remove(at: rng.below(bytes.count)) }
        case "truncate":
            // Cut before the last closing brace, so the document is always incomplete.
            bytes = Array(bytes.prefix(rng.below(bytes.lastIndex(of: UInt8(ascii: "}")) ?? bytes.count)))
        case "splice":
            let other = [UInt8](rng.pick(bases).utf8)
            let a = rng.below(bytes.count), b = rng.below(other.count)
            bytes = Array(bytes.prefix(a)) + Array(other.suffix(from: b))
        case "override":
            let keys = ["d", "T", "n", "M", "p2", "sigma2", "generations", "replicates", "seed", "regimes", "name", "title",
                        "design", "estimator", "lambda", "c2", "m", "alpha", "mu", "", "=", "schema", "claims", "d,T"]
            let values = Self.extremeNumbers + ["", ",", "replace,replace", "a,b,c", "1,1", "1,2,3", "fixed", "x=y", "ünï"]
            for _ in 0..<(1 + rng.below(3)) {
                overrides.append(rng.chance(0.1) ? rng.pick(values) : "\(rng.pick(keys))=\(rng.pick(values))")
            }
        default:
            bytes = Array(mutateTree(kind, base: base, &rng).utf8)
        }
        return FuzzCase(kind: kind, bytes: Data(bytes), overrides: overrides)
    }

    /// Mutations that need the JSON structure: applied to the parsed tree, then printed back (with a textual
    /// step for what a tree cannot hold: duplicate keys, raw extreme-number tokens, deep nesting).
    func mutateTree(_ kind: String, base: String, _ rng: inout FuzzRandom) -> String {
        guard var tree = trees[base] else { return base }
        let paths = Self.paths(tree)
        let path = rng.pick(paths)
        let marker = "\"@@MARK@@\""
        switch kind {
        case "type-swap":
            let replacements: [JSONValue] = [.null, .bool(true), .integer(0), .integer(-7), .number(0.5), .string(""), .string("x"),
                                             .array([]), .array([.integer(1)]), .object([:]), .object(["k": .null])]
            tree = tree.setting(path, to: rng.pick(replacements))
        case "extreme-number", "deep-nesting", "huge-array":
            tree = tree.setting(path, to: .string("@@MARK@@"))
        case "unknown-key":
            let objects = paths.filter { if case .object = tree.value(at: $0) { return true } else { return false } } + [[]]
            let target = rng.pick(objects)
            let key = rng.pick(["replicate", "seeds", "Family", "parameter", "x", "", "claim", "d ", "$", "generation"])
            if case var .object(o)? = tree.value(at: target) {
                o[key] = .integer(1)
                tree = target.isEmpty ? .object(o) : tree.setting(target, to: .object(o))
            }
        case "remove-key":
            if case .key = path.last { tree = tree.setting(path, to: nil) }
        default: break  // duplicate-key: textual below
        }
        var text = tree.canonicalText
        switch kind {
        case "extreme-number":
            text = text.replacingOccurrences(of: marker, with: rng.pick(Self.extremeNumbers))
        case "deep-nesting":
            let depth = rng.pick(nestingDepths)
            let open = rng.chance(0.5) ? "[" : "{\"a\":"
            let close = open == "[" ? "]" : "}"
            let closed = rng.chance(0.8)
            text = text.replacingOccurrences(of: marker, with: String(repeating: open, count: depth) + "1" + (closed ? String(repeating: close, count: depth) : ""))
        case "huge-array":
            let count = rng.pick(hugeArraySizes)
            let element = rng.pick(["1", "2.5", "\"fixed\"", "null", "[]"])
            let distinct = rng.chance(0.5)
            let items = (0..<count).map { distinct && element == "1" ? String($0 + 1) : element }
            text = text.replacingOccurrences(of: marker, with: "[" + items.joined(separator: ",") + "]")
        case "duplicate-key":
            // Repeat an existing key of the top level or of "parameters" with another value.
            let key = rng.pick(["name", "generations", "family", "replicates", "seed", "parameters"])
            let value = rng.pick(["\"other\"", "3", "-1", "{}", "1e308"])
            if let brace = text.firstIndex(of: "{") {
                text.insert(contentsOf: "\"\(key)\":\(value),", at: text.index(after: brace))
            }
        default: break
        }
        return text
    }

    /// Every path in the tree (the root excluded).
    static func paths(_ value: JSONValue, prefix: [PathKey] = []) -> [[PathKey]] {
        switch value {
        case let .object(o):
            return o.keys.sorted().flatMap { k in [prefix + [.key(k)]] + paths(o[k]!, prefix: prefix + [.key(k)]) }
        case let .array(a):
            return a.indices.flatMap { i in [prefix + [.index(i)]] + paths(a[i], prefix: prefix + [.index(i)]) }
        default:
            return prefix.isEmpty ? [[]] : []
        }
    }
}

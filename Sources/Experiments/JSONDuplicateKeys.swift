import Foundation

/// Finds a key given twice in one JSON object, which `JSONDecoder` silently resolves (one of the two values
/// wins). In a spec that is almost always a mistake (two `"T"` lines, one forgotten), and which value runs must
/// never depend on a decoder's choice, so `JSONValue.parse` refuses it:
/// `$.parameters.T: expected each key once in an object, found "T" twice`.
///
/// A single pass over bytes already known to be valid JSON, iterative (an explicit stack, so deep nesting cannot
/// overflow the call stack), linear in the length of the document.
enum JSONDuplicateKeys {
    /// The path of the first repeated key and the key, or nil when every object's keys are distinct.
    static func first(in data: Data) -> (path: String, key: String)? {
        let bytes = [UInt8](data)
        struct Frame {
            let isObject: Bool
            let path: String
            var keys: Set<String> = []
            var key = ""
            var index = 0
        }
        var stack: [Frame] = []
        var i = 0
        func skipSpace() { while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 } }
        /// The string starting at the quote at `i`, decoded; `i` ends past the closing quote.
        func readString() -> String {
            i += 1
            var raw: [UInt8] = []
            var escaped = false
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { break }
                raw.append(b)
            }
            return raw.contains(0x5C) ? unescape(raw) : String(decoding: raw, as: UTF8.self)
        }
        func childPath() -> String {
            guard let top = stack.last else { return "$" }
            return top.isObject ? "\(top.path).\(top.key)" : "\(top.path)[\(top.index)]"
        }
        // Each turn reads one value (after a key when inside an object), then the separators after it.
        while true {
            skipSpace()
            if var top = stack.last, top.isObject {
                guard i < bytes.count, bytes[i] == 0x22 else { return nil }  // `{}` is handled on open
                let key = readString()
                if top.keys.contains(key) { return (top.path + "." + key, key) }
                top.keys.insert(key)
                top.key = key
                stack[stack.count - 1] = top
                skipSpace()
                i += 1  // ':'
                skipSpace()
            }
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = bytes[i] == UInt8(ascii: "{")
                stack.append(Frame(isObject: isObject, path: childPath()))
                i += 1
                skipSpace()
                guard i < bytes.count, bytes[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { continue }
                i += 1
                stack.removeLast()
            case UInt8(ascii: "\""):
                _ = readString()
            default:
                while i < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
            }
            // After a value: close containers until a comma or the end.
            while true {
                skipSpace()
                guard i < bytes.count, !stack.isEmpty else { return nil }
                let b = bytes[i]
                i += 1
                if b == UInt8(ascii: ",") {
                    if !stack[stack.count - 1].isObject { stack[stack.count - 1].index += 1 }
                    break
                }
                stack.removeLast()  // '}' or ']'
            }
        }
    }

    /// JSON string escapes (\" \\ \/ \b \f \n \r \t \uXXXX with surrogate pairs) of a valid string's bytes.
    static func unescape(_ raw: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        var units: [UInt16] = []
        var j = 0
        let text = [UInt8](raw)
        func flushUnits() {
            scalars.append(contentsOf: String(decoding: units, as: UTF16.self).unicodeScalars)
            units.removeAll()
        }
        var plain: [UInt8] = []
        func flushPlain() {
            scalars.append(contentsOf: String(decoding: plain, as: UTF8.self).unicodeScalars)
            plain.removeAll()
        }
        while j < text.count {
            guard text[j] == 0x5C, j + 1 < text.count else { flushUnits(); plain.append(text[j]); j += 1; continue }
            let e = text[j + 1]
            j += 2
            if e == UInt8(ascii: "u"), j + 4 <= text.count, let v = UInt16(String(decoding: text[j..<j + 4], as: UTF8.self), radix: 16) {
                flushPlain()
                units.append(v)
                j += 4
                continue
            }
            flushUnits()
            switch e {
            case UInt8(ascii: "b"): plain.append(0x08)
            case UInt8(ascii: "f"): plain.append(0x0C)
            case UInt8(ascii: "n"): plain.append(0x0A)
            case UInt8(ascii: "r"): plain.append(0x0D)
            case UInt8(ascii: "t"): plain.append(0x09)
            default: plain.append(e)
            }
        }
        flushUnits()
        flushPlain()
        return String(scalars)
    }
}

import Foundation

/// A minimal SVG text builder: elements appended in order, coordinates printed with two fixed decimals, text
/// escaped for XML. Same calls → same bytes, so a committed figure only changes when its data do.
struct SVGWriter {
    private(set) var body: [String] = []

    /// Two decimals, never "-0.00".
    static func number(_ x: Double) -> String {
        let s = String(format: "%.2f", x)
        return s == "-0.00" ? "0.00" : s
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Attributes in the order given; numbers formatted by `number`.
    static func attributes(_ pairs: [(String, Any)]) -> String {
        pairs.map { key, value in
            let text: String
            switch value {
            case let x as Double: text = number(x)
            case let i as Int: text = String(i)
            default: text = escape("\(value)")
            }
            return " \(key)=\"\(text)\""
        }.joined()
    }

    mutating func raw(_ line: String) { body.append(line) }

    mutating func element(_ name: String, _ pairs: [(String, Any)]) {
        body.append("<\(name)\(Self.attributes(pairs))/>")
    }

    mutating func text(_ content: String, _ pairs: [(String, Any)]) {
        body.append("<text\(Self.attributes(pairs))>\(Self.escape(content))</text>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ extra: [(String, Any)]) {
        element("line", [("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2)] + extra)
    }

    /// A polyline as path data, restarting (`M`) after every non-finite point so gaps stay gaps.
    static func pathData(_ points: [(Double, Double)]) -> String {
        var parts: [String] = []
        var pen = false
        for (x, y) in points {
            guard x.isFinite, y.isFinite else { pen = false; continue }
            parts.append("\(pen ? "L" : "M")\(number(x)) \(number(y))")
            pen = true
        }
        return parts.joined(separator: " ")
    }

    /// A closed band between an upper and a lower edge sampled at the same x positions, one polygon per run of
    /// finite points.
    static func bandData(_ xs: [Double], upper: [Double], lower: [Double]) -> String {
        var polygons: [String] = []
        var run: [Int] = []
        func flush() {
            if run.count >= 2 {
                let top = run.map { (xs[$0], upper[$0]) }
                let bottom = run.reversed().map { (xs[$0], lower[$0]) }
                polygons.append(pathData(top + bottom) + " Z")
            }
            run = []
        }
        for i in xs.indices {
            if xs[i].isFinite && upper[i].isFinite && lower[i].isFinite { run.append(i) } else { flush() }
        }
        flush()
        return polygons.joined(separator: " ")
    }

    /// Splits `text` at spaces into lines of at most `width` characters (a longer word gets its own line).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty { current = String(word) } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    func document(width: Double, height: Double, title: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" "
        out += "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
        out += "<title>\(Self.escape(title))</title>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        out += body.joined(separator: "\n") + "\n</svg>\n"
        return out
    }
}

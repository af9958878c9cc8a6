import Collapse
import Experiments

/// results.csv: one row per (cell, regime, metric, generation), numbers in shortest round-trip form so the
/// file is exact, byte-identical for the same spec and seed, and reads back to the same doubles.
///
/// Columns: every family parameter (schema order), then
/// `regime, generation, metric, mean, se, ci_low, ci_high, median, median_ci_low, median_ci_high, theory, z,
/// n_replicates, n_nonfinite`. `theory` (for the mean) and `z` are empty where no closed form applies; a NaN
/// prints as `NaN`, and `n_nonfinite` counts the replicates whose value was not finite.
public enum CSVReport {
    public static let statisticColumns = ["regime", "generation", "metric", "mean", "se", "ci_low", "ci_high", "median",
                                          "median_ci_low", "median_ci_high", "theory", "z", "n_replicates", "n_nonfinite"]

    public static func render(parameterNames: [String], rows: [ResultRow]) -> String {
        var out = (parameterNames + statisticColumns).joined(separator: ",") + "\n"
        for row in rows {
            let s = row.summary
            var fields = row.cell.entries.map { field($0.1.description) }
            fields += [
                row.regime.name, String(row.generation), field(row.metric),
                ReportNumber.exact(s.mean), ReportNumber.exact(s.standardError),
                ReportNumber.exact(s.ciLow), ReportNumber.exact(s.ciHigh),
                ReportNumber.exact(s.median), ReportNumber.exact(s.medianLow), ReportNumber.exact(s.medianHigh),
                row.theory.map(ReportNumber.exact) ?? "", row.z.map(ReportNumber.exact) ?? "",
                String(s.count), String(s.nonFinite),
            ]
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    /// A problem reading results.csv back.
    public struct ParseError: Error, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "results.csv line \(line): \(message)" }
    }

    /// Reads rows written by `render`, whose parameter columns are `parameterNames` (`Spec.parameterNames`).
    public static func parse(_ text: String, parameterNames names: [String]) throws -> [ResultRow] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { throw ParseError(line: 1, message: "expected a header, found an empty file") }
        let header = splitFields(lines.removeFirst())
        guard header == names + statisticColumns else {
            throw ParseError(line: 1, message: "expected the header \((names + statisticColumns).joined(separator: ",")), found \(header.joined(separator: ","))")
        }
        return try lines.enumerated().map { (i, line) in
            let f = splitFields(line)
            guard f.count == header.count else { throw ParseError(line: i + 2, message: "expected \(header.count) fields, found \(f.count)") }
            let p = names.count
            func number(_ k: Int) throws -> Double {
                guard let x = parseNumber(f[k]) else { throw ParseError(line: i + 2, message: "expected a number in column \(header[k]), found \(f[k])") }
                return x
            }
            guard let regime = Regime(rawValue: f[p]), let generation = Int(f[p + 1]),
                  let count = Int(f[p + 12]), let nonFinite = Int(f[p + 13]) else {
                throw ParseError(line: i + 2, message: "expected a regime, a generation and counts")
            }
            let cell = CellParameters(zip(names, f[0..<p]).map { ($0.0, parameterValue($0.1)) })
            let summary = Summary(count: count, mean: try number(p + 3), standardError: try number(p + 4),
                                  median: try number(p + 7), medianLow: try number(p + 8), medianHigh: try number(p + 9),
                                  nonFinite: nonFinite)
            let theory = f[p + 10].isEmpty ? nil : try number(p + 10)
            let z = f[p + 11].isEmpty ? nil : try number(p + 11)
            return ResultRow(cell: cell, regime: regime, generation: generation, metric: f[p + 2], summary: summary, theory: theory, z: z)
        }
    }

    static func parseNumber(_ s: String) -> Double? {
        switch s {
        case "NaN": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default: return Double(s)
        }
    }

    /// Parameter text as the run printed it: integers, then reals, then words (the same reading `--set` uses).
    static func parameterValue(_ s: String) -> ParameterValue {
        if let i = Int(s) { return .integer(i) }
        if let x = Double(s) { return .real(x) }
        return .text(s)
    }

    /// RFC 4180 quoting where needed.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func splitFields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { current.append("\""); chars.removeFirst() } else { quoted = false }
                } else { current.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(current); current = ""
            } else {
                current.append(c)
            }
        }
        fields.append(current)
        return fields
    }
}

import Foundation

/// Colours the verdict word at the start of a claim line (PASS green, FAIL red, SKIP yellow) when stdout is a
/// terminal and `NO_COLOR` is unset or empty (https://no-color.org). Files and pipes get plain text, so logs
/// and tests never see escape codes.
enum VerdictColour {
    static let codes = ["PASS": "32", "FAIL": "31", "SKIP": "33"]

    /// Whether this process should colour its stdout.
    static var enabled: Bool {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
        return noColor.isEmpty && isatty(STDOUT_FILENO) != 0
    }

    /// `line` with its leading verdict word wrapped in bold ANSI colour when `enabled`; otherwise unchanged.
    static func apply(_ line: String, enabled: Bool = VerdictColour.enabled) -> String {
        guard enabled, let space = line.firstIndex(of: " "), let code = codes[String(line[..<space])] else { return line }
        return "\u{1B}[1;\(code)m\(line[..<space])\u{1B}[0m\(line[space...])"
    }
}

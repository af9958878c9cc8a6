import Foundation

/// Progress on stderr: a bar redrawn in place on a terminal, an occasional plain line otherwise (logs, CI).
final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private let title: String
    private let start = Date()
    private let terminal = isatty(STDERR_FILENO) != 0
    private var lastPrint = Date.distantPast
    private var lastFraction = 0.0

    init(title: String) { self.title = title }

    func update(_ done: Int, _ total: Int) {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        let fraction = Double(done) / Double(max(total, 1))
        let elapsed = now.timeIntervalSince(start)
        let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        if terminal {
            guard now.timeIntervalSince(lastPrint) > 0.1 || done == total else { return }
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            write("\r\(title) \(bar) \(done)/\(total) units, \(Self.clock(elapsed)) elapsed, ~\(Self.clock(remaining)) left ")
        } else {
            guard now.timeIntervalSince(lastPrint) > 10 || fraction - lastFraction >= 0.25 || done == total else { return }
            lastFraction = fraction
            write("\(title): \(done)/\(total) units (\(Int(fraction * 100))%), \(Self.clock(elapsed)) elapsed, ~\(Self.clock(remaining)) left\n")
        }
        lastPrint = now
    }

    func finish() {
        if terminal { write("\n") }
    }

    private func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}

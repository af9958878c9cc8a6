import Foundation
import Testing

/// A `harness` child process that the test can wait for or kill (for runs in parallel and kill-and-resume).
final class HarnessProcess {
    let process = Process()
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `harness arguments` in `directory`; stdout and stderr go to files in `directory` (`name.out`/`.err`).
    init(_ arguments: [String], in directory: URL, name: String) throws {
        process.executableURL = try HarnessBinary.url()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        let out = directory.appendingPathComponent("\(name).out"), err = directory.appendingPathComponent("\(name).err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "HARNESS_BINARY")
        process.environment = environment
        process.terminationHandler = { [finished] _ in finished.signal() }
        try process.run()
    }

    /// Waits for the exit (killing the child after `timeout` seconds) and returns the exit status.
    @discardableResult
    func wait(timeout: TimeInterval = 300) -> Int32 {
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            Issue.record("harness \(process.arguments?.joined(separator: " ") ?? "") did not finish in \(timeout) s; killed")
        }
        return process.terminationStatus
    }

    /// `kill -9`, then waits for the exit.
    func killNow() {
        kill(process.processIdentifier, SIGKILL)
        finished.wait()
    }

    var isRunning: Bool { process.isRunning }
}

/// Polls `condition` every 10 ms until it holds or `timeout` passes; returns whether it held.
func poll(timeout: TimeInterval, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

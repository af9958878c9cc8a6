import Experiments
import Foundation

/// The one code path from results to what people read: results.md and figure.svg.
///
/// `harness run` calls `write` with the rows it just computed; `harness report` calls `load` and then `write`
/// with the rows read back from results.csv. Rows round-trip exactly through the CSV, so both produce the same
/// bytes (pinned by a test).
public enum ReportWriter {
    public static let markdownName = "results.md"
    public static let figureName = "figure.svg"
    public static let csvName = "results.csv"
    public static let metadataName = "run.json"

    /// Writes results.md and figure.svg into `directory` (each atomically).
    public static func write(spec: Spec, rows: [ResultRow], metadata: RunMetadata, to directory: URL) throws {
        let figure = SVGFigure.render(FigureData(spec: spec, rows: rows, metadata: metadata))
        try AtomicFile.write(figure, to: directory.appendingPathComponent(figureName))
        try AtomicFile.write(MarkdownReport.render(spec: spec, rows: rows, metadata: metadata),
                             to: directory.appendingPathComponent(markdownName))
    }

    /// What a finished run left on disk, read back.
    public struct Loaded {
        public let spec: Spec
        public let rows: [ResultRow]
        public let metadata: RunMetadata
    }

    /// Reads run.json and results.csv from a results folder. Every problem becomes a `SpecError` naming the
    /// file (and the line for the CSV), so the command line reports it as one line and exit code 2.
    public static func load(directory: URL) throws(SpecError) -> Loaded {
        let folder = directory.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SpecError(file: folder, path: "$", message: "expected a results folder (with run.json and results.csv), found none")
        }
        let metadataURL = directory.appendingPathComponent(metadataName)
        let csvURL = directory.appendingPathComponent(csvName)
        let metadata: RunMetadata
        do {
            metadata = try RunMetadata.read(try Data(contentsOf: metadataURL))
        } catch {
            throw SpecError(file: metadataURL.path, path: "$", message: "expected the run.json of a harness run, found \(describe(error))")
        }
        let spec: Spec
        do {
            spec = try metadata.validatedSpec()
        } catch {
            throw SpecError(file: metadataURL.path, path: "$.spec", message: "expected a valid spec, found: \(error)")
        }
        let text: String
        do {
            text = try String(contentsOf: csvURL, encoding: .utf8)
        } catch {
            throw SpecError(file: csvURL.path, path: "$", message: "expected results.csv, found \(describe(error))")
        }
        do {
            return Loaded(spec: spec, rows: try CSVReport.parse(text, parameterNames: spec.parameterNames), metadata: metadata)
        } catch let error as CSVReport.ParseError {
            throw SpecError(file: csvURL.path, path: "line \(error.line)", message: error.message)
        } catch {
            throw SpecError(file: csvURL.path, path: "$", message: "\(error)")
        }
    }

    /// A short, single-line reason for a read or decode failure.
    static func describe(_ error: any Error) -> String {
        if let decoding = error as? DecodingError {
            switch decoding {
            case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                return "invalid content\(path.isEmpty ? "" : " at \(path)"): \(context.debugDescription)"
            @unknown default:
                return "invalid content"
            }
        }
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain && (nsError.code == NSFileReadNoSuchFileError || nsError.code == 260) {
            return "no such file"
        }
        return error.localizedDescription.replacingOccurrences(of: "\n", with: " ")
    }
}

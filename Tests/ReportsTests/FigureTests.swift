import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Collapse
@testable import Experiments
@testable import Reports

/// Collects the `class` attribute of every `<path>` and checks the document is well-formed XML.
final class PathClasses: NSObject, XMLParserDelegate {
    var classes: [String] = []
    var dashed: [String: String] = [:]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        guard name == "path", let c = attributes["class"] else { return }
        classes.append(c)
        dashed[c] = attributes["stroke-dasharray"]
    }

    static func parse(_ svg: String) -> (ok: Bool, PathClasses) {
        let collector = PathClasses()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        return (parser.parse(), collector)
    }
}

@Suite struct SVGFigureTests {
    func figure() throws -> String {
        let result = try handMadeResult()
        return SVGFigure.render(FigureData(spec: result.spec, rows: result.rows, metadata: metadata(result)))
    }

    @Test func parsesAsXMLWithOneMeanPerRegimeAndDashedTheoryWhereDefined() throws {
        let svg = try figure()
        let (ok, paths) = PathClasses.parse(svg)
        #expect(ok, "figure.svg must be well-formed XML")
        #expect(svg.hasPrefix("<?xml") && svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        // handMadeResult: replace (theory σ²d/(T−d−1)·n) and accumulate-subsample (no closed form).
        #expect(paths.classes.filter { $0 == "mean replace" }.count == 1)
        #expect(paths.classes.filter { $0 == "mean accumulate-subsample" }.count == 1)
        #expect(paths.classes.filter { $0 == "band replace" }.count == 1)
        #expect(paths.classes.filter { $0.hasPrefix("theory ") } == ["theory replace"])
        #expect(paths.dashed["theory replace"] != nil, "theory is dashed")
        #expect(paths.dashed["mean replace"] == nil, "the mean is solid")
    }

    @Test func isDeterministicAndNamesThePaper() throws {
        let a = try figure(), b = try figure()
        #expect(a == b)
        let result = try handMadeResult()
        #expect(a.contains(">\(SVGWriter.escape(result.spec.title))<"))
        #expect(!a.contains("nan") && !a.contains("inf"), "no non-finite coordinates")
    }

    @Test func aSweepGetsOnePanelPerCellAndABoundFromTheClaims() throws {
        let json = try JSONValue.parse(Data("""
            {"name": "sweep", "paper": "Someone 2024", "family": "linear-regression", "parameters": {"d": 2, "T": [10, 20], "sigma2": 1},
             "regimes": ["replace", "accumulate"], "generations": 3, "replicates": 2, "seed": 1,
             "claims": [{"kind": "below-bound", "regime": "accumulate", "curve": "accumulate_limit"}]}
            """.utf8), file: "sweep.json")
        let spec = try Spec(json: json, file: "sweep.json")
        let result = Runner.run(spec, threads: 1, progress: nil)
        let data = FigureData(spec: spec, rows: result.rows, metadata: metadata(result))
        #expect(data.panels.map(\.title) == ["T = 10", "T = 20"])
        #expect(data.panels.allSatisfy { $0.references.map(\.name) == ["accumulate_limit"] })
        let svg = SVGFigure.render(data)
        let (ok, paths) = PathClasses.parse(svg)
        #expect(ok)
        #expect(paths.classes.filter { $0.hasPrefix("mean ") }.count == 4)
        #expect(paths.classes.filter { $0.hasPrefix("theory ") }.count == 4)
        #expect(paths.classes.filter { $0 == "reference accumulate_limit" }.count == 2)
        #expect(svg.contains("Someone 2024"), "the caption names the paper")
    }

    @Test func markdownEmbedsTheFigure() throws {
        let result = try handMadeResult()
        let text = MarkdownReport.render(spec: result.spec, rows: result.rows, metadata: metadata(result))
        #expect(text.contains("](figure.svg)\n"))
        #expect(text.range(of: "](figure.svg)")!.lowerBound < text.range(of: "## Claims")!.lowerBound, "near the top")
    }
}

@Suite struct AxisScaleTests {
    @Test func logOnlyWhenPositiveDataSpanTwoDecades() {
        #expect(AxisScale.prefersLog([0.1, 11]))
        #expect(AxisScale.prefersLog([1, 100]))
        #expect(!AxisScale.prefersLog([1, 99]))
        #expect(!AxisScale.prefersLog([0, 0.1, 11]), "zero cannot go on a log axis")
        #expect(!AxisScale.prefersLog([-1, 1000]))
        #expect(AxisScale.prefersLog([.nan, 0.01, 5]), "non-finite values are ignored")
        #expect(AxisScale.fit([0.1, 11]).kind == .log)
        #expect(AxisScale.fit([0.1, 11], allowLog: false).kind == .linear)
    }

    @Test func linearTicksAreNiceAndMonotone() {
        #expect(AxisScale.linearTicks(0.1, 11) == [2, 4, 6, 8, 10])
        #expect(AxisScale.linearTicks(0, 1) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(AxisScale.linearTicks(0, 0.3) == [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3])
        #expect(AxisScale.linearTicks(-3, 3) == [-3, -2, -1, 0, 1, 2, 3])
        #expect(AxisScale.linearTicks(-30, 30) == [-30, -20, -10, 0, 10, 20, 30])
        let ticks = AxisScale.linearTicks(0.123, 987.6)
        #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0 < $1 })
        #expect((3...8).contains(ticks.count))
    }

    @Test func logTicksArePowersOfTenWithMidpointsWhenFew() {
        #expect(AxisScale.logTicks(0.1, 11) == [0.1, 0.2, 0.5, 1, 2, 5, 10])
        #expect(AxisScale.logTicks(0.5, 5e4) == [1, 10, 100, 1000, 10000])
        #expect(AxisScale.logTicks(1e-12, 1).count <= 8)
        let scale = AxisScale.fit([0.1, 11])
        #expect(scale.ticks.allSatisfy { $0 >= scale.lower && $0 <= scale.upper })
        #expect(scale.ticks.map(scale.label) == ["0.1", "0.2", "0.5", "1", "2", "5", "10"])
    }

    @Test func linearAxisOfPositiveDataStartsAtZeroAndLabelsMatchTheStep() {
        let scale = AxisScale.fit([0.3, 1.1, 2.2])
        #expect(scale.kind == .linear && scale.lower == 0 && scale.upper > 2.2)
        #expect(scale.ticks.map(scale.label) == ["0", "0.5", "1.0", "1.5", "2.0"])
        #expect(AxisScale.linear(0, 2e6).label(1e6) == "10⁶")
        #expect(AxisScale.linear(-1, 1).fraction(0) == 0.5)
        #expect(AxisScale.fit([1, 1000]).fraction(AxisScale.fit([1, 1000]).lower) == 0)
    }
}

@Suite struct ResultsIndexTests {
    @Test func oneRowPerResultsFolderFromRunJSON() throws {
        let result = try handMadeResult()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("index-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try AtomicFile.write(metadata(result).render(), to: root.appendingPathComponent("tiny/run.json"))
        try AtomicFile.write("notes", to: root.appendingPathComponent("not-a-run/notes.txt"))
        let entries = try ResultsIndex.entries(in: root)
        #expect(entries.map(\.folder) == ["tiny"])
        let text = ResultsIndex.render(entries)
        #expect(text.contains("| `tiny` |  | tiny | 1 / 1 | 0.5 s | [table](tiny/results.md) |"), "\(text)")
        try AtomicFile.write("{", to: root.appendingPathComponent("broken/run.json"))
        #expect(throws: SpecError.self) { try ResultsIndex.entries(in: root) }
    }
}

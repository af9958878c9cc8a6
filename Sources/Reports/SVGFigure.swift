import Collapse
import Experiments
import Foundation

/// figure.svg: one figure per experiment, drawn by the harness itself (no plotting program at run time).
///
/// A grid of panels (one per sweep cell group and metric). In each: per regime the 95% CI of the mean as a
/// translucent band, the mean as a solid line, and the regime's theory as a dashed line of the same colour;
/// bounds named by claims as dotted grey lines. Axes are log where the data span decades (`AxisScale`).
/// Colours are Okabe–Ito's, chosen to stay distinct for the common colour-vision deficiencies.
///
/// Paths carry classes (`band replace`, `mean replace`, `theory replace`, `reference accumulate_limit`) so
/// tests and stylesheets can find them.
public enum SVGFigure {
    /// Okabe & Ito (2008) palette without yellow (too faint on white): vermillion, blue, bluish green, reddish
    /// purple, orange, sky blue, black. A regime's colour is its position in the spec's regime list.
    public static let palette = ["#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

    static let plotWidth = 520.0, plotHeight = 300.0
    static let plotWidthSmall = 330.0, plotHeightSmall = 220.0
    static let margin = (left: 74.0, right: 18.0, top: 44.0, bottom: 52.0)

    public static func render(_ data: FigureData) -> String {
        let small = data.panels.count > 1
        let plot = (w: small ? plotWidthSmall : plotWidth, h: small ? plotHeightSmall : plotHeight)
        let cell = (w: margin.left + plot.w + margin.right, h: margin.top + plot.h + margin.bottom)
        let width = max(Double(data.columns) * cell.w + 20, 560)
        var svg = SVGWriter()

        // Title, wrapped to the width.
        var y = 26.0
        for line in SVGWriter.wrap(data.title, width: Int(width / 9.5)) {
            svg.text(line, [("x", 16.0), ("y", y), ("font-size", 16), ("font-weight", "bold"), ("fill", "#222222")])
            y += 21
        }
        y = legend(&svg, data, top: y + 4, width: width)

        let rows = (data.panels.count + data.columns - 1) / data.columns
        for (i, panel) in data.panels.enumerated() {
            let origin = (x: 10 + Double(i % data.columns) * cell.w, y: y + Double(i / data.columns) * cell.h)
            draw(&svg, panel, index: i, data: data,
                 frame: (x: origin.x + margin.left, y: origin.y + margin.top, w: plot.w, h: plot.h))
        }
        y += Double(rows) * cell.h + 8
        for line in SVGWriter.wrap(data.caption, width: Int(width / 6.6)) {
            svg.text(line, [("x", 16.0), ("y", y), ("font-size", 11), ("fill", "#555555")])
            y += 15
        }
        return svg.document(width: width, height: y + 6, title: data.title)
    }

    static func colour(_ index: Int) -> String { palette[index % palette.count] }

    /// One row of keys: per regime a band with its mean line, then what the dashed and dotted lines mean.
    static func legend(_ svg: inout SVGWriter, _ data: FigureData, top: Double, width: Double) -> Double {
        var x = 16.0, y = top + 12
        func advance(_ w: Double) {
            x += w
            if x > width - 200 { x = 16; y += 20 }
        }
        for (i, regime) in data.regimes.enumerated() {
            let c = colour(i)
            svg.element("rect", [("x", x), ("y", y - 7), ("width", 26.0), ("height", 10.0), ("fill", c), ("fill-opacity", 0.3)])
            svg.line(x, y - 2, x + 26, y - 2, [("stroke", c), ("stroke-width", 2.0)])
            svg.text(regime.name, [("x", x + 32), ("y", y + 2), ("font-size", 12), ("fill", "#222222")])
            advance(44 + Double(regime.name.count) * 7.2)
        }
        svg.line(x, y - 2, x + 26, y - 2, [("stroke", "#444444"), ("stroke-width", 2.0), ("stroke-dasharray", "6 4")])
        svg.text("theory (same colour)", [("x", x + 32), ("y", y + 2), ("font-size", 12), ("fill", "#222222")])
        advance(180)
        if data.panels.contains(where: { !$0.references.isEmpty }) {
            svg.line(x, y - 2, x + 26, y - 2, [("stroke", "#777777"), ("stroke-width", 1.5), ("stroke-dasharray", "2 3")])
            svg.text("bound checked by a claim", [("x", x + 32), ("y", y + 2), ("font-size", 12), ("fill", "#222222")])
        }
        y += 18
        var note = "Solid line: mean over replicates; band: its 95% confidence interval."
        if data.panels.contains(where: { let s = scales($0, generationAxis: data.xIsGeneration); return s.x.kind == .log && s.y.kind == .log }) {
            note += " On log–log axes a straight line is a power law: slope 1 is linear growth, a flat line a plateau."
        }
        for line in SVGWriter.wrap(note, width: Int(width / 6.4)) {
            svg.text(line, [("x", 16.0), ("y", y), ("font-size", 11), ("fill", "#555555")])
            y += 15
        }
        return y - 9
    }

    static func draw(_ svg: inout SVGWriter, _ panel: FigureData.Panel, index: Int, data: FigureData,
                     frame: (x: Double, y: Double, w: Double, h: Double)) {
        let (xScale, yScale) = scales(panel, generationAxis: data.xIsGeneration)
        func px(_ x: Double) -> Double { frame.x + clamp(xScale.fraction(x)) * frame.w }
        func py(_ y: Double) -> Double { frame.y + frame.h - clamp(yScale.fraction(y)) * frame.h }

        // Panel title: the swept values, then the metric and what it measures.
        var heading = panel.title.isEmpty ? panel.metric.name : "\(panel.title) · \(panel.metric.name)"
        if !panel.metric.summary.isEmpty { heading += ": " + panel.metric.summary }
        let headingLines = SVGWriter.wrap(heading, width: Int(frame.w / 6.4)).prefix(2)
        for (k, line) in headingLines.enumerated() {
            svg.text(line, [("x", frame.x), ("y", frame.y - 10 - Double(headingLines.count - 1 - k) * 14),
                            ("font-size", 12), ("fill", "#222222")])
        }

        // Grid, ticks and tick labels.
        for tick in yScale.ticks {
            let y = py(tick)
            svg.line(frame.x, y, frame.x + frame.w, y, [("stroke", "#e4e4e4"), ("stroke-width", 1.0)])
            svg.text(yScale.label(tick), [("x", frame.x - 6), ("y", y + 4), ("font-size", 11), ("text-anchor", "end"), ("fill", "#333333")])
        }
        for tick in xScale.ticks {
            let x = px(tick)
            svg.line(x, frame.y + frame.h, x, frame.y + frame.h + 4, [("stroke", "#333333"), ("stroke-width", 1.0)])
            svg.text(xScale.label(tick), [("x", x), ("y", frame.y + frame.h + 17), ("font-size", 11), ("text-anchor", "middle"), ("fill", "#333333")])
        }
        svg.element("rect", [("x", frame.x), ("y", frame.y), ("width", frame.w), ("height", frame.h),
                             ("fill", "none"), ("stroke", "#333333"), ("stroke-width", 1.0)])
        svg.text(data.xLabel + (xScale.kind == .log ? " (log scale)" : ""),
                 [("x", frame.x + frame.w / 2), ("y", frame.y + frame.h + 38), ("font-size", 12), ("text-anchor", "middle"), ("fill", "#222222")])
        let yLabel = panel.metric.name + (yScale.kind == .log ? " (log scale)" : "")
        let yMid = frame.y + frame.h / 2
        svg.text(yLabel, [("x", frame.x - 56), ("y", yMid), ("font-size", 12), ("text-anchor", "middle"), ("fill", "#222222"),
                          ("transform", "rotate(-90 \(SVGWriter.number(frame.x - 56)) \(SVGWriter.number(yMid)))")])

        // Data, clipped to the plot area: bands under everything, then bounds, theory, means.
        let clip = "plot-\(index)"
        svg.raw("<clipPath id=\"\(clip)\"><rect\(SVGWriter.attributes([("x", frame.x), ("y", frame.y), ("width", frame.w), ("height", frame.h)]))/></clipPath>")
        svg.raw("<g clip-path=\"url(#\(clip))\">")
        for series in panel.series {
            let c = colour(data.regimes.firstIndex(of: series.regime) ?? 0)
            let p = series.points
            svg.element("path", [("class", "band \(series.regime.name)"), ("d", SVGWriter.bandData(p.map { px($0.x) }, upper: p.map { py($0.high) }, lower: p.map { py($0.low) })),
                                 ("fill", c), ("fill-opacity", 0.3), ("stroke", "none")])
        }
        for reference in panel.references {
            svg.element("path", [("class", "reference \(reference.name)"), ("d", SVGWriter.pathData(reference.points.map { (px($0.x), py($0.y)) })),
                                 ("fill", "none"), ("stroke", "#777777"), ("stroke-width", 1.5), ("stroke-dasharray", "2 3")])
        }
        for series in panel.series {
            let c = colour(data.regimes.firstIndex(of: series.regime) ?? 0)
            svg.element("path", [("class", "mean \(series.regime.name)"), ("d", SVGWriter.pathData(series.points.map { (px($0.x), py($0.mean)) })),
                                 ("fill", "none"), ("stroke", c), ("stroke-width", 1.8), ("stroke-linejoin", "round")])
            if series.points.count <= 12 {
                for point in series.points where point.mean.isFinite {
                    svg.element("circle", [("class", "marker \(series.regime.name)"), ("cx", px(point.x)), ("cy", py(point.mean)), ("r", 3.0), ("fill", c)])
                }
            }
        }
        for series in panel.series where !series.theory.isEmpty {
            let c = colour(data.regimes.firstIndex(of: series.regime) ?? 0)
            svg.element("path", [("class", "theory \(series.regime.name)"), ("d", SVGWriter.pathData(series.theory.map { (px($0.x), py($0.y)) })),
                                 ("fill", "none"), ("stroke", c), ("stroke-width", 2.4), ("stroke-dasharray", "7 5"), ("stroke-opacity", 0.85)])
        }
        svg.raw("</g>")
        // Bound names at the right end of their lines, outside the clip so they stay readable.
        for reference in panel.references {
            guard let last = reference.points.last else { continue }
            svg.text(reference.name, [("x", frame.x + frame.w - 4), ("y", py(last.y) - 5), ("font-size", 10), ("text-anchor", "end"), ("fill", "#555555")])
        }
    }

    /// The panel's axes, decided from its data: y holds means, theory, bounds and (within a decade of those)
    /// the bands; x spans exactly the data. A swept parameter gets a log axis when it spans two decades. The
    /// generation axis does only when y is log too: log–log turns the papers' power laws (linear growth n,
    /// saturating Σ1/i²) into straight lines and plateaus, while a linear y keeps generations linear.
    static func scales(_ panel: FigureData.Panel, generationAxis: Bool) -> (x: AxisScale, y: AxisScale) {
        let all = panel.series.flatMap(\.points)
        let theory = panel.series.flatMap { $0.theory.map(\.y) }
        let references = panel.references.flatMap { $0.points.map(\.y) }
        let values = all.map(\.mean) + theory + references
        var bands = all.flatMap { [$0.low, $0.high] }
        if AxisScale.prefersLog(values), let lo = values.filter(\.isFinite).min(), let hi = values.filter(\.isFinite).max() {
            bands = bands.filter { $0 >= lo / 10 && $0 <= hi * 10 }
        }
        let yScale = AxisScale.fit(values, extent: bands)
        let xs = all.map(\.x)
        let logX = AxisScale.prefersLog(xs) && (!generationAxis || yScale.kind == .log)
        let xLow = xs.min() ?? 0, xHigh = xs.max() ?? 1
        let xScale = xLow == xHigh ? AxisScale.fit(xs, includeZero: false, allowLog: false)
            : AxisScale(kind: logX ? .log : .linear, lower: xLow, upper: xHigh,
                        ticks: logX ? AxisScale.logTicks(xLow, xHigh) : AxisScale.linearTicks(xLow, xHigh))
        return (xScale, yScale)
    }

    /// Keeps far-off values just outside the frame (they are clipped) instead of at ±∞.
    static func clamp(_ f: Double) -> Double {
        guard !f.isNaN else { return f }
        return min(max(f, -0.05), 1.05)
    }
}

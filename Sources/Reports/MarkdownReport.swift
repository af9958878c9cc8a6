import Collapse
import Experiments

/// results.md: the figure, the claims and their verdicts, then per sweep cell and metric a table of the mean ± SE per regime
/// beside its theory and z-score, at log-spaced generations so that a long run fits a page.
public enum MarkdownReport {
    /// Renders from what is on disk after a run: the spec as run, the rows of results.csv and run.json. The run
    /// and `harness report` both call this, so a report regenerated from the files is byte-identical.
    public static func render(spec: Spec, rows: [ResultRow], metadata: RunMetadata) -> String {
        var out = "# \(spec.title)\n\n"
        // The version the numbers were made with (run.json), which a later build may have moved past.
        var facts = ["family `\(spec.family.name)` v\(metadata.familyVersion)", "\(spec.replicates) replicates",
                     "\(spec.generations) generations", "seed \(spec.seed)"]
        if !spec.paper.isEmpty { facts.insert(spec.paper, at: 0) }
        out += facts.joined(separator: " · ") + "\n\n"
        // The figure written beside this file by `ReportWriter` (same folder, so the relative link works).
        out += "![\(spec.title): mean and 95% CI band per regime, theory dashed](\(ReportWriter.figureName))\n\n"
        if let description = spec.description { out += description + "\n\n" }
        out += claimsSection(metadata.claims)
        let generations = Set(tableGenerations(spec.generations))
        var cellOrder: [String] = []
        var rowsByCell: [String: [ResultRow]] = [:]
        for row in rows {
            let key = row.cell.key
            if rowsByCell[key] == nil { cellOrder.append(key) }
            rowsByCell[key, default: []].append(row)
        }
        for key in cellOrder {
            let record = metadata.cells.first { $0.key == key }
            out += cellSection(rowsByCell[key]!, record: record, spec: spec, generations: generations)
        }
        out += footer(metadata)
        return out
    }

    static func claimsSection(_ claims: [RunMetadata.ClaimRecord]) -> String {
        guard !claims.isEmpty else { return "" }
        let passed = claims.filter { $0.verdict == "PASS" }.count
        var out = "## Claims: \(passed) of \(claims.count) pass\n\n"
        out += "| verdict | claim | check | worst z | where |\n|---|---|---|---:|---|\n"
        for c in claims {
            var check = "\(c.kind)\(c.statistic == "median" ? " (median)" : ""): `\(c.regime)`"
            if let than = c.than { check += " < `\(than)`" }
            if let curve = c.curve { check += " vs `\(curve)`" }
            check += ", k = \(ReportNumber.compact(c.k))"
            if !c.filter.isEmpty { check += ", where \(c.filter.joined(separator: ", "))" }
            if let other = c.thanFilter { check += ", than where \(other.joined(separator: ", ")) (unpaired)" }
            if c.kind == Claim.Kind.growsWithoutBound.rawValue || c.kind == Claim.Kind.bounded.rawValue {
                check += ", share = \(ReportNumber.compact(c.share))"
            }
            let z = c.worstZ.map { ReportNumber.fixed($0, 2) + (c.kind == Claim.Kind.matchesTheory.rawValue ? " (abs)" : "") } ?? "–"
            var place = c.verdict == "SKIP" ? (c.reason ?? "") : "generation \(c.worstGeneration)"
            if !c.worstCell.isEmpty { place += ", \(c.worstCell)" }
            if c.verdict == "FAIL", let reason = c.reason { place += "; \(reason)" }
            let statement = c.statement.map { " — \($0)" } ?? ""
            out += "| **\(c.verdict)** | `\(c.id)`\(statement) | \(check) | \(z) | \(place) |\n"
        }
        return out + "\n"
    }

    static func cellSection(_ rows: [ResultRow], record: RunMetadata.CellRecord?, spec: Spec, generations: Set<Int>) -> String {
        let cell = rows[0].cell
        var out = "## \(cell.entries.map { "\($0.0) = \($0.1)" }.joined(separator: ", "))\n\n"
        for warning in record?.warnings ?? [] { out += "> Warning: \(warning)\n\n" }
        if let record, record.minimumNormFits > 0 {
            out += "> \(record.minimumNormFits) of \(record.fits) fits used the minimum-norm solution.\n\n"
        }
        let regimes = spec.regimes.filter { r in rows.contains { $0.regime == r } }
        for metric in spec.family.metrics {
            let metricRows = rows.filter { $0.metric == metric.name }
            guard !metricRows.isEmpty else { continue }
            out += "**\(metric.name)**: \(metric.summary).\n"
            let formulas = regimes.map { regime in
                spec.family.theory(metric: metric.name, regime: regime, parameters: cell)
                    .map { "`\(regime.name)`: \($0.formula)" } ?? "`\(regime.name)`: no closed form"
            }
            out += "Theory — " + formulas.joined(separator: "; ") + ".\n\n"
            var header = "| generation |"
            var rule = "|---:|"
            for regime in regimes {
                header += " \(regime.name) mean ± SE | theory | z |"
                rule += "---:|---:|---:|"
            }
            out += header + "\n" + rule + "\n"
            var byGeneration: [Int: [Regime: ResultRow]] = [:]
            for row in metricRows where generations.contains(row.generation) { byGeneration[row.generation, default: [:]][row.regime] = row }
            for g in byGeneration.keys.sorted() {
                var line = "| \(g) |"
                for regime in regimes {
                    guard let row = byGeneration[g]?[regime] else { line += " – | – | – |"; continue }
                    line += " \(ReportNumber.significant(row.summary.mean)) ± \(ReportNumber.significant(row.summary.standardError, 2)) |"
                    line += " \(row.theory.map { ReportNumber.significant($0) } ?? "–") |"
                    line += " \(row.z.map { ReportNumber.fixed($0, 2) } ?? "–") |"
                }
                out += line + "\n"
            }
            out += "\n"
        }
        return out
    }

    static func footer(_ m: RunMetadata) -> String {
        var commit = m.provenance.gitCommit.map { String($0.prefix(12)) } ?? "not a git checkout"
        if m.provenance.gitDirty == true { commit += " (uncommitted changes)" }
        return """
            ---
            harness \(m.provenance.harnessVersion) · commit \(commit) · spec \(m.specHash) · \
            \(m.threads) thread\(m.threads == 1 ? "" : "s") · \(ReportNumber.fixed(m.wallSeconds, 1)) s · BLAS: \(m.provenance.blas) · \
            started \(m.provenance.started). Full provenance in `run.json`, every generation in `results.csv`.

            """
    }

    /// 1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, … up to and including the last generation.
    public static func tableGenerations(_ last: Int) -> [Int] {
        var result: Set<Int> = [last]
        var scale = 1
        while scale <= last {
            for mantissa in [10, 15, 20, 30, 50, 70] where mantissa * scale / 10 <= last {
                result.insert(mantissa * scale / 10)
            }
            scale *= 10
        }
        return result.sorted()
    }
}

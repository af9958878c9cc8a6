import Collapse
import Experiments

/// results.md: the claims and their verdicts, then per sweep cell and metric a table of the mean ± SE per regime
/// beside its theory and z-score, at log-spaced generations so that a long run fits a page.
public enum MarkdownReport {
    public static func render(_ result: ExperimentResult, metadata: RunMetadata) -> String {
        let spec = result.spec
        var out = "# \(spec.title)\n\n"
        var facts = ["family `\(spec.family.name)` v\(spec.family.version)", "\(spec.replicates) replicates",
                     "\(spec.generations) generations", "seed \(spec.seed)"]
        if !spec.paper.isEmpty { facts.insert(spec.paper, at: 0) }
        out += facts.joined(separator: " · ") + "\n\n"
        if let description = spec.description { out += description + "\n\n" }
        out += claimsSection(result)
        let generations = tableGenerations(spec.generations)
        for cell in result.cells {
            out += cellSection(cell, result: result, generations: generations)
        }
        out += footer(metadata)
        return out
    }

    static func claimsSection(_ result: ExperimentResult) -> String {
        guard !result.claims.isEmpty else { return "" }
        let passed = result.claims.filter { $0.verdict == .pass }.count
        var out = "## Claims: \(passed) of \(result.claims.count) pass\n\n"
        out += "| verdict | claim | check | worst z | where |\n|---|---|---|---:|---|\n"
        for c in result.claims {
            let claim = c.claim
            var check = "\(claim.kind.rawValue): `\(claim.regime.name)`"
            if let than = claim.than { check += " < `\(than.name)`" }
            if let curve = claim.curve { check += " vs `\(curve)`" }
            check += ", k = \(ReportNumber.compact(claim.k))"
            if claim.kind == .growsWithoutBound || claim.kind == .bounded { check += ", share = \(ReportNumber.compact(claim.share))" }
            let z = c.worstZ.isFinite ? ReportNumber.fixed(c.worstZ, 2) + (claim.kind == .matchesTheory ? " (abs)" : "") : "–"
            var place = c.verdict == .notApplicable ? (c.reason ?? "") : "generation \(c.worstGeneration)"
            if !c.worstCell.isEmpty { place += ", \(c.worstCell)" }
            if c.verdict == .fail, let reason = c.reason { place += "; \(reason)" }
            let statement = claim.statement.map { " — \($0)" } ?? ""
            out += "| **\(c.verdict.rawValue)** | `\(claim.id)`\(statement) | \(check) | \(z) | \(place) |\n"
        }
        return out + "\n"
    }

    static func cellSection(_ cell: CellResult, result: ExperimentResult, generations: [Int]) -> String {
        let spec = result.spec
        var out = "## \(cell.parameters.entries.map { "\($0.0) = \($0.1)" }.joined(separator: ", "))\n\n"
        for warning in cell.warnings { out += "> Warning: \(warning)\n\n" }
        if cell.minimumNormFits > 0 {
            out += "> \(cell.minimumNormFits) of \(cell.fits) fits used the minimum-norm solution.\n\n"
        }
        for (m, metric) in spec.family.metrics.enumerated() {
            out += "**\(metric.name)**: \(metric.summary).\n"
            var formulas: [String] = []
            for (r, regime) in cell.regimes.enumerated() {
                let formula = cell.theory[r][m].map { "`\(regime.name)`: \($0.formula)" } ?? "`\(regime.name)`: no closed form"
                formulas.append(formula)
            }
            out += "Theory — " + formulas.joined(separator: "; ") + ".\n\n"
            var header = "| generation |"
            var rule = "|---:|"
            for regime in cell.regimes {
                header += " \(regime.name) mean ± SE | theory | z |"
                rule += "---:|---:|---:|"
            }
            out += header + "\n" + rule + "\n"
            for g in generations {
                var line = "| \(g) |"
                for r in cell.regimes.indices {
                    let summary = Summary(cell.traces[r][m].atGeneration(g))
                    let theory = cell.theory[r][m]?.value(g)
                    line += " \(ReportNumber.significant(summary.mean)) ± \(ReportNumber.significant(summary.standardError, 2)) |"
                    line += " \(theory.map { ReportNumber.significant($0) } ?? "–") |"
                    line += " \(theory.map { ReportNumber.fixed(summary.z(against: $0), 2) } ?? "–") |"
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

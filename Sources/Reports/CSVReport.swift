import Collapse
import Experiments

/// results.csv: one row per (cell, regime, metric, generation), numbers in shortest round-trip form so the
/// file is exact and byte-identical for the same spec and seed.
///
/// Columns: every family parameter (schema order), then
/// `regime, generation, metric, mean, se, ci_low, ci_high, theory, z, n_replicates`.
/// `theory` and `z` are empty where no closed form applies; a non-finite mean prints as `NaN`.
public enum CSVReport {
    public static let fixedColumns = ["regime", "generation", "metric", "mean", "se", "ci_low", "ci_high", "theory", "z", "n_replicates"]

    public static func render(_ result: ExperimentResult) -> String {
        let parameterNames = result.spec.family.parameters.map(\.name)
        var out = (parameterNames + fixedColumns).joined(separator: ",") + "\n"
        for row in result.rows {
            var fields = row.cell.entries.map { field($0.1.description) }
            fields += [
                row.regime.name, String(row.generation), field(row.metric),
                ReportNumber.exact(row.summary.mean), ReportNumber.exact(row.summary.standardError),
                ReportNumber.exact(row.summary.ciLow), ReportNumber.exact(row.summary.ciHigh),
                row.theory.map(ReportNumber.exact) ?? "", row.z.map(ReportNumber.exact) ?? "",
                String(row.summary.count),
            ]
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    /// RFC 4180 quoting where needed.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

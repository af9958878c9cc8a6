import Collapse

/// `less-than` across cells (`than_where`): "at every generation of the window, the metric under `regime` in each cell
/// of `where` is below the metric under `than` in its partner cell", the partner being the same cell with the values
/// of `than_where` (the temperature-ordering claim of Guo et al. 2024: distinct-3 at T = 0.7 < at T = 1).
///
/// Replicates of different cells draw from independent streams (the cell key seeds them), so there is no pairing to
/// exploit: the test is the unpaired two-sample z of Welch's form,
///
///     z = (m_A − m_B) / √(se_A² + se_B²)  ≤ −k,
///
/// with m the mean and se = s/√R (or, with `statistic: median`, the medians and the SEs read off their
/// distribution-free CIs), at every generation from `from_generation` to `to_generation`. The worst (largest) z is
/// reported with its generation and cell. A PASS says every generation's difference is at least k standard errors
/// below zero; a FAIL says at least one generation is not (too few replicates to tell, or the order is reversed).
/// Cells of `where` without a partner in the run (after `--set temperature=…`) are skipped; with none left the claim
/// is SKIP.
extension ClaimCheck {
    static func evaluateAcrossCells(_ claim: Claim, metricIndex m: Int, cells: [CellResult], generations: Int,
                                    replicates: Int) -> ClaimResult {
        let last = min(claim.toGeneration, generations)
        let byKey = Dictionary(cells.map { ($0.parameters.key, $0) }, uniquingKeysWith: { first, _ in first })
        var worst = -Double.infinity, worstCell = "", worstGeneration = 0
        var checked = 0
        var failure: String? = nil
        for cell in cells where claim.applies(to: cell.parameters) {
            let partnerKey = claim.partner(of: cell.parameters).key
            guard let partner = byKey[partnerKey], let than = claim.than,
                  let a = cell.trace(claim.regime, metricIndex: m), let b = partner.trace(than, metricIndex: m) else { continue }
            checked += 1
            for g in claim.fromGeneration...last {
                let z = unpairedZ(Summary(a.atGeneration(g)), Summary(b.atGeneration(g)), statistic: claim.statistic)
                if z.isNaN, failure == nil { failure = "a non-finite value at generation \(g) (\(cell.parameters.key) vs \(partnerKey))" }
                if z > worst || (worst == -.infinity && z.isNaN) {
                    worst = z
                    worstCell = cell.parameters.key
                    worstGeneration = g
                }
            }
        }
        guard checked > 0 else {
            let missing = [claim.regime, claim.than].compactMap { $0 }.filter { regime in !cells.contains { $0.regimes.contains(regime) } }
            let describe = { (f: [(String, ParameterValue)]) in f.map { "\($0.0) = \($0.1)" }.joined(separator: ", ") }
            let reason = !missing.isEmpty ? "the spec as run does not run \(missing.map(\.name).joined(separator: " or "))"
                : !cells.contains(where: { claim.applies(to: $0.parameters) }) ? "no cell matches where \(describe(claim.filter))"
                : "no cell matches than_where \(describe(claim.thanFilter))"
            return ClaimResult(claim: claim, verdict: .notApplicable, worstZ: .nan, worstCell: "", worstGeneration: 0,
                               cellsChecked: 0, replicates: replicates, reason: reason)
        }
        var reason = failure
        if claim.toGeneration > generations {
            let note = "checked to generation \(generations) of the \(claim.toGeneration) claimed"
            reason = reason.map { "\($0); \(note)" } ?? note
        }
        let passes = failure == nil && !worst.isNaN && worst <= -claim.k
        return ClaimResult(claim: claim, verdict: passes ? .pass : .fail, worstZ: worst, worstCell: worstCell,
                           worstGeneration: worstGeneration, cellsChecked: checked, replicates: replicates, reason: reason)
    }

    /// (m_A − m_B)/√(se_A² + se_B²): 0 when both are exactly equal with no spread, ±∞ when they differ without spread,
    /// NaN when either side has a non-finite value.
    static func unpairedZ(_ a: Summary, _ b: Summary, statistic: Claim.Statistic) -> Double {
        let (diff, se): (Double, Double)
        switch statistic {
        case .mean:
            (diff, se) = (a.mean - b.mean, (a.standardError * a.standardError + b.standardError * b.standardError).squareRoot())
        case .median:
            let (sa, sb) = (a.medianStandardError, b.medianStandardError)
            (diff, se) = (a.median - b.median, (sa * sa + sb * sb).squareRoot())
        }
        if diff.isNaN || se.isNaN { return .nan }
        if se > 0 { return diff / se }
        return diff == 0 ? 0 : (diff > 0 ? .infinity : -.infinity)
    }
}

import Collapse

/// The verdict on one claim over every cell of the sweep.
public struct ClaimResult: Sendable {
    public enum Verdict: String, Sendable { case pass = "PASS", fail = "FAIL", notApplicable = "SKIP" }

    public let claim: Claim
    public let verdict: Verdict
    /// The z-score furthest on the failing side (|z| for matches-theory), and where it was.
    public let worstZ: Double
    public let worstCell: String
    public let worstGeneration: Int
    public let cellsChecked: Int
    public let replicates: Int
    /// Why the claim failed or was skipped, when the z-score alone does not say.
    public let reason: String?

    /// `PASS accumulate-bound: below-bound accumulate test_error (curve accumulate_limit), worst z = −35.2 at generation 100; 1 cell, 1000 replicates, k = 4`
    public var line: String {
        var s = "\(verdict.rawValue) \(claim.id): \(claim.kind.rawValue) \(claim.regime.name)"
        if let than = claim.than { s += " < \(than.name)" }
        s += " \(claim.statistic == .median ? "median " : "")\(claim.metric)"
        if let curve = claim.curve { s += " (curve \(curve))" }
        if !claim.filter.isEmpty { s += " where \(claim.filter.map { "\($0.0)=\($0.1)" }.joined(separator: ","))" }
        if claim.comparesCells { s += " than where \(claim.thanFilter.map { "\($0.0)=\($0.1)" }.joined(separator: ","))" }
        if verdict != .notApplicable {
            let label = claim.kind == .matchesTheory ? "worst |z|" : "worst z"
            s += ", \(label) = \(ReportNumber.fixed(worstZ, 2)) at generation \(worstGeneration)"
            if cellsChecked > 1 || !worstCell.isEmpty { s += " (\(worstCell))" }
        }
        s += "; \(cellsChecked) cell\(cellsChecked == 1 ? "" : "s"), \(replicates) replicates, k = \(ReportNumber.compact(claim.k))"
        if let reason { s += "; \(reason)" }
        return s
    }
}

/// Checks claims against traces. Pure functions of the results: see `Claim` for what each kind tests.
public enum ClaimCheck {
    public static func evaluate(_ claim: Claim, family: any ModelFamily.Type, cells: [CellResult], replicates: Int) -> ClaimResult {
        guard let m = family.metricNames.firstIndex(of: claim.metric) else {
            return ClaimResult(claim: claim, verdict: .fail, worstZ: .nan, worstCell: "", worstGeneration: 0, cellsChecked: 0,
                               replicates: replicates, reason: "the family has no metric \(claim.metric)")
        }
        // Larger is worse for every kind once z is oriented: matches |z| ≤ k, below z ≤ k, above −z ≤ k,
        // less-than/bounded z ≤ −k, grows −z ≤ −k.
        var worst = -Double.infinity
        var worstCell = "", worstGeneration = 0
        var checked = 0
        var failure: String? = nil
        var skipped: [String] = []
        func consider(_ z: Double, _ cell: CellResult, _ g: Int) {
            let oriented: Double
            switch claim.kind {
            case .matchesTheory: oriented = abs(z)
            case .growsWithoutBound, .aboveBound, .increases: oriented = -z
            default: oriented = z
            }
            if oriented.isNaN, failure == nil { failure = "a non-finite value at generation \(g) (\(cell.parameters.key))" }
            if oriented > worst || (worst == -.infinity && oriented.isNaN) {
                worst = oriented
                worstCell = cell.parameters.key
                worstGeneration = g
            }
        }
        /// z of the claim's statistic of `values` against `reference`.
        let indicator = family.metrics[m].isIndicator
        func z(_ values: [Double], _ reference: Double) -> Double {
            let s = Summary(values)
            if claim.statistic == .median { return s.medianZ(against: reference) }
            let oneSample = [.matchesTheory, .belowBound, .aboveBound].contains(claim.kind)
            return indicator && oneSample ? s.proportionZ(against: reference) : s.z(against: reference)
        }
        let generations = cells.first?.traces.first?.first?.generations ?? 0
        if claim.fromGeneration > generations {
            return ClaimResult(claim: claim, verdict: .notApplicable, worstZ: .nan, worstCell: "", worstGeneration: 0, cellsChecked: 0,
                               replicates: replicates, reason: "the run ends at generation \(generations), before the claim's window")
        }
        if claim.comparesCells {
            return evaluateAcrossCells(claim, metricIndex: m, cells: cells, generations: generations, replicates: replicates)
        }
        let last = min(claim.toGeneration, generations)
        for cell in cells where claim.applies(to: cell.parameters) {
            guard let trace = cell.trace(claim.regime, metricIndex: m) else { continue }
            let range = claim.fromGeneration...last
            switch claim.kind {
            case .matchesTheory, .belowBound, .aboveBound:
                let curve = claim.curve.map { family.curve(named: $0, metric: claim.metric, parameters: cell.parameters) }
                    ?? family.theory(metric: claim.metric, regime: claim.regime, parameters: cell.parameters)
                guard let curve else { skipped.append(cell.parameters.key); continue }
                var any = false
                for g in range {
                    guard let t = curve.value(g) else { continue }
                    any = true
                    consider(z(trace.atGeneration(g), t), cell, g)
                }
                if any { checked += 1 } else { skipped.append(cell.parameters.key) }
            case .lessThan:
                guard let other = claim.than.flatMap({ cell.trace($0, metricIndex: m) }) else { continue }
                checked += 1
                for g in range {
                    let diff = (0..<trace.replicates).map { trace.value(replicate: $0, generation: g) - other.value(replicate: $0, generation: g) }
                    consider(z(diff, 0), cell, g)
                }
            case .decreases, .increases:
                guard last > claim.fromGeneration else { skipped.append(cell.parameters.key); continue }
                checked += 1
                let change = (0..<trace.replicates).map {
                    trace.value(replicate: $0, generation: last) - trace.value(replicate: $0, generation: claim.fromGeneration)
                }
                consider(z(change, 0), cell, last)
            case .growsWithoutBound, .bounded:
                guard last - claim.fromGeneration >= 2 else { skipped.append(cell.parameters.key); continue }
                checked += 1
                let first = claim.fromGeneration, mid = (first + last) / 2
                let stat = (0..<trace.replicates).map { r -> Double in
                    let a = trace.value(replicate: r, generation: first)
                    let b = trace.value(replicate: r, generation: mid)
                    let c = trace.value(replicate: r, generation: last)
                    return (c - b) - claim.share * (b - a)
                }
                consider(z(stat, 0), cell, last)
            }
        }
        let reportedWorst = [.growsWithoutBound, .aboveBound, .increases].contains(claim.kind) ? -worst : worst
        if checked == 0 {
            let missing = ([claim.regime] + (claim.than.map { [$0] } ?? [])).filter { regime in !cells.contains { $0.regimes.contains(regime) } }
            let noCell = !cells.contains { claim.applies(to: $0.parameters) }
            let reason = noCell ? "no cell matches where \(claim.filter.map { "\($0.0) = \($0.1)" }.joined(separator: ", "))" : !missing.isEmpty ? "the spec as run does not run \(missing.map(\.name).joined(separator: " or "))" : "no theory is defined in \(skipped.count == 1 ? "the cell" : "any cell") (\(skipped.prefix(3).joined(separator: "; ")))"
            return ClaimResult(claim: claim, verdict: .notApplicable, worstZ: .nan, worstCell: "", worstGeneration: 0, cellsChecked: 0,
                               replicates: replicates, reason: reason)
        }
        let threshold: Double
        switch claim.kind {
        case .matchesTheory, .belowBound, .aboveBound: threshold = claim.k
        case .lessThan, .bounded, .growsWithoutBound, .decreases, .increases: threshold = -claim.k
        }
        var passes = failure == nil && worst <= threshold
        if worst.isNaN { passes = false }
        var reason = failure
        if reason == nil, !skipped.isEmpty { reason = "not applicable in \(skipped.count) cell\(skipped.count == 1 ? "" : "s") without theory" }
        if claim.toGeneration > generations {
            let note = "checked to generation \(generations) of the \(claim.toGeneration) claimed"
            reason = reason.map { "\($0); \(note)" } ?? note
        }
        return ClaimResult(claim: claim, verdict: passes ? .pass : .fail, worstZ: reportedWorst,
                           worstCell: cells.count > 1 ? worstCell : "", worstGeneration: worstGeneration,
                           cellsChecked: checked, replicates: replicates, reason: reason)
    }
}

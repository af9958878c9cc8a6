import Collapse

/// What claim validation needs to know of the spec around it.
struct ClaimContext {
    let file: String
    let family: any ModelFamily.Type
    let regimes: [Regime]
    let generations: Int
}

extension Spec {
    static func decodeClaims(_ value: JSONValue, context spec: ClaimContext) throws(SpecError) -> [Claim] {
        guard case let .array(items) = value else {
            throw SpecError(file: spec.file, path: "$.claims", message: "expected an array of claims, found \(value.kindDescription)")
        }
        var claims: [Claim] = []
        var ids: Set<String> = []
        for (i, item) in items.enumerated() {
            let claim = try decodeClaim(item, path: "$.claims[\(i)]", spec: spec)
            if !ids.insert(claim.id).inserted {
                throw SpecError(file: spec.file, path: "$.claims[\(i)].id", message: "expected a unique claim id, found \"\(claim.id)\" twice")
            }
            claims.append(claim)
        }
        return claims
    }

    static func decodeClaim(_ value: JSONValue, path: String, spec: ClaimContext) throws(SpecError) -> Claim {
        let r = try FieldReader(file: spec.file, path: path, value: value)
        try r.rejectUnknownKeys(allowed: claimKeys)
        let kindNames = Claim.Kind.allCases.map(\.rawValue)
        let kindText = try r.string("kind")
        guard let kind = Claim.Kind(rawValue: kindText) else {
            var message = "expected one of \(kindNames.map { "\"\($0)\"" }.joined(separator: ", ")), found \"\(kindText)\""
            if let near = suggestion(for: kindText, among: kindNames) { message += " (did you mean \"\(near)\"?)" }
            throw r.error("kind", message)
        }
        let metrics = spec.family.metricNames
        let metric = try r.string("metric", default: metrics[0])
        guard metrics.contains(metric) else {
            throw r.error("metric", "expected a metric of \(spec.family.name) (\(metrics.joined(separator: ", "))), found \"\(metric)\"")
        }
        let regime = try runRegime(r, "regime", spec: spec)
        let filter = try parameterFilter(r, "where", path: path, spec: spec)
        let thanFilter = try crossCellFilter(r, kind: kind, filter: filter, path: path, spec: spec)
        var than: Regime? = nil
        if kind == .lessThan && !thanFilter.isEmpty {
            // Across cells the other side defaults to the same regime (temperature 0.7 vs 1, both under replace).
            than = r.object["than"] == nil ? regime : try runRegime(r, "than", spec: spec)
        } else if kind == .lessThan {
            than = try runRegime(r, "than", spec: spec)
            guard than != regime else { throw r.error("than", "expected a regime other than \"\(regime.name)\", found the same") }
        } else if r.object["than"] != nil {
            throw r.error("than", "expected no \"than\" for a \(kind.rawValue) claim (only less-than compares two regimes)")
        }
        let curve = try r.optionalString("curve")
        if (kind == .belowBound || kind == .aboveBound) && curve == nil {
            throw r.error("curve", "expected the name of a bound (\(spec.family.curveNames.joined(separator: ", "))), found nothing (\(kind.rawValue) needs one)")
        }
        if let curve, !spec.family.curveNames.contains(curve) {
            var message = "expected a theory curve of \(spec.family.name) (\(spec.family.curveNames.joined(separator: ", "))), found \"\(curve)\""
            if let near = suggestion(for: curve, among: spec.family.curveNames) { message += " (did you mean \"\(near)\"?)" }
            throw r.error("curve", message)
        }
        let k = try r.number("k", minimumExclusive: 0, default: 4)
        let share = try r.number("share", minimumExclusive: 0, default: kind == .bounded ? 0.1 : 0.5)
        let needsThree = kind == .growsWithoutBound || kind == .bounded
        // Windows may reach past the run (after `--set generations=…`): the check covers what was run and says so.
        let from = try r.integer("from_generation", in: 1...Self.maximumGenerations, default: 1)
        let to = try r.integer("to_generation", in: from...Self.maximumGenerations, default: max(from, spec.generations))
        if needsThree && r.object["to_generation"] != nil && to - from < 2 {
            throw r.error("to_generation", "expected at least 3 generations between from_generation and to_generation for \(kind.rawValue), found \(to - from + 1)")
        }
        let id = try r.string("id", default: "\(kind.rawValue)-\(regime.name)")
        let statisticText = try r.string("statistic", default: Claim.Statistic.mean.rawValue)
        guard let statistic = Claim.Statistic(rawValue: statisticText) else {
            throw r.error("statistic", "expected \"mean\" or \"median\", found \"\(statisticText)\"")
        }
        return Claim(id: id, kind: kind, metric: metric, regime: regime, than: than, curve: curve, k: k, share: share,
                     fromGeneration: from, toGeneration: to, statement: try r.optionalString("statement"),
                     statistic: statistic, filter: filter, thanFilter: thanFilter)
    }

    /// A `where`-style object of parameter values (`key` is "where" or "than_where"), each checked against the
    /// parameter's schema; empty when the key is absent.
    private static func parameterFilter(_ r: FieldReader, _ key: String, path: String, spec: ClaimContext) throws(SpecError) -> [(String, ParameterValue)] {
        guard let value = r.object[key] else { return [] }
        let w = try FieldReader(file: spec.file, path: "\(path).\(key)", value: value)
        let schemas = spec.family.parameters + LoopParameters.schema
        try w.rejectUnknownKeys(allowed: schemas.map(\.name))
        var filter: [(String, ParameterValue)] = []
        for schema in schemas {
            guard let v = w.object[schema.name] else { continue }
            filter.append((schema.name, try Spec.parameterValue(v, schema: schema, file: spec.file, path: "\(path).\(key).\(schema.name)")))
        }
        return filter
    }

    /// `than_where` of a cross-cell `less-than`: every parameter it names must also be in `where`, with another
    /// value, so that each compared cell has exactly one partner and never itself.
    private static func crossCellFilter(_ r: FieldReader, kind: Claim.Kind, filter: [(String, ParameterValue)], path: String,
                                        spec: ClaimContext) throws(SpecError) -> [(String, ParameterValue)] {
        guard r.object["than_where"] != nil else { return [] }
        guard kind == .lessThan else {
            throw r.error("than_where", "expected no \"than_where\" for a \(kind.rawValue) claim (only less-than compares cells)")
        }
        let thanFilter = try parameterFilter(r, "than_where", path: path, spec: spec)
        guard !thanFilter.isEmpty else {
            throw r.error("than_where", "expected at least one parameter whose value the partner cells take, found an empty object")
        }
        for (name, value) in thanFilter {
            let at = "\(path).than_where.\(name)"
            guard let own = filter.first(where: { $0.0 == name })?.1 else {
                throw SpecError(file: spec.file, path: at, message: "expected \"\(name)\" in where too (the cells compared take where's value, their partners this one), found it only in than_where")
            }
            guard own.description != value.description else {
                throw SpecError(file: spec.file, path: at, message: "expected a value other than where's \(own) (a cell is not compared with itself), found \(value)")
            }
        }
        return thanFilter
    }

    /// A regime named by a claim must be one of the family's. One the spec does not run (say after
    /// `--set regimes=replace,accumulate`) is allowed: the claim is reported as SKIP, not checked.
    private static func runRegime(_ r: FieldReader, _ key: String, spec: ClaimContext) throws(SpecError) -> Regime {
        let text = try r.string(key)
        let names = spec.family.regimes.map(\.name)
        guard let regime = Regime(rawValue: text), spec.family.regimes.contains(regime) else {
            var message = "expected a regime of \(spec.family.name) (\(names.joined(separator: ", "))), found \"\(text)\""
            if let near = suggestion(for: text, among: names) { message += " (did you mean \"\(near)\"?)" }
            throw r.error(key, message)
        }
        return regime
    }
}

import GuarantorModel

/// Turns a located document into a `Scenario`, reporting every problem.
struct ScenarioDecoder {
    let r: NodeReader
    init(sink: DiagnosticSink) { r = NodeReader(sink: sink) }

    static let topKeys = ["extends", "name", "summary", "currency", "power_unit", "start", "attack_after_years",
                          "horizon_days", "runs", "seed", "protege", "aggressor", "settlement", "attacks",
                          "guarantors", "agreements", "parameters"]

    func decode(_ root: SpecNode) -> Scenario? {
        guard let m = MappingReader(root, what: "the scenario", allowed: Self.topKeys, reader: r) else { return nil }
        let name = m.required("name").flatMap { r.string($0, what: "`name`") }
        let summary = m.optional("summary").flatMap { r.scalarText($0, what: "`summary`") } ?? ""
        let currency = m.required("currency").flatMap { r.string($0, what: "`currency`") }
        let powerUnit = m.required("power_unit").flatMap { r.string($0, what: "`power_unit`") }
        let start = m.required("start").flatMap { r.date($0, what: "`start`") }
        let attackAfter = m.required("attack_after_years").flatMap { r.uncertain($0, what: "`attack_after_years`", domain: .nonNegative) }
        let horizon = m.optional("horizon_days").map { r.integer($0, what: "`horizon_days`", range: 1...3650) } ?? 365
        let runs = m.optional("runs").map { r.integer($0, what: "`runs`", range: 2...100_000_000, rangeNote: "a standard error needs at least 2") } ?? 10_000
        let seed = m.optional("seed").map { r.integer($0, what: "`seed`", range: 0...Int64.max) } ?? 1

        let attackIDs = IDs(rawIDs(m.optional("attacks")).map(\.0))
        let guarantorIDs = IDs(rawIDs(m.optional("guarantors")).map(\.0))
        let attacks = m.required("attacks").flatMap { node -> [Located<AttackType>]? in
            if case .sequence(let items) = node.kind, items.count > Scenario.maxAttackTypes {
                r.error(items[Scenario.maxAttackTypes], "`attacks` lists \(items.count) attack types; at most \(Scenario.maxAttackTypes) are allowed (this is the \(Scenario.maxAttackTypes + 1)th)")
                return nil
            }
            let list = decodeList(node, what: "`attacks`", decodeAttack)
            // No attack type: nothing to deter, and every figure would be vacuous (P(deterred) 100 %).
            if let list, list.isEmpty { r.error(node, "`attacks` is empty: a scenario needs at least one attack type"); return nil }
            return list
        }
        let guarantors = m.required("guarantors").flatMap { decodeList($0, what: "`guarantors`", decodeGuarantor) }
        let protege = m.required("protege").flatMap(decodeProtege)
        let aggressor = m.required("aggressor").flatMap(decodeAggressor)
        let settlement = m.required("settlement").flatMap { decodeSettlement($0, guarantorIDs: guarantorIDs) }
        let agreements = m.required("agreements").flatMap {
            decodeList($0, what: "`agreements`") { decodeAgreement($0, guarantorIDs: guarantorIDs, attackIDs: attackIDs) }
        }
        let parameters = m.optional("parameters").map(decodeParameters) ?? ModelParameters.defaults

        // Cross-references and uniqueness.
        checkUnique(rawIDs(m.optional("attacks")), what: "attack id")
        checkUnique(rawIDs(m.optional("guarantors")), what: "guarantor id")
        checkUnique(rawIDs(m.optional("agreements")), what: "agreement id")
        for g in guarantors ?? [] { checkLeaders(g, ids: guarantorIDs) }

        guard let name, let currency, let powerUnit, let start, let attackAfter, let horizon, let runs, let seed,
              let protege, let aggressor, let settlement, let attacks, let guarantors, let agreements,
              let parameters else { return nil }
        return Scenario(name: name, summary: summary, currency: currency, powerUnit: powerUnit, start: start,
                        attackAfterYears: attackAfter, horizonDays: Int(horizon), runs: Int(runs), seed: UInt64(seed),
                        protege: protege, aggressor: aggressor, guarantors: guarantors.map(\.value),
                        agreements: agreements.map(\.value), settlement: settlement, attacks: attacks.map(\.value),
                        parameters: parameters)
    }

    struct Located<T> { var value: T; var location: SourceLocation; var node: SpecNode }

    /// The ids of a list, in order (for suggestions) and as a set (for look-ups in
    /// constant time: a file may hold many thousands of references).
    struct IDs {
        let list: [String]
        let set: Set<String>
        init(_ list: [String]) { self.list = list; set = Set(list) }
        func contains(_ id: String) -> Bool { set.contains(id) }
    }

    /// The items that decoded; failures are already in the sink, which is
    /// what makes the whole scenario fail, so later checks still run on the rest.
    func decodeList<T>(_ node: SpecNode, what: String, _ one: (SpecNode) -> T?) -> [Located<T>]? {
        guard let items = r.list(node, what: what) else { return nil }
        var out: [Located<T>] = []
        for item in items {
            if let v = one(item) { out.append(Located(value: v, location: item.location, node: item)) }
        }
        return out
    }

    /// The `id` of every item of a list, as written, even of items that fail
    /// to decode, so that one bad item does not make every reference to it an error too.
    func rawIDs(_ node: SpecNode?) -> [(String, SourceLocation)] {
        guard let node, case .sequence(let items) = node.kind else { return [] }
        return items.compactMap { item in
            guard case .mapping(let entries) = item.kind, let e = entries.first(where: { $0.key == "id" }),
                  case .scalar(let id, _) = e.value.kind else { return nil }
            return (id, e.value.location)
        }
    }

    func checkUnique(_ ids: [(String, SourceLocation)], what: String) {
        var seen: [String: SourceLocation] = [:]
        for (id, loc) in ids {
            if let first = seen[id] {
                r.sink.error(loc, "duplicate \(what) `\(id)` (first defined at line \(first.line))")
            } else { seen[id] = loc }
        }
    }

    func reference(_ node: SpecNode, ids: IDs, what: String) -> String? {
        guard let id = r.identifier(node, what: what) else { return nil }
        if !ids.contains(id) {
            r.error(node, "\(what) `\(id)` is not defined\(r.sink.didYouMean(id, ids.list))")
            return nil
        }
        return id
    }

    // MARK: actors

    func decodeProtege(_ node: SpecNode) -> Protege? {
        let keys = ["id", "name", "combat_power", "mobilisation_per_day", "lethality"]
        guard let m = MappingReader(node, what: "`protege`", allowed: keys, reader: r) else { return nil }
        let id = m.required("id").flatMap { r.identifier($0, what: "`protege.id`") }
        let name = m.required("name").flatMap { r.string($0, what: "`protege.name`") }
        let power = m.required("combat_power").flatMap { r.uncertain($0, what: "`protege.combat_power`", domain: .nonNegative) }
        let mob = m.required("mobilisation_per_day").flatMap { r.uncertain($0, what: "`protege.mobilisation_per_day`", domain: .nonNegative) }
        let leth = m.required("lethality").flatMap { r.uncertain($0, what: "`protege.lethality`", domain: .nonNegative) }
        guard let id, let name, let power, let mob, let leth else { return nil }
        return Protege(id: id, name: name, combatPower: power, mobilisationPerDay: mob, lethality: leth)
    }

    func decodeAggressor(_ node: SpecNode) -> Aggressor? {
        let keys = ["id", "name", "combat_power", "reinforcement_per_day", "lethality", "perception", "valuation"]
        guard let m = MappingReader(node, what: "`aggressor`", allowed: keys, reader: r) else { return nil }
        let id = m.required("id").flatMap { r.identifier($0, what: "`aggressor.id`") }
        let name = m.required("name").flatMap { r.string($0, what: "`aggressor.name`") }
        let power = m.required("combat_power").flatMap { r.uncertain($0, what: "`aggressor.combat_power`", domain: .nonNegative) }
        let reinf = m.required("reinforcement_per_day").flatMap { r.uncertain($0, what: "`aggressor.reinforcement_per_day`", domain: .nonNegative) }
        let leth = m.required("lethality").flatMap { r.uncertain($0, what: "`aggressor.lethality`", domain: .nonNegative) }
        let perception = m.optional("perception").map { r.uncertain($0, what: "`aggressor.perception`", domain: .nonNegative) } ?? .constant(1)
        var valuation: Valuation?
        if let v = m.required("valuation") {
            let vkeys = ["objective_value", "loss_cost", "sanctions_cost", "escalation_cost"]
            if let vm = MappingReader(v, what: "`aggressor.valuation`", allowed: vkeys, reader: r) {
                let ov = vm.required("objective_value").flatMap { r.uncertain($0, what: "`valuation.objective_value`") }
                let lc = vm.required("loss_cost").flatMap { r.uncertain($0, what: "`valuation.loss_cost`", domain: .nonNegative) }
                let sc = vm.required("sanctions_cost").flatMap { r.uncertain($0, what: "`valuation.sanctions_cost`", domain: .nonNegative) }
                let ec = vm.required("escalation_cost").flatMap { r.uncertain($0, what: "`valuation.escalation_cost`", domain: .nonNegative) }
                if let ov, let lc, let sc, let ec {
                    valuation = Valuation(objectiveValue: ov, lossCost: lc, sanctionsCost: sc, escalationCost: ec)
                }
            }
        }
        guard let id, let name, let power, let reinf, let leth, let perception, let valuation else { return nil }
        return Aggressor(id: id, name: name, combatPower: power, reinforcementPerDay: reinf, lethality: leth,
                         valuation: valuation, perception: perception)
    }

    func decodeGuarantor(_ node: SpecNode) -> Guarantor? {
        let keys = ["id", "name", "honour", "prior", "common_loading", "leaders", "elections", "turnover_probability",
                    "capacity", "capability_shift_probability", "democratic_change_probability"]
        guard let m = MappingReader(node, what: "a guarantor", allowed: keys, reader: r) else { return nil }
        let id = m.required("id").flatMap { r.identifier($0, what: "guarantor `id`") }
        let name = m.required("name").flatMap { r.string($0, what: "guarantor `name`") }
        var honour: HonourSource?
        switch (m.optional("honour"), m.optional("prior")) {
        case (let h?, nil):
            honour = r.uncertain(h, what: "`honour`", domain: .probability).map { .probability($0) }
        case (nil, let p?):
            if let pname = r.string(p, what: "`prior`") {
                if NamedPrior.named(pname) != nil { honour = .prior(pname) } else {
                    r.error(p, "unknown prior `\(pname)`\(Suggestion.didYouMean(pname, NamedPrior.catalogue.map(\.name))); `guarantor priors` lists them")
                }
            }
        case (.some, .some):
            r.sink.error(m.keyLocation("prior"), "give either `honour` or `prior`, not both")
        case (nil, nil):
            r.sink.error(node.location, "a guarantor needs its base honour probability: `honour: 60%` or `prior: berkemeier2018`")
        }
        let common = m.optional("common_loading").map { loading($0, what: "`common_loading`") } ?? 0
        var leaders: [LeaderLoading]? = []
        if let l = m.optional("leaders") {
            if case .mapping(let entries) = l.kind {
                for e in entries {
                    if let v = loading(e.value, what: "loading on `\(e.key)`") {
                        leaders?.append(LeaderLoading(leader: e.key, loading: v))
                    } else { leaders = nil }
                }
            } else {
                r.error(l, "`leaders` must map leader ids to loadings, e.g. `{USA: 0.5}`")
                leaders = nil
            }
        }
        var elections: [CalendarDate]? = []
        if let e = m.optional("elections"), let items = r.list(e, what: "`elections`") {
            var prev: CalendarDate?
            for item in items {
                guard let d = r.date(item, what: "an election date") else { elections = nil; continue }
                if let p = prev, d <= p {
                    r.error(item, "election dates must be in increasing order (\(d) comes after \(p))")
                    elections = nil
                }
                prev = d
                elections?.append(d)
            }
        }
        let turnover = m.optional("turnover_probability").map { r.uncertain($0, what: "`turnover_probability`", domain: .probability) } ?? .constant(0)
        var capacity: Capacity? = Capacity()
        if let c = m.optional("capacity") {
            if let cm = MappingReader(c, what: "`capacity`", allowed: ["money_per_month", "power_per_month"], reader: r) {
                capacity?.moneyPerMonth = cm.optional("money_per_month").flatMap { r.uncertain($0, what: "`capacity.money_per_month`", domain: .nonNegative) }
                capacity?.powerPerMonth = cm.optional("power_per_month").flatMap { r.uncertain($0, what: "`capacity.power_per_month`", domain: .nonNegative) }
            } else { capacity = nil }
        }
        let shift = m.optional("capability_shift_probability").map { r.uncertain($0, what: "`capability_shift_probability`", domain: .probability) } ?? .constant(0)
        let demo = m.optional("democratic_change_probability").map { r.uncertain($0, what: "`democratic_change_probability`", domain: .probability) } ?? .constant(0)
        guard let id, let name, let honour, let common, let leaders, let elections, let turnover, let capacity,
              let shift, let demo else { return nil }
        return Guarantor(id: id, name: name, honour: honour, commonLoading: common, leaderLoadings: leaders,
                         elections: elections, turnoverProbability: turnover, capacity: capacity,
                         capabilityShiftProbability: shift, democraticChangeProbability: demo)
    }

    func loading(_ node: SpecNode, what: String) -> Double? {
        guard let v = r.number(node, what: what) else { return nil }
        if !(-1...1).contains(v) { r.error(node, "\(what) must lie between -1 and 1 (got \(r.spelled(node, v)))"); return nil }
        return v
    }

    func checkLeaders(_ g: Located<Guarantor>, ids: IDs) {
        let lm: [SpecNode.Entry]
        if case .mapping(let entries) = g.node.kind, let l = entries.first(where: { $0.key == "leaders" }),
           case .mapping(let le) = l.value.kind { lm = le } else { lm = [] }
        for e in lm {
            if !ids.contains(e.key) {
                r.sink.error(e.keyLocation, "leader `\(e.key)` is not a defined guarantor\(r.sink.didYouMean(e.key, ids.list))")
            } else if e.key == g.value.id {
                r.sink.error(e.keyLocation, "guarantor `\(e.key)` cannot load on itself as a leader")
            }
        }
        let total = g.value.sharedVariance
        if total > 1 + 1e-12 {
            r.sink.error(g.location, "the squares of `common_loading` and the `leaders` loadings of `\(g.value.id)` sum to \(Format.message(total)), above 1 (the idiosyncratic part sqrt(1 - sum) would not be real)")
        }
    }

    // MARK: agreements

    func decodeAgreement(_ node: SpecNode, guarantorIDs: IDs, attackIDs: IDs) -> Agreement? {
        let keys = ["id", "name", "guarantors", "form", "signed", "duration_years", "trigger", "consult_hours",
                    "needs_appropriation", "covers", "integrated_command", "stationed_forces", "commitments"]
        guard let m = MappingReader(node, what: "an agreement", allowed: keys, reader: r) else { return nil }
        let id = m.required("id").flatMap { r.identifier($0, what: "agreement `id`") }
        let name = m.required("name").flatMap { r.string($0, what: "agreement `name`") }
        var parties: [String]? = []
        if let gs = m.required("guarantors"), let items = r.list(gs, what: "`guarantors` of an agreement") {
            if items.isEmpty { r.error(gs, "an agreement needs at least one guarantor") ; parties = nil }
            for item in items {
                if let g = reference(item, ids: guarantorIDs, what: "guarantor") { parties?.append(g) } else { parties = nil }
            }
        } else { parties = nil }
        let form = m.required("form").flatMap { r.choice($0, LegalForm.self, what: "`form`") }
        let signed = m.required("signed").flatMap { r.date($0, what: "`signed`") }
        var duration: Double?? = .some(nil)
        if let d = m.required("duration_years") {
            if case .scalar(let s, _) = d.kind, s == "indefinite" {
                duration = .some(nil)
            } else if case .scalar(let s, _) = d.kind, case .failure = NumberSyntax.parseConstant(s) {
                // One number of years or the word, not a range (the general hint would offer `5 to 20`).
                r.error(d, "`duration_years` must be a number of years, such as `10`, or `indefinite`, not `\(s)`")
                duration = nil
            } else if let v = r.number(d, what: "`duration_years`") {
                if v <= 0 { r.error(d, "`duration_years` must be greater than 0 (or `indefinite`)"); duration = nil } else { duration = .some(v) }
            } else { duration = nil }
        } else { duration = nil }
        var trigger: Trigger?
        if let t = m.required("trigger"), let kind = r.choice(t, TriggerKind.self, what: "`trigger`") {
            switch kind {
            case .automatic: trigger = .automatic
            case .discretionary: trigger = .discretionary
            case .consult:
                let hours = m.optional("consult_hours").flatMap { h -> Double? in
                    guard let v = r.number(h, what: "`consult_hours`") else { return nil }
                    if v < 0 { r.error(h, "`consult_hours` must not be negative"); return nil }
                    return v
                } ?? 24
                trigger = .consult(hours: hours)
            }
            if kind != .consult, m.has("consult_hours") {
                r.sink.error(m.keyLocation("consult_hours"), "`consult_hours` applies only to `trigger: consult`")
            }
        }
        let appropriation = m.optional("needs_appropriation").map { r.bool($0, what: "`needs_appropriation`") } ?? false
        var covers: [String]? = []
        if let c = m.required("covers"), let items = r.list(c, what: "`covers`") {
            for item in items {
                if let a = reference(item, ids: attackIDs, what: "attack type") { covers?.append(a) } else { covers = nil }
            }
        } else { covers = nil }
        let integrated = m.optional("integrated_command").map { r.bool($0, what: "`integrated_command`") } ?? false
        var stationed: Distribution?? = .some(nil)
        if let s = m.optional("stationed_forces") {
            if case .scalar(let t, _) = s.kind, t == "false" || t == "none" { stationed = .some(nil) } else {
                stationed = r.uncertain(s, what: "`stationed_forces`", domain: .nonNegative).map { .some($0) }
            }
        }
        let commitments = m.required("commitments").flatMap { decodeList($0, what: "`commitments`", decodeCommitment) }
        guard let id, let name, let parties, let form, let signed, let duration, let trigger, let appropriation,
              let covers, let integrated, let stationed, let commitments else { return nil }
        return Agreement(id: id, name: name, guarantors: parties, form: form, signed: signed, durationYears: duration,
                         trigger: trigger, needsAppropriation: appropriation, covers: covers,
                         integratedCommand: integrated, stationedForces: stationed, commitments: commitments.map(\.value))
    }

    func decodeCommitment(_ node: SpecNode) -> Commitment? {
        let keys = ["kind", "size_per_month", "latency_days", "duration_months", "effect"]
        guard let m = MappingReader(node, what: "a commitment", allowed: keys, reader: r) else { return nil }
        let kind = m.required("kind").flatMap { r.choice($0, CommitmentKind.self, what: "commitment `kind`") }
        var size: Distribution? = .constant(0)
        if let s = m.optional("size_per_month") {
            size = r.uncertain(s, what: "`size_per_month`", domain: .nonNegative)
        } else if let kind, kind.sizeUnit != .none {
            r.sink.error(node.location, "a `\(kind.rawValue)` commitment needs `size_per_month` (in \(kind.sizeUnit == .money ? "money" : "combat power") per month)")
            size = nil
        }
        let latency = m.optional("latency_days").map { r.uncertain($0, what: "`latency_days`", domain: .nonNegative) } ?? .constant(0)
        var duration: Distribution?? = .some(nil)
        if let d = m.optional("duration_months") {
            duration = r.uncertain(d, what: "`duration_months`", domain: .positive).map { .some($0) }
        }
        var effect: Distribution?? = .some(nil)
        if let e = m.optional("effect") {
            effect = r.uncertain(e, what: "`effect`", domain: .nonNegative).map { .some($0) }
        }
        guard let kind, let size, let latency, let duration, let effect else { return nil }
        return Commitment(kind: kind, sizePerMonth: size, latencyDays: latency, durationMonths: duration, effect: effect)
    }

    // MARK: settlement and attacks

    func decodeSettlement(_ node: SpecNode, guarantorIDs: IDs) -> Settlement? {
        let keys = ["kind", "name", "warning_days", "objective_depth_km", "zone_width_km", "aggressor_police_inside", "monitors"]
        guard let m = MappingReader(node, what: "`settlement`", allowed: keys, reader: r) else { return nil }
        let kind = m.required("kind").flatMap { r.choice($0, SettlementKind.self, what: "settlement `kind`") }
        let name = m.required("name").flatMap { r.string($0, what: "settlement `name`") }
        let warning = m.required("warning_days").flatMap { r.uncertain($0, what: "`warning_days`", domain: .nonNegative) }
        let depth = m.required("objective_depth_km").flatMap { r.uncertain($0, what: "`objective_depth_km`", domain: .positive) }
        let width = m.optional("zone_width_km").map { n -> Double? in
            guard let v = r.number(n, what: "`zone_width_km`") else { return nil }
            if v < 0 { r.error(n, "`zone_width_km` must not be negative"); return nil }
            return v
        } ?? 0
        let police = m.optional("aggressor_police_inside").map { r.bool($0, what: "`aggressor_police_inside`") } ?? false
        var monitorGuarantors: [String]? = []
        var monitorStates: [String]? = []
        if let mon = m.optional("monitors"), let mm = MappingReader(mon, what: "`monitors`", allowed: ["guarantors", "states"], reader: r) {
            if let g = mm.optional("guarantors"), let items = r.list(g, what: "`monitors.guarantors`") {
                for item in items {
                    if let id = reference(item, ids: guarantorIDs, what: "monitoring guarantor") { monitorGuarantors?.append(id) } else { monitorGuarantors = nil }
                }
            }
            if let s = mm.optional("states"), let items = r.list(s, what: "`monitors.states`") {
                for item in items {
                    if let st = r.string(item, what: "a monitoring state") { monitorStates?.append(st) } else { monitorStates = nil }
                }
            }
        }
        guard let kind, let name, let warning, let depth, let width, let police, let monitorGuarantors, let monitorStates else { return nil }
        return Settlement(kind: kind, name: name, warningDays: warning, objectiveDepthKm: depth, zoneWidthKm: width,
                          aggressorPoliceInside: police, monitorGuarantors: monitorGuarantors, monitorStates: monitorStates)
    }

    func decodeAttack(_ node: SpecNode) -> AttackType? {
        let keys = ["id", "kind", "name", "force_share", "objective_share", "max_advance_km_per_day",
                    "strike_rate_per_day", "cover_factor", "entry_cost"]
        guard let m = MappingReader(node, what: "an attack type", allowed: keys, reader: r) else { return nil }
        let id = m.required("id").flatMap { r.identifier($0, what: "attack `id`") }
        let kind = m.required("kind").flatMap { r.choice($0, AttackKind.self, what: "attack `kind`") }
        let name = m.required("name").flatMap { r.string($0, what: "attack `name`") }
        let force = m.required("force_share").flatMap { r.uncertain($0, what: "`force_share`", domain: .probability) }
        let objective = m.required("objective_share").flatMap { r.uncertain($0, what: "`objective_share`", domain: .probability) }
        let advance = m.optional("max_advance_km_per_day").map { r.uncertain($0, what: "`max_advance_km_per_day`", domain: .nonNegative) } ?? .constant(0)
        let strike = m.optional("strike_rate_per_day").map { r.uncertain($0, what: "`strike_rate_per_day`", domain: .probability) } ?? .constant(0)
        let cover = m.optional("cover_factor").map { r.uncertain($0, what: "`cover_factor`", domain: .probability) } ?? .constant(1)
        let entry = m.optional("entry_cost").map { r.uncertain($0, what: "`entry_cost`") } ?? .constant(0)
        if let kind {
            if kind == .strikes, !m.has("strike_rate_per_day") {
                r.sink.error(node.location, "a `strikes` attack needs `strike_rate_per_day`")
            }
            if kind != .strikes, !m.has("max_advance_km_per_day") {
                r.sink.error(node.location, "a `\(kind.rawValue)` attack needs `max_advance_km_per_day`")
            }
        }
        guard let id, let kind, let name, let force, let objective, let advance, let strike, let cover, let entry else { return nil }
        return AttackType(id: id, kind: kind, name: name, forceShare: force, objectiveShare: objective,
                          maxAdvanceKmPerDay: advance, strikeRatePerDay: strike, coverFactor: cover, entryCost: entry)
    }

    // MARK: parameters

    func decodeParameters(_ node: SpecNode) -> ModelParameters? {
        let keys = ["form_multiplier", "trigger_multiplier", "survival_on_turnover", "commitment_cost", "tripwire_honour",
                    "capability_shift_multiplier", "democratic_change_multiplier", "turnover_honour_shift",
                    "consult_deliberation_days", "discretionary_deliberation_days", "appropriation_days",
                    "integrated_command_delay_factor", "power_per_money", "intelligence_multiplier",
                    "interception_per_power", "advance_steepness", "advance_ratio", "aid_effectiveness"]
        guard let m = MappingReader(node, what: "`parameters`", allowed: keys, reader: r) else { return nil }
        var p = ModelParameters.defaults
        var ok = true
        func map<E: RawRepresentable & CaseIterable & Hashable>(_ key: String, _ t: E.Type, probability: Bool, into dict: inout [E: Double]) where E.RawValue == String {
            guard let n = m.optional(key) else { return }
            guard let mm = MappingReader(n, what: "`\(key)`", allowed: E.allCases.map(\.rawValue), reader: r) else { ok = false; return }
            for e in mm.allEntries {
                guard let k = E(rawValue: e.key) else { ok = false; continue }
                guard let v = r.number(e.value, what: "`\(key).\(e.key)`") else { ok = false; continue }
                if v < 0 || (probability && v > 1) {
                    r.error(e.value, "`\(key).\(e.key)` must lie in \(probability ? "[0, 1]" : "[0, inf)") (got \(r.spelled(e.value, v)))")
                    ok = false; continue
                }
                dict[k] = v
            }
        }
        map("form_multiplier", LegalForm.self, probability: false, into: &p.formMultiplier)
        map("trigger_multiplier", TriggerKind.self, probability: false, into: &p.triggerMultiplier)
        map("survival_on_turnover", LegalForm.self, probability: true, into: &p.survivalOnTurnover)
        map("commitment_cost", CommitmentKind.self, probability: true, into: &p.commitmentCost)
        func scalar(_ key: String, probability: Bool = false, positive: Bool = false, _ set: (Double) -> Void) {
            guard let n = m.optional(key) else { return }
            guard let v = r.number(n, what: "`\(key)`") else { ok = false; return }
            if v < 0 || (probability && v > 1) || (positive && v == 0) {
                r.error(n, "`\(key)` must be \(probability ? "between 0 and 1" : positive ? "greater than 0" : "non-negative") (got \(r.spelled(n, v)))")
                ok = false; return
            }
            set(v)
        }
        scalar("tripwire_honour", probability: true) { p.tripwireHonour = $0 }
        scalar("capability_shift_multiplier") { p.capabilityShiftMultiplier = $0 }
        scalar("democratic_change_multiplier") { p.democraticChangeMultiplier = $0 }
        scalar("integrated_command_delay_factor") { p.integratedCommandDelayFactor = $0 }
        scalar("power_per_money") { p.powerPerMoney = $0 }
        scalar("intelligence_multiplier") { p.intelligenceMultiplier = $0 }
        scalar("interception_per_power") { p.interceptionPerPower = $0 }
        scalar("advance_steepness", positive: true) { p.advanceSteepness = $0 }
        scalar("advance_ratio", positive: true) { p.advanceRatio = $0 }
        scalar("aid_effectiveness", probability: true) { p.aidEffectiveness = $0 }
        func dist(_ key: String, domain: NumberDomain, _ set: (Distribution) -> Void) {
            guard let n = m.optional(key) else { return }
            guard let d = r.uncertain(n, what: "`\(key)`", domain: domain) else { ok = false; return }
            set(d)
        }
        dist("turnover_honour_shift", domain: .nonNegative) { p.turnoverHonourShift = $0 }
        dist("consult_deliberation_days", domain: .nonNegative) { p.consultDeliberationDays = $0 }
        dist("discretionary_deliberation_days", domain: .nonNegative) { p.discretionaryDeliberationDays = $0 }
        dist("appropriation_days", domain: .nonNegative) { p.appropriationDays = $0 }
        return ok ? p : nil
    }
}

import GuarantorModel
import ScenarioSpec

/// Values that make an imported skeleton valid where ATOP cannot tell: the
/// aggressor, the sizes, the latencies. Each has its row in the ledger
/// (docs/ledger/evidence.md, "import placeholders") and is marked PLACEHOLDER
/// in the generated file; none is evidence.
public struct SkeletonPlaceholders: Sendable, Hashable {
    public var currency = "USD 2024"
    public var powerUnit = "brigade equivalents"
    public var attackAfterYears = "1 to 10"
    public var protegeCombatPower = "20 to 60"
    public var protegeMobilisationPerDay = "0.05 to 0.3"
    public var protegeLethality = "0.01"
    public var aggressorCombatPower = "40 to 120"
    public var aggressorReinforcementPerDay = "0.1 to 0.5"
    public var aggressorLethality = "0.01"
    public var objectiveValue = "100"
    public var lossCost = "0.5"
    public var sanctionsCost = "0.001"
    public var escalationCost = "200"
    public var warningDays = "7 to 30"
    public var objectiveDepthKm = "100 to 300"
    public var commonLoading = "0.5"
    public var consultHours = "24"
    public var stationedForces = "1 to 5"
    public var troopsPerMonth = "1 to 5"
    public var troopsLatencyDays = "14 to 90"
    public var armsPerMonth = "0.5 to 2"
    public var armsLatencyDays = "30 to 120"
    public var trainingPerMonth = "0.1 to 0.5"
    public var trainingLatencyDays = "30 to 90"
    public var aidPerMonth = "50 to 500"
    public var aidLatencyDays = "30 to 120"
    public var consultationLatencyDays = "1"
    public var intelligenceLatencyDays = "1 to 7"

    public init() {}
    public static let standard = SkeletonPlaceholders()
}

/// Turns one ATOP alliance into a scenario skeleton (YAML with comments).
public enum ScenarioSkeleton {
    public struct Options: Sendable {
        /// COW code of the protégé; nil: the member that receives without giving (with a member file), else the last member.
        public var protege: Int?
        public var placeholders: SkeletonPlaceholders
        public init(protege: Int? = nil, placeholders: SkeletonPlaceholders = .standard) {
            self.protege = protege; self.placeholders = placeholders
        }
    }

    /// The skeleton's text. `members` are the rows of the member-level file for
    /// this alliance (empty when the user gave no `--member-file`).
    public static func yaml(_ alliance: AtopAlliance, members memberRows: [AtopMember] = [],
                            options: Options = Options()) throws(EvidenceError) -> String {
        let ph = options.placeholders
        let latest = Atop.latestPhase(memberRows)
        let hasMemberFile = !memberRows.isEmpty
        // Members who left an alliance that goes on (an exit date in their latest
        // phase) guarantee nothing any more; in an alliance that ended, everyone exits at the end.
        let exited = alliance.ends != nil ? Set<Int>() : Set(latest.values.filter { $0.level("yrexit") > 0 }.map(\.member))
        var firstEntry: [Int: (year: Int, month: Int, day: Int)] = [:]
        for r in memberRows where r.level("yrent") > 0 {
            let d = (year: r.level("yrent"), month: max(1, r.level("moent")), day: max(1, r.level("dayent")))
            if let old = firstEntry[r.member], dayNumber(old) <= dayNumber(d) { continue }
            firstEntry[r.member] = d
        }
        let current = alliance.members.filter { !exited.contains($0) }
        guard !current.isEmpty else {
            throw EvidenceError("every member of alliance \(alliance.atopid) has left it (member-level exit dates): nothing to import")
        }

        // The protégé.
        let protegeCode: Int
        var protegeNote: String
        if let p = options.protege {
            protegeCode = p
            protegeNote = alliance.members.contains(p)
                ? "chosen with --protege"
                : "chosen with --protege; not a member of ATOP \(alliance.atopid), so every member is a guarantor"
        } else if hasMemberFile,
                  let receiver = current.last(where: { c in latest[c].map { !$0.flag("defense") && !$0.flag("offense") } ?? false }),
                  current.contains(where: { c in latest[c]?.flag("defense") ?? false }) {
            protegeCode = receiver
            protegeNote = "the member whose own member-level row has no DEFENSE/OFFENSE obligation while others do (ASYMM)"
        } else {
            protegeCode = current[current.count - 1]
            protegeNote = "ATOP codes mutual obligations, so this is the last listed member; choose another with --protege COW_CODE"
        }
        var guarantorCodes = current.filter { $0 != protegeCode }
        guard !guarantorCodes.isEmpty else {
            throw EvidenceError("alliance \(alliance.atopid) has no member left to guarantee \(CowStates.state(protegeCode).name)")
        }
        // With the member file, a guarantor is a member that itself promises something.
        if hasMemberFile {
            let promising = guarantorCodes.filter { c in
                guard let m = latest[c] else { return true }
                return ["defense", "offense", "neutral", "nonagg", "consul"].contains { m.flag($0) }
            }
            if !promising.isEmpty { guarantorCodes = promising }
        }
        let protege = CowStates.state(protegeCode)
        let aggressorCode = alliance.value("statthr1").flatMap(atopInteger).flatMap { $0 > 0 ? $0 : nil }

        // Ids must be unique and differ from the protégé's and aggressor's.
        let guarantors = guarantorCodes.map(CowStates.state)
        let start = alliance.begins
        let startText = start.map { date($0) } ?? "2000-01-01"
        let startYear = start?.year ?? 2000
        let startNote = Self.startNote(alliance, text: startText)

        var w = YAMLWriter()
        let listed = alliance.members.count <= 4
            ? alliance.members.map { CowStates.state($0).name }.joined(separator: ", ")
            : "\(alliance.members.count) states"
        w.comment("Scenario skeleton imported from ATOP alliance \(alliance.atopid) (alliance-level file\(hasMemberFile ? " and member-level file" : "")).")
        w.comment("Generated by `guarantor import atop`. Comments name the ATOP variable behind each value.")
        w.comment("PLACEHOLDER marks a value ATOP cannot give (the aggressor, sizes, latencies): it makes the")
        w.comment("file valid, not right; the values are listed in docs/ledger/evidence.md. Replace them.")
        w.comment("You must still supply: the aggressor and its valuation, both sides' combat power,")
        w.comment("the settlement, the attack types, commitment sizes and latencies, elections and turnover.")
        if !hasMemberFile {
            w.comment("Member-level conditions (DEFCOLOC, DEFCOADV, ...) are not included: add --member-file.")
        }
        w.blank()
        w.pair("name", quoted("ATOP \(alliance.atopid): \(listed) (\(start.map { String($0.year) } ?? "undated"))"))
        w.pair("summary", quoted("Imported from ATOP alliance \(alliance.atopid); protégé \(protege.name). Sizes and the aggressor are placeholders."))
        w.pair("currency", ph.currency, "PLACEHOLDER: ATOP has no money; currency and price year of every amount")
        w.pair("power_unit", ph.powerUnit, "PLACEHOLDER: what one unit of combat power means")
        w.pair("start", startText, startNote)
        w.pair("attack_after_years", ph.attackAfterYears, "PLACEHOLDER: years from start to the attack")
        w.blank()

        w.key("protege", "protégé: \(protegeNote)")
        w.indent {
            $0.pair("id", protege.abbreviation, "COW \(protegeCode)" + (CowStates.isKnown(protegeCode) ? "" : ": name unknown to Guarantor, rename it"))
            $0.pair("name", quoted(protege.name))
            $0.pair("combat_power", ph.protegeCombatPower, "PLACEHOLDER")
            $0.pair("mobilisation_per_day", ph.protegeMobilisationPerDay, "PLACEHOLDER")
            $0.pair("lethality", ph.protegeLethality, "PLACEHOLDER")
        }

        let aggressorState = aggressorCode.map(CowStates.state)
        let aggressorID = uniqueID(aggressorState?.abbreviation ?? "AGG", taken: Set(guarantors.map(\.abbreviation) + [protege.abbreviation]))
        w.key("aggressor", aggressorState.map { "STATTHR1=\($0.code): the state the alliance names as its threat (SPECTHRT=\(alliance.level("specthrt")))" }
              ?? "PLACEHOLDER: ATOP names no specific threat (STATTHR1=0); name the state to be deterred")
        w.indent {
            $0.pair("id", aggressorID)
            $0.pair("name", quoted(aggressorState?.name ?? "Aggressor (to be named)"))
            $0.pair("combat_power", ph.aggressorCombatPower, "PLACEHOLDER")
            $0.pair("reinforcement_per_day", ph.aggressorReinforcementPerDay, "PLACEHOLDER")
            $0.pair("lethality", ph.aggressorLethality, "PLACEHOLDER")
            $0.pair("perception", "1", "PLACEHOLDER: 1 = the aggressor reads the guarantors' honour accurately")
            $0.key("valuation", "PLACEHOLDER: what the aggressor wants and what it fears, in one unit")
            $0.indent {
                $0.pair("objective_value", ph.objectiveValue)
                $0.pair("loss_cost", ph.lossCost)
                $0.pair("sanctions_cost", ph.sanctionsCost)
                $0.pair("escalation_cost", ph.escalationCost)
            }
        }
        w.blank()
        w.key("settlement", "PLACEHOLDER: ATOP says nothing about the front or the warning time")
        w.indent {
            $0.pair("kind", "line_of_contact")
            $0.pair("name", quoted("Border of \(protege.name)"))
            $0.pair("warning_days", ph.warningDays)
            $0.pair("objective_depth_km", ph.objectiveDepthKm)
        }
        w.key("attacks", "PLACEHOLDER: two generic attack types; edit or add (strikes, hybrid)")
        w.line("  - {id: limited_incursion, kind: limited_incursion, name: Limited incursion, force_share: 30%, objective_share: 30%, max_advance_km_per_day: 2, entry_cost: 5}")
        w.line("  - {id: full_invasion, kind: full_invasion, name: Full invasion, force_share: 90%, objective_share: 100%, max_advance_km_per_day: 5, entry_cost: 20}")
        w.blank()

        // Guarantors.
        let multilateral = guarantors.count > 1
        let prior = chooseprior(alliance, startYear: startYear)
        w.key("guarantors", "the members of ATOP \(alliance.atopid) other than the protégé (MEM1...)")
        var usedIDs = Set([protege.abbreviation, aggressorID])
        var guarantorIDs: [String] = []
        for g in guarantors {
            let id = uniqueID(g.abbreviation, taken: usedIDs)
            usedIDs.insert(id); guarantorIDs.append(id)
            var note = "COW \(g.code)" + (CowStates.isKnown(g.code) ? "" : ": name unknown to Guarantor, rename it")
            if let entry = firstEntry[g.code] { note += "; member since \(date(entry)) (YRENT)" }
            w.line("  - id: \(id)" + YAMLWriter.trailing(note, column: 2 + 6 + id.count))
            w.line("    name: \(quoted(g.name))")
            w.line("    prior: \(prior.name)" + YAMLWriter.trailing(prior.why, column: 4 + 7 + prior.name.count))
            if multilateral {
                w.line("    common_loading: \(ph.commonLoading)" + YAMLWriter.trailing(
                    "PLACEHOLDER (assumption): members of one alliance abandon together; 0 = independent",
                    column: 4 + 16 + ph.commonLoading.count))
            }
            if let m = latest[g.code] {
                for c in conditions(m) { w.line("    # member-level" + (m.phase > 0 ? ", phase \(m.phase)" : "") + ": \(c)") }
            }
        }
        w.blank()

        // The agreement.
        w.key("agreements")
        w.line("  - id: atop\(alliance.atopid)")
        w.line("    name: \(quoted("ATOP \(alliance.atopid)"))")
        w.line("    guarantors: [\(guarantorIDs.joined(separator: ", "))]")
        w.indent(4) { a in
            let (form, formWhy) = legalForm(alliance)
            a.pair("form", form, formWhy)
            a.pair("signed", startText, startNote)
            let (duration, durationWhy) = self.duration(alliance)
            a.pair("duration_years", duration, durationWhy)
            let (trigger, triggerWhy) = self.trigger(alliance)
            a.pair("trigger", trigger, triggerWhy)
            if trigger == "consult" { a.pair("consult_hours", ph.consultHours, "PLACEHOLDER: ATOP does not code the consultation window") }
            a.pair("covers", "[limited_incursion, full_invasion]",
                   alliance.flag("conditio")
                   ? "CONDITIO=1, DEFCON=\(alliance.level("defcon")): some obligations are conditional; narrow this list (see the member-level conditions)"
                   : "CONDITIO=0: unconditional; every attack type above")
            a.pair("integrated_command", alliance.flag("intcom") ? "true" : "false",
                   "INTCOM=\(alliance.level("intcom")); SUBORD=\(alliance.level("subord")) (subordination of forces in war)")
            if alliance.flag("base") {
                a.pair("stationed_forces", ph.stationedForces,
                       "BASE=\(alliance.level("base")): basing rights or troops placed; whether they stand in the protégé and their size are PLACEHOLDER")
            } else {
                a.pair("stationed_forces", "none", "BASE=0: no basing provisions")
            }
            a.key("commitments", "from the obligations (DEFENSE, OFFENSE, CONSUL) and institutions (MILAID, MILCON, ECAID)")
            let items = commitments(alliance, ph)
            for c in items {
                a.line("  - kind: \(c.kind)" + YAMLWriter.trailing(c.why, column: a.prefix.count + 10 + c.kind.count))
                if let s = c.size { a.line("    size_per_month: \(s)" + YAMLWriter.trailing("PLACEHOLDER", column: a.prefix.count + 20 + s.count)) }
                a.line("    latency_days: \(c.latency)" + YAMLWriter.trailing("PLACEHOLDER", column: a.prefix.count + 18 + c.latency.count))
            }
        }
        return w.text
    }

    /// Validates generated (or any) scenario text with the ScenarioSpec
    /// validator, without touching the disk; the messages, empty when valid.
    public static func validate(_ text: String, file: String = "<import>") -> [String] {
        let noFiles: ScenarioLoader.FileSource = { path in .failure(Problem("\(path): an imported skeleton reads no other file")) }
        switch ScenarioLoader.parse(text: text, file: file, files: noFiles) {
        case .success: return []
        case .failure(let list): return list.diagnostics.map(\.description)
        }
    }

    // MARK: mapping rules

    struct PriorChoice { var name: String; var why: String }

    static func chooseprior(_ a: AtopAlliance, startYear: Int) -> PriorChoice {
        let post = startYear >= 1945
        let multi = !a.flag("bilat")
        let alt = multi ? "; multilateral: compare multilateral_strict_berkemeier2018" : ""
        if a.flag("defense") {
            return post
                ? PriorChoice(name: "defence_pacts_post1945", why: "DEFENSE=1, formed \(startYear): defence pacts invoked in wars 1945-2003 (6/43)\(alt)")
                : PriorChoice(name: "defence_pacts_pre1945", why: "DEFENSE=1, formed \(startYear): defence pacts invoked in wars 1816-1944 (36/59)\(alt)")
        }
        if a.flag("offense") { return PriorChoice(name: "offence_pacts_berkemeier2018", why: "OFFENSE=1 without DEFENSE (31/42)\(alt)") }
        if a.flag("neutral") { return PriorChoice(name: "neutrality_pacts_berkemeier2018", why: "NEUTRAL=1 (35/45)\(alt)") }
        if a.flag("nonagg") { return PriorChoice(name: "nonaggression_pacts_berkemeier2018", why: "NONAGG=1 (18/49)\(alt)") }
        return PriorChoice(name: "berkemeier2018",
                           why: "consultation only: no study gives an honour rate for it (excluded as 'dna'); this overall rate is a stand-in, an assumption")
    }

    static func legalForm(_ a: AtopAlliance) -> (String, String) {
        let est = a.level("estmode"), pub = a.level("pubsecr")
        if est == 1 && pub != 2 {
            return ("ratified_treaty", "ESTMODE=1 (formal treaty), PUBSECR=\(pub) (public); ATOP does not code ratification: check it")
        }
        if est == 1 {
            return ("executive_agreement", "ESTMODE=1 but PUBSECR=2 (entirely secret): a secret treaty is not publicly ratified")
        }
        return ("political_declaration", "ESTMODE=\(est): not a formal treaty (e.g. an exchange of notes or a declaration); check it")
    }

    static func duration(_ a: AtopAlliance) -> (String, String) {
        let length = a.level("length"), spec = a.level("speclgth")
        if let b = a.begins, let e = a.ends {
            let days = dayNumber(e) - dayNumber(b)
            if days > 0 {
                let years = Format.fixed(Double(days) / 365.25, decimals: 1)
                return (years == "0.0" ? "0.1" : years, "ENDYR/ENDMO/ENDDAY: ended \(date(e)) (TERM=\(a.level("term")))")
            }
        }
        if a.flag("ineffect") {
            return ("indefinite", "INEFFECT=1: in force at the end of ATOP's coverage"
                    + (length > 0 ? "; SPECLGTH=\(spec), LENGTH=\(length) months was the initial term" : "")
                    + "; RENOUNCE=\(a.level("renounce")) (exit provisions)")
        }
        if length > 0 {
            return (Format.fixed(Double(length) / 12, decimals: 1), "SPECLGTH=\(spec), LENGTH=\(length) months")
        }
        return ("indefinite", "SPECLGTH=\(spec), no LENGTH: no term specified")
    }

    static func trigger(_ a: AtopAlliance) -> (String, String) {
        if a.flag("defense") || a.flag("offense") {
            return ("automatic", "DEFENSE/OFFENSE=1: ATOP codes the promise, not how it is triggered; read the text: \"in accordance with constitutional processes\" is nearer `consult` or `discretionary`")
        }
        if a.flag("consul") {
            return ("consult", "CONSUL=1: a promise to consult in a crisis")
        }
        return ("discretionary", "NEUTRAL/NONAGG only: no promise of help, so any help is discretionary")
    }

    struct CommitmentLine { var kind: String; var size: String?; var latency: String; var why: String }

    static func commitments(_ a: AtopAlliance, _ ph: SkeletonPlaceholders) -> [CommitmentLine] {
        var out: [CommitmentLine] = []
        if a.flag("consul") {
            out.append(CommitmentLine(kind: "consultation", size: nil, latency: ph.consultationLatencyDays, why: "CONSUL=1"))
        }
        if a.flag("defense") || a.flag("offense") {
            out.append(CommitmentLine(kind: "troops", size: ph.troopsPerMonth, latency: ph.troopsLatencyDays,
                                      why: "DEFENSE=\(a.level("defense")), OFFENSE=\(a.level("offense")): active military support"))
        }
        let milaid = a.level("milaid")
        if milaid > 0 || a.flag("defense") {
            out.append(CommitmentLine(kind: "arms_deliveries", size: ph.armsPerMonth, latency: ph.armsLatencyDays,
                                      why: milaid > 0 ? "MILAID=\(milaid): military aid" : "DEFENSE=1: materiel is part of active support (our reading; MILAID=0)"))
        }
        if milaid >= 3 {
            out.append(CommitmentLine(kind: "training", size: ph.trainingPerMonth, latency: ph.trainingLatencyDays,
                                      why: "MILAID=\(milaid): training or technology transfer"))
        }
        let milcon = a.level("milcon")
        if milcon >= 2 {
            out.append(CommitmentLine(kind: "intelligence_sharing", size: nil, latency: ph.intelligenceLatencyDays,
                                      why: "MILCON=\(milcon): peacetime military consultation or common defence policy (our reading: intelligence sharing)"))
        }
        let ecaid = a.level("ecaid")
        if ecaid == 1 || ecaid == 2 {
            out.append(CommitmentLine(kind: "financial_aid", size: ph.aidPerMonth, latency: ph.aidLatencyDays, why: "ECAID=\(ecaid): economic aid"))
        }
        if out.isEmpty {
            out.append(CommitmentLine(kind: "consultation", size: nil, latency: ph.consultationLatencyDays,
                                      why: "NEUTRAL/NONAGG only promise to stay out, which the model does not represent; a stand-in, replace it"))
        }
        return out
    }

    /// Member-level condition flags, in words (ATOP codebook; semantics partly [M] in ALLIANCES.md).
    static let conditionWords: [(String, String)] = [
        ("defcoadv", "defence only against a specific adversary"),
        ("defcoloc", "defence only in a specific location"),
        ("defcocon", "defence only in a specific conflict"),
        ("defconum", "defence only if the number of attackers meets a threshold"),
        ("defcodem", "defence only if the partner has not refused a demand / complied"),
        ("defconpr", "defence only if the partner did not provoke the attack"),
        ("concoadv", "consultation only about a specific adversary"),
        ("concoloc", "consultation only about a specific location"),
        ("concocon", "consultation only in a specific conflict"),
        ("concoreq", "consultation only on request"),
    ]

    static func conditions(_ m: AtopMember) -> [String] {
        var out: [String] = []
        let obligations = ["defense", "offense", "neutral", "nonagg", "consul"].filter { m.flag($0) }.map { $0.uppercased() }
        out.append("own obligations \(obligations.isEmpty ? "none" : obligations.joined(separator: ", "))")
        for (flag, words) in conditionWords where m.flag(flag) { out.append("\(flag.uppercased())=\(m.level(flag)): \(words)") }
        return out
    }

    /// Where the start date comes from: ATOP's BEGYR/BEGMO/BEGDAY as given,
    /// or a PLACEHOLDER note saying what was missing or out of range and
    /// what was put instead (a date is needed for the file to validate).
    static func startNote(_ alliance: AtopAlliance, text: String) -> String {
        func raw(_ name: String) -> Int? { alliance.value(name).flatMap(atopInteger) }
        let y = raw("begyr"), m = raw("begmo"), d = raw("begday")
        guard let y, (1...9999).contains(y), text != "2000-01-01" || y == 2000 else {
            return "PLACEHOLDER: BEGYR " + (y.map { "\($0) is not a year" } ?? "is missing or out of range") + "; replace with the date the alliance was formed"
        }
        var problems: [String] = []
        if let m, !(1...12).contains(m) { problems.append("BEGMO \(m) is not a month, taken as 1") }
        if let d, !(1...31).contains(d) { problems.append("BEGDAY \(d) is not a day, taken as 1") }
        let month = m.flatMap { (1...12).contains($0) ? $0 : nil } ?? 1
        if let d, (1...31).contains(d), d > CalendarDate.daysIn(month: month, year: y) {
            problems.append("BEGDAY \(d) is past the end of the month, taken as its last day")
        }
        return problems.isEmpty ? "BEGYR/BEGMO/BEGDAY: date the alliance was formed"
            : "PLACEHOLDER: " + problems.joined(separator: "; ") + "; check the date the alliance was formed"
    }

    // MARK: text helpers

    static func date(_ d: (year: Int, month: Int, day: Int)) -> String {
        if let c = CalendarDate(year: d.year, month: d.month, day: min(d.day, CalendarDate.daysIn(month: d.month, year: d.year))) {
            return c.description
        }
        return "2000-01-01"
    }

    static func dayNumber(_ d: (year: Int, month: Int, day: Int)) -> Int {
        CalendarDate(year: d.year, month: d.month, day: min(d.day, CalendarDate.daysIn(month: d.month, year: d.year)))?.dayNumber ?? 0
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out + "\""
    }

    static func uniqueID(_ base: String, taken: Set<String>) -> String {
        if !taken.contains(base) { return base }
        var i = 2
        while taken.contains("\(base)_\(i)") { i += 1 }
        return "\(base)_\(i)"
    }
}

/// A small writer for block YAML with end-of-line comments aligned where it helps reading.
struct YAMLWriter {
    var lines: [String] = []
    var prefix = ""
    static let commentColumn = 40

    var text: String { lines.joined(separator: "\n") + "\n" }

    static func trailing(_ comment: String?, column: Int) -> String {
        guard let comment, !comment.isEmpty else { return "" }
        let pad = max(2, commentColumn - column)
        return String(repeating: " ", count: pad) + "# " + comment
    }

    mutating func line(_ s: String) { lines.append(prefix + s) }
    mutating func blank() { lines.append("") }
    mutating func comment(_ s: String) { lines.append(prefix + "# " + s) }

    mutating func pair(_ key: String, _ value: String, _ comment: String? = nil) {
        let body = "\(key): \(value)"
        lines.append(prefix + body + YAMLWriter.trailing(comment, column: prefix.count + body.count))
    }

    mutating func key(_ key: String, _ comment: String? = nil) {
        let body = "\(key):"
        lines.append(prefix + body + YAMLWriter.trailing(comment, column: prefix.count + body.count))
    }

    mutating func indent(_ by: Int = 2, _ body: (inout YAMLWriter) -> Void) {
        let saved = prefix
        prefix += String(repeating: " ", count: by)
        body(&self)
        prefix = saved
    }
}

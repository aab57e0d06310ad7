import Testing
import GuarantorModel
@testable import Evidence

/// A tiny ATOP alliance-level file written for these tests (not ATOP data).
enum TinyAtop {
    static let columns = Atop.allianceColumns + ["statthr1", "mem1", "mem2", "mem3"]

    static func file(_ rows: [[String: String]]) -> String {
        ([columns.joined(separator: ",")] + rows.map { r in columns.map { r[$0] ?? "0" }.joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }

    static let defencePact: [String: String] = [
        "atopid": "9001", "begyr": "1994", "begmo": "12", "begday": "5", "ineffect": "1", "bilat": "0",
        "estmode": "1", "pubsecr": "0", "defense": "1", "consul": "1", "milaid": "3", "milcon": "2",
        "intcom": "1", "base": "2", "conditio": "1", "defcon": "1", "statthr1": "365",
        "mem1": "2", "mem2": "200", "mem3": "369",
    ]

    static let consultationOnly: [String: String] = [
        "atopid": "9002", "begyr": "1930", "begmo": "1", "begday": "1", "endyr": "1939", "endmo": "9", "endday": "1",
        "bilat": "1", "estmode": "0", "consul": "1", "mem1": "220", "mem2": "290",
    ]

    static let memberColumns = Atop.memberColumns

    static func memberFile(_ rows: [[String: String]]) -> String {
        ([memberColumns.joined(separator: ",")] + rows.map { r in memberColumns.map { r[$0] ?? "0" }.joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }
}

@Suite struct AtopImportTests {
    @Test func readsOneAllianceWithItsMembers() throws {
        let a = try Atop.alliance(9001, csv: TinyAtop.file([TinyAtop.defencePact, TinyAtop.consultationOnly]))
        #expect(a.members == [2, 200, 369])
        #expect(a.flag("defense") && a.flag("consul") && !a.flag("offense"))
        #expect(a.begins?.year == 1994 && a.begins?.month == 12 && a.begins?.day == 5)
        #expect(a.ends == nil)
        #expect(a.line == 2)
    }

    @Test func atopErrorsAreLocatedAndActionable() {
        let text = TinyAtop.file([TinyAtop.defencePact])
        #expect(throws: EvidenceError("no alliance with atopid 1 in this file (NATO is 3180, US-Japan 3375, US-Korea 3240)")) {
            try Atop.alliance(1, csv: text)
        }
        #expect(throws: EvidenceError(line: 3, column: nil, "atopid 9001 appears twice (first at line 2)")) {
            try Atop.alliance(9001, csv: TinyAtop.file([TinyAtop.defencePact, TinyAtop.defencePact]))
        }
        do { _ = try Atop.alliance(9001, csv: "atopid,begyr\n9001,1990\n"); Issue.record("accepted a file without ATOP columns") } catch {
            #expect(error.message.hasPrefix("this does not look like the ATOP alliance-level file: missing column(s) begmo"))
        }
    }

    @Test func skeletonCarriesTheCodedFieldsAndValidates() throws {
        let a = try Atop.alliance(9001, csv: TinyAtop.file([TinyAtop.defencePact]))
        let yaml = try ScenarioSkeleton.yaml(a)
        #expect(ScenarioSkeleton.validate(yaml) == [])
        #expect(yaml.contains("start: 1994-12-05"))
        #expect(yaml.contains("  id: UKR "))                       // last member is the protégé
        #expect(yaml.contains("  id: RUS\n"))                      // STATTHR1 = 365 is the aggressor
        #expect(yaml.contains("guarantors: [USA, UKG]"))
        #expect(yaml.contains("form: ratified_treaty"))
        #expect(yaml.contains("integrated_command: true"))
        #expect(yaml.contains("duration_years: indefinite"))
        #expect(yaml.contains("prior: defence_pacts_post1945"))
        #expect(yaml.contains("common_loading: 0.5"))
        for kind in ["consultation", "troops", "arms_deliveries", "training", "intelligence_sharing"] {
            #expect(yaml.contains("- kind: \(kind) "), "missing \(kind)")
        }
        #expect(!yaml.contains("financial_aid"))
        #expect(yaml.contains("PLACEHOLDER"))
        // The scenario as parsed: one agreement with the two guarantors.
        let scenario = try ScenarioSpecBridge.parse(yaml)
        #expect(scenario.guarantors.map(\.id) == ["USA", "UKG"])
        #expect(scenario.agreements.first?.form == .ratifiedTreaty)
        #expect(scenario.agreements.first?.durationYears == nil)
        #expect(scenario.protege.id == "UKR")
    }

    @Test func consultationOnlyEndedAllianceMapsToConsultAndItsDuration() throws {
        let a = try Atop.alliance(9002, csv: TinyAtop.file([TinyAtop.consultationOnly]))
        let yaml = try ScenarioSkeleton.yaml(a)
        #expect(ScenarioSkeleton.validate(yaml) == [])
        #expect(yaml.contains("trigger: consult "))
        #expect(yaml.contains("consult_hours: 24"))
        #expect(yaml.contains("form: political_declaration"))
        #expect(yaml.contains("duration_years: 9.7 "))
        #expect(yaml.contains("prior: berkemeier2018 "))
        #expect(yaml.contains("no study gives an honour rate"))
        #expect(!yaml.contains("common_loading"))
    }

    @Test func memberFileChoosesTheReceiverAndAddsConditions() throws {
        let a = try Atop.alliance(9001, csv: TinyAtop.file([TinyAtop.defencePact]))
        let members = TinyAtop.memberFile([
            ["atopid": "9001", "member": "2", "yrent": "1994", "moent": "12", "dayent": "5", "defense": "1", "consul": "1", "defcoloc": "1"],
            ["atopid": "9001", "member": "200", "yrent": "1994", "moent": "12", "dayent": "5", "defense": "1", "concoreq": "1"],
            ["atopid": "9001", "member": "369", "yrent": "1994", "moent": "12", "dayent": "5", "consul": "1"],
            ["atopid": "9999", "member": "2"],
        ])
        let rows = try Atop.members(9001, csv: members)
        #expect(rows.count == 3)
        let yaml = try ScenarioSkeleton.yaml(a, members: rows)
        #expect(ScenarioSkeleton.validate(yaml) == [])
        #expect(yaml.contains("# member-level: DEFCOLOC=1: defence only in a specific location"))
        #expect(yaml.contains("# member-level: CONCOREQ=1: consultation only on request"))
        #expect(yaml.contains("member since 1994-12-05 (YRENT)"))
        #expect(yaml.contains("no DEFENSE/OFFENSE obligation"))
        // An explicit non-member protégé makes every member a guarantor.
        let outside = try ScenarioSkeleton.yaml(a, members: rows, options: .init(protege: 290))
        #expect(ScenarioSkeleton.validate(outside) == [])
        #expect(outside.contains("guarantors: [USA, UKG, UKR]"))
        #expect(outside.contains("not a member of ATOP 9001"))
    }

    @Test func validatorReportsProblemsWithLocations() {
        let problems = ScenarioSkeleton.validate("name: x\n", file: "s.yaml")
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.hasPrefix("s.yaml:") })
    }
}

/// NATO, US-Japan and US-Korea from the reference ATOP files: every skeleton validates as written.
@Suite(.enabled(if: Reference.available, Reference.skipMessage))
struct AtopReferenceImportTests {
    @Test(arguments: [3180, 3375, 3240])
    func referenceAlliancesImportAndValidate(atopid: Int) throws {
        let alliances = try Reference.text(Reference.data.appendingPathComponent("atop-alliance-level.csv"))
        let memberText = try Reference.text(Reference.data.appendingPathComponent("atop-member-level.csv"))
        let a = try Atop.alliance(atopid, csv: alliances)
        let plain = try ScenarioSkeleton.yaml(a)
        #expect(ScenarioSkeleton.validate(plain) == [], "ATOP \(atopid) without member file")
        let members = try Atop.members(atopid, csv: memberText)
        #expect(!members.isEmpty)
        let full = try ScenarioSkeleton.yaml(a, members: members)
        #expect(ScenarioSkeleton.validate(full) == [], "ATOP \(atopid) with member file")
        #expect(full.contains("form: ratified_treaty"))
        #expect(full.contains("prior: defence_pacts_post1945"))
        switch atopid {
        case 3180:
            // West Germany (260) left at unification; Turkey, the last member, is the default protégé.
            #expect(a.members.count == 30)
            #expect(!full.contains("id: GFR"))
            #expect(full.contains("  id: TUR "))
            #expect(full.contains("duration_years: indefinite"))
            #expect(full.contains("LENGTH=240 months"))
        case 3375:
            // Japan gives no defence promise in its own row: it is the protégé.
            #expect(full.contains("  id: JPN "))
            #expect(full.contains("guarantors: [USA]"))
            #expect(full.contains("CONCOREQ=1"))
        default:
            #expect(full.contains("  id: ROK "))
            #expect(full.contains("DEFCOLOC=1"))
        }
    }
}

@Suite struct AtopRobustnessTests {
    /// Absurd numbers in a corrupt file are read, not trapped on.
    @Test func hugeCodesDoNotCrash() throws {
        var row = TinyAtop.defencePact
        row["begyr"] = "1e300"; row["statthr1"] = "-1e300"; row["mem3"] = "1e200"; row["length"] = "9e18"
        let a = try Atop.alliance(9001, csv: TinyAtop.file([row]))
        #expect(a.members == [2, 200])
        #expect(a.begins == nil)
        let yaml = try ScenarioSkeleton.yaml(a)
        #expect(ScenarioSkeleton.validate(yaml) == [])
        // The date put in place of a missing one says so.
        #expect(yaml.contains("start: 2000-01-01") && yaml.contains("PLACEHOLDER: BEGYR is missing or out of range"), "\(yaml)")
    }

    /// A start date ATOP gives wrongly is marked, not passed off as ATOP's.
    @Test func badDatesAreMarkedAsPlaceholders() throws {
        for (fields, expected, note) in [(["begyr": "-5"], "start: 2000-01-01", "BEGYR -5 is not a year"),
                                         (["begmo": "13", "begday": "45"], "start: 1994-01-01", "BEGMO 13 is not a month"),
                                         (["begmo": "2", "begday": "30"], "start: 1994-02-28", "BEGDAY 30 is past the end of the month"),
                                         ([:], "start: 1994-12-05", "BEGYR/BEGMO/BEGDAY: date the alliance was formed")] {
            var row = TinyAtop.defencePact
            for (k, v) in fields { row[k] = v }
            let yaml = try ScenarioSkeleton.yaml(try Atop.alliance(9001, csv: TinyAtop.file([row])))
            #expect(yaml.contains(expected) && yaml.contains(note), "\(fields): \(yaml.split(separator: "\n").filter { $0.contains("start:") })")
            #expect(fields.isEmpty != yaml.contains("PLACEHOLDER: BEG"), "\(fields)")
        }
    }
}

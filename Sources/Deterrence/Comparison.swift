import CrisisEngine
import GuarantorModel

/// Side-by-side comparison of scenario designs (`guarantor compare`).
public struct ComparisonResult: Codable, Hashable, Sendable {
    public struct Row: Codable, Hashable, Sendable {
        public var scenario: String
        public var file: String
        public var pDeterred: Estimate
        public var bestResponse: String
        public var probeRisk: Estimate
        public var pAllHonour: Estimate
        /// Median days to first military aid among runs where some arrived within the horizon.
        public var medianDaysToFirstMilitaryAid: Double?
        public var pMilitaryAidWithinHorizon: Double
        public var pMilitaryAidWithinHorizonSE: Double?
        public var aidDeliveredByDay90: Estimate
        /// Objective share under the full invasion (reference attack).
        public var fullInvasionObjectiveShare: Estimate
        /// P(deterred) here less that of the first row, with the standard error
        /// of a difference of independent estimates (an upper bound: the designs
        /// share their random numbers, which usually makes the true error smaller).
        /// Nil in the first row.
        public var pDeterredChange: Estimate?
        public var study: StudyResult
        public init(scenario: String, file: String, study: StudyResult) {
            self.scenario = scenario; self.file = file; self.study = study
            pDeterred = study.deterrence?.pDeterred ?? Estimate(mean: 0, se: 0)
            bestResponse = study.deterrence?.bestResponse ?? ""
            probeRisk = study.deterrence?.probeRisk ?? Estimate(mean: 0, se: 0)
            pAllHonour = study.headline.pAllHonour
            medianDaysToFirstMilitaryAid = study.headline.daysToFirstMilitaryAid.p50
            pMilitaryAidWithinHorizon = study.headline.daysToFirstMilitaryAid.pWithinHorizon
            pMilitaryAidWithinHorizonSE = study.headline.daysToFirstMilitaryAid.pWithinHorizonSE
            aidDeliveredByDay90 = study.headline.aidDeliveredByDay90
            let ref = study.attacks.first { $0.type == study.meta.referenceAttack }
            fullInvasionObjectiveShare = ref?.objectiveShare ?? Estimate(mean: 0, se: 0)
        }
        enum CodingKeys: String, CodingKey {
            case scenario, file, study
            case pDeterred = "p_deterred", bestResponse = "best_response", probeRisk = "probe_risk", pAllHonour = "p_all_honour"
            case medianDaysToFirstMilitaryAid = "median_days_to_first_military_aid"
            case pMilitaryAidWithinHorizon = "p_military_aid_within_horizon", pMilitaryAidWithinHorizonSE = "p_military_aid_within_horizon_se"
            case aidDeliveredByDay90 = "aid_delivered_by_day_90", fullInvasionObjectiveShare = "full_invasion_objective_share"
            case pDeterredChange = "p_deterred_change"
        }
    }
    public var runs: Int64
    public var seed: UInt64
    public var version: String
    public var rows: [Row]
    /// Generated sentences on what drives the differences.
    public var explanation: [String]
    public init(runs: Int64, seed: UInt64, version: String, rows: [Row], explanation: [String]) {
        self.runs = runs; self.seed = seed; self.version = version; self.rows = rows; self.explanation = explanation
        for i in self.rows.indices.dropFirst() {
            self.rows[i].pDeterredChange = self.rows[i].pDeterred.minus(self.rows[0].pDeterred)
        }
    }
}

extension ComparisonResult {
    /// The rows' labels: each scenario's name, except where two rows share a
    /// name (a copy of a scenario with one line changed, say): those get
    /// their source in brackets, the file's name (its whole path when two
    /// files share a name too), and a number if even that repeats (the same
    /// file twice). So no two rows, and no two sides of a sentence, read the same.
    public static func labels(names: [String], sources: [String]) -> [String] {
        func tally(_ xs: [String]) -> [String: Int] { xs.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
        let nameCount = tally(names)
        let bases = sources.map { s in s.split(separator: "/").last.map(String.init) ?? s }
        let baseCount = tally(zip(names, bases).map { "\($0)\u{0}\($1)" })
        var labels = names.indices.map { i -> String in
            guard nameCount[names[i], default: 0] > 1 else { return names[i] }
            let shared = baseCount["\(names[i])\u{0}\(bases[i])", default: 0] > 1
            return "\(names[i]) (\(shared ? sources[i] : bases[i]))"
        }
        let labelCount = tally(labels)
        var seen: [String: Int] = [:]
        for i in labels.indices where labelCount[labels[i], default: 0] > 1 {
            seen[labels[i], default: 0] += 1
            labels[i] += " #\(seen[labels[i], default: 0])"
        }
        return labels
    }
}

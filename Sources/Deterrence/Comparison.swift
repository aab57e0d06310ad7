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
    }
}

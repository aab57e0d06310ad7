/// A complete scenario: the typed model that every analysis reads. It holds
/// no I/O and no file names; `ScenarioSpec` builds it from YAML or JSON.
public struct Scenario: Hashable, Sendable, Codable {
    /// Most attack types a scenario may list: the engine keeps which attacks an
    /// agreement covers in one 64-bit mask.
    public static let maxAttackTypes = 64

    public var name: String
    public var summary: String
    /// Money unit, e.g. "EUR 2024" (currency and price year).
    public var currency: String
    /// What one unit of combat power means in this scenario (its own index).
    public var powerUnit: String
    /// The date from which the attack time is counted (the settlement's entry into force).
    public var start: CalendarDate
    /// Years from `start` to the attack, T in MODEL.md 3.1.
    public var attackAfterYears: Distribution
    public var horizonDays: Int
    public var runs: Int
    public var seed: UInt64
    public var protege: Protege
    public var aggressor: Aggressor
    public var guarantors: [Guarantor]
    public var agreements: [Agreement]
    public var settlement: Settlement
    public var attacks: [AttackType]
    public var parameters: ModelParameters

    public init(name: String, summary: String = "", currency: String, powerUnit: String,
                start: CalendarDate, attackAfterYears: Distribution, horizonDays: Int,
                runs: Int, seed: UInt64, protege: Protege, aggressor: Aggressor,
                guarantors: [Guarantor], agreements: [Agreement], settlement: Settlement,
                attacks: [AttackType], parameters: ModelParameters = .defaults) {
        self.name = name; self.summary = summary; self.currency = currency; self.powerUnit = powerUnit
        self.start = start; self.attackAfterYears = attackAfterYears; self.horizonDays = horizonDays
        self.runs = runs; self.seed = seed; self.protege = protege; self.aggressor = aggressor
        self.guarantors = guarantors; self.agreements = agreements; self.settlement = settlement
        self.attacks = attacks; self.parameters = parameters
    }

    public func guarantor(_ id: String) -> Guarantor? { guarantors.first { $0.id == id } }
    public func attack(_ id: String) -> AttackType? { attacks.first { $0.id == id } }
}

/// The state that receives guarantees.
public struct Protege: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    /// Combat power D0 at the moment of attack (scenario power index).
    public var combatPower: Distribution
    /// Combat power added per day by mobilisation.
    public var mobilisationPerDay: Distribution
    /// Aggressor combat power destroyed per day per unit of protégé power (Lanchester coefficient).
    public var lethality: Distribution

    public init(id: String, name: String, combatPower: Distribution, mobilisationPerDay: Distribution, lethality: Distribution) {
        self.id = id; self.name = name; self.combatPower = combatPower
        self.mobilisationPerDay = mobilisationPerDay; self.lethality = lethality
    }
}

/// The aggressor's valuation of outcomes (MODEL.md section 4), per unit.
public struct Valuation: Hashable, Sendable, Codable {
    /// Value of achieving the whole objective (objective share 1).
    public var objectiveValue: Distribution
    /// Cost per unit of its own combat power lost.
    public var lossCost: Distribution
    /// Cost per unit of sanctions cost (money) imposed.
    public var sanctionsCost: Distribution
    /// Cost of fighting a guarantor's own forces (escalation), once per run.
    public var escalationCost: Distribution

    public init(objectiveValue: Distribution, lossCost: Distribution, sanctionsCost: Distribution, escalationCost: Distribution) {
        self.objectiveValue = objectiveValue; self.lossCost = lossCost
        self.sanctionsCost = sanctionsCost; self.escalationCost = escalationCost
    }
}

/// The state to be deterred.
public struct Aggressor: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    /// Combat power A0 available for the attack (scenario power index).
    public var combatPower: Distribution
    public var reinforcementPerDay: Distribution
    /// Protégé combat power destroyed per day per unit of aggressor power.
    public var lethality: Distribution
    public var valuation: Valuation
    /// Scales the honour probabilities the aggressor believes in (1 = accurate).
    public var perception: Distribution

    public init(id: String, name: String, combatPower: Distribution, reinforcementPerDay: Distribution,
                lethality: Distribution, valuation: Valuation, perception: Distribution) {
        self.id = id; self.name = name; self.combatPower = combatPower
        self.reinforcementPerDay = reinforcementPerDay; self.lethality = lethality
        self.valuation = valuation; self.perception = perception
    }
}

/// Where a guarantor's base honour probability comes from.
public enum HonourSource: Hashable, Sendable, Codable {
    /// Given directly (possibly uncertain).
    case probability(Distribution)
    /// A named prior from the evidence catalogue (`guarantor priors`).
    case prior(String)
}

public struct Capacity: Hashable, Sendable, Codable {
    /// Most money per month the guarantor can deliver across all its commitments (nil: unlimited).
    public var moneyPerMonth: Distribution?
    /// Most combat power per month it can deliver (nil: unlimited).
    public var powerPerMonth: Distribution?
    public init(moneyPerMonth: Distribution? = nil, powerPerMonth: Distribution? = nil) {
        self.moneyPerMonth = moneyPerMonth; self.powerPerMonth = powerPerMonth
    }
}

/// A state that gives commitments.
public struct Guarantor: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var honour: HonourSource
    /// Loading on the common factor z (cohesion of the guarantors as a group).
    public var commonLoading: Double
    /// Loadings on leaders: guarantor id of the leader followed -> loading.
    public var leaderLoadings: [LeaderLoading]
    /// Dates of the elections that can turn the government over.
    public var elections: [CalendarDate]
    /// Probability that one election turns the government over.
    public var turnoverProbability: Distribution
    public var capacity: Capacity
    /// Probability that the guarantor's capabilities shift before the attack (Leeds & Anac 2005 event).
    public var capabilityShiftProbability: Distribution
    /// Probability of a change in its democratic institutions before the attack.
    public var democraticChangeProbability: Distribution

    public init(id: String, name: String, honour: HonourSource, commonLoading: Double = 0,
                leaderLoadings: [LeaderLoading] = [], elections: [CalendarDate] = [],
                turnoverProbability: Distribution = .constant(0), capacity: Capacity = Capacity(),
                capabilityShiftProbability: Distribution = .constant(0),
                democraticChangeProbability: Distribution = .constant(0)) {
        self.id = id; self.name = name; self.honour = honour; self.commonLoading = commonLoading
        self.leaderLoadings = leaderLoadings; self.elections = elections
        self.turnoverProbability = turnoverProbability; self.capacity = capacity
        self.capabilityShiftProbability = capabilityShiftProbability
        self.democraticChangeProbability = democraticChangeProbability
    }

    /// Variance of W_g explained by the common factor and the leaders; the
    /// idiosyncratic loading is sqrt(1 - this), so it must not exceed 1.
    public var sharedVariance: Double {
        commonLoading * commonLoading + leaderLoadings.reduce(0) { $0 + $1.loading * $1.loading }
    }
}

public struct LeaderLoading: Hashable, Sendable, Codable {
    public var leader: String
    public var loading: Double
    public init(leader: String, loading: Double) { self.leader = leader; self.loading = loading }
}

public enum LegalForm: String, CaseIterable, Hashable, Sendable, Codable {
    case ratifiedTreaty = "ratified_treaty"
    case executiveAgreement = "executive_agreement"
    case politicalDeclaration = "political_declaration"
}

public enum Trigger: Hashable, Sendable, Codable {
    /// Assistance follows an armed attack without a further decision.
    case automatic
    /// The parties consult within this many hours, then deliberate.
    case consult(hours: Double)
    /// Each guarantor decides if and when to act.
    case discretionary

    public var kind: TriggerKind {
        switch self {
        case .automatic: return .automatic
        case .consult: return .consult
        case .discretionary: return .discretionary
        }
    }
}

public enum TriggerKind: String, CaseIterable, Hashable, Sendable, Codable {
    case automatic, consult, discretionary
}

/// One legal instrument between guarantors and the protégé.
public struct Agreement: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var guarantors: [String]
    public var form: LegalForm
    public var signed: CalendarDate
    /// Years in force from signing; nil means indefinite.
    public var durationYears: Double?
    public var trigger: Trigger
    /// Discretionary action needs a legislative appropriation first.
    public var needsAppropriation: Bool
    /// Attack type ids the agreement covers.
    public var covers: [String]
    public var integratedCommand: Bool
    /// Combat power of the guarantors' forces stationed in the protégé (nil: none).
    public var stationedForces: Distribution?
    public var commitments: [Commitment]

    public init(id: String, name: String, guarantors: [String], form: LegalForm, signed: CalendarDate,
                durationYears: Double?, trigger: Trigger, needsAppropriation: Bool = false,
                covers: [String], integratedCommand: Bool = false, stationedForces: Distribution? = nil,
                commitments: [Commitment]) {
        self.id = id; self.name = name; self.guarantors = guarantors; self.form = form
        self.signed = signed; self.durationYears = durationYears; self.trigger = trigger
        self.needsAppropriation = needsAppropriation; self.covers = covers
        self.integratedCommand = integratedCommand; self.stationedForces = stationedForces
        self.commitments = commitments
    }

    /// Last day in force, or nil when indefinite.
    public var expires: CalendarDate? {
        durationYears.map { signed.adding(days: Int(($0 * 365.25).rounded())) }
    }
}

/// The eight kinds of obligation of MODEL.md section 1, ordered by cost.
public enum CommitmentKind: String, CaseIterable, Hashable, Sendable, Codable {
    case consultation
    case sanctions
    case financialAid = "financial_aid"
    case intelligenceSharing = "intelligence_sharing"
    case armsDeliveries = "arms_deliveries"
    case airDefense = "air_defense"
    case training
    case troops

    /// The unit `size_per_month` is measured in.
    public var sizeUnit: SizeUnit {
        switch self {
        case .consultation, .intelligenceSharing: return .none
        case .sanctions, .financialAid: return .money
        case .armsDeliveries, .airDefense, .training, .troops: return .power
        }
    }

    /// Whether the commitment is military aid (for "days to first military
    /// aid"): what adds to the protégé's forces. Intelligence sharing
    /// multiplies their effectiveness but delivers nothing, and is left
    /// out, as are money and sanctions (ASSUMPTIONS.md).
    public var isMilitary: Bool {
        switch self {
        case .armsDeliveries, .airDefense, .training, .troops: return true
        case .consultation, .sanctions, .financialAid, .intelligenceSharing: return false
        }
    }
}

public enum SizeUnit: String, Hashable, Sendable, Codable {
    case none, money, power
}

/// One obligation of an agreement for each of its guarantors.
public struct Commitment: Hashable, Sendable, Codable {
    public var kind: CommitmentKind
    /// Amount per month from each guarantor (money for sanctions and financial aid,
    /// combat power for arms, air defence, training and troops; unused otherwise).
    public var sizePerMonth: Distribution
    /// Days from the decision to the first delivery.
    public var latencyDays: Distribution
    /// Months the flow lasts once it starts (nil: to the horizon).
    public var durationMonths: Distribution?
    /// Effect coefficient (kind-specific; nil: the ledger's default for the kind).
    public var effect: Distribution?

    public init(kind: CommitmentKind, sizePerMonth: Distribution = .constant(0), latencyDays: Distribution = .constant(0),
                durationMonths: Distribution? = nil, effect: Distribution? = nil) {
        self.kind = kind; self.sizePerMonth = sizePerMonth; self.latencyDays = latencyDays
        self.durationMonths = durationMonths; self.effect = effect
    }
}

public enum SettlementKind: String, CaseIterable, Hashable, Sendable, Codable {
    case lineOfContact = "line_of_contact"
    case withdrawal
    case demilitarisedZone = "demilitarised_zone"
    case bufferZone = "buffer_zone"
}

/// The territorial arrangement in force before the attack.
public struct Settlement: Hashable, Sendable, Codable {
    public var kind: SettlementKind
    public var name: String
    /// Days of warning before the attack, during which the protégé mobilises.
    public var warningDays: Distribution
    /// Kilometres the aggressor must advance from the start line to its objective.
    public var objectiveDepthKm: Distribution
    /// Width of the zone each side withdraws (buffer zone) or the zone's depth (DMZ).
    public var zoneWidthKm: Double
    /// The aggressor's police or national guard inside the zone (DMZ variant).
    public var aggressorPoliceInside: Bool
    /// Guarantors whose monitors stand in the zone (tripwire).
    public var monitorGuarantors: [String]
    /// Other states providing neutral monitors (named, no honour modelled).
    public var monitorStates: [String]

    public init(kind: SettlementKind, name: String, warningDays: Distribution, objectiveDepthKm: Distribution,
                zoneWidthKm: Double = 0, aggressorPoliceInside: Bool = false,
                monitorGuarantors: [String] = [], monitorStates: [String] = []) {
        self.kind = kind; self.name = name; self.warningDays = warningDays
        self.objectiveDepthKm = objectiveDepthKm; self.zoneWidthKm = zoneWidthKm
        self.aggressorPoliceInside = aggressorPoliceInside; self.monitorGuarantors = monitorGuarantors
        self.monitorStates = monitorStates
    }
}

public enum AttackKind: String, CaseIterable, Hashable, Sendable, Codable {
    case strikes, hybrid
    case limitedIncursion = "limited_incursion"
    case fullInvasion = "full_invasion"

    /// Ground attacks meet forces standing in the attacker's path.
    public var isGround: Bool { self == .limitedIncursion || self == .fullInvasion || self == .hybrid }
}

/// One way the aggressor can attack, with its own combat parameters.
public struct AttackType: Hashable, Sendable, Codable {
    public var id: String
    public var kind: AttackKind
    public var name: String
    /// Share of the aggressor's combat power committed.
    public var forceShare: Distribution
    /// Share of the settlement's objective depth this attack aims at.
    public var objectiveShare: Distribution
    /// Maximum advance in km per day (ground attacks).
    public var maxAdvanceKmPerDay: Distribution
    /// Share of targeted infrastructure destroyed per day without interception (strikes).
    public var strikeRatePerDay: Distribution
    /// How far agreements that cover this type treat it as an armed attack (1 = fully; hybrid lower).
    public var coverFactor: Distribution
    /// Fixed cost to the aggressor of launching it (its valuation units).
    public var entryCost: Distribution

    public init(id: String, kind: AttackKind, name: String, forceShare: Distribution, objectiveShare: Distribution,
                maxAdvanceKmPerDay: Distribution, strikeRatePerDay: Distribution, coverFactor: Distribution,
                entryCost: Distribution) {
        self.id = id; self.kind = kind; self.name = name; self.forceShare = forceShare
        self.objectiveShare = objectiveShare; self.maxAdvanceKmPerDay = maxAdvanceKmPerDay
        self.strikeRatePerDay = strikeRatePerDay; self.coverFactor = coverFactor; self.entryCost = entryCost
    }
}

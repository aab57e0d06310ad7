import GuarantorModel

/// One stakeholder on one issue, as the expected-utility model sees it
/// (Bueno de Mesquita 1994; Scholz, Calbert & Smith 2011, section 2).
///
/// `capability` is the actor's power to shape the outcome (any non-negative
/// scale: the model only uses ratios), `position` its preferred outcome on the
/// issue's one-dimensional scale, and `salience` in [0, 1] how much it cares,
/// read by the model as the probability that it resists a challenge.
public struct BargainingActor: Hashable, Sendable, Codable {
    public var name: String
    public var capability: Double
    public var position: Double
    public var salience: Double

    public init(name: String, capability: Double, position: Double, salience: Double) {
        self.name = name
        self.capability = capability
        self.position = position
        self.salience = salience
    }

    /// The weight of the actor's vote, c_i * s_i (Scholz eq. 26).
    public var votingWeight: Double { capability * salience }
}

/// Why a set of actors cannot be bargained over, in words a user can act on.
public struct BargainingInputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension BargainingActor {
    /// Checks the inputs the formulas need; returns nil when they are usable.
    static func problem(in actors: [BargainingActor]) -> BargainingInputError? {
        if actors.count < 2 {
            return BargainingInputError("a negotiation needs at least two actors (got \(actors.count))")
        }
        for a in actors {
            if !a.capability.isFinite || a.capability < 0 {
                return BargainingInputError("capability of '\(a.name)' must be a finite number >= 0 (got \(Format.message(a.capability)))")
            }
            if !a.position.isFinite {
                return BargainingInputError("position of '\(a.name)' must be a finite number (got \(Format.message(a.position)))")
            }
            if !a.salience.isFinite || a.salience < 0 || a.salience > 1 {
                return BargainingInputError("salience of '\(a.name)' must lie in [0, 1] (got \(Format.message(a.salience)))")
            }
        }
        if !(actors.reduce(0) { $0 + $1.votingWeight } > 0) {
            return BargainingInputError("at least one actor needs both capability and salience above zero, or nobody votes")
        }
        return nil
    }
}

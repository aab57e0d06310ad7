/// `enumpure`: every pure-strategy Nash equilibrium of an n-player strategic game,
/// by checking each cell for a profitable unilateral deviation (Gambit's `enumpure`).
public enum EnumPure {
    public static func solve(_ game: NormalFormGame) throws -> [MixedStrategyProfile] {
        let counts = game.strategyCounts
        var strides = [Int](repeating: 1, count: counts.count)
        for i in 1..<max(counts.count, 1) { strides[i] = strides[i - 1] * counts[i - 1] }
        var result: [MixedStrategyProfile] = []
        var profile = [Int](repeating: 0, count: counts.count)
        for cell in 0..<game.cellCount {
            var stable = true
            for p in 0..<counts.count where stable {
                let base = cell - profile[p] * strides[p]
                let mine = game.payoff(cell: cell, player: p)
                for s in 0..<counts[p] where s != profile[p] {
                    if game.payoff(cell: base + s * strides[p], player: p) > mine { stable = false; break }
                }
            }
            if stable {
                result.append(MixedStrategyProfile(profile.enumerated().map { p, s in
                    (0..<counts[p]).map { $0 == s ? Rational.one : Rational.zero }
                }))
                guard result.count <= GameLimits.maxEquilibria else { throw GameError("more than \(GameLimits.maxEquilibria) pure equilibria") }
            }
            NormalFormGame.advance(&profile, counts)
        }
        return result
    }
}

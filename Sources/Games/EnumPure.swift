/// `enumpure`: every pure-strategy Nash equilibrium of an n-player strategic game:
/// the cells where no player gains by deviating alone (Gambit's `enumpure`).
public enum EnumPure {
    public static func solve(_ game: NormalFormGame) throws -> [MixedStrategyProfile] {
        let counts = game.strategyCounts
        var strides = [Int](repeating: 1, count: counts.count)
        for i in 1..<max(counts.count, 1) { strides[i] = strides[i - 1] * counts[i - 1] }
        // Player by player, the best payoff over the player's own strategies is found once for
        // each profile of the others, and the cells below it are marked unstable: players x cells
        // x 2 comparisons. (Checking each cell's deviations one by one took cells x strategies:
        // over five minutes on a 1000 x 1000 game.)
        let cells = game.cellCount
        var stable = [Bool](repeating: true, count: cells)
        for p in 0..<counts.count {
            let stride = strides[p], count = counts[p], block = stride * count
            guard count > 1 else { continue }
            var high = 0
            while high < cells {
                for low in high..<(high + stride) {
                    var best = game.payoff(cell: low, player: p)
                    for s in 1..<count {
                        let v = game.payoff(cell: low + s * stride, player: p)
                        if v > best { best = v }
                    }
                    for s in 0..<count {
                        let cell = low + s * stride
                        if stable[cell] && game.payoff(cell: cell, player: p) < best { stable[cell] = false }
                    }
                }
                high += block
            }
        }
        var result: [MixedStrategyProfile] = []
        let entries = counts.reduce(0, +)
        var profile = [Int](repeating: 0, count: counts.count)
        for cell in 0..<cells {
            if stable[cell] {
                result.append(MixedStrategyProfile(profile.enumerated().map { p, s in
                    (0..<counts[p]).map { $0 == s ? Rational.one : Rational.zero }
                }))
                guard result.count <= GameLimits.maxEquilibria else { throw GameError("more than \(GameLimits.maxEquilibria) pure equilibria") }
                try GameLimits.checkEquilibriumMemory(count: result.count, entries: entries, solver: "enumpure")
            }
            NormalFormGame.advance(&profile, counts)
        }
        return result
    }
}

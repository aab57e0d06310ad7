import CrisisEngine
import GuarantorModel
import Testing

/// Draws from heavy tails reach 1e300 or infinity; the engine clamps every draw to ±1e15, the
/// limit of numbers in a file. Found by the fuzz campaign of session 17: `attack_after_years:
/// 1 to 1e15` trapped converting the attack day to Int, and `reinforcement_per_day:
/// {lognormal: [0, 1000]}` trapped in the exact sums (a square beyond 256 bits).
@Suite struct ExtremeDrawTests {
    @Test func heavyTailsNeitherTrapNorLeaveTheRange() async throws {
        var s = try loadCase("minimal.yaml")
        s.attackAfterYears = .lognormal(mu: 0, sigma: 40)
        s.aggressor.reinforcementPerDay = .lognormal(mu: 0, sigma: 1000)
        s.protege.mobilisationPerDay = .lognormal(mu: 700, sigma: 1)
        s.agreements[0].commitments[0].sizePerMonth = .lognormal(mu: 0, sigma: 1000)
        let plan = CompiledScenario(s)
        #expect(plan.slots.allSatisfy { $0.lower >= -Distribution.maxMagnitude && $0.upper <= Distribution.maxMagnitude })
        let acc = try await accumulate(s, runs: 300)
        #expect(acc.runs == 300)
    }

    @Test func anIntervalUpToTheLimitRuns() async throws {
        var s = try loadCase("minimal.yaml")
        s.attackAfterYears = .interval(1, 1e15)
        let acc = try await accumulate(s, runs: 200)
        #expect(acc.runs == 200)
    }

    @Test func exactSumsSaturateInsteadOfTrapping() {
        var m = Moments()
        for x in [1e300, -1e300, 1e70, .greatestFiniteMagnitude] { m.add(x) }
        #expect(m.count == 4)
        var big = ExactSum(), cap = ExactSum()
        big.add(1e62)
        cap.add(0x1p204)
        #expect(big == cap)
        var small = ExactSum()
        small.add(1e30)
        #expect(small.value == 1e30)
    }
}

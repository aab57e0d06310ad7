import CrisisEngine
import GuarantorModel
import Testing

/// The model's own promises (issue 3, "Correctness").
@Suite struct ModelPromiseTests {
    @Test(arguments: [0.2, 0.5, 0.85])
    func loneGuarantorHonoursWithItsBaseProbability(_ p: Double) async throws {
        let acc = try await accumulate(loneGuarantor(honour: p, runs: 6000))
        let m = acc.guarantorHonours[0]
        #expect(abs(m.mean - p) <= 4 * m.standardError, "honour \(m.mean) ± \(m.standardError) for base \(p)")
        // The arms commitment (q = 1 here) is honoured exactly when the guarantor is.
        #expect(acc.obligations[0].honoured == m)
    }

    func twoGuarantors(common: Double) -> Scenario {
        var s = loneGuarantor(honour: 0.5, runs: 8000)
        s.guarantors = [Guarantor(id: "G", name: "G", honour: .probability(.constant(0.5)), commonLoading: common),
                        Guarantor(id: "H", name: "H", honour: .probability(.constant(0.5)), commonLoading: common)]
        s.agreements[0].guarantors = ["G", "H"]
        return s
    }

    @Test func zeroLoadingGivesIndependentDecisions() async throws {
        let acc = try await accumulate(twoGuarantors(common: 0))
        let both = acc.allHonour
        // P(both) = 0.25 for independent guarantors with p = 0.5.
        #expect(abs(both.mean - 0.25) <= 4 * both.standardError)
    }

    @Test func loadingNearOneGivesNearIdenticalDecisions() async throws {
        let acc = try await accumulate(twoGuarantors(common: 0.999))
        // P(both) approaches P(one) = 0.5: disagreement is rare.
        let pOne = acc.guarantorHonours[0].mean
        #expect(pOne - acc.allHonour.mean < 0.03)
        #expect(acc.allHonour.mean > 0.45)
    }

    @Test func raisingHonourNeverLowersDeliveredAidRunByRun() {
        let low = CompiledScenario(loneGuarantor(honour: 0.3, latency: .interval(5, 40)))
        let high = CompiledScenario(loneGuarantor(honour: 0.6, latency: .interval(5, 40)))
        var kl = CrisisKernel(plan: low, seed: 5), kh = CrisisKernel(plan: high, seed: 5)
        var ol = kl.makeOutcome(), oh = kh.makeOutcome()
        var raised = 0
        for run in UInt64(0)..<3000 {
            kl.simulate(run: run, into: &ol)
            kh.simulate(run: run, into: &oh)
            for i in ol.obligationHonoured.indices {
                #expect(oh.delivered(i, byDay: 120) >= ol.delivered(i, byDay: 120))
                if oh.delivered(i, byDay: 120) > ol.delivered(i, byDay: 120) { raised += 1 }
            }
        }
        #expect(raised > 500)   // the comparison is not vacuous
    }

    @Test func noAidBeforeDecisionDelayPlusLatency() {
        // consult within 48 h, deliberation fixed at 3 days, latency 10 days: first delivery on day 15.
        let plan = CompiledScenario(loneGuarantor(honour: 1, trigger: .consult(hours: 48), latency: .constant(10)))
        var k = CrisisKernel(plan: plan, seed: 3)
        var o = k.makeOutcome()
        for run in UInt64(0)..<200 {
            k.simulate(run: run, into: &o)
            #expect(o.obligationStartDay[0] == 15)
            #expect(o.delivered(0, byDay: 15) == 0)
            #expect(o.delivered(0, byDay: 16) > 0)
        }
    }

    @Test func expiredAgreementDoesNothing() async throws {
        // Signed 2020 for 3 years: expired before the attack in 2027.
        let acc = try await accumulate(loneGuarantor(honour: 1, durationYears: 3, signed: "2020-01-01", runs: 500))
        #expect(acc.guarantorActive[0].mean == 0)
        #expect(acc.obligations[0].honoured.mean == 0)
        #expect(acc.obligations[0].delivered365.mean == 0)
    }

    @Test func agreementSignedAfterTheAttackDoesNothing() async throws {
        let acc = try await accumulate(loneGuarantor(honour: 1, signed: "2030-01-01", runs: 300))
        #expect(acc.obligations[0].honoured.mean == 0)
    }

    @Test func executiveAgreementsLapseWithTurnovers() async throws {
        var s = loneGuarantor(honour: 1, form: .executiveAgreement, runs: 4000)
        s.guarantors[0].elections = [CalendarDate(iso: "2026-06-01")!]
        s.guarantors[0].turnoverProbability = .constant(1)
        let acc = try await accumulate(s)
        // One certain turnover before the attack: in force with the survival probability of the form.
        let survival = ModelParameters.defaults.survivalOnTurnover[.executiveAgreement]!
        let m = acc.guarantorActive[0]
        #expect(abs(m.mean - survival) <= 4 * m.standardError)
    }
}

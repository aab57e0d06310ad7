import CrisisEngine
import Testing

/// Known-answer vectors of Random123's philox4x32-10 (kat_vectors).
@Suite struct PhiloxTests {
    @Test func knownAnswerZero() {
        let r = Philox.block(counter: (0, 0, 0, 0), key: (0, 0))
        #expect([r.0, r.1, r.2, r.3] == [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8])
    }

    @Test func knownAnswerOnes() {
        let r = Philox.block(counter: (0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff), key: (0xffff_ffff, 0xffff_ffff))
        #expect([r.0, r.1, r.2, r.3] == [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd])
    }

    @Test func knownAnswerPi() {
        let r = Philox.block(counter: (0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344), key: (0xa409_3822, 0x299f_31d0))
        #expect([r.0, r.1, r.2, r.3] == [0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1])
    }

    @Test func streamsDependOnlyOnSeedRunAndSubstream() {
        var a = RandomStream(seed: 42, run: 7, substream: 3)
        var b = RandomStream(seed: 42, run: 7, substream: 3)
        var c = RandomStream(seed: 42, run: 8, substream: 3)
        let xa = (0..<10).map { _ in a.uniform() }
        let xb = (0..<10).map { _ in b.uniform() }
        let xc = (0..<10).map { _ in c.uniform() }
        #expect(xa == xb)
        #expect(xa != xc)
        #expect(xa.allSatisfy { $0 > 0 && $0 < 1 })
    }
}

import Foundation
import Store
import Testing

/// What every `GuarantorStore` must do. `SQLiteStoreTests` and
/// `PostgresStoreTests` run each of these against a fresh, empty store.
enum StoreContract {
    static func versionsAreKeptAndAddressedByHash(_ store: any GuarantorStore) async throws {
        let a = try await store.saveScenario(name: "demo", title: "Demo", text: "abc", by: "ann")
        #expect(a.hash == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(a.name == "demo" && a.title == "Demo" && a.text == "abc" && a.createdBy == "ann")
        // The same text again is the same version, not a new one, and keeps its first author.
        let again = try await store.saveScenario(name: "demo", title: "Demo", text: "abc", by: "bob")
        #expect(again == a)
        let b = try await store.saveScenario(name: "demo", title: "Demo 2", text: "abcd", by: "bob")
        #expect(b.hash != a.hash)
        let all = try await store.versions(of: "demo")
        #expect(all.map(\.text) == ["abcd", "abc"])
        #expect(try await store.latest(name: "demo")?.hash == b.hash)
        #expect(try await store.version(name: "demo", hash: a.hash)?.text == "abc")
        #expect(try await store.version(name: "demo", hash: String(repeating: "0", count: 64)) == nil)
        #expect(try await store.version(name: "other", hash: a.hash) == nil)
        #expect(try await store.latest(name: "nothing") == nil)
        #expect(try await store.versions(of: "nothing").isEmpty)
    }

    static func libraryListsLatestVersions(_ store: any GuarantorStore) async throws {
        _ = try await store.saveScenario(name: "b-one", title: "B", text: "1", by: "x")
        _ = try await store.saveScenario(name: "a-two", title: "A old", text: "2", by: "x")
        let last = try await store.saveScenario(name: "a-two", title: "A new", text: "3", by: "x")
        let list = try await store.scenarios()
        #expect(list.map(\.name) == ["a-two", "b-one"])
        #expect(list.map(\.versions) == [2, 1])
        #expect(list[0].title == "A new" && list[0].latestHash == last.hash)
    }

    /// Quotes, semicolons and SQL keywords are data, never code.
    static func valuesAreParameters(_ store: any GuarantorStore) async throws {
        let hostile = "x'); DROP TABLE scenario_versions; --"
        let v = try await store.saveScenario(name: "q", title: hostile, text: hostile + "\n\"é\\", by: hostile)
        #expect(try await store.version(name: "q", hash: v.hash)?.text == hostile + "\n\"é\\")
        #expect(try await store.latest(name: hostile) == nil)
        #expect(try await store.scenarios().map(\.title) == [hostile])
    }

    /// Neither database keeps a NUL inside text the same way, so both refuse it.
    static func nulIsRefused(_ store: any GuarantorStore) async throws {
        await #expect(throws: StoreError.self) { _ = try await store.saveScenario(name: "n", title: "t", text: "a\u{0}b", by: "x") }
        await #expect(throws: StoreError.self) { _ = try await store.saveScenario(name: "n", title: "t\u{0}", text: "ab", by: "x") }
        #expect(try await store.versions(of: "n").isEmpty)
    }

    static func concurrentSavesOfOneTextMakeOneVersion(_ store: any GuarantorStore) async throws {
        try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<8 { group.addTask { try await store.saveScenario(name: "race", title: "R", text: "same", by: "u\(i)").hash } }
            var hashes: Set<String> = []
            for try await h in group { hashes.insert(h) }
            #expect(hashes.count == 1)
        }
        #expect(try await store.versions(of: "race").count == 1)
    }

    /// `maxVersionsByAuthor`: an author's new versions (of any scenario) stop
    /// at the limit; the text that already is a version, and other authors, are not affected.
    static func versionQuotaPerAuthor(_ store: any GuarantorStore) async throws {
        let a = try await store.saveScenario(name: "one", title: "T", text: "a", by: "ann", maxVersionsByAuthor: 2)
        _ = try await store.saveScenario(name: "two", title: "T", text: "b", by: "ann", maxVersionsByAuthor: 2)
        await #expect(throws: VersionQuotaExceeded(author: "ann", count: 2, limit: 2)) {
            _ = try await store.saveScenario(name: "one", title: "T", text: "c", by: "ann", maxVersionsByAuthor: 2)
        }
        #expect(try await store.saveScenario(name: "one", title: "T", text: "a", by: "ann", maxVersionsByAuthor: 2) == a)
        _ = try await store.saveScenario(name: "one", title: "T", text: "c", by: "bob", maxVersionsByAuthor: 2)
        #expect(try await store.versions(of: "one").map(\.text) == ["c", "a"])
        // Without a limit (the bundled scenarios), nothing is counted.
        _ = try await store.saveScenario(name: "one", title: "T", text: "d", by: "ann")
        // Saves at once cannot pass the limit together: of 12 new texts, exactly the limit's worth are kept.
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<12 {
                group.addTask {
                    do {
                        _ = try await store.saveScenario(name: "race", title: "R", text: "t\(i)", by: "cy", maxVersionsByAuthor: 5)
                        return true
                    } catch is VersionQuotaExceeded { return false }
                }
            }
            var saved = 0
            for try await ok in group where ok { saved += 1 }
            return saved
        }
        #expect(results == 5)
        #expect(try await store.versions(of: "race").count == 5)
    }

    static func studyLifecycle(_ store: any GuarantorStore) async throws {
        let new = NewStudy(scenarioName: "demo", scenarioHash: "h", seed: UInt64.max, runs: 1000, sensitivityRuns: 0, createdBy: "ann")
        let s = try await store.createStudy(new)
        #expect(s.status == .queued && s.progress == 0 && s.seed == UInt64.max && s.runs == 1000 && s.createdBy == "ann")
        #expect(s.id.count == 16 && s.startedAt == nil && s.resultJSON == nil)
        try await store.markRunning(id: s.id)
        try await store.updateProgress(id: s.id, progress: 0.25)
        var r = try #require(try await store.study(id: s.id))
        #expect(r.status == .running && r.progress == 0.25 && r.startedAt != nil)
        try await store.finishStudy(id: s.id, resultJSON: "{\"ok\":true}")
        r = try #require(try await store.study(id: s.id))
        #expect(r.status == .succeeded && r.progress == 1 && r.resultJSON == "{\"ok\":true}" && r.finishedAt != nil)
        // A finished study stays as it is.
        try await store.endStudy(id: s.id, status: .cancelled, message: "late")
        try await store.updateProgress(id: s.id, progress: 0.5)
        r = try #require(try await store.study(id: s.id))
        #expect(r.status == .succeeded && r.progress == 1 && r.message == nil)
        #expect(try await store.study(id: "missing") == nil)
    }

    static func cancelAndList(_ store: any GuarantorStore) async throws {
        let new = NewStudy(scenarioName: "demo", scenarioHash: "h", seed: 1, runs: 10, sensitivityRuns: 100, createdBy: "ann")
        let first = try await store.createStudy(new)
        let second = try await store.createStudy(new)
        try await store.endStudy(id: first.id, status: .cancelled, message: "cancelled by ann")
        let r = try #require(try await store.study(id: first.id))
        #expect(r.status == .cancelled && r.message == "cancelled by ann" && r.resultJSON == nil)
        // A cancelled study cannot then succeed.
        try await store.finishStudy(id: first.id, resultJSON: "{}")
        #expect(try await store.study(id: first.id)?.status == .cancelled)
        #expect(try await store.studies(limit: 10).map(\.id) == [second.id, first.id])
        #expect(try await store.studies(limit: 1).map(\.id) == [second.id])
    }

    /// What a restart after `kill -9` does: nothing is left queued or running.
    static func recoveryEndsInterruptedStudies(_ store: any GuarantorStore) async throws {
        let new = NewStudy(scenarioName: "demo", scenarioHash: "h", seed: 1, runs: 10, sensitivityRuns: 0, createdBy: "ann")
        let queued = try await store.createStudy(new)
        let running = try await store.createStudy(new)
        try await store.markRunning(id: running.id)
        let done = try await store.createStudy(new)
        try await store.markRunning(id: done.id)
        try await store.finishStudy(id: done.id, resultJSON: "{}")
        #expect(try await store.recoverInterrupted(message: "interrupted") == 2)
        for id in [queued.id, running.id] {
            let r = try #require(try await store.study(id: id))
            #expect(r.status == .failed && r.message == "interrupted" && r.resultJSON == nil)
        }
        #expect(try await store.study(id: done.id)?.status == .succeeded)
        #expect(try await store.recoverInterrupted(message: "again") == 0)
    }

    static func tokensAreLookedUpByHash(_ store: any GuarantorStore) async throws {
        #expect(try await store.tokenCount() == 0)
        let t = try await store.createToken(name: "ann", hash: "aa")
        _ = try await store.createToken(name: "bob", hash: "bb")
        #expect(try await store.token(hash: "aa") == t)
        #expect(try await store.token(hash: "bb")?.name == "bob")
        #expect(try await store.token(hash: "cc") == nil)
        #expect(try await store.tokenCount() == 2)
        await #expect(throws: (any Error).self) { _ = try await store.createToken(name: "eve", hash: "aa") }
    }

    /// A token keeps its expiry (milliseconds since 1970), or none.
    static func tokensKeepTheirExpiry(_ store: any GuarantorStore) async throws {
        let lasting = try await store.createToken(name: "ann", hash: "a1")
        let dated = try await store.createToken(name: "bob", hash: "b1", expiresAt: 1_800_000_000_000)
        let past = try await store.createToken(name: "cy", hash: "c1", expiresAt: 1_000)
        #expect(lasting.expiresAt == nil && dated.expiresAt == 1_800_000_000_000)
        #expect(try await store.token(hash: "a1") == lasting)
        #expect(try await store.token(hash: "b1") == dated)
        #expect(try await store.tokens() == [lasting, dated, past])
        #expect(!lasting.isExpired(at: Int64.max) && !dated.isExpired(at: 1_799_999_999_999) && dated.isExpired(at: 1_800_000_000_000))
        #expect(try await store.token(hash: "c1")?.isExpired() == true)
    }

    /// `token list` and `token revoke`: by id, or every token of a name.
    static func tokensAreListedAndRevoked(_ store: any GuarantorStore) async throws {
        #expect(try await store.tokens().isEmpty)
        let ann = try await store.createToken(name: "ann", hash: "a1")
        let bob = try await store.createToken(name: "bob", hash: "b1")
        let ann2 = try await store.createToken(name: "ann", hash: "a2")
        let hostile = try await store.createToken(name: "x'); DROP TABLE tokens; --", hash: "h1")
        #expect(try await store.tokens() == [ann, bob, ann2, hostile])
        #expect(try await store.deleteToken(id: bob.id))
        #expect(try await store.deleteToken(id: bob.id) == false)
        #expect(try await store.token(hash: "b1") == nil)
        #expect(try await store.deleteTokens(named: "ann") == 2)
        #expect(try await store.deleteTokens(named: "ann") == 0)
        #expect(try await store.deleteTokens(named: "x'); DROP TABLE tokens; --") == 1)
        #expect(try await store.tokens().isEmpty)
        #expect(try await store.tokenCount() == 0)
    }
}

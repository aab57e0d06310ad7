import Foundation
import GRDB
@testable import Store
import Testing

/// A fresh database file in a fresh temporary folder, removed afterwards.
func withTemporarySQLite<T>(_ body: (SQLiteStore, String) async throws -> T) async throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guarantor-store-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/guarantor.sqlite"
    return try await body(try SQLiteStore(path: path), path)
}

@Suite("SQLite store")
struct SQLiteStoreTests {
    func run(_ check: (any GuarantorStore) async throws -> Void) async throws {
        try await withTemporarySQLite { store, _ in try await check(store) }
    }

    @Test func versionsAreKeptAndAddressedByHash() async throws { try await run(StoreContract.versionsAreKeptAndAddressedByHash) }
    @Test func libraryListsLatestVersions() async throws { try await run(StoreContract.libraryListsLatestVersions) }
    @Test func valuesAreParameters() async throws { try await run(StoreContract.valuesAreParameters) }
    @Test func nulIsRefused() async throws { try await run(StoreContract.nulIsRefused) }
    @Test func concurrentSaves() async throws { try await run(StoreContract.concurrentSavesOfOneTextMakeOneVersion) }
    @Test func versionQuota() async throws { try await run(StoreContract.versionQuotaPerAuthor) }
    @Test func studyLifecycle() async throws { try await run(StoreContract.studyLifecycle) }
    @Test func cancelAndList() async throws { try await run(StoreContract.cancelAndList) }
    @Test func recovery() async throws { try await run(StoreContract.recoveryEndsInterruptedStudies) }
    @Test func tokens() async throws { try await run(StoreContract.tokensAreLookedUpByHash) }
    @Test func tokensAreListedAndRevoked() async throws { try await run(StoreContract.tokensAreListedAndRevoked) }
    @Test func tokensKeepTheirExpiry() async throws { try await run(StoreContract.tokensKeepTheirExpiry) }

    /// A database made before tokens expired: migrating it keeps its tokens,
    /// which never expire, and new tokens get an expiry.
    @Test func migratingKeepsOldTokensWithoutExpiry() async throws {
        try await withTemporarySQLite { _, path in
            let old = path + ".v1"
            let v1 = try SQLiteStore(path: old, migratingUpTo: "v1")
            try await v1.pool.write { db in
                try db.execute(sql: "INSERT INTO tokens (name, hash, created_at) VALUES ('old', 'oldhash', 1000)")
            }
            let migrated = try SQLiteStore(path: old)
            #expect(try await migrated.token(hash: "oldhash") == TokenRecord(id: 1, name: "old", hash: "oldhash", createdAt: 1000, expiresAt: nil))
            let new = try await migrated.createToken(name: "new", hash: "newhash", expiresAt: 2000)
            #expect(try await migrated.tokens().map(\.expiresAt) == [nil, 2000] && new.id == 2)
        }
    }

    @Test func walModeAndReopening() async throws {
        try await withTemporarySQLite { store, path in
            #expect(try await store.journalMode() == "wal")
            let v = try await store.saveScenario(name: "kept", title: "K", text: "text", by: "ann")
            // Opening the same file again runs the migrations again (a no-op) and sees the data.
            let reopened = try SQLiteStore(path: path)
            #expect(try await reopened.version(name: "kept", hash: v.hash) == v)
        }
    }

    @Test func unusablePathIsAnError() async throws {
        #expect(throws: StoreError.self) { _ = try SQLiteStore(path: "/nonexistent-folder-\(UUID().uuidString)/x.sqlite") }
    }
}

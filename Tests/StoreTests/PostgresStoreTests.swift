import Foundation
import Logging
import PostgresNIO
@testable import Store
import Testing

/// The PostgreSQL half of the suite. It needs a server: set
/// GUARANTOR_TEST_POSTGRES_URL to a role that may create databases, e.g.
/// `postgres://postgres:postgres@127.0.0.1:5432/postgres?sslmode=disable`
/// (`.ci/run` starts one on loopback). Each test gets a new database, dropped afterwards.
enum PostgresTestServer {
    static let url = ProcessInfo.processInfo.environment["GUARANTOR_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    static func withFreshDatabase(_ body: (any GuarantorStore) async throws -> Void) async throws {
        try await withFreshDatabaseURL { testURL in
            let store = try await PostgresStore.connect(url: testURL)
            var failure: (any Error)?
            do { try await body(store) } catch { failure = error }
            store.close()
            try? await Task.sleep(for: .milliseconds(50))
            if let failure { throw failure }
        }
    }

    /// A new, empty database (no tables): `body` gets its URL.
    static func withFreshDatabaseURL(_ body: (String) async throws -> Void) async throws {
        guard let url else { return }
        let name = "guarantor_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let logger = Logger(label: "guarantor.test")
        let admin = PostgresClient(configuration: try PostgresURL.configuration(url), backgroundLogger: logger)
        let adminRun = Task { await admin.run() }
        defer { adminRun.cancel() }
        // A database name cannot be a bind parameter; `name` is made here of [a-z0-9_] only.
        try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        var components = URLComponents(string: url)
        components?.path = "/" + name
        guard let testURL = components?.string else { throw StoreError("cannot build the test database URL") }
        var failure: (any Error)?
        do { try await body(testURL) } catch { failure = error }
        _ = try? await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger)
        if let failure { throw failure }
    }
}

@Suite("PostgreSQL store", .enabled(if: PostgresTestServer.url != nil,
    "GUARANTOR_TEST_POSTGRES_URL is unset, so the PostgreSQL store is not tested here (.ci/run sets it after starting PostgreSQL on loopback)"))
struct PostgresStoreTests {
    func run(_ check: (any GuarantorStore) async throws -> Void) async throws {
        try await PostgresTestServer.withFreshDatabase(check)
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
        try await PostgresTestServer.withFreshDatabaseURL { url in
            let v1 = try await PostgresStore.connect(url: url, migratingUpTo: "v1")
            try await v1.client.query("INSERT INTO tokens (name, hash, created_at) VALUES ('old', 'oldhash', 1000)", logger: v1.logger)
            v1.close()
            let migrated = try await PostgresStore.connect(url: url)
            defer { migrated.close() }
            #expect(try await migrated.token(hash: "oldhash") == TokenRecord(id: 1, name: "old", hash: "oldhash", createdAt: 1000, expiresAt: nil))
            let new = try await migrated.createToken(name: "new", hash: "newhash", expiresAt: 2000)
            #expect(try await migrated.tokens().map(\.expiresAt) == [nil, 2000] && new.id == 2)
        }
    }
}

@Suite("PostgreSQL URLs")
struct PostgresURLTests {
    @Test func passwordsAreRedacted() {
        #expect(PostgresURL.redacted("postgres://ann:secret@db:5432/g") == "postgres://ann:***@db:5432/g")
    }

    /// Nothing listens on port 1: an error after the time limit, not a hang.
    @Test(.timeLimit(.minutes(1))) func anUnreachableServerIsAnError() async throws {
        do {
            _ = try await PostgresStore.connect(url: "postgres://u:p@127.0.0.1:1/db?sslmode=disable", timeoutSeconds: 1)
            Issue.record("connected to nothing")
        } catch let e as StoreError {
            #expect(e.message.contains("no answer within 1 s") && !e.message.contains(":p@"), "\(e.message)")
        }
    }

    @Test(arguments: ["mysql://a@b/c", "postgres:///c", "postgres://db/c", "postgres://a@b/c?sslmode=maybe"])
    func badURLsAreErrors(_ url: String) {
        #expect(throws: StoreError.self) { _ = try PostgresURL.configuration(url) }
    }
}

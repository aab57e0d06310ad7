import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import Server
import Store
import Testing

/// Fixes from the adversarial review of the server (docs/server.md), checked
/// on the internals where an HTTP test cannot reach them.
@Suite("Server hardening")
struct HardeningTests {
    /// A request whose body arrives in pieces, with no declared length (as with
    /// `Transfer-Encoding: chunked`): NIO cuts it off with its own error.
    static func chunkedRequest(_ pieces: [Int]) -> Request {
        let stream = AsyncStream<ByteBuffer> { c in
            for n in pieces { c.yield(ByteBuffer(repeating: UInt8(ascii: "a"), count: n)) }
            c.finish()
        }
        return Request(head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/api/validate"),
                       body: RequestBody(asyncSequence: stream))
    }

    @Test func aChunkedBodyOverTheLimitIs413WithTheLimit() async throws {
        do {
            _ = try await GuarantorServer.body(Self.chunkedRequest([1500, 1500]), limit: 2048)
            Issue.record("a 3000-byte body passed a 2048-byte limit")
        } catch let e as APIError {
            #expect(e.status == .contentTooLarge && e.code == "body_too_large")
            #expect(e.message.contains("2048"), "\(e.message)")
        }
        // At the limit it is read whole.
        let ok = try await GuarantorServer.body(Self.chunkedRequest([1024, 1024]), limit: 2048)
        #expect(ok.count == 2048)
        // NIO's error, wherever else it comes from, is a 413 too, not a 500.
        let mapped = ErrorMiddleware.apiError(NIOTooManyBytesError(maxBytes: 10))
        #expect(mapped.status == .contentTooLarge && mapped.code == "body_too_large")
    }

    /// SIGTERM and SIGINT end in `shutdown()`: a running study is then stored
    /// as cancelled, not left `running` (finding 8: the job's own write, from
    /// its cancelled task, was refused by the store).
    @Test func shutdownStoresRunningStudiesAsCancelled() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let r = try await client.execute(uri: "/api/studies", method: .post, headers: t.auth,
                                             body: json(["scenario": "nato-article5", "runs": 2_000_000]))
            let id = try #require(r.object["id"] as? String)
            await t.server.shutdown()
            let s = try #require(try await t.store.study(id: id))
            #expect(s.status == .cancelled, "\(s.status)")
            #expect(s.message == StudyJobs.shutdownMessage)
        }
    }

    /// A job stopped by cancelling its task alone stores its end itself.
    @Test func aCancelledJobStoresItsEnd() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let r = try await client.execute(uri: "/api/studies", method: .post, headers: t.auth,
                                             body: json(["scenario": "nato-article5", "runs": 2_000_000]))
            let id = try #require(r.object["id"] as? String)
            #expect(await t.server.jobs.cancel(id))
            await t.server.waitForStudy(id)
            let s = try #require(try await t.store.study(id: id))
            #expect(s.status == .cancelled && s.message == "cancelled before it finished", "\(s.status) \(s.message ?? "")")
        }
    }

    /// The Host spellings an Origin matches: default ports either way, IPv6 in brackets.
    @Test func originsAndTheirAuthorities() {
        #expect(AuthMiddleware.authorities(ofOrigin: "http://localhost:8080") == ["localhost:8080"])
        #expect(AuthMiddleware.authorities(ofOrigin: "https://G.example") == ["g.example", "g.example:443"])
        #expect(AuthMiddleware.authorities(ofOrigin: "http://g.example:80/page?x=1") == ["g.example", "g.example:80"])
        #expect(AuthMiddleware.authorities(ofOrigin: "http://[::1]:8080").contains("[::1]:8080"))
        for bad in ["null", "", "file:///etc/passwd", "localhost:8080", "javascript:alert(1)"] {
            #expect(AuthMiddleware.authorities(ofOrigin: bad).isEmpty, "\(bad)")
        }
    }

    /// Compares compute inside their requests as studies do in the
    /// background; they share the --max-concurrent-studies slots (finding 11).
    @Test func comparesShareTheStudySlots() async throws {
        let t = try await TestServer.make(configure: { $0.maxConcurrentStudies = 1 })
        try await t.test { client in
            let compare = json(["scenarios": ["nato-article5", "ukraine-bilateral-2024"], "runs": 20])
            // A compare holding the only slot: studies and other compares wait.
            try await t.server.jobs.beginCompare()
            let busy = try await client.execute(uri: "/api/studies", method: .post, headers: t.auth,
                                                body: json(["scenario": "nato-article5", "runs": 10]))
            #expect(busy.headers[.retryAfter] == "10")
            let study = expectError(busy, .tooManyRequests, "too_many_studies")
            #expect((study["message"] as? String)?.hasPrefix("0 studies are running and 1 compare, the most") == true, "\(study)")
            expectError(try await client.execute(uri: "/api/compare", method: .post, headers: t.auth, body: compare),
                        .tooManyRequests, "too_many_studies")
            await t.server.jobs.endCompare()
            // Free again: a compare runs, and gives its slot back when done.
            #expect(try await client.execute(uri: "/api/compare", method: .post, headers: t.auth, body: compare).status == .ok)
            #expect(await t.server.jobs.active == 0)
            // A running study holds the slot against compares too.
            let started = try await client.execute(uri: "/api/studies", method: .post, headers: t.auth,
                                                   body: json(["scenario": "nato-article5", "runs": 2_000_000]))
            let id = try #require(started.object["id"] as? String)
            expectError(try await client.execute(uri: "/api/compare", method: .post, headers: t.auth, body: compare),
                        .tooManyRequests, "too_many_studies")
            _ = try await client.execute(uri: "/api/studies/\(id)/cancel", method: .post, headers: t.auth)
            await t.server.waitForStudy(id)
        }
    }

    /// Slowloris: the HTTP channel closes connections idle for
    /// --idle-timeout, which includes a request whose headers trickle in
    /// (Hummingbird counts activity by whole request parts).
    @Test func connectionsHaveAnIdleTimeout() async throws {
        let t = try await TestServer.make(loadBundled: false)
        #expect(t.server.httpConfiguration.idleTimeout == .seconds(30))
        let short = try await TestServer.make(configure: { $0.idleTimeoutSeconds = 2.5 }, loadBundled: false)
        #expect(short.server.httpConfiguration.idleTimeout == .milliseconds(2500))
        #expect(ServerLimits.idleTimeoutProblem(.infinity) != nil && ServerLimits.idleTimeoutProblem(0) != nil)
        #expect(ServerLimits.idleTimeoutProblem(30) == nil)
        try? FileManager.default.removeItem(atPath: t.folder)
        try? FileManager.default.removeItem(atPath: short.folder)
    }
}

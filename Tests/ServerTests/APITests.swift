import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Store
import Testing

@Suite("HTTP API")
struct APITests {
    @Test func openAPIDocumentListsExactlyTheRoutes() async throws {
        let t = try await TestServer.make(loadBundled: false)
        let routes = t.server.router().routes.map { "\($0.method) \($0.path)" }.sorted()
        #expect(routes == GuarantorServer.documentedOperations)
        #expect(routes.count == 31)
        try await t.test { client in
            let r = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "application/yaml; charset=utf-8")
            #expect(r.text.hasPrefix("openapi: 3.1.0\n"))
            let icon = try await client.execute(uri: "/favicon.ico", method: .get, headers: [.authorization: "Bearer gt_unknown"])
            #expect(icon.status == .noContent && icon.body.readableBytes == 0)
        }
    }

    @Test func healthAndUnknownPaths() async throws {
        let t = try await TestServer.make(loadBundled: false)
        try await t.test { client in
            let ok = try await client.execute(uri: "/api/health", method: .get)
            #expect(ok.status == .ok && ok.object["status"] as? String == "ok")
            expectError(try await client.execute(uri: "/api/nothing-here", method: .get), .notFound, "not_found")
            let delete = expectError(try await client.execute(uri: "/api/health", method: .delete), .methodNotAllowed, "method_not_allowed")
            #expect(delete["message"] as? String == "`/api/health` does not take DELETE; it takes GET, HEAD")
            // A known path with the wrong method is 405 with Allow, not 404.
            for (uri, method, allow) in [("/api/scenarios", HTTPRequest.Method.delete, "GET, HEAD, POST"),
                                         ("/api/scenarios/nato-article5", .put, "GET, HEAD"),
                                         ("/api/studies/abc/cancel", .get, "POST")] {
                let r = try await client.execute(uri: uri, method: method)
                expectError(r, .methodNotAllowed, "method_not_allowed")
                #expect(r.headers[.allow] == allow, "\(uri)")
            }
            let page = try await client.execute(uri: "/scenarios/new", method: .delete)
            #expect(page.status == .methodNotAllowed && page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[.allow] == "GET, HEAD, POST")
            expectError(try await client.execute(uri: "/api/studies/a/b/c", method: .get), .notFound, "not_found")
            // HEAD wherever GET is.
            let head = try await client.execute(uri: "/api/health", method: .head)
            #expect(head.status == .ok && head.body.readableBytes == 0)
        }
    }

    /// A cookie whose token is no longer known (revoked, or the database was
    /// replaced) is "signed out" on the API as on the pages, and is cleared;
    /// only a bad `Authorization` header is refused. Health never needs a token.
    @Test func aStaleCookieIsSignedOut() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let stale: HTTPFields = [.cookie: "guarantor_token=gt_stale", .origin: "http://localhost"]
            let validate = try await client.execute(uri: "/api/validate", method: .post, headers: stale, body: json(["text": variantText]))
            #expect(validate.status == .ok && validate.object["valid"] as? Bool == true, "\(validate.text)")
            #expect(validate.headers[.setCookie]?.hasPrefix("guarantor_token=;") == true)
            #expect(validate.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await client.execute(uri: "/api/scenarios", method: .get, headers: stale).status == .ok)
            #expect(try await client.execute(uri: "/api/health", method: .get, headers: stale).status == .ok)
            // Signed out, so a change needs a token.
            let change = try await client.execute(uri: "/api/scenarios", method: .post, headers: stale,
                                                  body: json(["name": "v", "text": variantText]))
            expectError(change, .unauthorized, "token_required")
            // Error responses clear the cookie too: a 401, a 404, a 400 and a 413.
            let errors = [
                change,
                expectingError(try await client.execute(uri: "/api/nothing-here", method: .get, headers: stale), .notFound, "not_found"),
                expectingError(try await client.execute(uri: "/api/validate", method: .post, headers: stale, body: json(["text": 3])),
                               .badRequest, "bad_request"),
                expectingError(try await client.execute(uri: "/api/validate", method: .post, headers: stale,
                                                        body: json(["text": String(repeating: "# padding\n", count: 110_000)])),
                               .contentTooLarge, "body_too_large"),
            ]
            for e in errors {
                #expect(e.headers[.setCookie] == "guarantor_token=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0", "\(e.status): \(e.text)")
            }
            // A bad header is still refused, except where no token is ever needed.
            let badHeader: HTTPFields = [.authorization: "Bearer gt_stale"]
            expectError(try await client.execute(uri: "/api/scenarios", method: .get, headers: badHeader), .unauthorized, "bad_token")
            expectError(try await client.execute(uri: "/api/validate", method: .post, headers: badHeader, body: json(["text": "a: 1"])),
                        .unauthorized, "bad_token")
            // Another scheme than Bearer is told what the header must read, not that its "token" is unknown.
            let basic = expectError(try await client.execute(uri: "/api/scenarios", method: .get, headers: [.authorization: "Basic YWxhZGRpbjpvcGVu"]),
                                    .unauthorized, "bad_token")
            #expect((basic["message"] as? String)?.contains("must read `Bearer TOKEN`; this one is `Basic ...`") == true, "\(basic)")
            #expect(try await client.execute(uri: "/api/health", method: .get, headers: badHeader).status == .ok)
            #expect(try await client.execute(uri: "/openapi.yaml", method: .get, headers: badHeader).status == .ok)
        }
        let p = try await TestServer.make(privateRead: true, loadBundled: false)
        try await p.test { client in
            expectError(try await client.execute(uri: "/api/scenarios", method: .get, headers: [.cookie: "guarantor_token=gt_stale"]),
                        .unauthorized, "token_required")
            #expect(try await client.execute(uri: "/api/health", method: .get, headers: [.cookie: "guarantor_token=gt_stale"]).status == .ok)
        }
    }

    /// A YAML or JSON escape can put a NUL into a value (the title here),
    /// which no store keeps: it is an invalid scenario at its line, never a 500.
    @Test(arguments: [
        (#"extends: ukraine-base.yaml\#nname: "a\0b"\#n"#, 2),
        (#"extends: ukraine-base.yaml\#nname: ok\#nsummary: "x\u0000y"\#n"#, 3),
        (#"{"extends": "ukraine-base.yaml",\#n "name": "a\u0000b"}"#, 2),
    ])
    func aNULInAValueIsAnInvalidScenario(_ text: String, _ expectedLine: Int) async throws {
        #expect(text.unicodeScalars.contains("\0") == false)
        let t = try await TestServer.make()
        try await t.test { client in
            let v = try await client.execute(uri: "/api/validate", method: .post, body: json(["text": text]))
            #expect(v.status == .ok && v.object["valid"] as? Bool == false, "\(v.text)")
            let line = ((v.object["diagnostics"] as? [[String: Any]])?.first?["line"] as? Int)
            #expect(line == expectedLine, "\(v.text)")
            let saved = try await client.execute(uri: "/api/scenarios", method: .post, headers: t.auth,
                                                 body: json(["name": "nul", "text": text]))
            let o = expectError(saved, .unprocessableContent, "invalid_scenario")
            #expect(((o["diagnostics"] as? [[String: Any]])?.first?["line"] as? Int) == expectedLine)
            let page = try await client.execute(uri: "/scenarios", method: .post,
                                                headers: [.authorization: "Bearer \(t.token)", .contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: "name=nul&text=" + (text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")))
            #expect(page.status == .unprocessableContent && page.text.contains("NUL"))
            #expect(try await t.store.versions(of: "nul").isEmpty)
        }
    }

    /// `extends` is found in the parsed document, so every spelling the loader
    /// accepts fetches its base from the library (a line scan found only
    /// `extends:` at column 0).
    @Test(arguments: [
        #"{"extends": "ukraine-base.yaml", "name": "json variant"}"#,
        "\"extends\": ukraine-base.yaml\nname: json variant\n",
        "extends : ukraine-base.yaml\nname: json variant\n",
        "'extends': 'ukraine-base.yaml' # the base\nname: json variant\n",
        "\u{FEFF}extends: ukraine-base.yaml\nname: json variant\n",
        "# a comment\n---\nname: json variant\nextends: ukraine-base.yaml\n",
    ])
    func extendsIsFoundHoweverItIsWritten(_ text: String) async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let v = try await client.execute(uri: "/api/validate", method: .post, body: json(["text": text]))
            #expect(v.object["valid"] as? Bool == true && v.object["title"] as? String == "json variant", "\(v.text)")
            // And as the base of another scenario, in a chain.
            let saved = try await client.execute(uri: "/api/scenarios", method: .post, headers: t.auth,
                                                 body: json(["name": "middle", "text": text]))
            #expect(saved.status == .created, "\(saved.text)")
            let top = try await client.execute(uri: "/api/validate", method: .post,
                                               body: json(["text": #"{"extends": "middle.json", "summary": "on top"}"#]))
            #expect(top.object["valid"] as? Bool == true && top.object["title"] as? String == "json variant", "\(top.text)")
        }
    }

    /// `token revoke`: the token stops working at once, in the header (401)
    /// and as a cookie (signed out); by id, or all of a holder's tokens by name.
    @Test func revokedTokensStopWorking() async throws {
        let t = try await TestServer.make(loadBundled: false)
        let bob1 = try await Tokens.create(name: "bob", in: t.store)
        let bob2 = try await Tokens.create(name: "bob", in: t.store)
        let listing = Tokens.listing(try await t.store.tokens())
        #expect(listing.split(separator: "\n").map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
                == ["ID NAME", "1 ann", "2 bob", "3 bob"], "\(listing)")
        try await t.test { client in
            let save: @Sendable (String) async throws -> TestResponse = { secret in
                try await client.execute(uri: "/api/scenarios", method: .post, headers: [.authorization: "Bearer \(secret)"],
                                         body: json(["name": "x", "text": "a: 1"]))
            }
            #expect(try await save(t.token).status == .unprocessableContent)
            #expect(try await Tokens.revoke("1", in: t.store).map(\.name) == ["ann"])
            expectError(try await save(t.token), .unauthorized, "bad_token")
            let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: "guarantor_token=\(t.token)"])
            #expect(page.status == .ok && !page.text.contains("<span class=\"who\">ann</span>"))
            #expect(try await save(bob1).status == .unprocessableContent)
            #expect(try await Tokens.revoke("bob", in: t.store).count == 2)
            expectError(try await save(bob1), .unauthorized, "bad_token")
            expectError(try await save(bob2), .unauthorized, "bad_token")
            #expect(try await Tokens.revoke("bob", in: t.store).isEmpty)
            #expect(try await Tokens.revoke("99", in: t.store).isEmpty)
        }
    }

    /// An expired token in the header is refused with 401 `token_expired`
    /// saying so. An expired sign-in cookie counts as signed out (and is
    /// cleared): pages say the sign-in expired, and where signing in is needed
    /// the 401 is `token_expired`.
    @Test func expiredTokensAreRefused() async throws {
        let t = try await TestServer.make(loadBundled: false)
        let now = StoreClock.now()
        let expiredSecret = Tokens.newSecret()
        let expired = try await t.store.createToken(name: "old", hash: Tokens.hash(expiredSecret), expiresAt: now - 1)
        let lastingSecret = Tokens.newSecret()
        _ = try await t.store.createToken(name: "forever", hash: Tokens.hash(lastingSecret), expiresAt: nil)
        let ann = try #require(try await t.store.token(hash: Tokens.hash(t.token)))
        // The test server's token has the default lifetime.
        #expect(ann.expiresAt == ann.createdAt + Int64(Tokens.defaultExpiryDays) * 86_400_000 && Tokens.defaultExpiryDays == 90)
        let expiredOn = Tokens.date(now - 1)
        try await t.test { client in
            let bearer = { (secret: String) -> HTTPFields in [.authorization: "Bearer \(secret)", .contentType: "application/json"] }
            let save = { (headers: HTTPFields) in
                try await client.execute(uri: "/api/scenarios", method: .post, headers: headers, body: json(["name": "x", "text": "a: 1"]))
            }
            let o = expectError(try await save(bearer(expiredSecret)), .unauthorized, "token_expired")
            #expect((o["message"] as? String)?.contains("expired on \(expiredOn)") == true, "\(o)")
            #expect((o["message"] as? String)?.contains("token create") == true)
            // Reading with it is refused too (it says who the caller is, wrongly), but the open paths never look.
            expectError(try await client.execute(uri: "/api/scenarios", method: .get, headers: bearer(expiredSecret)), .unauthorized, "token_expired")
            #expect(try await client.execute(uri: "/api/health", method: .get, headers: bearer(expiredSecret)).status == .ok)
            // Tokens that have not expired, or never do, work.
            #expect(try await save(bearer(t.token)).status == .unprocessableContent)
            #expect(try await save(bearer(lastingSecret)).status == .unprocessableContent)
            // The cookie: signed out, and cleared. A page anyone may read is
            // served as to any signed-out visitor, and says that the sign-in expired.
            let cookie: HTTPFields = [.cookie: "guarantor_token=\(expiredSecret)"]
            let clear = "guarantor_token=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
            let notice = "Your sign-in expired on \(expiredOn) (token \(expired.id), held by old), so you are signed out."
            for uri in ["/", "/scenarios/new", "/compare", "/login"] {
                let page = try await client.execute(uri: uri, method: .get, headers: cookie)
                #expect(page.status == .ok && page.headers[.setCookie] == clear, "\(uri): \(page.status)")
                #expect(page.text.contains(notice) && page.text.contains("<a href=\"/login\">Sign in</a>"), "\(uri): \(page.text)")
                #expect(!page.text.contains("<span class=\"who\">"))
            }
            // Once the cookie is gone, so is the notice.
            #expect(!(try await client.execute(uri: "/", method: .get)).text.contains("sign-in-expired"))
            // An error page says it too.
            let missing = try await client.execute(uri: "/no-such-page", method: .get, headers: cookie)
            #expect(missing.status == .notFound && missing.text.contains(notice) && missing.headers[.setCookie] == clear, "\(missing.text)")
            // A page action that needs signing in gets the signed-out 401 page, saying the sign-in expired (once, not in the notice too).
            let run = try await client.execute(uri: "/studies", method: .post,
                                               headers: [.cookie: "guarantor_token=\(expiredSecret)", .origin: "http://localhost",
                                                         .contentType: "application/x-www-form-urlencoded"],
                                               body: ByteBuffer(string: "scenario=x"))
            #expect(run.status == .unauthorized && run.headers[.setCookie] == clear, "\(run.status)")
            #expect(run.text.contains("expired on \(expiredOn)") && run.text.contains("href=\"/login\"") && !run.text.contains(notice), "\(run.text)")
            // The API with the cookie: signed out too (the editor's checker keeps working), and
            // where a token is needed, 401 `token_expired`; neither clears the cookie (the
            // pages' script calls the API unseen), both say when it expired in a header.
            let expiredHeader = try #require(HTTPField.Name("Guarantor-Sign-In-Expired"))
            let read = try await client.execute(uri: "/api/studies", method: .get, headers: cookie)
            #expect(read.status == .ok && read.headers[.setCookie] == nil && read.headers[expiredHeader] == expiredOn)
            let change = try await client.execute(uri: "/api/scenarios", method: .post,
                                                  headers: [.cookie: "guarantor_token=\(expiredSecret)", .origin: "http://localhost",
                                                            .contentType: "application/json"],
                                                  body: json(["name": "x", "text": "a: 1"]))
            let c = expectError(change, .unauthorized, "token_expired")
            #expect((c["message"] as? String)?.contains("expired on \(expiredOn)") == true && change.headers[.setCookie] == nil, "\(c)")
            #expect(change.headers[expiredHeader] == expiredOn)
            // Signing in with it is refused, saying why.
            let login = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "token=\(expiredSecret)"))
            #expect(login.status == .unauthorized && login.text.contains("expired on \(expiredOn)") && login.headers[.setCookie] == nil)
            // Signing in again with a new token, the expired cookie still sent, sets the new one.
            let again = try await client.execute(uri: "/login", method: .post,
                                                 headers: [.cookie: "guarantor_token=\(expiredSecret)", .origin: "http://localhost",
                                                           .contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "token=\(lastingSecret)"))
            #expect(again.status == .seeOther && again.headers[.setCookie]?.hasPrefix("guarantor_token=\(lastingSecret);") == true)
        }
        // With --private-read every page needs signing in: the signed-out 401
        // page, saying the sign-in expired; the sign-in page itself is open.
        let p = try await TestServer.make(privateRead: true, loadBundled: false)
        let oldSecret = Tokens.newSecret()
        _ = try await p.store.createToken(name: "old", hash: Tokens.hash(oldSecret), expiresAt: now - 1)
        try await p.test { client in
            let cookie: HTTPFields = [.cookie: "guarantor_token=\(oldSecret)"]
            let page = try await client.execute(uri: "/", method: .get, headers: cookie)
            #expect(page.status == .unauthorized && page.headers[.setCookie]?.hasSuffix("Max-Age=0") == true)
            #expect(page.text.contains("expired on \(expiredOn)") && page.text.contains("href=\"/login\""), "\(page.text)")
            expectError(try await client.execute(uri: "/api/scenarios", method: .get, headers: cookie), .unauthorized, "token_expired")
            let login = try await client.execute(uri: "/login", method: .get, headers: cookie)
            #expect(login.status == .ok && login.text.contains("Your sign-in expired on \(expiredOn)"), "\(login.text)")
        }
        // `token list` shows each expiry.
        let listing = Tokens.listing(try await t.store.tokens(), now: now)
        let lines = listing.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("EXPIRES (UTC)") == true, "\(listing)")
        #expect(lines.count == 4 && lines[1].hasSuffix(Tokens.date(ann.expiresAt ?? 0)) && lines[2].hasSuffix("\(expiredOn) (expired)")
                && lines[3].hasSuffix("never"), "\(listing)")
        // What `serve` says at start: nothing while a token works, or with none (a first start makes `admin`).
        #expect(Tokens.allExpiredWarning(try await t.store.tokens(), now: now) == nil)
        #expect(Tokens.allExpiredWarning([], now: now) == nil)
        let only = try #require(Tokens.allExpiredWarning([expired], now: now))
        #expect(only.hasPrefix("Every token has expired (the only one on record, on \(expiredOn)): ") && only.contains("token create --name NAME"), "\(only)")
        #expect(expired.id == 2 && Tokens.expiry(days: 0) == nil && Tokens.expiry(days: 2, from: 1000) == 1000 + 2 * 86_400_000)
    }

    /// When the last token that worked expires while the server runs, the
    /// server logs a warning once: on the first request that brings an expired
    /// token (header, cookie or the sign-in form) and finds none left that
    /// works. Again only after a token has worked in between; not at all if
    /// `serve` said so at start.
    @Test func theLastTokenExpiringIsLoggedOnce() async throws {
        let log = LogCapture()
        var aging: SlowTokenStore?
        let t = try await TestServer.make(loadBundled: false, wrap: { base in
            let store = SlowTokenStore(base)
            aging = store
            return store
        }, logger: log.logger)
        let clock = try #require(aging)
        let secret = Tokens.newSecret()
        let warnings: @Sendable () -> [String] = { log.messages.filter { $0.level == .warning }.map(\.message) }
        // Olga's token works for an hour; ann's, for 90 days, is revoked below.
        let olga = try await t.store.createToken(name: "olga", hash: Tokens.hash(secret), expiresAt: StoreClock.now() + 3_600_000)
        try await t.test { client in
            let cookie: HTTPFields = [.cookie: "guarantor_token=\(secret)"]
            let first = try await client.execute(uri: "/", method: .get, headers: cookie)
            #expect(first.text.contains("<span class=\"who\">olga</span>"), "\(first.text)")
            _ = try await t.store.deleteTokens(named: "ann")
            #expect(warnings().isEmpty)
            // Two hours later, olga's token has expired, and no other works: said once, whichever way the token comes.
            clock.passTime(milliseconds: 7_200_000)
            #expect(try await client.execute(uri: "/", method: .get, headers: cookie).text.contains("Your sign-in expired"))
            expectError(try await client.execute(uri: "/api/studies", method: .get, headers: [.authorization: "Bearer \(secret)"]),
                        .unauthorized, "token_expired")
            let login = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "token=\(secret)"))
            #expect(login.status == .unauthorized)
            #expect(warnings().count == 1, "\(log.messages)")
            let message = try #require(warnings().first)
            let expiredOn = Tokens.date((olga.expiresAt ?? 0) - 7_200_000)
            #expect(message.hasPrefix("The last token that worked has expired (token \(olga.id), held by olga, on \(expiredOn))"), "\(message)")
            #expect(message.contains("guarantor-server token create --name NAME"), "\(message)")
            // A new token: nothing to say; once it is gone too, the next expired token brings the warning again.
            _ = try await Tokens.create(name: "pia", in: t.store)
            _ = try await client.execute(uri: "/", method: .get, headers: cookie)
            #expect(warnings().count == 1)
            _ = try await t.store.deleteTokens(named: "pia")
            _ = try await client.execute(uri: "/", method: .get, headers: cookie)
            #expect(warnings().count == 2, "\(log.messages)")
        }
        // A server that starts with every token expired has said so at start (`serve`): not again.
        let quiet = LogCapture()
        let u = try await TestServer.make(loadBundled: false, logger: quiet.logger)
        _ = try await u.store.deleteTokens(named: "ann")
        let old = Tokens.newSecret()
        _ = try await u.store.createToken(name: "old", hash: Tokens.hash(old), expiresAt: StoreClock.now() - 1)
        _ = try await u.server.prepare(bundled: [])
        try await u.test { client in
            _ = try await client.execute(uri: "/", method: .get, headers: [.cookie: "guarantor_token=\(old)"])
            #expect(quiet.messages.filter { $0.level == .warning }.isEmpty, "\(quiet.messages)")
        }
    }

    /// --max-versions: a token holder's new versions stop at the limit with
    /// 409 `too_many_versions`; saving existing text, and other holders, still work.
    @Test func versionsStopAtTheHoldersQuota() async throws {
        let t = try await TestServer.make(configure: { $0.maxVersionsPerHolder = 2 })
        #expect(ServerLimits(studyThreads: 1).maxVersionsPerHolder == 1_000)
        let bob = try await Tokens.create(name: "bob", in: t.store)
        try await t.test { client in
            let save = { (secret: String, name: String, runs: Int) in
                try await client.execute(uri: "/api/scenarios", method: .post,
                                         headers: [.authorization: "Bearer \(secret)", .contentType: "application/json"],
                                         body: json(["name": name, "text": variantText + "seed: \(runs)\n"]))
            }
            #expect(try await save(t.token, "first", 1).status == .created)
            #expect(try await save(t.token, "second", 2).status == .created)
            let over = try await save(t.token, "first", 3)
            let o = expectError(over, .conflict, "too_many_versions")
            #expect((o["message"] as? String)?.contains("`ann` has saved 2 scenario versions") == true, "\(over.text)")
            #expect((o["message"] as? String)?.contains("--max-versions 2") == true, "\(over.text)")
            #expect(try await client.execute(uri: "/api/scenarios/first", method: .get).object["versions"].map { ($0 as? [Any])?.count } == 1)
            // The same text again is the existing version, not a new one.
            #expect(try await save(t.token, "first", 1).status == .ok)
            #expect(try await save(bob, "first", 3).status == .created)
            // From the editor: 409, the text kept, the problem listed.
            let form: HTTPFields = [.cookie: "guarantor_token=\(t.token)", .contentType: "application/x-www-form-urlencoded",
                                    .origin: "http://localhost"]
            let page = try await client.execute(uri: "/scenarios/first", method: .post, headers: form,
                                                body: PageTests.encode([("text", variantText + "seed: 4\n")]))
            #expect(page.status == .conflict && page.text.contains("--max-versions 2") && page.text.contains("seed: 4"), "\(page.text)")
        }
    }

    /// A scenario title is shown in every listing: at most 300 characters.
    @Test func longTitlesAreRefused() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let long = "extends: ukraine-base.yaml\nname: \(String(repeating: "x", count: 301))\n"
            let r = try await client.execute(uri: "/api/scenarios", method: .post, headers: t.auth, body: json(["name": "long", "text": long]))
            let o = expectError(r, .unprocessableContent, "invalid_scenario")
            let d = (o["diagnostics"] as? [[String: Any]])?.first
            #expect(d?["line"] as? Int == 2 && d?["column"] as? Int == 7, "\(r.text)")
            let ok = "extends: ukraine-base.yaml\nname: \(String(repeating: "x", count: 300))\n"
            #expect(try await client.execute(uri: "/api/scenarios", method: .post, headers: t.auth,
                                             body: json(["name": "long", "text": ok])).status == .created)
        }
    }

    @Test func bundledScenariosAreInTheLibrary() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let r = try await client.execute(uri: "/api/scenarios", method: .get)
            #expect(r.status == .ok)
            let names = (r.object["scenarios"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names == bundledScenarios.map(\.name))
            #expect(names.contains("nato-article5") && names.contains("ukraine-base"))
        }
    }

    @Test func savingNeedsAValidToken() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let body = json(["name": "variant", "text": variantText])
            expectError(try await client.execute(uri: "/api/scenarios", method: .post, headers: jsonHeaders, body: body),
                        .unauthorized, "token_required")
            let r = try await client.execute(uri: "/api/scenarios", method: .post,
                                             headers: [.authorization: "Bearer gt_wrong", .contentType: "application/json"], body: body)
            expectError(r, .unauthorized, "bad_token")
            #expect(r.headers[.wwwAuthenticate] == "Bearer realm=\"guarantor\"")
            expectError(try await client.execute(uri: "/api/scenarios", method: .post,
                                                 headers: [.authorization: "Basic abc"], body: body), .unauthorized, "bad_token")
        }
    }

    @Test func versionsAreSavedAndAddressedByHash() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let first = try await client.execute(uri: "/api/scenarios", method: .post, headers: t.auth,
                                                 body: json(["name": "variant", "text": variantText]))
            #expect(first.status == .created)
            let hash = try #require(first.object["hash"] as? String)
            #expect(hash == ContentHash.of(variantText))
            #expect(first.object["title"] as? String == "Test variant" && first.object["createdBy"] as? String == "ann")
            #expect(first.headers[.location] == "/api/scenarios/variant/versions/\(hash)")
            let again = try await client.execute(uri: "/api/scenarios", method: .post, headers: t.auth,
                                                 body: json(["name": "variant", "text": variantText]))
            #expect(again.status == .ok && again.object["hash"] as? String == hash)
            let second = try await client.execute(uri: "/api/scenarios", method: .post, headers: t.auth,
                                                  body: json(["name": "variant", "text": variantText + "seed: 7\n"]))
            #expect(second.status == .created)
            let detail = try await client.execute(uri: "/api/scenarios/variant", method: .get)
            let versions = detail.object["versions"] as? [[String: Any]] ?? []
            #expect(versions.compactMap { $0["hash"] as? String } == [second.object["hash"] as? String ?? "", hash])
            let old = try await client.execute(uri: "/api/scenarios/variant/versions/\(hash)", method: .get)
            #expect(old.status == .ok && old.object["text"] as? String == variantText)
            expectError(try await client.execute(uri: "/api/scenarios/variant/versions/0000", method: .get), .notFound, "not_found")
            expectError(try await client.execute(uri: "/api/scenarios/nothing", method: .get), .notFound, "not_found")
        }
    }

    /// The pages and reports show a version's first 12 hex digits: those
    /// address it too (the API, a compare, the editor page); digits that begin
    /// several versions are refused with 422 ambiguous_version.
    @Test func versionsAreAddressedByTheirFirstDigits() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            var hashes: [String] = []
            for seed in 1...17 {
                let r = try await client.execute(uri: "/api/scenarios", method: .post, headers: t.auth,
                                                 body: json(["name": "variant", "text": variantText + "seed: \(seed)\n"]))
                hashes.append(try #require(r.object["hash"] as? String))
            }
            let short = String(hashes[0].prefix(12))
            let one = try await client.execute(uri: "/api/scenarios/variant/versions/\(short)", method: .get)
            #expect(one.status == .ok && one.object["hash"] as? String == hashes[0])
            let page = try await client.execute(uri: "/scenarios/variant?version=\(short)", method: .get)
            #expect(page.status == .ok && page.text.contains("seed: 1\n"))
            let compare = try await client.execute(uri: "/api/compare", method: .post, headers: t.auth,
                                                   body: ByteBuffer(string: #"{"scenarios": ["variant@\#(short)", "variant@\#(hashes[1].prefix(12))"], "runs": 40}"#))
            #expect(compare.status == .ok, "\(compare.text)")
            // Its report says how to run it again: on the server (the command line reads files, not `name@hash`).
            let html = try await client.execute(uri: "/api/compare?format=html", method: .post, headers: t.auth,
                                                body: ByteBuffer(string: #"{"scenarios": ["variant@\#(short)", "nato-article5"], "runs": 40, "seed": 3}"#))
            #expect(html.text.contains("Rerun with <code>POST /api/compare {&quot;scenarios&quot;: [&quot;variant@\(short)&quot;"), "\(html.text.suffix(900))")
            // 17 versions: two of them begin with the same hex digit.
            let digits = Dictionary(grouping: hashes, by: { $0.prefix(1) })
            let shared = try #require(digits.first { $0.value.count > 1 }?.key)
            expectError(try await client.execute(uri: "/api/scenarios/variant/versions/\(shared)", method: .get),
                        .unprocessableContent, "ambiguous_version")
            expectError(try await client.execute(uri: "/api/scenarios/variant/versions/zz", method: .get), .notFound, "not_found")
        }
    }

    @Test func invalidScenariosAndNamesAreRefusedWithTheirLines() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let bad = try await client.execute(uri: "/api/scenarios", method: .post, headers: t.auth,
                                               body: json(["name": "broken", "text": invalidText]))
            let o = expectError(bad, .unprocessableContent, "invalid_scenario")
            let d = try #require((o["diagnostics"] as? [[String: Any]])?.first)
            #expect(d["file"] as? String == "broken.yaml" && d["line"] as? Int == 3)
            expectError(try await client.execute(uri: "/api/scenarios", method: .post, headers: t.auth,
                                                 body: json(["name": "Bad Name!", "text": variantText])), .unprocessableContent, "bad_name")
            expectError(try await client.execute(uri: "/api/scenarios", method: .post, headers: t.auth,
                                                 body: ByteBuffer(string: "{not json")), .badRequest, "bad_request")
            expectError(try await client.execute(uri: "/api/scenarios", method: .post, headers: t.auth,
                                                 body: json(["name": "x"])), .badRequest, "bad_request")
            #expect(try await t.store.latest(name: "broken") == nil)
        }
    }

    @Test func validateReportsErrorsAtTheirLines() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let bad = try await client.execute(uri: "/api/validate", method: .post, headers: jsonHeaders,
                                               body: json(["text": invalidText, "name": "draft"]))
            #expect(bad.status == .ok)
            #expect(bad.object["valid"] as? Bool == false && bad.object["file"] as? String == "draft.yaml")
            let d = (bad.object["diagnostics"] as? [[String: Any]]) ?? []
            #expect(d.count == 1 && d.first?["line"] as? Int == 3 && d.first?["column"] as? Int == 7)
            let good = try await client.execute(uri: "/api/validate", method: .post, headers: jsonHeaders,
                                                body: json(["text": variantText]))
            #expect(good.object["valid"] as? Bool == true && good.object["title"] as? String == "Test variant")
            let missing = try await client.execute(uri: "/api/validate", method: .post, headers: jsonHeaders,
                                                   body: json(["text": "extends: nowhere.yaml\nname: x\n"]))
            #expect(missing.object["valid"] as? Bool == false)
            let crlf = try await client.execute(uri: "/api/validate", method: .post, headers: jsonHeaders,
                                                body: json(["text": variantText.replacingOccurrences(of: "\n", with: "\r\n")]))
            #expect(crlf.object["valid"] as? Bool == true)
            let array = expectError(try await client.execute(uri: "/api/validate", method: .post, body: ByteBuffer(string: "[]")),
                                    .badRequest, "bad_request")
            #expect(array["message"] as? String == "the JSON body must be an object (see /openapi.yaml)")
            // A number out of range or with a fraction names its field.
            for (body, field) in [(#"{"scenario": "nato-article5", "seed": 1.5}"#, "seed"), (#"{"scenario": "nato-article5", "runs": 1.5}"#, "runs"),
                                  (#"{"scenario": "nato-article5", "runs": 12345678901234567890123}"#, "runs")] {
                let r = try await client.execute(uri: "/api/studies", method: .post, headers: t.auth, body: ByteBuffer(string: body))
                let o = expectError(r, .badRequest, "bad_request")
                #expect((o["message"] as? String)?.hasPrefix("`\(field)` must be a whole number from") == true, "\(r.text)")
            }
        }
    }

    /// A text with thousands of errors made answers of megabytes: the API lists the first 100
    /// in file order and counts the rest in `diagnosticsOmitted`, and so do the pages.
    @Test func longErrorListsAreCutAtTheFirstHundred() async throws {
        let t = try await TestServer.make()
        let text = variantText + (1...250).map { "bogus_\($0): 1\n" }.joined()
        try await t.test { client in
            let v = try await client.execute(uri: "/api/validate", method: .post, headers: jsonHeaders, body: json(["text": text, "name": "many"]))
            #expect(v.status == .ok && v.object["valid"] as? Bool == false)
            let d = (v.object["diagnostics"] as? [[String: Any]]) ?? []
            #expect(d.count == 100 && v.object["diagnosticsOmitted"] as? Int == 150, "\(d.count) \(v.object["diagnosticsOmitted"] ?? "none")")
            #expect(d.first?["line"] as? Int == 4 && d.last?["line"] as? Int == 103)
            let saved = try await client.execute(uri: "/api/scenarios", method: .post, headers: t.auth, body: json(["name": "many", "text": text]))
            let o = expectError(saved, .unprocessableContent, "invalid_scenario")
            #expect((o["diagnostics"] as? [[String: Any]])?.count == 100 && o["diagnosticsOmitted"] as? Int == 150)
            #expect(o["message"] as? String == "the scenario has 250 errors (the first 100 are listed); nothing was saved")
            let few = try await client.execute(uri: "/api/validate", method: .post, headers: jsonHeaders, body: json(["text": invalidText]))
            #expect(few.object["diagnosticsOmitted"] == nil && few.text.contains("diagnosticsOmitted") == false)
            let page = try await client.execute(uri: "/validate", method: .post,
                                                headers: [.authorization: "Bearer \(t.token)", .contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: "name=many&text=" + (text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")))
            #expect(page.status == .ok)
            #expect(page.text.contains("250 problems:") && page.text.contains("... and 150 more not shown"))
            #expect(page.text.components(separatedBy: "<li data-line=").count - 1 == 100)
        }
    }

    /// The API takes the seeds a scenario file takes, 0 to 2^63-1, and no
    /// others (the JSON decoder alone would take up to 2^64-1).
    @Test func seedsTakeTheRangeOfScenarioFiles() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let range = "from 0 to 9223372036854775807 (2^63-1)"
            for seed in ["-1", "9223372036854775808", "18446744073709551615", "18446744073709551616", "1e30"] {
                for (uri, body) in [("/api/studies", #"{"scenario": "nato-article5", "runs": 10, "seed": \#(seed)}"#),
                                    ("/api/compare", #"{"scenarios": ["nato-article5", "ukraine-base"], "runs": 10, "seed": \#(seed)}"#)] {
                    let r = try await client.execute(uri: uri, method: .post, headers: t.auth, body: ByteBuffer(string: body))
                    let o = expectError(r, .unprocessableContent, "bad_seed")
                    #expect((o["message"] as? String)?.contains(range) == true, "\(seed) at \(uri): \(r.text)")
                }
            }
            // The same from the pages' forms.
            let form: HTTPFields = [.cookie: "guarantor_token=\(t.token)", .contentType: "application/x-www-form-urlencoded",
                                    .origin: "http://localhost"]
            for seed in ["-1", "9223372036854775808"] {
                let r = try await client.execute(uri: "/studies", method: .post, headers: form,
                                                 body: ByteBuffer(string: "scenario=nato-article5&runs=10&seed=\(seed)"))
                #expect(r.status == .unprocessableContent && r.text.contains(range), "\(r.text)")
            }
            // A scenario file takes the same largest seed, and not one more.
            let largest = try await client.execute(uri: "/api/scenarios", method: .post, headers: t.auth,
                                                   body: json(["name": "largest-seed", "text": variantText + "seed: 9223372036854775807\n"]))
            #expect(largest.status == .created, "\(largest.text)")
            expectError(try await client.execute(uri: "/api/scenarios", method: .post, headers: t.auth,
                                                 body: json(["name": "past-seed", "text": variantText + "seed: 9223372036854775808\n"])),
                        .unprocessableContent, "invalid_scenario")
            // The largest seed runs.
            let started = try await client.execute(uri: "/api/studies", method: .post, headers: t.auth,
                                                   body: ByteBuffer(string: #"{"scenario": "nato-article5", "runs": 10, "seed": 9223372036854775807}"#))
            #expect(started.status == .accepted, "\(started.text)")
            let id = try #require(started.object["id"] as? String)
            await t.server.waitForStudy(id)
            let done = try await client.execute(uri: "/api/studies/\(id)", method: .get)
            #expect(done.object["status"] as? String == "succeeded" && (done.object["seed"] as? NSNumber)?.uint64Value == 9_223_372_036_854_775_807)
        }
    }

    @Test func bodiesOverTheLimitAre413() async throws {
        let t = try await TestServer.make(configure: { $0.maxBodyBytes = 2048 })
        try await t.test { client in
            let big = String(repeating: "# padding\n", count: 400)
            let declared = try await client.execute(uri: "/api/validate", method: .post,
                                                    headers: [.contentType: "application/json", .contentLength: "5000"],
                                                    body: json(["text": big]))
            expectError(declared, .contentTooLarge, "body_too_large")
            let undeclared = try await client.execute(uri: "/api/validate", method: .post, headers: jsonHeaders, body: json(["text": big]))
            expectError(undeclared, .contentTooLarge, "body_too_large")
        }
    }

    /// The body limit comes before sign-in: an oversized body is 413 whatever
    /// its token (unknown, expired, none, or a cookie from another origin),
    /// declared by `Content-Length` or not (then counted, not kept, up to the
    /// limit). A small body still gets the sign-in's 401 or 403.
    @Test func anOversizedBodyIs413WhateverItsToken() async throws {
        let t = try await TestServer.make(configure: { $0.maxBodyBytes = 2048 }, loadBundled: false)
        let expiredSecret = Tokens.newSecret()
        _ = try await t.store.createToken(name: "old", hash: Tokens.hash(expiredSecret), expiresAt: StoreClock.now() - 1)
        try await t.test { client in
            let big = json(["name": "x", "text": String(repeating: "# padding\n", count: 400)])
            let small = json(["name": "x", "text": "a: 1"])
            let declared: HTTPFields = [.contentType: "application/json", .contentLength: "5000"]
            let signIns: [(String, HTTPFields, HTTPResponse.Status, String)] = [
                ("unknown token", [.authorization: "Bearer gt_unknown"], .unauthorized, "bad_token"),
                ("expired token", [.authorization: "Bearer \(expiredSecret)"], .unauthorized, "token_expired"),
                ("no token", [:], .unauthorized, "token_required"),
                ("cookie from elsewhere", [.cookie: "guarantor_token=\(t.token)", .origin: "http://elsewhere.example"],
                 .forbidden, "cross_origin"),
            ]
            for (what, signIn, status, code) in signIns {
                var undeclared = signIn
                undeclared[.contentType] = "application/json"
                var withLength = declared
                for field in signIn { withLength.append(field) }
                let a = try await client.execute(uri: "/api/scenarios", method: .post, headers: withLength, body: big)
                let b = try await client.execute(uri: "/api/scenarios", method: .post, headers: undeclared, body: big)
                for r in [a, b] {
                    let o = expectError(r, .contentTooLarge, "body_too_large")
                    #expect((o["message"] as? String)?.contains("2048 bytes") == true, "\(what): \(o)")
                }
                // Within the limit, the sign-in decides.
                expectError(try await client.execute(uri: "/api/scenarios", method: .post, headers: undeclared, body: small), status, code)
            }
            // A page's form too.
            let form = try await client.execute(uri: "/studies", method: .post,
                                                headers: [.contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: "scenario=" + String(repeating: "x", count: 3000)))
            #expect(form.status == .contentTooLarge && form.text.contains("2048 bytes"), "\(form.status): \(form.text)")
        }
    }

    @Test func privateReadNeedsATokenToRead() async throws {
        let t = try await TestServer.make(privateRead: true)
        try await t.test { client in
            for uri in ["/api/scenarios", "/api/studies", "/api/scenarios/ukraine-base"] {
                expectError(try await client.execute(uri: uri, method: .get), .unauthorized, "token_required")
                #expect(try await client.execute(uri: uri, method: .get, headers: t.auth).status == .ok)
            }
            expectError(try await client.execute(uri: "/api/validate", method: .post, body: json(["text": "x"])), .unauthorized, "token_required")
            #expect(try await client.execute(uri: "/api/health", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/openapi.yaml", method: .get).status == .ok)
        }
    }

    /// An infinite or huge request timeout used to trap converting it to milliseconds
    /// on the first request (finding 1 of the server review).
    @Test(arguments: [Double.infinity, 1e300, 9.3e15, Double.nan, -5])
    func anyRequestTimeoutIsSafe(_ seconds: Double) async throws {
        let t = try await TestServer.make(configure: { $0.requestTimeoutSeconds = seconds }, loadBundled: false)
        try await t.test { client in
            let r = try await client.execute(uri: "/api/health", method: .get)
            #expect(r.status == .ok || r.status == .requestTimeout, "status \(r.status.code)")
        }
    }

    @Test func theRequestTimeoutFlagIsChecked() {
        for bad in [Double.infinity, -Double.infinity, Double.nan, 0, -5, 86_400.5, 1e300] {
            #expect(ServerLimits.requestTimeoutProblem(bad) != nil, "\(bad)")
        }
        for good in [0.001, 1, 60, 86_400] {
            #expect(ServerLimits.requestTimeoutProblem(good) == nil, "\(good)")
        }
    }

    @Test func requestsOverTheTimeLimitAre408() async throws {
        // 1 ms: no comparison of two scenarios finishes in that time (the
        // handler then stops at the end of its 20-run chunk).
        let t = try await TestServer.make(configure: { $0.requestTimeoutSeconds = 0.001 })
        try await t.test { client in
            let r = try await client.execute(uri: "/api/compare", method: .post, headers: t.auth,
                                             body: json(["scenarios": ["nato-article5", "ukraine-bilateral-2024"], "runs": 20]))
            expectError(r, .requestTimeout, "request_timeout")
            // The limit as given, not rounded to one decimal ("0.0 s").
            #expect(r.text.contains("longer than 0.001 s (--request-timeout)"), "\(r.text)")
        }
    }
}

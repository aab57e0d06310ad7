import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Store
import Testing

@Suite("Web pages")
struct PageTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    static func encode(_ pairs: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(string: pairs.map { k, v in
            "\(k)=\(v.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&"))
    }

    /// A form post from the server's own page, signed in by the cookie (the
    /// test client sends requests to the host `localhost`).
    func signIn(_ t: TestServer) -> HTTPFields {
        [.cookie: "guarantor_token=\(t.token)", .contentType: "application/x-www-form-urlencoded", .origin: "http://localhost"]
    }

    /// Cross-site request forgery from another origin of the same site (another
    /// port, a sibling subdomain), which SameSite=Strict does not stop: a change
    /// signed in by the cookie must come from this server's own origin.
    @Test func changesSignedInByTheCookieMustComeFromThisOrigin() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let cookie = "guarantor_token=\(t.token)"
            let planted = "{\"name\":\"csrf-api\",\"text\":\"extends: ukraine-base.yaml\\nname: planted\\n\",\"pad\":\"=\"}"
            // The reviewer's attack: a text/plain form posting JSON to the API from another port.
            for headers: HTTPFields in [
                [.cookie: cookie, .contentType: "text/plain", .origin: "http://localhost:8095"],
                [.cookie: cookie, .contentType: "text/plain", .origin: "http://other.localhost"],
                [.cookie: cookie, .contentType: "text/plain", .origin: "null"],
                [.cookie: cookie, .contentType: "text/plain", .referer: "http://localhost:8095/attack.html"],
                [.cookie: cookie, .contentType: "text/plain"],
            ] {
                let r = try await client.execute(uri: "/api/scenarios", method: .post, headers: headers, body: ByteBuffer(string: planted))
                expectError(r, .forbidden, "cross_origin")
            }
            #expect(try await t.store.versions(of: "csrf-api").isEmpty)
            // The web forms too, with an HTML error page.
            let form = try await client.execute(uri: "/studies", method: .post,
                                                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded",
                                                          .origin: "http://127.0.0.1:8095"],
                                                body: Self.encode([("scenario", "ukraine-base"), ("runs", "777")]))
            #expect(form.status == .forbidden && form.headers[.contentType] == "text/html; charset=utf-8")
            #expect(try await t.store.studies(limit: 10).isEmpty)
            // From this server's own pages (Origin, or Referer alone), it works.
            let own = try await client.execute(uri: "/api/scenarios", method: .post,
                                               headers: [.cookie: cookie, .origin: "http://localhost"], body: ByteBuffer(string: planted))
            #expect(own.status == .created, "\(own.text)")
            let byReferer = try await client.execute(uri: "/api/validate", method: .post,
                                                     headers: [.cookie: cookie, .referer: "http://localhost/scenarios/new"],
                                                     body: json(["text": variantText]))
            #expect(byReferer.status == .ok)
            // A bearer token is not a browser's doing: any origin may use it.
            let bearer = try await client.execute(uri: "/api/scenarios", method: .post,
                                                  headers: [.authorization: "Bearer \(t.token)", .origin: "http://elsewhere.example"],
                                                  body: json(["name": "by-script", "text": variantText]))
            #expect(bearer.status == .created)
            // Reading is not affected.
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie, .origin: "http://x.example"]).status == .ok)
        }
    }

    @Test func libraryListsScenariosAndEscapesThem() async throws {
        let t = try await TestServer.make()
        _ = try await t.store.saveScenario(name: "hostile", title: "<script>alert(1)</script> & co", text: variantText, by: "<b>eve</b>")
        try await t.test { client in
            let r = try await client.execute(uri: "/", method: .get)
            #expect(r.status == .ok && r.headers[.contentType] == "text/html; charset=utf-8")
            #expect(r.text.contains("<a href=\"/scenarios/nato-article5\">nato-article5</a>"))
            #expect(r.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
            #expect(!r.text.contains("<script>alert"))
            #expect(r.headers[HTTPField.Name("Content-Security-Policy") ?? .contentType]?.contains("default-src 'self'") == true)
            let js = try await client.execute(uri: "/static/app.js", method: .get)
            #expect(js.status == .ok && js.text.contains("/api/validate"))
            #expect(try await client.execute(uri: "/static/app.css", method: .get).status == .ok)
        }
    }

    @Test func editorShowsTheScenarioAndItsVersions() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let r = try await client.execute(uri: "/scenarios/ukraine-base", method: .get)
            #expect(r.status == .ok)
            #expect(r.text.contains("<textarea name=\"text\" id=\"scenario-text\""))
            #expect(r.text.contains("Sign in with a token"))
            let new = try await client.execute(uri: "/scenarios/new", method: .get)
            #expect(new.status == .ok && new.text.contains("name=\"name\""))
            let missing = try await client.execute(uri: "/scenarios/nothing", method: .get)
            #expect(missing.status == .notFound && missing.text.contains("there is no scenario `nothing`"))
            let oldVersion = try await client.execute(uri: "/scenarios/ukraine-base?version=0000", method: .get)
            #expect(oldVersion.status == .notFound)
        }
    }

    @Test func savingFromTheEditorShowsErrorsAtTheirLines() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let anonymous = try await client.execute(uri: "/scenarios", method: .post, headers: Self.form,
                                                     body: Self.encode([("name", "draft"), ("text", variantText)]))
            #expect(anonymous.status == .unauthorized && anonymous.text.contains("<a href=\"/login\">Sign in</a> with your token"))
            #expect(!anonymous.text.contains("Authorization: Bearer"))
            // A bad name has no place in the text: listed without a file:line:column.
            let badName = try await client.execute(uri: "/scenarios", method: .post, headers: signIn(t),
                                                   body: Self.encode([("name", "Bad Name"), ("text", variantText)]))
            #expect(badName.status == .unprocessableContent && badName.text.contains("<li data-line=\"0\">a scenario name uses"), "\(badName.text)")
            let bad = try await client.execute(uri: "/scenarios", method: .post, headers: signIn(t),
                                               body: Self.encode([("name", "draft"), ("text", invalidText)]))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("<li data-line=\"3\"><a href=\"#\" data-line=\"3\">draft.yaml:3:7</a>"))
            #expect(bad.text.contains("<span class=\"err\">3</span>"))
            let good = try await client.execute(uri: "/scenarios", method: .post, headers: signIn(t),
                                                body: Self.encode([("name", "draft"), ("text", variantText)]))
            #expect(good.status == .seeOther)
            #expect(good.headers[.location] == "/scenarios/draft?saved=\(ContentHash.of(variantText))")
            let edited = try await client.execute(uri: "/scenarios/draft", method: .post, headers: signIn(t),
                                                  body: Self.encode([("text", variantText + "seed: 9\n")]))
            #expect(edited.status == .seeOther)
            #expect(try await t.store.versions(of: "draft").count == 2)
            // Browsers send a textarea's lines with CRLF: the same text is the same version.
            let crlf = try await client.execute(uri: "/scenarios/draft", method: .post, headers: signIn(t),
                                                body: Self.encode([("text", variantText.replacingOccurrences(of: "\n", with: "\r\n"))]))
            #expect(crlf.status == .seeOther)
            #expect(try await t.store.versions(of: "draft").count == 2)
            // The check without JavaScript.
            let check = try await client.execute(uri: "/validate", method: .post, headers: Self.form,
                                                 body: Self.encode([("name", "draft"), ("text", invalidText)]))
            #expect(check.status == .ok && check.text.contains("draft.yaml:3:7"))
        }
    }

    /// The editor's round trips without JavaScript keep the scenario's page:
    /// "Check" on a scenario's page shows that page again (not "New scenario",
    /// whose save would have added a version to the scenario by its name); a
    /// refused save keeps the versions and the run form pinned to the version
    /// shown, and says the text is not saved. "New scenario" refuses a name
    /// that is taken instead of adding a version to it.
    @Test func theEditorKeepsTheScenarioItEdits() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let before = try await t.store.versions(of: "ukraine-bilateral-2024")
            let latest = try #require(before.first)
            let broken = latest.text + "\nruns: lots\n"
            let fields = [("name", "ukraine-bilateral-2024"), ("editing", "ukraine-bilateral-2024"), ("shown", latest.hash), ("text", broken)]
            let check = try await client.execute(uri: "/validate", method: .post, headers: signIn(t),
                                                 body: Self.encode(fields + [("action", "check")]))
            #expect(check.status == .ok && !check.text.contains("<h1>New scenario</h1>") && check.text.contains("<h1>ukraine-bilateral-2024</h1>"), "\(check.text)")
            #expect(check.text.contains("action=\"/scenarios/ukraine-bilateral-2024\"") && check.text.contains("1 problem:"))
            #expect(check.text.contains("<input type=\"hidden\" name=\"version\" value=\"\(latest.hash)\">"))
            #expect(check.text.contains("<p class=\"note\" id=\"unsaved\">"), "the unsaved note is shown")
            #expect(check.text.contains("runs: lots"))
            let refused = try await client.execute(uri: "/scenarios/ukraine-bilateral-2024", method: .post, headers: signIn(t),
                                                   body: Self.encode(fields + [("action", "save")]))
            #expect(refused.status == .unprocessableContent && refused.text.contains("<h1>ukraine-bilateral-2024</h1>"), "\(refused.text)")
            #expect(refused.text.contains("A study runs the saved version <code>\(latest.hash.prefix(12))</code>"))
            #expect(refused.text.contains("<input type=\"hidden\" name=\"version\" value=\"\(latest.hash)\">"))
            #expect(refused.text.contains("class=\"versions\"><li><a href=\"/scenarios/ukraine-bilateral-2024?version=\(latest.hash)\">"))
            // "New scenario" with a name that is taken: refused, the text kept, nothing saved.
            let taken = try await client.execute(uri: "/scenarios", method: .post, headers: signIn(t),
                                                 body: Self.encode([("name", "ukraine-bilateral-2024"), ("text", latest.text + "\nseed: 9\n"), ("action", "save")]))
            #expect(taken.status == .unprocessableContent && taken.text.contains("a scenario `ukraine-bilateral-2024` already exists"), "\(taken.text)")
            #expect(taken.text.contains("seed: 9"))
            #expect(try await t.store.versions(of: "ukraine-bilateral-2024") == before)
            // A check on the "New scenario" page stays there.
            let fresh = try await client.execute(uri: "/validate", method: .post, headers: Self.form,
                                                 body: Self.encode([("name", "mine"), ("text", "extends: ukraine-base.yaml\nname: Mine\n")]))
            #expect(fresh.status == .ok && fresh.text.contains("<h1>New scenario</h1>") && fresh.text.contains("Valid scenario."))
            // `?version=` with nothing after it is the latest version.
            let blank = try await client.execute(uri: "/scenarios/ukraine-bilateral-2024?version=", method: .get)
            #expect(blank.status == .ok && blank.text.contains("Version <code>\(latest.hash)</code> (latest)"))
        }
    }

    /// A scenario's page saves the edited text as a new scenario under a new
    /// name, leaving the scenario (which others may extend) as it was; a name
    /// already taken, or none, is refused with the text kept. The run form
    /// says which saved version a study runs.
    @Test func savingAsANewScenarioLeavesTheOriginalAlone() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let page = try await client.execute(uri: "/scenarios/ukraine-proposed-guarantees", method: .get, headers: signIn(t))
            #expect(page.text.contains("value=\"save-as\"") && page.text.contains("name=\"newName\""))
            let before = try await t.store.versions(of: "ukraine-proposed-guarantees")
            let latest = try #require(before.first)
            #expect(page.text.contains("A study runs the saved version <code>\(latest.hash.prefix(12))</code>, not edits"))
            let edited = latest.text + "\nsettlement: {kind: buffer_zone, name: Buffer zone, zone_width_km: 15}\n"
            func saveAs(_ newName: String) async throws -> TestResponse {
                try await client.execute(uri: "/scenarios", method: .post, headers: signIn(t),
                                         body: Self.encode([("name", "ukraine-proposed-guarantees"), ("text", edited),
                                                            ("action", "save-as"), ("newName", newName)]))
            }
            let saved = try await saveAs("my-buffer")
            #expect(saved.status == .seeOther && saved.headers[.location]?.hasPrefix("/scenarios/my-buffer?saved=") == true, "\(saved.text)")
            #expect(try await t.store.versions(of: "ukraine-proposed-guarantees") == before)
            #expect(try await t.store.versions(of: "my-buffer").first?.text == edited)
            let taken = try await saveAs("ukraine-base")
            #expect(taken.status == .unprocessableContent && taken.text.contains("a scenario `ukraine-base` already exists"), "\(taken.text)")
            #expect(taken.text.contains("zone_width_km: 15"))
            let unnamed = try await saveAs("")
            #expect(unnamed.status == .unprocessableContent && unnamed.text.contains("give the new scenario a name"))
            #expect(try await t.store.versions(of: "ukraine-base").count == 1)
        }
    }

    @Test func signInSetsAStrictCookie() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let bad = try await client.execute(uri: "/login", method: .post, headers: Self.form, body: Self.encode([("token", "nope")]))
            #expect(bad.status == .unauthorized && bad.text.contains("not known"))
            let good = try await client.execute(uri: "/login", method: .post, headers: Self.form, body: Self.encode([("token", t.token)]))
            #expect(good.status == .seeOther)
            #expect(good.headers[.setCookie] == "guarantor_token=\(t.token); Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000")
            let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: "guarantor_token=\(t.token)"])
            #expect(page.text.contains("<span class=\"who\">ann</span>"))
            // A pasted token with a space before and a line end after.
            let pasted = try await client.execute(uri: "/login", method: .post, headers: Self.form, body: Self.encode([("token", " \(t.token)\r\n")]))
            #expect(pasted.status == .seeOther && pasted.headers[.setCookie] == good.headers[.setCookie])
            // A stale cookie on a page: signed out, not an error.
            let stale = try await client.execute(uri: "/", method: .get, headers: [.cookie: "guarantor_token=old"])
            #expect(stale.status == .ok && stale.text.contains("Sign in"))
            let out = try await client.execute(uri: "/logout", method: .post)
            #expect(out.status == .seeOther && out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(out.headers[.location] == "/login?signed-out=1")
            // Signed in, the sign-in page says as whom.
            let again = try await client.execute(uri: "/login", method: .get, headers: [.cookie: "guarantor_token=\(t.token)"])
            #expect(again.text.contains("You are signed in as ann"), "\(again.text)")
            let after = try await client.execute(uri: "/login?signed-out=1", method: .get)
            #expect(after.status == .ok && after.text.contains("You are signed out"))
            #expect(!(try await client.execute(uri: "/login", method: .get).text.contains("You are signed out")))
        }
    }

    /// Signing in returns to the page the user came from: the sign-in
    /// links' `?next=`, else a same-site referrer; never to another site.
    @Test func signingInReturnsToThePageItCameFrom() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let hidden = { (path: String) in "<input type=\"hidden\" name=\"next\" value=\"\(path)\">" }
            let asked = try await client.execute(uri: "/login?next=%2Fscenarios%2Fnato-article5%3Fversion%3Dabc", method: .get)
            #expect(asked.text.contains(hidden("/scenarios/nato-article5?version=abc")), "\(asked.text)")
            let referred = try await client.execute(uri: "/login", method: .get, headers: [.referer: "http://localhost/studies/s-1"])
            #expect(referred.text.contains(hidden("/studies/s-1")), "\(referred.text)")
            // Another site's referrer, another site as `next`, or the sign-in page itself: no way back.
            for (uri, headers): (String, HTTPFields) in [("/login", [.referer: "http://evil.example/studies/s-1"]),
                                                         ("/login?next=%2F%2Fevil.example%2Fx", [:]),
                                                         ("/login?next=%2F%5Cevil.example", [:]),
                                                         ("/login?next=https%3A%2F%2Fevil.example", [:]),
                                                         ("/login", [.referer: "http://localhost/login?signed-out=1"])] {
                let page = try await client.execute(uri: uri, method: .get, headers: headers)
                #expect(page.status == .ok && !page.text.contains("name=\"next\""), "\(uri) \(headers)")
            }
            // The form's `next` is where the sign-in lands; a wrong token keeps it for the next try.
            let back = try await client.execute(uri: "/login", method: .post, headers: Self.form,
                                                body: Self.encode([("next", "/compare?a=1"), ("token", t.token)]))
            #expect(back.status == .seeOther && back.headers[.location] == "/compare?a=1")
            let wrong = try await client.execute(uri: "/login", method: .post, headers: Self.form,
                                                 body: Self.encode([("next", "/compare"), ("token", "nope")]))
            #expect(wrong.status == .unauthorized && wrong.text.contains(hidden("/compare")))
            // The answer to a form's post (a 401 for a run form sent signed out) leads back to the
            // page the form was on, not to the post's address, which a browser cannot open again.
            let posted = try await client.execute(uri: "/studies", method: .post,
                                                  headers: [.contentType: "application/x-www-form-urlencoded", .origin: "http://localhost",
                                                            .referer: "http://localhost/scenarios/nato-article5"],
                                                  body: Self.encode([("scenario", "nato-article5")]))
            #expect(posted.status == .unauthorized && posted.text.contains("<meta name=\"guarantor-sign-in-returns-to\" content=\"/scenarios/nato-article5\">"),
                    "\(posted.text)")
            let gotten = try await client.execute(uri: "/no-such-page", method: .get)
            #expect(gotten.status == .notFound && !gotten.text.contains("guarantor-sign-in-returns-to"))
            for bad in ["//evil.example", "https://evil.example/", "/\\evil.example", "/logout", "/x\r\nSet-Cookie: a=b"] {
                let r = try await client.execute(uri: "/login", method: .post, headers: Self.form,
                                                 body: Self.encode([("next", bad), ("token", t.token)]))
                #expect(r.status == .seeOther && r.headers[.location] == "/", "\(bad)")
            }
        }
    }

    @Test func runningAStudyFromThePages() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let start = try await client.execute(uri: "/studies", method: .post, headers: signIn(t),
                                                 body: Self.encode([("scenario", "nato-article5"), ("version", ""), ("runs", "50"),
                                                                    ("seed", "5"), ("sensitivityRuns", "0")]))
            #expect(start.status == .seeOther)
            let location = try #require(start.headers[.location])
            let id = String(location.dropFirst("/studies/".count))
            await t.server.waitForStudy(id)
            let page = try await client.execute(uri: location, method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("<iframe class=\"report\" id=\"report\" src=\"/api/studies/\(id)/result?format=html\""))
            #expect(page.text.contains("status-succeeded"))
            // The library's list of studies tells them apart: version, seed, when.
            let hash = try #require(try await t.store.latest(name: "nato-article5")?.hash)
            let list = try await client.execute(uri: "/studies", method: .get)
            #expect(list.status == .seeOther && list.headers[.location] == "/#recent-studies")
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.text.contains("<td><a href=\"/studies/\(id)\">\(id)</a></td><td>nato-article5</td><td><a href=\"/scenarios/nato-article5?version=\(hash)\"><code>\(hash.prefix(12))</code></a></td><td>50</td><td>5</td>"), "\(home.text)")
            let badNumber = try await client.execute(uri: "/studies", method: .post, headers: signIn(t),
                                                     body: Self.encode([("scenario", "nato-article5"), ("runs", "many")]))
            #expect(badNumber.status == .unprocessableContent && badNumber.text.contains("whole number"))
            let cancel = try await client.execute(uri: "/studies/\(id)/cancel", method: .post, headers: signIn(t))
            #expect(cancel.status == .seeOther)
            #expect(try await client.execute(uri: "/studies/nothing", method: .get).status == .notFound)
        }
    }

    @Test func runningStudyPageShowsProgress() async throws {
        let t = try await TestServer.make(configure: { $0.maxConcurrentStudies = 1 })
        try await t.test { client in
            let start = try await client.execute(uri: "/studies", method: .post, headers: signIn(t),
                                                 body: Self.encode([("scenario", "nato-article5"), ("runs", "2000000")]))
            let location = try #require(start.headers[.location])
            let page = try await client.execute(uri: location, method: .get)
            #expect(page.text.contains("<progress id=\"study-progress\" max=\"100\""))
            #expect(page.text.contains("<noscript><meta http-equiv=\"refresh\" content=\"2\"></noscript>"))
            #expect(try await client.execute(uri: location + "/cancel", method: .post, headers: signIn(t)).status == .seeOther)
            let after = try await client.execute(uri: location, method: .get)
            #expect(after.text.contains("status-cancelled"))
        }
    }

    @Test func comparePage() async throws {
        let t = try await TestServer.make(configure: { $0.maxCompareRuns = 500 })
        try await t.test { client in
            let page = try await client.execute(uri: "/compare", method: .get)
            #expect(page.status == .ok && page.text.contains("value=\"nato-article5\"") && page.text.contains("Scenarios (2 to 8)"))
            let report = try await client.execute(uri: "/compare", method: .post, headers: signIn(t),
                                                  body: Self.encode([("scenario", "nato-article5"), ("scenario", "ukraine-bilateral-2024"),
                                                                     ("runs", "20"), ("seed", "")]))
            #expect(report.status == .ok && report.headers[.contentType] == "text/html; charset=utf-8")
            // The report leads back into the app.
            #expect(report.text.contains("<a style=\"color: #fff; margin-right: 1.5em\" href=\"/\">Guarantor library</a>"))
            let tooMany = try await client.execute(uri: "/compare", method: .post, headers: signIn(t),
                                                   body: Self.encode([("scenario", "nato-article5"), ("scenario", "ukraine-base"), ("runs", "501")]))
            #expect(tooMany.status == .unprocessableContent && tooMany.text.contains("at most 500 runs"))
            // A refused comparison is the form again, with the problem and the choices kept.
            #expect(tooMany.text.contains("value=\"nato-article5\" checked") && tooMany.text.contains("value=\"ukraine-base\" checked"))
            #expect(tooMany.text.contains("value=\"501\"") && !tooMany.text.contains("value=\"ukraine-bilateral-2024\" checked"))
            let one = try await client.execute(uri: "/compare", method: .post, headers: signIn(t),
                                               body: Self.encode([("scenario", "nato-article5"), ("runs", "20")]))
            #expect(one.status == .unprocessableContent && one.text.contains("<p class=\"error\" role=\"alert\">")
                    && one.text.contains("value=\"nato-article5\" checked"), "\(one.text)")
            // A chosen baseline comes first, whatever the list's order; one that is not ticked is refused.
            let based = try await client.execute(uri: "/compare", method: .post, headers: signIn(t),
                                                 body: Self.encode([("scenario", "nato-article5"), ("scenario", "ukraine-base"),
                                                                    ("baseline", "ukraine-base"), ("runs", "20")]))
            let base = try #require(based.text.range(of: "Ukraine without external guarantees"))
            let nato = try #require(based.text.range(of: "NATO Article 5"))
            #expect(based.status == .ok && base.lowerBound < nato.lowerBound)
            let unticked = try await client.execute(uri: "/compare", method: .post, headers: signIn(t),
                                                    body: Self.encode([("scenario", "nato-article5"), ("scenario", "ukraine-bilateral-2024"),
                                                                       ("baseline", "ukraine-base"), ("runs", "20")]))
            #expect(unticked.status == .unprocessableContent && unticked.text.contains("the baseline `ukraine-base` is not one of the ticked scenarios")
                    && unticked.text.contains("<option value=\"ukraine-base\" selected>"), "\(unticked.text)")
        }
    }

    /// An error page has the same header as every other page: a signed-in
    /// holder sees their name and "Sign out", not a "Sign in" link.
    @Test func errorPagesShowWhoIsSignedIn() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let cookie: HTTPFields = [.cookie: "guarantor_token=\(t.token)"]
            let signedIn = "<span class=\"who\">ann</span>"
            let signInLink = "<a href=\"/login\">Sign in</a>"
            // The router's own 404, a route's 404, a 422 from a form, by cookie or by bearer token.
            let unroutedPage = try await client.execute(uri: "/no-such-page", method: .get, headers: cookie)
            let missingScenario = try await client.execute(uri: "/scenarios/no-such-scenario", method: .get, headers: cookie)
            let missingStudy = try await client.execute(uri: "/studies/0000000000000000", method: .get,
                                                        headers: [.authorization: "Bearer \(t.token)"])
            let badNumber = try await client.execute(uri: "/studies", method: .post, headers: signIn(t),
                                                     body: Self.encode([("scenario", "nato-article5"), ("runs", "many")]))
            for (r, status) in [(unroutedPage, HTTPResponse.Status.notFound), (missingScenario, .notFound),
                                (missingStudy, .notFound), (badNumber, .unprocessableContent)] {
                #expect(r.status == status, "\(r.status): \(r.text)")
                #expect(r.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(r.text.contains(signedIn) && r.text.contains("Sign out"), "\(r.text)")
                #expect(!r.text.contains(signInLink), "\(r.text)")
            }
            // A signed-in change from another origin is refused, and the page still says who is signed in.
            let crossOrigin = try await client.execute(uri: "/studies", method: .post,
                                                       headers: [.cookie: "guarantor_token=\(t.token)", .origin: "http://other.localhost",
                                                                 .contentType: "application/x-www-form-urlencoded"],
                                                       body: Self.encode([("scenario", "nato-article5")]))
            #expect(crossOrigin.status == .forbidden && crossOrigin.text.contains(signedIn))
            // Signed out, or with a stale cookie, the error page offers "Sign in"; the stale cookie is cleared.
            for headers: HTTPFields in [[:], [.cookie: "guarantor_token=old"]] {
                let r = try await client.execute(uri: "/no-such-page", method: .get, headers: headers)
                #expect(r.status == .notFound && r.text.contains(signInLink) && !r.text.contains("Sign out"))
                #expect(r.headers[.setCookie] == (headers[.cookie] == nil ? nil : "guarantor_token=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"))
            }
            // So is a stale cookie on a page action that needs signing in (its 401 page).
            let staleForm: HTTPFields = [.cookie: "guarantor_token=old", .origin: "http://localhost",
                                         .contentType: "application/x-www-form-urlencoded"]
            let needsSignIn = try await client.execute(uri: "/studies", method: .post, headers: staleForm,
                                                       body: Self.encode([("scenario", "nato-article5")]))
            #expect(needsSignIn.status == .unauthorized && needsSignIn.text.contains(signInLink), "\(needsSignIn.text)")
            #expect(needsSignIn.headers[.setCookie]?.hasPrefix("guarantor_token=;") == true)
            #expect(needsSignIn.headers[.setCookie]?.hasSuffix("Max-Age=0") == true)
            // The API's errors stay JSON.
            expectError(try await client.execute(uri: "/api/no-such-endpoint", method: .get, headers: cookie), .notFound, "not_found")
        }
    }

    /// A request that times out before its token has been looked up (a slow
    /// store) gets a 408 that is like every other error: its page shows who is
    /// signed in, and a stale or expired cookie is cleared (the error
    /// middleware looks the token up itself, for at most a second). When the
    /// store does not answer within that second either, nothing is known: the
    /// cookie is left alone and the page does not say who is signed in.
    @Test func aTimedOutRequestIsLikeOtherErrors() async throws {
        // Generous limits, so that a loaded machine decides nothing: the timeout lets the
        // sign-in ask the store before it fires (at 0.05 s a loaded run timed out first), and
        // the error middleware's second lookup, which the store answers at once, has 30 s to
        // arrive (at the production 1 s, a run with every core busy gave up on it).
        let t = try await Self.slowStoreServer(requestTimeout: 4, lateLookup: 30)
        let store = t.store2
        let expiredSecret = Tokens.newSecret()
        let expired = try await t.server.store.createToken(name: "old", hash: Tokens.hash(expiredSecret), expiresAt: StoreClock.now() - 1)
        let clear = "guarantor_token=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
        try await t.server.test { client in
            // Each request: the sign-in's lookup hangs past the timeout (and is
            // cancelled by it); the error middleware's answers at once.
            let get = { (uri: String, headers: HTTPFields) in
                store.delay(.seconds(60), .zero)
                return try await client.execute(uri: uri, method: .get, headers: headers)
            }
            let valid = try await get("/", [.cookie: "guarantor_token=\(t.server.token)"])
            #expect(valid.status == .requestTimeout && valid.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(valid.text.contains("<span class=\"who\">ann</span>") && !valid.text.contains(">Sign in</a>"), "\(valid.text)")
            #expect(valid.headers[.setCookie] == nil)
            let bearer = try await get("/compare", [.authorization: "Bearer \(t.server.token)"])
            #expect(bearer.status == .requestTimeout && bearer.text.contains("<span class=\"who\">ann</span>"), "\(bearer.text)")
            let stale = try await get("/", [.cookie: "guarantor_token=gt_stale"])
            #expect(stale.status == .requestTimeout && stale.headers[.setCookie] == clear, "\(stale.headers)")
            let old = try await get("/", [.cookie: "guarantor_token=\(expiredSecret)"])
            #expect(old.status == .requestTimeout && old.headers[.setCookie] == clear, "\(old.headers)")
            #expect(old.text.contains("Your sign-in expired on \(Tokens.date(expired.expiresAt ?? 0))"), "\(old.text)")
            // The API's 408 clears a stale cookie too.
            let api = try await get("/api/scenarios", [.cookie: "guarantor_token=gt_stale"])
            expectError(api, .requestTimeout, "request_timeout")
            #expect(api.headers[.setCookie] == clear)
        }
        // A store that does not answer within the second lookup's time either: the cookie
        // stays, and nobody is named (short limits: this case only waits them out).
        let h = try await Self.slowStoreServer(requestTimeout: 1, lateLookup: 0.5)
        try await h.server.test { client in
            let started = ContinuousClock.now
            let hung = try await client.execute(uri: "/", method: .get, headers: [.cookie: "guarantor_token=gt_stale"])
            #expect(hung.status == .requestTimeout && hung.headers[.setCookie] == nil)
            #expect(!hung.text.contains("class=\"who\""))
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }

    /// A server whose store answers token lookups after 60 s unless told otherwise.
    static func slowStoreServer(requestTimeout: Double, lateLookup: Double) async throws -> (server: TestServer, store2: SlowTokenStore) {
        var slow: SlowTokenStore?
        let t = try await TestServer.make(configure: { $0.requestTimeoutSeconds = requestTimeout; $0.lateLookupSeconds = lateLookup },
                                          loadBundled: false) { base in
            let store = SlowTokenStore(base, tokenDelay: .seconds(60))
            slow = store
            return store
        }
        return (t, try #require(slow))
    }

    /// The editor checks the text in the background (`/api/validate`, which
    /// the page's script calls on its own). If that is the first request after
    /// the sign-in cookie expired, its response must not use up the notice
    /// that the sign-in expired: it keeps the cookie and says when the token
    /// expired in a header, which the script shows; the next page shows the
    /// notice and clears the cookie. A stale cookie is still cleared at once.
    @Test func theEditorsBackgroundCheckDoesNotUseUpTheExpiryNotice() async throws {
        for privateRead in [false, true] {
            let t = try await TestServer.make(privateRead: privateRead, loadBundled: false)
            let secret = Tokens.newSecret()
            let token = try await t.store.createToken(name: "olga", hash: Tokens.hash(secret), expiresAt: StoreClock.now() - 1)
            let expiredOn = Tokens.date(token.expiresAt ?? 0)
            let header = try #require(HTTPField.Name("Guarantor-Sign-In-Expired"))
            try await t.test { client in
                let check = try await client.execute(uri: "/api/validate", method: .post,
                                                     headers: [.cookie: "guarantor_token=\(secret)", .origin: "http://localhost",
                                                               .contentType: "application/json"],
                                                     body: json(["text": "a: 1"]))
                #expect(check.status == (privateRead ? .unauthorized : .ok), "\(check.text)")
                if privateRead { expectError(check, .unauthorized, "token_expired") }
                #expect(check.headers[.setCookie] == nil && check.headers[header] == expiredOn, "\(check.headers)")
                // The page the user opens next says so, and clears the cookie.
                let page = try await client.execute(uri: "/login", method: .get, headers: [.cookie: "guarantor_token=\(secret)"])
                #expect(page.text.contains("Your sign-in expired on \(expiredOn) (token \(token.id), held by olga)"), "\(page.text)")
                #expect(page.headers[.setCookie]?.hasSuffix("Max-Age=0") == true && page.headers[header] == nil)
                // A stale cookie is cleared by the API at once (there is no notice to keep).
                let stale = try await client.execute(uri: "/api/validate", method: .post,
                                                     headers: [.cookie: "guarantor_token=gt_stale", .origin: "http://localhost",
                                                               .contentType: "application/json"],
                                                     body: json(["text": "a: 1"]))
                #expect(stale.headers[.setCookie]?.hasSuffix("Max-Age=0") == true && stale.headers[header] == nil)
                // The script shows the notice from that header, and updates the header's "Sign out".
                let script = try await client.execute(uri: "/static/app.js", method: .get)
                #expect(script.text.contains("r.headers.get(\"Guarantor-Sign-In-Expired\")") && script.text.contains("sign-in-expired"))
            }
        }
    }

    @Test func privatePagesNeedSigningIn() async throws {
        let t = try await TestServer.make(privateRead: true)
        try await t.test { client in
            let r = try await client.execute(uri: "/", method: .get)
            #expect(r.status == .unauthorized && r.text.contains("href=\"/login\""))
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: "guarantor_token=\(t.token)"]).status == .ok)
            #expect(try await client.execute(uri: "/login", method: .get).status == .ok)
        }
    }

    @Test func tokensAreStoredOnlyAsHashes() async throws {
        let t = try await TestServer.make(loadBundled: false)
        let record = try #require(try await t.store.token(hash: Tokens.hash(t.token)))
        #expect(record.name == "ann" && record.hash != t.token && record.hash.count == 64)
        #expect(t.token.hasPrefix("gt_") && t.token.count == 51)
        try? FileManager.default.removeItem(atPath: t.folder)
    }
}

import Foundation
import Hummingbird
import Reports
import Store

/// The web app: server-rendered pages over the same operations as the API.
extension GuarantorServer {
    func addPages(to router: Router<AppContext>) {
        router.get("/static/app.js") { _, _ in Self.respond(.ok, StaticAssets.script, type: "text/javascript; charset=utf-8") }
        router.get("/static/app.css") { _, _ in Self.respond(.ok, StaticAssets.style, type: "text/css; charset=utf-8") }
        // Browsers ask for it on every site; there is no icon, and "No Content" keeps their consoles free of 404s.
        router.get("/favicon.ico") { _, _ in
            var headers = HTTPFields()
            headers[.cacheControl] = "public, max-age=86400"
            return Response(status: .noContent, headers: headers)
        }

        router.get("/") { [self] _, context in
            try access.read(context)
            let scenarios = try await store.scenarios()
            let studies = try await store.studies(limit: 20)
            return pages.render("library", base(context, title: "Library") .merging([
                "hasScenarios": !scenarios.isEmpty,
                "scenarios": scenarios.map { ["name": $0.name, "title": $0.title, "versions": $0.versions, "shortHash": String($0.latestHash.prefix(12))] },
                "hasStudies": !studies.isEmpty,
                "studies": studies.map { s -> [String: Any] in
                    ["id": s.id, "scenario": s.scenarioName, "version": s.scenarioHash, "shortVersion": String(s.scenarioHash.prefix(12)),
                     "runs": s.runs, "seed": String(s.seed), "status": s.status.rawValue, "createdBy": s.createdBy, "created": Self.date(s.createdAt)]
                },
            ]) { $1 })
        }

        router.get("/login") { [self] request, context in
            var c = base(context, title: "Sign in")
            if request.uri.queryParameters.get("signed-out") != nil && context.token == nil { c["signedOut"] = true }
            // Back to the page the user came from once signed in: `?next=`
            // (the pages' script adds it to their sign-in links), else the
            // same-site page the browser names as the referrer.
            let next = Self.returnPath(request.uri.queryParameters.get("next").map { String($0) })
                ?? Self.returnPath(referrerOf: request)
            c["next"] = next ?? false
            return pages.render("login", c)
        }
        router.post("/login") { [self] request, context in
            let form = try await FormData.parse(request, limit: settings.limits.maxBodyBytes)
            // A pasted token often brings a space or a line end along.
            let secret = (form.first("token") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let next = Self.returnPath(form.first("next"))
            guard !secret.isEmpty, let token = try await store.token(hash: Tokens.hash(secret)) else {
                var c = base(context, title: "Sign in")
                c["problem"] = "That token is not known to this server."
                c["next"] = next ?? false
                return pages.render("login", c, status: .unauthorized)
            }
            if token.isExpired() {
                await expiryWatch.expiredTokenSeen()
                var c = base(context, title: "Sign in")
                c["problem"] = "That token expired on \(token.expiresAt.map(Tokens.date) ?? "?"); ask for a new one (`guarantor-server token create`)."
                c["next"] = next ?? false
                return pages.render("login", c, status: .unauthorized)
            }
            var response = Self.redirect(next ?? "/")
            // The cookie outlives a token that expires sooner on purpose: the browser then still
            // sends it after the expiry, and the pages can say that the sign-in expired (and when)
            // instead of silently showing a signed-out page.
            response.headers[.setCookie] = "\(Tokens.cookieName)=\(secret); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(Tokens.cookieMaxAgeSeconds)"
            return response
        }
        // To the sign-in page, which says so (the library needs a token with --private-read).
        router.post("/logout") { _, _ in
            var response = Self.redirect("/login?signed-out=1")
            response.headers[.setCookie] = Tokens.clearCookie
            return response
        }

        router.get("/scenarios/new") { [self] _, context in
            try access.read(context)
            return pages.render("editor", editorContext(context, name: "", text: Self.starterText, isNew: true))
        }
        router.get("/scenarios/{name}") { [self] request, context in
            try access.read(context)
            let name = try context.parameters.require("name")
            // `?version=` with nothing after it is the latest, as without it.
            let wanted = request.uri.queryParameters.get("version").map { String($0) }.flatMap { $0.isEmpty ? nil : $0 }
            var c = try await scenarioPage(context, name: name, version: wanted)
            if let saved = request.uri.queryParameters.get("saved") { c["saved"] = saved }
            return pages.render("editor", c)
        }
        // Saving from the editor: a new scenario (`/scenarios`) or a new version of one.
        let saveForm: @Sendable (Request, AppContext) async throws -> Response = { [self] request, context in
            let token = try access.write(context)
            let form = try await FormData.parse(request, limit: settings.limits.maxBodyBytes)
            // "Save as new scenario" on a scenario's page posts here with the new name apart.
            let saveAs = context.parameters.get("name") == nil && form.first("action") == "save-as"
            let name = context.parameters.get("name") ?? (saveAs ? form.first("newName") : form.first("name")) ?? ""
            let text = form.textarea("text")
            // A new scenario (the "New scenario" page, or "Save as new scenario") never
            // adds a version to one that exists: that is done from the scenario's own page.
            let isNew = context.parameters.get("name") == nil
            do {
                if isNew {
                    guard !name.isEmpty else {
                        throw APIError.unprocessable("bad_name", "give the new scenario a name (lower-case letters, digits, - and _)")
                    }
                    guard try await store.versions(of: name).isEmpty else {
                        throw APIError.unprocessable("bad_name",
                                                   "a scenario `\(name)` already exists: choose another name, or open `\(name)` to add a version to it")
                    }
                }
                let (v, _) = try await save(name: name, text: text, by: token.name)
                return Self.redirect("/scenarios/\(v.name)?saved=\(v.hash)")
            } catch let e as APIError where e.status == .unprocessableContent || e.code == "too_many_versions" {
                // The editor again, with the text kept and the problem listed: a new
                // scenario's page, or the scenario's own (its versions and run form kept).
                // "Save as new scenario" came from a scenario's page: back to that page.
                let from = saveAs ? form.first("editing") : context.parameters.get("name")
                var c = try await editorAgain(context, name: name, editing: from, version: form.first("shown"), text: text)
                c["checked"] = true
                if saveAs { c["newName"] = name }
                // A problem without a place in the text (a bad name) is listed without one.
                let diagnostics = e.diagnostics ?? [DiagnosticBody(file: "", line: 0, column: 0, message: e.message)]
                c["diagnostics"] = diagnostics.map(Pages.diagnostic)
                c["hasProblems"] = true
                c["problemCount"] = Pages.problems(diagnostics.count + (e.diagnosticsOmitted ?? 0))
                c["omitted"] = Pages.omitted(e.diagnosticsOmitted ?? 0)
                c["lineNumbers"] = Self.lineNumbers(text, errors: diagnostics.filter { $0.file == ScenarioLibrary.fileName(name) })
                return pages.render("editor", c, status: e.status)
            }
        }
        router.post("/scenarios", use: saveForm)
        router.post("/scenarios/{name}", use: saveForm)
        // "Check" without JavaScript: the editor again, with the validator's findings.
        router.post("/validate") { [self] request, context in
            try access.read(context)
            let form = try await FormData.parse(request, limit: settings.limits.maxBodyBytes)
            let given = form.first("name") ?? ""
            let name = ScenarioName.problem(given) == nil ? given : "scenario"
            let text = form.textarea("text")
            // From a scenario's page (`editing`): that page again, not "New scenario".
            var c = try await editorAgain(context, name: given, editing: form.first("editing"), version: form.first("shown"), text: text)
            c["checked"] = true
            if case .invalid(let d, let omitted) = try await library.check(name: name, text: text) {
                c["diagnostics"] = d.map(Pages.diagnostic)
                c["hasProblems"] = true
                c["problemCount"] = Pages.problems(d.count + omitted)
                c["omitted"] = Pages.omitted(omitted)
                c["lineNumbers"] = Self.lineNumbers(text, errors: d.filter { $0.file == ScenarioLibrary.fileName(name) })
            }
            return pages.render("editor", c)
        }

        // A person who types /studies looks for the list: it is on the library page.
        router.get("/studies") { _, _ in Self.redirect("/#recent-studies") }
        router.post("/studies") { [self] request, context in
            let token = try access.write(context)
            let form = try await FormData.parse(request, limit: settings.limits.maxBodyBytes)
            let body = StartStudyRequest(scenario: form.first("scenario") ?? "", version: form.first("version"),
                                         runs: try form.integer("runs", Int64.self), seed: try form.seed(),
                                         sensitivityRuns: try form.integer("sensitivityRuns", Int64.self))
            let record = try await startStudy(body, by: token.name)
            return Self.redirect("/studies/\(record.id)")
        }
        router.get("/studies/{id}") { [self] _, context in
            try access.read(context)
            let r = try await study(context)
            let active = !r.status.isFinished
            var c = base(context, title: "Study \(r.id)")
            c["refresh"] = active
            c["id"] = r.id
            c["scenario"] = r.scenarioName
            c["version"] = r.scenarioHash
            c["shortVersion"] = String(r.scenarioHash.prefix(12))
            c["runs"] = r.runs
            c["seed"] = String(r.seed)
            c["sensitivityRuns"] = r.sensitivityRuns > 0 ? r.sensitivityRuns : false
            c["createdBy"] = r.createdBy
            c["status"] = r.status.rawValue
            c["active"] = active
            c["percent"] = Int((r.progress * 100).rounded(.down))
            c["succeeded"] = r.status == .succeeded
            c["message"] = r.message ?? false
            c["seconds"] = r.seconds.map { String(format: "%.1f", $0) } ?? false
            return pages.render("study", c)
        }
        router.post("/studies/{id}/cancel") { [self] _, context in
            let token = try access.write(context)
            let r = try await study(context)
            if !r.status.isFinished { _ = try await cancel(r, by: token.name) }
            return Self.redirect("/studies/\(r.id)")
        }

        router.get("/compare") { [self] _, context in
            try access.read(context)
            return pages.render("compare", try await compareForm(context))
        }
        router.post("/compare") { [self] request, context in
            try access.write(context)
            let form = try await FormData.parse(request, limit: settings.limits.maxBodyBytes)
            // The baseline, when one is chosen among the ticked scenarios, goes first: the
            // others are given as changes from the first row.
            let baseline = form.first("baseline") ?? ""
            var chosen = form.all("scenario")
            if !baseline.isEmpty {
                guard chosen.contains(baseline) else {
                    let c = try await compareForm(context, chosen: chosen, runs: form.first("runs"), seed: form.first("seed"), baseline: baseline,
                                                  problem: "the baseline `\(baseline)` is not one of the ticked scenarios: tick it, or leave the baseline to the first ticked one")
                    return pages.render("compare", c, status: .unprocessableContent)
                }
                chosen = [baseline] + chosen.filter { $0 != baseline }
            }
            do {
                let body = CompareRequest(scenarios: chosen, runs: try form.integer("runs", Int64.self),
                                          seed: try form.seed(), sensitivityRuns: nil)
                // The comparison page is the report renderer's own page, charts and all, with a way back.
                return Self.report(Self.withNavigation(HTMLReport.compare(try await compare(body))))
            } catch let e as APIError where e.status == .unprocessableContent || e.status == .badRequest || e.status == .notFound {
                // The form again, with the problem and the choices kept.
                let c = try await compareForm(context, chosen: chosen, runs: form.first("runs"), seed: form.first("seed"), baseline: baseline, problem: e.message)
                return pages.render("compare", c, status: e.status)
            }
        }
    }

    static let starterText = """
    # A new scenario. The checker below reports problems at their lines as you type.
    # Start from a scenario in the library (open one and copy it), or write `extends: ukraine-base.yaml`
    # to start from a scenario already in the library and change only what differs.
    extends: ukraine-base.yaml
    name: My variant

    """

    func compareForm(_ context: AppContext, chosen: [String] = [], runs: String? = nil, seed: String? = nil, baseline: String = "",
                     problem: String? = nil) async throws -> [String: Any] {
        var c = base(context, title: "Compare")
        c["scenarios"] = try await store.scenarios().map {
            ["name": $0.name, "title": $0.title, "checked": chosen.contains($0.name), "baseline": $0.name == baseline]
        }
        c["maxRuns"] = settings.limits.maxCompareRuns
        c["maxScenarios"] = settings.limits.maxCompareScenarios
        c["defaultRuns"] = runs ?? String(min(10_000, settings.limits.maxCompareRuns))
        c["seed"] = seed ?? ""
        if let problem { c["problem"] = problem }
        return c
    }

    /// A report page served by the web app, with links back to the app at its top.
    static func withNavigation(_ html: String) -> String {
        let nav = "<nav class=\"app-nav\" style=\"font: 14px system-ui, sans-serif; padding: .5em 1.5em; background: #1d2330\">"
            + "<a style=\"color: #fff; margin-right: 1.5em\" href=\"/\">Guarantor library</a>"
            + "<a style=\"color: #fff\" href=\"/compare\">New comparison</a></nav>"
        guard let body = html.range(of: "<body>") else { return html }
        return html.replacingCharacters(in: body, with: "<body>" + nav)
    }

    func base(_ context: AppContext, title: String) -> [String: Any] {
        ["title": title, "signedIn": context.token?.name ?? false,
         "signInExpired": context.signIn.current.expired.map { Pages.expiredNotice($0) as Any } ?? false]
    }

    /// A scenario's page: the version `version` (a hash or a prefix; the latest when nil)
    /// in the editor, its versions, and the run form for it. 404 when there is no such scenario or version.
    func scenarioPage(_ context: AppContext, name: String, version wanted: String?) async throws -> [String: Any] {
        let versions = try await store.versions(of: name)
        var chosen = versions.first
        if let wanted { chosen = try await version(name: name, hash: wanted) }
        guard let shown = chosen else {
            throw APIError.notFound(wanted.map { "scenario `\(name)` has no version `\($0)`" } ?? "there is no scenario `\(name)`")
        }
        var c = editorContext(context, name: name, text: shown.text, isNew: false)
        c["scenarioTitle"] = shown.title
        c["versionHash"] = shown.hash
        c["shortVersion"] = String(shown.hash.prefix(12))
        c["latest"] = shown.hash == versions.first?.hash
        c["createdBy"] = shown.createdBy
        c["savedText"] = shown.text
        c["versions"] = versions.map { v in
            ["name": name, "hash": v.hash, "shortHash": String(v.hash.prefix(12)), "title": v.title, "createdBy": v.createdBy,
             "created": Self.date(v.createdAt)] as [String: Any]
        }
        if case .valid(let s) = try await library.check(name: name, text: shown.text) {
            c["runs"] = min(Int64(s.runs), settings.limits.maxRunsPerStudy)
            c["seed"] = String(s.seed)
        }
        return c
    }

    /// The editor again after a check or a refused save, with the text as typed: the page of
    /// the scenario being edited (`editing`, at the version shown then) when there is one,
    /// else the "New scenario" page with `name` in its name field.
    func editorAgain(_ context: AppContext, name: String, editing: String?, version: String?, text: String) async throws -> [String: Any] {
        if let editing, !editing.isEmpty, ScenarioName.problem(editing) == nil, !(try await store.versions(of: editing).isEmpty) {
            var c = try await scenarioPage(context, name: editing, version: version.flatMap { $0.isEmpty ? nil : $0 })
            c["unsaved"] = text != (c["savedText"] as? String)
            c["text"] = text
            c["lineNumbers"] = Self.lineNumbers(text, errors: [])
            return c
        }
        return editorContext(context, name: name, text: text, isNew: true)
    }

    func editorContext(_ context: AppContext, name: String, text: String, isNew: Bool) -> [String: Any] {
        var c = base(context, title: isNew ? "New scenario" : name)
        c["name"] = name
        c["text"] = text
        c["isNew"] = isNew
        c["action"] = isNew ? "/scenarios" : "/scenarios/\(name)"
        c["lineNumbers"] = Self.lineNumbers(text, errors: [])
        c["maxRuns"] = settings.limits.maxRunsPerStudy
        c["maxSensitivityRuns"] = settings.limits.maxSensitivityRuns
        c["runs"] = 10_000
        c["seed"] = "1"
        return c
    }

    static func lineNumbers(_ text: String, errors: [DiagnosticBody]) -> [[String: Any]] {
        let bad = Set(errors.map(\.line))
        let count = text.split(separator: "\n", omittingEmptySubsequences: false).count
        return (1...max(1, count)).map { ["n": $0, "class": bad.contains($0) ? "err" : ""] }
    }

    /// A page of this site to return to after signing in: a path that
    /// starts with one "/" (so never another site: not "//host" nor
    /// "/\host", which browsers read as one), of printable ASCII, at most
    /// 2,000 characters, and not the sign-in or sign-out page itself; nil
    /// otherwise (then the sign-in lands on the library).
    static func returnPath(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), text.count <= 2_000,
              text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }) else { return nil }
        let path = text.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? text
        return path == "/login" || path == "/logout" ? nil : text
    }

    /// The path and query of the request's `Referer` when it names a page
    /// of this same server (its host and port as the `Host` header has them).
    static func returnPath(referrerOf request: Request) -> String? {
        guard let referrer = request.headers[.referer], let host = request.head.authority?.lowercased(),
              AuthMiddleware.authorities(ofOrigin: referrer).contains(host),
              let url = URLComponents(string: referrer) else { return nil }
        let path = url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath
        return returnPath(path + (url.percentEncodedQuery.map { "?" + $0 } ?? ""))
    }

    static func redirect(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    static func date(_ ms: Int64) -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }
}

/// An `application/x-www-form-urlencoded` body (repeated keys kept in order).
struct FormData {
    var pairs: [(String, String)]

    static func parse(_ request: Request, limit: Int) async throws -> FormData {
        let data = try await GuarantorServer.body(request, limit: limit)
        return FormData(text: String(decoding: data, as: UTF8.self))
    }

    init(text: String) {
        pairs = text.split(separator: "&").map { part in
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            func decode(_ s: String) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? s }
            return (decode(kv.first ?? ""), decode(kv.count > 1 ? kv[1] : ""))
        }
    }

    func first(_ key: String) -> String? { pairs.first { $0.0 == key }?.1 }

    /// A textarea's text with the CRLF line ends browsers submit turned back
    /// into LF, so that saving unchanged text gives the same version.
    func textarea(_ key: String) -> String {
        (first(key) ?? "").replacingOccurrences(of: "\r\n", with: "\n")
    }
    func all(_ key: String) -> [String] { pairs.filter { $0.0 == key }.map(\.1) }

    /// The `seed` field: nil when absent or empty; 422 `bad_seed` for a whole
    /// number outside 0 to 2^63-1 (the range a scenario file takes), 422 `bad_number` for anything else.
    func seed() throws -> UInt64? {
        guard let s = first("seed")?.trimmingCharacters(in: .whitespaces), !s.isEmpty else { return nil }
        if let v = UInt64(s), v <= GuarantorServer.maxSeed { return v }
        let digits = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        if !digits.isEmpty && digits.allSatisfy({ $0 >= "0" && $0 <= "9" }) { throw GuarantorServer.badSeed }
        throw APIError.unprocessable("bad_number", "`seed` must be a whole number, not `\(s)`")
    }

    /// nil when absent or empty; 422 when not a whole number.
    func integer<T: FixedWidthInteger>(_ key: String, _ type: T.Type) throws -> T? {
        guard let s = first(key)?.trimmingCharacters(in: .whitespaces), !s.isEmpty else { return nil }
        guard let v = T(s) else { throw APIError.unprocessable("bad_number", "`\(key)` must be a whole number, not `\(s)`") }
        return v
    }
}

import Foundation
import GuarantorModel
import HTTPTypes
import Hummingbird
import NIOHTTP1
import Store
import Synchronization

/// Turns every error into the house format: JSON `{"error", "message"}` for the
/// API, a small escaped HTML page for the web pages. Nothing else leaks out.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let pages: Pages
    /// For a request that timed out before `AuthMiddleware` had looked its token up.
    let store: any GuarantorStore

    /// How long, after a 408 that came before the token lookup ended, the
    /// lookup is tried again for the error response (`ServerLimits.lateLookupSeconds`).
    let lateLookupSeconds: Double

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            // What `AuthMiddleware` found (it runs inside this middleware and
            // inside the timeout, so neither its context nor, after a timeout,
            // its error comes back out here; the record does).
            var signIn = context.signIn.current
            // The request timed out while its token was being looked up (a
            // slow store), so nothing is on record: look it up again, briefly,
            // so that the 408 shows who is signed in and clears a stale or
            // expired cookie as other errors do. (Headers have always arrived
            // by now: the router gets a request only once its head is read.)
            if !signIn.lookedUp, Self.apiError(error).status == .requestTimeout,
               let finding = await Self.lateLookup(request, store: store, within: lateLookupSeconds) {
                context.signIn.record(finding)
                signIn = context.signIn.current
            }
            if let error = error as? HTTPParserError {
                // A body the HTTP parser refused (broken chunked framing): the
                // connection cannot go on, so Hummingbird answers 400 and closes
                // it, and `MalformedRequestHandler` gives that 400 its message.
                // (Turned into an APIError here, it used to be a 500 `internal_error`.)
                throw error
            }
            var api = Self.apiError(error)
            // The router's "no route": a path it serves with other methods is a 405.
            if let e = error as? HTTPError, e.status == .notFound {
                let allowed = Self.allowedMethods(request.uri.path)
                if !allowed.isEmpty {
                    api = APIError(.methodNotAllowed, "method_not_allowed",
                                   "`\(request.uri.path)` does not take \(request.method.rawValue); it takes \(allowed.joined(separator: ", "))")
                    api.allow = allowed.joined(separator: ", ")
                }
            }
            // Signed out because the sign-in cookie expired: where signing in
            // is needed, the 401 says that it expired, not just that a token is needed.
            if let expired = signIn.expired, api.status == .unauthorized, api.code == "token_required" {
                api = APIError(.unauthorized, "token_expired", Tokens.expiredMessage(expired))
            }
            var response: Response
            if Self.wantsHTML(request) {
                // The page's header shows the signed-in holder, as on every other page.
                // The answer to a form's post: signing in from it leads back to the page
                // the form was on (its Referer), not to the post's address.
                let posted = request.method != .get && request.method != .head
                response = pages.errorPage(api, signedIn: signIn.token?.name, signInExpired: signIn.expired,
                                           returnTo: posted ? GuarantorServer.returnPath(referrerOf: request) ?? "/" : nil)
                if let allow = api.allow { response.headers[.allow] = allow }
                if let cookie = api.setCookie { response.headers[.setCookie] = cookie }
                if api.status == .tooManyRequests { response.headers[.retryAfter] = String(APIError.retryAfterSeconds) }
            } else {
                response = try api.response(from: request, context: context)
            }
            // A stale or expired sign-in cookie is answered on an error as on any other response.
            AuthMiddleware.answerCookie(&response.headers, request, signIn)
            return response
        }
    }

    /// The request's sign-in looked up again, for at most `seconds`; nil if
    /// there is nothing to look up, the store does not answer in time (then
    /// nothing is known: the cookie is not cleared, as it may be valid), or it fails.
    static func lateLookup(_ request: Request, store: any GuarantorStore, within seconds: Double) async -> SignInRecord.Finding? {
        enum Outcome: Sendable { case found(SignInRecord.Finding?), gaveUp }
        let outcome = await withTaskGroup(of: Outcome.self) { group in
            group.addTask { .found(try? await AuthMiddleware.finding(for: request, store: store)) }
            group.addTask {
                try? await Task.sleep(for: TimeoutMiddleware.duration(seconds))
                return .gaveUp
            }
            let first = await group.next() ?? .gaveUp
            group.cancelAll()
            return first
        }
        if case .found(let finding) = outcome { return finding }
        return nil
    }

    /// The operations the server has (`/openapi.yaml`, which a test keeps equal to the router's routes).
    static let operations: [(method: String, path: [Substring])] = OpenAPIDocument.operations.compactMap { op in
        let parts = op.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), parts[1].split(separator: "/", omittingEmptySubsequences: false))
    }

    /// The methods that `path` is served with (HEAD wherever GET is), sorted; empty if none.
    static func allowedMethods(_ path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var methods: Set<String> = []
        for op in operations where op.path.count == segments.count {
            let matches = zip(op.path, segments).allSatisfy { template, segment in
                template == segment || (template.hasPrefix("{") && template.hasSuffix("}") && !segment.isEmpty)
            }
            if matches { methods.insert(op.method) }
        }
        if methods.contains("GET") { methods.insert("HEAD") }
        return methods.sorted()
    }

    static func wantsHTML(_ request: Request) -> Bool {
        let path = request.uri.path
        return !(path.hasPrefix("/api/") || path == "/api" || path == "/openapi.yaml")
    }

    static func apiError(_ error: any Error) -> APIError {
        if let e = error as? APIError { return e }
        if let e = error as? HTTPError {
            switch e.status.code {
            case 404: return .notFound("no such page or endpoint")
            case 405: return APIError(e.status, "method_not_allowed", "this endpoint does not take that method")
            case 413: return APIError(.contentTooLarge, "body_too_large", "the request body is larger than the server accepts")
            default: return APIError(e.status, "http_\(e.status.code)", e.body ?? e.status.reasonPhrase)
            }
        }
        // NIO's NIOTooManyBytesError (a chunked body cut off), which Hummingbird makes an HTTPResponseError.
        if let e = error as? any HTTPResponseError, e.status == .contentTooLarge {
            return APIError(.contentTooLarge, "body_too_large", "the request body is larger than the server accepts (--max-body-bytes)")
        }
        if error is CancellationError { return APIError(.requestTimeout, "request_timeout", "the request took too long") }
        if let e = error as? StoreError { return APIError(.internalServerError, "store_error", e.message) }
        return APIError(.internalServerError, "internal_error", "the server could not complete the request: \(error)")
    }
}

/// Refuses a body longer than the limit before reading it, by its declared length.
/// Bodies without a length are cut off at the same limit when read (`Body.collect`).
/// A body that is too large gets 413 whatever the sign-in says: a request
/// refused for its sign-in (401, 403), here or in `AuthMiddleware`, whose
/// body has no declared length and was not read, has its body counted first,
/// up to the limit and without keeping it (`oversized`), and gets 413 if it is larger.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let maxBytes: Int

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        if let error = Self.declaredTooLarge(request, limit: maxBytes) { throw error }
        // A declared length within the limit needs nothing more.
        guard request.headers[.contentLength] == nil else { return try await next(request, context) }
        // A body may be read only once: note whether the handler started on it.
        var request = request
        let body = TrackedBody(base: request.body)
        request.body = RequestBody(asyncSequence: body)
        do {
            return try await next(request, context)
        } catch let error as APIError where Self.isSignInRefusal(error) && !body.started {
            throw try await Self.oversized(body, limit: maxBytes) ?? error
        }
    }

    /// 413 for a `Content-Length` over the limit, else nil.
    static func declaredTooLarge(_ request: Request, limit: Int) -> APIError? {
        guard let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit else { return nil }
        return APIError(.contentTooLarge, "body_too_large",
                        "the request body is \(length) bytes; the limit is \(limit) bytes (--max-body-bytes)")
    }

    /// A refusal for want of a (valid) sign-in: 401 or 403.
    static func isSignInRefusal(_ error: APIError) -> Bool {
        error.status == .unauthorized || error.status == .forbidden
    }

    /// For a request about to be refused for its sign-in, whose body has not
    /// been read: 413 if the body is over the limit, else nil. A declared
    /// length decides at once; a body without one (chunked) is read and
    /// counted, one buffer at a time and none kept, until it ends or passes
    /// the limit, so memory stays at one buffer and reading at `limit` bytes.
    static func oversized<Body: AsyncSequence>(_ body: Body, declared request: Request? = nil, limit: Int) async throws -> APIError?
    where Body.Element == ByteBuffer {
        if let request {
            if let error = declaredTooLarge(request, limit: limit) { return error }
            if request.headers[.contentLength] != nil { return nil }
        }
        var seen = 0
        for try await buffer in body {
            seen += buffer.readableBytes
            if seen > limit { return GuarantorServer.tooLarge(limit) }
        }
        return nil
    }

    /// For `AuthMiddleware`, which runs first: `error` unless the request's body is over the limit, then 413.
    static func refusal(_ error: APIError, _ request: Request, limit: Int) async throws -> APIError {
        try await oversized(request.body, declared: request, limit: limit) ?? error
    }
}

/// A request body that notes whether anyone began reading it.
struct TrackedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let base: RequestBody
    private let flag = Flag()

    final class Flag: Sendable {
        let value = Atomic<Bool>(false)
    }

    var started: Bool { flag.value.load(ordering: .relaxed) }

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        mutating func next() async throws -> ByteBuffer? { try await base.next() }
    }

    func makeAsyncIterator() -> AsyncIterator {
        flag.value.store(true, ordering: .relaxed)
        return AsyncIterator(base: base.makeAsyncIterator())
    }
}

/// Ends any request that takes longer than the limit with 408. The handler is
/// cancelled; the work it started in the background (a study) is not.
struct TimeoutMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let seconds: Double

    struct TimedOut: Error {}

    /// The limit as a duration that cannot trap: NaN and negative values are
    /// 0, and anything above a day (infinity too) is a day. The command line
    /// refuses such values already; this keeps a library caller from crashing the server.
    static func duration(_ seconds: Double) -> Duration { .milliseconds(milliseconds(seconds)) }

    static func milliseconds(_ seconds: Double) -> Int64 {
        let clamped = seconds.isNaN ? 0 : min(max(seconds, 0), ServerLimits.maxRequestTimeoutSeconds)
        return Int64((clamped * 1000).rounded())
    }

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let limit = seconds
        do {
            // The group waits for both children before it returns, so `next`
            // does not outlive this call although a child task runs it.
            return try await withoutActuallyEscaping(next) { next in
                let handler = UncheckedHandler(run: next)
                return try await withThrowingTaskGroup(of: Response.self) { group in
                    group.addTask { try await handler.run(request, context) }
                    group.addTask {
                        try await Task.sleep(for: Self.duration(limit))
                        throw TimedOut()
                    }
                    defer { group.cancelAll() }
                    guard let first = try await group.next() else { throw TimedOut() }
                    return first
                }
            }
        } catch is TimedOut {
            throw APIError(.requestTimeout, "request_timeout",
                           "the request took longer than \(Format.seconds(limit)) s (--request-timeout); for long work start a study, which runs in the background")
        }
    }
}

/// The next responder, handed to a child task that cannot outlive the middleware call.
struct UncheckedHandler: @unchecked Sendable {
    let run: (Request, AppContext) async throws -> Response
}

/// Looks up the bearer token (header `Authorization: Bearer T`, or the
/// `guarantor_token` cookie the sign-in page sets) and records its holder in the
/// context. A token given in the header but unknown is refused at once (401
/// `bad_token`), an expired one too (401 `token_expired`). A cookie whose token
/// is unknown (revoked, or the database replaced) or expired counts as signed
/// out, and the response, error or not, tells the browser to forget it; for an
/// expired one the pages say so, and where signing in is needed the 401 is
/// `token_expired` (see `ErrorMiddleware`). The paths that
/// never need a token (health, the API description, static files) are not looked at.
/// What it finds also goes into `context.signIn`, for `ErrorMiddleware`.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let store: any GuarantorStore
    /// `--max-body-bytes`: a request refused here whose body is larger gets 413 instead (`BodyLimitMiddleware`).
    let maxBodyBytes: Int
    /// Told of every expired token a request brings, to log when the last one that worked has expired.
    let expiryWatch: TokenExpiryWatch

    static let openPaths: Set<String> = ["/api/health", "/openapi.yaml", "/static/app.js", "/static/app.css", "/favicon.ico"]

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        switch try await Self.lookUp(request, store: store) {
        case .none:
            return try await next(request, context)
        case .unknownBearer:
            throw try await refusal(APIError(.unauthorized, "bad_token",
                                             "the bearer token is not known to this server; create one with `guarantor-server token create --name NAME`"), request)
        case .notBearer(let scheme):
            throw try await refusal(APIError(.unauthorized, "bad_token",
                                             "the Authorization header must read `Bearer TOKEN`; this one is \(scheme.isEmpty ? "empty" : "`\(scheme) ...`"), which this server does not take"), request)
        case .bearer(let token) where token.isExpired():
            await expiryWatch.expiredTokenSeen()
            throw try await refusal(APIError(.unauthorized, "token_expired", Tokens.expiredMessage(token)), request)
        case .bearer(let token):
            context.token = token
            context.signIn.record(.signedIn(token))
            return try await next(request, context)
        case .cookie(.signedIn(let token)):
            // Signed in, so that an error page, this one included, shows who.
            context.signIn.record(.signedIn(token))
            if let why = Self.crossSiteProblem(request) {
                throw try await refusal(APIError(.forbidden, "cross_origin", why), request)
            }
            context.token = token
            return try await next(request, context)
        case .cookie(let finding):
            // A stale or expired cookie: carry on signed out, and have the
            // browser drop it (`ErrorMiddleware` does the same for an error).
            // A page says once that the sign-in expired (`base`).
            context.signIn.record(finding)
            if case .expiredCookie = finding { await expiryWatch.expiredTokenSeen() }
            var response = try await next(request, context)
            Self.answerCookie(&response.headers, request, context.signIn.current)
            return response
        }
    }

    /// The request's token as the store knows it: none (an open path, or no
    /// token), a bearer token (known, expired or not) or an unknown one, or
    /// what the sign-in cookie holds. `handle` refuses what needs refusing;
    /// `ErrorMiddleware` looks again with it after a timeout (`finding`).
    enum Lookup {
        case none, unknownBearer, bearer(TokenRecord), cookie(SignInRecord.Finding)
        /// An `Authorization` header of another scheme (`Basic ...`), named by its first word.
        case notBearer(String)
    }

    static func lookUp(_ request: Request, store: any GuarantorStore) async throws -> Lookup {
        if openPaths.contains(request.uri.path) { return .none }
        if let header = request.headers[.authorization] {
            guard let secret = bearer(header) else {
                let scheme = String(header.split(separator: " ", maxSplits: 1).first?.prefix(20) ?? "")
                return scheme.lowercased() == "bearer" ? .unknownBearer : .notBearer(scheme)
            }
            guard let token = try await store.token(hash: Tokens.hash(secret)) else { return .unknownBearer }
            return .bearer(token)
        }
        guard let secret = Cookies.value(named: Tokens.cookieName, in: request.headers[.cookie]), !secret.isEmpty else { return .none }
        guard let token = try await store.token(hash: Tokens.hash(secret)) else { return .cookie(.staleCookie) }
        return .cookie(token.isExpired() ? .expiredCookie(token) : .signedIn(token))
    }

    /// What a response says about a stale or expired sign-in cookie (nothing,
    /// if it sets a cookie of its own, as signing in does). A stale one is
    /// cleared. An expired one is cleared by a page, which shows the notice
    /// that the sign-in expired; a response from the API (`/api/*`) keeps it,
    /// because the pages' script calls the API on its own (the editor's check
    /// as you type, a study's progress) and that unseen response would use the
    /// notice up. It says when the token expired in `Guarantor-Sign-In-Expired`
    /// instead, which the script shows at once; the next page shows the notice
    /// and clears the cookie.
    static func answerCookie(_ headers: inout HTTPFields, _ request: Request, _ signIn: SignInRecord.State) {
        guard signIn.clearCookie, headers[.setCookie] == nil else { return }
        if let expired = signIn.expired, !ErrorMiddleware.wantsHTML(request) {
            if let name = HTTPField.Name.signInExpired { headers[name] = expired.expiresAt.map(Tokens.date) ?? "unknown" }
            return
        }
        headers[.setCookie] = Tokens.clearCookie
    }

    /// What `handle` records of the request's sign-in, without refusing
    /// anything: nil for no token, and for a bearer token that is unknown or
    /// expired (`handle` refuses those).
    static func finding(for request: Request, store: any GuarantorStore) async throws -> SignInRecord.Finding? {
        switch try await lookUp(request, store: store) {
        case .bearer(let token) where !token.isExpired(): return .signedIn(token)
        case .cookie(let finding): return finding
        case .none, .unknownBearer, .notBearer, .bearer: return nil
        }
    }

    /// `error`, or 413 if the request's body is over the limit: the body limit comes first.
    func refusal(_ error: APIError, _ request: Request) async throws -> APIError {
        try await BodyLimitMiddleware.refusal(error, request, limit: maxBodyBytes)
    }

    /// The secret of `Authorization: Bearer SECRET`, or nil for any other form.
    static func bearer(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let secret = parts[1].trimmingCharacters(in: .whitespaces)
        return secret.isEmpty ? nil : secret
    }

    /// Why a request signed in by the cookie may not change anything, or nil.
    /// SameSite=Strict keeps the cookie from other *sites*, but another origin
    /// on the same site (another port, a sibling subdomain) still gets it sent,
    /// so a request that is not GET or HEAD must come from a page of this
    /// server: its `Origin` (or, without one, its `Referer`) names the host the
    /// request was sent to. Requests with `Authorization: Bearer` are not
    /// affected (browsers never add that header on their own).
    static func crossSiteProblem(_ request: Request) -> String? {
        if request.method == .get || request.method == .head { return nil }
        let advice = "send the token in `Authorization: Bearer TOKEN` from scripts, or use this server's own pages"
        let claimed: String
        let header: String
        if let origin = request.headers[.origin] {
            claimed = origin; header = "Origin"
        } else if let referer = request.headers[.referer] {
            claimed = referer; header = "Referer"
        } else {
            return "a change signed in by the sign-in cookie must say where it comes from (an Origin or Referer header), and this request names neither; \(advice)"
        }
        let host = (request.head.authority ?? "").lowercased()
        if !host.isEmpty, Self.authorities(ofOrigin: claimed).contains(host) { return nil }
        return "this request comes from another origin (\(header) `\(claimed.prefix(200))`, not `\(host)`), so the sign-in cookie does not let it change anything; \(advice)"
    }

    /// The `host[:port]` spellings a browser's `Origin` or `Referer` URL may
    /// match in the Host header: with and without the scheme's default port.
    static func authorities(ofOrigin text: String) -> [String] {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", var host = url.host?.lowercased(), !host.isEmpty else { return [] }
        if host.contains(":") && !host.hasPrefix("[") { host = "[\(host)]" }
        let defaultPort = scheme == "https" ? 443 : 80
        guard let port = url.port else { return [host, "\(host):\(defaultPort)"] }
        return port == defaultPort ? [host, "\(host):\(port)"] : ["\(host):\(port)"]
    }
}

/// What `AuthMiddleware` found out about a request's sign-in, for
/// `ErrorMiddleware`, which runs outside it (and outside the timeout) and so
/// never sees the context it passes on, nor, when the request timed out, the
/// error of the handler it ran. One per request (`AppContext` makes it; the
/// copies of the context share it).
final class SignInRecord: Sendable {
    enum Finding: Sendable {
        /// Signed in with this token (which may still be refused: `cross_origin`).
        case signedIn(TokenRecord)
        /// The sign-in cookie names a token the server does not know: signed out, and the cookie is to be cleared.
        case staleCookie
        /// The sign-in cookie's token has expired: signed out, the cookie is to be cleared, and the pages say why.
        case expiredCookie(TokenRecord)
    }

    struct State: Sendable {
        /// The token the request is signed in with.
        var token: TokenRecord?
        /// Whether the response must clear the sign-in cookie.
        var clearCookie = false
        /// The expired token of the sign-in cookie.
        var expired: TokenRecord?
        /// Whether anything was recorded: false when the request had no token
        /// to look up, or timed out before its lookup ended.
        var lookedUp = false
    }

    private let state = Mutex(State())

    func record(_ finding: Finding) {
        state.withLock { state in
            state.lookedUp = true
            switch finding {
            case .signedIn(let token): state.token = token
            case .staleCookie: state.clearCookie = true
            case .expiredCookie(let token): state.clearCookie = true; state.expired = token
            }
        }
    }

    var current: State { state.withLock { $0 } }
}

extension HTTPField.Name {
    /// On an API response to a request whose sign-in cookie holds an expired
    /// token: when it expired (`AuthMiddleware.answerCookie`).
    static let signInExpired = HTTPField.Name("Guarantor-Sign-In-Expired")
}

enum Cookies {
    static func value(named name: String, in header: String?) -> String? {
        guard let header else { return nil }
        for part in header.split(separator: ";") {
            let kv = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0] == name { return String(kv[1]) }
        }
        return nil
    }
}

/// Access rules: writing always needs a token; reading needs one with `--private-read`.
struct Access {
    let privateRead: Bool

    func read(_ context: AppContext) throws {
        if privateRead && context.token == nil {
            throw APIError(.unauthorized, "token_required", "this server is private: send `Authorization: Bearer TOKEN` to read")
        }
    }

    @discardableResult
    func write(_ context: AppContext) throws -> TokenRecord {
        guard let token = context.token else {
            throw APIError(.unauthorized, "token_required",
                           "saving scenarios and running studies needs a token: send `Authorization: Bearer TOKEN` (create one with `guarantor-server token create --name NAME`)")
        }
        return token
    }
}

enum Format {
    /// Whole seconds without a fraction, others as a person reads them (`0.001`, not the
    /// `0.0` one decimal gave for `--request-timeout 0.001`); never traps.
    static func seconds(_ s: Double) -> String { GuarantorModel.Format.message(s) }
}

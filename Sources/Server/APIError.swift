import Foundation
import Hummingbird

/// Every error the API answers: a status and `{"error": CODE, "message": TEXT}`.
/// `diagnostics` carries located diagnostics when a scenario is invalid (the first
/// `DiagnosticList.shownByDefault`), and `diagnosticsOmitted` counts the rest, if any.
public struct APIError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var diagnostics: [DiagnosticBody]?
    /// How many more diagnostics the scenario has than `diagnostics` lists (nil: none).
    public var diagnosticsOmitted: Int?
    /// The `Allow` header of a 405: the methods the path takes.
    public var allow: String?
    /// A `Set-Cookie` header to send with the error (clearing an expired sign-in cookie).
    public var setCookie: String?

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, diagnostics: [DiagnosticBody]? = nil,
                diagnosticsOmitted: Int = 0) {
        self.status = status; self.code = code; self.message = message; self.diagnostics = diagnostics
        self.diagnosticsOmitted = diagnosticsOmitted > 0 ? diagnosticsOmitted : nil
    }

    struct Body: Encodable {
        var error: String
        var message: String
        var diagnostics: [DiagnosticBody]?
        var diagnosticsOmitted: Int? = nil
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"guarantor\"" }
        if let allow { headers[.allow] = allow }
        if let setCookie { headers[.setCookie] = setCookie }
        if status == .tooManyRequests { headers[.retryAfter] = String(Self.retryAfterSeconds) }
        let data = (try? JSONCoding.encoder.encode(Body(error: code, message: message, diagnostics: diagnostics, diagnosticsOmitted: diagnosticsOmitted))) ?? Data()
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `Retry-After` of a 429 (every study slot busy): when to try again (a row in docs/ledger/server.md).
    static let retryAfterSeconds = 10

    static func notFound(_ what: String) -> APIError { APIError(.notFound, "not_found", what) }
    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, "bad_request", message) }
    static func unprocessable(_ code: String, _ message: String) -> APIError { APIError(.unprocessableContent, code, message) }
}

/// One validator message at its place, as the API and the editor show it.
public struct DiagnosticBody: Codable, Hashable, Sendable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
}

enum JSONCoding {
    /// Sorted keys: the same value is always the same bytes.
    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}

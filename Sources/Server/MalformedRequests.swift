import Foundation
import HTTPTypes
import HummingbirdCore
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Gives the 400 for a request that is not HTTP a message (and makes the one
/// for a header past the limits a 431).
///
/// NIO's HTTP/1 parser refuses such a request (a garbage request line, a bad
/// header line, broken chunked framing, a header past Hummingbird's limits)
/// before any route or middleware sees it: it raises `HTTPParserError` in the
/// channel pipeline. Hummingbird then writes `400` with `Content-Length: 0`
/// and `Connection: close` itself and closes the connection
/// (`HTTPChannelHandler.handleHTTP`); nothing the router does can change that
/// response. This handler sits in Hummingbird's `additionalChannelHandlers`
/// slot, between the HTTP codec and the request loop: it notes the parser's
/// error on its way past (and passes it on unchanged, so Hummingbird still
/// stops reading the request and closes), and when that bodyless 400 is
/// written it adds the house JSON body, `{"error": "malformed_request",
/// "message": ...}`. A header past the limits is not malformed but too large:
/// its response becomes 431 Request Header Fields Too Large, `header_too_large`
/// (the connection still closes). It changes no other response.
final class MalformedRequestHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The parser's error, from when it passes until the 400 answering it is written.
    private var parseError: HTTPParserError?

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if parseError == nil, let e = error as? HTTPParserError { parseError = e }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard let error = parseError, case .head(var head) = unwrapOutboundIn(data),
              head.status == .badRequest, head.headerFields[.contentLength] == "0" else {
            context.write(data, promise: promise)
            return
        }
        parseError = nil
        let api = Self.apiError(for: error)
        head.status = api.status
        let body = ByteBuffer(bytes: Self.body(api))
        head.headerFields[.contentType] = "application/json; charset=utf-8"
        head.headerFields[.contentLength] = String(body.readableBytes)
        context.write(wrapOutboundOut(.head(head)), promise: promise)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
    }

    /// The error answering a request the parser refused: 431 `header_too_large`
    /// for a header past the limits, 400 `malformed_request` for the rest.
    static func apiError(for error: HTTPParserError) -> APIError {
        if case .headerOverflow = error {
            return APIError(.requestHeaderFieldsTooLarge, "header_too_large",
                            "the request's header is too large: the server takes at most \(limits.maxHeaderListSize / 1024) KiB of header fields, "
                            + "at most \(limits.maxHeaderFieldCount) of them, and no one field over \(limits.maxHeaderFieldSize / 1024) KiB "
                            + "(a chunked body's trailer fields count too); the server has closed the connection")
        }
        return APIError(.badRequest, "malformed_request", message(for: error))
    }

    /// The JSON body of an error.
    static func body(_ api: APIError) -> Data {
        (try? JSONCoding.encoder.encode(APIError.Body(error: api.code, message: api.message, diagnostics: nil))) ?? Data()
    }

    static func message(for error: HTTPParserError) -> String {
        let what: String
        switch error {
        case .invalidMethod: what = "its request line does not start with an HTTP method such as GET or POST"
        case .invalidURL: what = "its request target is not a valid path"
        case .invalidVersion: what = "its request line does not end with HTTP/1.0 or HTTP/1.1"
        case .invalidConstant, .lfExpected, .strictModeAssertion:
            what = "it is not laid out as HTTP/1.1 (`METHOD /path HTTP/1.1`, then `Name: value` header lines, each ending in CRLF)"
        case .invalidHeaderToken: what = "a header line is not `Name: value` with a valid name"
        case .invalidCharactersUsed: what = "it holds characters that HTTP does not allow where they are"
        case .invalidContentLength: what = "its Content-Length is not a number"
        case .unexpectedContentLength: what = "it has a Content-Length that does not belong (two of them, or one beside Transfer-Encoding)"
        case .invalidChunkSize: what = "its chunked body has a chunk size that is not a hexadecimal number"
        case .paused: what = "it starts another protocol (such as HTTP/2's `PRI * HTTP/2.0`); this server speaks HTTP/1.1 only"
        default: what = "the HTTP parser reports `\(error)`"
        }
        return "the request is not valid HTTP/1.1: \(what); the server has closed the connection"
    }

    /// Hummingbird's default header limits (`HTTP1Channel.Configuration`), which the server keeps.
    static let limits = HTTP1Channel.Configuration.DecoderConfiguration()
}

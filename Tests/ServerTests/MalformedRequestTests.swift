import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Requests that are not HTTP never reach the router: NIO's parser refuses
/// them. They must still get a 400 with the house JSON error, on a real
/// socket (the in-process router test has no parser).
@Suite struct MalformedRequestTests {
    /// The server on a loopback port with its own HTTP channel settings; `body` gets the port.
    func live(_ body: @Sendable @escaping (Int) async throws -> Void) async throws {
        let t = try await TestServer.make(loadBundled: false)
        let app = Application(router: t.server.router(), server: t.server.httpServer)
        defer { try? FileManager.default.removeItem(atPath: t.folder) }
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body(port)
        }
        await t.server.shutdown()
    }

    /// The response's status line, headers (lower-case names) and body.
    struct RawResponse {
        var statusLine: String
        var headers: [String: String]
        var body: String
        var object: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }
    }

    func expectMalformed(_ request: String, port: Int, mentioning words: String,
                         sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let raw = try await RawSocket.exchange(port: port, Array(request.utf8))
        let r = try #require(RawSocket.parse(raw), "no HTTP response in \(raw.debugDescription)", sourceLocation: sourceLocation)
        #expect(r.statusLine.hasPrefix("HTTP/1.1 400"), "\(r.statusLine)", sourceLocation: sourceLocation)
        #expect(r.headers["connection"] == "close", sourceLocation: sourceLocation)
        #expect(r.headers["content-type"]?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
        #expect(r.headers["content-length"] == String(r.body.utf8.count), sourceLocation: sourceLocation)
        #expect(r.object["error"] as? String == "malformed_request", "body: \(r.body)", sourceLocation: sourceLocation)
        let message = r.object["message"] as? String ?? ""
        #expect(message.hasPrefix("the request is not valid HTTP/1.1"), "\(message)", sourceLocation: sourceLocation)
        #expect(message.contains(words), "\(message)", sourceLocation: sourceLocation)
    }

    @Test func requestsThatAreNotHTTPGet400WithAMessage() async throws {
        try await live { port in
            // A garbage request line.
            try await expectMalformed("GARBAGE\r\n\r\n", port: port, mentioning: "HTTP")
            // A header line whose name has a space.
            try await expectMalformed("GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n", port: port, mentioning: "header line")
            // Broken chunked framing in the body of a request a route is already
            // reading (this one used to be a 500 `internal_error`).
            try await expectMalformed("POST /api/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n",
                                port: port, mentioning: "chunk size")
        }
    }

    /// A header past the limits (one field over 80 KiB, 80 KiB of fields in
    /// all, more than 1,000 fields, or a chunked body's trailer too large) is
    /// valid HTTP, just too large: 431 `header_too_large`, JSON, connection closed.
    @Test func oversizedHeadersGet431() async throws {
        try await live { port in
            let manyFields = (0..<1_001).map { "X-F\($0): y\r\n" }.joined()
            let requests = [
                "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 90_000) + "\r\n\r\n",
                "GET /api/health HTTP/1.1\r\nHost: x\r\n" + String(repeating: "X-Part: " + String(repeating: "b", count: 1_000) + "\r\n", count: 90) + "\r\n",
                "GET /api/health HTTP/1.1\r\nHost: x\r\n" + manyFields + "\r\n",
                "POST /api/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "2\r\n{}\r\n0\r\nX-Trailer: " + String(repeating: "c", count: 90_000) + "\r\n\r\n",
            ]
            for request in requests {
                let raw = try await RawSocket.exchange(port: port, Array(request.utf8))
                let r = try #require(RawSocket.parse(raw), "no HTTP response in \(raw.prefix(300).debugDescription)")
                #expect(r.statusLine == "HTTP/1.1 431 Request Header Fields Too Large", "\(r.statusLine)")
                #expect(r.headers["connection"] == "close")
                #expect(r.headers["content-type"]?.hasPrefix("application/json") == true)
                #expect(r.headers["content-length"] == String(r.body.utf8.count))
                #expect(r.object["error"] as? String == "header_too_large", "body: \(r.body)")
                let message = r.object["message"] as? String ?? ""
                #expect(message.hasPrefix("the request's header is too large: the server takes at most 80 KiB of header fields, at most 1000 of them"),
                        "\(message)")
            }
        }
    }

    /// The handler touches only the 400 that answers a parse error: on the
    /// same live server, a well-formed request and a route's own 400 are as before.
    @Test func otherResponsesAreUnchanged() async throws {
        try await live { port in
            let ok = try #require(RawSocket.parse(try await RawSocket.exchange(
                port: port, Array("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))))
            #expect(ok.statusLine.hasPrefix("HTTP/1.1 200"))
            #expect(ok.object["status"] as? String == "ok")
            let body = "{\"text\": 3}"
            let bad = try #require(RawSocket.parse(try await RawSocket.exchange(
                port: port, Array(("POST /api/validate HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                                   + "Content-Length: \(body.utf8.count)\r\n\r\n" + body).utf8))))
            #expect(bad.statusLine.hasPrefix("HTTP/1.1 400"))
            #expect(bad.object["error"] as? String == "bad_request", "\(bad.body)")
        }
    }
}

/// One request on a new loopback connection, read until the server closes it.
enum RawSocket {
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// On a thread of its own: blocking a thread of Swift's cooperative pool
    /// (two on a two-core machine) could starve the server's own tasks.
    static func exchange(port: Int, _ bytes: [UInt8]) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try blockingExchange(port: port, bytes) }) }.start()
        }
    }

    static func blockingExchange(port: Int, _ bytes: [UInt8]) throws -> String {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo("localhost", String(port), &hints, &list) == 0, let first = list else {
            throw Failure(description: "cannot resolve localhost")
        }
        defer { freeaddrinfo(list) }
        var fd: Int32 = -1
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let a = next {
            let s = socket(a.pointee.ai_family, a.pointee.ai_socktype, a.pointee.ai_protocol)
            if s >= 0, connect(s, a.pointee.ai_addr, a.pointee.ai_addrlen) == 0 { fd = s; break }
            if s >= 0 { close(s) }
            next = a.pointee.ai_next
        }
        guard fd >= 0 else { throw Failure(description: "cannot connect to localhost:\(port)") }
        defer { close(fd) }
        // Only a guard against a server that never closes: the test waits for the close, not for time.
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            // The server may answer and close before it has read everything (an oversized header).
            if n <= 0 { break }
            sent += n
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// The first response in `raw` (nil if there is none).
    static func parse(_ raw: String) -> MalformedRequestTests.RawResponse? {
        guard let split = raw.range(of: "\r\n\r\n") else { return nil }
        let head = raw[..<split.lowerBound].components(separatedBy: "\r\n")
        guard let status = head.first, status.hasPrefix("HTTP/") else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = String(raw[split.upperBound...])
        if let length = headers["content-length"].flatMap(Int.init), body.utf8.count > length {
            body = String(decoding: Array(body.utf8)[..<length], as: UTF8.self)
        }
        return MalformedRequestTests.RawResponse(statusLine: status, headers: headers, body: body)
    }
}

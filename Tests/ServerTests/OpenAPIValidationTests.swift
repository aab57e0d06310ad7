import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// `/openapi.yaml` checked by an OpenAPI 3.1 validator (Python's
/// openapi-spec-validator), and its list of error codes against the server's code.
enum OpenAPIValidator {
    /// A Python that has openapi-spec-validator: $GUARANTOR_PYTHON, else python3.
    static let python: String? = {
        let env = ProcessInfo.processInfo.environment["GUARANTOR_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
        for candidate in [env, "/usr/bin/env python3"].compactMap({ $0 }) {
            var parts = candidate.split(separator: " ").map(String.init)
            parts += ["-c", "import openapi_spec_validator"]
            if (try? run(parts).status) == 0 { return candidate }
        }
        return nil
    }()

    static func run(_ command: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        let out = Pipe()
        p.standardOutput = out; p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Suite("OpenAPI document")
struct OpenAPIValidationTests {
    @Test(.enabled(if: OpenAPIValidator.python != nil,
                   "no Python with openapi-spec-validator (pip install openapi-spec-validator, or set GUARANTOR_PYTHON), so /openapi.yaml is not validated here"))
    func theServedDocumentIsValidOpenAPI31() async throws {
        let t = try await TestServer.make(loadBundled: false)
        try await t.test { client in
            let doc = try await client.execute(uri: "/openapi.yaml", method: .get).text
            let file = t.folder + "/openapi.yaml"
            try doc.write(toFile: file, atomically: true, encoding: .utf8)
            let script = """
            import sys
            from openapi_spec_validator import validate
            from openapi_spec_validator.readers import read_from_filename
            spec, _ = read_from_filename(sys.argv[1])
            validate(spec)
            print("valid")
            """
            let python = (OpenAPIValidator.python ?? "python3").split(separator: " ").map(String.init)
            let r = try OpenAPIValidator.run(python + ["-c", script, file])
            #expect(r.status == 0 && r.output.contains("valid"), "\(r.output)")
        }
    }

    /// Every response header the server's API sets (beyond Content-Type, and
    /// the pages' own Content-Security-Policy, X-Content-Type-Options and
    /// Cache-Control) is described under `components.headers`, and the
    /// responses that carry them refer to them.
    @Test func everyResponseHeaderIsDocumented() async throws {
        let folder = repositoryRoot + "/Sources/Server"
        var names: Set<String> = []
        for f in try FileManager.default.contentsOfDirectory(atPath: folder) where f.hasSuffix(".swift") && f != "OpenAPIDocument.swift" {
            let text = try String(contentsOfFile: folder + "/" + f, encoding: .utf8)
            for pattern in [#"headers\[\.([a-zA-Z]+)\] = [^=]"#, #"HTTPField\.Name\("([A-Za-z-]+)"\)"#] {
                let regex = try NSRegularExpression(pattern: pattern)
                for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    if let r = Range(m.range(at: 1), in: text) { names.insert(String(text[r])) }
                }
            }
        }
        // Swift's names for the standard fields, as HTTP spells them; the pages' own are left out.
        let spelled = ["location": "Location", "wwwAuthenticate": "WWW-Authenticate", "allow": "Allow", "setCookie": "Set-Cookie",
                       "signInExpired": "Guarantor-Sign-In-Expired", "retryAfter": "Retry-After"]
        let pagesOnly: Set<String> = ["contentType", "contentTypeOptions", "contentSecurityPolicy", "cacheControl",
                                      "Content-Security-Policy", "X-Content-Type-Options"]
        let sent = Set(names.subtracting(pagesOnly).map { spelled[$0] ?? $0 })
        #expect(sent.isSuperset(of: ["Location", "WWW-Authenticate", "Allow", "Set-Cookie", "Guarantor-Sign-In-Expired", "Retry-After"]), "\(sent.sorted())")
        let t = try await TestServer.make(loadBundled: false)
        try await t.test { client in
            let doc = try await client.execute(uri: "/openapi.yaml", method: .get).text
            for name in sent.sorted() {
                #expect(doc.contains("\n    \(name):\n      description:") || doc.contains("\n        \(name):\n          description:"),
                        "\(name) is not described under components.headers of /openapi.yaml")
                #expect(doc.contains("$ref: '#/components/headers/\(name)'"), "no response of /openapi.yaml refers to \(name)")
            }
        }
    }

    /// Every error code the server's sources send is listed in the document's `Error.error`.
    @Test func everyErrorCodeIsDocumented() async throws {
        let folder = repositoryRoot + "/Sources/Server"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".swift") }
        let pattern = try NSRegularExpression(pattern: #"APIError(?:\.[a-z]+)?\((?:\.[a-zA-Z]+, )?"([a-z_]+)""#)
        var codes: Set<String> = []
        for f in files {
            let text = try String(contentsOfFile: folder + "/" + f, encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let r = Range(m.range(at: 1), in: text) { codes.insert(String(text[r])) }
            }
        }
        let sent = codes
        #expect(sent.count > 15 && sent.contains("too_many_studies") && sent.contains("invalid_scenario"))
        let t = try await TestServer.make(loadBundled: false)
        try await t.test { client in
            let doc = try await client.execute(uri: "/openapi.yaml", method: .get).text
            let listed = doc.components(separatedBy: "- enum: [").dropFirst().first?.components(separatedBy: "]").first ?? ""
            let documented = Set(listed.split(whereSeparator: { ", \n".contains($0) }).map(String.init))
            #expect(sent.subtracting(documented).isEmpty, "not in /openapi.yaml: \(sent.subtracting(documented).sorted())")
        }
    }
}

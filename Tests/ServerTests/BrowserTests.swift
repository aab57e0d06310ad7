import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Store
import Testing

/// The real-browser test: a live server on a loopback port, driven by headless
/// Chromium through Browser/editor_flow.py. Needs `chromium` on PATH and a Python
/// with the `websocket-client` package (GUARANTOR_PYTHON, else python3); skipped
/// with a message otherwise.
enum BrowserTool {
    static let python = ProcessInfo.processInfo.environment["GUARANTOR_PYTHON"] ?? "python3"
    static let script = repositoryRoot + "/Tests/ServerTests/Browser/editor_flow.py"

    static func which(_ name: String) -> Bool {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return paths.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }

    static let chromium = ["chromium", "chromium-browser", "google-chrome"].contains(where: which)
        || ProcessInfo.processInfo.environment["GUARANTOR_CHROMIUM"] != nil

    static let websocketModule: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [python, "-c", "import websocket"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    static var available: Bool { chromium && websocketModule }
    static var why: Comment {
        Comment(rawValue: !chromium ? "no chromium on PATH (Debian: apt-get install chromium); the browser test is skipped"
                : "\(python) cannot import `websocket` (pip install websocket-client, or set GUARANTOR_PYTHON); the browser test is skipped")
    }

    /// Runs the script to its end without blocking a concurrency thread.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [python] + arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        let collected = OutputBox()
        pipe.fileHandleForReading.readabilityHandler = { h in collected.append(h.availableData) }
        let status: Int32 = try await withCheckedThrowingContinuation { cont in
            p.terminationHandler = { cont.resume(returning: $0.terminationStatus) }
            do { try p.run() } catch { cont.resume(throwing: error) }
        }
        pipe.fileHandleForReading.readabilityHandler = nil
        collected.append(pipe.fileHandleForReading.readDataToEndOfFile())
        return (status, collected.text)
    }
}

final class OutputBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ d: Data) { lock.lock(); data.append(d); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
}

@Suite("Real browser", .enabled(if: BrowserTool.available, BrowserTool.why))
struct BrowserTests {
    /// Serves `t` on a free local port, runs the browser script against it
    /// with `arguments` after the base URL, and returns the script's exit
    /// status and output; then stops the server and removes its folder.
    func drive(_ t: TestServer, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let app = Application(router: t.server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let result = try await app.test(.live) { client -> (status: Int32, output: String) in
            let port = try #require(client.port)
            return try await BrowserTool.run([BrowserTool.script, "http://127.0.0.1:\(port)"] + arguments)
        }
        await t.server.shutdown()
        try? FileManager.default.removeItem(atPath: t.folder)
        return result
    }

    @Test func typeAnInvalidScenarioFixItRunAStudyAndSeeTheChart() async throws {
        let t = try await TestServer.make()
        let (status, output) = try await drive(t, [t.token])
        #expect(status == 0, "\(output)")
        #expect(output.contains("error shown at line 3: browser-test.yaml:3:7"))
        #expect(output.contains("unsaved note: The editor has changes that are not saved"), "\(output)")
        #expect(output.contains("gutter offset at the end: 0 px"), "\(output)")
        #expect(output.contains("report frame ") && output.contains(" px tall"), "\(output)")
        #expect(output.contains("browser test: passed"))
    }

    /// The sign-in expires while the editor is open, and the editor's
    /// background check is the first request after: the notice that it
    /// expired still reaches the page (the script shows it from the check's
    /// response), and the next page shows it too and clears the cookie.
    @Test func theSignInExpiresWhileTheEditorIsOpen() async throws {
        let t = try await TestServer.make(loadBundled: true)
        let secret = Tokens.newSecret()
        // Long enough to start Chromium and sign in on a busy machine (8 s was
        // not, with the whole suite running on two cores); the script waits out the rest.
        let expiresAt = StoreClock.now() + 20_000
        _ = try await t.store.createToken(name: "olga", hash: Tokens.hash(secret), expiresAt: expiresAt)
        let (status, output) = try await drive(t, [secret, "--expires-at", String(expiresAt)])
        #expect(status == 0, "\(output)")
        #expect(output.contains("editor notice: Your sign-in expired on \(Tokens.date(expiresAt))"), "\(output)")
        #expect(output.contains("next page notice: Your sign-in expired on \(Tokens.date(expiresAt)) (token 2, held by olga)"), "\(output)")
        #expect(output.contains("browser expiry test: passed"))
    }

    /// With `--private-read`, a study's page whose sign-in goes (cookies
    /// cleared) while the study runs: the progress poll gets a 401, and the
    /// page says why it stopped following the study instead of reloading.
    @Test func aStudyPageSignedOutWhileTheStudyRunsStopsPollingAndSaysWhy() async throws {
        let t = try await TestServer.make(privateRead: true) { $0.studyThreads = 1 }
        let (status, output) = try await drive(t, [t.token, "--signed-out-while-running"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("status after signing out: progress unavailable: "), "\(output)")
        #expect(output.contains("browser signed-out test: passed"))
    }
}

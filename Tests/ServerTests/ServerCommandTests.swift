import Foundation
import Server
import Store
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `guarantor-server` executable as an operator runs it: flags and the
/// token commands (nothing here starts a server).
enum ServerCommand {
    static let binary: String? = {
        let name = "guarantor-server"
        var candidates = [Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name).path,
                          Bundle.main.bundleURL.appendingPathComponent(name).path,
                          repositoryRoot + "/.build/debug/" + name]
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        for _ in 0..<4 { dir.deleteLastPathComponent(); candidates.append(dir.appendingPathComponent(name).path) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Output { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ args: [String], in folder: String) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary ?? "/nonexistent")
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: folder)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// A loopback port this process listens on (and the socket, to close), so
    /// that `serve --port` on it cannot listen and stops.
    static func busyPort() throws -> (Int32, Int) {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p in
                bind(fd, p, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, p, &length) == 0
            }
        }
        guard fd >= 0, bound else {
            if fd >= 0 { close(fd) }
            throw CocoaError(.featureUnsupported)
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    static func withFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guarantor-cmd-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }
}

@Suite("guarantor-server command", .enabled(if: ServerCommand.binary != nil,
    "the guarantor-server executable is not next to the tests; run `swift build` first"))
struct ServerCommandTests {
    /// Bad limits are refused with the flag's own message before anything
    /// starts, negative numbers included (they read as unknown flags before).
    @Test(arguments: [
        (["--max-runs", "-1"], "--max-runs must be at least 2"),
        (["--max-body-bytes", "-1"], "--max-body-bytes must be at least 1024"),
        (["--request-timeout", "-5"], "--request-timeout must be more than 0"),
        (["--request-timeout", "inf"], "--request-timeout must be more than 0 and at most 86400 seconds"),
        (["--request-timeout", "1e300"], "--request-timeout must be more than 0 and at most 86400 seconds"),
        (["--idle-timeout", "nan"], "--idle-timeout must be more than 0"),
        (["--max-concurrent-studies", "0"], "--max-concurrent-studies must be at least 1"),
        (["--max-versions", "0"], "--max-versions must be at least 1"),
    ])
    func badLimitsAreRefused(_ flags: [String], _ message: String) throws {
        try ServerCommand.withFolder { folder in
            let r = try ServerCommand.run(["serve", "--port", "1"] + flags, in: folder)
            #expect(r.status == 64, "\(r.status): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/guarantor.sqlite"))
        }
    }

    @Test func helpShowsTheDefaults() throws {
        try ServerCommand.withFolder { folder in
            let help = try ServerCommand.run(["serve", "--help"], in: folder).stdout
            for d in ["(default: 1048576)", "(default: 2000000)", "(default: 50000)", "(default: 2)", "(default: 60.0)", "(default: 30.0)", "(default: 1000)"] {
                #expect(help.contains(d), "\(d) in \(help)")
            }
        }
    }

    @Test func tokensAreCreatedListedAndRevoked() throws {
        try ServerCommand.withFolder { folder in
            let created = try ServerCommand.run(["token", "create", "--name", "alice"], in: folder)
            #expect(created.status == 0 && created.stdout.hasPrefix("gt_"))
            _ = try ServerCommand.run(["token", "create", "--name", "bob"], in: folder)
            let list = try ServerCommand.run(["token", "list"], in: folder)
            #expect(list.status == 0)
            #expect(list.stdout.split(separator: "\n").map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
                    == ["ID NAME", "1 alice", "2 bob"], "\(list.stdout)")
            #expect(!list.stdout.contains(created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
            let byName = try ServerCommand.run(["token", "revoke", "alice"], in: folder)
            #expect(byName.status == 0 && byName.stdout == "revoked token 1 (alice)\n", "\(byName.stdout)")
            let byID = try ServerCommand.run(["token", "revoke", "2"], in: folder)
            #expect(byID.status == 0 && byID.stdout == "revoked token 2 (bob)\n")
            let none = try ServerCommand.run(["token", "revoke", "2"], in: folder)
            #expect(none.status == 1 && none.stderr.contains("no token has the id or holder `2`"), "\(none.stderr)")
            #expect(!none.stderr.contains("Usage:"))
            #expect(try ServerCommand.run(["token", "list"], in: folder).stdout == "ID  NAME  CREATED (UTC)  EXPIRES (UTC)\n")
        }
    }

    /// `token create --expires-days N` (default 90; 0 never), shown by `token list`.
    @Test func tokensExpire() throws {
        try ServerCommand.withFolder { folder in
            let lasting = try ServerCommand.run(["token", "create", "--name", "ann"], in: folder)
            #expect(lasting.status == 0 && lasting.stdout.hasPrefix("gt_") && lasting.stdout.split(separator: "\n").count == 1)
            #expect(lasting.stderr.contains("token 1 for ann expires ") && lasting.stderr.contains("(in 90 days)"), "\(lasting.stderr)")
            let week = try ServerCommand.run(["token", "create", "--name", "bob", "--expires-days", "7"], in: folder)
            #expect(week.status == 0 && week.stderr.contains("(in 7 days)"), "\(week.stderr)")
            let never = try ServerCommand.run(["token", "create", "--name", "cy", "--expires-days", "0"], in: folder)
            #expect(never.status == 0 && never.stderr.contains("token 3 for cy never expires"), "\(never.stderr)")
            for bad in ["-1", "36501", "x"] {
                let r = try ServerCommand.run(["token", "create", "--name", "dee", "--expires-days", bad], in: folder)
                #expect(r.status == 64, "\(bad): \(r.stderr)")
                if bad != "x" { #expect(r.stderr.contains("--expires-days must be between 0 (never expires) and 36500"), "\(r.stderr)") }
            }
            let list = try ServerCommand.run(["token", "list"], in: folder).stdout.split(separator: "\n").map(String.init)
            #expect(list.count == 4 && list[0].hasSuffix("EXPIRES (UTC)") && list[3].hasSuffix("never"), "\(list)")
            // The expiry is 90 and 7 days after creation, to the second as listed.
            func days(_ line: String) -> Double? {
                let parts = line.split(separator: " ").map(String.init)
                let f = ISO8601DateFormatter()
                guard parts.count >= 4, let created = f.date(from: parts[2]), let expires = f.date(from: parts[3]) else { return nil }
                return expires.timeIntervalSince(created) / 86_400
            }
            #expect(days(list[1]).map { abs($0 - 90) < 0.001 } == true && days(list[2]).map { abs($0 - 7) < 0.001 } == true, "\(list)")
        }
    }

    /// What `serve` says about tokens at start, before it listens: a first
    /// start (no tokens) makes `admin`; when every token on record has expired
    /// it makes none and says how to make one. The port is held by this test,
    /// so the server stops right after (it cannot listen) and nothing is left running.
    @Test func serveSaysWhenEveryTokenHasExpired() async throws {
        let (fd, port) = try ServerCommand.busyPort()
        defer { close(fd) }
        let serve = ["serve", "--port", String(port)]
        // A first start: `admin` is made.
        try ServerCommand.withFolder { folder in
            let first = try ServerCommand.run(serve, in: folder)
            #expect(first.status != 0 && first.stderr.contains("No tokens yet: created token `admin`"), "\(first.stderr)")
            #expect(!first.stderr.contains("Every token has expired"))
            let list = try ServerCommand.run(["token", "list"], in: folder).stdout
            #expect(list.split(separator: "\n").count == 2 && list.contains(" admin "), "\(list)")
        }
        // Every token expired: a warning, and no new token.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guarantor-cmd-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let expiry = StoreClock.now() - 86_400_000
        do {
            let store = try SQLiteStore(path: folder + "/guarantor.sqlite")
            _ = try await store.createToken(name: "old", hash: Tokens.hash(Tokens.newSecret()), expiresAt: expiry - 5_000)
            _ = try await store.createToken(name: "older", hash: Tokens.hash(Tokens.newSecret()), expiresAt: expiry)
        }
        let expired = try ServerCommand.run(serve, in: folder)
        #expect(expired.status != 0)
        #expect(expired.stderr.contains("Every token has expired (all 2 on record, the last on \(Tokens.date(expiry))): nobody can sign in"), "\(expired.stderr)")
        #expect(expired.stderr.contains("guarantor-server token create --name NAME") && !expired.stderr.contains("No tokens yet"), "\(expired.stderr)")
        let list = try ServerCommand.run(["token", "list"], in: folder).stdout
        #expect(list.split(separator: "\n").count == 3 && !list.contains("admin"), "\(list)")
        // One token that works (here: one that never expires) and nothing is said.
        _ = try ServerCommand.run(["token", "create", "--name", "new", "--expires-days", "0"], in: folder)
        let working = try ServerCommand.run(serve, in: folder)
        #expect(working.status != 0 && !working.stderr.contains("Every token has expired") && !working.stderr.contains("No tokens yet"), "\(working.stderr)")
    }

    @Test func aBadDatabaseIsOneErrorWithoutUsage() throws {
        try ServerCommand.withFolder { folder in
            let r = try ServerCommand.run(["token", "list", "--db", folder + "/no/such/dir/x.sqlite"], in: folder)
            #expect(r.status == 1 && r.stderr.contains("cannot open the SQLite database"), "\(r.stderr)")
            #expect(!r.stderr.contains("Usage:"))
        }
    }
}

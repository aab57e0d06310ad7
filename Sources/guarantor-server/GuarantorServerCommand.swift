import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Server
import Store

@main
struct GuarantorServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guarantor-server",
        abstract: "The Guarantor web app and HTTP API, on SQLite (default) or PostgreSQL.",
        subcommands: [Serve.self, TokenCommand.self],
        defaultSubcommand: Serve.self
    )
}

/// Where the data lives: `--db` takes a SQLite file path or a `postgres://` URL.
struct DatabaseOption: ParsableArguments {
    @Option(help: "SQLite file, or postgres://user:password@host:port/database (default: guarantor.sqlite in the working directory).")
    var db: String = "guarantor.sqlite"

    func open() async throws -> any GuarantorStore {
        if db.hasPrefix("postgres://") || db.hasPrefix("postgresql://") { return try await PostgresStore.connect(url: db) }
        return try SQLiteStore(path: db)
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the web app and the API.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "Folder of bundled scenarios to add to the library when missing (skipped if absent).") var scenarios = "scenarios"
    @Flag(help: "Reading (pages and API) also needs a token.") var privateRead = false
    // `.unconditional`: `--max-runs -1` is the value -1 (refused by validate()
    // with a message), not a missing value followed by an unknown flag `-1`.
    @Option(parsing: .unconditional, help: "Largest request body in bytes (at least 1024).")
    var maxBodyBytes: Int = Self.defaults.maxBodyBytes
    @Option(parsing: .unconditional, help: "Most runs per study, counting the sensitivity analysis's.")
    var maxRuns: Int64 = Self.defaults.maxRunsPerStudy
    @Option(parsing: .unconditional, help: "Most runs per scenario in a compare (it runs inside the request).")
    var maxCompareRuns: Int64 = Self.defaults.maxCompareRuns
    @Option(parsing: .unconditional, help: "Most scenario versions one token holder may save, all scenarios together (409 past it).")
    var maxVersions: Int = Self.defaults.maxVersionsPerHolder
    @Option(parsing: .unconditional, help: "Studies and compares running at once.")
    var maxConcurrentStudies: Int = Self.defaults.maxConcurrentStudies
    @Option(parsing: .unconditional, help: "Longest a request may take, in seconds (more than 0, at most 86400).")
    var requestTimeout: Double = Self.defaults.requestTimeoutSeconds
    @Option(parsing: .unconditional,
            help: "Close a connection that sends and receives nothing for this many seconds (also bounds how long a request's headers may take; more than 0, at most 86400).")
    var idleTimeout: Double = Self.defaults.idleTimeoutSeconds
    @Option(parsing: .unconditional, help: "Worker threads per study (default: all cores).") var threads: Int?

    static var defaults: ServerLimits { ServerLimits(studyThreads: 1) }

    func validate() throws {
        if !(1...65535).contains(port) { throw ValidationError("--port must be between 1 and 65535") }
        if maxBodyBytes < 1024 { throw ValidationError("--max-body-bytes must be at least 1024") }
        if maxRuns < 2 { throw ValidationError("--max-runs must be at least 2 (a study needs two runs for a standard error)") }
        if maxCompareRuns < 2 { throw ValidationError("--max-compare-runs must be at least 2 (a comparison needs two runs for a standard error)") }
        if maxConcurrentStudies < 1 { throw ValidationError("--max-concurrent-studies must be at least 1") }
        if maxVersions < 1 { throw ValidationError("--max-versions must be at least 1") }
        if let why = ServerLimits.requestTimeoutProblem(requestTimeout) { throw ValidationError(why) }
        if let why = ServerLimits.idleTimeoutProblem(idleTimeout) { throw ValidationError(why) }
        if let threads, !(1...1024).contains(threads) { throw ValidationError("--threads must be between 1 and 1024") }
    }

    func run() async throws {
        var logger = Logger(label: "guarantor-server")
        logger.logLevel = .info
        var limits = ServerLimits(studyThreads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        limits.maxBodyBytes = maxBodyBytes
        limits.maxRunsPerStudy = maxRuns
        limits.maxCompareRuns = maxCompareRuns
        limits.maxConcurrentStudies = maxConcurrentStudies
        limits.maxVersionsPerHolder = maxVersions
        limits.requestTimeoutSeconds = requestTimeout
        limits.idleTimeoutSeconds = idleTimeout

        let store: any GuarantorStore
        do { store = try await database.open() } catch { throw Failure("\(error)") }
        let server = try GuarantorServer(store: store, settings: ServerSettings(privateRead: privateRead, limits: limits),
                                         logger: logger)
        for line in try await server.prepare(bundled: BundledScenarios.read(folder: scenarios)) { logger.info("\(line)") }
        let tokens = try await store.tokens()
        if let warning = Tokens.allExpiredWarning(tokens) {
            // Tokens on record but none works: no way in until the operator makes one.
            FileHandle.standardError.write(Data(warning.utf8))
        }
        if tokens.isEmpty {
            // A fresh install has no way in otherwise; the secret is shown this once and stored only as a hash.
            let (secret, record) = try await Tokens.create(name: "admin", days: Tokens.defaultExpiryDays, in: store)
            let expires = record.expiresAt.map(Tokens.date) ?? "never"
            FileHandle.standardError.write(Data("""
                No tokens yet: created token `admin` (shown only now; sign in with it at http://\(host):\(port)/login):
                  \(secret)
                It expires \(expires) (in \(Tokens.defaultExpiryDays) days); make more with `guarantor-server token create`.

                """.utf8))
        }
        let app = Application(
            router: server.router(),
            server: server.httpServer,
            configuration: .init(address: .hostname(host, port: port), serverName: "guarantor-server"),
            logger: logger
        )
        do {
            try await app.runService()
        } catch {
            // Even when the server ends with an error, the running studies are stored as cancelled.
            await server.shutdown()
            (store as? PostgresStore)?.close()
            throw error
        }
        // SIGTERM or SIGINT: the server has stopped taking requests; the running studies are stored as cancelled.
        await server.shutdown()
        logger.info("stopped; studies that were running are stored as cancelled")
        (store as? PostgresStore)?.close()
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage API tokens.",
                                                    subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it (it is stored only as a SHA-256 hash).")
        @OptionGroup var database: DatabaseOption
        @Option(help: "Who holds the token (recorded as the author of what it saves and runs).") var name: String
        @Option(parsing: .unconditional, help: "Days until the token stops working (0: never; at most \(Tokens.maxExpiryDays)).")
        var expiresDays: Int = Tokens.defaultExpiryDays

        func validate() throws {
            let ok = !name.isEmpty && name.count <= 100 && name.unicodeScalars.allSatisfy { !CharacterSet.controlCharacters.contains($0) }
            if !ok { throw ValidationError("--name must be 1 to 100 printable characters") }
            if !(0...Tokens.maxExpiryDays).contains(expiresDays) {
                throw ValidationError("--expires-days must be between 0 (never expires) and \(Tokens.maxExpiryDays)")
            }
        }

        func run() async throws {
            let store: any GuarantorStore
            do { store = try await database.open() } catch { throw Failure("\(error)") }
            let (secret, record) = try await Tokens.create(name: name, days: expiresDays, in: store)
            (store as? PostgresStore)?.close()
            // Only the secret on standard output, for `T=$(guarantor-server token create ...)`.
            print(secret)
            let expires = record.expiresAt.map { "expires \(Tokens.date($0)) (in \(expiresDays) days)" } ?? "never expires"
            FileHandle.standardError.write(Data("token \(record.id) for \(name) \(expires)\n".utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the tokens: id, holder's name, when it was created and when it expires (the secrets are not stored).")
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let store: any GuarantorStore
            do { store = try await database.open() } catch { throw Failure("\(error)") }
            let tokens = try await store.tokens()
            (store as? PostgresStore)?.close()
            print(Tokens.listing(tokens))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a token by its id (see `token list`), or every token of a holder by name. It stops working at once.")
        @OptionGroup var database: DatabaseOption
        @Argument(help: "The token's id, or its holder's name (revokes all of that holder's tokens).") var token: String

        func run() async throws {
            let store: any GuarantorStore
            do { store = try await database.open() } catch { throw Failure("\(error)") }
            let revoked: [TokenRecord]
            do { revoked = try await Tokens.revoke(token, in: store) } catch {
                (store as? PostgresStore)?.close()
                throw error
            }
            (store as? PostgresStore)?.close()
            if revoked.isEmpty { throw Failure("no token has the id or holder `\(token)`; `guarantor-server token list` shows them") }
            for t in revoked { print("revoked token \(t.id) (\(t.name))") }
        }
    }
}

/// An error that is not about the command line: ArgumentParser prints
/// `Error: MESSAGE` and exits with status 1, without the usage block it adds to a ValidationError.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Reads `*.yaml` from the bundled scenarios folder (the server's only file reading besides the database).
enum BundledScenarios {
    static func read(folder: String) -> [(name: String, text: String)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.sorted().compactMap { file in
            guard file.hasSuffix(".yaml"),
                  let data = FileManager.default.contents(atPath: folder + "/" + file),
                  let text = String(data: data, encoding: .utf8) else { return nil }
            return (String(file.dropLast(5)), text)
        }
    }
}

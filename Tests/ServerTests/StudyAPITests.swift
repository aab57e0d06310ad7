import CrisisEngine
import Deterrence
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Reports
import ScenarioSpec
import Server
import Store
import Testing

@Suite("Studies and compare over HTTP")
struct StudyAPITests {
    @Test func aStudyRunsInTheBackgroundAndGivesTheCLIResult() async throws {
        let t = try await TestServer.make()
        try await t.test { client in
            let start = try await client.execute(uri: "/api/studies", method: .post, headers: t.auth,
                                                 body: json(["scenario": "nato-article5", "runs": 100, "seed": 42]))
            #expect(start.status == .accepted)
            let id = try #require(start.object["id"] as? String)
            #expect(start.headers[.location] == "/api/studies/\(id)")
            #expect(start.object["createdBy"] as? String == "ann" && start.object["runs"] as? Int == 100)
            await t.server.waitForStudy(id)
            let done = try await client.execute(uri: "/api/studies/\(id)", method: .get)
            #expect(done.object["status"] as? String == "succeeded" && done.object["progress"] as? Double == 1)
            #expect(done.object["resultURL"] as? String == "/api/studies/\(id)/result")
            let result = try await client.execute(uri: "/api/studies/\(id)/result", method: .get)
            #expect(result.status == .ok)
            // The same library calls as `guarantor study --runs 100 --seed 42`: the same figures.
            let served = try JSONReport.decodeStudy(result.text).get()
            let expected = try await Self.cliStudy("nato-article5", runs: 100, seed: 42)
            var a = served, b = expected
            a.meta.timing = nil; b.meta.timing = nil
            #expect(a == b)
            let html = try await client.execute(uri: "/api/studies/\(id)/result?format=html", method: .get)
            #expect(html.status == .ok && html.headers[.contentType] == "text/html; charset=utf-8")
            #expect(html.headers[HTTPField.Name("Content-Security-Policy") ?? .contentType]?.hasPrefix("default-src 'none'; script-src 'unsafe-inline'") == true)
            #expect(html.headers[HTTPField.Name("X-Content-Type-Options") ?? .contentType] == "nosniff")
            #expect(html.text == HTMLReport.study(served))
            expectError(try await client.execute(uri: "/api/studies/\(id)/result?format=pdf", method: .get), .badRequest, "bad_request")
            expectError(try await client.execute(uri: "/api/studies/\(id)/cancel", method: .post, headers: t.auth), .conflict, "already_finished")
            let list = try await client.execute(uri: "/api/studies", method: .get)
            #expect((list.object["studies"] as? [[String: Any]])?.first?["id"] as? String == id)
        }
    }

    /// What `CLI.study` does, through the same library functions.
    static func cliStudy(_ name: String, runs: Int64, seed: UInt64) async throws -> StudyResult {
        let folder = repositoryRoot + "/scenarios"
        let scenario = try ScenarioLoader.load(path: "\(folder)/\(name).yaml").get()
        let plan = CompiledScenario(scenario)
        let (acc, partial) = try await StudyRunner.run(plan: plan, seed: seed, runs: runs, threads: 2)
        var result = partial
        AggressorDecision.annotate(&result, plan: plan, accumulator: acc, seed: seed)
        return result
    }

    @Test func studyRequestsOutsideTheLimitsAreRefused() async throws {
        let t = try await TestServer.make(configure: { $0.maxRunsPerStudy = 5_000; $0.maxSensitivityRuns = 1_000 })
        try await t.test { client in
            expectError(try await client.execute(uri: "/api/studies", method: .post, headers: jsonHeaders,
                                                 body: json(["scenario": "nato-article5"])), .unauthorized, "token_required")
            expectError(try await client.execute(uri: "/api/studies", method: .post, headers: t.auth,
                                                 body: json(["scenario": "nato-article5", "runs": 5_001])), .unprocessableContent, "too_many_runs")
            expectError(try await client.execute(uri: "/api/studies", method: .post, headers: t.auth,
                                                 body: json(["scenario": "nato-article5", "runs": 0])), .unprocessableContent, "bad_runs")
            // The scenario's own 10,000 runs are over this server's limit too.
            expectError(try await client.execute(uri: "/api/studies", method: .post, headers: t.auth,
                                                 body: json(["scenario": "nato-article5"])), .unprocessableContent, "too_many_runs")
            expectError(try await client.execute(uri: "/api/studies", method: .post, headers: t.auth,
                                                 body: json(["scenario": "nato-article5", "runs": 100, "sensitivityRuns": 5_000])),
                        .unprocessableContent, "bad_sensitivity_runs")
            // The sensitivity analysis's runs count against --max-runs too: 1,000 runs
            // for each of the baseline and two variants per uncertain input is far above 5,000.
            let sensitivity = expectError(try await client.execute(uri: "/api/studies", method: .post, headers: t.auth,
                                                                   body: json(["scenario": "nato-article5", "runs": 1_000, "sensitivityRuns": 1_000])),
                                          .unprocessableContent, "too_many_runs")
            #expect((sensitivity["message"] as? String)?.contains("sensitivity variants × 1000 runs") == true, "\(sensitivity)")
            expectError(try await client.execute(uri: "/api/studies", method: .post, headers: t.auth,
                                                 body: json(["scenario": "nowhere", "runs": 100])), .notFound, "not_found")
            expectError(try await client.execute(uri: "/api/studies", method: .post, headers: t.auth,
                                                 body: json(["scenario": "nato-article5", "version": "abc", "runs": 100])), .notFound, "not_found")
            expectError(try await client.execute(uri: "/api/studies/nothing", method: .get), .notFound, "not_found")
            expectError(try await client.execute(uri: "/api/studies/nothing/result", method: .get), .notFound, "not_found")
            expectError(try await client.execute(uri: "/api/studies/nothing/cancel", method: .post, headers: t.auth), .notFound, "not_found")
            #expect(try await t.store.studies(limit: 10).isEmpty)
        }
    }

    @Test func concurrencyLimitAndCancellation() async throws {
        let t = try await TestServer.make(configure: { $0.maxConcurrentStudies = 1 })
        try await t.test { client in
            // Two million runs: far longer than the test takes to cancel it.
            let big = try await client.execute(uri: "/api/studies", method: .post, headers: t.auth,
                                               body: json(["scenario": "nato-article5", "runs": 2_000_000]))
            #expect(big.status == .accepted)
            let id = try #require(big.object["id"] as? String)
            let busy = expectError(try await client.execute(uri: "/api/studies", method: .post, headers: t.auth,
                                                            body: json(["scenario": "nato-article5", "runs": 10])), .tooManyRequests, "too_many_studies")
            #expect((busy["message"] as? String)?.hasPrefix("1 study is running, the most") == true, "\(busy)")
            expectError(try await client.execute(uri: "/api/studies/\(id)/result", method: .get), .conflict, "no_result")
            expectError(try await client.execute(uri: "/api/studies/\(id)/cancel", method: .post), .unauthorized, "token_required")
            let cancelled = try await client.execute(uri: "/api/studies/\(id)/cancel", method: .post, headers: t.auth)
            #expect(cancelled.status == .ok && cancelled.object["status"] as? String == "cancelled")
            #expect(cancelled.object["message"] as? String == "cancelled by ann")
            expectError(try await client.execute(uri: "/api/studies/\(id)/result", method: .get), .conflict, "no_result")
            expectError(try await client.execute(uri: "/api/studies/\(id)/cancel", method: .post, headers: t.auth), .conflict, "already_finished")
            // The slot is free again once the job has stopped (at the end of its chunk of runs).
            await t.server.waitForStudy(id)
            #expect(try await t.store.study(id: id)?.status == .cancelled)
            let next = try await client.execute(uri: "/api/studies", method: .post, headers: t.auth,
                                                body: json(["scenario": "nato-article5", "runs": 10]))
            #expect(next.status == .accepted)
            await t.server.waitForStudy(next.object["id"] as? String ?? "")
        }
    }

    @Test func studiesLeftRunningByACrashAreMarkedFailedAtStart() async throws {
        let t = try await TestServer.make()
        let new = NewStudy(scenarioName: "nato-article5", scenarioHash: "h", seed: 1, runs: 10, sensitivityRuns: 0, createdBy: "ann")
        let running = try await t.store.createStudy(new)
        try await t.store.markRunning(id: running.id)
        let queued = try await t.store.createStudy(new)
        // A new server process on the same database.
        let restarted = try GuarantorServer(store: try SQLiteStore(path: t.store.path), settings: t.server.settings)
        let log = try await restarted.prepare(bundled: bundledScenarios)
        #expect(log == ["marked 2 interrupted studies as failed"])
        for id in [running.id, queued.id] {
            let r = try #require(try await t.store.study(id: id))
            #expect(r.status == .failed && r.message?.hasPrefix("interrupted") == true)
        }
        try? FileManager.default.removeItem(atPath: t.folder)
    }

    @Test func compareRunsTheScenariosWithTheSameSeed() async throws {
        let t = try await TestServer.make(configure: { $0.maxCompareRuns = 1_000; $0.maxCompareScenarios = 3 })
        try await t.test { client in
            let r = try await client.execute(uri: "/api/compare", method: .post, headers: t.auth,
                                             body: json(["scenarios": ["nato-article5", "ukraine-bilateral-2024"], "runs": 40, "seed": 3]))
            #expect(r.status == .ok)
            let served = try JSONDecoder().decode(Deterrence.ComparisonResult.self, from: Data(Array(r.text.utf8)))
            #expect(served.runs == 40 && served.seed == 3 && served.rows.map(\.scenario).count == 2)
            let html = try await client.execute(uri: "/api/compare?format=html", method: .post, headers: t.auth,
                                                body: json(["scenarios": ["nato-article5", "ukraine-bilateral-2024"], "runs": 20]))
            #expect(html.status == .ok && html.headers[.contentType] == "text/html; charset=utf-8")
            #expect(html.headers[HTTPField.Name("Content-Security-Policy") ?? .contentType]?.hasPrefix("default-src 'none'; script-src 'unsafe-inline'") == true)
            #expect(html.headers[HTTPField.Name("X-Content-Type-Options") ?? .contentType] == "nosniff")
            expectError(try await client.execute(uri: "/api/compare", method: .post, headers: jsonHeaders,
                                                 body: json(["scenarios": ["a", "b"]])), .unauthorized, "token_required")
            expectError(try await client.execute(uri: "/api/compare", method: .post, headers: t.auth,
                                                 body: json(["scenarios": ["nato-article5"]])), .unprocessableContent, "too_few_scenarios")
            expectError(try await client.execute(uri: "/api/compare", method: .post, headers: t.auth,
                                                 body: json(["scenarios": ["a", "b", "c", "d"]])), .unprocessableContent, "too_many_scenarios")
            expectError(try await client.execute(uri: "/api/compare", method: .post, headers: t.auth,
                                                 body: json(["scenarios": ["nato-article5", "nowhere"]])), .notFound, "not_found")
            expectError(try await client.execute(uri: "/api/compare", method: .post, headers: t.auth,
                                                 body: json(["scenarios": ["nato-article5", "ukraine-bilateral-2024"], "runs": 1_001])),
                        .unprocessableContent, "too_many_runs")
            for runs in [0, -5] {
                expectError(try await client.execute(uri: "/api/compare", method: .post, headers: t.auth,
                                                     body: json(["scenarios": ["nato-article5", "ukraine-bilateral-2024"], "runs": runs])),
                            .unprocessableContent, "bad_runs")
            }
            // 100 runs for the baseline and each sensitivity variant: over 1,000 per scenario.
            expectError(try await client.execute(uri: "/api/compare", method: .post, headers: t.auth,
                                                 body: json(["scenarios": ["nato-article5", "ukraine-bilateral-2024"], "runs": 100,
                                                             "sensitivityRuns": 100])),
                        .unprocessableContent, "too_many_runs")
            expectError(try await client.execute(uri: "/api/compare?format=xml", method: .post, headers: t.auth,
                                                 body: json(["scenarios": ["nato-article5", "ukraine-bilateral-2024"], "runs": 10])),
                        .badRequest, "bad_request")
        }
    }
}

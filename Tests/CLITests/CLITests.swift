import Foundation
import Testing

/// End-to-end: the `guarantor` binary as a user runs it.
enum CLI {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }()

    /// The built executable next to the test bundle.
    static let binary: String? = {
        let candidates = [Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("guarantor").path,
                          Bundle.main.bundleURL.appendingPathComponent("guarantor").path,
                          root + "/.build/debug/guarantor"]
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        var more: [String] = []
        for _ in 0..<4 { dir.deleteLastPathComponent(); more.append(dir.appendingPathComponent("guarantor").path) }
        return (candidates + more).first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Output { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ args: [String], environment: [String: String] = [:]) throws -> Output {
        guard let binary else { throw CLIProblem("the guarantor binary was not built") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        p.currentDirectoryURL = URL(fileURLWithPath: root)
        // Standard error goes to a file: with a pipe, a child that wrote more than the pipe holds
        // (64 KiB) to standard error waited forever while this read its standard output.
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("guarantor-cli-stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: errURL.path, contents: nil), let err = try? FileHandle(forWritingTo: errURL) else {
            throw CLIProblem("cannot create a file for standard error in \(errURL.deletingLastPathComponent().path)")
        }
        defer { try? FileManager.default.removeItem(at: errURL) }
        let out = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try? err.close()
        let e = (try? Data(contentsOf: errURL)) ?? Data()
        return Output(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

struct CLIProblem: Error, CustomStringConvertible { var description: String; init(_ d: String) { description = d } }

@Suite(.enabled(if: CLI.binary != nil, "the guarantor executable is not next to the tests; run `swift build` first"))
struct CLITests {
    @Test func validateAcceptsGoodAndRejectsBadFiles() throws {
        let ok = try CLI.run(["validate", "Tests/ScenarioSpecTests/Cases/minimal.yaml"])
        #expect(ok.status == 0)
        let bad = try CLI.run(["validate", "Tests/ScenarioSpecTests/Cases/broken.yaml"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("Tests/ScenarioSpecTests/Cases/broken.yaml:31:57: error: unknown key `latancy_days` in a commitment (did you mean `latency_days`?)"))
        let missing = try CLI.run(["validate", "no/such/file.yaml"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no/such/file.yaml:1:1: error:"))
    }

    @Test func showPrintsTheSummary() throws {
        let r = try CLI.run(["show", "Tests/ScenarioSpecTests/Cases/minimal.yaml"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Guarantors:"))
        #expect(r.stdout.contains("5th / 50th / 95th"))
    }

    /// GUARANTOR_VECTOR picks the combat loop's build; every build gives the
    /// same bytes, and a value that names none gets a warning, not silence.
    @Test func everyVectorPathGivesTheSameBytes() throws {
        func json(_ path: String) throws -> (String, String) {
            let r = try CLI.run(["study", "Tests/ScenarioSpecTests/Cases/minimal.yaml", "--runs", "800", "--seed", "5",
                                 "--format", "json", "--quiet"], environment: ["GUARANTOR_VECTOR": path])
            #expect(r.status == 0, "\(r.stderr)")
            guard var obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
                  var meta = obj["meta"] as? [String: Any] else { return ("", r.stderr) }
            meta["timing"] = nil
            obj["meta"] = meta
            let data = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])
            return (String(decoding: data, as: UTF8.self), r.stderr)
        }
        let (baseline, quiet) = try json("baseline")
        #expect(!baseline.isEmpty)
        #expect(!quiet.contains("warning"))
        for path in ["avx2", "avx512"] { #expect(try json(path).0 == baseline, "\(path)") }
        let (other, warned) = try json("sse9")
        #expect(other == baseline)
        #expect(warned.contains("warning: GUARANTOR_VECTOR=sse9 is not one of baseline, avx2, avx512"))
    }

    @Test func jsonIsIdenticalForAnyThreadCount() throws {
        func json(_ threads: String) throws -> String {
            let r = try CLI.run(["study", "Tests/ScenarioSpecTests/Cases/minimal.yaml", "--runs", "1200", "--seed", "3",
                                 "--threads", threads, "--format", "json", "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
            // Drop meta.timing, the only part that may differ.
            guard var obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
                  var meta = obj["meta"] as? [String: Any] else { return "" }
            meta["timing"] = nil
            obj["meta"] = meta
            let data = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
        let one = try json("1"), two = try json("2")
        #expect(!one.isEmpty)
        #expect(one == two)
        for key in ["\"p_deterred\"", "\"best_response\"", "\"probe_risk\"", "\"credibility_gap\"", "\"expected_utility\"",
                    "\"scenario_sha256\"", "\"run_days\"", "\"first_effect_day\"", "\"delivered_by_day\"", "\"escalation_probability\""] {
            #expect(one.contains(key), "missing \(key)")
        }
    }

    @Test func shardsMergeToTheWholeStudy() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guarantor-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = "Tests/ScenarioSpecTests/Cases/minimal.yaml"
        let whole = try CLI.run(["study", scenario, "--runs", "900", "--format", "json", "--quiet"])
        for i in 0..<3 {
            let r = try CLI.run(["study", scenario, "--runs", "900", "--shard", "\(i)/3", "--format", "json", "--quiet",
                                 "--output", dir.appendingPathComponent("s\(i).json").path])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let merged = try CLI.run(["merge", "--scenario", scenario, "--format", "json"] + (0..<3).map { dir.appendingPathComponent("s\($0).json").path })
        #expect(merged.status == 0, "\(merged.stderr)")
        func strip(_ s: String) throws -> [String: Any] {
            var obj = try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any] ?? [:]
            var meta = obj["meta"] as? [String: Any] ?? [:]
            meta["timing"] = nil
            obj["meta"] = meta
            return obj
        }
        let a = try JSONSerialization.data(withJSONObject: try strip(whole.stdout), options: [.sortedKeys])
        let b = try JSONSerialization.data(withJSONObject: try strip(merged.stdout), options: [.sortedKeys])
        #expect(a == b)
        // --output and --report as in `study`: both written, each said on stderr.
        let out = dir.appendingPathComponent("all.json").path, html = dir.appendingPathComponent("all.html").path
        let written = try CLI.run(["merge", "--scenario", scenario, "--format", "json", "--output", out, "--report", html]
                                  + (0..<3).map { dir.appendingPathComponent("s\($0).json").path })
        #expect(written.status == 0 && written.stderr.contains("wrote \(out)") && written.stderr.contains("wrote \(html)"), "\(written.stderr)")
        let c = try JSONSerialization.data(withJSONObject: try strip(String(decoding: Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self)),
                                           options: [.sortedKeys])
        #expect(a == c)
        #expect(try String(decoding: Data(contentsOf: URL(fileURLWithPath: html)), as: UTF8.self).hasPrefix("<!DOCTYPE html>"))
        // The same shard twice is refused.
        let twice = try CLI.run(["merge", "--scenario", scenario, dir.appendingPathComponent("s0.json").path, dir.appendingPathComponent("s0.json").path])
        #expect(twice.status != 0)
        // A missing shard is an error, unless --allow-partial.
        let two = (0..<2).map { dir.appendingPathComponent("s\($0).json").path }
        let partial = try CLI.run(["merge", "--scenario", scenario] + two)
        #expect(partial.status == 1 && partial.stderr.contains("missing: [600, 900)"), "\(partial.stderr)")
        let allowed = try CLI.run(["merge", "--scenario", scenario, "--allow-partial"] + two)
        #expect(allowed.status == 0 && allowed.stderr.contains("warning"), "\(allowed.stderr)")
        // Damaged shards (hand-edited numbers) get an error, not a trap or a wrong merge.
        let original = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("s1.json"))) as? [String: Any] ?? [:]
        func damaged(_ name: String, _ edit: (inout [String: Any]) -> Void) throws -> String {
            var obj = original
            edit(&obj)
            let url = dir.appendingPathComponent(name)
            try JSONSerialization.data(withJSONObject: obj).write(to: url)
            return url.path
        }
        func edited(_ key: String, in section: String, _ value: Any) -> (inout [String: Any]) -> Void {
            { obj in
                var meta = obj["meta"] as? [String: Any] ?? [:]
                if section == "meta" { meta[key] = value } else {
                    var shard = meta["shard"] as? [String: Any] ?? [:]
                    shard[key] = value
                    meta["shard"] = shard
                }
                obj["meta"] = meta
            }
        }
        let cases = [
            try damaged("reversed.json") { obj in edited("first_run", in: "shard", 700)(&obj); edited("end_run", in: "shard", 300)(&obj) },
            try damaged("outside.json") { obj in edited("first_run", in: "shard", 1300)(&obj); edited("end_run", in: "shard", 1600)(&obj) },
            try damaged("version.json", edited("version", in: "meta", "0.0.1")),
            try damaged("huge.json") { obj in
                var acc = obj["accumulator"] as? [String: Any] ?? [:]
                var ints = acc["integers"] as? [String] ?? []
                ints[0] = "9223372036854775807"
                acc["integers"] = ints
                obj["accumulator"] = acc
            },
        ]
        for file in cases {
            let r = try CLI.run(["merge", "--scenario", scenario, dir.appendingPathComponent("s0.json").path, file,
                                 dir.appendingPathComponent("s2.json").path])
            #expect(r.status == 1 && r.stderr.contains(URL(fileURLWithPath: file).lastPathComponent), "\(file): \(r.status) \(r.stderr)")
        }
    }

    @Test func errorsArePrintedAsFileLineColumnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guarantor-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let game = dir.appendingPathComponent("short.nfg")
        try Data("NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 }\n1 2 3\n".utf8).write(to: game)
        let r = try CLI.run(["game", "solve", game.path])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix(game.path + ":") && r.stderr.contains(": error: ") && !r.stderr.contains("Error:"), "\(r.stderr)")
        // Without a place: "error: MESSAGE", and no usage block for a run-time error.
        let method = try CLI.run(["game", "solve", game.path, "--method", "bogus"])
        #expect(method.status == 1 && method.stderr.hasPrefix("error: unknown method") && !method.stderr.contains("Usage:"), "\(method.stderr)")
    }

    @Test func outputPathsAreCheckedBeforeTheWork() throws {
        let scenario = "Tests/ScenarioSpecTests/Cases/minimal.yaml"
        for (args, message) in [(["--output", FileManager.default.temporaryDirectory.path], "is a directory"),
                                (["--output", "/nonexistent-guarantor-dir/x.json"], "does not exist"),
                                (["--report", ""], "is empty")] {
            let r = try CLI.run(["study", scenario, "--runs", "200", "--quiet"] + args)
            #expect(r.status == 1 && r.stderr.contains(message) && r.stdout.isEmpty, "\(args): \(r.stderr)")
        }
        // More shards than runs, and a single run, are refused with a reason.
        let empty = try CLI.run(["study", scenario, "--runs", "10", "--shard", "0/20", "--quiet"])
        #expect(empty.status == 1 && empty.stderr.contains("at most 10 shards"), "\(empty.stderr)")
        let one = try CLI.run(["study", scenario, "--runs", "1", "--quiet"])
        #expect(one.status != 0 && one.stderr.contains("at least two runs"), "\(one.stderr)")
    }

    /// A negative number after a numeric option is its value, refused by the
    /// option's own rule (it was "Missing value", as if it were another option).
    @Test func negativeNumbersAreValues() throws {
        let scenario = "Tests/ScenarioSpecTests/Cases/minimal.yaml"
        for (args, message) in [(["study", scenario, "--runs", "-5"], "--runs must be between 2 and"),
                                (["study", scenario, "--threads", "-2"], "--threads must be between 1 and"),
                                (["study", scenario, "--seed", "-1"], "'-1' is invalid for '--seed"),
                                (["compare", scenario, scenario, "--sensitivity-runs", "-1"], "sensitivity-runs"),
                                (["negotiate", "negotiations/ukraine-settlement.yaml", "--rounds", "-1"], "--rounds must be between 1 and")] {
            let r = try CLI.run(args)
            #expect(r.status != 0 && r.stderr.contains(message) && !r.stderr.contains("Missing value"), "\(args): \(r.stderr)")
        }
    }

    /// An output path that names one of the command's inputs (the scenario,
    /// through a link too, or the base it extends) is refused, and the input
    /// is left as it was; so is a `--report` on the `--output` file.
    @Test func anOutputNeverReplacesAnInput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guarantor-overwrite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("base.yaml"), scenario = dir.appendingPathComponent("s.yaml")
        let link = dir.appendingPathComponent("link.yaml")
        let minimal = try String(contentsOfFile: CLI.root + "/Tests/ScenarioSpecTests/Cases/minimal.yaml", encoding: .utf8)
        try minimal.write(to: base, atomically: true, encoding: .utf8)
        let own = "extends: base.yaml\nname: Overwrite check\n"
        try own.write(to: scenario, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: scenario)
        for (target, option) in [(scenario.path, "--output"), (link.path, "--output"), (scenario.path, "--report"),
                                 (base.path, "--output"), (base.path, "--report")] {
            let r = try CLI.run(["study", scenario.path, "--runs", "40", "--quiet", option, target])
            #expect(r.status == 1 && r.stderr.contains("which this command reads") && r.stderr.contains("give another path"),
                    "\(option) \(target): \(r.stderr)")
            // Refused before the work, the base it extends too: no report printed, nothing written.
            #expect(r.stdout.isEmpty && !r.stderr.contains("wrote") && r.stderr.contains("(\(option))"), "\(option) \(target): \(r.stderr)")
        }
        let written = dir.appendingPathComponent("o.json").path
        let both = try CLI.run(["study", scenario.path, "--runs", "40", "--quiet", "--format", "json", "--output", written, "--report", base.path])
        #expect(both.status == 1 && !FileManager.default.fileExists(atPath: written), "\(both.stderr)")
        #expect(try String(contentsOf: scenario, encoding: .utf8) == own)
        #expect(try String(contentsOf: base, encoding: .utf8) == minimal)
        let out = dir.appendingPathComponent("out.txt").path
        let same = try CLI.run(["study", scenario.path, "--runs", "40", "--quiet", "--output", out, "--report", out])
        #expect(same.status == 1 && same.stderr.contains("--report and --output both name"), "\(same.stderr)")
        let merge = try CLI.run(["merge", "--scenario", scenario.path, "--output", scenario.path, out])
        #expect(merge.status == 1 && merge.stderr.contains("which this command reads"), "\(merge.stderr)")
        let compare = try CLI.run(["compare", scenario.path, base.path, "--output", base.path])
        #expect(compare.status == 1 && compare.stderr.contains("which this command reads"), "\(compare.stderr)")
    }

    /// With fewer runs than two per batch of the batch-means standard error,
    /// P(deterred) still gets the simulation's error (it once got only the
    /// aggressor types' 0.3 %), and the tool says the figures are rough.
    @Test func aTinyStudyHasAnHonestStandardError() throws {
        let r = try CLI.run(["study", "scenarios/ukraine-proposed-guarantees.yaml", "--runs", "5", "--seed", "1", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("note: 5 runs are few"), "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let decision = json?["deterrence"] as? [String: Any]
        let pd = decision?["p_deterred"] as? [String: Any]
        let se = try #require(pd?["se"] as? Double, "no deterrence.p_deterred.se in \(r.stdout.prefix(400))")
        #expect(se > 0.02, "P(deterred) from 5 runs has a standard error of \(se)")
        // The result names the settlement it modelled.
        let settlement = (json?["meta"] as? [String: Any])?["settlement"] as? [String: Any]
        #expect(settlement?["kind"] as? String == "line_of_contact" && (settlement?["name"] as? String)?.isEmpty == false, "\(String(describing: settlement))")
        let quiet = try CLI.run(["study", "scenarios/ukraine-proposed-guarantees.yaml", "--runs", "40", "--quiet"])
        #expect(!quiet.stderr.contains("note:"), "\(quiet.stderr)")
    }

    /// Reports name the scenario's units even when no commitment is in them
    /// (the Budapest Memorandum has no arms or money commitments; its losses
    /// were "combat-power units" and its sanctions "currency units").
    @Test func reportsNameTheScenariosUnits() throws {
        let r = try CLI.run(["study", "scenarios/budapest-memorandum-1994.yaml", "--runs", "200", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("aggressor losses (brigade equivalents)") && r.stdout.contains("sanctions cost (EUR 2024)"), "\(r.stdout)")
        #expect(!r.stdout.contains("combat-power units") && !r.stdout.contains("currency units"))
        let json = try CLI.run(["study", "scenarios/budapest-memorandum-1994.yaml", "--runs", "200", "--format", "json", "--quiet"])
        let meta = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["meta"] as? [String: Any]
        let units = meta?["units"] as? [String: Any]
        #expect(units?["currency"] as? String == "EUR 2024" && (units?["power"] as? String)?.hasPrefix("brigade equivalents") == true,
                "\(String(describing: units))")
    }

    /// The wrong kind of file, or a broken one, gets a message in words and
    /// what to run instead; no Swift internals (`DecodingError`).
    @Test func wrongFilesGetHintsInWords() throws {
        let scenario = "scenarios/ukraine-proposed-guarantees.yaml"
        let negotiate = try CLI.run(["negotiate", scenario])
        #expect(negotiate.status == 1 && negotiate.stderr.contains("note: this looks like a scenario file: use `guarantor study \(scenario)`"),
                "\(negotiate.stderr)")
        let empty = try CLI.run(["validate", "/dev/null"])
        #expect(empty.status == 1 && empty.stderr.contains("/dev/null:1:1: error: file is empty") && !empty.stderr.contains("permission"),
                "\(empty.stderr)")
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("guarantor-broken-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: broken) }
        try Data(#"{"meta": {}}"#.utf8).write(to: broken)
        let merge = try CLI.run(["merge", "--scenario", scenario, broken.path])
        #expect(merge.status == 1 && merge.stderr.contains("`meta.scenario` is missing") && !merge.stderr.contains("DecodingError"),
                "\(merge.stderr)")
        try Data("[1, 2]".utf8).write(to: broken)
        let array = try CLI.run(["merge", "--scenario", scenario, broken.path])
        #expect(array.status == 1 && array.stderr.contains("a study result is a JSON object (`{...}`), but this file holds an array")
                && !array.stderr.contains("Dictionary<"), "\(array.stderr)")
        let shard = try CLI.run(["study", scenario, "--runs", "40", "--shard", "0/2"])
        #expect(shard.status == 0 && shard.stderr.contains("add `--format json`"), "\(shard.stderr)")
    }

    @Test func badArgumentsGetMessagesNotCrashes() throws {
        for args in [["study", "Tests/ScenarioSpecTests/Cases/minimal.yaml", "--shard", "3/2"],
                     ["study", "Tests/ScenarioSpecTests/Cases/minimal.yaml", "--runs", "0"],
                     ["study", "Tests/ScenarioSpecTests/Cases/minimal.yaml", "--format", "pdf"],
                     ["compare", "Tests/ScenarioSpecTests/Cases/minimal.yaml"],
                     ["merge", "--scenario", "Tests/ScenarioSpecTests/Cases/minimal.yaml", "Tests/ScenarioSpecTests/Cases/minimal.yaml"]] {
            let r = try CLI.run(args)
            #expect(r.status != 0, "\(args)")
            #expect(!r.stderr.isEmpty, "\(args)")
            #expect(r.status < 128, "crashed on \(args)")
        }
    }

    /// Seeds take the range of scenario files and the server (0 to 2^63 - 1) in every command.
    @Test func seedsTakeTheRangeOfFilesAndTheServer() throws {
        let scenario = "Tests/ScenarioSpecTests/Cases/minimal.yaml"
        for args in [["study", scenario, "--quiet"], ["compare", scenario, scenario, "--quiet"],
                     ["game", "deterrence", scenario, "-o", "/tmp/never.efg", "--quiet"], ["negotiate", "negotiations/ukraine-settlement.yaml"]] {
            let r = try CLI.run(args + ["--seed", "9223372036854775808"])
            #expect(r.status == 64 && r.stderr.contains("--seed must be between 0 and 9223372036854775807"), "\(args): \(r.stderr)")
        }
        let top = try CLI.run(["study", scenario, "--runs", "50", "--seed", "9223372036854775807", "--format", "json", "--quiet"])
        #expect(top.status == 0 && top.stdout.contains("\"seed\" : 9223372036854775807"), "\(top.stderr)")
    }

    /// Found by the fuzz campaign of session 17: outputs were written atomically (a new file
    /// renamed into place), which replaced a symbolic link by a regular file and, run as root,
    /// replaced the device `/dev/full` by a regular file and said "wrote". Links are followed
    /// and devices written in place, so a full disk is an error.
    @Test func outputsFollowLinksAndWriteDevicesInPlace() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guarantor-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("target.txt"), link = dir.appendingPathComponent("link.txt")
        try "old".write(to: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "target.txt")
        let scenario = "Tests/ScenarioSpecTests/Cases/minimal.yaml"
        let r = try CLI.run(["study", scenario, "--runs", "20", "--quiet", "-o", link.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) == "target.txt")
        #expect(try String(contentsOf: target, encoding: .utf8).hasPrefix("Minimal test scenario"))
        let null = try CLI.run(["study", scenario, "--runs", "20", "--quiet", "-o", "/dev/null"])
        #expect(null.status == 0, "\(null.stderr)")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "/dev/null is no longer a device")
        if FileManager.default.fileExists(atPath: "/dev/full") {
            let full = try CLI.run(["study", scenario, "--runs", "20", "--quiet", "-o", "/dev/full"])
            #expect(full.status == 1 && full.stderr.contains("cannot write `/dev/full`"), "\(full.stderr)")
            #expect(stat("/dev/full", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "/dev/full is no longer a device")
        }
    }

    /// A fuzzed file with 300,000 errors printed every one of them. Every command prints a
    /// file's first 100 errors in file order and a line counting the rest; `validate
    /// --all-errors` prints them all.
    @Test func longErrorListsAreCutAtTheFirstHundred() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guarantor-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let minimal = try String(contentsOfFile: CLI.root + "/Tests/ScenarioSpecTests/Cases/minimal.yaml", encoding: .utf8)
        let file = dir.appendingPathComponent("many.yaml").path
        try (minimal + (1...5_000).map { "bogus_\($0): 1\n" }.joined()).write(toFile: file, atomically: true, encoding: .utf8)
        let note = "\(file): note: 4,900 more errors not shown (5,000 in all); "
        let r = try CLI.run(["validate", file])
        #expect(r.status == 1)
        var lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 101, "\(lines.count) lines")
        #expect(lines.first?.hasPrefix("\(file):40:1: error: unknown key `bogus_1`") == true)
        #expect(lines[99].hasPrefix("\(file):139:1: error: unknown key `bogus_100`"))
        #expect(lines.last == note + "`--all-errors` lists every one")
        let all = try CLI.run(["validate", "--all-errors", file])
        #expect(all.status == 1)
        lines = all.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 5_000 && lines.last?.hasPrefix("\(file):5039:1: error: unknown key `bogus_5000`") == true)
        for command in [["study", file, "--quiet"], ["show", file], ["compare", file, file, "--quiet"]] {
            let c = try CLI.run(command)
            #expect(c.status == 1)
            let out = c.stderr.split(separator: "\n").map(String.init)
            let printed = out.filter { $0.contains(": error: ") }.count
            #expect(printed == (command[0] == "compare" ? 200 : 100), "\(command[0]): \(printed) errors printed")
            #expect(out.contains(note + "`guarantor validate --all-errors \(file)` lists every one"), "\(command[0]): \(out.suffix(2))")
        }
        // A file with 100 errors or fewer is printed whole, with no note.
        try (minimal + (1...100).map { "bogus_\($0): 1\n" }.joined()).write(toFile: file, atomically: true, encoding: .utf8)
        let hundred = try CLI.run(["validate", file])
        #expect(hundred.stderr.split(separator: "\n").count == 100 && !hundred.stderr.contains("note:"))
    }
}

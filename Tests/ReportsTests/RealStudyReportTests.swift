import CrisisEngine
import Deterrence
import Foundation
import GuarantorModel
import FoundationXML
import ScenarioSpec
import Testing
@testable import Reports

/// Renders a small real study of the parser's minimal scenario, so the reports
/// meet the numbers the engine produces, not only hand-made ones.
enum RealStudy {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let minimal = root.appendingPathComponent("Tests/ScenarioSpecTests/Cases/minimal.yaml").path

    struct Failure: Error, CustomStringConvertible { var description: String }

    static func study(seed: UInt64, runs: Int64 = 400, sensitivity: Bool = true) async throws -> StudyResult {
        let scenario: GuarantorModel.Scenario
        switch ScenarioLoader.load(path: minimal) {
        case .success(let s): scenario = s
        case .failure(let list): throw Failure(description: list.description)
        }
        let plan = CompiledScenario(scenario)
        let (acc, partial) = try await StudyRunner.run(plan: plan, seed: seed, runs: runs, threads: 2)
        var result = partial
        AggressorDecision.annotate(&result, plan: plan, accumulator: acc, seed: seed)
        if sensitivity {
            result.sensitivity = try await SensitivityAnalysis.run(plan: plan, seed: seed, runsPerVariant: 100, threads: 2)
        }
        return result
    }

    static func comparison() async throws -> Deterrence.ComparisonResult {
        let a = try await study(seed: 7, sensitivity: false)
        var b = try await study(seed: 8, sensitivity: false)
        b.meta.scenario += " (seed 8)"
        return ComparisonResult(runs: 400, seed: 7, version: a.meta.version,
                                rows: [.init(scenario: a.meta.scenario, file: "minimal.yaml", study: a),
                                       .init(scenario: b.meta.scenario, file: "minimal.yaml", study: b)],
                                explanation: ["Only the seed differs, so any difference is Monte Carlo noise."])
    }
}

@Suite struct RealStudyReportTests {
    @Test func everyFormatRendersARealStudy() async throws {
        let r = try await RealStudy.study(seed: 7)
        let html = HTMLReport.study(r)
        let svgs = SVG.embedded(in: html)
        // EU, two honour charts, CDF, aid, objective shares, the objective-share tornado and, if any input moves it, the P(deterred) tornado.
        #expect(svgs.count == 7 + (StudyCharts.tornadoPDeterred(r) == nil ? 0 : 1))
        for s in svgs { _ = try SVG.parse(s) }
        // The guarantor chart shows exactly the study's honour probabilities.
        let bars = try SVG.byClass(SVG.parse(try #require(StudyCharts.honourByGuarantor(r))), "rect", "bar")
        let plotted = bars.filter { SVG.attr($0, "data-series") == "actual" }.compactMap { SVG.number($0, "data-value") }
        let expected = r.guarantors.map { ($0.honourProbability.mean * 1e6).rounded() / 1e6 }
        #expect(plotted == expected)
        #expect(html.contains(r.meta.scenarioSHA256))
        #expect(!CSVReport.study(r).contains("nan"))
        #expect(MarkdownReport.study(r).contains("# Minimal test scenario"))
    }
}

/// Loads the HTML reports in headless Chromium and saves screenshots: the
/// reports must render in a real browser, not only parse.
enum Chromium {
    static let path: String? = {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser"] {
            for dir in dirs {
                let p = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: p) { return p }
            }
        }
        return nil
    }()

    /// Writes `html` to a temporary folder, screenshots it and returns the PNG's bytes.
    static func screenshot(_ html: String, name: String) throws -> Data {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guarantor-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("\(name).html")
        let png = dir.appendingPathComponent("\(name).png")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path ?? "chromium")
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                       "--user-data-dir=\(dir.appendingPathComponent("profile").path)",
                       "--screenshot=\(png.path)", "--window-size=1280,2000", page.absoluteString]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // A safety net against a hung browser, not a performance expectation.
        let deadline = Date().addingTimeInterval(60)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if p.isRunning { p.terminate(); throw RealStudy.Failure(description: "chromium did not finish within 60 s") }
        let data = try Data(contentsOf: png)
        if let keep = ProcessInfo.processInfo.environment["GUARANTOR_SCREENSHOT_DIR"] {
            try? data.write(to: URL(fileURLWithPath: keep).appendingPathComponent("\(name).png"))
        }
        return data
    }

    static func isPNG(_ d: Data) -> Bool { d.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) }
}

@Suite(.enabled(if: Chromium.path != nil, "chromium is not on PATH: install Debian's chromium (apt-get install chromium) to screenshot the HTML reports"))
struct ChromiumScreenshotTests {
    @Test func studyReportRendersInABrowser() async throws {
        let png = try Chromium.screenshot(HTMLReport.study(Fixtures.study()), name: "study")
        #expect(Chromium.isPNG(png))
        // A blank 1280x2000 page compresses to a few kilobytes; charts and text make it far larger.
        #expect(png.count > 60_000, "screenshot is only \(png.count) bytes")
    }

    @Test func compareReportRendersInABrowser() async throws {
        // Real studies here, so a browser also sees what the engine produces.
        let png = try Chromium.screenshot(HTMLReport.compare(try await RealStudy.comparison()), name: "compare")
        #expect(Chromium.isPNG(png))
        #expect(png.count > 60_000, "screenshot is only \(png.count) bytes")
    }
}

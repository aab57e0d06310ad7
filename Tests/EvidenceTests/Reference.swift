import Foundation
import Testing

/// The shared reference folder, found from this file's path: the package root
/// is the directory holding Package.swift, the folder is `<root>/../shared/reference`.
/// Tests that need it are skipped when it is absent (a fresh clone without `../shared`).
enum Reference {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "/nonexistent")
    }()

    static let directory = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference")
    static let data = directory.appendingPathComponent("data")
    static let available = FileManager.default.fileExists(atPath: data.path)
    static let skipMessage: Comment = "needs ../shared/reference/data beside the package (absent here)"

    static let berkemeierFuhrmannCSV = data.appendingPathComponent("replication_berkemeier_fuhrmann_2018/BerkemeierFuhrmannRAP2018_0303.csv")
    static let leedsAnacCSV = data.appendingPathComponent("replication_leeds_anac_2005/LeedsAnacIIrep.csv")
    static let baseRatesCSV = data.appendingPathComponent("reliability_base_rates.csv")

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }
}

/// A Python interpreter with numpy, for cross-checks: GUARANTOR_PYTHON, else python3 on PATH.
enum Python {
    static let interpreter: String? = {
        let candidates = [ProcessInfo.processInfo.environment["GUARANTOR_PYTHON"], "python3"].compactMap { $0 }
        for c in candidates {
            if (try? run(c, ["-c", "import numpy"]))?.status == 0 { return c }
        }
        return nil
    }()

    static let skipMessage: Comment = "needs a Python with numpy (set GUARANTOR_PYTHON or put python3 with numpy on PATH)"

    static func run(_ python: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

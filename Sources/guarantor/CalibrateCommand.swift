import ArgumentParser
import Evidence

struct CalibrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Replicate published honour rates from the authors' replication file and fit an honour model.",
        discussion: """
        Datasets: \(ReplicationDataset.allCases.map(\.rawValue).joined(separator: ", ")).

        Prints every rate with its counts beside the published one, then a logistic regression of honour \
        (IRLS, standard errors from the inverse Fisher information) with k-fold cross-validated Brier score \
        and log loss against the constant-rate baseline, and the multipliers the fit implies.

        Example: guarantor calibrate --dataset leeds-anac-2005 LeedsAnacIIrep.csv
        """)

    @Option(help: "Which replication file: \(ReplicationDataset.allCases.map(\.rawValue).joined(separator: " or ")).")
    var dataset: String

    @Argument(help: "Path to your copy of the replication CSV.")
    var path: String

    @Option(parsing: .unconditional, help: "Folds of the cross-validation (2 or more).")
    var folds: Int = HonourModels.defaultFolds

    @Option(help: "Output format.")
    var format: EvidenceFormat = .text

    func validate() throws {
        guard ReplicationDataset(rawValue: dataset) != nil else {
            throw ValidationError("unknown dataset '\(dataset)': expected one of \(ReplicationDataset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard folds >= 2 && folds <= 1000 else { throw ValidationError("--folds must be between 2 and 1000 (got \(folds))") }
    }

    func run() async throws {
        guard let which = ReplicationDataset(rawValue: dataset) else { throw ValidationError("unknown dataset '\(dataset)'") }
        let text = try readEvidenceFile(path)
        do {
            let calibration = try Calibration.run(which, csv: text, folds: folds)
            switch format {
            case .text: print(calibration.text, terminator: "")
            case .json: print(try calibration.json(), terminator: "")
            }
        } catch {
            throw EvidenceCommandError(description: error.located(in: path))
        }
    }
}

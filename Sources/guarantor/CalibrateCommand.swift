import ArgumentParser

// Work in progress: replaced by the real command.
struct CalibrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "calibrate", abstract: "Replicate published honour rates (owned by the Evidence helper)")
    func run() async throws { throw ValidationError("'calibrate' is not built yet") }
}

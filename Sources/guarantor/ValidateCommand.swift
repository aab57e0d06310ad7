import ArgumentParser

// Work in progress: replaced by the real command.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Validate scenarios")
    func run() async throws { throw ValidationError("'validate' is not built yet") }
}

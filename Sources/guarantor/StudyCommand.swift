import ArgumentParser

// Work in progress: replaced by the real command.
struct StudyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "study", abstract: "Run a study")
    func run() async throws { throw ValidationError("'study' is not built yet") }
}

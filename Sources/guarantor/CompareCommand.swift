import ArgumentParser

// Work in progress: replaced by the real command.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "compare", abstract: "Compare scenarios")
    func run() async throws { throw ValidationError("'compare' is not built yet") }
}

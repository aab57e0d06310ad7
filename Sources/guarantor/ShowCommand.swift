import ArgumentParser

// Work in progress: replaced by the real command.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Summarise a scenario")
    func run() async throws { throw ValidationError("'show' is not built yet") }
}

import ArgumentParser

// Work in progress: replaced by the real command.
struct GameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "game", abstract: "Solve games and convert Gambit files (owned by the Games helper)")
    func run() async throws { throw ValidationError("'game' is not built yet") }
}

import ArgumentParser

// Work in progress: replaced by the real command.
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge", abstract: "Merge shard results")
    func run() async throws { throw ValidationError("'merge' is not built yet") }
}

import ArgumentParser

// Work in progress: replaced by the real command.
struct PriorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "priors", abstract: "Named priors (owned by the Evidence helper)")
    func run() async throws { throw ValidationError("'priors' is not built yet") }
}

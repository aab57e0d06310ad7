import ArgumentParser

// Work in progress: replaced by the real command.
struct NegotiateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "negotiate", abstract: "Forecast a negotiation (owned by the Negotiation helper)")
    func run() async throws { throw ValidationError("'negotiate' is not built yet") }
}

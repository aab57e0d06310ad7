import ArgumentParser

// Work in progress: replaced by the real command.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import an ATOP alliance (owned by the Evidence helper)")
    func run() async throws { throw ValidationError("'import' is not built yet") }
}

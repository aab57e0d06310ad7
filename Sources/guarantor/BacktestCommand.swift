import ArgumentParser

// Work in progress: replaced by the real command.
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backtest", abstract: "Backtest historical cases (owned by the Evidence helper)")
    func run() async throws { throw ValidationError("'backtest' is not built yet") }
}

public import ArgumentParser

/// The `motcua` command tree (STYLE.md habit 2: a thin executable, commands in a library).
public struct MotcuaCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "motcua",
        abstract: "Turns one-stop-shop case-log exports into adoption, on-time and dormancy figures.",
        subcommands: [GenerateCommand.self])

    public init() {}
}

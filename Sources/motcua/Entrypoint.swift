import MotcuaCommands

@main
enum Entrypoint {
    static func main() async { await MotcuaCommand.main() }
}

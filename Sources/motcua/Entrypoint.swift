import ArgumentParser
import MotcuaCommands

@main
enum Entrypoint {
    static func main() { MotcuaCommand.main() }
}

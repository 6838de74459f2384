import FuzzSupport

/// The executable's entry point (SwiftPM links `main` to `FuzzDateParser_main`): hands over to
/// libFuzzer's driver, which parses the usual libFuzzer flags.
@_cdecl("FuzzDateParser_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv) { fuzz($0, $1) }
}

/// How far a procedure can be done online (mức độ), 1 to 4.
///
/// Decree 42/2022 renamed level 3 "một phần" (partial) and level 4 "toàn trình" (full). Levels 3
/// and 4 are the ones offered online, so they make a dossier *eligible* (CONTRACT.md section 2).
public struct ServiceLevel: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    public init?(rawValue: UInt8) {
        guard (1...4).contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    public static func < (lhs: ServiceLevel, rhs: ServiceLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Level 3 or 4: the procedure can be submitted online.
    public var isOnline: Bool { rawValue >= 3 }

    public var description: String { String(rawValue) }
}

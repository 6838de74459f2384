import MotcuaCore
import MotcuaIO

/// Which shapes of export files `motcua generate` writes.
public enum SampleLayout: String, Sendable, CaseIterable {
    /// Only `exports/canonical/`.
    case canonical
    /// Only `exports/igate/`.
    case igateVi = "igate-vi"
    /// Both: export periods alternate between the shapes, the first canonical, so a dossier
    /// received in a canonical file is often closed in an iGate one; every twelfth period (a
    /// year of monthly exports ends with one saved from the screen) is a workbook.
    case mixed
    /// Only `exports/xlsx/`: workbooks with igate-vi columns (see `WorkbookExport`).
    case xlsx
    /// Only `exports/dvcqg/`: national sync records (JSON; see `SyncRecordEncoder`, `SyncArchive`).
    case dvcqg

    /// Files written when `--files` is not given: one for a single shape, twelve (six of each,
    /// alternating) for `mixed`.
    public var defaultFileCount: Int { self == .mixed ? 12 : 1 }

    /// The shape of the export of period `period` (0-based).
    public func shape(ofPeriod period: Int) -> ExportShape {
        switch self {
        case .canonical: .canonical
        case .igateVi, .xlsx, .dvcqg: .igateVi
        case .mixed: period % 2 == 0 ? .canonical : .igateVi
        }
    }

    /// Whether the export of period `period` (0-based) is written as a workbook.
    public func writesWorkbook(period: Int) -> Bool {
        switch self {
        case .canonical, .igateVi, .dvcqg: false
        case .xlsx: true
        case .mixed: period % 12 == 11
        }
    }

    /// Whether the export of period `period` (0-based) is national sync records (`dvcqg`): all of
    /// them for `dvcqg`; for `mixed`, the middle one of every `syncEvery` periods that is not a
    /// workbook (with the default 12, the sixth of each twelve), none when `syncEvery` is 0.
    public func writesSyncRecords(period: Int, syncEvery: Int) -> Bool {
        switch self {
        case .canonical, .igateVi, .xlsx: false
        case .dvcqg: true
        case .mixed: syncEvery > 0 && period % syncEvery == (syncEvery - 1) / 2 && !writesWorkbook(period: period)
        }
    }
}

/// How wide the generated rows are (`motcua generate --shape`, issue 16).
public enum RowWidth: String, Sendable, CaseIterable {
    /// Every column an export carries: the canonical ones, the procedure and agency names and the
    /// personal columns (about 380 bytes a canonical row).
    case long
    /// The canonical columns only, without names or personal data (about 130 bytes a canonical
    /// row): the exports on which fixed per-row costs weigh most.
    case short
}

/// What `motcua generate` makes; see `SampleGenerator`.
public struct SampleGeneratorOptions: Sendable, Equatable {
    /// Data rows across all export files, bad rows and repeated states included; exactly this many.
    public var rows: Int
    public var seed: UInt64
    /// The folder that receives `catalog.csv` and `exports/`.
    public var outputDirectory: String
    public var layout: SampleLayout
    /// Export files (one per period of equal length, in time order).
    public var files: Int
    public var procedures: Int
    public var agencies: Int
    public var fromYear: Int
    public var toYear: Int
    /// Share of rows that are deliberately broken, cycling through the reject reasons.
    public var badRate: Double
    /// With `mixed`, one export in this many is national sync records; 0: none.
    public var syncEvery: Int
    /// The first number of each agency's daily counter in dossier ids (`AGENCY-YYMMDD-NNNN`): a
    /// run with a number above an earlier run's counters adds dossiers that share no id with it.
    public var firstSequence: Int
    /// Long rows (every column) or short ones (canonical columns only).
    public var width: RowWidth

    public init(
        rows: Int, seed: UInt64, outputDirectory: String, layout: SampleLayout = .mixed,
        files: Int? = nil, procedures: Int = 300, agencies: Int = 40, fromYear: Int = 2019,
        toYear: Int = 2025, badRate: Double = 0.002, syncEvery: Int = 12, firstSequence: Int = 1,
        width: RowWidth = .long
    ) {
        self.rows = rows
        self.seed = seed
        self.outputDirectory = outputDirectory
        self.layout = layout
        self.files = files ?? layout.defaultFileCount
        self.procedures = procedures
        self.agencies = agencies
        self.fromYear = fromYear
        self.toYear = toYear
        self.badRate = badRate
        self.syncEvery = syncEvery
        self.firstSequence = firstSequence
        self.width = width
    }

    /// Whether the export of period `period` is national sync records.
    func writesSyncRecords(period: Int) -> Bool { layout.writesSyncRecords(period: period, syncEvery: syncEvery) }

    public static let yearRange = 2000...2090
    public static let maximumProcedures = 100_000
    public static let maximumFiles = 9999
    public static let maximumFirstSequence = 999_999

    /// Checks every option, naming the first one out of range.
    public func validate() throws(SampleGeneratorError) {
        func fail(_ option: String, _ message: String) -> SampleGeneratorError {
            .invalidOption(option: option, message: message)
        }
        guard rows >= 0 else { throw fail("rows", "must be 0 or more, got \(rows)") }
        guard !outputDirectory.isEmpty else { throw fail("out", "must name a folder") }
        guard Self.yearRange.contains(fromYear) else {
            throw fail("from-year", "must be between 2000 and 2090, got \(fromYear)")
        }
        guard toYear >= fromYear, toYear <= Self.yearRange.upperBound else {
            throw fail(
                "to-year", "must be between --from-year (\(fromYear)) and 2090, got \(toYear)")
        }
        let days =
            LocalDate.days(fromCivilYear: toYear + 1, month: 1, day: 1)
            - LocalDate.days(fromCivilYear: fromYear, month: 1, day: 1)
        guard files >= 1, files <= min(Self.maximumFiles, days) else {
            throw fail(
                "files", "must be between 1 and \(min(Self.maximumFiles, days)), got \(files)")
        }
        if layout == .mixed, files < 2 {
            throw fail(
                "files", "mixed needs at least 2 files (they alternate shapes), got \(files)")
        }
        guard procedures >= 1, procedures <= Self.maximumProcedures else {
            throw fail(
                "procedures",
                "must be between 1 and \(Self.maximumProcedures), got \(procedures)")
        }
        guard agencies >= 1, agencies <= SyntheticAgencies.maximumCount else {
            throw fail(
                "agencies",
                "must be between 1 and \(SyntheticAgencies.maximumCount), got \(agencies)")
        }
        guard badRate >= 0, badRate <= 1 else {
            throw fail("bad-rate", "must be between 0 and 1, got \(badRate)")
        }
        guard syncEvery >= 0 else { throw fail("sync-every", "must be 0 or more, got \(syncEvery)") }
        guard firstSequence >= 1, firstSequence <= Self.maximumFirstSequence else {
            throw fail(
                "first-sequence", "must be between 1 and \(Self.maximumFirstSequence), got \(firstSequence)")
        }
    }
}

import Benchmark
import Foundation
import MotcuaCore
import MotcuaIO

// The hot paths of `motcua run`, one benchmark each, over the data of `Fixture` (a generated
// canonical export). Every iteration processes the whole fixture once; besides wall clock, each
// reports its rate as a custom metric (MB/s of input, or values / dossiers per second), computed
// from the iteration's own ContinuousClock time so that the figure does not depend on the
// benchmark tool's units.

/// Custom rate metrics; larger is better.
enum Rate {
    static let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
    static let valuesPerSecond = BenchmarkMetric.custom("values/s", polarity: .prefersLarger, useScalingFactor: false)
    static let dossiersPerSecond = BenchmarkMetric.custom("dossiers/s", polarity: .prefersLarger, useScalingFactor: false)
    static let rowsPerSecond = BenchmarkMetric.custom("rows/s", polarity: .prefersLarger, useScalingFactor: false)
}

/// Runs `body` once, timed, and returns the seconds it took.
@inline(__always)
func timed(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try body()
    let d = clock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

func rate(_ amount: Int, _ seconds: Double) -> Int { Int((Double(amount) / seconds).rounded()) }
func megabytes(_ bytes: Int, _ seconds: Double) -> Int { Int((Double(bytes) / seconds / 1e6).rounded()) }

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(5),
        maxIterations: 20)

    // MARK: CSV reader

    Benchmark(
        "CSVReader: every field of the export",
        configuration: .init(metrics: Benchmark.defaultConfiguration.metrics + [Rate.megabytesPerSecond])
    ) { benchmark in
        let f = Fixture.shared
        var checksum = 0
        let seconds = try timed {
            let reader = try CSVReader(path: f.exportPath)
            while try reader.next() {
                for k in 0..<reader.fieldCount { checksum &+= reader.field(k).count }
            }
        }
        blackHole(checksum)
        benchmark.measurement(Rate.megabytesPerSecond, megabytes(f.exportBytes, seconds))
    } setup: {
        _ = Fixture.shared
    }

    // MARK: Dates

    Benchmark(
        "DateParser.parse: 4 date columns",
        configuration: .init(metrics: Benchmark.defaultConfiguration.metrics + [Rate.valuesPerSecond])
    ) { benchmark in
        let f = Fixture.shared
        var checksum: Int64 = 0
        let seconds = timed {
            Fixture.forEachValue(f.dateBytes, f.dateEnds) { raw in
                if case .value(let v) = DateParser.parse(raw) { checksum &+= v.millis }
            }
        }
        blackHole(checksum)
        benchmark.measurement(Rate.valuesPerSecond, rate(f.dateEnds.count, seconds))
    } setup: {
        _ = Fixture.shared
    }

    // MARK: Normalisation

    Benchmark(
        "TextInterner.intern: codes and names of every row",
        configuration: .init(metrics: Benchmark.defaultConfiguration.metrics + [Rate.valuesPerSecond])
    ) { benchmark in
        let f = Fixture.shared
        var checksum: Int32 = 0
        let seconds = timed {
            var interner = TextInterner()
            Fixture.forEachValue(f.labelBytes, f.labelEnds) { raw in checksum &+= interner.intern(raw).key }
        }
        blackHole(checksum)
        benchmark.measurement(Rate.valuesPerSecond, rate(f.labelEnds.count, seconds))
    } setup: {
        _ = Fixture.shared
    }

    Benchmark(
        "TextFolding.normalized(utf8:): codes and names, no interning",
        configuration: .init(metrics: Benchmark.defaultConfiguration.metrics + [Rate.valuesPerSecond])
    ) { benchmark in
        let f = Fixture.shared
        var checksum = 0
        let seconds = timed {
            Fixture.forEachValue(f.labelBytes, f.labelEnds) { raw in
                checksum &+= TextFolding.normalized(utf8: raw).utf8.count
            }
        }
        blackHole(checksum)
        benchmark.measurement(Rate.valuesPerSecond, rate(f.labelEnds.count, seconds))
    } setup: {
        _ = Fixture.shared
    }

    Benchmark(
        "TextFolding.folded: names (40 000 values)",
        configuration: .init(metrics: Benchmark.defaultConfiguration.metrics + [Rate.valuesPerSecond])
    ) { benchmark in
        let f = Fixture.shared
        var checksum = 0
        let seconds = timed {
            for s in f.labelStrings { checksum &+= TextFolding.folded(s).utf8.count }
        }
        blackHole(checksum)
        benchmark.measurement(Rate.valuesPerSecond, rate(f.labelStrings.count, seconds))
    } setup: {
        _ = Fixture.shared
    }

    // MARK: Ingest, aggregation, store

    for parallel in [false, true] {
        Benchmark(
            "ExportIngester.ingest: read+stage+merge (\(parallel ? "2 lanes" : "1 lane"))",
            configuration: .init(
                metrics: Benchmark.defaultConfiguration.metrics + [Rate.megabytesPerSecond, Rate.rowsPerSecond])
        ) { benchmark in
            let f = Fixture.shared
            var kept = 0
            let seconds = try timed {
                let rejects = try RejectsFile(path: "\(f.folder)/scratch-rejects.csv")
                let ingester = ExportIngester(ledger: DossierLedger(), rejects: rejects)
                ingester.parallel = parallel
                try ingester.ingest(path: f.exportPath, displayPath: f.exportPath, profile: .canonical)
                kept = ingester.ledger.count
            }
            precondition(kept == f.ledger.count)
            benchmark.measurement(Rate.megabytesPerSecond, megabytes(f.exportBytes, seconds))
            benchmark.measurement(Rate.rowsPerSecond, rate(f.recordCount, seconds))
        } setup: {
            _ = Fixture.shared
        }
    }

    Benchmark(
        "MonthlyCounts.compute: kept dossiers",
        configuration: .init(metrics: Benchmark.defaultConfiguration.metrics + [Rate.dossiersPerSecond])
    ) { benchmark in
        let f = Fixture.shared
        var rows = 0
        let seconds = timed { rows = MonthlyCounts.compute(ledger: f.ledger, catalog: f.catalog).rowCount }
        blackHole(rows)
        benchmark.measurement(Rate.dossiersPerSecond, rate(f.ledger.count, seconds))
    } setup: {
        _ = Fixture.shared
    }

    Benchmark(
        "DossierStore.encode+decode: kept dossiers",
        configuration: .init(metrics: Benchmark.defaultConfiguration.metrics + [Rate.dossiersPerSecond])
    ) { benchmark in
        let f = Fixture.shared
        let state = StoreState(ledger: f.ledger, inputs: [], totalAccepted: f.ledger.count, totalSuperseded: 0)
        var count = 0
        let seconds = try timed {
            let bytes = try DossierStore.encode(state)
            count = try DossierStore.decode(bytes, path: "bench").ledger.count
        }
        precondition(count == f.ledger.count)
        benchmark.measurement(Rate.dossiersPerSecond, rate(f.ledger.count, seconds))
    } setup: {
        _ = Fixture.shared
    }

    // MARK: Snapshots

    Benchmark(
        "SnapshotWriter.write: kept dossiers, zstd level 3",
        configuration: .init(
            metrics: Benchmark.defaultConfiguration.metrics + [Rate.megabytesPerSecond, Rate.dossiersPerSecond])
    ) { benchmark in
        let f = Fixture.shared
        let root = "\(f.folder)/snapshots-write"
        try? FileManager.default.removeItem(atPath: root)
        let seconds = try timed {
            try Fixture.writeSnapshot(ledger: f.ledger, catalog: f.catalog, catalogPath: f.catalogPath, root: root, id: "w")
        }
        try? FileManager.default.removeItem(atPath: root)
        // MB/s of the CSV text the parts hold (before compression).
        benchmark.measurement(Rate.megabytesPerSecond, megabytes(f.snapshotCSVBytes, seconds))
        benchmark.measurement(Rate.dossiersPerSecond, rate(f.ledger.count, seconds))
    } setup: {
        _ = Fixture.shared
    }

    Benchmark(
        "CSVReader on snapshot parts (.csv.zst): every field",
        configuration: .init(
            metrics: Benchmark.defaultConfiguration.metrics + [Rate.megabytesPerSecond, Rate.dossiersPerSecond])
    ) { benchmark in
        let f = Fixture.shared
        var checksum = 0
        let seconds = try timed {
            for part in f.snapshotParts {
                let reader = try CSVReader(path: part)
                while try reader.next() {
                    for k in 0..<reader.fieldCount { checksum &+= reader.field(k).count }
                }
            }
        }
        blackHole(checksum)
        // MB/s of decompressed CSV text.
        benchmark.measurement(Rate.megabytesPerSecond, megabytes(f.snapshotCSVBytes, seconds))
        benchmark.measurement(Rate.dossiersPerSecond, rate(f.snapshotRows, seconds))
    } setup: {
        _ = Fixture.shared
    }
}

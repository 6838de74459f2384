import Foundation
import Testing

/// `motcua run` end to end on a hand-counted fixture (Fixtures/e2e: 14 records, as of
/// 2025-06-30). Every expected figure below was counted by hand from the fixture's rows; the
/// reasoning is in the comments.
@Suite(.serialized) struct RunCommandTests {
    @Test func publishesEveryFigureOfTheFixture() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        let result = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(result.status == 0, "\(result.stderr)")
        let db = try SQLiteReader(fx.path("out/summary.sqlite"))

        // Accounting: 11 + 3 records; D13 unknown channel; D1 of b.csv has an older updated_at.
        #expect(db.rows("SELECT records_read, records_accepted, records_rejected, records_superseded, dossiers_kept, status FROM runs")
            == [["14", "13", "1", "1", "12", "succeeded"]])
        #expect(db.rows("SELECT reason, count FROM rejects_summary") == [["unknown_channel", "1"]])

        let cols = "received, received_online, received_postal, received_in_person, received_eligible, received_online_eligible, received_level4, received_online_level4, received_paid_known, received_paid_online, resolved_early, resolved_on_time, resolved_late, resolved_no_due, rejected, withdrawn"
        func counts(_ month: String, _ agency: String, _ procedure: String) -> [String] {
            db.rows("SELECT \(cols) FROM monthly_counts WHERE month='\(month)' AND agency_code='\(agency)' AND procedure_code='\(procedure)'").first ?? []
        }
        // D1 (online, catalog level 4, paid, on time) + D2 (in person, level 4, not paid).
        #expect(counts("2025-01", "AG1", "1.001") == ["2", "1", "0", "1", "2", "1", "2", "1", "2", "1", "0", "1", "0", "0", "0", "0"])
        // D2 closed 3 Feb after a bare due date of 31 Jan: late, counted in February.
        #expect(counts("2025-02", "AG1", "1.001") == ["0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "1", "0", "0", "0"])
        // D3 received 2025-01-31T20:00Z = 1 February 03:00 local.
        #expect(counts("2025-02", "AG1", "1.002") == ["1", "1", "0", "0", "1", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"])
        #expect(counts("2025-01", "AG1", "1.002") == [])
        // D4 postal, closed before the due date: early.
        #expect(counts("2025-03", "AG2", "1.002") == ["1", "0", "1", "0", "1", "0", "0", "0", "0", "0", "1", "0", "0", "0", "0", "0"])
        // D5: the row's level 4 beats the catalog's level 2; resolved with no due date.
        #expect(counts("2025-03", "AG2", "1.003") == ["1", "1", "0", "0", "1", "1", "1", "1", "0", "0", "0", "0", "0", "1", "0", "0"])
        // D6: the row's level 2 beats the catalog's level 4: not eligible; rejected.
        #expect(counts("2025-03", "AG2", "1.001") == ["1", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "1", "0"])
        // D7: unknown procedure, never eligible; withdrawn.
        #expect(counts("2025-04", "AG2", "9.999") == ["1", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "1"])
        // D12 from the igate export: online (code 2), closed exactly at the due time: on time.
        #expect(counts("2025-05", "AG2", "1.002") == ["1", "1", "0", "0", "1", "1", "0", "0", "0", "0", "0", "1", "0", "0", "0", "0"])
        // D10, received after the as-of date, still counts in monthly_counts.
        #expect(counts("2025-07", "AG1", "1.002")[0] == "1")
        #expect(db.value("SELECT SUM(received) FROM monthly_counts") == "12")

        // 2025 province: 10 received, 8 online, 1 postal; eligible 8, of which 6 online;
        // level 4: 3, 2 online; paid known 2, 1 online; early 1 + on time 2 of 4 resolved with a due date.
        #expect(db.rows("SELECT received, online_rate, postal_rate, eligible_online_rate, round(level4_online_rate, 6), paid_online_rate, on_time_rate FROM province_ratios_by_year WHERE year = 2025")
            == [["10", "0.8", "0.1", "0.75", "0.666667", "0.5", "0.75"]])
        #expect(db.rows("SELECT quarter, received FROM province_ratios_by_quarter WHERE quarter LIKE '2025%' ORDER BY 1")
            == [["2025-Q1", "6"], ["2025-Q2", "3"], ["2025-Q3", "1"]])
        #expect(db.value("SELECT received FROM agency_ratios_by_year WHERE year = 2025 AND agency_code = 'AG2'") == "5")
        #expect(db.value("SELECT received FROM field_ratios_by_year WHERE year = 2025 AND field = 'Hộ tịch'") == "5")
        #expect(db.value("SELECT online_rate FROM procedure_ratios_by_month WHERE month = '2025-03' AND procedure_code = '1.002'") == "0.0")
        // An empty denominator is NULL, never 0: no resolved dossier with a due date in 2022.
        #expect(db.value("SELECT on_time_rate FROM province_ratios_by_year WHERE year = 2022") == "NULL")

        // Targets. online_rate 0.85 of 10: ceil(8.5) = 9 needed, 8 online: short by 1.
        // on_time 0.95 of 4: ceil(3.8) = 4, 3 on time: short by 1. paid 0.6 of 2: ceil(1.2) = 2, 1: short 1.
        // Level 3/4 share on 2025-06-30: 1.001, 1.002, 1.006 of 6 active (1.004 abolished): 0.5;
        // 0.8 x 6 = 4.8 -> 5 needed, 3: short by 2. 2024 has no dossiers: NULL.
        #expect(db.rows("SELECT year, metric, target, actual, met, shortfall FROM target_progress ORDER BY year, metric") == [
            ["2024", "online_rate", "0.5", "NULL", "NULL", "NULL"],
            ["2025", "eligible_online_rate", "0.6", "0.75", "1", "0"],
            ["2025", "on_time_rate", "0.95", "0.75", "0", "1"],
            ["2025", "online_rate", "0.85", "0.8", "0", "1"],
            ["2025", "paid_online_rate", "0.6", "0.5", "0", "1"],
            ["2025", "procedures_level34_share", "0.8", "0.5", "0", "2"],
        ])

        // Backlog on 2025-06-30: D3 (due 10 Feb: overdue) and D11 (due on the as-of date: not
        // overdue); D10 was received after the as-of date.
        #expect(db.rows("SELECT agency_code, procedure_code, pending, pending_overdue FROM backlog") == [["AG1", "1.002", "2", "1"]])

        // Dormancy: window (2022-06-30, 2025-06-30]. 1.005's only dossier is on the window's
        // open end: dormant. 1.007's is a day later: alive. 1.006 is too new until 2026-05-01.
        #expect(db.rows("SELECT procedure_code, last_received_on, dossiers_ever, online_level FROM dormant_procedures")
            == [["1.005", "2022-06-30", "1", "2"]])
        #expect(db.rows("SELECT procedure_code, judgeable_on, dossiers_ever FROM too_new_procedures") == [["1.006", "2026-05-01", "0"]])
        #expect(db.rows("SELECT procedure_code, dossiers, first_received_on, last_received_on FROM unknown_procedures")
            == [["9.999", "1", "2025-04-01", "2025-04-01"]])
        #expect(db.rows("SELECT agency_code, agency_name FROM agencies") == [["AG1", "Sở Xây dựng"], ["AG2", "UBND huyện"]])
        #expect(db.rows("SELECT COUNT(*), SUM(active) FROM procedures") == [["7", "6"]])

        // The human summary names the year's figures against targets.
        #expect(result.stdout.contains("2025: online_rate 80.0% (target 85.0%, short by 1)"))
    }

    @Test func personalDataNeverReachesTheDatabaseOrTheStore() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        #expect(try CLI.run(["run", fx.path("pipeline.yaml")]).status == 0)
        let secrets = ["Bí Mật", "Riêng Tư", "079123456789", "Kín Đáo", "Ẩn Danh"]
        for file in ["out/summary.sqlite", "out/store/dossiers.store"] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: fx.path(file)))
            for secret in secrets {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) found in \(file)")
                #expect(bytes.range(of: Data(secret.decomposedStringWithCanonicalMapping.utf8)) == nil)
            }
        }
    }

    @Test func rerunSkipsIngestedExportsAndChangesNoFigure() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        #expect(try CLI.run(["run", fx.path("pipeline.yaml")]).status == 0)
        let first = try SQLiteReader(fx.path("out/summary.sqlite")).rows("SELECT * FROM monthly_counts ORDER BY 1, 2, 3")
        let second = try CLI.run(["run", fx.path("pipeline.yaml"), "--json"])
        #expect(second.status == 0)
        #expect(second.stdout.contains("\"inputs_skipped\""))
        #expect(second.stdout.contains("\"records_read\":0"))
        let db = try SQLiteReader(fx.path("out/summary.sqlite"))
        #expect(db.rows("SELECT * FROM monthly_counts ORDER BY 1, 2, 3") == first)
        #expect(db.value("SELECT COUNT(*) FROM runs") == "2")
        #expect(db.value("SELECT COUNT(*) FROM run_inputs WHERE action = 'skipped'") == "2")
    }

    @Test func aRenamedCopyOfAnIngestedExportIsSkippedByItsContent() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        #expect(try CLI.run(["run", fx.path("pipeline.yaml")]).status == 0)
        try FileManager.default.copyItem(atPath: fx.path("exports/b.csv"), toPath: fx.path("exports/b-again.csv"))
        let second = try CLI.run(["run", fx.path("pipeline.yaml"), "--json"])
        #expect(second.status == 0)
        #expect(second.stdout.contains("\"records_read\":0"))
        #expect(second.stdout.contains("b-again.csv"))
        let db = try SQLiteReader(fx.path("out/summary.sqlite"))
        #expect(db.value("SELECT COUNT(*) FROM run_inputs WHERE action = 'skipped' AND path LIKE '%b-again.csv'") == "1")
        // Every ingested export carries its SHA-256, hashed before or while it was read.
        #expect(db.value("SELECT COUNT(*) FROM run_inputs WHERE length(sha256) = 64") == db.value("SELECT COUNT(*) FROM run_inputs"))
    }

    @Test func asOfOnTheCommandLineOverridesTheFile() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        #expect(try CLI.run(["run", fx.path("pipeline.yaml"), "--as-of", "2025-07-02", "--quiet"]).stdout.isEmpty)
        let db = try SQLiteReader(fx.path("out/summary.sqlite"))
        #expect(db.value("SELECT value FROM metadata WHERE key = 'as_of'") == "2025-07-02")
        // D10, received on 2 July, is now in the backlog; D11's due date (30 June) is past.
        #expect(db.rows("SELECT pending, pending_overdue FROM backlog") == [["3", "2"]])
    }
}

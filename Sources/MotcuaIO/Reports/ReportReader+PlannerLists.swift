import MotcuaCore

/// Reads the planner lists of CONTRACT.md 2.4 for the retire and adoption reports.
extension ReportReader {
    static func onlineServicesWithoutOnlineDossiers(_ db: SQLiteConnection) throws(SummaryDatabaseError)
        -> [RetireReport.OnlineServiceRow]
    {
        try db.prepare(
            """
            SELECT procedure_code, procedure_name, field, admin_level, online_level, published_on,
                last_online_received_on, dossiers_in_window
            FROM online_services_without_online_dossiers ORDER BY procedure_code
            """
        ).query().map { r in
            RetireReport.OnlineServiceRow(
                procedure: RetireReport.ProcedureRow(
                    code: r[0].text ?? "", name: r[1].text ?? "", field: r[2].text ?? "", adminLevel: r[3].text,
                    onlineLevel: r[4].integer, publishedOn: r[5].text ?? "", dossiersEver: r[7].integer ?? 0),
                lastOnlineReceivedOn: r[6].text, dossiersInWindow: r[7].integer ?? 0)
        }
    }

    static func upgradeCandidates(_ db: SQLiteConnection) throws(SummaryDatabaseError) -> [AdoptionReport.UpgradeCandidate] {
        try db.prepare(
            """
            SELECT procedure_code, procedure_name, field, online_level, dossiers_last_year, online_dossiers_last_year
            FROM upgrade_candidates ORDER BY dossiers_last_year DESC, procedure_code
            """
        ).query().map { r in
            AdoptionReport.UpgradeCandidate(
                code: r[0].text ?? "", name: r[1].text ?? "", field: r[2].text ?? "", onlineLevel: r[3].integer,
                dossiersLastYear: r[4].integer ?? 0, onlineDossiersLastYear: r[5].integer ?? 0)
        }
    }
}

-- monthly_counts (CONTRACT.md section 2) from one canonical export and the procedure catalog,
-- written the way a DuckDB user would: one SQL script over the CSV files, no motcua involved.
-- It is the reference of Benchmarks/compare.sh, which checks it row for row against motcua.
--
-- Inputs, set before running this file (DuckDB >= 1.1):
--   SET VARIABLE export_csv  = 'path/to/export-0001.csv';   -- canonical columns, ',' or ';' or tab
--   SET VARIABLE catalog_csv = 'path/to/catalog.csv';
-- Output: the table monthly_counts (month 'YYYY-MM', agency_code, procedure_code, 16 counts),
-- in the column order of motcua's summary database, rows in key order.
--
-- Scope: canonical spellings of channel and status (what `motcua generate --format canonical`
-- writes); the date and service-level spellings of CONTRACT.md 1.1. Rejects (section 1.4) are
-- not reproduced: feed it files without bad rows (--bad-rate 0).

-- Times without an offset are Viet Nam local time; 'Z' and '+HH:MM' are converted to it.
-- Asia/Ho_Chi_Minh has been UTC+07:00 without daylight saving since 1975. A plain
-- CAST(... AS TIMESTAMP) would silently drop the offset; TIMESTAMPTZ in this zone does not.
SET TimeZone = 'Asia/Ho_Chi_Minh';

-- Local wall-clock time of any accepted date spelling; date-only means local midnight.
CREATE OR REPLACE TEMP MACRO local_ts(s) AS
    coalesce(
        try_cast(s AS TIMESTAMPTZ)::TIMESTAMP,
        try_strptime(trim(s), ['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y']));

-- 'N', 'mức độ N', 'mức N' (N = 1..4), 'một phần' (3), 'toàn trình' (4); any case, with or
-- without diacritics (strip_accents leaves đ alone, hence the replace). Anything else: NULL.
CREATE OR REPLACE TEMP MACRO level_of(s) AS
    CASE regexp_replace(
            replace(strip_accents(lower(regexp_replace(trim(s), '\s+', ' ', 'g'))), 'đ', 'd'),
            '^(muc do|muc|level) ', '')
        WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN '3' THEN 3 WHEN '4' THEN 4
        WHEN 'mot phan' THEN 3 WHEN 'toan trinh' THEN 4
    END;

CREATE OR REPLACE TABLE monthly_counts AS
WITH
parsed AS (
    SELECT
        trim(dossier_id)         AS dossier_id,
        trim(agency_code)        AS agency_code,
        trim(procedure_code)     AS procedure_code,
        lower(trim(channel))     AS channel,
        lower(trim(status))      AS status,
        level_of(service_level)  AS service_level,
        lower(trim(paid_online)) AS paid,
        local_ts(received_at)    AS received_at,
        local_ts(closed_at)      AS closed_at,
        local_ts(due_at)         AS due_at,
        local_ts(updated_at)     AS updated_at,
        ordinality               AS line          -- file order, for ties
    FROM read_csv(getvariable('export_csv'), all_varchar = true, header = true) WITH ORDINALITY
),
-- The latest state of each dossier: greatest updated_at; no updated_at is older than any;
-- among equals the later row in the file.
latest AS (
    SELECT * FROM parsed
    QUALIFY row_number() OVER (
        PARTITION BY dossier_id ORDER BY updated_at DESC NULLS LAST, line DESC) = 1
),
catalog AS (
    SELECT trim(procedure_code) AS procedure_code, level_of(online_level) AS online_level
    FROM read_csv(getvariable('catalog_csv'), all_varchar = true, header = true)
),
dossiers AS (
    SELECT
        l.*,
        coalesce(l.service_level, c.online_level, 0) AS level,   -- own level, else the catalog's
        l.channel = 'online' AS online
    FROM latest l LEFT JOIN catalog c USING (procedure_code)
),
received AS (
    SELECT
        strftime(received_at, '%Y-%m') AS month, agency_code, procedure_code,
        count(*)                                                      AS received,
        count(*) FILTER (online)                                      AS received_online,
        count(*) FILTER (channel = 'postal')                          AS received_postal,
        count(*) FILTER (channel NOT IN ('online', 'postal'))         AS received_in_person,
        count(*) FILTER (level >= 3)                                  AS received_eligible,
        count(*) FILTER (level >= 3 AND online)                       AS received_online_eligible,
        count(*) FILTER (level = 4)                                   AS received_level4,
        count(*) FILTER (level = 4 AND online)                        AS received_online_level4,
        count(*) FILTER (paid IN ('true', 'yes', '1', 'có', 'x', 'false', 'no', '0', 'không'))
                                                                      AS received_paid_known,
        count(*) FILTER (paid IN ('true', 'yes', '1', 'có', 'x'))     AS received_paid_online
    FROM dossiers
    GROUP BY ALL
),
-- On time means closed_at <= due_at; a due_at at exactly local midnight means the end of that day.
timed AS (
    SELECT
        *,
        CASE
            WHEN due_at IS NULL THEN NULL
            WHEN due_at::TIME = TIME '00:00:00' THEN closed_at >= due_at + INTERVAL 1 DAY
            ELSE closed_at > due_at
        END AS late
    FROM dossiers
    WHERE status <> 'pending' AND closed_at IS NOT NULL
),
closed AS (
    SELECT
        strftime(closed_at, '%Y-%m') AS month, agency_code, procedure_code,
        count(*) FILTER (status = 'resolved' AND NOT late AND closed_at::DATE < due_at::DATE)
                                                                      AS resolved_early,
        count(*) FILTER (status = 'resolved' AND NOT late AND closed_at::DATE = due_at::DATE)
                                                                      AS resolved_on_time,
        count(*) FILTER (status = 'resolved' AND late)                AS resolved_late,
        count(*) FILTER (status = 'resolved' AND due_at IS NULL)      AS resolved_no_due,
        count(*) FILTER (status = 'rejected')                         AS rejected,
        count(*) FILTER (status = 'withdrawn')                        AS withdrawn
    FROM timed
    GROUP BY ALL
)
SELECT
    month, agency_code, procedure_code,
    coalesce(received, 0)                 AS received,
    coalesce(received_online, 0)          AS received_online,
    coalesce(received_postal, 0)          AS received_postal,
    coalesce(received_in_person, 0)       AS received_in_person,
    coalesce(received_eligible, 0)        AS received_eligible,
    coalesce(received_online_eligible, 0) AS received_online_eligible,
    coalesce(received_level4, 0)          AS received_level4,
    coalesce(received_online_level4, 0)   AS received_online_level4,
    coalesce(received_paid_known, 0)      AS received_paid_known,
    coalesce(received_paid_online, 0)     AS received_paid_online,
    coalesce(resolved_early, 0)           AS resolved_early,
    coalesce(resolved_on_time, 0)         AS resolved_on_time,
    coalesce(resolved_late, 0)            AS resolved_late,
    coalesce(resolved_no_due, 0)          AS resolved_no_due,
    coalesce(rejected, 0)                 AS rejected,
    coalesce(withdrawn, 0)                AS withdrawn
FROM received FULL OUTER JOIN closed USING (month, agency_code, procedure_code)
ORDER BY month, agency_code, procedure_code;

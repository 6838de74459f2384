-- Reads the dossiers of one motcua snapshot with DuckDB (docs/operations.md, "Reading a snapshot").
-- scripts/duckdb-read-snapshot.sh replaces __SNAPSHOT__ with the snapshot folder; to use it by
-- hand in the duckdb CLI, put the folder in yourself, e.g. var/sample/snapshots/20251231T183000Z-4242.
-- hive_partitioning = true turns the folder names dossiers/year=YYYY/ into a `year` column.
-- all_varchar keeps ids such as 000.00.17.H12-210601-0001 and codes such as 1.004227 as text.
SELECT year, count(*) AS dossiers
FROM read_csv('__SNAPSHOT__/dossiers/*/*.csv.zst', hive_partitioning = true, header = true, all_varchar = true)
GROUP BY year
ORDER BY year;

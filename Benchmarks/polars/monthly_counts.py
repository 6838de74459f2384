# monthly_counts (CONTRACT.md section 2) from one canonical export and the procedure catalog,
# written the way a polars user would: one lazy query, no motcua involved. The second peer of
# Benchmarks/compare.sh (issue 16), which checks it row for row against motcua and DuckDB.
#
#   python monthly_counts.py EXPORT_CSV CATALOG_CSV OUT_CSV TIMES_FILE
#
# Same scope and rules as duckdb/monthly_counts.sql: canonical spellings of channel and status,
# the ISO date spellings `motcua generate --format canonical` writes (date only, `T` or space,
# optional `Z` or `+HH:MM`), levels `N`, `mức độ N`, `mức N`, `một phần`, `toàn trình`; no rejects.
# Prints nothing; appends "query_seconds import_seconds" to TIMES_FILE.
import sys
import time

t0 = time.perf_counter()
import polars as pl  # noqa: E402

export_csv, catalog_csv, out_csv, times_file = sys.argv[1:5]
t1 = time.perf_counter()

LOCAL_OFFSET_MIN = 7 * 60  # Asia/Ho_Chi_Minh, UTC+07:00, no daylight saving


def local_ts(name):
    """Local wall-clock time of an ISO spelling; no offset means local, date only means midnight."""
    s = pl.col(name).str.strip_chars()
    base = s.str.slice(0, 19).str.replace("T", " ", literal=True)
    ts = pl.coalesce(
        base.str.strptime(pl.Datetime("us"), "%Y-%m-%d %H:%M:%S", strict=False),
        base.str.strptime(pl.Datetime("us"), "%Y-%m-%d %H:%M", strict=False),
        s.str.slice(0, 10).str.strptime(pl.Datetime("us"), "%Y-%m-%d", strict=False),
    )
    tail = s.str.slice(19)
    sign = pl.when(tail.str.starts_with("-")).then(-1).otherwise(1)
    hhmm = tail.str.extract_groups(r"^[+-](\d\d):?(\d\d)$")
    offset = (
        pl.when(tail == "Z")
        .then(0)
        .when(tail.str.contains(r"^[+-]\d\d:?\d\d$"))
        .then(sign * (hhmm.struct.field("1").cast(pl.Int32) * 60 + hhmm.struct.field("2").cast(pl.Int32)))
        .otherwise(None)
    )
    shift = (LOCAL_OFFSET_MIN - offset).fill_null(0)
    return ts + pl.duration(minutes=shift)


def level_of(expr):
    s = expr.str.strip_chars().str.to_lowercase().str.replace_all(r"\s+", " ")
    digit = s.str.extract(r"^(?:mức độ |mức |muc do |muc |level )?([1-4])$", 1).cast(pl.Int32)
    return (
        pl.when(s.is_in(["toàn trình", "toan trinh"]))
        .then(4)
        .when(s.is_in(["một phần", "mot phan"]))
        .then(3)
        .otherwise(digit)
    )


PAID_KNOWN = ["true", "yes", "1", "có", "x", "false", "no", "0", "không"]
PAID_ONLINE = ["true", "yes", "1", "có", "x"]

parsed = (
    pl.scan_csv(export_csv, infer_schema=False)
    .with_row_index("line")
    .select(
        pl.col("dossier_id").str.strip_chars(),
        pl.col("agency_code").str.strip_chars(),
        pl.col("procedure_code").str.strip_chars(),
        pl.col("channel").str.strip_chars().str.to_lowercase().alias("channel"),
        pl.col("status").str.strip_chars().str.to_lowercase().alias("status"),
        level_of(pl.col("service_level")).alias("service_level"),
        pl.col("paid_online").str.strip_chars().str.to_lowercase().alias("paid"),
        local_ts("received_at").alias("received_at"),
        local_ts("closed_at").alias("closed_at"),
        local_ts("due_at").alias("due_at"),
        local_ts("updated_at").alias("updated_at"),
        pl.col("line"),
    )
)
# The latest state of each dossier: greatest updated_at, none older than any, ties to the later line.
latest = parsed.sort(["updated_at", "line"], descending=[True, True], nulls_last=True).unique(
    subset="dossier_id", keep="first"
)
catalog = pl.scan_csv(catalog_csv, infer_schema=False).select(
    pl.col("procedure_code").str.strip_chars(), level_of(pl.col("online_level")).alias("online_level")
)
dossiers = latest.join(catalog, on="procedure_code", how="left").with_columns(
    pl.coalesce("service_level", "online_level", pl.lit(0)).alias("level"),
    (pl.col("channel") == "online").alias("online"),
)
keys = ["month", "agency_code", "procedure_code"]


def count(cond):
    return cond.cast(pl.Int64).sum()


received = (
    dossiers.with_columns(pl.col("received_at").dt.strftime("%Y-%m").alias("month"))
    .group_by(keys)
    .agg(
        pl.len().cast(pl.Int64).alias("received"),
        count(pl.col("online")).alias("received_online"),
        count(pl.col("channel") == "postal").alias("received_postal"),
        count(~pl.col("channel").is_in(["online", "postal"])).alias("received_in_person"),
        count(pl.col("level") >= 3).alias("received_eligible"),
        count((pl.col("level") >= 3) & pl.col("online")).alias("received_online_eligible"),
        count(pl.col("level") == 4).alias("received_level4"),
        count((pl.col("level") == 4) & pl.col("online")).alias("received_online_level4"),
        count(pl.col("paid").is_in(PAID_KNOWN).fill_null(False)).alias("received_paid_known"),
        count(pl.col("paid").is_in(PAID_ONLINE).fill_null(False)).alias("received_paid_online"),
    )
)
due_midnight = pl.col("due_at").dt.time() == pl.time(0, 0, 0)
late = (
    pl.when(pl.col("due_at").is_null())
    .then(None)
    .when(due_midnight)
    .then(pl.col("closed_at") >= pl.col("due_at") + pl.duration(days=1))
    .otherwise(pl.col("closed_at") > pl.col("due_at"))
)
resolved = pl.col("status") == "resolved"
closed = (
    dossiers.filter((pl.col("status") != "pending") & pl.col("closed_at").is_not_null())
    .with_columns(late.alias("late"), pl.col("closed_at").dt.strftime("%Y-%m").alias("month"))
    .group_by(keys)
    .agg(
        count((resolved & ~pl.col("late") & (pl.col("closed_at").dt.date() < pl.col("due_at").dt.date())).fill_null(False)).alias("resolved_early"),
        count((resolved & ~pl.col("late") & (pl.col("closed_at").dt.date() == pl.col("due_at").dt.date())).fill_null(False)).alias("resolved_on_time"),
        count((resolved & pl.col("late")).fill_null(False)).alias("resolved_late"),
        count(resolved & pl.col("due_at").is_null()).alias("resolved_no_due"),
        count(pl.col("status") == "rejected").alias("rejected"),
        count(pl.col("status") == "withdrawn").alias("withdrawn"),
    )
)
counts = [
    "received", "received_online", "received_postal", "received_in_person", "received_eligible",
    "received_online_eligible", "received_level4", "received_online_level4", "received_paid_known",
    "received_paid_online", "resolved_early", "resolved_on_time", "resolved_late", "resolved_no_due",
    "rejected", "withdrawn",
]
monthly = (
    received.join(closed, on=keys, how="full", coalesce=True)
    .select(*keys, *[pl.col(c).fill_null(0) for c in counts])
    .sort(keys)
)
monthly.collect().write_csv(out_csv)
t2 = time.perf_counter()
with open(times_file, "a") as f:
    f.write(f"{t2 - t1:.6f} {t1 - t0:.6f}\n")

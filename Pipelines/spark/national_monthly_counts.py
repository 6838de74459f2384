#!/usr/bin/env python3
"""National `monthly_counts` from many provinces' motcua snapshots, with PySpark.

Where one machine is not enough for questions over the raw dossiers, the snapshots are the
interface (CONTRACT.md section 3.5): this job reads the latest snapshot of every province under a
root,

    <root>/<province>/snapshots/<snapshot_id>/dossiers/year=YYYY/part-NNNN.csv.zst
    <root>/<province>/snapshots/<snapshot_id>/catalog.csv.zst

reports each province under its new code through the crosswalk (Pipelines/crosswalk/, as
`motcua merge` does), and writes the counts of CONTRACT.md section 2 per province, month, agency
and procedure. The rules are those of `MonthlyCounts.count` in
Sources/MotcuaCore/Figures/MonthlyCounts.swift; `make test-spark` checks that the result equals
`motcua merge`'s table, row by row, on generated provinces.

Spark 4.1 and later read `.csv.zst` as it is (measured with pyspark 4.1.1 from PyPI, with no
native Hadoop library installed), so nothing is decompressed in Python. A zstd file cannot be split: one task reads one
part file, which is why snapshot parts are cut by rows (docs/scale.md).

    spark-submit Pipelines/spark/national_monthly_counts.py --root /srv/motcua --out /srv/national/monthly_counts
        [--crosswalk 2025 | --crosswalk my.csv | --crosswalk none] [--provinces 01,26]
"""

import argparse
import csv
import os
import sys

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

# The columns the counts read from the snapshot's files, by header name (the files may hold more,
# in any order: DossierCSVFormatter.columns and CatalogColumn grow between releases).
DOSSIER_COLUMNS = [
    "procedure_code", "agency_code", "channel", "received_at", "status", "closed_at", "due_at", "service_level",
    "paid_online",
]
CATALOG_COLUMNS = ["procedure_code", "online_level"]

# The count columns in `monthly_counts` order (MonthlyCounts.Column); the comparison in
# `make test-spark` checks them against the database's own columns.
RECEIVED_COUNTS = [
    "received", "received_online", "received_postal", "received_in_person", "received_eligible",
    "received_online_eligible", "received_level4", "received_online_level4", "received_paid_known",
    "received_paid_online",
]
CLOSED_COUNTS = ["resolved_early", "resolved_on_time", "resolved_late", "resolved_no_due", "rejected", "withdrawn"]
COUNT_COLUMNS = RECEIVED_COUNTS + CLOSED_COUNTS
KEY_COLUMNS = ["province_code", "month", "agency_code", "procedure_code"]

BUILT_IN_CROSSWALKS = {"2025": os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crosswalk", "provinces-2025.csv")}


def crosswalk(name):
    """old code -> new code; a new code that is not also an old one maps to itself. None: no crosswalk."""
    if name == "none":
        return None
    path = BUILT_IN_CROSSWALKS.get(name, name)
    with open(path, encoding="utf-8-sig", newline="") as f:
        # The delimiters motcua's reader accepts (ProvinceCrosswalkFile reads the same files).
        dialect = csv.Sniffer().sniff(f.readline(), delimiters=",;\t|")
        f.seek(0)
        rows = list(csv.DictReader(f, dialect=dialect))
    mapping = {}
    for row in rows:
        old, new = row["old_code"].strip(), row["new_code"].strip()
        if old in mapping:
            sys.exit(f"{path}: province code {old} is mapped twice")
        mapping[old] = new
    for new in set(mapping.values()):
        mapping.setdefault(new, new)
    return mapping


def latest_snapshots(spark, root, provinces):
    """(province, snapshot folder) of each province's latest complete snapshot, listed through
    Hadoop's file system so that the root may be local, HDFS or an object store."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    root_path = jvm.org.apache.hadoop.fs.Path(root)
    fs = root_path.getFileSystem(conf)
    found = []
    for status in fs.listStatus(root_path):
        province = status.getPath().getName()
        if not status.isDirectory() or (provinces and province not in provinces):
            continue
        snapshots = jvm.org.apache.hadoop.fs.Path(status.getPath(), "snapshots")
        if not fs.exists(snapshots):
            continue
        # A snapshot is complete once its manifest is in place; ids sort by time
        # (SnapshotFolder.latest); hidden folders are snapshots being written.
        ids = sorted(
            s.getPath().getName() for s in fs.listStatus(snapshots)
            if s.isDirectory() and not s.getPath().getName().startswith(".")
            and fs.exists(jvm.org.apache.hadoop.fs.Path(s.getPath(), "manifest.json"))
        )
        if ids:
            found.append((province, f"{snapshots.toString()}/{ids[-1]}"))
    return sorted(found)


def read_csv(spark, paths, columns):
    """Every value as text, columns matched by the header's names (no schema: a schema would bind
    by position). enforceSchema off: a file whose header differs from the first file's (snapshots
    of another motcua release) stops the job instead of being read by position. multiLine: a
    quoted label may hold a line break; a part file is one task anyway."""
    df = (
        spark.read.option("header", True).option("enforceSchema", False).option("multiLine", True)
        .option("mode", "FAILFAST").csv(paths)
    )
    return df.select(*columns, F.col("_metadata.file_path").alias("source_path"))


def with_province(df):
    """The province of each row: the folder above `snapshots/` in the path of its file."""
    pattern = r"([^/]+)/snapshots/[^/]+/(dossiers/year=[^/]+/[^/]+|catalog\.csv\.zst)$"
    return df.withColumn("input_province", F.regexp_extract("source_path", pattern, 1)).drop("source_path")


def monthly_counts(dossiers: DataFrame, catalog: DataFrame) -> DataFrame:
    """MonthlyCounts.count over every dossier, summed per (province, month, agency, procedure)."""
    d = dossiers.where(F.col("status") != "not_received")  # counted in no figure (section 1.1)
    d = d.join(catalog, ["input_province", "procedure_code"], "left")
    level = F.coalesce(F.col("service_level").cast("int"), F.col("online_level").cast("int"), F.lit(0))
    online = F.col("channel") == "online"
    flag = lambda condition: F.when(condition, 1).otherwise(0)  # noqa: E731
    received = d.select(
        "province_code", "agency_code", "procedure_code",
        # Instants are local time (UTC+07:00) as written; the month is their first 7 characters.
        F.substring("received_at", 1, 7).alias("month"),
        F.lit(1).alias("received"),
        flag(online).alias("received_online"),
        flag(F.col("channel") == "postal").alias("received_postal"),
        flag((F.col("channel") != "online") & (F.col("channel") != "postal")).alias("received_in_person"),
        flag(level >= 3).alias("received_eligible"),
        flag((level >= 3) & online).alias("received_online_eligible"),
        flag(level == 4).alias("received_level4"),
        flag((level == 4) & online).alias("received_online_level4"),
        flag(F.col("paid_online").isNotNull()).alias("received_paid_known"),
        flag(F.col("paid_online") == "true").alias("received_paid_online"),
        *[F.lit(0).alias(c) for c in CLOSED_COUNTS],
    )
    c = d.where(F.col("closed_at").isNotNull() & (F.col("status") != "pending"))
    # Timestamps compared as written (the session time zone is UTC, so no daylight saving moves
    # them). A due_at at exactly 00:00:00 means the end of that day (Timeliness.classify).
    closed_ts = F.to_timestamp("closed_at")
    due_ts = F.to_timestamp("due_at")
    due_is_midnight = F.date_format(due_ts, "HH:mm:ss.SSS") == "00:00:00.000"
    late = F.when(due_is_midnight, closed_ts >= due_ts + F.expr("INTERVAL 1 DAY")).otherwise(closed_ts > due_ts)
    early = F.to_date(closed_ts) < F.to_date(due_ts)
    resolved = F.col("status") == "resolved"
    has_due = F.col("due_at").isNotNull()
    closed = c.select(
        "province_code", "agency_code", "procedure_code",
        F.substring("closed_at", 1, 7).alias("month"),
        *[F.lit(0).alias(col) for col in RECEIVED_COUNTS],
        flag(resolved & has_due & ~late & early).alias("resolved_early"),
        flag(resolved & has_due & ~late & ~early).alias("resolved_on_time"),
        flag(resolved & has_due & late).alias("resolved_late"),
        flag(resolved & ~has_due).alias("resolved_no_due"),
        flag(F.col("status") == "rejected").alias("rejected"),
        flag(F.col("status") == "withdrawn").alias("withdrawn"),
    )
    return (
        received.unionByName(closed)
        .groupBy("province_code", "month", "agency_code", "procedure_code")
        .agg(*[F.sum(col).cast("long").alias(col) for col in COUNT_COLUMNS])
        .select(*KEY_COLUMNS, *COUNT_COLUMNS)
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", required=True, help="folder holding one folder per province code")
    parser.add_argument("--out", required=True, help="output folder (CSV with a header, one file)")
    parser.add_argument("--crosswalk", default="2025", help="2025 (built in), a CSV path, or none")
    parser.add_argument("--provinces", default="", help="comma-separated codes; default every folder under --root")
    args = parser.parse_args()

    spark = (
        SparkSession.builder.appName("motcua national monthly_counts")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")  # a log for cron, not a terminal
        .getOrCreate()
    )
    snapshots = latest_snapshots(spark, args.root, set(filter(None, args.provinces.split(","))))
    if not snapshots:
        sys.exit(f"no province snapshot under {args.root}")
    mapping = crosswalk(args.crosswalk)
    reported = {}
    for province, _ in snapshots:
        if mapping is not None and province not in mapping:
            sys.exit(f"province {province} is not in the crosswalk {args.crosswalk}")
        reported[province] = mapping[province] if mapping is not None else province
    provinces = spark.createDataFrame(sorted(reported.items()), ["input_province", "province_code"])

    dossiers = with_province(
        read_csv(spark, [f"{folder}/dossiers/year=*/part-*.csv.zst" for _, folder in snapshots], DOSSIER_COLUMNS)
    ).join(F.broadcast(provinces), "input_province")
    catalog = with_province(
        read_csv(spark, [f"{folder}/catalog.csv.zst" for _, folder in snapshots], CATALOG_COLUMNS)
    ).select("input_province", "procedure_code", "online_level")

    counts = monthly_counts(dossiers, F.broadcast(catalog))
    print(f"provinces: {len(snapshots)} snapshots reported as {len(set(reported.values()))}; "
          f"dossier files read in {dossiers.rdd.getNumPartitions()} tasks", file=sys.stderr)
    (
        counts.orderBy(*KEY_COLUMNS).coalesce(1).write.mode("overwrite").option("header", True).csv(args.out)
    )
    spark.stop()


if __name__ == "__main__":
    main()

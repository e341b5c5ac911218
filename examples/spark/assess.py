"""Assess complaints on Spark with plaint: the same rules, run inside each
executor through ``mapInArrow`` (Arrow batches in, Arrow batches out).

    python examples/spark/assess.py [N] [WORKERS]   # N synthetic complaints (default 100000), local[WORKERS]

Needs pyspark (from PyPI) and a JDK 17. The executors import plaint, so it
must be installed where they run (here: the same Python, local mode).
"""

from __future__ import annotations

import sys
import time
from typing import Any, Iterator

import plaint
import plaint.arrow
from plaint import synthetic

NOW = "2026-12-01T09:00:00+08:00"


def spark_session(workers: int) -> Any:
    import os

    from pyspark.sql import SparkSession

    # The Python workers must import plaint: run them with this interpreter.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return (
        SparkSession.builder.master(f"local[{workers}]")
        .appName("plaint-assess")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "10000")
        .config("spark.driver.memory", os.environ.get("PLAINT_SPARK_MEMORY", "4g"))
        .config("spark.sql.shuffle.partitions", str(workers * 4))
        .getOrCreate()
    )


def result_schema(policy_name: str) -> Any:
    """The Spark schema of plaint.arrow.assess's result (instants in UTC)."""
    import pyarrow as pa
    from pyspark.sql.pandas.types import from_arrow_schema

    schema = plaint.arrow.assess_schema(plaint.Policy.preset(policy_name))
    fields = [pa.field(f.name, pa.timestamp("us", tz="UTC")) if pa.types.is_timestamp(f.type) else f for f in schema]
    return from_arrow_schema(pa.schema(fields))


def assess_partitions(policy_name: str, now: str) -> Any:
    """The function mapInArrow runs on each partition's batches."""

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        policy = plaint.Policy.preset(policy_name)
        for batch in batches:
            out = plaint.arrow.assess(batch, policy, now)
            # Spark keeps instants as UTC microseconds.
            for i, field in enumerate(out.schema):
                if pa.types.is_timestamp(field.type):
                    out = out.set_column(i, field.name, out.column(i).cast(pa.timestamp("us", tz="UTC")))
            yield from out.to_batches()

    return run


def assess_on_spark(spark: Any, complaints: Any, policy_name: str = "cn-property", now: str = NOW) -> Any:
    """A Spark DataFrame of complaints (plaint.arrow's columns) → the assessment columns."""
    return complaints.mapInArrow(assess_partitions(policy_name, now), result_schema(policy_name))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    spark = spark_session(workers)
    complaints = spark.createDataFrame(synthetic.arrow_table(n, seed=2026)).repartition(workers * 4).cache()
    complaints.count()
    t0 = time.perf_counter()
    assessed = assess_on_spark(spark, complaints)
    by_state = assessed.groupBy("state").count().orderBy("state").collect()
    elapsed = time.perf_counter() - t0
    for row in by_state:
        print(f"{row['state'] or '(error)':<14} {row['count']:>9}")
    print(f"{n:,} complaints on local[{workers}] in {elapsed:.1f} s: {n / elapsed:,.0f}/s")
    spark.stop()


if __name__ == "__main__":
    main()

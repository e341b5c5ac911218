"""Spark: examples/spark/assess.py runs plaint.arrow.assess in the executors
(mapInArrow, local mode with 2 workers). Its result must equal the
single-process result row for row on 100,000 synthetic complaints. Spark
runs on the JDK that tools/python/test.sh installs when it is missing."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

import plaint
import plaint.arrow
from plaint import synthetic

N = 100_000


def load_example(root: Path) -> Any:
    spec = importlib.util.spec_from_file_location("spark_assess", root / "examples/spark/assess.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def utc_us(table: pa.Table) -> pa.Table:
    """Instants as UTC microseconds, the form Spark keeps them in."""
    for i, field in enumerate(table.schema):
        if pa.types.is_timestamp(field.type):
            table = table.set_column(i, field.name, table.column(i).cast(pa.timestamp("us", tz="UTC")))
    return table


def test_spark_equals_single_process(root: Path) -> None:
    example = load_example(root)
    table = synthetic.arrow_table(N, seed=2026)
    policy = plaint.Policy.preset("cn-property")
    want = utc_us(plaint.arrow.assess(table, policy, example.NOW)).sort_by("complaint_id")

    spark = example.spark_session(2)
    try:
        complaints = spark.createDataFrame(table).repartition(8)
        got = example.assess_on_spark(spark, complaints).toArrow().sort_by("complaint_id")
    finally:
        spark.stop()

    assert got.num_rows == want.num_rows == N
    assert got.schema.names == want.schema.names
    assert pc.count(want.column("state")).as_py() == N  # no row failed
    for name in want.schema.names:
        assert got.column(name).cast(want.schema.field(name).type).equals(want.column(name)), name

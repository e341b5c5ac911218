"""Assess a Polars frame of complaints with plaint and print the on-time
rate per category (met / (met + met late + breached), over every deadline
that has an outcome).

    python examples/polars/on_time.py [N]      # N synthetic complaints (default 10000)
"""

from __future__ import annotations

import sys

import polars as pl

import plaint
import plaint.arrow
from plaint import synthetic

NOW = "2026-12-01T09:00:00+08:00"
DECIDED = ["met", "met_late", "breached"]


def on_time_by_category(complaints: pl.DataFrame, policy: plaint.Policy, now: str) -> pl.DataFrame:
    """One row per category: deadlines with an outcome, and the share met in time."""
    assessed = pl.from_arrow(plaint.arrow.assess(complaints, policy, now))
    assert isinstance(assessed, pl.DataFrame)
    states = [c for c in assessed.columns if c.endswith("_state") and c != "state"]
    outcomes = assessed.unpivot(index="category", on=states, value_name="outcome").filter(
        pl.col("outcome").is_in(DECIDED)
    )
    return (
        outcomes.group_by("category")
        .agg(pl.len().alias("deadlines"), (pl.col("outcome") == "met").mean().alias("on_time_rate"))
        .sort("category", nulls_last=True)
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    frame = pl.from_arrow(synthetic.arrow_table(n, seed=2026))
    assert isinstance(frame, pl.DataFrame)
    print(on_time_by_category(frame, plaint.Policy.preset("cn-property"), NOW))


if __name__ == "__main__":
    main()

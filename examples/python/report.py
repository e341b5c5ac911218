"""On-time report of a complaint export, with plaint's cn-property rules.

    python examples/python/report.py [CSV] [--now 2026-11-01T09:00:00+08:00] [--chart report.png]

Reads a CSV export (default: examples/data/complaints.csv; columns as
documented in plaint.pandas), assesses every complaint at `--now`, and prints
the on-time rate per category and per department. A complaint counts once
its deadlines are decided: it is on time when none is breached or met late.
With matplotlib installed it also draws the per-department chart.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
from pathlib import Path
from typing import List

import pandas as pd

import plaint
from plaint.pandas import assess_frame

DATA = Path(__file__).resolve().parents[1] / "data" / "complaints.csv"
DECIDED = {"met", "met_late", "breached"}
LATE = {"met_late", "breached"}


def on_time_table(df: pd.DataFrame, by: str) -> pd.DataFrame:
    """complaints, decided, on_time, rate (%) per value of column `by`."""
    g = df.groupby(by, dropna=False)
    table = pd.DataFrame(
        {
            "complaints": g.size(),
            "decided": g["decided"].sum(),
            "on_time": g["on_time"].sum(),
        }
    )
    table["rate_%"] = (100.0 * table["on_time"] / table["decided"].where(table["decided"] > 0)).round(1)
    return table.sort_values("rate_%", na_position="last")


def main(argv: List[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv", nargs="?", default=str(DATA))
    ap.add_argument("--policy", default="cn-property")
    ap.add_argument("--now", default="2026-11-01T09:00:00+08:00")
    ap.add_argument("--chart", default="on-time-by-department.png", help="where to save the chart (matplotlib only)")
    args = ap.parse_args(argv)

    policy = plaint.Policy.preset(args.policy)
    export = pd.read_csv(args.csv, dtype=str, keep_default_na=False).replace("", None)
    result = assess_frame(export, policy, args.now)

    states = result[[c for c in result.columns if c.endswith("_state")]]
    decided = states.isin(list(DECIDED)).any(axis=1)
    late = states.isin(list(LATE)).any(axis=1)
    df = pd.DataFrame(
        {
            "category": result["category"].fillna("(unclassified)"),
            "department": export["department"].fillna("(none)"),
            "severity": result["severity"],
            "decided": decided,
            "on_time": decided & ~late,
        }
    )
    print(f"{len(df)} complaints, policy {policy.name} {policy.version}, at {args.now}")
    total = int(df["decided"].sum())
    rate = 100.0 * int(df["on_time"].sum()) / total if total else float("nan")
    print(f"on time overall: {int(df['on_time'].sum())}/{total} = {rate:.1f}%\n")
    for by in ("category", "department"):
        print(f"== on-time rate per {by}")
        print(on_time_table(df, by).to_string())
        print()

    if importlib.util.find_spec("matplotlib") is not None:
        matplotlib = importlib.import_module("matplotlib")
        matplotlib.use("Agg")
        plt = importlib.import_module("matplotlib.pyplot")
        table = on_time_table(df, "department")
        fig, ax = plt.subplots(figsize=(7, 4))
        ax.barh([str(i) for i in table.index], table["rate_%"].fillna(0.0))
        ax.set_xlabel("on time (%)")
        ax.set_xlim(0, 100)
        ax.set_title("On-time rate per department")
        fig.tight_layout()
        fig.savefig(args.chart)
        print(f"chart: {args.chart}")
    else:
        print("(matplotlib is not installed: no chart)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

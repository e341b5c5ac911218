"""Assess the result of a DuckDB query with plaint and compute the on-time
rate per category in SQL (met / (met + met late + breached), over every
deadline that has an outcome).

    python examples/duckdb/on_time.py [N]      # N synthetic complaints (default 10000)
"""

from __future__ import annotations

import sys
from typing import Any, List, Tuple

import duckdb

import plaint
import plaint.arrow
from plaint import synthetic

NOW = "2026-12-01T09:00:00+08:00"

ON_TIME_SQL = """
SELECT category,
       count(*) AS deadlines,
       avg(CASE WHEN outcome = 'met' THEN 1.0 ELSE 0.0 END) AS on_time_rate
FROM (UNPIVOT assessed ON COLUMNS('^.+_state$') INTO NAME deadline VALUE outcome)
WHERE outcome IN ('met', 'met_late', 'breached')
GROUP BY category
ORDER BY category NULLS LAST
"""


def on_time_by_category(con: Any, query: str, policy: plaint.Policy, now: str) -> List[Tuple[Any, ...]]:
    """Assess the rows of `query` and return (category, deadlines, on_time_rate) rows."""
    assessed = plaint.arrow.assess(con.sql(query), policy, now)
    con.register("assessed", assessed)
    rows: List[Tuple[Any, ...]] = con.sql(ON_TIME_SQL).fetchall()
    con.unregister("assessed")
    return rows


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    con = duckdb.connect()
    con.register("complaints", synthetic.arrow_table(n, seed=2026))
    query = "SELECT * FROM complaints WHERE received_at >= TIMESTAMPTZ '2026-06-01 00:00:00+08:00'"
    for category, deadlines, rate in on_time_by_category(con, query, plaint.Policy.preset("cn-property"), NOW):
        print(f"{category or '(none)':<20} {deadlines:>7} deadlines  on time {rate:6.1%}")


if __name__ == "__main__":
    main()

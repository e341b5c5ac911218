"""Print examples/data/complaints.csv as JSON lines of cases, one per row
(`{"complaint": {...}, "events": [...]}`, the shape plaint.pandas builds):
the sample of the C ABI's batch benchmark. Stdlib only.
    python3 tools/ffi/cases_jsonl.py > cases.jsonl"""

import csv
import json
import sys
from pathlib import Path

CSV = Path(__file__).resolve().parents[2] / "examples" / "data" / "complaints.csv"


def main() -> None:
    with CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            complaint = {"id": row["id"], "received_at": row["received_at"]}
            for key in ("channel", "department", "subject", "text"):
                if row[key]:
                    complaint[key] = row[key]
            if row["customer_id"]:
                complaint["customer"] = {"id": row["customer_id"]}
            if row["facts"]:
                complaint["facts"] = json.loads(row["facts"])
            case = {"complaint": complaint, "events": json.loads(row["events"]) if row["events"] else []}
            sys.stdout.write(json.dumps(case, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()

"""Write examples/data/complaints.csv: 40 deterministic property-management
complaints (cn-property) with their event logs. Run from anywhere:
    python tools/python/make_sample.py"""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

SH = timezone(timedelta(hours=8))
OUT = Path(__file__).resolve().parents[2] / "examples" / "data" / "complaints.csv"

# (department, subject, text, facts)
KINDS = [
    ("工程部", "漏水", "楼上漏水,天花板脱落,我母亲被砸伤送医。", {"personal_injury": True, "involves_other_department": True}),
    ("工程部", "电梯故障", "电梯又停了,这个月已经多次反映,还是没解决。", {"times_raised_before": 2}),
    ("工程部", "墙面开裂", "新房墙面开裂,是开发商遗留问题。", {"cause": "developer_legacy"}),
    ("工程部", "水压不足", "高层水压太低,洗澡都困难,需要维修。", {"cause": "hardware"}),
    ("客服部", "服务态度", "前台工作人员态度很差,不耐烦。", {}),
    ("客服部", "物业费", "物业费涨价没有通知,要求说明收费依据。", {}),
    ("客服部", "咨询", "请问停车位怎么办理月卡?", {}),
    ("保安部", "门禁", "小区门禁坏了,外来人员随便进出。", {"cause": "hardware"}),
    ("保安部", "噪音", "晚上广场舞噪音太大,严重影响休息,没法住。", {}),
    ("保洁部", "垃圾", "楼道垃圾两天没人清理,很臭。", {}),
    ("保洁部", "卫生", "电梯里有污渍,请安排清洁。", {}),
    ("绿化部", "绿化", "树枝挡住了窗户,希望修剪。", {}),
]
CHANNELS = ["phone", "visit", "letter", "phone", "email"]


def iso(t: datetime) -> str:
    return t.isoformat()


def main() -> None:
    base = datetime(2026, 9, 1, 9, 0, tzinfo=SH)
    rows = []
    for i in range(40):
        dept, subject, text, facts = KINDS[(i * 7) % len(KINDS)]
        received = base + timedelta(days=(i * 13) % 40, hours=(i * 5) % 9, minutes=(i * 17) % 60)
        reply_after = timedelta(hours=[2, 20, 30, 50, 70][i % 5])
        resolve_after = timedelta(days=[1, 2, 4, 6, 12][(i * 3) % 5])
        events = [{"type": "registered", "at": iso(received + timedelta(minutes=5)), "by": f"agent-{i % 4}"}]
        if facts.get("involves_other_department"):
            events.append({"type": "forwarded", "at": iso(received + timedelta(minutes=[20, 45][i % 2])), "by": f"agent-{i % 4}", "to": dept})
        if i % 9 != 8:  # a few are still open
            events.append({"type": "replied", "at": iso(received + reply_after), "by": f"agent-{i % 4}"})
            if i % 4 != 3:
                events.append({"type": "resolved", "at": iso(received + max(resolve_after, reply_after + timedelta(hours=1))), "by": dept})
        rows.append(
            {
                "id": f"PM-2026-{1000 + i}",
                "received_at": iso(received),
                "channel": CHANNELS[i % len(CHANNELS)],
                "customer_id": f"owner-{(i * 37) % 900 + 100}",
                "department": dept,
                "subject": subject,
                "text": text,
                "facts": json.dumps(facts, ensure_ascii=False) if facts else "",
                "events": json.dumps(events, ensure_ascii=False),
            }
        )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generate independent reference answers for plaint's differential tests.

Everything here is computed from the reference packages (numpy, chinese-calendar,
holidays, at the versions pinned in tools/requirements-reference.txt) and plain
Python. Nothing is read from plaint: not its code, not core/data/calendars.

Writes into tests/reference/:

    cn-mainland-working-days.json   chinese_calendar.is_workday, day-by-day loop
    cn-mainland-calendar-days.json  calendar days + roll to next working day
    gb-eng-working-days.json        numpy.busday_offset, cross-checked by a loop
    us-federal-working-days.json    numpy.busday_offset, cross-checked by a loop
    hk-working-days.json            numpy.busday_offset, cross-checked by a loop
    au-, sg-, in-, eu-target-working-days.json
                                    the same, amounts 0, 1, 5, 10, 15, 20

Semantics (docs/time.md): the start day is not counted. For N >= 1
working days the due day is the Nth working day strictly after the start date;
for N = 0 it is the start date if that is a working day (the start time, 10:00,
is before the close of business) else the next working day. For calendar days
the due day is start + N days, moved to the next working day if it is not one.
Each case lists the LOCAL due DATE for each amount; the Rust test turns it into
the close of business of that date.

Run inside the reference venv:  make reference
(or: tools/setup-venv.sh && .venv/bin/python tools/reference/generate.py)
`--check` compares with the files on disk and writes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import re
import sys
from pathlib import Path

import chinese_calendar
import holidays
import numpy as np
from holidays.constants import OPTIONAL, PUBLIC

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "tests" / "reference"
REQUIREMENTS = ROOT / "tools" / "requirements-reference.txt"

START_TIME = "10:00"
WD_AMOUNTS = list(range(0, 21))
SHORT_AMOUNTS = [0, 1, 5, 10, 15, 20]
CD_AMOUNTS = [1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60]

CN_FROM = dt.date(2020, 1, 1)
CN_CD_LAST_START = dt.date(2026, 10, 31)

PKG_FROM = dt.date(2020, 1, 1)  # data range of the holidays-package calendars
PKG_TO = dt.date(2027, 12, 31)
PKG_LAST_START = dt.date(2027, 11, 30)
NUMPY_WEEKMASK = "1111100"

ONE_DAY = dt.timedelta(days=1)


def fail(message: str) -> None:
    print(f"reference/generate.py: ERROR: {message}", file=sys.stderr)
    sys.exit(1)


def pinned_versions() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[name.strip()] = version.strip()
    for name, version in pins.items():
        installed = importlib.metadata.version(name)
        if installed != version:
            fail(f"{name} {installed} is installed, {version} is pinned; run tools/setup-venv.sh")
    return pins


def date_range(start: dt.date, end: dt.date):
    d = start
    while d <= end:
        yield d
        d += ONE_DAY


# ---------------------------------------------------------------------------
# Plain day-by-day rules, given a predicate is_working(date) -> bool


def due_working_days(is_working, start: dt.date, amounts: list[int]) -> list[dt.date]:
    """Due dates for each amount, by walking one day at a time."""
    out = []
    for n in amounts:
        if n == 0:
            d = start
            while not is_working(d):
                d += ONE_DAY
        else:
            d = start
            counted = 0
            while counted < n:
                d += ONE_DAY
                if is_working(d):
                    counted += 1
        out.append(d)
    return out


def due_calendar_days(is_working, start: dt.date, amounts: list[int]) -> list[dt.date]:
    out = []
    for n in amounts:
        d = start + dt.timedelta(days=n)
        while not is_working(d):
            d += ONE_DAY
        out.append(d)
    return out


# ---------------------------------------------------------------------------
# Mainland China (chinese-calendar)


def cn_last_data_day() -> dt.date:
    year = CN_FROM.year
    while True:
        try:
            chinese_calendar.is_workday(dt.date(year + 1, 1, 1))
            chinese_calendar.is_workday(dt.date(year + 1, 12, 31))
        except NotImplementedError:
            return dt.date(year, 12, 31)
        year += 1


def cn_is_working_factory(last: dt.date):
    cache: dict[dt.date, bool] = {}

    def is_working(d: dt.date) -> bool:
        if d < CN_FROM or d > last:
            raise OverflowError(f"{d} is outside the chinese-calendar data {CN_FROM}..{last}")
        if d not in cache:
            cache[d] = chinese_calendar.is_workday(d)
        return cache[d]

    return is_working


def cn_working_days(version: str, amounts: list[int]) -> dict:
    last = cn_last_data_day()
    is_working = cn_is_working_factory(last)
    # docs/time.md worked examples (the start day is not counted).
    examples = [
        (dt.date(2026, 9, 24), 3, dt.date(2026, 9, 30)),
        (dt.date(2026, 9, 29), 3, dt.date(2026, 10, 9)),
        (dt.date(2026, 10, 9), 1, dt.date(2026, 10, 10)),
        (dt.date(2026, 9, 19), 1, dt.date(2026, 9, 20)),
    ]
    for start, n, want in examples:
        got = due_working_days(is_working, start, [n])[0]
        if got != want:
            fail(f"cn-mainland: {start} + {n} working days = {got}, docs/time.md says {want}")
    cases = []
    start = CN_FROM
    while True:
        try:
            due = due_working_days(is_working, start, amounts)
        except OverflowError:
            break  # the 20th working day after `start` is beyond the data
        cases.append((start, due))
        start += ONE_DAY
    return {
        "calendar": "cn-mainland",
        "clock": "working_days",
        "end": "close_of_business",
        "reference": f"chinese-calendar {version} (is_workday, day-by-day loop)",
        "start_time": START_TIME,
        "amounts": amounts,
        "cases": cases,
    }


def cn_calendar_days(version: str) -> dict:
    last = cn_last_data_day()
    is_working = cn_is_working_factory(last)
    got = due_calendar_days(is_working, dt.date(2026, 9, 21), [15])[0]
    if got != dt.date(2026, 10, 8):
        fail(f"cn-mainland: 2026-09-21 + 15 calendar days rolled = {got}, docs/time.md says 2026-10-08")
    cases = []
    for start in date_range(CN_FROM, CN_CD_LAST_START):
        try:
            cases.append((start, due_calendar_days(is_working, start, CD_AMOUNTS)))
        except OverflowError as e:
            fail(f"cn-mainland calendar days from {start}: {e}")
    return {
        "calendar": "cn-mainland",
        "clock": "calendar_days",
        "roll": "next_working_day",
        "end": "close_of_business",
        "reference": f"chinese-calendar {version} (is_workday, day-by-day loop)",
        "start_time": START_TIME,
        "amounts": CD_AMOUNTS,
        "cases": cases,
    }


# ---------------------------------------------------------------------------
# holidays-package calendars: numpy.busday_offset, cross-checked by a loop


class AuEveryState:
    """Australia's national non-business days: a day that is a public holiday
    in each of the eight states and territories (by the holidays package's
    per-state tables, which hold the substitute days its national list
    lacks). Answers `d in table` day by day; `keys()` lists the days of the
    data range."""

    STATES = ("ACT", "NSW", "NT", "QLD", "SA", "TAS", "VIC", "WA")

    def __init__(self) -> None:
        self.states = [holidays.AU(subdiv=s, categories=(PUBLIC,)) for s in self.STATES]

    def __contains__(self, d: dt.date) -> bool:
        return all(d in t for t in self.states)

    def keys(self):
        return [d for d in date_range(PKG_FROM, PKG_TO) if d in self]


def holiday_table(name: str):
    """A fresh table from the holidays package (lazily expands to any year)."""
    if name == "hk":
        # HK category OPTIONAL = General Holidays Ordinance (Cap. 149), the
        # "general holidays"; PUBLIC is the shorter statutory-holiday list.
        return holidays.HK(categories=(OPTIONAL,))
    if name == "gb-eng":
        return holidays.GB(subdiv="ENG", categories=(PUBLIC,))
    if name == "us-federal":
        return holidays.US(categories=(PUBLIC,))  # no subdiv: federal only
    if name == "au":
        return AuEveryState()
    if name == "sg":
        return holidays.SG(categories=(PUBLIC,))
    if name == "in":
        return holidays.IN(categories=(PUBLIC,))  # no subdiv: national and gazetted
    if name == "eu-target":
        return holidays.financial_holidays("ECB")
    raise ValueError(name)


def numpy_working_days(name: str, versions: dict[str, str], amounts: list[int]) -> dict:
    table = holiday_table(name)
    for year in range(PKG_FROM.year - 1, PKG_TO.year + 2):
        _ = dt.date(year, 1, 1) in table  # expands the table to that year
    hol_dates = sorted(d for d in table.keys() if PKG_FROM <= d <= PKG_TO)
    np_holidays = np.array(hol_dates, dtype="datetime64[D]")

    starts = list(date_range(PKG_FROM, PKG_LAST_START))
    start_arr = np.array(starts, dtype="datetime64[D]")
    positive = [n for n in amounts if n >= 1]
    # roll='backward': a non-working start day rolls back to the previous
    # working day, so the Nth working day "after" it is the Nth strictly
    # after the start date — the start day is never counted.
    offs = np.busday_offset(
        start_arr[:, None], np.array(positive)[None, :], roll="backward", weekmask=NUMPY_WEEKMASK, holidays=np_holidays
    )

    loop_table = holiday_table(name)  # independent instance for the loop

    def is_working(d: dt.date) -> bool:
        if d > PKG_TO:
            raise OverflowError(f"{d} is beyond {PKG_TO}")
        return d.weekday() < 5 and d not in loop_table

    def np_is_working(d: dt.date) -> bool:
        return bool(np.is_busday(np.datetime64(d, "D"), weekmask=NUMPY_WEEKMASK, holidays=np_holidays))

    cases = []
    for i, start in enumerate(starts):
        by_numpy = {n: offs[i, j].astype(dt.date) for j, n in enumerate(positive)}
        # N = 0: the start date if it is a working day, else the next one.
        d = start
        while not np_is_working(d):
            d += ONE_DAY
        by_numpy[0] = d
        due = [by_numpy[n] for n in amounts]
        if due[-1] > PKG_TO:
            fail(f"{name}: due date {due[-1]} from {start} is beyond the data range {PKG_TO}")
        by_loop = due_working_days(is_working, start, amounts)
        if due != by_loop:
            fail(f"{name}: numpy and the day-by-day loop disagree for {start}:\n  numpy {due}\n  loop  {by_loop}")
        cases.append((start, due))
    return {
        "calendar": name,
        "clock": "working_days",
        "end": "close_of_business",
        "reference": (
            f"numpy {versions['numpy']} busday_offset(roll='backward', weekmask='{NUMPY_WEEKMASK}') "
            f"with holidays {versions['holidays']}"
        ),
        "start_time": START_TIME,
        "amounts": amounts,
        "cases": cases,
    }


# ---------------------------------------------------------------------------
# Substitute ("observed") days: weekdays that are non-business days only
# because a holiday fell on a weekend (or, in Hong Kong, on a Sunday)

OBSERVED_NAME = re.compile(r"observed|substitute|day following|weekday after", re.IGNORECASE)


def observed_days(versions: dict[str, str]) -> dict:
    """Per calendar, the weekdays the holidays package names as observed or
    substitute days; for au, the weekdays every state keeps that the national
    list (no subdivision) does not have. In and TARGET move no holiday."""
    out: dict[str, list[tuple[dt.date, str]]] = {}
    for name in ("gb-eng", "us-federal", "hk", "sg", "in", "eu-target"):
        table = holiday_table(name)
        for year in range(PKG_FROM.year, PKG_TO.year + 1):
            _ = dt.date(year, 1, 1) in table
        out[name] = [
            (d, "; ".join(n for n in table.get_list(d) if OBSERVED_NAME.search(n)))
            for d in sorted(table.keys())
            if PKG_FROM <= d <= PKG_TO and d.weekday() < 5 and any(OBSERVED_NAME.search(n) for n in table.get_list(d))
        ]
    national = holidays.AU(categories=(PUBLIC,))
    every = AuEveryState()
    out["au"] = [
        (d, "; ".join(sorted({n for t in every.states for n in t.get_list(d)})))
        for d in date_range(PKG_FROM, PKG_TO)
        if d.weekday() < 5 and d in every and d not in national
    ]
    for name in ("in", "eu-target"):
        if out[name]:
            fail(f"{name}: the holidays package now moves holidays ({out[name][:3]}); review the calendar")
    return {
        "reference": f"holidays {versions['holidays']}",
        "rule": (
            "weekdays (Mon-Fri) the package names observed / substitute / 'the day following' / "
            "'weekday after'; au: weekdays that are a public holiday in all eight states and "
            "territories but not in the national list"
        ),
        "from": PKG_FROM.isoformat(),
        "to": PKG_TO.isoformat(),
        "calendars": {k: out[k] for k in sorted(out)},
    }


def render_observed(doc: dict) -> str:
    """Header keys on the first line, then one calendar per line."""
    head = {k: v for k, v in doc.items() if k != "calendars"}
    head_text = json.dumps(head, ensure_ascii=False, separators=(", ", ": "))
    lines = [head_text[:-1] + ', "calendars": {']
    items = list(doc["calendars"].items())
    for i, (name, days) in enumerate(items):
        row = json.dumps([[d.isoformat(), n] for d, n in days], ensure_ascii=False, separators=(",", ":"))
        lines.append(json.dumps(name) + ":" + row + ("," if i + 1 < len(items) else ""))
    lines.append("}}")
    text = "\n".join(lines) + "\n"
    if sorted(json.loads(text)["calendars"]) != sorted(doc["calendars"]):
        fail("observed-days: rendered JSON is malformed")
    return text


# ---------------------------------------------------------------------------
# Output


def render(doc: dict) -> str:
    """Header keys on the first line, then one case per line."""
    head = {k: v for k, v in doc.items() if k != "cases"}
    head_text = json.dumps(head, ensure_ascii=False, separators=(", ", ": "))
    lines = [head_text[:-1] + ', "cases": [']
    cases = doc["cases"]
    for i, (start, due) in enumerate(cases):
        row = json.dumps([start.isoformat(), [d.isoformat() for d in due]], separators=(",", ":"))
        lines.append(row + ("," if i + 1 < len(cases) else ""))
    lines.append("]}")
    text = "\n".join(lines) + "\n"
    parsed = json.loads(text)
    if len(parsed["cases"]) != len(cases) or any(len(c[1]) != len(doc["amounts"]) for c in parsed["cases"]):
        fail(f"{doc['calendar']}: rendered JSON is malformed")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder (default tests/reference)")
    parser.add_argument(
        "--wd-amounts",
        default=",".join(map(str, WD_AMOUNTS)),
        help="comma-separated working-day amounts (default 0..20; e.g. 0,1,2,3,4,5,6,7,8,9,10,15,20 for smaller files)",
    )
    args = parser.parse_args()
    wd_amounts = sorted({int(x) for x in args.wd_amounts.split(",") if x.strip()})
    if not wd_amounts or wd_amounts[0] < 0:
        fail("--wd-amounts needs non-negative integers")

    versions = pinned_versions()
    outputs = {
        "cn-mainland-working-days.json": cn_working_days(versions["chinese-calendar"], wd_amounts),
        "cn-mainland-calendar-days.json": cn_calendar_days(versions["chinese-calendar"]),
        "gb-eng-working-days.json": numpy_working_days("gb-eng", versions, wd_amounts),
        "us-federal-working-days.json": numpy_working_days("us-federal", versions, wd_amounts),
        "hk-working-days.json": numpy_working_days("hk", versions, wd_amounts),
        # The calendars of the regulatory presets, on fewer amounts
        # to keep the committed answers small.
        **{
            f"{name}-working-days.json": numpy_working_days(name, versions, SHORT_AMOUNTS)
            for name in ("au", "sg", "in", "eu-target")
        },
    }
    texts: dict[str, tuple[str, str]] = {}
    for filename, doc in outputs.items():
        first, last = doc["cases"][0][0], doc["cases"][-1][0]
        summary = f"{filename}: {len(doc['cases'])} cases, starts {first}..{last}, amounts {doc['amounts']}"
        texts[filename] = (render(doc), summary)
    observed = observed_days(versions)
    count = sum(len(v) for v in observed["calendars"].values())
    texts["observed-days.json"] = (render_observed(observed), f"observed-days.json: {count} substitute days")
    stale = []
    total = 0
    for filename, (text, summary) in texts.items():
        total += len(text.encode("utf-8"))
        path = args.out / filename
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
        print(summary)
    print(f"total {total} bytes")
    if stale:
        fail("reference files out of date (run make reference): " + ", ".join(stale))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generate plaint's embedded working-calendar data (calendar format version 1).

Writes one JSON file per calendar into core/data/calendars/:

    cn-mainland.json  Mainland China, from the chinese-calendar package
    hk.json           Hong Kong general holidays, from the holidays package
    gb-eng.json       England and Wales bank holidays, from the holidays package
    us-federal.json   US federal holidays, from the holidays package
    au.json           Australian public holidays kept in every state and territory,
                      substitute days included, from the holidays package
    sg.json           Singapore public holidays, from the holidays package
    in.json           Indian public holidays, from the holidays package
    eu-target.json    TARGET closing days (euro payments), from the holidays package
    always.json       every minute of every day counts (written by hand here)

The output is deterministic: running the script twice gives byte-identical
files. Run it inside the reference venv (see tools/setup-venv.sh):

    tools/setup-venv.sh && .venv/bin/python tools/calendars/generate.py
    .venv/bin/python tools/calendars/generate.py --check   # verify, write nothing

Calendars whose holidays follow fixed rules also carry a `projection`: the
holidays the rules give for the years after the official data, up to
PROJECTED_TO (see "Projections" below). plaint counts on them only when a host
opts in, and marks every such result provisional.

The script refuses to run with package versions other than the ones pinned in
tools/requirements-reference.txt, and asserts the 2026 mainland-China schedule
written down in docs/time.md (the State Council notice for 2026).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import sys
from pathlib import Path

import chinese_calendar
import holidays
from holidays.constants import OPTIONAL, PUBLIC

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "core" / "data" / "calendars"
REQUIREMENTS = ROOT / "tools" / "requirements-reference.txt"
FORMAT_VERSION = 1
GENERATOR = "tools/calendars/generate.py"

MON_FRI = ["mon", "tue", "wed", "thu", "fri"]
ALL_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

# Range of the data taken from the `holidays` package (its rules are computed,
# not tabulated, so we choose the range; keep it short enough to be reviewed).
HOLIDAYS_PKG_FROM = dt.date(2020, 1, 1)
HOLIDAYS_PKG_TO = dt.date(2027, 12, 31)
CN_FROM = dt.date(2020, 1, 1)

# chinese-calendar's English holiday names -> "中文名 English name".
CN_NAMES = {
    "New Year's Day": "元旦 New Year's Day",
    "Spring Festival": "春节 Spring Festival",
    "Tomb-sweeping Day": "清明节 Tomb-sweeping Day",
    "Labour Day": "劳动节 Labour Day",
    "Dragon Boat Festival": "端午节 Dragon Boat Festival",
    "Mid-autumn Festival": "中秋节 Mid-autumn Festival",
    "National Day": "国庆节 National Day",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日 Anti-Fascist 70th Day",
}

# docs/time.md, "The 2026 schedule used" (State Council notice for 2026).
CN_2026_HOLIDAY_RANGES = [
    ("01-01", "01-03"),
    ("02-15", "02-23"),
    ("04-04", "04-06"),
    ("05-01", "05-05"),
    ("06-19", "06-21"),
    ("09-25", "09-27"),
    ("10-01", "10-07"),
]
CN_2026_MAKEUP_DAYS = ["01-04", "02-14", "02-28", "05-09", "09-20", "10-10"]

def fail(message: str) -> None:
    print(f"generate.py: ERROR: {message}", file=sys.stderr)
    sys.exit(1)

def check_pinned_versions() -> dict[str, str]:
    """The data must come from exactly the pinned package versions."""
    pins: dict[str, str] = {}
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "==" not in line:
            fail(f"{REQUIREMENTS.name}: unpinned requirement {line!r}")
        name, version = (part.strip() for part in line.split("==", 1))
        pins[name] = version
    for name, version in pins.items():
        installed = importlib.metadata.version(name)
        if installed != version:
            fail(f"{name} {installed} is installed, {version} is pinned; run tools/setup-venv.sh")
    return pins

def dates(start: dt.date, end: dt.date):
    d = start
    while d <= end:
        yield d
        d += dt.timedelta(days=1)

def iso(d: dt.date) -> str:
    return d.isoformat()

# ---------------------------------------------------------------------------
# Mainland China

def cn_last_covered_year() -> int:
    year = CN_FROM.year
    while True:
        try:
            chinese_calendar.is_workday(dt.date(year + 1, 1, 1))
            chinese_calendar.is_workday(dt.date(year + 1, 12, 31))
        except NotImplementedError:
            return year
        year += 1

def cn_mainland(version: str) -> dict:
    last_year = cn_last_covered_year()
    if last_year < 2026:
        fail(f"chinese-calendar {version} covers only up to {last_year}, expected 2026 or later")
    valid_to = dt.date(last_year, 12, 31)
    hols: list[dict] = []
    extra: list[dict] = []
    for d in dates(CN_FROM, valid_to):
        on_holiday, name = chinese_calendar.get_holiday_detail(d)
        workday = chinese_calendar.is_workday(d)
        weekday_works = d.weekday() < 5
        if name is not None and name not in CN_NAMES:
            fail(f"chinese-calendar: unknown holiday name {name!r} on {d}")
        if on_holiday and name is not None:
            if workday:
                fail(f"chinese-calendar: {d} is a holiday and a working day")
            hols.append({"date": iso(d), "name": CN_NAMES[name]})
        elif not on_holiday and name is not None:
            # A make-up working day (调休) names the holiday it pays for.
            if not workday or weekday_works:
                fail(f"chinese-calendar: make-up day {d} is not a weekend working day")
            zh = CN_NAMES[name].split(" ", 1)[0]
            extra.append({"date": iso(d), "name": f"{zh} 调休 make-up working day"})
        else:
            if workday != weekday_works:
                fail(f"chinese-calendar: {d} has no holiday detail but is_workday={workday}")

    # docs/time.md's 2026 schedule must be what the package says.
    want_hols: list[str] = []
    for a, b in CN_2026_HOLIDAY_RANGES:
        start = dt.date.fromisoformat(f"2026-{a}")
        end = dt.date.fromisoformat(f"2026-{b}")
        want_hols += [iso(d) for d in dates(start, end)]
    want_extra = [f"2026-{md}" for md in CN_2026_MAKEUP_DAYS]
    got_hols = [h["date"] for h in hols if h["date"].startswith("2026-")]
    got_extra = [h["date"] for h in extra if h["date"].startswith("2026-")]
    if got_hols != want_hols:
        fail(f"cn-mainland 2026 holidays disagree with docs/time.md:\n  package: {got_hols}\n  docs/time.md: {want_hols}")
    if got_extra != want_extra:
        fail(f"cn-mainland 2026 make-up days disagree with docs/time.md:\n  package: {got_extra}\n  docs/time.md: {want_extra}")
    for case, want in [
        (dt.date(2026, 9, 25), False),
        (dt.date(2026, 10, 8), True),
        (dt.date(2026, 10, 10), True),
        (dt.date(2026, 9, 20), True),
        (dt.date(2026, 10, 6), False),
    ]:
        if chinese_calendar.is_workday(case) != want:
            fail(f"chinese-calendar: is_workday({case}) != {want} (docs/time.md worked examples)")

    return {
        "plaint_calendar": FORMAT_VERSION,
        "name": "cn-mainland",
        "title": "Mainland China (State Council holiday schedule)",
        "zone": "Asia/Shanghai",
        "weekmask": MON_FRI,
        "hours": {"default": ["09:00-12:00", "13:30-18:00"]},
        "extra_working_day_hours": "mon",
        "valid_from": iso(CN_FROM),
        "valid_to": iso(valid_to),
        "source": (
            f"State Council General Office holiday notices {CN_FROM.year}-{last_year}, "
            f"as encoded by the chinese-calendar package {version}; generated by {GENERATOR}"
        ),
        "holidays": hols,
        "extra_working_days": extra,
    }

# ---------------------------------------------------------------------------
# Calendars from the `holidays` package

def holidays_entries(tables: list, start: dt.date, end: dt.date) -> list[dict]:
    """One entry per date in [start, end]; with several tables (one per
    language) the names are joined per holiday: "中文 English"."""
    first = tables[0]
    out = []
    for d in sorted(x for x in first.keys() if start <= x <= end):
        per_lang = [t.get_list(d) for t in tables]
        if any(len(p) != len(per_lang[0]) for p in per_lang):
            fail(f"holidays: names of {d} differ in number between languages: {per_lang}")
        name = "; ".join(" ".join(parts) for parts in zip(*per_lang))
        out.append({"date": iso(d), "name": name})
    for t in tables[1:]:
        if sorted(k for k in t.keys() if start <= k <= end) != [dt.date.fromisoformat(e["date"]) for e in out]:
            fail("holidays: the dates differ between languages")
    return out

def holidays_calendar(
    *,
    name: str,
    title: str,
    zone: str,
    hours: list[str],
    tables: list,
    source: str,
) -> dict:
    hols = holidays_entries(tables, HOLIDAYS_PKG_FROM, HOLIDAYS_PKG_TO)
    return {
        "plaint_calendar": FORMAT_VERSION,
        "name": name,
        "title": title,
        "zone": zone,
        "weekmask": MON_FRI,
        "hours": {"default": hours},
        "extra_working_day_hours": "mon",
        "valid_from": iso(HOLIDAYS_PKG_FROM),
        "valid_to": iso(HOLIDAYS_PKG_TO),
        "source": source,
        "holidays": hols,
        "extra_working_days": [],
    }

def years() -> range:
    # One year either side, so that observed days moved across a year
    # boundary are computed; entries are then cut to the range.
    return range(HOLIDAYS_PKG_FROM.year - 1, HOLIDAYS_PKG_TO.year + 2)

def hong_kong(version: str) -> dict:
    # In holidays 0.109, HK category OPTIONAL is the General Holidays Ordinance
    # (Cap. 149) list — the "general holidays" (bank and public-service
    # holidays, 公眾假期) — and PUBLIC is the shorter list of statutory
    # holidays of the Employment Ordinance (Cap. 57, 法定假日).
    tables = [
        holidays.HK(years=years(), categories=(OPTIONAL,), language=lang)
        for lang in ("zh_HK", "en_HK")
    ]
    # Spot checks against the published 2026 general-holiday list.
    for d in ("2026-02-17", "2026-04-03", "2026-04-06", "2026-04-07", "2026-05-25", "2026-09-26", "2026-10-19", "2026-12-26"):
        if dt.date.fromisoformat(d) not in tables[0]:
            fail(f"holidays.HK: {d} is missing from the general holidays")
    return holidays_calendar(
        name="hk",
        title="Hong Kong (general holidays)",
        zone="Asia/Hong_Kong",
        hours=["09:00-18:00"],
        tables=tables,
        source=(
            "Hong Kong general holidays (General Holidays Ordinance, Cap. 149; holidays package "
            f"{version}, category 'optional', names in zh_HK and en_HK), with the Ordinance's "
            "substitutes: a general holiday on a Sunday moves to the next day, and Boxing Day is the "
            "first weekday after Christmas (a Saturday counts). Business hours "
            "Mon-Fri 09:00-18:00 are a plaint convention (typical office hours; no statutory "
            "business hours exist), Saturdays are not working days; "
            f"generated by {GENERATOR}"
        ),
    )

def gb_england(version: str) -> dict:
    table = holidays.GB(years=years(), subdiv="ENG", categories=(PUBLIC,), language="en_GB")
    return holidays_calendar(
        name="gb-eng",
        title="England and Wales (bank holidays)",
        zone="Europe/London",
        hours=["09:00-17:00"],
        tables=[table],
        source=(
            "Bank holidays in England and Wales, including substitute days: a bank holiday on a "
            "weekend is kept on the next weekday that is not one (e.g. Mon 2026-12-28 for Boxing "
            "Day; Mon 2027-12-27 and Tue 2027-12-28) "
            f"(holidays package {version}, GB subdivision ENG); generated by {GENERATOR}"
        ),
    )

def us_federal(version: str) -> dict:
    table = holidays.US(years=years(), categories=(PUBLIC,), language="en_US")
    return holidays_calendar(
        name="us-federal",
        title="United States (federal holidays)",
        zone="America/New_York",
        hours=["09:00-17:00"],
        tables=[table],
        source=(
            "US federal holidays (5 U.S.C. 6103) with their observed days, no state holidays "
            f"(holidays package {version}, country US, category 'public', no subdivision): a holiday "
            "on a Saturday is kept on the Friday before, one on a Sunday on the Monday after, as for "
            "federal employees. The Federal Reserve Banks stay open on the Friday before a Saturday "
            "holiday: a bank on their schedule adds those Fridays as extra working days; "
            f"generated by {GENERATOR}"
        ),
    )

# The eight states and territories, each with its own public holidays act.
AU_STATES = ("ACT", "NSW", "NT", "QLD", "SA", "TAS", "VIC", "WA")

def au_every_state_weekdays(yrs: range | None = None) -> dict[dt.date, str]:
    """Weekdays that are a public holiday in every state and territory.

    The holidays package gives substitute days ("Boxing Day (observed)",
    Australia Day moved to a Monday) only per state; its national list (no
    subdivision) has none. A day kept everywhere, under whatever name, is a
    national non-business day. The name is the one most states use (ties in
    alphabetical order), e.g. SA's "Proclamation Day (observed)" and TAS's
    "Boxing Day" give way to "Boxing Day (observed)".
    """
    missing = [s for s in AU_STATES if s not in holidays.AU.subdivisions]
    if missing:
        fail(f"holidays.AU: subdivisions {missing} are missing")
    yrs = yrs or years()
    tables = [holidays.AU(years=yrs, subdiv=s, categories=(PUBLIC,), language="en_AU") for s in AU_STATES]
    common = set.intersection(*(set(t.keys()) for t in tables))
    out: dict[dt.date, str] = {}
    for d in sorted(x for x in common if x.weekday() < 5):
        names: dict[str, int] = {}
        for t in tables:
            for n in t.get_list(d):
                names[n] = names.get(n, 0) + 1
        out[d] = min(names, key=lambda n: (-names[n], n))
    return out

def au_national_table(yrs: range | None = None):
    """The package's national list plus the weekdays every state keeps."""
    national = holidays.AU(years=yrs or years(), categories=(PUBLIC,), language="en_AU")
    everywhere = au_every_state_weekdays(yrs)
    for d in national.keys():
        if d.weekday() < 5 and d not in everywhere:
            fail(f"holidays.AU: national holiday {d} ({national[d]}) is not kept in every state")
    table = holidays.HolidayBase()
    for d in national.keys():
        table[d] = national[d]
    for d, name in everywhere.items():
        if d not in table:
            table[d] = name
    # The substitute days the 2026 and 2027 state lists publish (Boxing Day
    # on a Saturday in 2026; Christmas and Boxing Day on a weekend in 2027).
    for d in ("2025-01-27", "2026-12-28", "2027-12-27", "2027-12-28"):
        if yrs is None and dt.date.fromisoformat(d) not in table:
            fail(f"holidays.AU: substitute day {d} is missing from the national calendar")
    return table

def australia(version: str) -> dict:
    # The holidays every state and territory keeps, substitute days included.
    # State days (e.g. NSW's King's Birthday and Labour Day, ANZAC Day moved
    # to a Monday in some states only) come from a calendar that `extends`
    # this one.
    table = au_national_table()
    for d in ("2026-01-26", "2026-04-03", "2026-04-06", "2026-04-25", "2026-12-26"):
        if dt.date.fromisoformat(d) not in table:
            fail(f"holidays.AU: {d} is missing from the national holidays")
    return holidays_calendar(
        name="au",
        title="Australia (national public holidays)",
        zone="Australia/Sydney",
        hours=["09:00-17:00"],
        tables=[table],
        source=(
            "Australian public holidays kept in every state and territory: the national days "
            f"(holidays package {version}, country AU, no subdivision) and every weekday that "
            "is a public holiday in all of ACT, NSW, NT, QLD, SA, TAS, VIC and WA (the same "
            "package per state), which adds the substitute days (e.g. Mon 2026-12-28 for "
            "Boxing Day on a Saturday, 2027-12-27/28, Australia Day moved to Monday "
            "2025-01-27). Substitute days kept only in some states (ANZAC Day moved to Monday "
            "2026-04-27 in NSW, ACT and WA) and state holidays are not included: a firm adds its "
            "state's days with a calendar that extends this one. Times in Australia/Sydney. "
            f"Business hours Mon-Fri 09:00-17:00 are a plaint convention; generated by {GENERATOR}"
        ),
    )

def singapore(version: str) -> dict:
    table = holidays.SG(years=years(), categories=(PUBLIC,), language="en_SG")
    return holidays_calendar(
        name="sg",
        title="Singapore (public holidays)",
        zone="Asia/Singapore",
        hours=["09:00-18:00"],
        tables=[table],
        source=(
            "Singapore public holidays (Holidays Act 1998) with their substitutes: a holiday on a "
            "Sunday moves to the next day that is not itself a public holiday (s. 4(2); e.g. Tue "
            "2023-01-24), none for a Saturday "
            f"(holidays package {version}, country SG). Business hours Mon-Fri 09:00-18:00 "
            f"are a plaint convention; generated by {GENERATOR}"
        ),
    )

def india(version: str) -> dict:
    table = holidays.IN(years=years(), categories=(PUBLIC,), language="en_IN")
    for d in ("2026-01-26", "2026-08-15", "2026-10-02"):
        if dt.date.fromisoformat(d) not in table:
            fail(f"holidays.IN: national holiday {d} is missing")
    return holidays_calendar(
        name="in",
        title="India (national and gazetted public holidays)",
        zone="Asia/Kolkata",
        hours=["10:00-17:00"],
        tables=[table],
        source=(
            "India: the three national holidays (Republic Day, Independence Day, Gandhi Jayanti) "
            f"and the gazetted holidays the holidays package {version} gives for country IN "
            "without a state (lunar-calendar dates as the package computes them; a bank's own "
            "state list may differ). A holiday on a weekend is not moved (the package gives no "
            "substitute days for India). Business hours Mon-Fri 10:00-17:00 are a plaint convention; "
            f"generated by {GENERATOR}"
        ),
    )

def eu_target(version: str) -> dict:
    table = holidays.financial_holidays("ECB", years=years())
    for d in ("2026-04-03", "2026-04-06", "2026-05-01", "2026-12-25", "2026-12-26"):
        if dt.date.fromisoformat(d) not in table:
            fail(f"holidays ECB: TARGET closing day {d} is missing")
    return holidays_calendar(
        name="eu-target",
        title="Euro area (TARGET closing days)",
        zone="Europe/Berlin",
        hours=["09:00-17:00"],
        tables=[table],
        source=(
            "TARGET (euro payment system) closing days: New Year's Day, Good Friday, Easter "
            f"Monday, 1 May, 25 and 26 December (holidays package {version}, financial market "
            "ECB), fixed dates that are not moved when they fall on a weekend; a PSD2 'business day' is a day the payment service provider is open for "
            "business (Directive (EU) 2015/2366 art. 4(37)), so a provider extends this calendar "
            "with its own country's holidays. Times in Europe/Berlin (CET/CEST); business hours "
            f"Mon-Fri 09:00-17:00 are a plaint convention; generated by {GENERATOR}"
        ),
    )

def always() -> dict:
    return {
        "plaint_calendar": FORMAT_VERSION,
        "name": "always",
        "title": "Every minute counts",
        "zone": "UTC",
        "weekmask": ALL_DAYS,
        "extra_working_day_hours": "mon",
        "valid_from": "2000-01-01",
        "valid_to": "2099-12-31",
        "source": f"Every day is a working day and the whole day counts; written by {GENERATOR}",
        "holidays": [],
        "extra_working_days": [],
    }

# ---------------------------------------------------------------------------
# Projections: holidays dated by rule after the official data

PROJECTED_TO = dt.date(2030, 12, 31)

def cn_projection_tables(years: range) -> list:
    # The holidays package dates China's statutory holidays by the rules of
    # 全国年节及纪念日放假办法 as revised by State Council Order 795 (2024,
    # in force 2025-01-01; 第二条: 元旦 1 day; 春节 4 days, 农历除夕 and 正月初一
    # to 初三; 清明节 1; 劳动节 2, 5月1日 and 2日; 端午节 1; 中秋节 1; 国庆节 3,
    # 10月1日 to 3日), lunar dates from its own Chinese-calendar tables, and
    # (第六条) a holiday falling on a Saturday or Sunday made up on a working
    # day, the next one (补假, the package's observed days). The State
    # Council's yearly make-up working days (调休, 第七条) cannot be known in
    # advance: none.
    return [holidays.CN(years=years, categories=(PUBLIC,), language=lang) for lang in ("zh_CN", "en_US")]

# Calendars with a projection, and how to build their reference tables for
# given years. Not projected: sg and in, whose lunar and Islamic holidays
# are gazetted year by year (the package marks its dates for them estimated).
PROJECTIONS = {
    "cn-mainland": (
        cn_projection_tables,
        "statutory holidays by the rules of 全国年节及纪念日放假办法 (2024 revision, State Council Order 795), "
        "lunar dates and weekend make-up days (补假) as the holidays package {holidays} computes them; "
        "no make-up working days (调休)",
    ),
    "hk": (
        lambda years: [holidays.HK(years=years, categories=(OPTIONAL,), language=lang) for lang in ("zh_HK", "en_HK")],
        "general holidays by rule (fixed dates, Easter, lunar dates and substitute days) as the holidays package {holidays} computes them",
    ),
    "gb-eng": (
        lambda years: [holidays.GB(years=years, subdiv="ENG", categories=(PUBLIC,), language="en_GB")],
        "bank holidays by rule (fixed dates, Easter, first and last Mondays, substitute days) as the holidays package {holidays} computes them; "
        "one-off bank holidays are announced year by year",
    ),
    "us-federal": (
        lambda years: [holidays.US(years=years, categories=(PUBLIC,), language="en_US")],
        "federal holidays by 5 U.S.C. 6103 (fixed dates, nth weekdays, observed days) as the holidays package {holidays} computes them",
    ),
    "au": (
        lambda years: [au_national_table(years)],
        "the public holidays every state and territory keeps, substitute days included, by the same rule as the "
        "official data (fixed dates, Easter, substitute days) as the holidays package {holidays} computes them",
    ),
    "eu-target": (
        lambda years: [holidays.financial_holidays("ECB", years=years)],
        "TARGET closing days by rule (1 Jan, Good Friday, Easter Monday, 1 May, 25-26 Dec) as the holidays package {holidays} computes them",
    ),
}

def add_projection(cal: dict, pins: dict[str, str]) -> None:
    """Add the `projection` of a calendar listed in PROJECTIONS."""
    if cal["name"] not in PROJECTIONS:
        return
    make_tables, source = PROJECTIONS[cal["name"]]
    first = dt.date.fromisoformat(cal["valid_to"]) + dt.timedelta(days=1)
    tables = make_tables(range(first.year - 1, PROJECTED_TO.year + 2))
    hols = holidays_entries(tables, first, PROJECTED_TO)
    for h in hols:
        # A day off moved by a State Council schedule (调休) is official data,
        # never a rule: none may appear in projected years.
        if "调休" in h["name"] or "substituted from" in h["name"]:
            fail(f"{cal['name']}: projected {h['date']} is a scheduled day off ({h['name']})")
    cal["projection"] = {
        "valid_to": iso(PROJECTED_TO),
        "source": source.format(holidays=pins["holidays"]) + f"; generated by {GENERATOR}",
        "holidays": hols,
    }

# ---------------------------------------------------------------------------
# Output

def validate(cal: dict) -> None:
    valid_from = cal["valid_from"]
    valid_to = cal["valid_to"]
    seen: set[str] = set()
    for key in ("holidays", "extra_working_days"):
        ds = [e["date"] for e in cal[key]]
        if ds != sorted(ds) or len(set(ds)) != len(ds):
            fail(f"{cal['name']}: {key} not sorted or not unique")
        for d in ds:
            if not valid_from <= d <= valid_to:
                fail(f"{cal['name']}: {key} date {d} outside {valid_from}..{valid_to}")
            if d in seen:
                fail(f"{cal['name']}: {d} is both a holiday and an extra working day")
            seen.add(d)
        for e in cal[key]:
            if not e["name"]:
                fail(f"{cal['name']}: {e['date']} has no name")
    projection = cal.get("projection")
    if projection:
        ds = [e["date"] for e in projection["holidays"]]
        if ds != sorted(ds) or len(set(ds)) != len(ds):
            fail(f"{cal['name']}: projected holidays not sorted or not unique")
        for e in projection["holidays"]:
            if not valid_to < e["date"] <= projection["valid_to"] or not e["name"]:
                fail(f"{cal['name']}: projected holiday {e} outside {valid_to}..{projection['valid_to']} or unnamed")

def render(cal: dict) -> str:
    """json.dumps(indent=1) layout, but one line per holiday object."""
    lines = ["{"]
    items = list(cal.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i + 1 < len(items) else ""
        k = json.dumps(key, ensure_ascii=False)
        if key in ("holidays", "extra_working_days") and value:
            lines.append(f" {k}: [")
            for j, entry in enumerate(value):
                c = "," if j + 1 < len(value) else ""
                lines.append("  " + json.dumps(entry, ensure_ascii=False) + c)
            lines.append(" ]" + comma)
        elif key == "projection":
            lines.append(f" {k}: {{")
            lines.append(f'  "valid_to": {json.dumps(value["valid_to"])},')
            lines.append(f'  "source": {json.dumps(value["source"], ensure_ascii=False)},')
            lines.append('  "holidays": [')
            for j, entry in enumerate(value["holidays"]):
                c = "," if j + 1 < len(value["holidays"]) else ""
                lines.append("   " + json.dumps(entry, ensure_ascii=False) + c)
            lines.append("  ]")
            lines.append(" }" + comma)
        else:
            lines.append(f" {k}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    if json.loads(text) != cal:
        fail(f"{cal['name']}: rendered JSON does not round-trip")
    return text

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder (default core/data/calendars)")
    args = parser.parse_args()

    pins = check_pinned_versions()
    calendars = [
        cn_mainland(pins["chinese-calendar"]),
        hong_kong(pins["holidays"]),
        gb_england(pins["holidays"]),
        us_federal(pins["holidays"]),
        australia(pins["holidays"]),
        singapore(pins["holidays"]),
        india(pins["holidays"]),
        eu_target(pins["holidays"]),
        always(),
    ]
    stale = []
    for cal in calendars:
        add_projection(cal, pins)
        validate(cal)
        text = render(cal)
        path = args.out / f"{cal['name']}.json"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
            f"{cal['valid_from']}..{cal['valid_to']}, {len(cal['holidays'])} holidays, "
            f"{len(cal['extra_working_days'])} extra working days"
        )
    if stale:
        fail("calendar data out of date (run tools/calendars/generate.py): " + ", ".join(stale))

if __name__ == "__main__":
    main()

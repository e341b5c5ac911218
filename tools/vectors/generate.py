"""Write conformance vectors (tests/vectors/deadline-*.json, errors-*.json)
whose expected values come only from independent sources: the reference
answers in tests/reference/ (numpy, chinese-calendar, holidays), docs/time.md's
worked examples, and hand computation written next to each case. Never from
plaint's own output. Run: python3 tools/vectors/generate.py (stdlib only);
--check compares the committed files instead of writing them (make data-check)."""

import json
import os
import sys
from datetime import date, datetime, timedelta, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Fixed UTC offsets of the reference calendars on the dates sampled below
# (London and New York sampled only on dates whose offset is given by the
# DST rule; see offset()).
CLOSE = {
    "cn-mainland": "18:00", "hk": "18:00", "gb-eng": "17:00", "us-federal": "17:00",
    "au": "17:00", "sg": "18:00", "in": "17:00", "eu-target": "17:00",
}


def last_sunday(year, month):
    d = date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
    return d - timedelta(days=(d.weekday() + 1) % 7)


def nth_sunday(year, month, n):
    d = date(year, month, 1)
    d += timedelta(days=(6 - d.weekday()) % 7)
    return d + timedelta(weeks=n - 1)


def offset(cal, d):
    """The UTC offset on local date d at daytime, from the DST rules (EU since
    1996: last Sunday of March to last Sunday of October; US since 2007:
    second Sunday of March to first Sunday of November)."""
    if cal in ("cn-mainland", "hk"):
        return "+08:00"
    if cal == "gb-eng":
        return "+01:00" if last_sunday(d.year, 3) <= d < last_sunday(d.year, 10) else "+00:00"
    if cal == "us-federal":
        return "-04:00" if nth_sunday(d.year, 3, 2) <= d < nth_sunday(d.year, 11, 1) else "-05:00"
    if cal == "eu-target":  # Europe/Berlin: the EU rule, CET +01:00 / CEST +02:00
        return "+02:00" if last_sunday(d.year, 3) <= d < last_sunday(d.year, 10) else "+01:00"
    if cal == "au":  # Australia/Sydney: AEDT from the first Sunday of October to the first Sunday of April
        return "+10:00" if nth_sunday(d.year, 4, 1) <= d < nth_sunday(d.year, 10, 1) else "+11:00"
    if cal == "sg":
        return "+08:00"
    if cal == "in":
        return "+05:30"
    raise ValueError(cal)


def stamp(cal, d, hhmm):
    return f"{d.isoformat()}T{hhmm}:00{offset(cal, d)}"


def reference_cases():
    cases = []
    for name in sorted(os.listdir(os.path.join(ROOT, "tests/reference"))):
        with open(os.path.join(ROOT, "tests/reference", name), encoding="utf-8") as f:
            ref = json.load(f)
        if "cases" not in ref:
            continue  # observed-days.json lists days, not deadlines
        cal, clock = ref["calendar"], ref["clock"]
        amounts = ref["amounts"]
        rows = ref["cases"]
        # A deterministic sample: every 61st start day, each with 3 amounts
        # (every 183rd for the short files of the regulatory calendars).
        step = 61 if len(amounts) > 10 else 183
        for i, (start, dues) in enumerate(rows[::step]):
            for j in (0, len(amounts) // 2, len(amounts) - 1):
                if i % 2 and j == 0:
                    j = 1
                amount, due = amounts[j], date.fromisoformat(dues[j])
                request = {"start": stamp(cal, date.fromisoformat(start), ref["start_time"]),
                           "clock": clock, "amount": amount}
                if "roll" in ref:
                    request["roll"] = ref["roll"]
                cases.append({
                    "id": f"{cal}-{clock}-{start}-{amount}",
                    "op": "deadline",
                    "source": f"tests/reference/{name} ({ref['reference']})",
                    "input": {"calendar": cal, "request": request},
                    "expect": {"due_at": stamp(cal, due, CLOSE[cal])},
                })
    return cases


def d(id_, cal, start, clock, amount, due, source, **extra):
    req = {"start": start, "clock": clock, "amount": amount, **extra}
    return {"id": id_, "op": "deadline", "source": source, "input": {"calendar": cal, "request": req},
            "expect": {"due_at": due}}


def handcrafted():
    T = "docs/time.md worked example"
    return [
        d("time-md-1", "cn-mainland", "2026-09-24T16:00:00+08:00", "working_days", 3, "2026-09-30T18:00:00+08:00", T + " 1", end="close_of_business"),
        d("time-md-2", "cn-mainland", "2026-09-29T10:00:00+08:00", "working_days", 3, "2026-10-09T18:00:00+08:00", T + " 2"),
        d("time-md-3", "cn-mainland", "2026-09-30T17:30:00+08:00", "business", 120, "2026-10-08T10:30:00+08:00", T + " 3"),
        d("time-md-4-make-up-saturday", "cn-mainland", "2026-10-09T11:00:00+08:00", "working_days", 1, "2026-10-10T18:00:00+08:00", T + " 4"),
        d("time-md-5-cob", "cn-mainland", "2026-09-21T12:00:00+08:00", "calendar_days", 15, "2026-10-08T18:00:00+08:00", T + " 5", roll="next_working_day"),
        d("time-md-5-eod", "cn-mainland", "2026-09-21T12:00:00+08:00", "calendar_days", 15, "2026-10-09T00:00:00+08:00", T + " 5", roll="next_working_day", end="end_of_day"),
        d("time-md-6-make-up-sunday", "cn-mainland", "2026-09-19T10:00:00+08:00", "working_days", 1, "2026-09-20T18:00:00+08:00", T + " 6"),
        # Day 15 after 09-21 is 10-06, a holiday; roll none keeps it and ends at 24:00 (no business hours that day).
        d("calendar-days-no-roll-holiday-ends-24h", "cn-mainland", "2026-09-21T12:00:00+08:00", "calendar_days", 15, "2026-10-07T00:00:00+08:00", "docs/time.md: a day without business hours ends at 24:00"),
        # 0 working days from a working day before close: that day's close; after close: next working day's close.
        d("amount-0-before-close", "cn-mainland", "2026-11-03T10:00:00+08:00", "working_days", 0, "2026-11-03T18:00:00+08:00", "docs/time.md: N = 0"),
        d("amount-0-after-close", "cn-mainland", "2026-11-03T19:00:00+08:00", "working_days", 0, "2026-11-04T18:00:00+08:00", "docs/time.md: amount 0 after close"),
        d("amount-0-exactly-at-close", "cn-mainland", "2026-11-03T18:00:00+08:00", "working_days", 0, "2026-11-03T18:00:00+08:00", "docs/time.md: started exactly at the close"),
        d("amount-0-on-holiday", "cn-mainland", "2026-10-03T10:00:00+08:00", "working_days", 0, "2026-10-08T18:00:00+08:00", "docs/time.md: N = 0 on a non-working day"),
        # Business: lunch break 12:00-13:30. 11:00 + 120 min = 1 h before lunch + 1 h from 13:30 = 14:30.
        d("business-across-lunch", "cn-mainland", "2026-11-03T11:00:00+08:00", "business", 120, "2026-11-03T14:30:00+08:00", "hand: 60 min to 12:00, 60 min from 13:30"),
        d("business-lands-on-close", "cn-mainland", "2026-11-03T17:00:00+08:00", "business", 60, "2026-11-03T18:00:00+08:00", "docs/time.md: a target on the end of an interval is that instant"),
        d("business-start-at-lunch", "cn-mainland", "2026-11-03T12:30:00+08:00", "business", 30, "2026-11-03T14:00:00+08:00", "hand: counting starts at the 13:30 opening"),
        d("business-0-outside-hours", "cn-mainland", "2026-11-03T20:00:00+08:00", "business", 0, "2026-11-04T09:00:00+08:00", "README: business 0 is the next opening"),
        d("elapsed-30-minutes", "cn-mainland", "2026-10-01T23:50:00+08:00", "elapsed", 30, "2026-10-02T00:20:00+08:00", "hand: elapsed ignores holidays"),
        d("elapsed-48-hours", "cn-mainland", "2026-09-30T17:00:00+08:00", "elapsed", 2880, "2026-10-02T17:00:00+08:00", "hand: 48 h"),
        d("elapsed-input-in-utc", "cn-mainland", "2026-09-30T09:00:00Z", "elapsed", 60, "2026-09-30T18:00:00+08:00", "hand: 09:00Z = 17:00+08; +1 h"),
        # Months: Jan 31 + 1 month = Feb 28 (2026 is not a leap year), Civil Code art. 202.
        # Sat 2026-02-28 is a make-up working day (docs/time.md's 2026 list): no roll, due at its close.
        d("months-clamped-make-up-saturday", "cn-mainland", "2026-01-31T10:00:00+08:00", "months", 1, "2026-02-28T18:00:00+08:00", "docs/time.md months (art. 202) and the 2026 make-up day 02-28", roll="next_working_day"),
        # Mar 31 + 1 month = Apr 30 2026, a Thursday and a working day.
        d("months-clamped-april", "cn-mainland", "2026-03-31T10:00:00+08:00", "months", 1, "2026-04-30T18:00:00+08:00", "docs/time.md months (art. 202)", roll="next_working_day"),
        # Aug 1 + 2 months = Oct 1, National Day; roll to the next working day, Thu 10-08.
        d("months-rolled-past-national-day", "cn-mainland", "2026-08-01T10:00:00+08:00", "months", 2, "2026-10-08T18:00:00+08:00", "docs/time.md months with roll; 10-01..10-07 holidays", roll="next_working_day"),
        d("weeks-8-gb", "gb-eng", "2026-01-05T10:00:00+00:00", "weeks", 8, "2026-03-02T17:00:00+00:00", "hand: 56 days after Mon 01-05 is Mon 03-02, a working day"),
        d("always-working-days", "always", "2026-10-01T10:00:00Z", "working_days", 3, "2026-10-05T00:00:00+00:00", "always: every day works; end_of_day of 10-04, printed in the zone UTC as +00:00"),
        # DST (hand, from the IANA rules): 1 h Fri 16:00-17:00 GMT + 8 h Mon BST.
        d("dst-gb-spring-business", "gb-eng", "2026-03-27T16:00:00+00:00", "business", 540, "2026-03-30T17:00:00+01:00", "docs/time.md DST: a 09:00-17:00 day is 8 hours"),
        d("dst-gb-autumn-business", "gb-eng", "2026-10-23T16:00:00+01:00", "business", 540, "2026-10-26T17:00:00+00:00", "docs/time.md DST"),
        d("dst-us-spring-business", "us-federal", "2026-03-06T16:00:00-05:00", "business", 540, "2026-03-09T17:00:00-04:00", "docs/time.md DST"),
        d("dst-us-autumn-business", "us-federal", "2026-10-30T16:00:00-04:00", "business", 540, "2026-11-02T17:00:00-05:00", "docs/time.md DST"),
        d("dst-us-spring-elapsed", "us-federal", "2026-03-07T12:00:00-05:00", "elapsed", 1440, "2026-03-08T13:00:00-04:00", "hand: 17:00Z + 24 h = 17:00Z = 13:00 EDT"),
        d("dst-gb-autumn-elapsed", "gb-eng", "2026-10-24T12:00:00+01:00", "elapsed", 1440, "2026-10-25T11:00:00+00:00", "hand: 11:00Z + 24 h"),
        d("end-of-day-at-the-end-of-the-data", "cn-mainland", "2026-12-30T10:00:00+08:00", "working_days", 1, "2027-01-01T00:00:00+08:00", "docs/time.md: 24:00 on the last data day is within the data", end="end_of_day"),
    ]


def e(id_, op, inp, code, path, source):
    return {"id": id_, "op": op, "source": source, "input": inp, "expect_error": {"code": code, "path": path}}


def errors():
    req = lambda **kw: {"calendar": "cn-mainland", "request": {"start": "2026-11-03T10:00:00+08:00", "clock": "working_days", "amount": 3, **kw}}
    cal = lambda **kw: {"calendar": {"plaint_calendar": 1, "name": "t", "zone": "Asia/Shanghai", "valid_from": "2026-01-01", "valid_to": "2026-12-31", **kw},
                        "request": {"start": "2026-11-03T10:00:00+08:00", "clock": "working_days", "amount": 3}}
    case = lambda events: {"policy": "cn-property", "now": "2026-11-10T10:00:00+08:00",
                           "case": {"complaint": {"id": "e1", "received_at": "2026-11-02T10:00:00+08:00"}, "events": events}}
    return [
        e("invalid-type-amount", "deadline", req(amount="3"), "invalid_type", "/amount", "error catalogue"),
        e("missing-clock", "deadline", {"calendar": "cn-mainland", "request": {"start": "2026-11-03T10:00:00+08:00", "amount": 3}}, "missing_field", "/clock", "error catalogue"),
        e("unknown-field-in-request", "deadline", req(unit="days"), "unknown_field", "/unit", "error catalogue"),
        e("unknown-clock", "deadline", req(clock="hours"), "invalid_value", "/clock", "error catalogue"),
        e("start-without-offset", "deadline", req(start="2026-11-03T10:00:00"), "instant_without_offset", "/start", "docs/time.md: no offset is an error"),
        e("start-not-rfc3339", "deadline", req(start="3 Nov 2026"), "invalid_instant", "/start", "error catalogue"),
        e("negative-amount", "deadline", req(amount=-1), "negative_amount", "/amount", "error catalogue"),
        e("amount-overflow", "deadline", req(clock="elapsed", amount=9223372036854775807), "amount_overflow", "/amount", "error catalogue"),
        e("elapsed-result-beyond-year-9999", "deadline", req(clock="elapsed", amount=5000000000), "instant_out_of_range", "", "5e9 minutes = 3e14 ms after 2026 is past 9999-12-31"),
        e("received-late-in-year-9999", "deadline", {"calendar": "always", "request": {"start": "9999-12-31T23:50:00Z", "clock": "elapsed", "amount": 30}},
          "instant_out_of_range", "", "hand: 23:50 + 30 minutes is 10000-01-01T00:20Z, past the last representable instant"),
        e("duplicate-key-in-request", "deadline", {"calendar": "cn-mainland", "request_json": '{"start": "2026-11-03T10:00:00+08:00", "clock": "working_days", "clock": "calendar_days", "amount": 3}'},
          "duplicate_key", "/clock", "an object names each key once"),
        e("duplicate-key-in-policy", "validate_policy", {"policy_json": '{"plaint_policy": 1, "name": "p", "version": "1", "calendar": "cn-mainland", "deadlines": [], "deadlines": []}'},
          "duplicate_key", "/deadlines", "two deadlines arrays: one would be lost"),
        e("duplicate-key-in-case", "assess", {"policy": "cn-property", "now": "2026-11-10T10:00:00+08:00",
          "case_json": '{"complaint": {"id": "a", "id": "b", "received_at": "2026-11-02T10:00:00+08:00"}, "events": []}'},
          "duplicate_key", "/complaint/id", "an object names each key once"),
        e("duplicate-key-then-malformed-case", "assess", {"policy": "cn-property", "now": "2026-11-10T10:00:00+08:00",
          "case_json": '{"complaint": {"id": "a", "id": "a", "received_at":0:00}, "events": []}'},
          "invalid_json", "", "a duplicate key in text that is not JSON further on: the text is malformed first (found by fuzzing)"),
        e("duplicate-key-then-number-out-of-range", "validate_calendar", {"calendar_json": '{"plaint_calendar": 1, "plaint_calendar": 1e400}'},
          "invalid_json", "", "1e400 is beyond f64: the text is not JSON that can be read, before its duplicate key (found by fuzzing)"),
        e("duplicate-key-in-calendar", "validate_calendar", {"calendar_json": '{"plaint_calendar": 1, "extends": "cn-mainland", "name": "x", "holidays": [{"date": "2027-01-01", "date": "2027-01-02"}]}'},
          "duplicate_key", "/holidays/0/date", "an object names each key once"),
        e("beyond-the-data", "deadline", req(start="2026-12-30T10:00:00+08:00", amount=5), "calendar_range_exceeded", "", "docs/time.md: never guesses"),
        e("before-the-data", "deadline", req(start="2019-06-03T10:00:00+08:00"), "calendar_range_exceeded", "", "docs/time.md: never guesses"),
        e("unknown-calendar", "deadline", {"calendar": "cn", "request": {}}, "unknown_calendar", "", "error catalogue"),
        e("unknown-zone", "deadline", cal(zone="Asia/Beijing"), "unknown_zone", "/zone", "error catalogue"),
        e("overlapping-hours", "deadline", cal(hours={"default": ["09:00-12:00", "11:00-14:00"]}), "overlapping_hours", "/hours/default/1", "error catalogue"),
        e("inverted-hours", "deadline", cal(hours={"default": ["18:00-09:00"]}), "invalid_hours", "/hours/default/0", "error catalogue"),
        e("bad-holiday-date", "deadline", cal(holidays=[{"date": "2026-02-30"}]), "invalid_date", "/holidays/0/date", "error catalogue"),
        e("holiday-listed-twice", "deadline", cal(holidays=[{"date": "2026-10-01"}, {"date": "2026-10-01"}]), "conflicting_day", "/holidays/1/date", "error catalogue"),
        e("range-reversed", "deadline", cal(valid_from="2027-01-01"), "invalid_range", "/valid_to", "error catalogue"),
        e("calendar-version-2", "deadline", cal(plaint_calendar=2), "unsupported_version", "/plaint_calendar", "error catalogue"),
        e("unknown-preset", "validate_policy", {"policy": "cn-proprety"}, "unknown_preset", "", "error catalogue"),
        e("resumed-without-pause", "assess", case([{"type": "resumed", "at": "2026-11-02T11:00:00+08:00"}]), "invalid_transition", "/events/0", "docs/domain.md (the process)"),
        e("closed-twice", "assess", case([{"type": "closed", "at": "2026-11-02T11:00:00+08:00"}, {"type": "closed", "at": "2026-11-02T12:00:00+08:00"}]), "invalid_transition", "/events/1", "docs/domain.md (the process)"),
        e("reopened-when-open", "assess", case([{"type": "reopened", "at": "2026-11-02T11:00:00+08:00"}]), "invalid_transition", "/events/0", "docs/domain.md (the process)"),
        e("extension-not-allowed", "assess", case([{"type": "extension_granted", "at": "2026-11-02T11:00:00+08:00", "deadline": "minor_reply", "amount": 60}]), "invalid_event", "/events/0", "docs/policy.md: no extension key"),
        e("event-without-type", "assess", case([{"at": "2026-11-02T11:00:00+08:00"}]), "missing_field", "/case/events/0/type".replace("/case", ""), "error catalogue"),
        e("event-before-received", "assess", case([{"type": "acknowledged", "at": "2026-11-02T11:00:00+08:00"}, {"type": "replied", "at": "2026-11-01T09:00:00+08:00"}]),
          "invalid_event", "/events/1/at", "a complaint's log starts at its receipt"),
        e("now-before-received", "assess", {**case([]), "now": "2026-11-01T10:00:00+08:00"}, "invalid_value", "/now", "a complaint cannot be assessed before it exists"),
    ]


CHECK = "--check" in sys.argv
STALE = []


def write(name, suite, description, cases):
    """Write one vector file, or with --check only compare it (a hand edit of
    a generated file would be lost at the next run, so make test refuses it)."""
    doc = {"suite": suite, "description": description, "generated_by": "tools/vectors/generate.py", "cases": cases}
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    path = os.path.join(ROOT, "tests/vectors", name)
    if CHECK:
        with open(path, encoding="utf-8") as f:
            if f.read() != text:
                STALE.append(name)
        return
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    write("deadline-reference.json", "deadline-reference",
          "Deadlines sampled from tests/reference (answers of numpy busday_offset, chinese-calendar and holidays).",
          reference_cases())
    write("deadline-handcrafted.json", "deadline-handcrafted",
          "docs/time.md's worked examples and edge cases, DST, every clock: expected values computed by hand.",
          handcrafted())
    write("errors-every-code.json", "errors", "One case per error code reachable through the JSON layer.", errors())
    if STALE:
        sys.exit("generated vectors differ from tools/vectors/generate.py (edit the generator, then run it): " + ", ".join(STALE))

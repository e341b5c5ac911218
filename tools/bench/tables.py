"""BENCHMARKS.md and the README's benchmark table, generated from
benchmarks/results.json (written by the benchmark scripts through
tools/bench/results.py).

    python3 tools/bench/tables.py          # write both (make bench-tables)
    python3 tools/bench/tables.py --check  # fail when either differs (make test)

BENCHMARKS.md is generated whole; in README.md only the text between
<!-- bench-table:start --> and <!-- bench-table:end --> is.
"""

from __future__ import annotations

import argparse
import difflib
import math
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import ROOT, all_met, load_results, ratio_of, summarise  # noqa: E402

BENCHMARKS = ROOT / "BENCHMARKS.md"
README = ROOT / "README.md"
RESULTS_NAME = "benchmarks/results.json"
START = "<!-- bench-table:start -->"
END = "<!-- bench-table:end -->"


# ------------------------------------------------------------------ numbers


def sig(x: float, digits: int = 3) -> str:
    """`digits` significant digits (more for large integers), thousands separated."""
    if x == 0:
        return "0"
    decimals = max(digits - 1 - math.floor(math.log10(abs(x))), 0)
    rounded = round(x, decimals)
    if rounded != 0 and math.floor(math.log10(abs(rounded))) > math.floor(math.log10(abs(x))):
        decimals = max(decimals - 1, 0)  # 99.98 -> 100, not 100.0
    return f"{x:,.{decimals}f}"


SECONDS = {"ns": 1e-9, "µs": 1e-6, "ms": 1e-3, "s": 1.0}


def value(x: float, unit: str) -> str:
    """A figure in the unit that keeps it between 1 and 1,000 (times), or
    in millions per second from a million up (rates)."""
    if unit == "/s":
        return f"{sig(x / 1e6)} M/s" if x >= 1e6 else f"{x:,.0f}/s"
    if unit == "×":
        return f"{sig(x)}×"
    secs = x * SECONDS[unit]
    shown = next((u for u in ("s", "ms", "µs") if float(sig(secs / SECONDS[u]).replace(",", "")) >= 1), "ns")
    return f"{sig(secs / SECONDS[shown])} {shown}"


def ratio(x: float) -> str:
    return f"{sig(x)}×"


def plain(x: float) -> str:
    """A goal's round number as written: 10, 1.5, 300,000."""
    return f"{int(x):,}" if x == int(x) else f"{x:g}"


def target(x: float, unit: str) -> str:
    if unit == "/s":
        return f"{plain(x / 1e6)} M/s" if x >= 1e7 else f"{plain(x)}/s"
    return f"{plain(x)}×" if unit == "×" else f"{plain(x)} {unit}"


def goal(g: Dict[str, Any], unit: str) -> str:
    op = "≥" if g["op"] == ">=" else "≤"
    target_text = target(g["target"], "×" if g["of"] == "ratio" else unit)
    text = f"{'ratio ' if g['of'] == 'ratio' else ''}{op} {target_text}"
    return f"stretch: {text}" if g.get("stretch") else text


def goals(fig: Dict[str, Any]) -> str:
    return "; ".join(goal(g, fig["unit"]) for g in fig["goals"]) or "—"


def met(fig: Dict[str, Any]) -> str:
    s = fig["summary"]
    if s["met"] is None:
        return "—"
    word = "yes" if s["met"] else "**no**"
    if s["runs"] > 1:
        word += f" ({s['met_runs']} of {s['runs']} runs)"
    stretch = [g for g in fig["goals"] if g.get("stretch")]
    if stretch and s["met"]:
        x = {"ratio": s.get("ratio"), "value": s["value"]}
        reached = all(_holds(g, x[g["of"]]) for g in stretch)
        word += "; stretch yes" if reached else "; stretch no"
    return word


def _holds(g: Dict[str, Any], x: Optional[float]) -> bool:
    if x is None:
        return False
    return bool(x >= g["target"] if g["op"] == ">=" else x <= g["target"])


def spread(lo: float, hi: float, fmt: Any) -> str:
    return f" (runs {fmt(lo)}–{fmt(hi)})"


def plaint_cell(fig: Dict[str, Any]) -> str:
    s = fig["summary"]
    text = f"**{value(s['value'], fig['unit'])}**"
    if s["runs"] > 1 and "ratio" not in s:
        text += spread(s["value_min"], s["value_max"], lambda x: value(x, fig["unit"]))
    if fig["setup"]:
        text += f" — {fig['setup']}"
    return text


def peer_cell(fig: Dict[str, Any]) -> str:
    s = fig["summary"]
    if not fig["peer"]:
        return "—"
    head = fig["peer"] + (f" {value(s['peer_value'], fig['unit'])}" if "peer_value" in s else "")
    return head + (f" — {fig['peer_setup']}" if fig["peer_setup"] else "")


def ratio_cell(fig: Dict[str, Any]) -> str:
    s = fig["summary"]
    if "ratio" not in s:
        return "—"
    text = f"**{ratio(s['ratio'])}**"
    if s["runs"] > 1:
        text += spread(s["ratio_min"], s["ratio_max"], ratio)
    if fig["ratio_kind"] == "overhead":
        text += " (plaint / peer)"
    return text


# ------------------------------------------------------------------ documents


def ordered_sections(data: Dict[str, Any]) -> List[tuple]:
    by_section: Dict[str, List[tuple]] = {}
    for fid, fig in data["figures"].items():
        by_section.setdefault(fig["section"], []).append((fig["order"], fid, fig))
    keys = sorted(by_section, key=lambda k: (data["sections"].get(k, {}).get("order", 999), k))
    return [(k, data["sections"].get(k, {"title": k, "reproduce": "", "text": ""}), sorted(by_section[k])) for k in keys]


def machine_line(series: Dict[str, Any]) -> str:
    m = series["machine"]
    parts = [m.get("cpu", "unknown CPU"), f"{m.get('cores')} cores"]
    if "memory_gib" in m:
        parts.append(f"{m['memory_gib']} GiB")
    parts += [x for x in (m.get("os"), f"Linux {m['kernel']}" if m.get("kernel") else None, m.get("rustc")) if x]
    return ", ".join(parts)


def runs_text(data: Dict[str, Any]) -> List[str]:
    lines = []
    for sid, series in data["series"].items():
        figs = [f for f in data["figures"].values() if f["series"] == sid]
        runs = max(f["summary"]["runs"] for f in figs)
        load = series.get("load_at_start") or []
        load_text = f"; load average at the start {load[0]:.1f} (1 min) on {series['machine'].get('cores')} cores" if load else ""
        note = f"; {series['note']}" if series.get("note") else ""
        lines.append(
            f"- series `{sid}` ({runs} run{'s' if runs > 1 else ''}): {len(figs)} figures, "
            f"the first recorded {series['date']}; "
            f"{machine_line(series)}{load_text}{note}."
        )
    return lines


def benchmarks_md(data: Dict[str, Any]) -> str:
    out = [
        "# Benchmarks",
        "",
        f"<!-- Generated by `make bench-tables` from {RESULTS_NAME}; do not edit. -->",
        f"Generated from [`{RESULTS_NAME}`]({RESULTS_NAME}), which `make bench` writes "
        "(`make bench BENCH_RUNS=3` records three runs and gives their median and range); "
        "`make bench-tables` regenerates this file and the README's table, and `make test` "
        "fails when they disagree with the results file.",
        "",
        "Each ratio is measured side by side: plaint and its peer answer the same inputs in the "
        "same process and the same run, and the answers are checked equal where both can express "
        "the question. A ratio is how many times faster plaint is (peer time / plaint time, or "
        "plaint rate / peer rate) unless marked *plaint / peer*. Goals are judged on the median "
        "of the recorded runs. Absolute times depend on the machine and its load:",
        "",
        *runs_text(data),
    ]
    for key, sec, figs in ordered_sections(data):
        out += ["", f"## {sec['title']}", ""]
        rows = [f for _, _, f in figs]
        if sec.get("reproduce"):
            out.append(f"Reproduce: `{sec['reproduce']}`. {sec.get('text', '')}".rstrip() + load_text(rows))
            out.append("")
        cols = [("benchmark", lambda f: f["title"]), ("plaint", plaint_cell)]
        if any(f["peer"] for f in rows):
            cols += [("peer and its set-up", peer_cell), ("ratio", ratio_cell)]
        cols += [("goal", goals), ("met", met)]
        if any(f["answers"] for f in rows):
            cols.append(("answers", lambda f: f["answers"] or "—"))
        out.append("| " + " | ".join(c for c, _ in cols) + " |")
        out.append("|" + "---|" * len(cols))
        for f in rows:
            out.append("| " + " | ".join(_cell(fn(f)) for _, fn in cols) + " |")
        notes = [f["note"] for f in rows if f["note"]]
        if notes:
            out.append("")
            out += notes if len(notes) == 1 else [f"- {n}" for n in notes]
    return "\n".join(out) + "\n"


def load_text(rows: List[Dict[str, Any]]) -> str:
    """The 1-minute load averages seen while this section's figures were recorded."""
    loads = [smp["load"][0] for f in rows for smp in f["samples"] if smp.get("load")]
    if not loads:
        return ""
    lo, hi = min(loads), max(loads)
    span = f"{lo:.1f}" if f"{lo:.1f}" == f"{hi:.1f}" else f"{lo:.1f}–{hi:.1f}"
    return f" Load average (1 min) while recorded: {span}."


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def readme_table(data: Dict[str, Any]) -> str:
    dates = sorted({s["date"][:10] for s in data["series"].values()})
    machines = sorted({machine_line(s) for s in data["series"].values()})
    notes = sorted({s["note"] for s in data["series"].values() if s.get("note")})
    out = [
        START,
        f"Generated from `{RESULTS_NAME}` by `make bench-tables` (recorded {', '.join(dates)} on "
        f"{'; '.join(machines)}{''.join('; ' + n for n in notes)}); each peer's set-up, the answers checked, "
        "the load and the runs' spread are in [BENCHMARKS.md](BENCHMARKS.md). Ratios: how many times faster "
        "plaint is than the peer, measured side by side in one run.",
        "",
        "| benchmark | plaint | peer | ratio | goal | met |",
        "|---|---|---|---|---|---|",
    ]
    for _, _, figs in ordered_sections(data):
        for _, _, f in figs:
            s = f["summary"]
            peer = f"{f['peer']} {value(s['peer_value'], f['unit'])}" if "peer_value" in s else (f["peer"] or "—")
            r = "—" if "ratio" not in s else ratio(s["ratio"]) + (" (plaint / peer)" if f["ratio_kind"] == "overhead" else "")
            cells = [f["title"], value(s["value"], f["unit"]), peer, r, goals(f), met(f)]
            out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    out.append(END)
    return "\n".join(out)


def readme_md(data: Dict[str, Any], current: str) -> str:
    if START not in current or END not in current:
        raise SystemExit(f"README.md has no {START} ... {END} markers")
    head, rest = current.split(START, 1)
    _, tail = rest.split(END, 1)
    return head + readme_table(data) + tail


# ------------------------------------------------------------------ consistency


def inconsistencies(data: Dict[str, Any]) -> List[str]:
    """Figures whose stored ratios, verdicts or summary are not what their
    samples give (a hand-edited results file)."""
    out = []
    for fid, fig in data["figures"].items():
        if fig["series"] not in data["series"]:
            out.append(f"{fid}: series {fig['series']} not described")
        for smp in fig["samples"]:
            r = None
            if "peer_value" in smp:
                r = ratio_of(fig["ratio_kind"], fig["unit"], smp["value"], smp["peer_value"], fig["better"])
                if not math.isclose(r, smp["ratio"], rel_tol=1e-9):
                    out.append(f"{fid} run {smp['run']}: ratio {smp['ratio']} but its values give {r}")
            if smp["met"] != all_met(fig["goals"], smp["value"], r):
                out.append(f"{fid} run {smp['run']}: met {smp['met']} disagrees with its goals")
        if fig["summary"] != summarise(fig):
            out.append(f"{fid}: summary is not the summary of its samples")
    return out


# ------------------------------------------------------------------ main


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="fail when the committed tables differ from the results file")
    args = ap.parse_args()
    data = load_results()
    if not data["figures"]:
        raise SystemExit(f"{RESULTS_NAME} holds no figures: run `make bench` first")
    bad = inconsistencies(data)
    if bad:
        print("\n".join(bad), file=sys.stderr)
        print(f"bench tables: {RESULTS_NAME} is inconsistent; re-record with `make bench`", file=sys.stderr)
        return 1
    readme_now = README.read_text(encoding="utf-8")
    wanted = {BENCHMARKS: benchmarks_md(data), README: readme_md(data, readme_now)}
    stale = []
    for path, text in wanted.items():
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current == text:
            continue
        if args.check:
            stale.append(path)
            diff = difflib.unified_diff(current.splitlines(), text.splitlines(), str(path.name), "generated", lineterm="", n=1)
            print("\n".join(list(diff)[:40]), file=sys.stderr)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        names = ", ".join(p.name for p in stale)
        print(f"bench tables: {names}: not what {RESULTS_NAME} generates; run `make bench-tables`", file=sys.stderr)
        return 1
    if args.check:
        print(f"bench tables: BENCHMARKS.md and README.md agree with {RESULTS_NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The one results file of plaint's benchmarks: benchmarks/results.json.

Every benchmark script records its figures here, and BENCHMARKS.md's and the
README's tables are generated from this file (tools/bench/tables.py, `make
bench-tables`). Standard library only, so any script can use it:

    from results import record, at_least, at_most   # with tools/bench on sys.path
    record("py.classify.zen", 4.6, "µs", section="python", title="...",
           peer="zen-engine 2.1.3", peer_value=9.1, peer_setup="static loader ...",
           goals=[at_least(10, of="ratio")])

or from a shell script:

    python3 tools/bench/results.py record ID VALUE UNIT --section S --title T \\
        [--peer NAME --peer-value V --peer-setup TEXT] [--goal 'ratio>=10'] ...

A figure is one measured quantity of plaint (its `value` in `unit`) and,
when it has one, the same question answered by a peer in the same process
and run (`peer_value`, same unit). Its `ratio` is computed per run:
  speedup   how many times faster plaint is: peer / value for a time,
            value / peer for a rate (unit "/s");
  overhead  value / peer (e.g. the C ABI's time over the same call in Rust).
A goal is on the ratio or on the value: {"of", "op" (">=" | "<="), "target"};
a stretch goal is shown but does not decide `met`.

Runs. `make bench` (tools/bench/run.sh) sets PLAINT_BENCH_SERIES (one id for
the whole command) and PLAINT_BENCH_RUN (1, 2, 3 with BENCH_RUNS=3). A figure
keeps the samples of one series: a sample of a new series replaces the old
ones, a sample of the same series is added (or replaces the same run's). Its
summary is the median of its runs and the range (min-max); `met` is decided
on the median, and `met_runs` counts the runs that met every goal. A script
run alone (no PLAINT_BENCH_SERIES) starts a series of its own.

The file also keeps, per series, the date and the machine's facts (CPU,
cores, memory, OS, rustc, Python) and PLAINT_BENCH_NOTE (e.g. "shared
machine, loaded"); each sample keeps the load average when it was recorded.
PLAINT_BENCH_RESULTS points the writer at another file (tests use it).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import fcntl
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATH = ROOT / "benchmarks" / "results.json"
FORMAT = 1
TIME_UNITS = {"ns": 1e-9, "µs": 1e-6, "ms": 1e-3, "s": 1.0}
RATE_UNITS = {"/s"}
PLAIN_UNITS = {"×"}


def results_path() -> Path:
    return Path(os.environ.get("PLAINT_BENCH_RESULTS") or DEFAULT_PATH)


def at_least(target: float, of: str = "ratio", stretch: bool = False) -> Dict[str, Any]:
    """A goal: the ratio (or the value) is at least `target`."""
    return _goal(of, ">=", target, stretch)


def at_most(target: float, of: str = "value", stretch: bool = False) -> Dict[str, Any]:
    """A goal: the value (or the ratio) is at most `target`."""
    return _goal(of, "<=", target, stretch)


def _goal(of: str, op: str, target: float, stretch: bool) -> Dict[str, Any]:
    if of not in ("ratio", "value") or op not in (">=", "<="):
        raise ValueError(f"bad goal: {of} {op} {target}")
    g: Dict[str, Any] = {"of": of, "op": op, "target": float(target)}
    if stretch:
        g["stretch"] = True
    return g


def parse_goal(text: str) -> Dict[str, Any]:
    """'ratio>=10', 'value<=1', 'ratio>=20 stretch' -> a goal."""
    stretch = text.endswith(" stretch")
    body = text[: -len(" stretch")] if stretch else text
    for op in (">=", "<="):
        if op in body:
            of, target = body.split(op, 1)
            return _goal(of.strip(), op, float(target), stretch)
    raise ValueError(f"bad goal {text!r}: expected e.g. 'ratio>=10' or 'value<=1'")


def better(unit: str) -> str:
    """Whether a higher or a lower value of this unit is better."""
    if unit in TIME_UNITS:
        return "lower"
    if unit in RATE_UNITS or unit in PLAIN_UNITS:
        return "higher"
    raise ValueError(f"unknown unit {unit!r}: one of {sorted(TIME_UNITS) + sorted(RATE_UNITS | PLAIN_UNITS)}")


def ratio_of(kind: str, unit: str, value: float, peer_value: float, direction: Optional[str] = None) -> float:
    if kind == "overhead":
        return value / peer_value
    if kind != "speedup":
        raise ValueError(f"unknown ratio kind {kind!r}")
    return peer_value / value if (direction or better(unit)) == "lower" else value / peer_value


def goal_met(goal: Dict[str, Any], value: float, ratio: Optional[float]) -> Optional[bool]:
    x = ratio if goal["of"] == "ratio" else value
    if x is None:
        return None
    return x >= goal["target"] if goal["op"] == ">=" else x <= goal["target"]


def all_met(goals: Iterable[Dict[str, Any]], value: float, ratio: Optional[float]) -> Optional[bool]:
    """Every goal that is not a stretch goal met; None when there is none."""
    verdicts = [goal_met(g, value, ratio) for g in goals if not g.get("stretch")]
    if not verdicts:
        return None
    return all(v is True for v in verdicts)


# ------------------------------------------------------------------ the run


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def series_id() -> str:
    sid = os.environ.get("PLAINT_BENCH_SERIES")
    if not sid:
        # A script run alone: one series per process.
        sid = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ") + f"-{os.getpid()}"
        os.environ["PLAINT_BENCH_SERIES"] = sid
    return sid


def run_number() -> int:
    return int(os.environ.get("PLAINT_BENCH_RUN") or 1)


def _first_line(cmd: List[str]) -> Optional[str]:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return out.strip().splitlines()[0] if out.strip() else None


def machine() -> Dict[str, Any]:
    """The facts a reader needs to weigh absolute times."""
    facts: Dict[str, Any] = {"cores": os.cpu_count(), "arch": platform.machine(), "kernel": platform.release()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                facts["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                facts["memory_gib"] = round(int(line.split()[1]) / 2**20, 1)
                break
    except OSError:
        pass
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                facts["os"] = line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    rustc = _first_line(["rustc", "--version"])
    if rustc:
        facts["rustc"] = rustc
    return facts


def load() -> List[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


# ------------------------------------------------------------------ the file


def _read(path: Path) -> Dict[str, Any]:
    if path.exists() and path.stat().st_size:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise SystemExit(f"{path}: format {data.get('format')!r}, expected {FORMAT}")
        return data
    return {"format": FORMAT, "series": {}, "sections": {}, "figures": {}}


def _write(path: Path, data: Dict[str, Any]) -> None:
    used = {f["series"] for f in data["figures"].values()}
    data["series"] = {k: v for k, v in sorted(data["series"].items()) if k in used}
    data["figures"] = dict(sorted(data["figures"].items(), key=lambda kv: (kv[1]["section"], kv[1]["order"], kv[0])))
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)


class _Locked:
    """The results file, read and written under an exclusive lock."""

    def __init__(self) -> None:
        self.path = results_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def __enter__(self) -> Dict[str, Any]:
        self.lock = open(self.path.with_suffix(".lock"), "w")
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        self.data = _read(self.path)
        return self.data

    def __exit__(self, kind: Any, *_: Any) -> None:
        try:
            if kind is None:
                _write(self.path, self.data)
        finally:
            fcntl.flock(self.lock, fcntl.LOCK_UN)
            self.lock.close()


def _series(data: Dict[str, Any]) -> str:
    sid = series_id()
    if sid not in data["series"]:
        entry: Dict[str, Any] = {"date": _now(), "machine": machine(), "load_at_start": load()}
        note = os.environ.get("PLAINT_BENCH_NOTE")
        if note:
            entry["note"] = note
        data["series"][sid] = entry
    return sid


def section(key: str, title: str, order: int, reproduce: str, text: str = "") -> None:
    """Declare (or update) a section of the tables: its title, its place,
    the command that reproduces it and a paragraph about its set-up."""
    with _Locked() as data:
        data["sections"][key] = {"title": title, "order": order, "reproduce": reproduce, "text": text}


def record(
    fid: str,
    value: float,
    unit: str,
    *,
    section: str,
    title: str,
    order: int = 0,
    setup: str = "",
    peer: str = "",
    peer_value: Optional[float] = None,
    peer_setup: str = "",
    ratio: str = "speedup",
    goals: Iterable[Dict[str, Any]] = (),
    answers: str = "",
    note: str = "",
    details: Optional[Dict[str, Any]] = None,
    direction: Optional[str] = None,
) -> Dict[str, Any]:
    """Record one sample of figure `fid` (see the module's doc); returns the
    figure with its summary."""
    direction = direction or better(unit)
    goals = list(goals)
    r = ratio_of(ratio, unit, value, peer_value, direction) if peer_value is not None else None
    if any(g["of"] == "ratio" for g in goals) and r is None:
        raise ValueError(f"{fid}: a ratio goal needs a peer value")
    sample: Dict[str, Any] = {"run": run_number(), "date": _now(), "load": load(), "value": value}
    if peer_value is not None:
        sample["peer_value"] = peer_value
        sample["ratio"] = r
    sample["met"] = all_met(goals, value, r)
    if details:
        sample["details"] = details
    with _Locked() as data:
        sid = _series(data)
        old = data["figures"].get(fid)
        samples = [s for s in old["samples"] if s["run"] != sample["run"]] if old and old["series"] == sid else []
        samples.append(sample)
        samples.sort(key=lambda s: s["run"])
        fig = {
            "section": section,
            "order": order,
            "title": title,
            "unit": unit,
            "better": direction,
            "setup": setup,
            "peer": peer,
            "peer_setup": peer_setup,
            "ratio_kind": ratio if peer_value is not None else None,
            "goals": goals,
            "answers": answers,
            "note": note,
            "series": sid,
            "samples": samples,
        }
        fig["summary"] = summarise(fig)
        data["figures"][fid] = fig
    return fig


def summarise(fig: Dict[str, Any]) -> Dict[str, Any]:
    """Median and range of the runs; goals judged on the median."""
    samples = fig["samples"]
    values = [s["value"] for s in samples]
    out: Dict[str, Any] = {"runs": len(samples), "value": statistics.median(values), "value_min": min(values), "value_max": max(values)}
    ratios = [s["ratio"] for s in samples if s.get("ratio") is not None]
    if ratios:
        out["peer_value"] = statistics.median(s["peer_value"] for s in samples)
        out["ratio"] = statistics.median(ratios)
        out["ratio_min"], out["ratio_max"] = min(ratios), max(ratios)
    out["met"] = all_met(fig["goals"], out["value"], out.get("ratio"))
    out["met_runs"] = sum(1 for s in samples if s["met"] is True)
    return out


def load_results(path: Optional[Path] = None) -> Dict[str, Any]:
    return _read(path or results_path())


# ------------------------------------------------------------------ command line


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="Record benchmark figures in benchmarks/results.json.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    rec = sub.add_parser("record", help="record one sample of a figure")
    rec.add_argument("id")
    rec.add_argument("value", type=float)
    rec.add_argument("unit")
    rec.add_argument("--section", required=True)
    rec.add_argument("--title", required=True)
    rec.add_argument("--order", type=int, default=0)
    rec.add_argument("--setup", default="")
    rec.add_argument("--peer", default="")
    rec.add_argument("--peer-value", type=float)
    rec.add_argument("--peer-setup", default="")
    rec.add_argument("--ratio", default="speedup", choices=["speedup", "overhead"])
    rec.add_argument("--goal", action="append", default=[], help="e.g. 'ratio>=10', 'value<=1', 'ratio>=20 stretch'")
    rec.add_argument("--answers", default="")
    rec.add_argument("--note", default="")
    sec = sub.add_parser("section", help="declare a section of the tables")
    sec.add_argument("key")
    sec.add_argument("--title", required=True)
    sec.add_argument("--order", type=int, required=True)
    sec.add_argument("--reproduce", required=True)
    sec.add_argument("--text", default="")
    a = ap.parse_args(argv)
    if a.cmd == "section":
        section(a.key, a.title, a.order, a.reproduce, a.text)
        return 0
    fig = record(
        a.id,
        a.value,
        a.unit,
        section=a.section,
        title=a.title,
        order=a.order,
        setup=a.setup,
        peer=a.peer,
        peer_value=a.peer_value,
        peer_setup=a.peer_setup,
        ratio=a.ratio,
        goals=[parse_goal(g) for g in a.goal],
        answers=a.answers,
        note=a.note,
    )
    s = fig["summary"]
    verdict = {True: "met", False: "NOT MET", None: "no goal"}[s["met"]]
    ratio = f", ratio {s['ratio']:.3g}" if "ratio" in s else ""
    print(f"recorded {a.id}: {s['value']:.4g} {a.unit}{ratio} ({verdict})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

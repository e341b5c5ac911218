"""The benchmarks' results file (tools/bench/results.py) and the tables
generated from it (tools/bench/tables.py), on a scratch file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools/bench"))
import results  # noqa: E402
import tables  # noqa: E402


@pytest.fixture()
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "results.json"
    monkeypatch.setenv("PLAINT_BENCH_RESULTS", str(path))
    monkeypatch.setenv("PLAINT_BENCH_SERIES", "s1")
    monkeypatch.setenv("PLAINT_BENCH_RUN", "1")
    monkeypatch.setenv("PLAINT_BENCH_NOTE", "shared machine, loaded")
    return path


def classify(value: float, peer: float) -> Any:
    return results.record(
        "py.classify.zen",
        value,
        "µs",
        section="python",
        title="classify",
        peer="zen",
        peer_value=peer,
        goals=[results.at_least(10), results.at_least(20, stretch=True)],
    )


def test_ratio_goal_and_runs(scratch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fig = classify(2.0, 9.0)  # 9 / 2 = 4.5x: the 10x goal not met
    assert fig["samples"][0]["ratio"] == 4.5
    assert fig["summary"]["met"] is False and fig["summary"]["met_runs"] == 0
    monkeypatch.setenv("PLAINT_BENCH_RUN", "2")
    classify(0.5, 6.0)  # 12x
    monkeypatch.setenv("PLAINT_BENCH_RUN", "3")
    fig = classify(0.4, 8.8)  # 22x
    s = fig["summary"]
    assert s["runs"] == 3 and s["ratio"] == 12.0 and (s["ratio_min"], s["ratio_max"]) == (4.5, 22.0)
    assert s["value"] == 0.5 and s["peer_value"] == 8.8
    assert s["met"] is True and s["met_runs"] == 2
    data = json.loads(scratch.read_text(encoding="utf-8"))
    assert list(data["series"]) == ["s1"] and data["series"]["s1"]["note"] == "shared machine, loaded"
    assert data["series"]["s1"]["machine"]["cores"] >= 1
    # The same run again replaces its sample; a new series starts afresh.
    classify(1.0, 9.0)
    assert results.load_results()["figures"]["py.classify.zen"]["summary"]["runs"] == 3
    monkeypatch.setenv("PLAINT_BENCH_SERIES", "s2")
    monkeypatch.setenv("PLAINT_BENCH_RUN", "1")
    fig = classify(1.0, 30.0)
    assert fig["summary"]["runs"] == 1 and fig["summary"]["ratio"] == 30.0
    assert list(results.load_results()["series"]) == ["s2"]


def test_rates_overhead_and_value_goals(scratch: Path) -> None:
    rate = results.record(
        "r", 250_000, "/s", section="x", title="rate", peer="p", peer_value=100_000, goals=[results.at_least(300_000, of="value")]
    )
    assert rate["summary"]["ratio"] == 2.5 and rate["summary"]["met"] is False
    over = results.record(
        "o", 1.2, "µs", section="x", title="abi", peer="rust", peer_value=1.0, ratio="overhead", goals=[results.parse_goal("ratio<=1.5")]
    )
    assert over["summary"]["ratio"] == pytest.approx(1.2) and over["summary"]["met"] is True
    lone = results.record("n", 3.0, "ns", section="x", title="no goal")
    assert lone["summary"]["met"] is None and "ratio" not in lone["summary"]
    with pytest.raises(ValueError):
        results.record("bad", 1.0, "µs", section="x", title="t", goals=[results.at_least(2)])
    with pytest.raises(ValueError):
        results.parse_goal("ratio = 2")


def test_tables_say_met_and_spread(scratch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results.section("python", "Python module", 20, "tools/python/bench.sh", "Set-up.")
    classify(2.0, 9.0)
    monkeypatch.setenv("PLAINT_BENCH_RUN", "2")
    classify(1.0, 9.0)
    data = results.load_results()
    md = tables.benchmarks_md(data)
    assert "## Python module" in md and "Reproduce: `tools/python/bench.sh`. Set-up." in md
    row = next(line for line in md.splitlines() if line.startswith("| classify |"))
    assert row == (
        "| classify | **1.50 µs** | zen 9.00 µs | **6.75×** (runs 4.50×–9.00×) | ratio ≥ 10×; stretch: ratio ≥ 20× "
        "| **no** (0 of 2 runs) |"
    )
    readme = tables.readme_md(data, "a\n<!-- bench-table:start -->\nold\n<!-- bench-table:end -->\nb\n")
    assert readme.startswith("a\n<!-- bench-table:start -->\n") and readme.endswith("<!-- bench-table:end -->\nb\n")
    assert "| classify | 1.50 µs | zen 9.00 µs | 6.75× | ratio ≥ 10×; stretch: ratio ≥ 20× | **no** (0 of 2 runs) |" in readme


def test_numbers() -> None:
    assert [tables.sig(x) for x in (1805.4, 19.63, 4.594, 0.0342, 0.5)] == ["1,805", "19.6", "4.59", "0.0342", "0.500"]
    assert tables.value(37_344_756, "/s") == "37.3 M/s" and tables.value(207_122, "/s") == "207,122/s"
    assert [tables.value(x, u) for x, u in ((99.98, "µs"), (135_876, "ns"), (0.5, "s"), (63.61, "ns"), (1_000, "ms"))] == [
        "100 µs",
        "136 µs",
        "500 ms",
        "63.6 ns",
        "1.00 s",
    ]
    assert tables.ratio(1.5) == "1.50×"
    assert [tables.target(x, u) for x, u in ((10_000_000, "/s"), (300_000, "/s"), (1.5, "×"), (1, "µs"))] == [
        "10 M/s",
        "300,000/s",
        "1.5×",
        "1 µs",
    ]


def test_a_hand_edited_figure_is_caught(scratch: Path) -> None:
    classify(2.0, 9.0)
    data = results.load_results()
    assert tables.inconsistencies(data) == []
    data["figures"]["py.classify.zen"]["samples"][0]["value"] = 0.5  # the ratio and verdict left as they were
    assert tables.inconsistencies(data) == [
        "py.classify.zen run 1: ratio 4.5 but its values give 18.0",
        "py.classify.zen run 1: met False disagrees with its goals",
        "py.classify.zen: summary is not the summary of its samples",
    ]

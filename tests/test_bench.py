"""bench/bench.py: the smoke run prints every pair, and its synthetic data is valid sovscore input.

No timing is asserted: the benchmark reports, it does not judge, unless asked with --check.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench.py"


def _bench_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sovscore_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_quick_run_prints_every_pair() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--quick",
            "--sizes",
            "300",
            "--runs",
            "1",
            "--startup-runs",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    table = done.stdout
    for pair in (
        "--version vs import typer",
        "fair JSON floor vs imports",
        "fair table floor vs imports",
        "rank --json vs fair json floor",
        "show numspot --json vs fair json floor",
        "offers --json vs fair json floor",
        "rank vs fair table floor",
        "show numspot vs fair table floor",
        "offers vs fair table floor",
        "report vs fair table floor",
        "rank --json vs imports",
        "rank --json 300 vs yaml+json GC-off",
        "rank --json 300 vs yaml+json",
        "peak RSS 300 vs yaml+json",
        "peak RSS 300 vs yaml+json GC-off",
        "raw YAML parser reference: ",
    ):
        assert pair in table, f"{pair!r} missing from:\n{table}"
    for command in (
        "sovscore --version",
        "sovscore rank --json (bundled)",
        "sovscore show numspot --json",
        "sovscore report",
        "fair floor: typer+pydantic app --json",
        "fair floor: typer+pydantic app, rich table",
        "sovscore rank --json --providers 300.yaml",
        "json.dump 300.yaml",
        "+ json.dumps 300.yaml",
    ):
        assert command in table, f"{command!r} missing from:\n{table}"


def test_growth_rows_between_sizes() -> None:
    """Growth and peak-RSS growth rows come from the measures, without running anything."""
    bench = _bench_module()
    measures = bench.Measures(startup={}, scale={})
    for size in (10, 100):
        group = {}
        for key in ("sovscore", "floor", "fast"):
            m = bench.Measure(key, [])
            m.walls, m.rss, m.cpus = [size / 10] * 2, [size, size], [size / 10] * 2
            group[key] = m
        measures.scale[size] = group
    startup = {
        key: bench.Measure(key, [], walls=[1.0], rss=[1], cpus=[1.0])
        for key in ("import typer", "imports", "fair json", "fair table", "--version")
    }
    for command in (*bench.STARTUP_JSON, *bench.STARTUP_TABLE, *bench.STARTUP_OTHER):
        startup[command] = bench.Measure(command, [], walls=[1.0], rss=[1], cpus=[1.0])
    measures.startup = startup
    rows = {row.check: row for row in bench.build_rows(measures, [10, 100])}
    assert rows["growth 10->100, sovscore"].value == 10
    assert rows["peak RSS growth 10->100, sovscore"].value == 10
    assert rows["rank --json vs fair json floor"].value == 1


def test_generated_1k_file_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "1k.yaml"
    _bench_module().write_providers(path, 1000)
    for strict in ([], ["--strict"]):
        done = subprocess.run(
            [sys.executable, "-m", "sovscore", "validate", *strict, str(path)],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        assert "1000 providers" in done.stderr
        assert "warning" not in done.stderr


def test_write_option_writes_one_file_per_size(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--write", str(tmp_path), "--sizes", "10,20"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["10.yaml", "20.yaml"]

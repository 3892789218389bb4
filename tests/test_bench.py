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
        [sys.executable, str(BENCH), "--quick", "--sizes", "300"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    table = done.stdout
    for pair in (
        "--version vs import typer",
        "rank --json (bundled) vs imports",
        "rank --json 300 vs yaml+json",
        "peak RSS 300 vs yaml+json",
    ):
        assert pair in table, f"{pair!r} missing from:\n{table}"
    for command in (
        "sovscore --version",
        "sovscore rank --json (bundled)",
        "sovscore rank --json --providers 300.yaml",
        "json.dump 300.yaml",
    ):
        assert command in table, f"{command!r} missing from:\n{table}"


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

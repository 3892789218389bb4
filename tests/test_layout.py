"""The house keeps its rules: each stage imports only the stages below it, no circle between the
modules of a stage, nothing imports the CLI (the contracts in pyproject.toml, run by
import-linter). A copy of the package with one bad import shows that each rule can fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(config: Path, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT), "--config", str(config), "--no-cache"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(path)},
        cwd=path,
    )


def test_the_contracts_are_kept() -> None:
    done = _lint(ROOT / "pyproject.toml", ROOT / "src")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("model/dates.py", "from ..score import scoring", "Stages import only downwards"),
        ("measures/base.py", "from ..cli import commands", "Stages import only downwards"),
        ("render/json.py", "from ..load import catalogue", "Stages import only downwards"),
        ("measures/qualifications.py", "from . import csf", "No import circle"),
    ],
)
def test_each_rule_can_fail(tmp_path: Path, module: str, line: str, contract: str) -> None:
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "sovscore", copy / "sovscore")
    target = copy / "sovscore" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", "utf-8")
    config = tmp_path / "pyproject.toml"
    config.write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    done = _lint(config, copy)
    assert done.returncode != 0, done.stdout
    assert f"{contract}" in done.stdout and "BROKEN" in done.stdout

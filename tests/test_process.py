"""The installed command as a shell runs it: pipes, full disks, standard input."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import providers_document

COMMAND = [sys.executable, "-m", "sovscore"]


def test_a_closed_pipe_exits_quietly() -> None:
    shell = f"{' '.join(COMMAND)} rank --json | head -c 1 >/dev/null; echo ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0"
    assert done.stderr == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_an_unwritable_stdout_is_one_line_and_exit_2() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*COMMAND, "rank", "--json"], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "sovscore: cannot write to standard output: No space left on device"
    ]


def test_providers_from_standard_input(run: Any) -> None:
    text = yaml.safe_dump(providers_document(), sort_keys=False)
    result = run("rank", "--providers", "-", "--json", input=text)
    assert result.exit_code == 0, result.stderr
    assert [p["id"] for p in json.loads(result.stdout)["providers"]] == ["acme"]


def test_runs_from_any_directory(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [*COMMAND, "show", "numspot"], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert "NumSpot" in done.stdout


def test_ctrl_c_exits_130_with_one_line() -> None:
    import signal
    import time

    process = subprocess.Popen(
        [*COMMAND, "rank", "--providers", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2.0)  # let it start and block on standard input (start-up takes ~0.3 s)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 130
    assert out == ""
    assert err.strip().splitlines() == ["sovscore: interrupted"]

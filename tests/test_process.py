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


def _blocked_reading_stdin(pid: int, timeout: float = 20.0) -> bool:
    """Whether the process sits in read(0, ...): Linux's /proc tells, so no guess of how long
    start-up takes is needed."""
    import time

    deadline = time.monotonic() + timeout
    syscall = Path(f"/proc/{pid}/syscall")
    while time.monotonic() < deadline:
        try:
            fields = syscall.read_text().split()
        except OSError:
            return False
        if fields[:2] == ["0", "0x0"]:  # syscall 0 (read) on fd 0, on x86_64 and the like
            return True
        time.sleep(0.02)
    return False


@pytest.mark.skipif(not Path("/proc/self/syscall").exists(), reason="needs Linux /proc")
def test_ctrl_c_exits_130_with_one_line() -> None:
    import platform
    import signal

    if platform.machine() not in ("x86_64", "amd64"):
        pytest.skip("the read syscall number differs on this architecture")
    process = subprocess.Popen(
        [*COMMAND, "rank", "--providers", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert _blocked_reading_stdin(process.pid)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 130
    assert out == ""
    assert err.strip().splitlines() == ["sovscore: interrupted"]


def _shell(script: str, **env: str) -> subprocess.CompletedProcess[str]:
    command = " ".join(COMMAND)
    return subprocess.run(
        ["bash", "-c", script.replace("SOVSCORE", command)],
        capture_output=True,
        text=True,
        errors="replace",  # the output is in the encoding asked for, not always UTF-8
        env={**os.environ, **env},
        timeout=120,
    )


@pytest.mark.parametrize("fmt", ["table", "json", "ndjson", "csv", "markdown"])
def test_a_closed_stdout_is_one_line_and_exit_2(fmt: str) -> None:
    done = _shell(f"SOVSCORE rank --format {fmt} >&-")
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["sovscore: cannot write to standard output: it is closed"]


def test_a_closed_stdin_is_one_line_and_exit_2() -> None:
    done = _shell("SOVSCORE rank --providers - <&-")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == ["<stdin>: standard input is closed (expected YAML on it)"]


def test_a_closed_stderr_keeps_the_exit_code_and_stdout_clean() -> None:
    done = _shell("SOVSCORE rank --as-of tomorrow 2>&-; echo rc=$?")
    assert done.stdout == "rc=2\n"
    done = _shell("SOVSCORE show numspot --json 2>&-; echo rc=$?")
    assert done.stdout.endswith("rc=0\n") and json.loads(done.stdout.removesuffix("rc=0\n"))


@pytest.mark.parametrize("fmt", ["table", "json", "ndjson", "csv", "markdown"])
def test_a_reader_that_goes_away_in_every_format(fmt: str) -> None:
    for command in ("rank", "show t-systems"):
        done = _shell(
            f"SOVSCORE {command} --format {fmt} | head -c 1 >/dev/null; echo ${{PIPESTATUS[0]}}"
        )
        assert done.stdout.strip() == "0", (command, done.stderr)
        assert done.stderr == "", (command, done.stderr)


def test_a_reader_that_goes_away_on_stderr(tmp_path: Path) -> None:
    bad = {"schema_version": 1, "providers": [{"id": f"p{i}", "bogus": 1} for i in range(3000)]}
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(bad))
    done = _shell(
        f"SOVSCORE validate {path} 2>&1 >/dev/null | head -c 1 >/dev/null; echo ${{PIPESTATUS[0]}}"
    )
    assert done.stdout.strip() == "2", done.stderr


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_a_terminal_encoding_that_cannot_show_the_table(encoding: str) -> None:
    """Latin-1 locales still exist on French public-sector machines: ASCII, never a crash."""
    for command in ("show ovhcloud", "sensitivity --samples 20"):
        for fmt in ("table", "markdown"):
            done = _shell(f"SOVSCORE {command} --format {fmt}", PYTHONIOENCODING=encoding)
            assert done.returncode == 0, (command, fmt, done.stderr)
            assert "Traceback" not in done.stderr
    data = subprocess.run(
        [*COMMAND, "show", "numspot", "--json"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
    )
    assert data.returncode == 0
    json.loads(data.stdout.decode("utf-8"))  # data formats are UTF-8 whatever the locale


def test_a_huge_file_limit_is_not_allocated(tmp_path: Path) -> None:
    """SOVSCORE_MAX_FILE_MB=1e300 reads the bundled file in chunks: peak memory stays small."""
    code = (
        "import resource, subprocess, sys, os;"
        "subprocess.run([sys.executable, '-m', 'sovscore', 'rank', '--json'],"
        " stdout=subprocess.DEVNULL, check=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "SOVSCORE_MAX_FILE_MB": "1e300"},
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) < 200 * 1024  # KiB

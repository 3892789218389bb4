"""In a real terminal: sovscore driven in tmux at 80, 120 and 200 columns reads the width from
the terminal itself (no COLUMNS), cuts no header with "…", and writes no line wider than the
terminal (the pane's soft-wrapped lines are joined back, so a line too long is seen whole).

Skipped where tmux is missing, unless SOVSCORE_REQUIRE_TMUX=1 (CI sets it and installs tmux).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

WIDTHS = (80, 120, 200)
COMMANDS = (
    "rank",
    "rank --rubric secnumcloud-19.6",
    "show t-systems --no-pager",
    "compare numspot bleu s3ns",
    "offers",
)
AS_OF = "2026-12-01"

if shutil.which("tmux") is None:
    if os.environ.get("SOVSCORE_REQUIRE_TMUX"):
        raise RuntimeError("SOVSCORE_REQUIRE_TMUX is set but tmux is not installed")
    pytest.skip("tmux is not installed", allow_module_level=True)


def _tmux(socket: str, *args: str, timeout: float = 120) -> str:
    return subprocess.run(
        ["tmux", "-L", socket, *args], check=True, capture_output=True, text=True, timeout=timeout
    ).stdout


@pytest.mark.parametrize("width", WIDTHS)
def test_in_tmux_tables_fit_and_headers_are_whole(tmp_path: Path, width: int) -> None:
    socket = f"sovscore-test-{os.getpid()}-{width}"
    config = tmp_path / "tmux.conf"
    config.write_text("set -g history-limit 100000\nset -g remain-on-exit on\n")
    source = Path(__file__).resolve().parents[1] / "src"
    program = f"{shlex.quote(sys.executable)} -c 'from sovscore.cli.entry import main; main()'"
    runs = "; ".join(
        f"echo '>>> {command}'; {program} {command} --as-of {AS_OF}" for command in COMMANDS
    )
    script = tmp_path / "run.sh"
    script.write_text(
        f"unset COLUMNS LINES NO_COLOR FORCE_COLOR CLICOLOR_FORCE\n"
        f"export PYTHONPATH={shlex.quote(str(source))} LC_ALL=C.UTF-8 TERM=xterm-256color\n"
        f"{runs}\necho '>>> done'\ntmux -L {socket} wait-for -S finished\n"
    )
    try:
        _tmux(
            socket,
            "-f",
            str(config),
            "new-session",
            "-d",
            "-x",
            str(width),
            "-y",
            "50",
            "sh",
            str(script),
        )
        _tmux(socket, "wait-for", "finished", timeout=600)
        screen = _tmux(socket, "capture-pane", "-p", "-J", "-S", "-")
        shown = int(_tmux(socket, "display-message", "-p", "#{pane_width}"))
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, check=False)
    assert shown == width
    assert ">>> done" in screen and "Traceback" not in screen
    for command in COMMANDS:
        assert f">>> {command}" in screen
    assert "…" not in screen
    too_wide = [
        line
        for line in screen.splitlines()
        if cell_len(line.rstrip()) > width and len(line.split()) > 1  # a URL alone may wrap
    ]
    assert not too_wide, too_wide[:3]

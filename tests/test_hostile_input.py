"""Hostile and broken input, one case per threat: a clear positioned line, exit 2, bounded cost.

Kept beside test_bad_input.py (mistakes people make) and test_process.py (pipes, Ctrl-C, full
disks); this module is the checklist of what an untrusted file must never achieve.
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from sovscore.load.presets import bundled_rubric

from .conftest import provider, providers_document
from .test_bad_input import VALID, fails, with_line

COMMAND = [sys.executable, "-m", "sovscore"]
RUBRIC = Path(bundled_rubric()).read_text(encoding="utf-8")
MIB = 2**20


def _peak_rss_of(
    args: list[str], stdin: bytes | None = None
) -> tuple[subprocess.CompletedProcess[bytes], int]:
    """Run sovscore in a child and return its result and the child's peak memory in bytes."""
    probe = (
        "import resource, subprocess, sys;"
        "done = subprocess.run(sys.argv[1:], capture_output=True);"
        "sys.stdout.buffer.write(done.stdout); sys.stderr.buffer.write(done.stderr);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
        "sys.exit(done.returncode)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *COMMAND, *args],
        capture_output=True,
        input=stdin,
        timeout=120,
    )
    *lines, peak = done.stderr.decode().strip().splitlines()
    done = subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout, "\n".join(lines).encode()
    )
    return done, int(peak) * 1024


# Files that would cost exponential time or memory, or blow a stack, if read naively.
COSTLY = {
    "alias bomb": "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    ),
    "deep flow nesting": "providers: " + "[" * 50_000 + "]" * 50_000 + "\n",
    "deep block nesting": "".join("  " * i + f"k{i}:\n" for i in range(3_000))
    + "  " * 3_000
    + "v\n",
    "very long string": "schema_version: 2\nproviders:\n- id: x\n  name: " + "A" * 5_000_000 + "\n",
}
COSTLY_WORDS = {
    "alias bomb": "YAML aliases (*name) are not allowed",
    "deep flow nesting": "nesting",
    "deep block nesting": "nesting deeper than 200 levels",
    "very long string": "providers[0].name: expected text of at most 1000 characters; got 5000000",
}


@pytest.mark.parametrize("case", COSTLY)
def test_costly_files_are_refused_cheaply(tmp_path: Path, case: str) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(COSTLY[case], encoding="utf-8")
    done, peak = _peak_rss_of(["rank", "--providers", str(path), "--json"])
    assert done.returncode == 2
    assert done.stdout == b""
    message = done.stderr.decode()
    assert message.startswith(f"{path}:") and COSTLY_WORDS[case] in message, message
    assert "Traceback" not in message
    assert peak < 200 * MIB, f"peak {peak / MIB:.0f} MiB"


def test_a_file_over_the_size_limit_says_how_to_raise_it(run: Any, write_yaml: Any) -> None:
    path = write_yaml("# padding\n" * 120_000)  # 1.2 MB
    env = {"SOVSCORE_MAX_FILE_MB": "1"}
    lines = fails(run("validate", path, env=env), words="is larger than the 1 MiB limit")
    assert "set SOVSCORE_MAX_FILE_MB to raise the limit" in lines[0]
    bad = run("validate", path, env={"SOVSCORE_MAX_FILE_MB": "lots"})
    fails(bad, words="SOVSCORE_MAX_FILE_MB='lots' is not a size")


def test_the_size_limit_can_be_raised(run: Any, write_yaml: Any) -> None:
    text = VALID + "# padding\n" * 120_000
    assert run("validate", write_yaml(text), env={"SOVSCORE_MAX_FILE_MB": "2"}).exit_code == 0


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda t: b"\xef\xbb\xbf" + t.encode(), id="byte-order mark"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="CRLF"),
        pytest.param(
            lambda t: t.replace("city: Paris", "city:\tParis").encode(), id="tab separator"
        ),
        pytest.param(
            lambda t: t.replace("city: Paris", 'city: "Pa\tris"').encode(), id="tab in text"
        ),
    ],
)
def test_what_yaml_allows_is_read(run: Any, write_yaml: Any, transform: Any) -> None:
    result = run("show", "acme", "--providers", write_yaml(transform(VALID)), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["city"] in ("Paris", "Pa\tris")


def test_a_tab_as_indentation_is_refused_where_it_is(run: Any, write_yaml: Any) -> None:
    text = with_line(VALID, "  city: Paris", "\tcity: Paris")
    fails(run("validate", write_yaml(text)), words="invalid YAML")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        pytest.param(b"schema_version: 1\n\xff\xfe\n", "is not valid UTF-8", id="invalid UTF-8"),
        pytest.param(b"schema_version: 1\x00\n", "contains NUL bytes", id="NUL byte"),
        pytest.param(bytes(range(256)) * 4, "contains NUL bytes", id="binary"),
        pytest.param(b"- a\n- b\n", "is a list; expected a mapping", id="list"),
        pytest.param(b"42\n", "is a number; expected a mapping", id="scalar"),
        pytest.param(b"null\n", "is null; expected a mapping", id="null"),
        pytest.param(b"a: 1\n---\nb: 2\n", "holds several YAML documents", id="several documents"),
    ],
)
def test_what_is_not_one_yaml_mapping_is_refused(
    run: Any, write_yaml: Any, content: bytes, words: str
) -> None:
    fails(run("rank", "--providers", write_yaml(content)), words=words)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("reviewed: 2026-01-01", "reviewed: 2025-02-30", "'2025-02-30' is not a date that exists"),
        ("reviewed: 2026-01-01", "reviewed: 20260-01-01", "expected a date like"),
        ("capital: 60", "capital: 160", "expected a percentage from 0 to 100"),
        ("capital: 60", "capital: -5", "expected a percentage from 0 to 100"),
        ("capital: 60", "capital: .nan", "expected a percentage from 0 to 100"),
        ("capital: 60", "capital: .inf", "expected a percentage from 0 to 100"),
    ],
)
def test_impossible_dates_and_shares(
    run: Any, write_yaml: Any, old: str, new: str, words: str
) -> None:
    fails(run("validate", write_yaml(with_line(VALID, old, new))), words=words)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("weight: 30", "weight: .inf", "expected a finite weight"),
        ("weight: 30", "weight: .nan", "expected a finite weight"),
        ("      qualified: 100", "      qualified: .inf", "expected points from 0 to 100"),
        ("      qualified: 100", "      qualified: .nan", "expected points from 0 to 100"),
        ("weight: 30", "weight: 1.0e+308", None),  # alone it is fine; see the next case
        ("measure: data_residency", "measure: nowhere", "unknown measure 'nowhere'"),
        (
            "      withdrawn: 0\n",
            "      withdrawn: 0\n      revoked: 0\n",
            "never yields 'revoked'",
        ),
        ("{grade: B, min: 65}", "{grade: B, min: 80}", "two grade bands start at the same min"),
    ],
)
def test_hostile_rubric_values(
    run: Any, write_yaml: Any, old: str, new: str, words: str | None
) -> None:
    result = run("validate", write_yaml(with_line(RUBRIC, old, new), "rubric.yaml"))
    if words is None:
        assert result.exit_code == 0, result.stderr
    else:
        fails(result, words=words)


def test_rubric_weights_all_zero_or_summing_to_infinity(run: Any, write_yaml: Any) -> None:
    import re

    zero = re.sub(r"weight: \d+", "weight: 0", RUBRIC)
    fails(
        run("validate", write_yaml(zero, "rubric.yaml")),
        words="at least one criterion with a positive weight",
    )
    huge = re.sub(r"weight: \d+", "weight: 1.0e+308", RUBRIC)
    fails(
        run("validate", write_yaml(huge, "rubric.yaml")),
        words="weights add up to more than the largest number",
    )


def test_missing_directory_fifo_and_stdin(run: Any, tmp_path: Path) -> None:
    fails(run("rank", "--providers", str(tmp_path / "nope.yaml")), words="no such file")
    fails(run("rank", "--providers", str(tmp_path)), words="is a directory")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    fails(run("rank", "--providers", str(fifo)), words="is not a regular file")  # never blocks
    result = run("rank", "--providers", "-", "--json", input=VALID)
    assert result.exit_code == 0 and json.loads(result.stdout)["providers"][0]["id"] == "acme"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(run: Any, write_yaml: Any) -> None:
    path = write_yaml(VALID)
    os.chmod(path, 0)
    fails(run("rank", "--providers", path), words="permission denied")


HOSTILE_NAME = "[bold red]x[/] \x1b[31mred\x1b[0m \x07bell =cmd|' /C calc'!A0"


@pytest.fixture
def hostile_file(write_yaml: Any) -> str:
    return str(write_yaml(providers_document(provider(name=HOSTILE_NAME, aliases=[]))))


def test_markup_and_control_sequences_are_shown_not_obeyed(run: Any, hostile_file: str) -> None:
    for args in (["rank"], ["show", "acme"], ["sources", "acme"]):
        out = run(*args, "--providers", hostile_file, "--no-color").stdout
        assert "\x1b" not in out and "\x07" not in out, args
        assert "\\x1b[31mred" in out and "\\x07bell" in out, args
    # Markdown escapes its own metacharacters too: the backslash of an escape, the brackets.
    out = run("rank", "--format", "markdown", "--providers", hostile_file).stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "\\\\x1b\\[31mred" in out and "\\\\x07bell" in out
    table = run("show", "acme", "--providers", hostile_file, "--no-color").stdout
    assert "[bold red]x[/]" in table


def test_json_escapes_control_characters(run: Any, hostile_file: str) -> None:
    out = run("rank", "--providers", hostile_file, "--json").stdout
    assert "\x1b" not in out and "\\u001b" in out
    assert json.loads(out)["providers"][0]["name"] == HOSTILE_NAME


def test_csv_cells_cannot_become_formulas(run: Any, write_yaml: Any) -> None:
    for start in ("=", "+", "-", "@", "\t", "\r"):
        name = f'{start}HYPERLINK("http://evil.example")'
        data = write_yaml(providers_document(provider(name=name, aliases=[])))
        rows = list(
            csv.DictReader(io.StringIO(run("rank", "--providers", data, "--format", "csv").stdout))
        )
        assert rows[0]["name"] == "'" + name, start


def test_no_network_and_no_file_written(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("sovscore opened a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    for args in (["rank"], ["show", "s3ns"], ["sources", "s3ns"], ["validate"], ["rubric"]):
        for fmt in ("table", "json", "csv", "markdown"):
            command = args if args == ["validate"] else [*args, "--format", fmt]
            assert run(*command).exit_code == 0, command
    assert list(tmp_path.iterdir()) == []


def test_memory_stays_bounded_for_a_large_valid_file(tmp_path: Path) -> None:
    """Many providers are work, not an attack: the run succeeds within the memory bound."""
    many = providers_document(
        *(provider(id=f"p{i}", name=f"P {i}", aliases=[]) for i in range(1_000))
    )
    path = tmp_path / "many.yaml"
    path.write_text(yaml.safe_dump(many, sort_keys=False), encoding="utf-8")
    done, peak = _peak_rss_of(["rank", "--providers", str(path), "--json"])
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["providers"]) == 1_000
    assert peak < 200 * MIB, f"peak {peak / MIB:.0f} MiB"

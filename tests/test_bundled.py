"""The bundled files' build-time JSON (load/bundled.py): in sync with the YAML, the same data to
the last type, the same output byte for byte, and never used for a file with other bytes."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sovscore.load import bundled
from sovscore.load.files import read_document
from sovscore.load.presets import bundled_providers, bundled_rubric, preset_names

ROOT = Path(__file__).resolve().parents[1]
BUNDLED_FILES = [bundled_providers(), *(bundled_rubric(name) for name in preset_names())]


def test_json_is_in_sync_with_the_yaml() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bundle.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, (
        f"the bundled JSON is stale: run `python scripts/bundle.py`\n{done.stdout}{done.stderr}"
    )


def _same(a: Any, b: Any, path: tuple[Any, ...] = ()) -> None:
    """Equal, and of the same type at every level (True is not 1, a date is not its text)."""
    assert type(a) is type(b), f"{path}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, dict):
        assert list(a) == list(b), path
        for key in a:
            _same(a[key], b[key], (*path, key))
    elif isinstance(a, list):
        assert len(a) == len(b), path
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, (*path, index))
    else:
        assert a == b, path


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: Path(p).name)
def test_json_holds_the_data_the_yaml_reader_builds(
    path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = read_document(path)
    monkeypatch.setenv(bundled.DISABLE_ENV, "1")
    plain = read_document(path)
    assert fast.digest == plain.digest
    assert bundled.json_path(fast.digest or "").is_file()
    _same(fast.data, plain.data)
    assert fast.name == plain.name
    assert fast.refused == plain.refused == []


COMMANDS = [
    ["rank", "--json"],
    ["rank"],
    ["show", "numspot", "--json"],
    ["show", "numspot"],
    ["offers", "--json"],
    ["offers"],
    ["rubric", "--json"],
    ["rank", "--json", "--rubric", "secnumcloud-19.6"],
    ["compare", "numspot", "s3ns", "--json"],
    ["coverage", "--json"],
    ["report"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_output_is_the_same_byte_for_byte(
    args: list[str], run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = run(*args)
    monkeypatch.setenv(bundled.DISABLE_ENV, "1")
    plain = run(*args)
    assert fast.exit_code == plain.exit_code == 0, plain.stderr
    assert fast.stdout_bytes == plain.stdout_bytes
    assert fast.stderr_bytes == plain.stderr_bytes


def test_an_edited_copy_is_read_as_yaml(tmp_path: Path) -> None:
    """Other bytes, another hash: the JSON never stands in for them (an editable install whose
    providers.yaml was edited reads the edit)."""
    original = Path(bundled_providers()).read_bytes()
    edited = tmp_path / "providers.yaml"
    edited.write_bytes(original.replace(b"name: NumSpot\n", b"name: NumSpot Edited\n", 1))
    document = read_document(str(edited))
    assert not bundled.json_path(document.digest or "").exists()
    assert any(p.get("name") == "NumSpot Edited" for p in document.data["providers"])
    same = tmp_path / "same.yaml"
    same.write_bytes(original)
    assert read_document(str(same)).data == read_document(bundled_providers()).data


def test_a_json_for_other_bytes_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A JSON file whose recorded hash is not its name's is ignored, not trusted."""
    monkeypatch.setattr(bundled, "FOLDER", tmp_path)
    digest = "0" * 64
    bundled.json_path(digest).write_text(bundled.encode("1" * 64, {"a": 1}), encoding="utf-8")
    assert bundled.document("x.yaml", digest, lambda: "") is None
    bundled.json_path(digest).write_text(bundled.encode(digest, {"a": 1}), encoding="utf-8")
    found = bundled.document("x.yaml", digest, lambda: "")
    assert found is not None and found.data == {"a": 1}


@pytest.mark.parametrize(
    "data", [{1: "a"}, {"a": dt.datetime(2024, 1, 1, 12)}, {"a": float("nan")}, {"a": b"x"}]
)
def test_what_json_cannot_hold_exactly_is_not_bundled(data: Any) -> None:
    with pytest.raises(ValueError):
        bundled.encode("0" * 64, data)


def test_dates_come_back_as_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundled, "FOLDER", tmp_path)
    data = {"a": [dt.date(2024, 5, 17), "2024-05-17", {"b": dt.date(2020, 1, 2)}], "c": True}
    digest = "2" * 64
    bundled.json_path(digest).write_text(bundled.encode(digest, data), encoding="utf-8")
    found = bundled.document("x.yaml", digest, lambda: "")
    assert found is not None
    _same(found.data, data)


def test_the_bundled_commands_do_not_import_yaml() -> None:
    """PyYAML is imported only when a YAML file is read (load/yamlparse.py)."""
    env = {k: v for k, v in os.environ.items() if k != bundled.DISABLE_ENV}
    for args in (["rank", "--json"], ["show", "numspot"]):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "sovscore", *args],
            capture_output=True,
            text=True,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
        assert "yaml" not in imported, args

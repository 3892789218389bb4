"""Shared fixtures: small, valid profiles and rubrics written to temporary files."""

from __future__ import annotations

import copy
import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import Phase, settings
from typer.testing import CliRunner

from sovscore.cli import options as cli
from sovscore.cli.commands import app

# The default profile (plain `pytest`, CI) is derandomized: the same examples on every run and
# machine, so a red run is a real bug, never luck; it does not shrink a failure (that can take
# minutes) and keeps no example database. HYPOTHESIS_PROFILE=dev explores at random and shrinks
# what it finds; HYPOTHESIS_PROFILE=deep runs 5,000 examples per property.
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    print_blob=True,
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile("deep", max_examples=5_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

TODAY = dt.date(2026, 12, 1)
"""What the tests take for today: no test depends on the day it runs."""


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)


SOURCE = {
    "id": "src-a",
    "title": "A public page",
    "publisher": "Example Press",
    "url": "https://example.org/a",
    "date": dt.date(2024, 1, 15),
    "kind": "press",
}


def provider(**overrides: Any) -> dict[str, Any]:
    """A complete, sourced profile of a French provider with a SecNumCloud-qualified offer."""
    base: dict[str, Any] = {
        "id": "acme",
        "name": "Acmé Cloud",
        "aliases": ["ACME"],
        "website": "https://acme.example",
        "service_models": ["iaas"],
        "headquarters": "FR",
        "city": "Paris",
        "founded": 2010,
        "identity_sources": ["src-a"],
        "reviewed": dt.date(2026, 1, 1),
        "ownership": {
            "as_of": "2024-01",
            "holders": [
                {"name": "Founder", "country": "FR", "capital": 60, "sources": ["src-a"]},
                {"name": "Fund", "country": "US", "capital": 40, "sources": ["src-a"]},
            ],
            "complete": True,
            "controlled_by": "FR",
            "sources": ["src-a"],
        },
        "partnerships": {"items": [], "sources": ["src-a"]},
        "qualifications": [
            {
                "scheme": "secnumcloud",
                "offer": "IaaS",
                "service_model": "iaas",
                "history": [
                    {"status": "applied", "date": "2022-03", "sources": ["src-a"]},
                    {
                        "status": "qualified",
                        "date": dt.date(2023, 6, 1),
                        "version": "3.2",
                        "sources": ["src-a"],
                    },
                    {"status": "expires", "date": dt.date(2026, 6, 1), "sources": ["src-a"]},
                ],
            }
        ],
        "register_checks": [],
        "data_residency": {
            "storage": ["FR"],
            "processing": ["FR"],
            "exclusive": True,
            "contractual": True,
            "non_eu_admin": False,
            "sources": ["src-a"],
        },
        "extraterritorial_exposure": {"exposed": False, "sources": ["src-a"]},
    }
    base.update(copy.deepcopy(overrides))
    return base


def providers_document(
    *providers: dict[str, Any], sources: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "providers": list(providers) or [provider()],
        "sources": sources if sources is not None else [SOURCE],
    }


@pytest.fixture
def write_yaml(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write data (dumped as YAML) or raw text to a file and return its path."""

    def write(content: Any, name: str = "providers.yaml") -> str:
        path = tmp_path / name
        if isinstance(content, str | bytes):
            path.write_bytes(content.encode() if isinstance(content, str) else content)
        else:
            path.write_text(
                yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8"
            )
        return str(path)

    return write


@pytest.fixture
def run():  # type: ignore[no-untyped-def]
    """Invoke the CLI in-process, keeping stdout and stderr apart."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return invoke

"""Shared fixtures: small, valid profiles and rubrics written to temporary files."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import Phase, settings
from typer import testing as typer_testing
from typer.testing import CliRunner

from sovscore import i18n
from sovscore.cli import options as cli
from sovscore.cli.commands import app

# The default profile (plain `pytest`, CI) is derandomized: the same examples on every run and
# machine, so a red run is a real bug, never luck; it does not shrink a failure (that can take
# minutes) and keeps no example database. HYPOTHESIS_PROFILE=dev explores at random and shrinks
# what it finds; HYPOTHESIS_PROFILE=deep runs 5,000 examples per property.
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    print_blob=True,
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile("deep", max_examples=5_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Typer builds the click command from the app's signatures at every invocation (about half of
# a test run's time); the app does not change during a test session, so build it once.
_built_command = functools.cache(typer_testing._get_command)
typer_testing._get_command = _built_command  # type: ignore[assignment]

TODAY = dt.date(2026, 12, 1)
"""What the tests take for today: no test depends on the day it runs."""


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests read English unless they ask for French: a French developer's locale must not
    change what they see, and no test leaves the language set for the next one."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's FORCE_COLOR or COLUMNS must not change what tests see."""
    for name in ("FORCE_COLOR", "CLICOLOR_FORCE", "COLUMNS", "SOVSCORE_PAGER"):
        monkeypatch.delenv(name, raising=False)


SOURCE = {
    "id": "src-a",
    "title": "A public page",
    "publisher": "Example Press",
    "url": "https://example.org/a",
    "date": dt.date(2024, 1, 15),
    "kind": "press",
}


def provider(**overrides: Any) -> dict[str, Any]:
    """A complete, sourced profile of a French provider with one SecNumCloud-qualified offer.

    Offer facts given as keywords (qualifications, data_residency, csf_assessments,
    service_models, and the offer's own keys offer_id, technology, runs_on) go to its one
    offer, `iaas`, as a schema-2 file has them; the others are the provider's."""
    base: dict[str, Any] = {
        "id": "acme",
        "name": "Acmé Cloud",
        "aliases": ["ACME"],
        "website": "https://acme.example",
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
        "register_checks": [],
        "extraterritorial_exposure": {"exposed": False, "sources": ["src-a"]},
    }
    offer_facts: dict[str, Any] = {
        "qualifications": [
            {
                "scheme": "secnumcloud",
                "offer": "IaaS",
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
        "data_residency": {
            "storage": ["FR"],
            "processing": ["FR"],
            "exclusive": True,
            "contractual": True,
            "non_eu_admin": False,
            "admin_countries": ["FR"],
            "sources": ["src-a"],
        },
        "service_models": ["iaas"],
    }
    overrides = copy.deepcopy(overrides)
    for key in (
        "qualifications",
        "data_residency",
        "csf_assessments",
        "service_models",
        "offer_id",
        "technology",
        "runs_on",
    ):
        if key in overrides:
            offer_facts[key] = overrides.pop(key)
    base.update(overrides)
    if "offers" not in base:
        base["offers"] = [offer(**offer_facts)]
    return base


def offer(**facts: Any) -> dict[str, Any]:
    """One offer from schema-1-like facts: qualifications (their `offer` names the offer) and
    data_residency (storage, processing, exclusive, contractual, non_eu_admin, non_eu_access)."""
    qualifications = facts.get("qualifications") or []
    name = next((q.get("offer") for q in qualifications if q.get("offer")), "IaaS")
    result: dict[str, Any] = {
        "id": facts.get("offer_id", "iaas"),
        "name": name,
        "service_models": facts.get("service_models") or ["iaas"],
        "qualifications": [
            {k: v for k, v in q.items() if k not in ("offer", "service_model")}
            for q in qualifications
        ],
    }
    residency = facts.get("data_residency")
    if residency is not None:
        location = {
            k: residency[k]
            for k in (
                "storage",
                "processing",
                "regions",
                "exclusive",
                "contractual",
                "scope",
                "note",
            )
            if k in residency
        }
        result["location"] = {**location, "sources": list(residency.get("sources", []))}
        if residency.get("non_eu_admin") is not None or residency.get("admin_countries"):
            result["administration"] = {
                "non_eu": residency.get("non_eu_admin"),
                "countries": residency.get("admin_countries"),
                "sources": list(residency.get("sources", [])),
            }
        if residency.get("non_eu_access") is not None:
            result["non_eu_access"] = {
                "possible": residency["non_eu_access"],
                "sources": list(residency.get("sources", [])),
            }
    for key in ("csf_assessments", "technology", "runs_on"):
        if facts.get(key) is not None:
            result[key] = facts[key]
    return result


def providers_document(
    *providers: dict[str, Any], sources: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "schema_version": 2,
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

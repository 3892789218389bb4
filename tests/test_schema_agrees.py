"""The editor and the tool agree: the published JSON Schemas accept and refuse the same files as
`sovscore validate`, for everything a JSON Schema can say.

Each case is a small, self-contained provider (or rubric) file changed in one place. It is
written as YAML and checked by `sovscore validate`, and its data, as an editor reading YAML 1.2
sees it, is checked against the committed schema by `jsonschema`: with the validator the schema's
`$schema` names (draft-07), and with a Draft 2020-12 validator too, for tools that ignore
`$schema`. Both must accept, or both must refuse.

What only `validate` can check (the schema accepts, validate refuses) is listed in
ONLY_VALIDATE, each case with why; the test asserts that split too, so the list stays true.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from sovscore.load.presets import bundled_providers, bundled_rubric, preset_names
from sovscore.model.dates import CALENDAR_PATTERN, PartialDate

from .test_schemas import _as_editors_see_it

ROOT = Path(__file__).resolve().parents[1]

Data = dict[str, Any]
Change = Callable[[Data], None]


@functools.cache
def _validators(kind: str) -> tuple[Any, Any]:
    """The committed schema (the one editors read), under its own dialect and under 2020-12."""
    schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text("utf-8"))
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft7Validator
    return jsonschema.Draft7Validator(schema), jsonschema.Draft202012Validator(schema)


def _schema_accepts(kind: str, data: Any) -> bool:
    """Whether both a draft-07 and a 2020-12 validator accept `data`; they must agree."""
    verdicts = {validator.is_valid(data) for validator in _validators(kind)}
    assert len(verdicts) == 1, "draft-07 and 2020-12 validators disagree on the schema"
    return verdicts.pop()


def _validate_accepts(run: Any, path: Path) -> bool:
    result = run("validate", str(path))
    assert result.exit_code in (0, 2), result.stdout + result.stderr
    return bool(result.exit_code == 0)


def _write(tmp_path: Path, data: Data, name: str = "my-providers.yaml") -> Path:
    path = tmp_path / name
    # safe_dump quotes text YAML would read as something else ('2026-13-01', 'NO', '3.2').
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def good_file() -> Data:
    """A complete provider file that validate accepts: every source it cites is defined."""
    return {
        "schema_version": 2,
        "providers": [
            {
                "id": "acme",
                "name": "Acme Cloud",
                "aliases": ["ACME"],
                "website": "https://acme.example",
                "headquarters": "FR",
                "city": "Paris",
                "founded": 2010,
                "identity_sources": ["src-a"],
                "reviewed": "2026-01-01",
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
                "extraterritorial_exposure": {"exposed": False, "sources": ["src-a"]},
                "offers": [
                    {
                        "id": "iaas",
                        "name": "Acme IaaS",
                        "service_models": ["iaas"],
                        "qualifications": [
                            {
                                "scheme": "secnumcloud",
                                "history": [
                                    {"status": "applied", "date": "2022-03", "sources": ["src-a"]},
                                    {
                                        "status": "qualified",
                                        "date": "2023-06-01",
                                        "version": "3.2",
                                        "sources": ["src-a"],
                                    },
                                ],
                            }
                        ],
                        "location": {
                            "storage": ["FR"],
                            "processing": ["FR"],
                            "exclusive": True,
                            "sources": ["src-a"],
                        },
                        "csf_assessments": [],
                    }
                ],
            }
        ],
        "sources": [
            {
                "id": "src-a",
                "title": "A public page",
                "publisher": "Example Press",
                "url": "https://example.org/a",
                "date": "2024-01-15",
                "kind": "press",
            }
        ],
    }


def _provider(data: Data) -> Data:
    provider: Data = data["providers"][0]
    return provider


def _offer(data: Data) -> Data:
    offer: Data = _provider(data)["offers"][0]
    return offer


def _setter(where: Callable[[Data], Data], key: str, value: Any) -> Change:
    def change(data: Data) -> None:
        where(data)[key] = copy.deepcopy(value)

    return change


def provider(key: str, value: Any) -> Change:
    return _setter(_provider, key, value)


def offer(key: str, value: Any) -> Change:
    return _setter(_offer, key, value)


def holder(key: str, value: Any) -> Change:
    return _setter(lambda d: _provider(d)["ownership"]["holders"][0], key, value)


def source(key: str, value: Any) -> Change:
    return _setter(lambda d: d["sources"][0], key, value)


def event(key: str, value: Any) -> Change:
    return _setter(lambda d: _offer(d)["qualifications"][0]["history"][0], key, value)


def drop(key: str) -> Change:
    return lambda data: _provider(data).pop(key)


def top(key: str, value: Any) -> Change:
    return _setter(lambda d: d, key, value)


# Both accept: the edge of every rule the schema states, on the good side.
ACCEPTED: dict[str, Change] = {
    "the file as it is": lambda data: None,
    "a year as a number": provider("reviewed", 2025),
    "a year as text": provider("reviewed", "2025"),
    "a month": provider("reviewed", "2025-12"),
    "29 February of a leap year": provider("reviewed", "2024-02-29"),
    "29 February 2000": event("date", "2000-02-29"),
    "31 December 2199": source("date", "2199-12-31"),
    "1 January 1900": source("date", "1900-01-01"),
    "a null date": source("date", None),
    "'NO', quoted, is Norway": holder("country", "NO"),
    "a country unknown (null)": holder("country", None),
    "a share of 0": holder("capital", 0),
    "a share of 100 (the other holder left out)": lambda data: _provider(data)["ownership"].update(
        holders=[{"name": "Founder", "country": "FR", "capital": 100}]
    ),
    "a fractional share": holder("capital", 59.5),
    "an http URL": source("url", "http://example.org/a"),
    "a URL with a port and a query": provider("website", "https://acme.example:8443/?a=b"),
    "a name of 1,000 characters": provider("name", "A" * 1_000),
    "a note of 20,000 characters": provider("notes", "n" * 20_000),
    "a slug with digits and hyphens": provider("id", "acme-2-cloud"),
    "SEAL 4": offer(
        "csf_assessments",
        [
            {
                "objective": "SOV-1",
                "seal": 4,
                "assessed_by": "An assessor",
                "date": "2025-06",
                "rationale": "Because.",
                "sources": ["src-a"],
            }
        ],
    ),
    "founded in 1800": provider("founded", 1800),
    "an offer it runs on, as provider/offer": offer("runs_on", "acme/iaas-base"),
}

# Both refuse: each rule the schema states, broken once.
REFUSED: dict[str, Change] = {
    # the four
    "an id with a capital and a space": provider("id", "Acme Cloud"),
    "the country 'France'": provider("headquarters", "France"),
    "a capital of 180 %": holder("capital", 180),
    "an ftp:// URL": provider("website", "ftp://acme.example"),
    # slugs
    "an id with an underscore": provider("id", "acme_cloud"),
    # validate reads whole strings of ASCII digits, as JSON Schema does (not Python's `\\d`).
    "a date with spaces around it": provider("reviewed", " 2025-12 "),
    "a year in Arabic-Indic digits": provider("reviewed", "\u0662\u0660\u0662\u0665"),
    "an id ending with a hyphen": provider("id", "acme-"),
    "an empty id": provider("id", ""),
    "a source id in capitals": source("id", "SRC-A"),
    "an offer id with a dot": offer("id", "iaas.v2"),
    # dates
    "month 13": provider("reviewed", "2026-13-01"),
    "month 00": provider("reviewed", "2026-00"),
    "31 April": event("date", "2024-04-31"),
    "29 February of a common year": event("date", "2023-02-29"),
    "29 February 1900 (not a leap year)": source("date", "1900-02-29"),
    "29 February 2100 (not a leap year)": source("date", "2100-02-29"),
    "day 32": source("date", "2024-01-32"),
    "day 00": source("date", "2024-01-00"),
    "the year 1899": source("date", "1899-12-31"),
    "the year 2200, as a number": provider("reviewed", 2200),
    "a two-digit year": provider("reviewed", "26-01-01"),
    "a day without a zero": provider("reviewed", "2026-1-5"),
    "a date with a time": provider("reviewed", "2026-01-01T10:00"),
    "a date in French order": provider("reviewed", "01/01/2026"),
    # countries
    "a country in lower case": provider("headquarters", "fr"),
    "a three-letter country": holder("country", "FRA"),
    "a code that is no country": holder("country", "XX"),
    "EU is not a country": _setter(lambda d: _offer(d)["location"], "storage", ["EU"]),
    # percentages and numbers
    "a negative share": holder("capital", -1),
    "a share of 100.5": holder("voting", 100.5),
    "a lower bound of 101": holder("capital_min", 101),
    "a share as text": holder("capital", "60"),
    "SEAL 5": offer(
        "csf_assessments",
        [
            {
                "objective": "SOV-1",
                "seal": 5,
                "assessed_by": "An assessor",
                "date": "2025-06",
                "rationale": "Because.",
                "sources": ["src-a"],
            }
        ],
    ),
    "founded in 1700": provider("founded", 1700),
    "founded as text": provider("founded", "2010"),
    # URLs
    "a URL without a scheme": source("url", "example.org/a"),
    "a URL without a dot in the host": source("url", "https://localhost/a"),
    "a URL with a space": source("url", "https://example.org/a b"),
    "a javascript: URL": provider("website", "javascript:alert(1)"),
    # lengths and required text
    "an empty name": provider("name", ""),
    "a name of 1,001 characters": provider("name", "A" * 1_001),
    "a note of 20,001 characters": provider("notes", "n" * 20_001),
    "an empty alias": provider("aliases", [""]),
    "an empty source title": source("title", ""),
    # fields and enumerations
    "an unknown field": provider("headquaters", "FR"),
    "an unknown field at the top": top("provider", []),
    "a missing required field": drop("reviewed"),
    "a missing null-able field (null is not absent)": drop("ownership"),
    "'IaaS' in the wrong case": offer("service_models", ["IaaS"]),
    "no service model": offer("service_models", []),
    "a source kind in the wrong case": source("kind", "Press"),
    "an event status in the wrong case": event("status", "Qualified"),
    "a scheme in the wrong case": _setter(
        lambda d: _offer(d)["qualifications"][0], "scheme", "SecNumCloud"
    ),
    "schema_version 1": top("schema_version", 1),
    "schema_version as text": top("schema_version", "2"),
    "an offer reference without the provider": offer("runs_on", "iaas-base"),
    "no offer": provider("offers", []),
    "a yes/no field as text": _setter(lambda d: _provider(d)["ownership"], "complete", "yes"),
}

# The schema accepts, validate refuses: checks that need more than one value, or the YAML text
# itself, which a JSON Schema cannot state. Each is listed here so the split is deliberate.
ONLY_VALIDATE: dict[str, Change] = {
    # Editors (ECMA-262 regexes) refuse these, and validate (whole-string matches) does; the
    # Python jsonschema library reads the schema's `$` as Python does, before a final newline.
    "an id with a trailing newline": provider("id", "acme\n"),
    "a URL with a trailing newline": provider("website", "https://acme.example\n"),
    # Cross-references: a schema sees one value at a time; `sources` ids are checked against
    # the file's (or the catalogue's) `sources` list.
    "a source cited but not defined": provider("identity_sources", ["src-nowhere"]),
    # Uniqueness across items (JSON Schema's uniqueItems compares whole items, not one key).
    "two sources with one id": lambda data: data["sources"].append(
        {**data["sources"][0], "title": "Another page"}
    ),
    "two offers with one id": lambda data: _provider(data)["offers"].append(
        copy.deepcopy(_offer(data))
    ),
    "a provider's name used as an alias by another": lambda data: data["providers"].append(
        {
            **copy.deepcopy(_provider(data)),
            "id": "other",
            "name": "Other",
            "aliases": ["Acme Cloud"],
        }
    ),
    # Sums: shares of capital that add up to more than 100.
    "shares that add up to 130 %": holder("capital", 90),
    # Order of dates: an event after the profile's `reviewed` day.
    "an event dated after `reviewed`": event("date", "2026-06"),
    # JSON Schema's "integer" is any number with no fractional part, 2025.0 included; validate
    # reads numbers strictly, as YAML wrote them.
    "a year written 2025.0": provider("reviewed", 2025.0),
    "founded written 2010.0": provider("founded", 2010.0),
}


@pytest.mark.parametrize("name", list(ACCEPTED))
def test_both_accept(run: Any, tmp_path: Path, name: str) -> None:
    data = good_file()
    ACCEPTED[name](data)
    assert _validate_accepts(run, _write(tmp_path, data)), f"validate refuses {name}"
    assert _schema_accepts("providers", _as_editors_see_it(data)), f"schema refuses {name}"


@pytest.mark.parametrize("name", list(REFUSED))
def test_both_refuse(run: Any, tmp_path: Path, name: str) -> None:
    data = good_file()
    REFUSED[name](data)
    assert not _validate_accepts(run, _write(tmp_path, data)), f"validate accepts {name}"
    assert not _schema_accepts("providers", _as_editors_see_it(data)), f"schema accepts {name}"


@pytest.mark.parametrize("name", list(ONLY_VALIDATE))
def test_only_validate_sees(run: Any, tmp_path: Path, name: str) -> None:
    data = good_file()
    ONLY_VALIDATE[name](data)
    assert _schema_accepts("providers", _as_editors_see_it(data)), (
        f"the schema now refuses {name}: move it to REFUSED"
    )
    assert not _validate_accepts(run, _write(tmp_path, data)), f"validate accepts {name}"


def test_yaml_1_1_booleans_are_only_validate(run: Any, tmp_path: Path) -> None:
    """`headquarters: NO` unquoted: PyYAML (YAML 1.1) reads false, and validate says so; an
    editor reading YAML 1.2 sees the text 'NO', Norway. No schema can see how a value was
    written, so this one is validate's alone."""
    path = tmp_path / "providers.yaml"
    text = yaml.safe_dump(good_file(), sort_keys=False).replace(
        "headquarters: FR", "headquarters: NO"
    )
    path.write_text(text, encoding="utf-8")
    assert not _validate_accepts(run, path)
    data = good_file()
    _provider(data)["headquarters"] = "NO"
    assert _schema_accepts("providers", data)


def test_the_date_pattern_is_the_calendar() -> None:
    """The schema's date pattern accepts exactly the text dates validate reads, over every
    year, month and day a file may carry, and a margin either side."""
    pattern = re.compile(CALENDAR_PATTERN)
    disagree = []
    for year in range(1890, 2210):
        texts = [f"{year:04d}"]
        for month in range(14):
            texts.append(f"{year:04d}-{month:02d}")
            texts += [f"{year:04d}-{month:02d}-{day:02d}" for day in range(33)]
        for text in texts:
            try:
                PartialDate.parse(text)
                parsed = True
            except ValueError:
                parsed = False
            if parsed != bool(pattern.fullmatch(text)):
                disagree.append(text)
    assert disagree == []


def _rubric() -> Data:
    data: Data = yaml.safe_load(Path(bundled_rubric("default")).read_text(encoding="utf-8"))
    return data


def _criterion(data: Data) -> Data:
    criterion: Data = data["criteria"][0]
    return criterion


def _table_criterion(data: Data) -> Data:
    return next(c for c in data["criteria"] if c.get("table"))


RUBRIC_REFUSED: dict[str, Change] = {
    "points over 100": lambda data: _table_criterion(data)["table"].update(
        {next(iter(_table_criterion(data)["table"])): 120}
    ),
    "negative points": lambda data: _table_criterion(data)["table"].update(
        {next(iter(_table_criterion(data)["table"])): -5}
    ),
    "a negative weight": _setter(_criterion, "weight", -1),
    "a criterion id in capitals": _setter(_criterion, "id", "Bad-Id"),
    "a short label of 9 characters": _setter(_criterion, "short", "ABCDEFGHI"),
    "an unknown field": _setter(_criterion, "wieght", 1),
    "an unknown rule for unknowns": top("unknown", "ignore"),
    "a rubric id with a space": top("id", "my rubric"),
}


@pytest.mark.parametrize("name", list(RUBRIC_REFUSED))
def test_both_refuse_rubrics(run: Any, tmp_path: Path, name: str) -> None:
    data = _rubric()
    RUBRIC_REFUSED[name](data)
    path = _write(tmp_path, data, "my-rubric.yaml")
    assert not _validate_accepts(run, path), f"validate accepts {name}"
    assert not _schema_accepts("rubric", _as_editors_see_it(data)), f"schema accepts {name}"


def test_the_bundled_data_is_valid_for_both(run: Any) -> None:
    data = yaml.safe_load(Path(bundled_providers()).read_text(encoding="utf-8"))
    assert _schema_accepts("providers", _as_editors_see_it(data))
    assert _validate_accepts(run, Path(bundled_providers()))


@pytest.mark.parametrize("name", preset_names())
def test_every_preset_is_valid_for_both(run: Any, name: str) -> None:
    data = yaml.safe_load(Path(bundled_rubric(name)).read_text(encoding="utf-8"))
    assert _schema_accepts("rubric", _as_editors_see_it(data))
    assert _validate_accepts(run, Path(bundled_rubric(name)))

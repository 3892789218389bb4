"""`validate` and `validate --strict`: sourcing, dating and freshness of the data, and `sources`."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
import yaml

from .conftest import SOURCE, provider, providers_document

TODAY = "2026-06-01"


def _unsourced_holder() -> dict[str, Any]:
    p = provider()
    p["ownership"]["holders"][1]["sources"] = []
    return p


def _unsourced_event() -> dict[str, Any]:
    p = provider()
    p["offers"][0]["qualifications"][0]["history"][1]["sources"] = []
    return p


def _unsourced_none() -> dict[str, Any]:
    return provider(partnerships={"items": [], "sources": []})


@pytest.mark.parametrize(
    ("document", "field", "message"),
    [
        (
            providers_document(_unsourced_holder()),
            "providers[0].ownership.holders[1].sources",
            "holder 'Fund' is scored but cites no source",
        ),
        (
            providers_document(_unsourced_event()),
            "providers[0].offers[0].qualifications[0].history[1].sources",
            "'IaaS': secnumcloud qualified 2023-06-01 is scored but cites no source",
        ),
        (
            providers_document(_unsourced_none()),
            "providers[0].partnerships.sources",
            "'no partnership' is scored but cites no source",
        ),
        (
            providers_document(provider(reviewed="2025-05")),
            "providers[0].reviewed",
            "2025-05 is more than 12 months ago",
        ),
        (
            {**providers_document(), "sources": [{**SOURCE, "date": None}]},
            "sources[0].date",
            "has no date (expected the publication date, or `accessed:`",
        ),
    ],
)
def test_strict_fails_where_plain_validate_warns(
    run: Any, write_yaml: Any, document: dict[str, Any], field: str, message: str
) -> None:
    path = write_yaml(document)
    plain = run("validate", path, "--as-of", TODAY)
    assert plain.exit_code == 0, plain.stderr
    warning = plain.stderr.splitlines()[0]
    assert warning.startswith(f"{path}:") and f": warning: {field}: {message}" in warning
    assert "1 warnings (--strict and --strict-sources fail on them)" in plain.stderr

    strict = run("validate", "--strict", path, "--as-of", TODAY)
    assert strict.exit_code == 2
    assert strict.stdout == ""
    line = strict.stderr.splitlines()[0]
    assert line.startswith(f"{path}:") and f": {field}: {message}" in line
    assert "warning" not in line


def test_a_fact_resting_only_on_compilations_is_a_warning_or_fails_strict_sources(
    run: Any, write_yaml: Any
) -> None:
    """A copy of an official list is not the list: the fact is flagged, --strict still
    passes, --strict-sources fails; one primary or press source among them clears it."""
    compiled = {**SOURCE, "id": "copy", "kind": "compilation", "date": "2024-02"}
    assessed = {**SOURCE, "id": "card", "kind": "analysis", "date": "2024-03"}
    holders = provider()["ownership"]
    holders["holders"][0]["sources"] = ["copy", "card"]
    document = {
        **providers_document(provider(ownership=holders)),
        "sources": [SOURCE, compiled, assessed],
    }
    path = write_yaml(copy.deepcopy(document))
    field = "providers[0].ownership.holders[0].sources"
    message = "holder 'Founder' rests only on analysis and compilation sources"
    plain = run("validate", path, "--as-of", TODAY)
    assert plain.exit_code == 0, plain.stderr
    assert f": warning: {field}: {message}" in plain.stderr
    strict = run("validate", "--strict", path, "--as-of", TODAY)
    assert strict.exit_code == 0 and "(--strict-sources fails on them)" in strict.stderr
    failing = run("validate", "--strict-sources", path, "--as-of", TODAY)
    assert failing.exit_code == 2 and failing.stdout == ""
    assert failing.stderr.splitlines()[0].endswith(
        f"{field}: {message} (expected the document itself, the provider's own word, or press)"
    )
    holders["holders"][0]["sources"] = ["copy", "src-a"]
    document["providers"] = [provider(ownership=holders)]
    cleared = write_yaml(copy.deepcopy(document))
    assert run("validate", "--strict-sources", cleared, "--as-of", TODAY).exit_code == 0


def test_an_undated_page_is_cited_with_the_day_it_was_read(run: Any, write_yaml: Any) -> None:
    source = {**SOURCE, "date": None, "accessed": "2026-05-02"}
    path = write_yaml({**providers_document(), "sources": [source]})
    assert run("validate", "--strict", path, "--as-of", TODAY).exit_code == 0
    shown = run("sources", "acme", "--providers", path, "--format", "markdown").stdout
    assert "undated, read 2026-05-02" in shown


def test_an_unknown_fact_needs_no_source(run: Any, write_yaml: Any) -> None:
    p = provider(extraterritorial_exposure={"exposed": None, "sources": []})
    assert (
        run("validate", "--strict", write_yaml(providers_document(p)), "--as-of", TODAY).exit_code
        == 0
    )


def test_facts_no_criterion_scores_are_not_required_to_cite(run: Any, write_yaml: Any) -> None:
    """Only the rubric's measures decide what is scored: keep one that does not read partnerships."""
    from sovscore.load.presets import bundled_rubric

    with open(bundled_rubric(), encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    document["criteria"] = [c for c in document["criteria"] if c["id"] == "french_ownership"]
    rubric = write_yaml(document, "rubric.yaml")
    path = write_yaml(providers_document(_unsourced_none()))
    assert run("validate", "--strict", path, rubric, "--as-of", TODAY).exit_code == 0


def test_bundled_data_passes_strict(run: Any) -> None:
    result = run("validate", "--strict")
    assert result.exit_code == 0, result.stderr


def test_sources_lists_what_each_source_supports(run: Any) -> None:
    result = run("sources", "outscale", "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["id"] == "outscale"
    by_id = {s["id"]: s for s in document["sources"]}
    catalogue = by_id["anssi-catalogue-2026-09-15"]
    assert catalogue["publisher"] == "ANSSI" and catalogue["url"].startswith("https://")
    assert "secnumcloud IaaS Cloud on Demand: expires 2026-11-30" in catalogue["supports"]
    for source in document["sources"]:
        assert source["supports"], source["id"]


def test_sources_of_an_unknown_provider_is_exit_2(run: Any) -> None:
    result = run("sources", "outscal")
    assert result.exit_code == 2
    assert "did you mean outscale?" in result.stderr

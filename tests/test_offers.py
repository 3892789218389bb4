"""Offers are the unit of scoring: per-offer facts, scope, chains, the register view of offers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import jsonschema
import pytest

from sovscore.load.catalogue import load_catalogue, load_rubric
from sovscore.model.profile import Provider
from sovscore.render.schemas import json_schema
from sovscore.score.scoring import rank

from .conftest import offer, provider, providers_document

DAY = "2026-12-01"


def _offers(run: Any, *args: str) -> list[dict[str, Any]]:
    result = run("offers", "--as-of", DAY, "--json", *args)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.Draft7Validator(json_schema("offers")).validate(document)
    return list(document["offers"])


def test_the_cisos_question_in_one_command(run: Any) -> None:
    """Which qualified IaaS can I buy today, and until when?"""
    rows = _offers(run, "--scheme", "secnumcloud", "--service", "iaas", "--status", "qualified")
    assert rows
    for row in rows:
        assert "iaas" in row["service_models"]
        (status,) = row["qualifications"]
        assert status["scheme"] == "secnumcloud" and status["status"] == "qualified"
        assert status["valid_until"] is not None and status["days_left"] >= 0
        until = dt.date.fromisoformat(status["valid_until"])
        assert (until - dt.date.fromisoformat(DAY)).days == status["days_left"]
    ids = {row["id"] for row in rows}
    assert {"ovhcloud/hosted-private-cloud", "s3ns/premi3ns", "numspot/cloud-platform"} <= ids
    assert not {r for r in ids if r.startswith(("whaller/", "oodrive/", "docaposte/"))}
    hpc = next(r for r in rows if r["id"] == "ovhcloud/hosted-private-cloud")
    assert hpc["qualifications"][0]["valid_until"] == "2026-12-29"
    assert hpc["qualifications"][0]["days_left"] == 28
    assert hpc["qualifications"][0]["decision"] == "2279"


@pytest.mark.parametrize("fmt", ["table", "json", "ndjson", "csv", "markdown"])
def test_the_offers_command_in_every_format(run: Any, fmt: str) -> None:
    args = ["offers", "--scheme", "secnumcloud", "--service", "iaas", "--status", "qualified"]
    result = run(*args, "--as-of", DAY, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert "S3NS" in result.stdout
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert {"id", "status", "valid_until", "days_left"} <= set(rows[0])


def test_expiring_within_and_provider_filters(run: Any) -> None:
    soon = _offers(run, "--expiring-within", "30")
    assert [r["id"] for r in soon] == ["ovhcloud/hosted-private-cloud"]
    ovh = _offers(run, "--provider", "OVH")
    assert {r["provider"] for r in ovh} == {"ovhcloud"}
    assert len(ovh) == len(load_catalogue().providers["ovhcloud"].offers)


def test_offers_filters_refuse_unknown_choices(run: Any) -> None:
    for option, value in (("--scheme", "secnumclod"), ("--status", "valid"), ("--service", "xaas")):
        result = run("offers", option, value)
        assert (
            result.exit_code == 2 and option in result.stderr and "is not one of" in result.stderr
        )


def test_offers_fields_pick_and_refuse(run: Any) -> None:
    out = run("offers", "--json", "--fields", "id,score", "--as-of", DAY).stdout
    assert list(json.loads(out)["offers"][0]) == ["id", "score"]
    assert run("offers", "--json", "--fields", "id,bogus").exit_code == 2


def test_rank_by_service_never_counts_a_saas_qualification(run: Any) -> None:
    document = json.loads(run("rank", "--service", "iaas", "--json", "--as-of", DAY).stdout)
    ids = [p["id"] for p in document["providers"]]
    assert "whaller" not in ids and "oodrive" not in ids
    assert {"whaller", "oodrive"} <= set(document["out_of_scope"])
    # Docaposte stands for its own private cloud, not for its subsidiary's qualified school SaaS.
    in_iaas = next(p for p in document["providers"] if p["id"] == "docaposte")
    assert in_iaas["offer"] != "index-education-hosting"
    assert in_iaas["criteria"][2]["value"] != "qualified"
    for entry in document["providers"]:
        assert "iaas" in entry["service_models"]
        for summary in entry["offers"]:
            assert "iaas" in summary["service_models"]
    every = json.loads(run("rank", "--json", "--as-of", DAY).stdout)
    docaposte = next(p for p in every["providers"] if p["id"] == "docaposte")
    assert docaposte["offer"] == "index-education-hosting"


def test_a_providers_score_is_its_best_offers(run: Any) -> None:
    document = json.loads(run("rank", "--json", "--as-of", DAY).stdout)
    ovh = next(p for p in document["providers"] if p["id"] == "ovhcloud")
    assert ovh["score"] == max(o["score"] for o in ovh["offers"])
    assert ovh["offers"][0]["id"] == f"ovhcloud/{ovh['offer']}"
    offers = json.loads(run("rank", "--offers", "--json", "--as-of", DAY).stdout)
    assert offers["unit"] == "offer" and "providers" not in offers
    by_id = {o["id"]: o for o in offers["offers"]}
    assert by_id[f"ovhcloud/{ovh['offer']}"]["score"] == ovh["score"]
    assert len(by_id) == sum(len(p.offers) for p in load_catalogue().providers.values())


def test_show_draws_numspots_platform_on_outscales_infrastructure(run: Any) -> None:
    table = run("show", "numspot", "--no-color", "--as-of", DAY).stdout
    flat = " ".join(table.split())
    assert "Runs on: NumSpot, Plateforme des services cloud -> 3DS Outscale, IaaS Cloud on" in flat
    document = json.loads(run("show", "numspot", "--json", "--as-of", DAY).stdout)
    assert document["runs_on"] == ["outscale/iaas-cloudgouv"]
    # The chain's facts count (US ties: the weakest link) and their sources are cited.
    cited = {s["id"] for s in document["sources"]}
    for criterion in document["criteria"]:
        assert set(criterion["sources"]) <= cited, criterion["id"]


def test_a_hyperscaler_region_is_not_a_france_only_contract() -> None:
    ranking = rank(load_catalogue().providers.values(), load_rubric(), dt.date(2026, 12, 1))
    by_ref = {
        r.ref: r
        for r in rank(
            load_catalogue().providers.values(), load_rubric(), dt.date(2026, 12, 1), unit="offer"
        ).results
    }
    aws = next(c for c in by_ref["aws/commercial-regions"].criteria if c.id == "data_residency")
    assert aws.value == "eu_region_choice" and "US" in aws.reason
    france = [
        r
        for r in by_ref.values()
        if next(c for c in r.criteria if c.id == "data_residency").value == "france_only"
    ]
    for r in france:
        assert next(c for c in r.criteria if c.id == "data_residency").points == 100.0
    assert aws.points is not None and aws.points < 50
    assert ranking.results  # and the provider ranking stands


def test_show_accepts_an_offer_by_ref_name_or_alias(run: Any) -> None:
    for query in ("s3ns/premi3ns", "S3NS/PREMI3NS", "s3ns/PREMI3NS (Cloud de Confiance by S3NS)"):
        result = run("show", query, "--json", "--as-of", DAY)
        assert result.exit_code == 0, (query, result.stderr)
        document = json.loads(result.stdout)
        assert document["id"] == "s3ns/premi3ns" and document["unit"] == "offer"
    missing = run("show", "s3ns/premiens")
    assert missing.exit_code == 2 and "its offers: s3ns/premi3ns" in missing.stderr
    unknown = run("show", "s3nz")
    assert unknown.exit_code == 2 and "did you mean s3ns" in unknown.stderr


def test_compare_takes_offers_and_providers(run: Any) -> None:
    result = run("compare", "ovhcloud/hosted-private-cloud", "s3ns", "--json", "--as-of", DAY)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [p["id"] for p in document["providers"]] == [
        "ovhcloud/hosted-private-cloud",
        "s3ns/premi3ns",
    ]


def _two(**facts: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    french = {
        "holders": [{"name": "Founder", "country": "FR", "capital": 100, "sources": ["src-a"]}],
        "complete": True,
        "controlled_by": "FR",
        "sources": ["src-a"],
    }
    platform = provider(id="platform", name="Platform", aliases=[], ownership=french, **facts)
    host = provider(
        id="host",
        name="Host",
        aliases=[],
        ownership={
            "holders": [{"name": "US Co", "country": "US", "capital": 100, "sources": ["src-a"]}],
            "complete": True,
            "controlled_by": "US",
            "sources": ["src-a"],
        },
    )
    return platform, host


def test_the_weakest_link_of_a_chain_decides_us_ties(run: Any, write_yaml: Any) -> None:
    platform, host = _two(runs_on="host/iaas")
    path = write_yaml(providers_document(platform, host))
    document = json.loads(run("show", "platform", "--providers", path, "--json").stdout)
    ties = next(c for c in document["criteria"] if c["id"] == "us_partnerships")
    assert ties["value"] == "us_controlled" and ties["points"] == 0.0
    assert "weakest link Host" in ties["reason"]
    alone = json.loads(
        run(
            "show", "platform", "--providers", write_yaml(providers_document(platform)), "--json"
        ).stdout
    )
    assert next(c for c in alone["criteria"] if c["id"] == "us_partnerships")["value"] == "none"
    assert any(w["code"] == "runs_on_missing" for w in alone["warnings"])


def test_a_version_1_file_gets_one_clear_message(run: Any, write_yaml: Any) -> None:
    path = write_yaml({**providers_document(), "schema_version": 1})
    result = run("validate", path)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "schema_version: 1 is the format before offers" in line and "offers" in line


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"offers": [offer(), offer()]}, "duplicate offer id 'iaas'"),
        ({"runs_on": "acme/iaas"}, "cannot run on itself"),
        (
            {"offers": [{**offer(), "location": {"storage": ["FR"], "regions": ["FR"]}}]},
            "either `storage`",
        ),
        (
            {"offers": [{**offer(), "administration": {"countries": ["US"], "non_eu": False}}]},
            "outside the EU",
        ),
        ({"offers": []}, "at least 1 item"),
    ],
)
def test_offer_facts_that_contradict_themselves(
    run: Any, write_yaml: Any, change: dict[str, Any], words: str
) -> None:
    path = write_yaml(providers_document(provider(**change)))
    result = run("validate", path)
    assert result.exit_code == 2, result.stderr
    assert words in result.stderr


def test_an_offer_alias_is_unique_across_providers(run: Any, write_yaml: Any) -> None:
    first = provider(offers=[{**offer(), "aliases": ["Shared"]}])
    second = provider(id="other", name="Other", aliases=["Shared"])
    result = run("validate", write_yaml(providers_document(first, second)))
    assert result.exit_code == 2 and "'Shared' already names offer 'acme/iaas'" in result.stderr


def test_article_of_october_2022_still_holds() -> None:
    """Exactly OVHcloud, Cloud Temple, 3DS Outscale and Worldline qualified among its providers."""
    article = {
        "aws",
        "azure",
        "google-cloud",
        "ovhcloud",
        "numspot",
        "bleu",
        "s3ns",
        "cloud-temple",
        "outscale",
        "worldline",
        "leviia",
    }
    ranking = rank(load_catalogue().providers.values(), load_rubric(), dt.date(2022, 11, 1))
    qualified = {
        r.provider.id
        for r in ranking.results
        if r.provider.id in article
        and next(c for c in r.criteria if c.id == "secnumcloud").value == "qualified"
    }
    assert qualified == {"ovhcloud", "cloud-temple", "outscale", "worldline"}


def test_every_provider_has_an_offer_and_every_offer_a_service() -> None:
    for profile in load_catalogue().providers.values():
        assert isinstance(profile, Provider) and profile.offers
        for each in profile.offers:
            assert each.service_models

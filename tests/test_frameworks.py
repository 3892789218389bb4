"""The official frameworks as presets: SecNumCloud 19.6 gates, EU CSF scores and SEAL, Gaia-X."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from sovscore.load.catalogue import load_rubric
from sovscore.model.profile import Provider
from sovscore.score.scoring import ProviderResult, score_provider

from .conftest import provider

DAY = dt.date(2026, 6, 1)
SNC = load_rubric("secnumcloud-19.6")


def _holders(*holders: tuple[str, float | None, float | None]) -> dict[str, Any]:
    return {
        "holders": [
            {
                "name": f"h{i}",
                "country": country,
                "capital": capital,
                "voting": voting,
                "sources": ["src-a"],
            }
            for i, (country, capital, voting) in enumerate(holders)
        ],
        "complete": True,
        "controlled_by": "FR",
        "sources": ["src-a"],
    }


def _unqualified(**overrides: Any) -> Provider:
    """No SecNumCloud offer, so only the profile's own facts can show the requirements."""
    return Provider.model_validate(provider(qualifications=[], **overrides))


def _gate(result: ProviderResult, gate_id: str) -> str:
    return next(g.status for g in result.gates if g.id == gate_id)


@pytest.mark.parametrize(
    ("holders", "single", "together"),
    [
        ((("FR", 76, None), ("US", 24, None)), "pass", "pass"),
        ((("FR", 75.99, None), ("US", 24.01, None)), "fail", "pass"),
        ((("FR", 58, None), ("US", 14, None), ("CN", 14, None), ("CH", 14, None)), "pass", "fail"),
        ((("FR", 61, None), ("US", 20, None), ("GB", 19, None)), "pass", "pass"),  # 39 % together
        (
            (("FR", 90, 70), ("US", 10, 30)),
            "fail",
            "pass",
        ),  # voting rights count as well as capital
        ((("FR", 60, None), ("NO", 40, None)), "fail", "fail"),  # EEA is not the EU for 19.6
    ],
)
def test_secnumcloud_19_6_b_thresholds_at_their_edges(
    holders: tuple[tuple[str, float, float | None], ...], single: str, together: str
) -> None:
    result = score_provider(_unqualified(ownership=_holders(*holders)), SNC, DAY)
    assert _gate(result, "single_non_eu_holder") == single
    assert _gate(result, "non_eu_holders_together") == together


def test_an_unknown_shareholder_cannot_be_shown_eligible() -> None:
    result = score_provider(
        _unqualified(ownership=_holders(("FR", 70, None), (None, 30, None))), SNC, DAY
    )
    assert _gate(result, "single_non_eu_holder") == "unknown"
    assert result.eligibility == "cannot_be_shown"


def test_a_lower_bound_above_the_limit_fails_even_when_the_list_is_incomplete() -> None:
    ownership = {
        "holders": [
            {
                "name": "Big US",
                "country": "US",
                "capital": None,
                "capital_min": 50,
                "sources": ["src-a"],
            }
        ],
        "complete": False,
        "controlled_by": None,
        "sources": ["src-a"],
    }
    result = score_provider(_unqualified(ownership=ownership), SNC, DAY)
    assert _gate(result, "single_non_eu_holder") == "fail"
    assert result.eligibility == "ineligible"


def test_a_secnumcloud_3_2_qualification_shows_what_the_facts_do_not() -> None:
    base = provider(ownership=_holders(("FR", 70, None), (None, 30, None)))
    shown = score_provider(Provider.model_validate(base), SNC, DAY)  # its offer is qualified v3.2
    assert _gate(shown, "single_non_eu_holder") == "pass"
    assert "shown by the SecNumCloud 3.2 qualification of 'IaaS'" in next(
        g.reason for g in shown.gates if g.id == "single_non_eu_holder"
    )
    lapsed = score_provider(Provider.model_validate(base), SNC, dt.date(2026, 6, 2))  # expired
    assert _gate(lapsed, "single_non_eu_holder") == "unknown"


def test_a_fact_that_fails_is_not_rescued_by_a_qualification() -> None:
    p = Provider.model_validate(provider(headquarters="US"))
    assert _gate(score_provider(p, SNC, DAY), "registered_office") == "fail"


CSF_SCORES = {
    "SOV-1": 80,
    "SOV-2": 60,
    "SOV-3": 100,
    "SOV-4": 40,
    "SOV-5": 50,
    "SOV-6": 70,
    "SOV-7": 90,
    "SOV-8": 20,
}
CSF_SEALS = {
    "SOV-1": 3,
    "SOV-2": 2,
    "SOV-3": 4,
    "SOV-4": 2,
    "SOV-5": 1,
    "SOV-6": 3,
    "SOV-7": 3,
    "SOV-8": 2,
}


def _assessed() -> Provider:
    assessments = [
        {
            "objective": objective,
            "seal": CSF_SEALS[objective],
            "score": score,
            "assessed_by": "A test assessor",
            "date": dt.date(2026, 1, 1),
            "rationale": "Hand-made for the test.",
            "sources": ["src-a"],
        }
        for objective, score in CSF_SCORES.items()
    ]
    return Provider.model_validate(provider(csf_assessments=assessments))


@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        # 0.80*15 + 0.60*10 + 1.00*10 + 0.40*15 + 0.50*20 + 0.70*15 + 0.90*10 + 0.20*5
        ("eu-csf-1.2.1", 12 + 6 + 10 + 6 + 10 + 10.5 + 9 + 1),  # 64.5
        # 0.80*20 + 0.60*10 + 1.00*10 + 0.40*15 + 0.50*10 + 0.70*15 + 0.90*15 + 0.20*5
        ("eu-csf-2026", 16 + 6 + 10 + 6 + 5 + 10.5 + 13.5 + 1),  # 68.0
    ],
)
def test_csf_sovereignty_score_is_the_weighted_sum(preset: str, expected: float) -> None:
    result = score_provider(_assessed(), load_rubric(preset), DAY)
    assert result.score == pytest.approx(expected)


def test_csf_overall_seal_is_the_lowest_never_the_score() -> None:
    rubric = load_rubric("eu-csf-1.2.1")
    result = score_provider(_assessed(), rubric, DAY, min_seal=2)
    assert result.seal == 1  # SOV-5, although the score is 64.5
    assert result.eligibility == "ineligible"
    assert "SOV-5 Supply Chain Sovereignty SEAL-1" in result.gates[-1].reason
    assert score_provider(_assessed(), rubric, DAY, min_seal=1).eligibility == "eligible"


def test_csf_assessments_count_from_their_date() -> None:
    before = score_provider(_assessed(), load_rubric("eu-csf-1.2.1"), dt.date(2025, 12, 31))
    assert (
        "(derived)" in before.criteria[0].reason or "cannot be shown" in before.criteria[0].reason
    )


def test_csf_derived_levels_stop_where_the_facts_stop() -> None:
    result = score_provider(Provider.model_validate(provider()), load_rubric("eu-csf-1.2.1"), DAY)
    assert result.seal is None  # SOV-8 has no fact behind it
    assert result.seal_at_most is not None
    unknown = [c.id for c in result.criteria if c.seal is None]
    assert "sov8" in unknown


def test_gaia_x_label_3_gates() -> None:
    rubric = load_rubric("gaia-x-label-3")
    us = Provider.model_validate(
        provider(
            headquarters="US", ownership={**_holders(("US", 100, None)), "controlled_by": "US"}
        )
    )
    result = score_provider(us, rubric, DAY)
    assert {g.id for g in result.gates if g.status == "fail"} == {
        "seat_in_eea",
        "no_non_eu_control",
    }
    norway = Provider.model_validate(provider(headquarters="NO"))
    assert _gate(score_provider(norway, rubric, DAY), "seat_in_eea") == "pass"  # EEA counts


def test_hyperscalers_fail_19_6_b_and_s3ns_is_shown_as_the_data_supports(run: Any) -> None:
    result = run("rank", "--rubric", "secnumcloud-19.6", "--json", "--as-of", "2026-11-28")
    assert result.exit_code == 0, result.stderr
    by_id = {p["id"]: p for p in json.loads(result.stdout)["providers"]}
    for hyperscaler in ("aws", "azure", "google-cloud"):
        entry = by_id[hyperscaler]
        assert entry["eligible"] is False and entry["eligibility"] == "ineligible"
        assert "single_non_eu_holder" in entry["failed_gates"]
        articles = {g["article"] for g in entry["gates"] if g["status"] == "fail"}
        assert {"19.6 a", "19.6 b"} <= articles
    assert by_id["s3ns"]["eligibility"] == "eligible"  # qualified 17/12/2025 under v3.2
    table = run(
        "rank",
        "--rubric",
        "secnumcloud-19.6",
        "--no-color",
        "--as-of",
        "2026-11-28",
        "--width",
        "120",
    ).stdout
    # The failed gates, by article, one a line.
    amazon = table[table.index("Amazon") :].splitlines()[:4]
    assert [line.split()[-1] for line in amazon[:2]] == ["a", "b"]
    assert "19.6 a" in amazon[0] and "19.6 b" in amazon[1]


def test_eligible_first_and_eligible_only(run: Any) -> None:
    listed = json.loads(run("rank", "--rubric", "secnumcloud-19.6", "--json").stdout)["providers"]
    order = {"eligible": 0, "cannot_be_shown": 1, "ineligible": 2}
    groups = [order[p["eligibility"]] for p in listed]
    assert groups == sorted(groups)
    only = json.loads(
        run("rank", "--rubric", "secnumcloud-19.6", "--eligible-only", "--json").stdout
    )
    assert only["providers"] and all(p["eligible"] for p in only["providers"])
    fails = run("rank", "--eligible-only")
    assert fails.exit_code == 2 and "has no gates" in fails.stderr


def test_min_seal_names_the_objectives_below(run: Any) -> None:
    result = run("rank", "--rubric", "eu-csf-1.2.1", "--min-seal", "2", "--json")
    document = json.loads(result.stdout)
    assert document["min_seal"] == 2
    aws = next(p for p in document["providers"] if p["id"] == "aws")
    assert aws["eligibility"] == "ineligible" and aws["failed_gates"] == ["min_seal"]
    assert aws["seal"] is None and aws["seal_at_most"] == 0
    assert run("rank", "--min-seal", "2").exit_code == 2  # the default rubric has no SEAL


def test_weight_overrides_show_the_effective_weights(run: Any) -> None:
    result = run("rank", "--weight", "secnumcloud=60", "--weight", "data_residency=0", "--json")
    weights = {c["id"]: c["weight"] for c in json.loads(result.stdout)["rubric"]["criteria"]}
    assert weights == pytest.approx(
        {
            "french_ownership": 0.227273,
            "us_partnerships": 0.227273,
            "secnumcloud": 0.545455,
            "data_residency": 0.0,
        },
        abs=1e-6,
    )
    caption = run("rank", "--weight", "secnumcloud=60", "--no-color").stdout
    assert "secnumcloud 46%" in caption  # 60 / (25 + 25 + 60 + 20)


@pytest.mark.parametrize(
    "bad",
    [
        "nope=3",
        "secnumcloud",
        "secnumcloud=-1",
        "secnumcloud=nan",
        "secnumcloud=inf",
        "secnumcloud=x",
    ],
)
def test_bad_weight_override_is_exit_2(run: Any, bad: str) -> None:
    result = run("rank", "--weight", bad)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("sovscore: --weight")


def test_all_weights_overridden_to_zero_is_exit_2(run: Any) -> None:
    args = [
        a
        for c in ("french_ownership", "us_partnerships", "secnumcloud", "data_residency")
        for a in ("--weight", f"{c}=0")
    ]
    assert run("rank", *args).exit_code == 2


def test_compare_explains_the_gaps(run: Any) -> None:
    result = run("compare", "numspot", "s3ns", "bleu", "--json", "--as-of", "2026-11-28")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [p["id"] for p in document["providers"]] == ["numspot", "s3ns", "bleu"]
    rows = {row["id"]: row for row in document["criteria"]}
    secnumcloud = rows["secnumcloud"]
    assert [c["value"] for c in secnumcloud["cells"]] == ["qualified", "qualified", "in_progress"]
    assert secnumcloud["spread"] == pytest.approx(19.5)
    assert document["decisive"][0] == "secnumcloud"
    for row in document["criteria"]:
        contributions = [c["contribution"] for c in row["cells"]]
        assert row["spread"] == pytest.approx(max(contributions) - min(contributions), abs=0.01)
    table = run("compare", "numspot", "s3ns", "bleu", "--no-color").stdout
    assert "What explains the gaps" in table


@pytest.mark.parametrize("args", [["numspot"], ["numspot", "NumSpot"], ["numspot", "nowhere"]])
def test_compare_needs_two_distinct_known_providers(run: Any, args: list[str]) -> None:
    result = run("compare", *args)
    assert result.exit_code == 2 and result.stdout == ""


def test_rubrics_lists_the_presets_and_each_loads(run: Any) -> None:
    document = json.loads(run("rubrics", "--json").stdout)
    names = {r["id"] for r in document["rubrics"]}
    assert names == {"default", "secnumcloud-19.6", "eu-csf-1.2.1", "eu-csf-2026", "gaia-x-label-3"}
    for name in names:
        assert run("rank", "--rubric", name, "--json").exit_code == 0, name
    assert run("rank", "--rubric", "nope").exit_code == 2


def test_sensitivity_is_reproducible_and_names_fragile_places(run: Any) -> None:
    args = ("sensitivity", "--samples", "300", "--seed", "7", "--json", "--as-of", "2026-11-28")
    first, again = run(*args), run(*args)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == again.stdout
    document = json.loads(first.stdout)
    assert document["samples"] == 300 and document["spread"] == 0.25 and document["seed"] == 7
    providers = document["providers"]
    assert [p["rank"] for p in providers] == sorted(p["rank"] for p in providers)
    for p in providers:
        low, high = p["rank_range"]
        assert (
            p["rank_min"] <= low <= p["rank"] <= high <= p["rank_max"] or low <= p["rank"] <= high
        )
        assert 0 <= p["p_keeps_rank"] <= 1 and 0 <= p["p_first"] <= 1
    assert len(document["pairs"]) == len(providers) - 1
    table = run("sensitivity", "--samples", "300", "--no-color", "--as-of", "2026-11-28").stdout
    assert "Fragile places" in table


@pytest.mark.parametrize("bad", [["--samples", "0"], ["--spread", "150"], ["--spread", "-1"]])
def test_sensitivity_refuses_bad_settings(run: Any, bad: list[str]) -> None:
    result = run("sensitivity", *bad)
    assert result.exit_code == 2 and result.stdout == ""

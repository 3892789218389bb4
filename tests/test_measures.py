import datetime as dt
from typing import Any

import pytest

from sovscore.measures import MEASURES
from sovscore.measures.base import Subject
from sovscore.model.profile import Provider

from .conftest import provider

DAY = dt.date(2025, 1, 1)


def subject(**overrides: Any) -> Subject:
    """The provider's one offer, as a measure reads it."""
    profile = Provider.model_validate(provider(**overrides))
    return Subject(profile, profile.offers[0])


def measure(name: str, **overrides: Any) -> Any:
    return MEASURES[name](subject(**overrides), DAY)


def holders(*rows: tuple[str | None, float | None], complete: bool = True) -> dict[str, Any]:
    return {
        "holders": [
            {"name": f"h{i}", "country": country, "capital": capital, "sources": ["src-a"]}
            for i, (country, capital) in enumerate(rows)
        ],
        "complete": complete,
        "controlled_by": "FR",
        "sources": ["src-a"],
    }


@pytest.mark.parametrize(
    ("rows", "complete", "expected", "words"),
    [
        ([("FR", 60), ("US", 40)], True, 60.0, "60 % held"),
        ([("FR", None), ("FR", None)], True, 100.0, "all holders are French"),
        ([("FR", None), ("US", None)], True, None, "not known"),
        ([("FR", 70), (None, 13)], True, 70.0, "at least 70 %"),
        ([("FR", 70), ("US", 8)], False, 70.0, "at least"),
        ([("US", 100)], True, 0.0, "0 % held"),
        ([("US", None)], False, None, "not complete"),
    ],
)
def test_french_ownership_share(
    rows: list[tuple[str | None, float | None]], complete: bool, expected: float | None, words: str
) -> None:
    finding = measure("french_ownership_share", ownership=holders(*rows, complete=complete))
    assert finding.value == expected
    assert words in finding.reason


def test_french_share_uses_a_lower_bound_when_only_that_is_known() -> None:
    ownership = holders(("US", None), complete=False)
    ownership["holders"].insert(
        0, {"name": "Thales", "country": "FR", "capital": None, "capital_min": 50}
    )
    finding = measure("french_ownership_share", ownership=ownership)
    assert finding.value == 50.0
    assert "at least 50 %" in finding.reason


def test_unknown_ownership_is_unknown() -> None:
    assert measure("french_ownership_share", ownership=None).value is None
    assert measure("non_eu_control", ownership=None).value is None


def test_us_partnership_takes_the_strongest_tie_in_force() -> None:
    partnerships = {
        "items": [
            {
                "partner": "VMware",
                "country": "US",
                "kind": "software_supplier",
                "sources": ["src-a"],
            },
            {
                "partner": "Microsoft",
                "country": "US",
                "kind": "technology_licence",
                "since": "2025-06",
            },
            {"partner": "Outscale", "country": "FR", "kind": "infrastructure"},
        ]
    }
    ownership = holders(("FR", 100))
    assert (
        measure("us_partnership", partnerships=partnerships, ownership=ownership).value
        == "software_supplier"
    )
    later = MEASURES["us_partnership"](
        subject(partnerships=partnerships, ownership=ownership), dt.date(2025, 6, 1)
    )
    assert later.value == "technology_licence"
    assert "also VMware" in later.reason


def test_us_shareholder_and_us_control() -> None:
    assert measure("us_partnership").value == "minority_shareholder"
    us = holders(("US", 100))
    us["controlled_by"] = "US"
    assert measure("us_partnership", ownership=us).value == "us_controlled"


def test_no_us_partner_needs_a_source_to_be_none() -> None:
    ownership = holders(("FR", 100))
    assert measure("us_partnership", ownership=ownership, partnerships={"items": []}).value is None
    sourced = {"items": [], "sources": ["src-a"]}
    assert measure("us_partnership", ownership=ownership, partnerships=sourced).value == "none"
    assert measure("us_partnership", ownership=ownership, partnerships=None).value is None


def test_secnumcloud_status_without_offers_needs_a_register_check() -> None:
    assert measure("secnumcloud_status", qualifications=[]).value is None
    checks = [{"scheme": "secnumcloud", "date": "2024-09", "sources": ["src-a"]}]
    finding = measure("secnumcloud_status", qualifications=[], register_checks=checks)
    assert finding.value == "none"
    assert finding.sources == ("src-a",)
    # Absence from the list of qualified offers says nothing of an application...
    assert "not on the qualified list read on 2024-09; application status unknown" in (
        finding.reason
    )
    # ... unless the list of applications was read too.
    both = [{**checks[0], "covers": "qualified_and_applicants"}]
    finding = measure("secnumcloud_status", qualifications=[], register_checks=both)
    assert finding.value == "none"
    assert "not on the lists of qualified offers and of applications read on 2024-09" in (
        finding.reason
    )


def test_a_register_check_after_the_day_does_not_count() -> None:
    checks = [{"scheme": "secnumcloud", "date": "2025-01-02", "sources": ["src-a"]}]
    finding = measure("secnumcloud_status", qualifications=[], register_checks=checks)
    assert finding.value is None


def test_secnumcloud_status_picks_the_best_offer() -> None:
    finding = measure("secnumcloud_status")
    assert finding.value == "qualified"
    assert "valid to 2026-06-01" in finding.reason


@pytest.mark.parametrize(
    ("residency", "expected"),
    [
        ({}, "eu_only"),
        ({"admin_countries": ["FR"]}, "france_only"),
        ({"admin_countries": ["FR", "DE"]}, "eu_only"),
        ({"storage": ["FR", "DE"], "processing": ["FR", "DE"]}, "eu_only"),
        ({"contractual": None}, "eu_unguaranteed"),
        ({"non_eu_admin": True}, "eu_unguaranteed"),
        ({"processing": None}, "eu_unguaranteed"),
        ({"storage": ["FR", "US"]}, "outside_eu"),
        ({"storage": None}, None),
        ({"storage": None, "processing": None, "regions": ["FR", "US"]}, "eu_region_choice"),
        ({"storage": None, "processing": None, "regions": ["FR", "DE"]}, "eu_only"),
    ],
)
def test_data_residency(residency: dict[str, Any], expected: str | None) -> None:
    base = {
        "storage": ["FR"],
        "processing": ["FR"],
        "exclusive": True,
        "contractual": True,
        "non_eu_admin": False,
        "sources": ["src-a"],
    }
    assert measure("data_residency", data_residency={**base, **residency}).value == expected


def test_every_category_measure_lists_its_values() -> None:
    for m in MEASURES.values():
        if m.kind == "category":
            assert len(set(m.values)) == len(m.values) > 1


def test_a_grant_past_the_three_year_limit_is_unknown_not_expired() -> None:
    history = [{"status": "qualified", "date": "2020-06", "bound": "by", "sources": ["src-a"]}]
    qualifications = [{"scheme": "secnumcloud", "offer": "IaaS", "history": history}]
    finding = measure("secnumcloud_status", qualifications=qualifications)
    assert finding.value is None
    assert "validity ended at most 2023-06-01 (three-year limit)" in finding.reason
    assert "as seen on 2020-06-30; renewal not checked since" in finding.reason
    assert finding.sources == ("src-a",)

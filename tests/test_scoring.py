"""Scores computed by hand from the default rubric and small profiles."""

import datetime as dt
from typing import Any

import pytest

from sovscore.load.catalogue import load_rubric
from sovscore.model.profile import Provider
from sovscore.model.rubric import Rubric
from sovscore.score.scoring import rank, score_provider

from .conftest import provider

DAY = dt.date(2025, 1, 1)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric()


def scored(rubric: Rubric, **overrides: Any):  # type: ignore[no-untyped-def]
    return score_provider(Provider.model_validate(provider(**overrides)), rubric, DAY)


def test_default_rubric_by_hand(rubric: Rubric) -> None:
    # 60 % French -> 75 points x 25 %; US minority shareholder -> 50 x 25 %;
    # qualified -> 100 x 30 %; France only by contract -> 100 x 20 %.
    result = scored(rubric)
    assert result.score == pytest.approx(0.25 * 75 + 0.25 * 50 + 0.30 * 100 + 0.20 * 100)
    assert result.grade == "A"
    assert result.coverage == pytest.approx(1.0)
    assert [c.points for c in result.criteria] == [75, 50, 100, 100]


def test_unknown_scores_zero_and_lowers_coverage(rubric: Rubric) -> None:
    result = scored(rubric, data_residency=None)
    residency = result.criteria[-1]
    assert residency.status == "unknown"
    assert residency.points is None
    assert residency.contribution == 0
    assert result.coverage == pytest.approx(0.8)
    assert result.score == pytest.approx(81.25 - 20)


def test_unknown_excluded_rescales_known_weights(rubric: Rubric) -> None:
    excluding = rubric.model_copy(update={"unknown": "exclude"})
    result = scored(excluding, data_residency=None)
    assert result.score == pytest.approx((0.25 * 75 + 0.25 * 50 + 0.30 * 100) / 0.8)
    assert sum(c.contribution for c in result.criteria) == pytest.approx(result.score)


def test_contributions_add_up_to_the_score(rubric: Rubric) -> None:
    result = scored(rubric)
    assert sum(c.contribution for c in result.criteria) == pytest.approx(result.score)


def test_ranking_orders_by_score_then_id_and_shares_ranks(rubric: Rubric) -> None:
    twin = provider(id="zed", name="Zed", aliases=[])
    other = provider(id="abc", name="Abc", aliases=[], data_residency=None)
    ranking = rank([Provider.model_validate(p) for p in (twin, provider(), other)], rubric, DAY)
    assert [(r.provider.id, r.rank) for r in ranking.results] == [
        ("acme", 1),
        ("zed", 1),
        ("abc", 3),
    ]


def test_expiry_within_ninety_days_warns(rubric: Rubric) -> None:
    result = score_provider(Provider.model_validate(provider()), rubric, dt.date(2026, 3, 10))
    codes = [w.code for w in result.warnings]
    assert "qualification_expiring" in codes
    assert "83 days" in result.warnings[0].message


def test_grant_past_the_limit_warns_unverified(rubric: Rubric) -> None:
    history = [{"status": "qualified", "date": "2020-06", "bound": "by", "sources": ["src-a"]}]
    profile = provider(
        qualifications=[{"scheme": "secnumcloud", "offer": "IaaS", "history": history}]
    )
    result = score_provider(Provider.model_validate(profile), rubric, DAY)
    assert [w.code for w in result.warnings] == ["qualification_unverified"]
    assert "validity ended at most 2023-06-01 (three-year limit)" in result.warnings[0].message
    assert result.criteria[2].status == "unknown"


def test_ended_and_stale_profiles_warn(rubric: Rubric) -> None:
    result = score_provider(Provider.model_validate(provider()), rubric, dt.date(2027, 2, 1))
    assert {w.code for w in result.warnings} == {"qualification_unverified", "profile_stale"}
    assert result.criteria[2].value is None
    checked = provider(
        register_checks=[{"scheme": "secnumcloud", "date": "2027-01-15", "sources": ["src-a"]}]
    )
    result = score_provider(Provider.model_validate(checked), rubric, dt.date(2027, 2, 1))
    assert {w.code for w in result.warnings} == {"qualification_expired", "profile_stale"}
    assert result.criteria[2].value == "expired"

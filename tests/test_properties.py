"""Invariants of scoring, over generated profiles and weights."""

import datetime as dt
import json
import math
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sovscore.loading import load_rubric
from sovscore.profile import Provider
from sovscore.render import Style, renderer_for
from sovscore.rubric import Rubric, check_rubric
from sovscore.scoring import rank, score_provider

from .conftest import provider

DAY = dt.date(2025, 6, 1)
RUBRIC = load_rubric()
COUNTRIES = st.sampled_from(["FR", "DE", "US", "CH", "NO", None])


@st.composite
def ownerships(draw: st.DrawFn) -> dict[str, Any] | None:
    if draw(st.booleans()) and draw(st.booleans()):
        return None
    count = draw(st.integers(0, 4))
    remaining = 100.0
    holders = []
    for i in range(count):
        share = draw(st.none() | st.floats(0, remaining))
        if share is not None:
            remaining -= share
        holders.append({"name": f"h{i}", "country": draw(COUNTRIES), "capital": share})
    return {
        "holders": holders if draw(st.booleans()) or holders else None,
        "complete": draw(st.none() | st.booleans()),
        "controlled_by": draw(COUNTRIES),
        "sources": ["src-a"],
    }


KINDS = st.sampled_from(
    [
        "joint_venture",
        "technology_licence",
        "infrastructure",
        "software_supplier",
        "reseller",
        "other",
    ]
)


@st.composite
def profiles(draw: st.DrawFn, ident: str = "p") -> Provider:
    partnerships = draw(
        st.none()
        | st.builds(
            lambda items, sourced: {"items": items, "sources": ["src-a"] if sourced else []},
            st.lists(
                st.fixed_dictionaries(
                    {"partner": st.just("x"), "country": COUNTRIES, "kind": KINDS}
                ),
                max_size=3,
            ),
            st.booleans(),
        )
    )
    events = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "status": st.sampled_from(
                        ["applied", "qualified", "renewed", "expires", "withdrawn"]
                    ),
                    "date": st.dates(dt.date(2015, 1, 1), dt.date(2025, 12, 31)),
                }
            ),
            min_size=1,
            max_size=4,
        )
    )
    qualifications = (
        [{"scheme": "secnumcloud", "offer": "o", "history": events}] if draw(st.booleans()) else []
    )
    residency = draw(
        st.none()
        | st.fixed_dictionaries(
            {
                "storage": st.none() | st.lists(COUNTRIES.filter(bool), min_size=1, max_size=2),
                "processing": st.none() | st.lists(COUNTRIES.filter(bool), min_size=1, max_size=2),
                "exclusive": st.none() | st.booleans(),
                "contractual": st.none() | st.booleans(),
                "non_eu_admin": st.none() | st.booleans(),
            }
        )
    )
    data = provider(
        id=ident,
        name=ident,
        aliases=[],
        ownership=draw(ownerships()),
        partnerships=partnerships,
        qualifications=qualifications,
        register_checks=[{"scheme": "secnumcloud", "date": 2025, "sources": ["src-a"]}]
        if draw(st.booleans())
        else [],
        data_residency=residency,
        reviewed=dt.date(2026, 1, 1),
    )
    return Provider.model_validate(data)


def weighted(rubric: Rubric, weights: list[float]) -> Rubric:
    criteria = [
        c.model_copy(update={"weight": w}) for c, w in zip(rubric.criteria, weights, strict=True)
    ]
    changed = rubric.model_copy(update={"criteria": criteria})
    assume(not check_rubric(changed))  # only rubrics sovscore accepts (e.g. not all weights 0)
    return changed


WEIGHTS = st.lists(st.floats(0, 1000), min_size=4, max_size=4).filter(lambda w: sum(w) > 0)


@settings(max_examples=300)
@given(profiles(), WEIGHTS, st.sampled_from(["zero", "exclude"]))
def test_score_bounds_and_contributions_add_up(
    profile: Provider, weights: list[float], unknown: str
) -> None:
    rubric = weighted(RUBRIC, weights).model_copy(update={"unknown": unknown})
    result = score_provider(profile, rubric, DAY)
    assert 0 <= result.score <= 100
    assert 0 <= result.coverage <= 1 + 1e-9
    assert math.isclose(sum(c.contribution for c in result.criteria), result.score, abs_tol=1e-6)
    for c in result.criteria:
        limit = (
            c.weight * 100 / (result.coverage if unknown == "exclude" and result.coverage else 1)
        )
        assert -1e-9 <= c.contribution <= limit + 1e-6


@settings(max_examples=200)
@given(profiles(), WEIGHTS, st.floats(0.001, 1000))
def test_scaling_every_weight_changes_nothing(
    profile: Provider, weights: list[float], factor: float
) -> None:
    base = score_provider(profile, weighted(RUBRIC, weights), DAY).score
    scaled = score_provider(profile, weighted(RUBRIC, [w * factor for w in weights]), DAY).score
    assert math.isclose(base, scaled, abs_tol=1e-9)


@settings(max_examples=100)
@given(st.lists(profiles(), min_size=1, max_size=6), st.randoms())
def test_ranking_does_not_depend_on_input_order(profiles_: list[Provider], random: Any) -> None:
    unique = [p.model_copy(update={"id": f"p{i}"}) for i, p in enumerate(profiles_)]
    shuffled = list(unique)
    random.shuffle(shuffled)

    def summary(items: list[Provider]) -> list[tuple[str, float, int]]:
        return [(r.provider.id, r.score, r.rank) for r in rank(items, RUBRIC, DAY).results]

    assert summary(unique) == summary(shuffled)


@settings(max_examples=200)
@given(profiles())
def test_gaining_a_qualification_never_lowers_the_score(profile: Provider) -> None:
    qualified = profile.model_copy(
        update={
            "qualifications": [
                *profile.qualifications,
                Provider.model_validate(provider())
                .qualifications[0]
                .model_copy(update={"offer": "new"}),
            ]
        }
    )
    day = dt.date(2024, 1, 1)
    assert (
        score_provider(qualified, RUBRIC, day).score >= score_provider(profile, RUBRIC, day).score
    )


@settings(max_examples=200)
@given(st.floats(0, 50), st.floats(0, 50))
def test_a_larger_french_share_never_lowers_the_score(low: float, extra: float) -> None:
    def with_share(share: float) -> float:
        ownership = {
            "holders": [
                {"name": "fr", "country": "FR", "capital": share},
                {"name": "us", "country": "US", "capital": 100 - share},
            ],
            "complete": True,
            "controlled_by": "FR",
            "sources": ["src-a"],
        }
        return score_provider(
            Provider.model_validate(provider(ownership=ownership)), RUBRIC, DAY
        ).score

    assert with_share(low + extra) >= with_share(low)


@settings(max_examples=100)
@given(st.lists(profiles(), min_size=1, max_size=4))
def test_json_output_parses_and_keeps_the_numbers(profiles_: list[Provider]) -> None:
    unique = [p.model_copy(update={"id": f"p{i}"}) for i, p in enumerate(profiles_)]
    ranking = rank(unique, RUBRIC, DAY)
    document = json.loads(renderer_for("json", Style()).ranking(ranking))
    for shown, result in zip(document["providers"], ranking.results, strict=True):
        assert shown["score"] == round(result.score, 1)
        assert shown["rank"] == result.rank
        assert json.loads(json.dumps(shown)) == shown

"""Weight sensitivity: reproducible, consistent with `scoring.rank`, and exact where it solves."""

import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovscore.load.catalogue import load_catalogue, load_rubric
from sovscore.load.checks import check_rubric
from sovscore.load.presets import preset_names
from sovscore.model.profile import Provider
from sovscore.model.rubric import Rubric
from sovscore.score.scoring import Ranking, order_key, rank, weighted_score
from sovscore.score.sensitivity import Sensitivity, WeightChange, _percentile, analyse

from .conftest import provider
from .test_properties import WEIGHTS, profiles, weighted

DAY = dt.date(2025, 6, 1)
RUBRIC = load_rubric()
UNKNOWN = st.sampled_from(["zero", "exclude"])
SPREADS = st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.9])


def unique(profiles_: list[Provider]) -> list[Provider]:
    return [p.model_copy(update={"id": f"p{i}", "name": f"p{i}"}) for i, p in enumerate(profiles_)]


def rubric_with(weights: list[float], unknown: str) -> Rubric:
    return weighted(RUBRIC, weights).model_copy(update={"unknown": unknown})


def reweighted(rubric: Rubric, criterion: str, weight: float) -> Rubric | None:
    """The rubric with one weight changed, if sovscore accepts it (weights may overflow)."""
    criteria = [
        c.model_copy(update={"weight": weight}) if c.id == criterion else c for c in rubric.criteria
    ]
    changed = rubric.model_copy(update={"criteria": criteria})
    return None if check_rubric(changed) else changed


def ownership(*holders: tuple[str, float]) -> dict[str, Any]:
    return {
        "holders": [
            {"name": f"h{i}", "country": country, "capital": share, "sources": ["src-a"]}
            for i, (country, share) in enumerate(holders)
        ],
        "complete": True,
        "controlled_by": holders[0][0],
        "sources": ["src-a"],
    }


# Best on every criterion of the default rubric: French-owned, no US tie, qualified, data in France.
DOMINANT = Provider.model_validate(
    provider(id="dominant", name="Dominant", aliases=[], ownership=ownership(("FR", 100)))
)
# Two providers that trade French ownership against SecNumCloud, a few points apart.
OWNED = Provider.model_validate(
    provider(
        id="owned", name="Owned", aliases=[], ownership=ownership(("FR", 100)), qualifications=[]
    )
)
QUALIFIED = Provider.model_validate(
    provider(
        id="qualified",
        name="Qualified",
        aliases=[],
        ownership=ownership(("DE", 90), ("FR", 10)),
        data_residency={
            "storage": ["FR"],
            "processing": None,
            "exclusive": None,
            "contractual": None,
            "non_eu_admin": None,
            "sources": ["src-a"],
        },
    )
)


def unrounded(ranking: Ranking, rubric: Rubric) -> dict[str, float]:
    """Each provider's score (its best offer's) under the same rubric weighted otherwise: the
    points of each offer's criteria do not depend on the weights, nor do the gates, so the
    scores are the one formula over the points already found (the best offer may change)."""
    weights = rubric.normalised_weights()
    exclude = rubric.unknown == "exclude"
    scores = {}
    for result in ranking.results:
        offers = []
        for offer in result.offers or (result,):
            score = weighted_score(
                [weights[c.id] for c in offer.criteria],
                [c.points for c in offer.criteria],
                exclude,
            )[0]
            offers.append((order_key(offer.eligibility, score), -score, offer.ref, score))
        scores[result.provider.id] = min(offers)[-1]
    return scores


@settings(max_examples=40, deadline=None)
@given(st.lists(profiles(), min_size=1, max_size=6), WEIGHTS, UNKNOWN, SPREADS, st.integers(0, 9))
def test_the_same_seed_gives_the_same_result(
    profiles_: list[Provider], weights: list[float], unknown: str, spread: float, seed: int
) -> None:
    ranking = rank(unique(profiles_), rubric_with(weights, unknown), DAY)
    first = analyse(ranking, samples=100, spread=spread, seed=seed)
    assert first == analyse(ranking, samples=100, spread=spread, seed=seed)
    assert (first.samples, first.spread, first.seed) == (100, spread, seed)


def test_another_seed_may_give_another_result() -> None:
    ranking = rank([OWNED, QUALIFIED], RUBRIC, DAY)
    assert [r.rank for r in ranking.results] == [1, 2]
    results = [analyse(ranking, samples=400, seed=seed) for seed in (0, 1)]
    keeps = [s.providers[0].p_keeps_rank for s in results]
    assert all(0 < k < 1 for k in keeps)  # the pair swaps in some samples, not all
    assert keeps[0] != keeps[1]


@settings(max_examples=50, deadline=None)
@given(st.lists(profiles(), max_size=6), WEIGHTS, UNKNOWN, SPREADS)
def test_base_ranks_are_the_rankings(
    profiles_: list[Provider], weights: list[float], unknown: str, spread: float
) -> None:
    ranking = rank(unique(profiles_), rubric_with(weights, unknown), DAY)
    result = analyse(ranking, samples=50, spread=spread)
    assert [(p.id, p.base_rank) for p in result.providers] == [
        (r.provider.id, r.rank) for r in ranking.results
    ]
    assert [(p.upper, p.lower) for p in result.pairs] == [
        (a.provider.id, b.provider.id)
        for a, b in zip(ranking.results, ranking.results[1:], strict=False)
    ]
    for p in result.providers:
        assert 1 <= p.rank_min <= p.rank_p5 <= p.rank_p95 <= p.rank_max <= len(profiles_)
        assert 0 <= p.p_first <= 1 and 0 <= p.p_keeps_rank <= 1
        assert p.fragile == (p.p_keeps_rank < 0.5)


@settings(max_examples=50, deadline=None)
@given(st.lists(profiles(), max_size=6), WEIGHTS, UNKNOWN, SPREADS, st.integers(0, 9))
def test_a_dominant_provider_is_first_in_every_sample(
    profiles_: list[Provider], weights: list[float], unknown: str, spread: float, seed: int
) -> None:
    rubric = rubric_with(weights, unknown)
    ranking = rank([DOMINANT, *unique(profiles_)], rubric, DAY)
    result = analyse(ranking, samples=100, spread=spread, seed=seed)
    (dominant,) = (p for p in result.providers if p.id == "dominant")
    assert dominant.base_rank == 1
    assert dominant.p_first == 1.0
    assert dominant.rank_min == dominant.rank_max == 1


@settings(max_examples=50, deadline=None)
@given(st.lists(profiles(), min_size=1, max_size=6), WEIGHTS, UNKNOWN, st.integers(0, 9))
def test_without_spread_every_provider_keeps_its_rank(
    profiles_: list[Provider], weights: list[float], unknown: str, seed: int
) -> None:
    ranking = rank(unique(profiles_), rubric_with(weights, unknown), DAY)
    result = analyse(ranking, samples=20, spread=0.0, seed=seed)
    for p in result.providers:
        assert p.p_keeps_rank == 1.0
        assert p.rank_min == p.rank_p5 == p.rank_p95 == p.rank_max == p.base_rank
        assert not p.fragile


def check_swaps(ranking: Ranking, result: Sensitivity) -> None:
    """Each swap found really swaps (or ties) the pair, and no smaller change of one weight does."""
    rubric = ranking.rubric
    places = {r.provider.id: r.rank for r in ranking.results}
    eligibility = {r.provider.id: r.eligibility for r in ranking.results}
    for pair in result.pairs:
        if eligibility[pair.upper] != eligibility[pair.lower]:  # gates, not weights, order them
            assert pair.swap is None and pair.change is None and not pair.fragile
            continue
        if pair.tied:
            assert places[pair.upper] == places[pair.lower]
            assert pair.swap is None and pair.change == 0.0 and pair.fragile
            continue
        assert places[pair.upper] < places[pair.lower]
        swap = pair.swap
        assert pair.change == (swap.change if swap is not None else None)
        assert pair.fragile == (swap is not None and abs(swap.change) <= result.spread)
        if swap is not None:
            (criterion,) = (c for c in rubric.criteria if c.id == swap.criterion)
            assert swap.weight == criterion.weight
            assert swap.change == (swap.new_weight - swap.weight) / swap.weight
            swapped = reweighted(rubric, swap.criterion, swap.new_weight)
            assert swapped is not None
            changed = rank([r.provider for r in ranking.results], swapped, ranking.as_of)
            after = {r.provider.id: r.rank for r in changed.results}
            assert after[pair.lower] <= after[pair.upper]
        # Just short of the change found (or anywhere, when none was), on any criterion, the lower
        # provider stays below (exactly where the two meet, rounding may already tie them).
        size = abs(swap.change) * 0.999 if swap is not None else None
        for criterion in rubric.criteria:
            if criterion.weight <= 0:
                continue
            factors = [1 - size, 1 + size] if size is not None else [0.001, 0.5, 2.0, 1000.0]
            for factor in factors:
                changed_rubric = reweighted(rubric, criterion.id, criterion.weight * factor)
                if factor <= 0 or changed_rubric is None:
                    continue
                scores = unrounded(ranking, changed_rubric)
                assert scores[pair.lower] <= scores[pair.upper] + 1e-9


@settings(max_examples=50, deadline=None)
@given(st.lists(profiles(), min_size=2, max_size=5), WEIGHTS, UNKNOWN, SPREADS)
def test_the_swap_weight_swaps_and_is_the_smallest(
    profiles_: list[Provider], weights: list[float], unknown: str, spread: float
) -> None:
    ranking = rank(unique(profiles_), rubric_with(weights, unknown), DAY)
    check_swaps(ranking, analyse(ranking, samples=10, spread=spread))


def test_a_trade_off_has_an_exact_swap_weight() -> None:
    # owned: 25*100 + 25*100 + 30*0 + 20*100 = 70; qualified: 25*15 + 25*100 + 30*100 + 20*50
    # (data in France, not shown to be guaranteed).
    ranking = rank([OWNED, QUALIFIED], RUBRIC, DAY)
    assert [round(r.score, 2) for r in ranking.results] == [70.0, 68.75]
    result = analyse(ranking)
    (pair,) = result.pairs
    assert pair.swap is not None
    # SecNumCloud weighted x: owned (7000 + 0x) / (70 + x), qualified (3875 + 100x) / (70 + x),
    # equal at x = 31.25 (+4.2 %); no other single weight gets there with a smaller change.
    assert pair.swap.criterion == "secnumcloud"
    assert pair.swap.new_weight == pytest.approx(31.25)
    assert pair.fragile  # within ±25 %
    check_swaps(ranking, result)


def test_nearest_rank_percentiles() -> None:
    counts = [1, 0, 18, 1]  # 20 samples: ranks 1, 3 (x18), 4
    assert _percentile(counts, 5, 20) == 1  # the 1st of 20
    assert _percentile(counts, 95, 20) == 3  # the 19th of 20
    assert _percentile(counts, 100, 20) == 4


def test_a_change_reads_as_people_write_it() -> None:
    assert (
        WeightChange("secnumcloud", 30, 41.2, 0.3733).describe() == "secnumcloud 30 -> 41.2, +37 %"
    )
    assert WeightChange("x", 0.25, 0.125, -0.5).describe() == "x 0.25 -> 0.125, -50 %"


@pytest.mark.parametrize(("samples", "spread"), [(0, 0.25), (10, -0.1), (10, 1.0), (10, math.nan)])
def test_bad_arguments_are_refused(samples: int, spread: float) -> None:
    with pytest.raises(ValueError):
        analyse(rank([OWNED], RUBRIC, DAY), samples=samples, spread=spread)


def test_no_providers_no_pairs() -> None:
    result = analyse(rank([], RUBRIC, DAY))
    assert result.providers == [] and result.pairs == []


def test_the_bundled_data() -> None:
    """Runs on the real catalogue and prints what is fragile (shown with `pytest -s` or `-rP`)."""
    ranking = rank(load_catalogue().providers.values(), load_rubric(), dt.date(2026, 1, 1))
    result = analyse(ranking)
    assert [p.base_rank for p in result.providers] == [r.rank for r in ranking.results]
    check_swaps(ranking, result)
    print("fragile pairs (default rubric and settings, 2026-01-01):")
    for pair in result.fragile_pairs:
        how = "tied" if pair.tied else pair.swap.describe() if pair.swap else "?"
        print(f"  {pair.upper} > {pair.lower}: {how}")
    print("fragile providers:")
    for p in result.fragile_providers:
        print(f"  {p.id}: rank {p.base_rank}, keeps it in {p.p_keeps_rank:.0%} of samples")


@pytest.mark.parametrize("preset", preset_names())
def test_every_preset_ranks_as_scoring_does(preset: str) -> None:
    """Presets with gates rank by eligibility first: the samples and swaps must follow."""
    ranking = rank(load_catalogue().providers.values(), load_rubric(preset), dt.date(2026, 1, 1))
    result = analyse(ranking, samples=200, spread=0.0)
    assert [p.base_rank for p in result.providers] == [r.rank for r in ranking.results]
    assert all(p.p_keeps_rank == 1.0 for p in result.providers)
    check_swaps(ranking, result)

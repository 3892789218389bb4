"""Invariants of scoring, over generated profiles and weights."""

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sovscore.errors import SovscoreError
from sovscore.load.catalogue import Catalogue, load_catalogue, load_rubric
from sovscore.load.checks import check_rubric
from sovscore.load.presets import bundled_rubric
from sovscore.model.profile import Provider
from sovscore.model.rubric import Rubric
from sovscore.render import FORMATS, Style, renderer_for
from sovscore.score.scoring import rank, score_provider

from .conftest import SOURCE, provider, providers_document

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
    grants = [e["date"] for e in events if e["status"] in ("qualified", "renewed")]
    # An expiry before the first grant contradicts itself (validation refuses it).
    events = [
        e for e in events if e["status"] != "expires" or not grants or e["date"] >= min(grants)
    ]
    qualifications = (
        [{"scheme": "secnumcloud", "offer": "o", "history": events}]
        if events and draw(st.booleans())
        else []
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


@settings(deadline=None)
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


@settings(deadline=None)
@given(st.lists(profiles(), min_size=1, max_size=6), WEIGHTS)
def test_the_score_lies_within_its_bounds_and_the_rank_within_its_places(
    profiles_: list[Provider], weights: list[float]
) -> None:
    """Under `unknown: zero` an unknown fact earns nothing, so the score is the lowest its
    unknowns allow or more, never more than the highest; and a rank cannot be better than
    what the bounds guarantee, nor worse than what they allow."""
    unique = [p.model_copy(update={"id": f"p{i}"}) for i, p in enumerate(profiles_)]
    ranking = rank(unique, weighted(RUBRIC, weights), DAY)
    for result in ranking.results:
        assert result.low - 1e-9 <= result.score <= result.high + 1e-9
        for c in result.criteria:
            assert c.low <= c.high
            if c.points is not None and c.status == "scored":
                assert c.low - 1e-9 <= c.points <= c.high + 1e-9
        best, worst = result.places
        assert best <= result.rank <= worst <= len(ranking.results)


@settings(deadline=None)
@given(profiles(), WEIGHTS, st.floats(0.001, 1000))
def test_scaling_every_weight_changes_nothing(
    profile: Provider, weights: list[float], factor: float
) -> None:
    base = score_provider(profile, weighted(RUBRIC, weights), DAY).score
    scaled = score_provider(profile, weighted(RUBRIC, [w * factor for w in weights]), DAY).score
    assert math.isclose(base, scaled, abs_tol=1e-9)


@settings(deadline=None)
@given(st.lists(profiles(), min_size=1, max_size=6), st.randoms())
def test_ranking_does_not_depend_on_input_order(profiles_: list[Provider], random: Any) -> None:
    unique = [p.model_copy(update={"id": f"p{i}"}) for i, p in enumerate(profiles_)]
    shuffled = list(unique)
    random.shuffle(shuffled)

    def summary(items: list[Provider]) -> list[tuple[str, float, int]]:
        return [(r.provider.id, r.score, r.rank) for r in rank(items, RUBRIC, DAY).results]

    assert summary(unique) == summary(shuffled)


@settings(deadline=None)
@given(profiles())
def test_gaining_a_qualification_never_lowers_the_score(profile: Provider) -> None:
    offer = profile.offers[0]
    grant = Provider.model_validate(provider()).offers[0].qualifications[0]
    gained = offer.model_copy(update={"qualifications": [*offer.qualifications, grant]})
    qualified = profile.model_copy(update={"offers": [gained]})
    day = dt.date(2024, 1, 1)
    assert (
        score_provider(qualified, RUBRIC, day).score >= score_provider(profile, RUBRIC, day).score
    )


@settings(deadline=None)
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


@settings(deadline=None)
@given(st.lists(profiles(), min_size=1, max_size=4))
def test_json_output_parses_and_keeps_the_numbers(profiles_: list[Provider]) -> None:
    unique = [p.model_copy(update={"id": f"p{i}"}) for i, p in enumerate(profiles_)]
    ranking = rank(unique, RUBRIC, DAY)
    document = json.loads(renderer_for("json", Style()).ranking(ranking))
    for shown, result in zip(document["providers"], ranking.results, strict=True):
        assert shown["score"] == round(result.score, 1)
        assert shown["rank"] == result.rank
        assert json.loads(json.dumps(shown)) == shown


VALID_FILES = [
    Path(bundled_rubric()).read_bytes(),
    yaml.safe_dump(providers_document(provider()), sort_keys=False).encode(),
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid file with a few bytes replaced, inserted or deleted; or random bytes."""
    if draw(st.booleans()) and draw(st.booleans()):
        return draw(st.binary(max_size=2_000))
    data = bytearray(draw(st.sampled_from(VALID_FILES)))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["replace", "insert", "delete"]))
        chunk = draw(
            st.sampled_from([b":", b"-", b" ", b"\n", b"\t", b"&a", b"*a", b"[", b"{", b'"', b"!!"])
            | st.binary(min_size=1, max_size=3)
        )
        if edit == "delete":
            del data[at : at + len(chunk)]
        elif edit == "insert":
            data[at:at] = chunk
        else:
            data[at : at + len(chunk)] = chunk
    return bytes(data)


@given(mutated())
def test_loading_any_bytes_raises_only_sovscore_errors(tmp_path_factory: Any, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "input.yaml"
    path.write_bytes(raw)
    for load in (lambda: load_catalogue([str(path)]), lambda: load_rubric(str(path))):
        try:
            loaded = load()
        except SovscoreError as exc:
            assert exc.lines() and all(line.strip() for line in exc.lines())
            continue
        if isinstance(loaded, Catalogue):
            ranking = rank(loaded.providers.values(), RUBRIC, DAY)
            for fmt in FORMATS:
                renderer_for(fmt, Style()).ranking(ranking)
        else:
            ranking = rank([Provider.model_validate(provider())], loaded, DAY)
            for fmt in FORMATS:
                renderer_for(fmt, Style()).rubric(loaded)
                renderer_for(fmt, Style()).ranking(ranking)


@settings(max_examples=50)  # each example writes and reads files
@given(st.lists(profiles(), min_size=2, max_size=5), st.randoms())
def test_ranking_does_not_depend_on_the_order_of_files(
    tmp_path_factory: Any, profiles_: list[Provider], random: Any
) -> None:
    folder = tmp_path_factory.mktemp("files")
    paths = []
    for i, p in enumerate(profiles_):
        data = p.model_copy(update={"id": f"p{i}", "name": f"P{i}", "aliases": []})
        path = folder / f"p{i}.yaml"
        document = {
            "schema_version": 2,
            "providers": [data.model_dump(mode="json")],
            "sources": [SOURCE] if i == 0 else [],
        }
        path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
        paths.append(str(path))

    def outcome(order: list[str]) -> list[tuple[str, float, int]]:
        ranked = rank(load_catalogue(order).providers.values(), RUBRIC, DAY)
        return [(r.provider.id, r.score, r.rank) for r in ranked.results]

    shuffled = list(paths)
    random.shuffle(shuffled)
    assert outcome(paths) == outcome(shuffled)

"""Say only what the evidence shows: grades of sources, bounds of scores, notes where people
look, observed and projected facts, and what changed between two days. Small fixtures, numbers
worked out by hand from the default rubric (weights 25/25/30/20)."""

import datetime as dt
import json
from typing import Any

import pytest

from sovscore.load.catalogue import load_rubric
from sovscore.model.profile import Provider, Source
from sovscore.score.scoring import rank, score_provider

from .conftest import SOURCE, provider, providers_document

DAY = dt.date(2025, 1, 1)
OFFICIAL = {**SOURCE, "id": "journal", "kind": "official", "date": "2024-02-01"}
COPY = {**SOURCE, "id": "copy", "kind": "compilation", "date": "2024-03-01"}
SOURCES = {s["id"]: Source.model_validate(s) for s in (SOURCE, OFFICIAL, COPY)}


def scored(day: dt.date = DAY, **overrides: Any):  # type: ignore[no-untyped-def]
    profile = Provider.model_validate(provider(**overrides))
    return score_provider(profile, load_rubric(), day, sources=SOURCES)


def test_an_unknown_fact_leaves_the_score_between_bounds() -> None:
    # French 60 % of a complete list -> 75; US fund 40 % -> minority shareholder, 50;
    # qualified -> 100; residency unknown -> 0 now, anywhere from 0 to 100.
    result = scored(data_residency=None)
    assert result.score == pytest.approx(0.25 * 75 + 0.25 * 50 + 0.30 * 100)  # 61.25
    assert result.low == pytest.approx(61.25)
    assert result.high == pytest.approx(61.25 + 0.20 * 100)  # 81.25
    residency = result.criteria[3]
    assert (residency.low, residency.high) == (0.0, 100.0)


def test_a_lower_bound_opens_the_range_upwards_only() -> None:
    # "at least 60 % French" (the list is not complete): 75 points now, 100 if it is 90 % or more.
    ownership = provider()["ownership"]
    ownership["complete"] = False
    result = scored(ownership=ownership)
    french = result.criteria[0]
    assert french.value == 60.0 and (french.low, french.high) == (75.0, 100.0)
    # The US fund's 40 % is a known tie, and the unlisted rest could be a US holder too.
    assert result.low == pytest.approx(0.25 * 75 + 0.25 * 50 + 30 + 20)
    assert result.high == pytest.approx(0.25 * 100 + 0.25 * 50 + 30 + 20)


def test_ranks_the_bounds_cannot_separate_are_ties_within_unknowns() -> None:
    exact = provider(id="exact", name="Exact", aliases=[])  # 81.25, every fact known
    open_ = provider(id="open", name="Open", aliases=[], data_residency=None)  # 61.25-81.25
    low = provider(
        id="low", name="Low", aliases=[], data_residency=None, qualifications=[]
    )  # 31.25-51.25 (no register check: SecNumCloud unknown too, so up to 81.25)
    ranking = rank([Provider.model_validate(p) for p in (exact, open_, low)], load_rubric(), DAY)
    places = {r.provider.id: (r.rank, r.places) for r in ranking.results}
    low_result = next(r for r in ranking.results if r.provider.id == "low")
    assert low_result.score == pytest.approx(0.25 * 75 + 0.25 * 50)  # 31.25
    assert low_result.high == pytest.approx(31.25 + 30 + 20)  # 81.25
    # Nobody can pass 81.25: Exact is first whatever the unknowns are (a tie shares the place).
    assert places["exact"] == (1, (1, 1))
    # Open (61.25-81.25) and Low (31.25-81.25) may reach 81.25, or stay below each other.
    assert places["open"] == (2, (1, 3))
    assert places["low"] == (3, (1, 3))


def test_each_criterion_has_the_grade_of_its_strongest_source() -> None:
    ownership = provider()["ownership"]
    for holder in ownership["holders"]:
        holder["sources"] = ["copy", "journal"]
    ownership["sources"] = ["copy"]
    result = scored(ownership=ownership)
    assert result.criteria[0].evidence == "official"
    assert result.criteria[2].evidence == "press"  # the qualification cites src-a (press)
    only_copy = provider()["ownership"]
    for holder in only_copy["holders"]:
        holder["sources"] = ["copy"]
    only_copy["sources"] = ["copy"]
    weak = scored(ownership=only_copy).criteria[0]
    assert weak.evidence == "compilation" and weak.weak


def test_the_primary_share_is_the_part_of_the_score_on_official_or_provider_sources() -> None:
    ownership = provider()["ownership"]
    for holder in ownership["holders"]:
        holder["sources"] = ["journal"]
    ownership["sources"] = ["journal"]
    result = scored(ownership=ownership)
    # French ownership (75 x 25 % = 18.75) and US ties (the US fund, a holder: 50 x 25 % =
    # 12.5) rest on the official source; SecNumCloud and residency cite press: 31.25 of 81.25.
    assert result.primary == pytest.approx(31.25 / 81.25)
    assert scored(ownership={**ownership, "holders": None}).primary == pytest.approx(0.0)


def test_a_published_assessment_and_a_derivation_say_which_they_are() -> None:
    csf = load_rubric("eu-csf-1.2.1")
    card = {
        "objective": "SOV-3",
        "seal": 4,
        "assessed_by": "A desk",
        "date": "2024-05",
        "rationale": "r",
        "sources": ["src-a"],
    }
    profile = Provider.model_validate(provider(csf_assessments=[card]))
    result = score_provider(profile, csf, DAY)
    bases = {c.measure: c.basis for c in result.criteria}
    assert bases["csf_sov3"] == "assessment"
    assert {b for m, b in bases.items() if m != "csf_sov3"} == {"derived"}
    assert set(result.bases) == {"assessment", "derived"}


def test_a_validity_that_ended_after_the_last_read_is_unverified_not_expired(
    run: Any, write_yaml: Any
) -> None:
    # The conftest offer: qualified 2023-06-01, expires 2026-06-01; the register read 2026-03.
    checks = [{"scheme": "secnumcloud", "date": "2026-03-15", "sources": ["src-a"]}]
    path = write_yaml(providers_document(provider(register_checks=checks)))
    shown = run("show", "acme", "--providers", path, "--as-of", "2026-06-02", "--no-color")
    assert shown.exit_code == 0, shown.stderr
    text = " ".join(shown.stdout.split())
    assert "validity ended 2026-06-01 according to the register as seen on 2026-03-15" in text
    assert "renewal not checked since" in text and "expired" not in text
    document = json.loads(
        run("show", "acme", "--providers", path, "--as-of", "2026-06-02", "--json").stdout
    )
    secnumcloud = document["criteria"][2]
    assert secnumcloud["value"] is None and secnumcloud["points_high"] == 100.0
    assert [w["code"] for w in document["warnings"]] == ["qualification_unverified"]
    # A read after the end that found no renewal shows the lapse.
    later = [*checks, {"scheme": "secnumcloud", "date": "2026-06-10", "sources": ["src-a"]}]
    path = write_yaml(providers_document(provider(register_checks=later)))
    document = json.loads(
        run("show", "acme", "--providers", path, "--as-of", "2026-06-15", "--json").stdout
    )
    assert document["criteria"][2]["value"] == "expired"
    assert "not on the list read on 2026-06-10" in document["criteria"][2]["reason"]


def test_an_end_counted_from_a_qualified_by_date_is_at_most(run: Any, write_yaml: Any) -> None:
    history = [{"status": "qualified", "date": "2024-09-15", "bound": "by", "sources": ["src-a"]}]
    profile = provider(
        qualifications=[{"scheme": "secnumcloud", "offer": "IaaS", "history": history}]
    )
    path = write_yaml(providers_document(profile))
    offers = json.loads(
        run("offers", "--providers", path, "--as-of", "2025-01-01", "--json").stdout
    )
    status = offers["offers"][0]["qualifications"][0]
    assert status["valid_until"] == "2027-09-15" and status["valid_until_is_bound"] is True
    table = run("offers", "--providers", path, "--as-of", "2025-01-01", "--format", "markdown")
    assert "at most 2027-09-15" in table.stdout
    reason = json.loads(
        run("show", "acme", "--providers", path, "--as-of", "2025-01-01", "--json").stdout
    )["criteria"][2]["reason"]
    assert "valid to 2027-09-15 at most" in reason


def test_show_prints_the_note_under_an_unknown_criterion_and_sources_their_kind(
    run: Any, write_yaml: Any
) -> None:
    residency = {
        "note": "Looked for a location clause in the terms of 2024: none found.",
        "sources": ["src-a"],
    }
    path = write_yaml(providers_document(provider(data_residency=residency)))
    out = run(
        "show", "acme", "--providers", path, "--as-of", "2025-01-01", "--format", "markdown"
    ).stdout
    assert "Note: Looked for a location clause in the terms of 2024: none found." in out
    assert "src-a (press): A public page. Example Press, 2024-01-15." in out


def test_facts_after_the_last_review_are_said_to_be_projected(run: Any) -> None:
    document = json.loads(run("rank", "--json", "--as-of", "2030-01-01").stdout)
    earliest = document["projected_after"]
    assert earliest is not None and earliest < "2030-01-01"
    assert all(p["projected"] for p in document["providers"])
    for fmt in ("table", "markdown"):
        out = run("rank", "--as-of", "2030-01-01", "--format", fmt, "--no-color").stdout
        assert " ".join(out.split()).count(f"facts after {earliest} are projected") == 1
    old = json.loads(run("rank", "--json", "--as-of", "2022-11-01").stdout)
    assert old["projected_after"] is None


def test_rank_lists_the_warnings_and_when_the_register_was_read(run: Any, write_yaml: Any) -> None:
    checks = [{"scheme": "secnumcloud", "date": "2026-03-15", "sources": ["src-a"]}]
    path = write_yaml(providers_document(provider(register_checks=checks)))
    out = run("rank", "--providers", path, "--as-of", "2026-04-01", "--no-color").stdout
    flat = " ".join(out.split())
    assert "secnumcloud register last read 2026-03-15 (17 days before 2026-04-01)" in flat
    assert "Warnings" in out and "acme: secnumcloud IaaS: expires on 2026-06-01, in 61 days" in flat


def test_diff_explains_each_change_with_the_dated_fact_and_exits_1(
    run: Any, write_yaml: Any
) -> None:
    path = write_yaml(providers_document(provider()))
    changed = run("diff", "2026-05-31", "2026-06-03", "--providers", path, "--no-color")
    assert changed.exit_code == 1, changed.stderr
    flat = " ".join(changed.stdout.split())
    assert "Acmé Cloud (acme): score 81.2 -> 51.2; grade A -> C" in flat
    assert "SecNumCloud: qualified -> unknown" in flat
    assert "because 2026-06-01: secnumcloud IaaS: passed its 2026-06-01 validity date" in flat
    document = json.loads(
        run(
            "diff", "--since", "2026-05-31", "--as-of", "2026-06-03", "--providers", path, "--json"
        ).stdout
    )
    assert document["since"] == "2026-05-31" and document["as_of"] == "2026-06-03"
    (unit,) = document["changes"]
    assert {"kind": "grade", "subject": "acme", "before": "A", "after": "C"} in unit["changes"]
    assert unit["events"][0]["date"] == "2026-06-01"
    same = run("diff", "2025-01-01", "2025-02-01", "--providers", path)
    assert same.exit_code == 0 and "no change between 2025-01-01 and 2025-02-01" in same.stdout


def test_diff_refuses_ambiguous_days(run: Any) -> None:
    for args in (
        ["diff"],
        ["diff", "2026-01-01"],
        ["diff", "2026-01-01", "x"],
        ["diff", "2026-01-01", "2026-02-01", "--since", "2026-01-01"],
    ):
        result = run(*args)
        assert result.exit_code == 2 and result.stdout == "", args
        assert result.stderr.count("\n") <= 2

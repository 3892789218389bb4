"""What files must satisfy beyond their types: the checks pydantic cannot express.

A providers file: unique names, shares that add up, histories in order. A rubric: references to
measures that exist, complete tables, sane weights, grades and gates.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

from ..errors import InputError, Path
from ..escape import quote
from ..measures import MEASURES, NUMBER_RANGE
from ..model.countries import EU
from ..model.profile import Holder, Offer, Provider, Source, normalise_name
from ..model.rubric import Rubric
from .problems import M, validate
from .yamlread import Document


def checked(document: Document, model: type[M], check: Callable[[M], list[tuple[Path, str]]]) -> M:
    """Validate types first; then what types cannot say. Every problem found, or the model."""
    parsed, problems = validate(document, model)
    if parsed is not None:
        problems = [document.problem(path, message) for path, message in check(parsed)]
    if problems or parsed is None:
        raise InputError(problems)
    return parsed


def check_providers(
    providers: list[tuple[int, Provider]], sources: list[tuple[int, Source]]
) -> list[tuple[Path, str]]:
    """What one file must satisfy beyond its types: unique names, shares that add up, sane dates.
    Each entry comes with its index in the file (entries that failed validation are left out,
    so that the others are still checked in the same pass)."""
    problems: list[tuple[Path, str]] = []
    seen_sources: set[str] = set()
    for index, source in sources:
        if source.id in seen_sources:
            problems.append((("sources", index, "id"), f"duplicate source id {quote(source.id)}"))
        seen_sources.add(source.id)
    names: dict[str, str] = {}
    for index, provider in providers:
        path: Path = ("providers", index)
        if normalise_name(provider.id) in names:
            owner = names[normalise_name(provider.id)]
            problems.append(
                ((*path, "id"), f"{quote(provider.id)} already names provider {quote(owner)}")
            )
            continue
        for step, name, target in provider.names():
            owner = names.setdefault(normalise_name(name), target)
            if owner != target:
                what = "offer" if "/" in owner else "provider"
                problems.append(
                    ((*path, *step), f"{quote(name)} already names {what} {quote(owner)}")
                )
        problems.extend(((*path, *p), m) for p, m in check_provider(provider))
    return problems


def check_provider(provider: Provider) -> Iterator[tuple[Path, str]]:
    ownership = provider.ownership
    for h_index, holder in enumerate(ownership.holders or [] if ownership else []):
        if (
            holder.capital is not None
            and holder.capital_min is not None
            and holder.capital < holder.capital_min
        ):
            yield (
                ("ownership", "holders", h_index, "capital_min"),
                f"{holder.capital_min:g} % is more than the holder's capital of {holder.capital:g} %"
                " (expected a lower bound at most the known share)",
            )
    if ownership and ownership.holders:
        has_votes = any(h.voting is not None for h in ownership.holders)
        for label in ("capital", "voting") if has_votes else ("capital",):
            shares = [_share_at_least(h, label) for h in ownership.holders]
            total = math.fsum(shares)
            if total > 100.0001:
                bounded = any(
                    h.capital is None and h.capital_min is not None for h in ownership.holders
                )
                what = "known shares and lower bounds" if bounded else "shares"
                yield (
                    ("ownership", "holders"),
                    f"{label} {what} add up to {'at least ' if bounded else ''}{total:g} % "
                    "(expected at most 100)",
                )
    seen: set[str] = set()
    for o_index, offer in enumerate(provider.offers):
        if offer.id in seen:
            yield (("offers", o_index, "id"), f"duplicate offer id {quote(offer.id)}")
        seen.add(offer.id)
        yield from ((("offers", o_index, *p), m) for p, m in _check_offer(provider, offer))


def _check_offer(provider: Provider, offer: Offer) -> Iterator[tuple[Path, str]]:
    if offer.runs_on == f"{provider.id}/{offer.id}":
        yield ("runs_on",), "an offer cannot run on itself (expected another offer)"
    location = offer.location
    if location is not None and location.storage is not None and location.regions is not None:
        yield (
            ("location", "regions"),
            "expected either `storage` (where the offer keeps data) or `regions` (the countries "
            "a customer picks from), not both",
        )
    admin = offer.administration
    if admin is not None and admin.non_eu is False:
        outside = sorted(set(admin.countries or []) - EU)
        if outside:
            yield (
                ("administration", "non_eu"),
                f"false, but administration is listed from {', '.join(outside)} (outside the EU)",
            )
    reviewed = provider.reviewed.latest()
    for q_index, qualification in enumerate(offer.qualifications):
        grants = [e.date for e in qualification.history if e.status in ("qualified", "renewed")]
        first_grant = min(grants, key=lambda d: d.earliest(), default=None)
        for e_index, event in enumerate(qualification.history):
            if (
                event.status == "expires"
                and first_grant is not None
                and event.date.latest() < first_grant.earliest()
            ):
                yield (
                    ("qualifications", q_index, "history", e_index, "date"),
                    f"expires on {event.date}, before the offer was first qualified ({first_grant})",
                )
            if event.status != "expires" and event.date.earliest() > reviewed:
                yield (
                    ("qualifications", q_index, "history", e_index, "date"),
                    f"{event.status} on {event.date} is after the profile's reviewed date {provider.reviewed}",
                )


def _share_at_least(holder: Holder, label: str) -> float:
    """What a holder holds at least: its share of votes (or capital), else its lower bound."""
    if label == "voting" and holder.voting is not None:
        return holder.voting
    if holder.capital is not None:
        return holder.capital
    return holder.capital_min or 0.0


def check_rubric(rubric: Rubric) -> list[tuple[Path, str]]:
    """What pydantic cannot see: references to measures, complete tables, sane weights and grades."""
    problems = _duplicate_ids("criteria", [c.id for c in rubric.criteria], "criterion")
    for index, criterion in enumerate(rubric.criteria):
        path: Path = ("criteria", index)
        measure = MEASURES.get(criterion.measure)
        if measure is None:
            problems.append(_unknown_measure((*path, "measure"), criterion.measure))
            continue
        rules = [criterion.table is not None, criterion.thresholds is not None, criterion.linear]
        if sum(rules) != 1:
            problems.append(
                (path, "expected exactly one rule: `table`, `thresholds` or `linear: true`")
            )
            continue
        if criterion.linear:
            if measure.kind != "number":
                problems.append(
                    ((*path, "linear"), f"measure {measure.name} yields values: use `table`")
                )
            continue
        if criterion.table is not None:
            if measure.kind == "number":
                problems.append(
                    ((*path, "table"), f"measure {measure.name} yields numbers: use `thresholds`")
                )
                continue
            expected = measure.table_keys()
            for key in criterion.table:
                if key not in expected:
                    problems.append(
                        (
                            (*path, "table", key),
                            f"{measure.name} never yields {quote(key)} (expected: {', '.join(expected)})",
                        )
                    )
            missing = [k for k in expected if k not in criterion.table]
            if missing:
                problems.append(
                    (
                        (*path, "table"),
                        f"no points for {', '.join(missing)} (every value needs points)",
                    )
                )
        elif criterion.thresholds is not None:
            if measure.kind != "number":
                problems.append(
                    ((*path, "thresholds"), f"measure {measure.name} yields values: use `table`")
                )
                continue
            mins = [t.min for t in criterion.thresholds]
            if not mins:
                problems.append(((*path, "thresholds"), "expected at least one threshold"))
            elif min(mins) > NUMBER_RANGE[0]:
                problems.append(
                    (
                        (*path, "thresholds"),
                        f"expected a threshold with min {NUMBER_RANGE[0]:g} or less",
                    )
                )
            if len(set(mins)) != len(mins):
                problems.append(((*path, "thresholds"), "two thresholds have the same min"))
    total = sum(c.weight for c in rubric.criteria)  # fsum raises on overflow; sum gives inf
    if not total > 0:
        problems.append((("criteria",), "expected at least one criterion with a positive weight"))
    elif math.isinf(total):
        problems.append(
            (
                ("criteria",),
                "weights add up to more than the largest number (expected smaller weights: only their ratios matter)",
            )
        )
    problems.extend(_check_gates(rubric))
    bands = [b.min for b in rubric.grades]
    if 0 not in bands:
        problems.append((("grades",), "expected a grade band starting at min 0"))
    if len(set(bands)) != len(bands):
        problems.append((("grades",), "two grade bands start at the same min (they overlap)"))
    if len({b.grade for b in rubric.grades}) != len(rubric.grades):
        problems.append((("grades",), "two grade bands have the same grade"))
    return problems


def _check_gates(rubric: Rubric) -> list[tuple[Path, str]]:
    problems = _duplicate_ids("gates", [g.id for g in rubric.gates], "gate")
    criteria = {c.id for c in rubric.criteria}
    for index, gate in enumerate(rubric.gates):
        path: Path = ("gates", index)
        if (gate.measure is None) == (gate.criterion is None):
            problems.append((path, "expected exactly one of `measure` or `criterion`"))
            continue
        if gate.criterion is not None and gate.criterion not in criteria:
            problems.append(
                ((*path, "criterion"), f"no criterion {quote(gate.criterion)} in this rubric")
            )
            continue
        measure = MEASURES.get(gate.measure) if gate.measure else None
        if gate.measure is not None and measure is None:
            problems.append(_unknown_measure((*path, "measure"), gate.measure))
            continue
        numeric = gate.criterion is not None or (measure is not None and measure.kind == "number")
        if numeric:
            if gate.allowed is not None or (gate.min is None and gate.max is None):
                problems.append((path, "expected `min` and/or `max` (a number is tested)"))
        elif gate.allowed is None or gate.min is not None or gate.max is not None:
            problems.append((path, "expected `allowed`: the values that pass"))
        elif measure is not None:
            for value in gate.allowed:
                if value not in measure.table_keys():
                    problems.append(
                        (
                            (*path, "allowed"),
                            f"{measure.name} never yields {quote(value)} (expected: {', '.join(measure.table_keys())})",
                        )
                    )
    return problems


def _duplicate_ids(section: str, ids: list[str], what: str) -> list[tuple[Path, str]]:
    """Each id written a second time, where it is written (criteria and gates alike)."""
    seen: set[str] = set()
    problems: list[tuple[Path, str]] = []
    for index, ident in enumerate(ids):
        if ident in seen:
            problems.append(((section, index, "id"), f"duplicate {what} id {quote(ident)}"))
        seen.add(ident)
    return problems


def _unknown_measure(path: Path, name: str) -> tuple[Path, str]:
    known = ", ".join(sorted(MEASURES))
    return path, f"unknown measure {quote(name)} (expected one of: {known})"

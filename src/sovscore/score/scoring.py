"""Score validated offers against a rubric on a date, and rank providers or offers. Pure: no
I/O, no rendering.

The unit of scoring is the offer (what a buyer signs for), read together with its provider and
the offers it runs on. A provider's score is the score of its best offer within the scope asked
for (the service models), and every result names that offer.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from ..i18n import _
from ..measures import MEASURES, Value
from ..measures.base import Basis, Finding, Subject, unique
from ..measures.qualifications import shown_by_secnumcloud_3_2
from ..model.profile import Offer, Provider, Scheme, ServiceModel, Source, SourceKind
from ..model.rubric import Criterion, Rubric
from .evidence import fact_notes, points_bounds, primary_share, register_reads, strongest_kind
from .gates import Eligibility, GateResult, GateStatus, eligibility_of, evaluate_gates
from .warnings import ScoreWarning, warnings_for

CriterionStatus = Literal["scored", "shown", "unknown"]
"""scored: the measure's facts gave a value; shown: they did not, but an offer qualified under
the scheme version the criterion names shows the requirement met (its value stays null);
unknown: nothing shows it."""
Unit = Literal["provider", "offer"]
Scope = frozenset[ServiceModel]


@dataclass(frozen=True)
class CriterionResult:
    id: str
    label: str
    measure: str
    value: Value | None
    points: float | None
    weight: float
    """Normalised rubric weight (all criteria sum to 1)."""
    contribution: float
    """Points times effective weight: what this criterion adds to the 0-100 score."""
    status: CriterionStatus
    reason: str
    sources: tuple[str, ...]
    seal: int | None = None
    """EU CSF objectives: the SEAL level found, None when it cannot be shown."""
    evidence: SourceKind | None = None
    """The kind of the strongest source cited (None: no source, or none of them loaded)."""
    basis: Basis = "facts"
    low: float = 0.0
    high: float = 0.0
    """The fewest and most points the criterion can earn whatever its unknown facts are."""
    notes: tuple[str, ...] = ()
    """What the profile notes beside the facts read: what was looked for, what was found."""

    @property
    def weak(self) -> bool:
        """Unknown, or resting only on a compilation or an analysis (or on no loaded source)."""
        return self.status == "unknown" or self.evidence not in ("official", "provider", "press")


@dataclass(frozen=True)
class ProviderResult:
    """An offer's score, with the provider that sells it. In a ranking of providers, the best
    offer in scope stands for the provider, and `offers` holds every offer in scope."""

    subject: Subject
    score: float
    grade: str
    coverage: float
    """Share of the rubric's weight resting on known facts (0-1)."""
    criteria: tuple[CriterionResult, ...]
    warnings: tuple[ScoreWarning, ...]
    rank: int = 0
    gates: tuple[GateResult, ...] = ()
    eligibility: Eligibility | None = None
    """None when the rubric has no gates; otherwise eligible, ineligible or cannot_be_shown."""
    seal: int | None = None
    """EU CSF: the overall SEAL (the lowest objective SEAL) when every objective's is known."""
    seal_at_most: int | None = None
    """EU CSF: the lowest SEAL among the objectives known; the overall SEAL cannot be higher."""
    offers: tuple[ProviderResult, ...] = ()
    """In a ranking of providers: the provider's offers in scope, best first."""
    low: float = 0.0
    high: float = 0.0
    """The lowest and highest scores the unknown facts allow: each unknown at the worst and at
    the best value its measure can yield (a lower bound, from there up). Under `unknown: zero`
    the score lies between them; under `exclude` it assumes the unknowns score like the known
    facts, and may lie outside them."""
    primary: float | None = None
    """The share of the score resting on official or provider sources; None for a score of 0."""
    places: tuple[int, int] = (0, 0)
    """In a ranking: the best and worst rank the score bounds allow (equal to `rank` and
    `rank` when the bounds separate it from every other)."""
    as_of: dt.date = dt.date.min
    """The day it was scored as of."""

    @property
    def bases(self) -> tuple[Basis, ...]:
        """How its criteria's values were reached (facts, assessment, derived, qualification)."""
        return tuple(dict.fromkeys(c.basis for c in self.criteria))

    @property
    def projected(self) -> bool:
        """Scored on a day after the profile was last reviewed: what follows is projected."""
        return self.as_of > self.provider.reviewed.latest()

    @property
    def provider(self) -> Provider:
        return self.subject.provider

    @property
    def offer(self) -> Offer:
        return self.subject.offer

    @property
    def ref(self) -> str:
        return self.subject.ref


@dataclass(frozen=True)
class Ranking:
    rubric: Rubric
    as_of: dt.date
    weights: dict[str, float]
    results: tuple[ProviderResult, ...]
    min_seal: int | None = None
    unit: Unit = "provider"
    scope: Scope | None = None
    """The service models asked for (--service); None: every offer."""
    out_of_scope: tuple[str, ...] = ()
    """Providers left out because none of their offers is in scope."""
    register_reads: Mapping[Scheme, dt.date] = field(default_factory=dict, compare=False)
    """When each scheme's register was last read by the day, as far as the data says."""
    sources: Mapping[str, Source] = field(default_factory=dict, repr=False, compare=False)
    """The loaded sources the results cite, by id (what grades their evidence)."""

    @property
    def projected_after(self) -> dt.date | None:
        """The earliest review of the profiles listed, when the day is after it: the facts
        after that day are projected from what was observed, not observed."""
        reviewed = [r.provider.reviewed.latest() for r in self.results]
        earliest = min(reviewed, default=None)
        return earliest if earliest is not None and self.as_of > earliest else None

    @property
    def gated(self) -> bool:
        """Whether eligibility is assessed: the rubric has gates, or --min-seal adds one."""
        return bool(self.rubric.gates) or (self.rubric.seal and self.min_seal is not None)

    def eligible_only(self) -> Ranking:
        """Only the providers shown to pass every gate (their ranks unchanged)."""
        return replace(self, results=tuple(r for r in self.results if r.eligibility == "eligible"))

    def top(self, count: int) -> Ranking:
        return replace(self, results=self.results[:count])

    def below(self, score: float) -> list[ProviderResult]:
        """The listed providers whose score, as shown (one decimal), is below `score`."""
        return [r for r in self.results if round(r.score, 1) < score]

    def key(self, result: ProviderResult) -> str:
        """How a result is named in this ranking: a provider id, or provider/offer."""
        return result.provider.id if self.unit == "provider" else result.ref


def weighted_score(
    weights: Sequence[float], points: Sequence[float | None], exclude_unknown: bool
) -> tuple[float, tuple[float, ...]]:
    """The score (0-100) and each criterion's contribution: the one formula, which
    `sensitivity` calls too. `weights` are normalised; a point of None is an unknown fact.

    `unknown: zero` keeps every weight (an unknown fact earns nothing); `exclude` spreads the
    weight of unknown facts over the known ones."""
    coverage = math.fsum(w for w, p in zip(weights, points, strict=True) if p is not None)
    divisor = coverage if exclude_unknown and coverage > 0 else 1.0
    contributions = tuple(
        w / divisor * p if p is not None else 0.0 for w, p in zip(weights, points, strict=True)
    )
    return min(100.0, max(0.0, math.fsum(contributions))), contributions


def order_key(eligibility: Eligibility | None, score: float) -> tuple[int, float]:
    """How `rank` orders: eligible (or no gates) first, then not shown, then ineligible; within
    each, the score as shown (one decimal), highest first. Equal keys share a rank."""
    return ELIGIBILITY_ORDER[eligibility], -round(score, 1)


def subjects(providers: Iterable[Provider]) -> list[Subject]:
    """Every offer as a subject, with the chain of offers it runs on resolved among these
    providers. A reference to an offer that is not loaded ends the chain (`missing`); so does a
    loop, which cannot be a real infrastructure."""
    listed = list(providers)
    offers = {f"{p.id}/{o.id}": (p, o) for p in listed for o in p.offers}
    built: dict[str, Subject] = {}

    def build(ref: str, seen: tuple[str, ...]) -> Subject:
        if ref in built:
            return built[ref]
        provider, offer = offers[ref]
        below, missing = None, None
        if offer.runs_on is not None:
            if offer.runs_on in offers and offer.runs_on not in seen:
                below = build(offer.runs_on, (*seen, ref))
            elif offer.runs_on not in offers:
                missing = offer.runs_on
        subject = Subject(provider, offer, below, missing)
        built[ref] = subject
        return subject

    return [build(ref, ()) for ref in offers]


def _finding(
    criterion: Criterion, subject: Subject, as_of: dt.date
) -> tuple[Finding, float | None, CriterionStatus]:
    measure = MEASURES[criterion.measure]
    finding = measure(subject, as_of)
    points = criterion.points(finding.value) if finding.value is not None else None
    status: CriterionStatus = "scored" if finding.value is not None else "unknown"
    if finding.value is None and criterion.shown_by == "secnumcloud_3.2":
        shown = shown_by_secnumcloud_3_2(subject, measure.level, as_of, finding)
        if shown is not None:
            finding, points, status = shown, criterion.best_points(), "shown"
    return finding, points, status


def _weakest_link(
    criterion: Criterion, subject: Subject, as_of: dt.date
) -> tuple[Finding, float | None, CriterionStatus]:
    """The criterion read on the offer and every offer it runs on: the weakest link decides."""
    links = subject.chain()
    found = [(link, *_finding(criterion, link, as_of)) for link in links]
    if len(found) == 1:
        return found[0][1:]
    sources = unique(*(f.sources for _link, f, _points, _status in found))
    unknown = [link for link, _value, points, _status in found if points is None]
    if unknown:
        names = ", ".join(link.label for link in unknown)
        # Translators: {names} lists the offers (of the chain an offer runs on) whose value is
        # unknown.
        reason = _("weakest link cannot be shown: {names} unknown").format(names=names)
        return Finding(None, reason, sources), None, "unknown"
    link, finding, points, status = min(found, key=lambda f: f[2] if f[2] is not None else 0.0)
    chain = " -> ".join(
        # Translators: an offer of the chain an offer runs on, and its value.
        _("{link}: {value}").format(
            link=lk.label,
            # Translators: a value not known, but shown by a qualification.
            value=f.value if f.value is not None else _("shown"),
        )
        for lk, f, _points, _status in found
    )
    # Translators: {link} is the offer whose value decides; {chain}, each offer of the chain
    # with its value, joined by " -> ".
    reason = _("weakest link {link} ({reason}); chain: {chain}").format(
        link=link.label, reason=finding.reason, chain=chain
    )
    return (
        replace(finding, reason=reason, sources=sources),
        points,
        status,
    )


def score_offer(
    subject: Subject,
    rubric: Rubric,
    as_of: dt.date,
    min_seal: int | None = None,
    sources: Mapping[str, Source] | None = None,
) -> ProviderResult:
    """The offer's score on the day, each criterion with its value, points, reasons, the grade
    of its sources (from `sources`, the loaded ones) and the points its unknowns leave open."""
    weights = rubric.normalised_weights()
    cited = sources or {}
    criteria: list[CriterionResult] = []
    for criterion in rubric.criteria:
        read = _weakest_link if criterion.chain == "weakest" else _finding
        finding, points, status = read(criterion, subject, as_of)
        measure = MEASURES[criterion.measure]
        low, high = (
            (points, points)
            if status == "shown" and points is not None
            else points_bounds(criterion, measure, finding, points)
        )
        criteria.append(
            CriterionResult(
                id=criterion.id,
                label=criterion.label,
                measure=criterion.measure,
                value=finding.value,
                points=points,
                weight=weights[criterion.id],
                contribution=0.0,
                status=status,
                reason=finding.reason,
                sources=finding.sources,
                seal=finding.seal,
                evidence=strongest_kind(finding.sources, cited),
                basis=finding.basis,
                low=low,
                high=high,
                notes=fact_notes(subject, measure.reads),
            )
        )
    score, contributions = weighted_score(
        [c.weight for c in criteria], [c.points for c in criteria], rubric.unknown == "exclude"
    )
    criteria = [
        replace(c, contribution=share) for c, share in zip(criteria, contributions, strict=True)
    ]
    # The bounds put a value on every unknown, so no weight is left to spread.
    low = weighted_score([c.weight for c in criteria], [c.low for c in criteria], False)[0]
    high = weighted_score([c.weight for c in criteria], [c.high for c in criteria], False)[0]
    coverage = math.fsum(c.weight for c in criteria if c.status != "unknown")
    seals = [c.seal for c in criteria]
    levels: list[int] = [level for level in seals if level is not None]
    seal = min(levels) if rubric.seal and levels and len(levels) == len(seals) else None
    at_most = min(levels) if rubric.seal and levels else None
    gates = evaluate_gates(subject, rubric, as_of, {c.id: c.points for c in criteria})
    if rubric.seal and min_seal is not None:
        gates.append(_seal_gate(criteria, min_seal))
    return ProviderResult(
        subject=subject,
        score=score,
        grade=rubric.grade(round(score, 1)),
        coverage=coverage,
        criteria=tuple(criteria),
        warnings=tuple(warnings_for(subject, as_of)),
        gates=tuple(gates),
        eligibility=eligibility_of(gates) if gates else None,
        seal=seal,
        seal_at_most=at_most,
        low=low,
        high=high,
        primary=primary_share([(c.contribution, c.evidence) for c in criteria]),
        as_of=as_of,
    )


def _seal_gate(criteria: list[CriterionResult], minimum: int) -> GateResult:
    """The tender's gate: every objective at SEAL `minimum` or more (the lowest SEAL decides)."""
    below = [c for c in criteria if c.seal is not None and c.seal < minimum]
    unknown = [c for c in criteria if c.seal is None]
    label = _("SEAL-{level} or more on every objective").format(level=minimum)
    status: GateStatus
    if below:
        objectives = ", ".join(f"{c.label} SEAL-{c.seal}" for c in below)
        # Translators: {objectives} lists the objectives below the minimum, each with its SEAL.
        status, reason = "fail", _("below: {objectives}").format(objectives=objectives)
    elif unknown:
        objectives = ", ".join(c.label for c in unknown)
        # Translators: {objectives} lists the objectives whose SEAL cannot be shown.
        status, reason = "unknown", _("cannot be shown: {objectives}").format(objectives=objectives)
    else:
        status, reason = "pass", _("every objective at SEAL-{level} or more").format(level=minimum)
    sources = unique(*(c.sources for c in below or criteria))
    # Translators: the article the gate applies: the tender's minimum SEAL, section 4 of the EU
    # Cloud Sovereignty Framework.
    article = _("CSF §4 (tender minimum)")
    return GateResult("min_seal", label, article, status, reason, sources)


ELIGIBILITY_ORDER: dict[Eligibility | None, int] = {
    None: 0,
    "eligible": 0,
    "cannot_be_shown": 1,
    "ineligible": 2,
}


def in_scope(offer: Offer, scope: Scope | None) -> bool:
    return scope is None or bool(scope.intersection(offer.service_models))


def _best_first(result: ProviderResult) -> tuple[tuple[int, float], float, str]:
    """A provider's offers, best first: as ranked, then by the exact score, then by id."""
    return order_key(result.eligibility, result.score), -result.score, result.ref


def rank(
    providers: Iterable[Provider],
    rubric: Rubric,
    as_of: dt.date,
    min_seal: int | None = None,
    *,
    scope: Scope | None = None,
    unit: Unit = "provider",
    sources: Mapping[str, Source] | None = None,
) -> Ranking:
    """Eligible first, then those whose eligibility cannot be shown, then the ineligible; within
    each, highest score first (as shown, to one decimal); equal places share a rank, by id.

    By provider, each provider stands as its best offer in scope; providers with no offer in
    scope are left out (and named in `out_of_scope`). By offer, every offer in scope is ranked.
    `sources` (the loaded ones, by id) give each criterion the grade of its evidence.
    """
    listed = list(providers)
    scored = [
        score_offer(s, rubric, as_of, min_seal, sources)
        for s in subjects(listed)
        if in_scope(s.offer, scope)
    ]
    if unit == "provider":
        by_provider: dict[str, list[ProviderResult]] = {}
        for result in scored:
            by_provider.setdefault(result.provider.id, []).append(result)
        units: list[ProviderResult] = []
        for results in by_provider.values():
            best_first = tuple(sorted(results, key=_best_first))
            # What a buyer of the provider should know: every offer's warnings, once each.
            warnings = tuple(dict.fromkeys(w for r in best_first for w in r.warnings))
            units.append(replace(best_first[0], offers=best_first, warnings=warnings))
    else:
        units = scored
    ranking = Ranking(
        rubric,
        as_of,
        rubric.normalised_weights(),
        (),
        min_seal,
        unit,
        scope,
        tuple(p.id for p in listed if not any(in_scope(o, scope) for o in p.offers)),
        register_reads(listed, as_of),
        sources or {},
    )
    ordered = sorted(units, key=lambda r: (order_key(r.eligibility, r.score), ranking.key(r)))
    ranked: list[ProviderResult] = []
    for position, result in enumerate(ordered, start=1):
        previous = ranked[-1] if ranked else None
        tied = previous is not None and order_key(previous.eligibility, previous.score) == (
            order_key(result.eligibility, result.score)
        )
        place = previous.rank if tied and previous is not None else position
        ranked.append(replace(result, rank=place))
    return replace(ranking, results=tuple(places_within_bounds(ranked)))


def places_within_bounds(ranked: Sequence[ProviderResult]) -> list[ProviderResult]:
    """Each result's best and worst place were its unknown facts known. Within its eligibility
    group (the groups keep their order), it is surely behind those whose lowest score (as
    shown) beats its highest, and may be behind those whose highest beats its lowest; equal
    scores share a place. Results whose bounds overlap are ties within unknowns."""
    groups: dict[int, list[ProviderResult]] = {}
    for result in ranked:
        groups.setdefault(ELIGIBILITY_ORDER[result.eligibility], []).append(result)
    placed: list[ProviderResult] = []
    before = 0
    for order in sorted(groups):
        group = groups[order]
        lows = sorted(round(r.low, 1) for r in group)
        highs = sorted(round(r.high, 1) for r in group)
        for result in group:
            low, high = round(result.low, 1), round(result.high, 1)
            # A result never beats itself: its own low is not above its own high.
            surely = len(lows) - bisect.bisect_right(lows, high)
            maybe = len(highs) - bisect.bisect_right(highs, low)
            if high > low:
                maybe -= 1  # its own high is above its own low
            placed.append(replace(result, places=(before + surely + 1, before + maybe + 1)))
        before += len(group)
    return placed


def score_provider(
    provider: Provider,
    rubric: Rubric,
    as_of: dt.date,
    min_seal: int | None = None,
    scope: Scope | None = None,
    sources: Mapping[str, Source] | None = None,
) -> ProviderResult:
    """One provider on its own: its best offer in scope (offers it runs on from other providers
    are not loaded here, and say so in a warning)."""
    ranking = rank([provider], rubric, as_of, min_seal, scope=scope, sources=sources)
    if not ranking.results:
        raise ValueError(f"{provider.id} has no offer in scope")
    return ranking.results[0]

"""Score validated providers against a rubric on a date. Pure: no I/O, no rendering."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from ..measures import MEASURES, Value
from ..measures.base import unique
from ..measures.qualifications import shown_by_secnumcloud_3_2
from ..model.profile import Provider
from ..model.rubric import Rubric
from .gates import Eligibility, GateResult, GateStatus, eligibility_of, evaluate_gates
from .warnings import ScoreWarning, warnings_for

CriterionStatus = Literal["scored", "shown", "unknown"]
"""scored: the measure's facts gave a value; shown: they did not, but an offer qualified under
the scheme version the criterion names shows the requirement met (its value stays null);
unknown: nothing shows it."""


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


@dataclass(frozen=True)
class ProviderResult:
    provider: Provider
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


@dataclass(frozen=True)
class Ranking:
    rubric: Rubric
    as_of: dt.date
    weights: dict[str, float]
    results: tuple[ProviderResult, ...]
    min_seal: int | None = None

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


def score_provider(
    provider: Provider, rubric: Rubric, as_of: dt.date, min_seal: int | None = None
) -> ProviderResult:
    weights = rubric.normalised_weights()
    criteria: list[CriterionResult] = []
    for criterion in rubric.criteria:
        finding = MEASURES[criterion.measure](provider, as_of)
        points = criterion.points(finding.value) if finding.value is not None else None
        status: CriterionStatus = "scored" if finding.value is not None else "unknown"
        if finding.value is None and criterion.shown_by == "secnumcloud_3.2":
            shown = shown_by_secnumcloud_3_2(provider, as_of, finding)
            if shown is not None:
                finding, points, status = shown, criterion.best_points(), "shown"
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
            )
        )
    score, contributions = weighted_score(
        [c.weight for c in criteria], [c.points for c in criteria], rubric.unknown == "exclude"
    )
    criteria = [
        replace(c, contribution=share) for c, share in zip(criteria, contributions, strict=True)
    ]
    coverage = math.fsum(c.weight for c in criteria if c.status != "unknown")
    seals = [c.seal for c in criteria]
    levels: list[int] = [level for level in seals if level is not None]
    seal = min(levels) if rubric.seal and levels and len(levels) == len(seals) else None
    at_most = min(levels) if rubric.seal and levels else None
    gates = evaluate_gates(provider, rubric, as_of, {c.id: c.points for c in criteria})
    if rubric.seal and min_seal is not None:
        gates.append(_seal_gate(criteria, min_seal))
    return ProviderResult(
        provider=provider,
        score=score,
        grade=rubric.grade(round(score, 1)),
        coverage=coverage,
        criteria=tuple(criteria),
        warnings=tuple(warnings_for(provider, as_of)),
        gates=tuple(gates),
        eligibility=eligibility_of(gates) if gates else None,
        seal=seal,
        seal_at_most=at_most,
    )


def _seal_gate(criteria: list[CriterionResult], minimum: int) -> GateResult:
    """The tender's gate: every objective at SEAL `minimum` or more (the lowest SEAL decides)."""
    below = [c for c in criteria if c.seal is not None and c.seal < minimum]
    unknown = [c for c in criteria if c.seal is None]
    label = f"SEAL-{minimum} or more on every objective"
    status: GateStatus
    if below:
        status, reason = "fail", "below: " + ", ".join(f"{c.label} SEAL-{c.seal}" for c in below)
    elif unknown:
        status, reason = "unknown", "cannot be shown: " + ", ".join(c.label for c in unknown)
    else:
        status, reason = "pass", "every objective at SEAL-" + str(minimum) + " or more"
    sources = unique(*(c.sources for c in below or criteria))
    return GateResult("min_seal", label, "CSF §4 (tender minimum)", status, reason, sources)


ELIGIBILITY_ORDER: dict[Eligibility | None, int] = {
    None: 0,
    "eligible": 0,
    "cannot_be_shown": 1,
    "ineligible": 2,
}


def rank(
    providers: Iterable[Provider], rubric: Rubric, as_of: dt.date, min_seal: int | None = None
) -> Ranking:
    """Eligible first, then those whose eligibility cannot be shown, then the ineligible; within
    each, highest score first (as shown, to one decimal); equal places share a rank, by id."""
    scored = sorted(
        (score_provider(p, rubric, as_of, min_seal) for p in providers),
        key=lambda r: (order_key(r.eligibility, r.score), r.provider.id),
    )
    ranked: list[ProviderResult] = []
    for position, result in enumerate(scored, start=1):
        previous = ranked[-1] if ranked else None
        tied = previous is not None and order_key(previous.eligibility, previous.score) == (
            order_key(result.eligibility, result.score)
        )
        place = previous.rank if tied and previous is not None else position
        ranked.append(replace(result, rank=place))
    return Ranking(rubric, as_of, rubric.normalised_weights(), tuple(ranked), min_seal)

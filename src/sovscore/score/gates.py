"""Eligibility: the rubric's gates, each passed, failed, or not shown by the facts.

A gate never passes on silence: an unknown fact makes it "unknown", and a provider with any gate
unknown (and none failed) is "cannot be shown" eligible, never eligible.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..i18n import _, compact
from ..measures import MEASURES
from ..measures.base import Finding
from ..measures.qualifications import shown_by_secnumcloud_3_2
from ..model.rubric import value_key

if TYPE_CHECKING:
    from ..measures.base import Subject
    from ..model.rubric import Gate, Rubric

GateStatus = Literal["pass", "fail", "unknown"]
Eligibility = Literal["eligible", "ineligible", "cannot_be_shown"]


@dataclass(frozen=True)
class GateResult:
    id: str
    label: str
    article: str | None
    status: GateStatus
    reason: str
    sources: tuple[str, ...]


def evaluate_gates(
    subject: Subject, rubric: Rubric, as_of: dt.date, points: dict[str, float | None]
) -> list[GateResult]:
    return [_evaluate(gate, subject, as_of, points) for gate in rubric.gates]


def eligibility_of(gates: list[GateResult]) -> Eligibility:
    if any(g.status == "fail" for g in gates):
        return "ineligible"
    if any(g.status == "unknown" for g in gates):
        return "cannot_be_shown"
    return "eligible"


def _evaluate(
    gate: Gate, subject: Subject, as_of: dt.date, points: dict[str, float | None]
) -> GateResult:
    if gate.criterion is not None:
        value = points[gate.criterion]
        if value is None:
            # Translators: {criterion} is the id of a rubric's criterion.
            text = _("{criterion}: unknown").format(criterion=gate.criterion)
        else:
            # Translators: {criterion} is the id of a rubric's criterion; {points}, what it earned.
            text = _("{criterion}: {points} points").format(
                criterion=gate.criterion, points=compact(value)
            )
        finding = Finding(value, text)
    else:
        assert gate.measure is not None
        finding = MEASURES[gate.measure](subject, as_of)
    status = _status(gate, finding)
    reason = finding.reason
    sources = finding.sources
    if status == "fail":
        # Translators: {reason} is what the facts show; {rule}, what the gate expects.
        reason = _("{reason} (expected {rule})").format(reason=reason, rule=gate.rule())
    if status == "unknown" and gate.shown_by == "secnumcloud_3.2":
        level = MEASURES[gate.measure].level if gate.measure else "offer"
        shown = shown_by_secnumcloud_3_2(subject, level, as_of, finding)
        if shown is not None:
            status, reason, sources = "pass", shown.reason, shown.sources
    return GateResult(gate.id, gate.label, gate.article, status, reason, sources)


def _status(gate: Gate, finding: Finding) -> GateStatus:
    value = finding.value
    if value is None:
        return "unknown"
    if gate.allowed is not None:
        return "pass" if str(value_key(value)) in gate.allowed else "fail"
    number = float(value)
    if gate.max is not None and number > gate.max:
        return "fail"  # a lower bound above the maximum fails as surely as the value
    if finding.lower_bound:
        return (
            "pass"
            if gate.max is None and gate.min is not None and number >= gate.min
            else "unknown"
        )
    if gate.min is not None and number < gate.min:
        return "fail"
    return "pass"

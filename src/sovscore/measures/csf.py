"""The EU Cloud Sovereignty Framework's eight objectives (SOV-1..SOV-8), each as a SEAL level 0-4.

A published assessment in the profile wins. Without one, a level is derived from the profile's
facts by the documented rules below, capped where the facts cannot show more, and "cannot be shown"
where no fact bears on the objective: the framework's overall SEAL is the lowest objective SEAL,
so a guess anywhere would be a guess overall. Derived scores are SEAL / 4 of the objective's maximum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..i18n import _, day
from ..model.profile import CsfAssessment, CsfObjective, Offer
from .base import Finding, Measure, Subject, measure, unique
from .core import (
    data_residency,
    extraterritorial_exposure,
    non_eu_control,
    secnumcloud_status,
    us_partnership,
)
from .jurisdiction import admin_from_eu

Derivation = Callable[[Subject, dt.date], Finding]
STRONG_US_TIES = ("technology_licence", "joint_venture", "us_controlled")


def _seal(level: int, reason: str, sources: tuple[str, ...]) -> Finding:
    # Translators: {reason} says what the level rests on.
    text = _("SEAL-{level} (derived): {reason}").format(level=level, reason=reason)
    return Finding(level * 25.0, text, sources, seal=level, basis="derived")


def _unknown(reason: str) -> Finding:
    return Finding(None, _("SEAL cannot be shown: {reason}").format(reason=reason), basis="derived")


def sov1_strategic(subject: Subject, as_of: dt.date) -> Finding:
    control = non_eu_control(subject, as_of)
    if control.value is None:
        return _unknown(_("who controls the provider is not known"))
    if control.value:
        reason = _("decisive authority outside the EU ({reason})").format(reason=control.reason)
        return _seal(0, reason, control.sources)
    ties = us_partnership(subject, as_of)
    if ties.value in STRONG_US_TIES:
        # Translators: {ties} is the provider's strongest tie to a US company.
        reason = _("EU-controlled, but {ties}").format(ties=ties.reason)
        return _seal(2, reason, unique(control.sources, ties.sources))
    reason = _("EU-controlled ({reason}); SEAL-4 needs roadmap facts not recorded").format(
        reason=control.reason
    )
    return _seal(3, reason, control.sources)


def sov2_legal(subject: Subject, as_of: dt.date) -> Finding:
    exposure = extraterritorial_exposure(subject, as_of)
    if exposure.value is None:
        return _unknown(_("exposure to non-EU law is not known"))
    if not exposure.value:
        reason = _("not exposed to non-EU law: {reason}").format(reason=exposure.reason)
        return _seal(3, reason, exposure.sources)
    control = non_eu_control(subject, as_of)
    level = 0 if control.value else 1
    reason = _("exposed to non-EU law: {reason}").format(reason=exposure.reason)
    return _seal(level, reason, exposure.sources)


_RESIDENCY_SEAL = {
    "france_only": 3,
    "eu_only": 3,
    "eu_unguaranteed": 2,
    "eu_region_choice": 2,
    "outside_eu": 1,
}


def sov3_data(subject: Subject, as_of: dt.date) -> Finding:
    residency = data_residency(subject, as_of)
    if residency.value is None:
        return _unknown(_("where data is stored is not known"))
    level = _RESIDENCY_SEAL[str(residency.value)]
    # Translators: {value} is the code of the residency found (france_only, eu_only...), left as
    # it is: rubrics name it.
    reason = _("data residency {value}: {reason}").format(
        value=residency.value, reason=residency.reason
    )
    return _seal(level, reason, residency.sources)


def sov4_operational(subject: Subject, as_of: dt.date) -> Finding:
    admin = admin_from_eu(subject, as_of)
    if admin.value is None:
        return _unknown(_("where the service is administered from is not known"))
    if not admin.value:
        return _seal(1, admin.reason, admin.sources)
    ties = us_partnership(subject, as_of)
    if ties.value in STRONG_US_TIES:
        # Translators: {admin} says where the offer is administered from; {ties}, the provider's
        # strongest tie to a US company.
        reason = _("{admin}, but {ties}").format(admin=admin.reason, ties=ties.reason)
        return _seal(2, reason, unique(admin.sources, ties.sources))
    return _seal(3, admin.reason, admin.sources)


def sov5_supply_chain(subject: Subject, as_of: dt.date) -> Finding:
    ties = us_partnership(subject, as_of)
    if ties.value in STRONG_US_TIES:
        reason = _("core technology from a US company: {reason}").format(reason=ties.reason)
        return _seal(1, reason, ties.sources)
    if ties.value == "none":
        return _seal(
            2,
            _(
                "no US partner; hardware origin not recorded (the Commission deems "
                "SEAL-4 out of reach today for chips and hardware)"
            ),
            ties.sources,
        )
    return _unknown(_("the supply chain is not recorded"))


def sov6_technology(subject: Subject, as_of: dt.date) -> Finding:
    ties = us_partnership(subject, as_of)
    if ties.value in STRONG_US_TIES:
        reason = _("proprietary non-EU technology stack: {reason}").format(reason=ties.reason)
        return _seal(1, reason, ties.sources)
    return _unknown(_("openness of APIs, licences and standards is not recorded"))


def sov7_security(subject: Subject, as_of: dt.date) -> Finding:
    status = secnumcloud_status(subject, as_of)
    if status.value == "qualified":
        reason = _("SecNumCloud qualified: {reason}").format(reason=status.reason)
        return _seal(3, reason, status.sources)
    return _unknown(_("no SecNumCloud qualification; other certifications are not assessed"))


def sov8_environmental(subject: Subject, as_of: dt.date) -> Finding:
    return _unknown(_("environmental facts (PUE, energy, water) are not recorded"))


DERIVATIONS: dict[CsfObjective, tuple[str, Derivation]] = {
    "SOV-1": ("Strategic Sovereignty", sov1_strategic),
    "SOV-2": ("Legal & Jurisdictional Sovereignty", sov2_legal),
    "SOV-3": ("Data & AI Sovereignty", sov3_data),
    "SOV-4": ("Operational Sovereignty", sov4_operational),
    "SOV-5": ("Supply Chain Sovereignty", sov5_supply_chain),
    "SOV-6": ("Technology Sovereignty", sov6_technology),
    "SOV-7": ("Security & Compliance Sovereignty", sov7_security),
    "SOV-8": ("Environmental Sustainability", sov8_environmental),
}


def _latest_assessment(offer: Offer, objective: str, as_of: dt.date) -> CsfAssessment | None:
    published = [
        a for a in offer.csf_assessments if a.objective == objective and a.date.latest() <= as_of
    ]
    return max(published, key=lambda a: a.date.latest(), default=None)


def objective_measure(objective: CsfObjective) -> Derivation:
    """The latest published assessment of the objective by the as-of date, else a derivation."""
    derive = DERIVATIONS[objective][1]

    def assessed_or_derived(subject: Subject, as_of: dt.date) -> Finding:
        assessment = _latest_assessment(subject.offer, objective, as_of)
        if assessment is None:
            return derive(subject, as_of)
        score = assessment.score if assessment.score is not None else assessment.seal * 25.0
        # Translators: {assessor} is who published the assessment; {rationale}, their words.
        reason = _("SEAL-{seal} (assessed by {assessor}, {date}): {rationale}").format(
            seal=assessment.seal,
            assessor=assessment.assessed_by,
            date=day(assessment.date),
            rationale=assessment.rationale,
        )
        return Finding(
            score, reason, tuple(assessment.sources), seal=assessment.seal, basis="assessment"
        )

    return assessed_or_derived


OBJECTIVES: tuple[Measure, ...] = tuple(
    measure(
        "number",
        name=f"csf_{objective.lower().replace('-', '')}",
        description=f"EU CSF {objective} {name}: score (% of its maximum) and SEAL level; a "
        "published assessment, or derived from the profile's facts.",
        reads=(
            "ownership",
            "partnerships",
            "extraterritorial_exposure",
            "offer.location",
            "offer.administration",
            "offer.technology",
            "offer.qualifications",
            "offer.csf_assessments",
        ),
    )(objective_measure(objective))
    for objective, (name, __) in DERIVATIONS.items()
)
"""One measure per objective, SOV-1..SOV-8, named csf_sov1..csf_sov8."""

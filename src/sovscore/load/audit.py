"""What `validate` checks beyond validity: scored facts without a source, undated sources, stale
profiles (`validate --strict` fails on them), and scored facts resting only on compilations or
analyses (`validate --strict-sources` fails on those). Otherwise they are warnings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import Problem
from ..measures import MEASURES
from ..model.profile import STALE_AFTER_MONTHS
from ..model.rubric import Rubric
from ..score.evidence import WEAK_KINDS, scored_facts
from .catalogue import Catalogue


@dataclass(frozen=True)
class Audit:
    gaps: list[Problem]
    """Scored facts without a source, undated sources, stale profiles (--strict fails)."""
    weak: list[Problem]
    """Scored facts whose every source is a compilation or an analysis: pointers to check
    against the document itself or the provider's own word (--strict-sources fails)."""


def audit(catalogue: Catalogue, rubric: Rubric, today: dt.date) -> Audit:
    scored = {field for c in rubric.criteria for field in MEASURES[c.measure].reads}
    gaps: list[Problem] = []
    weak: list[Problem] = []
    for provider_id, provider in catalogue.providers.items():
        document, index = catalogue.origin[provider_id]
        if provider.stale_on(today):
            gaps.append(
                document.problem(
                    ("providers", index, "reviewed"),
                    f"{provider.reviewed} is more than {STALE_AFTER_MONTHS} months ago "
                    "(expected a profile checked within the last year)",
                )
            )
        for path, fact, sources in scored_facts(provider, scored):
            where = ("providers", index, *path, "sources")
            if not sources:
                gaps.append(document.problem(where, f"{fact} is scored but cites no source"))
                continue
            kinds = sorted({catalogue.sources[i].kind for i in sources if i in catalogue.sources})
            if kinds and set(kinds) <= WEAK_KINDS:
                weak.append(
                    document.problem(
                        where,
                        f"{fact} rests only on {' and '.join(kinds)} sources (expected the "
                        "document itself, the provider's own word, or press)",
                    )
                )
    for source_id, source in catalogue.sources.items():
        if source.date is None and source.accessed is None:
            document, index = catalogue.source_origin[source_id]
            gaps.append(
                document.problem(
                    ("sources", index, "date"),
                    "has no date (expected the publication date, or `accessed:` for an undated page)",
                )
            )
    return Audit(gaps, weak)

"""The annex: one self-contained HTML document for a tender file, from a ranking.

Built from the same words as the table and Markdown (render/views.py), in the language chosen,
and painted by a Jinja2 template whose autoescape turns every value into text: a provider named
`<script>` is shown, never run; a link is drawn only for an http(s) address. No script, no
external resource (a Content-Security-Policy says so to the browser), so the page reads the same
offline, printed, and in ten years.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from .. import __version__, i18n
from ..i18n import _, day
from ..model.profile import Source
from ..score.scoring import ProviderResult, Ranking
from .views import _gate_status as gate_status
from .views import _place as place
from .views import (
    basis_text,
    bounds_text,
    corrected_facts,
    criterion_points,
    eligibility_word,
    evidence_text,
    gate_names,
    identity_facts,
    kind_word,
    offer_facts,
    one_decimal,
    percent,
    places_text,
    primary_text,
    projection_text,
    scope_text,
    seal_text,
    show_value,
    why_text,
)


@dataclass(frozen=True)
class DataFile:
    name: str
    digest: str


_SAFE_CSS = re.compile(r"[^A-Za-z0-9 .:/_-]")


def _css_text(text: str) -> str:
    """Text for a CSS string in the page header: only characters that need no escape in CSS
    nor in HTML (the style element is raw text: an entity would show as itself)."""
    return _SAFE_CSS.sub("", text)[:120]


def _link(url: str) -> str | None:
    """The address as a link target, only for the web (never javascript: or data:)."""
    return url if url.startswith(("https://", "http://")) else None


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("sovscore", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda message: i18n._(message),
        lambda singular, plural, count: i18n.n_(singular, plural, count),
        newstyle=True,
    )
    return env


def _anchor(key: str) -> str:
    return "unit-" + re.sub(r"[^a-z0-9-]", "-", key.lower())


def report_html(
    ranking: Ranking,
    chosen: Sequence[ProviderResult],
    sources: Mapping[str, Source],
    files: Sequence[DataFile],
    corrections: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """The annex for the results `chosen` (every result of the ranking, or those named), in
    their ranking's order, with every source they cite once, numbered."""
    numbers: dict[str, int] = {}

    def number(source_id: str) -> int:
        return numbers.setdefault(source_id, len(numbers) + 1)

    units = [_unit(ranking, result, number, corrections or {}) for result in chosen]
    rubric = ranking.rubric
    reviewed = [r.provider.reviewed.latest() for r in ranking.results]
    registers = [
        _("{scheme} register: {day}").format(scheme=scheme, day=day(read))
        for scheme, read in ranking.register_reads.items()
    ]
    meta = {
        "version": __version__,
        "as_of": day(ranking.as_of),
        "rubric_id": rubric.id,
        "rubric_version": rubric.version,
        "rubric_title": rubric.title,
        "rubric_source": rubric.source,
        "scope": scope_text(ranking),
        "reviewed": _("{first} to {last}").format(first=day(min(reviewed)), last=day(max(reviewed)))
        if reviewed
        else "",
        "registers": registers,
        "projected": projection_text(ranking.projected_after),
        "files": [{"name": os.path.basename(f.name), "digest": f.digest} for f in files],
        "seal": rubric.seal,
        "gated": ranking.gated,
        "caption": _(
            "Bounds: the lowest and highest score the unknown facts allow; Places: the ranks "
            "they allow (a range is a tie within unknowns); Primary sources: the share of the "
            "score resting on official documents or the providers' own statements."
        ),
        "page_header": _css_text(f"sovscore {rubric.id} {rubric.version} {ranking.as_of}"),
    }
    ranking_rows = [
        {
            "rank": r.rank,
            "anchor": _anchor(ranking.key(r)),
            "name": r.provider.name,
            "offer": r.offer.name,
            "score": one_decimal(r.score),
            "bounds": bounds_text(r),
            "places": places_text(r),
            "grade": r.grade,
            "grade_class": re.sub(r"[^a-z]", "", r.grade.lower()) or "none",
            "seal": seal_text(r.seal, r.seal_at_most),
            "eligibility": eligibility_word(r.eligibility),
            "eligibility_class": {"eligible": "good", "ineligible": "bad"}.get(
                r.eligibility or "", "unknown"
            ),
            "failed_gates": gate_names(r, "fail"),
            "primary": primary_text(r).text,
            "warnings": len(r.warnings) or "",
        }
        for r in chosen
    ]
    warnings = [{"who": r.provider.name, "text": w.message} for r in chosen for w in r.warnings]
    references = [
        {
            "title": ref.title,
            "when": _("issued {issued}, in force {in_force}").format(
                issued=day(ref.date), in_force=ref.in_force_text()
            ),
            "kind": kind_word(ref.kind),
            "url": ref.url,
            "link": _link(ref.url),
            "note": ref.note,
        }
        for ref in rubric.references
    ]
    bibliography = []
    for source_id, position in sorted(numbers.items(), key=lambda item: item[1]):
        source = sources.get(source_id)
        if source is None:
            continue
        when = (
            day(source.date)
            if source.date
            else _("undated, read {day}").format(
                day=day(source.accessed) if source.accessed else "?"
            )
        )
        bibliography.append(
            {
                "number": position,
                "id": source.id,
                "title": source.title,
                "publisher": source.publisher,
                "when": when,
                "url": source.url,
                "link": _link(source.url),
                "kind": kind_word(source.kind),
                "kind_class": source.kind,
            }
        )
    context: dict[str, Any] = {
        "lang": i18n.language(),
        "meta": meta,
        "ranking": ranking_rows,
        "warnings": warnings,
        "units": units,
        "references": references,
        "sources": bibliography,
    }
    return _environment().get_template("report.html").render(context)


def _unit(
    ranking: Ranking,
    result: ProviderResult,
    number: Any,
    corrections: Mapping[str, Sequence[str]],
) -> dict[str, Any]:
    """One provider (as its best offer) or offer, explained criterion by criterion."""
    offer_rows = [
        {
            "name": o.offer.name,
            "service": ", ".join(o.offer.service_models),
            "score": f"{one_decimal(o.score)} {o.grade}",
            "place": place(o.offer),
        }
        for o in result.offers
    ]
    criteria = [
        {
            "label": c.label,
            "value": show_value(c.value, c.status),
            "unknown": c.status == "unknown",
            "points": criterion_points(c).text,
            "weight": percent(c.weight),
            "adds": one_decimal(c.contribution),
            "reason": c.reason,
            "notes": list(c.notes) if why_text(c) != c.reason else [],
            "evidence": evidence_text(c),
            "sources": [{"number": number(s)} for s in c.sources],
        }
        for c in result.criteria
    ]
    gates = []
    for g in result.gates:
        status, tone = gate_status(g.status)
        gates.append(
            {
                "label": g.label,
                "article": g.article or "",
                "status": status,
                "status_class": tone,
                "reason": g.reason,
            }
        )
    for g in result.gates:
        for s in g.sources:
            number(s)
    headline = _(
        "{score}/100, grade {grade}, rank {rank} of {count}; bounds {bounds}, could rank "
        "{places}; coverage {coverage}; primary sources {primary}"
    ).format(
        score=one_decimal(result.score),
        grade=result.grade,
        rank=result.rank,
        count=len(ranking.results),
        bounds=bounds_text(result),
        places=places_text(result),
        coverage=percent(result.coverage),
        primary=primary_text(result).text,
    )
    if ranking.rubric.seal:
        headline += f"; {seal_text(result.seal, result.seal_at_most)}"
    if any(b != "facts" for b in result.bases):
        headline += f"; {basis_text(result)}"
    reviewed = result.provider.reviewed.latest()
    projected = projection_text(reviewed) if ranking.as_of > reviewed else None
    title = result.subject.label if ranking.unit == "offer" else result.provider.name
    return {
        "anchor": _anchor(ranking.key(result)),
        "title": title,
        "headline": headline,
        "projected": projected,
        "identity": identity_facts(result.provider)
        + corrected_facts(corrections.get(result.provider.id, ())),
        "offers": offer_rows if ranking.unit == "provider" else [],
        "offer_facts": offer_facts(result, ranking.as_of),
        "criteria": criteria,
        "gates": gates,
        "eligibility": eligibility_word(result.eligibility),
        "warnings": [w.message for w in result.warnings],
    }

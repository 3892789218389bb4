"""Plain-text pieces every human-facing renderer shares."""

from __future__ import annotations

from ..escape import clean
from ..measures.core import Value
from ..model.profile import Holder, Provider, Source
from ..score.scoring import ProviderResult

__all__ = ["clean"]


def show_value(value: Value | None, status: str = "scored") -> str:
    if status == "shown":
        return "shown by qualification"
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:g} %"
    return str(value)


def one_decimal(number: float) -> str:
    return f"{number:.1f}"


def percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}%"


def _holder(h: Holder) -> str:
    votes = "" if h.voting is None else f", {h.voting:g} % of votes"
    return f"{h.name} ({h.country or 'country unknown'}, {h.share_text()}{votes})"


def identity_facts(provider: Provider) -> list[tuple[str, str]]:
    """Who the provider is, owned and tied to, as (label, text) lines for people."""
    facts = [
        (
            "Headquarters",
            ", ".join(x for x in (provider.city, provider.headquarters) if x) or "unknown",
        ),
        ("Founded", str(provider.founded) if provider.founded else "unknown"),
        ("Website", provider.website or "unknown"),
        ("Reviewed", str(provider.reviewed)),
    ]
    ownership = provider.ownership
    if ownership is None or ownership.holders is None:
        facts.append(("Owners", "unknown"))
    else:
        owners = "; ".join(_holder(h) for h in ownership.holders) or "none listed"
        if ownership.complete is not True:
            owners += "; others unknown"
        as_of = f" [as of {ownership.as_of}]" if ownership.as_of else ""
        facts.append(("Owners", owners + as_of))
    controlled = ownership.controlled_by if ownership else None
    facts.append(("Controlled from", controlled or "unknown"))
    if provider.partnerships is None:
        facts.append(("Partners", "unknown"))
    else:
        partners = "; ".join(
            f"{p.partner} ({p.country or '?'}, {p.kind.replace('_', ' ')}"
            f"{f', since {p.since}' if p.since else ''})"
            for p in provider.partnerships.items
        )
        facts.append(("Partners", partners or "none"))
    return facts


def citation_line(source: Source) -> str:
    """Title. Publisher, date. URL — with the access date for an undated page."""
    when = (
        str(source.date)
        if source.date
        else f"undated, read {source.accessed or 'on an unknown day'}"
    )
    return f"{source.title}. {source.publisher}, {when}. {source.url}"


ELIGIBILITY_MARK = {"eligible": "yes", "ineligible": "no", "cannot_be_shown": "not shown"}


def seal_text(seal: int | None, at_most: int | None) -> str:
    """'SEAL-2'; '<= SEAL-2' when some objective cannot be shown; '?' when none can."""
    if seal is not None:
        return f"SEAL-{seal}"
    if at_most is not None:
        return f"<= SEAL-{at_most}"
    return "?"


def gate_names(result: ProviderResult, status: str) -> str:
    """The gates with that status, by article when the rubric gives one."""
    return ", ".join(dict.fromkeys(g.article or g.id for g in result.gates if g.status == status))

"""What each command shows people, built once: blocks of headings, facts, grids and notes, with
semantic tones (good, bad, unknown, warning). The table and Markdown renderers only paint them,
so both say the same thing: eligibility, failed gates, SEAL and warnings included.

Text here is plain text: each painter escapes it for its medium.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ..i18n import _, compact, day, n_, number, share
from ..measures.base import unique
from ..measures.core import partnership_word
from ..model.profile import Holder, Offer, Partnership, Provider, Source
from ..model.rubric import Reference, Rubric, Value

if TYPE_CHECKING:
    from ..measures.base import Measure
    from ..score.compare import Comparison
    from ..score.coverage import Coverage, Due
    from ..score.diff import Change, Diff
    from ..score.explain import Explanation
    from ..score.offers import OfferRow, SchemeStatus
    from ..score.scoring import CriterionResult, CriterionStatus, ProviderResult, Ranking
    from ..score.sensitivity import Sensitivity

Tone = Literal["plain", "strong", "dim", "accent", "good", "bad", "unknown", "warning", "grade"]
"""How a piece of text reads: `grade` is toned by the grade itself (A good ... E bad)."""
Align = Literal["left", "right", "center"]


@dataclass(frozen=True)
class Cell:
    text: str
    tone: Tone = "plain"
    bar: float | None = None
    """A score (0-100) the table may draw as a bar; other media show nothing."""


@dataclass(frozen=True)
class Column:
    header: str
    align: Align = "left"
    wrap: bool = True
    """False: never wrap this column (names, ranks)."""
    ratio: int | None = None
    """A share of the spare width, for long texts."""
    optional: int = 0
    """May be left out where the width is short (the table drops it; Markdown keeps it): 0
    never, else the higher the sooner."""
    bar: bool = False
    """Its cells are score bars: drawn by the table, left out where text cannot draw them."""
    fold: bool = False
    """Long words (ids, lists of articles) are folded onto the next line rather than cut."""
    short: str | None = None
    """A shorter header, for when the full ones do not fit the width."""


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Line:
    parts: tuple[Cell, ...]


@dataclass(frozen=True)
class Facts:
    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Grid:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    title: str | None = None
    caption: str | None = None
    ruled: bool = False
    """A line between rows (rows of several lines)."""


@dataclass(frozen=True)
class Note:
    parts: tuple[Cell, ...]
    details: tuple[Cell, ...] = ()


@dataclass(frozen=True)
class Notes:
    title: str
    notes: tuple[Note, ...]
    tone: Tone = "strong"
    empty: str = field(default="")
    """What to say when there is no note (shown instead of leaving the title bare)."""


Block = Title | Line | Facts | Grid | Notes
View = tuple[Block, ...]


def eligibility_word(code: str | None, default: str = "") -> str:
    """The word people read for an eligibility code: 'yes', 'no', 'not shown'."""
    words = {
        # Translators: eligible (for a public tender): yes.
        "eligible": _("yes"),
        # Translators: eligible (for a public tender): no.
        "ineligible": _("no"),
        # Translators: eligibility that the facts cannot show either way.
        "cannot_be_shown": _("not shown"),
    }
    return words.get(code or "", default)


_ELIGIBILITY_TONE: dict[str, Tone] = {
    "eligible": "good",
    "ineligible": "bad",
    "cannot_be_shown": "unknown",
}


def _gate_status(code: str) -> tuple[str, Tone]:
    """The word and tone of a gate's result code ('pass', 'fail', 'unknown')."""
    words: dict[str, tuple[str, Tone]] = {
        # Translators: a gate (a condition of eligibility) is met.
        "pass": (_("met"), "good"),
        # Translators: a gate (a condition of eligibility) failed.
        "fail": (_("failed"), "bad"),
        # Translators: the facts cannot show whether a gate is met.
        "unknown": (_("not shown"), "unknown"),
    }
    return words[code]


def kind_word(kind: str) -> str:
    """The word people read for a source kind (what was read)."""
    words = {
        # Translators: a source kind: a document a public authority issued.
        "official": _("official"),
        # Translators: a source kind: the provider's own page, terms or filing.
        "provider": _("provider"),
        # Translators: a source kind: journalism.
        "press": _("press"),
        # Translators: a source kind: a copy or digest of other documents.
        "compilation": _("compilation"),
        # Translators: a source kind: a third party's analysis.
        "analysis": _("analysis"),
    }
    return words.get(kind, kind)


def status_word(code: str) -> str:
    """The word people read for an offer's status under a scheme."""
    words = {
        "qualified": _("qualified"),
        "in_progress": _("in progress"),
        "unverified": _("unverified"),
        "expired": _("expired"),
        "withdrawn": _("withdrawn"),
        # Translators: no status under a scheme (never qualified nor applied).
        "none": _("none"),
        "unknown": _("unknown"),
    }
    return words.get(code, code.replace("_", " "))


def measure_kind_word(kind: str) -> str:
    """The word people read for the kind of a measure's values."""
    words = {
        # Translators: a measure whose values are categories.
        "category": _("category"),
        # Translators: a measure whose values are numbers.
        "number": _("number"),
        # Translators: a measure whose values are yes or no.
        "boolean": _("boolean"),
    }
    return words.get(kind, kind)


MAX_CRITERIA_COLUMNS = 5
"""Past five criteria a ranking's columns no longer fit a terminal: `show` and --json give all."""


def one_decimal(value: float) -> str:
    return number(value, 1)


def percent(fraction: float) -> str:
    return share(fraction)


def points_text(points: float | None) -> Cell:
    return Cell("?", "dim") if points is None else Cell(compact(points))


def show_value(value: Value | None, status: CriterionStatus = "scored") -> str:
    if status == "shown":
        # Translators: a criterion's value, shown by a SecNumCloud qualification.
        return _("shown by qualification")
    if value is None:
        return _("unknown")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        # Translators: a percentage, e.g. "75 %".
        return _("{value} %").format(value=compact(value))
    return str(value)


def seal_text(seal: int | None, at_most: int | None) -> str:
    """'SEAL-2'; '<= SEAL-2' when some objective cannot be shown; '?' when none can."""
    if seal is not None:
        return f"SEAL-{seal}"
    if at_most is not None:
        # Translators: at most this sovereignty level (SEAL-0 to SEAL-4, a name: keep it).
        return _("<= SEAL-{level}").format(level=at_most)
    return "?"


def gate_names(result: ProviderResult, status: str, separator: str = ", ") -> str:
    """The gates with that status, by article when the rubric gives one."""
    return separator.join(unique([g.article or g.id for g in result.gates if g.status == status]))


def eligibility_cell(result: ProviderResult) -> Cell:
    code = result.eligibility or ""
    return Cell(eligibility_word(code), _ELIGIBILITY_TONE.get(code, "plain"))


def citation_line(source: Source) -> str:
    """Title. Publisher, date. URL — with the access date for an undated page."""
    if source.date:
        when = day(source.date)
    elif source.accessed:
        # Translators: a source's page shows no date; {day} is when it was read.
        when = _("undated, read {day}").format(day=day(source.accessed))
    else:
        when = _("undated, read on an unknown day")
    # Translators: a citation: title. publisher, date. address.
    return _("{title}. {publisher}, {when}. {url}").format(
        title=source.title, publisher=source.publisher, when=when, url=source.url
    )


def _holder(h: Holder) -> str:
    country = h.country or _("country unknown")
    if h.voting is None:
        # Translators: a holder of capital: name (country, share of capital).
        return _("{name} ({country}, {share})").format(
            name=h.name, country=country, share=h.share_text()
        )
    # Translators: a holder of capital: name (country, share of capital, share of votes).
    return _("{name} ({country}, {share}, {votes} % voting rights)").format(
        name=h.name, country=country, share=h.share_text(), votes=compact(h.voting)
    )


def identity_facts(provider: Provider) -> tuple[tuple[str, str], ...]:
    """Who the provider is, owned and tied to, as (label, text) lines for people."""
    unknown = _("unknown")
    facts = [
        (
            _("Headquarters"),
            ", ".join(x for x in (provider.city, provider.headquarters) if x) or unknown,
        ),
        (_("Founded"), str(provider.founded) if provider.founded else unknown),
        (_("Website"), provider.website or unknown),
        # Translators: the day the provider's profile was last reviewed.
        (_("Reviewed"), day(provider.reviewed)),
    ]
    ownership = provider.ownership
    if ownership is None or ownership.holders is None:
        facts.append((_("Owners"), unknown))
    else:
        owners = "; ".join(_holder(h) for h in ownership.holders) or _("none listed")
        if ownership.complete is not True:
            # Translators: after the list of known owners: the other owners are unknown.
            owners += "; " + _("others unknown")
        if ownership.as_of:
            # Translators: {owners} is the list of owners, {day} when the figures held.
            owners = _("{owners} [as of {day}]").format(owners=owners, day=day(ownership.as_of))
        facts.append((_("Owners"), owners))
    controlled = ownership.controlled_by if ownership else None
    facts.append((_("Controlled from"), controlled or unknown))
    if provider.partnerships is None:
        facts.append((_("Partners"), unknown))
    else:
        partners = "; ".join(_partner(p) for p in provider.partnerships.items)
        # Translators: no partner.
        facts.append((_("Partners"), partners or _("none")))
    return tuple(facts)


def corrected_facts(corrections: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Which facts an override file changed, where people read the provider's identity."""
    # Translators: a label, followed by 'file:line: provider/offer fields (set|added)'.
    return tuple((_("Overridden by"), c) for c in corrections)


def _partner(p: Partnership) -> str:
    """'Name (US, joint venture, since 2024)'."""
    country, kind = p.country or "?", partnership_word(p.kind)
    if p.since:
        # Translators: a partner: name (country, kind of partnership, since a day).
        return _("{partner} ({country}, {kind}, since {day})").format(
            partner=p.partner, country=country, kind=kind, day=day(p.since)
        )
    # Translators: a partner: name (country, kind of partnership).
    return _("{partner} ({country}, {kind})").format(partner=p.partner, country=country, kind=kind)


# --- rank ------------------------------------------------------------------------------------


def scope_text(ranking: Ranking) -> str:
    """Which offers stand for whom: the scope asked for, and who has none in it."""
    if ranking.scope is None:
        if ranking.unit == "offer":
            text = _("every offer ranked on its own")
        else:
            text = _("each provider as its best offer")
    else:
        scope = ", ".join(sorted(ranking.scope))
        if ranking.unit == "offer":
            # Translators: {scope} lists service models (iaas, paas...), as typed in --scope.
            text = _("every offer ranked on its own in {scope}").format(scope=scope)
        else:
            # Translators: {scope} lists service models (iaas, paas...), as typed in --scope.
            text = _("each provider as its best offer in {scope}").format(scope=scope)
    if ranking.out_of_scope:
        # Translators: {names} lists the providers with no offer in the scope asked for.
        text += "; " + _("no offer in scope: {names}").format(names=", ".join(ranking.out_of_scope))
    return text


def bounds_text(result: ProviderResult) -> str:
    """'50.0-80.0', or the score alone when no unknown fact leaves it open."""
    low, high = one_decimal(result.low), one_decimal(result.high)
    return low if low == high else f"{low}-{high}"


def places_text(result: ProviderResult) -> str:
    """The ranks its bounds allow: '3' when they settle it, '1-10' for ties within unknowns."""
    best, worst = result.places
    return str(best) if best == worst else f"{best}-{worst}"


def primary_text(result: ProviderResult) -> Cell:
    if result.primary is None:
        return Cell("-", "dim")
    return Cell(percent(result.primary), "plain" if result.primary >= 0.5 else "unknown")


def basis_words() -> dict[str, str]:
    """The words people read for how a value was reached (a measure's basis code)."""
    return {
        # Translators: a value read from the facts.
        "facts": _("facts"),
        # Translators: a value assessed (by a rubric reading assessments).
        "assessment": _("assessed"),
        # Translators: a value derived from other facts.
        "derived": _("derived"),
        # Translators: a value shown by a qualification (SecNumCloud).
        "qualification": _("by qualification"),
    }


def basis_text(result: ProviderResult) -> str:
    """How its values were reached, when not only from the facts: 'assessed', 'derived'..."""
    words = basis_words()
    return ", ".join(words[b] for b in result.bases)


def projection_text(after: dt.date | None) -> str | None:
    if after is None:
        return None
    return _("facts after {day} are projected, not observed").format(day=day(after))


def register_text(ranking: Ranking) -> str:
    """When each register was last read, and how long before the day."""
    texts = []
    for scheme, read in ranking.register_reads.items():
        if scheme != "secnumcloud" and len(ranking.register_reads) != 1:
            continue
        count = (ranking.as_of - read).days
        # Translators: {scheme} is a scheme's id (secnumcloud...); {read} the day its register
        # was last read; {as_of} the day of the ranking.
        text = n_(
            "{scheme} register last read {read} ({count} day before {as_of})",
            "{scheme} register last read {read} ({count} days before {as_of})",
            count,
        )
        texts.append(
            text.format(scheme=scheme, read=day(read), count=count, as_of=day(ranking.as_of))
        )
    return "; ".join(texts)


def warnings_notes(
    results: Sequence[ProviderResult], key: Callable[[ProviderResult], str]
) -> Notes:
    return Notes(
        _("Warnings"),
        tuple(
            Note((Cell(f"! {key(r)}: ", "warning"), Cell(w.message)))
            for r in results
            for w in r.warnings
        ),
        tone="warning",
    )


def ranking_view(ranking: Ranking) -> View:
    rubric = ranking.rubric
    # Translators: how the rubric scores an unknown fact: 0 points, or left out of the score.
    unknown = _("unknown: 0 points") if rubric.unknown == "zero" else _("unknown: left out")
    weights = ", ".join(f"{c.id} {percent(ranking.weights[c.id])}" for c in rubric.criteria)
    gated = ranking.gated
    based = any(r.bases != ("facts",) for r in ranking.results)
    columns = [
        # Translators: the header of the rank column.
        Column(_("#"), "right", wrap=False),
        Column(_("Provider")),
        Column(_("Offer"), optional=3) if ranking.unit == "provider" else Column(_("Offer")),
        Column(_("Score"), "right", wrap=False),
        Column("", wrap=False, bar=True),
        # Translators: a column header: the lowest and highest score the unknowns allow.
        # Optional last of all (after the criteria): Places still says what the bounds allow.
        Column(_("Bounds"), "right", wrap=False, optional=1),
        # Translators: a column header: the ranks the unknowns allow.
        Column(_("Places"), "right", wrap=False),
        # Translators: "Gr." is the short form of the column header "Grade".
        Column(_("Grade"), "center", short=_("Gr.")),
    ]
    if rubric.seal:
        columns.append(Column("SEAL", wrap=False))
    if gated:
        columns.append(Column(_("Eligible")))
    many = len(rubric.criteria) > MAX_CRITERIA_COLUMNS
    columns += [
        Column(c.label, "right", optional=1 if many else 0, short=c.short) for c in rubric.criteria
    ]
    # Translators: "Cov." is the short form of the column header "Coverage".
    columns.append(Column(_("Coverage"), "right", short=_("Cov.")))
    # Translators: "Primary": the share of the score on official or provider sources; "Prim."
    # is its short form.
    columns.append(Column(_("Primary"), "right", short=_("Prim."), optional=2))
    if based:
        # Translators: a column header: how the values were reached (assessed, derived...).
        columns.append(Column(_("Basis")))
    # Translators: a column header: the number of warnings ("!" when short).
    columns.append(Column(_("Warn"), "right", wrap=False, short="!"))
    if gated:
        # Translators: "Failed" is the short form of the column header "Failed gates".
        columns.append(Column(_("Failed gates"), wrap=False, short=_("Failed")))
    rows = []
    for r in ranking.results:
        row = [
            Cell(str(r.rank)),
            Cell(r.provider.name),
            Cell(r.offer.name, "dim"),
            Cell(one_decimal(r.score), "strong"),
            Cell("", bar=r.score),
            Cell(bounds_text(r), "plain" if r.low == r.high else "unknown"),
            Cell(places_text(r), "plain" if r.places[0] == r.places[1] else "unknown"),
            Cell(r.grade, "grade"),
        ]
        if rubric.seal:
            row.append(Cell(seal_text(r.seal, r.seal_at_most)))
        if gated:
            row.append(eligibility_cell(r))
        row += [points_text(c.points) for c in r.criteria]
        row.append(Cell(percent(r.coverage), "plain" if r.coverage >= 1 else "unknown"))
        row.append(primary_text(r))
        if based:
            row.append(Cell(basis_text(r)))
        row.append(Cell(f"! {len(r.warnings)}" if r.warnings else "", "warning"))
        if gated:
            # One article a line: a table never breaks "19.6 b" in two.
            row.append(Cell(gate_names(r, "fail", "\n"), "bad"))
        rows.append(tuple(row))
    # Translators: {rubric} and {version} name the rubric; {weights} lists each criterion's
    # id and weight ("jurisdiction 30%, ...").
    caption = _("rubric {rubric} {version}: {weights}").format(
        rubric=rubric.id, version=rubric.version, weights=weights
    )
    caption += "; " + unknown
    if ranking.min_seal is not None:
        # Translators: the lowest SEAL level a tender accepts (SEAL-n is a name: keep it).
        caption += "; " + _("tender minimum SEAL-{level}").format(level=ranking.min_seal)
    caption += "; " + scope_text(ranking)
    caption += ". " + _(
        "Bounds: the lowest and highest score the unknown facts allow; Places: the ranks "
        "they allow (a range is a tie within unknowns); Primary: the share of the score on "
        "official or provider sources"
    )
    read = [
        text for text in (projection_text(ranking.projected_after), register_text(ranking)) if text
    ]
    if read:
        caption += ". " + "; ".join(read)
    if ranking.unit == "offer":
        title = _("Sovereignty ranking of offers as of {day}").format(day=day(ranking.as_of))
    else:
        title = _("Sovereignty ranking of providers as of {day}").format(day=day(ranking.as_of))
    blocks: list[Block] = [Grid(tuple(columns), tuple(rows), title=title, caption=caption)]
    if any(r.warnings for r in ranking.results):
        blocks.append(warnings_notes(ranking.results, ranking.key))
    return tuple(blocks)


# --- show and sources ------------------------------------------------------------------------


def detail_view(detail: Explanation) -> View:
    result = detail.result
    provider = result.provider
    ranking = detail.ranking
    heading = [
        Cell(result.subject.label if detail.of_offer else provider.name, "strong"),
        # Translators: the score out of 100, before the grade (a letter, shown next).
        Cell("  " + _("{score}/100  grade ").format(score=one_decimal(result.score))),
        Cell(result.grade, "grade"),
        Cell(
            "  "
            + _("rank {rank} of {count}  coverage {coverage}  as of {day}  rubric {rubric}").format(
                rank=result.rank,
                count=detail.out_of,
                coverage=percent(result.coverage),
                day=day(ranking.as_of),
                rubric=ranking.rubric.id,
            )
        ),
    ]
    if result.low != result.high or result.places[0] != result.places[1]:
        heading.append(
            Cell(
                "  "
                # Translators: the score's bounds ("50.0-80.0") and the ranks they allow.
                + _("bounds {bounds}  could rank {places}").format(
                    bounds=bounds_text(result), places=places_text(result)
                ),
                "unknown",
            )
        )
    if ranking.rubric.seal:
        heading.append(Cell(f"  {seal_text(result.seal, result.seal_at_most)}"))
    if result.eligibility is not None:
        # Translators: followed by yes, no or not shown.
        heading += [Cell("  " + _("eligible: ")), eligibility_cell(result)]
    blocks: list[Block] = [Line(tuple(heading))]
    projected = projection_text(detail.projected_after)
    if projected:
        blocks.append(
            Line(
                (
                    Cell(
                        # Translators: {projected} says which facts are projected; {day} is
                        # when the profile was last reviewed.
                        _("Note: {projected} (profile reviewed {day})").format(
                            projected=projected, day=day(provider.reviewed)
                        ),
                        "warning",
                    ),
                )
            )
        )
    blocks.append(Facts(identity_facts(provider) + corrected_facts(detail.corrections)))
    if not detail.of_offer and result.offers:
        blocks.append(_offers_grid(result))
    blocks.append(Facts(offer_facts(result, ranking.as_of)))
    criteria = [
        (
            Cell(c.label),
            Cell(show_value(c.value, c.status), "plain" if c.status != "unknown" else "unknown"),
            criterion_points(c),
            Cell(percent(c.weight)),
            Cell(number(c.contribution)),
            *([Cell(seal_text(c.seal, None))] if ranking.rubric.seal else []),
            Cell(why_text(c)),
            evidence_cell(c),
            # Translators: no source.
            Cell("\n".join(c.sources) or _("none"), "accent" if c.sources else "bad"),
        )
        for c in result.criteria
    ]
    blocks.append(
        Grid(
            (
                Column(_("Criterion")),
                Column(_("Value")),
                Column(_("Points"), "right"),
                Column(_("Weight"), "right"),
                # Translators: a column header: the points a criterion adds to the score.
                Column(_("Adds"), "right"),
                *([Column("SEAL", wrap=False)] if ranking.rubric.seal else []),
                Column(_("Why"), ratio=1),
                Column(_("Evidence")),
                Column(_("Sources"), fold=True),
            ),
            tuple(criteria),
            title=_("How the score of {offer} is made").format(offer=result.offer.name),
            caption=_(
                "Points: a range is what the unknown facts allow. Evidence: the kind of "
                "the strongest source (official, provider, press, analysis, compilation), and how "
                "the value was reached when not read from the facts"
            ),
        )
    )
    if result.gates:
        blocks.append(_gates_grid(result))
    warnings = unique([w.message for r in (result.offers or (result,)) for w in r.warnings])
    if warnings:
        blocks.append(
            Notes(
                _("Warnings"),
                tuple(Note((Cell(f"! {w}", "warning"),)) for w in warnings),
                tone="warning",
            )
        )
    if provider.market_shares:
        blocks.append(
            Notes(
                _("Market context (not scored)"),
                tuple(
                    Note(
                        (
                            Cell(
                                # Translators: a market share: market, period: share (measured
                                # by; sources).
                                _("{market}, {period}: {share} % ({by}; {sources})").format(
                                    market=m.market,
                                    period=m.period,
                                    share=compact(m.share),
                                    by=m.by,
                                    sources=", ".join(m.sources),
                                )
                            ),
                        )
                    )
                    for m in provider.market_shares
                ),
            )
        )
    blocks.append(_sources_notes(detail))
    return tuple(blocks)


def criterion_points(c: CriterionResult) -> Cell:
    """Its points, with the range its unknown facts leave open: '? (0-100)', '75 (75-100)'."""
    if c.low == c.high:
        return points_text(c.points)
    known = "?" if c.points is None else compact(c.points)
    return Cell(f"{known} ({compact(c.low)}-{compact(c.high)})", "unknown")


def evidence_text(c: CriterionResult) -> str:
    kind = kind_word(c.evidence) if c.evidence else _("no source")
    return kind if c.basis == "facts" else f"{kind}; {basis_words()[c.basis]}"


def evidence_cell(c: CriterionResult) -> Cell:
    tone: Tone = "plain" if c.evidence in ("official", "provider", "press") else "unknown"
    return Cell(evidence_text(c), tone)


def why_text(c: CriterionResult) -> str:
    """The reason, and under an unknown or weakly sourced criterion, the notes beside its
    facts: what was looked for, what was found."""
    if not c.weak or not c.notes:
        return c.reason
    # Translators: a note beside a criterion's facts (what was looked for, what was found).
    return c.reason + "".join("\n" + _("Note: {note}").format(note=note) for note in c.notes)


def _place(offer: Offer) -> str:
    """Where an offer keeps data, in a few words."""
    location = offer.location
    if location is None or (location.storage is None and location.regions is None):
        return _("unknown")
    if location.chosen:
        # Translators: the customer picks where its data is kept, among these regions.
        return _("customer picks: {regions}").format(
            regions=", ".join(sorted(set(location.regions or [])))
        )
    where = ", ".join(sorted(location.countries()))
    firm = [
        w
        for w, shown in (
            # Translators: data is kept only in these countries.
            (_("exclusive"), location.exclusive),
            # Translators: where data is kept is bound by contract.
            (_("by contract"), location.contractual),
        )
        if shown
    ]
    return where + (f" ({', '.join(firm)})" if firm else "")


def _secnumcloud(result: ProviderResult, as_of: dt.date) -> str:
    from ..score.offers import scheme_status

    status = scheme_status(result, "secnumcloud", as_of)[0]
    if status.valid_until and status.status == "qualified":
        # Translators: qualified until a day.
        return _("qualified to {day}").format(day=day(status.valid_until))
    return status_word(status.status)


def _offers_grid(result: ProviderResult) -> Grid:
    as_of_rows = []
    for offer_result in result.offers:
        offer = offer_result.offer
        as_of_rows.append(
            (
                Cell(
                    offer_result.ref, "accent" if offer_result is not result.offers[0] else "strong"
                ),
                Cell(offer.name),
                Cell(", ".join(offer.service_models)),
                Cell(one_decimal(offer_result.score)),
                Cell(offer_result.grade, "grade"),
                *([eligibility_cell(offer_result)] if offer_result.eligibility else []),
                Cell(_place(offer)),
                Cell(offer.runs_on or ""),
            )
        )
    gated = result.eligibility is not None
    return Grid(
        (
            Column(_("Offer"), fold=True),
            Column(_("Name")),
            Column(_("Service")),
            Column(_("Score"), "right"),
            Column(_("Grade"), "center"),
            *([Column(_("Eligible"))] if gated else []),
            # Translators: a column header: where the offer keeps data.
            Column(_("Data"), ratio=1),
            # Translators: a column header: the offer this one runs on.
            Column(_("Runs on"), fold=True),
        ),
        tuple(as_of_rows),
        title=_("Offers (in scope; the first stands for the provider)"),
    )


def offer_facts(result: ProviderResult, as_of: dt.date) -> tuple[tuple[str, str], ...]:
    """What the scored offer is: its service, where its data is, who runs it, on what."""
    offer = result.offer
    admin = offer.administration
    access = offer.non_eu_access
    technology = offer.technology
    chain = result.subject.chain()
    unknown = _("unknown")
    if admin is None:
        administered = unknown
    elif admin.countries:
        administered = ", ".join(admin.countries or [])
        if admin.non_eu:
            # Translators: after the countries an offer is administered from.
            administered += "; " + _("also from outside the EU")
    else:
        administered = _("from the EU only") if admin.non_eu is False else unknown
    if access is None or access.possible is None:
        non_eu = unknown
    else:
        # Translators: access from outside the EU is possible / there is none.
        non_eu = _("possible") if access.possible else _("none")
    if technology is None:
        built_on = unknown
    else:
        built_on = "; ".join(
            # Translators: a technology used: its supplier (country, kind).
            _("{partner} ({country}, {kind})").format(
                partner=t.partner, country=t.country or "?", kind=partnership_word(t.kind)
            )
            for t in technology.items
        ) or _("no other company's technology")
    facts = [
        (_("Offer"), f"{offer.name} ({result.ref})"),
        (_("Service"), ", ".join(offer.service_models)),
        ("SecNumCloud", _secnumcloud(result, as_of)),
        # Translators: where the offer keeps data.
        (_("Data"), _place(offer)),
        # Translators: the countries the offer is administered from.
        (_("Administered"), administered),
        # Translators: whether a party outside the EU can technically reach the data.
        (_("Non-EU access"), non_eu),
        # Translators: the other companies' technology the offer is built on.
        (_("Built on"), built_on),
    ]
    if len(chain) > 1 or chain[-1].missing:
        runs = " -> ".join(link.label for link in chain)
        if chain[-1].missing:
            # Translators: the offer this one runs on, which was not loaded.
            runs += " -> " + _("{offer} (not loaded)").format(offer=chain[-1].missing)
        facts.append((_("Runs on"), runs))
    return tuple(facts)


def _gates_grid(result: ProviderResult) -> Grid:
    mark = eligibility_word(result.eligibility)
    rows = []
    for g in result.gates:
        status, tone = _gate_status(g.status)
        rows.append(
            (
                Cell(g.label),
                Cell(g.article or ""),
                Cell(status, tone),
                Cell(g.reason),
                # Translators: no source.
                Cell("\n".join(g.sources) or _("none"), "accent"),
            )
        )
    return Grid(
        (
            # Translators: a gate: a condition of eligibility.
            Column(_("Gate")),
            Column(_("Article")),
            Column(_("Result")),
            Column(_("Why"), ratio=1),
            Column(_("Sources"), fold=True),
        ),
        tuple(rows),
        # Translators: followed by yes, no or not shown.
        title=_("Eligibility: {eligible}").format(eligible=mark),
    )


_KIND_TONE: dict[str, Tone] = {
    "official": "good",
    "provider": "plain",
    "press": "plain",
    "analysis": "unknown",
    "compilation": "unknown",
}


def _sources_notes(detail: Explanation) -> Notes:
    return Notes(
        _("Sources"),
        tuple(
            Note(
                (
                    Cell(c.source.id, "accent"),
                    Cell(f" ({kind_word(c.source.kind)})", _KIND_TONE[c.source.kind]),
                    Cell(f": {citation_line(c.source)}"),
                ),
                (
                    # Translators: {facts} lists the facts a source supports.
                    Cell(_("supports: {facts}").format(facts="; ".join(c.supports)), "dim"),
                ),
            )
            for c in detail.citations
        ),
        # Translators: no source cited.
        empty=_("none cited"),
    )


def sources_view(detail: Explanation) -> View:
    provider = detail.result.provider
    named = detail.result.subject.label if detail.of_offer else provider.name
    rows = tuple(
        (
            Cell(c.source.id, "accent"),
            Cell(citation_line(c.source)),
            Cell(kind_word(c.source.kind)),
            Cell("\n".join(c.supports)),
        )
        for c in detail.citations
    )
    return (
        Grid(
            (
                Column(_("Source")),
                Column(_("Document"), ratio=2),
                Column(_("Kind")),
                # Translators: a column header: the facts a source supports.
                Column(_("Supports"), ratio=1),
            ),
            rows,
            # Translators: {name} is a provider or offer, {key} its id.
            title=_("Sources for {name} ({key})").format(
                name=named, key=detail.ranking.key(detail.result)
            ),
        ),
    )


# --- compare ---------------------------------------------------------------------------------


def compare_view(comparison: Comparison) -> View:
    ranking = comparison.ranking
    results = comparison.results
    columns = [Column(_("Criterion (weight)"))]
    columns += [Column(f"{r.provider.name}\n{r.offer.name}", ratio=1) for r in results]
    # Translators: a column header: the gap between the highest and lowest points.
    columns.append(Column(_("Gap"), "right"))
    rows: list[tuple[Cell, ...]] = []
    for row in comparison.rows:
        cells = [Cell(f"{row.label} ({percent(row.weight)})")]
        for index, cell in enumerate(row.cells):
            leads = index in row.leaders and row.spread > 0
            value = show_value(cell.value, cell.status)
            points = criterion_points(cell).text
            # Translators: {points} are a criterion's points, {adds} what it adds to the score.
            scored = _("{points} pts, +{adds}").format(
                points=points, adds=number(cell.contribution)
            )
            text = f"{value}\n{scored}\n{evidence_text(cell)}"
            cells.append(
                Cell(
                    text, "good" if leads else ("unknown" if cell.status == "unknown" else "plain")
                )
            )
        cells.append(Cell(number(row.spread)))
        rows.append(tuple(cells))
    if ranking.gated:
        rows.append(
            (Cell(_("Eligible"), "strong"), *(eligibility_cell(r) for r in results), Cell(""))
        )
        rows.append(
            (
                Cell(_("Failed gates"), "strong"),
                *(
                    # Translators: no failed gate.
                    Cell(gate_names(r, "fail"), "bad") if gate_names(r, "fail") else Cell(_("none"))
                    for r in results
                ),
                Cell(""),
            )
        )
    if ranking.rubric.seal:
        rows.append(
            (
                Cell("SEAL", "strong"),
                *(Cell(seal_text(r.seal, r.seal_at_most)) for r in results),
                Cell(""),
            )
        )
    scores = [r.score for r in results]
    rows.append(
        (
            Cell(_("Score"), "strong"),
            *(
                Cell(
                    # Translators: a score (grade, rank).
                    _("{score} ({grade}, rank {rank})").format(
                        score=one_decimal(r.score), grade=r.grade, rank=r.rank
                    ),
                    "strong",
                )
                for r in results
            ),
            Cell(number(max(scores) - min(scores))),
        )
    )
    rows.append(
        (
            # Translators: a row: the score's bounds and (the ranks they allow).
            Cell(_("Bounds (could rank)"), "strong"),
            *(Cell(f"{bounds_text(r)} ({places_text(r)})") for r in results),
            Cell(""),
        )
    )
    rows.append(
        (
            # Translators: a row: the share of the score on official or provider sources.
            Cell(_("Primary sources"), "strong"),
            *(primary_text(r) for r in results),
            Cell(""),
        )
    )
    notes = []
    for row in comparison.decisive():
        notes.append(
            Note(
                (
                    Cell(
                        # Translators: {criterion} is a criterion's label, {gap} points.
                        _("{criterion}: {gap} points apart").format(
                            criterion=row.label, gap=number(row.spread)
                        ),
                        "strong",
                    ),
                ),
                tuple(
                    Cell(
                        # Translators: {name} is an offer, {reason} why it has its points,
                        # {sources} the ids of its sources.
                        _("{name}: {reason} [{sources}]").format(
                            name=r.subject.label,
                            reason=cell.reason,
                            sources=", ".join(cell.sources) or _("no source"),
                        )
                    )
                    for r, cell in zip(results, row.cells, strict=True)
                ),
            )
        )
    warned = [
        Note((Cell(f"{r.subject.label}: {w.message}", "warning"),))
        for r in results
        for w in r.warnings
    ]
    projected = projection_text(ranking.projected_after)
    title = _("Compared as of {day}, rubric {rubric} {version}").format(
        day=day(ranking.as_of), rubric=ranking.rubric.id, version=ranking.rubric.version
    )
    blocks: list[Block] = [
        Title(title + (f" ({projected})" if projected else "")),
        Grid(tuple(columns), tuple(rows), ruled=True),
        Notes(
            _("What explains the gaps (largest first)"),
            tuple(notes),
            empty=_("no criterion separates them"),
        ),
    ]
    if warned:
        blocks.append(Notes(_("Warnings"), tuple(warned), tone="warning"))
    return tuple(blocks)


# --- sensitivity -----------------------------------------------------------------------------


def sensitivity_view(analysis: Sensitivity) -> View:
    ranking = analysis.ranking
    names = {
        ranking.key(r): r.provider.name if ranking.unit == "provider" else r.subject.label
        for r in ranking.results
    }
    scores = {ranking.key(r): r.score for r in ranking.results}
    below = {pair.upper: pair for pair in analysis.pairs}
    rows = []
    for p in analysis.providers:
        pair = below.get(p.id)
        if pair is None:
            gap, swap = "", ""
        else:
            gap = number(round(scores[p.id], 1) - round(scores[pair.lower], 1))
            if pair.tied:
                # Translators: two places tied on score.
                swap = _("tied")
            else:
                # Translators: no change of a single weight swaps the two places.
                swap = pair.swap.describe() if pair.swap else _("no single weight")
        tone: Tone = "unknown" if p.fragile else "plain"
        span = f"{p.rank_p5}-{p.rank_p95}" if p.rank_p5 != p.rank_p95 else str(p.rank_p5)
        rows.append(
            (
                Cell(str(p.base_rank)),
                Cell(names[p.id]),
                Cell(one_decimal(scores[p.id])),
                Cell(span, tone),
                Cell(percent(p.p_keeps_rank), tone),
                Cell(percent(p.p_first)),
                Cell(gap),
                Cell(swap, "unknown" if pair is not None and pair.fragile else "plain"),
            )
        )
    fragile = [names[p.id] for p in analysis.fragile_providers]
    caption = "; ".join(
        (
            # Translators: how many random weightings were drawn, and the random seed.
            n_(
                "{count} sample, seed {seed}", "{count} samples, seed {seed}", analysis.samples
            ).format(count=analysis.samples, seed=analysis.seed),
            _("rank range: 5th-95th percentile"),
            _("rubric {rubric}, as of {day}").format(
                rubric=ranking.rubric.id, day=day(ranking.as_of)
            ),
        )
    )
    return (
        Grid(
            (
                Column(_("#"), "right", wrap=False),
                Column(_("Provider"), wrap=False),
                Column(_("Score"), "right"),
                # Translators: a column header: the ranks held in most samples (5th-95th).
                Column(_("Rank range"), "right"),
                # Translators: a column header: the share of samples keeping the rank.
                Column(_("Keeps rank"), "right"),
                # Translators: a column header: the share of samples ranking it first.
                Column(_("First"), "right"),
                Column(_("Gap to next"), "right"),
                # Translators: a column header: the smallest change of one weight that swaps
                # this place with the next.
                Column(_("Smallest swap with the next"), ratio=1),
            ),
            tuple(rows),
            # Translators: {spread} is how far weights move, e.g. "±20 %".
            title=_("How the ranking holds when weights move (±{spread} %)").format(
                spread=compact(analysis.spread * 100)
            ),
            caption=caption,
        ),
        Line(
            (
                Cell(
                    # Translators: {names} lists the places kept in fewer than half the samples.
                    _("Fragile places (kept in fewer than half the samples): {names}").format(
                        # Translators: no fragile place.
                        names=", ".join(fragile) or _("none")
                    ),
                    "strong" if fragile else "plain",
                ),
            )
        ),
    )


# --- offers ----------------------------------------------------------------------------------


_STATUS_TONE: dict[str, Tone] = {
    "qualified": "good",
    "in_progress": "unknown",
    "unverified": "warning",
    "expired": "bad",
    "withdrawn": "bad",
    "none": "plain",
    "unknown": "unknown",
}


def _until(status: SchemeStatus) -> str:
    if status.valid_until is None:
        return ""
    if status.valid_until_is_bound:
        # Translators: valid until at most this day.
        return _("at most {day}").format(day=day(status.valid_until))
    return day(status.valid_until)


def offers_view(ranking: Ranking, rows: Sequence[OfferRow]) -> View:
    lines: list[tuple[Cell, ...]] = []
    for row in rows:
        result = row.result
        offer = result.offer
        base = (
            Cell(result.provider.name),
            Cell(offer.name),
            Cell(", ".join(offer.service_models)),
        )
        tail = (
            Cell(_place(offer)),
            Cell(offer.runs_on or ""),
            Cell(f"{one_decimal(result.score)} {result.grade}"),
            Cell(bounds_text(result), "plain" if result.low == result.high else "unknown"),
        )
        for status in row.statuses or ():
            if not status.since:
                since = ""
            elif status.since_is_bound:
                # Translators: the status was held by this day (it may have begun earlier).
                since = _("by {day}").format(day=day(status.since))
            else:
                since = day(status.since)
            lines.append(
                (
                    *base,
                    Cell(status.scheme),
                    Cell(status_word(status.status), _STATUS_TONE[status.status]),
                    Cell(since),
                    Cell(_until(status)),
                    Cell(
                        "" if status.days_left is None else str(status.days_left),
                        "warning"
                        if status.days_left is not None and status.days_left <= 90
                        else "plain",
                    ),
                    Cell(status.version or ""),
                    Cell(status.decision or ""),
                    Cell(
                        kind_word(status.evidence) if status.evidence else "",
                        _KIND_TONE.get(status.evidence or "", "dim"),
                    ),
                    *tail,
                )
            )
        if not row.statuses:
            lines.append((*base, *(Cell("") for _ in range(8)), *tail))
    caption = "; ".join(
        (
            n_("{count} offer", "{count} offers", len(rows)).format(count=len(rows)),
            _("score under rubric {rubric} {version}").format(
                rubric=ranking.rubric.id, version=ranking.rubric.version
            ),
            _("status read from each offer's dated history"),
            _("Evidence: the kind of the status's strongest source"),
            *(
                text
                for text in (projection_text(ranking.projected_after), register_text(ranking))
                if text
            ),
        )
    )
    return (
        Grid(
            (
                Column(_("Provider"), wrap=False),
                Column(_("Offer")),
                Column(_("Service")),
                # Translators: a column header: a certification scheme (secnumcloud, hds...).
                Column(_("Scheme")),
                Column(_("Status")),
                Column(_("Since")),
                Column(_("Valid until")),
                Column(_("Days left"), "right"),
                Column(_("Version"), optional=2),
                Column(_("Decision"), optional=2),
                Column(_("Evidence")),
                # Translators: a column header: where the offer keeps data.
                Column(_("Data"), ratio=1),
                Column(_("Runs on"), fold=True, optional=1),
                Column(_("Score"), "right"),
                Column(_("Bounds"), "right", wrap=False),
            ),
            tuple(lines),
            title=_("Offers as of {day}").format(day=day(ranking.as_of)),
            caption=caption,
        ),
    )


# --- diff ------------------------------------------------------------------------------------


def change_words() -> dict[str, str]:
    """The words people read for a diff's change codes (before the values moved)."""
    return {
        # Translators: a provider or offer now listed (it was not on the first day).
        "listed": _("listed"),
        "unlisted": _("no longer listed"),
        # Translators: the score moved: followed by "before -> after".
        "score": _("score"),
        # Translators: the grade moved: followed by "before -> after".
        "grade": _("grade"),
        # Translators: the rank moved: followed by "before -> after".
        "rank": _("rank"),
        # Translators: eligibility moved: followed by "before -> after".
        "eligibility": _("eligible"),
        # Translators: the offer standing for the provider changed: followed by
        # "before -> after".
        "offer": _("stands as"),
        "criterion": "",
        "status": "",
    }


def _moved(change: Change) -> str:
    before = change.before if change.before is not None else _("unknown")
    after = change.after if change.after is not None else _("unknown")
    return f"{before} -> {after}"


def change_text(change: Change, labels: dict[str, str]) -> str:
    if change.kind in ("listed", "unlisted"):
        return change_words()[change.kind]
    if change.kind == "criterion":
        return f"{labels.get(change.subject, change.subject)}: {_moved(change)}"
    if change.kind == "status":
        return f"{change.subject}: {_moved(change)}"
    if change.kind == "eligibility":
        before = eligibility_word(change.before, "-")
        after = eligibility_word(change.after, "-")
        # Translators: eligibility moved from {before} to {after} (yes, no, not shown).
        return _("eligible: {before} -> {after}").format(before=before, after=after)
    return f"{change_words()[change.kind]} {_moved(change)}"


def diff_view(changes: Diff) -> View:
    before, after = changes.before, changes.after
    labels = {c.id: c.label for c in after.rubric.criteria}
    heading = _("What changed from {before} to {after}, rubric {rubric} {version}").format(
        before=day(before.as_of),
        after=day(after.as_of),
        rubric=after.rubric.id,
        version=after.rubric.version,
    )
    headline_kinds = ("listed", "unlisted", "grade", "score", "rank", "eligibility", "offer")
    notes = []
    for unit in changes.units:
        headline = [change_text(c, labels) for c in unit.changes if c.kind in headline_kinds]
        details = [
            Cell(change_text(c, labels)) for c in unit.changes if c.kind not in headline_kinds
        ]
        details += [
            # Translators: a dated fact explaining a change: {day}: {fact}.
            Cell(_("because {day}: {fact}").format(day=day(e.date), fact=e.text), "dim")
            for e in unit.events
        ]
        if unit.moved_by:
            details.append(
                Cell(
                    # Translators: {names} lists the others whose changes moved this one.
                    _("moved as others changed: {names}").format(names=", ".join(unit.moved_by)),
                    "dim",
                )
            )
        elif not unit.events:
            details.append(Cell(_("no dated fact between the two days explains it"), "dim"))
        notes.append(
            Note(
                (Cell(unit.name, "strong"), Cell(f" ({unit.key}): "), Cell("; ".join(headline))),
                tuple(details),
            )
        )
    projected = projection_text(after.projected_after)
    blocks: list[Block] = [Title(heading + (f" ({projected})" if projected else ""))]
    count = len(changes.units)
    blocks.append(
        Notes(
            # Translators: how many providers or offers changed.
            n_("{count} changed", "{count} changed", count).format(count=count),
            tuple(notes),
            empty=_("no change between {before} and {after}").format(
                before=day(before.as_of), after=day(after.as_of)
            ),
        )
    )
    return tuple(blocks)


# --- coverage and due ------------------------------------------------------------------------


def coverage_view(report: Coverage) -> View:
    ranking = report.ranking
    count = len(ranking.results)
    rubric, version, as_of = ranking.rubric.id, ranking.rubric.version, day(ranking.as_of)
    if ranking.unit == "offer":
        # Translators: a column header: the offers whose value is not sourced.
        header = _("Not resting on sourced facts (offers)")
        title = n_(
            "Coverage of rubric {rubric} {version} over {count} offer as of {day}",
            "Coverage of rubric {rubric} {version} over {count} offers as of {day}",
            count,
        )
    else:
        # Translators: a column header: the providers whose value is not sourced.
        header = _("Not resting on sourced facts (providers)")
        title = n_(
            "Coverage of rubric {rubric} {version} over {count} provider as of {day}",
            "Coverage of rubric {rubric} {version} over {count} providers as of {day}",
            count,
        )
    rows = tuple(
        (
            Cell(c.label),
            Cell(f"{c.sourced}/{c.total}"),
            Cell(percent(c.sourced / c.total if c.total else 1.0)),
            # Translators: no provider or offer.
            Cell(", ".join(c.unknown) or _("none"), "unknown" if c.unknown else "dim"),
        )
        for c in report.criteria
    )
    total = (
        Cell(_("All criteria"), "strong"),
        Cell(f"{report.sourced}/{report.total}", "strong"),
        Cell(percent(report.share), "strong"),
        Cell(""),
    )
    return (
        Grid(
            (
                Column(_("Criterion")),
                # Translators: a column header: how many cells rest on sourced facts.
                Column(_("Sourced"), "right", wrap=False),
                Column(_("Share"), "right", wrap=False),
                Column(header, ratio=1),
            ),
            (*rows, total),
            title=title.format(rubric=rubric, version=version, count=count, day=as_of),
            caption=_(
                "a cell rests on sourced facts when its value is known (or shown by a "
                "SecNumCloud 3.2 qualification) and cites a source"
            ),
        ),
    )


def due_words() -> dict[str, str]:
    """The words people read for what is due (a due item's kind code)."""
    return {
        # Translators: what to re-check: a qualification ending.
        "qualification_ending": _("qualification"),
        # Translators: what to re-check: a register to read again.
        "register_read": _("register"),
        # Translators: what to re-check: a profile due for review.
        "profile_review": _("review"),
        # Translators: what to re-check: facts resting on weak sources.
        "weak_sources": _("sources"),
    }


def due_view(report: Due) -> View:
    words = due_words()
    rows = tuple(
        (
            Cell(
                day(item.date) if item.date else "-",
                "warning" if item.date and item.date <= report.as_of else "plain",
            ),
            Cell(words[item.kind]),
            Cell(item.provider),
            Cell(item.subject),
            Cell(item.reason),
        )
        for item in report.items
    )
    within, age = report.within, report.register_age
    # Translators: how many items to re-check; the list of what is included follows.
    caption = n_("{count} item", "{count} items", len(rows)).format(count=len(rows)) + ": "
    caption += "; ".join(
        (
            n_(
                "qualifications ending within {days} day or ended after the last read",
                "qualifications ending within {days} days or ended after the last read",
                within,
            ).format(days=within),
            n_(
                "registers read more than {days} day before",
                "registers read more than {days} days before",
                age,
            ).format(days=age),
            n_("reviews due within {days} day", "reviews due within {days} days", within).format(
                days=within
            ),
            _("facts resting only on compilations or analyses"),
        )
    )
    return (
        Grid(
            (
                # Translators: a column header: the day something is due.
                Column(_("Due"), wrap=False),
                Column(_("What"), wrap=False),
                Column(_("Provider"), wrap=False),
                # Translators: a column header: what to check.
                Column(_("Check"), ratio=1),
                Column(_("Why"), ratio=2),
            ),
            rows,
            title=_("What to re-check as of {day}").format(day=day(report.as_of)),
            caption=caption,
        ),
    )


# --- rubric, rubrics, measures ---------------------------------------------------------------


def rubric_view(rubric: Rubric) -> View:
    weights = rubric.normalised_weights()
    unknown = (
        _("Unknown facts score 0 and lower coverage.")
        if rubric.unknown == "zero"
        else _("Unknown facts are left out and the other weights scaled up.")
    )
    blocks: list[Block] = [
        Title(f"{rubric.title} ({rubric.id} {rubric.version})"),
        Line((Cell(rubric.description),)),
    ]
    if rubric.source:
        blocks.append(Line((Cell(_("Source: {source}").format(source=rubric.source), "dim"),)))
    blocks.append(Line((Cell(unknown),)))
    rows = tuple(
        (
            Cell(f"{c.label} ({c.id})\n{c.description or ''}".rstrip()),
            Cell(percent(weights[c.id])),
            Cell(c.measure, "accent"),
            Cell("\n".join(f"{value} → {compact(points)}" for value, points in c.rule_rows())),
            Cell(c.rationale),
        )
        for c in rubric.criteria
    )
    blocks.append(
        Grid(
            (
                Column(_("Criterion")),
                Column(_("Weight"), "right"),
                # Translators: a column header: the built-in measure a criterion reads.
                Column(_("Measure")),
                # Translators: a column header: each value and the points it gives.
                Column(_("Value → points")),
                Column(_("Rationale"), ratio=1),
            ),
            rows,
            ruled=True,
        )
    )
    if rubric.gates:
        blocks.append(
            Grid(
                (
                    Column(_("Gate")),
                    Column(_("Article")),
                    # Translators: a column header: what a gate tests.
                    Column(_("Tests")),
                    Column(_("Passes when")),
                    Column(_("Rationale"), ratio=1),
                ),
                tuple(
                    (
                        Cell(f"{g.label} ({g.id})"),
                        Cell(g.article or ""),
                        Cell(
                            # Translators: a gate tests the points of a criterion (its id).
                            g.measure or _("points of {criterion}").format(criterion=g.criterion),
                            "accent",
                        ),
                        Cell(g.rule()),
                        Cell(g.rationale),
                    )
                    for g in rubric.gates
                ),
                title=_("Gates: a provider failing one is ineligible, whatever its score"),
                ruled=True,
            )
        )
    grades = ", ".join(
        f"{b.grade} ≥ {compact(b.min)}" for b in sorted(rubric.grades, key=lambda b: -b.min)
    )
    # Translators: {grades} lists each grade and its lowest score ("A ≥ 80, B ≥ 65...").
    blocks.append(Line((Cell(_("Grades: {grades}").format(grades=grades)),)))
    if rubric.references:
        blocks.append(references_notes(rubric))
    return tuple(blocks)


def in_force_text(reference: Reference) -> str:
    in_force = reference.in_force_text()
    if reference.date:
        # Translators: a legal text issued on {day}, in force from {in_force}.
        return _("of {day}, in force {in_force}").format(day=day(reference.date), in_force=in_force)
    # Translators: a legal text with no date of issue, in force from {in_force}.
    return _("undated, in force {in_force}").format(in_force=in_force)


def references_notes(rubric: Rubric) -> Notes:
    """The legal texts and referentials the rubric applies, dated, with what was read."""
    return Notes(
        _("Legal basis (dated, with what was read)"),
        tuple(
            Note(
                (
                    Cell(r.id, "accent"),
                    Cell(f" ({kind_word(r.kind)})", _KIND_TONE[r.kind]),
                    Cell(
                        ": "
                        # Translators: a legal text: title, when issued and in force. publisher.
                        # address.
                        + _("{title}, {in_force}. {publisher}. {url}").format(
                            title=r.title,
                            in_force=in_force_text(r),
                            publisher=r.publisher,
                            url=r.url,
                        )
                    ),
                ),
                (Cell(r.note, "dim"),) if r.note else (),
            )
            for r in rubric.references
        ),
    )


def rubrics_view(rubrics: Sequence[Rubric]) -> View:
    return (
        Grid(
            (
                Column(_("Name"), wrap=False),
                Column(_("Version")),
                Column(_("Title"), ratio=1),
                Column(_("Criteria"), "right"),
                Column(_("Gates"), "right"),
                Column("SEAL"),
            ),
            tuple(
                (
                    Cell(r.id, "accent"),
                    Cell(r.version),
                    Cell(r.title),
                    Cell(str(len(r.criteria))),
                    Cell(str(len(r.gates))),
                    # Translators: the rubric gives SEAL levels: yes.
                    Cell(_("yes") if r.seal else ""),
                )
                for r in rubrics
            ),
            # Translators: --rubric is an option (keep it); NAME stands for a preset's name.
            title=_("Rubric presets (--rubric NAME)"),
        ),
    )


def measures_view(measures: Sequence[Measure]) -> View:
    return (
        Grid(
            (
                Column(_("Measure"), wrap=False),
                Column(_("Kind")),
                Column(_("Values")),
                # Translators: a column header: the fields of the profiles a measure reads.
                Column(_("Reads")),
                Column(_("Description"), ratio=1),
            ),
            tuple(
                (
                    Cell(m.name, "accent"),
                    Cell(measure_kind_word(m.kind)),
                    Cell("\n".join(m.table_keys()) if m.kind != "number" else "0-100"),
                    Cell("\n".join(m.reads)),
                    Cell(m.description),
                )
                for m in measures
            ),
            title=_("Built-in measures (a rubric's criteria and gates name them)"),
        ),
    )


class PaintsViews:
    """What the formats for people share: each command's view, built here and handed to the
    format's `paint` (table, Markdown); a new such format writes `paint` and nothing else."""

    data = False

    def paint(self, view: View) -> str:
        raise NotImplementedError

    def ranking(self, ranking: Ranking) -> str:
        return self.paint(ranking_view(ranking))

    def detail(self, detail: Explanation) -> str:
        return self.paint(detail_view(detail))

    def sources(self, detail: Explanation) -> str:
        return self.paint(sources_view(detail))

    def rubrics(self, rubrics: list[Rubric]) -> str:
        return self.paint(rubrics_view(rubrics))

    def rubric(self, rubric: Rubric) -> str:
        return self.paint(rubric_view(rubric))

    def compare(self, comparison: Comparison) -> str:
        return self.paint(compare_view(comparison))

    def sensitivity(self, analysis: Sensitivity) -> str:
        return self.paint(sensitivity_view(analysis))

    def measures(self, measures: list[Measure]) -> str:
        return self.paint(measures_view(measures))

    def diff(self, changes: Diff) -> str:
        return self.paint(diff_view(changes))

    def coverage(self, report: Coverage) -> str:
        return self.paint(coverage_view(report))

    def due(self, report: Due) -> str:
        return self.paint(due_view(report))

    def offers(self, ranking: Ranking, rows: list[OfferRow]) -> str:
        return self.paint(offers_view(ranking, rows))

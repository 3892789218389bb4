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

from ..measures.base import unique
from ..model.profile import Holder, Offer, Provider, Source
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

ELIGIBILITY = {"eligible": "yes", "ineligible": "no", "cannot_be_shown": "not shown"}
_ELIGIBILITY_TONE: dict[str, Tone] = {"yes": "good", "no": "bad", "not shown": "unknown"}
_GATE_STATUS = {
    "pass": ("met", "good"),
    "fail": ("failed", "bad"),
    "unknown": ("not shown", "unknown"),
}
MAX_CRITERIA_COLUMNS = 5
"""Past five criteria a ranking's columns no longer fit a terminal: `show` and --json give all."""


def one_decimal(number: float) -> str:
    return f"{number:.1f}"


def percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}%"


def points_text(points: float | None) -> Cell:
    return Cell("?", "dim") if points is None else Cell(f"{points:g}")


def show_value(value: Value | None, status: CriterionStatus = "scored") -> str:
    if status == "shown":
        return "shown by qualification"
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:g} %"
    return str(value)


def seal_text(seal: int | None, at_most: int | None) -> str:
    """'SEAL-2'; '<= SEAL-2' when some objective cannot be shown; '?' when none can."""
    if seal is not None:
        return f"SEAL-{seal}"
    if at_most is not None:
        return f"<= SEAL-{at_most}"
    return "?"


def gate_names(result: ProviderResult, status: str, separator: str = ", ") -> str:
    """The gates with that status, by article when the rubric gives one."""
    return separator.join(unique([g.article or g.id for g in result.gates if g.status == status]))


def eligibility_cell(result: ProviderResult) -> Cell:
    mark = ELIGIBILITY.get(result.eligibility or "", "")
    return Cell(mark, _ELIGIBILITY_TONE.get(mark, "plain"))


def citation_line(source: Source) -> str:
    """Title. Publisher, date. URL — with the access date for an undated page."""
    when = (
        str(source.date)
        if source.date
        else f"undated, read {source.accessed or 'on an unknown day'}"
    )
    return f"{source.title}. {source.publisher}, {when}. {source.url}"


def _holder(h: Holder) -> str:
    votes = "" if h.voting is None else f", {h.voting:g} % of votes"
    return f"{h.name} ({h.country or 'country unknown'}, {h.share_text()}{votes})"


def identity_facts(provider: Provider) -> tuple[tuple[str, str], ...]:
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
    return tuple(facts)


# --- rank ------------------------------------------------------------------------------------


def scope_text(ranking: Ranking) -> str:
    """Which offers stand for whom: the scope asked for, and who has none in it."""
    if ranking.unit == "offer":
        text = "every offer ranked on its own"
    else:
        text = "each provider as its best offer"
    if ranking.scope is not None:
        text += f" in {', '.join(sorted(ranking.scope))}"
    if ranking.out_of_scope:
        text += f"; no offer in scope: {', '.join(ranking.out_of_scope)}"
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


BASIS_WORDS = {
    "facts": "facts",
    "assessment": "assessed",
    "derived": "derived",
    "qualification": "by qualification",
}


def basis_text(result: ProviderResult) -> str:
    """How its values were reached, when not only from the facts: 'assessed', 'derived'..."""
    return ", ".join(BASIS_WORDS[b] for b in result.bases)


def projection_text(day: dt.date | None) -> str | None:
    return None if day is None else f"facts after {day} are projected, not observed"


def register_text(ranking: Ranking) -> str:
    """When each register was last read, and how long before the day."""
    return "; ".join(
        f"{scheme} register last read {day} ({(ranking.as_of - day).days} days before "
        f"{ranking.as_of})"
        for scheme, day in ranking.register_reads.items()
        if scheme == "secnumcloud" or len(ranking.register_reads) == 1
    )


def warnings_notes(
    results: Sequence[ProviderResult], key: Callable[[ProviderResult], str]
) -> Notes:
    return Notes(
        "Warnings",
        tuple(
            Note((Cell(f"! {key(r)}: ", "warning"), Cell(w.message)))
            for r in results
            for w in r.warnings
        ),
        tone="warning",
    )


def ranking_view(ranking: Ranking) -> View:
    rubric = ranking.rubric
    unknown = "unknown: 0 points" if rubric.unknown == "zero" else "unknown: left out"
    weights = ", ".join(f"{c.id} {percent(ranking.weights[c.id])}" for c in rubric.criteria)
    gated = ranking.gated
    based = any(r.bases != ("facts",) for r in ranking.results)
    columns = [
        Column("#", "right", wrap=False),
        Column("Provider"),
        Column("Offer", optional=3) if ranking.unit == "provider" else Column("Offer"),
        Column("Score", "right", wrap=False),
        Column("", wrap=False, bar=True),
        Column("Bounds", "right", wrap=False),
        Column("Places", "right", wrap=False),
        Column("Grade", "center", short="Gr."),
    ]
    if rubric.seal:
        columns.append(Column("SEAL", wrap=False))
    if gated:
        columns.append(Column("Eligible"))
    many = len(rubric.criteria) > MAX_CRITERIA_COLUMNS
    columns += [
        Column(c.label, "right", optional=1 if many else 0, short=c.short) for c in rubric.criteria
    ]
    columns.append(Column("Coverage", "right", short="Cov."))
    columns.append(Column("Primary", "right", short="Prim.", optional=2))
    if based:
        columns.append(Column("Basis"))
    columns.append(Column("Warn", "right", wrap=False, short="!"))
    if gated:
        columns.append(Column("Failed gates", wrap=False, short="Failed"))
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
    caption = f"rubric {rubric.id} {rubric.version}: {weights}; {unknown}"
    if ranking.min_seal is not None:
        caption += f"; tender minimum SEAL-{ranking.min_seal}"
    caption += "; " + scope_text(ranking)
    caption += (
        ". Bounds: the lowest and highest score the unknown facts allow; Places: the ranks "
        "they allow (a range is a tie within unknowns); Primary: the share of the score on "
        "official or provider sources"
    )
    read = [
        text for text in (projection_text(ranking.projected_after), register_text(ranking)) if text
    ]
    if read:
        caption += ". " + "; ".join(read)
    blocks: list[Block] = [
        Grid(
            tuple(columns),
            tuple(rows),
            title=f"Sovereignty ranking of {'offers' if ranking.unit == 'offer' else 'providers'}"
            f" as of {ranking.as_of}",
            caption=caption,
        )
    ]
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
        Cell(f"  {one_decimal(result.score)}/100  grade "),
        Cell(result.grade, "grade"),
        Cell(
            f"  rank {result.rank} of {detail.out_of}  coverage {percent(result.coverage)}"
            f"  as of {ranking.as_of}  rubric {ranking.rubric.id}"
        ),
    ]
    if result.low != result.high or result.places[0] != result.places[1]:
        heading.append(
            Cell(f"  bounds {bounds_text(result)}  could rank {places_text(result)}", "unknown")
        )
    if ranking.rubric.seal:
        heading.append(Cell(f"  {seal_text(result.seal, result.seal_at_most)}"))
    if result.eligibility is not None:
        heading += [Cell("  eligible: "), eligibility_cell(result)]
    blocks: list[Block] = [Line(tuple(heading))]
    projected = projection_text(detail.projected_after)
    if projected:
        blocks.append(
            Line((Cell(f"Note: {projected} (profile reviewed {provider.reviewed})", "warning"),))
        )
    blocks.append(Facts(identity_facts(provider)))
    if not detail.of_offer and result.offers:
        blocks.append(_offers_grid(result))
    blocks.append(Facts(offer_facts(result, ranking.as_of)))
    criteria = [
        (
            Cell(c.label),
            Cell(show_value(c.value, c.status), "plain" if c.status != "unknown" else "unknown"),
            criterion_points(c),
            Cell(percent(c.weight)),
            Cell(f"{c.contribution:.1f}"),
            *([Cell(seal_text(c.seal, None))] if ranking.rubric.seal else []),
            Cell(why_text(c)),
            evidence_cell(c),
            Cell("\n".join(c.sources) or "none", "accent" if c.sources else "bad"),
        )
        for c in result.criteria
    ]
    blocks.append(
        Grid(
            (
                Column("Criterion"),
                Column("Value"),
                Column("Points", "right"),
                Column("Weight", "right"),
                Column("Adds", "right"),
                *([Column("SEAL", wrap=False)] if ranking.rubric.seal else []),
                Column("Why", ratio=1),
                Column("Evidence"),
                Column("Sources", fold=True),
            ),
            tuple(criteria),
            title=f"How the score of {result.offer.name} is made",
            caption="Points: a range is what the unknown facts allow. Evidence: the kind of "
            "the strongest source (official, provider, press, analysis, compilation), and how "
            "the value was reached when not read from the facts",
        )
    )
    if result.gates:
        blocks.append(_gates_grid(result))
    warnings = unique([w.message for r in (result.offers or (result,)) for w in r.warnings])
    if warnings:
        blocks.append(
            Notes(
                "Warnings",
                tuple(Note((Cell(f"! {w}", "warning"),)) for w in warnings),
                tone="warning",
            )
        )
    if provider.market_shares:
        blocks.append(
            Notes(
                "Market context (not scored)",
                tuple(
                    Note(
                        (
                            Cell(
                                f"{m.market}, {m.period}: {m.share:g} % "
                                f"({m.by}; {', '.join(m.sources)})"
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
    known = "?" if c.points is None else f"{c.points:g}"
    return Cell(f"{known} ({c.low:g}-{c.high:g})", "unknown")


def evidence_text(c: CriterionResult) -> str:
    kind = c.evidence or "no source"
    return kind if c.basis == "facts" else f"{kind}; {BASIS_WORDS[c.basis]}"


def evidence_cell(c: CriterionResult) -> Cell:
    tone: Tone = "plain" if c.evidence in ("official", "provider", "press") else "unknown"
    return Cell(evidence_text(c), tone)


def why_text(c: CriterionResult) -> str:
    """The reason, and under an unknown or weakly sourced criterion, the notes beside its
    facts: what was looked for, what was found."""
    if not c.weak or not c.notes:
        return c.reason
    return c.reason + "".join(f"\nNote: {note}" for note in c.notes)


def _place(offer: Offer) -> str:
    """Where an offer keeps data, in a few words."""
    location = offer.location
    if location is None or (location.storage is None and location.regions is None):
        return "unknown"
    if location.chosen:
        return f"customer picks: {', '.join(sorted(set(location.regions or [])))}"
    where = ", ".join(sorted(location.countries()))
    firm = [
        w
        for w, shown in (("exclusive", location.exclusive), ("by contract", location.contractual))
        if shown
    ]
    return where + (f" ({', '.join(firm)})" if firm else "")


def _secnumcloud(result: ProviderResult, as_of: dt.date) -> str:
    from ..score.offers import scheme_status

    status = scheme_status(result, "secnumcloud", as_of)[0]
    until = (
        f" to {status.valid_until}" if status.valid_until and status.status == "qualified" else ""
    )
    return status.status.replace("_", " ") + until


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
            Column("Offer", fold=True),
            Column("Name"),
            Column("Service"),
            Column("Score", "right"),
            Column("Grade", "center"),
            *([Column("Eligible")] if gated else []),
            Column("Data", ratio=1),
            Column("Runs on", fold=True),
        ),
        tuple(as_of_rows),
        title="Offers (in scope; the first stands for the provider)",
    )


def offer_facts(result: ProviderResult, as_of: dt.date) -> tuple[tuple[str, str], ...]:
    """What the scored offer is: its service, where its data is, who runs it, on what."""
    offer = result.offer
    admin = offer.administration
    access = offer.non_eu_access
    technology = offer.technology
    chain = result.subject.chain()
    facts = [
        ("Offer", f"{offer.name} ({result.ref})"),
        ("Service", ", ".join(offer.service_models)),
        ("SecNumCloud", _secnumcloud(result, as_of)),
        ("Data", _place(offer)),
        (
            "Administered",
            "unknown"
            if admin is None
            else (
                ", ".join(admin.countries or [])
                + ("; also from outside the EU" if admin.non_eu else "")
                if admin.countries
                else ("from the EU only" if admin.non_eu is False else "unknown")
            ),
        ),
        (
            "Non-EU access",
            "unknown"
            if access is None or access.possible is None
            else ("possible" if access.possible else "none"),
        ),
        (
            "Built on",
            "unknown"
            if technology is None
            else "; ".join(
                f"{t.partner} ({t.country or '?'}, {t.kind.replace('_', ' ')})"
                for t in technology.items
            )
            or "no other company's technology",
        ),
    ]
    if len(chain) > 1 or chain[-1].missing:
        runs = " -> ".join(link.label for link in chain)
        if chain[-1].missing:
            runs += f" -> {chain[-1].missing} (not loaded)"
        facts.append(("Runs on", runs))
    return tuple(facts)


def _gates_grid(result: ProviderResult) -> Grid:
    mark = ELIGIBILITY.get(result.eligibility or "", "")
    rows = []
    for g in result.gates:
        status, tone = _GATE_STATUS[g.status]
        rows.append(
            (
                Cell(g.label),
                Cell(g.article or ""),
                Cell(status, tone),  # type: ignore[arg-type]
                Cell(g.reason),
                Cell("\n".join(g.sources) or "none", "accent"),
            )
        )
    return Grid(
        (
            Column("Gate"),
            Column("Article"),
            Column("Result"),
            Column("Why", ratio=1),
            Column("Sources", fold=True),
        ),
        tuple(rows),
        title=f"Eligibility: {mark}",
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
        "Sources",
        tuple(
            Note(
                (
                    Cell(c.source.id, "accent"),
                    Cell(f" ({c.source.kind})", _KIND_TONE[c.source.kind]),
                    Cell(f": {citation_line(c.source)}"),
                ),
                (Cell(f"supports: {'; '.join(c.supports)}", "dim"),),
            )
            for c in detail.citations
        ),
        empty="none cited",
    )


def sources_view(detail: Explanation) -> View:
    provider = detail.result.provider
    named = detail.result.subject.label if detail.of_offer else provider.name
    rows = tuple(
        (
            Cell(c.source.id, "accent"),
            Cell(citation_line(c.source)),
            Cell(c.source.kind),
            Cell("\n".join(c.supports)),
        )
        for c in detail.citations
    )
    return (
        Grid(
            (
                Column("Source"),
                Column("Document", ratio=2),
                Column("Kind"),
                Column("Supports", ratio=1),
            ),
            rows,
            title=f"Sources for {named} ({detail.ranking.key(detail.result)})",
        ),
    )


# --- compare ---------------------------------------------------------------------------------


def compare_view(comparison: Comparison) -> View:
    ranking = comparison.ranking
    results = comparison.results
    columns = [Column("Criterion (weight)")]
    columns += [Column(f"{r.provider.name}\n{r.offer.name}", ratio=1) for r in results]
    columns.append(Column("Gap", "right"))
    rows: list[tuple[Cell, ...]] = []
    for row in comparison.rows:
        cells = [Cell(f"{row.label} ({percent(row.weight)})")]
        for index, cell in enumerate(row.cells):
            leads = index in row.leaders and row.spread > 0
            value = show_value(cell.value, cell.status)
            points = criterion_points(cell).text
            text = f"{value}\n{points} pts, +{cell.contribution:.1f}\n{evidence_text(cell)}"
            cells.append(
                Cell(
                    text, "good" if leads else ("unknown" if cell.status == "unknown" else "plain")
                )
            )
        cells.append(Cell(f"{row.spread:.1f}"))
        rows.append(tuple(cells))
    if ranking.gated:
        rows.append((Cell("Eligible", "strong"), *(eligibility_cell(r) for r in results), Cell("")))
        rows.append(
            (
                Cell("Failed gates", "strong"),
                *(
                    Cell(gate_names(r, "fail"), "bad") if gate_names(r, "fail") else Cell("none")
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
            Cell("Score", "strong"),
            *(
                Cell(f"{one_decimal(r.score)} ({r.grade}, rank {r.rank})", "strong")
                for r in results
            ),
            Cell(f"{max(scores) - min(scores):.1f}"),
        )
    )
    rows.append(
        (
            Cell("Bounds (could rank)", "strong"),
            *(Cell(f"{bounds_text(r)} ({places_text(r)})") for r in results),
            Cell(""),
        )
    )
    rows.append(
        (
            Cell("Primary sources", "strong"),
            *(primary_text(r) for r in results),
            Cell(""),
        )
    )
    notes = []
    for row in comparison.decisive():
        notes.append(
            Note(
                (Cell(f"{row.label}: {row.spread:.1f} points apart", "strong"),),
                tuple(
                    Cell(
                        f"{r.subject.label}: {cell.reason} [{', '.join(cell.sources) or 'no source'}]"
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
    blocks: list[Block] = [
        Title(
            f"Compared as of {ranking.as_of}, rubric {ranking.rubric.id} {ranking.rubric.version}"
            + (f" ({projected})" if projected else "")
        ),
        Grid(tuple(columns), tuple(rows), ruled=True),
        Notes(
            "What explains the gaps (largest first)",
            tuple(notes),
            empty="no criterion separates them",
        ),
    ]
    if warned:
        blocks.append(Notes("Warnings", tuple(warned), tone="warning"))
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
            gap = f"{round(scores[p.id], 1) - round(scores[pair.lower], 1):.1f}"
            swap = (
                "tied" if pair.tied else (pair.swap.describe() if pair.swap else "no single weight")
            )
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
    return (
        Grid(
            (
                Column("#", "right", wrap=False),
                Column("Provider", wrap=False),
                Column("Score", "right"),
                Column("Rank range", "right"),
                Column("Keeps rank", "right"),
                Column("First", "right"),
                Column("Gap to next", "right"),
                Column("Smallest swap with the next", ratio=1),
            ),
            tuple(rows),
            title=f"How the ranking holds when weights move (±{analysis.spread * 100:g} %)",
            caption=f"{analysis.samples} samples, seed {analysis.seed}; rank range: "
            f"5th-95th percentile; rubric {ranking.rubric.id}, as of {ranking.as_of}",
        ),
        Line(
            (
                Cell(
                    "Fragile places (kept in fewer than half the samples): "
                    + (", ".join(fragile) or "none"),
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
    return (
        f"at most {status.valid_until}" if status.valid_until_is_bound else str(status.valid_until)
    )


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
            since = (
                f"{'by ' if status.since_is_bound else ''}{status.since}" if status.since else ""
            )
            lines.append(
                (
                    *base,
                    Cell(status.scheme),
                    Cell(status.status.replace("_", " "), _STATUS_TONE[status.status]),
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
                    Cell(status.evidence or "", _KIND_TONE.get(status.evidence or "", "dim")),
                    *tail,
                )
            )
        if not row.statuses:
            lines.append((*base, *(Cell("") for _ in range(8)), *tail))
    return (
        Grid(
            (
                Column("Provider", wrap=False),
                Column("Offer"),
                Column("Service"),
                Column("Scheme"),
                Column("Status"),
                Column("Since"),
                Column("Valid until"),
                Column("Days left", "right"),
                Column("Version", optional=2),
                Column("Decision", optional=2),
                Column("Evidence"),
                Column("Data", ratio=1),
                Column("Runs on", fold=True, optional=1),
                Column("Score", "right"),
                Column("Bounds", "right", wrap=False),
            ),
            tuple(lines),
            title=f"Offers as of {ranking.as_of}",
            caption=f"{len(rows)} offers; score under rubric {ranking.rubric.id} "
            f"{ranking.rubric.version}; status read from each offer's dated history; "
            "Evidence: the kind of the status's strongest source"
            + "".join(
                f"; {text}"
                for text in (projection_text(ranking.projected_after), register_text(ranking))
                if text
            ),
        ),
    )


# --- diff ------------------------------------------------------------------------------------

CHANGE_WORDS = {
    "listed": "listed",
    "unlisted": "no longer listed",
    "score": "score",
    "grade": "grade",
    "rank": "rank",
    "eligibility": "eligible",
    "offer": "stands as",
    "criterion": "",
    "status": "",
}


def _moved(change: Change) -> str:
    before = change.before if change.before is not None else "unknown"
    after = change.after if change.after is not None else "unknown"
    return f"{before} -> {after}"


def change_text(change: Change, labels: dict[str, str]) -> str:
    if change.kind in ("listed", "unlisted"):
        return CHANGE_WORDS[change.kind]
    if change.kind == "criterion":
        return f"{labels.get(change.subject, change.subject)}: {_moved(change)}"
    if change.kind == "status":
        return f"{change.subject}: {_moved(change)}"
    if change.kind == "eligibility":
        before = ELIGIBILITY.get(change.before or "", "-")
        after = ELIGIBILITY.get(change.after or "", "-")
        return f"eligible: {before} -> {after}"
    return f"{CHANGE_WORDS[change.kind]} {_moved(change)}"


def diff_view(changes: Diff) -> View:
    before, after = changes.before, changes.after
    labels = {c.id: c.label for c in after.rubric.criteria}
    heading = (
        f"What changed from {before.as_of} to {after.as_of}, rubric {after.rubric.id} "
        f"{after.rubric.version}"
    )
    headline_kinds = ("listed", "unlisted", "grade", "score", "rank", "eligibility", "offer")
    notes = []
    for unit in changes.units:
        headline = [change_text(c, labels) for c in unit.changes if c.kind in headline_kinds]
        details = [
            Cell(change_text(c, labels)) for c in unit.changes if c.kind not in headline_kinds
        ]
        details += [Cell(f"because {e.date}: {e.text}", "dim") for e in unit.events]
        if unit.moved_by:
            details.append(Cell(f"moved as others changed: {', '.join(unit.moved_by)}", "dim"))
        elif not unit.events:
            details.append(Cell("no dated fact between the two days explains it", "dim"))
        notes.append(
            Note(
                (Cell(unit.name, "strong"), Cell(f" ({unit.key}): "), Cell("; ".join(headline))),
                tuple(details),
            )
        )
    projected = projection_text(after.projected_after)
    blocks: list[Block] = [Title(heading + (f" ({projected})" if projected else ""))]
    blocks.append(
        Notes(
            f"{len(changes.units)} changed",
            tuple(notes),
            empty=f"no change between {before.as_of} and {after.as_of}",
        )
    )
    return tuple(blocks)


# --- coverage and due ------------------------------------------------------------------------


def coverage_view(report: Coverage) -> View:
    ranking = report.ranking
    units = "offers" if ranking.unit == "offer" else "providers"
    rows = tuple(
        (
            Cell(c.label),
            Cell(f"{c.sourced}/{c.total}"),
            Cell(percent(c.sourced / c.total if c.total else 1.0)),
            Cell(", ".join(c.unknown) or "none", "unknown" if c.unknown else "dim"),
        )
        for c in report.criteria
    )
    total = (
        Cell("All criteria", "strong"),
        Cell(f"{report.sourced}/{report.total}", "strong"),
        Cell(percent(report.share), "strong"),
        Cell(""),
    )
    return (
        Grid(
            (
                Column("Criterion"),
                Column("Sourced", "right", wrap=False),
                Column("Share", "right", wrap=False),
                Column(f"Not resting on sourced facts ({units})", ratio=1),
            ),
            (*rows, total),
            title=f"Coverage of rubric {ranking.rubric.id} {ranking.rubric.version} over "
            f"{len(ranking.results)} {units} as of {ranking.as_of}",
            caption="a cell rests on sourced facts when its value is known (or shown by a "
            "SecNumCloud 3.2 qualification) and cites a source",
        ),
    )


DUE_WORDS = {
    "qualification_ending": "qualification",
    "register_read": "register",
    "profile_review": "review",
    "weak_sources": "sources",
}


def due_view(report: Due) -> View:
    rows = tuple(
        (
            Cell(
                str(item.date) if item.date else "-",
                "warning" if item.date and item.date <= report.as_of else "plain",
            ),
            Cell(DUE_WORDS[item.kind]),
            Cell(item.provider),
            Cell(item.subject),
            Cell(item.reason),
        )
        for item in report.items
    )
    return (
        Grid(
            (
                Column("Due", wrap=False),
                Column("What", wrap=False),
                Column("Provider", wrap=False),
                Column("Check", ratio=1),
                Column("Why", ratio=2),
            ),
            rows,
            title=f"What to re-check as of {report.as_of}",
            caption=f"{len(rows)} items: qualifications ending within {report.within} days or "
            f"ended after the last read; registers read more than {report.register_age} days "
            f"before; reviews due within {report.within} days; facts resting only on "
            "compilations or analyses",
        ),
    )


# --- rubric, rubrics, measures ---------------------------------------------------------------


def rubric_view(rubric: Rubric) -> View:
    weights = rubric.normalised_weights()
    unknown = (
        "Unknown facts score 0 and lower coverage."
        if rubric.unknown == "zero"
        else "Unknown facts are left out and the other weights scaled up."
    )
    blocks: list[Block] = [
        Title(f"{rubric.title} ({rubric.id} {rubric.version})"),
        Line((Cell(rubric.description),)),
    ]
    if rubric.source:
        blocks.append(Line((Cell(f"Source: {rubric.source}", "dim"),)))
    blocks.append(Line((Cell(unknown),)))
    rows = tuple(
        (
            Cell(f"{c.label} ({c.id})\n{c.description or ''}".rstrip()),
            Cell(percent(weights[c.id])),
            Cell(c.measure, "accent"),
            Cell("\n".join(f"{value} → {points:g}" for value, points in c.rule_rows())),
            Cell(c.rationale),
        )
        for c in rubric.criteria
    )
    blocks.append(
        Grid(
            (
                Column("Criterion"),
                Column("Weight", "right"),
                Column("Measure"),
                Column("Value → points"),
                Column("Rationale", ratio=1),
            ),
            rows,
            ruled=True,
        )
    )
    if rubric.gates:
        blocks.append(
            Grid(
                (
                    Column("Gate"),
                    Column("Article"),
                    Column("Tests"),
                    Column("Passes when"),
                    Column("Rationale", ratio=1),
                ),
                tuple(
                    (
                        Cell(f"{g.label} ({g.id})"),
                        Cell(g.article or ""),
                        Cell(g.measure or f"points of {g.criterion}", "accent"),
                        Cell(g.rule()),
                        Cell(g.rationale),
                    )
                    for g in rubric.gates
                ),
                title="Gates: a provider failing one is ineligible, whatever its score",
                ruled=True,
            )
        )
    grades = ", ".join(
        f"{b.grade} ≥ {b.min:g}" for b in sorted(rubric.grades, key=lambda b: -b.min)
    )
    blocks.append(Line((Cell(f"Grades: {grades}"),)))
    if rubric.references:
        blocks.append(references_notes(rubric))
    return tuple(blocks)


def in_force_text(reference: Reference) -> str:
    issued = f"of {reference.date}" if reference.date else "undated"
    return f"{issued}, in force {reference.in_force_text()}"


def references_notes(rubric: Rubric) -> Notes:
    """The legal texts and referentials the rubric applies, dated, with what was read."""
    return Notes(
        "Legal basis (dated, with what was read)",
        tuple(
            Note(
                (
                    Cell(r.id, "accent"),
                    Cell(f" ({r.kind})", _KIND_TONE[r.kind]),
                    Cell(f": {r.title}, {in_force_text(r)}. {r.publisher}. {r.url}"),
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
                Column("Name", wrap=False),
                Column("Version"),
                Column("Title", ratio=1),
                Column("Criteria", "right"),
                Column("Gates", "right"),
                Column("SEAL"),
            ),
            tuple(
                (
                    Cell(r.id, "accent"),
                    Cell(r.version),
                    Cell(r.title),
                    Cell(str(len(r.criteria))),
                    Cell(str(len(r.gates))),
                    Cell("yes" if r.seal else ""),
                )
                for r in rubrics
            ),
            title="Rubric presets (--rubric NAME)",
        ),
    )


def measures_view(measures: Sequence[Measure]) -> View:
    return (
        Grid(
            (
                Column("Measure", wrap=False),
                Column("Kind"),
                Column("Values"),
                Column("Reads"),
                Column("Description", ratio=1),
            ),
            tuple(
                (
                    Cell(m.name, "accent"),
                    Cell(m.kind),
                    Cell("\n".join(m.table_keys()) if m.kind != "number" else "0-100"),
                    Cell("\n".join(m.reads)),
                    Cell(m.description),
                )
                for m in measures
            ),
            title="Built-in measures (a rubric's criteria and gates name them)",
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

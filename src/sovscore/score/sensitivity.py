"""How robust a ranking is to the rubric's weights. Pure: no I/O, no rendering, stdlib only.

Weights are judgement calls; a buyer should know whether a ranking survives a reasonable
disagreement about them. Two answers:

- Monte Carlo: every sample scales each raw weight by its own factor drawn uniformly in
  [1 - spread, 1 + spread], then rescores and reranks every provider with the rules of
  `scoring` (normalised weights, the `unknown` rule, scores compared to one decimal, eligible
  before cannot-be-shown before ineligible: gates test facts and points, never weights, so a
  provider's eligibility group is the same in every sample).
- Exactly, for each pair of neighbours in the ranking: the smallest change of one criterion's
  weight, the others held fixed, at which the lower one catches up with the upper one.

A provider is ranked as its best offer in scope: under other weights another of its offers may
become its best, and both answers follow that (each sample, and each swap, scores them all).
"""

from __future__ import annotations

import math
import random
import sys
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from ..i18n import _, number
from ..model.rubric import normalise
from .gates import Eligibility
from .scoring import ELIGIBILITY_ORDER, Ranking, order_key, weighted_score

PERCENTILES = (5, 95)
"""The rank range reported: these percentiles of the sampled ranks (nearest-rank method)."""


@dataclass(frozen=True)
class ProviderSensitivity:
    id: str
    base_rank: int
    rank_p5: int
    """5th percentile of the sampled ranks (nearest-rank): its best rank, outliers aside."""
    rank_p95: int
    """95th percentile of the sampled ranks (nearest-rank): its worst rank, outliers aside."""
    rank_min: int
    rank_max: int
    p_keeps_rank: float
    """Share of samples in which it has exactly its base rank."""
    p_first: float
    """Share of samples in which it ranks first (sharing first place counts)."""
    fragile: bool
    """It keeps its rank in fewer than half the samples."""


@dataclass(frozen=True)
class WeightChange:
    """One criterion's raw (relative) weight moved from `weight` to `new_weight`."""

    criterion: str
    weight: float
    new_weight: float
    change: float
    """Relative change, (new - old) / old: 0.37 means +37 %."""

    def describe(self) -> str:
        """As people read it: `secnumcloud 30 -> 41.2, +37 %`."""
        # Translators: a criterion's id, its weight, the weight that changes the ranking, and
        # the relative change ("+37").
        return _("{criterion} {weight} -> {new_weight}, {change} %").format(
            criterion=self.criterion,
            weight=_short(self.weight),
            new_weight=_short(self.new_weight),
            change=f"{self.change * 100:+.0f}",
        )


@dataclass(frozen=True)
class PairSensitivity:
    upper: str
    """Provider id ranked above (or listed first, when tied)."""
    lower: str
    tied: bool
    """Both already share a rank."""
    swap: WeightChange | None
    """The smallest single-weight change that makes `lower` reach `upper` (None when tied, when
    no change of one weight does it, or when eligibility, not score, orders them)."""
    change: float | None
    """Relative size of that change: 0 when tied, None when there is no swap to find."""
    fragile: bool
    """The swap needs a relative change within the sampled spread (e.g. within ±25 %)."""


@dataclass(frozen=True)
class Sensitivity:
    ranking: Ranking
    """The ranking whose weights were moved."""
    samples: int
    spread: float
    seed: int
    providers: list[ProviderSensitivity]
    """In base ranking order."""
    pairs: list[PairSensitivity]
    """Each pair of neighbours in base ranking order."""
    percentiles: tuple[int, int] = PERCENTILES
    """The percentiles of the sampled ranks that `rank_p5` and `rank_p95` report."""

    @property
    def fragile_providers(self) -> list[ProviderSensitivity]:
        return [p for p in self.providers if p.fragile]

    @property
    def fragile_pairs(self) -> list[PairSensitivity]:
        return [p for p in self.pairs if p.fragile]


@dataclass(frozen=True)
class _Table:
    """The ranking reduced to numbers, once: a sample is then only weighted sums.

    Each ranked unit (a provider, or an offer) has one or more rows: a provider's offers in
    scope, since under other weights another of its offers may become its best. Offers with the
    same points and eligibility share a row, scored once per sample.
    """

    ids: list[str]
    criteria: list[str]
    raw: list[float]
    """The rubric's raw weights, in criterion order, scaled by 2**-shift (exactly) so that the
    largest is in [0.5, 1): a sample's factors can then never make every weight vanish, however
    tiny the rubric's weights (5e-324), nor overflow, however large."""
    shift: int
    """Report a scaled weight w as the rubric's own, ldexp(w, shift)."""
    facts: list[tuple[float | None, ...]]
    """Per row, points per criterion; None where the fact is unknown."""
    points: list[list[float]]
    """The same, 0.0 where the fact is unknown (it earns nothing)."""
    known: list[tuple[bool, ...]]
    eligibility: list[Eligibility | None]
    """Per row, its eligibility: weights never change it (gates test facts and points)."""
    rows_of: list[list[int]]
    """Per unit, the rows that may stand for it: its offers in its best eligibility group (an
    offer of a worse group never outranks one of a better group, whatever the weights)."""
    exclude: bool


def analyse(
    ranking: Ranking, *, samples: int = 2000, spread: float = 0.25, seed: int = 0
) -> Sensitivity:
    """How often each provider keeps its rank when weights move, and how far they must move."""
    if samples < 1:
        raise ValueError(f"expected at least 1 sample, not {samples}")
    if not 0 <= spread < 1:  # a factor of 0 or less would drop or invert a criterion
        raise ValueError(f"expected a spread from 0 to less than 1, not {spread}")
    table = _table(ranking)
    base = [place + 1 for place in _places(table, _scores(table, table.raw))]
    counts = _sample_places(table, samples, spread, seed)
    providers = [
        _provider_summary(ident, rank, counts[unit], samples)
        for unit, (ident, rank) in enumerate(zip(table.ids, base, strict=True))
    ]
    pairs = [_pair(table, i, i + 1, spread) for i in range(len(base) - 1)]
    return Sensitivity(ranking, samples, spread, seed, providers, pairs)


def _table(ranking: Ranking) -> _Table:
    criteria = [c.id for c in ranking.rubric.criteria]
    weights = [c.weight for c in ranking.rubric.criteria]
    shift = math.frexp(max(weights))[1]
    rows: dict[tuple[tuple[float | None, ...], Eligibility | None], int] = {}
    rows_of: list[list[int]] = []
    for result in ranking.results:
        offers = result.offers or (result,)
        group = min(ELIGIBILITY_ORDER[o.eligibility] for o in offers)
        unit = []
        for offer in offers:
            if ELIGIBILITY_ORDER[offer.eligibility] != group:
                continue
            by_id = {c.id: c for c in offer.criteria}
            facts = tuple(by_id[c].points for c in criteria)
            row = rows.setdefault((facts, offer.eligibility), len(rows))
            if row not in unit:
                unit.append(row)
        rows_of.append(unit)
    return _Table(
        ids=[ranking.key(r) for r in ranking.results],
        criteria=criteria,
        raw=[math.ldexp(w, -shift) for w in weights],
        shift=shift,
        facts=[facts for facts, _ in rows],
        points=[[p if p is not None else 0.0 for p in facts] for facts, _ in rows],
        known=[tuple(p is not None for p in facts) for facts, _ in rows],
        eligibility=[eligibility for _, eligibility in rows],
        rows_of=rows_of,
        exclude=ranking.rubric.unknown == "exclude",
    )


def _scores(table: _Table, raw: list[float], only: Iterable[int] | None = None) -> dict[int, float]:
    """Each row's score (or only these rows') under these raw weights: `scoring`'s own formula,
    so with the rubric's own weights the scores, hence the ranks, are identical."""
    weights = normalise(raw)
    chosen = range(len(table.facts)) if only is None else only
    return {i: weighted_score(weights, table.facts[i], table.exclude)[0] for i in chosen}


def _key(table: _Table, unit: int, scores: dict[int, float]) -> tuple[int, float]:
    """A unit's place key: its best row's, as `scoring.rank` orders (`order_key`)."""
    return min(order_key(table.eligibility[row], scores[row]) for row in table.rows_of[unit])


def _places(table: _Table, scores: dict[int, float]) -> list[int]:
    """Per unit, how many units come before it (its rank - 1); equal places share a rank."""
    keys = [_key(table, unit, scores) for unit in range(len(table.ids))]
    ordered = sorted(keys)
    return [bisect_left(ordered, k) for k in keys]


def _sample_places(table: _Table, samples: int, spread: float, seed: int) -> list[list[int]]:
    """Per unit, how many samples put it at each rank (index 0 is rank 1)."""
    rng = random.Random(seed)
    counts = [[0] * len(table.ids) for _ in table.ids]
    low, high = 1 - spread, 1 + spread
    for __ in range(samples):
        raw = [w * rng.uniform(low, high) for w in table.raw]
        for unit, place in enumerate(_places(table, _scores(table, raw))):
            counts[unit][place] += 1
    return counts


def _percentile(counts: list[int], percent: int, samples: int) -> int:
    """Nearest-rank percentile: the smallest rank r with at least ceil(percent% of samples)
    samples at rank r or better."""
    needed = max(1, -(-percent * samples // 100))
    seen = 0
    for index, n in enumerate(counts):
        seen += n
        if seen >= needed:
            return index + 1
    return len(counts)  # unreachable: the counts add up to `samples`


def _provider_summary(
    ident: str, base: int, counts: list[int], samples: int
) -> ProviderSensitivity:
    seen = [index + 1 for index, n in enumerate(counts) if n]
    keeps = counts[base - 1] / samples
    return ProviderSensitivity(
        id=ident,
        base_rank=base,
        rank_p5=_percentile(counts, PERCENTILES[0], samples),
        rank_p95=_percentile(counts, PERCENTILES[1], samples),
        rank_min=min(seen),
        rank_max=max(seen),
        p_keeps_rank=keeps,
        p_first=counts[0] / samples,
        fragile=keeps < 0.5,
    )


def _pair(table: _Table, upper: int, lower: int, spread: float) -> PairSensitivity:
    """Neighbours in the base ranking, by unit index."""
    up, low = table.ids[upper], table.ids[lower]
    scores = _scores(table, table.raw, table.rows_of[upper] + table.rows_of[lower])
    key_up, key_low = _key(table, upper, scores), _key(table, lower, scores)
    if key_up[0] != key_low[0]:  # weights never move eligibility
        return PairSensitivity(up, low, tied=False, swap=None, change=None, fragile=False)
    if key_up == key_low:
        return PairSensitivity(up, low, tied=True, swap=None, change=0.0, fragile=True)
    swap = _smallest_swap(table, upper, lower)
    change = swap.change if swap is not None else None
    fragile = change is not None and abs(change) <= spread
    return PairSensitivity(up, low, tied=False, swap=swap, change=change, fragile=fragile)


def _smallest_swap(table: _Table, upper: int, lower: int) -> WeightChange | None:
    """Over every criterion with a positive weight (a zero weight has no relative change), the
    weight change of smallest relative size that makes unit `lower` rank with or above `upper`."""
    best: WeightChange | None = None
    for k, weight in enumerate(table.raw):
        if weight <= 0:
            continue
        new = _swap_weight(table, upper, lower, k)
        if new is None or math.frexp(new)[1] + table.shift > math.frexp(sys.float_info.max)[1]:
            continue  # no such weight, or one past the largest float once scaled back
        change = WeightChange(
            table.criteria[k],
            math.ldexp(weight, table.shift),
            math.ldexp(new, table.shift),
            (new - weight) / weight,
        )
        if best is None or abs(change.change) < abs(best.change):
            best = change
    return best


def _swap_weight(table: _Table, upper: int, lower: int, k: int) -> float | None:
    """The raw weight of criterion k nearest its current one at which `lower` catches `upper`.

    With the others fixed at W_j and x for criterion k, each row's score is N(x) / M(x), N and
    M linear in x (under `zero`, M is the total weight; under `exclude`, the row's known
    weight). A unit's score is its best row's, so where the two units meet, some row of each
    meets the other: the candidates are the roots of N_a M_b - N_b M_a = 0, at most a
    quadratic, for every pair of their rows. Setting the weight to 0 is also tried: under
    `exclude` it can drop a row's coverage to 0 (score 0), a jump no root shows. Each candidate
    is checked by rescoring, nudged a hair further when float rounding leaves the pair
    unswapped, and dropped if that does not help.
    """
    weight = table.raw[k]
    others = math.fsum(w for j, w in enumerate(table.raw) if j != k)
    candidates = [
        r
        for a in table.rows_of[upper]
        for b in table.rows_of[lower]
        for r in _meeting_points(table, a, b, k)
        if r > 0 and math.isfinite(r)
    ]
    if others > 0:  # a weight of 0 is allowed while another weight stays positive
        candidates.append(0.0)
    for candidate in sorted(set(candidates), key=lambda r: abs(r - weight)):
        for nudge in (0.0, 1e-12, 1e-9, 1e-6):
            x = candidate + (candidate - weight) * nudge
            if x >= 0 and _swapped(table, upper, lower, k, x):
                return x
    return None


def _meeting_points(table: _Table, upper: int, lower: int, k: int) -> list[float]:
    """Roots of N_u M_l - N_l M_u = c2 x^2 + c1 x + c0 (see `_swap_weight`)."""

    def linear(provider: int) -> tuple[float, float, float, float]:
        """N(x) = n + u x and M(x) = m + v x for one provider."""
        points, known = table.points[provider], table.known[provider]
        rest = [j for j in range(len(table.raw)) if j != k and (known[j] or not table.exclude)]
        n = math.fsum(table.raw[j] * points[j] for j in rest)
        m = math.fsum(table.raw[j] for j in rest)
        v = 1.0 if known[k] or not table.exclude else 0.0
        if m == 0 and v == 0:  # nothing known with any weight: the score stays 0
            return 0.0, 0.0, 1.0, 0.0
        return n, points[k] * v, m, v

    n_u, u_u, m_u, v_u = linear(upper)
    n_l, u_l, m_l, v_l = linear(lower)
    c2 = u_u * v_l - u_l * v_u
    c1 = n_u * v_l + u_u * m_l - n_l * v_u - u_l * m_u
    c0 = n_u * m_l - n_l * m_u
    if c2 == 0:
        return [-c0 / c1] if c1 != 0 else []
    discriminant = c1 * c1 - 4 * c2 * c0
    if discriminant < 0:
        return []
    q = -(c1 + math.copysign(math.sqrt(discriminant), c1)) / 2  # no cancellation between terms
    return [q / c2, c0 / q] if q != 0 else [0.0]


def _swapped(table: _Table, upper: int, lower: int, k: int, x: float) -> bool:
    """With criterion k weighted x, unit `lower` ranks with or above `upper` (as `scoring` ranks)."""
    raw = list(table.raw)
    raw[k] = x
    if not math.fsum(raw) > 0:
        return False
    scores = _scores(table, raw, table.rows_of[upper] + table.rows_of[lower])
    return _key(table, lower, scores) <= _key(table, upper, scores)


def _short(weight: float) -> str:
    """One decimal (three significant digits below 10), without a trailing `.0`: `30`, `41.2`."""
    text = f"{weight:.1f}" if abs(weight) >= 10 else f"{weight:.3g}"
    # The decimal separator of the language, as `number` writes it (80.5 / 80,5).
    return text.removesuffix(".0").replace(".", number(0.5)[1])

"""Providers side by side: where their scores part, by how much, and on which facts."""

from __future__ import annotations

from dataclasses import dataclass

from .scoring import CriterionResult, ProviderResult, Ranking


@dataclass(frozen=True)
class CriterionRow:
    id: str
    label: str
    weight: float
    cells: tuple[CriterionResult, ...]
    """One per provider compared, in the order asked."""

    @property
    def spread(self) -> float:
        """How many score points this criterion puts between the best and the worst."""
        contributions = [c.contribution for c in self.cells]
        return max(contributions) - min(contributions)

    @property
    def leaders(self) -> tuple[int, ...]:
        """Positions of the providers that gain the most here (several when tied)."""
        best = max(c.contribution for c in self.cells)
        return tuple(i for i, c in enumerate(self.cells) if c.contribution == best)


@dataclass(frozen=True)
class Comparison:
    ranking: Ranking
    results: tuple[ProviderResult, ...]
    rows: tuple[CriterionRow, ...]

    def decisive(self) -> tuple[CriterionRow, ...]:
        """The criteria that separate the providers, largest gap first."""
        parting = [row for row in self.rows if row.spread > 0]
        return tuple(sorted(parting, key=lambda row: -row.spread))


def compare(ranking: Ranking, results: list[ProviderResult]) -> Comparison:
    rows = tuple(
        CriterionRow(
            id=criterion.id,
            label=criterion.label,
            weight=ranking.weights[criterion.id],
            cells=tuple(r.criteria[index] for r in results),
        )
        for index, criterion in enumerate(ranking.rubric.criteria)
    )
    return Comparison(ranking, tuple(results), rows)

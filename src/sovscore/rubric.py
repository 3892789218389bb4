"""The rubric: which measures count, how much, and how their values become points."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from .measures import MEASURES, NUMBER_RANGE
from .profile import Model, Slug, Text
from .yamlread import Path


def _finite_points(value: float) -> float:
    if math.isnan(value) or not 0 <= value <= 100:
        raise ValueError(f"expected points from 0 to 100, not {value}")
    return value


def _finite_weight(value: float) -> float:
    if math.isnan(value) or math.isinf(value) or value < 0:
        raise ValueError(f"expected a finite weight of 0 or more, not {value}")
    return value


def _keys_as_text(value: object) -> object:
    """YAML reads `true:` and `no:` keys as booleans; tables name values as text."""
    if isinstance(value, dict):
        return {str(k).lower() if isinstance(k, bool) else k: v for k, v in value.items()}
    return value


Points = Annotated[float, AfterValidator(_finite_points)]


class Threshold(Model):
    min: float = Field(allow_inf_nan=False)
    points: Points


class Criterion(Model):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    label: Text
    weight: Annotated[float, AfterValidator(_finite_weight)]
    measure: Text
    description: Text
    rationale: Text
    table: Annotated[dict[str, Points], BeforeValidator(_keys_as_text)] | None = None
    thresholds: list[Threshold] | None = None

    def rule_rows(self) -> list[tuple[str, float]]:
        """The rule as (value, points) rows, for people to read."""
        if self.table is not None:
            return list(self.table.items())
        ordered = sorted(self.thresholds or [], key=lambda t: t.min, reverse=True)
        return [(f">= {t.min:g}", t.points) for t in ordered]


class GradeBand(Model):
    grade: Text
    min: Points


class Rubric(Model):
    schema_version: Literal[1]
    id: Slug
    version: Text
    title: Text
    description: Text
    unknown: Literal["zero", "exclude"] = "zero"
    grades: list[GradeBand] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)

    def normalised_weights(self) -> dict[str, float]:
        total = math.fsum(c.weight for c in self.criteria)
        return {c.id: c.weight / total for c in self.criteria}

    def grade(self, score: float) -> str:
        for band in sorted(self.grades, key=lambda b: b.min, reverse=True):
            if score >= band.min:
                return band.grade
        return self.grades[-1].grade  # unreachable once checked: a band starts at 0


def check_rubric(rubric: Rubric) -> list[tuple[Path, str]]:
    """What pydantic cannot see: references to measures, complete tables, sane weights and grades."""
    problems: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for index, criterion in enumerate(rubric.criteria):
        path: Path = ("criteria", index)
        if criterion.id in seen:
            problems.append(((*path, "id"), f"duplicate criterion id {criterion.id!r}"))
        seen.add(criterion.id)
        measure = MEASURES.get(criterion.measure)
        if measure is None:
            known = ", ".join(sorted(MEASURES))
            problems.append(
                (
                    (*path, "measure"),
                    f"unknown measure {criterion.measure!r} (expected one of: {known})",
                )
            )
            continue
        if (criterion.table is None) == (criterion.thresholds is None):
            problems.append((path, "expected exactly one rule: `table` or `thresholds`"))
            continue
        if criterion.table is not None:
            if measure.kind == "number":
                problems.append(
                    ((*path, "table"), f"measure {measure.name} yields numbers: use `thresholds`")
                )
                continue
            expected = measure.table_keys()
            for key in criterion.table:
                if key not in expected:
                    problems.append(
                        (
                            (*path, "table", key),
                            f"{measure.name} never yields {key!r} (expected: {', '.join(expected)})",
                        )
                    )
            missing = [k for k in expected if k not in criterion.table]
            if missing:
                problems.append(
                    (
                        (*path, "table"),
                        f"no points for {', '.join(missing)} (every value needs points)",
                    )
                )
        elif criterion.thresholds is not None:
            if measure.kind != "number":
                problems.append(
                    ((*path, "thresholds"), f"measure {measure.name} yields values: use `table`")
                )
                continue
            mins = [t.min for t in criterion.thresholds]
            if not mins:
                problems.append(((*path, "thresholds"), "expected at least one threshold"))
            elif min(mins) > NUMBER_RANGE[0]:
                problems.append(
                    (
                        (*path, "thresholds"),
                        f"expected a threshold with min {NUMBER_RANGE[0]:g} or less",
                    )
                )
            if len(set(mins)) != len(mins):
                problems.append(((*path, "thresholds"), "two thresholds have the same min"))
    total = sum(c.weight for c in rubric.criteria)  # fsum raises on overflow; sum gives inf
    if not total > 0:
        problems.append((("criteria",), "expected at least one criterion with a positive weight"))
    elif math.isinf(total):
        problems.append(
            (
                ("criteria",),
                "weights add up to more than the largest number (expected smaller weights: only their ratios matter)",
            )
        )
    bands = [b.min for b in rubric.grades]
    if 0 not in bands:
        problems.append((("grades",), "expected a grade band starting at min 0"))
    if len(set(bands)) != len(bands):
        problems.append((("grades",), "two grade bands start at the same min (they overlap)"))
    if len({b.grade for b in rubric.grades}) != len(rubric.grades):
        problems.append((("grades",), "two grade bands have the same grade"))
    return problems


def points_for(criterion: Criterion, value: float | str | bool) -> float:
    if criterion.table is not None:
        key = str(value).lower() if isinstance(value, bool) else str(value)
        return criterion.table[key]
    assert criterion.thresholds is not None
    number = float(value)
    for threshold in sorted(criterion.thresholds, key=lambda t: t.min, reverse=True):
        if number >= threshold.min:
            return threshold.points
    return 0.0

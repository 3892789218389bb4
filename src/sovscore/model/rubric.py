"""The rubric: which measures count, how much, and how their values become points."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from ..errors import Path
from ..escape import quote
from ..measures.core import MEASURES, NUMBER_RANGE
from .profile import Model, Text


def _finite_points(value: float) -> float:
    if math.isnan(value) or not 0 <= value <= 100:
        raise ValueError(f"expected points from 0 to 100, not {value}")
    return value


def _finite_weight(value: float) -> float:
    if math.isnan(value) or math.isinf(value) or value < 0:
        raise ValueError(f"expected a finite weight of 0 or more, not {value}")
    return value


def _keys_as_text(value: object) -> object:
    """YAML reads `true:` and `no:` keys as booleans; tables name values as text. Two keys that
    are one value once read as text (`true:` and `"true":`) are a contradiction, not a merge."""
    if not isinstance(value, dict):
        return value
    table: dict[object, object] = {}
    for key, points in value.items():
        text = str(key).lower() if isinstance(key, bool) else key
        if text in table:
            raise ValueError(f"two keys name the value {quote(text)} (one of them as a boolean)")
        table[text] = points
    return table


Points = Annotated[float, AfterValidator(_finite_points)]


def _values_as_text(value: object) -> object:
    """`allowed: [true]` names the boolean value as the measure's tables do: 'true'."""
    if isinstance(value, list):
        return [str(v).lower() if isinstance(v, bool) else v for v in value]
    return value


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
    linear: bool = Field(
        default=False, description="Points are the measure's number itself (0-100)."
    )
    shown_by: Literal["secnumcloud_3.2"] | None = Field(
        default=None,
        description="Full points when the facts are unknown but an offer qualified under this "
        "scheme version on the day shows the requirement met.",
    )

    def best_points(self) -> float:
        return max(points for _, points in self.rule_rows())

    def rule_rows(self) -> list[tuple[str, float]]:
        """The rule as (value, points) rows, for people to read."""
        if self.linear:
            return [("0-100", 100.0)]
        if self.table is not None:
            return list(self.table.items())
        ordered = sorted(self.thresholds or [], key=lambda t: t.min, reverse=True)
        return [(f">= {t.min:g}", t.points) for t in ordered]


class Gate(Model):
    """A condition a provider must meet to be eligible at all, whatever its score."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    label: Text
    article: str | None = Field(default=None, description="Where the framework says so.")
    measure: Text | None = None
    criterion: str | None = Field(default=None, description="A criterion whose points are tested.")
    allowed: (
        Annotated[
            list[str],
            BeforeValidator(_values_as_text, json_schema_input_type=list[str | bool]),
        ]
        | None
    ) = None
    max: float | None = Field(default=None, allow_inf_nan=False)
    min: float | None = Field(default=None, allow_inf_nan=False)
    shown_by: Literal["secnumcloud_3.2"] | None = Field(
        default=None,
        description="An offer qualified under this scheme version on the day shows the condition "
        "met when the profile's own facts cannot (ANSSI audits it).",
    )
    rationale: Text

    def rule(self) -> str:
        if self.allowed is not None:
            return " or ".join(self.allowed)
        parts = [
            f">= {self.min:g}" if self.min is not None else "",
            f"<= {self.max:g}" if self.max is not None else "",
        ]
        return " and ".join(p for p in parts if p)


class GradeBand(Model):
    grade: Text
    min: Points


class Rubric(Model):
    schema_version: Literal[1]
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")]
    version: Text
    title: Text
    description: Text
    unknown: Literal["zero", "exclude"] = "zero"
    source: str | None = Field(default=None, description="The text the rubric follows.")
    grades: list[GradeBand] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    gates: list[Gate] = Field(default_factory=list)
    seal: bool = Field(
        default=False,
        description="EU CSF: report the overall SEAL, the lowest SEAL level among the criteria.",
    )

    def normalised_weights(self) -> dict[str, float]:
        shares = normalise([c.weight for c in self.criteria])
        return {c.id: share for c, share in zip(self.criteria, shares, strict=True)}

    def grade(self, score: float) -> str:
        for band in sorted(self.grades, key=lambda b: b.min, reverse=True):
            if score >= band.min:
                return band.grade
        return self.grades[-1].grade  # unreachable once checked: a band starts at 0


def normalise(weights: list[float]) -> list[float]:
    """Weights as shares of their total: only their ratios matter.

    They are first scaled by the power of two that brings the largest into [0.5, 1), which is
    exact in floating point: so a subnormal weight (5e-324) or one near the largest float
    neither vanishes nor overflows, and scaling every weight by a power of two changes no share,
    bit for bit. At least one weight must be positive (the rubric check makes sure)."""
    largest = max(weights)
    if not largest > 0 or not math.isfinite(largest):
        raise ValueError(f"expected a positive, finite largest weight, not {largest}")
    shift = math.frexp(largest)[1]
    scaled = [math.ldexp(w, -shift) for w in weights]
    total = math.fsum(scaled)
    return [w / total for w in scaled]


def check_rubric(rubric: Rubric) -> list[tuple[Path, str]]:
    """What pydantic cannot see: references to measures, complete tables, sane weights and grades."""
    problems: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for index, criterion in enumerate(rubric.criteria):
        path: Path = ("criteria", index)
        if criterion.id in seen:
            problems.append(((*path, "id"), f"duplicate criterion id {quote(criterion.id)}"))
        seen.add(criterion.id)
        measure = MEASURES.get(criterion.measure)
        if measure is None:
            known = ", ".join(sorted(MEASURES))
            problems.append(
                (
                    (*path, "measure"),
                    f"unknown measure {quote(criterion.measure)} (expected one of: {known})",
                )
            )
            continue
        rules = [criterion.table is not None, criterion.thresholds is not None, criterion.linear]
        if sum(rules) != 1:
            problems.append(
                (path, "expected exactly one rule: `table`, `thresholds` or `linear: true`")
            )
            continue
        if criterion.linear:
            if measure.kind != "number":
                problems.append(
                    ((*path, "linear"), f"measure {measure.name} yields values: use `table`")
                )
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
                            f"{measure.name} never yields {quote(key)} (expected: {', '.join(expected)})",
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
    problems.extend(_check_gates(rubric))
    bands = [b.min for b in rubric.grades]
    if 0 not in bands:
        problems.append((("grades",), "expected a grade band starting at min 0"))
    if len(set(bands)) != len(bands):
        problems.append((("grades",), "two grade bands start at the same min (they overlap)"))
    if len({b.grade for b in rubric.grades}) != len(rubric.grades):
        problems.append((("grades",), "two grade bands have the same grade"))
    return problems


def with_weights(rubric: Rubric, overrides: list[str]) -> Rubric:
    """The rubric with `CRITERION=VALUE` weights for one run; a bad override is a usage error."""
    from ..errors import UsageError

    weights = {c.id: c.weight for c in rubric.criteria}
    for override in overrides:
        name, sep, text = override.partition("=")
        name = name.strip()
        if not sep or name not in weights:
            known = ", ".join(weights)
            raise UsageError(
                f"--weight {quote(override)}: expected CRITERION=VALUE with a criterion of "
                f"{quote(rubric.id)} ({known})"
            )
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0:
            raise UsageError(f"--weight {quote(override)}: expected a finite weight of 0 or more")
        weights[name] = value
    if not overrides:
        return rubric
    total = sum(weights.values())  # fsum raises on overflow; sum gives inf
    if not total > 0:
        raise UsageError("--weight: expected at least one positive weight")
    if math.isinf(total):
        raise UsageError(
            "--weight: the weights add up to more than the largest number "
            "(only their ratios matter: use smaller weights)"
        )
    criteria = [c.model_copy(update={"weight": weights[c.id]}) for c in rubric.criteria]
    return rubric.model_copy(update={"criteria": criteria})


def _check_gates(rubric: Rubric) -> list[tuple[Path, str]]:
    problems: list[tuple[Path, str]] = []
    criteria = {c.id for c in rubric.criteria}
    seen: set[str] = set()
    for index, gate in enumerate(rubric.gates):
        path: Path = ("gates", index)
        if gate.id in seen:
            problems.append(((*path, "id"), f"duplicate gate id {quote(gate.id)}"))
        seen.add(gate.id)
        if (gate.measure is None) == (gate.criterion is None):
            problems.append((path, "expected exactly one of `measure` or `criterion`"))
            continue
        if gate.criterion is not None and gate.criterion not in criteria:
            problems.append(
                ((*path, "criterion"), f"no criterion {quote(gate.criterion)} in this rubric")
            )
            continue
        measure = MEASURES.get(gate.measure) if gate.measure else None
        if gate.measure is not None and measure is None:
            problems.append(
                (
                    (*path, "measure"),
                    f"unknown measure {quote(gate.measure)} (expected one of: {', '.join(sorted(MEASURES))})",
                )
            )
            continue
        numeric = gate.criterion is not None or (measure is not None and measure.kind == "number")
        if numeric:
            if gate.allowed is not None or (gate.min is None and gate.max is None):
                problems.append((path, "expected `min` and/or `max` (a number is tested)"))
        elif gate.allowed is None or gate.min is not None or gate.max is not None:
            problems.append((path, "expected `allowed`: the values that pass"))
        elif measure is not None:
            for value in gate.allowed:
                if value not in measure.table_keys():
                    problems.append(
                        (
                            (*path, "allowed"),
                            f"{measure.name} never yields {quote(value)} (expected: {', '.join(measure.table_keys())})",
                        )
                    )
    return problems


def points_for(criterion: Criterion, value: float | str | bool) -> float:
    if criterion.linear:
        return min(100.0, max(0.0, float(value)))
    if criterion.table is not None:
        key = str(value).lower() if isinstance(value, bool) else str(value)
        return criterion.table[key]
    assert criterion.thresholds is not None
    number = float(value)
    for threshold in sorted(criterion.thresholds, key=lambda t: t.min, reverse=True):
        if number >= threshold.min:
            return threshold.points
    return 0.0

"""The rubric: which measures count, how much, and how their values become points."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, WithJsonSchema

from ..escape import quote
from ..i18n import _, day
from .dates import PartialDate
from .profile import Model, Source, Text

UnknownRule = Literal["zero", "exclude"]
"""zero: an unknown fact earns 0 points; exclude: its weight goes to the known facts."""
Value = str | float | bool
"""What a measure yields: a category, a number, or yes/no."""


def value_key(value: object) -> object:
    """How a value is named in a rubric's tables and gates: YAML reads `true:` and `no:` as
    booleans, tables name them as text, `true` and `false`. The one rule, everywhere."""
    return str(value).lower() if isinstance(value, bool) else value


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
        text = value_key(key)
        if text in table:
            raise ValueError(f"two keys name the value {quote(text)} (one of them as a boolean)")
        table[text] = points
    return table


Points = Annotated[
    float,
    AfterValidator(_finite_points),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100}),
]
Weight = Annotated[
    float, AfterValidator(_finite_weight), WithJsonSchema({"type": "number", "minimum": 0})
]


def _values_as_text(value: object) -> object:
    """`allowed: [true]` names the boolean value as the measure's tables do: 'true'."""
    if isinstance(value, list):
        return [value_key(v) for v in value]
    return value


class CriterionTexts(Model):
    """A criterion's texts in another language (those not given stay as written)."""

    label: Text | None = None
    short: Annotated[str, Field(min_length=1, max_length=8)] | None = None
    description: Text | None = None
    rationale: Text | None = None


class GateTexts(Model):
    label: Text | None = None
    rationale: Text | None = None


class RubricTexts(Model):
    title: Text | None = None
    description: Text | None = None


def _in(texts: Model | None) -> dict[str, object]:
    """The texts given, to replace the English ones."""
    return {} if texts is None else texts.model_dump(exclude_none=True)


class Threshold(Model):
    min: float = Field(allow_inf_nan=False)
    points: Points


class Criterion(Model):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    label: Text
    short: Annotated[str, Field(min_length=1, max_length=8)] | None = Field(
        default=None,
        description="A label of at most 8 characters for narrow tables (e.g. 'SNC').",
    )
    weight: Weight
    measure: Text
    description: Text | None = Field(
        default=None, description="What the criterion reads; by default, its measure's description."
    )
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
    chain: Literal["weakest"] | None = Field(
        default=None,
        description="weakest: the measure is read on the offer and on every offer it runs on "
        "(its infrastructure, and so on down), and the weakest link gives the points.",
    )
    fr: CriterionTexts | None = Field(default=None, description="The texts in French.")

    def points(self, value: Value) -> float:
        """The points a value earns under this criterion's rule."""
        if self.linear:
            return min(100.0, max(0.0, float(value)))
        if self.table is not None:
            return self.table[str(value_key(value))]
        assert self.thresholds is not None
        number = float(value)
        for threshold in sorted(self.thresholds, key=lambda t: t.min, reverse=True):
            if number >= threshold.min:
                return threshold.points
        return 0.0

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
    fr: GateTexts | None = Field(default=None, description="The texts in French.")

    def rule(self) -> str:
        if self.allowed is not None:
            return " or ".join(self.allowed)
        parts = [
            f">= {self.min:g}" if self.min is not None else "",
            f"<= {self.max:g}" if self.max is not None else "",
        ]
        return " and ".join(p for p in parts if p)


class Reference(Source):
    """A text the rubric applies (a law, a decree, a referential), as a dated, sourced fact:
    when it was issued (`date`), when it took effect (`in_force`), and what was read (`kind`:
    `compilation` when only copies or digests of it were)."""

    in_force: PartialDate | None = Field(
        default=None, description="When it took effect; null when no source shows it."
    )
    in_force_disputed: list[PartialDate] = Field(
        default_factory=list,
        description="Other days a source gives for its entry into force (the note says which).",
    )

    def in_force_text(self) -> str:
        """'2026-08-15 (disputed: 2026-08-22)', or 'not shown'."""
        # Translators: a text's entry into force that no source shows.
        text = day(self.in_force) if self.in_force else _("not shown")
        if self.in_force_disputed:
            # Translators: {text} is the day in force; {days}, the days others give.
            disputed = ", ".join(day(d) for d in self.in_force_disputed)
            text = _("{text} (disputed: {days})").format(text=text, days=disputed)
        return text


class GradeBand(Model):
    grade: Text
    min: Points


class Rubric(Model):
    schema_version: Literal[1]
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")]
    version: Text
    title: Text
    description: Text
    unknown: UnknownRule = "zero"
    source: str | None = Field(default=None, description="The text the rubric follows.")
    references: list[Reference] = Field(
        default_factory=list,
        description="The legal texts and referentials the rubric applies, dated and sourced.",
    )
    grades: list[GradeBand] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    gates: list[Gate] = Field(default_factory=list)
    seal: bool = Field(
        default=False,
        description="EU CSF: report the overall SEAL, the lowest SEAL level among the criteria.",
    )
    fr: RubricTexts | None = Field(default=None, description="The title and description in French.")

    def localized(self, lang: str) -> Rubric:
        """The rubric with its texts in `lang` where it gives them (English otherwise); ids,
        weights and rules unchanged."""
        if lang != "fr":
            return self
        criteria = [c.model_copy(update=_in(c.fr)) for c in self.criteria]
        gates = [g.model_copy(update=_in(g.fr)) for g in self.gates]
        return self.model_copy(update={**_in(self.fr), "criteria": criteria, "gates": gates})

    def normalised_weights(self) -> dict[str, float]:
        shares = normalise([c.weight for c in self.criteria])
        return {c.id: share for c, share in zip(self.criteria, shares, strict=True)}

    def reweighted(self, weights: dict[str, float]) -> Rubric:
        """The rubric with some criteria weighted differently (for one run, or an extension)."""
        if not weights:
            return self
        criteria = [
            c.model_copy(update={"weight": weights[c.id]}) if c.id in weights else c
            for c in self.criteria
        ]
        return self.model_copy(update={"criteria": criteria})

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


class RubricExtension(Model):
    """A rubric that takes a preset and says only what differs: its identity, and weights."""

    # Built when first used, not when sovscore starts: few runs read an extension.
    model_config = ConfigDict(**Model.model_config, defer_build=True)

    schema_version: Literal[1]
    extends: Text = Field(
        description="The preset this rubric takes its criteria, rules and gates from."
    )
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")]
    version: Text
    title: Text
    description: Text
    source: str | None = Field(default=None, description="The text the rubric follows.")
    weights: dict[str, Weight] = Field(
        default_factory=dict, description="New weights of some of the preset's criteria, by id."
    )
    fr: RubricTexts | None = Field(default=None, description="The title and description in French.")

    def apply(self, base: Rubric) -> Rubric:
        identity = {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "description": self.description,
            "source": self.source or base.source,
            "fr": self.fr,
        }
        return base.reweighted(self.weights).model_copy(update=identity)

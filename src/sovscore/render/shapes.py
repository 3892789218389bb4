"""The JSON output's shape, as types: mypy checks the renderers against them, and
`sovscore schema output` publishes them as a JSON Schema. Field names are a public interface."""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired

from pydantic import Field
from typing_extensions import TypedDict

from ..model.rubric import UnknownRule
from ..score.gates import Eligibility, GateStatus
from ..score.scoring import CriterionStatus
from ..score.warnings import WarningCode


class CriterionSummary(TypedDict):
    id: str
    label: str
    weight: Annotated[float, Field(description="Normalised weight: the weights sum to 1.")]


class GateSummary(TypedDict):
    id: str
    label: str
    article: str | None


class RubricSummary(TypedDict):
    id: str
    version: str
    unknown: Annotated[
        UnknownRule,
        Field(description="zero: an unknown fact earns 0; exclude: its weight goes to the others."),
    ]
    seal: Annotated[bool, Field(description="EU CSF rubrics: SEAL levels are reported.")]
    gates: list[GateSummary]
    criteria: list[CriterionSummary]


class CriterionEntry(TypedDict):
    id: str
    value: Annotated[
        str | float | bool | None, Field(description="The measure's value; null when unknown.")
    ]
    points: Annotated[float | None, Field(description="0-100; null when unknown.")]
    weight: float
    contribution: Annotated[float, Field(description="What the criterion adds to the score.")]
    status: Annotated[
        CriterionStatus,
        Field(
            description="scored: from the facts; shown: facts unknown, but a SecNumCloud 3.2 "
            "qualification shows the requirement met (value null); unknown: not shown."
        ),
    ]
    reason: str
    sources: Annotated[list[str], Field(description="Ids of the sources the value rests on.")]
    seal: NotRequired[Annotated[int | None, Field(description="EU CSF objectives: SEAL 0-4.")]]


class GateEntry(TypedDict):
    id: str
    label: str
    article: str | None
    status: GateStatus
    reason: str
    sources: list[str]


class WarningEntry(TypedDict):
    code: WarningCode
    message: str


class ProviderEntry(TypedDict):
    rank: int
    id: str
    name: str
    score: Annotated[float, Field(description="0-100, one decimal.")]
    grade: str
    coverage: Annotated[float, Field(description="0-1: share of the weight on known facts.")]
    seal: NotRequired[Annotated[int | None, Field(description="Overall SEAL: the lowest.")]]
    seal_at_most: NotRequired[
        Annotated[int | None, Field(description="Lowest SEAL among the objectives known.")]
    ]
    eligible: NotRequired[
        Annotated[bool, Field(description="True only when every gate is shown met.")]
    ]
    eligibility: NotRequired[Eligibility]
    failed_gates: NotRequired[list[str]]
    unshown_gates: NotRequired[list[str]]
    gates: NotRequired[list[GateEntry]]
    criteria: list[CriterionEntry]
    warnings: list[WarningEntry]


class DocumentHeader(TypedDict):
    """What every document about a ranking begins with."""

    schema_version: Literal[1]
    sovscore_version: str
    as_of: Annotated[str, Field(description="The day the facts were read as of (YYYY-MM-DD).")]
    rubric: RubricSummary


class RankingDocument(DocumentHeader):
    """`sovscore rank --json`."""

    min_seal: NotRequired[int]
    providers: list[ProviderEntry]

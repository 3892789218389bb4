"""The JSON output's shape, as types: mypy checks the renderers against them, and
`sovscore schema output` publishes them as a JSON Schema. Field names are a public interface."""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired

from pydantic import Field
from typing_extensions import TypedDict

from ..measures.base import Basis
from ..model.profile import RegisterStatus, Scheme, ServiceModel, SourceKind
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
    evidence: Annotated[
        SourceKind | None,
        Field(description="Kind of the strongest source cited; null when none is loaded."),
    ]
    basis: Annotated[
        Basis,
        Field(
            description="facts: read from sourced facts; assessment: a published assessment; "
            "derived: worked out from other facts by a documented rule; qualification: shown "
            "by a SecNumCloud 3.2 qualification."
        ),
    ]
    points_low: Annotated[float, Field(description="Fewest points its unknown facts allow.")]
    points_high: Annotated[float, Field(description="Most points its unknown facts allow.")]
    notes: Annotated[
        list[str], Field(description="Notes beside the facts read: what was looked for, found.")
    ]
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


class OfferSummary(TypedDict):
    id: Annotated[str, Field(description="provider/offer")]
    name: str
    service_models: list[ServiceModel]
    score: float
    grade: str
    eligibility: NotRequired[Eligibility]


class ProviderEntry(TypedDict):
    """A provider (standing as its best offer in scope), or in a ranking of offers, an offer."""

    rank: int
    id: Annotated[str, Field(description="The provider's id; provider/offer for an offer.")]
    name: Annotated[str, Field(description="The provider's name.")]
    provider: str
    offer: Annotated[str, Field(description="The id of the offer scored (within the provider).")]
    offer_name: str
    service_models: list[ServiceModel]
    score: Annotated[float, Field(description="0-100, one decimal.")]
    grade: str
    coverage: Annotated[float, Field(description="0-1: share of the weight on known facts.")]
    score_low: Annotated[
        float, Field(description="Lowest score its unknown facts allow (each at its worst).")
    ]
    score_high: Annotated[
        float, Field(description="Highest score its unknown facts allow (each at its best).")
    ]
    rank_best: Annotated[int, Field(description="Best rank the score bounds allow.")]
    rank_worst: Annotated[
        int, Field(description="Worst rank the score bounds allow: ties within unknowns.")
    ]
    primary_share: Annotated[
        float | None,
        Field(description="0-1: share of the score on official or provider sources; null at 0."),
    ]
    basis: Annotated[list[Basis], Field(description="How its criteria's values were reached.")]
    reviewed: Annotated[str, Field(description="When the profile was last reviewed.")]
    projected: Annotated[
        bool, Field(description="The as-of day is after `reviewed`: later facts are projected.")
    ]
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
    offers: NotRequired[
        Annotated[
            list[OfferSummary],
            Field(description="In a ranking of providers: its offers in scope, best first."),
        ]
    ]


class DocumentHeader(TypedDict):
    """What every document about a ranking begins with."""

    schema_version: Literal[2]
    sovscore_version: str
    as_of: Annotated[str, Field(description="The day the facts were read as of (YYYY-MM-DD).")]
    projected_after: Annotated[
        str | None,
        Field(
            description="The earliest review of the profiles listed, when as_of is after it: "
            "facts after that day are projected, not observed; null otherwise."
        ),
    ]
    register_reads: Annotated[
        dict[str, str],
        Field(description="Per scheme, the last day its register was read, as the data says."),
    ]
    rubric: RubricSummary


class RankingDocument(DocumentHeader):
    """`sovscore rank --json` (providers), `sovscore rank --offers --json` (offers)."""

    unit: Literal["provider", "offer"]
    scope: Annotated[
        list[ServiceModel] | None, Field(description="--service asked for; null: every offer.")
    ]
    out_of_scope: Annotated[list[str], Field(description="Providers with no offer in scope.")]
    min_seal: NotRequired[int]
    providers: NotRequired[list[ProviderEntry]]
    offers: NotRequired[list[ProviderEntry]]


class LocationEntry(TypedDict):
    storage: list[str] | None
    processing: list[str] | None
    regions: Annotated[list[str] | None, Field(description="Countries the customer picks from.")]
    exclusive: bool | None
    contractual: bool | None


class AdministrationEntry(TypedDict):
    countries: list[str] | None
    non_eu: bool | None


class SchemeStatusEntry(TypedDict):
    scheme: Scheme
    status: RegisterStatus
    label: str | None
    since: Annotated[str | None, Field(description="Date of the grant or application in force.")]
    since_is_bound: Annotated[bool, Field(description="`since` only shows it already held.")]
    valid_until: Annotated[str | None, Field(description="Last day of validity (YYYY-MM-DD).")]
    valid_until_is_bound: Annotated[
        bool, Field(description="`valid_until` is at most that day (from a 'qualified by').")
    ]
    checked: Annotated[
        str | None, Field(description="Last read of the register by the day, when recorded.")
    ]
    days_left: int | None
    version: str | None
    decision: str | None
    reason: str
    sources: list[str]
    evidence: Annotated[
        SourceKind | None, Field(description="Kind of the strongest source of the status.")
    ]


class OfferListing(TypedDict):
    rank: Annotated[int, Field(description="Its rank among the offers listed, by score.")]
    id: Annotated[str, Field(description="provider/offer")]
    provider: str
    provider_name: str
    offer: str
    name: str
    service_models: list[ServiceModel]
    score: float
    score_low: Annotated[float, Field(description="Lowest score its unknown facts allow.")]
    score_high: Annotated[float, Field(description="Highest score its unknown facts allow.")]
    grade: str
    eligibility: NotRequired[Eligibility]
    location: LocationEntry | None
    administration: AdministrationEntry | None
    runs_on: str | None
    qualifications: list[SchemeStatusEntry]


class OffersDocument(DocumentHeader):
    """`sovscore offers --json`."""

    offers: list[OfferListing]

"""The provider profile: what `providers.yaml` may say, and nothing else."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..errors import Path
from ..escape import quote
from .countries import ISO_COUNTRIES
from .dates import PartialDate, add_months

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _country(value: str) -> str:
    if value not in ISO_COUNTRIES:
        raise ValueError(
            f"expected an ISO 3166-1 alpha-2 country code such as 'FR', not {quote(value)}"
        )
    return value


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"expected a lower-case slug such as 'cloud-temple', not {quote(value)}")
    return value


def _percent(value: float) -> float:
    if math.isnan(value) or not 0 <= value <= 100:
        raise ValueError(f"expected a percentage from 0 to 100, not {value}")
    return value


def _url(value: str) -> str:
    if not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
        raise ValueError(f"expected an http(s) URL, not {quote(value)}")
    return value


Country = Annotated[str, AfterValidator(_country)]
Slug = Annotated[str, AfterValidator(_slug)]
Percent = Annotated[float, AfterValidator(_percent)]
Url = Annotated[str, AfterValidator(_url)]
Text = Annotated[str, Field(min_length=1, max_length=1_000)]
"""A name, title or label: one line, not a page."""
MAX_STRING = 20_000
"""Notes and reasons included: no real fact needs more, and a bound keeps output sane."""
SourceIds = list[Slug]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, str_max_length=MAX_STRING)


ServiceModel = Literal["iaas", "paas", "caas", "saas", "storage", "backup"]


SourceKind = Literal["official", "provider", "press", "analysis"]


class Source(Model):
    """A public document a fact rests on."""

    id: Slug
    title: Text
    publisher: Text
    url: Url
    date: PartialDate | None = Field(description="Publication date; null when the page shows none.")
    accessed: PartialDate | None = Field(
        default=None, description="When an undated page was read, so its citation has a date."
    )
    kind: SourceKind
    note: str | None = None


class Holder(Model):
    name: Text
    country: Country | None
    capital: Percent | None = Field(description="Share of capital in %, null when unknown.")
    capital_min: Percent | None = Field(
        default=None,
        description="A lower bound when a source gives only that (e.g. 'majority-owned': 50).",
    )
    voting: Percent | None = Field(
        default=None, description="Share of voting rights in %, when it differs from capital."
    )
    sources: SourceIds = Field(default_factory=list)

    def share_text(self) -> str:
        if self.capital is not None:
            return f"{self.capital:g} %"
        if self.capital_min is not None:
            return f"at least {self.capital_min:g} %"
        return "share unknown"


class Ownership(Model):
    as_of: PartialDate | None = Field(default=None, description="When the figures held.")
    holders: list[Holder] | None = Field(description="Holders of capital; null when unknown.")
    complete: bool | None = Field(
        default=None, description="True when the listed holders own all the capital between them."
    )
    non_eu_veto_or_board: bool | None = Field(
        default=None,
        description="Whether an entity from outside the EU holds a veto or may appoint the majority "
        "of the boards (SecNumCloud 19.6 b); null when not known.",
    )
    controlled_by: Country | None = Field(
        description="Country of those who control the provider; null when unknown."
    )
    note: str | None = None
    sources: SourceIds = Field(default_factory=list)


PartnershipKind = Literal[
    "joint_venture",
    "technology_licence",
    "infrastructure",
    "software_supplier",
    "reseller",
    "other",
]


class Partnership(Model):
    partner: Text
    country: Country | None
    kind: PartnershipKind
    since: PartialDate | None = None
    until: PartialDate | None = None
    note: str | None = None
    sources: SourceIds = Field(default_factory=list)


class Partnerships(Model):
    items: list[Partnership]
    sources: SourceIds = Field(
        default_factory=list,
        description="Sources showing there is no partner beyond those listed.",
    )


Scheme = Literal["secnumcloud", "hds", "iso27001", "bsi_c5", "gaiax_label"]


EventStatus = Literal["applied", "qualified", "renewed", "expires", "withdrawn"]


class QualificationEvent(Model):
    status: EventStatus
    date: PartialDate
    bound: Literal["by"] | None = Field(
        default=None,
        description="'by': the status already held on that date; its start is unknown.",
    )
    version: str | None = None
    decision: str | None = None
    note: str | None = None
    sources: SourceIds = Field(default_factory=list)


class Qualification(Model):
    scheme: Scheme
    offer: Text
    service_model: ServiceModel | None = None
    history: list[QualificationEvent] = Field(min_length=1)


class RegisterCheck(Model):
    """A dated look at a scheme's official list that found no other offer of the provider."""

    scheme: Scheme
    date: PartialDate
    note: str | None = None
    sources: SourceIds = Field(min_length=1)


class DataResidency(Model):
    storage: list[Country] | None
    processing: list[Country] | None
    exclusive: bool | None = None
    contractual: bool | None = None
    non_eu_admin: bool | None = None
    non_eu_access: bool | None = Field(
        default=None,
        description="Whether a third party established or controlled outside the EU (a technology "
        "supplier, a subcontractor) can technically obtain customer data (SecNumCloud 19.6 c).",
    )
    scope: str | None = None
    note: str | None = None
    sources: SourceIds = Field(default_factory=list)

    def countries(self) -> set[str]:
        """Every country where data is stored or processed, as far as the profile says."""
        return set(self.storage or []) | set(self.processing or [])

    def outside(self, region: frozenset[str]) -> list[str]:
        """The countries of `countries()` outside `region`, sorted."""
        return sorted(c for c in self.countries() if c not in region)


Law = Literal["us_cloud_act", "us_fisa_702", "other"]


class ExtraterritorialExposure(Model):
    exposed: bool | None
    laws: list[Law] = Field(default_factory=list)
    reason: str | None = None
    sources: SourceIds = Field(default_factory=list)


CsfObjective = Literal["SOV-1", "SOV-2", "SOV-3", "SOV-4", "SOV-5", "SOV-6", "SOV-7", "SOV-8"]


class CsfAssessment(Model):
    """A published assessment of one EU Cloud Sovereignty Framework objective."""

    objective: CsfObjective
    seal: Annotated[int, Field(ge=0, le=4)]
    score: Percent | None = Field(
        default=None, description="Score as % of the objective's maximum, when published."
    )
    assessed_by: Text
    date: PartialDate
    rationale: Text
    sources: SourceIds = Field(min_length=1)


class MarketShare(Model):
    market: Text
    period: PartialDate
    share: Percent
    by: Text
    sources: SourceIds = Field(default_factory=list)


class Provider(Model):
    id: Slug
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    website: Url | None = None
    service_models: list[ServiceModel] = Field(default_factory=list)
    headquarters: Country | None
    city: str | None = None
    founded: Annotated[int, Field(ge=1800, le=2100)] | None = None
    identity_sources: SourceIds = Field(default_factory=list)
    reviewed: PartialDate
    ownership: Ownership | None
    partnerships: Partnerships | None
    qualifications: list[Qualification]
    register_checks: list[RegisterCheck] = Field(
        default_factory=list,
        description="Official lists checked for offers beyond those in `qualifications`.",
    )
    data_residency: DataResidency | None
    extraterritorial_exposure: ExtraterritorialExposure | None
    market_shares: list[MarketShare] = Field(default_factory=list)
    csf_assessments: list[CsfAssessment] = Field(default_factory=list)
    notes: str | None = None

    def spellings(self) -> list[tuple[Path, str]]:
        """Every name the provider answers to, with where it is written."""
        named: list[tuple[Path, str]] = [(("id",), self.id), (("name",), self.name)]
        return named + [(("aliases", i), alias) for i, alias in enumerate(self.aliases)]

    def stale_on(self, day: dt.date) -> bool:
        """Reviewed more than STALE_AFTER_MONTHS before `day`: the one staleness rule."""
        return add_months(self.reviewed.latest(), STALE_AFTER_MONTHS) < day


STALE_AFTER_MONTHS = 12
"""A profile not checked against its sources for this long is stale (a warning; an error with
`validate --strict`)."""


def source_references(model: BaseModel, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every source id a model refers to, with where it is written."""
    for name, value in model:
        if name.endswith("sources") and isinstance(value, list):
            for index, ref in enumerate(value):
                yield (*path, name, index), ref
        elif isinstance(value, BaseModel):
            yield from source_references(value, (*path, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from source_references(item, (*path, name, index))


def normalise_name(name: str) -> str:
    """Compare names ignoring case, accents and punctuation: 'Numspot' = 'NUMSPOT' = 'num-spot'."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if c.isalnum())


class ProvidersFile(Model):
    schema_version: Literal[1]
    providers: list[Provider]
    sources: list[Source] = Field(default_factory=list)

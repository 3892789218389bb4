"""The provider profile: what `providers.yaml` may say, and nothing else."""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterator
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema

from ..errors import Path
from ..escape import quote
from ..i18n import _, compact
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
    if not _SLUG.fullmatch(value):
        raise ValueError(f"expected a lower-case slug such as 'cloud-temple', not {quote(value)}")
    return value


def _percent(value: float) -> float:
    if math.isnan(value) or not 0 <= value <= 100:
        raise ValueError(f"expected a percentage from 0 to 100, not {value}")
    return value


_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


def _url(value: str) -> str:
    if not _URL.fullmatch(value):
        raise ValueError(f"expected an http(s) URL, not {quote(value)}")
    return value


MAX_STRING = 20_000
"""Notes and reasons included: no real fact needs more, and a bound keeps output sane."""

COUNTRY_SCHEMA: dict[str, Any] = {
    "type": "string",
    "enum": sorted(ISO_COUNTRIES),
    "description": "ISO 3166-1 alpha-2 country code, upper case (e.g. FR).",
}
"""Published once, as a definition the fields refer to (render/schemas.py)."""

# Each type's JSON Schema says what its validator checks, so an editor reading the published
# schema shows red where `validate` does; the validator stays the one that checks (and words the
# error): WithJsonSchema only describes it.
Country = Annotated[
    str,
    AfterValidator(_country),
    WithJsonSchema(copy.deepcopy(COUNTRY_SCHEMA)),
]
Slug = Annotated[
    str,
    AfterValidator(_slug),
    WithJsonSchema({"type": "string", "pattern": _SLUG.pattern, "maxLength": MAX_STRING}),
]
Percent = Annotated[
    float,
    AfterValidator(_percent),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100}),
]
Url = Annotated[
    str,
    AfterValidator(_url),
    WithJsonSchema({"type": "string", "pattern": _URL.pattern, "maxLength": MAX_STRING}),
]
Text = Annotated[str, Field(min_length=1, max_length=1_000)]
"""A name, title or label: one line, not a page."""
SourceIds = list[Slug]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, str_max_length=MAX_STRING)


ServiceModel = Literal["iaas", "paas", "caas", "saas", "storage", "backup"]
SERVICE_MODELS: tuple[ServiceModel, ...] = get_args(ServiceModel)


SourceKind = Literal["official", "provider", "press", "compilation", "analysis"]
"""What was read: `official`, a document a public authority issued, read itself; `provider`, the
provider's (or its parent's) own page, terms, release or filing; `press`, journalism;
`compilation`, a copy or digest of other documents (a copy of an official list is not the list;
an AI-written digest is a pointer to check); `analysis`, an independent published assessment."""


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
            # Translators: a share of capital, e.g. "12.5 %".
            return _("{share} %").format(share=compact(self.capital))
        if self.capital_min is not None:
            return _("at least {share} %").format(share=compact(self.capital_min))
        return _("share unknown")


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
SCHEMES: tuple[Scheme, ...] = get_args(Scheme)
QualificationStatus = Literal[
    "qualified", "in_progress", "unverified", "expired", "withdrawn", "none"
]
"""An offer's status under a scheme on a day, read from its dated history. `unverified`: the
validity recorded ended after the register was last read, and no later check shows whether it
was renewed; `expired` needs a check of the register after the end (or a source of the lapse)."""
RegisterStatus = Literal[QualificationStatus, "unknown"]
"""The same, or `unknown`: no history recorded and no register checked."""
REGISTER_STATUSES: tuple[RegisterStatus, ...] = get_args(RegisterStatus)


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
    """One scheme's dated history for an offer: applications, grants, renewals, expiries."""

    scheme: Scheme
    label: Text | None = Field(
        default=None, description="The offer's name in the scheme's register, when it differs."
    )
    history: list[QualificationEvent] = Field(min_length=1)


class RegisterCheck(Model):
    """A dated look at a scheme's official list that found no other offer of the provider."""

    scheme: Scheme
    date: PartialDate
    covers: Literal["qualified", "qualified_and_applicants"] = Field(
        default="qualified",
        description="What was read: the list of qualified offers only, or also the list of "
        "applications in progress (only then does 'none' mean no application either).",
    )
    note: str | None = None
    sources: SourceIds = Field(min_length=1)


class Location(Model):
    """Where an offer stores and processes customer data: fixed countries, or the countries of
    the regions the customer chooses from."""

    storage: list[Country] | None = Field(
        default=None, description="Countries where customer data is stored (a fixed location)."
    )
    processing: list[Country] | None = Field(
        default=None, description="Countries where customer data is processed."
    )
    regions: list[Country] | None = Field(
        default=None,
        description="When the customer picks a region: the countries of the regions offered.",
    )
    exclusive: bool | None = Field(
        default=None, description="The data never leaves these countries (no fallback abroad)."
    )
    contractual: bool | None = Field(
        default=None, description="The location is a commitment of the contract or terms."
    )
    scope: str | None = None
    note: str | None = None
    sources: SourceIds = Field(default_factory=list)

    def countries(self) -> set[str]:
        """Every country where data is or may be stored or processed, as far as the profile says."""
        return set(self.storage or []) | set(self.processing or []) | set(self.regions or [])

    def outside(self, region: frozenset[str]) -> list[str]:
        """The countries of `countries()` outside `region`, sorted."""
        return sorted(c for c in self.countries() if c not in region)

    @property
    def chosen(self) -> bool:
        """The customer chooses among regions rather than the offer fixing one place."""
        return self.regions is not None and self.storage is None


class Administration(Model):
    """Where an offer is administered and supported from."""

    countries: list[Country] | None = Field(
        default=None, description="Countries administration and support work from."
    )
    non_eu: bool | None = Field(
        default=None,
        description="Whether any administration or support comes from outside the EU.",
    )
    note: str | None = None
    sources: SourceIds = Field(default_factory=list)


class TechnicalAccess(Model):
    """Whether a third party established or controlled outside the EU (a technology supplier, a
    subcontractor) can technically obtain customer data (SecNumCloud 19.6 c)."""

    possible: bool | None
    note: str | None = None
    sources: SourceIds = Field(default_factory=list)


OfferRef = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$",
        description="Another offer, as provider/offer (e.g. outscale/iaas-cloudgouv).",
    ),
]


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


class Offer(Model):
    """A service a buyer signs for: the unit SecNumCloud qualifies and the EU CSF rates."""

    id: Slug = Field(description="Unique within the provider; addressed as provider/offer.")
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    service_models: list[ServiceModel] = Field(min_length=1)
    qualifications: list[Qualification] = Field(default_factory=list)
    location: Location | None = None
    administration: Administration | None = None
    non_eu_access: TechnicalAccess | None = None
    technology: Partnerships | None = Field(
        default=None,
        description="Technology the offer is built on from other companies (a licence, software, "
        "hardware): ties of the offer, not of the company.",
    )
    runs_on: OfferRef | None = Field(
        default=None, description="The offer this one runs on (its infrastructure)."
    )
    csf_assessments: list[CsfAssessment] = Field(default_factory=list)
    notes: str | None = None

    def spellings(self) -> list[tuple[Path, str]]:
        named: list[tuple[Path, str]] = [(("name",), self.name)]
        return named + [(("aliases", i), alias) for i, alias in enumerate(self.aliases)]


class Provider(Model):
    id: Slug
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    website: Url | None = None
    headquarters: Country | None
    city: str | None = None
    founded: Annotated[int, Field(ge=1800, le=2100)] | None = None
    identity_sources: SourceIds = Field(default_factory=list)
    reviewed: PartialDate
    ownership: Ownership | None
    partnerships: Partnerships | None = Field(
        description="Corporate ties: shareholders' and joint ventures' partners, group "
        "agreements. Technology an offer is built on belongs to the offer."
    )
    register_checks: list[RegisterCheck] = Field(
        default_factory=list,
        description="Official lists checked for offers beyond those whose qualifications are "
        "recorded.",
    )
    extraterritorial_exposure: ExtraterritorialExposure | None
    market_shares: list[MarketShare] = Field(default_factory=list)
    notes: str | None = None
    offers: list[Offer] = Field(min_length=1)

    def offer(self, ident: str) -> Offer | None:
        return next((o for o in self.offers if o.id == ident), None)

    def spellings(self) -> list[tuple[Path, str]]:
        """Every name the provider answers to, with where it is written."""
        named: list[tuple[Path, str]] = [(("id",), self.id), (("name",), self.name)]
        return named + [(("aliases", i), alias) for i, alias in enumerate(self.aliases)]

    def names(self) -> list[tuple[Path, str, str]]:
        """Every name that must be unique, with where it is written and what it names: the
        provider's id, name and aliases (its id), and each offer's aliases (provider/offer).
        Offers are also named provider/offer, which nothing else can spell."""
        found = [(path, name, self.id) for path, name in self.spellings()]
        for index, offer in enumerate(self.offers):
            ref = f"{self.id}/{offer.id}"
            found += [
                (("offers", index, "aliases", i), alias, ref)
                for i, alias in enumerate(offer.aliases)
            ]
        return found

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

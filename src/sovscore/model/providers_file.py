"""A providers file: providers, corrections to providers defined in another file, sources.

An `overrides:` entry corrects a provider defined elsewhere (usually the bundled data).

An override names one provider (`provider: ovhcloud`) or one offer (`offer: ovhcloud/hpc`) and
says what changes: `set` replaces fields whole, `add` appends to list fields (a qualification
added for a scheme the offer already has joins that qualification's history). What the fields
may hold is checked against the provider or offer model itself (load/overrides.py), so an
override can say nothing a profile could not.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from .profile import Model, OfferRef, Provider, Slug, Source


class Override(Model):
    provider: Slug | None = Field(default=None, description="The provider corrected, by id.")
    offer: OfferRef | None = Field(
        default=None, description="The offer corrected, as provider/offer."
    )
    set: dict[str, Any] = Field(
        default_factory=dict,
        description="Fields replaced whole, as a profile writes them (null where allowed).",
    )
    add: dict[str, Any] = Field(
        default_factory=dict,
        description="Items appended to list fields (aliases, offers, qualifications, "
        "register_checks...). A qualification for a scheme already listed adds its events "
        "to that qualification's history.",
    )
    reason: str | None = Field(default=None, description="Why the facts are corrected.")

    @model_validator(mode="after")
    def _names_one_thing_and_changes_it(self) -> Override:
        if (self.provider is None) == (self.offer is None):
            raise ValueError(
                "expected either `provider: ID` or `offer: PROVIDER/OFFER`, naming what is corrected"
            )
        if not self.set and not self.add:
            raise ValueError("expected `set:` or `add:` (an override that changes nothing)")
        return self

    @property
    def target(self) -> str:
        return self.offer or self.provider or ""


class ProvidersFile(Model):
    schema_version: Literal[2]
    providers: list[Provider] = Field(default_factory=list)
    overrides: list[Override] = Field(
        default_factory=list,
        description="Corrections to providers or offers defined in another file, by id.",
    )
    sources: list[Source] = Field(default_factory=list)

"""Apply one `overrides:` entry to a provider read from another file: its fields checked as a
profile's would be, the corrected provider validated whole, every problem positioned in the
file that wrote the override."""

from __future__ import annotations

import copy
import functools
from collections.abc import Container
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_origin

from pydantic import ValidationError, create_model

from ..errors import Problem, format_path
from ..escape import quote
from ..model.profile import Model, Offer, Provider, source_references
from ..model.providers_file import Override
from .checks import check_provider
from .problems import validate
from .yamlread import Document

How = Literal["set", "add"]


@dataclass(frozen=True)
class Change:
    """One override applied: where it is written, what it corrects, and which fields."""

    file: str
    line: int | None
    target: str
    fields: tuple[tuple[How, str], ...]
    reason: str | None

    @property
    def place(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def described(self) -> str:
        """E.g. 'my-fixes.yaml:12: ovhcloud/hpc qualifications (added), location (set)'."""
        fields = ", ".join(
            f"{name} ({'added' if how == 'add' else 'set'})" for how, name in self.fields
        )
        return f"{self.place}: {self.target} {fields}"


Claims = dict[tuple[str, str], tuple[How, str]]
"""What earlier overrides changed: (target, field) to how and where, to find conflicts."""


def corrected(
    document: Document,
    index: int,
    override: Override,
    raw: dict[str, Any],
    known_sources: Container[str],
    claims: Claims,
) -> tuple[dict[str, Any], Provider, Change] | list[Problem]:
    """The provider's data and model with the override applied, and the change to record;
    or the problems that keep it from applying."""
    at = ("overrides", index)
    problems: list[Problem] = []
    provider_raw = copy.deepcopy(raw)
    target_raw: dict[str, Any] = provider_raw
    model: type[Model] = Provider
    if override.offer is not None:
        offer_id = override.offer.partition("/")[2]
        offers = [o for o in provider_raw.get("offers", []) if isinstance(o, dict)]
        found = next((o for o in offers if o.get("id") == offer_id), None)
        if found is None:
            known = ", ".join(f"{raw.get('id')}/{o.get('id')}" for o in offers)
            return [
                document.problem(
                    (*at, "offer"),
                    f"{quote(override.offer)} names no offer (expected one of: {known})",
                )
            ]
        target_raw, model = found, Offer
    place = document.position(at)
    line = place[0] if place else None
    fields: list[tuple[How, str]] = []
    steps: tuple[tuple[How, dict[str, Any]], ...] = (("set", override.set), ("add", override.add))
    for how, changes in steps:
        if not changes:
            continue
        if model is Provider:
            offer_fields = [
                n for n in changes if n in Offer.model_fields and n not in Provider.model_fields
            ]
            if offer_fields:
                problems += [
                    document.problem(
                        (*at, how, name),
                        f"{quote(name)} is an offer's field (expected `offer: "
                        f"{override.target}/OFFER` to correct one of its offers)",
                        key=True,
                    )
                    for name in offer_fields
                ]
                continue
        checked, found_problems = validate(document, _fields_model(model, how), (*at, how))
        problems += found_problems
        if checked is None:
            continue
        for path, ref in source_references(checked):
            if ref not in known_sources:
                problems.append(
                    document.problem(
                        (*at, how, *path),
                        f"source {quote(ref)} is not defined (expected an id from a `sources:` "
                        "list in this file or another one read)",
                    )
                )
        for name in changes:
            earlier = claims.get((override.target, name))
            if earlier is not None and "set" in (how, earlier[0]):
                problems.append(
                    document.problem(
                        (*at, how, name),
                        f"conflicts with the override at {earlier[1]}, which also changes "
                        f"{override.target} {name} (expected one override per field, or "
                        "only `add:` in both)",
                        key=True,
                    )
                )
            claims[(override.target, name)] = (how, f"{document.name}:{line}")
            fields.append((how, name))
            _apply(target_raw, how, name, changes[name])
    if problems:
        return problems
    try:
        provider = Provider.model_validate(provider_raw)
    except ValidationError as exc:
        return [
            document.problem(
                at,
                f"the corrected {override.target} is not valid: "
                f"{format_path(tuple(error['loc']))}: {error['msg']}",
            )
            for error in exc.errors(include_url=False)[:5]
        ]
    problems = [
        document.problem(at, f"the corrected {override.target} is not valid: {format_path(p)}: {m}")
        for p, m in check_provider(provider)
    ]
    if problems:
        return problems
    change = Change(document.name, line, override.target, tuple(fields), override.reason)
    return provider_raw, provider, change


def _apply(target: dict[str, Any], how: How, name: str, value: Any) -> None:
    value = copy.deepcopy(value)
    if how == "set":
        target[name] = value
        return
    listed = target.get(name)
    if not isinstance(listed, list):
        listed = target[name] = []
    for item in value:
        same = (
            next(
                (
                    q
                    for q in listed
                    if isinstance(q, dict)
                    and isinstance(item, dict)
                    and q.get("scheme") == item.get("scheme")
                ),
                None,
            )
            if name == "qualifications"
            else None
        )
        if same is not None:
            same["history"] = [*same.get("history", []), *item.get("history", [])]
        else:
            listed.append(item)


@functools.cache
def _fields_model(model: type[Model], how: How) -> type[Model]:
    """What `set:` (any field but the id, replaced whole) or `add:` (list fields, appended to)
    may say about a provider or an offer, typed as the model types them. Built the first time
    an override needs it."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name == "id" or (how == "add" and get_origin(info.annotation) is not list):
            continue
        typed = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
        fields[name] = (typed, None)
    built: type[Model] = create_model(f"{model.__name__}{how.title()}", __base__=Model, **fields)
    return built

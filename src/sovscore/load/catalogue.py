"""Provider files into one catalogue, and rubric files into a rubric: validated, or every problem
with its place."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Problem, UnknownProviderError
from ..escape import quote
from ..measures import MEASURES
from ..model.profile import (
    Offer,
    Provider,
    Source,
    normalise_name,
    source_references,
)
from ..model.providers_file import Override, ProvidersFile
from ..model.rubric import Rubric, RubricExtension
from .checks import check_providers, check_rubric, checked
from .files import expect_mapping, read_document
from .presets import bundled_providers, bundled_rubric, preset_names, rubric_path
from .problems import validate
from .yamlread import Document

if TYPE_CHECKING:
    from .overrides import Change, Claims


@dataclass
class FileContent:
    """What one providers file holds that validated, each entry with its index in the file. A
    file with problems still gives its valid entries, so that the checks across entries and
    files run in the same pass and every problem is reported at once."""

    providers: list[tuple[int, Provider]] = field(default_factory=list)
    sources: list[tuple[int, Source]] = field(default_factory=list)
    overrides: list[tuple[int, Override]] = field(default_factory=list)
    broken_sources: set[str] = field(default_factory=set)
    """Ids of source entries that did not validate: citing them is not a second problem."""


@dataclass
class Catalogue:
    """Providers and sources from one or more files, where ids and names are unique across files."""

    providers: dict[str, Provider] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    origin: dict[str, tuple[Document, int]] = field(default_factory=dict)
    source_origin: dict[str, tuple[Document, int]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    """Every provider id, name and alias, and offer alias, normalised (`normalise_name`), to the
    provider id or the provider/offer it names."""
    offer_names: dict[str, list[str]] = field(default_factory=dict)
    """Offer names (not unique: two providers may sell an "IaaS"), to the offers bearing them."""
    files: list[tuple[str, str]] = field(default_factory=list)
    """Each file read, with the SHA-256 of its bytes."""
    overrides: list[tuple[Document, int, Override]] = field(default_factory=list)
    """Corrections read, applied once every file is in (`apply_overrides`)."""
    changes: dict[str, list[Change]] = field(default_factory=dict)
    """Per provider id, the overrides applied to it: which facts come from which file."""
    broken_sources: set[str] = field(default_factory=set)

    def add(self, document: Document, content: FileContent) -> list[Problem]:
        """Take one file's providers and sources; what another file already defines is a problem."""
        problems: list[Problem] = []
        self.broken_sources |= content.broken_sources
        self.overrides += [(document, index, o) for index, o in content.overrides]
        for index, source in content.sources:
            known = self.sources.get(source.id)
            if known is not None and known != source:
                first = self._where(self.source_origin[source.id], "sources")
                problems.append(
                    document.problem(
                        ("sources", index, "id"),
                        f"source {quote(source.id)} is already defined differently at {first}",
                    )
                )
                continue
            self.sources.setdefault(source.id, source)
            self.source_origin.setdefault(source.id, (document, index))
        for index, provider in content.providers:
            clash = next(
                (n for n in provider.names() if self.names.get(normalise_name(n[1]))), None
            )
            if clash is not None:
                step, name, _ = clash
                owner = self.names[normalise_name(name)]
                first = self._where(self.origin[owner.split("/")[0]], "providers")
                what = "offer" if "/" in owner else "provider"
                hint = (
                    " (to correct a provider defined elsewhere, write an `overrides:` entry)"
                    if step == ("id",)
                    else ""
                )
                problems.append(
                    document.problem(
                        ("providers", index, *step),
                        f"{quote(name)} already names {what} {quote(owner)} at {first}{hint}",
                    )
                )
                continue
            self.put(provider, document, index)
        return problems

    def put(self, provider: Provider, document: Document, index: int) -> None:
        """Record a provider (new, or corrected by an override) and the names it answers to."""
        self.providers[provider.id] = provider
        self.origin.setdefault(provider.id, (document, index))
        for _, name, target in provider.names():
            self.names[normalise_name(name)] = target
        for offer in provider.offers:
            refs = self.offer_names.setdefault(normalise_name(offer.name), [])
            ref = f"{provider.id}/{offer.id}"
            if ref not in refs:
                refs.append(ref)

    def find(self, query: str) -> tuple[Provider, Offer | None]:
        """A provider or an offer by what a person types: an id, name or alias in any case,
        accents optional, or provider/offer; an offer's name when no other offer bears it.
        Otherwise the closest names, as a hint."""
        text = query.strip()
        if "/" in text:
            provider_part, _, offer_part = text.partition("/")
            provider, _ = self.find(provider_part)
            wanted = normalise_name(offer_part)
            for offer in provider.offers:
                spelled = [offer.id, offer.name, *offer.aliases]
                if wanted in (normalise_name(n) for n in spelled):
                    return provider, offer
            known = ", ".join(f"{provider.id}/{o.id}" for o in provider.offers)
            raise UnknownProviderError(
                f"{provider.name} has no offer named {quote(offer_part)}",
                hint=f"its offers: {known}",
            )
        wanted = normalise_name(text)
        target = self.names.get(wanted)
        if target is None and len(self.offer_names.get(wanted, [])) == 1:
            target = self.offer_names[wanted][0]
        if target is not None:
            return self._resolve(target)
        if len(self.offer_names.get(wanted, [])) > 1:
            raise UnknownProviderError(
                f"several offers are named {quote(query)}",
                hint=f"name one: {', '.join(self.offer_names[wanted])}",
            )
        choices = list(self.names) + list(self.offer_names)
        close = difflib.get_close_matches(wanted, choices, n=3, cutoff=0.6)
        suggestions = list(
            dict.fromkeys(
                self.names.get(c) or ", ".join(self.offer_names.get(c, [])) for c in close
            )
        )
        hint = (
            f"did you mean {' or '.join(suggestions)}?"
            if suggestions
            else "see `sovscore rank` for providers and `sovscore offers` for offers"
        )
        raise UnknownProviderError(f"no provider or offer named {quote(query)}", hint=hint)

    def _resolve(self, target: str) -> tuple[Provider, Offer | None]:
        provider_id, _, offer_id = target.partition("/")
        provider = self.providers[provider_id]
        return provider, provider.offer(offer_id) if offer_id else None

    @staticmethod
    def _where(origin: tuple[Document, int], section: str) -> str:
        document, index = origin
        place = document.position((section, index))
        return f"{document.name}:{place[0]}" if place else document.name


def load_catalogue(paths: list[str] | None = None) -> Catalogue:
    """The providers of the files named (`@bundled` for the bundled data), overrides applied;
    or every problem of every file at once."""
    catalogue = Catalogue()
    problems: list[Problem] = []
    for path in expand_paths(paths):
        document = read_document(path)
        catalogue.files.append((document.name, document.digest or ""))
        expect_mapping(document, "providers")
        content, found = providers_from(document)
        problems += found + catalogue.add(document, content)
    problems += unresolved_sources(catalogue)
    problems += apply_overrides(catalogue)
    if problems:
        raise InputError(problems)
    return catalogue


BUNDLED = "@bundled"
"""The name of the bundled providers in `--providers`, `validate` and SOVSCORE_PROVIDERS."""


def expand_paths(paths: list[str] | None) -> list[str]:
    """The files to read: those named, `@bundled` standing for the bundled data; when none is
    named, SOVSCORE_PROVIDERS (paths separated by the system's path separator), else the
    bundled data alone."""
    if not paths:
        configured = os.environ.get("SOVSCORE_PROVIDERS", "")
        paths = [p for p in configured.split(os.pathsep) if p.strip()] or [BUNDLED]
    return [bundled_providers() if p == BUNDLED else p for p in paths]


def providers_from(document: Document) -> tuple[FileContent, list[Problem]]:
    """The valid entries of a providers file, and every problem in it."""
    data = document.data
    if isinstance(data, dict) and data.get("schema_version") == 1:
        return FileContent(), [
            document.problem(
                ("schema_version",),
                "1 is the format before offers: since schema 2 each provider lists its "
                "`offers`, and qualifications, data location, administration, technology "
                "and CSF assessments belong to an offer (expected 2; the README's "
                "'Schema 2: offers' says how to move a file)",
            )
        ]
    parsed, problems = validate(document, ProvidersFile)
    content = FileContent()
    if parsed is not None:
        content.providers = list(enumerate(parsed.providers))
        content.sources = list(enumerate(parsed.sources))
        content.overrides = list(enumerate(parsed.overrides))
    elif isinstance(data, dict):
        for section, model, entries in (
            ("providers", Provider, content.providers),
            ("sources", Source, content.sources),
            ("overrides", Override, content.overrides),
        ):
            listed = data.get(section)
            for index, entry in enumerate(listed if isinstance(listed, list) else []):
                one, _ = validate(document, model, (section, index))
                if one is not None:
                    entries.append((index, one))  # type: ignore[arg-type]
                elif section == "sources" and isinstance(entry, dict):
                    content.broken_sources.add(str(entry.get("id")))
    problems += [
        document.problem(path, message)
        for path, message in check_providers(content.providers, content.sources)
    ]
    return content, problems


def apply_overrides(catalogue: Catalogue) -> list[Problem]:
    """Apply every override read, in the order read, to the providers of the other files.
    One naming nothing, or changing a field another override already set, is a problem."""
    problems: list[Problem] = []
    if not catalogue.overrides:
        return []
    from .overrides import (
        corrected,  # only files with overrides need it (and pydantic's create_model)
    )

    claims: Claims = {}
    raw: dict[str, dict[str, Any]] = {}
    for document, index, override in catalogue.overrides:
        provider_id = override.target.partition("/")[0]
        provider = catalogue.providers.get(provider_id)
        if provider is None:
            field_name = "provider" if override.offer is None else "offer"
            close = difflib.get_close_matches(provider_id, list(catalogue.providers), n=1)
            hint = f"; did you mean {quote(close[0])}?" if close else ""
            problems.append(
                document.problem(
                    ("overrides", index, field_name),
                    f"{quote(override.target)} names no provider read{hint} (expected the id "
                    f"of a provider in another file, e.g. the bundled data: {BUNDLED})",
                )
            )
            continue
        if provider_id not in raw:
            origin, at = catalogue.origin[provider_id]
            raw[provider_id] = origin.data["providers"][at]
        result = corrected(document, index, override, raw[provider_id], catalogue.sources, claims)
        if isinstance(result, list):
            problems += result
            continue
        fixed_raw, fixed, change = result
        clashes = [
            (step, name, catalogue.names[normalise_name(name)])
            for step, name, target in fixed.names()
            if catalogue.names.get(normalise_name(name), target) != target
        ]
        if clashes:
            problems += [
                document.problem(
                    ("overrides", index),
                    f"the corrected {override.target} is not valid: {quote(name)} already "
                    f"names {quote(owner)}",
                )
                for _, name, owner in clashes
            ]
            continue
        raw[provider_id] = fixed_raw
        catalogue.put(fixed, document, index)
        catalogue.changes.setdefault(provider_id, []).append(change)
    return problems


def unresolved_sources(catalogue: Catalogue) -> list[Problem]:
    """Citations of sources no file defines. A citation of a source the bundled data defines,
    in files read without it, says so."""
    problems: list[Problem] = []
    bundled: dict[str, Source] | None = None
    for provider_id, provider in catalogue.providers.items():
        document, index = catalogue.origin[provider_id]
        for path, ref in source_references(provider):
            if ref in catalogue.sources or ref in catalogue.broken_sources:
                continue
            if bundled is None:
                bundled = _bundled_sources(catalogue)
            problems.append(document.problem(("providers", index, *path), _undefined(ref, bundled)))
    return problems


def _undefined(ref: str, bundled: dict[str, Source]) -> str:
    if ref in bundled:
        return (
            f"source {quote(ref)} is not defined here; the bundled data defines it "
            f"(read this file with {BUNDLED}: `sovscore validate {BUNDLED} FILE`, "
            f"`--providers {BUNDLED} --providers FILE`)"
        )
    return f"source {quote(ref)} is not defined (expected an id from a `sources:` list)"


def _bundled_sources(catalogue: Catalogue) -> dict[str, Source]:
    """The bundled data's sources, when it was not read (else nothing to add)."""
    try:
        document = read_document(bundled_providers())
        if any(digest == document.digest for _, digest in catalogue.files):
            return {}
        content, _ = providers_from(document)
    except InputError:
        return {}
    return {source.id: source for _, source in content.sources}


def load_rubric(name_or_path: str | None = None) -> Rubric:
    document = read_document(rubric_path(name_or_path) if name_or_path else bundled_rubric())
    expect_mapping(document, "rubric")
    return rubric_from(document)


def rubric_from(document: Document) -> Rubric:
    """A rubric file, or one that `extends:` a preset and says only what differs from it."""
    if isinstance(document.data, dict) and "extends" in document.data:
        return _extended(document)
    return with_descriptions(checked(document, Rubric, check_rubric))


def with_descriptions(rubric: Rubric) -> Rubric:
    """A criterion without its own description says what its measure says: one text, not two."""
    if all(c.description for c in rubric.criteria):
        return rubric
    criteria = [
        c
        if c.description
        else c.model_copy(update={"description": MEASURES[c.measure].description})
        for c in rubric.criteria
    ]
    return rubric.model_copy(update={"criteria": criteria})


def _extended(document: Document) -> Rubric:
    extension, problems = validate(document, RubricExtension)
    if extension is None:
        raise InputError(problems)
    if extension.extends not in preset_names():
        known = ", ".join(preset_names())
        raise InputError(
            [
                document.problem(
                    ("extends",), f"no preset named {quote(extension.extends)} (expected: {known})"
                )
            ]
        )
    base = load_rubric(extension.extends)
    ids = [c.id for c in base.criteria]
    unknown = [
        document.problem(
            ("weights", name),
            f"{quote(name)} is not a criterion of {base.id} (expected: {', '.join(ids)})",
            key=True,
        )
        for name in extension.weights
        if name not in ids
    ]
    if unknown:
        raise InputError(unknown)
    rubric = extension.apply(base)
    problems = [document.problem(("weights",), message) for _, message in check_rubric(rubric)]
    if problems:
        raise InputError(problems)
    return rubric

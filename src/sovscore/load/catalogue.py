"""Provider files into one catalogue, and rubric files into a rubric: validated, or every problem
with its place."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ..errors import InputError, Problem, UnknownProviderError
from ..escape import quote
from ..measures import MEASURES
from ..model.profile import (
    Offer,
    Provider,
    ProvidersFile,
    Source,
    normalise_name,
    source_references,
)
from ..model.rubric import Rubric, RubricExtension
from .checks import check_providers, check_rubric, checked
from .files import expect_mapping, read_document
from .presets import bundled_providers, bundled_rubric, preset_names, rubric_path
from .problems import validate
from .yamlread import Document


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

    def add(self, document: Document, parsed: ProvidersFile) -> list[Problem]:
        """Take one file's providers and sources; what another file already defines is a problem."""
        problems: list[Problem] = []
        for index, source in enumerate(parsed.sources):
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
        for index, provider in enumerate(parsed.providers):
            clash = next(
                (n for n in provider.names() if self.names.get(normalise_name(n[1]))), None
            )
            if clash is not None:
                step, name, _ = clash
                owner = self.names[normalise_name(name)]
                first = self._where(self.origin[owner.split("/")[0]], "providers")
                what = "offer" if "/" in owner else "provider"
                problems.append(
                    document.problem(
                        ("providers", index, *step),
                        f"{quote(name)} already names {what} {quote(owner)} at {first}",
                    )
                )
                continue
            self.providers[provider.id] = provider
            self.origin[provider.id] = (document, index)
            for _, name, target in provider.names():
                self.names[normalise_name(name)] = target
            for offer in provider.offers:
                self.offer_names.setdefault(normalise_name(offer.name), []).append(
                    f"{provider.id}/{offer.id}"
                )
        return problems

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
    catalogue = Catalogue()
    problems: list[Problem] = []
    for path in paths or [bundled_providers()]:
        document = read_document(path)
        catalogue.files.append((document.name, document.digest or ""))
        expect_mapping(document, "providers")
        try:
            problems.extend(catalogue.add(document, providers_from(document)))
        except InputError as exc:
            problems.extend(exc.problems)
    if not problems:
        problems = unresolved_sources(catalogue)
    if problems:
        raise InputError(problems)
    return catalogue


def providers_from(document: Document) -> ProvidersFile:
    data = document.data
    if isinstance(data, dict) and data.get("schema_version") == 1:
        raise InputError(
            [
                document.problem(
                    ("schema_version",),
                    "1 is the format before offers: since schema 2 each provider lists its "
                    "`offers`, and qualifications, data location, administration, technology "
                    "and CSF assessments belong to an offer (expected 2; the README's "
                    "'Schema 2: offers' says how to move a file)",
                )
            ]
        )
    return checked(document, ProvidersFile, check_providers)


def unresolved_sources(catalogue: Catalogue) -> list[Problem]:
    problems: list[Problem] = []
    for provider_id, provider in catalogue.providers.items():
        document, index = catalogue.origin[provider_id]
        for path, ref in source_references(provider):
            if ref not in catalogue.sources:
                problems.append(
                    document.problem(
                        ("providers", index, *path),
                        f"source {quote(ref)} is not defined (expected an id from a `sources:` list)",
                    )
                )
    return problems


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

"""Provider files into one catalogue, and rubric files into a rubric: validated, or every problem
with its place."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ..errors import InputError, Problem, UnknownProviderError
from ..escape import quote
from ..measures import MEASURES
from ..model.profile import Provider, ProvidersFile, Source, normalise_name, source_references
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
    """Every id, name and alias, normalised (`normalise_name`), to the id it names."""

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
                (n for n in provider.spellings() if self.names.get(normalise_name(n[1]))), None
            )
            if clash is not None:
                step, name = clash
                owner = self.names[normalise_name(name)]
                first = self._where(self.origin[owner], "providers")
                problems.append(
                    document.problem(
                        ("providers", index, *step),
                        f"{quote(name)} already names provider {quote(owner)} at {first}",
                    )
                )
                continue
            self.providers[provider.id] = provider
            self.origin[provider.id] = (document, index)
            for _, name in provider.spellings():
                self.names[normalise_name(name)] = provider.id
        return problems

    def find(self, query: str) -> Provider:
        """A provider by what a person types: id, name or alias, any case, accents optional;
        otherwise the closest names, as a hint."""
        wanted = normalise_name(query)
        if wanted in self.names:
            return self.providers[self.names[wanted]]
        close = difflib.get_close_matches(wanted, list(self.names), n=3, cutoff=0.6)
        suggestions = list(dict.fromkeys(self.names[c] for c in close))
        hint = (
            f"did you mean {' or '.join(suggestions)}?"
            if suggestions
            else "see `sovscore rank` for names"
        )
        raise UnknownProviderError(f"no provider named {quote(query)}", hint=hint)

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

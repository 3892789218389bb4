"""Read provider and rubric files into validated models, or report every problem with its place."""

from __future__ import annotations

import math
import stat
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path as FilePath
from typing import BinaryIO, Literal

from pydantic import BaseModel

from ..errors import InputError, Path, Problem, UsageError
from ..escape import quote
from ..model.profile import Holder, Provider, ProvidersFile, Source
from ..model.rubric import Rubric, check_rubric
from .problems import M, validate
from .yamlread import Document, decode, parse

MAX_FILE_MIB = 20
MAX_FILE_ENV = "SOVSCORE_MAX_FILE_MB"
STDIN = "-"
Kind = Literal["providers", "rubric"]


def bundled_providers() -> str:
    """The providers.yaml shipped in the wheel, or the checkout's in an editable install."""
    packaged = resources.files("sovscore") / "data" / "providers.yaml"
    if packaged.is_file():
        return str(packaged)
    return str(FilePath(__file__).resolve().parents[3] / "providers.yaml")


def bundled_rubric(name: str = "default") -> str:
    return str(resources.files("sovscore") / "data" / "rubrics" / f"{name}.yaml")


def preset_names() -> list[str]:
    """The rubric presets shipped with sovscore, usable as `--rubric NAME`."""
    folder = resources.files("sovscore") / "data" / "rubrics"
    return sorted(
        f.name.removesuffix(".yaml") for f in folder.iterdir() if f.name.endswith(".yaml")
    )


def rubric_path(name_or_path: str) -> str:
    """A file path wins; otherwise a preset name; otherwise a clear error naming the presets."""
    if name_or_path == STDIN or FilePath(name_or_path).exists():
        return name_or_path
    if name_or_path in preset_names():
        return bundled_rubric(name_or_path)
    raise UsageError(
        f"--rubric: no file or preset named {quote(name_or_path)}",
        hint=f"presets: {', '.join(preset_names())}; see `sovscore rubrics`",
    )


def max_file_bytes() -> int:
    """The size limit: far above any real profile, raised with SOVSCORE_MAX_FILE_MB."""
    import os

    value = os.environ.get(MAX_FILE_ENV, "")
    try:
        mib = float(value) if value else MAX_FILE_MIB
    except ValueError:
        mib = float("nan")
    if not mib > 0 or mib == float("inf"):
        raise UsageError(f"{MAX_FILE_ENV}={quote(value)} is not a size (expected a number of MiB)")
    return int(mib * 2**20)


def read_document(path: str) -> Document:
    limit = max_file_bytes()
    reread = None
    if path == STDIN:
        name = "<stdin>"
        if sys.stdin is None:
            raise InputError([Problem(name, "standard input is closed (expected YAML on it)")])
        raw = read_bounded(sys.stdin.buffer, limit)
    else:
        name = path
        raw = _read_file(path, limit)
        reread = lambda: decode(_read_file(path, limit), name)  # noqa: E731
    if len(raw) > limit:
        raise InputError(
            [
                Problem(
                    name,
                    f"is larger than the {limit / 2**20:.6g} MiB limit, far above any real profile file "
                    f"(set {MAX_FILE_ENV} to raise the limit)",
                )
            ]
        )
    return parse(decode(raw, name), name, reread=reread)


CHUNK = 1 << 20


def read_bounded(handle: BinaryIO, limit: int) -> bytes:
    """At most `limit` + 1 bytes (one more tells the file is too large), read in chunks: a huge
    SOVSCORE_MAX_FILE_MB must not make Python allocate the whole limit up front."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = handle.read(min(CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _read_file(path: str, limit: int) -> bytes:
    try:
        mode = FilePath(path).stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError([Problem(path, "is a directory (expected a YAML file)")])
        if not stat.S_ISREG(mode):
            raise InputError([Problem(path, "is not a regular file (expected a YAML file)")])
        with open(path, "rb") as handle:
            return read_bounded(handle, limit)
    except FileNotFoundError:
        raise InputError([Problem(path, "no such file")]) from None
    except PermissionError:
        raise InputError([Problem(path, "permission denied")]) from None
    except OSError as exc:
        raise InputError([Problem(path, f"cannot be read: {exc.strerror or exc}")]) from None


def kind_of(document: Document) -> Kind:
    _refused_root(document)
    data = document.data
    if isinstance(data, dict) and "providers" in data:
        return "providers"
    if isinstance(data, dict) and "criteria" in data:
        return "rubric"
    what = "a mapping" if isinstance(data, dict) else yaml_kind(data)
    raise InputError(
        [
            document.problem(
                (),
                f"is {what}; expected a providers file (with `providers:`) or a rubric (with `criteria:`)",
            )
        ]
    )


def _refused_root(document: Document) -> None:
    if not isinstance(document.data, dict) and document.refused:
        raise InputError([problem for _, problem in document.refused])


def _expect_mapping(document: Document, kind: Kind) -> None:
    _refused_root(document)
    if not isinstance(document.data, dict):
        what = yaml_kind(document.data)
        raise InputError([document.problem((), f"is {what}; expected a mapping (a {kind} file)")])


def yaml_kind(data: object) -> str:
    """How a person would call what YAML read: 'a list', 'a number', 'null'."""
    if data is None:
        return "null"
    if isinstance(data, bool):
        return "a boolean"
    if isinstance(data, int | float):
        return "a number"
    if isinstance(data, str):
        return "text"
    if isinstance(data, list):
        return "a list"
    return f"a {type(data).__name__}"


def load_rubric(name_or_path: str | None = None) -> Rubric:
    document = read_document(rubric_path(name_or_path) if name_or_path else bundled_rubric())
    _expect_mapping(document, "rubric")
    return rubric_from(document)


def rubric_from(document: Document) -> Rubric:
    return _checked(document, Rubric, check_rubric)


def _checked(document: Document, model: type[M], check: Callable[[M], list[tuple[Path, str]]]) -> M:
    """Validate types first; then what types cannot say. Every problem found, or the model."""
    parsed, problems = validate(document, model)
    if parsed is not None:
        problems = [document.problem(path, message) for path, message in check(parsed)]
    if problems or parsed is None:
        raise InputError(problems)
    return parsed


@dataclass
class Catalogue:
    """Providers and sources from one or more files, where ids and names are unique across files."""

    providers: dict[str, Provider] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    origin: dict[str, tuple[Document, int]] = field(default_factory=dict)
    source_origin: dict[str, tuple[Document, int]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

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
                (n for n in _spellings(provider) if self.names.get(normalise_name(n[1]))), None
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
            for _, name in _spellings(provider):
                self.names[normalise_name(name)] = provider.id
        return problems

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
        _expect_mapping(document, "providers")
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
    return _checked(document, ProvidersFile, check_providers)


def check_providers(parsed: ProvidersFile) -> list[tuple[Path, str]]:
    """What one file must satisfy beyond its types: unique names, shares that add up, sane dates."""
    problems: list[tuple[Path, str]] = []
    seen_sources: set[str] = set()
    for index, source in enumerate(parsed.sources):
        if source.id in seen_sources:
            problems.append((("sources", index, "id"), f"duplicate source id {quote(source.id)}"))
        seen_sources.add(source.id)
    names: dict[str, str] = {}
    for index, provider in enumerate(parsed.providers):
        path: Path = ("providers", index)
        if normalise_name(provider.id) in names:
            owner = names[normalise_name(provider.id)]
            problems.append(
                ((*path, "id"), f"{quote(provider.id)} already names provider {quote(owner)}")
            )
            continue
        for step, name in _spellings(provider):
            owner = names.setdefault(normalise_name(name), provider.id)
            if owner != provider.id:
                problems.append(
                    ((*path, *step), f"{quote(name)} already names provider {quote(owner)}")
                )
        problems.extend(((*path, *p), m) for p, m in _check_provider(provider))
    return problems


def _spellings(provider: Provider) -> list[tuple[Path, str]]:
    """Every name a provider answers to, with where it is written."""
    spellings: list[tuple[Path, str]] = [(("id",), provider.id), (("name",), provider.name)]
    return spellings + [(("aliases", i), alias) for i, alias in enumerate(provider.aliases)]


def _check_provider(provider: Provider) -> Iterator[tuple[Path, str]]:
    ownership = provider.ownership
    for h_index, holder in enumerate(ownership.holders or [] if ownership else []):
        if (
            holder.capital is not None
            and holder.capital_min is not None
            and holder.capital < holder.capital_min
        ):
            yield (
                ("ownership", "holders", h_index, "capital_min"),
                f"{holder.capital_min:g} % is more than the holder's capital of {holder.capital:g} %"
                " (expected a lower bound at most the known share)",
            )
    if ownership and ownership.holders:
        has_votes = any(h.voting is not None for h in ownership.holders)
        for label in ("capital", "voting") if has_votes else ("capital",):
            shares = [_share_at_least(h, label) for h in ownership.holders]
            total = math.fsum(shares)
            if total > 100.0001:
                bounded = any(
                    h.capital is None and h.capital_min is not None for h in ownership.holders
                )
                what = "known shares and lower bounds" if bounded else "shares"
                yield (
                    ("ownership", "holders"),
                    f"{label} {what} add up to {'at least ' if bounded else ''}{total:g} % "
                    "(expected at most 100)",
                )
    reviewed = provider.reviewed.latest()
    for q_index, qualification in enumerate(provider.qualifications):
        grants = [e.date for e in qualification.history if e.status in ("qualified", "renewed")]
        first_grant = min(grants, key=lambda d: d.earliest(), default=None)
        for e_index, event in enumerate(qualification.history):
            if (
                event.status == "expires"
                and first_grant is not None
                and event.date.latest() < first_grant.earliest()
            ):
                yield (
                    ("qualifications", q_index, "history", e_index, "date"),
                    f"expires on {event.date}, before the offer was first qualified ({first_grant})",
                )
            if event.status != "expires" and event.date.earliest() > reviewed:
                yield (
                    ("qualifications", q_index, "history", e_index, "date"),
                    f"{event.status} on {event.date} is after the profile's reviewed date {provider.reviewed}",
                )


def _share_at_least(holder: Holder, label: str) -> float:
    """What a holder holds at least: its share of votes (or capital), else its lower bound."""
    if label == "voting" and holder.voting is not None:
        return holder.voting
    if holder.capital is not None:
        return holder.capital
    return holder.capital_min or 0.0


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
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if c.isalnum())

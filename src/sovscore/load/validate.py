"""`sovscore validate`: check any mix of provider and rubric files and report every problem."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import InputError, Problem
from ..model.rubric import Rubric
from .audit import audit
from .catalogue import (
    BUNDLED,
    Catalogue,
    apply_overrides,
    load_rubric,
    providers_from,
    rubric_from,
    unresolved_sources,
)
from .files import kind_of, read_document
from .presets import bundled_providers, bundled_rubric


@dataclass(frozen=True)
class Report:
    files: int
    providers: int
    sources: int
    warnings: list[Problem]


def validate_files(
    paths: list[str] | None, today: dt.date, *, strict: bool = False, strict_sources: bool = False
) -> Report:
    """Check each file; raise one InputError listing every problem, or report what was checked.

    Scored facts without a source, undated sources and stale profiles are warnings, or problems
    when `strict`; scored facts resting only on compilations or analyses are warnings, or
    problems when `strict_sources`. They are judged against the rubric among the files, else
    the default one.
    """
    paths = [
        bundled_providers() if p == BUNDLED else p for p in paths or [BUNDLED, bundled_rubric()]
    ]
    problems: list[Problem] = []
    catalogue = Catalogue()
    rubrics: list[Rubric] = []
    for path in paths:
        try:
            document = read_document(path)
            if kind_of(document) == "providers":
                content, found = providers_from(document)
                problems += found + catalogue.add(document, content)
            else:
                rubrics.append(rubric_from(document))
        except InputError as exc:
            problems.extend(exc.problems)
    problems += unresolved_sources(catalogue) + apply_overrides(catalogue)
    if problems:
        raise InputError(problems)
    audits = [audit(catalogue, rubric, today) for rubric in rubrics or [load_rubric()]]
    gaps = list(dict.fromkeys(gap for a in audits for gap in a.gaps))
    weak = list(dict.fromkeys(gap for a in audits for gap in a.weak))
    failing = (gaps if strict else []) + (weak if strict_sources else [])
    if failing:
        raise InputError(failing)
    warnings = [p for p in gaps + weak if p not in failing]
    return Report(len(paths), len(catalogue.providers), len(catalogue.sources), warnings)

"""`sovscore validate`: check any mix of provider and rubric files and report every problem."""

from __future__ import annotations

from .errors import InputError, Problem
from .loading import (
    Catalogue,
    bundled_providers,
    bundled_rubric,
    kind_of,
    providers_from,
    read_document,
    rubric_from,
    unresolved_sources,
)


def validate_files(paths: list[str] | None) -> str:
    """Check each file; raise one InputError listing every problem. Returns what was checked."""
    paths = paths or [bundled_providers(), bundled_rubric()]
    problems: list[Problem] = []
    catalogue = Catalogue()
    for path in paths:
        try:
            document = read_document(path)
            if kind_of(document) == "providers":
                catalogue.add(document, providers_from(document))
            else:
                rubric_from(document)
        except InputError as exc:
            problems.extend(exc.problems)
    problems.extend(unresolved_sources(catalogue))
    if problems:
        raise InputError(problems)
    count = len(paths)
    return f"{count} file{'s' if count != 1 else ''}"

"""Find a provider by what a person types: id, name or alias, any case, with or without accents."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .errors import UnknownProviderError
from .escape import quote
from .load.catalogue import normalise_name
from .model.profile import Provider


def find_provider(query: str, providers: Iterable[Provider]) -> Provider:
    names: dict[str, Provider] = {}
    for provider in providers:
        for name in (provider.id, provider.name, *provider.aliases):
            names.setdefault(normalise_name(name), provider)
    wanted = normalise_name(query)
    if wanted in names:
        return names[wanted]
    close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.6)
    suggestions = list(dict.fromkeys(names[c].id for c in close))
    hint = (
        f"did you mean {' or '.join(suggestions)}?"
        if suggestions
        else "see `sovscore rank` for names"
    )
    raise UnknownProviderError(f"no provider named {quote(query)}", hint=hint)

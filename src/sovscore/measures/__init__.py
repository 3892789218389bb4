"""Profile facts to findings: the built-in measures, pure, in one registry.

A measure is declared one way (`base.measure`) in the module of its subject; the registry is
assembled here and nowhere else: rubrics name measures, and only this table resolves the names.
"""

from __future__ import annotations

from . import core, csf, jurisdiction
from .base import Finding, Measure, Value, declared

__all__ = ["MEASURES", "NUMBER_RANGE", "Finding", "Measure", "Value"]

MEASURES: dict[str, Measure] = declared(
    vars(core).values(), vars(jurisdiction).values(), vars(csf).values()
)
"""Every built-in measure by name, in the order the modules declare them."""

NUMBER_RANGE = (0.0, 100.0)
"""What a number measure yields: a percentage, or a score as % of its maximum."""

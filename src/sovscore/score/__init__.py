"""Validated models to results: scores, gates, warnings, comparisons, sensitivity. Pure."""

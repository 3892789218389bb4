"""Turn pydantic's findings into one positioned, readable problem each."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Path, Problem
from ..escape import quote
from .yamlread import Document

M = typing.TypeVar("M", bound=BaseModel)


def validate(
    document: Document, model: type[M], at: Path = (), data: Any = None
) -> tuple[M | None, list[Problem]]:
    """The model, or every problem: values YAML could not read, then what pydantic found.

    `at` validates only the part of the document written there (`data`, when given, stands
    for it: an entry of a list, a fragment of an override), positioned in the whole file."""
    refused = {path for path, _ in document.refused if path[: len(at)] == at}
    problems = [problem for path, problem in document.refused if path in refused]
    value = _at(document.data, at) if data is None else data
    try:
        parsed: M | None = model.model_validate(value)
    except ValidationError as exc:
        parsed = None
        for error in exc.errors(include_url=False):
            path = (*at, *_data_path(value, error["loc"]))
            # A value YAML could not read is reported once, not again by what it then breaks.
            if not any(path[:end] in refused for end in range(len(path) + 1)):
                problems.append(_problem(document, model, error, path, len(at)))
    if problems:
        return None, sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
    return parsed, []


def _at(data: Any, path: Path) -> Any:
    for step in path:
        data = data[step]
    return data


def _problem(
    document: Document, model: type[BaseModel], error: Any, path: Path, depth: int = 0
) -> Problem:
    kind = error["type"]
    if kind == "extra_forbidden":
        name = path[-1]
        allowed = _fields_at(model, path[depth:-1])
        hint = ""
        close = difflib.get_close_matches(str(name), allowed, n=1)
        if close:
            hint = f"; did you mean {quote(close[0])}?"
        expected = f" (expected one of: {', '.join(allowed)}{hint})" if allowed else ""
        return document.problem(path, f"unknown field {quote(name)}{expected}", key=True)
    if kind == "missing":
        return document.problem(path, "required field is missing")
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "partial_date":
        message = str(error["ctx"]["expected"])
        message = f"expected {message}"
    elif kind == "literal_error":
        message = f"expected {error['ctx']['expected']}"
        given = error.get("input")
        if isinstance(given, str):
            return document.problem(
                path, f"{message}; got {_show(given)}{_did_you_mean(given, message)}"
            )
    elif kind in ("string_too_long", "string_too_short"):
        bound = error["ctx"].get("max_length", error["ctx"].get("min_length"))
        most = "at most" if kind == "string_too_long" else "at least"
        given = error.get("input")
        length = len(given) if isinstance(given, str) else 0
        if kind == "string_too_short" and bound == 1:
            return document.problem(path, "expected text; got an empty string")
        return document.problem(path, f"expected text of {most} {bound} characters; got {length}")
    elif message.startswith("Input should be "):
        message = "expected " + message.removeprefix("Input should be ")
    given = error.get("input")
    word = document.yaml_booleans.get(path)
    if word is not None:
        message += (
            f"; got {word} which YAML reads as {str(given).lower()}: write '{word}' in quotes"
        )
    elif kind not in ("partial_date", "value_error") and not isinstance(given, dict | list):
        message += f"; got {_show(given)}"
    return document.problem(path, message)


def _did_you_mean(given: str, expected: str) -> str:
    """The allowed value the person most likely meant: the same word in another case
    (`IaaS`, `SecNumCloud`), else the closest spelling (`qualifed`)."""
    choices = re.findall(r"'([^']*)'", expected)
    same = [c for c in choices if c.casefold() == given.casefold()]
    close = same or difflib.get_close_matches(given.casefold(), choices, n=1, cutoff=0.75)
    return f"; did you mean {quote(close[0])}?" if close else ""


def _show(value: object) -> str:
    text = repr(value)
    if isinstance(value, bool) or value is None:
        text = {True: "true", False: "false", None: "null"}[value]
    return text if len(text) <= 60 else text[:57] + "..."


def _data_path(data: Any, loc: tuple[Any, ...]) -> Path:
    """The location pydantic reports, less its internal steps (union and validator names)."""
    path: list[str | int] = []
    current = data
    for index, step in enumerate(loc):
        if (isinstance(current, dict) and step in current) or (
            isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current)
        ):
            path.append(step)
            current = current[step]
        elif isinstance(current, dict) and isinstance(step, str) and index == len(loc) - 1:
            path.append(step)
    return tuple(path)


def _fields_at(model: type[BaseModel], path: Path) -> list[str]:
    """Field names of the model that sits at `path`, to suggest the right spelling."""
    annotation: Any = model
    for step in path:
        annotation = _model_in(annotation)
        if annotation is None:
            return []
        if isinstance(step, int):
            continue
        field = annotation.model_fields.get(step)
        if field is None:
            return []
        annotation = field.annotation
    found = _model_in(annotation)
    return list(found.model_fields) if found else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None

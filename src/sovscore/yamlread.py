"""Read YAML into plain data while remembering where each value was written.

PyYAML's safe loader silently keeps the last of two duplicate keys, expands aliases without limit
and loses positions once data is built; this module refuses the first two and keeps the third.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import InputError, Problem

Path = tuple[str | int, ...]

_STANDARD_SCALARS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_BOOL_WORDS_NOT_TRUE_FALSE = {"yes", "no", "on", "off", "y", "n"}
MAX_DEPTH = 200
_REFUSALS = ("YAML aliases", "nesting")


@dataclass
class Document:
    """Plain data from one YAML file, with the line and column of every value and key."""

    name: str
    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    yaml_booleans: dict[Path, str] = field(default_factory=dict)
    refused: list[tuple[Path, Problem]] = field(default_factory=list)
    """Values that could not be read as plain data, with why; validation reports these first."""

    def refuse(self, path: Path, message: str, *, key: bool = False) -> None:
        self.refused.append((path, self.problem(path, message, key=key)))

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int] | None:
        """Where `path` was written; the nearest enclosing value when it was not written at all."""
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return None

    def problem(self, path: Path, message: str, *, key: bool = False) -> Problem:
        where = self.position(path, key=key)
        return Problem(
            file=self.name,
            message=message,
            line=where[0] if where else None,
            column=where[1] if where else None,
            field=format_path(path) or None,
        )


def format_path(path: Path) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class _NoAliasLoader(yaml.SafeLoader):
    """Safe loader whose composer refuses aliases, and nesting past a limit, where they are written."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(AliasEvent):
            raise _refusal(
                self, "YAML aliases (*name) are not allowed in sovscore files; write the value out"
            )
        if self._depth >= MAX_DEPTH:
            raise _refusal(self, f"nesting deeper than {MAX_DEPTH} levels")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _refusal(loader: yaml.SafeLoader, problem: str) -> yaml.MarkedYAMLError:
    event = loader.peek_event()  # type: ignore[no-untyped-call]
    return yaml.MarkedYAMLError(problem=problem, problem_mark=event.start_mark)


def decode(raw: bytes, name: str) -> str:
    """Text of a file, refusing what is not UTF-8 text."""
    if b"\x00" in raw:
        raise InputError(
            [Problem(name, "contains NUL bytes: not a text file (expected UTF-8 YAML)")]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            [Problem(name, "is not valid UTF-8 (expected UTF-8 text)", line, column)]
        ) from None
    return text


def parse(text: str, name: str) -> Document:
    """Parse one YAML document into plain data with positions; refuse anything but plain data."""
    try:
        loader = _NoAliasLoader(text)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        message = (
            f"character U+{exc.character:04X} is not allowed in YAML (expected printable text)"
        )
        raise InputError([Problem(name, message, line, column)]) from None
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise InputError([Problem(name, _yaml_message(exc), *where)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(name, f"is not valid YAML: {exc}")]) from None
    finally:
        loader.dispose()
    if node is None:
        raise InputError([Problem(name, "is empty (expected a YAML mapping)")])
    document = Document(name=name, data=None)
    document.data = _build(node, (), document, loader)
    return document


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    if "expected a single document" in (exc.context or ""):
        return "holds several YAML documents (---); expected exactly one"
    if exc.problem and exc.problem.startswith(_REFUSALS):
        return exc.problem
    parts = [part for part in (exc.context, exc.problem) if part]
    return "invalid YAML: " + ", ".join(parts) if parts else "invalid YAML"


def _mark(node: Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _build(node: Node, path: Path, document: Document, loader: yaml.SafeLoader) -> Any:
    document.values[path] = _mark(node)
    if isinstance(node, ScalarNode):
        return _scalar(node, path, document, loader)
    if isinstance(node, SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            document.refuse(path, f"YAML tag {node.tag} is not allowed")
            return None
        return [
            _build(item, (*path, index), document, loader) for index, item in enumerate(node.value)
        ]
    if isinstance(node, MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            document.refuse(path, f"YAML tag {node.tag} is not allowed")
            return None
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                document.keys[(*path, "<<")] = _mark(key_node)
                document.refuse(
                    (*path, "<<"), "mapping keys must be plain text (no merge keys <<)", key=True
                )
                continue
            key = _scalar(key_node, path, document, loader)
            if not isinstance(key, str | int | bool | float) or key is None:
                key = key_node.value
            step = str(key).lower() if isinstance(key, bool | float) else key
            key_path = (*path, step)
            if key in first_seen:
                document.keys[key_path] = _mark(key_node)
                document.refuse(
                    key_path,
                    f"duplicate key {key_node.value!r} (first written at line {first_seen[key]})",
                    key=True,
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            document.keys[key_path] = _mark(key_node)
            result[key] = _build(value_node, key_path, document, loader)
        return result
    document.refuse(path, "unsupported YAML node")  # pragma: no cover
    return None  # pragma: no cover


def _scalar(
    node: ScalarNode,
    path: Path,
    document: Document,
    loader: yaml.SafeLoader,
) -> Any:
    if node.tag not in _STANDARD_SCALARS:
        document.refuse(path, f"YAML tag {node.tag} is not allowed")
        return None
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.YAMLError):
        if node.tag == "tag:yaml.org,2002:timestamp":
            document.refuse(path, f"{node.value!r} is not a date that exists")
        else:
            document.refuse(path, f"{node.value!r} cannot be read")
        return None
    if isinstance(value, bool) and node.value.lower() in _BOOL_WORDS_NOT_TRUE_FALSE:
        document.yaml_booleans[path] = node.value
    return value

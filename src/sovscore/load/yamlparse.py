"""YAML text to plain data, from the parser's events: libyaml's C parser when PyYAML has it
(fast, and it reads tabs where YAML allows them), PyYAML's own parser otherwise.

Imported only when a YAML text is actually parsed (`yamlread.parse`), so that PyYAML is not
imported by a command that reads no YAML.
"""

from __future__ import annotations

from typing import Any, Protocol

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from ..errors import InputError, Path, Problem
from ..escape import LONG, one_line, quote

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
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"


class Positions(Protocol):
    """Where values and keys were written (a `yamlread.Positions`)."""

    values: dict[Path, tuple[int, int]]
    keys: dict[Path, tuple[int, int]]
    yaml_booleans: dict[Path, str]


class Target(Protocol):
    """The document being filled (a `yamlread.Document`)."""

    name: str
    data: Any

    def refuse(self, path: Path, message: str, *, key: bool = False) -> None: ...


def _parser(text: str) -> Any:
    """An object with PyYAML's event API (check_event, peek_event, get_event)."""
    try:
        from yaml.cyaml import CParser  # type: ignore[attr-defined]
    except ImportError:  # PyYAML built without libyaml
        return yaml.SafeLoader(text)
    return CParser(text)


class _Refused(Exception):
    """Something sovscore never reads (an alias, deep nesting), with where it was written."""

    def __init__(self, message: str, event: Event) -> None:
        super().__init__(message)
        self.message = message
        self.position = _position(event)


class NeedPositions(Exception):
    """A value must be refused where it is: read the text again, recording positions."""


def fill(document: Target, text: str, positions: Positions | None) -> None:
    """Parse `text` into `document.data`, recording `positions` when given."""
    name = document.name
    try:
        parser = _parser(text)
        builder = _Builder(parser, document, positions)
        parser.get_event()  # stream start
        if parser.check_event(StreamEndEvent):
            raise InputError([Problem(name, "is empty (expected a YAML mapping)")])
        parser.get_event()  # document start
        document.data = builder.value((), 0)
        parser.get_event()  # document end
        if parser.check_event(DocumentStartEvent):
            second = _position(parser.peek_event())
            raise InputError(
                [Problem(name, "holds several YAML documents (---); expected exactly one", *second)]
            )
    except _Refused as exc:
        raise InputError([Problem(name, exc.message, *exc.position)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        message = (
            f"character U+{exc.character:04X} is not allowed in YAML (expected printable text)"
        )
        raise InputError([Problem(name, message, line, column)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (None, None)
        parts = [part for part in (exc.context, exc.problem) if part]
        message = "invalid YAML: " + ", ".join(parts) if parts else "invalid YAML"
        raise InputError([Problem(name, message, *where)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(name, f"is not valid YAML: {exc}")]) from None
    finally:
        dispose = getattr(locals().get("parser"), "dispose", None)
        if dispose is not None:
            dispose()


def _position(event: Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


_PLAIN_CACHE = 100_000
_ALIASES = "YAML aliases (*name) are not allowed in sovscore files; write the value out"
_IMPLICIT = Resolver.yaml_implicit_resolvers


def _resolve_plain(value: str) -> str:
    """PyYAML's own resolution of an unquoted scalar (int, float, bool, null, date, or text)."""
    for tag, pattern in _IMPLICIT.get(value[:1], []):
        if pattern.match(value):
            return str(tag)
    return _STR


class _Builder:
    """Plain data from parser events, recording positions and refusing what is not plain data."""

    def __init__(self, parser: Any, document: Target, positions: Positions | None) -> None:
        self.parser = parser
        self.document = document
        self.positions = positions
        self.constructor = SafeConstructor()
        self.plain_tags: dict[str, str] = {}

    def refuse(self, path: Path, message: str, *, key: bool = False) -> None:
        if self.positions is None:
            raise NeedPositions
        self.document.refuse(path, message, key=key)

    def value(self, path: Path, depth: int) -> Any:
        event = self.parser.get_event()
        if isinstance(event, AliasEvent):
            raise _Refused(_ALIASES, event)
        if self.positions is not None:
            self.positions.values[path] = _position(event)
        if isinstance(event, ScalarEvent):
            return self.scalar(event, path)
        if depth >= MAX_DEPTH:
            raise _Refused(f"nesting deeper than {MAX_DEPTH} levels", event)
        if isinstance(event, SequenceStartEvent):
            return self.sequence(event, path, depth)
        assert isinstance(event, MappingStartEvent)
        return self.mapping(event, path, depth)

    def _tag(self, event: Any, kind: type[Any], value: str | None) -> str:
        if event.tag is not None and event.tag != "!":
            return str(event.tag)
        if kind is SequenceNode:
            return _SEQ
        if kind is MappingNode:
            return _MAP
        if value is None or not event.implicit[0]:
            return _STR  # quoted or block text: never a number, a date or a boolean
        tag = self.plain_tags.get(value)
        if tag is None:
            tag = _resolve_plain(value)
            if len(self.plain_tags) < _PLAIN_CACHE:
                self.plain_tags[value] = tag
        return tag

    def record_key(self, path: Path, at: tuple[int, int]) -> None:
        if self.positions is not None:
            self.positions.keys[path] = at

    def sequence(self, event: SequenceStartEvent, path: Path, depth: int) -> Any:
        items: list[Any] = []
        while not self.parser.check_event(yaml.SequenceEndEvent):
            items.append(self.value((*path, len(items)), depth + 1))
        self.parser.get_event()
        if self._tag(event, SequenceNode, None) != _SEQ:
            self.refuse(path, f"YAML tag {one_line(str(event.tag), LONG)} is not allowed")
            return None
        return items

    def mapping(self, event: MappingStartEvent, path: Path, depth: int) -> Any:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        parser, tracked = self.parser, self.positions is not None
        while not parser.check_event(yaml.MappingEndEvent):
            key_event = parser.get_event()
            if isinstance(key_event, AliasEvent):
                raise _Refused(_ALIASES, key_event)
            at = _position(key_event) if tracked else (0, 0)
            if not isinstance(key_event, ScalarEvent) or (
                key_event.value == "<<" and self._tag(key_event, ScalarNode, "<<") == _MERGE
            ):
                self.record_key((*path, "<<"), at)
                self.refuse(
                    (*path, "<<"), "mapping keys must be plain text (no merge keys <<)", key=True
                )  # raises in the fast pass; recorded in the positioned one
                self.skip(key_event, depth)
                self.value((*path, "<<"), depth + 1)
                continue
            key = self.scalar(key_event, path)
            if not isinstance(key, str | int | bool | float) or key is None:
                key = key_event.value
            step = str(key).lower() if isinstance(key, bool | float) else key
            key_path = (*path, step)
            if key in first_seen:
                self.record_key(key_path, at)
                self.refuse(
                    key_path,
                    f"duplicate key {quote(key_event.value)} (first written at line {first_seen[key]})",
                    key=True,
                )
                self.value((*path, "<duplicate>"), depth + 1)
                continue
            if tracked:
                self.record_key(key_path, at)
            first_seen[key] = at[0]
            result[key] = self.value(key_path, depth + 1)
        parser.get_event()
        if self._tag(event, MappingNode, None) != _MAP:
            self.refuse(path, f"YAML tag {one_line(str(event.tag), LONG)} is not allowed")
            return None
        return result

    def skip(self, start: Event, depth: int) -> None:
        """Consume the rest of a node already begun by `start` (a key that is not text)."""
        if isinstance(start, SequenceStartEvent | MappingStartEvent):
            end = (
                yaml.SequenceEndEvent
                if isinstance(start, SequenceStartEvent)
                else yaml.MappingEndEvent
            )
            while not self.parser.check_event(end):
                self.value(("<skipped>",), depth + 1)
            self.parser.get_event()

    def scalar(self, event: ScalarEvent, path: Path) -> Any:
        tag = self._tag(event, ScalarNode, event.value)
        if tag == _STR:
            return event.value
        if tag not in _STANDARD_SCALARS:
            self.refuse(path, f"YAML tag {one_line(tag, LONG)} is not allowed")
            return None
        if tag == _NULL:
            return None
        node = ScalarNode(tag, event.value, None, None, event.style)
        try:
            value = self.constructor.yaml_constructors[tag](self.constructor, node)
        except (ValueError, OverflowError, yaml.YAMLError):
            if tag == "tag:yaml.org,2002:timestamp":
                self.refuse(path, f"{quote(event.value)} is not a date that exists")
            else:
                self.refuse(path, f"{quote(event.value)} cannot be read")
            return None
        word = isinstance(value, bool) and event.value.lower() in _BOOL_WORDS_NOT_TRUE_FALSE
        if word and self.positions is not None:
            self.positions.yaml_booleans[path] = event.value
        return value

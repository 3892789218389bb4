"""Bytes to YAML documents: size limits, standard input, UTF-8, and what kind of file it is."""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path as FilePath
from typing import BinaryIO, Literal

from ..errors import InputError, Problem, UsageError
from ..escape import quote
from . import bundled
from .yamlread import Document, parse

MAX_FILE_MIB = 20
MAX_FILE_ENV = "SOVSCORE_MAX_FILE_MB"
STDIN = "-"
CHUNK = 1 << 20
Kind = Literal["providers", "rubric"]


def max_file_bytes() -> int:
    """The size limit: far above any real profile, raised with SOVSCORE_MAX_FILE_MB."""
    value = os.environ.get(MAX_FILE_ENV, "")
    try:
        mib = float(value) if value else MAX_FILE_MIB
    except ValueError:
        mib = float("nan")
    if not mib > 0 or mib == float("inf"):
        raise UsageError(f"{MAX_FILE_ENV}={quote(value)} is not a size (expected a number of MiB)")
    return int(mib * 2**20)


def read_document(path: str) -> Document:
    """One file (or `-`, standard input) as a YAML document, read within the size limit.

    Positions are found only when a problem needs them, by reading the file again: the
    document is handed the function that does so (standard input cannot be read twice, so its
    text is kept)."""
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

        def reread() -> str:
            return decode(_read_file(path, limit), name)

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
    digest = hashlib.sha256(raw).hexdigest()
    # An unedited bundled file (providers.yaml, a preset) is read from its build-time JSON.
    text = reread if reread is not None else (lambda: decode(raw, name))
    document = bundled.document(name, digest, text)
    if document is None:
        document = parse(decode(raw, name), name, reread=reread)
    document.digest = digest
    return document


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


def kind_of(document: Document) -> Kind:
    _refused_root(document)
    data = document.data
    if isinstance(data, dict) and ("providers" in data or "overrides" in data):
        return "providers"
    if isinstance(data, dict) and ("criteria" in data or "extends" in data):
        return "rubric"
    what = "a mapping" if isinstance(data, dict) else yaml_kind(data)
    raise InputError(
        [
            document.problem(
                (),
                f"is {what}; expected a providers file (with `providers:`) or a rubric (with `criteria:` or `extends:`)",
            )
        ]
    )


def _refused_root(document: Document) -> None:
    if not isinstance(document.data, dict) and document.refused:
        raise InputError([problem for _, problem in document.refused])


def expect_mapping(document: Document, kind: Kind) -> None:
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

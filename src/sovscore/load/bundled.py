"""The bundled YAML files (providers.yaml, the rubric presets) also as build-time JSON.

Reading the bundled providers.yaml costs about 25 ms and PyYAML's import at every start; the
same plain data loads from JSON in a few. Each JSON file is named after the SHA-256 of the YAML
bytes it was made from and repeats it inside, so it stands in only for a file with exactly
those bytes: an edited providers.yaml (in an editable install) has another hash and is read as
YAML, like every other file. What the JSON holds is the very data the YAML reader builds (dates
included), so validation and everything after it see the same input either way.

`python scripts/bundle.py` writes the files; tests/test_bundled.py fails when one is missing or
stale, and compares the outputs of both readings byte for byte. SOVSCORE_NO_BUNDLED_JSON=1
reads every file as YAML.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Callable
from pathlib import Path as FilePath
from typing import Any

from ..errors import Path
from .yamlread import Document

FOLDER = FilePath(__file__).resolve().parents[1] / "data" / "json"
FORMAT = 1
DISABLE_ENV = "SOVSCORE_NO_BUNDLED_JSON"


def json_path(digest: str) -> FilePath:
    return FOLDER / f"{digest}.json"


def document(name: str, digest: str, text: Callable[[], str]) -> Document | None:
    """The document read from the build-time JSON of the YAML bytes whose SHA-256 is `digest`,
    or None when there is none (any file but an unedited bundled one). `text` gives the YAML
    text, should a problem need positions."""
    if os.environ.get(DISABLE_ENV):
        return None
    try:
        raw = json_path(digest).read_bytes()
    except OSError:
        return None
    stored = json.loads(raw)
    if stored.get("format") != FORMAT or stored.get("sha256") != digest:
        return None
    data = stored["data"]
    for path in stored["dates"]:
        *parents, last = path
        parent = data
        for step in parents:
            parent = parent[step]
        parent[last] = dt.date.fromisoformat(parent[last])
    return Document(name=name, data=data, text=text)


def encode(digest: str, data: Any) -> str:
    """The JSON text standing for the YAML bytes of SHA-256 `digest` that read as `data`.

    Raises ValueError for what JSON cannot hold exactly (a key that is not text, a time of day,
    a non-finite number): such a file is simply not bundled."""
    dates: list[Path] = []

    def walk(value: Any, path: Path) -> Any:
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    raise ValueError(f"{path}: key {key!r} is not text")
                walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*path, index))
        elif type(value) is dt.date:
            dates.append(path)
        elif isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"{path}: {value!r} has no exact JSON form")
        elif value is not None and not isinstance(value, str | int | float):
            raise ValueError(f"{path}: a {type(value).__name__} has no exact JSON form")
        return value

    walk(data, ())
    stored = {"format": FORMAT, "sha256": digest, "dates": dates, "data": data}
    return json.dumps(stored, ensure_ascii=False, separators=(",", ":"), default=dt.date.isoformat)

"""JSON Schemas generated from the models, in the draft-07 dialect editors read
(yaml-language-server): the same rules `sovscore validate` applies, where a schema can say them."""

from __future__ import annotations

import json
from typing import Any, Literal, get_args

SchemaKind = Literal["providers", "rubric", "output", "offers"]
SCHEMA_KINDS: tuple[SchemaKind, ...] = get_args(SchemaKind)
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def json_schema(kind: SchemaKind) -> dict[str, Any]:
    from pydantic import TypeAdapter

    if kind == "providers":
        from ..model.profile import ProvidersFile

        schema = ProvidersFile.model_json_schema()
        title = "sovscore provider profiles (providers.yaml)"
    elif kind == "rubric":
        from ..model.rubric import Rubric, RubricExtension

        schema = TypeAdapter(Rubric | RubricExtension).json_schema()
        title = "sovscore rubric (a whole rubric, or one that extends a preset)"
    elif kind == "output":
        from .shapes import RankingDocument

        schema = TypeAdapter(RankingDocument).json_schema()
        title = "sovscore rank --json output"
    else:
        from .shapes import OffersDocument

        schema = TypeAdapter(OffersDocument).json_schema()
        title = "sovscore offers --json output"
    return _draft_07(schema, title)


def _draft_07(schema: dict[str, Any], title: str) -> dict[str, Any]:
    """pydantic writes 2020-12 `$defs`; draft-07 names them `definitions`."""
    text = json.dumps(schema).replace('"#/$defs/', '"#/definitions/')
    converted: dict[str, Any] = json.loads(text)
    definitions = converted.pop("$defs", None)
    head: dict[str, Any] = {"$schema": DRAFT_07, "title": title}
    if "description" in converted:
        head["description"] = converted.pop("description")
    converted.pop("title", None)
    return {**head, **converted, **({"definitions": definitions} if definitions else {})}


def schema_text(kind: SchemaKind) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False, sort_keys=False) + "\n"

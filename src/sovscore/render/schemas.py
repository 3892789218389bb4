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
        from ..model.providers_file import ProvidersFile

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
    return _draft_07(_shared(schema), title)


def _shared(schema: dict[str, Any]) -> dict[str, Any]:
    """Types used in many fields (a country: 249 codes) written once, as definitions the fields
    refer to, rather than repeated in each field."""
    from ..model.dates import PARTIAL_DATE_SCHEMA
    from ..model.profile import COUNTRY_SCHEMA

    shared: dict[str, Any] = {}
    for name, shape in (("Country", COUNTRY_SCHEMA), ("PartialDate", PARTIAL_DATE_SCHEMA)):
        found: list[bool] = []
        schema = _refer(schema, name, shape, found)
        if found:
            shared[name] = shape
    if shared:
        schema["$defs"] = {**schema.get("$defs", {}), **shared}
    return schema


def _refer(node: Any, name: str, shape: dict[str, Any], found: list[bool]) -> Any:
    """`node` with every schema that is `shape` (its own description aside) replaced by a
    reference to the definition `name`; `found` gets an item for each."""
    if isinstance(node, list):
        return [_refer(item, name, shape, found) for item in node]
    if not isinstance(node, dict):
        return node
    core = {k: v for k, v in shape.items() if k != "description"}
    if all(k in node and node[k] == v for k, v in core.items()):
        found.append(True)
        rest = {k: v for k, v in node.items() if k not in core}
        if rest.get("description") == shape.get("description"):
            rest.pop("description", None)
        ref = {"$ref": f"#/$defs/{name}"}
        # Draft-07 ignores a $ref's siblings: a field's own words stay beside it, with allOf.
        return {**rest, "allOf": [ref]} if rest else ref
    return {k: _refer(v, name, shape, found) for k, v in node.items()}


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

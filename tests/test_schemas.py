"""The published JSON Schemas: generated from the models, committed, and true of real files."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from sovscore.load.presets import bundled_providers, bundled_rubric, preset_names
from sovscore.render.schemas import SCHEMA_KINDS, json_schema

ROOT = Path(__file__).resolve().parents[1]


def _as_editors_see_it(value: Any) -> Any:
    """YAML 1.2 editors read 2025-12-17 as text: the schema speaks of text, not date objects."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _as_editors_see_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editors_see_it(v) for v in value]
    return value


def _yaml(path: str) -> Any:
    with open(path, encoding="utf-8") as handle:
        return _as_editors_see_it(yaml.safe_load(handle))


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_committed_schemas_match_the_models(run: Any, kind: str) -> None:
    result = run("schema", kind)
    assert result.exit_code == 0
    committed = (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert result.stdout == committed, (
        f"schemas/{kind}.schema.json is stale: run `sovscore schema {kind} > schemas/{kind}.schema.json`"
    )
    document = json.loads(result.stdout)
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(document)


def test_providers_schema_accepts_the_bundled_data() -> None:
    jsonschema.Draft7Validator(json_schema("providers")).validate(_yaml(bundled_providers()))


def test_providers_schema_refuses_what_validate_refuses() -> None:
    data = _yaml(bundled_providers())
    data["providers"][0]["headquaters"] = "FR"
    errors = list(jsonschema.Draft7Validator(json_schema("providers")).iter_errors(data))
    assert any("headquaters" in e.message for e in errors)


@pytest.mark.parametrize("name", preset_names())
def test_rubric_schema_accepts_every_preset(name: str) -> None:
    jsonschema.Draft7Validator(json_schema("rubric")).validate(_yaml(bundled_rubric(name)))


@pytest.mark.parametrize(
    "args",
    [[], ["--rubric", "secnumcloud-19.6"], ["--rubric", "eu-csf-1.2.1", "--min-seal", "2"]],
)
def test_output_schema_describes_rank_json(run: Any, args: list[str]) -> None:
    output = json.loads(run("rank", "--json", *args).stdout)
    jsonschema.Draft7Validator(json_schema("output")).validate(output)


def test_providers_yaml_points_editors_at_its_schema() -> None:
    first = (ROOT / "providers.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schemas/providers.schema.json"


def test_pre_commit_accepts_the_hooks_manifest() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "validate-manifest",
            str(ROOT / ".pre-commit-hooks.yaml"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_hook_entry_is_a_working_command() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        command = hook["entry"].split()
        assert command[0] == "sovscore"
        done = subprocess.run(
            [sys.executable, "-m", "sovscore", *command[1:], bundled_providers()],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr

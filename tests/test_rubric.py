"""Custom rubrics: any measure, boolean tables written as YAML booleans, unknown facts excluded."""

import json
from typing import Any

from .conftest import provider, providers_document

RUBRIC = """\
schema_version: 1
id: control-only
version: "0.1"
title: EU control
description: Only who controls the provider, and its exposure to non-EU law.
unknown: exclude
grades:
  - {grade: pass, min: 50}
  - {grade: fail, min: 0}
criteria:
  - id: control
    label: EU control
    weight: 3
    measure: non_eu_control
    description: Controlled from inside the EU/EEA.
    rationale: Control decides which law applies.
    table:
      true: 0
      no: 100
  - id: exposure
    label: Exposure
    weight: 1
    measure: extraterritorial_exposure
    description: Not subject to non-EU law with extraterritorial reach.
    rationale: CLOUD Act and FISA 702 reach US companies' data abroad.
    table: {true: 0, false: 100}
"""


def test_boolean_tables_and_excluded_unknowns(run: Any, write_yaml: Any) -> None:
    rubric = write_yaml(RUBRIC, "rubric.yaml")
    data = providers_document(
        provider(),
        provider(id="vague", name="Vague", aliases=[], extraterritorial_exposure=None),
    )
    result = run("rank", "--rubric", rubric, "--providers", write_yaml(data), "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["rubric"]["unknown"] == "exclude"
    assert [c["weight"] for c in document["rubric"]["criteria"]] == [0.75, 0.25]
    by_id = {p["id"]: p for p in document["providers"]}
    assert by_id["acme"]["score"] == 100.0
    assert by_id["vague"]["score"] == 100.0  # the unknown criterion is left out
    assert by_id["vague"]["coverage"] == 0.75
    assert by_id["vague"]["grade"] == "pass"


def test_rubric_command_shows_a_custom_rubric(run: Any, write_yaml: Any) -> None:
    result = run("rubric", "--rubric", write_yaml(RUBRIC, "rubric.yaml"), "--no-color")
    assert result.exit_code == 0, result.stderr
    assert "EU control" in result.stdout
    assert "left out" in result.stdout


def test_thresholds_only_on_numbers(run: Any, write_yaml: Any) -> None:
    bad = RUBRIC.replace(
        "    table:\n      true: 0\n      no: 100\n", "    thresholds: [{min: 0, points: 1}]\n"
    )
    result = run("validate", write_yaml(bad, "rubric.yaml"))
    assert result.exit_code == 2
    assert (
        "criteria[0].thresholds: measure non_eu_control yields values: use `table`" in result.stderr
    )

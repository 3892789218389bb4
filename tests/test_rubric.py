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


EXTENSION = """\
schema_version: 1
extends: default
id: residency-first
version: "1"
title: Residency first
description: The default rubric with data residency weighted as much as SecNumCloud.
weights: {data_residency: 30}
"""


def test_a_rubric_that_extends_a_preset_states_only_what_differs(run: Any, write_yaml: Any) -> None:
    path = write_yaml(EXTENSION, "extension.yaml")
    shown = json.loads(run("rubric", "--rubric", path, "--json").stdout)
    assert shown["id"] == "residency-first" and shown["title"] == "Residency first"
    base = json.loads(run("rubric", "--json").stdout)
    assert [c["id"] for c in shown["criteria"]] == [c["id"] for c in base["criteria"]]
    assert (
        shown["normalised_weights"]["data_residency"] == shown["normalised_weights"]["secnumcloud"]
    )
    assert run("validate", path).exit_code == 0
    ranked = json.loads(run("rank", "--rubric", path, "--json").stdout)
    assert ranked["rubric"]["id"] == "residency-first"


def test_the_2026_csf_preset_is_1_2_1_with_three_weights_changed(run: Any) -> None:
    old = json.loads(run("rubric", "--rubric", "eu-csf-1.2.1", "--json").stdout)
    new = json.loads(run("rubric", "--rubric", "eu-csf-2026", "--json").stdout)
    changed = {k for k, v in new["normalised_weights"].items() if v != old["normalised_weights"][k]}
    assert changed == {"sov1", "sov5", "sov7"}
    assert [round(w * 100) for w in new["normalised_weights"].values()] == [
        20,
        10,
        10,
        15,
        10,
        15,
        15,
        5,
    ]
    assert new["criteria"] == [
        {**c, "weight": new["criteria"][i]["weight"]} for i, c in enumerate(old["criteria"])
    ]


def test_an_extension_that_names_what_is_not_there_is_positioned(run: Any, write_yaml: Any) -> None:
    for text, words in (
        (EXTENSION.replace("data_residency: 30", "data_residence: 30"), "is not a criterion of"),
        (EXTENSION.replace("extends: default", "extends: nowhere"), "no preset named 'nowhere'"),
        (EXTENSION.replace("data_residency: 30", "data_residency: -1"), "finite weight"),
    ):
        path = write_yaml(text, "extension.yaml")
        result = run("rank", "--rubric", path)
        assert result.exit_code == 2, result.stdout
        line = result.stderr.strip().splitlines()[0]
        assert line.startswith(f"{path}:") and words in line, line


def test_a_criterion_without_a_description_shows_its_measure_s(run: Any) -> None:
    from sovscore.measures import MEASURES

    shown = json.loads(run("rubric", "--json").stdout)
    for criterion in shown["criteria"]:
        assert criterion["description"] == MEASURES[criterion["measure"]].description


def test_csf_objectives_derivations_and_preset_labels_agree() -> None:
    """One list of objectives: the profile's CsfObjective, the derivations, the measures named
    csf_sov1..8 and the labels of both CSF presets (Scorecard checks its checks both ways)."""
    import typing

    from sovscore.load.catalogue import load_rubric
    from sovscore.measures import MEASURES
    from sovscore.measures.csf import DERIVATIONS, OBJECTIVES
    from sovscore.model.profile import CsfObjective

    objectives = typing.get_args(CsfObjective)
    assert tuple(DERIVATIONS) == objectives
    assert [m.name for m in OBJECTIVES] == [f"csf_sov{i}" for i in range(1, 9)]
    assert all(m.name in MEASURES for m in OBJECTIVES)
    for preset in ("eu-csf-1.2.1", "eu-csf-2026"):
        rubric = load_rubric(preset)
        assert [c.measure for c in rubric.criteria] == [m.name for m in OBJECTIVES]
        for criterion, objective in zip(rubric.criteria, objectives, strict=True):
            name, _ = DERIVATIONS[objective]
            assert criterion.label == f"{objective} {name}"


def test_measures_command_lists_the_registry(run: Any) -> None:
    from sovscore.measures import MEASURES

    listed = json.loads(run("measures", "--json").stdout)["measures"]
    assert [m["name"] for m in listed] == list(MEASURES)
    first = listed[0]
    assert set(first) == {"name", "kind", "values", "reads", "description"}
    assert "secnumcloud_status" in run("measures").stdout

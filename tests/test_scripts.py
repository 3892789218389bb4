"""For scripts: gh's --json FIELDS on every command that prints records, did-you-mean, NDJSON
lines that keep their context, and --fail-if-ineligible."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sovscore.cli.options import json_fields_args

AS_OF = "2026-12-01"


def test_json_fields_are_rewritten_as_gh_writes_them() -> None:
    assert json_fields_args(["rank", "--json", "id,score"], False) == [
        "rank",
        "--json",
        "--fields",
        "id,score",
    ]
    assert json_fields_args(["rank", "--json=id"], False)[-2:] == ["--fields", "id"]
    assert json_fields_args(["rank", "--json", "--top", "3"], False) == [
        "rank",
        "--json",
        "--top",
        "3",
    ]
    # A command with an argument: a bare word after --json is the argument, not fields.
    assert json_fields_args(["show", "--json", "numspot"], True) == ["show", "--json", "numspot"]
    assert json_fields_args(["show", "--json", "id,score", "x"], True)[2:4] == [
        "--fields",
        "id,score",
    ]
    assert json_fields_args(["show", "--", "--json", "a"], True) == ["show", "--", "--json", "a"]


def test_rank_json_fields_select_and_imply_json(run: Any) -> None:
    result = run("rank", "--as-of", AS_OF, "--json", "id,score,eligibility")
    assert result.exit_code == 0, result.stderr
    first = json.loads(result.stdout)["providers"][0]
    assert list(first) == ["id", "score", "eligibility"]
    alone = json.loads(run("rank", "--as-of", AS_OF, "--fields", "id").stdout)
    assert list(alone["providers"][0]) == ["id"]
    full = json.loads(run("rank", "--as-of", AS_OF, "--json").stdout)
    assert "criteria" in full["providers"][0]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["rank"], "id"),
        (["offers"], "id"),
        (["show", "numspot"], "id"),
        (["sources", "numspot"], "id"),
        (["compare", "numspot", "bleu"], "id"),
        (["sensitivity", "--samples", "5"], "id"),
        (["diff", "--since", "2022-11-01"], "id"),
    ],
)
def test_every_record_command_takes_json_fields(run: Any, args: list[str], field: str) -> None:
    extra = [] if args[0] in ("sources", "diff") else ["--as-of", AS_OF]
    result = run(*args, *extra, f"--json={field}")
    assert result.exit_code in (0, 1), result.stderr
    json.loads(result.stdout)
    typo = run(*args, *extra, "--json=idd")
    assert typo.exit_code == 2 and "did you mean 'id'?" in typo.stderr, typo.stderr


def test_ndjson_lines_carry_the_day_and_the_rubric(run: Any) -> None:
    for args in (["rank"], ["offers"], ["compare", "numspot", "bleu"], ["sources", "numspot"]):
        day = [] if args[0] == "sources" else ["--as-of", AS_OF]
        out = run(*args, *day, "--format", "ndjson").stdout
        for line in out.splitlines():
            record = json.loads(line)
            assert "as_of" in record and "rubric" in record, args


def test_fail_if_ineligible_exits_1_under_gates(run: Any) -> None:
    args = ["rank", "--rubric", "secnumcloud-19.6", "--as-of", AS_OF, "--fail-if-ineligible"]
    assert run(*args, "--top", "3").exit_code == 0  # the first three are eligible
    failed = run(*args)
    assert failed.exit_code == 1 and "ineligible under the rubric's gates: " in failed.stderr
    assert "aws (" in failed.stderr and failed.stdout  # the table is still printed
    show = run(
        "show", "aws", "--rubric", "secnumcloud-19.6", "--as-of", AS_OF, "--fail-if-ineligible"
    )
    assert show.exit_code == 1
    assert run("rank", "--as-of", AS_OF, "--fail-if-ineligible").exit_code == 0  # no gates

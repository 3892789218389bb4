"""The command line as scripts and people use it: exit codes, stdout data, stderr messages."""

import csv
import io
import json
import re
from typing import Any

import pytest

from sovscore import __version__
from sovscore.render import FORMATS, Style, renderer_for

from .conftest import provider, providers_document


def test_rank_json_is_one_document_with_the_documented_fields(run: Any) -> None:
    result = run("rank", "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema_version"] == 2
    assert document["unit"] == "provider" and document["scope"] is None
    assert document["sovscore_version"] == __version__
    assert {c["id"] for c in document["rubric"]["criteria"]} == {
        "french_ownership",
        "us_partnerships",
        "secnumcloud",
        "data_residency",
    }
    assert sum(c["weight"] for c in document["rubric"]["criteria"]) == pytest.approx(1)
    first = document["providers"][0]
    assert set(first) == {
        "rank",
        "id",
        "name",
        "provider",
        "offer",
        "offer_name",
        "service_models",
        "offers",
        "score",
        "grade",
        "coverage",
        "score_low",
        "score_high",
        "rank_best",
        "rank_worst",
        "primary_share",
        "basis",
        "reviewed",
        "projected",
        "criteria",
        "warnings",
    }
    assert set(first["criteria"][0]) == {
        "id",
        "value",
        "points",
        "weight",
        "contribution",
        "status",
        "reason",
        "sources",
        "evidence",
        "basis",
        "points_low",
        "points_high",
        "notes",
    }
    assert {"projected_after", "register_reads"} <= set(document)
    scores = [p["score"] for p in document["providers"]]
    assert scores == sorted(scores, reverse=True)
    assert result.stderr == ""


def test_rank_table_lists_every_bundled_provider(run: Any) -> None:
    result = run("rank", "--no-color", "--width", "120")
    assert result.exit_code == 0
    for name in ("NumSpot", "OVHcloud", "S3NS", "Bleu", "Amazon Web Services"):
        assert name in result.stdout
    assert "\x1b[" not in result.stdout


def test_as_of_top_and_fail_under(run: Any) -> None:
    result = run("rank", "--as-of", "2022-11-01", "--top", "3", "--json")
    document = json.loads(result.stdout)
    assert document["as_of"] == "2022-11-01"
    assert len(document["providers"]) == 3
    failing = run("rank", "--fail-under", "101", "--json")
    assert failing.exit_code == 1
    assert json.loads(failing.stdout)["providers"]
    assert "below 101" in failing.stderr
    assert run("rank", "--fail-under", "0", "--json").exit_code == 0


@pytest.mark.parametrize("bad", ["2025-02-30", "yesterday", "2025-1-1", "20250101"])
def test_bad_as_of_is_a_usage_error(run: Any, bad: str) -> None:
    result = run("rank", "--as-of", bad)
    assert result.exit_code == 2
    assert "--as-of" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("query", ["numspot", "NumSpot", "NUMSPOT", "Numspot"])
def test_show_matches_any_case(run: Any, query: str) -> None:
    result = run("show", query, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "numspot"


def test_show_matches_names_and_aliases_without_accents(run: Any, write_yaml: Any) -> None:
    path = write_yaml(providers_document(provider()))
    for query in ("acme", "Acme Cloud", "ACMÉ CLOUD", "acme-cloud"):
        result = run("show", query, "--providers", path, "--json")
        assert result.exit_code == 0, (query, result.stderr)


def test_show_explains_each_criterion_with_its_sources(run: Any) -> None:
    result = run("show", "numspot", "--json")
    document = json.loads(result.stdout)
    cited = {s["id"] for s in document["sources"]}
    for criterion in document["criteria"]:
        assert criterion["reason"]
        assert set(criterion["sources"]) <= cited
    assert document["profile"]["id"] == "numspot"
    assert document["rank"] >= 1 and document["out_of"] >= 11


def test_show_table_explains_numspot(run: Any) -> None:
    result = run("show", "numspot", "--no-color")
    assert result.exit_code == 0
    for words in (
        "NumSpot",
        "How the score of Plateforme des services cloud is made",
        "SecNumCloud",
        "Sources",
        "anssi-catalogue-2026-09-15",
    ):
        assert words in result.stdout


def test_unknown_provider_suggests_close_names(run: Any) -> None:
    result = run("show", "numspto")
    assert result.exit_code == 2
    assert "did you mean numspot?" in result.stderr
    assert result.stdout == ""


def test_every_format_choice_has_a_renderer(run: Any) -> None:
    """The CLI's --format choices are the one list of formats, and each has every method."""
    from sovscore.render import Renderer

    refused = run("rank", "--format", "xml")
    assert refused.exit_code == 2
    assert all(f"'{fmt}'" in refused.stderr for fmt in FORMATS)
    methods = [m for m in dir(Renderer) if not m.startswith("_")]
    assert "measures" in methods and "data" not in methods  # data is an attribute
    for fmt in FORMATS:
        renderer = renderer_for(fmt, Style())
        for method in methods:
            assert callable(getattr(renderer, method)), (fmt, method)
        assert isinstance(renderer.data, bool)


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_renders_rank_show_and_rubric(run: Any, fmt: str) -> None:
    for args in (
        ["rank"],
        ["rank", "--rubric", "secnumcloud-19.6"],
        ["rank", "--rubric", "eu-csf-2026", "--min-seal", "2"],
        ["show", "s3ns"],
        ["show", "aws", "--rubric", "secnumcloud-19.6"],
        ["sources", "s3ns"],
        ["compare", "numspot", "s3ns"],
        ["sensitivity", "--samples", "50"],
        ["rubric"],
        ["rubric", "--rubric", "gaia-x-label-3"],
        ["rubrics"],
    ):
        result = run(*args, "--format", fmt, "--no-color")
        assert result.exit_code == 0, (args, fmt, result.stderr)
        assert result.stdout.strip()


def test_csv_has_one_row_per_provider(run: Any) -> None:
    rows = list(csv.DictReader(io.StringIO(run("rank", "--format", "csv").stdout)))
    assert len(rows) >= 11
    assert {"rank", "id", "score", "secnumcloud_value", "secnumcloud_points"} <= set(rows[0])


def test_csv_defuses_spreadsheet_formulas(run: Any, write_yaml: Any) -> None:
    path = write_yaml(providers_document(provider(name='=HYPERLINK("http://x")')))
    out = run("rank", "--providers", path, "--format", "csv").stdout
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["name"].startswith("'=")


def test_table_shows_markup_and_control_characters_literally(run: Any, write_yaml: Any) -> None:
    path = write_yaml(providers_document(provider(name="[bold red]x[/] \x1b[31mred")))
    out = run("rank", "--providers", path, "--no-color", "--width", "120").stdout
    assert "[bold red]x[/]" in out
    assert "\\x1b[31mred" in out
    assert "\x1b" not in out


def test_no_color_env_and_flag(run: Any) -> None:
    assert "\x1b[" not in run("rank", env={"NO_COLOR": "1"}).stdout


def test_rubric_command_shows_weights_and_rationale(run: Any) -> None:
    result = run("rubric", "--no-color")
    assert result.exit_code == 0
    assert "30%" in result.stdout and "SecNumCloud" in result.stdout
    document = json.loads(run("rubric", "--json").stdout)
    assert document["normalised_weights"]["secnumcloud"] == pytest.approx(0.3)


def test_version_and_help(run: Any) -> None:
    assert run("--version").stdout.strip() == f"sovscore {__version__}"
    for args in (["-h"], ["rank", "-h"], ["show", "--help"], ["validate", "-h"], ["rubric", "-h"]):
        result = run(*args)
        assert result.exit_code == 0
        assert "Usage" in result.stdout


def test_a_second_providers_file_adds_providers(run: Any, write_yaml: Any) -> None:
    from sovscore.load.presets import bundled_providers

    path = write_yaml(providers_document(provider(id="newco", name="NewCo", aliases=[])))
    result = run("rank", "--providers", bundled_providers(), "--providers", path, "--json")
    ids = [p["id"] for p in json.loads(result.stdout)["providers"]]
    assert "newco" in ids and "numspot" in ids


@pytest.mark.parametrize(
    ("fields", "clash"),
    [
        ({"id": "numspot", "name": "Other"}, "'numspot' already names provider 'numspot'"),
        ({"id": "other", "name": "Other", "aliases": ["Num Spot"]}, "'Num Spot' already names"),
    ],
)
def test_ids_names_and_aliases_are_unique_across_files(
    run: Any, write_yaml: Any, fields: dict[str, Any], clash: str
) -> None:
    from sovscore.load.presets import bundled_providers

    path = write_yaml(providers_document(provider(**{"aliases": [], **fields})))
    bundled = bundled_providers()
    for args in (
        ["rank", "--providers", bundled, "--providers", path],
        ["validate", bundled, path],
    ):
        result = run(*args)
        assert result.exit_code == 2, result.stderr
        assert result.stdout == ""
        line = result.stderr.splitlines()[0]
        assert line.startswith(f"{path}:") and clash in line
        assert f"at {bundled}:" in line


def test_validate_bundled_data_is_clean(run: Any) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "valid" in result.stderr


def test_validate_tells_files_apart_by_content(run: Any, write_yaml: Any) -> None:
    from sovscore.load.presets import bundled_rubric

    path = write_yaml(providers_document())
    result = run("validate", path, bundled_rubric())
    assert result.exit_code == 0, result.stderr
    assert "valid: 2 files, 1 providers, 1 sources" in result.stderr


def test_ndjson_is_one_provider_per_line(run: Any) -> None:
    lines = run("rank", "--format", "ndjson").stdout.splitlines()
    documents = [json.loads(line) for line in lines]
    whole = json.loads(run("rank", "--json").stdout)
    # Each line also carries the day and the rubric, so that an appended log keeps them.
    context = {"as_of": whole["as_of"], "rubric": whole["rubric"]["id"]}
    assert documents == [{**context, **p} for p in whole["providers"]]


@pytest.mark.parametrize("fmt", ["json", "ndjson", "csv"])
def test_fields_pick_and_order_the_provider_fields(run: Any, fmt: str) -> None:
    out = run("rank", "--format", fmt, "--fields", "score,id").stdout
    if fmt == "json":
        first = json.loads(out)["providers"][0]
    elif fmt == "ndjson":
        first = json.loads(out.splitlines()[0])
    else:
        first = next(csv.DictReader(io.StringIO(out)))
    assert list(first) == ["score", "id"]


def test_fields_unknown_name_lists_the_valid_ones(run: Any) -> None:
    result = run("rank", "--json", "--fields", "id,scor")
    assert result.exit_code == 2 and result.stdout == ""
    assert (
        "unknown field 'scor'" in result.stderr
        and "valid fields: rank, id, name, provider, offer, offer_name" in result.stderr
    )
    gated = run(
        "rank", "--json", "--rubric", "secnumcloud-19.6", "--fields", "id,eligible,failed_gates"
    )
    assert json.loads(gated.stdout)["providers"][0] == {
        "id": json.loads(gated.stdout)["providers"][0]["id"],
        "eligible": True,
        "failed_gates": [],
    }


@pytest.mark.parametrize(
    "args",
    [["--format", "markdown", "--fields", "id"], ["--json", "--fields", ","]],
)
def test_fields_need_a_data_format_and_names(run: Any, args: list[str]) -> None:
    result = run("rank", *args)
    assert result.exit_code == 2 and result.stdout == ""


def _complete(words: str) -> list[str]:
    import subprocess
    import sys

    env = {
        **__import__("os").environ,
        "_SOVSCORE_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    code = "from sovscore.cli.commands import main; main()"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return [line for line in done.stdout.splitlines() if line]


def test_completion_offers_provider_ids_and_aliases_and_presets() -> None:
    assert _complete("sovscore show num") == ["numspot", "numspot/cloud-platform"]
    assert _complete("sovscore compare numspot out") == [
        "outscale",
        "outscale/iaas-cloudgouv",
        "outscale/iaas-public",
    ]
    # An alias with a space would reach the shell as two words: only one-word names are offered.
    assert _complete("sovscore sources Amaz") == ["Amazon"]
    assert _complete("sovscore rank --rubric eu") == ["eu-csf-1.2.1", "eu-csf-2026"]
    assert _complete("sovscore show zzz") == []


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_every_human_format_says_eligibility_gates_seal_and_warnings(run: Any, fmt: str) -> None:
    """Table and Markdown paint the same views: neither drops what the other shows."""
    ranked = json.loads(run("rank", "--rubric", "secnumcloud-19.6", "--json").stdout)
    out = run(
        "rank", "--rubric", "secnumcloud-19.6", "--format", fmt, "--no-color", "--width", "120"
    ).stdout
    for entry in ranked["providers"]:
        mark = {"eligible": "yes", "ineligible": "no", "cannot_be_shown": "not shown"}
        # A row begins with its rank and the name's first word (the table may wrap the rest).
        start = re.compile(rf"^[|\s]*{entry['rank']}\s*\|?\s*{re.escape(entry['name'].split()[0])}")
        line = next(line for line in out.splitlines() if start.match(line))
        assert mark[entry["eligibility"]] in line, (entry["id"], line)
    # The failed gates of the hyperscalers, by article (one a line).
    assert "19.6 a" in out and "19.6 b" in out
    csf = run("rank", "--rubric", "eu-csf-1.2.1", "--format", fmt, "--no-color").stdout
    assert "SEAL" in csf and "SEAL-3" in csf
    shown = run("show", "ovhcloud", "--rubric", "secnumcloud-19.6", "--format", fmt).stdout
    assert "Eligibility: yes" in shown and "Warnings" in shown and "Sources" in shown
    compared = run("compare", "aws", "s3ns", "--rubric", "secnumcloud-19.6", "--format", fmt).stdout
    assert "Eligible" in compared and "Failed gates" in compared

"""Every bad input: one positioned line per problem on stderr, exit 2, nothing on stdout."""

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from sovscore.load.presets import bundled_rubric

from .conftest import SOURCE, provider, providers_document

POSITIONED = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<rest>.+)$")


def fails(result: Any, *, line: int | None = None, words: str = "") -> list[str]:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines
    if line is not None:
        match = POSITIONED.match(lines[0])
        assert match, lines[0]
        assert int(match["line"]) == line, lines[0]
    assert words in result.stderr, result.stderr
    return lines


VALID = yaml.safe_dump(providers_document(), sort_keys=False)


def with_line(text: str, needle: str, replacement: str) -> str:
    assert needle in text
    return text.replace(needle, replacement, 1)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_malformed_yaml(run: Any, write_yaml: Any) -> None:
    path = write_yaml("schema_version: 1\nproviders: [\n  {id: x,\n")
    fails(run("rank", "--providers", path), words="invalid YAML")


def test_misspelt_field_suggests_the_right_one(run: Any, write_yaml: Any) -> None:
    text = with_line(VALID, "  headquarters:", "  headquarter:")
    lines = fails(run("rank", "--providers", write_yaml(text)))
    unknown = next(line for line in lines if "unknown field" in line)
    assert (
        f":{line_of(text, '  headquarter:')}:3: providers[0].headquarter: unknown field" in unknown
    )
    assert "did you mean 'headquarters'?" in unknown
    missing = next(line for line in lines if "required field is missing" in line)
    assert ":3:3: providers[0].headquarters: required field is missing" in missing


def test_unknown_country_code(run: Any, write_yaml: Any) -> None:
    text = with_line(VALID, "headquarters: FR", "headquarters: FRA")
    fails(run("rank", "--providers", write_yaml(text)), words="ISO 3166-1 alpha-2")


def test_missing_file(run: Any, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.yaml")
    lines = fails(run("rank", "--providers", missing), words="no such file")
    assert lines == [f"{missing}: no such file"]


def test_directory(run: Any, tmp_path: Path) -> None:
    fails(run("rank", "--providers", str(tmp_path)), words="is a directory")


def test_non_utf8_file(run: Any, write_yaml: Any) -> None:
    path = write_yaml(b"schema_version: 1\nproviders:\n  - name: caf\xe9\n")
    fails(run("rank", "--providers", path), line=3, words="is not valid UTF-8")


def test_empty_file(run: Any, write_yaml: Any) -> None:
    fails(run("rank", "--providers", write_yaml("")), words="is empty")
    fails(run("rank", "--providers", write_yaml("# only a comment\n")), words="is empty")


def test_python_tag_is_refused(run: Any, write_yaml: Any) -> None:
    text = VALID + "extra: !!python/object/apply:os.system ['echo hacked']\n"
    fails(
        run("rank", "--providers", write_yaml(text)),
        line=line_of(text, "extra:"),
        words="YAML tag tag:yaml.org,2002:python/object/apply:os.system is not allowed",
    )


def test_two_providers_with_one_id(run: Any, write_yaml: Any) -> None:
    document = providers_document(provider(), provider(name="Other", aliases=[]))
    text = yaml.safe_dump(document, sort_keys=False)
    second = text.index("- id: acme", text.index("- id: acme") + 1)
    fails(
        run("rank", "--providers", write_yaml(text)),
        line=text[:second].count("\n") + 1,
        words="providers[1].id: 'acme' already names provider 'acme'",
    )


def test_shares_over_100(run: Any, write_yaml: Any) -> None:
    text = with_line(VALID, "capital: 40", "capital: 60")
    fails(run("rank", "--providers", write_yaml(text)), words="capital shares add up to 120 %")


def test_share_out_of_range_and_nan(run: Any, write_yaml: Any) -> None:
    fails(
        run("rank", "--providers", write_yaml(with_line(VALID, "capital: 40", "capital: 140"))),
        words="expected a percentage from 0 to 100",
    )
    fails(
        run("rank", "--providers", write_yaml(with_line(VALID, "capital: 40", "capital: .nan"))),
        words="expected a percentage from 0 to 100",
    )


def test_alias_is_refused(run: Any, write_yaml: Any) -> None:
    text = "schema_version: 1\nbase: &b {a: 1}\nproviders: [*b]\n"
    fails(run("rank", "--providers", write_yaml(text)), line=3, words="YAML aliases")


def test_several_documents(run: Any, write_yaml: Any) -> None:
    fails(
        run("rank", "--providers", write_yaml(VALID + "---\n" + VALID)),
        words="several YAML documents",
    )


def test_list_instead_of_mapping(run: Any, write_yaml: Any) -> None:
    fails(run("rank", "--providers", write_yaml("- a\n- b\n")), line=1, words="expected a mapping")


def test_every_problem_is_reported_not_only_the_first(run: Any, write_yaml: Any) -> None:
    text = with_line(VALID, "founded: 2010", "founded: soon")
    text = with_line(text, "headquarters: FR", "headquarters: XX")
    text = with_line(text, "kind: press", "kind: blog")
    lines = fails(run("validate", write_yaml(text)))
    assert len(lines) == 3
    assert all(POSITIONED.match(line) for line in lines)


def test_validate_reports_problems_in_several_files(run: Any, write_yaml: Any) -> None:
    bad_providers = write_yaml(with_line(VALID, "founded: 2010", "founded: soon"), "p.yaml")
    rubric = Path(bundled_rubric()).read_text(encoding="utf-8")
    bad_rubric = write_yaml(
        rubric.replace("measure: data_residency", "measure: data_location"), "r.yaml"
    )
    lines = fails(run("validate", bad_providers, bad_rubric))
    assert any(line.startswith(bad_providers) for line in lines)
    assert any(
        line.startswith(bad_rubric) and "unknown measure 'data_location'" in line for line in lines
    )


def test_file_that_is_neither_providers_nor_rubric(run: Any, write_yaml: Any) -> None:
    fails(run("validate", write_yaml("hello: world\n")), words="expected a providers file")


RUBRIC_CASES = [
    ("weight: 30", "weight: .nan", "expected a finite weight"),
    ("weight: 30", "weight: -1", "expected a finite weight"),
    ("measure: data_residency", "measure: data_location", "unknown measure 'data_location'"),
    ("      withdrawn: 0\n", "      withdrawn: 0\n      revoked: 0\n", "never yields 'revoked'"),
    ("      withdrawn: 0\n", "", "no points for withdrawn"),
    ("  - id: data_residency", "  - id: secnumcloud", "duplicate criterion id 'secnumcloud'"),
    ("{grade: E, min: 0}", "{grade: E, min: 10}", "expected a grade band starting at min 0"),
    ("{grade: B, min: 65}", "{grade: B, min: 80}", "two grade bands start at the same min"),
    ("      qualified: 100", "      qualified: 150", "expected points from 0 to 100"),
]


@pytest.mark.parametrize(("old", "new", "words"), RUBRIC_CASES)
def test_bad_rubric(run: Any, write_yaml: Any, old: str, new: str, words: str) -> None:
    text = Path(bundled_rubric()).read_text(encoding="utf-8")
    assert old in text
    path = write_yaml(text.replace(old, new, 1), "rubric.yaml")
    lines = fails(run("rank", "--rubric", path), words=words)
    assert all(line.startswith(path + ":") for line in lines)


def test_rubric_with_no_positive_weight(run: Any, write_yaml: Any) -> None:
    text = Path(bundled_rubric()).read_text(encoding="utf-8")
    text = re.sub(r"weight: \d+", "weight: 0", text)
    fails(
        run("rank", "--rubric", write_yaml(text, "rubric.yaml")),
        words="at least one criterion with a positive weight",
    )


def test_source_without_url_is_refused(run: Any, write_yaml: Any) -> None:
    source = {k: v for k, v in SOURCE.items() if k != "url"}
    text = yaml.safe_dump(providers_document(sources=[source]), sort_keys=False)
    fails(run("validate", write_yaml(text)), words="sources[0].url: required field is missing")


def test_a_value_yaml_cannot_read_does_not_hide_other_problems(run: Any, write_yaml: Any) -> None:
    text = with_line(VALID, "reviewed: 2026-01-01", "reviewed: 2025-02-30")
    text = with_line(text, "founded: 2010", "founded: soon")
    lines = fails(run("validate", write_yaml(text)))
    assert len(lines) == 2
    assert "providers[0].founded: expected a valid integer" in lines[0]
    assert "providers[0].reviewed: '2025-02-30' is not a date that exists" in lines[1]


# One edit of a valid file each: (what is replaced, by what, where the problem is, what it says).
ONE_EDIT_CASES = {
    "wrong type": (
        "founded: 2010",
        "founded: twenty-ten",
        "founded: twenty",
        "providers[0].founded: expected a valid integer; got 'twenty-ten'",
    ),
    "duplicate key": (
        "  city: Paris\n",
        "  city: Paris\n  city: Lyon\n",
        "  city: Lyon",
        "duplicate key 'city' (first written at line",
    ),
    "unquoted NO": (
        "headquarters: FR",
        "headquarters: NO",
        "headquarters: NO",
        "got NO which YAML reads as false: write 'NO' in quotes",
    ),
    "undefined source": (
        "identity_sources:\n  - src-a",
        "identity_sources:\n  - src-missing",
        "  - src-missing",
        "source 'src-missing' is not defined",
    ),
    "date that does not exist": (
        "reviewed: 2026-01-01",
        "reviewed: 2025-02-30",
        "reviewed:",
        "is not a date that exists",
    ),
    "control character": (
        "city: Paris",
        "city: Par\x1fis",
        "city: Par",
        "character U+001F is not allowed in YAML",
    ),
}


@pytest.mark.parametrize(("old", "new", "at", "words"), ONE_EDIT_CASES.values(), ids=ONE_EDIT_CASES)
def test_one_bad_edit_is_reported_where_it_is(
    run: Any, write_yaml: Any, old: str, new: str, at: str, words: str
) -> None:
    text = with_line(VALID, old, new)
    fails(run("rank", "--providers", write_yaml(text)), line=line_of(text, at), words=words)

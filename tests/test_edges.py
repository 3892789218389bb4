"""The edges of every input class: one positioned line and exit 2, or a result; never a traceback.

Classes: calendar edges, huge and tiny numbers, option bounds, text that tries to forge a line
or hide itself, data that contradicts itself, and what the help promises.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import json
import math
import pstats
import re
from typing import Any

import pytest
import yaml

from sovscore.cli.edge import terminal_style as _terminal_style
from sovscore.errors import EXIT_INTERNAL, InputError
from sovscore.escape import clean, one_line
from sovscore.load.catalogue import load_rubric, rubric_from
from sovscore.load.files import read_document
from sovscore.load.presets import bundled_rubric
from sovscore.load.problems import validate
from sovscore.model.providers_file import ProvidersFile
from sovscore.model.rubric import normalise
from sovscore.render import FORMATS
from sovscore.score.scoring import rank
from sovscore.score.sensitivity import analyse

from .conftest import SOURCE, provider, providers_document

POSITIONED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<rest>.+)$")


def _one_positioned_line(result: Any, words: str) -> str:
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert POSITIONED.match(lines[0]), lines[0]
    assert words in lines[0], lines[0]
    return lines[0]


# --- Calendar edges -------------------------------------------------------------------------

DATE_FIELDS = [
    ("reviewed", lambda d: provider(reviewed=d)),
    ("qualification event", lambda d: provider(qualifications=[_qualification(d)])),
    ("partnership since", lambda d: provider(partnerships=_partnership(since=d))),
    ("partnership until", lambda d: provider(partnerships=_partnership(until=d))),
    ("ownership as_of", lambda d: provider(ownership={**provider()["ownership"], "as_of": d})),
]


def _qualification(day: Any) -> dict[str, Any]:
    return {
        "scheme": "secnumcloud",
        "offer": "IaaS",
        "history": [{"status": "qualified", "date": day, "sources": ["src-a"]}],
    }


def _partnership(**dates: Any) -> dict[str, Any]:
    item = {"partner": "X", "country": "US", "kind": "reseller", "sources": ["src-a"], **dates}
    return {"items": [item], "sources": ["src-a"]}


@pytest.mark.parametrize("day", ["0000-01-01", "9999-12-31", "0001", "9999", "1899-12"])
@pytest.mark.parametrize(("field", "build"), DATE_FIELDS, ids=[f for f, _ in DATE_FIELDS])
def test_a_date_outside_the_years_of_facts_is_positioned(
    run: Any, write_yaml: Any, field: str, build: Any, day: str
) -> None:
    path = write_yaml(providers_document(build(day)))
    line = _one_positioned_line(run("validate", path), "a year from 1900 to 2199")
    assert line.startswith(path)


@pytest.mark.parametrize("day", ["0000-01-01", "9999-12-31"])
def test_a_source_date_outside_the_years_of_facts_is_positioned(
    run: Any, write_yaml: Any, day: str
) -> None:
    path = write_yaml(providers_document(sources=[{**SOURCE, "date": day}]))
    _one_positioned_line(run("rank", "--providers", path), "a year from 1900 to 2199")


@pytest.mark.parametrize("day", ["2199-12-31", "2199-12", "2199", "1900-01-01", "1900"])
def test_dates_at_the_ends_of_the_range_are_scored(run: Any, write_yaml: Any, day: str) -> None:
    """What validate accepts, rank scores: the last day + 3 years, + 1 day, + 12 months."""
    history = [
        {"status": "applied", "date": day, "sources": ["src-a"]},
        {"status": "qualified", "date": day, "sources": ["src-a"]},
        {"status": "expires", "date": day, "sources": ["src-a"]},
    ]
    qualifications = [{"scheme": "secnumcloud", "offer": "IaaS", "history": history}]
    data = provider(reviewed="2199-12-31", qualifications=qualifications)
    path = write_yaml(providers_document(data, sources=[{**SOURCE, "date": day}]))
    assert run("validate", path).exit_code == 0
    for as_of in ("1900-01-01", "2199-12-31", "9999-12-31", "0001-01-01"):
        for args in (["rank"], ["show", "acme"], ["sensitivity", "--samples", "5"]):
            result = run(*args, "--providers", path, "--as-of", as_of, "--json")
            assert result.exit_code == 0, (args, as_of, result.stderr)


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31"])
def test_as_of_at_the_calendar_ends_works_everywhere(run: Any, as_of: str) -> None:
    for args in (
        ["rank"],
        ["show", "ovhcloud"],
        ["compare", "numspot", "outscale"],
        ["sensitivity", "--samples", "20"],
        ["validate"],
    ):
        result = run(*args, "--as-of", as_of)
        assert result.exit_code == 0, (args, result.stderr)


@pytest.mark.parametrize("bad", ["0000-01-01", "10000-01-01", "2026-02-29", "2026-13-01"])
def test_an_as_of_that_is_no_day_is_a_usage_error(run: Any, bad: str) -> None:
    result = run("rank", "--as-of", bad)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("sovscore: --as-of:")


# --- Huge and tiny numbers ----------------------------------------------------------------


def _rubric_file(write_yaml: Any, weights: list[float]) -> str:
    with open(bundled_rubric(), encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    for criterion, weight in zip(document["criteria"], weights, strict=True):
        criterion["weight"] = weight
    return str(write_yaml(document, "rubric.yaml"))


@pytest.mark.parametrize(
    "weights",
    [
        [1e308, 1, 1, 1],
        [5e-324, 1, 1, 1],
        [5e-324, 5e-324, 5e-324, 5e-324],
        [5e-324, 0, 0, 0],
        [1e308, 5e-324, 0, 1e-300],
        [1.7976931348623157e308, 0, 0, 0],
    ],
)
def test_extreme_weights_flow_everywhere(run: Any, write_yaml: Any, weights: list[float]) -> None:
    rubric = _rubric_file(write_yaml, weights)
    for args in (
        ["rank"],
        ["compare", "numspot", "aws"],
        ["sensitivity", "--samples", "50", "--spread", "99"],
        ["show", "s3ns"],
    ):
        for fmt in FORMATS:
            result = run(*args, "--rubric", rubric, "--format", fmt)
            assert result.exit_code == 0, (args, fmt, result.stderr)


def test_weights_whose_total_overflows_are_refused_where_written(run: Any, write_yaml: Any) -> None:
    rubric = _rubric_file(write_yaml, [1e308, 1e308, 1, 1])
    _one_positioned_line(run("rank", "--rubric", rubric), "largest number")
    result = run("rank", "--weight", "secnumcloud=1e308", "--weight", "french_ownership=1e308")
    assert result.exit_code == 2 and "largest number" in result.stderr


@pytest.mark.parametrize("weight", ["5e-324", "1e308", "0", "1e-300"])
def test_extreme_weight_options(run: Any, weight: str) -> None:
    for args in (["rank"], ["sensitivity", "--samples", "50"], ["compare", "numspot", "bleu"]):
        result = run(*args, "--weight", f"secnumcloud={weight}")
        assert result.exit_code == 0, (args, result.stderr)


def test_the_subnormal_counterexample_hypothesis_found() -> None:
    """A weight of 5e-324 scaled by a factor below 0.5 rounds to 0: with every other weight 0
    the total vanished and sensitivity divided by zero (found by hypothesis, 2026-12-01)."""
    from sovscore.load.catalogue import load_catalogue

    rubric = load_rubric()
    criteria = [
        c.model_copy(update={"weight": w})
        for c, w in zip(rubric.criteria, [5e-324, 0.0, 0.0, 0.0], strict=True)
    ]
    tiny = rubric.model_copy(update={"criteria": criteria})
    ranking = rank(load_catalogue().providers.values(), tiny, dt.date(2025, 6, 1))
    result = analyse(ranking, samples=300, spread=0.9, seed=3)
    assert len(result.providers) == len(ranking.results)
    assert [p.base_rank for p in result.providers] == [r.rank for r in ranking.results]


@pytest.mark.parametrize("exponent", [-1074, -1000, -3, 0, 7, 900])
def test_scaling_every_weight_by_a_power_of_two_changes_nothing(exponent: int) -> None:
    """Exactly: the same shares, scores, ranks and sampled probabilities, bit for bit."""
    from sovscore.load.catalogue import load_catalogue

    rubric = load_rubric()
    providers = list(load_catalogue().providers.values())
    day = dt.date(2026, 12, 1)
    scaled = rubric.model_copy(
        update={
            "criteria": [
                c.model_copy(update={"weight": math.ldexp(max(c.weight, 1.0), exponent)})
                for c in rubric.criteria
            ]
        }
    )
    base = rubric.model_copy(
        update={
            "criteria": [
                c.model_copy(update={"weight": max(c.weight, 1.0)}) for c in rubric.criteria
            ]
        }
    )
    assert normalise([c.weight for c in base.criteria]) == normalise(
        [c.weight for c in scaled.criteria]
    )
    first, second = rank(providers, base, day), rank(providers, scaled, day)
    assert [(r.provider.id, r.rank, r.score) for r in first.results] == [
        (r.provider.id, r.rank, r.score) for r in second.results
    ]
    a, b = analyse(first, samples=200, seed=1), analyse(second, samples=200, seed=1)
    assert a.providers == b.providers
    assert [(p.upper, p.lower, p.change) for p in a.pairs] == [
        (p.upper, p.lower, p.change) for p in b.pairs
    ]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["rank", "--fail-under", "nan"], "--fail-under"),
        (["rank", "--fail-under", "inf"], "--fail-under"),
        (["rank", "--fail-under", "-inf"], "--fail-under"),
        (["rank", "--top", "0"], "--top"),
        (["rank", "--top", "-1"], "--top"),
        (["sensitivity", "--samples", "0"], "--samples"),
        (["sensitivity", "--samples", "1000001"], "--samples"),
        (["sensitivity", "--spread", "-1"], "--spread"),
        (["sensitivity", "--spread", "100"], "--spread"),
        (["sensitivity", "--spread", "nan"], "--spread"),
        (["sensitivity", "--seed", "x"], "--seed"),
        (["rank", "--weight", "secnumcloud=nan"], "--weight"),
        (["rank", "--weight", "secnumcloud=-1"], "--weight"),
        (["rank", "--weight", "secnumcloud=1e400"], "--weight"),
    ],
)
def test_options_past_their_bounds_are_usage_errors(run: Any, args: list[str], words: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.stdout
    assert result.stdout == "" and words in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["rank", "--fail-under", "-5"],
        ["rank", "--fail-under", "0"],
        ["rank", "--top", "1"],
        ["rank", "--top", str(10**30)],
        ["sensitivity", "--samples", "1"],
        ["sensitivity", "--spread", "0", "--samples", "10"],
        ["sensitivity", "--spread", "99", "--samples", "10"],
        ["sensitivity", "--seed", "-1", "--samples", "10"],
        ["sensitivity", "--seed", str(2**200), "--samples", "10"],
    ],
)
def test_options_at_their_bounds_work(run: Any, args: list[str]) -> None:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    json.loads(result.stdout)


def test_fail_under_above_every_score_fails_every_provider(run: Any) -> None:
    result = run("rank", "--fail-under", "100.01", "--json", "--top", "2")
    assert result.exit_code == 1 and "below 100.01" in result.stderr


# --- Environment ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1e300", "1e15", "0.001", str(2**64)])
def test_file_size_limits_at_extreme_values(run: Any, value: str) -> None:
    """A huge limit is not allocated up front (the file is read in chunks)."""
    result = run("rank", "--json", env={"SOVSCORE_MAX_FILE_MB": value})
    if float(value) < 1:
        assert result.exit_code == 2 and "MiB limit" in result.stderr
    else:
        assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "1e400", "many", ""])
def test_file_size_limits_that_are_no_size(run: Any, value: str) -> None:
    result = run("rank", env={"SOVSCORE_MAX_FILE_MB": value})
    if value == "":
        assert result.exit_code == 0
    else:
        assert result.exit_code == 2 and "SOVSCORE_MAX_FILE_MB" in result.stderr


class _Terminal:
    """A stand-in stdout: a terminal of some encoding."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("columns", "width"), [("1", 20), ("5", 20), ("100", 100), ("100000000000", 1000)]
)
def test_widths_are_kept_within_what_a_table_can_be_drawn_at(
    monkeypatch: pytest.MonkeyPatch, columns: str, width: int
) -> None:
    monkeypatch.setattr("sys.stdout", _Terminal("utf-8"))
    monkeypatch.setenv("COLUMNS", columns)
    assert _terminal_style(False, None).width == width


def test_term_dumb_and_no_color_draw_no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdout", _Terminal("utf-8"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert _terminal_style(False, None).color
    monkeypatch.setenv("TERM", "dumb")
    assert not _terminal_style(False, None).color
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not _terminal_style(False, None).color


@pytest.mark.parametrize("encoding", ["latin-1", "ascii", "cp1252"])
def test_a_terminal_that_cannot_show_box_lines_gets_ascii(
    monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    from sovscore.render import renderer_for

    monkeypatch.setattr("sys.stdout", _Terminal(encoding))
    style = _terminal_style(True, None)
    assert style.ascii
    from sovscore.load.catalogue import load_catalogue

    ranking = rank(load_catalogue().providers.values(), load_rubric(), dt.date(2026, 12, 1))
    text = renderer_for("table", style).ranking(ranking)
    assert "Amazon" in text
    assert text.isascii() or encoding != "ascii"
    text.encode(encoding, "strict") if encoding == "ascii" else None
    assert not set("█━─→≥…") & set(text)


@pytest.mark.parametrize("width", [20, 21, 33, 80, 1000])
def test_every_table_draws_at_any_width(run: Any, width: int) -> None:
    from sovscore.cli.edge import MIN_WIDTH

    assert width >= MIN_WIDTH
    for args in (["rank"], ["show", "t-systems"], ["compare", "numspot", "bleu", "s3ns"]):
        result = run(*args, env={"COLUMNS": str(width)})
        assert result.exit_code == 0, (args, result.stderr)


# --- Escapes, markup and forged lines in every echo -----------------------------------------

BIDI = "\u202e\u2066\u2069\u202a"
HOSTILE = "evil\n./x.yaml:1:1: forged\x1b[31m" + BIDI + "\u2028end"


def test_clean_and_one_line_escape_controls_bidi_and_separators() -> None:
    assert clean("a\nb") == "a\nb"
    assert "\n" not in one_line("a\nb") and one_line("a\nb") == "a\\nb"
    shown = one_line(HOSTILE)
    assert shown.isprintable() and "\\u202e" in shown and "\\x1b" in shown
    assert "\\u2028" in shown and "\\u2066" in shown
    assert len(one_line("k" * 10_000, 60)) == 60


def test_a_newline_in_a_key_cannot_forge_a_line(run: Any, write_yaml: Any) -> None:
    data = provider()
    data[HOSTILE] = 1
    path = write_yaml(providers_document(data))
    line = _one_positioned_line(run("validate", path), "unknown field")
    assert "forged\\x1b" in line and "\\u202e" in line


def test_a_long_key_is_cut_in_messages(run: Any, write_yaml: Any) -> None:
    data = provider()
    data["k" * 100_000] = 1
    path = write_yaml(providers_document(data))
    line = _one_positioned_line(run("validate", path), "unknown field")
    assert len(line) < 2_000


def test_a_newline_in_a_file_name_cannot_forge_a_line(run: Any, write_yaml: Any) -> None:
    path = write_yaml("schema_version: 1\nproviders: [}\n", name="a\nb.yaml:1:1: forged.yaml")
    result = run("validate", path)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "a\\nb.yaml" in lines[0]
    missing = run("rank", "--providers", "nowhere\n:1:1: forged")
    assert missing.exit_code == 2 and len(missing.stderr.strip().splitlines()) == 1


def _hostile_rubric(write_yaml: Any) -> str:
    with open(bundled_rubric(), encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    document["title"] = HOSTILE
    document["version"] = "1\x1b[2J" + BIDI
    document["description"] = HOSTILE
    for band in document["grades"]:
        band["grade"] = band["grade"] + "\x1b[5m" + BIDI
    for criterion in document["criteria"]:
        criterion["label"] = criterion["label"] + HOSTILE
        criterion["rationale"] = HOSTILE
        criterion["description"] = HOSTILE
    return str(write_yaml(document, "hostile-rubric.yaml"))


HOSTILE_NAME = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) " + HOSTILE


def test_rubric_texts_and_names_are_inert_in_every_human_format(run: Any, write_yaml: Any) -> None:
    rubric = _hostile_rubric(write_yaml)
    data = [
        provider(id="acme", name=HOSTILE_NAME, aliases=[]),
        provider(id="other", name="Other " + BIDI, aliases=[], qualifications=[]),
    ]
    path = write_yaml(providers_document(*data))
    for args in (
        ["rank"],
        ["show", "acme"],
        ["sources", "acme"],
        ["compare", "acme", "other"],
        ["sensitivity", "--samples", "30"],
        ["rubric"],
        ["rubrics"],
    ):
        with_rubric = [] if args[0] in ("sources", "rubrics") else ["--rubric", rubric]
        with_data = [] if args[0] in ("rubric", "rubrics") else ["--providers", path]
        for fmt in ("table", "markdown"):
            result = run(*args, *with_rubric, *with_data, "--format", fmt, "--no-color")
            assert result.exit_code == 0, (args, fmt, result.stderr)
            out = result.stdout
            assert "\x1b" not in out and not set(BIDI + "\u2028") & set(out), (args, fmt)
            if fmt == "markdown":
                assert "<img" not in out and " [x](javascript:" not in out, args


def test_markdown_shows_html_and_links_as_text(run: Any, write_yaml: Any) -> None:
    path = write_yaml(providers_document(provider(name=HOSTILE_NAME, aliases=[])))
    out = run("show", "acme", "--providers", path, "--format", "markdown").stdout
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "\\[x\\](javascript:alert(1))" in out


def test_completion_never_offers_what_the_shell_cannot_take_as_one_word(
    write_yaml: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sovscore.cli.options import complete_providers as _complete_providers

    path = write_yaml(
        providers_document(provider(aliases=["acme\nrm -rf", "acme\x1b[2J", "acme two", "acmeok"]))
    )

    class Context:
        def __init__(self) -> None:
            self.params = {"providers": [path]}

    assert _complete_providers(Context(), "acme") == ["acme", "acme/iaas", "acmeok"]  # type: ignore[arg-type]


# --- Data that contradicts itself -----------------------------------------------------------


def _holders(*holders: dict[str, Any]) -> dict[str, Any]:
    return {
        **provider()["ownership"],
        "holders": [{"name": f"h{i}", "country": "FR", **h} for i, h in enumerate(holders)],
    }


@pytest.mark.parametrize(
    ("holders", "words"),
    [
        (
            [{"capital": None, "capital_min": 60}, {"capital": None, "capital_min": 50}],
            "at least 110",
        ),
        ([{"capital": 70}, {"capital": None, "capital_min": 40}], "at least 110"),
        ([{"capital": 30, "capital_min": 50}], "more than the holder's capital"),
        ([{"capital": 50, "voting": 60}, {"capital": 50, "voting": 60}], "voting shares add up"),
    ],
)
def test_shares_that_contradict_each_other(
    run: Any, write_yaml: Any, holders: list[dict[str, Any]], words: str
) -> None:
    path = write_yaml(providers_document(provider(ownership=_holders(*holders))))
    _one_positioned_line(run("validate", path), words)


def test_an_expiry_before_its_grant_is_refused(run: Any, write_yaml: Any) -> None:
    history = [
        {"status": "qualified", "date": "2024-06-01", "sources": ["src-a"]},
        {"status": "expires", "date": "2023-06-01", "sources": ["src-a"]},
    ]
    data = provider(qualifications=[{"scheme": "secnumcloud", "offer": "X", "history": history}])
    path = write_yaml(providers_document(data))
    line = _one_positioned_line(run("validate", path), "before the offer was first qualified")
    assert "history[1].date" in line


def test_rubric_keys_that_collide_once_read_as_text(run: Any, write_yaml: Any) -> None:
    with open(bundled_rubric("secnumcloud-19.6"), encoding="utf-8") as handle:
        text = handle.read()
    flow = 'table: {"true": 100, "false": 0}'
    assert flow in text
    path = write_yaml(text.replace(flow, 'table: {"true": 100, true: 50, "false": 0}', 1), "r.yaml")
    _one_positioned_line(run("rank", "--rubric", path), "two keys name the value 'true'")


def test_fields_named_twice_are_refused(run: Any) -> None:
    for fmt in ("json", "ndjson", "csv"):
        result = run("rank", "--format", fmt, "--fields", "id,score,id")
        assert result.exit_code == 2 and "'id' named twice" in result.stderr


# --- Time and memory ------------------------------------------------------------------------


def _calls_to_validate(count: int, write_yaml: Any) -> int:
    bad = [
        {**provider(id=f"p{i}", name=f"P {i}", aliases=[]), "headquarters": "XX", "bogus": 1}
        for i in range(count)
    ]
    path = write_yaml(providers_document(*bad), f"errors-{count}.yaml")
    profile = cProfile.Profile()
    profile.enable()
    try:
        document = read_document(path)
        _, problems = validate(document, ProvidersFile)
        assert len(problems) == 2 * count
        for problem in problems:
            str(problem)
    finally:
        profile.disable()
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined,no-any-return]


def test_validating_n_errors_costs_about_n_log_n(write_yaml: Any) -> None:
    """Counted in function calls, not seconds: the same on any machine. Checking each error
    against every refused value (the old way) made 4x the errors cost 16x."""
    small, large = _calls_to_validate(100, write_yaml), _calls_to_validate(400, write_yaml)
    allowance = 4 * math.log(400) / math.log(100)  # N log N from 100 to 400
    assert large / small < 1.25 * allowance, (small, large)


def test_a_rubric_problem_is_one_line(write_yaml: Any) -> None:
    path = write_yaml("schema_version: 1\nid: x\n", "rubric.yaml")
    with pytest.raises(InputError):
        rubric_from(read_document(path))


# --- What the help and messages promise -------------------------------------------------------


def test_the_providers_help_says_what_a_second_file_does(run: Any) -> None:
    text = " ".join(run("rank", "--help").stdout.split())
    assert "defined in two files is an error" in text
    assert "replaces" not in text


def test_eligible_only_with_no_one_left_does_not_blame_the_gates(run: Any) -> None:
    result = run("rank", "--eligible-only", "--rubric", "secnumcloud-19.6", "--as-of", "2020-01-01")
    assert result.exit_code == 0
    assert "has no gates" not in result.stderr
    assert "no provider is shown eligible" in result.stderr
    assert run("rank", "--eligible-only").exit_code == 2  # the default rubric has no gates


def test_an_unknown_field_is_an_error_even_with_no_provider_listed(run: Any) -> None:
    for fmt in ("json", "ndjson", "csv"):
        result = run(
            "rank",
            "--eligible-only",
            "--rubric",
            "secnumcloud-19.6",
            "--as-of",
            "2020-01-01",
            "--format",
            fmt,
            "--fields",
            "id,bogus",
        )
        assert result.exit_code == 2 and "unknown field 'bogus'" in result.stderr, fmt


def test_an_internal_error_is_one_line_and_its_own_exit_code(
    run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sovscore.render.json import JsonRenderer

    def broken(self: Any, ranking: Any) -> str:
        raise TypeError("expected string or bytes-like object, got 'int'")

    monkeypatch.setattr(JsonRenderer, "ranking", broken)
    result = run("rank", "--json")
    assert result.exit_code == EXIT_INTERNAL != 1
    assert EXIT_INTERNAL != 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sovscore: internal error: TypeError")
    assert "please report it" in lines[0] and result.stdout == ""
    debug = run("rank", "--json", env={"SOVSCORE_DEBUG": "1"})
    assert debug.exit_code == EXIT_INTERNAL
    assert "Traceback (most recent call last)" in debug.stderr

"""At home in the terminal: widths, colour, and what the environment says about them."""

from __future__ import annotations

from typing import Any

import pytest
from rich.cells import cell_len

from sovscore.cli.edge import output_width, wants_color

AS_OF = "2026-12-01"


@pytest.mark.parametrize(
    ("env", "tty", "flags", "expected"),
    [
        ({}, True, {}, True),
        ({}, False, {}, False),
        ({"NO_COLOR": "1"}, True, {}, False),
        ({"FORCE_COLOR": "1"}, False, {}, True),
        ({"FORCE_COLOR": "0"}, False, {}, False),
        ({"CLICOLOR_FORCE": "1"}, False, {}, True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, {}, False),
        ({"TERM": "dumb"}, True, {}, False),
        ({}, False, {"color": "always"}, True),
        ({"NO_COLOR": "1"}, False, {"color": "always"}, True),
        ({"FORCE_COLOR": "1"}, True, {"color": "never"}, False),
        ({"FORCE_COLOR": "1"}, True, {"no_color": True}, False),
    ],
)
def test_colour_follows_the_flags_then_the_environment_then_the_terminal(
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    tty: bool,
    flags: dict[str, Any],
    expected: bool,
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert wants_color(tty, **flags) is expected


def test_a_pipe_is_80_columns_unless_columns_or_width_say(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert output_width(False) == 80
    monkeypatch.setenv("COLUMNS", "132")
    assert output_width(False) == 132
    assert output_width(False, 100) == 100
    monkeypatch.setenv("COLUMNS", "wide")
    assert output_width(False) == 80


def test_force_color_colours_a_pipe_and_no_color_wins_over_it(run: Any) -> None:
    coloured = run("rank", "--as-of", AS_OF, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in coloured.stdout
    plain = run("rank", "--as-of", AS_OF, "--no-color", env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in plain.stdout
    assert "\x1b[" in run("rank", "--as-of", AS_OF, "--color", "always").stdout
    assert "\x1b[" not in run("rank", "--as-of", AS_OF).stdout


def _widest(text: str) -> int:
    """The widest line that is more than one word (a URL alone on its line may be wider)."""
    return max(cell_len(line.rstrip()) for line in text.splitlines() if len(line.split()) > 1)


@pytest.mark.parametrize("width", [80, 120, 200])
def test_tables_fit_the_width_with_whole_headers(run: Any, width: int) -> None:
    for args in (
        ["rank"],
        ["rank", "--offers", "--rubric", "secnumcloud-19.6"],
        ["show", "t-systems"],
        ["compare", "numspot", "bleu", "s3ns"],
        ["offers"],
    ):
        result = run(*args, "--as-of", AS_OF, "--width", str(width))
        assert result.exit_code == 0, result.stderr
        assert _widest(result.stdout) <= width, args
        assert "…" not in result.stdout, args


def test_rank_at_80_columns_shows_every_criterion(run: Any) -> None:
    result = run("rank", "--as-of", AS_OF, env={"COLUMNS": "80"})
    header = next(line for line in result.stdout.splitlines() if "Provider" in line)
    for short in ("FR own.", "US", "SNC", "Resid."):
        assert short in header


def test_wrapped_lines_hang_and_never_break_a_source_id(run: Any) -> None:
    text = run("show", "t-systems", "--as-of", AS_OF, "--width", "80").stdout
    lines = text.splitlines()
    url = next(line for line in lines if "https://www.networkworld.com/" in line)
    assert url.split() == [url.strip()] and url.startswith("      ")  # whole, hanging
    assert any(line.strip() == "networkworld-2006-03-tsystems-gedas" for line in lines)
    assert any(line.strip() == "Deutsche Telekom AG" for line in lines)  # a hanging indent


def test_long_output_on_a_terminal_goes_through_the_pager(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    import shlex
    import sys

    from sovscore.cli import edge

    paged = tmp_path / "paged.txt"
    script = f"import sys; open({str(paged)!r}, 'wb').write(sys.stdin.buffer.read())"
    monkeypatch.setenv("SOVSCORE_PAGER", f"{shlex.quote(sys.executable)} -c {shlex.quote(script)}")
    monkeypatch.setenv("LINES", "5")
    text = "".join(f"line {n}\n" for n in range(20))
    monkeypatch.setattr(edge, "stdout_is_terminal", lambda: False)
    edge.page(text, data=False)  # a pipe: no pager
    assert not paged.exists() and capsys.readouterr().out == text
    monkeypatch.setattr(edge, "stdout_is_terminal", lambda: True)
    edge.page(text, data=False, pager=False)  # --no-pager
    assert not paged.exists() and capsys.readouterr().out == text
    edge.page("short\n", data=False)  # fits the screen
    assert not paged.exists()
    capsys.readouterr()
    edge.page(text, data=False)
    assert paged.read_text() == text and capsys.readouterr().out == ""
    monkeypatch.setenv("SOVSCORE_PAGER", "")
    edge.page(text, data=False)  # an empty SOVSCORE_PAGER turns it off
    assert capsys.readouterr().out == text


@pytest.mark.parametrize(
    ("word", "plain"),
    [
        ("numspot", True),
        ("outscale/iaas-cloudgouv", True),
        ("AT&T", False),
        ("O'Neil", False),
        ("a$b", False),
        ("a;rm", False),
        ("(x)", False),
        ("x*", False),
        ("#tag", False),
        ("~home", False),
        ("two words", False),
    ],
)
def test_completion_offers_only_words_the_shell_reads_as_one(word: str, plain: bool) -> None:
    from sovscore.escape import is_plain_word

    assert is_plain_word(word) is plain


def test_completion_leaves_out_aliases_with_shell_syntax(
    write_yaml: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sovscore.cli.options import complete_providers

    from .conftest import provider, providers_document

    path = write_yaml(providers_document(provider(aliases=["acme&co", "acme's", "acme-eu"])))

    class Context:
        def __init__(self) -> None:
            self.params = {"providers": [path]}

    assert complete_providers(Context(), "acme") == ["acme", "acme-eu", "acme/iaas"]  # type: ignore[arg-type]


def test_field_names_complete_after_the_commas_typed() -> None:
    from sovscore.cli.options import complete_fields

    assert complete_fields("id,sc") == ["id,score"]
    assert "eligibility" in complete_fields("elig")

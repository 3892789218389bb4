"""Every command x every bundled provider x every preset x every format: exit 0, no traceback.

The matrix is derived, not listed: the commands come from the typer app, the formats from the
renderer registry, the presets from the bundled rubrics and the providers from the bundled data.
A new command, format, preset or provider joins it by construction; a new kind of argument fails
`test_every_argument_has_values` until the matrix knows what to pass it.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from sovscore.cli.commands import app
from sovscore.load import catalogue as loading
from sovscore.load.presets import preset_names
from sovscore.render import FORMATS
from sovscore.render.schemas import SCHEMA_KINDS
from sovscore.score import scoring

AS_OF = "2026-12-01"
PRESETS = preset_names()
PROVIDERS = sorted(loading.load_catalogue().providers)
OFFERS = sorted(
    f"{p.id}/{o.id}" for p in loading.load_catalogue().providers.values() for o in p.offers
)
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]

VALUES: dict[str, list[list[str]]] = {
    # argument or option name -> the argument lists to try for it
    "name": [[p] for p in PROVIDERS + OFFERS],
    "names": [PROVIDERS, OFFERS],  # every provider in one comparison, every offer in another
    "by_offer": [[], ["--offers"]],
    "rubric": [["--rubric", r] for r in PRESETS],
    "fmt": [["--format", f] for f in FORMATS],
    "kind": [[k] for k in SCHEMA_KINDS],
    # new: each kind with an id, written to standard output (never a file in the working folder)
    "what": [
        [kind, ident, "-o", "-"]
        for kind, ident in (("provider", "acme"), ("offer", "ovhcloud/extra"), ("rubric", "mine"))
    ],
    "ident": [[]],
    "as_of": [["--as-of", AS_OF]],
    # sensitivity: what is drawn does not depend on how many weight sets were tried
    "samples": [["--samples", "200"]],
    # diff: from the article's day to AS_OF (with --as-of), and from the day before AS_OF.
    "since": [["--since", "2022-11-01"], ["--since", "2026-11-30"]],
}
EXIT_ON_CHANGE = {"diff"}
"""Commands whose exit code 1 says what they found (diff: a change), not a failure."""
"""Only parameters whose values change what is drawn; the others keep their defaults."""


def invocations(name: str, preset: str | None) -> Iterator[list[str]]:
    """Every argument list for one command (and one preset, if it takes --rubric)."""
    command = COMMANDS[name]
    axes = []
    for param in command.params:
        if param.name == "rubric":
            axes.append([["--rubric", preset]])
        elif param.name in VALUES:
            axes.append(VALUES[param.name])
    for combination in itertools.product(*axes):
        yield [name, *itertools.chain.from_iterable(combination)]


def _takes_rubric(name: str) -> bool:
    return any(p.name == "rubric" for p in COMMANDS[name].params)


CELLS = [
    (name, preset)
    for name in sorted(COMMANDS)
    for preset in (PRESETS if _takes_rubric(name) else [None])
]
"""One test per command and preset, so that the matrix spreads over the test workers."""


def test_every_argument_has_values() -> None:
    """A command argument the matrix cannot fill would leave a command out of it."""
    for name, command in COMMANDS.items():
        for param in command.params:
            required = getattr(param, "required", False)
            assert not required or param.name in VALUES, (name, param.name)


@pytest.fixture(scope="module")
def runner() -> Iterator[CliRunner]:
    """The same bundled data and presets for every run: read and validated once, so that the
    matrix tests what is drawn (loading has tests of its own)."""
    patch = pytest.MonkeyPatch()
    original_catalogue, original_rubric = loading.load_catalogue, loading.load_rubric

    @functools.cache
    def bundled(paths: tuple[str, ...] | None) -> loading.Catalogue:
        return original_catalogue(list(paths) if paths else None)

    patch.setattr(loading, "load_catalogue", lambda paths=None: bundled(tuple(paths or ())))
    patch.setattr(loading, "load_rubric", functools.cache(original_rubric))
    # Scores too: the same facts, rubric and day give the same ranking (scoring has its own tests).
    original_rank = scoring.rank
    rankings: dict[tuple[object, ...], scoring.Ranking] = {}

    def ranked(providers: Any, rubric: Any, as_of: Any, min_seal: Any = None, **kw: Any) -> Any:
        listed = tuple(providers)
        weights = tuple(c.weight for c in rubric.criteria)
        key = (
            tuple(p.id for p in listed),
            rubric.id,
            weights,
            as_of,
            min_seal,
            # The sources are the bundled ones (one catalogue): named by identity.
            *sorted((k, id(v) if k == "sources" else v) for k, v in kw.items()),
        )
        if key not in rankings:
            rankings[key] = original_rank(listed, rubric, as_of, min_seal, **kw)
        return rankings[key]

    patch.setattr(scoring, "rank", ranked)
    yield CliRunner()
    patch.undo()


def _check_output(args: list[str], fmt: str, out: str, err: str) -> None:
    assert (out if args[0] != "validate" else err).strip(), args  # validate only reports
    if fmt == "json" or args[0] == "schema":
        json.loads(out)
    elif fmt == "ndjson":
        for line in out.splitlines():
            json.loads(line)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len({len(row) for row in rows}) == 1, args  # every row matches the header
    elif fmt == "xlsx":
        assert out.startswith("PK"), args  # a workbook is a zip (tests/test_spreadsheets.py)


@pytest.mark.parametrize(("name", "preset"), CELLS, ids=[f"{n}-{p or 'any'}" for n, p in CELLS])
def test_every_command_provider_preset_and_format(
    runner: CliRunner, name: str, preset: str | None
) -> None:
    failures = []
    count = 0
    for args in invocations(name, preset):
        count += 1
        result = runner.invoke(app, args, catch_exceptions=True)
        fmt = args[args.index("--format") + 1] if "--format" in args else ""
        problem = None
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            problem = f"raised {result.exception!r}"
        elif result.exit_code != 0 and not (name in EXIT_ON_CHANGE and result.exit_code == 1):
            problem = f"exit {result.exit_code}: {result.stderr.strip()[:300]}"
        elif "Traceback" in result.stdout + result.stderr:
            problem = "printed a traceback"
        else:
            try:
                _check_output(args, fmt, result.stdout, result.stderr)
            except (AssertionError, ValueError) as exc:
                problem = f"output: {exc!r}"
        if problem:
            failures.append(f"sovscore {' '.join(args)}: {problem}")
    assert count >= 1
    assert not failures, f"{len(failures)} of {count} runs failed:\n" + "\n".join(failures[:20])


def test_the_matrix_covers_every_provider_preset_and_format() -> None:
    runs = [args for cell in CELLS for args in invocations(*cell)]
    shown = {
        (a[1], a[a.index("--rubric") + 1], a[a.index("--format") + 1])
        for a in runs
        if a[0] == "show"
    }
    assert shown == set(itertools.product(PROVIDERS + OFFERS, PRESETS, FORMATS))
    compared = {tuple(a[1 : a.index("--rubric")]) for a in runs if a[0] == "compare"}
    assert compared == {tuple(PROVIDERS), tuple(OFFERS)}
    assert {"--offers" in a for a in runs if a[0] == "rank"} == {True, False}
    assert {a[0] for a in runs} == set(COMMANDS)


def _types(value: Any, path: str, seen: dict[str, set[str]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _types(item, f"{path}.{key}", seen)
    elif isinstance(value, list):
        for item in value:
            _types(item, f"{path}[]", seen)
    elif value is not None:
        seen[path].add(type(value).__name__)


@pytest.mark.parametrize("preset", PRESETS)
def test_one_type_per_field_and_numbers_rounded(runner: CliRunner, preset: str) -> None:
    """The same field has the same JSON type in every provider (`0.0`, never `0` here and
    `100.0` there), and numbers are rounded as the README says."""
    result = runner.invoke(app, ["rank", "--json", "--rubric", preset, "--as-of", AS_OF])
    document = json.loads(result.stdout)
    seen: dict[str, set[str]] = defaultdict(set)
    values: dict[str, set[str]] = defaultdict(set)
    for entry in document["providers"]:
        for criterion in entry["criteria"]:
            if criterion["value"] is not None:  # one measure, one type of value
                values[criterion["id"]].add(type(criterion["value"]).__name__)
            criterion.pop("value")
        _types(entry, "provider", seen)
    mixed = {path: kinds for path, kinds in {**seen, **values}.items() if len(kinds) > 1}
    assert not mixed
    for entry in document["providers"]:
        assert isinstance(entry["score"], float) and entry["score"] == round(entry["score"], 1)
        for criterion in entry["criteria"]:
            assert criterion["contribution"] == round(criterion["contribution"], 2)
            assert criterion["points"] is None or isinstance(criterion["points"], float)
    numbers = [v for v in _numbers(document) if isinstance(v, float)]
    assert all(len(repr(v).split(".")[-1]) <= 6 for v in numbers), max(numbers, key=repr)


def _numbers(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from _numbers(item)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield value

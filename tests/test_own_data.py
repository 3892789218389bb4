"""Your data beside ours: files added to the bundled data, overrides that correct it, citations
of its sources, skeletons that validate, and every problem of a file in one run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from sovscore.load.presets import bundled_providers

from .conftest import provider

README = Path(__file__).resolve().parent.parent / "README.md"
RENEWAL = (
    README.read_text(encoding="utf-8")
    .split("<!-- example: overrides -->\n```yaml\n", 1)[1]
    .split("```", 1)[0]
)
"""The README's override example, run as written."""


def _write(tmp_path: Path, name: str, text: str | dict[str, Any]) -> str:
    path = tmp_path / name
    path.write_text(text if isinstance(text, str) else yaml.safe_dump(text), encoding="utf-8")
    return str(path)


def _status(run: Any, *args: str) -> tuple[str, str]:
    document = json.loads(run("offers", "--provider", "ovhcloud", "--json", *args).stdout)
    offer = next(o for o in document["offers"] if o["id"] == "ovhcloud/hosted-private-cloud")
    return offer["qualifications"][0]["status"], offer["qualifications"][0]["valid_until"]


def test_a_consultants_file_ranks_beside_the_bundled_data(run: Any, tmp_path: Path) -> None:
    mine = {"schema_version": 2, **_one("acme-cloud")}
    path = _write(tmp_path, "client-providers.yaml", mine)
    bundled = json.loads(run("rank", "--json").stdout)["providers"]
    both = json.loads(run("rank", "--json", "--providers", "@bundled", "--providers", path).stdout)
    ids = [p["id"] for p in both["providers"]]
    assert "acme-cloud" in ids and len(ids) == len(bundled) + 1
    assert "numspot" in ids
    # Alone, the file replaces the bundled data, as before.
    alone = json.loads(run("rank", "--json", "--providers", path).stdout)["providers"]
    assert [p["id"] for p in alone] == ["acme-cloud"]


def test_sovscore_providers_names_the_default_files(run: Any, tmp_path: Path) -> None:
    path = _write(tmp_path, "client-providers.yaml", {"schema_version": 2, **_one("acme-cloud")})
    env = {"SOVSCORE_PROVIDERS": f"@bundled:{path}"}
    ids = [p["id"] for p in json.loads(run("rank", "--json", env=env).stdout)["providers"]]
    assert "acme-cloud" in ids and "numspot" in ids
    # --providers wins over the variable.
    only = run("rank", "--json", "--providers", "@bundled", env=env).stdout
    assert "acme-cloud" not in only


def test_an_override_adds_a_renewal_and_says_where_it_came_from(run: Any, tmp_path: Path) -> None:
    fixes = _write(tmp_path, "my-overrides.yaml", RENEWAL)
    day = ["--as-of", "2027-01-15"]
    assert _status(run, *day) == ("unverified", "2026-12-29")
    with_fix = ["--providers", "@bundled", "--providers", fixes]
    assert _status(run, *day, *with_fix) == ("qualified", "2029-12-18")
    shown = run("show", "ovhcloud/hosted-private-cloud", *with_fix, "--no-color").stdout
    flat = " ".join(shown.split())
    assert (
        "Overridden by: " in flat and "my-overrides.yaml:7: ovhcloud/hosted-private-cloud" in flat
    )
    assert (
        "qualifications (added)" in flat and "my-overrides.yaml:3: ovhcloud reviewed (set)" in flat
    )
    detail = json.loads(run("show", "ovhcloud", *with_fix, "--json").stdout)
    assert len(detail["overridden_by"]) == 2
    report = run("report", "ovhcloud", *with_fix).stdout
    assert "my-overrides.yaml:7: ovhcloud/hosted-private-cloud" in report
    # The bundled data itself is unchanged.
    assert json.loads(run("show", "ovhcloud", "--json").stdout)["overridden_by"] == []


def test_overrides_that_name_nothing_or_conflict_are_positioned_errors(
    run: Any, tmp_path: Path
) -> None:
    bad = _write(
        tmp_path,
        "bad.yaml",
        """\
schema_version: 2
overrides:
  - provider: ovhclod
    set: {notes: typo}
  - offer: ovhcloud/nothing
    set: {notes: x}
  - provider: numspot
    set: {notes: first}
  - provider: numspot
    set: {notes: second}
  - provider: s3ns
    set: {headquaters: FR}
  - provider: s3ns
""",
    )
    result = run("validate", "@bundled", bad)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert any(
        "bad.yaml:3:15: overrides[0].provider: 'ovhclod' names no provider read; did you mean "
        "'ovhcloud'?" in line
        for line in lines
    ), lines
    assert any(
        "bad.yaml:5:12: overrides[1].offer: 'ovhcloud/nothing' names no offer" in x for x in lines
    )
    assert any(
        "bad.yaml:10:11: overrides[3].set.notes: conflicts with the override at " in line
        and "bad.yaml:7" in line
        for line in lines
    ), lines
    assert any(
        "overrides[4].set.headquaters: unknown field" in x and "did you mean 'headquarters'" in x
        for x in lines
    ), lines
    assert any("overrides[5]: expected `set:` or `add:`" in x for x in lines), lines
    assert "Traceback" not in result.stderr


def test_an_override_that_breaks_the_provider_is_refused(run: Any, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "bad.yaml",
        """\
schema_version: 2
overrides:
  - offer: ovhcloud/bare-metal-pod
    set:
      service_models: []
      runs_on: ovhcloud/bare-metal-pod
""",
    )
    result = run("validate", "@bundled", path)
    assert result.exit_code == 2
    assert "overrides[0].set.service_models: " in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_citing_bundled_sources_says_where_they_are(run: Any, tmp_path: Path) -> None:
    mine = _one("acme-cloud")
    mine["providers"][0]["identity_sources"] = ["anssi-catalogue-2026-09-15"]
    path = _write(tmp_path, "client-providers.yaml", {"schema_version": 2, **mine})
    alone = run("validate", path)
    assert alone.exit_code == 2
    assert "'anssi-catalogue-2026-09-15' is not defined here; the bundled data defines it" in (
        alone.stderr
    )
    assert "sovscore validate @bundled FILE" in alone.stderr
    assert run("validate", "@bundled", path).exit_code == 0
    assert run("rank", "--providers", "@bundled", "--providers", path).exit_code == 0


def test_every_problem_of_a_file_in_one_run(run: Any, tmp_path: Path) -> None:
    """A field error, an undefined source, a name another file uses and a mistyped case:
    one run reports them all."""
    first = _write(tmp_path, "a.yaml", {"schema_version": 2, **_one("acme-cloud")})
    second = _one("other-cloud")
    broken = second["providers"][0]
    broken["headquarters"] = "France"
    broken["offers"][0]["service_models"] = ["IaaS"]
    good = _one("acme-cloud")["providers"][0]
    good["identity_sources"] = ["nowhere"]
    second["providers"].append(good)
    path = _write(tmp_path, "b.yaml", {"schema_version": 2, **second})
    result = run("validate", first, path)
    assert result.exit_code == 2
    err = result.stderr
    assert "providers[0].headquarters: expected an ISO 3166-1 alpha-2 country code" in err
    assert "got 'IaaS'; did you mean 'iaas'?" in err
    assert "'acme-cloud' already names provider 'acme-cloud'" in err
    assert len(err.strip().splitlines()) >= 3


def test_new_skeletons_validate_and_never_replace_a_file(
    run: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    made = run("new", "provider", "acme")
    assert made.exit_code == 0, made.stderr
    text = (tmp_path / "acme.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    schema = text.splitlines()[0].split("=", 1)[1]
    assert Path(schema).is_file()
    assert run("validate", "acme.yaml").exit_code == 0
    assert run("rank", "--providers", "@bundled", "--providers", "acme.yaml").exit_code == 0
    again = run("new", "provider", "acme")
    assert again.exit_code == 2 and "exists; nothing was written" in again.stderr
    assert (tmp_path / "acme.yaml").read_text(encoding="utf-8") == text
    assert run("new", "offer", "ovhcloud/my-cloud").exit_code == 0
    assert run("validate", "@bundled", "ovhcloud-my-cloud.yaml").exit_code == 0
    shown = run(
        "show",
        "ovhcloud/my-cloud",
        "--providers",
        "@bundled",
        "--providers",
        "ovhcloud-my-cloud.yaml",
    )
    assert shown.exit_code == 0, shown.stderr
    assert run("new", "rubric", "my-weights").exit_code == 0
    assert run("validate", "my-weights.yaml").exit_code == 0
    assert run("rank", "--rubric", "my-weights.yaml").exit_code == 0
    assert run("new", "provider", "Bad Id").exit_code == 2
    assert run("new", "offer", "acme").exit_code == 2


def test_the_bundled_token_is_the_bundled_file(run: Any) -> None:
    assert run("rank", "--json", "--providers", "@bundled").stdout == run("rank", "--json").stdout
    assert Path(bundled_providers()).is_file()


def _one(ident: str) -> dict[str, Any]:
    profile = provider(id=ident, name=ident.replace("-", " ").title())
    profile["aliases"] = []
    return {"providers": [profile], "sources": [_source()]}


def _source() -> dict[str, Any]:
    from .conftest import SOURCE

    return dict(SOURCE)


def test_an_override_cannot_take_another_providers_name_or_an_offers_field(
    run: Any, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "bad.yaml",
        """\
schema_version: 2
overrides:
  - provider: ovhcloud
    add: {aliases: [NumSpot]}
  - provider: s3ns
    add: {qualifications: []}
""",
    )
    result = run("validate", "@bundled", path)
    assert result.exit_code == 2
    assert (
        "overrides[0]: the corrected ovhcloud is not valid: 'NumSpot' already names 'numspot'"
        in (result.stderr)
    )
    assert "overrides[1].add.qualifications: 'qualifications' is an offer's field" in result.stderr
    # A new alias that names nothing else is taken, and finds the provider.
    good = _write(
        tmp_path,
        "good.yaml",
        "schema_version: 2\noverrides:\n  - provider: ovhcloud\n    add: {aliases: [OVH Extra]}\n",
    )
    shown = run("show", "OVH Extra", "--providers", "@bundled", "--providers", good, "--json")
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == "ovhcloud"

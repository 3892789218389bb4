"""What `pip install .` installs: the schemas beside the bundled data (so the data's `$schema`
line points at a file that exists), and both licences, declared as SPDX. The wheel is built with
hatchling, the project's build backend, in under a second."""

from __future__ import annotations

import email
import posixpath
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
hatchling = pytest.importorskip("hatchling", reason="the build backend builds the wheel")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    from hatchling.builders.wheel import WheelBuilder

    out = tmp_path_factory.mktemp("dist")
    (built,) = WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"])
    return zipfile.ZipFile(built)


def test_the_schemas_ship_beside_the_bundled_data(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for schema in sorted((ROOT / "schemas").glob("*.schema.json")):
        inside = f"sovscore/data/schemas/{schema.name}"
        assert inside in names
        assert wheel.read(inside) == schema.read_bytes()


def test_the_data_points_at_a_schema_that_is_installed(wheel: zipfile.ZipFile) -> None:
    data = "sovscore/data/providers.yaml"
    first = wheel.read(data).decode("utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    target = first.removeprefix(prefix)
    assert "://" not in target, "a relative path, true in the checkout and once installed"
    assert posixpath.normpath(posixpath.join(posixpath.dirname(data), target)) in wheel.namelist()
    assert (ROOT / target).is_file(), "the same path from providers.yaml in the repository"


def test_the_licences_are_declared_and_shipped(wheel: zipfile.ZipFile) -> None:
    (metadata,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    fields = email.message_from_bytes(wheel.read(metadata))
    assert fields["License-Expression"] == "EUPL-1.2 AND etalab-2.0"
    assert sorted(fields.get_all("License-File") or []) == ["LICENSE", "LICENSE-DATA"]
    licences = posixpath.dirname(metadata) + "/licenses/"
    assert wheel.read(licences + "LICENSE") == (ROOT / "LICENSE").read_bytes()
    assert wheel.read(licences + "LICENSE-DATA") == (ROOT / "LICENSE-DATA").read_bytes()
    assert b"EUROPEAN UNION PUBLIC LICENCE v. 1.2" in (ROOT / "LICENSE").read_bytes()
    assert "LICENCE OUVERTE 2.0" in (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")


def test_the_sdist_can_build_the_same_wheel(tmp_path: Path) -> None:
    """A wheel built from the sdist (as pip does) needs the schemas and licences in it too."""
    from hatchling.builders.sdist import SdistBuilder

    (built,) = SdistBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"])
    with tarfile.open(built) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for needed in ("providers.yaml", "LICENSE", "LICENSE-DATA", ".pre-commit-hooks.yaml"):
        assert needed in names
    assert {f"schemas/{p.name}" for p in (ROOT / "schemas").glob("*.json")} <= names

"""Write the build-time JSON of the bundled YAML files (providers.yaml, the rubric presets) to
src/sovscore/data/json/, one file per YAML file, named after the SHA-256 of its bytes; remove
the stale ones. `--check` changes nothing and exits 1 when a file is missing or stale (the
tests do the same: tests/test_bundled.py). Run it after editing providers.yaml or a preset:

    python scripts/bundle.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ["SOVSCORE_NO_BUNDLED_JSON"] = "1"  # read the YAML itself, never a JSON standing for it

from sovscore.load import bundled  # noqa: E402
from sovscore.load.files import read_document  # noqa: E402


def sources() -> list[Path]:
    """The YAML files that ship with sovscore."""
    rubrics = sorted((ROOT / "src" / "sovscore" / "data" / "rubrics").glob("*.yaml"))
    return [ROOT / "providers.yaml", *rubrics]


def wanted() -> dict[Path, str]:
    """Each JSON file that should exist, with its text."""
    files: dict[Path, str] = {}
    for source in sources():
        document = read_document(str(source))
        if document.refused or document.digest is None:
            raise SystemExit(f"{source}: has values YAML cannot read; fix it first")
        files[bundled.json_path(document.digest)] = bundled.encode(document.digest, document.data)
    return files


def main(argv: list[str]) -> int:
    check = argv == ["--check"]
    files = wanted()
    stale = [p for p in sorted(bundled.FOLDER.glob("*.json")) if p not in files]
    changed = [
        p for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text
    ]
    if check:
        for path in [*changed, *stale]:
            print(
                f"{path.relative_to(ROOT)}: {'stale' if path in stale else 'missing or out of date'}"
            )
        return 1 if changed or stale else 0
    bundled.FOLDER.mkdir(parents=True, exist_ok=True)
    for path in stale:
        path.unlink()
        print(f"removed {path.relative_to(ROOT)}")
    for path in changed:
        path.write_text(files[path], encoding="utf-8", newline="\n")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

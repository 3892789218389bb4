"""The README's pre-commit example works as written: its block, copied into a temporary git
repository, passes good files, stops a bad one with its position, and sees every file at once
(an id defined in two files fails even when only one of them changed)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.test_schema_agrees import good_file

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
"""Where this environment's `sovscore` command is: the hook is `language: system`."""

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (BIN / "sovscore").exists(),
    reason="needs git and the sovscore command",
)


def _readme_block(marker: str) -> str:
    """The README's fenced YAML block that contains `marker`, unindented."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for match in re.finditer(r"^( *)```yaml\n(.*?)^\1```", text, re.M | re.S):
        block = match.group(2)
        if marker in block:
            indent = len(match.group(1))
            return "".join(line[indent:] + "\n" for line in block.splitlines())
    raise AssertionError(f"no ```yaml block with {marker!r} in the README")


def _hooks_pattern() -> str:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    patterns = {hook["files"] for hook in hooks}
    assert len(patterns) == 1
    return patterns.pop()


class Repo:
    def __init__(self, path: Path, home: Path) -> None:
        self.path = path
        self.env = {
            **os.environ,
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            "PRE_COMMIT_HOME": str(home),  # pre-commit's cache, away from the user's
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        path.mkdir()
        self.git("init", "-q")

    def git(self, *args: str) -> None:
        subprocess.run(["git", *args], cwd=self.path, env=self.env, check=True)

    def write(self, name: str, data: Any) -> None:
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        (self.path / name).write_text(text, encoding="utf-8")
        self.git("add", name)

    def pre_commit(self) -> subprocess.CompletedProcess[str]:
        """What `git commit` runs: the hooks, on the staged files."""
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--color", "never"],
            cwd=self.path,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )


def _client_file() -> dict[str, Any]:
    """A second provider that cites a source defined only in the first file."""
    data = good_file()
    provider = data["providers"][0]
    provider.update(id="client", name="Client Cloud", aliases=["CLIENT"], website=None)
    provider["offers"][0]["name"] = "Client IaaS"
    return {"schema_version": 2, "providers": [provider]}


def test_the_readme_example_runs_as_written(tmp_path: Path) -> None:
    config = _readme_block("repo: local")
    args = yaml.safe_load(config)["repos"][0]["hooks"][0]["args"]
    assert args == ["my-providers.yaml", "client-providers.yaml"]
    repo = Repo(tmp_path / "repo", tmp_path / "home")
    (repo.path / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    repo.git("add", ".pre-commit-config.yaml")

    # Good files pass, the second citing a source the first defines: validated together.
    repo.write("my-providers.yaml", good_file())
    repo.write("client-providers.yaml", _client_file())
    done = repo.pre_commit()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "sovscore validate" in done.stdout and "Passed" in done.stdout
    repo.git("commit", "-q", "-m", "data", "--no-verify")

    # A bad value is stopped, with where it is.
    bad = _client_file()
    bad["providers"][0]["headquarters"] = "France"
    repo.write("client-providers.yaml", bad)
    done = repo.pre_commit()
    assert done.returncode != 0
    assert "client-providers.yaml:" in done.stdout and "headquarters" in done.stdout
    repo.write("client-providers.yaml", _client_file())

    # Only my-providers.yaml changes, and now defines `client` too: pre-commit would pass just
    # that file, but the hook validates both, so the id defined twice is found.
    twice = good_file()
    twice["providers"].append(_client_file()["providers"][0])
    repo.write("my-providers.yaml", twice)
    done = repo.pre_commit()
    assert done.returncode != 0
    assert "exit code: 2" in done.stdout, done.stdout
    # the problem is in the file that did not change, and names the one that did
    assert "client-providers.yaml:" in done.stdout and "my-providers.yaml" in done.stdout


def test_no_hook_runs_for_other_yaml(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo", tmp_path / "home")
    (repo.path / ".pre-commit-config.yaml").write_text(
        _readme_block("repo: local"), encoding="utf-8"
    )
    repo.git("add", ".pre-commit-config.yaml")
    (repo.path / "ci.yaml").write_text("jobs: {}\n", encoding="utf-8")
    repo.git("add", "ci.yaml")
    done = repo.pre_commit()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no files to check" in done.stdout.lower()


@pytest.mark.parametrize("where", ["local", "published"])
def test_the_files_pattern_matches_the_readmes_file_names(where: str) -> None:
    """The names the README gives provider, override and rubric files trigger the hook; other
    YAML does not."""
    if where == "local":
        pattern = yaml.safe_load(_readme_block("repo: local"))["repos"][0]["hooks"][0]["files"]
    else:
        pattern = _hooks_pattern()
    # The files of the README's examples (not its tables: the benchmark's generated files).
    readme = "\n".join(
        line
        for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
        if not line.startswith("|")
    )
    named = set(re.findall(r"sovscore (?:validate|rank|show)[^\n`|]*?([\w./-]+\.ya?ml)", readme))
    named |= set(re.findall(r"--providers[ =]([\w./-]+\.ya?ml)", readme))
    named |= {"providers.yaml", "my-providers.yaml", "client-providers.yaml"}
    named |= {"data/my-overrides.yaml", "my-rubric.yaml", "rubrics/strict-rubric.yml"}
    assert not [name for name in sorted(named) if not re.search(pattern, name)]
    for other in (".pre-commit-config.yaml", ".github/workflows/ci.yaml", "mkdocs.yml"):
        assert not re.search(pattern, other), other

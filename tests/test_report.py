"""The annex: a self-contained HTML document, written atomically, in French or English, whose
data is text, checked in a real headless Chromium (Debian's, never a downloaded browser)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from .conftest import SOURCE, provider, providers_document

DAY = "2026-12-01"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTEFACTS = Path(os.environ.get("SOVSCORE_ARTEFACTS", "build/test-artefacts"))


def hostile() -> dict[str, Any]:
    """A provider whose every text tries to be markup."""
    name = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    residency = {
        "note": '<a href="javascript:alert(2)">click</a> & </td></tr></table>',
        "sources": ["src-a"],
    }
    source = {**SOURCE, "title": "<b>bold</b> </li><li>forged", "publisher": "{{ 7*7 }}"}
    profile = provider(name=name, aliases=[], data_residency=residency)
    return providers_document(profile, sources=[source])


def test_the_annex_has_a_cover_a_disclaimer_a_section_per_provider_and_numbered_sources(
    run: Any,
) -> None:
    result = run("report", "--as-of", DAY, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    assert html.startswith("<!doctype html>")
    assert 'id="disclaimer"' in html and "It is not a statement of ANSSI" in html
    assert re.search(r"SHA-256 <code class=\"digest\">[0-9a-f]{64}</code>", html)
    sections = re.findall(r'<section class="unit" id="(unit-[a-z0-9-]+)"', html)
    ranked = re.findall(r'<td><a href="#(unit-[a-z0-9-]+)">', html)
    assert sections == ranked and len(sections) >= 35
    numbers = [int(n) for n in re.findall(r'<li id="source-(\d+)">', html)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 100
    cited = {int(n) for n in re.findall(r'href="#source-(\d+)"', html)}
    assert cited <= set(numbers)
    # Nothing to fetch, nothing to run.
    assert "<script" not in html and "src=" not in html.replace("img-src", "")
    assert "default-src 'none'" in html


def test_the_same_facts_give_the_same_annex(run: Any) -> None:
    first = run("report", "numspot", "s3ns", "--as-of", DAY).stdout
    assert first == run("report", "numspot", "s3ns", "--as-of", DAY).stdout
    assert first.count('<section class="unit"') == 2


def test_names_choose_providers_or_offers(run: Any) -> None:
    html = run("report", "outscale/iaas-cloudgouv", "numspot", "--as-of", DAY).stdout
    assert html.count('<section class="unit"') == 2
    assert "IaaS Cloud on Demand" in html
    unknown = run("report", "nobody-at-all", "--as-of", DAY)
    assert unknown.exit_code == 2 and unknown.stdout == ""


def test_in_french_the_annex_speaks_french(run: Any) -> None:
    html = run("report", "numspot", "--as-of", DAY, "--lang", "fr").stdout
    assert '<html lang="fr">' in html
    assert "Souveraineté des offres cloud" in html
    assert "1 déc. 2026" in html
    assert "90,0" in html


def test_the_file_is_written_atomically_and_replaced_only_with_force(
    run: Any, tmp_path: Path
) -> None:
    target = tmp_path / "annexe.html"
    written = run("report", "numspot", "--as-of", DAY, "-o", str(target))
    assert written.exit_code == 0 and written.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
    target.write_text("signed copy", encoding="utf-8")
    refused = run("report", "numspot", "--as-of", DAY, "-o", str(target))
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "signed copy"
    replaced = run("report", "numspot", "--as-of", DAY, "-o", str(target), "--force")
    assert replaced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annexe.html"]  # no temporary left
    missing = run("report", "numspot", "-o", str(tmp_path / "no" / "such" / "dir.html"))
    assert missing.exit_code == 2 and "cannot write" in missing.stderr


def test_hostile_texts_are_text(run: Any, write_yaml: Any) -> None:
    path = write_yaml(hostile())
    html = run("report", "--providers", path, "--as-of", DAY).stdout
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert "{{ 7*7 }}" in html  # data is never a template


# --- in a real browser ----------------------------------------------------------------------

browser = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not os.environ.get("SOVSCORE_REQUIRE_BROWSER"),
    reason="Debian's chromium is not installed (.ci/run installs it and sets "
    "SOVSCORE_REQUIRE_BROWSER=1, so CI fails rather than skips)",
)
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def open_page(html_path: Path) -> Any:
    """Load the file in headless Chromium; return what it loaded, said and fetched."""
    from playwright.sync_api import sync_playwright

    class Visit:
        pass

    visit = Visit()
    visit.console, visit.requests, visit.errors = [], [], []  # type: ignore[attr-defined]
    manager = sync_playwright().start()
    engine = manager.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    page = engine.new_page(viewport={"width": 1200, "height": 1600})
    page.on("console", lambda m: visit.console.append(f"{m.type}: {m.text}"))  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: visit.errors.append(str(e)))  # type: ignore[attr-defined]
    page.on("request", lambda r: visit.requests.append(r.url))  # type: ignore[attr-defined]
    page.goto(html_path.resolve().as_uri(), wait_until="load")
    visit.page, visit.engine, visit.manager = page, engine, manager  # type: ignore[attr-defined]
    return visit


def close(visit: Any) -> None:
    visit.engine.close()
    visit.manager.stop()


@browser
def test_chromium_reads_the_bundled_french_annex_prints_it_and_fetches_nothing(
    run: Any,
) -> None:
    from pypdf import PdfReader

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    html_path = ARTEFACTS / "annexe.html"
    result = run("report", "--as-of", DAY, "--lang", "fr", "-o", str(html_path), "--force")
    assert result.exit_code == 0, result.stderr
    visit = open_page(html_path)
    try:
        page = visit.page
        assert visit.errors == [] and visit.console == []
        assert visit.requests == [html_path.resolve().as_uri()]
        sections = page.locator("section.unit").count()
        assert sections >= 35
        assert page.locator("#disclaimer").is_visible()
        assert page.locator("#sources li").count() > 100
        assert page.locator("script").count() == 0
        assert page.locator("html").get_attribute("lang") == "fr"
        page.screenshot(path=str(ARTEFACTS / "annexe.png"))
        pdf = page.pdf(format="A4", print_background=True)
        (ARTEFACTS / "annexe.pdf").write_bytes(pdf)
    finally:
        close(visit)
    pages = len(PdfReader(ARTEFACTS / "annexe.pdf").pages)
    # A cover and ranking, then a page or more per provider (each section starts a page).
    assert sections + 2 <= pages <= 6 * sections, pages


@browser
def test_chromium_shows_hostile_names_as_text_and_runs_nothing(
    run: Any, write_yaml: Any, tmp_path: Path
) -> None:
    path = write_yaml(hostile())
    html_path = tmp_path / "hostile.html"
    assert run("report", "--providers", path, "--as-of", DAY, "-o", str(html_path)).exit_code == 0
    visit = open_page(html_path)
    try:
        page = visit.page
        assert visit.errors == [] and visit.console == []
        assert visit.requests == [html_path.resolve().as_uri()]
        assert page.locator("script, img, b").count() == 0
        heading = page.locator("section.unit h2").first.inner_text()
        assert heading == '<script>alert("x")</script><img src=x onerror=alert(1)>'
        assert page.locator("a[href^='javascript']").count() == 0
        assert "forged" in page.locator("#sources li").first.inner_text()
        assert page.locator("#sources li").count() == 1
    finally:
        close(visit)

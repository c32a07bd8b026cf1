"""What a person sees: the article viewer and report.html opened in a real headless Chromium.

Needs Debian's ``chromium`` (``apt-get install chromium``) and Playwright for Python (the ``dev`` extra);
``.ci/run`` installs both. Playwright's own browser download is never used: the test launches the
system Chromium (``NEWSLAB_CHROMIUM`` overrides its path). Without them the tests skip, saying why.
Every request other than ``file:`` and ``data:`` fails the test, and so does any console error.
Set ``NEWSLAB_SCREENSHOTS=DIR`` to keep screenshots of what was checked.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

import newslab as nl
from newslab import cli

CHROMIUM = os.environ.get("NEWSLAB_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
#: Narrowest a column of words may be drawn (px): about 12 characters of the report's table font.
MIN_TEXT_COLUMN_PX = 80

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[dev]'")
if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
    pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set NEWSLAB_CHROMIUM)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Visit:
    """A page whose network requests and console errors are recorded (and requests blocked)."""

    def __init__(self, browser, path: Path, width: int = 1200) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.resolve().as_uri())

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def clean(self) -> None:
        assert self.requests == [], f"the page asked the network for {self.requests}"
        assert self.errors == [], f"console errors: {self.errors}"

    def shot(self, name: str) -> None:
        folder = os.environ.get("NEWSLAB_SCREENSHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _mark_texts(page, cls: str) -> dict[str, str]:
    """Visible text of every mark of class ``cls``, joined per quote number (split marks rejoined)."""
    return page.evaluate("""cls => {
        const out = {};
        for (const m of document.querySelectorAll('mark.' + cls)) {
            out[m.dataset.q] = (out[m.dataset.q] || '') + m.textContent;
        }
        return out;}""", cls)


def test_the_viewer_shows_each_quote_speaker_and_cue_as_marked(browser, tmp_path):
    arts = nl.load_articles(nl.SEED)
    quotes = nl.quotes(arts)
    stance = nl.stance(quotes, nl.targets.countries("Russia", "North Korea", "United States"))
    path = nl.view(arts, quotes, stance=stance).save(tmp_path / "view.html")
    v = Visit(browser, path, width=1000)
    text = arts.loc[0, "text"]
    content, speakers, cues = (_mark_texts(v.page, c) for c in ("nlv-c", "nlv-s", "nlv-v"))
    rows = list(quotes.sort_values("start").itertuples())
    assert len(content) == len(rows)
    for n, row in enumerate(rows, 1):
        assert content[str(n)] == "".join(text[a:b] for a, b in row.content_spans), n
        assert cues[str(n)] == row.cue, n
        if not pd.isna(row.speaker_start):
            assert speakers[str(n)] == row.speaker, n
    # one colour per resolved speaker: same name, same shade; different names, different shades
    colours = v.page.evaluate("""() => [...document.querySelectorAll('mark.nlv-c')].map(
        m => [m.dataset.q, getComputedStyle(m).backgroundColor])""")
    by_name: dict[str, set[str]] = {}
    for q, colour in colours:
        by_name.setdefault(str(rows[int(q) - 1].speaker_name), set()).add(colour)
    assert all(len(c) == 1 for c in by_name.values()), by_name
    assert len({next(iter(c)) for c in by_name.values()}) == len(by_name)
    assert "rgba(0, 0, 0, 0)" not in {c for _, c in colours}  # every content mark is visibly shaded
    # the hover text of a quote names its speaker and its stance with evidence
    title = v.page.locator('mark.nlv-c[data-q="5"]').first.get_attribute("title")
    assert f"speaker: {rows[4].speaker_name}" in title and "confidence:" in title
    assert v.page.locator("mark.nlv-t").count() > 0
    v.shot("viewer")
    v.clean()


def _narrow_columns(page) -> list[str]:
    """Columns holding words (a cell of 12+ characters with letters) drawn narrower than the minimum."""
    return page.evaluate("""minPx => {
        const bad = [];
        for (const table of document.querySelectorAll('table')) {
            if (table.offsetParent === null) continue;            // folded away: not drawn
            const heads = table.querySelectorAll('thead th');
            heads.forEach((th, i) => {
                const cells = [...table.querySelectorAll(`tbody tr td:nth-child(${i + 1})`)];
                const wordy = cells.some(td => /[A-Za-z]/.test(td.textContent) && td.textContent.trim().length >= 12);
                const width = th.getBoundingClientRect().width;
                if (wordy && width < minPx) bad.push(`${th.textContent}: ${Math.round(width)}px`);
            });
        }
        return bad;}""", MIN_TEXT_COLUMN_PX)


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    assert cli.main(["analyze", str(nl.SEED), "--out", str(out), "--quiet"]) == 0
    return out / "report.html"


def test_report_tables_are_readable_and_the_seed_article_is_marked(browser, seed_report):
    v = Visit(browser, seed_report)
    assert _narrow_columns(v.page) == []
    height = v.page.evaluate("document.body.scrollHeight")
    assert height < 15000, f"report.html of one article is {height}px tall"
    marks = _mark_texts(v.page, "nlv-s")
    assert "Kremlin Spokesperson Dmitry Peskov" in marks.values()
    assert v.page.locator("details.article[open] mark.nlv-c").count() > 0
    # every chart is drawn from its data URI
    widths = v.page.evaluate("() => [...document.images].map(i => i.naturalWidth)")
    assert widths and all(w > 0 for w in widths)
    v.shot("report")
    v.clean()


def test_the_width_check_catches_squeezed_columns(browser, tmp_path):
    page = tmp_path / "narrow.html"
    page.write_text("<!DOCTYPE html><html><body><table style='width:200px'><thead><tr><th>id</th><th>text</th>"
                    "<th>note</th></tr></thead><tbody><tr><td>1</td><td>The council voted to close the "
                    "pool</td><td>" + "x" * 300 + "</td></tr></tbody></table></body></html>", encoding="utf-8")
    v = Visit(browser, page)
    assert any(b.startswith("text:") for b in _narrow_columns(v.page))
    v.clean()

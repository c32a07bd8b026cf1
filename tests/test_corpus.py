"""The bundled Wikinews corpus (data/wikinews/): clean, attributed as CC BY 2.5 asks, and loadable as is."""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

import newslab as nl

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "wikinews" / "wikinews.jsonl"
ATTRIBUTION = ROOT / "data" / "wikinews" / "ATTRIBUTION.md"


def _converter():
    spec = importlib.util.spec_from_file_location("convert_wikinews", ROOT / "tools" / "convert_wikinews.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


def test_the_corpus_is_clean(records):
    assert len(records) >= 250
    dateline = re.compile(r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]+ \d")
    for r in records:
        assert not r["title"].upper().startswith("TEST PAGE"), r["title"]
        assert "pre-publication review" not in r["text"] and "Article last amended" not in r["text"]
        assert not dateline.match(r["text"]), r["article_id"]
        assert r["url"].startswith("https://en.wikinews.org/wiki/") and "//wiki" not in r["url"]
        assert r["text"] == r["text"].strip() and "\xa0\n" not in r["text"]
    assert len({r["article_id"] for r in records}) == len(records)


def test_load_articles_reads_it_as_it_is():
    arts = nl.load_articles(CORPUS)
    assert arts["date"].notna().all() and (arts["source"] == "Wikinews").all()
    months = arts["date"].dt.to_period("M").nunique()
    assert months >= 12, months
    assert set(arts["date_from"]) == {"dateline", "csv"}


def test_attribution_credits_links_every_article_and_the_license(records):
    page = ATTRIBUTION.read_text(encoding="utf-8")
    assert "Wikinews contributors" in page and "https://creativecommons.org/licenses/by/2.5/" in page
    assert "What was changed" in page
    for r in records:
        assert f"]({r['url']})" in page, r["url"]


def test_the_converter_cleans_a_page_of_our_own_writing():
    conv = _converter()
    rows = [
        {"url": "https://en.wikinews.org//wiki/Ferry_strike_ends", "date": "2020-05-02", "title": "Ferry strike ends",
         "text": "This article requires pre-publication review by an uninvolved reviewer.\n\n\n"
                 "-Article last amended: May 3 at 1:00:00 UTC (history)Please check the talk page history.\n\n\n"
                 "Saturday, May 2, 2020\xa0\n\n\nFerry crews returned to work on Saturday after a nine-day strike "
                 "over rosters ended, the union said.\n\n\n\"We won the rest days we asked for,\" union "
                 "secretary Mara Lindqvist told reporters at the harbour.\n"},
        {"url": "https://en.wikinews.org//wiki/TEST", "date": "2021-03-05", "title": "TEST PAGE:Self-publish today",
         "text": "Friday, March 5, 2021\xa0\n\n\nThis is a test page!"},
    ]
    out, dropped = conv.convert(rows)
    assert len(out) == 1 and len(dropped) == 1 and "test page" in dropped[0]
    r = out[0]
    assert r["url"] == "https://en.wikinews.org/wiki/Ferry_strike_ends"
    assert r["date"] == "2020-05-02" and r["date_from"] == "dateline"
    assert r["text"].startswith("Ferry crews returned") and "\n\n\"We won" in r["text"]
    assert "review" not in r["text"]

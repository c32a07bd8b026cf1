"""Article dates: taken from metadata only, never guessed from body text; their origin kept; a warning when unread."""
from __future__ import annotations

import json
import warnings

import pytest

import newslab as nl
from newslab.articles import DateWarning

BODY = ("<p>The county board voted on Tuesday to close two rural clinics, citing a budget gap of $4 million.</p>"
        "<p>In 2012, 43 percent of residents lived more than 30 minutes from a clinic, a state survey found.</p>"
        "<p>\u201cThis is the wrong call,\u201d said board member Alma Reyes, who voted against the plan.</p>")


def _page(head: str = "") -> str:
    return (f"<html><head><title>Board closes two clinics</title>{head}</head><body><article>"
            f"<h1>Board closes two clinics</h1>{BODY}</article></body></html>")


def test_html_date_is_not_guessed_from_a_sentence_of_the_body(tmp_path):
    pytest.importorskip("trafilatura")
    (tmp_path / "undated.html").write_text(_page(), encoding="utf-8")
    with pytest.warns(DateWarning, match=r"1 HTML page\(s\) have no date in their markup.*'undated'"):
        arts = nl.load_articles(tmp_path)
    assert arts["date"].isna().all()  # before: 2012-01-01, from "In 2012, 43 percent ..."
    assert arts["date_origin"].isna().all()


def test_html_date_from_markup_is_kept_with_its_origin(tmp_path):
    pytest.importorskip("trafilatura")
    meta = '<meta property="article:published_time" content="2024-04-16T09:00:00Z">'
    (tmp_path / "dated.html").write_text(_page(meta), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DateWarning)
        arts = nl.load_articles(tmp_path)
    assert str(arts.loc[0, "date"].date()) == "2024-04-16"
    assert arts.loc[0, "date_origin"] == "html markup"


def test_date_origin_names_the_input_field_and_the_date_line(tmp_path, seed_articles):
    assert seed_articles.loc[0, "date_origin"] == "date line"
    path = tmp_path / "feed.jsonl"
    rows = [{"id": "a", "publishedAt": "2024-05-01", "body": "Rail fares rise by 3 percent in June."},
            {"id": "b", "body": "Harbour reopens after the storm."}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    arts = nl.load_articles(path)
    assert arts["date_origin"].tolist() == ["input field 'publishedAt'", None]


def test_an_unreadable_date_warns_and_stays_empty():
    rows = [{"id": "x", "date": "sometime last spring", "text": "Council approves new bike lanes downtown."},
            {"id": "y", "date": "2023-03-09", "text": "Port strike enters its second week."}]
    with pytest.warns(DateWarning, match=r"1 article\(s\) have a date that could not be read.*'sometime last spring'"):
        arts = nl.load_articles(rows)
    assert arts["date"].isna().tolist() == [True, False]
    assert arts["date_raw"].tolist() == ["sometime last spring", "2023-03-09"]

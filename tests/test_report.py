"""report.html: readable tables (wide text columns, long tables folded) and chosen articles shown with nl.view."""
from __future__ import annotations

import pandas as pd

import newslab as nl
from newslab import report


def test_long_text_columns_are_marked_wide_and_long_tables_fold(tmp_path):
    df = pd.DataFrame({"quote_id": range(20), "speaker": ["Mayor Lena Ortiz"] * 20,
                       "text": ["the harbour dredging contract will not be extended beyond the spring"] * 20})
    page = report.build_report(tmp_path / "r.html", {"quotes": df}).read_text(encoding="utf-8")
    assert '<td class="txt">the harbour dredging' in page and '<td class="word">Mayor Lena Ortiz' in page
    assert '<td class="num">0</td>' in page
    assert f"Show {20 - report.SHOWN_ROWS} more rows</summary>" in page
    assert "overflow-wrap:anywhere" not in page  # that broke words mid-word in narrow columns


def test_the_seed_article_is_shown_first_and_long_articles_last(tmp_path):
    seed = nl.load_articles(nl.SEED)
    short = pd.DataFrame({"article_id": ["b"], "text": ["Short."]})
    long = pd.DataFrame({"article_id": ["a"], "text": ["Long. " * 3000]})
    arts = pd.concat([long, short, seed], ignore_index=True)
    quotes = pd.DataFrame({"article_id": ["a"] * 9 + ["b"] * 2})
    assert report.pick_articles({"articles": arts, "quotes": quotes}, n=3) == [seed.loc[0, "article_id"], "b", "a"]
    tables = {"articles": seed, "quotes": nl.quotes(seed)}
    page = report.build_report(tmp_path / "r.html", tables).read_text(encoding="utf-8")
    assert '<details class="article" open>' in page and 'class="nlv-s' in page
    assert "Kremlin Spokesperson Dmitry Peskov</mark>" in page

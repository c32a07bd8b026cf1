"""load_articles: every input kind and format, the seed layout, encodings, ids, and bad input."""
from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import newslab
from newslab.articles import DateWarning, DuplicateIdWarning, SkippedInputWarning, load_articles

STANDARD = ["article_id", "title", "date", "source", "url", "authors", "text"]
SEED_TITLE = "North Korea defends ties with Russia, says US criticism \u2018distorted\u2019"

STORM = ("A powerful storm struck the coast on Friday, cutting power to thousands of homes.\n\n"
         "\u201cWe have never seen winds like this,\u201d said Mayor Ana Ruiz, who urged residents to stay indoors.\n\n"
         "Crews expect to restore electricity by Sunday evening, the utility said.")
BUDGET = ("Lawmakers approved the budget by 212 votes to 198 after an all-night session.\n"
          "Finance Minister Karl Berg said the plan was \u201cresponsible and fair\u201d.")
TALKS = "Ukraine and Poland agreed on Tuesday to speed up grain transit, officials said."


def _load(source, **kw) -> pd.DataFrame:
    """load_articles that fails the test on any warning (use pytest.warns where one is expected)."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return load_articles(source, **kw)


# ------------------------------------------------------------------------------------------- seed
def test_seed_loads_as_one_article_with_title_date_source(seed_articles):
    assert len(seed_articles) == 1
    row = seed_articles.iloc[0]
    assert row["title"] == SEED_TITLE
    assert row["date"] == pd.Timestamp("2023-12-05")
    assert row["source"] == "Wions"
    assert row["date_raw"] == "5 December 2023, Tuesday"
    assert row["authors"] == []
    assert pd.isna(row["url"])
    assert row["article_id"] == "2023-12-05_wions_north-korea-russia-ties"
    assert list(seed_articles.columns[:7]) == STANDARD
    assert pd.api.types.is_datetime64_dtype(seed_articles["date"])


def test_seed_text_is_exactly_the_body_lines(seed_text):
    lines = [ln for ln in seed_text.split("\n") if ln.strip()]
    assert len(lines) == 12
    assert seed_text.startswith("On Saturday")
    assert seed_text.endswith("any way.\u201d")
    # exactly the file's body lines, blank lines kept, nothing rewritten
    raw = newslab.SEED.read_text(encoding="utf-8").split("\n")
    start = raw.index(next(ln for ln in raw if ln.startswith("On Saturday")))
    end = max(i for i, ln in enumerate(raw) if ln.endswith("any way.\u201d")) + 1
    assert seed_text == "\n".join(raw[start:end])
    assert "Wions" not in seed_text and SEED_TITLE not in seed_text


def test_layout_variants_are_recognised(tmp_path):
    (tmp_path / "crlf.txt").write_bytes(
        b"\r\n| Tuesday, 5 December 2023 |\r\n\r\nMinisters meet in Seoul\r\n\r\nFirst paragraph.\r\n\r\n"
        b"Second paragraph.\r\n\r\n  \xe2\x80\xa2 Korea Herald\r\n")
    (tmp_path / "nosource.txt").write_text("| 2024-01-09 |\nFloods in the north\nWater rose overnight.\n",
                                           encoding="utf-8")
    arts = _load(tmp_path).set_index("article_id")
    crlf = arts.loc["crlf"]
    assert (crlf["title"], crlf["source"], crlf["text"]) == (
        "Ministers meet in Seoul", "Korea Herald", "First paragraph.\n\nSecond paragraph.")
    assert crlf["date"] == pd.Timestamp("2023-12-05")
    nosource = arts.loc["nosource"]
    assert (nosource["title"], nosource["text"]) == ("Floods in the north", "Water rose overnight.")
    assert pd.isna(nosource["source"]) and nosource["date"] == pd.Timestamp("2024-01-09")


@pytest.mark.parametrize("text", [
    "| Party | Votes |\n| Labour | 412 |\nThe results are in.\n",  # a table, not a date line
    "Storm hits coast\n\nA storm hit the coast on Friday.\n\n  \u2022 Stay indoors\n",  # no date line
    "Pipes | 2023 | were laid on Monday across the town, officials said.\nMore work follows.\n",
    "| 2023-12-05 | 412 |\n| 2023-12-06 | 398 |\nTurnout fell on the second day.\n",  # a table of dates
])
def test_ordinary_articles_are_kept_whole(tmp_path, text):
    path = tmp_path / "plain.txt"
    path.write_text(text, encoding="utf-8")
    row = _load(path).iloc[0]
    assert row["text"] == text
    assert pd.isna(row["title"]) and pd.isna(row["source"]) and pd.isna(row["date"])


def test_layout_can_be_switched_off():
    raw = newslab.SEED.read_text(encoding="utf-8")
    row = _load(newslab.SEED, layout=False).iloc[0]
    assert row["text"] == raw and pd.isna(row["title"])


def test_layout_without_body_is_skipped(tmp_path):
    path = tmp_path / "stub.txt"
    path.write_text("| 5 December 2023 |\n\nJust a headline\n\n  \u2022 Wions\n", encoding="utf-8")
    with pytest.warns(SkippedInputWarning):
        arts = load_articles(path)
    assert len(arts) == 0 and "body" in arts.attrs["skipped"][0]["reason"]


# ---------------------------------------------------------------------------------------- formats
def test_jsonl_news_please_fields_and_bad_line(tmp_path):
    recs = [
        {"maintext": STORM, "title": "Storm hits coast", "date_publish": "2024-03-02 08:30:00",
         "source_domain": "dailyplanet.example", "url": "https://dailyplanet.example/storm",
         "authors": ["Jane Doe", "John Roe"], "language": "en"},
        {"maintext": BUDGET, "title": "Budget passes", "date_publish": None, "source_domain": "herald.example",
         "language": "en"},
    ]
    lines = [json.dumps(recs[0]), "{not json", "", json.dumps(recs[1]), "[1, 2]"]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.warns(SkippedInputWarning, match="export.jsonl"):
        arts = load_articles(path)
    assert list(arts["article_id"]) == ["export:1", "export:4"]  # <file stem>:<line number>
    first = arts.iloc[0]
    assert (first["text"], first["title"], first["source"], first["url"]) == (
        STORM, "Storm hits coast", "dailyplanet.example", "https://dailyplanet.example/storm")
    assert first["date"] == pd.Timestamp("2024-03-02 08:30") and first["authors"] == ["Jane Doe", "John Roe"]
    assert list(arts["language"]) == ["en", "en"]  # extra column kept
    assert "maintext" not in arts.columns and "date_publish" not in arts.columns
    assert pd.isna(arts.iloc[1]["date"]) and arts.iloc[1]["authors"] == []
    bad = {(s["line"], s["path"]) for s in arts.attrs["skipped"]}
    assert bad == {(2, str(path)), (5, str(path))}


def test_jsonl_ids_from_id_field(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"id": 17, "body": TALKS}) + "\n" + json.dumps({"id": "x-9", "body": STORM}) + "\n",
                    encoding="utf-8")
    assert list(_load(path)["article_id"]) == ["17", "x-9"]


def test_json_newsapi_shape_nested_source(tmp_path):
    doc = {"status": "ok", "totalResults": 2, "articles": [
        {"source": {"id": None, "name": "BBC News"}, "author": "Sam Lee", "title": "Talks resume",
         "description": "Grain talks resume.", "url": "https://bbc.example/talks",
         "publishedAt": "2024-05-01T12:00:00Z", "content": TALKS},
        {"source": {"id": "reuters", "name": "Reuters"}, "author": None, "title": "Storm",
         "publishedAt": "2024-05-02T09:15:00+02:00", "content": STORM},
    ]}
    path = tmp_path / "newsapi.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    arts = _load(path)
    assert list(arts["source"]) == ["BBC News", "Reuters"]
    assert list(arts["authors"]) == [["Sam Lee"], []]
    assert list(arts["date"]) == [pd.Timestamp("2024-05-01 12:00"), pd.Timestamp("2024-05-02 07:15")]  # UTC
    assert arts["date"].dt.tz is None
    assert arts.loc[0, "description"] == "Grain talks resume."
    assert list(arts["article_id"]) == ["newsapi:1", "newsapi:2"]


def test_json_list_and_single_object(tmp_path):
    (tmp_path / "list.json").write_text(json.dumps([{"headline": "A", "article": TALKS, "topic": "trade"}]),
                                        encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"headline": "B", "story": BUDGET, "guid": "g-1"}),
                                       encoding="utf-8")
    arts = _load([tmp_path / "list.json", tmp_path / "one.json"])
    assert list(arts["title"]) == ["A", "B"]
    assert list(arts["text"]) == [TALKS, BUDGET]
    assert list(arts["article_id"]) == ["list:1", "g-1"]
    assert arts.loc[0, "topic"] == "trade"


def test_csv_mapped_columns_extras_and_string_ids(tmp_path):
    df = pd.DataFrame({"id": ["007", "012"], "headline": ["Storm hits coast", "Budget passes"],
                       "body": [STORM.replace("\n", "\r\n"), BUDGET], "pub_date": ["2024-03-02", "03/04/2024"],
                       "outlet": ["Daily Planet", "Herald"], "link": ["https://a.example/1", None],
                       "byline": ["By Jane Doe and John Roe", "Karl Berg; Ann Lee"], "section": ["Weather", "Politics"],
                       "words": [120, 80]})
    path = tmp_path / "export.csv"
    df.to_csv(path, index=False)
    arts = _load(path)
    assert list(arts["article_id"]) == ["007", "012"]  # leading zeros survive: ids stay stable strings
    assert list(arts["text"]) == [STORM, BUDGET]  # CRLF inside a quoted field normalised
    assert list(arts["source"]) == ["Daily Planet", "Herald"]
    assert arts.loc[0, "url"] == "https://a.example/1" and pd.isna(arts.loc[1, "url"])
    assert list(arts["authors"]) == [["Jane Doe", "John Roe"], ["Karl Berg", "Ann Lee"]]
    assert list(arts["date"]) == [pd.Timestamp("2024-03-02"), pd.Timestamp("2024-03-04")]
    assert list(arts["section"]) == ["Weather", "Politics"] and list(arts["words"]) == [120, 80]
    assert list(arts["path"]) == [str(path)] * 2


def test_parquet_keeps_types_and_lists(tmp_path):
    pytest.importorskip("pyarrow")
    df = pd.DataFrame({"uuid": ["u1", "u2"], "full_text": [STORM, BUDGET], "title": ["Storm", "Budget"],
                       "published_at": pd.to_datetime(["2024-03-02 10:00", "2024-03-03 00:30"]).tz_localize(
                           "Europe/Berlin"),
                       "authors": [["Jane Doe"], []], "score": [0.5, 0.25]})
    path = tmp_path / "corpus.parquet"
    df.to_parquet(path)
    arts = _load(path)
    assert list(arts["article_id"]) == ["u1", "u2"]
    assert list(arts["date"]) == [pd.Timestamp("2024-03-02 09:00"), pd.Timestamp("2024-03-02 23:30")]
    assert [list(a) for a in arts["authors"]] == [["Jane Doe"], []]
    assert list(arts["score"]) == [0.5, 0.25]


def test_parquet_without_pyarrow_names_the_extra(tmp_path, monkeypatch):
    path = tmp_path / "corpus.parquet"
    path.write_bytes(b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"newslab\[parquet\]"):
        load_articles(path)


HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Storm hits coast | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet"><meta name="author" content="Jane Doe; John Roe">
<meta property="article:published_time" content="2024-03-02T08:30:00Z">
<link rel="canonical" href="https://dailyplanet.example/storm"></head>
<body><nav><a href="/">Home</a> <a href="/weather">Weather</a></nav><article><h1>Storm hits coast</h1>
<p>A powerful storm struck the coast on Friday, officials said, cutting power to thousands of homes.</p>
<p>\u201cWe have never seen winds like this,\u201d said Mayor Ana Ruiz, who urged residents to stay indoors.</p>
<p>Crews expect to restore electricity by Sunday evening, according to the utility company.</p>
</article><footer>\u00a9 Daily Planet</footer></body></html>"""


def test_html_through_trafilatura(tmp_path):
    pytest.importorskip("trafilatura")
    sub = tmp_path / "site"
    sub.mkdir()
    (sub / "storm.html").write_text(HTML, encoding="utf-8")
    row = _load(tmp_path).iloc[0]
    assert row["article_id"] == "site/storm"
    assert row["title"] == "Storm hits coast"
    assert row["source"] == "Daily Planet" and row["url"] == "https://dailyplanet.example/storm"
    assert row["authors"] == ["Jane Doe", "John Roe"]
    assert row["date"] == pd.Timestamp("2024-03-02")
    assert row["text"].startswith("A powerful storm struck")  # headline not repeated in the body
    assert "Mayor Ana Ruiz" in row["text"] and "Home" not in row["text"]


def test_html_without_trafilatura_names_the_extra(tmp_path, monkeypatch):
    (tmp_path / "page.htm").write_text(HTML, encoding="utf-8")
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(ImportError, match=r'pip install "newslab\[html\]"'):
        load_articles(tmp_path)


def test_html_extra_that_fails_to_import_says_why_not_missing(tmp_path, monkeypatch):
    # pip 23 resolves lxml 5.2+, whose lxml.html.clean moved to its own package: trafilatura is
    # installed but cannot be imported. The message must carry that reason, not "missing".
    fake = tmp_path / "fake"
    (fake / "trafilatura").mkdir(parents=True)
    (fake / "trafilatura" / "__init__.py").write_text(
        "raise ImportError('lxml.html.clean module is now a separate project lxml_html_clean', "
        "name='lxml.html.clean')\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(fake))
    monkeypatch.delitem(sys.modules, "trafilatura", raising=False)
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    with pytest.raises(ImportError, match="installed but failed to import: lxml.html.clean module") as err:
        load_articles(tmp_path / "page.html")
    assert "not installed" not in str(err.value) and 'pip install --upgrade "newslab[html]"' in str(err.value)


def test_html_extra_declares_lxml_html_clean():
    import tomllib

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    html = " ".join(project["project"]["optional-dependencies"]["html"]).lower().replace("-", "_")
    assert "lxml_html_clean" in html or "lxml[html_clean]" in html


def test_list_of_dicts_and_dataframe_keep_extra_columns():
    recs = [{"headline": "Storm", "content": STORM, "outlet": "Daily Planet", "section": "Weather"},
            {"headline": "Budget", "content": BUDGET, "outlet": "Herald", "section": "Politics"}]
    a = _load(recs)
    b = _load(pd.DataFrame(recs))
    pd.testing.assert_frame_equal(a, b)
    assert list(a.columns) == STANDARD + ["section"]
    assert list(a["title"]) == ["Storm", "Budget"] and list(a["section"]) == ["Weather", "Politics"]
    import hashlib
    assert a.loc[0, "article_id"] == hashlib.sha1(STORM.encode()).hexdigest()[:12]  # documented content hash


def test_dataframe_ids_kept_and_reload_is_idempotent(seed_articles):
    again = _load(seed_articles)
    pd.testing.assert_frame_equal(again, seed_articles, check_dtype=False)


def test_user_field_mapping_wins():
    df = pd.DataFrame({"story_body": [TALKS], "text": ["teaser"], "kicker": ["Grain deal"]})
    row = _load(df, fields={"story_body": "text", "kicker": "title"}).iloc[0]
    assert row["text"] == TALKS and row["title"] == "Grain deal" and row["text_input"] == "teaser"
    with pytest.raises(ValueError, match="unknown columns"):
        load_articles(df, fields={"kicker": "headline"})


def test_glob_and_list_of_paths(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "storm.txt").write_text(STORM, encoding="utf-8")
    (tmp_path / "a" / "deep").mkdir()
    (tmp_path / "a" / "deep" / "budget.txt").write_text(BUDGET, encoding="utf-8")
    (tmp_path / "talks.txt").write_text(TALKS, encoding="utf-8")
    flat = _load(str(tmp_path / "a" / "*.txt"))
    assert list(flat["article_id"]) == ["storm"]
    deep = _load(str(tmp_path / "**" / "*.txt"))
    assert list(deep["article_id"]) == ["a/deep/budget", "a/storm", "talks"]  # relative to the glob root
    mixed = _load([tmp_path / "talks.txt", tmp_path / "a"])
    assert list(mixed["article_id"]) == ["talks", "deep/budget", "storm"]
    assert list(mixed["text"]) == [TALKS, BUDGET, STORM]
    with pytest.raises(FileNotFoundError, match="nothing-here"):
        load_articles(str(tmp_path / "nothing-here" / "*.txt"))


# ---------------------------------------------------------------------------------------- bad input
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def test_folder_with_bad_files_loads_every_good_one(tmp_path):
    good = {"storm.txt": STORM, "budget.txt": BUDGET}
    for name, text in good.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    cp1252 = "The caf\u00e9\u2019s owner said the \u201cnew rules\u201d were unfair \u2013 and costly."
    (tmp_path / "paris.txt").write_bytes(cp1252.encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes(TALKS.encode("utf-16"))  # with its BOM
    (tmp_path / "crlf.txt").write_bytes(BUDGET.replace("\n", "\r\n").encode())
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + STORM.encode())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\t\n\n", encoding="utf-8")
    (tmp_path / "scan.txt").write_bytes(PNG)  # binary under a text name
    (tmp_path / "report.pdf").write_bytes(PDF)
    (tmp_path / "notes.md").write_text("# Notes\n", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")  # hidden: ignored, not reported
    with pytest.warns(SkippedInputWarning) as rec:
        arts = load_articles(tmp_path)
    assert len(rec) == 1  # one summary warning, not one per file
    texts = dict(zip(arts["article_id"], arts["text"]))
    assert texts == {"bom": STORM, "budget": BUDGET, "crlf": BUDGET, "paris": cp1252, "storm": STORM,
                     "utf16": TALKS}
    enc = dict(zip(arts["article_id"], arts["encoding"]))
    assert (enc["paris"], enc["utf16"], enc["bom"], enc["storm"]) == ("cp1252", "utf-16", "utf-8-sig", "utf-8")
    skipped = {Path(s["path"]).name: s["reason"] for s in arts.attrs["skipped"]}
    assert set(skipped) == {"empty.txt", "blank.txt", "scan.txt", "report.pdf", "notes.md"}
    assert skipped["empty.txt"] == "empty file" and skipped["blank.txt"] == "whitespace-only file"
    assert "PNG" in skipped["scan.txt"] and ".pdf" in skipped["report.pdf"] and ".md" in skipped["notes.md"]


def test_documentation_beside_a_corpus_is_passed_over_quietly(tmp_path):
    (tmp_path / "storm.txt").write_text(STORM, encoding="utf-8")
    (tmp_path / "README.txt").write_text("Articles scraped from three regional outlets in 2024.\n", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("Creative Commons Attribution 4.0\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "Attribution.md").write_text("# Credits\nText from the Daily Planet.\n", encoding="utf-8")
    (tmp_path / "sub" / "budget.txt").write_text(BUDGET, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # not one warning: documentation is expected beside a corpus
        arts = load_articles(tmp_path)
        globbed = load_articles(str(tmp_path / "*.txt"))
    assert list(arts["article_id"]) == ["storm", "sub/budget"] and arts.attrs["skipped"] == []
    assert sorted(Path(s["path"]).name for s in arts.attrs["ignored"]) == ["Attribution.md", "LICENSE", "README.txt"]
    assert "documentation" in arts.attrs["ignored"][0]["reason"]
    assert list(globbed["article_id"]) == ["storm"] and len(globbed.attrs["ignored"]) == 1
    named = load_articles(tmp_path / "README.txt")  # a file named explicitly is always read
    assert named["text"].tolist() == ["Articles scraped from three regional outlets in 2024.\n"]
    (tmp_path / "notes.md").write_text("# Notes\n", encoding="utf-8")
    with pytest.warns(SkippedInputWarning, match="notes.md"):  # other unread files still warn
        load_articles(tmp_path)


def test_the_bundled_wikinews_folder_loads_with_nothing_skipped():
    folder = Path(newslab.SEED).parent / "wikinews"
    if not folder.is_dir():
        pytest.skip("the bundled data/ folder is not next to the package (installed from a wheel)")
    with warnings.catch_warnings():
        warnings.simplefilter("error", SkippedInputWarning)
        arts = load_articles(folder)
    assert len(arts) > 200 and arts.attrs["skipped"] == []
    assert [Path(s["path"]).name for s in arts.attrs["ignored"]] == ["ATTRIBUTION.md"]


def test_binary_content_under_a_known_suffix_is_detected(tmp_path):
    (tmp_path / "a.txt").write_bytes(PDF)
    (tmp_path / "b.txt").write_bytes(b"PK\x03\x04" + b"word/document.xml" * 3)
    (tmp_path / "c.jsonl").write_bytes(b'{"text": "x"}\x00\x00\x00')
    with pytest.warns(SkippedInputWarning):
        arts = load_articles(tmp_path)
    reasons = [s["reason"] for s in arts.attrs["skipped"]]
    assert len(arts) == 0 and len(reasons) == 3 and all(r.startswith("binary file") for r in reasons)


def test_corrupt_utf8_is_skipped_not_turned_into_mojibake(tmp_path):
    good = "The minister\u2019s \u201cfinal offer\u201d was rejected \u00e9t\u00e9".encode()
    (tmp_path / "truncated.txt").write_bytes(good[:-1])
    (tmp_path / "corrupt.txt").write_bytes(good[:10] + b"\xff" + good[10:])
    (tmp_path / "ok.txt").write_bytes(good)
    with pytest.warns(SkippedInputWarning):
        arts = load_articles(tmp_path)
    assert list(arts["article_id"]) == ["ok"]
    skipped = {Path(s["path"]).name: s["reason"] for s in arts.attrs["skipped"]}
    assert "truncated UTF-8" in skipped["truncated.txt"] and "invalid UTF-8" in skipped["corrupt.txt"]
    forced = _load(tmp_path / "corrupt.txt", encoding="latin-1")  # the user can force an encoding
    assert forced.loc[0, "encoding"] == "latin-1"


def test_single_bad_file_gives_empty_table_and_warning(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.warns(SkippedInputWarning, match="empty.txt"):
        arts = load_articles(path)
    assert len(arts) == 0 and list(arts.columns) == STANDARD
    assert arts.attrs["skipped"] == [{"path": str(path), "reason": "empty file"}]


def test_records_file_without_text_field_is_skipped_with_accepted_names(tmp_path):
    (tmp_path / "meta.jsonl").write_text(json.dumps({"headline": "No body here"}) + "\n", encoding="utf-8")
    with pytest.warns(SkippedInputWarning):
        arts = load_articles(tmp_path)
    assert "maintext" in arts.attrs["skipped"][0]["reason"]


def test_missing_path_names_it(tmp_path):
    missing = tmp_path / "no-such-corpus"
    with pytest.raises(FileNotFoundError, match="no-such-corpus"):
        load_articles(missing)
    with pytest.raises(FileNotFoundError, match="gone.txt"):
        load_articles([newslab.SEED, tmp_path / "gone.txt"])


def test_dataframe_without_text_column_names_accepted_names():
    with pytest.raises(ValueError, match="maintext.*body.*content"):
        load_articles(pd.DataFrame({"headline": ["A"], "summary": ["B"]}))


def test_missing_text_becomes_empty_string():
    arts = _load(pd.DataFrame({"id": ["a", "b", "c"], "text": [None, float("nan"), "Fine."]}))
    assert list(arts["text"]) == ["", "", "Fine."]


def test_unsupported_source_type():
    with pytest.raises(TypeError, match="path"):
        load_articles(42)


# ------------------------------------------------------------------------------------------- ids
def test_duplicate_ids_get_suffixes_a_warning_and_a_record(tmp_path):
    df = pd.DataFrame({"id": ["x", "x", "y", "x", "x~2"], "text": ["one", "two", "three", "four", "five"]})
    with pytest.warns(DuplicateIdWarning, match="'x'"):
        arts = load_articles(df)
    assert list(arts["article_id"]) == ["x", "x~3", "y", "x~4", "x~2"]  # never collides with a given id
    assert arts.attrs["duplicate_ids"] == [{"article_id": "x~3", "original": "x"},
                                           {"article_id": "x~4", "original": "x"}]
    assert arts["article_id"].is_unique
    with pytest.raises(ValueError, match="duplicate"):
        load_articles(df, duplicates="raise")


def test_same_stem_in_two_folders_is_unique_by_relative_path(tmp_path):
    for sub in ("2023", "2024"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "budget.txt").write_text(f"{BUDGET} ({sub})", encoding="utf-8")
    assert list(_load(tmp_path)["article_id"]) == ["2023/budget", "2024/budget"]


def test_ids_are_stable_across_runs(tmp_path):
    (tmp_path / "b.txt").write_text(BUDGET, encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(json.dumps({"body": STORM}) + "\n", encoding="utf-8")
    first = _load(tmp_path)
    second = _load(tmp_path)
    assert list(first["article_id"]) == list(second["article_id"]) == ["a:1", "b"]
    recs = [{"text": STORM}, {"text": BUDGET}]
    assert list(_load(recs)["article_id"]) == list(_load(list(reversed(recs)))["article_id"])[::-1]


# --------------------------------------------------------------------------------- dates, authors
def test_dates_are_naive_utc_and_raw_kept():
    raw = ["2024-05-02T09:15:00+02:00", "Tue, 05 Dec 2023 10:00:00 GMT", "yesterday", None, 1701770400]
    with pytest.warns(DateWarning, match="'yesterday'"):  # unreadable: left empty, with a warning
        arts = load_articles(pd.DataFrame({"text": list("abcde"), "published": raw}))
    ts = pd.Timestamp
    assert list(arts["date"]) == [ts("2024-05-02 07:15"), ts("2023-12-05 10:00"), pd.NaT, pd.NaT, ts("2023-12-05 10:00")]
    assert arts["date_raw"].tolist()[:3] == raw[:3]


def test_authors_from_bylines_lists_and_dicts():
    arts = _load(pd.DataFrame({"text": list("abcdef"), "byline": [
        "By Jane Doe, John Roe and Ann Lee", "Doe, Jane", '["A. Smith", "B. Jones"]',
        [{"name": "C. Wu"}, {"name": "D. Okafor"}], None, {"original": "By Maria Lind"}]}))
    assert list(arts["authors"]) == [["Jane Doe", "John Roe", "Ann Lee"], ["Doe, Jane"], ["A. Smith", "B. Jones"],
                                     ["C. Wu", "D. Okafor"], [], ["Maria Lind"]]


# ------------------------------------------------------------------------------------------ scale
def test_a_20_mb_text_file_loads_whole(tmp_path):
    para = "Officials said the talks would resume on Monday, and \u201cnothing is agreed yet\u201d.\n"
    body = para * (20 * 2**20 // len(para.encode()) + 1)
    path = tmp_path / "wire-dump.txt"
    path.write_text(body, encoding="utf-8")
    arts = _load(path)
    assert arts.loc[0, "text"] == body and path.stat().st_size >= 20 * 2**20


def test_offsets_are_taken_on_the_stored_text(tmp_path):
    (tmp_path / "crlf.txt").write_bytes(b"One.\r\nTwo.\rThree.\r\n")
    text = _load(tmp_path / "crlf.txt").loc[0, "text"]
    assert text == "One.\nTwo.\nThree.\n" and text[5:9] == "Two."


def test_metadata_nested_under_meta_fills_missing_columns(tmp_path):
    rec = {"id": "hub-1", "text": TALKS, "meta": {"publisher": "herald", "date": "2016-03-01", "title": "Grain deal",
                                                  "author": "Ann Lee", "annotator": "x1"}}
    path = tmp_path / "hub.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    row = _load(path).iloc[0]
    assert (row["title"], row["source"], row["authors"]) == ("Grain deal", "herald", ["Ann Lee"])
    assert row["date"] == pd.Timestamp("2016-03-01")
    assert row["meta"]["annotator"] == "x1"  # the nested object itself is kept


def test_a_csv_saved_as_jsonl_is_one_skip_not_one_per_line(tmp_path):
    path = tmp_path / "mislabelled.jsonl"
    path.write_text("id,text\n" + "".join(f"{i},Storm number {i}\n" for i in range(500)), encoding="utf-8")
    with pytest.warns(SkippedInputWarning):
        arts = load_articles(path)
    assert len(arts) == 0 and len(arts.attrs["skipped"]) == 1
    assert "no valid JSON lines (501 bad; line 1" in arts.attrs["skipped"][0]["reason"]


def test_a_forced_encoding_still_refuses_binary_files(tmp_path):
    (tmp_path / "scan.txt").write_bytes(PNG)
    (tmp_path / "ok.txt").write_bytes("Le caf\u00e9 est ferm\u00e9.".encode("latin-1"))
    with pytest.warns(SkippedInputWarning):
        arts = load_articles(tmp_path, encoding="latin-1")
    assert list(arts["text"]) == ["Le caf\u00e9 est ferm\u00e9."]
    assert "PNG" in arts.attrs["skipped"][0]["reason"]


# ------------------------------------------------------------------- hostile inputs (issue 16)
def test_records_with_path_and_path_input_fields_do_not_abort_the_load(tmp_path):
    recs = [{"id": "w-1", "text": STORM, "path": "/wire/2024/storm", "path_input": "feed-a",
             "encoding": "latin-1", "encoding_input": "x"},
            {"id": "w-2", "text": BUDGET}]
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    arts = _load(path)
    assert list(arts["article_id"]) == ["w-1", "w-2"] and list(arts["path"]) == [str(path)] * 2
    kept = {v for c in arts.columns if c.startswith(("path_input", "encoding_input")) for v in arts[c].dropna()}
    assert kept == {"/wire/2024/storm", "feed-a", "latin-1", "x"}  # every input value kept somewhere
    assert arts.columns.is_unique


def test_one_malformed_csv_row_costs_only_that_row(tmp_path):
    path = tmp_path / "desk.csv"
    path.write_text('id,headline,body\n'
                    'c-1,Storm hits coast,"The storm cut power, officials said."\n'
                    'c-2,Budget vote,"Lawmakers voted late",stray,"cells"\n'
                    'c-3,Grain deal,"Ukraine and Poland agreed on grain transit."\n', encoding="utf-8")
    with pytest.warns(SkippedInputWarning, match=r"desk.csv line 3 .*2 articles kept"):
        arts = load_articles(path)
    assert list(arts["article_id"]) == ["c-1", "c-3"]
    (skip,) = arts.attrs["skipped"]
    assert skip["line"] == 3 and "expected 3 fields, saw 5" in skip["reason"]


def test_csv_without_ids_keeps_record_numbers_after_a_bad_row(tmp_path):
    path = tmp_path / "desk.csv"
    path.write_text('headline,body\nA,"One."\nB,"Two",x\nC,"Three."\n', encoding="utf-8")
    with pytest.warns(SkippedInputWarning):
        arts = load_articles(path)
    assert list(arts["article_id"]) == ["desk:1", "desk:3"]  # ids do not shift past the bad row


def test_records_without_text_are_skipped_and_reported(tmp_path):
    lines = [json.dumps({"id": "n-1", "title": "Photo gallery", "text": None}),
             json.dumps({"id": "n-2", "title": "Video only"}),
             json.dumps({"id": "n-3", "title": "Storm", "text": STORM}),
             json.dumps({"id": "n-4", "text": "   "})]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.warns(SkippedInputWarning, match="feed.jsonl line 1"):
        arts = load_articles(path)
    assert list(arts["article_id"]) == ["n-3"] and (arts["text"] != "").all()
    skipped = {s["line"]: s["reason"] for s in arts.attrs["skipped"]}
    assert set(skipped) == {1, 2, 4} and all("no text" in r for r in skipped.values())
    assert "1 article kept, 3 lines skipped" in skipped[2]
    with pytest.warns(SkippedInputWarning, match="record 1"):  # the same for dicts given in Python
        mine = load_articles([{"title": "Empty", "text": None}, {"title": "Storm", "text": STORM}])
    assert list(mine["title"]) == ["Storm"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded_not_called_binary(tmp_path, codec):
    text = "The caf\u00e9\u2019s owner said the \u201cnew rules\u201d were unfair.\nPrices rose 3%."
    (tmp_path / "wide.txt").write_bytes(text.encode(codec))
    arts = _load(tmp_path / "wide.txt")
    assert arts.loc[0, "text"] == text and arts.loc[0, "encoding"] == codec


def test_special_files_are_skipped_with_a_reason_not_read(tmp_path):
    import os
    import socket
    import subprocess

    (tmp_path / "storm.txt").write_text(STORM, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block forever
    (tmp_path / "random.txt").symlink_to("/dev/urandom")  # never ends
    (tmp_path / "zeros.jsonl").symlink_to("/dev/zero")  # fills memory
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "listen.txt"))
    code = ("import warnings, newslab; warnings.simplefilter('ignore'); "
            f"a = newslab.load_articles({str(tmp_path)!r}); "
            "print(list(a['article_id'])); print(sorted((s['path'].rsplit('/', 1)[1], s['reason']) for s in a.attrs['skipped']))")
    try:  # in a subprocess with a timeout: the failure mode is a hang
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600,
                             check=False)
    finally:
        sock.close()
    assert run.returncode == 0, run.stderr
    ids, skipped = run.stdout.strip().split("\n")
    assert ids == "['storm']"
    for name, kind in (("listen.txt", "socket"), ("pipe.txt", "FIFO"), ("random.txt", "/dev/urandom"),
                       ("zeros.jsonl", "/dev/zero")):
        assert f"('{name}', 'not a regular file: " in skipped and kind in skipped


def test_files_above_the_size_cap_are_skipped_with_the_fix(tmp_path):
    (tmp_path / "dump.txt").write_text(STORM * 20, encoding="utf-8")
    (tmp_path / "storm.txt").write_text(STORM, encoding="utf-8")
    with pytest.warns(SkippedInputWarning, match="file too large"):
        arts = load_articles(tmp_path, max_bytes=len(STORM.encode()) + 10)
    assert list(arts["article_id"]) == ["storm"]
    assert "max_bytes" in arts.attrs["skipped"][0]["reason"]


def test_an_output_folder_inside_the_corpus_is_not_read_back(tmp_path):
    from newslab.articles import mark_output_folder

    (tmp_path / "storm.txt").write_text(STORM, encoding="utf-8")
    out = mark_output_folder(tmp_path / "results")
    pd.DataFrame({"article_id": ["storm"], "text": [STORM]}).to_csv(out / "articles.csv", index=False)
    with pytest.warns(SkippedInputWarning, match="newslab output folder"):
        arts = load_articles(tmp_path)
    assert list(arts["article_id"]) == ["storm"]


def test_an_empty_folder_warns(tmp_path):
    from newslab.articles import EmptyInputWarning

    with pytest.warns(EmptyInputWarning, match="no article"):
        arts = load_articles(tmp_path)
    assert len(arts) == 0 and list(arts.columns) == STANDARD

"""Exports lose nothing: Parquet round-trips exactly, CSV keeps lists as JSON and defuses formulas."""
from __future__ import annotations

import csv
import json

import numpy as np
import pandas as pd
import pytest

from newslab import export


def _quotes_like() -> pd.DataFrame:
    return pd.DataFrame({
        "article_id": ["a1", "a1", "b2"],
        "quote_id": pd.array([0, 1, 0], dtype="int64"),
        "type": ["direct", "indirect", "mixed"],
        "start": [10, 40, 5],
        "end": [30, 60, 25],
        "text": ["=HYPERLINK(\"http://x\",\"click\")", "-the talks failed", "@channel \u201cno comment\u201d"],
        "speaker": ["Peskov", "he", None],
        "speaker_start": pd.array([0, 35, pd.NA], dtype="Int64"),
        "polarity": [0.1, -0.5, np.nan],
        "roles": [["Kremlin Spokesperson"], [], None],
        "evidence": [{"cue": "said", "words": ["groundless"]}, {}, {"x": [1, 2]}],
    })


def test_parquet_round_trip_is_the_same_table(tmp_path):
    df = _quotes_like()
    back = export.read_parquet(export.to_parquet(df, tmp_path / "q.parquet"))
    pd.testing.assert_frame_equal(back, df)
    assert back["roles"].tolist() == [["Kremlin Spokesperson"], [], None]
    assert back["evidence"][0] == {"cue": "said", "words": ["groundless"]}
    assert str(back["speaker_start"].dtype) == "Int64"


def test_parquet_list_columns_are_typed_arrow_lists(tmp_path):
    import pyarrow.parquet as pq

    path = export.to_parquet(pd.DataFrame({"authors": [["Ann Lee", "Bo Chen"], []]}), tmp_path / "a.parquet")
    assert str(pq.read_schema(path).field("authors").type) in {"list<element: string>", "list<item: string>"}


def test_parquet_keeps_a_non_default_index_and_empty_tables(tmp_path):
    df = _quotes_like().set_index("article_id")
    pd.testing.assert_frame_equal(export.read_parquet(export.to_parquet(df, tmp_path / "i.parquet")), df)
    empty = pd.DataFrame({"article_id": pd.Series([], dtype="str"), "start": pd.Series([], dtype="int64")})
    pd.testing.assert_frame_equal(export.read_parquet(export.to_parquet(empty, tmp_path / "e.parquet")), empty)


def test_csv_neutralises_every_formula_start(tmp_path):
    texts = ["=1+1", "+44 20", "-2 degrees", "@SUM(A1)", "\tTAB", "\rCR", "'=already", "plain", "", "a=b"]
    df = pd.DataFrame({"text": texts})
    path = export.to_csv(df, tmp_path / "t.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        cells = [row[0] for row in csv.reader(fh)][1:]
    for cell in cells:  # nothing a spreadsheet would evaluate is left
        assert not cell or cell[0] not in "=+-@\t\r"
    assert cells[:4] == ["'=1+1", "'+44 20", "'-2 degrees", "'@SUM(A1)"]
    assert cells[6:8] == ["''=already", "plain"]
    back = export.read_csv(path)
    assert back["text"].tolist()[:8] == texts[:8]


def test_csv_writes_lists_and_dicts_as_json_and_reads_them_back(tmp_path):
    df = _quotes_like()
    path = export.to_csv(df, tmp_path / "q.csv")
    raw = pd.read_csv(path, keep_default_na=False)
    assert json.loads(raw["roles"][0]) == ["Kremlin Spokesperson"]
    assert json.loads(raw["evidence"][0]) == {"cue": "said", "words": ["groundless"]}
    back = export.read_csv(path)
    assert back["roles"].tolist() == [["Kremlin Spokesperson"], [], None]
    assert back["evidence"].tolist() == df["evidence"].tolist()
    assert back["text"].tolist() == df["text"].tolist()
    assert back["start"].tolist() == [10, 40, 5]


def test_csv_does_not_turn_ordinary_text_into_lists_or_missing_values(tmp_path):
    df = pd.DataFrame({"title": ["[Updated] Talks resume", "NA", "null"], "n": [1, 2, 3]})
    back = export.read_csv(export.to_csv(df, tmp_path / "t.csv"))
    assert back["title"].tolist() == ["[Updated] Talks resume", "NA", "null"]


def test_csv_json_columns_can_be_named(tmp_path):
    df = pd.DataFrame({"a": [["x"]], "b": [["y"]]})
    back = export.read_csv(export.to_csv(df, tmp_path / "t.csv"), json_columns=["a"])
    assert back["a"][0] == ["x"] and back["b"][0] == '["y"]'


@pytest.mark.parametrize("value", [np.array(["x", "y"]), ("x", "y")])
def test_arrays_and_tuples_export_as_lists(tmp_path, value):
    df = pd.DataFrame({"roles": [value]})
    assert export.read_parquet(export.to_parquet(df, tmp_path / "t.parquet"))["roles"][0] == ["x", "y"]
    assert export.read_csv(export.to_csv(df, tmp_path / "t.csv"))["roles"][0] == ["x", "y"]


def _raw_cells(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_csv_neutralises_headers_from_input_field_names(tmp_path):
    # a CSV export whose field names were chosen by whoever made the file
    df = pd.DataFrame({"=HYPERLINK(\"http://x\")": ["a"], "@cmd": ["b"], "-1+2": ["c"], "title": ["d"]})
    path = export.to_csv(df, tmp_path / "h.csv")
    header = _raw_cells(path)[0]
    assert all(h[0] not in "=+-@\t\r" for h in header) and header[3] == "title"
    assert list(export.read_csv(path).columns) == list(df.columns)


def test_csv_neutralises_categorical_and_arrow_string_columns(tmp_path):
    pa = pytest.importorskip("pyarrow")
    df = pd.DataFrame({"section": pd.Categorical(["=SUM(A1:A9)", "World", "@here"]),
                       "kicker": pd.Series(["-breaking", "+live", None], dtype=pd.ArrowDtype(pa.string())),
                       "label": pd.Series(["\tTAB", "ok", "\rCR"], dtype="string")})
    path = export.to_csv(df, tmp_path / "c.csv")
    for row in _raw_cells(path)[1:]:
        assert all(not cell or cell[0] not in "=+-@\t\r" for cell in row), row
    back = export.read_csv(path)
    assert back["section"].tolist() == ["=SUM(A1:A9)", "World", "@here"]
    assert back["kicker"].tolist()[:2] == ["-breaking", "+live"] and pd.isna(back["kicker"][2])
    assert back["label"].tolist() == ["\tTAB", "ok", "\rCR"]


def test_csv_round_trips_ids_empty_strings_and_typed_looking_text(tmp_path):
    df = pd.DataFrame({"article_id": ["007", "0042", "1e5"], "speaker": ["Ann Lee", "", None],
                       "flag": ["True", "no", "nan"], "n_quotes": [3, 0, 12], "score": [0.5, -0.25, 1.0]})
    back = export.read_csv(export.to_csv(df, tmp_path / "ids.csv"))
    assert back["article_id"].tolist() == ["007", "0042", "1e5"]
    assert back["speaker"].tolist()[:2] == ["Ann Lee", ""] and pd.isna(back["speaker"][2])
    assert back["flag"].tolist() == ["True", "no", "nan"]
    assert back["n_quotes"].tolist() == [3, 0, 12] and str(back["n_quotes"].dtype) == "int64"
    assert back["score"].tolist() == [0.5, -0.25, 1.0]


def test_parquet_round_trips_ids_and_empty_strings(tmp_path):
    df = pd.DataFrame({"article_id": ["007", "0042"], "speaker": ["", None]})
    back = export.read_parquet(export.to_parquet(df, tmp_path / "ids.parquet"))
    assert back["article_id"].tolist() == ["007", "0042"]
    assert back["speaker"][0] == "" and pd.isna(back["speaker"][1])

"""The output-identity gate (tools/digest.py) must notice any changed value, dtype, row or column."""
import importlib.util
from pathlib import Path

import pandas as pd

_spec = importlib.util.spec_from_file_location("digest", Path(__file__).resolve().parent.parent / "tools" / "digest.py")
digest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(digest)


def _table(**changes):
    df = pd.DataFrame({"article_id": ["a", "a", "b"], "start": pd.array([0, 5, None], dtype="Int64"),
                       "text": ["x", "y", "z"]})
    for k, v in changes.items():
        df[k] = v
    return {"n_articles": 2, "quotes": digest.table_digest(df)}


def test_identical_tables_compare_equal():
    same, lines = digest.compare(_table(), _table(), allow_added=False)
    assert same and lines == []


def test_a_changed_value_names_its_column_and_article():
    same, lines = digest.compare(_table(), _table(text=["x", "Y", "z"]), allow_added=False)
    assert not same and lines == ["quotes.text: differs in 1 articles, e.g. ['a']"]


def test_a_changed_dtype_or_added_column_is_reported():
    same, lines = digest.compare(_table(), _table(start=pd.array([0, 5, None], dtype="Float64")), allow_added=False)
    assert not same and "dtype" in lines[0]
    same, lines = digest.compare(_table(), _table(rule=["r1", "r1", "r2"]), allow_added=False)
    assert not same and lines == ["quotes: added columns ['rule']"]
    assert digest.compare(_table(), _table(rule=["r1", "r1", "r2"]), allow_added=True)[0]


def test_the_corpus_holds_the_tests_texts():
    texts = digest.test_texts(Path(__file__).resolve().parent.parent)
    assert any("Choe" in t or "said" in t for t in texts) and all(len(t) >= digest.MIN_TEST_TEXT for t in texts)


def test_test_texts_are_named_by_content_so_new_ones_shift_nothing():
    a, b = "First text of a test, long enough to be an article.", "Second text, also long enough to count."
    assert digest.test_id(a) == digest.test_id(a) != digest.test_id(b)
    assert digest.test_id(a).startswith("test-")


def test_different_stance_targets_make_the_stance_digests_incomparable():
    old = {**_table(), "stance_targets": ["Russia", "United States"]}
    same, lines = digest.compare(old, {**_table(), "stance_targets": ["Russia"]}, allow_added=False)
    assert not same and lines == ["stance targets: ['Russia', 'United States'] before, ['Russia'] now"]
    assert digest.compare(old, {**_table(), "stance_targets": ["Russia", "United States"]}, allow_added=False)[0]

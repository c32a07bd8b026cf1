"""The shortcuts of newslab.stance_roles give what the plain reading gives: the chunk-cached
tokeniser the regex's tokens, the act test before roles() every role, the word caches the same
words within their bound."""
from __future__ import annotations

import importlib

import pytest

sr = importlib.import_module("newslab.stance_roles")

TEXTS = [
    "Lawmakers in Ottawa criticized the minister's handling of the pipeline deal, calling it \"reckless.\"",
    "The U.S. and Japan condemned Pyongyang's missile launch on Tuesday; China urged restraint.",
    "Dr. Amara Okafor, a well-known epidemiologist, said the city's response wasn't fast enough.",
    "Officials at the Port-au-Prince ministry didn't comment.  Two spaces follow a full stop here.",
    " A leading space, and a trailing one ",
    "A tab\tand a line break\nsplit this one",
    "Ties between Kyiv and Warsaw, long strained, improved after talks (AP).",
    "snake_case_names and 3,400 troops, 12.5% inflation and the mayor\u2019s \u201csurprise\u201d veto",
    "Caf\u00e9 owners in Montr\u00e9al praised the plan\u2014but not the tax.",
    "\u00a0A no-break space opens this sentence.",
    "",
    "!!!",
]


@pytest.mark.parametrize("text", TEXTS)
def test_chunk_cached_split_equals_the_regex(text):
    norm = sr.normalise(text)
    assert sr._split(norm) == sr._SPLIT.split(norm)


def test_chunk_cache_is_bounded_and_gives_the_same_tokens(monkeypatch):
    monkeypatch.setattr(sr, "_CHUNKS", sr._Memo(sr._chunk_parts, 5))
    for text in TEXTS:
        norm = sr.normalise(text)
        assert sr._split(norm) == sr._SPLIT.split(norm)
        assert len(sr._CHUNKS) <= 5


def test_word_cache_is_bounded_and_gives_the_same_words(monkeypatch):
    plain = {w: sr._word(w) for w in ("condemned", "ties", "war", "not", "praised", "the")}
    monkeypatch.setattr(sr, "_WORDS", sr._Memo(sr._word, 3))
    for w, info in plain.items():
        assert sr.word(w) == info
        assert len(sr._WORDS) <= 3


@pytest.mark.parametrize("text", [t for t in TEXTS if t.strip(" !")])
def test_no_role_is_lost_to_the_act_test(text):
    """Wherever _direct finds an act for a span, _act_near says one is near (so roles() reads it)."""
    doc = sr.analyse(text)
    n = len(doc.words)
    for t0 in range(n):
        for t1 in range(t0, min(n, t0 + 3)):
            if sr._direct(doc, t0, t1)[0] >= 0:
                assert sr._act_near(doc, t0, t1), (text, doc.words[t0:t1 + 1])


def test_an_act_in_another_sentence_gives_no_role():
    doc = sr.analyse("Critics condemned the plan on Monday. Acme opened the new transit line in northern Manitoba.")
    acme = doc.words.index("Acme")
    assert sr._act_tokens(doc) == [0, 1]  # "Critics", "condemned"
    assert not sr._act_near(doc, acme, acme) and sr.roles(doc, acme, acme) is None
    assert sr._act_near(doc, 2, 3)  # "the plan": right after "condemned"

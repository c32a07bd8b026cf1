"""The two conventions: quotations of speech (default) and attribution relations (PolNeAR)."""
import pandas as pd
import pytest

from newslab import conventions as C


def _q(**cols):
    n = len(next(iter(cols.values())))
    base = {"article_id": ["a"] * n, "quote_id": list(range(n)), "type": ["indirect"] * n,
            "cue_class": ["speech"] * n, "cue_start": [None] * n}
    base.update(cols)
    return pd.DataFrame(base)


def test_unknown_convention_lists_the_known_ones():
    with pytest.raises(ValueError, match="'quotes'.*'attributions'"):
        C.check_convention("journalism")


def test_beliefs_evidence_and_attitudes_are_not_quotations():
    q = _q(cue=["said", "thinks", "show", "denied"], text=["x", "y", "z", "that w"],
           cue_class=["speech", "belief", "evidence", "attitude"])
    assert C.keep_speech(q)["cue"].tolist() == ["said"]


def test_keep_speech_reads_the_cue_when_there_is_no_cue_class():
    q = pd.DataFrame({"cue": ["said", "believes", "Endorsed", ":"]})
    assert C.keep_speech(q)["cue"].tolist() == ["said", ":"]
    with pytest.raises(ValueError, match="cue_class"):
        C.keep_speech(pd.DataFrame({"text": ["x"]}))


@pytest.mark.parametrize("text, cue, dropped", [
    ("He won\u2019t say what the message is.", "say", True),
    ("I don't recall anyone complaining.", "recall", True),
    ("The ministry did not immediately confirm the report.", "confirm", True),
    ("She never said that.", "said", True),
    ("The order that was not overturned declared the vote void.", "declared", False),
    ("Officials said the road would reopen.", "said", False),
])
def test_negated_speech_is_not_a_quotation(text, cue, dropped):
    q = _q(cue=[cue], text=["x"], cue_start=[text.index(cue)])
    assert C.drop_negated(q, {"a": text}).empty is dropped


@pytest.mark.parametrize("kind, cue, content, kept", [
    ("indirect", "denied", "the substance of the report", False),
    ("indirect", "denied", "that he had met the lobbyist", True),
    ("indirect", "called", "911", False),
    ("mixed", "called", 'the plan "a disaster"', True),
    ("indirect", "asked", "whether the budget would pass", True),
    ("indirect", "urged", "calm after the vote", False),
    ("indirect", "said", "the plant would close", True),
    ("indirect", "told", "about the first time he flew", False),
    ("indirect", "writes", "about style and culture", False),
    ("indirect", "said", "about 30 people were killed", True),
    ("indirect", "said", "at least 12 people were killed", True),
    ("indirect", "said", "about $2 million was missing", True),
    ("direct", "protested", "\u201cThis is theft,\u201d", True),
])
def test_speech_acts_count_only_with_words(kind, cue, content, kept):
    q = _q(type=[kind], cue=[cue], text=[content])
    assert (len(C.drop_acts_without_words(q)) == 1) is kept


def test_a_split_quotation_becomes_one_row_per_piece_with_exact_offsets():
    text = '"We will win," she said. "Taxes will fall."'
    q = _q(type=["direct"], start=[0], end=[len(text)], text=[text], cue=["said"], speaker=["she"],
           content_spans=[[(0, 14), (25, 43)]])
    out = C.to_quotations(q, {"a": text})
    assert out[["quote_id", "start", "end", "speaker", "cue"]].values.tolist() == [
        [0, 0, 14, "she", "said"], [1, 25, 43, "she", "said"]]
    assert all(text[s:e] == t for s, e, t in zip(out["start"], out["end"], out["text"]))
    assert out["content_spans"].tolist() == [[(0, 14)], [(25, 43)]]


def test_passes_are_declared_in_order():
    assert [p.__name__ for p in C.PASSES] == ["keep_speech", "drop_negated", "drop_acts_without_words",
                                              "split_quotations"]


# --------------------------------------------------------------------------- through nl.quotes
def _quotes(text, **kw):
    import newslab as nl
    return nl.quotes(pd.DataFrame({"article_id": ["t"], "text": [text]}), **kw)


def test_the_default_counts_each_quotation_of_a_split_quote():
    text = "\u201cWe will not give up,\u201d said Amara Obi, the union\u2019s leader. \u201cNot this time.\u201d"
    q = _quotes(text)
    assert q[["type", "text", "speaker", "cue"]].values.tolist() == [
        ["direct", "\u201cWe will not give up,\u201d", "Amara Obi, the union\u2019s leader", "said"],
        ["direct", "\u201cNot this time.\u201d", "Amara Obi, the union\u2019s leader", "said"]]
    assert q["quote_id"].tolist() == [0, 1]
    assert all(text[s:e] == t for s, e, t in zip(q["start"], q["end"], q["text"]))
    assert len(_quotes(text, convention="attributions")) == 1


def test_the_default_leaves_out_beliefs_evidence_and_bare_acts():
    text = ("Polls show the premier trailing. The minister thinks the deal is dead. "
            "The company denied the report. Ms. Patel said the vote would go ahead. "
            "He did not say when the talks would resume.")
    assert _quotes(text)["cue"].tolist() == ["said"]
    assert {"show", "thinks", "denied", "say"} <= set(_quotes(text, convention="attributions")["cue"])


def test_an_unknown_convention_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown convention"):
        _quotes("He said so.", convention="polnear")

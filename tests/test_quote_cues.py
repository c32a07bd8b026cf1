"""Tests for newslab.quote_cues: the one verb table and the cue scan."""
from __future__ import annotations

from newslab import _lexicon, quote_cues
from newslab.quotes import quotes_in


def test_the_verb_table_holds_every_property_of_a_verb():
    said = quote_cues.verb_properties("said")
    assert said is not None and said["class"] == "speech" and said["inverts"] and said["headline"]
    assert quote_cues.verb_properties("thinks")["class"] == "belief"
    assert quote_cues.verb_properties("endorsed")["class"] == "attitude"
    assert quote_cues.verb_properties("posted")["direct_only"]
    assert quote_cues.verb_properties("warned")["tell"]
    assert quote_cues.verb_properties("adding")["adding"]
    assert quote_cues.verb_properties("wants")["to_clause"]
    assert quote_cues.verb_properties("walked") is None
    # the views the rules read are the table's
    assert "told" in quote_cues._TELL and "Says" in quote_cues._TITLE_CASE_CUES
    assert quote_cues._verbs()["said"] == "speech" and "said" in quote_cues._inversion_verbs()


def test_each_property_changes_what_the_rules_do():
    # direct_only: "posted" attributes a quotation, never a clause
    assert [r["speaker"] for r in quotes_in('"See you all in Perth," she posted on Instagram.')] == ["she"]
    assert quotes_in("The airline posted a loss of $40 million for the quarter.") == []
    # tell: the addressee is no part of the content
    got = quotes_in("The manager told staff the branch would close in June.")
    assert [r["text"] for r in got] == ["the branch would close in June"]
    # inverts: '"...," said X' but not '"...," endorsed X'
    assert [r["speaker"] for r in quotes_in('"The dam will hold," said Ines Duarte.')] == ["Ines Duarte"]


def test_speakers_lexicon_stays_equal_to_the_speech_class():
    # speakers.py still reads reporting_verbs.txt: it must list the table's verbs of saying
    speech = {f for f, c in quote_cues._verbs().items() if c == "speech"}
    reporting = _lexicon.words("reporting_verbs.txt")
    assert reporting <= speech
    assert speech - reporting <= quote_cues._direct_only_verbs()


def test_the_table_is_well_formed():
    rows = quote_cues._verb_rows()
    assert len({r[0] for r in rows}) == len(rows)  # one line per form
    assert {r[1] for r in rows} <= {"speech", "belief", "attitude", "-"}
    assert all(set(r[2:]) <= {"y", "-"} for r in rows)

"""gender / gender_evidence: only what the text states. Texts of our own, in many newsrooms' styles."""
from __future__ import annotations

import pandas as pd
import pytest

import newslab as nl
from newslab.gender import speaker_gender

TEXTS = {
    "bbc": ("Sir Keir Starmer defended the budget on Monday. \"We will not borrow for day-to-day spending,\" "
            "he said. Rachel Reeves, the chancellor, agreed. \"The numbers add up,\" she said."),
    "toi": ("NEW DELHI: Smt. Nirmala Sitharaman presented the budget. Rahul Gandhi disagreed. "
            "\"It ignores the poor,\" Gandhi said."),
    "ng": ("ABUJA — \"We are ready,\" said Alhaji Musa Bello, the party chairman. Ngozi Eze, a trader in "
           "Wuse market, was less sure. \"Prices keep rising,\" Eze said."),
    "sg": ("SINGAPORE — Mr Lee Wei Ming said the ministry would act. Tan Mei Ling said \"it is too late.\" "
           "Ms Tan added that families were worried."),
    "cp": ("TORONTO — Dr. Amara Singh said the wait times were too long. \"We are short of nurses,\" Singh "
           "said. Mrs. Singh, who runs the clinic, has asked the province for help."),
}
EXPECTED = {"Keir Starmer": "man", "Rachel Reeves": "woman", "Musa Bello": "man", "Tan Mei Ling": "woman",
            "Lee Wei Ming": "man", "Amara Singh": "woman",
            # no pronoun, no honorific: never guessed from the name
            "Rahul Gandhi": "unknown", "Ngozi Eze": "unknown"}


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    arts = pd.DataFrame({"article_id": list(TEXTS), "text": list(TEXTS.values())})
    return nl.speakers(nl.quotes(arts), arts).set_index("speaker_id")


@pytest.mark.parametrize(("who", "gender"), sorted(EXPECTED.items()))
def test_gender_as_the_text_states_it(table, who, gender):
    assert table.loc[who, "gender"] == gender


def test_evidence_points_into_the_text(table):
    ev = table.loc["Keir Starmer", "gender_evidence"]
    assert ev == "he (bbc:94); Sir Keir (bbc:0)"  # the pronoun of a quote; the honorific in the text
    assert TEXTS["bbc"][94:96] == "he"
    # the honorific elsewhere in the article, not in a speaker mention
    assert "Mrs. Singh (cp:" in table.loc["Amara Singh", "gender_evidence"]
    assert table.loc["Rahul Gandhi", "gender_evidence"] == ""


def test_conflicting_evidence_is_unknown_with_both_shown():
    q = pd.DataFrame({"article_id": ["a", "a", "b"], "speaker": ["Mr. Ade", "she", "Ade"],
                      "speaker_start": [0, 50, 0], "speaker_name": ["Ade Bello"] * 3})
    row = speaker_gender(q).iloc[0]
    assert row["gender"] == "unknown"
    assert row["gender_evidence"] == "she (a:50); Mr. Ade (a:0)"
    assert speaker_gender(q, min_share=0.5).iloc[0]["gender"] in ("woman", "man")


def test_mr_and_mrs_of_one_surname_in_an_article_are_not_evidence():
    arts = pd.DataFrame({"article_id": ["x"], "text": ["Mr. Patel and Mrs. Patel arrived. Raj Patel spoke."]})
    q = pd.DataFrame({"article_id": ["x"], "speaker": ["Raj Patel"], "speaker_start": [34],
                      "speaker_name": ["Raj Patel"]})
    row = speaker_gender(q, arts).iloc[0]
    assert (row["gender"], row["gender_evidence"]) == ("unknown", "")


def test_seed_article_speakers():
    arts = nl.load_articles(nl.SEED)
    s = nl.speakers(nl.quotes(arts), arts).set_index("speaker_id")
    assert s.loc["Dmitry Peskov", "gender"] == "man"  # "he said", "He added"
    assert s.loc["Choe Son Hui", "gender"] == "unknown"  # the article gives no pronoun nor honorific
    assert s.loc["North Korea", "gender"] == "unknown"


def test_speaker_gender_needs_the_mention_column():
    with pytest.raises(ValueError, match="speaker"):
        speaker_gender(pd.DataFrame({"speaker_name": ["Ann Lee"]}))


@pytest.mark.parametrize(("text", "speaker"), [
    # Indian regional news: a couple speaks; "husband" is the other person's word
    (("BENGALURU: A farmer couple from Mandya has accused a moneylender of seizing their land. Rajamma and her "
      "husband told reporters on Monday that they had repaid the loan twice over."), "Rajamma and her husband"),
    # British: "Mr and Mrs" of one family
    ("Mr and Mrs Okafor said the council had ignored their complaints for a year.", "Mr and Mrs Okafor"),
])
def test_a_mention_of_two_people_states_no_gender(text, speaker):
    arts = pd.DataFrame({"article_id": ["x"], "text": [text]})
    q = nl.quotes(arts)
    assert speaker in q["speaker"].tolist()
    s = nl.speakers(q, arts)
    assert (s.loc[s.speaker_name == q.loc[q.speaker == speaker, "speaker_name"].iloc[0], "gender"]
            == "unknown").all()


def _honorific_pattern():
    import re

    from newslab.gender import _gendered

    honorifics = _gendered()[1]
    words = "|".join(sorted((re.escape(h) for h in honorifics), key=len, reverse=True))
    return re.compile(r"\b(" + words + r")\.?[ \u00a0]+([A-Z][\w'\u2019\-]*)", re.IGNORECASE), honorifics


@pytest.mark.parametrize("text", [
    "Hamr Lee met Mrs. Okafor and MR Ade, then mr. Mr. Bo; Ms\u00a0Lee and items Ms. Arms.",
    "\u201cWe will appeal,\u201d said Señora López, beside Señor Ruiz and Frau Müller \u2014 and HERR Schmidt.",
    "Mr.Dr. Smith Mr Dr. Smith, Sir  Keir and Smt. Nirmala. Alhaji Musa; Mallam Sani.",
    "M\u017f Lee, \u0130stanbul's Mr. \u0130nce and S\u0131r Keir, with Mrs. \u00d6zt\u00fcrk.",
    "",
])
def test_honorifics_are_found_where_the_whole_text_scan_finds_them(text):
    from newslab.gender import _finditer_at_words

    rx, honorifics = _honorific_pattern()
    want = [(m.span(), m.groups()) for m in rx.finditer(text)]
    assert [(m.span(), m.groups()) for m in _finditer_at_words(rx, text, honorifics)] == want


def test_only_the_odd_characters_fold_onto_an_honorific_letter():
    import re

    from newslab.gender import _FOLD_ODD

    _, honorifics = _honorific_pattern()
    letters = set("".join(honorifics))
    rx = re.compile("[" + re.escape("".join(sorted(letters))) + "]", re.IGNORECASE)
    odd = {chr(i) for i in range(0x110000) if len(chr(i).lower()) != 1
           or (rx.fullmatch(chr(i)) and chr(i).lower() not in letters)}
    assert odd <= _FOLD_ODD

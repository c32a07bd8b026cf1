"""speaker_ids: one identity across a corpus. Corpus and texts of our own writing."""
from __future__ import annotations

import pandas as pd
import pytest

import newslab as nl
from newslab.identity import count_speakers, speaker_ids

# Each person or organisation: the canonical name expected, then (article, spelling as the resolver
# would give it, role) over several articles. Wire, British, Canadian, Indian, African and Asian styles.
CORPUS = {
    "Donald Trump": [("us1", "Donald J. Trump", "President"), ("us2", "Donald Trump", None),
                     ("us3", "Donald Trump", "President"), ("us3", "President Donald Trump", None)],
    "Hillary Clinton": [("us1", "Hillary Rodham Clinton", None), ("us2", "Hillary Clinton", None),
                        ("us4", "Clinton", None), ("us4", "Hillary Clinton", None)],
    "Bill Clinton": [("us5", "Bill Clinton", None), ("us5", "Bill J. Clinton", None), ("us6", "Bill Clinton", None)],
    "George W. Bush": [("us7", "George W. Bush", None), ("us8", "George W. Bush", None)],
    "George H.W. Bush": [("us7", "George H.W. Bush", None), ("us9", "George H.W. Bush", None)],
    "Donald Trump Jr.": [("us2", "Donald Trump Jr.", None), ("us6", "Donald Trump Jr.", None)],
    "Keir Starmer": [("uk1", "Sir Keir Starmer", "Prime Minister"), ("uk2", "Keir Starmer", None),
                     ("uk2", "Starmer", None)],
    "Rachel Reeves": [("uk1", "Rachel Reeves", "Chancellor"), ("uk3", "Ms. Reeves", None), ("uk3", "Rachel Reeves", None)],
    "Justin Trudeau": [("ca1", "Justin Trudeau", "Prime Minister"), ("ca2", "Trudeau", None), ("ca3", "Justin Trudeau", None)],
    "Chrystia Freeland": [("ca1", "Chrystia Freeland", None), ("ca4", "Freeland", None)],
    "Darian Lonechild": [("ca5", "Darian Lonechild", None), ("ca5", "Lonechild", None), ("ca6", "Darian Lonechild", None)],
    "Narendra Modi": [("in1", "Narendra Modi", "Prime Minister"), ("in2", "Shri Narendra Modi", None),
                      ("in3", "Modi", None)],
    "Nirmala Sitharaman": [("in1", "Nirmala Sitharaman", None), ("in4", "Smt. Nirmala Sitharaman", None)],
    "Bola Tinubu": [("ng1", "Bola Ahmed Tinubu", "President"), ("ng2", "Bola Tinubu", None), ("ng3", "Tinubu", None)],
    "Ngozi Okonjo-Iweala": [("ng1", "Ngozi Okonjo-Iweala", None), ("ng4", "Dr. Ngozi Okonjo-Iweala", None),
                            ("ng4", "Okonjo-Iweala", None)],
    "Cyril Ramaphosa": [("za1", "Cyril Ramaphosa", "President"), ("za2", "Cyril Matamela Ramaphosa", None),
                        ("za3", "Ramaphosa", None)],
    "Anwar Ibrahim": [("my1", "Datuk Seri Anwar Ibrahim", None), ("my2", "Anwar Ibrahim", None)],
    "Lee Hsien Loong": [("sg1", "Lee Hsien Loong", None), ("sg2", "Lee Hsien Loong", None), ("sg2", "Mr. Lee Hsien Loong", None)],
    "Shigeru Ishiba": [("jp1", "Shigeru Ishiba", None), ("jp2", "Ishiba", None)],
    "François Legault": [("ca7", "François Legault", None), ("ca8", "Francois Legault", None), ("ca8", "Legault", None)],
    "Emmanuel Macron": [("fr1", "Emmanuel Macron", None), ("fr2", "EMMANUEL MACRON", None), ("fr2", "Macron", None)],
    "The FBI": [("us1", "the FBI", None), ("us2", "The FBI", None), ("us3", "FBI", None)],
    "The Associated Press": [("us4", "the Associated Press", None), ("us5", "The Associated Press", None),
                             ("us6", "AP", None)],
    "Health Canada": [("ca2", "Health Canada", None), ("ca3", "health Canada", None)],
}


def _table() -> tuple[pd.DataFrame, list[str]]:
    rows, expected = [], []
    for ident, spellings in CORPUS.items():
        for aid, name, role in spellings:
            rows.append({"article_id": aid, "speaker_name": name, "speaker_role": role})
            expected.append(ident)
    return pd.DataFrame(rows), expected


def test_every_spelling_joins_its_identity():
    q, expected = _table()
    assert len({i for i in CORPUS if i[:1].isupper() and " " in i}) >= 20
    got = speaker_ids(q)["speaker_id"].tolist()
    wrong = [(n, g, e) for n, g, e in zip(q["speaker_name"], got, expected) if g != e]
    assert wrong == []
    assert count_speakers(q) == len(CORPUS)


def test_people_who_share_a_surname_stay_apart():
    q, _ = _table()
    ids = dict(zip(q["speaker_name"], speaker_ids(q)["speaker_id"]))
    assert ids["Bill Clinton"] != ids["Hillary Clinton"]
    assert ids["George W. Bush"] != ids["George H.W. Bush"]
    assert ids["Donald Trump Jr."] != ids["Donald J. Trump"]


def test_a_bare_surname_with_two_owners_is_left_alone_unless_its_article_decides():
    q = pd.DataFrame({"article_id": ["a", "b", "c", "d"],
                      "speaker_name": ["Hillary Clinton", "Bill Clinton", "Clinton", "Clinton"]})
    arts = pd.DataFrame({"article_id": ["a", "b", "c", "d"],
                         "text": ["", "", "Mr. Clinton spoke.", "Former secretary of state Hillary Clinton spoke."]})
    assert speaker_ids(q)["speaker_id"].tolist() == ["Hillary Clinton", "Bill Clinton", "Clinton", "Clinton"]
    assert speaker_ids(q, arts)["speaker_id"].tolist()[2:] == ["Clinton", "Hillary Clinton"]


def test_the_role_the_corpus_gives_one_owner_decides_a_bare_surname():
    q = pd.DataFrame({"article_id": list("aaab") + ["c"],
                      "speaker_name": ["Barack Obama"] * 3 + ["Michelle Obama", "Obama"],
                      "speaker_role": ["President"] * 3 + ["First Lady", "President"]})
    assert speaker_ids(q)["speaker_id"].iloc[-1] == "Barack Obama"


def test_common_words_and_headings_are_not_surnames():
    q = pd.DataFrame({"article_id": ["a", "b", "c"],
                      "speaker_name": ["New Hampshire Republican", "Republican", "LOOK"]})
    ids = speaker_ids(q)["speaker_id"].tolist()
    assert ids[1] == "Republican" and ids[2] == "LOOK"


def test_unnamed_sources_keep_their_wording_and_missing_names_stay_missing():
    q = pd.DataFrame({"article_id": ["a", "b", "c"], "speaker_name": ["officials", "Officials", None]})
    ids = speaker_ids(q)["speaker_id"].tolist()
    assert ids[0] == ids[1] and ids[2] is None
    assert count_speakers(q) == 1


def test_speaker_ids_needs_speaker_name():
    with pytest.raises(ValueError, match="speaker_name"):
        speaker_ids(pd.DataFrame({"x": [1]}))


def test_speakers_table_counts_by_identity_and_lists_spellings():
    q, _ = _table()
    q["type"] = "direct"
    q["text"] = "We will act."
    table = nl.speakers(q)
    assert len(table) == count_speakers(q) == len(CORPUS)
    row = table.set_index("speaker_id").loc["Donald Trump"]
    assert row["n_quotes"] == 4
    assert set(row["spellings"]) == {"Donald J. Trump", "Donald Trump", "President Donald Trump"}


def test_end_to_end_from_articles():
    arts = pd.DataFrame({"article_id": ["wire", "globe"], "text": [
        'WASHINGTON (AP) — "We are not done," Donald J. Trump said on Tuesday at the White House.',
        ('OTTAWA — Donald Trump spoke to reporters. "The deal is good," Trump said.'
         ' "It is a fair deal," said Chrystia Freeland, the finance minister.')]})
    table = nl.speakers(nl.quotes(arts), arts)
    assert table.set_index("speaker_id").loc["Donald Trump", "n_quotes"] == 2
    assert "Chrystia Freeland" in set(table["speaker_id"])


def test_chart_and_speakers_table_agree_on_the_number_of_speakers():
    from newslab import plots

    q, _ = _table()
    q["type"] = "direct"
    q["text"] = "We will act."
    q.loc[len(q)] = {"article_id": "x", "speaker_name": None, "speaker_role": None, "type": "direct",
                     "text": "No name."}
    m = len(nl.speakers(q))
    assert m == count_speakers(q) == len(CORPUS)
    ax = plots.quotes_per_speaker(q, top=5)
    assert f"top 5 of {m} speakers" in ax.get_title()
    plots.close(ax)
    ax = plots.quotes_per_speaker(nl.speakers(q), top=5)
    assert f"of {m} speakers" in ax.get_title()
    plots.close(ax)


def test_an_article_that_names_another_person_with_the_surname_vetoes_the_corpus_owner():
    q = pd.DataFrame({"article_id": ["a", "b"], "speaker_name": ["Stephen Moore", "Moore"]})
    arts = pd.DataFrame({"article_id": ["a", "b"],
                         "text": ["", "Actress Julianne Moore was at the gala. \"It was fun,\" Moore said."]})
    assert speaker_ids(q, arts)["speaker_id"].tolist() == ["Stephen Moore", "Moore"]
    assert speaker_ids(q)["speaker_id"].tolist() == ["Stephen Moore", "Stephen Moore"]  # no text, no veto


def test_timeline_by_speaker_id_counts_the_same_speakers():
    from newslab import plots

    q, _ = _table()
    q = speaker_ids(q)
    q.loc[len(q)] = {"article_id": "us1", "speaker_name": None, "speaker_role": None, "speaker_id": None}
    arts = pd.DataFrame({"article_id": sorted(set(q["article_id"]))})
    arts["date"] = [f"2024-0{1 + i % 3}-01" for i in range(len(arts))]
    ax = plots.timeline(q, articles=arts, by="speaker_id", top=3)
    assert ax.get_legend().get_title().get_text() == f"speaker id (top 3 of {count_speakers(q)})"
    plots.close(ax)

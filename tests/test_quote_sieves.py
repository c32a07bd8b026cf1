"""Tests for newslab.quote_sieves and newslab.quote_cleanup: every rule, by name, on a text of its shape.

Each row of ``quotes`` records the sieve that made it (``rule``) and the class of its cue
(``cue_class``); these tests pin one text of our own per rule, the rules that make no statement
(guards), the declared order, and the three channel shapes (tweets and posts).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from newslab import quote_cleanup, quote_sieves
from newslab.quotes import quotes_in

README = Path(__file__).resolve().parents[1] / "README.md"

# rule -> (text, speaker, cue, content, cue_class)
RULE_CASES = {
    "according_to": ("Turnout fell to 41 per cent, according to the county elections office.",
                     "the county elections office", "according to", "Turnout fell to 41 per cent", "according_to"),
    "asked_question": ("Asked whether she would run again, the councillor smiled and left the chamber.",
                       None, "Asked", "whether she would run again", "speech"),
    "adding_that": ("The minister defended the budget, adding that hospitals would get more staff next year.",
                    "The minister", "adding", "that hospitals would get more staff next year", "speech"),
    "appositive_subject": (("Priya Nair, a spokeswoman for the port authority, said the terminal would reopen on "
                            "Friday."), "Priya Nair, a spokeswoman for the port authority", "said",
                           "the terminal would reopen on Friday", "speech"),
    "said_inverted": ("\u201cWe are not leaving until the job is done,\u201d said Tomas Berg, the site foreman.",
                      "Tomas Berg, the site foreman", "said", "\u201cWe are not leaving until the job is done,\u201d",
                      "speech"),
    "said_after_quote": ("\u201cThe water is safe to drink again,\u201d the utility\u2019s director told residents.",
                         "the utility\u2019s director", "told", "\u201cThe water is safe to drink again,\u201d", "speech"),
    "wants_to": ("The union wants to renegotiate the contract before the summer.", "The union", "wants",
                 "to renegotiate the contract before the summer", "belief"),
    "said_inside_content": ("The new bridge, the mayor said, would cut commuting times by half.", "the mayor", "said",
                            "The new bridge, the mayor said, would cut commuting times by half", "speech"),
    "attitude_clause": ("Senator Ruiz endorsed the mayor last week, praising her record on housing.", "Senator Ruiz",
                        "endorsed", "the mayor last week", "attitude"),
    "said_that": ("The coach said that the team had trained harder than ever this season.", "The coach", "said",
                  "that the team had trained harder than ever this season", "speech"),
    "said_first": ("Said one fisherman, \u201cThe cod have not come back in twenty years.\u201d", "one fisherman", "Said",
                   "\u201cThe cod have not come back in twenty years.\u201d", "speech"),
    "headline_colon": ("Mayor Okafor: City Will Not Raise Fares This Year\n\nThe council met on Monday.", "Mayor Okafor",
                       ":", "City Will Not Raise Fares This Year", "headline"),
    "name_colon_quote": (("The report drew sharp reactions. Economist Lena Vogel: \u201cThese numbers are worse than "
                          "anyone expected.\u201d"), "Economist Lena Vogel", ":",
                         "\u201cThese numbers are worse than anyone expected.\u201d", "colon"),
    "dash_signature": ("\u201cEvery child deserves a safe walk to school.\u201d \u2015 Maria Santos, parent",
                       "Maria Santos, parent", "\u2015", "\u201cEvery child deserves a safe walk to school.\u201d",
                       "signature"),
    "floating": (("\u201cWe won the vote,\u201d the senator said after the session.\n\n\u201cNow the real work of fixing "
                  "the roads begins for all of us.\u201d"), "the senator", "said",
                 "\u201cNow the real work of fixing the roads begins for all of us.\u201d", "speech"),
    "tweet_read": (("Hours after the vote, Senator Maria Lopez\u2019s tweet read: \u201cWe will not back down on this "
                    "bill.\u201d"), "Senator Maria Lopez", "tweet read", "\u201cWe will not back down on this bill.\u201d",
                   "channel"),
    "in_a_post": ("Premier Doug Ford, in a tweet: \"Ontario is open for business and we are hiring.\"",
                  "Premier Doug Ford", "in a tweet", "\"Ontario is open for business and we are hiring.\"", "channel"),
    "on_platform": ("Trump on Twitter: \"The fake news media is working overtime today!\"", "Trump", "on Twitter",
                    "\"The fake news media is working overtime today!\"", "channel"),
}


def _rule_names() -> set[str]:
    return ({s.__name__ for s in quote_sieves.SIEVES} | {s.__name__ for s, _ in quote_sieves.ARTICLE_SIEVES}
            | {s.__name__ for s, _ in quote_sieves.CHANNEL_SIEVES} | {"said_first", "floating"})


@pytest.mark.parametrize("rule", sorted(RULE_CASES))
def test_each_rule_on_a_text_of_its_shape(rule: str) -> None:
    text, speaker, cue, content, cue_class = RULE_CASES[rule]
    got = [r for r in quotes_in(text) if r["rule"] == rule]
    assert [(r["speaker"], r["cue"], r["text"], r["cue_class"]) for r in got] == [(speaker, cue, content, cue_class)]
    r = got[0]
    assert text[r["start"]:r["end"]] == r["text"] and text[r["cue_start"]:r["cue_end"]] == r["cue"]
    if speaker is not None:
        assert text[r["speaker_start"]:r["speaker_end"]] == speaker


def test_every_row_names_a_declared_rule() -> None:
    names = _rule_names()
    for text, *_ in RULE_CASES.values():
        assert all(r["rule"] in names and r["cue_class"] for r in quotes_in(text))


@pytest.mark.parametrize("text", [
    "The pledged delegates met in Ohio on Saturday.",           # not_a_verb: an adjective
    "The party\u2019s claims were dismissed by the court.",      # not_a_verb: a noun after a possessive
    "He was asked about the vote by reporters on Monday.",       # passive: the subject is not the source
    "Meanwhile said the bank was fine.",                         # no_subject: nothing before the cue speaks
])
def test_guards_make_no_statement(text: str) -> None:
    assert quotes_in(text) == []


def test_the_order_is_declared_in_one_place() -> None:
    names = [s.__name__ for s in quote_sieves.SIEVES]
    # the guards come before the shapes they protect; the catch-all "X said (that) ..." comes last
    assert names.index("not_a_verb") < names.index("said_inverted") < names.index("said_after_quote")
    assert names[-1] == "said_that"
    assert [p.__name__ for p in quote_cleanup.PASSES][-1] == "attach_quotations"
    for sieve in [*quote_sieves.SIEVES, *(s for s, _ in quote_sieves.ARTICLE_SIEVES),
                  *(s for s, _ in quote_sieves.CHANNEL_SIEVES)]:
        assert sieve.__doc__ and ("``" in sieve.__doc__ or "'" in sieve.__doc__), sieve.__name__


def test_readme_documents_every_rule() -> None:
    if not README.exists():
        pytest.skip("no README next to the package")
    table = README.read_text(encoding="utf-8")
    missing = [r for r in sorted(_rule_names()) if f"`{r}`" not in table]
    assert not missing


# ----------------------------------------------------------------------------- channels (tweets and posts)
@pytest.mark.parametrize(("text", "speaker", "cue"), [
    ("Trump\u2019s tweet read: \u201cI will meet the leaders of both parties next week.\u201d", "Trump", "tweet read"),
    ("The senator's post on Facebook read: \"Thank you to every volunteer who knocked on doors.\"",
     "The senator", "post on Facebook read"),
    ("Elon Musk, in a post on X: \"Free speech is the bedrock of every democracy.\"", "Elon Musk", "in a post on X"),
    ("The foreign ministry, in a statement: \"The border crossing will reopen on Monday morning.\"",
     "The foreign ministry", "in a statement"),
    ("In March, Zelensky on Telegram: \"Our air defence worked all night over the capital.\"", "Zelensky",
     "on Telegram"),
    ("On Monday Trump on Truth Social: \"We will win this state by a lot, believe me.\"", "Trump",
     "on Truth Social"),
    ("Singer Ana Ruiz on Instagram: \u201cThe tour is cancelled, and I am so sorry to every fan.\u201d",
     "Singer Ana Ruiz", "on Instagram"),
])
def test_channel_shapes_name_the_person(text: str, speaker: str, cue: str) -> None:
    got = quotes_in(text)
    assert [(r["speaker"], r["cue"], r["type"], r["cue_class"]) for r in got] == [(speaker, cue, "direct", "channel")]
    assert got[0]["text"] == text[text.index(":") + 2:]


def test_channel_needs_the_speaker_to_open_its_clause() -> None:
    # the object of a verb is not the speaker; the platform never is
    for text in ("Former director Ann Cole praised Tom Reyes on Twitter: \"He was one of the best officers we had.\"",
                 "The mayor spoke on Twitter: \"We will rebuild every house that the flood took.\""):
        speakers = [r["speaker"] for r in quotes_in(text)]
        assert "Tom Reyes" not in speakers and "The mayor spoke" not in speakers


# ----------------------------------------------------------------- headline colons: not every label speaks
def _speakers_of(text):
    import pandas as pd

    import newslab as nl
    q = nl.quotes(pd.DataFrame({"article_id": ["t"], "text": [text]}), convention="attributions")
    return q["speaker"].tolist()


def test_a_market_roundups_section_labels_are_not_speakers():
    text = ("Asian shares rose on Thursday after strong earnings.\n"
            "KEEPING SCORE: The Nikkei 225 gained 0.4 per cent to 20,650. The Kospi was flat.\n"
            "ENERGY: Benchmark crude fell 30 cents to $53.10 a barrel. Brent slipped too.\n"
            "CURRENCIES: The dollar rose to 110.20 yen from 109.90 yen. The euro was steady.")
    assert not {"KEEPING SCORE", "ENERGY", "CURRENCIES"} & set(_speakers_of(text))


def test_a_transcripts_speakers_still_speak():
    text = ("MODERATOR: Welcome to the debate tonight.\nOKAFOR: Thank you for having me here.\n"
            "MODERATOR: Your first question is on taxes.\nOKAFOR: We will cut them for families.")
    assert _speakers_of(text) == ["MODERATOR", "OKAFOR", "MODERATOR", "OKAFOR"]


@pytest.mark.parametrize("label", ["WATCH BELOW", "Relevant Reading", "READ MORE", "Also read", "Sign up"])
def test_page_furniture_labels_are_not_speakers(label):
    text = f"The council voted on Monday.\n{label}: Council Approves New Budget For Parks\nThe mayor said it was fair."
    assert label not in _speakers_of(text)


# ------------------------------------------------------------------ speakers that are no speakers
# (each seen as a "speaker" of the stance matrix on real news: a press conference, a negation, a
# phrase ending in "having", an estimate; the texts below are our own, in the style of many newsrooms)
def _attributed(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(r["speaker"], r["speaker_name"], r["text"]) for r in quotes_in(text)]


@pytest.mark.parametrize(("text", "speaker"), [
    # US politics: the press conference is where he spoke, not who spoke
    (("Days before the vote, the contractor Dale Kirby held a press conference claiming the senator knew "
      "about the deals."), "the contractor Dale Kirby"),
    # Kenyan government: a statement issued by the ministry
    ("The Ministry of Health issued a statement on Sunday saying the outbreak was under control.",
     "The Ministry of Health"),
    # British sport: an adverb between the subject and the verb
    ("The club later released a statement saying the captain would miss the final.", "The club"),
    # Australian business: a post published by the company
    ("Qantas has posted a notice saying that flights to Perth would be delayed.", "Qantas"),
])
def test_the_holder_of_an_occasion_speaks_not_the_occasion(text, speaker):
    assert [x[0] for x in _attributed(text)] == [speaker]


def test_an_occasion_that_is_the_subject_still_speaks():
    # "The statement said": the document is the subject of the cue, nothing to move
    assert [x[0] for x in _attributed("The statement said the plant would close in May.")] == ["The statement"]


@pytest.mark.parametrize("text", [
    "No organization immediately claimed credit for the attack on the convoy.",
    "No group said it had carried out the bombing in the market.",
    "Nobody told the crew that the storm was coming.",
    "No one in the cabinet said the budget would pass this year.",
    "None of the officials said the bridge was safe to cross.",
    "Neither side said the ceasefire had been broken.",
])
def test_a_negated_subject_makes_no_statement(text):
    assert _attributed(text) == []


@pytest.mark.parametrize(("text", "speaker"), [
    ("No 10 said the prime minister would attend the summit.", "No 10"),
    ("Noah Park said the prime minister would attend the summit.", "Noah Park"),
])
def test_a_name_that_starts_like_a_negation_still_speaks(text, speaker):
    assert [x[0] for x in _attributed(text)] == [speaker]


@pytest.mark.parametrize(("text", "content"), [
    ("The rebels claimed responsibility for the blast in the capital.", None),
    ("A militant group claimed credit for the raid on the base.", None),
    ("The rebels claimed the blast was revenge for the raid.", "the blast was revenge for the raid"),
])
def test_claiming_responsibility_is_no_statement(text, content):
    assert [x[2] for x in _attributed(text)] == ([content] if content else [])


@pytest.mark.parametrize(("text", "speaker", "name"), [
    # an auxiliary participle is no part of the speaker
    ("Pundits were unmoved, with analyst Mary Holt having declared the race over on her blog.",
     "analyst Mary Holt", "Mary Holt"),
    ("The insurer, having reviewed the claim, said it would pay in full.", "The insurer", "the insurer"),
    # a negated auxiliary is stepped over like "did not"
    ("Interpol didn't say whether the suspect had left the country.", "Interpol", "Interpol"),
    ("The agency hasn\u2019t said when the report will be released.", "The agency", "The agency"),
    # the first person with its contracted verb: the pronoun (the interviewee, no name in the text)
    ("I'm saying that the rules confuse ordinary voters.", "I", None),
    ("We\u2019re not claiming that the count was rigged.", "We", None),
    # a sentence adverb opens no name
    ("Afterwards Okafor said the deal was dead.", "Okafor", "Okafor"),
])
def test_a_speaker_span_is_the_noun_phrase_alone(text, speaker, name):
    got = _attributed(text)
    assert [(x[0], x[1]) for x in got] == [(speaker, name)]


@pytest.mark.parametrize(("text", "speaker"), [
    ("According to officials on Saturday, the bridge will reopen next month.", "officials"),
    ("The bridge will reopen next month, according to police yesterday.", "police"),
    ("According to the Saturday Star, the bridge will reopen next month.", "the Saturday Star"),
])
def test_when_a_source_spoke_is_not_part_of_the_source(text, speaker):
    assert [x[0] for x in _attributed(text)] == [speaker]


def test_a_participle_that_opens_the_sentence_is_no_speaker():
    # "alleged" is an adjective here; "Citing" opens an adverbial, the notice alleges
    text = "Citing alleged breaches of the law, the union's notice had alleged the firm was cheating."
    assert [x[0] for x in _attributed(text)] == ["the union's notice"]


@pytest.mark.parametrize(("text", "speaker"), [
    # a time before the speaker is no part of it
    ("On Friday Ford Motor Company announced the regulator was investigating its tests.", "Ford Motor Company"),
    ("In March Qantas said flights to Perth would resume.", "Qantas"),
    # a time between the speaker and the cue
    ("Another report from the Kenyan government during the weekend said nine people had died.",
     "Another report from the Kenyan government"),
    # a trailing time after "according to", with "late" / "early"
    ("According to Johns Hopkins University late today, 291 patients have recovered.", "Johns Hopkins University"),
    # a sentence adverb and its comma before the clause's subject
    ("First, she mixed up the figures, claiming 85,000 people had lost their jobs.", "she"),
    # a time phrase between the subject and the cue
    ("The colony, which within a few years thereafter declared that it was free, grew fast.", "which"),
    ("The board two days later said the deal was off.", "The board"),
])
def test_a_time_or_a_sentence_adverb_is_no_part_of_the_speaker(text, speaker):
    assert [x[0] for x in _attributed(text)] == [speaker]


@pytest.mark.parametrize("text", [
    # a caption's credit line is nobody's speech
    "Val Reyes Image: U.S. Senate.\nThe senator spoke on Friday.",
    # a month before a colon is when a statement was put out, not who speaks
    'The campaign recycled a statement it first put out in July: "The people will decide this election."',
    # "amid" is a preposition: "reports" is a noun after it
    "The party won, but amid reports of fraud, neither the EU nor the US would endorse the result.",
])
def test_shapes_that_make_no_statement(text):
    assert _attributed(text) == []


@pytest.mark.parametrize("text", [
    # an attitude noun after an ordinal or a number is no cue
    "The first attack was treated as a crime by the police.",
    "After the 9/11 attacks, the president kept the country safe.",
    # a participle clause is no speaker
    "And staying focused on the appeal, the family hoped for news.",
])
def test_nouns_and_participle_clauses_are_no_speakers(text):
    assert [x for x in _attributed(text) if x[0] and x[0].split()[0].lower() in ("the", "11", "staying", "9/11")] == []


def test_a_lone_article_is_no_speaker_but_the_statement_stays():
    text = "The House passed two articles of impeachment. The first charged the president with abuse of power."
    assert (None, None, "the president with abuse of power") in _attributed(text)


@pytest.mark.parametrize(("text", "speaker"), [
    # a plural noun of people with a reduced relative ("legislators supporting the law") is the subject
    ("State legislators supporting the bill argued it would stop fraud.", "State legislators"),
    # a finite verb before the participle still moves the subject left
    ("Ruiz avoids condemning the group, saying it was not his business.", "Ruiz"),
    # a gerund that modifies a noun is part of the speaker
    ("Restructuring experts said the plan would fail.", "Restructuring experts"),
])
def test_the_subject_before_a_participle(text, speaker):
    assert _attributed(text)[0][0] == speaker


def test_two_adverbials_before_the_subject_of_a_participle():
    text = "In 1992, with the party's backing, she ran for office, seeking the 4th congressional seat."
    assert [x[0] for x in _attributed(text)][-1] == "she"


@pytest.mark.parametrize(("text", "speaker"), [
    # the pronoun without its contracted verb (interview transcripts)
    ("I've told them that I won't play for the federation any more.", "I"),
    ("I'd say the mobile version is just as popular.", "I"),
    ("Could you please tell us something about the project?", "you"),
    # a verb that takes the participle cue as its object
    ("For instance, companies started saying that the code was a trade secret.", "companies"),
    ("Some publishers might start saying, \"We will publish without the locks.\"", "Some publishers"),
])
def test_the_subject_of_contracted_and_catenative_verbs(text, speaker):
    assert [x[0] for x in _attributed(text)] == [speaker]


def test_an_adjective_opening_the_sentence_is_no_speaker():
    got = _attributed("Initial reports stated the fruit was a pineapple.")
    assert "Initial" not in [x[0] for x in got]


def test_no_subject_past_the_adverbials_is_no_speaker():
    text = "And then, since 2013, for my thesis I have done a similar study and would say the tools look alike."
    assert all(not (x[0] or "").startswith("for ") for x in _attributed(text))

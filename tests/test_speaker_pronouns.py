"""Speaker names, issue 12: pronouns and the other person. Which person the journalist means, on
texts of our own in the styles of many newsrooms (wire, British, Canadian, Indian, African, Asian)."""
from __future__ import annotations

import pytest

from newslab.speakers import resolve_speakers


def _names(text: str, *mentions: str) -> list[str | None]:
    """Resolve each mention (its first whole-word occurrence after the previous one) and return the
    names."""
    spans, at = [], 0
    for m in mentions:
        s = text.index(m, at)
        while (s > 0 and text[s - 1].isalnum()) or (s + len(m) < len(text) and text[s + len(m)].isalnum()):
            s = text.index(m, s + 1)  # ("he", not the "he" inside "the")
        spans.append((s, s + len(m)))
        at = s + len(m)
    return [name for name, _ in resolve_speakers(text, spans)]


# ------------------------------------------------------------------ several names in one mention
@pytest.mark.parametrize(("text", "mention", "expected"), [
    # Canadian sport: the city only places the player
    ("The Canucks lost in Vancouver on Wednesday. \"We were flat,\" Vancouver's Bo Horvat said.",
     "Vancouver's Bo Horvat", "Bo Horvat"),
    # US wire: a party word that the article also gives a full name ("the Nevada Democrat")
    (("The Nevada Democrat Lena Ruiz voted no. One red-state Democrat, Montana Sen. Jon Tesla, said "
      "the bill would fail."), "One red-state Democrat, Montana Sen. Jon Tesla", "Jon Tesla"),
    # Canadian politics: a portfolio of several words after a comma holds no name of its own
    (("Navdeep Bhatt, Minister of Innovation, Science and Economic Development, said the policy was "
      "broad."), "Navdeep Bhatt, Minister of Innovation, Science and Economic Development", "Navdeep Bhatt"),
    # Indian: a role with its holder after a comma, the place before it only places her
    ("Kerala's Health Minister, Veena Thomas, said the cases were falling.",
     "Kerala's Health Minister, Veena Thomas", "Veena Thomas"),
    # but a surname that heads the mention, set off by its appositive, is the speaker
    (("Michael Okoro was attorney general for eight years. Okoro, the attorney general under former "
      "President Olusegun Obasanjo, said the law was clear."),
     "Okoro, the attorney general under former President Olusegun Obasanjo", "Michael Okoro"),
])
def test_the_speaker_of_a_mention_with_several_names(text, mention, expected):
    assert _names(text, mention) == [expected]


@pytest.mark.parametrize(("text", "mentions", "expected"), [
    # Canadian court report: the accused's surname is a military rank
    (("Robert Major told the court he looked for a stop sign. The crash expert, Malcolm Gibson, a retired "
      "police officer, testified for the defence. Major said he had taken the route ten times."),
     ("Major",), ["Robert Major"]),
    # British: a surname that is a title word, and a pronoun after it
    (("Sarah Judge runs a bakery in Leeds. Judge said the energy bills had tripled. \"We cannot "
      "go on,\" she said."), ("Judge", "she"), ["Sarah Judge", "Sarah Judge"]),
    # South African: a taxi owner whose surname is a church title
    ("Thabo Bishop runs a taxi firm in Soweto. Bishop told reporters fuel prices had doubled.",
     ("Bishop",), ["Thabo Bishop"]),
])
def test_a_title_word_the_article_writes_as_a_surname_is_that_person(text, mentions, expected):
    assert _names(text, *mentions) == expected


def test_a_title_word_alone_is_still_the_titles_holder():
    # wire: nobody in the article is surnamed "General"; the general is the officer named before
    text = ("Gen. Ada Mwangi commands the mission. \"We hold the line,\" the general said.")
    assert _names(text, "the general") == ["Ada Mwangi"]

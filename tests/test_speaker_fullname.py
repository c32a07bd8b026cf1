"""full_name_in_text: the full name an article writes for a surname or first name. Texts of our own."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslab import speaker_fullname
from newslab.speaker_fullname import acronym_in_text, full_name_in_text

CASES = [
    # Canadian: a name the article opens with, no title, given name not in any lexicon
    ("REGINA — Taniel Okemasis is new to council work. \"It is a lot,\" Okemasis said.", "Okemasis",
     "Taniel Okemasis"),
    # wire: a job description before the name is not part of it
    ("AUGUSTA, Ga. (AP) — Golfer Ian Poulter shot a 68. \"It was hard out there,\" Poulter said.", "Poulter",
     "Ian Poulter"),
    # British: a middle name kept when it is a known given name
    ("Jake Thomas Patterson appeared in court. Patterson said nothing.", "Patterson", "Jake Thomas Patterson"),
    # a surname with its particle (Syrian, Arabic names)
    ("Abir Al Basha, 40, arrived in 2016. \"We were welcomed,\" Al Basha said.", "Al Basha", "Abir Al Basha"),
    # a given name ending in -ly is still one
    ("Emily Tshabalala, 16, swam. \"Cold,\" Tshabalala said.", "Tshabalala", "Emily Tshabalala"),
    # first name only, as profiles of young people write it
    ("Amina Yusuf, 14, won the prize. \"I did not expect it,\" Amina said.", "Amina", "Amina Yusuf"),
    # Indian: sentence starters and honorifics are not given names
    ("NEW DELHI: Shri Arvind Kejriwal spoke. But Kejriwal said more later.", "Kejriwal", "Arvind Kejriwal"),
]


@pytest.mark.parametrize(("text", "name", "full"), CASES)
def test_full_name_from_the_article(text, name, full):
    assert full_name_in_text(text, name) == full


@pytest.mark.parametrize(("text", "name"), [
    ("Ghazala Khan and Humayun Khan spoke. \"We grieve,\" Khan said.", "Khan"),  # two full names: no choice
    ("Nairobi Governor Johnson Sakaja spoke. \"Yes,\" Sakaja said.", "Johnson Sakaja"),  # already full
    ("\"We will appeal,\" Okonkwo said.", "Okonkwo"),  # no full name written
    ("But Mensah said so. When Mensah left, it rained.", "Mensah"),  # sentence starters only
    ("Finally Adaeze agreed. \"Fine,\" Adaeze said.", "Adaeze"),  # an adverb is no first name
    ("", "Lee"), ("Some text.", ""),
])
def test_no_full_name(text, name):
    assert full_name_in_text(text, name) is None


def test_offsets_free_and_linear_on_long_text():
    text = ("Word " * 20000) + "Kwame Asante spoke. Asante said."
    assert full_name_in_text(text, "Asante") == "Kwame Asante"


@pytest.mark.parametrize(("text", "acronym", "name"), [
    (("Applicants wait months for Immigration, Refugees and Citizenship Canada (IRCC) to reply. "
     "The IRCC said it was hiring."), "IRCC", "Immigration, Refugees and Citizenship Canada"),
    ("The Parliamentary Budget Officer (PBO) released a report. The PBO said the deficit would grow.",
     "PBO", "Parliamentary Budget Officer"),
    ("LAGOS — The Economic and Financial Crimes Commission (EFCC) arrested two officials.", "EFCC",
     "Economic and Financial Crimes Commission"),
    ("Members of the National Union of Teachers (NUT) voted on Friday.", "NUT", "National Union of Teachers"),
])
def test_acronym_spelled_out_in_the_article(text, acronym, name):
    assert acronym_in_text(text, acronym) == name


@pytest.mark.parametrize(("text", "acronym"), [
    ("The WHO said cases were rising.", "WHO"),  # never spelled out here
    ("Some Random Words (SRX) appear.", "SRX"),  # the initials do not spell it
    ("The Who (WHO) played.", "who"),  # not an acronym
])
def test_no_acronym(text, acronym):
    assert acronym_in_text(text, acronym) is None


# The per-name patterns the scans of _words_before and _words_after replace (one regex compiled per
# name): the scans must find exactly the runs these find, in the same order.
def _reference(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    cap, part = speaker_fullname._CAP, speaker_fullname._PARTICLES
    word = re.escape(name)
    before = re.compile(r"(?<![\w'\u2019\-])((?:" + cap + r"[ \u00a0]+(?:" + part + r"[ \u00a0]+)?){1,3})" + word
                        + r"(?![\w\-])")
    after = re.compile(r"(?<![\w'\u2019\-.])" + word + r"((?:[ \u00a0]+(?:" + part + r"[ \u00a0]+)?" + cap
                       + r"){1,2})(?![\w\-])")
    return before, after


_WORDS = ["Khan", "Khan", "Ann", "Lee", "Mary", "O'Neil", "Khan-Ali", "de", "van", "della", "del", "But", "K", "x",
          "said", "Khanh", "_"]
_SEPS = [" ", " ", " ", " ", "  ", "\u00a0", ", ", ". ", "-", "'", "\u2019", "\n", "", "."]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPS)), max_size=30),
       st.sampled_from(["Khan", "Ann", "Lee", "Khan-Ali", "K"]))
def test_scans_find_what_the_per_name_patterns_find(pieces, name):
    text = "".join(w + sep for w, sep in pieces)
    before, after = _reference(name)
    assert speaker_fullname._words_before(text, name) == [m.group(1) for m in before.finditer(text)]
    assert speaker_fullname._words_after(text, name) == [m.group(1) for m in after.finditer(text)]


def test_scans_on_news_text():
    # wire copy: a list of victims sharing a surname, a particle, a name at the very start and end
    text = ("Ghazala Khan and Humayun Khan spoke. Rahul van der Khan, 40, and Khan-Ali Khan wept. "
            "Mary Ann Lee Khan said Khan Abdul was there, Ann said. Mary Ann Lee Khan Khan Khan left. Khan")
    for name in ("Khan", "Ann", "Lee", "Abdul"):
        before, after = _reference(name)
        assert speaker_fullname._words_before(text, name) == [m.group(1) for m in before.finditer(text)]
        assert speaker_fullname._words_after(text, name) == [m.group(1) for m in after.finditer(text)]
    assert speaker_fullname._words_before(text, "Khan")[:2] == ["Ghazala ", "Humayun "]

"""full_name_in_text: the full name an article writes for a surname or first name. Texts of our own."""
from __future__ import annotations

import pytest

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

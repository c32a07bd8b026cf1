"""full_name_in_text: the full name an article writes for a surname or first name. Texts of our own."""
from __future__ import annotations

import pytest

from newslab.speaker_fullname import full_name_in_text

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

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

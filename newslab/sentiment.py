"""Sentence-, quote- or any-text-level sentiment: TextBlob, VADER and newslab's own news score.

``sentiment(df)`` keeps every input row and column and adds ``polarity`` and ``subjectivity``
(TextBlob's pattern analyzer), ``vader`` (VADER compound), ``sentiment`` (newslab's score in
[-1, 1]) and ``sentiment_label``. All three are computed on a normalised copy of the text
(``normalize_for_scoring``): news is typeset with curly quotes and apostrophes, which the
lexicons do not know, so raw VADER reads "It isn’t great." as positive.
"""
from __future__ import annotations

import math

import pandas as pd

from ._parallel import corpus_step

# One character in, one character out, so offsets into the normalised text are offsets into the
# original: the stance step scores spans of normalised text with the article's offsets.
_TYPO = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u00b4": "'", "\u0060": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2039": '"', "\u203a": '"',
    # Dashes between words glue them into one token the lexicons cannot find ("bad\u2014and").
    "\u2014": " ", "\u2013": " ", "\u2012": " ", "\u2015": " ",
    "\u2026": ".",  # ellipsis: VADER only strips ASCII punctuation off a word
    "\u00a0": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ",
    "\u200b": " ", "\u2028": " ", "\u2029": " ",
})


def normalize_for_scoring(text: str) -> str:
    """Typographic normalisation for the lexicons; the result has exactly ``len(text)`` characters.

    Curly quotes and apostrophes become straight ones (VADER's negation list holds "isn't", not
    "isn’t", and it strips only ASCII punctuation off words), dashes and odd spaces become spaces,
    an ellipsis character becomes a full stop. Each character maps to one character, so offsets
    into the result are offsets into ``text``.

    Args:
        text: any string.

    Returns:
        The normalised string, the same length as ``text``.

    Examples:
        >>> normalize_for_scoring("It isn\u2019t \u201cgreat\u201d\u2014at all\u2026")
        'It isn\\'t "great" at all.'
        >>> len(normalize_for_scoring("\u201cNo,\u201d")) == 5
        True
    """
    return text.translate(_TYPO)

"""Sentences with exact character offsets, tuned for news prose.

Every non-blank line of an article is a paragraph, and a sentence never crosses a line. Inside a
paragraph one linear scan finds the candidate ends (a ``.``, ``?``, ``!`` or ``…``, with any closing
quote marks or brackets glued to it, followed by whitespace) and decides each one from its two
neighbours: the word before it (an abbreviation, an initial, a list number?) and the word after it
(lowercase? a usual sentence starter? a name followed by ``said``?). The abbreviations come from
``newslab/data/abbreviations.txt``; the same data can drive NLTK's Punkt through
:func:`punkt_parameters`, with nothing to download.

Titles (``Mr.``, ``Gen.``) never end a sentence before a name; ``No.`` or ``Jan.`` not before a
number; an initial (``W.``, ``J.K.``) only before a usual sentence starter (``The``, ``He``).
Ambiguous abbreviations (``Inc.``, ``U.S.``, ``St.``, ``Calif.``) are also decided from the article
itself, as Punkt learns from its training text: a capitalised next word ends the sentence when it is
a usual sentence starter, or when it opens sentences elsewhere in the same article and is never
capitalised mid-sentence there ("U.S. Court of Appeals" vs "the U.S. Officials said").
The decision uses only the article's own text, so results do not depend on how a corpus is chunked.
A plural subject noun followed by a verb (``sentence_subjects.txt``: "at the U.N. Delegates left")
also ends one; ``a.m.``/``p.m.`` end one before any capitalised word but a day, month or time zone.
A ``?`` or ``!`` inside a quotation followed by an attribution ("Why now?" Biden asked.) stays in
one sentence, and a sentence ending inside closing quote marks ends after them.
Each decision is a named rule; their order is declared once (``_MARK_RULES``, ``_WORD_RULES``).

Lists and ellipses as news prints them:

- a list printed in one line splits before each item when its markers run 1, 2, 3 (or a, b, c;
  i, ii, iii; A, B, C) in one form (``1.)``, ``1)``, ``(1)``, ``1.``) from the line's start, a colon
  or a sentence end, each item opening with a capital, a digit or a quote mark: "The plan: 1.) Cut
  taxes 2.) Raise tariffs" gives "The plan:", "1.) Cut taxes", "2.) Raise tariffs". The same markers
  in prose stay in their sentence ("would (1) raise wages and (2) cut taxes", "1) Unlike Cruz, ...
  and 2) Kasich ..."), and "No. 1." is no marker;
- a bullet (``•``, and ``*`` in a line that opens with one) opens an item mid-line; a marker opening
  its sentence, after a bullet too ("• 9. Stop smoking", "ii. Parliament is dissolved"), is no end;
  items on lines of their own are sentences of their own, with or without a final period;
- an ellipsis (``...``, ``…``, ``. . .``) before a lowercase word continues the sentence, before a
  capitalised one ends it; before the pronoun "I" it continues only in a sentence whose ellipses are
  pauses ("I wasn't really ... well, what I mean . . . I didn't mean it"), and never after a period
  ("played well. ... I think");
- an editor's elision ``[...]`` before a bracketed citation is no end: 'called it "reckless [...]"
  (Daily Post, May 3).';
- ``No.``, ``Nos.``, ``Art.``, ``p.``, ``pp.``, ``Fig.``, ``Vol.`` hold to a number or a Roman
  numeral ("Art. IV"); a pronoun "I" after "and", "or", "than", "as" ends a sentence before a
  name ("between you and I. John F. Kerry knew"), unless another initial follows ("I. M. Pei").

Examples:
    >>> from newslab.sentences import sentence_spans
    >>> sentence_spans("Gen. Smith met J.K. Rowling. Both left.")
    [(0, 28, 0), (29, 39, 0)]
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import _lexicon
from ._parallel import corpus_step

if TYPE_CHECKING:  # pragma: no cover
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

__all__ = ["punkt_parameters", "punkt_tokenizer", "sentence_spans", "sentences"]

_CLOSERS = "\"'\u201d\u2019\u00bb)]"
_OPENERS = "\"'\u201c\u2018\u00ab(["
# A terminator and everything glued to it: one character class, so a run of 100,000 dots is one
# match and nothing can backtrack. Whether whitespace follows is checked in Python.
_TERM = re.compile(r"[.!?\u2026][.!?\u2026" + re.escape(_CLOSERS) + r"]*")
_SPACE = re.compile(r"\s+")
_OPEN = re.compile("[" + re.escape(_OPENERS) + "]{0,3}")
_WORD = re.compile(r"[^\W\d_]{1,40}")
_DOTTED = re.compile(r"(?:[^\W\d_]\.){1,6}[^\W\d_]")  # U.S, a.m, Ph.D (final period not included)
# A capitalised word after a plain lowercase word's end, and one after a lowercase word or comma.
_AFTER_END = re.compile(r"[a-z]{3}[.!?][" + re.escape(_CLOSERS) + r"]{0,2} [" + re.escape(_OPENERS) + r"]?([A-Z][a-z]+)\b")
_MID_UPPER = re.compile(r"[a-z,] ([A-Z][a-z]+)\b")
# A next character that never starts a sentence (a dash continues one: "NASHUA, N.H. - At the ...").
_NO_START = frozenset(",;:.!?\u2026%)]}-\u2013\u2014\u2015")
_NUM_SPAN = re.compile(r"[\d,.]{1,12} (?:years?|months?|weeks?|days?|hours?|minutes?|decades?|times) "
                       r"(?:ago|old|before|higher|lower|more|less|the)\b")
_QUOTES = frozenset("\"'\u201d\u2019\u00bb")
# A list marker opening its sentence, maybe after a bullet: "1.", "a.", "iv.", "• 9."
_OPENING_MARKER = re.compile(r"(?:[\u2022\u25aa\u25e6\u2023\u25cf\u25a0\u25ba*\-\u2013]\s{1,3})?(?:\d{1,2}|[a-z]|[ivx]{2,4})")
# A Roman numeral after a number abbreviation (Art. IV, Vol. II); one letter is too often a word.
_ROMAN_NUMBER = re.compile(r"[IVXL]{2,6}")
# Words before a pronoun "I" that ends a sentence: "between you and I.", "taller than I."
_BEFORE_I = frozenset({"and", "or", "nor", "than", "as", "but"})
# An ellipsis followed by a lowercase word: a pause inside a sentence ("really ... well, what").
_HESITATION = re.compile(r"(?:\.\.\.|\u2026|\. \. \.)\s{1,3}[a-z]")


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    # Keys without their final period: the word as it stands before the candidate end.
    return {k.removesuffix("."): v for k, v in _lexicon.table("abbreviations.txt").items()}


def _inside_embedded_quote(text: str, sent_start: int, ts: int, b: int) -> bool:
    """Whether ``text[ts]`` (a ``?`` or ``!``) sits in a quotation opened mid-sentence that closes soon
    and is followed by a lowercase word or a comma: 'The crowd chanted "Out! Out!" as he left.'

    A quotation that opens its sentence ('"Stop! Go back!" he said.') keeps its own sentences.
    Bounded windows: 200 characters back, 120 ahead.
    """
    lo = max(sent_start, ts - 200)
    seg = text[lo:ts]
    o = seg.rfind("\u201c")
    if o >= 0 and "\u201d" not in seg[o:]:
        close = "\u201d"
    elif seg.count('"') % 2 == 1:
        o, close = seg.rfind('"'), '"'
    else:
        return False
    if lo + o == sent_start or (o > 0 and not seg[o - 1].isspace()):
        return False
    c = text.find(close, ts, min(b, ts + 120))
    if c < 0:
        return False
    after = text[c + 1:c + 3]
    return after[:1] == "," or (after[:1] == " " and after[1:2].islower())


def _word_before(text: str, end: int) -> str:
    """The letters (and inner periods) just before ``text[end]``, looking back at most 40 characters."""
    i = end
    while i > max(0, end - 40) and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    return text[i:end]


@lru_cache(maxsize=1)
def _attribution() -> re.Pattern[str]:
    # `"Why now?" Biden asked.`: up to four capitalised words (names, titles), then a speech verb.
    verbs = "|".join(sorted(map(re.escape, _lexicon.words("sentence_verbs.txt")), key=len, reverse=True))
    return re.compile(r"(?:[A-Z][\w'\u2019.-]{0,30}[^\S\n]{1,3}){1,4}(?:" + verbs + r")\b")


class _Ortho:
    """What one article teaches about its capitalised words, as Punkt learns from its training text.

    A learned sentence starter is a word that opens a sentence after a plain word's period
    somewhere in the article ("... the vote. Officials said") and is never capitalised
    mid-sentence there ("the U.S. Court of Appeals" teaches that "Court" is a name part).
    Computed on first need only (most articles never ask), once per article, in linear time.
    """

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: frozenset[str] | None = None

    def starts_sentence(self, word: str) -> bool:
        if self._starts is None:
            mid = set(_MID_UPPER.findall(self.text))
            # The period must end a plain word, not an abbreviation ("Acme Corp. Chief Executive"
            # would otherwise teach itself that "Chief" opens sentences).
            abbr = _abbreviations()
            self._starts = frozenset(
                m.group(1) for m in _AFTER_END.finditer(self.text)
                if m.group(1) not in mid and _word_before(self.text, m.start() + 3) not in abbr)
        return word in self._starts


class _Candidate:
    """One candidate end ``text[ts:e]`` as the rules see it.

    ``start`` opens the current sentence, whitespace runs from ``e`` to ``k``, opening quote marks or
    brackets from ``k`` to ``j``, and ``c`` is the next sentence's first character (``""`` when the
    line ``text[:b]`` ends first). ``word`` and ``kind`` (the word before a lone period and its
    abbreviation kind: ``title``, ``number``, ``ambiguous``, ``place``, ``time``, ``initial``, or
    ``""`` for a plain word) are read between the two groups of rules, ``next_word`` on first need.
    """

    __slots__ = ("_next", "b", "c", "e", "j", "k", "kind", "ortho", "parts", "start", "term", "text", "ts",
                 "word")

    def __init__(self, text: str, start: int, ts: int, e: int, k: int, b: int, ortho: _Ortho) -> None:
        self.text, self.start, self.ts, self.e, self.k, self.b, self.ortho = text, start, ts, e, k, b, ortho
        opened = _OPEN.match(text, k, b)  # always matches (possibly empty)
        self.j = opened.end() if opened else k
        self.c = text[self.j] if self.j < b else ""
        self.term = text[ts:e]
        self.word = self.kind = ""
        self.parts: list[str] = []
        self._next: re.Match[str] | None | bool = False

    def read_word(self) -> None:
        """Read ``word``, ``kind`` and ``parts`` (the last two words before the period)."""
        # bounded window: abbreviations are short
        self.parts = self.text[max(self.start, self.ts - 40):self.ts].rsplit(None, 1)
        word = self.parts[-1].lstrip(_OPENERS) if self.parts else ""
        abbr = _abbreviations()
        kind = abbr.get(word)
        if kind is None and "-" in word:  # ex-Gov. Smith
            kind = abbr.get(word.rsplit("-", 1)[1])
        if kind is None:
            if len(word) == 1 and word.isupper():
                kind = "initial"
            elif _DOTTED.fullmatch(word):  # unlisted J.K. or C.V. are initials; Ph.D or C.D.O.s may end one
                kind = "initial" if word.isupper() else "ambiguous"
            else:
                kind = ""
        self.word, self.kind = word, kind

    def next_match(self) -> re.Match[str] | None:
        """The word opening the next sentence (letters only), read on first need."""
        if self._next is False:
            self._next = _WORD.match(self.text, self.j, self.b)
        return self._next  # type: ignore[return-value]

    @property
    def next_word(self) -> str:
        m = self.next_match()
        return m.group() if m else ""


# --- the rules: each returns True (a sentence ends here), False (it does not) or None (no opinion,
# ask the next rule). Their order is declared once, in _MARK_RULES and _WORD_RULES below. -----------

def _end_before_nothing(cx: _Candidate) -> bool | None:
    """Only a stray quote mark follows on the line: ``He left. "`` ends."""
    return True if cx.j >= cx.b else None


def _no_end_before_lowercase(cx: _Candidate) -> bool | None:
    """``He paused... and left.`` continues; ``He bought one. iPhone sales rose.`` does not."""
    t, j = cx.text, cx.j
    if cx.c.islower() and not (j + 1 < cx.b and t[j + 1].isupper()):
        return False
    return None


def _no_end_before_punctuation(cx: _Candidate) -> bool | None:
    """A comma, a percent sign or a dash never opens a sentence: ``NASHUA, N.H. - At the ...``."""
    return False if cx.c in _NO_START else None


def _question_or_exclamation(cx: _Candidate) -> bool | None:
    """``"Why now?" Biden asked.`` and ``The crowd chanted "Out! Out!" as he left.`` continue."""
    term = cx.term
    if "?" not in term and "!" not in term:
        return None
    if any(q in term for q in _QUOTES):
        # the question belongs to the attribution that follows
        return not cx.c.isupper() or _attribution().match(cx.text, cx.j, min(cx.b, cx.j + 160)) is None
    return not _inside_embedded_quote(cx.text, cx.start, cx.ts, cx.b)


def _no_end_after_list_marker(cx: _Candidate) -> bool | None:
    """``1.) Cut taxes``, ``• 9. Stop smoking``, ``ii. The bank sells bonds``: a marker opening its sentence."""
    if cx.ts - cx.start > 8 or cx.term not in (".", ".)"):
        return None
    return False if _OPENING_MARKER.fullmatch(cx.text, cx.start, cx.ts) else None


def _no_end_ellipsis_before_i(cx: _Candidate) -> bool | None:
    """``I wasn't really ... well, what I mean . . . I didn't mean it``: in a sentence whose ellipses
    are pauses (one is already followed by a lowercase word), "I" after a word's ellipsis continues.

    "I" is capitalised anywhere, so its capital is no sign of a new sentence; without that evidence
    of hesitation an ellipsis before "I" still ends one (``heard it before... I've seen the emails``),
    and so does one after a sentence end (``in politics. ... I think``).
    """
    t, j, ts = cx.text, cx.j, cx.ts
    if cx.c != "I" or j != cx.k or t[j + 1:j + 2] not in (" ", "'", "\u2019"):
        return None
    term = cx.term
    if term in ("...", "\u2026"):
        before = ts - 1
    elif term == "." and t[ts - 4:ts] == ". . ":
        before = ts - 5
    else:
        return None
    if before >= cx.start and t[before] == " ":
        before -= 1
    if before < cx.start or not (t[before].isalnum() or t[before] == ","):
        return None
    return False if _HESITATION.search(t, max(cx.start, ts - 300), before) else None


def _no_end_elision_before_citation(cx: _Candidate) -> bool | None:
    """``called it "reckless [...]" (Daily Post, May 3).``: an editor's elision is no sentence end,
    and the citation after it belongs to the sentence."""
    t = cx.text
    if t[cx.k] == "(" and cx.term[0] in ".\u2026" and "]" in cx.term and cx.ts > 0 and t[cx.ts - 1] == "[":
        return False
    return None


def _end_after_ellipsis_or_closer(cx: _Candidate) -> bool | None:
    """``I don't know... We will see.`` and ``She called it "a disgrace." Then ...`` end."""
    return True if cx.term != "." else None


def _end_after_space(cx: _Candidate) -> bool | None:
    """A period after a space (``He paused . Then``) ends: no word before it to doubt."""
    ts = cx.ts
    return True if ts <= cx.start or cx.text[ts - 1].isspace() else None


def _end_after_plain_word(cx: _Candidate) -> bool | None:
    """``He said no. Then he left.`` ends; a list number opening its sentence (``1. Open the box.``) does not."""
    if cx.kind:
        return None
    parts, word = cx.parts, cx.word
    return not (len(parts) == 1 and cx.ts - len(parts[0]) == cx.start
                and ((word.isdigit() and len(word) <= 2) or (len(word) == 1 and word.isalpha())))


def _end_after_pronoun_i(cx: _Candidate) -> bool | None:
    """``between you and I. John F. Kerry knew``: "I" after "and", "than", "as" ... is the pronoun, not
    an initial, unless another initial follows (``by Smith and I. M. Pei``)."""
    t, ts = cx.text, cx.ts
    if cx.word != "I" or ts - 2 < cx.start or t[ts - 2] != " " or _word_before(t, ts - 2) not in _BEFORE_I:
        return None
    return None if cx.c.isupper() and t[cx.j + 1:cx.j + 2] == "." else True


def _no_end_after_title(cx: _Candidate) -> bool | None:
    """``Gen. Milley``, ``Roe v. Wade``: a title never ends a sentence."""
    return False if cx.kind == "title" else None


def _number_abbreviation(cx: _Candidate) -> bool | None:
    """``No. 10``, ``Jan. 5``, ``Art. IV`` continue; ``She lives at No. 11. Her ...`` ends at the number's period."""
    if cx.kind != "number":
        return None
    return not (cx.c.isdigit() or _ROMAN_NUMBER.fullmatch(cx.next_word) is not None)


def _no_end_before_bracket(cx: _Candidate) -> bool | None:
    """``TRENTON, N.J. (AP) -- ...``: a bracket after an abbreviation continues the sentence."""
    return False if cx.text[cx.k] in "([" else None


def _time_before_capital(cx: _Candidate) -> bool | None:
    """``ended at 11 p.m. Officials said`` ends; ``5 p.m. Monday``, ``3 p.m. London time`` do not."""
    if cx.kind != "time" or not cx.c.isupper():
        return None
    w2 = cx.next_word
    return not (w2 in _time_next() or cx.text.startswith(" time", cx.j + len(w2)))


def _abbreviation_before_number(cx: _Candidate) -> bool | None:
    """``The storm hit the U.K. 2023 was worse.`` ends; ``moved to the U.S. 10 years ago``, ``5 ft. 10 in.`` do not."""
    if not cx.c.isdigit():
        return None
    # a span of time or a multiple continues the clause ("10 years later, ..." opens a new one)
    m = _NUM_SPAN.match(cx.text, cx.j, min(cx.b, cx.j + 40))
    return cx.kind == "ambiguous" and m is None and not cx.word.islower()


def _end_before_symbol_or_quote(cx: _Candidate) -> bool | None:
    """``in the U.S. "We ...`` ends: an opening quote mark (or a symbol) after an abbreviation, not an initial."""
    return True if not cx.c.isalpha() or (cx.j > cx.k and cx.kind != "initial") else None


def _end_before_starter(cx: _Candidate) -> bool | None:
    """``He moved to the U.S. The move ...``: a usual sentence starter (sentence_starters.txt) ends."""
    return True if cx.next_word in _starters() else None


def _end_before_plural_subject(cx: _Candidate) -> bool | None:
    """``held at the U.N. Delegates left``: a plural subject noun then a lowercase word (a verb) ends."""
    nxt, t = cx.next_match(), cx.text
    if nxt is not None and nxt.group() in _subjects() and t[nxt.end() + 1:nxt.end() + 2].islower() \
            and t[nxt.end():nxt.end() + 1] == " ":
        return True
    return None


def _no_end_after_initial(cx: _Candidate) -> bool | None:
    """``George W. Bush``, ``J.K. Rowling``: an initial before a name continues."""
    return False if cx.kind == "initial" else None


def _end_place_after_comma(cx: _Candidate) -> bool | None:
    """``in Lodi, N.J. Roger Ailes ...``: a place abbreviation after a comma closes its phrase."""
    at = cx.ts - len(cx.word) - 2
    return True if cx.kind == "place" and at >= cx.start and cx.text[at] == "," else None


def _end_before_learned_starter(cx: _Candidate) -> bool:
    """``Acme Inc. Officials there ...`` ends when the article opens sentences with "Officials" elsewhere."""
    return cx.ortho.starts_sentence(cx.next_word)


# The order of the rules, in one place: the first rule with an opinion decides. The first group
# looks at the terminator and the characters around it; the second judges a lone period by its word.
_MARK_RULES = (
    _end_before_nothing,
    _no_end_before_lowercase,
    _no_end_before_punctuation,
    _question_or_exclamation,
    _no_end_after_list_marker,
    _no_end_ellipsis_before_i,
    _no_end_elision_before_citation,
    _end_after_ellipsis_or_closer,
    _end_after_space,
)
_WORD_RULES = (  # then, with the word before the lone period read:
    _end_after_plain_word,
    _end_after_pronoun_i,
    _no_end_after_title,
    _number_abbreviation,
    _no_end_before_bracket,
    _time_before_capital,
    _abbreviation_before_number,
    _end_before_symbol_or_quote,
    _end_before_starter,
    _end_before_plural_subject,
    _no_end_after_initial,
    _end_place_after_comma,
    _end_before_learned_starter,
)


def _ends_here(text: str, sent_start: int, ts: int, e: int, k: int, b: int, ortho: _Ortho) -> bool:
    """Whether the candidate ``text[ts:e]`` (followed by whitespace up to ``k``) ends a sentence."""
    cx = _Candidate(text, sent_start, ts, e, k, b, ortho)
    for rule in _MARK_RULES:
        decided = rule(cx)
        if decided is not None:
            return decided
    cx.read_word()
    for rule in _WORD_RULES:
        decided = rule(cx)
        if decided is not None:
            return decided
    return True  # pragma: no cover - the last rule always decides


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    return _lexicon.words("sentence_starters.txt")


@lru_cache(maxsize=1)
def _subjects() -> frozenset[str]:
    return _lexicon.words("sentence_subjects.txt")


@lru_cache(maxsize=1)
def _time_next() -> frozenset[str]:
    return _lexicon.words("sentence_time_next.txt")


# --- lists printed inside one line: "1.) Cut taxes. 2.) Raise tariffs.", "a. ... b. ...", "• ... • ..." --

# A list marker after whitespace or at the line's start: "1.)", "1)", "(1)", "1.", "a.", "(ii)".
# Whether its letters are one letter or a Roman numeral is checked in Python; no nested quantifier.
_MARKER = re.compile(r"(?<!\S)(\(?)(\d{1,2}|[A-Za-z]{1,4})(\.\)|\)|\.)(?=\s)")
_ROMAN = {r: i for i, r in enumerate(("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"),
                                      start=1)}
# A bullet between two items of one line ("Highlights • Rates rose • Jobs grew"); "*" only in a
# line that opens with it, and never "-" (a dash in running prose).
_BULLETS = "\u2022\u25aa\u25e6\u2023\u25cf\u25a0\u25ba"
_BULLET = re.compile(r"(?<=\s)[" + _BULLETS + r"](?=\s)")
_STAR = re.compile(r"(?<=\s)\*(?=\s)")
# A second list marker ("2.)", "b.", "(ii)"): an article without one (after a space, a line break
# or a bracket, checked in Python) holds no run of markers. Each branch opens with a literal, so the
# scan skips ahead to the characters 2, b, B, i, I.
_SECOND = re.compile(r"(?:2|b|B|ii|II)(?:\.\)?|\))(?=\s)")
# What may stand before a line's first list item: a colon ("Three steps: 1) ..."), a sentence end,
# or a bullet.
_LIST_INTRO = frozenset(":.!?\u2026\"\u201d\u2022\u25aa\u25e6\u2023\u25cf\u25a0\u25ba*")
# Opening characters of a list item: a capital, a digit or an opening quote mark.
_ITEM_OPEN = re.compile(r"\s{1,3}[\"'\u201c\u2018(]?[A-Z0-9]")


def _marker_values(token: str) -> tuple[tuple[str, int], ...]:
    """The (style, value) readings of a marker's letters: ``"2"`` -> 2; ``"b"`` -> 2; ``"i"`` -> 9 or 1."""
    if token.isdigit():
        return (("1", int(token)),)
    low = token.lower()
    case = "a" if token.islower() else "A" if token.isupper() else ""
    if not case:
        return ()
    out: list[tuple[str, int]] = []
    if len(token) == 1:
        out.append((case, ord(low) - 96))
    if low in _ROMAN:
        out.append((case + "i", _ROMAN[low]))
    return tuple(out)


def _opens_list(text: str, a: int, lo: int, before: str) -> bool:
    """Whether a first marker, after ``before`` (``text[lo:...]`` stripped), may open a list: at the
    line's start ``a``, or after a colon, a sentence end or a bullet, but not after a number
    abbreviation ("ranked No. 1. Nobody ...")."""
    if not before:
        return lo == a
    return before[-1] in _LIST_INTRO and _abbreviations().get(_word_before(text, lo + len(before)).rstrip(".")) is None


def _marker_chains(text: str, a: int, b: int) -> list[list[re.Match[str]]]:
    """Runs of list markers numbered 1, 2, 3 ... (or a, b, c; i, ii, iii) of one form in ``text[a:b]``.

    A run opens at the line's start or after a colon, a sentence end or a bullet ("The plan: 1.)
    Cut taxes. 2.) Raise tariffs."); each item starts with a capital, a digit or a quote mark, and an
    item ending in a comma, a semicolon, "and" or "or" ("two reasons: 1) Unlike Cruz, he ... and 2)
    Kasich ...") is prose, not a list.
    After a number abbreviation ("No. 1. Nobody ...") a number is no marker.
    """
    chains: list[list[re.Match[str]]] = []
    run: list[re.Match[str]] = []
    form, value = ("", "", ""), 0  # the run's form (bracket, separator, numbering) and last number
    for m in _MARKER.finditer(text, a, b):
        opener, token, sep = m.groups()
        if (opener and sep != ")") or not _ITEM_OPEN.match(text, m.end(), b):
            continue
        lo = max(a, m.start() - 40)  # a bounded look back: a line may hold thousands of markers
        before = text[lo:m.start()].rstrip()
        readings = {(opener, sep, numbering): v for numbering, v in _marker_values(token)}
        if run and readings.get(form) == value + 1 and before[-1:] not in ",;" \
                and not before.endswith((" and", " or")):
            run.append(m)
            value += 1
            continue
        starts = [f for f, v in readings.items() if v == 1]
        if starts and _opens_list(text, a, lo, before):
            if len(run) >= 2:
                chains.append(run)
            run, form, value = [m], starts[-1], 1
    if len(run) >= 2:
        chains.append(run)
    return chains


class _ListHints:
    """Which lines of an article may hold in-line list items, found in one cheap pass per article.

    A run of markers needs a second one ("2.)", "b.", "(ii)" after a space or a bracket), and a
    bullet list a bullet character; most articles have neither, and their lines skip the list scan.
    """

    __slots__ = ("bullets", "seconds", "stars")

    def __init__(self, text: str) -> None:
        self.seconds = [i for i in (m.start() for m in _SECOND.finditer(text))
                        if i == 0 or text[i - 1].isspace() or text[i - 1] == "("]
        self.bullets = any(ch in text for ch in _BULLETS)
        self.stars = "* " in text

    def may_list(self, text: str, a: int, b: int) -> bool:
        """Whether the line ``text[a:b]`` may hold list items."""
        i = bisect_left(self.seconds, a)
        return (i < len(self.seconds) and self.seconds[i] < b) or self.bullets \
            or (self.stars and text.startswith("* ", a))


_NO_ITEMS: tuple[list[int], frozenset[int]] = ([], frozenset())


def _list_items(text: str, a: int, b: int, hints: _ListHints | None = None) -> tuple[list[int], frozenset[int]]:
    """Where list items open inside the line ``text[a:b]``, and the periods of their markers.

    Examples:
        >>> line = "Steps: 1.) Cut taxes 2.) Raise tariffs"
        >>> breaks, periods = _list_items(line, 0, len(line))
        >>> [line[i:i + 3] for i in breaks], sorted(periods)
        (['1.)', '2.)'], [8, 22])
    """
    if not (hints or _ListHints(text)).may_list(text, a, b):
        return _NO_ITEMS
    breaks: list[int] = []
    periods: list[int] = []
    for run in _marker_chains(text, a, b):
        for m in run:
            if m.start() > a:
                breaks.append(m.start())
            if m.group(3)[0] == ".":
                periods.append(m.end(2))
    bullets = [m.start() for m in _BULLET.finditer(text, a, b)]
    if text.startswith("* ", a):
        bullets += [m.start() for m in _STAR.finditer(text, a + 1, b)]
    if bullets:
        breaks = sorted(set(breaks).union(bullets))
    return breaks, frozenset(periods)


def _cut(out: list[tuple[int, int, int]], text: str, start: int, at: int, pid: int) -> int:
    """Close the sentence ``text[start:at]`` (trailing whitespace dropped) before a list item at ``at``."""
    if at <= start:
        return start
    end = start + len(text[start:at].rstrip())
    if end > start:
        out.append((start, end, pid))
    return at


def _split_line(text: str, a: int, b: int, pid: int, ortho: _Ortho, hints: _ListHints,
                out: list[tuple[int, int, int]]) -> None:
    """Append the sentences of the non-blank line ``text[a:b]`` (paragraph ``pid``) to ``out``."""
    breaks, markers = _list_items(text, a, b, hints)
    nb = len(breaks)
    bi = 0
    start = a
    for m in _TERM.finditer(text, a, b):
        ts = m.start()
        while bi < nb and breaks[bi] <= ts:  # a list item opens before this candidate
            start = _cut(out, text, start, breaks[bi], pid)
            bi += 1
        e = m.end()
        if e >= b:
            break
        if ts in markers:  # the period of a list marker ("2. Raise tariffs")
            continue
        if not text[e].isspace():
            # "courageous...For example": an ellipsis glued to a capitalised word still ends one
            if text[e].isupper() and text[e + 1:e + 2].islower() and (
                    "\u2026" in m.group() or ".." in m.group()):
                out.append((start, e, pid))
                start = e
            continue
        k = _SPACE.match(text, e, b).end()  # type: ignore[union-attr]
        if _ends_here(text, start, ts, e, k, b, ortho):
            out.append((start, e, pid))
            start = k
    for at in breaks[bi:]:
        start = _cut(out, text, start, at, pid)
    out.append((start, b, pid))


def sentence_spans(text: str) -> list[tuple[int, int, int]]:
    """Sentence ``(start, end, paragraph_id)`` spans of ``text``, in order.

    Each non-blank line is a paragraph (``paragraph_id`` counts them from 0); a sentence never
    crosses a line and never starts or ends with whitespace; ``text[start:end]`` is the sentence.
    Runs in time linear in ``len(text)``.

    Args:
        text: an article body (``"\\n"`` line endings, as ``load_articles`` gives).

    Returns:
        A list of ``(start, end, paragraph_id)`` tuples, end-exclusive.

    Raises:
        TypeError: when ``text`` is not a str (``sentences`` turns a missing text into no rows).

    Examples:
        >>> text = 'Mr. Smith went to Washington. "Why now?" he asked.\\n\\n  It rose 2.5% to $3.5 billion.'
        >>> [(text[s:e], p) for s, e, p in sentence_spans(text)]
        [('Mr. Smith went to Washington.', 0), ('"Why now?" he asked.', 0), ('It rose 2.5% to $3.5 billion.', 1)]
    """
    if not isinstance(text, str):
        raise TypeError(f"sentence_spans() needs a str, got {type(text).__name__}")
    out: list[tuple[int, int, int]] = []
    ortho = _Ortho(text)
    hints = _ListHints(text)
    pid = 0
    pos = 0
    for line in text.split("\n"):
        n = len(line)
        a = pos + n - len(line.lstrip())
        if a < pos + n:  # a non-blank line
            _split_line(text, a, pos + len(line.rstrip()), pid, ortho, hints, out)
            pid += 1
        pos += n + 1
    return out


@corpus_step
def sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: ``article_id``, ``sentence_id``, ``paragraph_id``, ``start``, ``end``, ``text``.

    ``sentence_id`` and ``paragraph_id`` count from 0 within each article (a paragraph is a non-blank
    line), and ``articles.text[start:end] == text`` for every row. A missing text (NaN/None) gives
    no rows; without an ``article_id`` column the index (as str) identifies the articles.

    Args:
        articles: a DataFrame with a ``text`` column, as ``newslab.load_articles`` returns.

    Returns:
        The sentences table; ``n_jobs=`` runs it on several cores, and a Dask DataFrame works too.

    Raises:
        ValueError: when ``articles`` has no ``text`` column.

    Examples:
        >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["Gov. Newsom spoke at 9 a.m. Monday. He left.\\nNext line"]})
        >>> sentences(arts)[["sentence_id", "paragraph_id", "text"]].values.tolist()
        [[0, 0, 'Gov. Newsom spoke at 9 a.m. Monday.'], [1, 0, 'He left.'], [2, 1, 'Next line']]
    """
    if "text" not in articles.columns:
        raise ValueError(
            "sentences() needs an articles table with a 'text' column (as newslab.load_articles "
            f"returns); got columns {list(articles.columns)}"
        )
    ids = articles["article_id"] if "article_id" in articles.columns else articles.index.astype(str)
    out_id: list[object] = []
    out_sid: list[int] = []
    out_pid: list[int] = []
    out_start: list[int] = []
    out_end: list[int] = []
    out_text: list[str] = []
    for aid, text in zip(ids, articles["text"]):
        if not isinstance(text, str):
            continue
        spans = sentence_spans(text)
        out_id.extend([aid] * len(spans))
        out_sid.extend(range(len(spans)))
        for s, e, p in spans:
            out_pid.append(p)
            out_start.append(s)
            out_end.append(e)
            out_text.append(text[s:e])
    return pd.DataFrame({
        "article_id": pd.Series(out_id, dtype=ids.dtype if len(out_id) == 0 else None),
        "sentence_id": np.asarray(out_sid, dtype=np.int64),
        "paragraph_id": np.asarray(out_pid, dtype=np.int64),
        "start": np.asarray(out_start, dtype=np.int64),
        "end": np.asarray(out_end, dtype=np.int64),
        "text": pd.Series(out_text, dtype="str"),
    })


# Lowercase forms of listed abbreviations that are also everyday words: Punkt lowercases its
# abbreviation types, so "said no." must not make "no" an abbreviation there.
_PUNKT_SKIP = frozenset({"no", "nos", "in", "ill", "mass", "miss", "wash", "sat", "wed", "mon", "del",
                         "ind", "la", "mo", "pa", "ga", "op", "ed", "min", "est", "art", "arts", "fig",
                         "reg", "ext", "tel"})


def punkt_parameters() -> PunktParameters:
    """NLTK Punkt parameters built from newslab's abbreviations and sentence starters (no download).

    Punkt lowercases its abbreviation types, so listed abbreviations that are also everyday words
    (``No.``/``no``, ``Miss.``/``miss``, ``in.``/``in``) are left out of them.

    Examples:
        >>> params = punkt_parameters()
        >>> "mr" in params.abbrev_types and "u.s" in params.abbrev_types
        True
    """
    from nltk.tokenize.punkt import PunktParameters

    params = PunktParameters()
    params.abbrev_types = {k.lower() for k in _abbreviations()} - _PUNKT_SKIP
    params.sent_starters = {w.lower() for w in _starters()}
    return params


def punkt_tokenizer() -> PunktSentenceTokenizer:
    """An NLTK ``PunktSentenceTokenizer`` with :func:`punkt_parameters`; an alternative, not the default.

    Examples:
        >>> list(punkt_tokenizer().span_tokenize("Mr. Smith left. He said so."))
        [(0, 15), (16, 27)]
    """
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    return PunktSentenceTokenizer(punkt_parameters())

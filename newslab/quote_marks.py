"""Quotation marks: pair them paragraph by paragraph into quotations (straight, curly, guillemets, ``''``).

A quotation never runs past its paragraph unless the paragraph ends open and the next one opens
again; a mismatched ``“...’`` closes at the single mark; an unclosed mark ends at its paragraph.
Part of :mod:`newslab.quotes`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_DOUBLE_OPEN = "\u201c\u00ab\u201e"          # “ « „
_DOUBLE_CLOSE = "\u201d\u00bb"               # ” »
_STRAIGHT = '"'
# Apostrophes inside words (don't, O'Neill) are not marks; skipping them in the pattern keeps the
# Python loop to real quotation marks. Every alternative opens with a literal character (the
# lookbehind comes after the mark), which lets the regex engine jump from mark to mark: 7x faster
# than the same pattern written with character classes and a leading lookbehind.
_MARK = re.compile("''|``|\"|\u201c|\u201d|\u00ab|\u00bb|\u201e"
                   "|\u2018(?!\\w)|\u2019(?!\\w)|'(?!\\w)"                      # a closing single mark
                   "|\u2018(?<!\\w\u2018)|\u2019(?<!\\w\u2019)|'(?<!\\w')"    # an opening one
                   "|\u2018")
_OPENERS = set(_DOUBLE_OPEN) | {'"', "''", "``", "\u2018", "'"}
_DOUBLE_OPENERS = frozenset(("\u201c", "\u00ab", "\u201e", "``"))
_STRAIGHT_DOUBLES = frozenset(('"', "''"))
_DOUBLE_CLOSERS = frozenset(('"', "''", "\u201d", "\u00bb"))
_REOPEN = "\u201c\u00ab\u201e\"\u2018`'"
_QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e`"


@dataclass(slots=True)
class _Quote:
    start: int
    end: int          # end-exclusive, after the closing mark (or the paragraph end if unclosed)
    single: bool      # ‘…’ rather than “…”
    closed: bool
    used: bool = False


@dataclass(slots=True)
class _Open:
    """The marks open in one paragraph."""
    d: int | None = None         # start of an open double quotation
    s: int | None = None         # a single quote outside any double
    nested: bool = False         # a single quote open inside a double


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(first non-blank character, end) of every paragraph that is not blank, in order."""
    n = len(text)
    ps = 0
    while ps < n:
        pe = text.find("\n", ps)
        pe = n if pe < 0 else pe
        body = ps
        while body < pe and text[body] in " \t\r\u00a0":
            body += 1
        if body < pe:
            yield body, pe
        ps = pe + 1


def _n_for_and(text: str, tok: str, i: int, me: int, pe: int) -> bool:
    """Is the single mark at ``i`` the start of 'n' for "and" ("rock 'n' roll"), no quotation mark?"""
    return tok in ("'", "\u2018", "\u2019") and text[me:me + 1] == "n" and text[me + 1:me + 2] in ("'", "\u2019") \
        and (me + 2 >= pe or not text[me + 2].isalnum()) and (i == 0 or not text[i - 1].isalnum())


def _retyped(text: str, tok: str, i: int, body: int, after: str, open_d: int | None) -> str:
    """The mark as meant: '\u201dMr. Trump embodies ...\u201d', 'He said: \u201dWe are ready.\u201d' open
    with a closing mark typed for the opening one (or the Swedish and Finnish \u201d...\u201d); in
    \u201e...\u201c (German and Central European style) the high mark closes."""
    if tok == "\u201d" and open_d is None and (
            i == body or (text[i - 1] in " \t:(\u2014\u2013" and (after.isalnum() or after == "\u2026"))):
        tok = "\u201c"
    if tok == "\u201c" and open_d is not None and text[open_d] == "\u201e":
        tok = "\u201d"
    return tok


def _close_single(text: str, st: _Open, tok: str, i: int, me: int, pe: int, before: str, after: str,
                  last_single: int, out: list[_Quote]) -> None:
    """\u2019 or ': close 'a single quote' (or the single inside a double), but not "don\u2019t", "\u201990s"
    or 'the players\u2019 families are ...' (a plural possessive, the quote closes later); a
    mismatched \u201c...\u2019 closes at the single mark rather than run on to the paragraph end."""
    if after.isalnum() or before.isspace():
        return
    if (st.s is not None or st.nested) and before == "s" and after == " " and me + 1 < pe \
            and text[me + 1].isalnum() and last_single > i:
        return
    if st.nested:
        st.nested = False
    elif st.s is not None:
        out.append(_Quote(st.s, me, True, True))
        st.s = None
    elif st.d is not None and tok == "\u2019" and before != "s" and (me >= pe or after in ".,;:!?"):
        out.append(_Quote(st.d, me, False, True))
        st.d = None


def _pair_paragraph(text: str, body: int, pe: int, carry: int | None, carry_end: int,
                    out: list[_Quote]) -> int | None:
    """Pair the marks of one paragraph into ``out``; returns the start of a double quotation left
    open at its end. ``carry`` is a quotation continued from the paragraph before: the first mark
    reopens it, and without a mark it ends at ``carry_end``."""
    n = len(text)
    st = _Open()
    last_single = max(text.rfind("'", body, pe), text.rfind("\u2019", body, pe))
    skip_to = -1  # the closing mark of "rock 'n' roll"
    for m in _MARK.finditer(text, body, pe):
        i, me = m.span()
        tok = m.group()
        if i < skip_to:
            continue
        if _n_for_and(text, tok, i, me, pe):
            skip_to = me + 2
            continue
        if carry is not None:  # the reopening mark of a continued quote
            st.d, carry = carry, None
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[me] if me < n else " "
        tok = _retyped(text, tok, i, body, after, st.d)
        if tok in _DOUBLE_OPENERS or (tok in _STRAIGHT_DOUBLES and st.d is None):
            if tok in _STRAIGHT_DOUBLES and (after.isspace() or me >= pe):
                continue  # a stray straight mark that opens nothing
            # a double inside an open single ('I told him, "No," she said') leaves the single open
            st.d, st.nested = i, False
        elif tok in _DOUBLE_CLOSERS:
            if st.d is not None:
                out.append(_Quote(st.d, me, False, True))
                st.d, st.nested = None, False
        elif tok == "\u2018" or (tok == "'" and not before.isalnum() and after.isalnum()):
            if before.isalnum():
                continue
            if st.d is not None:
                st.nested = True
            elif st.s is None:
                st.s = i
        else:
            _close_single(text, st, tok, i, me, pe, before, after, last_single, out)
    if carry is not None:  # a continued quote whose paragraph has no mark at all
        out.append(_Quote(carry, carry_end, False, False))
    return st.d


def _reopens_after(text: str, pe: int) -> bool:
    """Does the next paragraph after the one ending at ``pe`` open with a quotation mark?"""
    n = len(text)
    nxt = pe + 1
    while nxt < n and text[nxt] in " \t\r\n\u00a0":
        nxt += 1
    return nxt < n and text[nxt] in _REOPEN


def _pair_marks(text: str) -> list[_Quote]:
    """Pair quotation marks within paragraphs; linear in the number of marks.

    A double quotation open at a paragraph's end is carried into the next paragraph when that one
    opens with a mark (the convention of a quotation running over paragraphs), else it ends there.

    Examples:
        >>> [(q.start, q.end) for q in _pair_marks('He said "yes" and \u201cno\u201d.')]
        [(8, 13), (18, 22)]
    """
    out: list[_Quote] = []
    carry: int | None = None      # start of a quote continued from the previous paragraph
    carry_end = 0                 # end of the paragraph it was left open in
    for body, pe in _paragraphs(text):
        if carry is not None and text[body] not in _REOPEN:
            out.append(_Quote(carry, carry_end, False, False))
            carry = None
        open_d = _pair_paragraph(text, body, pe, carry, carry_end, out)
        carry = None
        if open_d is not None:
            if _reopens_after(text, pe):
                carry, carry_end = open_d, _rstrip_end(text, pe)
            else:
                out.append(_Quote(open_d, _rstrip_end(text, pe), False, False))
    if carry is not None:
        out.append(_Quote(carry, carry_end, False, False))
    out.sort(key=lambda q: q.start)
    return out


def _rstrip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in " \t\r\n\u00a0":
        end -= 1
    return end


def _n_words(text: str, q: _Quote) -> int:
    return len(text[q.start:q.end].split())

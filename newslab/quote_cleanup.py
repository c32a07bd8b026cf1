"""Content and clean-up: the content after a cue, then the passes over an article's statements
(drop duplicates, non-statements and nested cues, attach split and floating quotations).
Part of :mod:`newslab.quotes`.
"""
from __future__ import annotations

import bisect
import functools
import re

from . import _lexicon
from .quote_article import _MERGE_SPLIT, _Article, _Stmt
from .quote_cues import _PARTICIPLE_TAIL, _SPACE, _verbs, _verbs_set
from .quote_marks import _QUOTE_CHARS, _Quote
from .quote_phrases import _PRON, _SKIP_BEFORE, _is_title, _kind_of

# between the halves of a split quote: the attribution only, no new paragraph or second sentence
_SPLIT_GAP_BREAK = re.compile(r"\n")


_CLAUSE_CUT = {"which", "who", "while", "but", "and", "although", "though", "because", "as", "even", "when",
               "after", "before", "since", "where", "whereas", "so", "yet", "or"}


def _content_from(a: _Article, k: int, hi: int, sent_end: int, sp: tuple[int, int] | None,
                  cue: tuple[int, int], conf: float, clause: bool = False) -> _Stmt | None:
    """Content that starts at token ``k`` and runs to the end of the sentence (or quotation).

    With ``clause`` it stops at the end of the clause instead ("endorsed Cruz last week, saying").
    """
    text = a.text
    while k < hi and a.w[k] in (",", ":", "\u2014", "--", "-"):
        k += 1
    if k >= hi:
        return _quotation_after_colon(a, k, sent_end, sp, cue, conf)
    s = a.tstart[k]
    q = a.q_by_start.get(s)
    if q is not None and _whole_quotation(a, q, sent_end):
        return _Stmt(q.start, q.end, "direct", sp, cue, conf)
    # ('said "it gets me mad" every time ...', "confirmed 'several' deliveries": the sentence goes
    # on after the quotation, so the quotation is a fragment of indirect content)
    rel_speaker = sp is not None and sp[1] - sp[0] <= 5 and text[sp[0]:sp[1]].lower() in ("who", "which")
    e = _content_end(a, k, hi, sent_end, rel_speaker, clause)
    if clause:
        e = _clause_end(a, k, hi, e)
    # a quotation that starts inside the content and runs past the sentence end
    qi = bisect.bisect_left(a.qstart, s)
    kind = "indirect"
    while qi < len(a.quotes) and a.quotes[qi].start < e:
        q = a.quotes[qi]
        if not q.single:
            kind = "mixed"
            e = max(e, q.end)
        qi += 1
    while e > s and text[e - 1] in " \t\r\n.,;:\u00a0":
        e -= 1
    if e - s < 3 or len(text[s:e].split(None, 1)) < 2:  # fewer than two words
        return None
    if a.single_style:
        kind = _kind_of(a, s, e)
    return _Stmt(s, e, kind, sp, cue, conf)


def _quotation_after_colon(a: _Article, k: int, sent_end: int, sp: tuple[int, int] | None,
                           cue: tuple[int, int], conf: float) -> _Stmt | None:
    """'He said:' ending its paragraph, the quotation opening the next one (nothing else follows)."""
    text = a.text
    if not (k - 1 >= 0 and a.w[k - 1] == ":" and a.tstart[k - 1] < sent_end):
        return None
    p = a.tend[k - 1]
    n = 0
    while p < len(text) and text[p] in " \t\r\n\u00a0" and n <= 3:
        n += text[p] == "\n"
        p += 1
    q = a.q_by_start.get(p)
    if q is not None and n <= 3 and (not q.single or a.single_style):
        return _Stmt(q.start, q.end, "direct", sp, cue, conf)
    return None


def _whole_quotation(a: _Article, q: _Quote, sent_end: int) -> bool:
    """Is the quotation ``q`` after a cue the whole content (the sentence ends with it or in it)?"""
    text = a.text
    n = q.end
    while n < len(text) and text[n] in " \t\u00a0":
        n += 1
    inner_end = text[q.start:q.end].rstrip(_QUOTE_CHARS + " ")[-1:]
    return n >= len(text) or not (text[n].isalnum() or text[n] in "([") or inner_end in (".", "!", "?") \
        or n >= sent_end


def _content_end(a: _Article, k: int, hi: int, sent_end: int, rel_speaker: bool, clause: bool) -> int:
    """Where content from token ``k`` ends: the sentence end, or a comma, "and" or "but" before a
    statement of its own ("..., adding that", "said A and said that B")."""
    verbs = _verbs_set()
    cls_of = _verbs()
    aw = a.w
    # The tokens up to the sentence end (and hi - 1); only a comma, "and" or "but" can end the
    # content early, so a comprehension picks those out and the tests run on them alone.
    stop = bisect.bisect_left(a.tstart, sent_end, k + 1, max(k + 1, hi - 1))
    for i in [i for i, w in enumerate(aw[k + 1:stop], k + 1) if w in _COMMA_AND_BUT]:
        w = aw[i]
        if w == "," and aw[i + 1].lower() in _PARTICIPLE_TAIL:
            return a.tstart[i]  # "..., adding that ...": a statement of its own
        if w == "," and rel_speaker and (aw[i + 1] in verbs or (aw[i + 1] in _SKIP_BEFORE and aw[i + 2] in verbs)):
            return a.tstart[i]  # 'X, who voted against the bill, said ...': the relative clause ends, X speaks
        if w == "," and aw[i + 1] == "but" and aw[i + 2] in _SUBJECT_PRON:
            return a.tstart[i]  # "said A, but he refused B": the narration goes on, the content ends
        if w != "," and (aw[i + 1] in verbs or (aw[i + 1] in _SKIP_BEFORE and aw[i + 2] in verbs)) \
                and aw[i - 1] not in _PRON and (clause or cls_of.get(
                    aw[i + 1] if aw[i + 1] in verbs else aw[i + 2]) != "attitude"):
            # "said A and said that B": the second cue starts a statement of its own; but in "said
            # the party backed A but opposed B" the stance is the reported clause's, not the speaker's
            return a.tstart[i]
    return sent_end


def _clause_end(a: _Article, k: int, hi: int, e: int) -> int:
    """Where a clause from token ``k`` ends, before ``e``: at a dash, a semicolon, a parenthesis, or a
    comma before a new clause ('endorsed Cruz last week, saying ...')."""
    aw = a.w
    for i in [i for i, w in enumerate(aw[k + 1:hi], k + 1) if w in _CLAUSE_BREAKS]:
        w = aw[i]
        if w != "," or aw[i + 1].lower() in _CLAUSE_CUT or aw[i + 1].lower() in _PARTICIPLE_TAIL:
            return a.tstart[i]
    return e


_COMMA_AND_BUT = frozenset((",", "and", "but"))


_SUBJECT_PRON = frozenset(("he", "she", "they", "we", "I"))
_CLAUSE_BREAKS = frozenset((";", "\u2014", "--", "(", ","))


@functools.lru_cache(maxsize=1)
def _not_content() -> dict[str, tuple[str, ...]]:
    """cue (lower-case, or "*") -> content starts that are no statement (``quote_not_content.txt``)."""
    out: dict[str, list[str]] = {}
    for row in _lexicon.rows("quote_not_content.txt"):
        for cue in row[0].lower().split():
            out.setdefault(cue, []).append(row[1].lower())
    return {k: tuple(v) for k, v in out.items()}


def _is_speech(a: _Article, st: _Stmt) -> bool:
    """False for "asked not to be named", "did not respond to a request for comment"."""
    if st.cue is None or st.kind == "direct":
        return True
    table = _not_content()
    content = a.text[st.start:st.start + 40].lower()
    for start in table.get("*", ()) + table.get(a.text[st.cue[0]:st.cue[1]].lower(), ()):
        if content.startswith(start) and content[len(start):len(start) + 1] in ("", " ", ",", "."):
            return False
    return True


_MODALS = frozenset(("will", "would", "could", "can", "may", "might", "should", "must", "shall", "won't",
                     "wouldn't", "can't", "cannot", "couldn't", "shouldn't", "won\u2019t", "wouldn\u2019t",
                     "can\u2019t", "couldn\u2019t", "shouldn\u2019t"))
_NEGATORS = frozenset(("not", "never", "n't", "also", "still", "then", "soon", "quickly", "publicly"))


def _after_modal(text: str, cue_start: int) -> bool:
    """Does a modal stand right before the cue ('would acknowledge', 'will not approve')?"""
    words = text[max(0, cue_start - 30):cue_start].split()[-3:]
    while words and words[-1].lower() in _NEGATORS:
        words.pop()
    return bool(words) and words[-1].lower() in _MODALS


def drop_nested(a: _Article, out: list[_Stmt]) -> list[_Stmt]:
    """Drop statements whose cue sits inside another statement's reported clause and is a stance or
    a belief ('said the council opposed the tower', 'told the crowd that she expected the vote to
    pass') or a possibility ('told staff the bank would acknowledge its failings'): what was said,
    not an attribution of its own (PolNeAR rarely annotates these). ``out`` is sorted by start.

    Examples:
        >>> from newslab.quote_sieves import _demo
        >>> _demo('The mayor said the council opposed the tower.')
        [('said_that', 'The mayor', 'the council opposed the tower')]
    """
    outer = [st for st in out if st.kind != "direct" and st.cue is not None]
    if len(outer) < 2:
        return out
    starts = [st.start for st in outer]
    verbs = _verbs()
    text = a.text
    keep = []
    for st in out:
        if st.cue is not None and st.kind != "direct":
            c0, c1 = st.cue
            last = bisect.bisect_right(starts, c0) - 1
            inside = any(  # among the few statements opening before the cue
                o is not st and o.start <= c0 and c1 <= o.end and o.cue[1] <= o.start  # type: ignore[index]
                for o in (outer[x] for x in range(last, max(-1, last - 4), -1)))
            if inside and (verbs.get(_SPACE.sub(" ", text[c0:c1]).lower()) in ("attitude", "belief")
                           or _after_modal(text, c0)):
                continue
        keep.append(st)
    return keep


def drop_repeats(a: _Article, stmts: list[_Stmt]) -> list[_Stmt]:
    """Keep the first statement found for a span, drop non-statements ('asked not to be named', 'did
    not respond to a request for comment'), and sort by start.

    Examples:
        >>> from newslab.quote_sieves import _demo
        >>> _demo('Ann Lee asked not to be named.')
        []
    """
    seen: set[tuple[int, int]] = set()
    out: list[_Stmt] = []
    for st in stmts:
        if (st.start, st.end) in seen or not _is_speech(a, st):
            continue
        seen.add((st.start, st.end))
        out.append(st)
    out.sort(key=lambda s: s.start)
    return out


# a speaker phrase that opens with one of these denies that anyone spoke ("No group claimed ...")
_NEGATED_SPEAKERS = frozenset(("no", "nobody", "none", "neither", "nothing"))


def drop_negated_speakers(a: _Article, out: list[_Stmt]) -> list[_Stmt]:
    """'No organization said it carried out the attack.', 'Nobody told the crew the storm was coming.':
    a negated subject says that nobody made the statement, so there is none to record (a statement
    from "No organization" would count a speaker that does not exist). "No. 10 said", "No 10" (a
    number, Downing Street) still speak.

    Examples:
        >>> from newslab.quote_sieves import _demo
        >>> _demo('No organization said it had carried out the attack.')
        []
        >>> _demo('Neither side said the vote was rigged.')
        []
        >>> _demo('No 10 said the prime minister would attend.')
        [('said_that', 'No 10', 'the prime minister would attend')]
    """
    return [st for st in out if not _negated_speaker(a.text, st.sp)]


def _negated_speaker(text: str, sp: tuple[int, int] | None) -> bool:
    if sp is None:
        return False
    words = text[sp[0]:sp[1]].split(None, 2)
    first = words[0].lower() if words else ""
    if first in ("no", "neither") and len(words) > 1:  # "No one", "neither side"; not "No. 10" nor "No 10"
        return words[1][:1].isalpha() and words[1][:1].islower()
    return first in _NEGATED_SPEAKERS and (len(words) == 1 or words[1].lower() == "of")


def non_noun_speakers(a: _Article, out: list[_Stmt]) -> list[_Stmt]:
    """'And staying focused on the case, ...', 'pointing to the attack on the embassy' (a participle
    with its object): a misreading of the sentence, no statement; 'The first charged him with abuse
    of power.' (a lone article): the statement stays, with no speaker. A participle that modifies a
    noun ("restructuring experts", "freewheeling environment") is a noun phrase and speaks.

    Examples:
        >>> from newslab.quote_sieves import _demo
        >>> _demo('And staying focused on the appeal, the family hoped for news.')
        []
        >>> _demo('Restructuring experts said the plan would fail.')
        [('said_that', 'Restructuring experts', 'the plan would fail')]
    """
    keep = []
    for st in out:
        words = a.text[st.sp[0]:st.sp[1]].split(None, 2) if st.sp is not None else []
        if words and _participle_clause(words):
            continue
        if len(words) == 1 and words[0].lower() in _ARTICLE_WORDS:
            st.sp = None
        keep.append(st)
    return keep


_ARTICLE_WORDS = frozenset(("the", "a", "an"))
# what follows a participle that takes an object or a complement ("pointing to", "staying focused")
_AFTER_PARTICIPLE = frozenset(("to", "the", "a", "an", "his", "her", "their", "its", "our", "on", "at", "for",
                               "with", "about", "into", "that", "focused", "out", "up"))


def _participle_clause(words: list[str]) -> bool:
    """Do the first words of a speaker phrase make a participle clause ("staying", "pointing to the")?"""
    first = words[0]
    if not (first.islower() and first.endswith("ing") and len(first) > 4 and not first.endswith("thing")):
        return False
    return len(words) == 1 or words[1].lower() in _AFTER_PARTICIPLE


def drop_speaker_relatives(a: _Article, out: list[_Stmt]) -> list[_Stmt]:
    """'"...," said Ann Lee, a lawyer, who has been challenging the industry for years.': a relative
    clause with a verb of attitude describes the speaker; it is no statement of its own.

    Examples:
        >>> from newslab.quote_sieves import _demo
        >>> _demo('"We will appeal," said Ann Lee, a lawyer, who has backed the union for years.')
        [('said_inverted', 'Ann Lee, a lawyer', '"We will appeal,"')]
    """
    sp_ends = {st.sp[1] for st in out if st.sp is not None and st.kind == "direct"}
    if not sp_ends:
        return out
    return [st for st in out if not (_relative_description(a, st) and _mention_start(a, st) in sp_ends)]


def _relative_description(a: _Article, st: _Stmt) -> bool:
    """Is ``st`` a "who"/"which" clause with an attitude or belief cue ('who has backed', 'who has
    been challenging')?"""
    cue = st.cue
    cue_word = a.text[cue[0]:cue[1]].lower() if cue is not None else ""
    return st.sp is not None and a.text[st.sp[0]:st.sp[1]].lower() in ("who", "which") and (
        _verbs().get(cue_word) in ("attitude", "belief")
        or (cue is not None and cue_word.endswith("ing")
            and a.text[max(0, cue[0] - 6):cue[0]].rstrip().endswith(
                ("been", "is", "was", "are", "were"))))  # 'who has been challenging the industry'


def _mention_start(a: _Article, st: _Stmt) -> int:
    """The end of the text before ``st``'s speaker mention, past spaces and commas."""
    b = st.sp[0]  # type: ignore[index]
    while b > 0 and a.text[b - 1] in " ,\t\u00a0":
        b -= 1
    return b


def drop_cues_in_speakers(a: _Article, out: list[_Stmt]) -> list[_Stmt]:
    """A cue inside another statement's speaker mention ("Don Fowler, who has backed Clinton, said")
    describes the speaker; it is not a statement of its own (or a relative clause inside it: "Two
    senators who voted against the bill said").

    Examples:
        >>> from newslab.quote_sieves import _demo
        >>> _demo('Don Fowler, who has backed Clinton, said the race was over.')
        [('appositive_subject', 'Don Fowler', 'the race was over')]
    """
    spans = sorted({st.sp for st in out if st.sp is not None and (
        st.sp[1] - st.sp[0] > 30 or " who " in a.text[st.sp[0]:st.sp[1]] or " that " in a.text[st.sp[0]:st.sp[1]])})
    if not spans:
        return out
    sp_starts = [x[0] for x in spans]
    keep = []
    for st in out:
        i = bisect.bisect_right(sp_starts, st.cue[0]) - 1 if st.cue else -1
        if i >= 0 and spans[i][0] <= st.cue[0] and st.cue[1] <= spans[i][1] and st.sp != spans[i]:  # type: ignore[index]
            continue
        keep.append(st)
    return keep


def attach_quotations(a: _Article, out: list[_Stmt]) -> list[_Stmt]:
    """Quotations no statement holds: the second half of a split quote ('"A," he said. "B."') extends
    its statement; a floating quotation after an attributed one keeps its speaker and cue.

    Examples:
        >>> from newslab.quote_sieves import _demo
        >>> _demo('"We tried," the coach said. "But they were better tonight."')
        [('said_after_quote', 'the coach', '"We tried," the coach said. "But they were better tonight."')]
    """
    covered = [(s.start, s.end) for s in out]
    cstarts = [c[0] for c in covered]
    text = a.text
    floating: list[_Stmt] = []
    for q in sorted(a.q_by_start.values(), key=lambda x: x.start):
        k = bisect.bisect_right(cstarts, q.start) - 1
        inside = k >= 0 and covered[k][1] > q.start
        if inside or (k + 1 < len(covered) and covered[k + 1][0] < q.end):
            continue
        while k > 0 and out[k].sp is None and out[k - 1].kind == "direct" and out[k].start - out[k - 1].end < 200:
            k -= 1  # '"A," he told Reuters when asked if he knew Trump. "B."': the question is no speaker's
        prev = out[k] if k >= 0 else None
        if q.single and (prev is None or text[prev.start] not in "\u2018'"):
            continue  # single marks: only the second half of a single-quoted split quote counts
        n = q.end
        while n < len(text) and text[n] in " \t\u00a0":
            n += 1
        if n < len(text) and (text[n].islower() or text[n].isdigit()) and len(text[q.start:q.end].split()) < 8:
            continue  # '"Never give up" is her motto.': the sentence goes on, a title or a phrase
        if prev is not None and _second_half(a, prev, q):
            prev.parts = (prev.parts or [(prev.start, prev.end)]) + [(q.start, q.end)]
            prev.end = q.end
            covered[k] = (prev.start, prev.end)
            continue
        if prev is not None and _floating(a, prev, q):
            # the speaker and the cue that attribute it are the previous statement's
            floating.append(_Stmt(q.start, q.end, "direct", prev.sp, prev.cue, 0.5, None, "floating", prev.cue_class))
    if floating:
        out = sorted(out + floating, key=lambda s: s.start)
    return out


def _second_half(a: _Article, prev: _Stmt, q: _Quote) -> bool:
    """Is ``q`` the second half of ``prev``, a split quote ('"A," he said. "B."')? Not after '"A!"
    insists X.' or '"A?" he asked.': A is a whole utterance and B a new one."""
    text = a.text
    return _MERGE_SPLIT and prev.kind == "direct" and prev.cue is not None \
        and prev.start <= prev.cue[0] and prev.cue[1] <= q.start and prev.end <= prev.cue[0] \
        and not _SPLIT_GAP_BREAK.search(text, prev.end, q.start) and q.start - prev.end < 400 \
        and text[prev.start:prev.end].rstrip(_QUOTE_CHARS + " ")[-1:] not in (".", "!", "?") \
        and not _is_title(a, q)


def _floating(a: _Article, prev: _Stmt, q: _Quote) -> bool:
    """Does the quotation ``q`` float after the attributed statement ``prev`` (a sentence of speech of
    its own, near it, no new speaker between)?"""
    text = a.text
    words = len(text[q.start:q.end].split())
    inner = text[q.start + 1:q.end - 1].rstrip(_QUOTE_CHARS + " ")
    # a short one ('"I absolutely do."') only right after a direct quote's attribution, in its paragraph
    short_ok = prev.kind == "direct" and prev.end <= q.start \
        and q.start - prev.end < 120 and "\n" not in text[prev.end:q.start]
    if (words < 4 and not short_ok) or not inner or (inner[-1] not in ".!?,;:\u2014-" and words < 8):
        return False
    # the quotation must open a sentence (not sit inside one as a scare quote or title)
    b = q.start
    while b > 0 and text[b - 1] in " \t\u00a0":
        b -= 1
    if b > 0 and text[b - 1] not in ".!?\n" + _QUOTE_CHARS + ":)\u2014":
        return False
    if prev.sp is None:
        return False
    gap = text[prev.end:q.start]
    return not (gap.count("\n") > 2 or len(gap) > 400 or prev.kind == "indirect" and gap.count("\n") > 0)


# The clean-up passes over an article's statements, in order.
PASSES = (drop_repeats, drop_nested, drop_negated_speakers, non_noun_speakers, drop_speaker_relatives,
          drop_cues_in_speakers, attach_quotations)


def _finish(a: _Article, stmts: list[_Stmt]) -> list[_Stmt]:
    """The statements after every clean-up pass."""
    for clean in PASSES:
        stmts = clean(a, stmts)
    return stmts

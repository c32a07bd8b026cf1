"""The attribution rules: for each cue, the shape of the text around it decides the content and the
speaker (``X said (that) ...``, ``"...," said X``, ``according to X, ...``); then the rules that need
no verb (headline colons, ``Name: "..."``, dash signatures). Part of :mod:`newslab.quotes`.
"""
from __future__ import annotations

import bisect
import functools
import re

from . import _lexicon
from ._lazy import lazy
from .quote_article import _MERGE_SPLIT, _Article, _Stmt
from .quote_cleanup import _content_from, _finish
from .quote_cues import (
    _NOUNY,
    _PARTICIPLE_TAIL,
    _SPACE,
    _TELL,
    _TITLE_CASE_CUES,
    _TO_VERBS,
    _direct_only_verbs,
    _inversion_verbs,
    _verbs,
    _verbs_set,
)
from .quote_marks import _QUOTE_CHARS, _Quote
from .quote_phrases import (
    _ARTICLES,
    _CATENATIVE,
    _CLAUSE_START,
    _DET,
    _LEAD_OR_STOP,
    _LEAD_WORDS,
    _MONTHS,
    _NEG_AUX,
    _NP_INNER,
    _OCCASION_PARTICIPLES,
    _PARENTH,
    _PRON,
    _PRON_OR_REL,
    _PRON_S,
    _REL,
    _SENT_END,
    _SETTING_PREPS,
    _SKIP_BEFORE,
    _STOP,
    _STOP_OR_INNER,
    _TITLE_ABBR,
    _WEEKDAYS,
    _abbr_dot,
    _adverb_ly,
    _adverbial_at,
    _appositive_break,
    _clause_subject,
    _clause_to_end,
    _is_cap,
    _is_quote_tok,
    _is_title,
    _kind_of,
    _left_content,
    _lower_speaker,
    _ly_words,
    _now_role,
    _np_appositive_only,
    _np_fwd,
    _plural_possessive,
    _role_word,
    _skip_after_cue,
    _subject_before,
    _trim_adverbial,
)

_WH = {"whether", "if", "what", "who", "how", "why", "when", "where", "which", "about"}


_ADJ_SUFFIX = ("ful", "ic", "ous", "ive", "al", "est", "ible", "able", "ing", "ish", "ary", "less")


# words that cannot sit inside an appositive ("said Ann Lee, a lawyer who ...": stop at "who")
_APPOS_STOP = {"is", "was", "are", "were", "has", "have", "had", "said", "says",
               "told", "and", "but", "because", "when", "while", "if", "although", "adding", "saying"}


_WINDOW = 80  # tokens looked at on the left of a cue (four times that on the right)


def said_first(a: _Article, m_start: int, m_end: int) -> _Stmt | None:
    """An inverted cue opening its sentence, its speaker, then a quotation: 'Said one official, "..."'."""
    ci = bisect.bisect_left(a.tstart, m_start)
    if ci >= len(a.tstart) or a.tstart[ci] != m_start:
        return None
    _, hi = a.sent_toks(a.sent_of(m_start))
    inv = _np_fwd(a, ci + 1, hi, strict=True)
    if inv is None:
        inv = _lower_speaker(a, ci + 1, hi)
    if inv is None or inv + 2 >= hi or a.w[inv + 1] not in (",", ":"):
        return None
    q = a.q_by_start.get(a.tstart[inv + 2])
    if q is None:
        return None
    return _Stmt(q.start, q.end, "direct", (a.tstart[ci + 1], a.tend[inv]), (m_start, m_end), 0.6)


def _cue_class(a: _Article, form: str, m_start: int, m_end: int) -> tuple[str | None, str]:
    """The class of the cue ``form`` found at ``m_start`` (None: no cue here; ``said_first`` for a
    sentence opened by 'Said one official, "..."'), and the form the sieves read (a title-case cue
    lower-cased)."""
    cls = "source" if form.lower() == "according to" else _verbs().get(form)
    if cls is not None or form not in _TITLE_CASE_CUES:
        return cls, form
    # "Asked whether ..." at a sentence start; "Trump Says He Will Win" in a headline
    cls = _verbs().get(form.lower())
    if form != "Asked":
        text = a.text
        p = m_start - 1
        while p >= 0 and text[p] in " \t\u00a0":
            p -= 1
        if form in ("Said", "Says") and (p < 0 or text[p] in ".!?\n" + _QUOTE_CHARS):
            return "said_first", form  # 'Said one official, "We are worried."'
        if p < 0 or not text[p].isalnum() or not m_end < len(text) - 2 or not text[m_end + 1].isupper():
            return None, form
    return cls, form.lower()


def _quoted(a: _Article, m_start: int) -> bool:
    """Is the cue at ``m_start`` inside a quotation? Its words belong to the speaker, not the narrator."""
    qi = bisect.bisect_right(a.qstart, m_start) - 1  # a.quote_around, inlined: hot
    if qi >= 0 and a.quotes[qi].start < m_start < a.quotes[qi].end - (1 if a.quotes[qi].closed else 0):
        return True
    if a.short_single:
        qi = bisect.bisect_right(a.ss_start, m_start) - 1
        if qi >= 0 and a.short_single[qi].start < m_start < a.short_single[qi].end - 1:
            return True
    return False


def _find_statements(text: str, sents: list[tuple[int, int, int]] | None = None) -> tuple[_Article, list[_Stmt]]:
    """The statements of one text: the sieves on every cue, the article sieves, then the clean-up passes.
    ``sents``: the text's ``sentence_spans``, when the caller has them already."""
    a = _Article(text, sents)
    out: list[_Stmt] = []
    _run_article_sieves(a, CHANNEL_SIEVES, out)
    last_in_sent: dict[int, _Stmt] = {}
    tstart, tend = a.tstart, a.tend
    sent_toks: dict[int, tuple[int, int]] = {}
    for (m_start, m_end, m_group), si in zip(a.cues, a.cue_sents):
        cls, form = _cue_class(a, m_group if m_group.isalpha() else _SPACE.sub(" ", m_group), m_start, m_end)
        if cls == "said_first":
            st = said_first(a, m_start, m_end)
            if st is not None:
                st.rule, st.cue_class = "said_first", "speech"
                out.append(st)
            continue
        if cls is None or _quoted(a, m_start):
            continue
        ci = bisect.bisect_left(tstart, m_start)
        cj = bisect.bisect_left(tstart, m_end, ci) - 1
        if ci > cj or tstart[ci] != m_start or tend[cj] != m_end:
            continue  # part of a larger token ("Mr.said", "e-mailed")
        if si not in sent_toks:  # the token range of the cue's sentence (a.sent_toks), looked up once
            s_start, s_end, _ = a.sents[si]
            sent_toks[si] = bisect.bisect_left(tstart, s_start), bisect.bisect_left(tstart, s_end)
        lo, hi = sent_toks[si]
        # A bounded window around the cue keeps every rule linear even when a "sentence" is a
        # megabyte of text with no full stop.
        lo, hi = max(lo, ci - _WINDOW), min(hi, cj + 4 * _WINDOW)
        direct_only = form.lower() in _direct_only_verbs()
        for st in _attribute(a, cls, form, ci, cj, lo, hi, si, last_in_sent.get(si)):
            if direct_only and st.kind != "direct":
                continue  # "posted a loss", "put it on the table"
            out.append(st)
            last_in_sent[si] = st
    _run_article_sieves(a, ARTICLE_SIEVES, out)
    return a, _finish(a, out)


def _run_article_sieves(a: _Article, sieves: tuple, out: list[_Stmt]) -> None:
    """Append the statements of each (sieve, cue_class) in ``sieves``, marked with the rule and class."""
    for sieve, cue_class in sieves:
        for st in sieve(a):
            st.rule, st.cue_class = sieve.__name__, cue_class
            out.append(st)


# endings of plural nouns of people, never a finite verb ("legislators", "residents", "activists")
_PEOPLE_PLURALS = ("ers", "ors", "ists", "ants", "ents", "ians", "ans", "als", "ees", "ives", "people", "members")
_AUXILIARIES = frozenset({"has", "have", "had", "will", "would", "did", "does", "do", "can", "could", "may",
                          "might", "must", "should", "shall"})


@functools.lru_cache(maxsize=1)
def _place_abbreviations() -> frozenset[str]:
    """"Calif", "Ind", "Ont": state and province abbreviations (the sentence splitter's lexicon)."""
    return frozenset(k.removesuffix(".") for k, v in _lexicon.table("abbreviations.txt").items() if v == "place")


class _Cue:
    """One cue and what the sieves read around it; each reading is computed once, on first use.

    ``ci``..``cj`` are the cue's tokens, ``lo``..``hi`` the bounded window of its sentence ``si``,
    ``prev`` the last statement found in that sentence.
    """

    def __init__(self, a: _Article, cls: str, form: str, ci: int, cj: int, lo: int, hi: int, si: int,
                 prev: _Stmt | None) -> None:
        self.a, self.cls, self.form, self.lform = a, cls, form, form.lower()
        self.ci, self.cj, self.lo, self.hi, self.si, self.prev = ci, cj, lo, hi, si, prev
        self.cue = (a.tstart[ci], a.tend[cj])
        self.sent_end = min(a.sents[si][1], a.tend[hi - 1]) if hi > 0 else a.sents[si][1]
        self.pw = a.w[ci - 1]  # the word before the cue ("" before the first token)
        self.plw = self.pw.lower()
        self.tell = self.lform in _TELL
        self.participle = form.endswith("ing")

    @lazy
    def j(self) -> int:
        """The last token of the cue's left context, past adverbs, auxiliaries and catenatives
        ("continue to say")."""
        aw, lo, ci = self.a.w, self.lo, self.ci
        j = ci - 1
        for _ in range(6):
            if j < lo:
                break
            step = _skip_left(aw, j, ci, lo)
            if not step:
                break
            j -= step
        if j < lo and ci - 1 >= lo and aw[lo].lower() in _PRONOUN_DETS:
            j = lo  # 'Both said: "..."': the determiner is the speaker
        if self.participle and j - 1 >= lo and j == ci - 1 and aw[j][:1].islower() and aw[j].lower() not in _DET \
                and aw[j].lower() not in _STOP_OR_INNER and _is_cap(aw[j - 1]) and not aw[j].endswith(_PEOPLE_PLURALS):
            j -= 1  # "Trump avoids condemning ...": the subject is before the finite verb (not "State
            # legislators supporting the law": a plural noun of people with a reduced relative clause)
        return j

    @lazy
    def k(self) -> int:
        """The first token of what follows the cue (content, an opening quotation, or nothing)."""
        a, aw, cj, hi = self.a, self.a.w, self.cj, self.hi
        k = _skip_after_cue(a, cj + 1, hi, self.tell)
        if self.tell and aw[k] != ":":
            # 'told 2GB radio: "..."', 'told the rally: "..."': the addressee runs up to a colon and a quotation
            for t in range(cj + 2, min(hi, cj + 9)):
                if aw[t] in _SENT_END or aw[t] in (",", ";") or _is_quote_tok(aw[t]):
                    break
                if aw[t] == ":" and t + 1 < hi and a.q_by_start.get(a.tstart[t + 1]) is not None:
                    k = t
                    break
        return k

    @lazy
    def right_quote(self) -> _Quote | None:
        """The quotation that opens right after the cue (and its adverbials), if any."""
        a, aw, hi = self.a, self.a.w, self.hi
        k2 = self.k
        while k2 < hi and aw[k2] in (",", ":", "\u2014", "--"):
            k2 += 1
        right_quote = a.q_by_start.get(a.tstart[k2]) if k2 < hi else None
        if right_quote is not None and _is_title(a, right_quote, k2):
            right_quote = None  # '"...," Pence said on CNN's "State of the Union."': a programme, not speech
        return right_quote

    @lazy
    def nothing_after(self) -> bool:
        """Does no content follow the cue (the content came before it)?"""
        a, aw, k, hi, lo, ci = self.a, self.a.w, self.k, self.hi, self.lo, self.ci
        if k >= hi or aw[k] in _SENT_END or aw[k] == ";":
            return True
        if aw[k] == ",":
            return k + 1 < hi and _nothing_after_comma(a, k, lo, ci)
        # ('"...," she told CBS on Tuesday, when ...': the when-clause is no content)
        return aw[k].lower() in ("about", "of") and self.lform in ("said", "says", "say") \
            and _closed_quote_before(a, lo, ci)

    @lazy
    def left_open(self) -> bool:
        """Nothing that can be a subject stands before the cue: a quotation, a comma, the sentence start."""
        aw, j = self.a.w, self.j
        return j < self.lo or aw[j] in (",", "\u2014", "--", ";", ":", "\u2013") or _is_quote_tok(aw[j])

    @lazy
    def inverted(self) -> tuple[int | None, int | None, bool, bool]:
        """A speaker after the cue ('"...," said Peskov'): its last token, the last token of its trailing
        adverbial or relative clause, whether punctuation ends it, and whether the cue may invert."""
        a, aw, cj, hi = self.a, self.a.w, self.cj, self.hi
        inv = _np_fwd(a, cj + 1, hi, strict=True)
        lower = inv is None
        if lower:
            inv = _lower_speaker(a, cj + 1, hi)
        if inv is not None and aw[inv + 1] == "(":
            close = inv + 1
            while close < min(hi, inv + 9) and aw[close] != ")":
                close += 1
            if aw[close] == ")":
                inv = close  # '"...," said Rep. G.K. Butterfield (D-N.C.).'
        if not lower and inv is not None:
            inv = _inverted_head(a, inv, hi)
        tail = inv
        if inv is not None:  # '"...," said Smith in a statement.': the speaker is "Smith"
            inv, tail = _trim_adverbial(a, cj + 1, inv, hi)
        if inv is not None and tail == inv and aw[inv + 1].lower() in ("who", "whose") and aw[inv][:1].isalpha() \
                and aw[inv].lower() not in _PRON:
            # '"...," said a Mexican official who was not authorized to speak.': a relative clause
            clause_end = _clause_to_end(a, inv + 1, inv + 40, hi)
            if clause_end is not None:
                tail = clause_end
        inverted_ok = inv is not None and tail is not None and (
            tail + 1 >= hi or aw[tail + 1] in (".", ",", "!", "?", ";", ":") or _is_quote_tok(aw[tail + 1]))
        # Only plain speech verbs invert, and never after an auxiliary: in "The chancellor, Jeremy
        # Hunt, has defended his plan" the name before the verb is its subject.
        invertible = self.cls in ("speech", "belief") and self.lform in _inversion_verbs() and not any(
            aw[x].lower() in _AUXILIARIES for x in range(self.j + 1, self.ci))
        return inv, tail, inverted_ok, invertible

    @lazy
    def subject(self) -> tuple[tuple[int, int], int | None] | None:
        """The speaker before the cue (character span) and its first token."""
        got = _subject_before(self.a, self.j, self.lo, self.prev)
        if self.participle and got is not None and got[1] is not None:
            return _occasion_holder(self.a, got[1], self.j, self.lo, self.prev) or got
        return got

    def content(self, k: int, sp: tuple[int, int] | None, conf: float, clause: bool = False) -> list[_Stmt]:
        """The content from token ``k`` to the end of the sentence (or clause), as a list of 0 or 1."""
        st = _content_from(self.a, k, self.hi, self.sent_end, sp, self.cue, conf, clause=clause)
        return [st] if st else []


def _opening_adjective(w: str) -> bool:
    """Is ``w``, capitalised at a sentence start, an adjective ("Initial", "Official") and no given name?"""
    lw = w.lower()
    return w[:1].isupper() and lw.endswith(_ADJ_SUFFIX) and lw not in _given()


@functools.lru_cache(maxsize=1)
def _given() -> frozenset[str]:
    """Given names (the speaker lexicon's), which may end like an adjective ("Kemal", "Neal")."""
    return frozenset(k.lower() for k in _lexicon.table("speaker_given_names.txt"))


@functools.lru_cache(maxsize=1)
def _occasions() -> frozenset[str]:
    """Head nouns of the occasions and documents a speaker speaks through ("press conference", "statement")."""
    return _lexicon.words("quote_occasions.txt") | _lexicon.words("speaker_documents.txt") \
        | _lexicon.words("speaker_authored.txt")


# verbs whose object is the occasion a participle cue hangs on ("held a press conference claiming")
_OCCASION_VERBS = frozenset({"held", "holds", "hold", "holding", "gave", "gives", "give", "issued", "issues",
                             "issue", "released", "releases", "published", "publishes", "posted", "posts",
                             "sent", "sends", "put", "puts", "convened", "hosted", "hosts", "filed", "files",
                             "delivered", "delivers", "made", "makes", "tweeted", "shared", "called"})


def _occasion_holder(a: _Article, st: int, e: int, lo: int,
                     prev: _Stmt | None) -> tuple[tuple[int, int], int | None] | None:
    """The speaker of a participle cue whose subject phrase (tokens ``st``..``e``) is an occasion or a
    document that is the object of a verb: "Tony Ruiz held a press conference claiming ...", "The
    ministry issued a statement saying ...": the conference and the statement do not speak, the
    subject of "held" / "issued" does. None when the shape differs.

    Examples:
        >>> _demo('Tony Ruiz held a press conference claiming the mayor knew about the deals.')
        [('said_that', 'Tony Ruiz', 'the mayor knew about the deals')]
        >>> _demo('The ministry issued a statement saying the talks had failed.')
        [('said_that', 'The ministry', 'the talks had failed')]
    """
    aw = a.w
    v = st - 1
    if v - 1 < lo or aw[v].lower() not in _OCCASION_VERBS or not aw[v].islower() \
            or aw[e].lower() not in _occasions():
        return None
    j = v - 1
    for _ in range(6):  # "The ministry later issued", "Ruiz has held": past adverbs and auxiliaries
        step = _skip_left(aw, j, v, lo) if j >= lo else 0
        if not step:
            break
        j -= step
    if j < lo or not aw[j][:1].isalnum():
        return None
    return _subject_before(a, j, lo, prev)


_TIME_SPANS = frozenset({"week", "weekend", "month", "year", "morning", "afternoon", "evening", "night", "day"})
_TIME_PREPS = frozenset({"during", "over", "in", "on", "at", "throughout", "across"})


# verbs that take the participle cue as their object ("started saying", "kept insisting")
_ING_CATENATIVE = frozenset({"start", "starts", "started", "began", "begin", "begins", "keep", "keeps", "kept",
                             "continue", "continues", "continued", "resumed", "resume", "resumes"})
_TIME_AFTER = frozenset({"thereafter", "later", "ago", "earlier", "afterwards", "afterward"})


def _time_back(aw: list[str], j: int, lo: int) -> int:
    """How many tokens a time phrase ending at token ``j`` takes, 0 when none ends there: "A report
    from the ministry during the weekend said", "which within a few years thereafter declared"."""
    lw = aw[j].lower()
    if lw in _TIME_SPANS and j - 1 >= lo and aw[j - 1].lower() == "the":
        return 3 if j - 2 >= lo and aw[j - 2].lower() in _TIME_PREPS else 2
    if lw in _TIME_AFTER and j - 1 >= lo and aw[j - 1].lower().rstrip("s") in _TIME_SPANS:
        return _time_phrase_back(aw, j, lo)
    return 0


def _time_phrase_back(aw: list[str], j: int, lo: int) -> int:
    """How many tokens the time phrase ending at token ``j`` takes ("which within a few years thereafter
    declared", "the board two days later said"): the adverb, the unit, its quantity and preposition."""
    k = j - 2  # before the unit
    while k >= lo and j - k <= 5 and (aw[k][:1].isdigit() or aw[k].lower() in _QUANTITIES):
        k -= 1
    if k >= lo and aw[k].lower() in _TIME_PREPS | {"within", "after"}:
        k -= 1
    return j - k


_QUANTITIES = frozenset({"a", "an", "few", "several", "some", "many", "two", "three", "four", "five", "six",
                         "seven", "eight", "nine", "ten", "couple", "of"})


def _skip_left(aw: list[str], j: int, ci: int, lo: int) -> int:
    """How many tokens to step left over at ``j`` (an adverb, an auxiliary, "to" after a catenative,
    a parenthetical ", however,"): 0 at the end of the left context."""
    w = aw[j]
    lw = w.lower()
    n = _time_back(aw, j, lo)
    if n:
        return n
    if j == ci - 1 and lw in _ING_CATENATIVE and aw[ci].endswith("ing"):
        return 1  # "companies started saying", "some publishers might start saying": the subject is before
    if lw in _SKIP_BEFORE or lw in _NEG_AUX or (w.islower() and _adverb_ly(lw)) or w in _WEEKDAYS \
            or (lw == "on" and j + 1 < ci and aw[j + 1] in _WEEKDAYS) \
            or (lw in ("more", "less", "most") and w.islower() and j > lo):
        return 1
    if lw == "to" and j - 1 >= lo and aw[j - 1].lower() in _CATENATIVE:
        return 2
    if w == "," and j - 2 >= lo and aw[j - 1].lower() in _PARENTH and aw[j - 2] == ",":
        return 3
    if w == "," and j - 3 >= lo and aw[j - 1].lower() in _PARENTH and aw[j - 3] == ",":
        return 4
    return 0


def _nothing_after_comma(a: _Article, k: int, lo: int, ci: int) -> bool:
    """Is the comma at token ``k``, right after a cue, followed by no content ('..., adding',
    '..., a senior official said, speaking on condition of anonymity.')?"""
    aw = a.w
    nxt = aw[k + 1].lower()
    return nxt in _PARTICIPLE_TAIL or (nxt in _OCCASION_PARTICIPLES and aw[k + 2].lower() in _SETTING_PREPS) or (
        (nxt in _SUBORDINATORS or (aw[k + 1].endswith("ing") and aw[k + 1].islower()))
        and _closed_quote_before(a, lo, ci))


def _inverted_head(a: _Article, inv: int, hi: int) -> int:
    """Extend an inverted speaker that ends on a capitalised word to its head noun: 'said one
    Democratic source on the panel'."""
    aw = a.w
    x = inv
    while x + 1 < hi and x - inv < 3 and _role_word(aw[x + 1]) and aw[x + 1].lower() not in _SETTING_PREPS:
        x += 1  # 'said one Democratic source on the panel': the head noun after a capitalised word
    if x > inv and aw[x + 1].lower() in _NP_INNER and not _adverbial_at(a, x + 1):
        y = x + 1  # '... source on the panel.': a short prepositional phrase up to the sentence end
        while y + 1 < hi and y - x < 6 and aw[y + 1][:1].isalnum() and aw[y + 1].lower() not in _STOP \
                and aw[y + 1].lower() not in _verbs_set():
            y += 1
        if y + 1 >= hi or aw[y + 1] in _SENT_END or aw[y + 1] in (",", ";"):
            x = y
    if x > inv and (x + 1 >= hi or aw[x + 1] in _SENT_END or aw[x + 1] in (",", ";")
                    or _adverbial_at(a, x + 1) or aw[x + 1].lower() in ("who", "whose")):
        return x
    return inv


# ----------------------------------------------------------------------------- the sieves
# Each sieve takes the cue and returns None when the text around it is not its shape (the next
# sieve is tried), else the statements it decides on (an empty list: no statement for this cue).


def according_to(c: _Cue) -> list[_Stmt] | None:
    """``according to X, ...``, ``..., according to X.`` and ``"...," according to X``.

    Examples:
        >>> _demo('Turnout fell, according to the county office.')
        [('according_to', 'the county office', 'Turnout fell')]
    """
    if c.cls != "source":
        return None
    a, aw, hi, cue = c.a, c.a.w, c.hi, c.cue
    e = _source_end(c)
    if e is None:
        return []
    sp = (a.tstart[c.cj + 1], a.tend[_before_time(a, c.cj + 1, e)])
    s = max(a.sents[c.si][0], a.tstart[c.lo])
    before = a.text[s:cue[0]].strip(" \t\"'\u201c\u2018(")
    if not before:
        k = e + 1
        while k < hi and aw[k] in (",", ":"):
            k += 1
        return c.content(k, sp, 0.8)
    return _according_to_after(c, e, sp, s)


_WHEN_WORDS = frozenset({"yesterday", "today", "tonight", "earlier", "later", "recently", "late", "early"})


def _before_time(a: _Article, s: int, e: int) -> int:
    """The last token of a source phrase (tokens ``s``..``e``) before a trailing time ("according to
    officials on Saturday", "according to police yesterday", "according to the WHO late today"):
    when it was said is not who said it.

    Examples:
        >>> _demo('According to officials on Saturday, the bridge will reopen.')
        [('according_to', 'officials', 'the bridge will reopen')]
    """
    aw = a.w
    for _ in range(3):
        if e - 1 > s and aw[e] in _WEEKDAYS and aw[e - 1].lower() in ("on", "last", "this", "late", "early"):
            e -= 2
        elif e > s and (aw[e] in _WEEKDAYS or (aw[e].lower() in _WHEN_WORDS and aw[e].islower())):
            e -= 1
        else:
            break
    return e


def _source_end(c: _Cue) -> int | None:
    """The last token of the source after "according to": up to the next comma, dash or sentence end
    when that is near ("according to early results of the exit poll conducted by Edison Research for
    the AP"), with its appositive ("according to Dan Moore, the fire chief.")."""
    a, aw, cj, hi, text = c.a, c.a.w, c.cj, c.hi, c.a.text
    e = _np_fwd(a, cj + 1, hi)
    if e is None:
        return None
    i = cj + 1
    while i < hi and i - cj < 30 and aw[i] not in (",", ";", ":", "\u2014", "--", "(", ")") \
            and not (aw[i] in _SENT_END and not _abbr_dot(a, i)) and not _is_quote_tok(aw[i]):
        i += 1
    if i - cj < 30 and i - 1 > e:
        e = i - 1
    if e + 2 < hi and aw[e + 1] == "," and (aw[e + 2].lower() in ("the", "a", "an") or _role_word(aw[e + 2])):
        # 'according to Dan Moore, the fire chief.' / '..., the fire chief, "..."': an appositive
        x = e + 2
        while x < hi and x - e < 25 and aw[x][:1].isalnum() and aw[x].lower() not in _APPOS_STOP \
                and aw[x].lower() not in _REL and aw[x].lower() not in _verbs_set():
            x += 1
        s = max(a.sents[c.si][0], a.tstart[c.lo])
        after_content = bool(text[s:c.cue[0]].strip(" \t\"'\u201c\u2018("))
        # (at the sentence end only after the content: 'According to the report, the economy grew.')
        if (after_content and (x >= hi or (aw[x] in _SENT_END and not _abbr_dot(a, x)))) \
                or (aw[x] == "," and x + 1 < hi and _is_quote_tok(aw[x + 1])):
            e = x - 1
    return e


def _according_to_after(c: _Cue, e: int, sp: tuple[int, int], s: int) -> list[_Stmt]:
    """The content before "according to X" (a quotation, a split quote, or the clause), or around it."""
    a, aw, hi, text, cue = c.a, c.a.w, c.hi, c.a.text, c.cue
    e2 = cue[0]
    while e2 > s and text[e2 - 1] in " ,\t\u2014-":
        e2 -= 1
    if e2 - s < 8:
        return []
    s1 = s
    while s1 < e2 and text[s1] in " \t\u00a0":
        s1 += 1
    q = a.q_by_start.get(s1)
    inside = e + 1 < hi and aw[e + 1] in (",", "\u2014", "--") and e + 2 < hi and aw[e + 2] not in _SENT_END
    whole = q is not None and q.end == e2 and (not q.single or a.single_style)
    if whole and not (inside and aw[e + 2].lower() not in _REL):
        # '"The fire is contained," according to the chief.': a whole quotation, direct speech
        return [_Stmt(q.start, q.end, "direct", sp, cue, 0.8)]  # type: ignore[union-attr]
    q2 = a.q_by_start.get(a.tstart[e + 2]) if e + 2 < hi and aw[e + 1] == "," else None
    if whole and q2 is not None and _MERGE_SPLIT:
        # '"The plan," according to one minister, "is dead."': a split quote
        return [_Stmt(q.start, q2.end, "direct", sp, cue, 0.8,  # type: ignore[union-attr]
                      [(q.start, q.end), (q2.start, q2.end)])]  # type: ignore[union-attr]
    if inside:
        # "At the heart of it, according to X, was a decision ...": the source sits inside its content
        e2 = c.sent_end
        while e2 > s and text[e2 - 1] in " \t\r\n.\u00a0":
            e2 -= 1
    return [_Stmt(s, e2, _kind_of(a, s, e2), sp, cue, 0.8)]


def asked_question(c: _Cue) -> list[_Stmt] | None:
    """``Asked whether she would run, Clinton said ...``: the question is attributed, its asker unnamed.

    Examples:
        >>> _demo('Asked whether she would run, the mayor smiled.')
        [('asked_question', None, 'whether she would run')]
    """
    a, aw, cj, hi = c.a, c.a.w, c.cj, c.hi
    if not (c.lform == "asked" and (c.ci == c.lo or c.plw in ("when", "after", "once", "as", "if", ","))
            and aw[cj + 1].lower() in _WH):
        return None
    i = cj + 1
    while i < hi and aw[i] not in (",", ";") and aw[i] not in _SENT_END:
        i += 1
    e = a.tstart[i] if i < hi else c.sent_end
    while e > a.tstart[cj + 1] and a.text[e - 1] in " \t,":
        e -= 1
    if i - cj > 2:
        return [_Stmt(a.tstart[cj + 1], e, _kind_of(a, a.tstart[cj + 1], e), None, c.cue, 0.5)]
    return []


# ("The first attack was ...", "the December 31 attack on the embassy": a noun after an ordinal or a number)
_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "last", "latest", "next", "previous"})


def not_a_verb(c: _Cue) -> list[_Stmt] | None:
    """No statement where the cue word is a noun or an adjective: 'the statement signed by ...',
    'the pledged delegates', 'his stated aim', 'another horrific attack', "the party's claims".

    Examples:
        >>> _demo('The pledged delegates met in Ohio.')
        []
    """
    aw, ci, lo, form, pw, plw = c.a.w, c.ci, c.lo, c.form, c.pw, c.plw
    if aw[c.cj + 1].lower() == "by" and c.lform.endswith(("ed", "en")) and ci - 1 >= lo \
            and c.lform not in ("responded", "replied", "answered", "reacted", "countered", "retorted"):
        return []  # "the statement signed by ...", "a letter written by ...": a passive participle
    if ci - 1 >= lo and (plw in _ARTICLES or (pw[:1].isdigit() and (form.endswith("ed") or form in _NOUNY))
                         or (plw in _ORDINALS and form in _NOUNY)) \
            and not (ci - 1 == lo and plw in _PRONOUN_DETS):  # but 'Another tweeted, "..."'
        return []  # "the pledged delegates", "his stated aim", "the reports": not a cue
    if form in _NOUNY and ci - 2 >= lo and pw[:1].islower() and pw not in _SKIP_BEFORE \
            and plw not in _PRON_OR_REL and (
                aw[ci - 2].lower() in _DET or pw.endswith(_ADJ_SUFFIX)
                or aw[ci - 2].lower() in ("with", "for", "of", "in", "on", "from", "by", "against")):
        return []  # "another horrific attack", "the overwhelming support": a noun, not a verb
    if ci - 1 >= lo and pw.endswith(("\u2019s", "'s")) and plw not in _PRON_S:
        return []  # "Trump's plans", "the party's claims": a noun, not a verb
    if form in _NOUNY and ci - 1 == lo and _opening_adjective(pw):
        return []  # "Initial reports stated ...": an adjective opens the sentence
    return None


def passive(c: _Cue) -> list[_Stmt] | None:
    """No statement after a passive ('he was asked', 'she is quoted'): the subject is not the source.

    Examples:
        >>> _demo('He was asked about the vote.')
        []
    """
    aw = c.a.w
    for b in range(c.ci - 1, max(c.lo, c.ci - 3) - 1, -1):
        lb = aw[b].lower()
        if lb in ("is", "was", "were", "are", "been", "be", "being", "get", "got", "gets"):
            if not c.participle:
                return []
        elif not ((lb.endswith("ly") and lb not in _ly_words()) or lb in ("also", "not", "never", "reportedly",
                                                                           "widely")):
            break
    return None


def adding_that(c: _Cue) -> list[_Stmt] | None:
    """``..., adding that ...``: a participle after a clause has that clause's speaker.

    Examples:
        >>> _demo('The minister defended the budget, adding that hospitals would hire.')
        [('said_that', 'The minister', 'the budget'), ('adding_that', 'The minister', 'that hospitals would hire')]
    """
    if not (c.left_open and c.participle):
        return None
    a, aw, j, lo = c.a, c.a.w, c.j, c.lo
    if j < lo or aw[j] not in (",", "\u2014", "--", ";", "\u2013"):
        return []
    if c.prev is not None and c.prev.sp is not None:
        sp = c.prev.sp
    else:
        subj = _clause_subject(a, lo, j)
        if subj is None:
            return []
        sp = (a.tstart[subj[0]], a.tend[subj[1]])
    return c.content(c.k, sp, 0.7)


def appositive_subject(c: _Cue) -> list[_Stmt] | None:
    """``Name, a role, said (that) ...`` and ``"...," Name, a role, said.``: the phrase before the cue
    and its appositive speak.

    Examples:
        >>> _demo('Ann Lee, a spokeswoman, said the port would reopen.')
        [('appositive_subject', 'Ann Lee, a spokeswoman', 'the port would reopen')]
    """
    a, aw, j, lo = c.a, c.a.w, c.j, c.lo
    if not c.left_open or j < lo or aw[j] == ":":
        return None
    _, _, inverted_ok, invertible = c.inverted
    if not (c.right_quote is not None or not inverted_ok or not invertible
            or (aw[j] == "," and _np_appositive_only(a, lo, j))):
        return None
    got = c.subject
    if got is None:
        return None
    if not c.nothing_after:
        st = c.content(c.k, got[0], 0.8)
        if st or got[1] is None or _left_content(a, got[1], lo) is None:
            return st
        # ('"...," X, a spokesman, said in an interview in Santa Monica, Calif.': no content after)
    if got[1] is None:
        return None
    # '"...," Leonard Burman, director of X, said of the plan.'
    left = _left_content(a, got[1], lo)
    if left is None:
        return None
    return [_with_split(left, c.right_quote, got[0], c.cue, 0.8)]


def _with_split(left: tuple[int, int, str], q: _Quote | None, sp: tuple[int, int], cue: tuple[int, int],
                conf: float) -> _Stmt:
    """The statement of content ``left`` before a cue, merged with quotation ``q`` after it when both
    are quotations (a split quote, '"A," he said, "B."': one statement from A's opening to B's closing)."""
    if q is not None and left[2] == "direct" and _MERGE_SPLIT:
        return _Stmt(left[0], q.end, "direct", sp, cue, conf, [(left[0], left[1]), (q.start, q.end)])
    return _Stmt(left[0], left[1], left[2], sp, cue, conf)


def said_inverted(c: _Cue) -> list[_Stmt] | None:
    """``"...," said Peskov`` and ``..., says John Smith, a spokesman.``: the speaker after the cue.

    Examples:
        >>> _demo('"We are staying," said Tom Berg, the foreman.')
        [('said_inverted', 'Tom Berg, the foreman', '"We are staying,"')]
    """
    if not c.left_open:
        return None
    a, aw, j, lo, ci, hi = c.a, c.a.w, c.j, c.lo, c.ci, c.hi
    inv, tail, inverted_ok, invertible = c.inverted
    if not invertible or not inverted_ok or inv is None:
        return []
    assert tail is not None  # (inverted_ok above)
    e, tail = _inverted_appositive(a, inv, tail, hi)
    sp = (a.tstart[c.cj + 1], a.tend[e])
    if j < lo:  # the sentence splitter may have cut right after the quotation
        left = _left_content(a, ci, max(0, lo - 60)) if ci > 0 else None
    else:
        left = _left_content(a, j + 1 if aw[j] == "," else ci, lo)
    if left is None:
        return []
    k3 = max(e, tail) + 1
    while k3 < hi and aw[k3] in (",", ":"):
        k3 += 1
    q = a.q_by_start.get(a.tstart[k3]) if k3 < hi else None
    if q is not None and _is_title(a, q, k3):
        q = None
    return [_with_split(left, q, sp, c.cue, 0.8)]  # '"A," said X, "B."'


def _inverted_appositive(a: _Article, e: int, tail: int, hi: int) -> tuple[int, int]:
    """'..., said Griffin, an Obama backer.': the appositive belongs to the mention. Returns the last
    token of the mention and of the phrase after the cue."""
    aw = a.w
    if not (e == tail and e + 2 < hi and aw[e + 1] == ","
            and (aw[e + 2].lower() in _DET or _is_cap(aw[e + 2]) or _role_word(aw[e + 2]) or _now_role(a, e + 2))
            and (aw[e + 2].lower() not in _LEAD_WORDS or _now_role(a, e + 2))):
        return e, tail
    e2 = _appositive_stop(a, e, hi)
    if e2 > e + 2 and (e2 >= hi or aw[e2] in (".", ";", "!", "?") or _appositive_break(a, e2)
                       or (_is_quote_tok(aw[e2]) and aw[e2 - 1] == ",")):  # not 'author of "Title"'
        if aw[e2 - 1] == "." and aw[e2] != "." and not _abbr_dot(a, e2 - 1):
            e2 -= 1
        elif aw[e2] == "." and e2 + 1 >= hi and aw[e2 - 1] in _place_abbreviations() \
                and a.tstart[e2] == a.tend[e2 - 1]:
            e2 += 1  # '..., of Tujunga, Calif.': the full stop is the abbreviation's too
        tail = e2 - 1
        # '..., said Ann Lee, a nurse, on Monday.': the appositive ends before the adverbial
        e, _ = _trim_adverbial(a, e + 2, e2 - 1, hi, appositive=True)
        while aw[e] in (",", "\u2014", "--"):
            e -= 1
        return e, tail
    # '..., said Ann Lee, a law professor who has ...': the appositive ends at its relative clause
    # (or at ', who ...' after it)
    r = next((x for x in range(e + 3, e2) if aw[x].lower() in ("who", "which", "whose")), None)
    rel_end = _clause_to_end(a, r, r + 40, hi) if r is not None else None
    if r is not None and rel_end is not None:
        e, tail = r - 1, rel_end
        while aw[e] in (",", "\u2014", "--"):
            e -= 1
    return e, tail


def _appositive_stop(a: _Article, e: int, hi: int) -> int:
    """The token where an appositive after the speaker's comma at ``e + 1`` stops: punctuation, a
    quotation, a verb ("is", "said") or a new clause (', echoing ...'); at most 40 tokens on."""
    aw = a.w
    e2 = e + 2
    while e2 < hi and e2 - e < 40 and aw[e2] not in (";", ":", "!", "?") \
            and not (_is_quote_tok(aw[e2]) and not _plural_possessive(a, e2)) \
            and aw[e2].lower() not in _APPOS_STOP and not _appositive_break(a, e2) \
            and not (aw[e2] == "." and not _abbr_dot(a, e2)):
        e2 += 1
    return e2


def no_subject(c: _Cue) -> list[_Stmt] | None:
    """No statement when nothing before the cue can be its speaker ('In rejecting a similar challenge, ...').

    Examples:
        >>> _demo('Meanwhile said the bank was fine.')
        []
    """
    return [] if c.subject is None else None


def said_after_quote(c: _Cue) -> list[_Stmt] | None:
    """``"...," X said.``, ``..., X said.`` and the split ``"A," he said, "B."``: the content comes before
    the speaker and the cue.

    Examples:
        >>> _demo('"The water is safe," the director said.')
        [('said_after_quote', 'the director', '"The water is safe,"')]
    """
    a, lo = c.a, c.lo
    sp, sp_tok = c.subject  # type: ignore[misc]  # (no_subject before)
    if sp_tok is not None:
        left = _left_content(a, sp_tok, lo)
        if left is None and sp_tok == lo and lo > 0 and c.nothing_after:
            left = _left_content(a, sp_tok, max(0, lo - 60))
        if left is not None and left[2] == "direct" and not c.nothing_after \
                and a.text[left[0]:left[1]].rstrip(_QUOTE_CHARS + " ")[-1:] in (".", "!", "?") \
                and c.right_quote is None:
            left = None  # '"... security." He also said that ...': a new sentence with its own content
        if left is not None and (left[2] == "direct" or c.nothing_after):
            return [_with_split(left, c.right_quote, sp, c.cue, 0.85)]
    return [] if c.nothing_after else None


def wants_to(c: _Cue) -> list[_Stmt] | None:
    """``X wants to build a wall``: a belief verb's to-infinitive is the content; a belief verb with no
    clause after it ('he believes in miracles') makes no statement.

    Examples:
        >>> _demo('The union wants to renegotiate the contract.')
        [('wants_to', 'The union', 'to renegotiate the contract')]
    """
    if c.cls != "belief":
        return None
    aw, k = c.a.w, c.k
    w = aw[k]
    if w == "to" and c.lform in _TO_VERBS:
        return c.content(k, c.subject[0], 0.5, clause=True)  # type: ignore[index]
    if not (w.lower() in _CLAUSE_START or _is_quote_tok(w) or w in (":",)
            or (w == "," and _is_quote_tok(aw[k + 1]))):  # 'She continued, "..."'
        return []
    return None


def said_inside_content(c: _Cue) -> list[_Stmt] | None:
    """``The museum, Mr. Obama said, would make visitors ...``: the attribution sits inside its content
    (also 'The trains, he said, "will run on time."', whose quotation goes on with the sentence).

    Examples:
        >>> _demo('The bridge, the mayor said, would cut commutes.')
        [('said_inside_content', 'the mayor', 'The bridge, the mayor said, would cut commutes')]
    """
    a, aw, k, lo = c.a, c.a.w, c.k, c.lo
    sp, sp_tok = c.subject  # type: ignore[misc]
    if not (c.cls == "speech" and sp_tok is not None and sp_tok - 1 > lo and aw[sp_tok - 1] == ","
            and aw[k] == "," and (not _is_quote_tok(aw[k + 1]) or aw[k + 2][:1].islower())):
        return None
    s0, e0 = a.tstart[lo], c.sent_end
    while e0 > s0 and a.text[e0 - 1] in " \t\r\n.\u00a0":
        e0 -= 1
    if e0 - s0 > 8:
        return [_Stmt(s0, e0, _kind_of(a, s0, e0), sp, c.cue, 0.7)]
    return None


def attitude_clause(c: _Cue) -> list[_Stmt] | None:
    """``X criticised the plan last week, saying ...``: an attitude's content ends with its clause.

    Examples:
        >>> _demo('Ann Ruiz endorsed the mayor last week, praising her record.')
        [('attitude_clause', 'Ann Ruiz', 'the mayor last week'), ('adding_that', 'Ann Ruiz', 'her record')]
    """
    if c.cls != "attitude":
        return None
    return c.content(c.k, c.subject[0], 0.5, clause=True)  # type: ignore[index]


def said_that(c: _Cue) -> list[_Stmt] | None:
    """``X said (that) ...``, ``X told reporters ...``, ``X said: "..."``: the content after the cue.

    Examples:
        >>> _demo('The coach said that the team had trained hard.')
        [('said_that', 'The coach', 'that the team had trained hard')]
    """
    return c.content(c.k, c.subject[0], 0.9 if c.cls == "speech" else 0.6)  # type: ignore[index]


# The order in which the sieves look at each cue: the first that recognises its shape decides.
SIEVES = (according_to, asked_question, not_a_verb, passive, adding_that, appositive_subject, said_inverted,
          no_subject, said_after_quote, wants_to, said_inside_content, attitude_clause, said_that)


def _attribute(a: _Article, cls: str, form: str, ci: int, cj: int, lo: int, hi: int, si: int,
               prev: _Stmt | None) -> list[_Stmt]:
    """The statements of the cue at tokens ``ci``..``cj``: the first sieve that recognises its shape."""
    c = _Cue(a, cls, form, ci, cj, lo, hi, si, prev)
    for sieve in SIEVES:
        got = sieve(c)
        if got is not None:
            for st in got:
                st.rule, st.cue_class = sieve.__name__, "according_to" if cls == "source" else cls
            return got
    return []


def _section_headings(found: list[re.Match[str]]) -> frozenset[str]:
    """Labels in capitals that head the sections of a roundup, not a transcript's speakers.

    A transcript names its speakers again and again (``TRUMP: ...`` ``CLINTON: ...`` ``TRUMP: ...``);
    a market roundup's labels (``KEEPING SCORE: ...`` ``ENERGY: ...`` ``CURRENCIES: ...``) each head
    one paragraph. Three or more capital labels, none of them used twice, are headings.

    Examples:
        >>> ms = list(_HEAD_COLON.finditer("\\nENERGY: Oil fell.\\nCURRENCIES: The dollar rose.\\nBONDS: Yields rose."))
        >>> sorted(_section_headings(ms))
        ['BONDS', 'CURRENCIES', 'ENERGY']
    """
    labels = [m.group(1) for m in found if m.group(1).isupper()]
    if len(labels) >= 3 and len(set(labels)) == len(labels):
        return frozenset(labels)
    return frozenset()


def headline_colon(a: _Article) -> list[_Stmt]:
    """``Speaker: words`` at the start of a paragraph (headlines, interview transcripts).

    Examples:
        >>> _demo('Mayor Okafor: City Will Not Raise Fares\\nThe council met.')
        [('headline_colon', 'Mayor Okafor', 'City Will Not Raise Fares')]
    """
    out: list[_Stmt] = []
    text = a.text
    first = _HEAD_COLON_AT_START.match(text)
    found = ([first] if first else []) + list(_HEAD_COLON.finditer(text))
    # one label in capitals is a dateline ("NEW DELHI: ..."); several are a transcript's speakers
    capital_labels = sum(m.group(1).isupper() for m in found)
    headings = _section_headings(found)
    page_labels = _lexicon.words("quote_page_labels.txt")
    for m in found:
        s, e = m.start(1), m.end(1)
        name = text[s:e]
        first_word = name.split()[0].lower()
        if first_word in _LEAD_WORDS or name.lower() in _NOT_SPEAKERS or _credit_label(name):
            continue
        if first_word in page_labels or name in headings:
            continue  # 'WATCH BELOW: ...', 'ENERGY: U.S. crude oil fell ...': page furniture, sections
        if capital_labels == 1 and name.isupper() and len(name) > 4 and a.sents[a.sent_of(s)][2] <= 2:
            continue  # a dateline opening the first paragraphs, not a speaker
        cs = m.start(2)
        ce = text.find("\n", cs)
        ce = len(text) if ce < 0 else ce
        while ce > cs and text[ce - 1] in " \t\r\u00a0":
            ce -= 1
        c0 = m.end(2)
        while c0 < ce and text[c0] in " \t\u00a0":
            c0 += 1
        if ce - c0 < 8:
            continue
        q = a.q_by_start.get(c0)
        # the whole line in marks, double or single ("Boris: 'I will not resign'")
        kind = "direct" if q is not None and (q.closed or not q.single) and q.end >= ce - 1 else "indirect"
        if kind == "direct":
            ce = q.end  # type: ignore[union-attr]
        sp, cue = (s, e), (cs, m.end(2))
        word0 = name.split()[0]
        if word0 in _TITLE_CASE_CUES and word0.lower() in _inversion_verbs() and " " in name:
            # 'Says Smith: "..."': the cue opens the paragraph and the speaker follows it
            sp, cue = (s + len(word0) + name[len(word0):].index(name.split()[1]), e), (s, s + len(word0))
        out.append(_Stmt(c0, ce, kind, sp, cue, 0.5))
    return out


# the last word of a caption's label: "Kamala Harris Image: U.S. Senate." credits a picture, nobody speaks
_CREDIT_WORDS = frozenset({"image", "images", "photo", "photos", "picture", "pictures", "video", "credit",
                           "credits", "source", "map", "graphic", "chart", "file"})


def _credit_label(name: str) -> bool:
    """Is ``name`` a caption's label ("Val Reyes Image", "Flood map", "Photo credit")?

    Examples:
        >>> _demo('Val Reyes Image: U.S. Senate.\\nThe senator spoke on Friday.')
        []
    """
    return name.split()[-1].lower() in _CREDIT_WORDS


def name_colon_quote(a: _Article) -> list[_Stmt]:
    """``Pollster Daron Shaw: "..."`` anywhere in a paragraph: a name, a colon, then a quotation.

    Examples:
        >>> _demo('Reactions came fast. Economist Lena Vogel: "These numbers are bad."')
        [('name_colon_quote', 'Economist Lena Vogel', '"These numbers are bad."')]
    """
    out: list[_Stmt] = []
    text = a.text
    for c in _COLON_QUOTE.finditer(text):  # rare: look for the name only before such a colon
        c0 = c.start()
        while c0 > 0 and text[c0 - 1] in " \t\u00a0":
            c0 -= 1  # the spaces before the colon (the pattern opens at the colon, to scan fast)
        lo = max(0, c0 - 100)
        m = _NAME_BEFORE.search(text, lo, c0)
        if m is None:
            continue
        name = m.group(1)
        first = name.split()[0].lower()
        if first in _LEAD_WORDS or first in _STOP or name.lower() in _NOT_SPEAKERS or first in _DET \
                or name in _MONTHS or name in _WEEKDAYS:  # ('a statement it put out in July: "..."')
            continue
        q = a.q_by_start.get(c.end())
        if q is None or q.single:
            continue
        s = m.start(1)
        role = _ROLE_BEFORE.search(text, max(0, s - 60), s)
        if role is not None and not any(w.lower() in _LEAD_OR_STOP or w.lower() in _DET or w.lower() in _verbs_set()
                                        for w in role.group(1).split()):
            s = role.start(1)  # 'Opposition leader Pierre Poilievre: "..."': the role opens the paragraph
        out.append(_Stmt(q.start, q.end, "direct", (s, m.end(1)), (c.start(1), c.end(1)), 0.6))
    return out


# a role in lower case ("Opposition leader", "Former prime minister") between a paragraph start and a name
_ROLE_BEFORE = re.compile(r"(?:^|(?<=\n))((?:[A-Z][\w'\u2019.-]*[ \t]+){0,2}(?:[a-z][\w'\u2019-]*[ \t]+){1,3})\Z")
_COLON_QUOTE = re.compile(r"(:)[ \t\u00a0]*(?=[\"\u201c\u00ab])")
# up to seven capitalised words (or and/of/&) ending right at the search window's end
_NAME_BEFORE = re.compile(
    r"(?<![\w.'\u2019-])([A-Z][\w.'\u2019-]*(?:[ \t\u00a0]+(?:[A-Z][\w.'\u2019-]*|and|of|&)){0,6})\Z")


def dash_signature(a: _Article) -> list[_Stmt]:
    """A quotation signed with a dash at the end of its paragraph: ``"..." \u2015 Jane Doe``.

    Examples:
        >>> _demo('"Every child deserves a safe walk to school." ― Maria Santos')
        [('dash_signature', 'Maria Santos', '"Every child deserves a safe walk to school."')]
    """
    out: list[_Stmt] = []
    if not any(dash in a.text for dash in _DASHES):
        return out  # most articles: no dash, no scan of every closing mark and apostrophe
    for m in _DASH_SIG.finditer(a.text):
        q = a.q_by_end.get(m.start(1))
        if q is None:
            continue
        # '— protester Jane Doe', '— Elie Wiesel, Holocaust survivor': a role before, an appositive after
        if any(w.lower() in _LEAD_OR_STOP or w.lower() in _DET or w.lower() in _verbs_set()
               for w in m.group(3).split(",")[0].split() if w[:1].islower()):
            continue
        se = m.end(3)
        last = a.text[m.start(3):se].rsplit(None, 1)[-1].rstrip(".")
        if a.text[se - 1] == "." and len(last) > 1 and last not in _TITLE_ABBR and "." not in last:
            se -= 1  # '― Carla Sanchez.': the full stop ends the line, not an abbreviation
        out.append(_Stmt(q.start, q.end, "direct", (m.start(3), se), (m.start(2), m.end(2)), 0.6))
    return out


# '..." \u2015 Jane Doe' (epigraphs, vox pops, social media posts) at a paragraph end
_DASH_SIG = re.compile(
    r"[\"\u201d\u2019\u00bb]()[ \t\u00a0]*([\u2015\u2014\u2013]|--)[ \t\u00a0]*"
    r"((?:[a-z][\w'\u2019-]*[ \t\u00a0]+){0,3}[A-Z][\w.'\u2019-]*(?:[ \t\u00a0]+[A-Z][\w.'\u2019-]*){0,4}"
    r"(?:,[ \t\u00a0]*[^\n,.;:!?\"\u201c\u201d]{1,60}?)?)[ \t\u00a0.]*$", re.MULTILINE)


_DASHES = ("\u2015", "\u2014", "\u2013", "--")
# "Trump: Cruz Has a Long Way to Go" / 'Republican pollster Daron Shaw: "..."' at a paragraph start
_HEAD_COLON_BODY = (
    r"[ \t]*((?:[A-Z][\w.\u2019'&-]*|of|the|for|and)(?:[ \t\u00a0]+(?:[A-Z][\w.\u2019'&-]*|of|the|for|and)){0,6})"
    r"(:)[ \t\u00a0]+(?=\S)")
# Opened by a literal "\n" rather than a multiline "^", the pattern lets the engine jump from line
# break to line break instead of trying every position (3x faster); the text's start is matched
# separately. A match never crosses a line, so the two never overlap.
_HEAD_COLON = re.compile("\n" + _HEAD_COLON_BODY)
_HEAD_COLON_AT_START = re.compile(_HEAD_COLON_BODY)
_NOT_SPEAKERS = {"the latest", "latest", "update", "updated", "note", "editor's note", "editor\u2019s note", "watch", "video", "photos",
                 "related", "read more", "see also", "also", "correction", "source", "sources", "image",
                 "photo", "advertisement", "transcript", "q", "a", "follow", "share", "listen", "warning",
                 "breaking", "exclusive", "analysis", "opinion", "comment", "commentary", "background",
                 "summary", "the bottom line", "bottom line", "context", "why", "what", "who", "when", "where",
                 "how", "reporting", "editing", "contact", "tags", "filed under", "posted", "published"}


def _closed_quote_before(a: _Article, lo: int, ci: int) -> bool:
    """Does the sentence (tokens from ``lo``) open with a whole quotation ('"...,"', '"...?"') that
    closes before the cue at ``ci``?"""
    qi = bisect.bisect_left(a.qstart, a.tstart[lo])
    if qi >= len(a.quotes):
        return False
    q = a.quotes[qi]
    return q.closed and q.start <= a.tstart[lo] + 1 and q.end <= a.tstart[ci] \
        and a.text[q.start:q.end].rstrip(_QUOTE_CHARS + " ")[-1:] in (",", ".", "!", "?")


# determiners that stand alone as a speaker at a sentence start ('Another tweeted', 'Both said')
_PRONOUN_DETS = frozenset(("another", "both", "each", "neither", "either", "all"))


# an adverbial clause after a cue's adverbials ('"...," she told CBS on Tuesday, when ...') is no content
_SUBORDINATORS = frozenset(("when", "while", "as", "after", "before", "because", "since", "though", "although",
                            "where", "until", "once"))



# The sieves that need no cue verb, with the cue_class of their rows, run over the whole article after
# the cue sieves (the clean-up keeps the first statement found for a span).
ARTICLE_SIEVES = ((headline_colon, "headline"), (dash_signature, "signature"), (name_colon_quote, "colon"))


# ----------------------------------------------------------------------------- channel sieves
# A statement attributed by the medium it was published in, with no verb of saying: "Trump's tweet
# read: ...", "Trump, in a tweet: ...", "Trump on Twitter: ...". They run before the cue sieves, so
# that "The senator's post read:" has the senator as its speaker, not the post.


@functools.lru_cache(maxsize=1)
def _channel_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The three channel shapes, each anchored at the end of the text before a colon and a quotation
    (``quote_channels.txt``): the cue is group ``cue``; the speaker ends where the match starts."""
    table = _lexicon.table("quote_channels.txt")

    def alt(kind: str) -> str:
        forms = sorted((k for k, v in table.items() if v == kind), key=len, reverse=True)
        return "(?:" + "|".join(re.escape(f).replace(r"\ ", r"[ \t\u00a0]+") for f in forms) + ")"

    platform, post = alt("platform"), alt("post")
    sp = r"[ \t\u00a0]+"
    on_platform = f"(?:{sp}on{sp}{platform})?"
    return (
        re.compile(f"['\u2019]s{sp}(?P<cue>{post}{on_platform}{sp}(?:read|reads|said|says|stated|states))[ \t\u00a0]*\\Z"),
        re.compile(f",?{sp}(?P<cue>in{sp}(?:a|an|his|her|their|its|one){sp}(?:[a-z]+{sp}){{0,2}}?{post}{on_platform}),?[ \t\u00a0]*\\Z"),
        re.compile(f",?{sp}(?P<cue>on{sp}{platform}),?[ \t\u00a0]*\\Z"),
    )


# what may stand right before a speaker phrase that opens its clause (besides the paragraph start)
_CLAUSE_OPENERS = ".!?:;,\u2014\u2013-(\"'\u201c\u201d\u2018\u2019"
_SPEAKER_WORD = re.compile(r"[\w.'\u2019&-]+")
_CHANNEL_DETS = frozenset(("the", "a", "an", "his", "her", "their", "its", "our"))


def _speaker_back(text: str, lo: int, end: int) -> tuple[int, int] | None:
    """The speaker phrase ending at ``end`` (a name, or a determiner and its noun: "The ministry"),
    within its clause, after ``lo``; None when there is none."""
    words = [(m.start(), m.end()) for m in _SPEAKER_WORD.finditer(text, lo, end)]
    picked: list[tuple[int, int]] = []
    stop = end
    for s, e in reversed(words):
        if text[e:stop].strip() or len(picked) >= 6:
            break  # punctuation between words ends the phrase ('Hours later, Trump')
        w = text[s:e]
        if w[:1].isupper() or w[:1].isdigit():
            picked.append((s, e))
        elif w.lower() in _CHANNEL_DETS and picked:
            picked.append((s, e))
            break
        elif w[:1].islower() and w.lower() not in _STOP and w.lower() not in _LEAD_WORDS \
                and not _verb_like(w.lower()):
            picked.append((s, e))
        else:
            break
        stop = s
    picked.reverse()
    # the phrase opens its clause: not the object of a verb ('Morell praised Mendez on Twitter:')
    before = text[lo:picked[0][0]].rstrip() if picked else ""
    if before and before[-1] not in _CLAUSE_OPENERS:
        return None
    # lower-case words open the phrase only after a determiner ("the foreign ministry")
    while picked and text[picked[0][0]].islower() and text[picked[0][0]:picked[0][1]] not in _CHANNEL_DETS:
        picked.pop(0)
    # "In March Trump": adverbials before the name are not the speaker
    while picked and (text[picked[0][0]:picked[0][1]].lower() in _LEAD_WORDS
                      or text[picked[0][0]:picked[0][1]] in _WEEKDAYS or text[picked[0][0]:picked[0][1]] in _MONTHS):
        picked.pop(0)
    if not picked or text[picked[-1][0]:picked[-1][1]].lower() in _CHANNEL_DETS:
        return None
    return picked[0][0], picked[-1][1]


def _verb_like(lw: str) -> bool:
    """A verb that cannot end a speaker phrase ('The mayor spoke on Twitter:', 'Police posted')."""
    return lw in _verbs_set() or lw.endswith("ed") or _lexicon.table("quote_channels.txt").get(lw) == "verb"


def _channel_quotes(a: _Article, shape: int) -> list[_Stmt]:
    """Statements of channel shape ``shape`` (an index into :func:`_channel_patterns`): a speaker, a
    cue that names the channel, a colon, then a quotation."""
    out: list[_Stmt] = []
    text = a.text
    pattern = _channel_patterns()[shape]
    for c in _COLON_QUOTE.finditer(text):
        q = a.q_by_start.get(c.end())
        if q is None or (q.single and not a.single_style):
            continue
        c0 = c.start()
        lo = text.rfind("\n", max(0, c0 - 160), c0) + 1 or max(0, c0 - 160)
        m = pattern.search(text, lo, c0)
        if m is None:
            continue
        sp = _speaker_back(text, lo, m.start())
        if sp is not None:
            out.append(_Stmt(q.start, q.end, "direct", sp, (m.start("cue"), m.end("cue")), 0.6))
    return out


def tweet_read(a: _Article) -> list[_Stmt]:
    """``Trump's tweet read: "..."``, ``The ministry's statement said: "..."``, ``Musk's post on X read:
    "..."``: the owner of the post speaks; the cue is the post and its verb ("tweet read").

    Examples:
        >>> _demo('Senator Lopez\\'s tweet read: "We will not back down."')
        [('tweet_read', 'Senator Lopez', '"We will not back down."')]
    """
    return _channel_quotes(a, 0)


def in_a_post(a: _Article) -> list[_Stmt]:
    """``Trump, in a tweet: "..."``, ``Musk, in a post on X: "..."``, ``The ministry, in a statement:
    "..."``: the cue is the channel ("in a tweet").

    Examples:
        >>> _demo('Doug Ford, in a tweet: "Ontario is open for business."')
        [('in_a_post', 'Doug Ford', '"Ontario is open for business."')]
    """
    return _channel_quotes(a, 1)


def on_platform(a: _Article) -> list[_Stmt]:
    """``Trump on Twitter: "..."``, ``Zelensky on Telegram: "..."``: the person speaks, not the
    platform; the cue is "on Twitter".

    Examples:
        >>> _demo('Trump on Twitter: "The media is working overtime today!"')
        [('on_platform', 'Trump', '"The media is working overtime today!"')]
    """
    return _channel_quotes(a, 2)


# The channel sieves, with the cue_class of their rows: run before the cue sieves.
CHANNEL_SIEVES = ((tweet_read, "channel"), (in_a_post, "channel"), (on_platform, "channel"))


def _demo(text: str) -> list[tuple[str, str | None, str]]:
    """(rule, speaker, content) of each statement in ``text``: the examples of the sieves' docstrings.

    Examples:
        >>> _demo('"It works," she said.')
        [('said_after_quote', 'she', '"It works,"')]
    """
    _, stmts = _find_statements(text)
    return [(st.rule, text[st.sp[0]:st.sp[1]] if st.sp else None, text[st.start:st.end]) for st in stmts]

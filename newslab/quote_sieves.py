"""The attribution rules: for each cue, the shape of the text around it decides the content and the
speaker (``X said (that) ...``, ``"...," said X``, ``according to X, ...``); then the rules that need
no verb (headline colons, ``Name: "..."``, dash signatures). Part of :mod:`newslab.quotes`.
"""
from __future__ import annotations

import bisect
import functools
import re

from . import _lexicon
from .quote_article import _Article, _MERGE_SPLIT, _Stmt
from .quote_cleanup import _content_from, _finish
from .quote_cues import (
    _NOUNY, _PARTICIPLE_TAIL, _SPACE, _TELL, _TITLE_CASE_CUES, _TO_VERBS, _direct_only_verbs,
    _inversion_verbs, _verbs, _verbs_set
)
from .quote_marks import _QUOTE_CHARS
from .quote_phrases import (
    _ARTICLES, _CATENATIVE, _CLAUSE_START, _DET, _LEAD_OR_STOP, _LEAD_WORDS, _NP_INNER,
    _OCCASION_PARTICIPLES, _PARENTH, _PRON, _PRON_OR_REL, _PRON_S, _REL, _SENT_END, _SETTING_PREPS,
    _SKIP_BEFORE, _STOP, _STOP_OR_INNER, _TITLE_ABBR, _WEEKDAYS, _abbr_dot, _adverb_ly, _adverbial_at,
    _appositive_break, _clause_subject, _clause_to_end, _is_cap, _is_quote_tok, _is_title, _kind_of,
    _left_content, _lower_speaker, _ly_words, _now_role, _np_appositive_only, _np_fwd, _plural_possessive,
    _role_word, _skip_after_cue, _subject_before, _trim_adverbial
)


_WH = {"whether", "if", "what", "who", "how", "why", "when", "where", "which", "about"}


_ADJ_SUFFIX = ("ful", "ic", "ous", "ive", "al", "est", "ible", "able", "ing", "ish", "ary", "less")


# words that cannot sit inside an appositive ("said Ann Lee, a lawyer who ...": stop at "who")
_APPOS_STOP = {"is", "was", "are", "were", "has", "have", "had", "said", "says",
               "told", "and", "but", "because", "when", "while", "if", "although", "adding", "saying"}


_WINDOW = 80  # tokens looked at on the left of a cue (four times that on the right)


def _said_first(a: _Article, m_start: int, m_end: int) -> _Stmt | None:
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


def _find_statements(text: str) -> tuple[_Article, list[_Stmt]]:
    a = _Article(text)
    verbs = _verbs()
    out: list[_Stmt] = []
    last_in_sent: dict[int, _Stmt] = {}
    tstart, tend, qstart, quotes = a.tstart, a.tend, a.qstart, a.quotes
    sent_toks: dict[int, tuple[int, int]] = {}
    for (m_start, m_end, m_group), si in zip(a.cues, a.cue_sents):
        form = m_group if m_group.isalpha() else _SPACE.sub(" ", m_group)
        cls = "source" if form.lower() == "according to" else verbs.get(form)
        if cls is None and form in _TITLE_CASE_CUES:
            # "Asked whether ..." at a sentence start; "Trump Says He Will Win" in a headline
            cls = verbs.get(form.lower())
            if form != "Asked":
                p = m_start - 1
                while p >= 0 and text[p] in " \t\u00a0":
                    p -= 1
                if form in ("Said", "Says") and (p < 0 or text[p] in ".!?\n" + _QUOTE_CHARS):
                    st = _said_first(a, m_start, m_end)  # 'Said one official, "We are worried."'
                    if st is not None:
                        out.append(st)
                    continue
                if p < 0 or not text[p].isalnum() or not m_end < len(text) - 2 or not text[m_end + 1].isupper():
                    continue
            form = form.lower()
        if cls is None:
            continue
        qi = bisect.bisect_right(qstart, m_start) - 1  # a.quote_around, inlined: hot
        if qi >= 0 and quotes[qi].start < m_start < quotes[qi].end - (1 if quotes[qi].closed else 0):
            continue  # words inside a quotation belong to the speaker, not to the narrator
        if a.short_single:
            qi = bisect.bisect_right(a.ss_start, m_start) - 1
            if qi >= 0 and a.short_single[qi].start < m_start < a.short_single[qi].end - 1:
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
    out.extend(_headline_colons(a))
    out.extend(_dash_signatures(a))
    out.extend(_name_colon_quotes(a))
    return a, _finish(a, out)


_AUXILIARIES = frozenset({"has", "have", "had", "will", "would", "did", "does", "do", "can", "could", "may",
                          "might", "must", "should", "shall"})


@functools.lru_cache(maxsize=1)
def _place_abbreviations() -> frozenset[str]:
    """"Calif", "Ind", "Ont": state and province abbreviations (the sentence splitter's lexicon)."""
    return frozenset(k.removesuffix(".") for k, v in _lexicon.table("abbreviations.txt").items() if v == "place")


def _attribute(a: _Article, cls: str, form: str, ci: int, cj: int, lo: int, hi: int, si: int,
               prev: _Stmt | None) -> list[_Stmt]:
    aw = a.w
    text = a.text
    cue = (a.tstart[ci], a.tend[cj])
    sent_end = min(a.sents[si][1], a.tend[hi - 1]) if hi > 0 else a.sents[si][1]

    if cls == "source":  # according to X
        e = _np_fwd(a, cj + 1, hi)
        if e is None:
            return []
        # the source runs to the next comma, dash or sentence end ("according to early results of
        # the exit poll conducted by Edison Research for the AP"), when that is near
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
            s = max(a.sents[si][0], a.tstart[lo])
            after_content = bool(text[s:cue[0]].strip(" \t\"'\u201c\u2018("))
            # (at the sentence end only after the content: 'According to the report, the economy grew.')
            if (after_content and (x >= hi or (aw[x] in _SENT_END and not _abbr_dot(a, x)))) \
                    or (aw[x] == "," and x + 1 < hi and _is_quote_tok(aw[x + 1])):
                e = x - 1
        sp = (a.tstart[cj + 1], a.tend[e])
        s = max(a.sents[si][0], a.tstart[lo])
        before = text[s:cue[0]].strip(" \t\"'\u201c\u2018(")
        if not before:
            k = e + 1
            while k < hi and aw[k] in (",", ":"):
                k += 1
            st = _content_from(a, k, hi, sent_end, sp, cue, 0.8)
            return [st] if st else []
        e2 = cue[0]
        while e2 > s and text[e2 - 1] in " ,\t\u2014-":
            e2 -= 1
        if e2 - s < 8:
            return []
        s1 = s
        while s1 < e2 and text[s1] in " \t\u00a0":
            s1 += 1
        q = a.q_by_start.get(s1)
        if q is not None and q.end == e2 and (not q.single or a.single_style) and not (
                e + 1 < hi and aw[e + 1] in (",", "\u2014", "--") and e + 2 < hi and aw[e + 2] not in _SENT_END
                and aw[e + 2].lower() not in _REL):
            # '"The fire is contained," according to the chief.': a whole quotation, direct speech
            return [_Stmt(q.start, q.end, "direct", sp, cue, 0.8)]
        q2 = a.q_by_start.get(a.tstart[e + 2]) if e + 2 < hi and aw[e + 1] == "," else None
        if q is not None and q.end == e2 and q2 is not None and (not q.single or a.single_style) and _MERGE_SPLIT:
            # '"The plan," according to one minister, "is dead."': a split quote
            return [_Stmt(q.start, q2.end, "direct", sp, cue, 0.8, [(q.start, q.end), (q2.start, q2.end)])]
        if e + 1 < hi and aw[e + 1] in (",", "\u2014", "--") and e + 2 < hi and aw[e + 2] not in _SENT_END:
            # "At the heart of it, according to X, was a decision ...": the source sits inside its content
            e2 = sent_end
            while e2 > s and text[e2 - 1] in " \t\r\n.\u00a0":
                e2 -= 1
        return [_Stmt(s, e2, _kind_of(a, s, e2), sp, cue, 0.8)]

    lform = form.lower()
    pw = aw[ci - 1]  # the word before the cue ("" before the first token)
    plw = pw.lower()
    if lform == "asked" and (ci == lo or plw in ("when", "after", "once", "as", "if", ",")) \
            and aw[cj + 1].lower() in _WH:
        # "Asked whether she would run, Clinton said ...": the question is attributed, its asker unnamed
        e = a.tstart[cj + 1]
        i = cj + 1
        while i < hi and aw[i] not in (",", ";") and aw[i] not in _SENT_END:
            i += 1
        e = a.tstart[i] if i < hi else sent_end
        while e > a.tstart[cj + 1] and text[e - 1] in " \t,":
            e -= 1
        if i - cj > 2:
            return [_Stmt(a.tstart[cj + 1], e, _kind_of(a, a.tstart[cj + 1], e), None, cue, 0.5)]
        return []
    if aw[cj + 1].lower() == "by" and lform.endswith(("ed", "en")) and ci - 1 >= lo \
            and lform not in ("responded", "replied", "answered", "reacted", "countered", "retorted"):
        return []  # "the statement signed by ...", "a letter written by ...": a passive participle
    if ci - 1 >= lo and (plw in _ARTICLES or (pw[:1].isdigit() and form.endswith("ed"))) \
            and not (ci - 1 == lo and plw in _PRONOUN_DETS):  # but 'Another tweeted, "..."'
        return []  # "the pledged delegates", "his stated aim", "the reports": not a cue
    if form in _NOUNY and ci - 2 >= lo and pw[:1].islower() and pw not in _SKIP_BEFORE \
            and plw not in _PRON_OR_REL and (
                aw[ci - 2].lower() in _DET or pw.endswith(_ADJ_SUFFIX)
                or aw[ci - 2].lower() in ("with", "for", "of", "in", "on", "from", "by", "against")):
        return []  # "another horrific attack", "the overwhelming support": a noun, not a verb
    if ci - 1 >= lo and pw.endswith(("\u2019s", "'s")) and plw not in _PRON_S:
        return []  # "Trump's plans", "the party's claims": a noun, not a verb
    # walk left over adverbs, auxiliaries and catenatives ("continue to say")
    j = ci - 1
    for _ in range(6):
        if j < lo:
            break
        w = aw[j]
        lw = w.lower()
        if lw in _SKIP_BEFORE or (w.islower() and _adverb_ly(lw)) or w in _WEEKDAYS \
                or (lw == "on" and j + 1 < ci and aw[j + 1] in _WEEKDAYS) \
                or (lw in ("more", "less", "most") and w.islower() and j > lo):
            j -= 1
        elif lw == "to" and j - 1 >= lo and aw[j - 1].lower() in _CATENATIVE:
            j -= 2
        elif w == "," and j - 2 >= lo and aw[j - 1].lower() in _PARENTH and aw[j - 2] == ",":
            j -= 3
        elif w == "," and j - 3 >= lo and aw[j - 1].lower() in _PARENTH and aw[j - 3] == ",":
            j -= 4
        else:
            break
    if j < lo and ci - 1 >= lo and aw[lo].lower() in _PRONOUN_DETS:
        j = lo  # 'Both said: "..."': the determiner is the speaker
    tell = lform in _TELL
    participle = form.endswith("ing")
    if participle and j - 1 >= lo and j == ci - 1 and aw[j][:1].islower() and aw[j].lower() not in _DET \
            and aw[j].lower() not in _STOP_OR_INNER and _is_cap(aw[j - 1]):
        j -= 1  # "Trump avoids condemning ...": the subject is before the finite verb
    for b in range(ci - 1, max(lo, ci - 3) - 1, -1):
        lb = aw[b].lower()
        if lb in ("is", "was", "were", "are", "been", "be", "being", "get", "got", "gets"):
            if not participle:
                return []  # passive ("he was asked"): the subject is not the source
        elif not ((lb.endswith("ly") and lb not in _ly_words()) or lb in ("also", "not", "never", "reportedly", "widely")):
            break

    # what follows the cue: content, an opening quotation, or nothing (the content came before)
    k = _skip_after_cue(a, cj + 1, hi, tell)
    if tell and aw[k] != ":":
        # 'told 2GB radio: "..."', 'told the rally: "..."': the addressee runs up to a colon and a quotation
        for t in range(cj + 2, min(hi, cj + 9)):
            if aw[t] in _SENT_END or aw[t] in (",", ";") or _is_quote_tok(aw[t]):
                break
            if aw[t] == ":" and t + 1 < hi and a.q_by_start.get(a.tstart[t + 1]) is not None:
                k = t
                break
    k2 = k
    while k2 < hi and aw[k2] in (",", ":", "\u2014", "--"):
        k2 += 1
    right_quote = a.q_by_start.get(a.tstart[k2]) if k2 < hi else None
    if right_quote is not None and _is_title(a, right_quote, k2):
        right_quote = None  # '"...," Pence said on CNN's "State of the Union."': a programme, not speech
    nothing_after = k >= hi or aw[k] in _SENT_END or aw[k] == ";" or (
        aw[k] == "," and k + 1 < hi and (aw[k + 1].lower() in _PARTICIPLE_TAIL or (
            # '..., a senior official said, speaking on condition of anonymity.'
            aw[k + 1].lower() in _OCCASION_PARTICIPLES and aw[k + 2].lower() in _SETTING_PREPS) or (
            (aw[k + 1].lower() in _SUBORDINATORS or (aw[k + 1].endswith("ing") and aw[k + 1].islower()))
            and _closed_quote_before(a, lo, ci)))) or (
        aw[k].lower() in ("about", "of") and lform in ("said", "says", "say") and _closed_quote_before(a, lo, ci))
    # ('"...," she told CBS on Tuesday, when ...': the when-clause is no content)

    if j < lo or aw[j] in (",", "\u2014", "--", ";", ":", "\u2013") or _is_quote_tok(aw[j]):
        if participle and j >= lo and aw[j] in (",", "\u2014", "--", ";", "\u2013"):
            # "..., adding that ...": same speaker as the clause it hangs on
            if prev is not None and prev.sp is not None:
                sp = prev.sp
            else:
                subj = _clause_subject(a, lo, j)
                if subj is None:
                    return []
                sp = (a.tstart[subj[0]], a.tend[subj[1]])
            st = _content_from(a, k, hi, sent_end, sp, cue, 0.7)
            return [st] if st else []
        if participle:
            return []
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
                inv = x
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
        invertible = cls in ("speech", "belief") and lform in _inversion_verbs() and not any(
            aw[x].lower() in _AUXILIARIES for x in range(j + 1, ci))
        if j >= lo and aw[j] != ":" and (right_quote is not None or not inverted_ok or not invertible
                                         or (aw[j] == "," and _np_appositive_only(a, lo, j))):
            # "Name, a Trump supporter, said that ...": an appositive subject, content after the cue
            got = _subject_before(a, j, lo, prev)
            if got is not None and not nothing_after:
                st = _content_from(a, k, hi, sent_end, got[0], cue, 0.8)
                if st is not None or got[1] is None or _left_content(a, got[1], lo) is None:
                    return [st] if st else []
                # ('"...," X, a spokesman, said in an interview in Santa Monica, Calif.': no content after)
            if got is not None and got[1] is not None:
                # '"...," Leonard Burman, director of X, said of the plan.'
                left = _left_content(a, got[1], lo)
                if left is not None:
                    if right_quote is not None and left[2] == "direct" and _MERGE_SPLIT:
                        return [_Stmt(left[0], right_quote.end, left[2], got[0], cue, 0.8,
                                      [(left[0], left[1]), (right_quote.start, right_quote.end)])]
                    return [_Stmt(left[0], left[1], left[2], got[0], cue, 0.8)]
        if not invertible or not inverted_ok or inv is None:
            return []
        # inverted: '"...," said Peskov' / '..., says John Smith, a spokesman.'
        e = inv
        if e == tail and e + 2 < hi and aw[e + 1] == "," \
                and (aw[e + 2].lower() in _DET or _is_cap(aw[e + 2]) or _role_word(aw[e + 2])
                     or _now_role(a, e + 2)) \
                and (aw[e + 2].lower() not in _LEAD_WORDS or _now_role(a, e + 2)):
            # '..., said Griffin, an Obama backer.': the appositive belongs to the mention
            e2 = e + 2
            while e2 < hi and e2 - e < 40 and aw[e2] not in (";", ":", "!", "?") \
                    and not (_is_quote_tok(aw[e2]) and not _plural_possessive(a, e2)) \
                    and aw[e2].lower() not in _APPOS_STOP and not _appositive_break(a, e2) \
                    and not (aw[e2] == "." and not _abbr_dot(a, e2)):
                e2 += 1
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
            else:
                # '..., said Ann Lee, a law professor who has ...': the appositive ends at its relative clause
                # (or at ', who ...' after it)
                r = next((x for x in range(e + 3, e2) if aw[x].lower() in ("who", "which", "whose")), None)
                rel_end = _clause_to_end(a, r, r + 40, hi) if r is not None else None
                if r is not None and rel_end is not None:
                    e, tail = r - 1, rel_end
                    while aw[e] in (",", "\u2014", "--"):
                        e -= 1
        sp = (a.tstart[cj + 1], a.tend[e])
        if j < lo:  # the sentence splitter may have cut right after the quotation
            left = _left_content(a, ci, max(0, lo - 60)) if ci > 0 else None
        else:
            left = _left_content(a, j + 1 if aw[j] == "," else ci, lo)
        if left is None:
            return []
        assert tail is not None  # (inverted_ok above)
        k3 = max(e, tail) + 1
        while k3 < hi and aw[k3] in (",", ":"):
            k3 += 1
        q = a.q_by_start.get(a.tstart[k3]) if k3 < hi else None
        if q is not None and _is_title(a, q, k3):
            q = None
        if q is not None and left[2] == "direct" and _MERGE_SPLIT:
            return [_Stmt(left[0], q.end, "direct", sp, cue, 0.8,  # '"A," said X, "B."'
                          [(left[0], left[1]), (q.start, q.end)])]
        return [_Stmt(left[0], left[1], left[2], sp, cue, 0.8)]

    got = _subject_before(a, j, lo, prev)
    if got is None:
        return []
    sp, sp_tok = got
    if sp_tok is not None:
        left = _left_content(a, sp_tok, lo)
        if left is None and sp_tok == lo and lo > 0 and nothing_after:
            left = _left_content(a, sp_tok, max(0, lo - 60))
        if left is not None and left[2] == "direct" and not nothing_after \
                and text[left[0]:left[1]].rstrip(_QUOTE_CHARS + " ")[-1:] in (".", "!", "?") \
                and right_quote is None:
            left = None  # '"... security." He also said that ...': a new sentence with its own content
        if left is not None and (left[2] == "direct" or nothing_after):
            if right_quote is not None and left[2] == "direct" and _MERGE_SPLIT:
                # a split quote ('"A," he said, "B."'): one statement from A's opening to B's closing mark
                return [_Stmt(left[0], right_quote.end, "direct", sp, cue, 0.85,
                              [(left[0], left[1]), (right_quote.start, right_quote.end)])]
            return [_Stmt(left[0], left[1], left[2], sp, cue, 0.85)]
    if nothing_after:
        return []
    if cls == "belief":
        w = aw[k]
        if w == "to" and lform in _TO_VERBS:
            st = _content_from(a, k, hi, sent_end, sp, cue, 0.5, clause=True)  # "wants to build a wall"
            return [st] if st else []
        if not (w.lower() in _CLAUSE_START or _is_quote_tok(w) or w in (":",)
                or (w == "," and _is_quote_tok(aw[k + 1]))):  # 'She continued, "..."'
            return []
    if cls == "speech" and sp_tok is not None and sp_tok - 1 > lo and aw[sp_tok - 1] == "," \
            and aw[k] == "," and (not _is_quote_tok(aw[k + 1]) or aw[k + 2][:1].islower()):
        # "The museum, Mr. Obama said, would make visitors ...": the attribution sits inside its content
        # (also 'The trains, he said, "will run on time."', whose quotation goes on with the sentence)
        s0, e0 = a.tstart[lo], sent_end
        while e0 > s0 and text[e0 - 1] in " \t\r\n.\u00a0":
            e0 -= 1
        if e0 - s0 > 8:
            return [_Stmt(s0, e0, _kind_of(a, s0, e0), sp, cue, 0.7)]
    if cls == "attitude":
        st = _content_from(a, k, hi, sent_end, sp, cue, 0.5, clause=True)
        return [st] if st else []
    st = _content_from(a, k, hi, sent_end, sp, cue, 0.9 if cls == "speech" else 0.6)
    return [st] if st else []


def _headline_colons(a: _Article) -> list[_Stmt]:
    """``Speaker: words`` at the start of a paragraph (headlines, interview transcripts)."""
    out: list[_Stmt] = []
    text = a.text
    first = _HEAD_COLON_AT_START.match(text)
    found = ([first] if first else []) + list(_HEAD_COLON.finditer(text))
    # one label in capitals is a dateline ("NEW DELHI: ..."); several are a transcript's speakers
    capital_labels = sum(m.group(1).isupper() for m in found)
    for m in found:
        s, e = m.start(1), m.end(1)
        name = text[s:e]
        if name.split()[0].lower() in _LEAD_WORDS or name.lower() in _NOT_SPEAKERS:
            continue
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


def _name_colon_quotes(a: _Article) -> list[_Stmt]:
    """``Pollster Daron Shaw: "..."`` anywhere in a paragraph: a name, a colon, then a quotation."""
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
        if first in _LEAD_WORDS or first in _STOP or name.lower() in _NOT_SPEAKERS or first in _DET:
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


def _dash_signatures(a: _Article) -> list[_Stmt]:
    """A quotation signed with a dash at the end of its paragraph: ``"..." \u2015 Jane Doe``."""
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

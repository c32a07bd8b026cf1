"""What the quote rules share about one article (tokens, sentences, quotations) and the statement
they produce. Part of :mod:`newslab.quotes`.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from .quote_cues import _cues
from .quote_marks import _n_words, _pair_marks, _Quote
from .quote_phrases import _tokens
from .sentences import sentence_spans

# One statement per split quote ('"A," he said. "B."' -> from A's opening to B's closing mark), as
# news annotation schemes (PolNeAR) count it; the statement's text then includes the attribution.
_MERGE_SPLIT = True


@dataclass(slots=True)
class _Stmt:
    start: int
    end: int
    kind: str                     # direct | indirect | mixed
    sp: tuple[int, int] | None    # speaker mention span
    cue: tuple[int, int] | None
    conf: float
    # the pieces of quoted content of a split quote ('"A," he said, "B."': A's and B's quotations);
    # None for an ordinary statement, whose one piece is (start, end)
    parts: list[tuple[int, int]] | None = None
    rule: str = ""                # the sieve that found it (quote_sieves.SIEVES, ARTICLE_SIEVES) or "floating"
    cue_class: str = ""           # speech | belief | attitude | according_to | headline | signature | colon


class _Article:
    """Everything the rules need about one article: tokens, sentences, quotations."""

    def __init__(self, text: str, sents: list[tuple[int, int, int]] | None = None) -> None:
        self.text = text
        # ``sents``: the article's sentence_spans when the caller has them already (the sentences
        # table of the same articles), so that the splitter does not run twice over one text
        self.sents = (sents if sents is not None else sentence_spans(text)) or [(0, len(text), 0)]
        self.sstart = [s[0] for s in self.sents]
        self.cues = _cues(text)
        # Tokenise only where the rules look: each sentence with a cue and the sentence before it
        # (a post-posed attribution may sit right after a sentence break inside a quotation).
        self.cue_sents = [max(0, bisect.bisect_right(self.sstart, m[0]) - 1) for m in self.cues]
        need = sorted({*self.cue_sents, *(i - 1 for i in self.cue_sents if i > 0)})
        self.words, self.tstart, self.tend = [], [], []
        k = 0
        while k < len(need):
            first = k
            while k + 1 < len(need) and need[k + 1] == need[k] + 1:
                k += 1
            rs, re_ = self.sents[need[first]][0], self.sents[need[k]][1]
            w, ts, te = _tokens(text, rs, re_)
            self.words += w
            self.tstart += ts
            self.tend += te
            k += 1
        # Padding at the end makes a.w[i] "" just outside the tokens (i from -8 to len + 7): the
        # rules peek one or two tokens past either edge.
        self.w = self.words + [""] * 8
        pairs = _pair_marks(text)
        # Quotations that may stand alone (floating quotes, mixed content): double marks, and single
        # marks only around a passage long enough to be speech rather than a scare quote or title.
        self.quotes = [q for q in pairs if not q.single or _n_words(text, q) >= 6]
        self.qstart = [q.start for q in self.quotes]
        # Right next to a cue any pair counts: British style quotes speech in single marks.
        self.q_by_start = {q.start: q for q in pairs}
        # short closed single-marked pairs too: a cue inside one ("'I told him no,' she said") is quoted
        self.short_single = [q for q in pairs if q.single and q.closed and _n_words(text, q) < 6]
        self.ss_start = [q.start for q in self.short_single]
        self.q_by_end = {q.end: q for q in pairs}
        # An article that quotes only in single marks (British style) marks quoted fragments in
        # them too: "said the plan was 'on track'" is mixed there, a scare quote elsewhere.
        self.single_style = bool(pairs) and all(q.single for q in pairs)
        self.fragments = [q.start for q in pairs] if self.single_style else self.qstart

    # -- lookups
    def tok_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self.tstart, pos)

    def sent_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sstart, pos) - 1)

    def sent_toks(self, si: int) -> tuple[int, int]:
        """Token index range [lo, hi) of sentence ``si``."""
        s, e, _ = self.sents[si]
        return self.tok_at(s), self.tok_at(e)

    def quote_around(self, pos: int) -> _Quote | None:
        """The quotation (double marks, or long single-marked) holding ``pos`` strictly inside its marks."""
        k = bisect.bisect_right(self.qstart, pos) - 1
        if k < 0:
            return None
        q = self.quotes[k]
        return q if q.start < pos < q.end - (1 if q.closed else 0) else None

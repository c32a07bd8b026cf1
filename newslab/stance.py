"""Stance: where a text stands toward a target it mentions (favor / neutral / against), and why.

For each mention of a target the text is read once, token by token (``newslab.stance_roles``), and
the mention gets interpretable features:

- **roles**: who does what to whom. A target is the *agent* of a friendly or hostile act ("Acme
  condemned ...", "Acme's condemnation"), its *patient* ("condemned Acme", "Acme was condemned",
  "ties with Acme"), or *inside the object of another act* ("X criticized Y's condemnation of Z":
  X is against Y and, a condemnation of Z being criticized, for Z). Acts are the cues of
  ``stance_against.txt`` / ``stance_favor.txt``; signs multiply along a chain of nested acts.
- **plain bad news is not a stance**: "war", "crisis", "killed" (``stance_events.txt``) carry no
  tone and no act; a separate feature counts them.
- **tone**: VADER's lexicon and newslab's news words (negation applied; words in scare quotes do not
  count) near the mention in its clause, decayed with distance, and in the rest of its sentence.
- **achievements and wrongs**: how many words of success or esteem ("won", "title", "beloved":
  ``stance_achievements.txt``) and of a wrong or its accusation ("charged", "fraud":
  ``stance_wrongs.txt``) the sentences about the target hold, negated ones left out.
- whether the target is the source of a statement ("X said"), a pronoun, the sentence's opening
  phrase, or reached through a reference.

A multinomial logistic regression over these features, fitted on NewsMTSC train by
``tools/train_stance.py`` (``newslab/data/stance_weights.txt``), gives ``stance`` and
``stance_score`` = P(favor) - P(against).

**References**: with ``targets``, "they / them / their", "it / its" and "the alliance", "the three
countries", "both countries" count as mentions of the target (or group of targets, "The US, Japan
and South Korea") mentioned before them in the same text, looking back at most
``_LOOKBACK_SENTENCES`` sentences; ``stance_matrix`` also looks back through the earlier quotes and
speakers of the same article. Such rows have ``reference`` set to the antecedent's words. A group of
names without any target ("The US, Japan and South Korea" when only North Korea and Russia are
targets) is an antecedent too: a reference that means it is no mention of any target.

**Evidence** names the words and the role that decided, most decisive first, separated by " ; ":
``criticized -> patient: the USA's condemnation`` (act -> role: the target's phrase), then tone
words ("distorted", "threat (negated)"), and ``their -> United States: The US, Japan and South
Korea`` for a mention reached through reference.

**Speaker stance** (``stance_matrix``): the quote is read as its speaker's own act, the quote's
cue first ("criticized" + "the USA's condemnation of ..."); a role found in the structure decides,
the model otherwise; the speaker's own side (targets named in the speaker's name or role, and
"we" / "our") is never scored as opposed to itself: it gets no row.

**Cost and size**: linear in the text. A mention costs a bounded window of tokens
(``stance_roles._WINDOW``) plus O(1) sentence sums, however long its text. In ``targets`` mode a
row whose text is longer than ``TEXT_LIMIT`` characters does not carry the whole text: its
``text`` is a window of about ``2 * _TEXT_WINDOW`` characters around the mention, with
``text_offset`` its start in the input text (0 where ``text`` is the input text); ``target_start`` /
``target_end`` stay offsets into the input text.
"""
from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd

from . import _lexicon
from ._parallel import corpus_step
from .stance_roles import Doc, analyse, normalise, roles, stems, window_sum, word

LABELS = ("against", "neutral", "favor")

#: Feature names, in the order of the weight table (stance_weights.txt).
FEATURES = (
    "bias",
    "sent_pos",  # positive tone in the rest of the sentence (saturating)
    "sent_neg",
    "sent_compound",  # VADER-style compound of the rest of the sentence's tone
    "clause_compound",  # the same for the tone near the mention in its clause
    "near_pos",  # decayed positive tone near the mention, in its clause
    "near_neg",
    "after_pos",  # the part of near_pos after the mention (what the target does or is)
    "after_neg",
    "far_pos",  # tone in the window but outside the mention's clause
    "far_neg",
    "agent_pos",  # the target does a friendly act
    "agent_neg",  # the target does a hostile act
    "patient_pos",  # a friendly act is done to the target
    "patient_neg",  # a hostile act is done to the target
    "nested_pos",  # inside the object of another act, friendly on balance ("criticized the ban on X")
    "nested_neg",
    "source",  # target is the source of a statement
    "pronoun",  # target is a pronoun
    "reference",  # target reached through a reference ("their", "the alliance")
    "subject",  # the mention opens its sentence
    "quoted",  # the sentence holds a quotation
    "achieve",  # achievement or esteem words in the sentences about the target (saturating)
    "wrong",  # words of a wrong or its accusation there (stance_wrongs.txt, saturating)
)

_DECAY = 4.0  # tokens; weight exp(-d / _DECAY) for a word d tokens away from the mention
_NEAR = 12  # tokens either side of a mention read one by one
_DECAYS = tuple(math.exp(-d / _DECAY) for d in range(_NEAR + 2))
_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their", "theirs",
                       "we", "us", "our", "i", "me", "my", "you", "your", "who", "whom", "himself", "herself",
                       "themselves", "itself"})
TEXT_LIMIT = 1000  # characters: longer texts are not copied into every stance row
_TEXT_WINDOW = 300  # characters either side of a mention kept in ``text`` for a long text

#: Work counter: tokens read per mention and per text (tests check linearity with it, not a clock).
WORK = {"tokens": 0, "mentions": 0}


def _sat(x: float) -> float:
    return x / (1.0 + x)


def _compound(x: float) -> float:
    """VADER's normalisation of a sum of valences (here on -1..1 per word, so x4) into [-1, 1]."""
    x *= 4.0
    return x / math.sqrt(x * x + 15.0)


@lru_cache(maxsize=1)
def _weights() -> dict[str, dict[str, float]]:
    """label -> feature -> weight, from ``stance_weights.txt`` (lines: label, feature, weight)."""
    out: dict[str, dict[str, float]] = {lab: {f: 0.0 for f in FEATURES} for lab in LABELS}
    for lab, feat, w in _lexicon.rows("stance_weights.txt"):
        if feat in out[lab]:
            out[lab][feat] = float(w)
    return out


_BOW = 6  # tokens either side whose words carry a learned weight (stance_words.txt)


@lru_cache(maxsize=1)
def _word_weights() -> dict[str, tuple[float, float, float]]:
    """word -> weights for (against, neutral, favor), from ``stance_words.txt`` (may be empty)."""
    out: dict[str, tuple[float, float, float]] = {}
    for row in _lexicon.rows("stance_words.txt"):
        out[row[0]] = (float(row[1]), float(row[2]), float(row[3]))
    return out


def context_words(doc: Doc, t0: int, t1: int) -> list[tuple[str, int]]:
    """The lower-cased words within ``_BOW`` tokens of a mention, in its sentence (not the mention);
    a word in the scope of a negator is keyed ``not:word`` ("did not condemn": not the act).

    Examples:
        >>> d = analyse("Critics condemned Acme for the spill.")
        >>> [w for w, _ in context_words(d, 2, 2)]
        ['critics', 'condemned', 'spill']
        >>> [w for w, _ in context_words(analyse("Critics did not condemn Acme."), 4, 4)]
        ['critics', 'not:condemn']
    """
    lo, hi = doc.sent_bounds[doc.sent[t0]]
    stop = _lexicon.words("stance_stopwords.txt")
    lower, negated = doc.lower, doc.negated
    return [("not:" + lower[i] if negated[i] else lower[i], i)
            for i in range(max(lo, t0 - _BOW), min(hi, t1 + _BOW + 1))
            if not t0 <= i <= t1 and lower[i] not in stop and lower[i][:1].isalpha()]


_ADJACENT = 2  # tokens right before / after a mention weighed by their position (stance_words.txt)
_ADJACENT_KEYS = tuple((f"p{k}:", f"n{k}:") for k in range(1, _ADJACENT + 1))


def adjacent_words(doc: Doc, t0: int, t1: int) -> list[tuple[str, int]]:
    """The tokens right next to a mention in its sentence, keyed by side and distance ("p1:" the
    token before, "n1:" the one after): the position of "said", "criticized", "of", "'s" next to a
    target says what it does or undergoes, which the unordered context words cannot. Grammar words
    other than role markers (``stance_adjacent_keep.txt``, speech words) and numbers are left out:
    "that X", "X is", "on Friday" say nothing about stance.

    Examples:
        >>> adjacent_words(analyse("Critics condemned Acme for the spill."), 2, 2)
        [('p1:condemned', 1), ('n1:for', 3), ('p2:critics', 0)]
        >>> adjacent_words(analyse("He said that Acme is 40 years old."), 3, 3)
        [('p2:said', 1)]
    """
    lo, hi = doc.sent_bounds[doc.sent[t0]]
    lower = doc.lower
    out = []
    for k, (before, after) in enumerate(_ADJACENT_KEYS, 1):
        if t0 - k >= lo and _positional(lower[t0 - k]):
            out.append((before + lower[t0 - k], t0 - k))
        if t1 + k < hi and _positional(lower[t1 + k]):
            out.append((after + lower[t1 + k], t1 + k))
    return out


@lru_cache(maxsize=100_000)
def _positional(w: str) -> bool:
    """Does the lower-cased token ``w`` count next to a mention (``adjacent_words``)? Not a number,
    not a grammar word unless it marks a role or speech."""
    if any(c.isdigit() for c in w):
        return False
    if w not in _lexicon.words("stance_stopwords.txt"):
        return True
    return w in _lexicon.words("stance_adjacent_keep.txt") or w in _lexicon.words("stance_speech.txt")


@dataclass(slots=True)
class _Mention:
    values: dict[str, float] = field(default_factory=dict)
    # (feature, token index, words, contribution before weighting, note) for the evidence
    parts: list[tuple[str, int, str, float, str]] = field(default_factory=list)
    role: Any = None
    context: list[tuple[str, int]] = field(default_factory=list)  # (word, token) near the mention
    adjacent: list[tuple[str, int]] = field(default_factory=list)  # ("p1:word", token) next to it

    def word_features(self) -> list[tuple[str, float, int]]:
        """(key of ``stance_words.txt``, value, token): the context words, each 1 / sqrt(their
        number), and the adjacent tokens, each 1. What the model and ``tools/train_stance.py`` read.

        Examples:
            >>> [(k, round(v, 3)) for k, v, _ in features("Critics condemned Acme.", 18, 22).word_features()]
            [('critics', 1.0), ('p1:condemned', 1.0), ('n1:.', 1.0), ('p2:critics', 1.0)]
        """
        scale = 1.0 / math.sqrt(len(self.context)) if self.context else 0.0
        return [(w, scale, i) for w, i in self.context] + [(k, 1.0, i) for k, i in self.adjacent]

    def add(self, feat: str, amount: float, word: str = "", note: str = "", pos: int = -1) -> None:
        self.values[feat] += amount
        if word:
            self.parts.append((feat, pos, word, amount, note))


def _source(doc: Doc, t0: int, t1: int, hi: int) -> bool:
    if not _lexicon.words("stance_speech.txt").isdisjoint(doc.lower[t1 + 1: min(hi, t1 + 4)]):
        return True
    return t0 >= 2 and doc.lower[t0 - 2] == "according" and doc.lower[t0 - 1] == "to"


def _tone_window(m: _Mention, doc: Doc, t0: int, t1: int, lo: int, hi: int, skip: int = -1) -> None:
    """Tone and bad news within ``_NEAR`` tokens of the mention (the only per-token loop); token
    ``skip`` (an unjust act whose patient the mention is) does not count."""
    a, b = max(lo, t0 - _NEAR), min(hi, t1 + _NEAR + 1)
    WORK["tokens"] += b - a
    clause, tone = doc.clause, doc.tone
    c0, c1 = clause[t0], clause[t1]
    values, parts = m.values, m.parts  # (m.add, inline: a token's word is never empty)
    for i in compress(range(a, b), tone[a:b]):  # the tokens with a tone
        if t0 <= i <= t1 or i == skip:
            continue
        v = tone[i]
        note = "negated" if doc.negated[i] else ""
        if clause[i] == c0 or clause[i] == c1:
            w = abs(v) * _DECAYS[t0 - i if i < t0 else i - t1]
            feat = "near_pos" if v > 0 else "near_neg"
            values[feat] += w
            parts.append((feat, i, doc.words[i], w, note))
            if i > t1:
                values["after_pos" if v > 0 else "after_neg"] += w
        else:
            w = abs(v) * 0.5
            feat = "far_pos" if v > 0 else "far_neg"
            values[feat] += w
            parts.append((feat, i, doc.words[i], w, note))


_ABOUT = 3  # sentences either side searched for more about the target
_ABOUT_TOKENS = 120
_ABOUT_NORM = 0.0  # sums over n sentences are divided by n ** _ABOUT_NORM
_PERSONAL = frozenset({"he", "she", "his", "her", "him", "hers"})


def _about(doc: Doc, t0: int, t1: int) -> list[tuple[int, int]]:
    """Token ranges of the sentences near the mention (``_ABOUT`` either side) that name the target
    again (its last word: "Koellmann", "Korea") or speak of a person (he, she, his, her): what the
    text says about the target there counts toward its stance (a paragraph's view of a person)."""
    if len(doc.sent_bounds) == 1:
        return []  # a text of one sentence (the usual stance row) has no sentence around it
    s = doc.sent[t0]
    key = doc.lower[t1].removesuffix("'s")
    out = []
    for k in range(max(0, s - _ABOUT), min(len(doc.sent_bounds), s + _ABOUT + 1)):
        if k == s:
            continue
        a, b = doc.sent_bounds[k]
        if b - a > _ABOUT_TOKENS:
            continue  # bounded work per mention, however long the sentences around it
        WORK["tokens"] += b - a
        if any(w == key or w in _PERSONAL or w.startswith(key) and w[len(key):] in ("'s", "s'")
               for w in doc.lower[a:b]):
            out.append((a, b))
    return out


@lru_cache(maxsize=100_000)
def word_kind(w: str) -> tuple[bool, bool]:
    """(an achievement or esteem word, a wrong) for a lower-cased word: ``stance_achievements.txt``,
    ``stance_wrongs.txt``, matched on its base forms.

    Examples:
        >>> word_kind("won"), word_kind("championships"), word_kind("accused"), word_kind("met")
        ((True, False), (True, False), (False, True), (False, False))
    """
    forms = stems(w)
    ach, wrongs = _lexicon.words("stance_achievements.txt"), _lexicon.words("stance_wrongs.txt")
    return any(f in ach for f in forms), any(f in wrongs for f in forms)


_KIND_WORDS: dict[str, tuple[bool, bool]] = {}  # the words seen so far that are of a kind, and their kind
_KIND_SET: set[str] = set()  # the same words as a set: "&" with a text's words walks the smaller
_KIND_SEEN: set[str] = set()  # every word classified so far (bounded: cleared past _KIND_SEEN_MAX)
_KIND_SEEN_MAX = 200_000
# [(doc, its hits)]: the mentions of a text come one after another; one tuple, stored in one step,
# so threads (Dask's threaded scheduler) never pair a text with another's hits
_KIND_LAST: list[tuple[Any, list[tuple[int, bool, bool]]]] = [(None, [])]


def _kind_hits(doc: Doc) -> list[tuple[int, bool, bool]]:
    """(token, achievement, wrong) for every word of ``doc`` of a kind (``word_kind``), a negated one
    ("never won") left out; found once per text, for all its mentions. Most texts have none: a set
    test over their words (in C) says so, and only words never seen before are classified."""
    last = _KIND_LAST[0]
    if last[0] is doc:
        return last[1]
    lower = doc.lower
    words = set(lower)
    new = words - _KIND_SEEN
    if new:
        if len(_KIND_SEEN) > _KIND_SEEN_MAX:
            _KIND_SEEN.clear()
        for w in new:
            kind = word_kind(w)
            if kind[0] or kind[1]:
                _KIND_WORDS[w] = kind
                _KIND_SET.add(w)
        _KIND_SEEN.update(new)
    hits: list[tuple[int, bool, bool]] = []
    present = words & _KIND_SET
    if present:
        negated = doc.negated
        hits = [(i, *_KIND_WORDS[lower[i]]) for i in compress(range(len(lower)), map(present.__contains__, lower))
                if not negated[i]]
    _KIND_LAST[0] = (doc, hits)
    return hits


def _kinds_in(doc: Doc, spans: Sequence[tuple[int, int]], t0: int, t1: int) -> tuple[float, float]:
    """How many achievement and wrong words (``word_kind``) the token ranges ``spans`` hold, outside
    the mention ``t0..t1``; a negated one does not count ("never won").

    Examples:
        >>> d = analyse("Ana Ruiz won the title but was charged with fraud.")
        >>> _kinds_in(d, [(0, len(d.words))], 0, 1)
        (2.0, 2.0)
    """
    hits = _kind_hits(doc)
    ach = wr = 0.0
    if not hits:
        return ach, wr
    at = [h[0] for h in hits]
    for a, b in spans:
        for i, x, y in hits[bisect.bisect_left(at, a):bisect.bisect_left(at, b)]:
            if not t0 <= i <= t1:
                ach += x
                wr += y
    return ach, wr


#: Every feature at 0 but the bias: a mention's features start as a copy of it.
_START = {**dict.fromkeys(FEATURES, 0.0), "bias": 1.0}


def features(doc: Doc | str, start: int, end: int, reference: bool = False) -> _Mention:
    """The stance features of the mention ``[start, end)`` of a text (see ``FEATURES``).

    ``doc`` is ``newslab.stance_roles.analyse(text)`` (or the text itself); analyse a text once
    and pass it for each of its mentions.

    Examples:
        >>> f = features("Critics condemned Acme for the spill.", 18, 22)
        >>> f.values["patient_neg"] > 0, f.values["agent_neg"], f.role.evidence
        (True, 0.0, 'condemned -> patient: Acme')
    """
    if isinstance(doc, str):
        doc = analyse(doc)
    values = _START.copy()
    if reference:
        values["reference"] = 1.0
    m = _Mention(values, [], None, [], [])
    t0, t1 = doc.token_range(start, end)
    WORK["mentions"] += 1
    if t0 > t1:
        return m
    if t0 == t1 and doc.lower[t0] in _PRONOUNS:
        values["pronoun"] = 1.0
    lo, hi = doc.sent_bounds[doc.sent[t0]]
    r = roles(doc, t0, t1)
    # An act that calls itself unjust ("the smear of Judge Reyes") is sympathy for its patient: its
    # negative tone is the role's, not tone against the target.
    quiet = r.act if r is not None and r.unjust else -1
    ps, ns = doc.pos_sum, doc.neg_sum  # prefix sums: the sentence's tone minus the mention's
    pos = (ps[hi] - ps[lo]) - (ps[t1 + 1] - ps[t0])
    neg = (ns[hi] - ns[lo]) - (ns[t1 + 1] - ns[t0]) - (max(0.0, -doc.tone[quiet]) if quiet >= 0 else 0.0)
    about = _about(doc, t0, t1)
    if about:  # (without, the mean below divides by 1 ** _ABOUT_NORM == 1.0: nothing changes)
        for a, b in about:  # the other sentences about the target count with its own, as a mean
            pos += window_sum(doc.pos_sum, a, b)
            neg += window_sum(doc.neg_sum, a, b)
        pos, neg = pos / (1 + len(about)) ** _ABOUT_NORM, neg / (1 + len(about)) ** _ABOUT_NORM
    ach, wr = _kinds_in(doc, [(max(lo, t0 - _ABOUT_TOKENS), min(hi, t1 + _ABOUT_TOKENS + 1))] + about, t0, t1)
    values["achieve"], values["wrong"] = _sat(ach), _sat(wr)
    values["sent_pos"], values["sent_neg"] = _sat(pos), _sat(neg)
    if doc.quoted[doc.sent[t0]]:
        values["quoted"] = 1.0
    if t0 - lo <= 2 and all(not doc.words[j][0].isalnum() or doc.lower[j] in ("the", "a", "an")
                            for j in range(lo, t0)):
        values["subject"] = 1.0
    if _source(doc, t0, t1, hi):
        values["source"] = 1.0
    _tone_window(m, doc, t0, t1, lo, hi, quiet)
    m.context = context_words(doc, t0, t1)
    m.adjacent = adjacent_words(doc, t0, t1)
    values["sent_compound"] = _compound(pos - neg)
    values["clause_compound"] = _compound(values["near_pos"] - values["near_neg"])
    if r is not None:
        kind = "nested" if r.depth > 1 else r.role
        m.role = r
        # The act is the role's evidence: as a context word too it would be counted twice, and a
        # fit splits its weight between the two (the word alone then argues against the role).
        m.context = [c for c in m.context if c[1] != r.act]
        m.add(f"{kind}_{'pos' if r.value > 0 else 'neg'}", min(1.0, abs(r.value)), r.evidence, "", -2)
    return m


@lru_cache(maxsize=1)
def _margins() -> dict[str, dict[str, float]]:
    """label -> feature -> how much more the feature weighs for the label than for the best other
    label: what a unit of the feature pushes toward the label (the evidence ranks words by it)."""
    w = _weights()
    return {lab: {f: w[lab][f] - max(w[o][f] for o in LABELS if o != lab) for f in FEATURES} for lab in LABELS}


@lru_cache(maxsize=1)
def _word_margins() -> dict[str, dict[str, float]]:
    """label -> word -> how much more the word weighs for the label than for the best other label
    (``stance_words.txt``): what the word pushes toward the label (the evidence ranks words by it)."""
    out: dict[str, dict[str, float]] = {lab: {} for lab in LABELS}
    for word_, hit in _word_weights().items():
        for li, lab in enumerate(LABELS):
            out[lab][word_] = hit[li] - max(v for j, v in enumerate(hit) if j != li)
    return out


@lru_cache(maxsize=1)
def _feature_table() -> dict[str, tuple[float, float, float, float, float, float]]:
    """feature -> (its weights for against, neutral, favor; its margins toward each, ``_margins``):
    one lookup gives the model and the evidence what they read of a feature."""
    w, mg = _weights(), _margins()
    return {f: (w["against"][f], w["neutral"][f], w["favor"][f], mg["against"][f], mg["neutral"][f], mg["favor"][f])
            for f in FEATURES}


@lru_cache(maxsize=1)
def _word_table() -> dict[str, tuple[float, float, float, float, float, float]]:
    """key of ``stance_words.txt`` -> (its weights for against, neutral, favor; its margins toward
    each, ``_word_margins``): one lookup per word feature serves the model and the evidence."""
    mg = _word_margins()
    return {k: (*hit, mg["against"][k], mg["neutral"][k], mg["favor"][k]) for k, hit in _word_weights().items()}


def _logits(m: _Mention, wf: list[tuple[str, float, int]]
            ) -> tuple[float, float, float, list[tuple[float, float, float, float, float, float] | None]]:
    """The model's three log-odds (against, neutral, favor) and each word feature's ``_word_table`` row.

    The features' products are summed by ``sum`` in ``FEATURES`` order, then the word features'
    added one by one, as a dot product over every feature would: a feature of value 0 adds 0.0
    there, which leaves the sum as it was, so only the features that are not 0 are read (most of
    the 22 are 0 for a mention)."""
    table, values = _feature_table(), m.values
    # (values holds FEATURES, in their order; sum() as the dot product summed: on Python 3.12+ it
    # compensates rounding, and the sums must stay those of the full dot product)
    prods = [(w[0] * x, w[1] * x, w[2] * x) for w, x in
             zip(map(table.__getitem__, compress(values, values.values())), filter(None, values.values()))]
    la, ln, lf = map(sum, zip(*prods)) if prods else (0.0, 0.0, 0.0)
    hits = list(map(_word_table().get, map(itemgetter(0), wf)))
    for hit, (_, x, _) in zip(hits, wf):
        if hit is not None:
            la, ln, lf = la + hit[0] * x, ln + hit[1] * x, lf + hit[2] * x
    return la, ln, lf, hits


def _softmax(la: float, ln: float, lf: float) -> dict[str, float]:
    top = max(la, ln, lf)
    ea, en, ef = math.exp(la - top), math.exp(ln - top), math.exp(lf - top)
    z = sum((ea, en, ef))
    return {"against": ea / z, "neutral": en / z, "favor": ef / z}


def _probabilities(m: _Mention, wf: list[tuple[str, float, int]] | None = None) -> dict[str, float]:
    """P(label) of a mention; ``wf`` is ``m.word_features()`` when the caller has it already."""
    return _softmax(*_logits(m, m.word_features() if wf is None else wf)[:3])


def _decide(m: _Mention, speaker: bool = False, prob: dict[str, float] | None = None) -> tuple[str, float, str]:
    """(label, score, evidence) of a mention. ``speaker``: a role found in the structure decides
    (the speaker's own statement), the model only where no act governs the target."""
    wf = m.word_features()  # built once: the model and the evidence both read it
    la, ln, lf, hits = _logits(m, wf)  # (the word rows serve the evidence too)
    prob = prob or _softmax(la, ln, lf)
    label = max(LABELS, key=prob.__getitem__)
    score = round(prob["favor"] - prob["against"], 4)
    if speaker and m.role is not None and m.role.role != "agent":
        label = "favor" if m.role.value > 0 else "against"
        score = round(max(-1.0, min(1.0, m.role.value)), 4)
    return label, score, _evidence(m, label, speaker, wf, hits)


def _evidence(m: _Mention, label: str, speaker: bool, wf: list[tuple[str, float, int]],
              hits: list[tuple[float, float, float, float, float, float] | None]) -> str:
    """The words whose features pushed most toward ``label`` (over the others), the role that
    decided first, at most four, " ; "-separated."""
    li = 3 + LABELS.index(label)  # the label's margin in a table row
    table = _feature_table()
    push: dict[int, list[Any]] = {}
    for feat, pos, words, amount, note in m.parts:
        delta = table[feat][li] * amount
        entry = push.get(pos)
        if entry is None:
            entry = push[pos] = [0.0, words, note]
        entry[0] += delta
    for (key, x, pos), hit in zip(wf, hits):
        if hit is not None and pos not in push and hit[li] * x > 0.05:
            word_ = key.partition(":")[2] if ":" in key else key  # "not:condemn", "p1:said": the word
            push[pos] = [hit[li] * x, word_, "negated" if key.startswith("not:") else ""]
    role_first = [e for p, e in push.items() if p == -2 and (speaker or e[0] > 0)]
    # strongest first; a stable sort keeps equal pushes in token order, as key=-push did
    ranked = sorted([e for p, e in push.items() if p != -2 and e[0] > 0.02], key=itemgetter(0), reverse=True)
    seen = [f"{words} ({note})" if note else words for _, words, note in role_first + ranked]
    if m.values.get("source") and label == "neutral":
        seen.append("(target is the speaker)")
    return " ; ".join(seen[:4])


_CO_WEIGHT = 0.25  # weight of each other mention of a person against the mention itself (1)
_CO_SHOWN = 2  # other mentions named in the evidence


_BAD_NEWS_MENTIONS = 1  # other mentions (the name again, he, her) that make a paragraph one about its person


def _wronged(doc: Doc, spans: Sequence[tuple[int, int]], feats: Sequence[_Mention]) -> bool:
    """Whether a paragraph shows a wrong by a person or a hostile act toward them: a hostile act
    whose patient is one of their mentions (directly or inside its object), or a word of
    ``stance_wrongs.txt`` in a sentence naming them. A hostile act *by* them ("she criticized the
    plan") is their stance toward others, not a wrong of theirs.

    Examples:
        >>> t = "Tom Reyes spoke. He was convicted of fraud."
        >>> d = analyse(t); _wronged(d, [(0, 9), (17, 19)], [features(d, 0, 9), features(d, 17, 19)])
        True
        >>> t = "Tom Reyes spoke. He was injured in a crash."
        >>> d = analyse(t); _wronged(d, [(0, 9), (17, 19)], [features(d, 0, 9), features(d, 17, 19)])
        False
        >>> t = "Tom Reyes spoke. He condemned the awful plan."
        >>> d = analyse(t); _wronged(d, [(0, 9), (17, 19)], [features(d, 0, 9), features(d, 17, 19)])
        False
    """
    if any(f.values["patient_neg"] or f.values["nested_neg"] for f in feats):
        return True
    sents = {doc.sent[doc.token_range(s, e)[0]] for s, e in spans}
    return any(word_kind(w)[1] for k in sents for w in doc.lower[slice(*doc.sent_bounds[k])])


def person_stance(doc: Doc, start: int, end: int) -> tuple[str, float, str]:
    """(label, score, evidence) of a mention, read with the other mentions of the same person in the
    paragraph (``person_mentions``: the surname again, he / she / his / her): the mention's own
    log-probabilities and theirs are averaged, each other mention weighing ``_CO_WEIGHT``, so what
    the paragraph says about the person elsewhere counts without outvoting the mention. Evidence
    names the other mentions that agree with the label and what decided them
    (``him -> Ann Okafor: praised``). In a paragraph of several sentences that mentions the person
    again (``_BAD_NEWS_MENTIONS``), ``against`` needs a wrong by them or a hostile act toward them
    (``_wronged``); negative tone without one is bad news around the person and reads ``neutral``.

    Examples:
        >>> t = "Ann Okafor spoke on Monday. Voters praised her. Rivals applauded her candour."
        >>> label, score, evidence = person_stance(analyse(t), 0, 10)
        >>> label, evidence
        ('favor', 'her -> Ann Okafor: praised -> patient: her ; her -> Ann Okafor: applauded -> patient: her')
    """
    m = features(doc, start, end)
    others = person_mentions(doc, start, end)
    if not others:
        return _decide(m)
    parts = [(ev, mm, _probabilities(mm)) for ev, mm in ((ev, features(doc, s, e)) for s, e, ev in others)]
    logs = [math.log(max(p, 1e-12)) for p in map(_probabilities(m).__getitem__, LABELS)]
    for _, _, pm in parts:
        logs = [x + _CO_WEIGHT * math.log(max(pm[lab], 1e-12)) for x, lab in zip(logs, LABELS)]
    logs = [x / (1 + _CO_WEIGHT * len(parts)) for x in logs]  # a weighted mean: a probability again
    top = max(logs)
    ex = [math.exp(x - top) for x in logs]
    prob = {lab: v / sum(ex) for lab, v in zip(LABELS, ex)}
    label, score, ev = _decide(m, prob=prob)
    if label == "against" and not _wronged(doc, [(start, end)] + [(s, e) for s, e, _ in others], [m] + [mm for _, mm, _ in parts]) \
            and len(others) >= _BAD_NEWS_MENTIONS and len(doc.sent_bounds) > 1:
        # A paragraph about a person whose negative tone names no wrong of theirs and no hostile act
        # toward them: bad news around the person, not opposition to them ("was injured", "lost").
        label = "neutral"
        score = round(prob["favor"] - min(prob["against"], prob["neutral"]), 4)
        ev = "(bad news around the person: no wrong by them, no hostile act toward them)"
    seen = []
    for co, mm, pm in parts:
        lab, _, why = _decide(mm, prob=pm)  # (its probabilities, computed once above)
        if lab == label and label != "neutral" and why and len(seen) < _CO_SHOWN:
            seen.append(f"{co}: {why.split(' ; ')[0]}")
    return label, score, " ; ".join(x for x in (ev, *seen) if x)


# --------------------------------------------------------------------------- mentions
@lru_cache(maxsize=64)
def _mention_regex(items: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation for a whole targets mapping; longest alias first so it wins on overlap."""
    owner: dict[str, str] = {}
    for name, aliases in items:
        for a in (name, *aliases):
            a = normalise(a.strip())
            if a and a not in owner:
                owner[a] = name
    alts = sorted(owner, key=lambda a: (-len(a), a))
    # Whole words: no word character on either side ("Russia's", "pro-Russia" and "US-led" count).
    # The pattern starts with the alternation, so the scan skips to the aliases' first characters at
    # C speed; the word boundary before a match is checked by ``_matches`` (a look-behind first would
    # make the scan try the whole pattern at every position).
    pattern = r"(?:" + "|".join(re.escape(a) for a in alts) + r")(?!\w)"
    return re.compile(pattern), owner


@lru_cache(maxsize=64)
def _needs_normalise(items: tuple[tuple[str, tuple[str, ...]], ...]) -> bool:
    """Whether a text must be normalised before the alternation of ``items`` scans it: only when an
    alias holds a character that ``normalise`` produces (' " -). Otherwise the matches are the same
    on the raw text: ``normalise`` maps non-word characters to non-word characters, one for one, so
    neither a literal alias nor a word boundary can tell them apart (and the scan skips a copy of
    every text).

    Examples:
        >>> _needs_normalise((("Russia", ("Moscow",)),)), _needs_normalise((("Guinea-Bissau", ()),))
        (False, True)
    """
    return any(c in normalise(a) for name, aliases in items for a in (name, *aliases) for c in "'\"-")


_WORD_BEFORE = re.compile(r"(?<=\w)")


def _matches(rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``rx``'s matches in ``text`` that start a word: ``rx.finditer`` with ``(?<!\\w)`` in front.

    Examples:
        >>> [m.group() for m in _matches(re.compile("Acme|me"), "Acme me fame")]
        ['Acme', 'me']
    """
    mt = rx.search(text)
    while mt is not None:
        if _WORD_BEFORE.match(text, mt.start()):
            mt = rx.search(text, mt.start() + 1)  # not at a word start: a later match may begin inside it
        else:
            yield mt
            mt = rx.search(text, mt.end())


def _freeze_targets(targets: Mapping[str, Iterable[str] | str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    out = []
    for name, aliases in targets.items():
        if isinstance(aliases, str):
            aliases = [aliases]
        out.append((str(name), tuple(str(a) for a in aliases)))
    return tuple(out)


class _Compiled(dict):  # type: ignore[type-arg]
    """A targets mapping with its alternation compiled once per call of ``stance``."""

    def __init__(self, targets: Mapping[str, Iterable[str] | str]) -> None:
        super().__init__(targets)
        frozen = _freeze_targets(targets)
        self.rx = _mention_regex(frozen)
        self.normalise = _needs_normalise(frozen)


def find_mentions(text: str, targets: Mapping[str, Iterable[str] | str]) -> list[tuple[str, int, int]]:
    """Every mention of the targets in ``text`` as ``(target, start, end)``.

    Aliases match as whole words, case-sensitively (proper names); possessives count
    ("Russia's", "Russia\u2019s"); where aliases overlap the longest wins.

    Examples:
        >>> t = {"Russia": ["Russian Federation", "Moscow"], "Korea": ["Korea"]}
        >>> find_mentions("Moscow\u2019s ties with the Russian Federation", t)
        [('Russia', 0, 6), ('Russia', 23, 41)]
        >>> find_mentions("Muscovites and moscow", t)
        []
    """
    if not isinstance(text, str) or not text:
        return []
    rx, owner = _mention_regex(_freeze_targets(targets)) if not isinstance(targets, _Compiled) else targets.rx
    norm = normalise(text)
    return [(owner[mt.group()], mt.start(), mt.end()) for mt in _matches(rx, norm)]


# --------------------------------------------------------------------------- references
_PLURAL_REFS = frozenset({"they", "them", "their", "theirs"})
_SINGULAR_REFS = frozenset({"it", "its"})
_GROUP_NOUNS = frozenset({"alliance", "allies", "countries", "nations", "governments", "partners", "sides"})
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}
#: Adjectives that say how many members a group has ("their triangular military alliance": three).
_SIZE_WORDS = {"bilateral": 2, "trilateral": 3, "triangular": 3, "tripartite": 3, "three-way": 3,
               "quadrilateral": 4, "four-way": 4}
_COUNTED_LOOKBACK = 4  # a reference that says its group's size ("the three countries") reaches further
_EXPLETIVE_NEXT = frozenset({"is", "was", "'s", "seems", "seemed", "appears", "will", "would", "has", "had",
                             "remains", "takes", "took", "may", "might", "could", "should"})
_REF_FIRST = _PLURAL_REFS | {"its", "it", "the", "both"}  # words a reference can start with
_PERSON_REF_FIRST = _REF_FIRST | {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
_REF_FIRST_NO_GROUP = _REF_FIRST - {"the", "both"}  # (where no word of _GROUP_NOUNS is in the text)
_PERSON_REF_FIRST_NO_GROUP = _PERSON_REF_FIRST - {"the", "both"}
_LOOKBACK_SENTENCES = 2  # a reference reaches back this many sentences before its own
_COORD = frozenset({",", "and", "the"})


@dataclass(frozen=True)
class Antecedent:
    """A target, or a group of names with targets among them, that a later reference may point to."""

    targets: tuple[str, ...]
    plural: bool
    size: int  # names in the group
    phrase: str
    sent: int = -10**9  # sentence of the text it is in (-10**9: before the text, e.g. an earlier quote)
    tok: int = -1  # its last token in that text
    possessor: bool = False  # "the USA's": not the referent of an "its" in the same sentence
    person: str = ""  # a person's name: "m" / "f" (an honorific or title says so) or "-"; "" not a person


def _name_runs(doc: Doc, a: int, b: int) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (names) among tokens [a, b)."""
    runs: list[tuple[int, int]] = []
    i = a
    while i < b:
        if doc.words[i][:1].isupper():
            j = i
            while j + 1 < b and (doc.words[j + 1][:1].isupper() or doc.words[j + 1] == "."
                                 and j + 2 < b and doc.words[j + 2][:1].isupper()):
                j += 1
            runs.append((i, j))
            i = j + 1
        else:
            i += 1
    return runs


@lru_cache(maxsize=1)
def _person_lexicons() -> tuple[dict[str, str], dict[str, str], frozenset[str], frozenset[str], frozenset[str]]:
    """(he / she words -> "m" / "f", honorifics and gendered titles -> "m" / "f" / "-", given names,
    names that are places or countries, words that make a name an organisation), lower-cased."""
    from .targets import _index  # the country gazetteer (imported here: targets imports speakers)

    pronouns = {k: v for k, v in _lexicon.table("speaker_pronouns.txt").items() if v in ("m", "f")}
    titles = {k.lower().rstrip("."): v if v in ("m", "f") else "-" for k, v in
              _lexicon.table("speaker_honorifics.txt").items()}
    for row in _lexicon.rows("titles.txt"):
        if len(row) > 2 and row[1] == "head":
            titles.setdefault(row[0].lower().rstrip("."), row[2] if row[2] in ("m", "f") else "-")
    given = frozenset(_lexicon.table("speaker_given_names.txt"))
    places = frozenset(_index()) | frozenset(w.lower() for w in _lexicon.words("speaker_places.txt"))
    return pronouns, titles, given, places, frozenset(_lexicon.words("speaker_org_words.txt"))


def _person_gender(doc: Doc, t0: int, t1: int) -> str:
    """Whether tokens ``t0..t1`` name a person: "m" / "f" when an honorific or title before or in
    the name says so ("Ms. Lee", "spokeswoman Ann Lee"), "-" for a name of unknown gender, "" for no
    person (a country, a place, an organisation, a lower-case word).

    Examples:
        >>> d = analyse("Ms. Lee met Acme Bank and Russia near Oslo.")
        >>> [_person_gender(d, *d.token_range(s, e)) for s, e in ((0, 7), (12, 21), (26, 32))]
        ['f', '', '']
    """
    pronouns, titles, _, places, orgs = _person_lexicons()
    if t0 > t1:
        return ""
    if t0 == t1 and doc.lower[t0] in pronouns:
        return pronouns[doc.lower[t0]]
    name = doc.text[doc.starts[t0]:doc.ends[t1]].removesuffix("'s").removesuffix("\u2019s")
    words = [w.removesuffix("'s").rstrip(".") for w in doc.lower[t0:t1 + 1]]
    if not doc.words[t1][:1].isupper() or name.casefold() in places or any(w in orgs for w in words) \
            or any(part in places for w in words for part in w.split("-")):  # "African-Americans"
        return ""
    for w in (doc.lower[t0 - 1].rstrip(".") if t0 else "", *words):
        if w in titles:
            return titles[w]
    return "-"


def _sentence_parts(doc: Doc, runs: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Each run of name tokens cut at sentence ends: "Tom Reyes. Ortiz" (a run across a full stop)
    is "Tom Reyes" and "Ortiz", each without the stop.

    Examples:
        >>> d = analyse("Sam met Tom Reyes. Ortiz left.")
        >>> list(_sentence_parts(d, [(2, 5)]))
        [(2, 3), (5, 5)]
    """
    for a, b in runs:
        for k in range(a, b):
            if doc.sent[k + 1] != doc.sent[k]:
                yield a, k - 1 if doc.words[k] == "." else k
                a = k + 1
        yield a, b


def _other_people(doc: Doc, taken: Sequence[tuple[int, int]]) -> list[Antecedent]:
    """Names of people that are not targets ("Nick Saban", "Mr. Ade"), as antecedents holding no
    target: a "he" after them means them, not a target named earlier."""
    _, titles, given, _, _ = _person_lexicons()
    stop = _lexicon.words("stance_function_words.txt")
    out = []
    for a, b in _sentence_parts(doc, _name_runs(doc, 0, len(doc.words))):
        while a <= b and (doc.words[a] in stop or not doc.words[a][:1].isupper()):
            a += 1
        if a > b or any(t0 <= b and a <= t1 for t0, t1 in taken):
            continue
        gender = _person_gender(doc, a, b)
        titled = a > 0 and doc.lower[a - 1].rstrip(".") in titles
        if gender and (b > a or titled or doc.lower[a] in given):
            out.append(Antecedent((), False, 1, doc.text[doc.starts[a]:doc.ends[b]], doc.sent[a], b, person=gender))
    return out


def antecedents(doc: Doc, mentions: Sequence[tuple[str, int, int]], people: bool = False) -> list[Antecedent]:
    """The named mentions of a text, and its coordinations of names ("The US, Japan and South
    Korea"), as antecedents for references; in text order. A coordination holding no target is an
    antecedent too, with no targets: a reference to it is a reference to no target, and it stops
    a reference from reaching past it to an earlier group that does hold one. With ``people``, the
    names of people that are not targets are antecedents holding no target too (for he / she).

    Examples:
        >>> d = analyse("Russia and North Korea met. Acme grew. Japan and Chile objected.")
        >>> [(a.targets, a.plural) for a in antecedents(d, [("R", 0, 6), ("NK", 11, 22), ("A", 28, 32)])]
        [(('R',), False), (('NK',), False), (('R', 'NK'), True), (('A',), False), ((), True)]
    """
    out: list[tuple[int, Antecedent]] = []
    tok_of = [(name, *doc.token_range(s, e)) for name, s, e in mentions]
    for name, t0, t1 in tok_of:
        if t0 > t1:
            continue
        poss = doc.lower[t1].endswith(("'s", "s'"))
        out.append((t1, Antecedent((name,), False, 1, doc.text[doc.starts[t0]:doc.ends[t1]], doc.sent[t0], t1, poss,
                                   _person_gender(doc, t0, t1) if people else "")))
    if people:
        out.extend((a.tok, a) for a in _other_people(doc, [(t0, t1) for _, t0, t1 in tok_of]))
    runs = _name_runs(doc, 0, len(doc.words))
    k = 0
    while k < len(runs):
        j, has_and = k, False
        while j + 1 < len(runs):
            gap = doc.lower[runs[j][1] + 1: runs[j + 1][0]]
            if not gap or any(g not in _COORD for g in gap) or len(gap) > 3 or \
                    doc.sent[runs[j][1]] != doc.sent[runs[j + 1][0]]:
                break
            has_and = has_and or "and" in gap
            j += 1
        if j > k and has_and:
            a, b = runs[k][0], runs[j][1]
            inside = tuple(dict.fromkeys(n for n, t0, t1 in tok_of if a <= t0 and t1 <= b))
            out.append((b, Antecedent(inside, True, j - k + 1, doc.text[doc.starts[a]:doc.ends[b]],
                                          doc.sent[a], b)))
        k = j + 1
    out.sort(key=lambda x: x[0])
    return [a for _, a in out]


def _group_noun_end(doc: Doc, k: int) -> int:
    """Last token of "alliance" / "triangular military alliance" starting at token ``k``; -1 if none."""
    for j in range(k, min(len(doc.lower), k + 3)):
        if doc.lower[j] in _GROUP_NOUNS:
            return j
        if not doc.lower[j].isalpha() or doc.words[j][:1].isupper():
            return -1
    return -1


def _group_size(doc: Doc, a: int, b: int) -> int:
    """The size a group noun phrase's adjectives give (tokens [a, b)), 0 if none.

    Examples:
        >>> d = analyse("their triangular military alliance")
        >>> _group_size(d, 1, 3), _group_size(d, 2, 3)
        (3, 0)
    """
    return next((_SIZE_WORDS[w] for w in doc.lower[a:b] if w in _SIZE_WORDS), 0)


def _reference_at(doc: Doc, k: int) -> tuple[bool, int, int] | None:
    """Is token ``k`` a reference? (plural, group size or 0, last token of the reference).
    "their triangular military alliance" and "the three countries" refer as a whole, and say the
    size of the group they mean ("triangular": three). A he / she word is a reference to a
    person: group size -1 ("m") or -2 ("f")."""
    w = doc.lower[k]
    gender = _person_lexicons()[0].get(w)
    if gender:
        return False, -1 if gender == "m" else -2, k
    nxt = doc.lower[k + 1] if k + 1 < len(doc.lower) else ""
    if w in ("their", "the", "both"):
        n = _COUNTS.get(nxt, 0) if w != "both" else 2
        end = _group_noun_end(doc, k + (2 if n and w != "both" else 1))
        if end >= 0:
            return True, n or _group_size(doc, k + 1, end), end
    if w in _PLURAL_REFS:
        return True, 0, k
    if w == "its":
        return False, 0, k
    if w == "it" and nxt and (word(nxt).act or nxt in _lexicon.words("stance_speech.txt")):
        return False, 0, k  # "it said", "it condemned": an actor; "labeling it as", "it is": not one
    return None


_OBJECT_NEXT = frozenset({"to", "for", "on", "in", "at", "with", "as", "and", "or", "the", "a", "an", "that", "about",
                          "from", "of", "by", "over", "after", "before", "into", "out", "up", "back", "off",
                          "again", "too", "when", "while", "because", "if", "but"})
_BINDING = 6  # tokens: an antecedent this close before an object pronoun, in its clause, is its subject


def _object_pronoun(doc: Doc, k: int) -> bool:
    """Is token ``k`` a he / she word in object position: "him", or "her" not before its noun ("thanked
    her.", "praised her for")?

    Examples:
        >>> d = analyse("Lee thanked her for her help.")
        >>> _object_pronoun(d, 2), _object_pronoun(d, 5)
        (True, False)
    """
    w = doc.lower[k]
    if w == "him":
        return True
    if w != "her":
        return False
    nxt = doc.lower[k + 1] if k + 1 < len(doc.lower) else ""
    return not nxt[:1].isalnum() or nxt in _OBJECT_NEXT


def _binds(doc: Doc, a: Antecedent, k: int) -> bool:
    """Is ``a`` the subject of the clause whose object is the pronoun at token ``k``? "Reyes thanked
    him": "him" is someone else (he would be "himself"). A speech verb in between opens the
    reported clause, where the pronoun may be the speaker ("Reyes said voters backed him")."""
    if a.sent != doc.sent[k] or not 0 <= a.tok < k or k - a.tok > _BINDING or doc.clause[a.tok] != doc.clause[k]:
        return False
    speech = _lexicon.words("stance_speech.txt")
    return not any(w in speech for w in doc.lower[a.tok + 1:k])


def _pick(cands: Sequence[Antecedent], plural: bool, size: int, sent: int, exclude: frozenset[str]) -> Antecedent | None:
    if size < 0:  # he / she: the nearest person of that gender or of unknown gender, target or not
        gender = "m" if size == -1 else "f"
        return next((a for a in reversed(cands) if a.person in (gender, "-")), None)
    for a in reversed(cands):
        if a.plural != plural or (size and a.size != size) or set(a.targets) & exclude or a.person and not a.targets:
            continue
        if not plural and a.possessor and a.sent == sent:
            continue  # "the USA's condemnation of its ties": "its" is not the USA
        return a
    return None


def references(doc: Doc, mentions: Sequence[tuple[str, int, int]], prior: Iterable[Antecedent] = (),
               exclude: frozenset[str] = frozenset()) -> list[tuple[str, int, int, str]]:
    """Mentions reached through reference: ``(target, start, end, 'word -> target: antecedent')``.

    A plural reference (they, their, the alliance, the three countries) points to the nearest
    earlier group of names holding a target, a singular one (it, its) to the nearest earlier
    single mention, a he / she (his, her, him) to the nearest earlier person of its gender when a
    target is a person (another person named in between takes it), at most
    ``_LOOKBACK_SENTENCES`` back (``prior``: antecedents from before the
    text, e.g. earlier quotes of the article). Groups holding a target of ``exclude`` (the speaker's
    own side) are passed over.

    Examples:
        >>> text = "Russia and North Korea signed a pact. Their alliance worries Kyiv."
        >>> d = analyse(text)
        >>> references(d, [("Russia", 0, 6), ("North Korea", 11, 22)])
        [('Russia', 38, 52, 'Their alliance -> Russia: Russia and North Korea'), ('North Korea', 38, 52, 'Their alliance -> North Korea: Russia and North Korea')]
    """
    grouped = not _GROUP_NOUNS.isdisjoint(doc.lower)
    if (_PERSON_REF_FIRST if grouped else _PERSON_REF_FIRST_NO_GROUP).isdisjoint(doc.lower):
        return []  # no word a reference can start with, whoever the targets are (a set test in C)
    named = {(s, e) for _, s, e in mentions}
    # he / she only where a target is a person: a text about countries reads no "he" as a mention
    places = _person_lexicons()[3]
    people = any(n.casefold() not in places and _person_gender(doc, *doc.token_range(s, e)) for n, s, e in mentions)
    first = _PERSON_REF_FIRST if people else _REF_FIRST
    if not grouped:
        # "the" / "both" refer only as "the alliance", "both countries": without a group noun in
        # the text, the most frequent word of English needs no look (a set test over the text in C)
        first = _PERSON_REF_FIRST_NO_GROUP if people else _REF_FIRST_NO_GROUP
    hits = []  # the references first: most texts have none, and then need no antecedents
    for k in compress(range(len(doc.lower)), map(first.__contains__, doc.lower)):
        hit = _reference_at(doc, k)
        if hit is not None and (doc.starts[k], doc.ends[hit[2]]) not in named:
            hits.append((k, hit))
    if not hits:
        return []
    ante = antecedents(doc, mentions, people)
    found: list[tuple[int, int, int, Antecedent | None]] = []  # (first token, last token, size, antecedent)
    j = 0
    for k, (plural, size, last) in hits:
        sent = doc.sent[k]
        while j < len(ante) and ante[j].tok < k:
            j += 1
        back = _COUNTED_LOOKBACK if size > 0 else _LOOKBACK_SENTENCES
        cands = [*prior, *(a for a in ante[max(0, j - 12):j] if a.sent >= sent - back)]
        if size < 0 and _object_pronoun(doc, k):
            cands = [a for a in cands if not _binds(doc, a, k)]
        found.append((k, last, size if plural else -1, _pick(cands, plural, size, sent,
                                                              exclude if plural else frozenset())))
    out: list[tuple[str, int, int, str]] = []
    for k, last, _, a in _pronouns_follow_counted_group(doc, found):
        if a is None:
            continue  # no group, or one that holds no target: not a mention of any target
        s, e = doc.starts[k], doc.ends[last]
        for t in a.targets:
            out.append((t, s, e, f"{doc.text[s:e]} -> {t}: {a.phrase}"))
    return out


_PARAGRAPH_TOKENS = 400  # a text up to this long is read whole for the other mentions of a person


def person_mentions(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """The other mentions of the person named at ``[start, end)`` in a paragraph: their surname again
    and the he / she / his / her that refer to them (``references``), as ``(start, end, evidence)``.
    Empty for a mention that is no person's name, and for a text longer than ``_PARAGRAPH_TOKENS``.

    Examples:
        >>> t = "Ann Okafor won the race. Her coach praised her. Okafor thanked the crowd."
        >>> [e for _, _, e in person_mentions(analyse(t), 0, 10)]
        ['Her -> Ann Okafor', 'her -> Ann Okafor', 'Okafor']
    """
    t0, t1 = doc.token_range(start, end)
    if t0 > t1 or len(doc.words) > _PARAGRAPH_TOKENS or doc.lower[t0] in _PRONOUNS:
        return []
    if not _person_gender(doc, t0, t1):
        return []
    key = doc.words[t1].removesuffix("'s")
    if not key[:1].isupper():
        return []
    named = [("", start, end)] + [("", doc.starts[i], doc.ends[i]) for i, w in enumerate(doc.words)
                                  if (i < t0 or i > t1) and w.removesuffix("'s") == key]
    phrase = doc.text[start:end]
    out = [(s, e, doc.text[s:e]) for _, s, e in named[1:]]
    out += [(s, e, f"{doc.text[s:e]} -> {phrase}") for _, s, e, _ in references(doc, named)]
    return sorted(out)


def _pronouns_follow_counted_group(doc: Doc, found: list[tuple[int, int, int, Antecedent | None]]
                                   ) -> list[tuple[int, int, int, Antecedent | None]]:
    """In a sentence with a reference that names its group's size ("their triangular military
    alliance"), the plain plural pronouns ("If they were curious ..., they should clarify why their
    triangular military alliance ...") mean that group too, not the nearest pair of names.

    Examples:
        >>> text = "Chile, Peru and Bolivia met. Ecuador and Chile argued. They said their trilateral alliance holds."
        >>> d = analyse(text)
        >>> [r[3] for r in references(d, [("Chile", 0, 5), ("Ecuador", 51, 58), ("Chile", 63, 68)])]
        ['They -> Chile: Chile, Peru and Bolivia', 'their trilateral alliance -> Chile: Chile, Peru and Bolivia']
    """
    counted = {doc.sent[k]: a for k, _, size, a in found if size > 0 and a is not None}
    if not counted:
        return found
    return [(k, last, size, counted.get(doc.sent[k], a) if size == 0 else a) for k, last, size, a in found]


# --------------------------------------------------------------------------- public API
_MATRIX_DEADZONE = 0.1  # a speaker's mean score within +-0.1 reads as neutral
_OUT = ["target", "target_start", "target_end", "stance", "stance_score", "evidence", "reference", "text_offset"]


@corpus_step
def stance(df: pd.DataFrame, targets: Mapping[str, Iterable[str] | str] | None = None,
           column: str = "text", references: bool = True) -> pd.DataFrame:
    """Stance toward each target mention: ``favor`` / ``neutral`` / ``against``, a score, the evidence.

    Two modes:

    - ``targets`` given (name -> aliases, e.g. ``newslab.targets.countries("Russia")``): every
      mention in ``df[column]`` is found and scored, and (``references=True``) every "they",
      "its", "the alliance" that refers back to one (column ``reference`` names the antecedent,
      NA for a named mention); one row per (input row, mention) with the input row's columns.
      Rows that mention no target produce no row. A text longer than ``TEXT_LIMIT`` characters is
      not copied into each row: ``text`` holds a window around the mention starting at
      ``text_offset`` of the input text (0 otherwise); ``target_start`` / ``target_end`` are
      always offsets into the input text.
    - no ``targets``: ``df`` must have ``target_start`` / ``target_end`` (one mention per row,
      offsets into ``df[column]``); every row is scored and kept. A missing ``target`` column is
      filled with the mention text; rows with missing or impossible offsets get ``stance`` NA and
      ``evidence`` saying why.

    ``stance_score`` is P(favor) - P(against) in [-1, 1]; ``evidence`` names the act and role that
    decided ("condemned -> patient: Acme"), then the tone words.

    Examples:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"id": [1], "text": ["Critics condemned Acme, but Zeno praised Acme's honesty."]})
        >>> out = stance(df, targets={"Acme": ["Acme"], "Zeno": ["Zeno"]})
        >>> out[["id", "target", "target_start", "stance"]].values.tolist()
        [[1, 'Acme', 18, 'against'], [1, 'Zeno', 28, 'favor'], [1, 'Acme', 41, 'favor']]
        >>> out.loc[0, "evidence"]
        'condemned -> patient: Acme ; condemned ; Critics'
    """
    if column not in df.columns:
        raise KeyError(f"stance() needs a text column {column!r}; the table has {list(df.columns)}. "
                       f"Pass column='...' to use another one.")
    if targets is not None:
        return _stance_targets(df, targets, column, references)
    missing = [c for c in ("target_start", "target_end") if c not in df.columns]
    if missing:
        raise ValueError("stance() needs either targets={name: [aliases]} (e.g. newslab.targets.countries("
                         "'Russia')) or columns target_start/target_end in the table; missing: " + ", ".join(missing))
    return _stance_offsets(df, column)


def _stance_offsets(df: pd.DataFrame, column: str) -> pd.DataFrame:
    out = df.copy()
    labels, scores, evid, names = [], [], [], []
    has_target = "target" in df.columns
    last: tuple[str, Doc] | None = None
    for k, (text, s, e) in enumerate(zip(df[column], df["target_start"], df["target_end"])):
        name = df["target"].iloc[k] if has_target else None
        ok = isinstance(text, str) and not pd.isna(s) and not pd.isna(e) and 0 <= int(s) < int(e) <= len(text)
        if not ok:
            labels.append(pd.NA)
            scores.append(float("nan"))
            evid.append("skipped: no text or target offsets outside the text")
            names.append(name if has_target and not pd.isna(name) else pd.NA)
            continue
        if last is None or last[0] is not text and last[0] != text:
            last = (text, analyse(text))  # rows of one text (several targets) share one analysis
        lab, sc, ev = person_stance(last[1], int(s), int(e))
        labels.append(lab)
        scores.append(sc)
        evid.append(ev)
        names.append(name if has_target and not pd.isna(name) else text[int(s):int(e)])
    out["target"] = pd.array(names, dtype="string")
    out["stance"] = pd.array(labels, dtype="string")
    out["stance_score"] = pd.array(scores, dtype="float64")
    out["evidence"] = pd.array(evid, dtype="string")
    return out


def _all_mentions(doc: Doc, text: str, targets: Mapping[str, Iterable[str] | str], refs: bool,
                  prior: Sequence[Antecedent] = (), exclude: frozenset[str] = frozenset()
                  ) -> list[tuple[str, int, int, str | None]]:
    named = find_mentions(text, targets)
    out: list[tuple[str, int, int, str | None]] = [(n, s, e, None) for n, s, e in named]
    if refs and (named or prior):
        out.extend(references(doc, named, prior, exclude))
        out.sort(key=lambda r: (r[1], r[0]))
    return out


def _mentions_by_row(texts: list[Any], targets: _Compiled) -> dict[int, list[tuple[str, int, int]]]:
    """``find_mentions`` for many texts in one pass of the alternation over them all (joined by NUL,
    which no alias holds and which is not a word character), so a row without a target costs only
    its share of one C-level scan. Row -> mentions, for rows with any."""
    if all(map(isinstance, texts, repeat(str))):
        idx = list(compress(range(len(texts)), texts))  # the non-empty ones
    else:
        idx = [k for k, t in enumerate(texts) if isinstance(t, str) and t]
    if not idx:
        return {}
    chosen = list(map(texts.__getitem__, idx))
    starts = list(accumulate(map((1).__add__, map(len, chosen)), initial=0))  # + 1: the NUL after each
    rx, owner = targets.rx
    out: dict[int, list[tuple[str, int, int]]] = {}
    joined = "\x00".join(chosen)
    for mt in _matches(rx, normalise(joined) if targets.normalise else joined):
        r = bisect.bisect_right(starts, mt.start()) - 1
        out.setdefault(idx[r], []).append((owner[mt.group()], mt.start() - starts[r], mt.end() - starts[r]))
    return out


def _text_window(text: str, s: int, e: int) -> tuple[str, int]:
    """The text a stance row carries: all of a short text, a window around the mention otherwise."""
    if len(text) <= TEXT_LIMIT:
        return text, 0
    a, b = max(0, s - _TEXT_WINDOW), min(len(text), e + _TEXT_WINDOW)
    return text[a:b], a


#: The columns a mention adds in ``targets`` mode, in order, with their dtypes.
_MENTION_DTYPES = (("target", "string"), ("target_start", "int64"), ("target_end", "int64"), ("stance", "string"),
                   ("stance_score", "float64"), ("evidence", "string"), ("reference", "string"),
                   ("text_offset", "int64"))


def _stance_targets(df: pd.DataFrame, targets: Mapping[str, Iterable[str] | str], column: str,
                    refs: bool) -> pd.DataFrame:
    targets = _Compiled(targets)
    rows_idx: list[int] = []
    windows: list[str] = []
    recs: list[tuple[str, int, int, str, float, str, str | None, int]] = []  # the added columns, per row
    texts = df[column].tolist()
    by_row = _mentions_by_row(texts, targets)
    for k in sorted(by_row):
        text, named = texts[k], by_row[k]
        doc = analyse(text)
        found: list[tuple[str, int, int, str | None]] = [(n, s, e, None) for n, s, e in named]
        more = references(doc, named) if refs else []
        if more:  # named mentions alone come in text order already
            found = sorted(found + more, key=lambda r: (r[1], r[0]))
        for name, s, e, ref in found:
            lab, sc, ev = _decide(features(doc, s, e, reference=ref is not None))
            if ref is not None:
                ev = ref + (" ; " + ev if ev else "")
            window, offset = _text_window(text, s, e)
            rows_idx.append(k)
            windows.append(window)
            recs.append((name, s, e, lab, sc, ev, ref, offset))
    cols = list(map(list, zip(*recs))) if recs else [[] for _ in _MENTION_DTYPES]
    return _mention_table(df, column, rows_idx, windows, cols)


def _mention_table(df: pd.DataFrame, column: str, rows_idx: list[int], windows: list[str],
                   cols: list[list[Any]]) -> pd.DataFrame:
    """The rows of ``_stance_targets``: the input row's columns (``column`` holding ``windows``), then
    the mention's, built as whole columns into one DataFrame (inserting columns one by one into a
    frame costs a rebuild of its column index each time)."""
    names, dtypes = list(df.columns), list(df.dtypes)
    keep = [j for j, c in enumerate(names) if c not in _OUT]
    # The text column is not taken row by row: a long text would be copied into every row of its
    # mentions (5,000 mentions of a 140,000-character text: 700 M characters).
    take = np.asarray(rows_idx, dtype=np.intp)
    # The other columns as Series of the input's dtype: an object column of strings stays object.
    arrays = [pd.array(windows, dtype=dtypes[j]) if names[j] == column
              else pd.Series(df.iloc[:, j].array.take(take), dtype=dtypes[j], copy=False) for j in keep]
    arrays += [pd.array(v, dtype=dtype) for v, (_, dtype) in zip(cols, _MENTION_DTYPES)]
    out = pd.DataFrame(dict(enumerate(arrays)), copy=False)
    out.columns = pd.Index([names[j] for j in keep] + [c for c, _ in _MENTION_DTYPES])
    return out


_OWN = frozenset({"we", "us", "our", "ours", "ourselves"})
_PRIOR_QUOTES = 3  # earlier quotes of the same article a reference may reach back to


def _own_side(speaker: Any, role: Any, targets: Mapping[str, Iterable[str] | str]) -> frozenset[str]:
    """Targets named in the speaker's name or role ("North Korean Foreign Minister", "Kremlin
    Spokesperson"): the speaker's own side."""
    text = " ".join(str(x) for x in (speaker, role) if isinstance(x, str))
    return frozenset(n for n, _, _ in find_mentions(text, targets))


def _speaker_antecedents(name: Any, targets: Mapping[str, Iterable[str] | str]) -> list[Antecedent]:
    """A speaker as an antecedent: "The US, Japan and South Korea" is a plural group."""
    if not isinstance(name, str):
        return []
    doc = analyse(name)
    found = find_mentions(name, targets)
    groups = [a for a in antecedents(doc, found) if a.plural]
    if groups:
        return [Antecedent(groups[-1].targets, True, groups[-1].size, name)]
    return [Antecedent((n,), False, 1, name) for n, _, _ in found[:1]]


class _Said:
    """One earlier quote of an article as antecedents for references: its speaker's, then its own,
    found when a later quote first needs them (most quotes are never looked back to with a target
    in reach)."""

    __slots__ = ("lead", "named", "own", "speaker", "text")

    def __init__(self, speaker: list[Antecedent], lead: str, text: str, named: list[tuple[str, int, int]],
                 own: list[Antecedent] | None = None) -> None:
        self.speaker, self.lead, self.text, self.named, self.own = speaker, lead, text, named, own

    def reaches_a_target(self) -> bool:
        """Can an antecedent of this quote hold a target? (its own hold only targets it names)"""
        return bool(self.named) or any(a.targets for a in self.speaker)

    def antecedents(self) -> list[Antecedent]:
        if self.own is None:
            shifted = [(n, s + len(self.lead), e + len(self.lead)) for n, s, e in self.named]
            self.own = antecedents(analyse(self.lead + self.text), shifted)
        return self.speaker + self.own


class _Prior:
    """The antecedents of earlier quotes, gathered when first read: ``references`` reads them only
    for a quote with a reference word ("they", "its", "the alliance")."""

    def __init__(self, said: list[_Said]) -> None:
        self.said, self.got = said, None

    def __iter__(self) -> Iterator[Antecedent]:
        if self.got is None:
            self.got = [a for h in self.said for a in h.antecedents()]
        return iter(self.got)


def _quote_order(q: pd.DataFrame, arts: list[Any], has_ids: bool) -> list[int]:
    """The rows of ``q`` in article order (by id), each article's quotes by ``start`` (by row without one)."""
    n = len(q)
    starts = q["start"].tolist() if "start" in q.columns else None
    missing = q["start"].isna().tolist() if starts is not None else None
    return sorted(range(n), key=lambda k: (str(arts[k]) if has_ids else "",
                                           starts[k] if starts is not None and not missing[k] else k))


def _quote_rows(q: pd.DataFrame, targets: Mapping[str, Iterable[str] | str], column: str, speaker: str
                ) -> list[tuple[Any, int, str, str, float, str, bool]]:
    """(speaker, quote, target, stance, score, evidence) for every mention in every quote, read as the
    speaker's own statement, with references reaching back through the article's earlier quotes.

    A quote that names no target, with no target in reach of its references (none named in the
    article's earlier quotes it looks back to, nor in their speakers), has no row, and is only
    analysed if a later quote needs its antecedents."""
    out: list[tuple[Any, int, str, str, float, str, bool]] = []
    # columns as lists once: a pandas cell read (.iloc) costs more than reading the quote itself
    n = len(q)
    col = {c: q[c].tolist() if c in q.columns else None for c in ("article_id", "cue", "speaker_role")}
    texts, whos = q[column].tolist(), q[speaker].tolist()
    arts = col["article_id"] or [None] * n
    targets = targets if isinstance(targets, _Compiled) else _Compiled(targets)
    sides: dict[tuple[Any, Any], frozenset[str]] = {}  # a speaker's own side and antecedents, per speaker
    as_ante: dict[Any, list[Antecedent]] = {}
    history: list[tuple[Any, _Said]] = []
    for k in _quote_order(q, arts, col["article_id"] is not None):
        text, who, art = texts[k], whos[k], arts[k]
        history = [h for h in history if h[0] == art][-_PRIOR_QUOTES:]
        if not isinstance(text, str) or not text:
            continue
        cue = col["cue"][k] if col["cue"] is not None else None
        # The quote is the object of its cue: "criticized" + "the USA's condemnation of ...".
        lead = f"{cue} " if isinstance(cue, str) and word(cue.lower().split()[-1]).act else ""
        named = find_mentions(text, targets)
        if who not in as_ante:
            as_ante[who] = _speaker_antecedents(who, targets)
        said = _Said(as_ante[who], lead, text, named)
        if named or any(h.reaches_a_target() for _, h in history):
            role = col["speaker_role"][k] if col["speaker_role"] is not None else None
            if (who, role) not in sides:
                sides[who, role] = _own_side(who, role, targets)
            doc = analyse(lead + text)
            said.own = _mention_rows(out, doc, (who, k), lead, named, _Prior([h for _, h in history]),
                                     sides[who, role])
        history.append((art, said))
    return out


def _mention_rows(out: list[tuple[Any, int, str, str, float, str, bool]], doc: Doc, quote: tuple[Any, int],
                  lead: str, named: list[tuple[str, int, int]], prior: Iterable[Antecedent], own: frozenset[str]
                  ) -> list[Antecedent]:
    """Append to ``out`` the rows of one quote (``quote``: its speaker and row; ``doc``: its analysis,
    cue first): its named mentions and those its references reach, read as the speaker's act; returns
    the quote's own antecedents, for the quotes after it."""
    who, k = quote
    found: list[tuple[str, int, int, str | None]] = [(n, s, e, None) for n, s, e in named]
    shifted = [(n, s + len(lead), e + len(lead)) for n, s, e in named]
    found += [(n, s - len(lead), e - len(lead), ref) for n, s, e, ref in references(doc, shifted, prior, own)]
    for name, s, e, ref in found:
        if name in own or doc.lower[doc.token_range(s + len(lead), e + len(lead))[0]] in _OWN:
            continue  # the speaker's own side: not a stance toward it
        m = features(doc, s + len(lead), e + len(lead), reference=ref is not None)
        lab, sc, ev = _decide(m, speaker=True)
        by_role = m.role is not None and m.role.role != "agent"
        out.append((who, k, name, lab, sc, (ref + " ; " + ev) if ref else ev, by_role))
    return antecedents(doc, shifted)


def stance_matrix(quotes: pd.DataFrame, targets: Mapping[str, Iterable[str] | str],
                  column: str = "text", speaker: str = "speaker_name") -> pd.DataFrame:
    """Where each speaker stands on each target: one row per (speaker, target).

    Each quote is read as its speaker's act: the quote's cue comes first when it is an act itself
    ("criticized" + "the USA's condemnation of its ties with Russia": against the USA, for Russia),
    and a role found in the structure decides (the model where none is found). Mentions count
    when named in the quote or reached through reference ("their alliance", "they", looking back
    through the article's earlier quotes and speakers: columns ``article_id`` and ``start`` order
    them). The speaker's own side (targets named in ``speaker_name`` or ``speaker_role``, "we",
    "our") gets no row. Columns: ``speaker_name``, ``target``, ``stance_score`` (mean over
    mentions), ``n_favor``, ``n_neutral``, ``n_against`` (mentions), ``n_quotes`` (quotes naming
    the target), ``stance`` (the mean as a label: ``favor`` above +0.1, ``against`` below -0.1) and
    ``evidence`` (the first decisive evidence). Quotes with no speaker name are grouped under
    ``"(unknown)"``.

    Examples:
        >>> import pandas as pd
        >>> q = pd.DataFrame({"speaker_name": ["Ann Lee", "Ann Lee", "Bo Park"],
        ...                   "text": ["We praise Acme.", "We condemned Acme and Acme's lies.", "Acme opened."]})
        >>> m = stance_matrix(q, {"Acme": ["Acme"]})
        >>> m[["speaker_name", "target", "n_favor", "n_against", "n_quotes"]].values.tolist()
        [['Ann Lee', 'Acme', 1, 2, 2], ['Bo Park', 'Acme', 0, 0, 1]]
    """
    if speaker not in quotes.columns:
        raise KeyError(f"stance_matrix() needs a {speaker!r} column (from newslab.quotes); "
                       f"the table has {list(quotes.columns)}")
    if column not in quotes.columns:
        raise KeyError(f"stance_matrix() needs a text column {column!r}; the table has {list(quotes.columns)}")
    return matrix_from_mentions([matrix_mentions(quotes, targets, column, speaker)])


#: The columns of :func:`matrix_mentions`.
MENTION_COLUMNS = ["speaker_name", "article_id", "order", "quote", "target", "stance", "stance_score", "evidence",
                   "governed"]


def matrix_mentions(quotes: pd.DataFrame, targets: Mapping[str, Iterable[str] | str], column: str = "text",
                    speaker: str = "speaker_name") -> pd.DataFrame:
    """One row per target mention in each quote, read as its speaker's act: what ``stance_matrix`` sums.

    ``order`` ranks the rows within the table (articles by id, quotes by ``start``), ``quote`` is the
    quote's row (with ``article_id``, one quote), and ``governed`` says that an act governs the mention (it then outweighs tone). A
    table that holds every quote of its articles gives rows that :func:`matrix_from_mentions` can sum
    with those of other such tables: ``newslab analyze`` keeps them per batch.

    Examples:
        >>> q = pd.DataFrame({"article_id": ["a"], "speaker_name": ["Ann Lee"], "text": ["We condemned Acme."]})
        >>> matrix_mentions(q, {"Acme": ["Acme"]})[["speaker_name", "target", "stance", "governed"]].values.tolist()
        [['Ann Lee', 'Acme', 'against', True]]
    """
    # _quote_rows reads cell by cell: a cell of a pyarrow-backed string column costs about twice
    # one of an object column (same values, same rows)
    used = [c for c in (column, speaker, "article_id", "cue", "speaker_role") if c in quotes.columns]
    q = quotes.astype({c: object for c in used if isinstance(quotes[c].dtype, pd.StringDtype)})
    q[speaker] = q[speaker].astype("object").where(q[speaker].notna(), "(unknown)")
    rows = _quote_rows(q, targets, column, speaker)
    aids = q["article_id"].tolist() if "article_id" in q.columns else [None] * len(q)
    data = {"speaker_name": [r[0] for r in rows],
            "article_id": ["" if aids[r[1]] is None else str(aids[r[1]]) for r in rows],
            "order": pd.array(range(len(rows)), dtype="int64"), "quote": pd.array([r[1] for r in rows], dtype="int64"),
            "target": [r[2] for r in rows], "stance": [r[3] for r in rows],
            "stance_score": pd.array([r[4] for r in rows], dtype="float64"), "evidence": [r[5] for r in rows],
            "governed": pd.array([r[6] for r in rows], dtype="bool")}
    return pd.DataFrame({c: pd.Series(v, dtype=object) if isinstance(v, list) else v for c, v in data.items()},
                        columns=MENTION_COLUMNS)


class _Cell:
    """The mentions of one (speaker, target), of one kind (all, or governed by an act), summed exactly."""

    __slots__ = ("first", "labels", "n", "quotes", "total")

    def __init__(self) -> None:
        self.total, self.n, self.quotes = Fraction(0), 0, 0
        self.labels: dict[str, int] = dict.fromkeys(LABELS, 0)
        self.first: tuple[tuple[str, int], str] | None = None

    def add(self, score: float, label: str, key: tuple[str, int], evidence: object) -> None:
        self.total += Fraction(score)  # exact: the mean does not depend on how the rows were cut
        self.n += 1
        self.labels[label] += 1
        if isinstance(evidence, str) and evidence and (self.first is None or key < self.first[0]):
            self.first = (key, evidence)


def matrix_from_mentions(parts: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """``stance_matrix`` from the :func:`matrix_mentions` of tables of whole articles, one at a time.

    Memory holds one cell per (speaker, target), not the mentions: a corpus read a batch at a time
    gives the matrix of the whole corpus (means are summed exactly, the first evidence is the first
    in article order, and an act's mentions outweigh tone over all batches).

    Examples:
        >>> q = pd.DataFrame({"article_id": ["a", "b"], "speaker_name": ["Ann Lee"] * 2,
        ...                   "text": ["We praise Acme.", "We condemned Acme."]})
        >>> t = {"Acme": ["Acme"]}
        >>> one = matrix_from_mentions([matrix_mentions(q, t)])
        >>> cut = matrix_from_mentions(matrix_mentions(q.iloc[[i]], t) for i in range(2))
        >>> one.equals(cut), one[["n_favor", "n_against", "n_quotes", "stance"]].values.tolist()
        (True, [[1, 1, 2, 'neutral']])
    """
    cells: dict[tuple[Any, Any], tuple[_Cell, _Cell]] = {}
    for part in parts:
        seen: dict[tuple[Any, Any, bool], set[tuple[str, int]]] = {}
        for who, aid, order, quote, target, lab, sc, ev, gov in zip(*(part[c].tolist() for c in MENTION_COLUMNS)):
            pair = cells.setdefault((who, target), (_Cell(), _Cell()))
            for cell, kind in ((pair[0], False), (pair[1], True)) if gov is True else ((pair[0], False),):
                cell.add(sc, lab, (aid, order), ev)
                seen.setdefault((who, target, kind), set()).add((aid, quote))
        for (who, target, kind), quotes in seen.items():  # a quote is in one part: counts add up
            cells[(who, target)][int(kind)].quotes += len(quotes)
    cols = ["speaker_name", "target", "stance_score", "n_favor", "n_neutral", "n_against", "n_quotes", "stance",
            "evidence"]
    rows = []
    for (who, target) in sorted(cells):
        every, governed = cells[(who, target)]
        cell = governed if governed.n else every  # structure over tone
        score = float(cell.total / cell.n)
        rows.append((who, target, score, cell.labels["favor"], cell.labels["neutral"], cell.labels["against"],
                     cell.quotes, "favor" if score > _MATRIX_DEADZONE else "against" if score < -_MATRIX_DEADZONE
                     else "neutral", cell.first[1] if cell.first else ""))
    out = pd.DataFrame(rows, columns=cols)
    for c in cols:
        out[c] = out[c].astype("float64" if c == "stance_score" else "int64" if c.startswith("n_") else "string")
    return out

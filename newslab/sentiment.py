"""Sentence-, quote- or any-text-level sentiment: TextBlob, VADER and newslab's own news score.

``sentiment(df)`` keeps every input row and column and adds ``polarity`` and ``subjectivity``
(TextBlob's pattern analyzer), ``vader`` (VADER compound), ``sentiment`` (newslab's score in
[-1, 1]) and ``sentiment_label``. All are computed on a normalised copy of the text
(``normalize_for_scoring``): news is typeset with curly quotes and apostrophes, which the
lexicons do not know, so raw VADER reads "It isn’t great." as positive.
"""
from __future__ import annotations

import functools
import itertools
import re
import string
from collections.abc import Callable
from typing import Any

import pandas as pd

from . import _lexicon
from ._parallel import corpus_step
from ._words import positions

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


# ------------------------------------------------------------------------------ newslab's score
# Every constant below was chosen by measurement on two independent news sets (NYT editorial
# sentences rated by people; NewsMTSC political-news sentences) and kept only if it helped both.
_NEG_WEIGHT = 1.5  # negativity bias: people rate bad news further from neutral than VADER does
_POS_DISCOUNT = 0.5  # mild positive words ("like", "well", "support") are mostly formulaic in news
_BLOB_WEIGHT = 0.3  # TextBlob adds adjectives VADER lacks; VADER carries negation and intensity
_LABEL_THRESHOLD = 0.05  # |sentiment| above this is positive / negative
# "few" licenses negation like "not": "few useful clues" is bad news (VADER negates only
# "not"-words and "no").
_NEGATE_EXTRA: frozenset[str] = frozenset({"few"})
_WINDOW = 400  # VADER's rules look a few words back; windows of words keep 1 MB texts linear


def _inflect(word: str) -> list[str]:
    """Regular English inflections of ``word``: plural / 3rd person, past, -ing."""
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word + "es", word + "ed", word + "ing"]
    if word.endswith("e"):
        return [word + "s", word + "d", word[:-1] + "ing"]
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return [word[:-1] + "ies", word[:-1] + "ied", word + "ing"]
    return [word + "s", word + "ed", word + "ing"]


def _inflections(lexicon: dict[str, float]) -> dict[str, float]:
    """Regular inflections of lexicon words that VADER lacks ("crimes", "helped"), same valence.

    Examples:
        >>> forms = _inflections({"crime": -2.5, "crimes": -2.0, "help": 1.7})
        >>> forms["helped"], forms["criming"], "crimes" in forms  # existing entries are kept
        (1.7, -2.5, False)
    """
    out: dict[str, float] = {}
    for word, valence in lexicon.items():
        if len(word) < 3 or not word.isalpha():
            continue
        for form in _inflect(word):
            if form not in lexicon:
                out.setdefault(form, valence)
    return out


class _Vader:
    """VADER 3.3.2's rules, run once per text for two lexicons: stock VADER and newslab's news one.

    ``vaderSentiment`` rebuilds lower-cased word lists inside its per-word checks (quadratic in
    words per text) and walks every character looking for emoji. This is the same algorithm with
    each text tokenised and lower-cased once; ``stock`` reproduces ``polarity_scores(text)
    ["compound"]`` exactly (tested against vaderSentiment on thousands of news sentences).
    """

    def __init__(self) -> None:
        from vaderSentiment import vaderSentiment as vs

        analyzer = vs.SentimentIntensityAnalyzer()
        self.vs = vs
        self.emojis: dict[str, str] = analyzer.emojis
        self.stock: dict[str, float] = analyzer.lexicon
        lex = dict(analyzer.lexicon)
        lex.update(_inflections(analyzer.lexicon))
        news_words = {w: float(v) for w, v in _lexicon.table("sentiment_news.txt").items()}
        lex.update((w, v) for w, v in _inflections(news_words).items() if w not in analyzer.lexicon)
        lex.update(news_words)
        for word in _lexicon.words("sentiment_topical.txt"):  # and its inflections: "parties"
            for form in (word, *_inflect(word)):
                lex.pop(form, None)
        self.news = {w: (v * _NEG_WEIGHT if v < 0 else max(v - _POS_DISCOUNT, 0.0)) for w, v in lex.items()}
        self.boosters: dict[str, float] = vs.BOOSTER_DICT
        self.special: dict[str, float] = vs.SPECIAL_CASES
        self.negate = frozenset(vs.NEGATE)
        self.news_negate = self.negate | _NEGATE_EXTRA
        self.punct = string.punctuation
        self.emoji_chars = frozenset(k for k in self.emojis if len(k) == 1)  # the emoji step reads characters
        # A word sequence can equal a multi-word idiom or booster only if each of its words is a
        # word of one: texts without any skip the seven strings _idioms builds per lexicon word.
        self.idiom_words = frozenset(w for key in (*self.special, *self.boosters) if " " in key
                                     for w in key.split(" "))
        self.token_cache: dict[str, tuple[str, bool]] = {}

    def _demoji(self, text: str) -> str:
        # vaderSentiment.polarity_scores' emoji step, verbatim; every emoji key is non-ASCII, and a
        # text without any emoji character comes out of the loop unchanged (set test at C speed).
        if text.isascii() or self.emoji_chars.isdisjoint(text):
            return text.strip()
        out, prev_space = [], True
        for ch in text:
            desc = self.emojis.get(ch)
            if desc is not None:
                if not prev_space:
                    out.append(" ")
                out.append(desc)
                prev_space = False
            else:
                out.append(ch)
                prev_space = ch == " "
        return "".join(out).strip()

    @staticmethod
    def _negated(word: str, negate: frozenset[str]) -> bool:
        return word in negate or "n't" in word

    def _valences(self, upper: list[bool], low: list[str], lex: dict[str, float], cap_diff: bool,
                  negate: frozenset[str]) -> list[float]:
        """VADER's ``sentiment_valence`` of every word ("not very good": the valence of "good", boosted
        by "very" and negated by "not"), then its "but" rule."""
        boosters, n = self.boosters, len(low)
        out: list[float] = [0.0] * n  # a word outside the lexicon scores 0: only lexicon words are visited
        for i in positions(low, lex):
            low_i = low[i]
            if low_i in boosters or (low_i == "kind" and i < n - 1 and low[i + 1] == "of"):
                continue  # a booster ("very") and "kind of" modify others, they carry none of their own
            valence = self._own_valence(upper, low, lex, cap_diff, i)
            valence = self._window(valence, upper, low, lex, cap_diff, negate, i)
            out[i] = self._least_check(valence, low, lex, i)
        if "but" in low:
            self._but_check(out, low.index("but"))
        return out

    def _own_valence(self, upper: list[bool], low: list[str], lex: dict[str, float], cap_diff: bool, i: int) -> float:
        """The lexicon valence of word ``i``: none for "no" before a lexicon word ("no problem"),
        dampened after "no" ("no good", "no real help", "no fun or joy"), stronger in capitals ("GREAT")
        when the text is not all capitals."""
        vs, n = self.vs, len(low)
        base = lex[low[i]]
        valence = base
        if low[i] == "no" and i != n - 1 and low[i + 1] in lex:
            valence = 0.0
        if ((i > 0 and low[i - 1] == "no") or (i > 1 and low[i - 2] == "no")
                or (i > 2 and low[i - 3] == "no" and low[i - 1] in ("or", "nor"))):
            valence = base * vs.N_SCALAR
        if cap_diff and upper[i]:
            valence = valence + vs.C_INCR if valence > 0 else valence - vs.C_INCR
        return valence

    def _booster(self, upper: list[bool], low: list[str], j: int, valence: float, cap_diff: bool) -> float:
        """VADER's ``scalar_inc_dec``: what booster word ``j`` adds ("very good", "barely good"), in
        the direction of ``valence``, more in capitals ("VERY good"); 0 for any other word."""
        vs = self.vs
        scalar = 0.0
        if low[j] in self.boosters:
            scalar = self.boosters[low[j]] * (-1 if valence < 0 else 1)
            if cap_diff and upper[j]:
                scalar = scalar + vs.C_INCR if valence > 0 else scalar - vs.C_INCR
        return scalar

    def _window(self, valence: float, upper: list[bool], low: list[str], lex: dict[str, float], cap_diff: bool,
                negate: frozenset[str], i: int) -> float:
        """The three words before word ``i``, nearest first, where they are not lexicon words themselves:
        boosters (weaker further away), negations ("not good", "never so good") and, three words back,
        VADER's idioms ("the bomb", "kiss of death")."""
        for start in range(3):
            j = i - (start + 1)
            if i > start and low[j] not in lex:
                scalar = self._booster(upper, low, j, valence, cap_diff)
                if start == 1 and scalar != 0:
                    scalar *= 0.95
                elif start == 2 and scalar != 0:
                    scalar *= 0.9
                valence += scalar
                valence = self._negation_check(valence, low, start, i, negate)
                if start == 2:
                    valence = self._idioms(valence, low, i)
        return valence

    def _least_check(self, valence: float, low: list[str], lex: dict[str, float], i: int) -> float:
        """VADER's ``_least_check``: "least" before word ``i`` negates it ("the least helpful"), but not
        "at least" or "very least"."""
        if i > 1 and low[i - 1] not in lex and low[i - 1] == "least":
            if low[i - 2] != "at" and low[i - 2] != "very":
                valence *= self.vs.N_SCALAR
        elif i > 0 and low[i - 1] not in lex and low[i - 1] == "least":
            valence *= self.vs.N_SCALAR
        return valence

    @staticmethod
    def _but_check(out: list[float], bi: int) -> None:
        """VADER's ``_but_check``, in place: words before the first "but" (at ``bi``) count half, words
        after it one and a half times; with its quirk: ``list.index`` finds the first equal value."""
        for sentiment in out:
            si = out.index(sentiment)
            if si < bi:
                out.pop(si)
                out.insert(si, sentiment * 0.5)
            elif si > bi:
                out.pop(si)
                out.insert(si, sentiment * 1.5)

    def _negation_check(self, valence: float, low: list[str], start: int, i: int, negate: frozenset[str]) -> float:
        n_scalar = self.vs.N_SCALAR
        if start == 0:
            if self._negated(low[i - 1], negate):
                valence *= n_scalar
        elif start == 1:
            if low[i - 2] == "never" and low[i - 1] in ("so", "this"):
                valence *= 1.25
            elif low[i - 2] == "without" and low[i - 1] == "doubt":
                pass
            elif self._negated(low[i - 2], negate):
                valence *= n_scalar
        else:
            if (low[i - 3] == "never" and low[i - 2] in ("so", "this")) or low[i - 1] in ("so", "this"):
                valence *= 1.25
            elif low[i - 3] == "without" and (low[i - 2] == "doubt" or low[i - 1] == "doubt"):
                pass
            elif self._negated(low[i - 3], negate):
                valence *= n_scalar
        return valence

    def _idioms(self, valence: float, low: list[str], i: int) -> float:
        if self.idiom_words.isdisjoint(low[i - 3:i + 3]):  # i > 2: the words every sequence below reads
            return valence
        special, n = self.special, len(low)
        onezero = f"{low[i - 1]} {low[i]}"
        twoonezero = f"{low[i - 2]} {low[i - 1]} {low[i]}"
        twoone = f"{low[i - 2]} {low[i - 1]}"
        threetwoone = f"{low[i - 3]} {low[i - 2]} {low[i - 1]}"
        threetwo = f"{low[i - 3]} {low[i - 2]}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in special:
                valence = special[seq]
                break
        if n - 1 > i and f"{low[i]} {low[i + 1]}" in special:
            valence = special[f"{low[i]} {low[i + 1]}"]
        if n - 1 > i + 1 and f"{low[i]} {low[i + 1]} {low[i + 2]}" in special:
            valence = special[f"{low[i]} {low[i + 1]} {low[i + 2]}"]
        for gram in (threetwoone, threetwo, twoone):
            if gram in self.boosters:
                valence += self.boosters[gram]
        return valence

    def _emphasis(self, text: str) -> float:
        ep = min(text.count("!"), 4) * 0.292
        qm = text.count("?")
        return ep + (0.0 if qm <= 1 else qm * 0.18 if qm <= 3 else 0.96)

    def _token(self, token: str) -> tuple[str, bool]:
        """(lower-cased word, word is upper case) of one whitespace-separated token, memoised: VADER
        strips punctuation off a token unless two characters or fewer would be left."""
        stripped = token.strip(self.punct)
        word = token if len(stripped) <= 2 else stripped
        got = self.token_cache[token] = (word.lower(), word.isupper())
        return got

    def scores(self, text: str) -> tuple[float, float]:
        """(stock VADER compound, newslab news compound) of one text."""
        text = self._demoji(text)
        punct = self.punct
        words = []
        for token in text.split():
            stripped = token.strip(punct)
            words.append(token if len(stripped) <= 2 else stripped)
        if not words:
            return 0.0, 0.0
        low = [w.lower() for w in words]
        upper = [w.isupper() for w in words]
        n_upper = sum(upper)
        cap_diff = 0 < len(words) - n_upper < len(words)
        emphasis = self._emphasis(text)
        normalize = self.vs.normalize

        stock = self._valences(upper, low, self.stock, cap_diff, self.negate)
        total = float(sum(stock))
        total += emphasis if total > 0 else -emphasis if total < 0 else 0.0
        vader = round(normalize(total), 4)

        news = self._valences(upper, low, self.news, cap_diff, self.news_negate)
        total = float(sum(news))
        total += emphasis if total > 0 else -emphasis if total < 0 else 0.0
        return vader, normalize(total)


_MAX_CACHED_TOKENS = 200_000  # distinct raw tokens memoised per process (a few tens of MB at most)


class _Pattern:
    """TextBlob's pattern sentiment (``TextBlob(t).sentiment``: ``textblob.en.sentiment(t)``), the
    same algorithm giving the same numbers, about twice as fast.

    The library tokenises with ``find_tokens``, whose per-word work (splitting punctuation off,
    abbreviations) depends on the word alone: here it is memoised per distinct word. Its lexicon is
    a lazily loading dict whose every lookup goes through a Python method, and emoticons are
    searched by scanning every set for every short non-word token: here plain dicts. The sentence
    grouping, the sarcasm and emoticon rewrites and the assessment rules are ported line for line
    (tests compare both on thousands of news sentences).
    """

    def __init__(self) -> None:
        from textblob import _text as tt
        from textblob.en import sentiment as lex

        len(lex)  # loads the lexicon (lazily loaded on first use)
        self.tt = tt
        self.words: dict[str, Any] = {w: d[None] for w, d in dict.items(lex) if None in d}
        self.modifying = frozenset(w for w, d in dict.items(lex) if any(m in d for m in lex.modifiers))
        self.labels: dict[str, str] = lex.labeler
        self.negations = lex.negations
        self.modifier_pos_none = None in lex.modifiers
        self.modifier: Callable[[str], bool] = lex.modifier
        self.emoticons: dict[str, float] = {}
        for (_type, pol), faces in tt.EMOTICONS.items():
            for face in faces:
                self.emoticons.setdefault(face.lower(), pol)
        # the words that change the assessments with no modifier or negation pending (see _assess)
        self.acting = frozenset(self.words).union(self.negations, ("!", "(!)"), self.emoticons)
        self.split_cache: dict[str, tuple[str, ...]] = {}
        # whitespace-free piece of text -> its tokens joined by spaces, as written / lower-cased: see _piece
        self.piece_flat: dict[str, str] = {}
        self.piece_low: dict[str, str] = {}
        self.lead = tuple(tt.PUNCTUATION.replace(".", ""))
        self.trail = self.lead + (".",)
        self.ends = ("...", ".", "!", "?", tt.EOS)
        self.closers = ("'", '"', "\u201d", "\u2019", "...", ".", "!", "?", ")", tt.EOS)
        self.linebreak = re.compile(r"\n{2,}")
        self.space = re.compile(r"\s+")

    def _split(self, t: str) -> tuple[str, ...]:
        """``find_tokens``' inner loop for one whitespace-separated token, verbatim."""
        tt, replace, punctuation = self.tt, self.tt.replacements, self.lead
        tokens: list[str] = []
        tail: list[str] = []
        while t.startswith(punctuation) and t not in replace:
            if t.startswith(punctuation):
                tokens.append(t[0])
                t = t[1:]
        while t.endswith(self.trail) and t not in replace:
            if t.endswith(punctuation):
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                if (t in tt.ABBREVIATIONS or tt.RE_ABBR1.match(t) is not None or tt.RE_ABBR2.match(t) is not None
                        or tt.RE_ABBR3.match(t) is not None):
                    break
                tail.append(t[-1])
                t = t[:-1]
        if t != "":
            tokens.append(t)
        tokens.extend(reversed(tail))
        return tuple(tokens)

    def _piece(self, piece: str) -> None:
        """Memoise the tokens of one whitespace-free piece of a text without line breaks, joined by
        spaces, as written and lower-cased.

        No pattern of :meth:`tokens`' rewrites holds a space, so each acts within one piece: the
        tokens of a text are its pieces' tokens in turn (memoised, as most pieces are common words).
        A piece gives at least one token and no token holds a space.
        """
        got = self._raw_tokens(piece)
        self.piece_flat[piece] = " ".join(got)
        self.piece_low[piece] = " ".join([w.lower() for w in got])

    def _pieces(self, string: str) -> tuple[str, str] | None:
        """(tokens, lower-cased tokens) of a text that needs no sentence rewrite, read piece by piece,
        each joined by spaces; None for a text with a line break or with something the rewrites change."""
        if "\n" in string:
            return None
        flat_of, low_of = self.piece_flat, self.piece_low
        if len(flat_of) > _MAX_CACHED_TOKENS:
            flat_of.clear()
            low_of.clear()
        pieces = string.split()
        for piece in set(pieces).difference(flat_of):  # pieces not seen before
            self._piece(piece)
        # joined strings, not lists of tokens: a few C-speed joins per text instead of a Python step per word
        flat = " ".join([flat_of[p] for p in pieces])
        if self.tt.EOS in flat or not self._plain_flat(flat):  # (an EOS inside a word only costs the slow path)
            return None
        return flat, " ".join([low_of[p] for p in pieces])

    def _plain(self, tokens: list[str]) -> bool:
        """True when the sentence grouping and its rewrites leave ``tokens`` as they are."""
        return self.tt.EOS not in tokens and self._plain_flat(" ".join(tokens))

    def _plain_flat(self, flat: str) -> bool:
        """:meth:`_plain` of tokens without the end-of-sentence mark, given joined by spaces."""
        tt = self.tt
        # Each sentence's text is a piece of ``flat``: when neither rewrite matches ``flat``, none
        # matches a sentence, and the sentences joined and split again are the tokens.
        return tt.RE_EMOTICONS.search(flat) is None and ("(" not in flat or tt.RE_SARCASM.search(flat) is None)

    def tokens(self, string: str) -> list[str]:
        """``" ".join(find_tokens(string)).split()``: what the library's sentiment reads."""
        fast = self._pieces(string)
        return fast[0].split() if fast is not None else self._tokens(string)

    def _tokens(self, string: str) -> list[str]:
        """:meth:`tokens` of any text, rewriting it whole as the library does."""
        tokens = self._raw_tokens(string)
        return tokens if self._plain(tokens) else self._sentences(tokens)

    def _raw_tokens(self, string: str) -> list[str]:
        """``find_tokens``' words before its sentence grouping and rewrites."""
        tt = self.tt
        for a, b in tt.replacements.items():  # literal patterns: str.replace is re.sub here
            string = string.replace(a, b)
        string = (string.replace("\u201c", " \u201c ").replace("\u201d", " \u201d ").replace("\u2018", " \u2018 ")
                  .replace("\u2019", " \u2019 ").replace("'", " ' ").replace('"', ' " '))
        string = string.replace("\r\n", "\n")
        string = self.linebreak.sub(f" {tt.EOS} ", string)
        string = self.space.sub(" ", string)
        cache = self.split_cache
        if len(cache) > _MAX_CACHED_TOKENS:
            cache.clear()
        get, split = cache.get, self._split_new
        # string.split(" ") == TOKEN.findall(string + " "): runs of non-space, one space apart
        return list(itertools.chain.from_iterable([get(t) or split(t) for t in string.split(" ") if t]))

    def _split_new(self, t: str) -> tuple[str, ...]:
        got = self.split_cache[t] = self._split(t)
        return got

    def _sentences(self, tokens: list[str]) -> list[str]:
        """find_tokens' sentence grouping and rewrites, verbatim, flattened into words."""
        tt, ends, closers, eos = self.tt, self.ends, self.closers, self.tt.EOS
        sentences: list[list[str]] = [[]]
        i = j = 0
        while j < len(tokens):
            if tokens[j] in ends:
                while j < len(tokens) and tokens[j] in closers:
                    if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                        break  # Balanced quotes.
                    j += 1
                sentences[-1].extend(t for t in tokens[i:j] if t != eos)
                sentences.append([])
                i = j
            j += 1
        sentences[-1].extend(tokens[i:j])
        words: list[str] = []
        for sent in sentences:
            if not sent:
                continue
            text = " ".join(sent)
            if "(" in text:
                text = tt.RE_SARCASM.sub("(!)", text)
            text = tt.RE_EMOTICONS.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), text)
            words.extend(text.split())
        return words

    def __call__(self, text: str) -> tuple[float, float, list[tuple[list[str], float, float, Any]]]:
        """``(polarity, subjectivity, assessments)`` as ``textblob.en.sentiment(text)`` gives them."""
        fast = self._pieces(text)
        a = self._assess(fast[1].split() if fast is not None else [w.lower() for w in self._tokens(text)])
        pol: float = 0  # int zeros, as the library starts its sums
        subj: float = 0
        n = 0
        for _w, p, s, _x in a:
            pol += 1 * p
            subj += 1 * s
            n += 1
        return pol / float(n or 1), subj / float(n or 1), a

    def _assess(self, words: list[str]) -> list[tuple[list[str], float, float, Any]]:
        """``Sentiment.assessments`` with part of speech None, verbatim but for plain-dict lookups.

        With no modifier or negation pending, a word outside the lexicon changes nothing unless it
        is a negation, "!", "(!)" or an emoticon: the loop jumps from one such word to the next
        (found at C speed), reading word by word only while a modifier or negation is pending.
        """
        a: list[dict[str, Any]] = []
        m: Any = None
        n: Any = None
        step, end, k = self._step, len(words), 0
        for j in positions(words, self.acting):
            if j < k:
                continue  # read already, while something was pending
            m, n = step(words[j], a, m, n)
            k = j + 1
            while (m is not None or n is not None) and k < end:
                m, n = step(words[k], a, m, n)
                k += 1
        out = []
        for e in a:
            out.append((e["w"], e["p"] * -0.5 if e["n"] < 0 else e["p"], e["s"], e["x"]))
        return out

    def _step(self, w: str, a: list[dict[str, Any]], m: Any, n: Any) -> tuple[Any, Any]:
        """One word of ``Sentiment.assessments``' loop: its assessment added to ``a`` or the last one
        changed; returns the new (modifier, negation)."""
        entry = self.words.get(w)
        if entry is None:
            if m is not None or n is not None or w in self.negations or not w.isalpha():
                return self._unknown(w, a, m, n)
            return m, n  # a plain word outside the lexicon, with nothing pending, changes nothing
        p, s, i = entry
        labels = self.labels
        if m is None:
            a.append({"w": [w], "p": p, "s": s, "i": i, "n": 1, "x": labels.get(w)})
        if m is not None:
            a[-1]["w"].append(w)
            a[-1]["p"] = max(-1.0, min(p * a[-1]["i"], +1.0))
            a[-1]["s"] = max(-1.0, min(s * a[-1]["i"], +1.0))
            a[-1]["i"] = i
            a[-1]["x"] = labels.get(w)
        if n is not None:
            a[-1]["w"].insert(0, n)
            a[-1]["i"] = 1.0 / a[-1]["i"]
            a[-1]["n"] = -1
        return (w, None) if w in self.modifying else None, w if w in self.negations else None

    def _unknown(self, w: str, a: list[dict[str, Any]], m: Any, n: Any) -> tuple[Any, Any]:
        """The unknown-word branch of ``Sentiment.assessments``: negation and modifier state, "!",
        "(!)" and emoticons; returns the new (modifier, negation)."""
        if w in self.negations:
            n = w
        elif n and len(w.strip("'")) > 1:
            n = None
        if n is not None and m is not None and (self.modifier_pos_none or self.modifier(m[0])):
            a[-1]["w"].append(n)
            a[-1]["n"] = -1
            n = None
        elif m and len(w) > 2:
            m = None
        if w == "!" and len(a) > 0:
            a[-1]["w"].append("!")
            a[-1]["p"] = max(-1.0, min(a[-1]["p"] * 1.25, +1.0))
        if w == "(!)":
            a.append({"w": [w], "p": 0.0, "s": 1.0, "i": 1.0, "n": 1, "x": self.tt.IRONY})
        if w.isalpha() is False and len(w) <= 5 and w not in self.tt.PUNCTUATION:
            pol = self.emoticons.get(w)
            if pol is not None:
                a.append({"w": [w], "p": pol, "s": 1.0, "i": 1.0, "n": 1, "x": self.tt.MOOD})
        return m, n


@functools.lru_cache(maxsize=1)
def _analyzers() -> tuple[_Pattern, _Vader]:
    """(pattern sentiment, VADER pair), built once per process."""
    return _Pattern(), _Vader()


def vader_scores(text: str) -> tuple[float, float]:
    """``(vader, news)`` of one normalised text: VADER's compound and newslab's news-lexicon compound,
    without TextBlob (cheaper than :func:`score_text` where the pattern scores are not needed).

    Examples:
        >>> vader, news = vader_scores(normalize_for_scoring("A great success."))
        >>> vader > 0 and news > 0
        True
    """
    return _analyzers()[1].scores(text)


def _windows(text: str) -> list[tuple[str, int]]:
    """``text`` cut into pieces of at most ``_WINDOW`` words, with their word counts."""
    if len(text) < 2 * _WINDOW:  # n words take at least 2n - 1 characters
        return [(text, 1)]
    words = text.split()
    if len(words) <= _WINDOW:
        return [(text, 1)]
    return [(" ".join(words[i:i + _WINDOW]), len(words[i:i + _WINDOW])) for i in range(0, len(words), _WINDOW)]


_ZERO = (0.0, 0.0, 0.0, 0.0)


def score_text(text: str) -> tuple[float, float, float, float]:
    """``(polarity, subjectivity, vader, sentiment)`` of one text already passed through
    :func:`normalize_for_scoring`: the four numbers ``sentiment`` puts in its columns.

    For scoring pieces of text that are not rows of a table (the stance step scores a sentence with
    its target masked this way).

    Examples:
        >>> pol, subj, vader, own = score_text(normalize_for_scoring("It is a disaster."))
        >>> own < 0 and vader < 0
        True
    """
    pattern, vader = _analyzers()
    pieces = _windows(text)
    skip = _lexicon.words("sentiment_blob_skip.txt")
    pol = subj = tone = v = n = 0.0
    total = sum(k for _, k in pieces)
    for piece, k in pieces:  # one piece unless the text is long: then a word-weighted mean
        b_pol, b_subj, assessments = pattern(piece)
        # TextBlob's polarity is the mean over its assessments; newslab's tone takes the same
        # mean without the non-evaluative adjectives ("more", "own", "new").
        kept = [a[1] for a in assessments if not (len(a[0]) == 1 and a[0][0] in skip)]
        pv, pn = vader.scores(piece)
        w = k / total
        pol, subj, v, n = pol + b_pol * w, subj + b_subj * w, v + pv * w, n + pn * w
        tone += (sum(kept) / len(kept) if kept else 0.0) * w
    own = (1 - _BLOB_WEIGHT) * n + _BLOB_WEIGHT * tone
    return float(pol), float(subj), float(v), max(-1.0, min(1.0, float(own)))


def label(score: float, threshold: float = _LABEL_THRESHOLD) -> str:
    """``positive`` / ``neutral`` / ``negative`` for a score in [-1, 1].

    Examples:
        >>> label(0.4), label(0.0), label(-0.2)
        ('positive', 'neutral', 'negative')
    """
    return "positive" if score > threshold else "negative" if score < -threshold else "neutral"


SENTIMENT_COLUMNS = ["polarity", "subjectivity", "vader", "sentiment", "sentiment_label"]


@corpus_step
def sentiment(df: pd.DataFrame, column: str = "text") -> pd.DataFrame:
    """Add sentiment columns to any table with a text column (sentences, quotes, articles).

    ``polarity`` and ``subjectivity`` are TextBlob's pattern analyzer, ``vader`` is VADER's
    compound score, ``sentiment`` is newslab's news score in [-1, 1] and ``sentiment_label`` its
    label (``positive`` | ``neutral`` | ``negative``). All are computed on
    ``normalize_for_scoring(text)``; the stored text is not changed. Missing or empty text scores
    0 and ``neutral``.

    newslab's score runs VADER's rules (negation, boosters, "but") over a lexicon adjusted for
    news: evaluative news words VADER lacks (``data/sentiment_news.txt``), regular inflections of
    its words and of those, topical words made neutral (``data/sentiment_topical.txt``: "party", "Supreme
    Court", "United States"), negative words weighted 1.5x, mild positive words discounted, and
    "few" read as a negation. That is blended 70/30 with TextBlob's mean assessment over the
    adjectives that judge (``data/sentiment_blob_skip.txt`` drops "more", "own", "new"...). On
    NYT editorial sentences rated by people it agrees with them better than either lexicon (r
    0.55 against VADER's 0.50), and the gain holds on NewsMTSC political news.

    Texts longer than 400 words (whole articles) are scored in 400-word windows and the four
    scores averaged, weighted by words: VADER's rules cost more than linear time in the words of
    one text, and a window keeps a 1 MB text fast. For such texts ``vader`` and ``polarity`` are
    that average, not one call of the library on the whole text.

    Args:
        df: any DataFrame; every row and column is kept, index included.
        column: the column holding the text to score.

    Returns:
        A copy of ``df`` with the five sentiment columns added (replaced if present).

    Raises:
        KeyError: ``column`` is not in ``df``.

    Examples:
        >>> out = sentiment(pd.DataFrame({"text": ["It isn\u2019t great.", "The talks were a success.", None]}))
        >>> out["sentiment_label"].tolist()
        ['negative', 'positive', 'neutral']
        >>> out["text"][0]  # the stored text keeps its curly apostrophe
        'It isn\u2019t great.'
    """
    if column not in df.columns:
        raise KeyError(f"sentiment(): no column {column!r} to score; the table has {list(df.columns)}. "
                       f"Pass column=<the text column>, e.g. sentiment(quotes, column='text').")
    cache: dict[str, tuple[float, float, float, float]] = {}
    scores = []
    for value in df[column].tolist():
        if not isinstance(value, str) or not value.strip():
            scores.append(_ZERO)
            continue
        got = cache.get(value)
        if got is None:
            got = cache[value] = score_text(normalize_for_scoring(value))
        scores.append(got)
    out = df.copy()
    cols = list(zip(*scores)) if scores else [(), (), (), ()]
    for name, values in zip(SENTIMENT_COLUMNS[:4], cols):
        out[name] = pd.Series(values, index=df.index, dtype="float64")
    out["sentiment_label"] = pd.Series([label(s) for s in cols[3]], index=df.index, dtype="str")
    return out

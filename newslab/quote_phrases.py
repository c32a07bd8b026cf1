"""Phrases around a cue: tokens, noun phrases walked backwards and forwards, adverbials of the cue,
appositive subjects, and the content before a post-posed attribution.

Every function takes the :class:`~newslab.quote_article._Article` and token indices into it, and
looks only inside a bounded window, so that the rules stay linear. Part of :mod:`newslab.quotes`.
"""
from __future__ import annotations

import bisect
import functools
import re
from itertools import accumulate
from typing import TYPE_CHECKING

from . import _lexicon
from .quote_cues import _verbs_set
from .quote_marks import _QUOTE_CHARS, _Quote

if TYPE_CHECKING:  # annotations only: those modules import this one
    from .quote_article import _Article, _Stmt


# A token: a word (with inner apostrophes, hyphens, dots: don't, U.S, co-operation) or one other
# character. Split on it, a text alternates whitespace and tokens, and every character falls in
# exactly one piece, so offsets are running sums of lengths. Possessive: a word never gives back
# characters (a separator must follow it), so the engine need not keep backtracking points.
_TOKEN = re.compile(r"(\w++(?:['\u2019\-.&]\w++)*+|\S)")


def _tokens(text: str, pos: int = 0, endpos: int | None = None) -> tuple[list[str], list[int], list[int]]:
    """Words and punctuation of ``text[pos:endpos]`` with start and end offsets into ``text``.

    One ``re.split`` and C-level ``accumulate`` and slices instead of one match object per token:
    the tokeniser is the hot loop of the whole step.

    Examples:
        >>> _tokens("He said: don't.")
        (['He', 'said', ':', "don't", '.'], [0, 3, 7, 9, 14], [2, 7, 8, 14, 15])
        >>> _tokens("x He said  ", 2)
        (['He', 'said'], [2, 5], [4, 9])
    """
    parts = _TOKEN.split(text[pos:endpos])  # [space, token, space, token, ..., space]
    offsets = list(accumulate(map(len, parts), initial=pos))
    # token k is parts[2k + 1], from offsets[2k + 1] to offsets[2k + 2]
    return parts[1::2], offsets[1:-1:2], offsets[2::2]


_PRON = {"he", "she", "they", "i", "we", "it", "you", "who", "which", "that", "this", "one"}
_REL = {"who", "which", "that"}
_DET = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those",
        "some", "many", "several", "most", "all", "both", "each", "every", "another", "other", "no",
        "few", "more", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens",
        "hundreds", "thousands", "millions", "one", "any", "much", "such", "either", "neither"}
_NP_INNER = {"of", "for", "at", "from", "with", "to", "on", "in", "by", "close", "familiar", "&", "de", "al", "bin", "van", "von", "la", "le", "du", "der", "da", "dos"}
_TITLE_ABBR = {"Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt", "St", "Prof", "Del",
               "Hon", "Cllr", "Det", "Const", "Cpl", "Pvt", "Fr", "Msgr", "Amb", "Brig", "Cdr", "Supt", "Asst",
               "Rev", "Jr", "Sr", "Adm", "Maj", "Cmdr", "Gens", "Sens", "Reps", "Pres", "Atty", "Insp"}
# words that end a noun phrase when walking back from a cue (function words and common verbs)
_STOP = {"and", "or", "but", "nor", "so", "yet", "because", "if", "when", "while", "after", "before", "as",
         "since", "though", "although", "than", "whether", "where", "why", "how", "what", "whom", "whose",
         "is", "was", "are", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did",
         "will", "would", "can", "could", "may", "might", "must", "shall", "should", "not", "said", "says",
         "say", "told", "also", "then", "there", "here", "now", "about", "into", "over", "under", "against",
         "between", "through", "during", "without", "within", "upon", "until", "unless", "via", "like",
         "just", "even", "still", "only", "too", "very", "already", "again", "however", "meanwhile",
         "according", "him", "them", "me", "us", "her", "that", "which", "who", "to", "no"}
_SKIP_BEFORE = {"also", "later", "previously", "recently", "then", "still", "again", "repeatedly", "reportedly",
                "has", "have", "had", "will", "would", "could", "may", "might", "should", "must", "did",
                "does", "do", "is", "was", "were", "are", "been", "be", "not", "never", "once", "often",
                "already", "publicly", "privately", "simply", "just", "even", "further", "earlier", "first",
                "always", "now", "today", "yesterday", "tonight", "separately", "quickly", "long",
                "subsequently", "initially", "originally", "allegedly", "apparently", "personally", "himself",
                "herself", "themselves", "itself", "too", "ever", "flatly", "finally", "n't", "openly", "widely", "frequently", "famously", "all", "both", "each", "last", "this", "week",
                "month", "year", "morning", "afternoon", "evening", "night", "weekend",
                # "with analyst Ann Holt having declared": a perfect participle is an auxiliary too
                "having", "please"}
# "Interpol didn't say whether ...": a negated auxiliary is stepped over like "did not" (both apostrophes)
_NEG_AUX = {n + a + "t" for n in ("didn", "doesn", "don", "hasn", "haven", "hadn", "won", "wouldn", "couldn",
                                     "can", "isn", "wasn", "weren", "aren", "shouldn") for a in ("'", "\u2019")}
_WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
           "Sept", "Oct", "Nov", "Dec"}
_CATENATIVE = {"continue", "continues", "continued", "want", "wants", "wanted", "declined", "declines",
               "refused", "refuses", "appeared", "appears", "seemed", "seems", "went", "goes", "go", "going",
               "used", "tried", "tries", "try", "expected", "likely", "able", "ready", "began", "begins",
               "started", "starts", "decided", "chose", "plans", "planned", "hope", "hopes", "hoped",
               "needs", "needed", "need", "has", "have", "had", "yet", "sought", "seeks",
               "happened", "came", "come", "comes", "failed", "fails", "unwilling", "willing", "set",
               "about", "eager", "quick", "quoted", "is", "was", "are", "were", "be", "ought", "got"}
_PARENTH = {"however", "meanwhile", "though", "too", "instead", "moreover", "furthermore", "indeed",
            "nonetheless", "nevertheless", "in", "for", "example", "instance", "turn", "fact", "meantime",
            "then", "also", "therefore", "similarly", "likewise", "separately", "later", "earlier"}


_ADV_PREP = {"on", "in", "at", "during", "via", "over", "before", "after", "through", "last", "this",
             "earlier", "late", "early", "from", "with", "under", "while", "of"}
_RECIPIENT_WORDS = {"him", "her", "them", "me", "us", "you", "reporters", "journalists", "lawmakers",
                    "supporters", "voters", "senators", "members", "colleagues", "listeners", "viewers",
                    "readers", "followers", "donors", "students", "officials", "delegates", "crowds",
                    "audiences", "people", "residents", "workers", "congress", "parliament", "everyone",
                    "anyone", "nobody"}
_CLAUSE_START = {"that", "he", "she", "they", "it", "we", "i", "you", "there", "the", "a", "an", "his",
                 "her", "their", "its", "this", "these", "those", "our", "my", "if", "whether", "what",
                 "how", "why", "when", "where", "who", "no", "some", "many", "most", "all", "any"}
_SENT_END = ".!?"


# determiners after which a cue form can only be a noun or an adjective ("the reports", "his stated aim")
_ARTICLES = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those",
             "no", "another", "every"}


_CONNECTIVES = {"but", "and", "so", "yet", "still", "meanwhile", "however", "also", "now", "then", "instead"}
_QUANT_LEAD = {"least", "than", "about", "nearly", "almost", "only", "roughly", "around", "over", "under",
               "approximately", "some", "just"}


_PRON_S = {"he's", "she's", "it's", "that's", "who's", "there's", "he\u2019s", "she\u2019s", "it\u2019s",
           "that\u2019s", "who\u2019s", "there\u2019s"}
# "I'm saying that ...", "we're not claiming ...", "I've told them", "I'd say": the pronoun without
# its contracted verb
_PRON_BE = {p + a + v for p, v in (("i", "m"), ("we", "re"), ("they", "re"), ("you", "re"))
            for a in ("'", "\u2019")} | {p + a + v for p in ("i", "we", "they", "you", "he", "she")
                                          for v in ("ve", "d", "ll") for a in ("'", "\u2019")}


@functools.lru_cache(maxsize=1)
def _ly_words() -> frozenset[str]:
    return _lexicon.words("quote_ly_words.txt")


def _adverb_ly(lw: str) -> bool:
    """An adverb in -ly ("quietly", "reportedly"), not a noun such as "family" or "assembly"."""
    return len(lw) > 4 and lw.endswith("ly") and lw not in _ly_words()


def _is_cap(w: str) -> bool:
    return w[:1].isupper() or w[:1].isdigit()


def _is_quote_tok(w: str) -> bool:
    return len(w) == 1 and w in _QUOTE_CHARS


def _abbr_dot(a: _Article, k: int) -> bool:
    """Is the "." at token ``k`` part of an abbreviation (Mr., U.S., J.)?"""
    aw = a.w
    if aw[k] != ".":
        return False
    prev = aw[k - 1]
    # "U.S.", "D.Y.", "B.C." but not a web address ("Mic.com.")
    return prev in _TITLE_ABBR or len(prev) == 1 or ("." in prev and prev[:1].isupper()
                                                     and len(prev.rsplit(".", 1)[1]) <= 2)


def _back_short_phrase(a: _Article, j: int, lo: int) -> int | None:
    """Start of a phrase decided by its last word: a pronoun or a relative ('who said', the mention
    resolved later; but 'the one said' walks on) and a part of a group ('One of them said', 'Most of
    us told', 'A majority of those'). None: walk on."""
    aw = a.w
    lw = aw[j].lower()
    if lw in _PRON_OR_REL and not (lw in ("that", "this", "one") and j - 1 >= lo and aw[j - 1].lower() in _DET):
        return j
    if lw in _PARTITIVE_HEADS and j - 2 >= lo and aw[j - 1].lower() == "of" and aw[j - 2].lower() in _PARTITIVES:
        return j - 3 if j - 3 >= lo and aw[j - 3].lower() in ("a", "the") else j - 2
    return None


def _back_cannot_end(a: _Article, j: int, lo: int) -> bool:
    """Can token ``j`` not end a noun phrase: punctuation or a function word ('..., and said'),
    but the dot of an abbreviation can ('the U.S. said')?"""
    w = a.w[j]
    return (not w[:1].isalnum() or w.lower() in _STOP) and not (j - 1 >= lo and _abbr_dot(a, j))


class _BackWalk:
    """One walk left from token ``j`` (not past ``lo``): the token ``k`` it stands on, the last
    confirmed ``start`` of the phrase, and whether an "and" joined two names on the way."""

    __slots__ = ("a", "aw", "j", "k", "lo", "seen_and", "start")

    def __init__(self, a: _Article, j: int, lo: int) -> None:
        self.a, self.aw, self.j, self.lo = a, a.w, j, lo
        self.k = j
        self.start: int | None = None
        self.seen_and = False


# Each rule of the walk looks at the token ``walk.k`` and answers None (not its shape), True (the
# phrase goes on to the left, ``walk.start`` moved where the token opens it) or False (the walk ends).


def _back_abbr_dot(walk: _BackWalk) -> bool | None:
    """'Mr. Smith', 'the U.S. envoy': the dot of an abbreviation passes."""
    if walk.aw[walk.k] == "." and walk.k - 1 >= walk.lo and _abbr_dot(walk.a, walk.k):
        return True
    return None


def _back_possessive(walk: _BackWalk) -> bool | None:
    """"Labour's leader", "the workers' union": a possessive ending inside the phrase passes."""
    k = walk.k
    if walk.aw[k].lower() in ("\u2019s", "'s", "'", "\u2019") and k > walk.lo and k != walk.j:
        return True
    return None


def _back_name_word(walk: _BackWalk) -> bool | None:
    """'Foreign Minister Sergei Lavrov', '10 Downing Street': a capitalised word or a number opens
    the phrase; so do "A." of an initial ('Prof. A. Roy') and "No" of a number ('No 10')."""
    aw, k = walk.aw, walk.k
    w = aw[k]
    c = w[:1]
    if (c.isupper() or c.isdigit()) and c.isalnum() and (w.lower() not in _DET or (w == "A" and aw[k + 1] == ".")
                                                          or (w == "No" and aw[k + 1][:1].isdigit())):
        walk.start = k
        return True
    return None


def _quantity_lead(aw: list[str], k: int, lo: int) -> int | None:
    """Start of a quantity before the determiner at ``k``: 'at least a dozen members', 'less than
    a third', 'nearly all', or None."""
    if k - 1 < lo or aw[k - 1].lower() not in _QUANT_LEAD:
        return None
    if k - 2 >= lo and aw[k - 2].lower() in ("at", "less", "more", "fewer", "well"):
        return k - 2
    return k - 1


def _back_determiner(walk: _BackWalk) -> bool | None:
    """'the two leaders', 'all five', 'some three hundred', 'the other officials': a determiner
    opens the phrase, after a quantity ('at least a dozen members') that ends it; the walk goes on
    only where a link attaches it to a head on its left ('head of the agency', 'Bush and his
    rivals')."""
    aw, k, lo = walk.aw, walk.k, walk.lo
    lw = aw[k].lower()
    if lw not in _DET:
        return None
    quantity = _quantity_lead(aw, k, lo)
    if quantity is not None:
        walk.start = quantity
        return False
    walk.start = k
    left = aw[k - 1].lower() if k - 1 >= lo else ""
    if left in _DET and (left not in _ARTICLES or lw in _NUMBER_WORDS or lw in ("other", "few", "many")):
        k -= 1
        walk.k = walk.start = k
        left = aw[k - 1].lower() if k - 1 >= lo else ""
    if left == "and" and k - 2 >= lo and _is_cap(aw[k - 2]) and lw in ("his", "her", "their", "its"):
        walk.k = k - 1
        walk.seen_and = True
        return True
    return left in ("of", "for", "at", "from", "with", "by", "in", "to")


def _between_names(walk: _BackWalk) -> bool:
    """Is the token at ``walk.k`` between two capitalised words, the left one a word?"""
    aw, k = walk.aw, walk.k
    return _is_cap(aw[k + 1]) and k - 1 >= walk.lo and _is_cap(aw[k - 1]) and aw[k - 1][:1].isalpha()


def _back_and_names(walk: _BackWalk) -> bool | None:
    """'Russia and North Korea', 'Johnson & Johnson': "and" between names, once a name was seen."""
    if walk.aw[walk.k].lower() in ("and", "&") and walk.start is not None and _between_names(walk):
        walk.seen_and = True
        return True
    return None


def _back_list_comma(walk: _BackWalk) -> bool | None:
    """'The US, Japan and South Korea': a comma in a list of names that ends with "and"."""
    if walk.aw[walk.k] == "," and walk.seen_and and _between_names(walk):
        return True
    return None


def _back_inner_link(walk: _BackWalk) -> bool | None:
    """'head of the agency', 'Ambassador to the UN', 'Ahmed bin Salman': a link word inside the
    phrase passes when a word that is not a function word stands on its left."""
    aw, k = walk.aw, walk.k
    if aw[k].lower() in _NP_INNER and k != walk.j and k - 1 >= walk.lo and aw[k - 1][:1].isalnum() \
            and aw[k - 1].lower() not in _STOP:
        return True
    return None


def _back_lower_word(walk: _BackWalk) -> bool | None:
    """'a senior official', 'attorneys for the family': a lower-case word, not a function word or a
    verb, opens the phrase."""
    k = walk.k
    w = walk.aw[k]
    lw = w.lower()
    c = w[:1]
    if c.isalpha() and not c.isupper() and lw not in _STOP_OR_INNER and lw not in _verbs_set():
        walk.start = k
        return True
    return None


# The rules of the walk in _np_back_walk, in order: the first that recognises the token decides.
_NP_BACK_RULES = (_back_abbr_dot, _back_possessive, _back_name_word, _back_determiner, _back_and_names,
                  _back_list_comma, _back_inner_link, _back_lower_word)


def _np_back_walk(a: _Article, j: int, lo: int) -> int | None:
    """The last confirmed start of a walk left from token ``j``: at most 14 tokens, each decided by
    the first rule of ``_NP_BACK_RULES`` that recognises it; a token no rule recognises ends the walk."""
    walk = _BackWalk(a, j, lo)
    for _ in range(14):
        if walk.k < lo:
            break
        for rule in _NP_BACK_RULES:
            goes_on = rule(walk)
            if goes_on is not None:
                break
        else:
            goes_on = False
        if not goes_on:
            break
        walk.k -= 1
    return walk.start


def _back_cannot_start(aw: list[str], start: int, j: int) -> bool:
    """Can the token at ``start`` not open the phrase ending at ``j``: a link, a comma, "and", a
    possessive, or a leading word ('But Trump', 'Meanwhile Trump', 'As Clinton')?"""
    w = aw[start]
    return w in _NP_INNER or w in (",", "and", "&", ".", "\u2019s", "'s") \
        or (start < j and w.lower() in _LEAD_OR_STOP and w.lower() not in _DET) \
        or (start < j and (w in _WEEKDAYS or (w in _MONTHS and start > 0 and aw[start - 1].lower() in _ADV_PREP)))
    # ("On Friday Ford Motor Company announced", "In March Qantas said": a time, then the speaker)


def _bare_lower_run(aw: list[str], start: int, j: int) -> bool:
    """Four or more bare lower-case words ('angry local farm workers') are no subject: only a
    head and its nearest modifiers are; but 'attorneys for the family', 'lawyers for the victims'
    are one phrase."""
    if j - start < 3 or any(aw[i][:1].isupper() for i in range(start, j + 1)) or aw[start].lower() in _DET:
        return False
    return not (j - start <= 4 and aw[start + 1].lower() in ("for", "of") and aw[start + 2].lower() in _DET)


def _np_back(a: _Article, j: int, lo: int) -> int | None:
    """Start token of the noun phrase that ends at token ``j`` (walking left, not past ``lo``).

    A pronoun or a part of a group decides alone (``_back_short_phrase``); a token that cannot end a
    phrase gives None; otherwise the walk (``_np_back_walk``) finds the start, and words a phrase
    cannot start with are trimmed from it ('But Trump'). A run of bare lower-case words gives None.

    Examples:
        >>> from newslab.quote_article import _Article
        >>> a = _Article("But Foreign Minister Sergei Lavrov said one of them told the US, Japan and South Korea.")
        >>> j = a.words.index("Lavrov"); a.words[_np_back(a, j, 0):j + 1]
        ['Foreign', 'Minister', 'Sergei', 'Lavrov']
        >>> j = a.words.index("them"); a.words[_np_back(a, j, 6):j + 1]
        ['one', 'of', 'them']
        >>> j = a.words.index("Korea"); a.words[_np_back(a, j, 10):j + 1]
        ['the', 'US', ',', 'Japan', 'and', 'South', 'Korea']
    """
    if j < lo:
        return None
    short = _back_short_phrase(a, j, lo)
    if short is not None:
        return short
    if _back_cannot_end(a, j, lo):
        return None
    start = _np_back_walk(a, j, lo)
    if start is None:
        return None
    aw = a.w
    while start <= j and _back_cannot_start(aw, start, j):
        start += 1
    if start > j or _bare_lower_run(aw, start, j):
        return None
    return start


_POSS_ENDS = ("'s", "\u2019s")


def _fwd_short_phrase(a: _Article, k: int, hi: int) -> int | None:
    """Last token of a phrase decided by its first word: '..., said one of them.' (a part of a group)
    and a pronoun ('said he'); but "one diplomat", "that official", "one Democratic source" are
    longer noun phrases (None: walk on)."""
    aw = a.w
    lw = aw[k].lower()
    if lw in _PARTITIVES and aw[k + 1].lower() == "of" and aw[k + 2].lower() in _PARTITIVE_HEADS and k + 2 < hi:
        return k + 2
    if lw in _PRON and not (lw in _DET and aw[k + 1][:1].islower() and aw[k + 1] not in _STOP
                            and aw[k + 1] not in _NP_INNER) \
            and not (lw in ("one", "that", "this") and aw[k + 1][:1].isupper() and aw[k + 2][:1].isalpha()):
        return k
    return None


def _fwd_cannot_open(w: str, strict: bool) -> bool:
    """Can ``w`` not open a noun phrase: punctuation or a function word ("said that"), and with
    ``strict`` anything but a name or a determiner, or a time word ("Monday", "today", "last")?"""
    lw = w.lower()
    if not w[:1].isalnum() or (lw in _STOP and lw not in _DET):
        return True
    return strict and (not (_is_cap(w) or lw in _DET) or w in _WEEKDAYS or w in _MONTHS
                       or lw in ("today", "yesterday", "tonight", "last", "this", "next"))


def _fwd_inner_link(a: _Article, k: int, i: int, hi: int, end: int | None) -> bool:
    """A token inside the phrase that cannot end it: "9/11 widow Terry Strada" (a date's slash),
    "head of the agency", "Johnson & Johnson", "Smith and Wesson" (a link to a name or determiner)."""
    aw = a.w
    w = aw[i]
    lw = w.lower()
    if w == "/" and i > k and aw[i - 1][:1].isdigit() and aw[i + 1][:1].isdigit() \
            and a.tstart[i] == a.tend[i - 1] and a.tend[i] == a.tstart[i + 1]:
        return True
    return lw in ("of", "for", "at", "from", "by", "with", "&", "in") and i + 1 < hi and \
        (_is_cap(aw[i + 1]) or aw[i + 1].lower() in _DET) or lw in ("and",) and end == i - 1 and i + 1 < hi \
        and _is_cap(aw[i + 1])


def _fwd_lower_word(a: _Article, k: int, i: int) -> bool:
    """A lower-case word of the phrase ("the party's deputy leader", "a senior official"): not a
    function word, a verb, a clause opener or an -ly adverb (but "the newly elected mayor"), and
    not a verb after a plural noun ("demonstrators marched")."""
    aw = a.w
    w = aw[i]
    lw = w.lower()
    return w[:1].isalpha() and not w[:1].isupper() and lw not in _STOP and lw not in _CLAUSE_START_NOT_DET \
        and lw not in _verbs_set() and lw != "that" and lw not in _ARTICLES \
        and (not _adverb_ly(lw) or (aw[i - 1].lower() in _DET and aw[i + 1].endswith("ed"))) \
        and not (i > k and lw.endswith("ed") and aw[i - 1].endswith("s") and aw[i - 1][:1].islower()
                 and aw[i - 1].lower() not in _DET and aw[i - 1].lower() not in _NP_INNER)


def _fwd_name_ends(a: _Article, i: int, hi: int, end: int | None) -> bool:
    """"Carly Fiorina threw ...": a lower-case word right after a name ends the phrase, but not
    after a possessive ("Labour's shadow chancellor"), in a particle name ("al-Sisi") or before
    another name within two words."""
    aw = a.w
    return end == i - 1 and aw[i - 1][:1].isupper() and not aw[i - 1].endswith(_POSS_ENDS) \
        and aw[i - 1] not in ("'", "\u2019") \
        and not _particle_name(aw[i]) and not any(
            _is_cap(aw[x]) and aw[x][:1].isalpha() for x in range(i + 1, min(hi, i + 3)))


def _np_fwd(a: _Article, k: int, hi: int, strict: bool = False) -> int | None:
    """Last token of the noun phrase that starts at token ``k`` (not past ``hi``).

    With ``strict`` the phrase must open with a name, a determiner or a pronoun. A walk of at most
    14 tokens: determiners after a link pass, names, abbreviations and possessives extend the
    phrase, links pass, lower-case words extend it until one follows a name; anything else ends it.
    """
    aw = a.w
    if k >= hi:
        return None
    short = _fwd_short_phrase(a, k, hi)
    if short is not None:
        return short
    if _fwd_cannot_open(aw[k], strict):
        return None
    end = None
    i = k
    seen_cap = False
    while i < hi and i - k < 14:
        w = aw[i]
        lw = w.lower()
        if lw in _DET and (i == k or aw[i - 1].lower() in _NP_INNER) and not w[:1].isdigit():
            pass
        elif _is_cap(w) and w[:1].isalnum():
            end = i
            seen_cap = True
        elif _abbr_dot(a, i) or lw in ("\u2019s", "'s") or (i > k and _plural_possessive(a, i)):
            end = i
        elif _fwd_inner_link(a, k, i, hi, end):
            pass
        elif _fwd_lower_word(a, k, i):
            if seen_cap and _fwd_name_ends(a, i, hi, end):
                break
            end = i
        else:
            break
        i += 1
    return end


def _particle_name(w: str) -> bool:
    """A surname opened by a lower-case particle and a hyphen: "al-Sisi", "el-Erian", "bin-Talal"."""
    head, dash, rest = w.partition("-")
    return bool(dash) and rest[:1].isupper() and head in _lexicon.words("speaker_particles.txt")


# a part of a group as the speaker ('One of them', 'Some of us', 'A majority of those')
_PARTITIVE_HEADS = frozenset(("them", "us", "those", "you", "these"))
_PARTITIVES = frozenset(("one", "two", "three", "four", "five", "some", "many", "most", "all", "both", "each",
                         "none", "neither", "either", "any", "few", "several", "half", "majority", "minority",
                         "rest", "dozens", "another"))
_NUMBER_WORDS = frozenset({"a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                           "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million",
                           "millions", "half"})


_TIME_UNITS = frozenset(("week", "month", "year", "night", "morning", "afternoon", "evening", "weekend"))


_CUE_ADVERBS = frozenset(("yesterday", "today", "tonight", "again", "also", "repeatedly", "publicly",
                          "privately", "previously", "earlier", "later", "aloud", "afterwards", "afterward",
                          "too", "though"))


def _after_cue_adverb(a: _Article, k: int, hi: int, tell: bool) -> tuple[int, bool] | None:
    """'said Tuesday', 'said again', 'told reporters privately', 'said quietly': one adverb."""
    w = a.w[k]
    lw = w.lower()
    if w in _WEEKDAYS or lw in _CUE_ADVERBS or \
            (_adverb_ly(lw) and w.islower() and lw not in ("only", "early", "likely")):
        return k + 1, tell
    return None


def _after_cue_bare_addressee(a: _Article, k: int, hi: int, tell: bool) -> tuple[int, bool] | None:
    """'told staff the bank would ...', 'told union members that ...', 'told staff on Monday that':
    after a tell-like verb, a bare plural or mass noun as the addressee, up to the clause that opens
    the content."""
    aw = a.w
    w = aw[k]
    if not (tell and w[:1].islower() and w.lower() not in _RECIPIENT_WORDS):
        return None
    x = k
    while x < hi and x - k < 3 and aw[x][:1].islower() and aw[x][:1].isalpha() \
            and aw[x].lower() not in _LEAD_OR_STOP and aw[x].lower() not in _CLAUSE_START \
            and aw[x].lower() not in _NP_INNER and aw[x].lower() not in _verbs_set() \
            and not _adverb_ly(aw[x].lower()):
        x += 1
    nxt = aw[x]
    lnxt = nxt.lower()
    if x > k and x < hi and (lnxt in ("yesterday", "today", "earlier") or (
            lnxt in ("on", "in", "during", "last", "this") and (aw[x + 1] in _WEEKDAYS or aw[x + 1] in _MONTHS
                                                               or aw[x + 1].lower() in _TIME_UNITS))):
        x += 1 if lnxt in ("yesterday", "today", "earlier") else 2  # 'told staff on Monday that'
        if aw[x].lower() in _CLAUSE_START:
            return x, False
    elif x > k and x < hi and (lnxt in _CLAUSE_START or (_is_cap(nxt) and nxt[:1].isalpha())):
        return x, False
    return None


def _after_cue_addressee(a: _Article, k: int, hi: int, tell: bool) -> tuple[int, bool] | None:
    """'told reporters', 'told CNN', 'told the committee', 'told him': after a tell-like verb, a
    recipient word or a noun phrase as the addressee."""
    w = a.w[k]
    lw = w.lower()
    if tell and (lw in _RECIPIENT_WORDS or _is_cap(w) or lw in _DET) and lw not in ("that", "this"):
        e = _np_fwd(a, k, hi) if lw not in _RECIPIENT_WORDS else k
        if e is not None:
            return e + 1, False
    return None


def _after_cue_time(a: _Article, k: int, hi: int, tell: bool) -> tuple[int, bool] | None:
    """'told reporters last week the plant would close', 'said on Monday', 'said in June 2012',
    'said on March 3': the time alone, not the clause after it."""
    aw = a.w
    lw = aw[k].lower()
    nxt = aw[k + 1].lower()
    if (lw in ("last", "this", "earlier") and nxt in _TIME_UNITS) or (
            lw in ("on", "in", "during") and (aw[k + 1] in _WEEKDAYS or aw[k + 1] in _MONTHS)):
        k += 2
        while k < hi and aw[k][:1].isdigit() and len(aw[k]) <= 4 and aw[k - 1][:1] != ",":
            k += 1
        return k, tell
    return None


def _after_cue_prep_phrase(a: _Article, k: int, hi: int, tell: bool) -> tuple[int, bool] | None:
    """'said in a statement that', 'said at a news conference:', 'said during the hearing, "...':
    a prepositional adverbial up to the next clear boundary ("that", ",", ":", a quotation mark)
    within nine words; but "said at least 12 people died" and "said over 100 were hurt" start
    their content there."""
    aw = a.w
    lw = aw[k].lower()
    nxt = aw[k + 1].lower()
    if lw not in _ADV_PREP or (lw == "at" and nxt in ("least", "most") or lw in ("over", "under", "about")
                               and (nxt[:1].isdigit() or nxt in _NUMBER_WORDS)):
        return None
    i = k + 1
    while i < hi and i - k <= 9:
        t = aw[i]
        if t.lower() == "that" or t in (",", ":") or (_is_quote_tok(t) and t not in "'\u2018\u2019"):
            break
        if t in _SENT_END:
            i = hi  # the adverbial runs to the end: nothing follows the cue
            break
        i += 1
    if i <= hi and i - k <= 9:
        return i, tell
    return None


# The steps of _skip_after_cue, in order: the first that recognises the words at k moves past them.
_AFTER_CUE_RULES = (_after_cue_adverb, _after_cue_bare_addressee, _after_cue_addressee, _after_cue_time,
                    _after_cue_prep_phrase)


def _skip_after_cue(a: _Article, k: int, hi: int, tell: bool) -> int:
    """Skip adverbials ("on Tuesday", "in a statement") and, for tell-like verbs, the addressee.

    At most three steps; each is the first rule of ``_AFTER_CUE_RULES`` that recognises the words
    at ``k`` (it returns the next token and whether an addressee may still follow). An addressee
    is taken once.
    """
    for _ in range(3):
        if k >= hi:
            return k
        for rule in _AFTER_CUE_RULES:
            step = rule(a, k, hi, tell)
            if step is not None:
                k, tell = step
                break
        else:
            return k
    return k


def _clause_subject(a: _Article, lo: int, hi: int) -> tuple[int, int] | None:
    """The subject at the start of a clause: a name, a phrase with an appositive, or a pronoun."""
    aw = a.w
    k = lo
    while k < hi and (_is_quote_tok(aw[k]) or aw[k] in ("(", "-", "\u2014")):
        k += 1
    for _ in range(2):  # ("In 1992, with the party's backing, she ran ..., seeking": two adverbials)
        if (aw[k].lower() in _LEAD_WORDS and aw[k].lower() not in _PRON) or (
                aw[k + 1] == "," and (aw[k].lower() in _SENTENCE_ADVERBS or _adverb_ly(aw[k].lower()))):
            # "In August, several groups granted ..., saying", "First, he juxtaposed numbers, claiming":
            # the subject comes after the adverbial
            c = next((x for x in range(k + 1, min(hi, k + 8)) if aw[x] == ","), None)
            if c is None:
                break
            k = c + 1
    if aw[k].lower() in _LEAD_WORDS and aw[k].lower() not in _PRON:
        return None  # ("since 2013, for my dissertation I have done ...": no subject found past the adverbials)
    e = _np_fwd(a, k, hi)
    if e is None:
        return None
    # appositive: "Choe Son Hui, the North Korean Foreign Minister"
    if e + 2 < hi and aw[e + 1] == "," and aw[e + 2].lower() in _DET:
        e2 = _np_fwd(a, e + 2, hi)
        if e2 is not None:
            last = e2
            while last > e + 2 and aw[last][:1].islower():
                last -= 1
            e = last
    return k, e


# adverbs that open a sentence before a comma ("First, he ...", "Nonetheless, she ...")
_SENTENCE_ADVERBS = frozenset({"first", "second", "third", "secondly", "thirdly", "finally", "lastly",
                               "additionally", "furthermore", "nonetheless", "nevertheless", "likewise",
                               "afterwards", "afterward", "subsequently", "consequently", "thus", "hence"})
_LEAD_WORDS = {"on", "in", "at", "after", "before", "during", "asked", "speaking", "reached", "earlier",
               "later", "meanwhile", "but", "and", "however", "still", "yet", "now", "then", "so", "also",
               "since", "when", "while", "as", "if", "though", "although", "because", "for", "with",
               "without", "despite", "like", "unlike", "by", "from", "under", "over", "last", "this",
               "back", "instead", "separately", "similarly", "overall", "today", "yesterday", "here",
               "there", "elsewhere", "indeed", "moreover", "again", "once", "even",
               # "Citing safety concerns, police said ...": a participle opens an adverbial, no speaker
               "citing", "quoting", "amid", "amidst", "whereas",
               # sentence adverbs ("Afterwards Trump said"): never the first word of a speaker
               "afterwards", "afterward", "subsequently"}
# unions used in hot tests, built once rather than at every test
_LEAD_OR_STOP = frozenset(_LEAD_WORDS | _STOP)
_STOP_OR_INNER = frozenset(_STOP | _NP_INNER)
_PRON_OR_REL = frozenset(_PRON | _REL)
_CLAUSE_START_NOT_DET = frozenset(_CLAUSE_START - _DET)


def _role_tail(a: _Article, k: int, e: int, j: int) -> int:
    """The head noun after a capitalised modifier, up to a comma: 'A senior Israeli official,'
    (the phrase opened at ``k`` with a determiner; :func:`_np_fwd` stops after "Israeli")."""
    aw = a.w
    if aw[k].lower() not in _DET or aw[e + 1] in (",", "\u2014", "--", "(", "\u2013") or not aw[e][:1].isupper():
        return e
    x = e
    while x + 1 < j and x - e < 3 and _role_word(aw[x + 1]) and aw[x + 1].lower() not in _DET:
        x += 1
    return x if x > e and aw[x + 1] in (",", "\u2014", "--", "(", "\u2013") else e


def _np_appositive_only(a: _Article, lo: int, j: int) -> bool:
    """Is everything before the cue's comma at ``j`` a noun phrase and its appositive ("Labour's
    housing spokesperson, Rebecca Moynihan,")? Then it is the subject, not a post-posed content."""
    aw = a.w
    k = lo
    if aw[k].lower() in _CONNECTIVES and k + 1 < j:
        k += 1
    e = _np_fwd(a, k, j, strict=True)
    if e is None or e + 2 >= j:
        return False
    e = _role_tail(a, k, e, j)
    if aw[e + 1] != ",":
        return False
    k2 = e + 2
    e2 = _np_fwd(a, k2, j, strict=True)
    if e2 is None and _role_word(aw[k2]):
        e2 = _np_fwd(a, k2, j)
    return e2 is not None and _role_tail(a, k2, e2, j) == j - 1


_APPOSITIVE_COMMAS = (",", "\u2014", "--", "\u2013")


def _appositive_start(a: _Article, k: int, j: int) -> int | None:
    """First token of a name that may open ``Name, appositive, said`` at or after ``k``: past
    quotation marks and dashes, and past a connective ("But Matt Morrison, the group's deputy
    director, said", "As John Cornyn, ..., put it:"); None for an adverbial segment ("On Sunday
    night in South Carolina,") or a start too far from the cue ``j``."""
    aw = a.w
    while k < j and (_is_quote_tok(aw[k]) or aw[k] in ("(", "-", "\u2014", "\u2013")):
        k += 1
    if k >= j or j - k > 40:
        return None
    if (aw[k].lower() in _CONNECTIVES or (aw[k] == "As" and _is_cap(aw[k + 1]))) and k + 1 < j \
            and aw[k + 1] != ",":
        k += 1
    first = aw[k]
    if first.lower() in _LEAD_WORDS or first.lower() in _STOP or first in _WEEKDAYS or first in _MONTHS:
        return None
    return k


def _restrictive_relative_end(a: _Article, k: int, e: int, j: int) -> int:
    """'An official who attended the talks, speaking on condition of anonymity, said': after a
    determiner phrase ending at ``e``, a restrictive relative clause up to the comma is part of the
    phrase; returns the phrase's new last token (``e`` when there is none)."""
    aw = a.w
    if aw[e + 1].lower() == "who" and aw[k].lower() in _DET:
        c = e + 2
        while c < j and c - e < 16 and aw[c][:1].isalnum() and aw[c].lower() not in _REL:
            c += 1
        if c < j and aw[c] == "," and c - e > 2:
            return c - 1
    return e


def _last_before_cue(a: _Article, floor: int, j: int) -> int:
    """The last token before the cue ``j`` that is not a comma or dash (never before ``floor``)."""
    aw = a.w
    end = j - 1
    while end > floor and aw[end] in _APPOSITIVE_COMMAS:
        end -= 1
    return end


def _appositive_paren(a: _Article, k: int, e: int, j: int) -> tuple[int, int] | None:
    """'Rep. Jim Jordan (R-Ohio) said' -> the name with its parenthesis; 'Rep. Jim Jordan (R-Ohio),
    an oversight panel member, said' -> up to the cue; None for a long or unclosed parenthesis."""
    aw = a.w
    close = e + 1
    while close < j and aw[close] != ")":
        close += 1
    if close <= j and close - e < 8:
        if aw[close + 1] == "," and close + 2 < j and aw[close + 2].lower() in _DET:
            return k, _last_before_cue(a, close, j)
        return k, close
    return None


def _appositive_at(a: _Article, k: int, j: int) -> tuple[int, int] | None:
    """Subject of ``Name, appositive, said`` whose name starts at ``k`` (see _appositive_subject)."""
    aw = a.w
    start = _appositive_start(a, k, j)
    if start is None:
        return None
    k = start
    e = _np_fwd(a, k, j, strict=True)
    if e is None or e >= j:
        return None
    e = _restrictive_relative_end(a, k, _role_tail(a, k, e, j), j)
    nxt = aw[e + 1]
    if nxt == "(":
        return _appositive_paren(a, k, e, j)
    if nxt not in _APPOSITIVE_COMMAS:
        return None
    after = aw[e + 2].lower() if e + 2 < j else ""
    if after in _REL or after in _LEAD_WORDS or after.endswith("ing") or after in ("whose", "whom"):
        return k, e  # "Zucker, who in the past ...": the name alone
    # "Name, a Trump supporter," / "Clinton, 35, the daughter of ...": the appositive is part of the mention
    return k, _last_before_cue(a, e, j)


def _appositive_subject(a: _Article, lo: int, j: int) -> tuple[int, int] | None:
    """Subject of ``Name, appositive, said``: token span (start, end) ending before ``j``.

    The name starts at the sentence start or right after a comma (skipping a leading adverbial
    such as "On Tuesday," or "While X did Y,"); the appositive runs up to the comma before the cue.
    The first start that gives a subject wins.
    """
    aw = a.w
    starts = [lo]
    for c in range(lo, j):
        if aw[c] in _APPOSITIVE_COMMAS:
            starts.append(c + 1)
    for k in starts:
        span = _appositive_at(a, k, j)
        if span is not None:
            return span
    return None


def _left_content(a: _Article, sp_start_tok: int, lo: int) -> tuple[int, int, str] | None:
    """Content before a post-posed attribution ("..., X said"): a quotation or the clause."""
    text = a.text
    p = a.tstart[sp_start_tok]
    i = p
    while i > 0 and text[i - 1] in " \t,\u00a0":
        i -= 1
    q = a.q_by_end.get(i)
    if q is None and i > 0 and text[i - 1] in ",\u2014-":
        j = i - 1
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        q = a.q_by_end.get(j)
    if q is not None and text[q.start:q.end].rstrip(_QUOTE_CHARS + " ")[-1:] == "." and i == q.end:
        q = None  # '"... a boost." Shaw and Anderson agreed.': a full stop ends the quotation's sentence
    if q is not None:
        b = q.start
        while b > 0 and text[b - 1] in " \t\u00a0":
            b -= 1
        if b == 0 or text[b - 1] in ".!?\n:;([" + _QUOTE_CHARS + ")\u2014" or q.start <= a.sents[a.sent_of(p)][0]:
            return q.start, q.end, "direct"
        s0 = a.tstart[lo]
        if s0 < q.start and q.end - s0 < 600:
            # 'With thousands of systems, "there is no single point of failure," he said.'
            return s0, q.end, "mixed"
    # a clause: from the sentence start to the comma before the speaker
    if sp_start_tok - 1 < lo or a.w[sp_start_tok - 1] not in (",", "\u2014", "--"):
        return None
    s = a.tstart[lo]
    e = a.tstart[sp_start_tok - 1]
    while s < e and text[s] in " \t":
        s += 1
    while e > s and text[e - 1] in " \t":
        e -= 1
    if e - s < 8:
        return None
    if a.single_style:
        return s, e, _kind_of(a, s, e)
    qi = bisect.bisect_left(a.qstart, s)
    kind = "mixed" if qi < len(a.quotes) and a.quotes[qi].start < e and not a.quotes[qi].single else "indirect"
    return s, e, kind


def _subject_before(a: _Article, j: int, lo: int, prev: _Stmt | None) -> tuple[tuple[int, int], int | None] | None:
    """Speaker span (chars) and its first token for a cue whose left context ends at token ``j``."""
    aw = a.w
    lw = aw[j].lower()
    if lw in ("and", "but") and j - 1 >= lo:
        # "X spoke against ... and said that ...": the clause's subject speaks
        if prev is not None and prev.sp is not None:
            return prev.sp, None
        subj = _clause_subject(a, lo, j)
        if subj is None:
            return None
        return (a.tstart[subj[0]], a.tend[subj[1]]), subj[0]
    if aw[j] == ")":
        # 'panel Chairman Rep. Jason Chaffetz (R-Utah) said': the phrase before the parenthesis
        op = next((x for x in range(j - 1, max(lo, j - 9) - 1, -1) if aw[x] == "("), None)
        st = _np_back(a, op - 1, lo) if op is not None and op - 1 >= lo and aw[op - 1][:1].isalnum() else None
        if st is not None:
            return (a.tstart[st], a.tend[j]), st
    if aw[j] in (",", "\u2014", "--", ")", "\u2013"):
        subj = _appositive_subject(a, lo, j)
        if subj is None:
            return None
        return (a.tstart[subj[0]], a.tend[subj[1]]), subj[0]
    w = aw[j]
    if w.lower() in _PRON_S:  # "he's not saying": the pronoun without its 's
        return (a.tstart[j], a.tend[j] - 2), j
    if lw in _PRON_BE:  # "I'm saying": "I"
        return (a.tstart[j], a.tstart[j] + len(lw.split("'")[0].split("\u2019")[0])), j
    if lw in _LEAD_WORDS and lw not in _PRON:
        return None  # "In rejecting a similar challenge, ...": a gerund after a preposition
    st = _np_back(a, j, lo)
    if st is None:
        # 'Farmers who lost crops in the floods said': a relative clause too long to pass for a noun phrase
        # (only after a noun: not 'who can support', 'who are inclined to believe')
        st = j + 1
        if aw[j][:1].isalpha() and (lw in _OBJECT_PRON or (
                lw not in _STOP_OR_INNER and lw not in _SKIP_BEFORE and not _adverb_ly(lw) and not lw.endswith("ing"))):
            st = _relative_head(a, j + 1, lo)
        if st > j:
            return None
    else:
        st = _relative_head(a, st, lo)
    return (a.tstart[st], a.tend[j]), st


_OBJECT_PRON = frozenset(("him", "her", "them", "us", "me", "it"))


def _relative_head(a: _Article, st: int, lo: int) -> int:
    """Start of the subject when the phrase at token ``st`` ends a restrictive relative clause
    ('Two senators who voted against the bill said', 'the family of a man who died in custody
    said'): the head noun phrase before "who" with its clause, else ``st``."""
    aw = a.w
    x = st - 1
    while x >= lo and st - x <= 12:
        w = aw[x]
        lw = w.lower()
        if lw in ("who", "that") and x - 1 >= lo and aw[x - 1][:1].isalnum():
            nxt = aw[x + 1]
            if lw == "that" and (aw[x - 1].lower() in _STOP or aw[x - 1].lower() in _verbs_set()
                                 or not nxt[:1].islower() or not nxt.endswith(("ed", "s"))
                                 or nxt.lower() in _STOP_OR_INNER or nxt.lower() in _DET):
                # 'said that the men ...', 'told the crowd that she ...': a complement clause; only
                # 'a study that appeared in ...' (a verb form right after "that") is a relative one
                return st
            head = _np_back(a, x - 1, lo)
            if head is None or aw[x - 1].lower() in _PRON_OR_REL or aw[x - 1].lower() in _verbs_set():
                return st
            return head
        if not w[:1].isalnum() or lw in _PRON_OR_REL or lw in ("whose", "whom"):
            return st  # punctuation or another clause: no relative clause of the subject
        x -= 1
    return st


@functools.lru_cache(maxsize=1)
def _cue_settings() -> frozenset[str]:
    return _lexicon.words("quote_cue_settings.txt")


# after an inverted speaker these always open an adverbial of the cue ('said Smith outside the court')
_ADVERBIAL_OPENERS = frozenset({"outside", "inside", "during", "after", "before", "near", "via", "amid",
                                "while", "when", "as", "yesterday", "today", "tonight", "earlier", "later",
                                "last", "late", "recently", "afterwards", "shortly"})
# time adverbs among them, which may also stand before a verb ("said officials later found ..."): an
# adverbial only before punctuation or a time phrase ("later that day", "last week", "late Tuesday")
_TIME_ADVERBS = frozenset({"yesterday", "today", "tonight", "earlier", "later", "last", "late", "recently",
                           "afterwards", "shortly"})
_TIME_NOUNS = _TIME_UNITS | {"day", "after", "before", "on", "in", "that", "this", "the"}
# the occasion of speaking, before to/on/in/at ('said a source speaking to Fox News')
_OCCASION_PARTICIPLES = frozenset({"speaking", "talking", "writing", "appearing", "testifying", "responding",
                                   "reacting", "commenting", "referring"})
_SETTING_PREPS = frozenset({"on", "in", "at", "to", "over", "with", "through", "from"})
_POSS_PRON = frozenset({"his", "her", "their", "its"})
_TIME_WORDS = frozenset({"yesterday", "today", "tonight", "earlier", "later", "last", "this", "next"})


_CLAUSE_PUNCT = (".", ",", ";", "!", "?")


def _adv_time_adverb(a: _Article, x: int) -> bool | None:
    """'said Smith yesterday.', 'said Smith later that day', 'said Smith last Tuesday': a time adverb
    counts only before punctuation or a time phrase ('the late Mr. Jones' does not)."""
    w = a.w[x]
    if w.lower() not in _TIME_ADVERBS or not w[:1].islower():
        return None
    nxt = a.w[x + 1]
    return nxt in _CLAUSE_PUNCT or nxt.lower() in _TIME_NOUNS or nxt in _WEEKDAYS or nxt in _MONTHS


def _adv_weekday_or_opener(a: _Article, x: int) -> bool | None:
    """'said Smith Monday', 'said Smith during the hearing': a weekday or a lower-case adverbial
    opener (not "USA Today")."""
    w = a.w[x]
    if w in _WEEKDAYS or (w.lower() in _ADVERBIAL_OPENERS and w[:1].islower()):
        return True
    return None


def _adv_ly_adverb(a: _Article, x: int) -> bool | None:
    """'said Smith quietly.': an -ly adverb before punctuation (but 'a newly elected councillor')."""
    w = a.w[x]
    if w[:1].islower() and _adverb_ly(w.lower()) and a.w[x + 1] in _CLAUSE_PUNCT:
        return True
    return None


def _adv_occasion(a: _Article, x: int) -> bool | None:
    """'said a source speaking to Fox News', 'said Smith, writing on Facebook': the occasion of
    speaking, a participle before to/on/in/at/before/from/with."""
    if a.w[x].lower() not in _OCCASION_PARTICIPLES:
        return None
    return a.w[x + 1].lower() in ("to", "on", "in", "at", "before", "from", "with")


def _adv_of_topic(a: _Article, x: int) -> bool | None:
    """'said Smith of his former coach', 'said Smith of the decision': "of" the topic (about), but
    not 'said Jane Doe of the University of Toronto' (an affiliation, part of the mention)."""
    aw = a.w
    if aw[x].lower() != "of":
        return None
    if aw[x + 1].lower() in _POSS_PRON:
        return True
    if _is_cap(aw[x - 1]) and aw[x - 1][:1].isalpha() and aw[x + 1].lower() in ("the", "a", "an"):
        for y in range(x + 2, x + 6):
            if _is_cap(aw[y]) and aw[y][:1].isalpha():
                return False
            if not aw[y][:1].isalpha():
                return True
    return False


def _adv_in_place(a: _Article, x: int) -> bool | None:
    """'said Mr. Ruto in Nairobi': where, not who (but 'a farmer in Kano' is who: the word before
    "in" must be a capitalised name, not a title abbreviation)."""
    aw = a.w
    if aw[x].lower() == "in" and _is_cap(aw[x - 1]) and aw[x - 1][:1].isalpha() and aw[x + 1][:1].isupper() \
            and aw[x - 1] not in _TITLE_ABBR:
        return True
    return None


def _adv_setting(a: _Article, x: int) -> bool | None:
    """'said Smith on Instagram', 'said Smith in a statement', 'told Smith to reporters', 'said Smith
    at a rally on Friday': a preposition before a setting, a weekday or a month within three words
    (but 'head of policy at Facebook' is an affiliation)."""
    aw = a.w
    lw = aw[x].lower()
    if lw not in _SETTING_PREPS:
        return None
    settings = _cue_settings()
    for y in range(x + 1, x + 4):
        ly = aw[y].lower()
        if (ly in settings and lw != "to" and (lw == "on" or aw[y][:1].islower())) or aw[y] in _WEEKDAYS \
                or aw[y] in _MONTHS or (lw == "to" and ly in _RECIPIENT_WORDS):
            return True
        if not (ly in _DET or (ly[:1].isalpha() and ly not in _STOP)):
            return False
    return False


# The rules of _adverbial_at, in order: the first that recognises token x (True or False) decides.
_ADVERBIAL_RULES = (_adv_time_adverb, _adv_weekday_or_opener, _adv_ly_adverb, _adv_occasion,
                    _adv_of_topic, _adv_in_place, _adv_setting)


def _adverbial_at(a: _Article, x: int) -> bool:
    """Does token ``x``, right after an inverted speaker, open an adverbial of the cue ("on Monday",
    "in a statement", "of his former coach") rather than continue the speaker mention?

    Each rule of ``_ADVERBIAL_RULES`` answers True, False or None (not its shape); the first
    answer decides, and no answer means the mention goes on.
    """
    for rule in _ADVERBIAL_RULES:
        verdict = rule(a, x)
        if verdict is not None:
            return verdict
    return False


def _trim_adverbial(a: _Article, s: int, e: int, hi: int, appositive: bool = False) -> tuple[int, int]:
    """Split an inverted speaker phrase (tokens ``s``..``e``) from a trailing adverbial of the cue.

    Returns the speaker's last token and the last token of the adverbial (``e`` itself when there is
    none): '"...," said Smith in a statement.' -> Smith, and the phrase runs to "statement". In an
    ``appositive`` only a setting ("in a statement") or an adverbial after a comma (", on Monday")
    ends it: "a senior official during the Bush administration" is a role.
    """
    aw = a.w
    if s == e and aw[s].lower() in _PRON:
        return e, e  # "said he fully supports ...": a clause, not an inverted pronoun with an adverbial
    for x in range(s + 1, min(e + 2, hi)):
        if aw[x] in (",", "(") or not _adverbial_at(a, x):
            continue
        if appositive and aw[x - 1] != "," and (aw[x].lower() not in _SETTING_PREPS or any(
                aw[y].lower() in _REL for y in range(s, x))):
            continue  # 'a pollster who left the campaign in October': inside a relative clause
        t = x
        while t + 1 < hi and t - x < 25 and aw[t + 1] not in (".", ",", "!", "?", ";", ":") \
                and not _is_quote_tok(aw[t + 1]):
            t += 1
        return x - 1, max(t, e)
    return e, e


def _is_title(a: _Article, q: _Quote, k: int = 0) -> bool:
    """Is quotation ``q`` a title after a possessive or preposition ('on CNN's "State of the Union"',
    'in "The Crown"'): a few words, every long one capitalised?"""
    before = a.text[max(0, q.start - 30):q.start].split()
    prev = before[-1] if before else ""
    if not (prev.endswith(_POSS_ENDS) or prev.lower() in ("on", "in", "of", "the", "to", "from")):
        return False
    words = a.text[q.start:q.end].strip(_QUOTE_CHARS + " .,!?").split()
    return 0 < len(words) <= 6 and all(w[:1].isupper() or len(w) < 4 for w in words)


def _plural_possessive(a: _Article, i: int) -> bool:
    """Is token ``i`` the apostrophe of a possessive ("the nurses' union", "B.C.'s"), not a quote mark?"""
    if a.w[i] not in ("'", "\u2019") or a.tstart[i] != a.tend[i - 1]:
        return False
    if a.w[i + 1] == "s" and a.tstart[i + 1] == a.tend[i]:
        return True  # "B.C.'s": the tokeniser split the 's off after an abbreviation's dot
    return a.w[i - 1].endswith("s") and a.w[i + 1][:1].isalpha() and a.tend[i] < a.tstart[i + 1]


def _appositive_break(a: _Article, i: int) -> bool:
    """A comma that ends an inverted speaker's appositive: ', echoing ...', ', reports USA Today'."""
    w = a.w[i + 1]
    return a.w[i] == "," and w[:1].islower() and w != "including" and (w.endswith("ing") or w in _verbs_set())


def _now_role(a: _Article, i: int) -> bool:
    """'said Murphy, now a consultant on Burma': a time adverb opening a role appositive."""
    return a.w[i].lower() in ("now", "then", "formerly", "himself", "herself") \
        and (a.w[i + 1].lower() in _DET or _role_word(a.w[i + 1]))


def _role_word(w: str) -> bool:
    """A lower-case word that can open an appositive role ('said Ann Lee, president of the union')."""
    lw = w.lower()
    return w[:1].isalpha() and w[:1].islower() and lw not in _LEAD_OR_STOP and lw not in _SKIP_BEFORE \
        and lw not in _PRON_OR_REL and lw not in ("whose", "whom") and not lw.endswith(("ing", "ed")) and not _adverb_ly(lw) \
        and lw not in _verbs_set() and lw not in _ADVERBIAL_OPENERS


def _lower_speaker(a: _Article, k: int, hi: int) -> int | None:
    """A speaker after an inverted cue that opens in lower case: a plain noun ('said police') or a
    role before a name ('asked opposition leader Peter Dutton', 'said coach Ange Postecoglou')."""
    aw = a.w
    w = aw[k]
    lw = w.lower()
    if not w[:1].isalpha() or not w[:1].islower() or lw in _LEAD_OR_STOP or lw in _SKIP_BEFORE \
            or lw in _TIME_WORDS or lw in _verbs_set() or _adverb_ly(lw) or lw in _ADVERBIAL_OPENERS \
            or lw in _CLAUSE_START or lw in _NP_INNER or lw in _SETTING_PREPS:
        return None
    e = _np_fwd(a, k, hi)
    return e if e is not None and e - k < 6 else None


def _clause_to_end(a: _Article, t: int, stop: int, hi: int) -> int | None:
    """The last token of a clause that starts at token ``t`` and runs to its sentence's end within
    tokens before ``stop`` (no quotation on the way): '..., said an official who was not authorized
    to speak.'; None when it stops short."""
    aw = a.w
    while t + 1 < hi and t < stop and not (aw[t + 1] in _SENT_END and not _abbr_dot(a, t + 1)) \
            and not _is_quote_tok(aw[t + 1]):
        t += 1
    return t if t + 1 >= hi or aw[t + 1] in _SENT_END else None


def _kind_of(a: _Article, s: int, e: int) -> str:
    """``mixed`` when the span holds a double quotation (any quotation in a single-marks article),
    else ``indirect``."""
    if a.single_style:
        qi = bisect.bisect_left(a.fragments, s)
        return "mixed" if qi < len(a.fragments) and a.fragments[qi] < e else "indirect"
    qi = bisect.bisect_left(a.qstart, s)
    while qi < len(a.quotes) and a.quotes[qi].start < e:
        if not a.quotes[qi].single:
            return "mixed"
        qi += 1
    return "indirect"

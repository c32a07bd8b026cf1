"""Quotes: who said what, with exact offsets for the content, the speaker mention and the cue.

One row per attributed statement. The extractor is rule based, needs no model download, and runs
in linear time over each article (bounded windows around each cue, one pass over the marks):

1. **Quotation marks** are paired paragraph by paragraph (straight, curly, guillemets, ``''``).
   A quotation never runs past its paragraph unless the paragraph ends open and the next one
   opens again (the convention for a quotation over several paragraphs). A mismatched
   ``“...’`` closes at the single mark; an unclosed mark ends at its paragraph.
2. **Cues** come from one prefix-tree pattern over the reporting-verb lexicon
   (``newslab/data/reporting_verbs.txt``: speech verbs, belief verbs, attitude verbs) plus
   "according to", headline colons (``Trump: ...``) and dash signatures (``"..." - Jane Doe``).
   For each cue the local context decides the shape: ``X said (that) ...``, ``..., X said.``,
   ``"...," said X``, ``X told reporters ...``, ``according to X, ...``, ``..., adding that ...``,
   ``Name, a role, said ...``, ``The museum, Mr. Obama said, would ...``.
3. The **speaker** is the mention as written next to the cue: a pronoun, a relative pronoun
   ("who"), a name with its title, a name with its appositive ("Choe Son Hui, the North Korean
   Foreign Minister"), a group ("The US, Japan and South Korea"), an unnamed source ("a senior
   official"). Names and roles are resolved by :func:`newslab.speakers.resolve_speakers`.
4. **Types.** ``direct``: the content is a quotation (its span includes the marks). ``mixed``:
   indirect content carrying a double-quoted fragment. ``indirect``: everything else. A split
   quote (``"A," he said. "B."``) is one statement from A's opening mark to B's closing mark, as
   news annotation (PolNeAR) counts it; its text therefore contains the attribution, and its
   ``content_spans`` list the quotations alone (A's and B's, without "he said"). A quotation
   with no cue right after an attributed one (a **floating** quote) keeps the previous speaker
   with an empty cue. Short quoted phrases with no cue (scare quotes, titles) are not statements.

Other newsroom styles: where an article quotes only in single marks (British style), a
single-quoted fragment makes indirect speech mixed; a dateline in capitals ("NEW DELHI: ...") is
not a speaker; a name before an auxiliary or an attitude verb is its subject, not an inverted
speaker ("The chancellor, Jeremy Hunt, has defended ..."); "asked not to be named" and "did not
respond to a request for comment" are not statements (``newslab/data/quote_not_content.txt``).
An inverted speaker ends before an adverbial of its cue ('"...," said Ann Lee in a statement on
Monday', ``quote_cue_settings.txt``) and keeps its appositive ('said Ann Lee, president of the
union'); some cues count only beside a quotation ('"...," she posted', 'shrugged the coach', 'The
statement read: "..."', ``quote_direct_only_verbs.txt``); a short Title Case quotation after a
possessive ('on CNN's "State of the Union"') is a title, not the second half of a split quote.
The subject before a cue keeps its restrictive relative clause ("Two senators who voted against
the bill said") and its possessive role in apposition ("Labour's housing spokesperson, Rebecca
Moynihan, said ..." is no inverted content); a stance or belief verb, or any cue after a modal,
inside another statement's reported clause ("said the council opposed the tower", "told staff the
bank would acknowledge ...") is content, not a statement of its own.
``confidence`` is the share of right statements of the same rule and type on PolNeAR train.

Conventions follow PolNeAR: content of ``X said that ...`` includes "that"; beliefs ("polls
show", "he thinks") and unnamed sources are attributions; a quote's content ends before a
trailing ``, adding ...`` (a statement of its own with the same speaker).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

import numpy as np
import pandas as pd

from . import _lexicon
from ._parallel import corpus_step
from .sentences import sentence_spans
from .speakers import resolve_speakers

COLUMNS = ["article_id", "quote_id", "type", "start", "end", "text", "speaker", "speaker_start",
           "speaker_end", "speaker_name", "speaker_role", "cue", "cue_start", "cue_end", "sentence_id",
           "paragraph_id", "confidence", "content_spans"]
_INT_COLS = ["quote_id", "start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end",
             "sentence_id", "paragraph_id"]

# ----------------------------------------------------------------------------- quotation marks
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


def _pair_marks(text: str) -> list[_Quote]:
    """Pair quotation marks within paragraphs; linear in the number of marks.

    Examples:
        >>> [(q.start, q.end) for q in _pair_marks('He said "yes" and “no”.')]
        [(8, 13), (18, 22)]
    """
    out: list[_Quote] = []
    n = len(text)
    carry: int | None = None      # start of a quote continued from the previous paragraph
    carry_end = 0                 # end of the paragraph it was left open in
    ps = 0
    while ps < n:
        pe = text.find("\n", ps)
        pe = n if pe < 0 else pe
        body = ps
        while body < pe and text[body] in " \t\r\u00a0":
            body += 1
        if body == pe:  # blank line
            ps = pe + 1
            continue
        open_d: int | None = None
        open_s: int | None = None   # single quote outside any double
        nested = False              # a single quote open inside a double
        last_single = max(text.rfind("'", body, pe), text.rfind("\u2019", body, pe))
        if carry is not None and text[body] not in _REOPEN:
            out.append(_Quote(carry, carry_end, False, False))
            carry = None
        skip_to = -1  # the closing mark of "rock 'n' roll"
        for m in _MARK.finditer(text, body, pe):
            i, me = m.span()
            tok = m.group()
            if i < skip_to:
                continue
            if tok in ("'", "\u2018", "\u2019") and text[me:me + 1] == "n" and text[me + 1:me + 2] in ("'", "\u2019") \
                    and (me + 2 >= pe or not text[me + 2].isalnum()) and (i == 0 or not text[i - 1].isalnum()):
                skip_to = me + 2  # 'n': an abbreviated "and", no quotation mark
                continue
            if carry is not None:  # the reopening mark of a continued quote
                open_d, carry = carry, None
                continue
            before = text[i - 1] if i > 0 else " "
            after = text[me] if me < n else " "
            if tok == "\u201d" and open_d is None and carry is None and (
                    i == body or (text[i - 1] in " \t:(\u2014\u2013" and (after.isalnum() or after == "\u2026"))):
                # '\u201dMr. Trump embodies ...\u201d', 'He said: \u201dWe are ready.\u201d': a closing mark typed
                # for the opening one (or the Swedish and Finnish \u201d...\u201d)
                tok = "\u201c"
            if tok == "\u201c" and open_d is not None and text[open_d] == "\u201e":
                tok = "\u201d"  # \u201e...\u201c: the low-high pair of German and Central European style
            if tok in _DOUBLE_OPENERS or (tok in _STRAIGHT_DOUBLES and open_d is None):
                if tok in _STRAIGHT_DOUBLES and (after.isspace() or me >= pe):
                    continue  # a stray straight mark that opens nothing
                # a double inside an open single ('I told him, "No," she said') leaves the single open
                open_d, nested = i, False
            elif tok in _DOUBLE_CLOSERS:
                if open_d is not None:
                    out.append(_Quote(open_d, me, False, True))
                    open_d, nested = None, False
            elif tok == "\u2018" or (tok == "'" and not before.isalnum() and after.isalnum()):
                if before.isalnum():
                    continue
                if open_d is not None:
                    nested = True
                elif open_s is None:
                    open_s = i
            else:  # \u2019 or ': a closing single mark or an apostrophe
                if after.isalnum() or before.isspace():
                    continue  # don\u2019t, \u201990s
                if (open_s is not None or nested) and before == "s" and after == " " and me + 1 < pe \
                        and text[me + 1].isalnum() and last_single > i:
                    continue  # 'the players\u2019 families are ...': a plural possessive, closed later
                if nested:
                    nested = False
                elif open_s is not None:
                    out.append(_Quote(open_s, me, True, True))
                    open_s = None
                elif (open_d is not None and tok == "\u2019" and before != "s"
                      and (me >= pe or after in ".,;:!?")):
                    # a mismatched \u201c...\u2019: close here rather than run on to the paragraph end
                    out.append(_Quote(open_d, me, False, True))
                    open_d = None
        if carry is not None:  # a continued quote whose paragraph has no mark at all
            out.append(_Quote(carry, carry_end, False, False))
            carry = None
        if open_d is not None:
            nxt = pe + 1
            while nxt < n and text[nxt] in " \t\r\n\u00a0":
                nxt += 1
            if nxt < n and text[nxt] in _REOPEN:
                carry, carry_end = open_d, _rstrip_end(text, pe)
            else:
                out.append(_Quote(open_d, _rstrip_end(text, pe), False, False))
        ps = pe + 1
    if carry is not None:
        out.append(_Quote(carry, carry_end, False, False))
    out.sort(key=lambda q: q.start)
    return out


def _rstrip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in " \t\r\n\u00a0":
        end -= 1
    return end


# ----------------------------------------------------------------------------- lexicons
_VERBS: dict[str, str] = {}


def _verbs() -> dict[str, str]:
    """Inflected cue verb -> class (``speech`` | ``belief`` | ``attitude``), from the package lexicons."""
    if not _VERBS:  # a view of immutable lexicons, filled once per process (first class wins)
        for cls, name in (("attitude", "quote_attitude_verbs.txt"), ("belief", "quote_belief_verbs.txt"),
                          ("speech", "reporting_verbs.txt"), ("speech", "quote_direct_only_verbs.txt")):
            _VERBS.update((form, cls) for form in _lexicon.words(name))
    return _VERBS


_CUE_RE: re.Pattern[str] | None = None


def _trie_pattern(words: list[str]) -> str:
    """A regular expression matching exactly ``words``, factored as a prefix tree.

    Python's ``re`` tries the branches of a flat alternation one by one at every position; a
    prefix tree fails after one character almost everywhere, which makes the cue scan several
    times faster on long texts.

    Examples:
        >>> _trie_pattern(["said", "says", "saying"])
        'sa(?:id|y(?:ing|s))'
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = []
        optional = False
        for ch in sorted(node):
            if ch == "":
                optional = True
                continue
            piece = (r"\s+" if ch == " " else re.escape(ch)) + build(node[ch])
            alts.append(piece)
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not optional else "(?:" + "|".join(alts) + ")"
        if optional:
            body = ("(?:" + "|".join(alts) + ")") + "?"
        return body

    return build(trie)


_CUE_AFTER: re.Pattern[str] | None = None
_CUE_EDGE = r"[\w'\u2019-]"  # a cue is a whole word: none of these right before or after it


def _cue_re() -> re.Pattern[str]:
    global _CUE_RE, _CUE_AFTER  # compiled views of an immutable lexicon, built once per process
    if _CUE_RE is None:
        forms = sorted(set(_verbs()) | {"According to", "according to"} | _TITLE_CASE_CUES)
        trie = f"(?:{_trie_pattern(forms)})(?!{_CUE_EDGE})"
        _CUE_RE = re.compile(f"(?<!{_CUE_EDGE}){trie}")
        # The same cues with the character before them consumed instead of looked behind at: a
        # pattern that opens with a character class lets the scanner skip to word edges (2x faster).
        # The class is ASCII only (a bitmap test per character, where \w costs a Unicode lookup:
        # 3x faster again); a non-ASCII character before a match is checked by _cues itself.
        _CUE_AFTER = re.compile(f"[^a-zA-Z0-9_'-]({trie})")
    return _CUE_RE


_CUE_EDGE_RE = re.compile(_CUE_EDGE)


def _cues(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, words)`` of every cue in ``text``, in order.

    Examples:
        >>> _cues("Said he: 'no', she said, according to Ann.")
        [(0, 4, 'Said'), (19, 23, 'said'), (25, 37, 'according to')]
        >>> _cues("Zo\u00eb said, Zo\u00e9said, l\u2019said, \u00a0said")
        [(4, 8, 'said'), (28, 32, 'said')]
    """
    first = _cue_re().match(text)
    out = [(0, first.end(), first.group())] if first else []
    # A match ends in a letter, so consuming the character before the next one never hides a cue.
    pos = out[0][1] if out else 0
    while True:
        for m in _CUE_AFTER.finditer(text, pos):  # type: ignore[union-attr]
            p = m.start()
            if text[p] > "\x7f" and _CUE_EDGE_RE.match(text, p):
                # a non-ASCII letter (or \u2019) before the cue: no word edge here; search again
                # from the next character, exactly as the pattern with the full class would
                pos = p + 1
                break
            out.append((m.start(1), m.end(1), m.group(1)))
        else:
            return out


# ----------------------------------------------------------------------------- tokens
_SPACE = re.compile(r"\s+")
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
                "month", "year", "morning", "afternoon", "evening", "night", "weekend"}
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
_TELL = {"told", "tell", "tells", "telling", "assured", "assures", "assure", "assuring", "informed",
         "informs", "inform", "informing", "reminded", "reminds", "remind", "reminding", "reassured",
         "reassures", "warned", "warns", "warn", "warning", "urged", "urges", "urge", "urging", "briefed",
         "promised", "promises", "promising", "convinced", "persuaded", "notified", "advised", "advises",
         "asked", "asks", "ask", "asking"}
_PARTICIPLE_TAIL = {"adding", "saying", "noting", "calling", "citing", "arguing", "warning", "insisting",
                    "explaining", "stressing", "emphasizing", "emphasising", "claiming", "suggesting",
                    "declaring", "telling", "asking", "urging", "pointing", "acknowledging", "describing",
                    "accusing", "writing", "stating", "recalling", "referring", "predicting", "promising",
                    "vowing", "pledging", "questioning", "complaining", "admitting", "conceding",
                    "threatening", "announcing", "reiterating", "repeating", "joking", "praising",
                    "criticizing", "criticising", "denying", "asserting", "observing", "concluding",
                    "hinting", "revealing", "confirming", "responding", "replying", "mentioning",
                    "lamenting", "charging", "contending", "demanding", "proposing", "recommending"}
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
# belief verbs whose "to" complement is the attributed content ("wants to build a wall")
_TO_VERBS = {"want", "wants", "wanted", "hope", "hopes", "hoped", "plan", "plans", "planned", "intend",
             "intends", "intended", "expect", "expects", "expected", "wish", "wishes", "wished", "decided",
             "pledged", "pledge", "pledges", "prefer", "prefers", "preferred"}
# determiners after which a cue form can only be a noun or an adjective ("the reports", "his stated aim")
_ARTICLES = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those",
             "no", "another", "every"}
# capitalised cues: sentence-initial "Asked whether ...", and headline style "Trump Says ..."
_TITLE_CASE_CUES = {"Asked", "Says", "Said", "Tells", "Told", "Warns", "Slams", "Asks", "Claims", "Admits",
                    "Urges", "Vows", "Denies", "Insists", "Accuses", "Blasts", "Praises", "Backs", "Endorses",
                    "Rips", "Defends", "Rejects", "Dismisses", "Calls", "Predicts", "Promises", "Reveals"}
_WH = {"whether", "if", "what", "who", "how", "why", "when", "where", "which", "about"}
# cue forms that are just as often nouns ("the attack", "broad support", "a promise")
_NOUNY = {"support", "attack", "attacks", "thanks", "promise", "backing", "call", "calls", "claim", "claims",
          "report", "reports", "tweet", "tweets", "charges", "demands", "pledge", "pledges", "vow", "vows",
          "view", "views", "question", "questions", "warning", "offer", "offers", "order", "orders",
          "sees", "hope", "hopes", "fear", "fears", "doubt", "doubts", "plans", "notes", "estimates",
          "comments", "finding", "findings", "wishes", "criticism", "attacking"}
_ADJ_SUFFIX = ("ful", "ic", "ous", "ive", "al", "est", "ible", "able", "ing", "ish", "ary", "less")
_CONNECTIVES = {"but", "and", "so", "yet", "still", "meanwhile", "however", "also", "now", "then", "instead"}
_QUANT_LEAD = {"least", "than", "about", "nearly", "almost", "only", "roughly", "around", "over", "under",
               "approximately", "some", "just"}
# words that cannot sit inside an appositive ("said Ann Lee, a lawyer who ...": stop at "who")
_APPOS_STOP = {"is", "was", "are", "were", "has", "have", "had", "said", "says",
               "told", "and", "but", "because", "when", "while", "if", "although", "adding", "saying"}
# between the halves of a split quote: the attribution only, no new paragraph or second sentence
_SPLIT_GAP_BREAK = re.compile(r"\n")
_PRON_S = {"he's", "she's", "it's", "that's", "who's", "there's", "he\u2019s", "she\u2019s", "it\u2019s",
           "that\u2019s", "who\u2019s", "there\u2019s"}
_WINDOW = 80  # tokens looked at on the left of a cue (four times that on the right)
_CLAUSE_CUT = {"which", "who", "while", "but", "and", "although", "though", "because", "as", "even", "when",
               "after", "before", "since", "where", "whereas", "so", "yet", "or"}
# One statement per split quote ('"A," he said. "B."' -> from A's opening to B's closing mark), as
# news annotation schemes (PolNeAR) count it; the statement's text then includes the attribution.
_MERGE_SPLIT = True


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


class _Article:
    """Everything the rules need about one article: tokens, sentences, quotations."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sents = sentence_spans(text) or [(0, len(text), 0)]
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


def _n_words(text: str, q: _Quote) -> int:
    return len(text[q.start:q.end].split())


def _abbr_dot(a: _Article, k: int) -> bool:
    """Is the "." at token ``k`` part of an abbreviation (Mr., U.S., J.)?"""
    aw = a.w
    if aw[k] != ".":
        return False
    prev = aw[k - 1]
    # "U.S.", "D.Y.", "B.C." but not a web address ("Mic.com.")
    return prev in _TITLE_ABBR or len(prev) == 1 or ("." in prev and prev[:1].isupper()
                                                     and len(prev.rsplit(".", 1)[1]) <= 2)


def _np_back(a: _Article, j: int, lo: int) -> int | None:
    """Start token of the noun phrase that ends at token ``j`` (walking left, not past ``lo``)."""
    aw = a.w
    if j < lo:
        return None
    w = aw[j]
    lw = w.lower()
    # "who said": the relative pronoun is the mention, resolved later
    if (lw in _PRON or lw in _REL) and not (lw in ("that", "this", "one") and j - 1 >= lo
                                             and aw[j - 1].lower() in _DET):
        return j
    if lw in _PARTITIVE_HEADS and j - 2 >= lo and aw[j - 1].lower() == "of" and aw[j - 2].lower() in _PARTITIVES:
        # 'One of them said', 'Most of us told', 'A majority of those': a part of a group
        return j - 3 if j - 3 >= lo and aw[j - 3].lower() in ("a", "the") else j - 2
    if (not w[:1].isalnum() or lw in _STOP) and not (j - 1 >= lo and _abbr_dot(a, j)):
        return None
    k = j
    start = None      # last confirmed start
    seen_and = False
    n = 0
    while k >= lo and n < 14:
        w = aw[k]
        lw = w.lower()
        n += 1
        if w == "." and k - 1 >= lo and _abbr_dot(a, k):
            k -= 1
            continue
        if lw in ("\u2019s", "'s", "'", "\u2019") and k > lo and k != j:
            k -= 1
            continue
        c = w[:1]
        if (c.isupper() or c.isdigit()) and c.isalnum() and (lw not in _DET or (w == "A" and aw[k + 1] == ".")
                                                              or (w == "No" and aw[k + 1][:1].isdigit())):
            start = k  # _is_cap, inlined: hot; "A." is an initial ("Prof. A. Roy"), "No 10" a number
        elif lw in _DET:
            start = k
            # a determiner opens the phrase unless "of"/"for" attaches it to a head on its left
            left = aw[k - 1].lower() if k - 1 >= lo else ""
            if left in _QUANT_LEAD:  # "at least a dozen members", "less than a third"
                start = k - 1
                if k - 2 >= lo and aw[k - 2].lower() in ("at", "less", "more", "fewer", "well"):
                    start = k - 2
                break
            if left in _DET and (left not in _ARTICLES or lw in _NUMBER_WORDS or lw in ("other", "few", "many")):
                k -= 1  # "all five", "some three hundred", "the two leaders", "the other officials"
                start = k
                left = aw[k - 1].lower() if k - 1 >= lo else ""
            if left == "and" and k - 2 >= lo and _is_cap(aw[k - 2]) and lw in ("his", "her", "their", "its"):
                k -= 1  # "Bush and his rivals"
                seen_and = True
            elif left not in ("of", "for", "at", "from", "with", "by", "in", "to"):
                break
        elif lw in ("and", "&") and _is_cap(aw[k + 1]) and k - 1 >= lo and _is_cap(aw[k - 1]) \
                and aw[k - 1][:1].isalpha() and start is not None:
            seen_and = True  # "Russia and North Korea"
        elif w == "," and seen_and and _is_cap(aw[k + 1]) and k - 1 >= lo and _is_cap(aw[k - 1]) \
                and aw[k - 1][:1].isalpha():
            pass  # "The US, Japan and South Korea": a list of names
        elif lw in _NP_INNER and k != j and k - 1 >= lo and aw[k - 1][:1].isalnum() \
                and aw[k - 1].lower() not in _STOP:
            pass
        elif c.isalpha() and not c.isupper() and lw not in _STOP and lw not in _NP_INNER \
                and lw not in _verbs_set():
            start = k
        else:
            break
        k -= 1
    if start is None:
        return None
    # trim words the phrase cannot start with ("But Trump", "Meanwhile Trump", "As Clinton")
    while start <= j and ((aw[start] in _NP_INNER) or aw[start] in (",", "and", "&", ".")
                          or aw[start] in ("\u2019s", "'s")
                          or (start < j and aw[start].lower() in _LEAD_OR_STOP
                              and aw[start].lower() not in _DET)):
        start += 1
    if start > j:
        return None
    # a run of bare lower-case words: keep the head and its nearest modifiers only
    if j - start >= 3 and all(not aw[i][:1].isupper() for i in range(start, j + 1)) \
            and aw[start].lower() not in _DET and not (
                j - start <= 4 and aw[start + 1].lower() in ("for", "of") and aw[start + 2].lower() in _DET):
        return None  # but "attorneys for the family", "lawyers for the victims" are one phrase
    return start


_VSET: frozenset[str] | None = None


def _verbs_set() -> frozenset[str]:
    global _VSET
    if _VSET is None:
        _VSET = frozenset(f for f in _verbs() if " " not in f)
    return _VSET


_POSS_ENDS = ("'s", "\u2019s")


def _np_fwd(a: _Article, k: int, hi: int, strict: bool = False) -> int | None:
    """Last token of the noun phrase that starts at token ``k`` (not past ``hi``).

    With ``strict`` the phrase must open with a name, a determiner or a pronoun.
    """
    aw = a.w
    if k >= hi:
        return None
    w = aw[k]
    lw = w.lower()
    if lw in _PARTITIVES and aw[k + 1].lower() == "of" and aw[k + 2].lower() in _PARTITIVE_HEADS and k + 2 < hi:
        return k + 2  # '..., said one of them.'
    if lw in _PRON and not (lw in _DET and aw[k + 1][:1].islower() and aw[k + 1] not in _STOP
                            and aw[k + 1] not in _NP_INNER) \
            and not (lw in ("one", "that", "this") and aw[k + 1][:1].isupper() and aw[k + 2][:1].isalpha()):
        return k  # a pronoun, but "one diplomat", "that official", "one Democratic source" are noun phrases
    if not w[:1].isalnum() or (lw in _STOP and lw not in _DET):
        return None
    if strict and (not (_is_cap(w) or lw in _DET) or w in _WEEKDAYS or w in _MONTHS
                   or lw in ("today", "yesterday", "tonight", "last", "this", "next")):
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
        elif w == "/" and i > k and aw[i - 1][:1].isdigit() and aw[i + 1][:1].isdigit() \
                and a.tstart[i] == a.tend[i - 1] and a.tend[i] == a.tstart[i + 1]:
            pass  # "9/11 widow Terry Strada"
        elif lw in ("of", "for", "at", "from", "by", "with", "&", "in") and i + 1 < hi and \
                (_is_cap(aw[i + 1]) or aw[i + 1].lower() in _DET) or lw in ("and",) and end == i - 1 and i + 1 < hi and _is_cap(aw[i + 1]):
            pass
        elif w[:1].isalpha() and not w[:1].isupper() and lw not in _STOP and lw not in _CLAUSE_START_NOT_DET \
                and lw not in _verbs_set() and lw != "that" and lw not in _ARTICLES \
                and (not _adverb_ly(lw) or (aw[i - 1].lower() in _DET and aw[i + 1].endswith("ed"))) \
                and not (i > k and lw.endswith("ed") and aw[i - 1].endswith("s") and aw[i - 1][:1].islower()
                         and aw[i - 1].lower() not in _DET and aw[i - 1].lower() not in _NP_INNER):
            # (but "demonstrators marched": a plural noun, then its verb)
            if seen_cap and end == i - 1 and aw[i - 1][:1].isupper() and not aw[i - 1].endswith(_POSS_ENDS) \
                    and aw[i - 1] not in ("'", "\u2019") \
                    and not _particle_name(w) and not any(
                    _is_cap(aw[x]) and aw[x][:1].isalpha() for x in range(i + 1, min(hi, i + 3))):
                # "Carly Fiorina threw ...": a lower-case word after a name ends the phrase, but not
                # after a possessive ("Labour's shadow chancellor")
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


def _skip_after_cue(a: _Article, k: int, hi: int, tell: bool) -> int:
    """Skip adverbials ("on Tuesday", "in a statement") and, for tell-like verbs, the addressee."""
    aw = a.w
    for _ in range(3):
        if k >= hi:
            return k
        w = aw[k]
        lw = w.lower()
        if w in _WEEKDAYS or lw in ("yesterday", "today", "tonight", "again", "also", "repeatedly",
                                    "publicly", "privately", "previously", "earlier", "later", "aloud",
                                    "afterwards", "afterward", "too", "though") or \
                (_adverb_ly(lw) and w.islower() and lw not in ("only", "early", "likely")):
            k += 1
            continue
        if tell and w[:1].islower() and lw not in _RECIPIENT_WORDS:
            # 'told staff the bank would ...', 'told union members that ...': a bare plural or mass
            # noun as the addressee, up to the clause that opens the content
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
                    k = x
                    tell = False
                    continue
            elif x > k and x < hi and (lnxt in _CLAUSE_START or (_is_cap(nxt) and nxt[:1].isalpha())):
                k = x
                tell = False
                continue
        if tell and (lw in _RECIPIENT_WORDS or _is_cap(w) or lw in _DET) and lw not in ("that", "this"):
            e = _np_fwd(a, k, hi) if lw not in _RECIPIENT_WORDS else k
            if e is not None:
                k = e + 1
                tell = False
                continue
        nxt = aw[k + 1].lower()
        if (lw in ("last", "this", "earlier") and nxt in _TIME_UNITS) or (
                lw in ("on", "in", "during") and (aw[k + 1] in _WEEKDAYS or aw[k + 1] in _MONTHS)):
            k += 2  # 'told reporters last week the plant would close': the time alone, not the clause after it
            while k < hi and aw[k][:1].isdigit() and len(aw[k]) <= 4 and aw[k - 1][:1] != ",":
                k += 1  # 'in June 2012', 'on March 3'
            continue
        if lw in _ADV_PREP and not (lw == "at" and nxt in ("least", "most") or lw in ("over", "under", "about")
                                    and (nxt[:1].isdigit() or nxt in _NUMBER_WORDS)):
            # consume up to the next clear boundary ("that", ",", ":", a quotation mark), but "said
            # at least 12 people died" and "said over 100 were hurt" start their content there
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
                k = i
                continue
        break
    return k


def _clause_subject(a: _Article, lo: int, hi: int) -> tuple[int, int] | None:
    """The subject at the start of a clause: a name, a phrase with an appositive, or a pronoun."""
    aw = a.w
    k = lo
    while k < hi and (_is_quote_tok(aw[k]) or aw[k] in ("(", "-", "\u2014")):
        k += 1
    if aw[k].lower() in _LEAD_WORDS and aw[k].lower() not in _PRON:
        # "In August, several groups granted ..., saying": the subject comes after the adverbial
        c = next((x for x in range(k + 1, min(hi, k + 8)) if aw[x] == ","), None)
        if c is not None:
            k = c + 1
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


_LEAD_WORDS = {"on", "in", "at", "after", "before", "during", "asked", "speaking", "reached", "earlier",
               "later", "meanwhile", "but", "and", "however", "still", "yet", "now", "then", "so", "also",
               "since", "when", "while", "as", "if", "though", "although", "because", "for", "with",
               "without", "despite", "like", "unlike", "by", "from", "under", "over", "last", "this",
               "back", "instead", "separately", "similarly", "overall", "today", "yesterday", "here",
               "there", "elsewhere", "indeed", "moreover", "again", "once", "even"}
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


def _appositive_subject(a: _Article, lo: int, j: int) -> tuple[int, int] | None:
    """Subject of ``Name, appositive, said``: token span (start, end) ending before ``j``.

    The name starts at the sentence start or right after a comma (skipping a leading adverbial
    such as "On Tuesday," or "While X did Y,"); the appositive runs up to the comma before the cue.
    """
    aw = a.w
    starts = [lo]
    for c in range(lo, j):
        if aw[c] in (",", "\u2014", "--", "\u2013"):
            starts.append(c + 1)
    for k in starts:
        while k < j and (_is_quote_tok(aw[k]) or aw[k] in ("(", "-", "\u2014", "\u2013")):
            k += 1
        if k >= j or j - k > 40:
            continue
        if (aw[k].lower() in _CONNECTIVES or (aw[k] == "As" and _is_cap(aw[k + 1]))) and k + 1 < j \
                and aw[k + 1] != ",":
            k += 1  # "But Matt Morrison, the group's deputy director, said", "As John Cornyn, ..., put it:"
        first = aw[k]
        if first.lower() in _LEAD_WORDS or first.lower() in _STOP or first in _WEEKDAYS or first in _MONTHS:
            continue  # an adverbial segment ("On Sunday night in South Carolina,")
        e = _np_fwd(a, k, j, strict=True)
        if e is None or e >= j:
            continue
        e = _role_tail(a, k, e, j)
        if aw[e + 1].lower() == "who" and aw[k].lower() in _DET:
            # 'An official who attended the talks, speaking on condition of anonymity, said': a
            # restrictive relative clause up to the comma is part of the phrase
            c = e + 2
            while c < j and c - e < 16 and aw[c][:1].isalnum() and aw[c].lower() not in _REL:
                c += 1
            if c < j and aw[c] == "," and c - e > 2:
                e = c - 1
        nxt = aw[e + 1]
        if nxt not in (",", "\u2014", "--", "(", "\u2013"):
            continue
        after = aw[e + 2].lower() if e + 2 < j else ""
        if nxt == "(":
            close = e + 1
            while close < j and aw[close] != ")":
                close += 1
            if close <= j and close - e < 8:
                if aw[close + 1] == "," and close + 2 < j and aw[close + 2].lower() in _DET:
                    end = j - 1  # 'Rep. Jim Jordan (R-Ohio), an oversight panel member, said'
                    while end > close and aw[end] in (",", "\u2014", "--", "\u2013"):
                        end -= 1
                    return k, end
                return k, close
            continue
        if after in _REL or after in _LEAD_WORDS or after.endswith("ing") or after in ("whose", "whom"):
            return k, e  # "Zucker, who in the past ...": the name alone
        # "Name, a Trump supporter," / "Clinton, 35, the daughter of ...": the appositive is part of the mention
        end = j - 1
        while end > e and aw[end] in (",", "\u2014", "--", "\u2013"):
            end -= 1
        return k, end
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


_AUXILIARIES = frozenset({"has", "have", "had", "will", "would", "did", "does", "do", "can", "could", "may",
                          "might", "must", "should", "shall"})


@functools.lru_cache(maxsize=1)
def _inversion_verbs() -> frozenset[str]:
    return _lexicon.words("quote_inversion_verbs.txt")


@functools.lru_cache(maxsize=1)
def _direct_only_verbs() -> frozenset[str]:
    return _lexicon.words("quote_direct_only_verbs.txt")


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


def _adverbial_at(a: _Article, x: int) -> bool:
    """Does token ``x``, right after an inverted speaker, open an adverbial of the cue ("on Monday",
    "in a statement", "of his former coach") rather than continue the speaker mention?"""
    aw = a.w
    w = aw[x]
    lw = w.lower()
    if lw in _TIME_ADVERBS and w[:1].islower():
        nxt = aw[x + 1]
        return nxt in (".", ",", ";", "!", "?") or nxt.lower() in _TIME_NOUNS or nxt in _WEEKDAYS or nxt in _MONTHS
    if w in _WEEKDAYS or (lw in _ADVERBIAL_OPENERS and w[:1].islower()):  # not "USA Today"
        return True
    if w[:1].islower() and _adverb_ly(lw) and aw[x + 1] in (".", ",", ";", "!", "?"):
        return True  # 'said Smith quietly', but 'a newly elected councillor'
    if lw in _OCCASION_PARTICIPLES:
        return aw[x + 1].lower() in ("to", "on", "in", "at", "before", "from", "with")
    if lw == "of":
        if aw[x + 1].lower() in _POSS_PRON:
            return True  # 'said Smith of his former coach': about, not affiliation
        if _is_cap(aw[x - 1]) and aw[x - 1][:1].isalpha() and aw[x + 1].lower() in ("the", "a", "an"):
            # 'said Smith of the decision' (about) but 'said Jane Doe of the University of Toronto'
            for y in range(x + 2, x + 6):
                if _is_cap(aw[y]) and aw[y][:1].isalpha():
                    return False
                if not aw[y][:1].isalpha():
                    return True
        return False
    if lw == "in" and _is_cap(aw[x - 1]) and aw[x - 1][:1].isalpha() and aw[x + 1][:1].isupper() \
            and aw[x - 1] not in _TITLE_ABBR:
        return True  # 'said Mr. Ruto in Nairobi': where, not who (but 'a farmer in Kano' is who)
    if lw in _SETTING_PREPS:
        settings = _cue_settings()
        for y in range(x + 1, x + 4):
            ly = aw[y].lower()
            if (ly in settings and lw != "to" and (lw == "on" or aw[y][:1].islower())) or aw[y] in _WEEKDAYS \
                    or aw[y] in _MONTHS or (lw == "to" and ly in _RECIPIENT_WORDS):
                return True  # 'on Instagram', but 'head of policy at Facebook' is an affiliation
            if not (ly in _DET or (ly[:1].isalpha() and ly not in _STOP)):
                return False
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


@functools.lru_cache(maxsize=1)
def _place_abbreviations() -> frozenset[str]:
    """"Calif", "Ind", "Ont": state and province abbreviations (the sentence splitter's lexicon)."""
    return frozenset(k.removesuffix(".") for k, v in _lexicon.table("abbreviations.txt").items() if v == "place")


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


def _content_from(a: _Article, k: int, hi: int, sent_end: int, sp: tuple[int, int] | None,
                  cue: tuple[int, int], conf: float, clause: bool = False) -> _Stmt | None:
    """Content that starts at token ``k`` and runs to the end of the sentence (or quotation).

    With ``clause`` it stops at the end of the clause instead ("endorsed Cruz last week, saying").
    """
    text = a.text
    while k < hi and a.w[k] in (",", ":", "\u2014", "--", "-"):
        k += 1
    if k >= hi:
        if k - 1 >= 0 and a.w[k - 1] == ":" and a.tstart[k - 1] < sent_end:
            # 'He said:' ending its paragraph, the quotation opening the next one
            p = a.tend[k - 1]
            n = 0
            while p < len(text) and text[p] in " \t\r\n\u00a0" and n <= 3:
                n += text[p] == "\n"
                p += 1
            q = a.q_by_start.get(p)
            if q is not None and n <= 3 and (not q.single or a.single_style):
                return _Stmt(q.start, q.end, "direct", sp, cue, conf)
        return None
    s = a.tstart[k]
    q = a.q_by_start.get(s)
    if q is not None:
        n = q.end
        while n < len(text) and text[n] in " \t\u00a0":
            n += 1
        inner_end = text[q.start:q.end].rstrip(_QUOTE_CHARS + " ")[-1:]
        if n >= len(text) or not (text[n].isalnum() or text[n] in "([") or inner_end in (".", "!", "?") \
                or n >= sent_end:
            return _Stmt(q.start, q.end, "direct", sp, cue, conf)
        # 'said "it gets me mad" every time ...', "confirmed 'several' deliveries": the sentence goes
        # on after the quotation, so the quotation is a fragment of indirect content
    e = sent_end
    verbs = _verbs_set()
    cls_of = _verbs()
    rel_speaker = sp is not None and sp[1] - sp[0] <= 5 and text[sp[0]:sp[1]].lower() in ("who", "which")
    aw = a.w
    # The tokens up to the sentence end (and hi - 1); only a comma, "and" or "but" can end the
    # content early, so a comprehension picks those out and the tests run on them alone.
    stop = bisect.bisect_left(a.tstart, e, k + 1, max(k + 1, hi - 1))
    for i in [i for i, w in enumerate(aw[k + 1:stop], k + 1) if w in _COMMA_AND_BUT]:
        w = aw[i]
        if w == "," and aw[i + 1].lower() in _PARTICIPLE_TAIL:
            e = a.tstart[i]  # "..., adding that ...": a statement of its own
            break
        if w == "," and rel_speaker and (aw[i + 1] in verbs or (aw[i + 1] in _SKIP_BEFORE and aw[i + 2] in verbs)):
            e = a.tstart[i]  # 'X, who voted against the bill, said ...': the relative clause ends, X speaks
            break
        if w == "," and aw[i + 1] == "but" and aw[i + 2] in _SUBJECT_PRON:
            e = a.tstart[i]  # "said A, but he refused B": the narration goes on, the content ends
            break
        if w != "," and (aw[i + 1] in verbs or (aw[i + 1] in _SKIP_BEFORE and aw[i + 2] in verbs)) \
                and aw[i - 1] not in _PRON and (clause or cls_of.get(
                    aw[i + 1] if aw[i + 1] in verbs else aw[i + 2]) != "attitude"):
            # "said A and said that B": the second cue starts a statement of its own; but in "said
            # the party backed A but opposed B" the stance is the reported clause's, not the speaker's
            e = a.tstart[i]
            break
    if clause:
        for i in [i for i, w in enumerate(aw[k + 1:hi], k + 1) if w in _CLAUSE_BREAKS]:
            w = aw[i]
            if w != "," or aw[i + 1].lower() in _CLAUSE_CUT or aw[i + 1].lower() in _PARTICIPLE_TAIL:
                e = a.tstart[i]
                break
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
_COMMA_AND_BUT = frozenset((",", "and", "but"))
# an adverbial clause after a cue's adverbials ('"...," she told CBS on Tuesday, when ...') is no content
_SUBORDINATORS = frozenset(("when", "while", "as", "after", "before", "because", "since", "though", "although",
                            "where", "until", "once"))
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


def _drop_nested(a: _Article, out: list[_Stmt]) -> list[_Stmt]:
    """Drop statements whose cue sits inside another statement's reported clause and is a stance or
    a belief ('said the council opposed the tower', 'told the crowd that she expected the vote to
    pass') or a possibility ('told staff the bank would acknowledge its failings'): what was said,
    not an attribution of its own (PolNeAR rarely annotates these). ``out`` is sorted by start."""
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


def _finish(a: _Article, stmts: list[_Stmt]) -> list[_Stmt]:
    """Drop duplicates and non-statements, mark used quotations, and attach floating quotations."""
    seen: set[tuple[int, int]] = set()
    out: list[_Stmt] = []
    for st in stmts:
        if (st.start, st.end) in seen or not _is_speech(a, st):
            continue
        seen.add((st.start, st.end))
        out.append(st)
    out.sort(key=lambda s: s.start)
    out = _drop_nested(a, out)
    # '"...," said Ann Lee, a lawyer, who has been challenging the industry for years.': a relative
    # clause with a verb of attitude describes the speaker; it is no statement of its own
    sp_ends = {st.sp[1] for st in out if st.sp is not None and st.kind == "direct"}
    if sp_ends:
        verbs = _verbs()
        keep = []
        for st in out:
            cue = st.cue
            cue_word = a.text[cue[0]:cue[1]].lower() if cue is not None else ""
            if st.sp is not None and a.text[st.sp[0]:st.sp[1]].lower() in ("who", "which") and (
                    verbs.get(cue_word) in ("attitude", "belief")
                    or (cue is not None and cue_word.endswith("ing")
                        and a.text[max(0, cue[0] - 6):cue[0]].rstrip().endswith(
                        ("been", "is", "was", "are", "were")))):  # 'who has been challenging the industry'
                b = st.sp[0]
                while b > 0 and a.text[b - 1] in " ,\t\u00a0":
                    b -= 1
                if b in sp_ends:
                    continue
            keep.append(st)
        out = keep
    # a cue inside another statement's speaker mention ("Don Fowler, who has backed Clinton, said")
    # describes the speaker; it is not a statement of its own
    # (or a relative clause inside it: "Two senators who voted against the bill said")
    spans = sorted({st.sp for st in out if st.sp is not None and (
        st.sp[1] - st.sp[0] > 30 or " who " in a.text[st.sp[0]:st.sp[1]] or " that " in a.text[st.sp[0]:st.sp[1]])})
    if spans:
        sp_starts = [x[0] for x in spans]
        keep = []
        for st in out:
            i = bisect.bisect_right(sp_starts, st.cue[0]) - 1 if st.cue else -1
            if i >= 0 and spans[i][0] <= st.cue[0] and st.cue[1] <= spans[i][1] and st.sp != spans[i]:  # type: ignore[index]
                continue
            keep.append(st)
        out = keep
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
        if prev is not None and _MERGE_SPLIT and prev.kind == "direct" and prev.cue is not None \
                and prev.start <= prev.cue[0] and prev.cue[1] <= q.start and prev.end <= prev.cue[0] \
                and not _SPLIT_GAP_BREAK.search(text, prev.end, q.start) and q.start - prev.end < 400 \
                and text[prev.start:prev.end].rstrip(_QUOTE_CHARS + " ")[-1:] not in (".", "!", "?") \
                and not _is_title(a, q):
            # '"A," he said. "B."': the second half of a split quote extends the statement. Not after
            # '"A!" insists X.' or '"A?" he asked.': A is a whole utterance and B a new one.
            prev.parts = (prev.parts or [(prev.start, prev.end)]) + [(q.start, q.end)]
            prev.end = q.end
            covered[k] = (prev.start, prev.end)
            continue
        words = len(text[q.start:q.end].split())
        inner = text[q.start + 1:q.end - 1].rstrip(_QUOTE_CHARS + " ")
        # a short one ('"I absolutely do."') only right after a direct quote's attribution, in its paragraph
        short_ok = prev is not None and prev.kind == "direct" and prev.end <= q.start \
            and q.start - prev.end < 120 and "\n" not in text[prev.end:q.start]
        if (words < 4 and not short_ok) or not inner or (inner[-1] not in ".!?,;:\u2014-" and words < 8):
            continue
        # the quotation must open a sentence (not sit inside one as a scare quote or title)
        b = q.start
        while b > 0 and text[b - 1] in " \t\u00a0":
            b -= 1
        if b > 0 and text[b - 1] not in ".!?\n" + _QUOTE_CHARS + ":)\u2014":
            continue
        prev = out[k] if k >= 0 else None
        if prev is None or prev.sp is None:
            continue
        gap = text[prev.end:q.start]
        if gap.count("\n") > 2 or len(gap) > 400 or prev.kind == "indirect" and gap.count("\n") > 0:
            continue
        # the speaker and the cue that attribute it are the previous statement's
        floating.append(_Stmt(q.start, q.end, "direct", prev.sp, prev.cue, 0.5))
    if floating:
        out = sorted(out + floating, key=lambda s: s.start)
    return out


# ----------------------------------------------------------------------------- public API
def quotes_in(text: str) -> list[dict]:
    """Statements in one text, as dicts with the quotes columns (without ``article_id``).

    Examples:
        >>> [(r["type"], r["speaker"], r["cue"]) for r in quotes_in('"It works," she said.')]
        [('direct', 'she', 'said')]
    """
    return [dict(zip(_ROW_COLUMNS, r)) for r in _rows_in(text)]


_STR_COLS = ["type", "text", "speaker", "speaker_name", "speaker_role", "cue"]
_STR = pd.Series(["x"]).dtype  # pandas' default string dtype: "str" on pandas 3, object on pandas 2
_ROW_COLUMNS = COLUMNS[1:]  # a row of _rows_in: every column but article_id, in table order


@functools.lru_cache(maxsize=1)
def _confidence() -> dict[tuple[float, str], float]:
    """(rule prior, type) -> the share of such statements that were right on PolNeAR train
    (``newslab/data/quote_confidence.txt``, written by ``tools/calibrate_quotes.py``)."""
    return {(float(r[0]), r[1]): float(r[2]) for r in _lexicon.rows("quote_confidence.txt")}


def _rows_in(text: str) -> list[tuple]:
    """The rows of :func:`quotes_in` as plain tuples (cheaper to build and to turn into columns)."""
    if not isinstance(text, str) or not text.strip():
        return []
    a, stmts = _find_statements(text)
    mentions = sorted({st.sp for st in stmts if st.sp is not None})
    resolved = dict(zip(mentions, resolve_speakers(text, mentions))) if mentions else {}
    rows = []
    sents, sstart = a.sents, a.sstart
    conf = _confidence()
    for i, st in enumerate(stmts):
        si = max(0, bisect.bisect_right(sstart, st.start) - 1)  # a.sent_of, inlined
        sp, cue = st.sp, st.cue
        name, role = resolved.get(sp, (None, None)) if sp else (None, None)
        rows.append((
            i, st.kind, st.start, st.end, text[st.start:st.end],
            text[sp[0]:sp[1]] if sp else None, sp[0] if sp else None, sp[1] if sp else None,
            name, role,
            text[cue[0]:cue[1]] if cue else None, cue[0] if cue else None, cue[1] if cue else None,
            si if sents else None, sents[si][2] if sents else None,
            conf.get((st.conf, st.kind), st.conf), st.parts or [(st.start, st.end)],
        ))
    return rows


@corpus_step
def quotes(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per attributed statement: who said what, with exact offsets.

    Args:
        articles: a DataFrame with ``article_id`` and ``text`` (NaN or empty text gives no rows).

    Returns:
        The quotes table: ``article_id``, ``quote_id``, ``type`` (direct | indirect | mixed),
        ``start``, ``end``, ``text``, ``speaker``, ``speaker_start``, ``speaker_end``,
        ``speaker_name``, ``speaker_role``, ``cue``, ``cue_start``, ``cue_end``, ``sentence_id``,
        ``paragraph_id``, ``confidence``, ``content_spans``. Offsets index the article text; a
        missing speaker or cue has NA offsets. ``content_spans`` is a list of ``(start, end)``
        pieces of the quoted content alone: one piece, ``(start, end)``, for an ordinary
        statement; for a split quote (``"A," he said. "B."``, one row from A's opening to B's
        closing mark, as PolNeAR counts it) one piece per quotation, marks included, leaving out
        the attribution between them, so content can be scored or counted without the speaker's
        name and the cue. ``confidence`` is the share of statements found by the same rule, of
        the same type, that matched a gold quote on PolNeAR train (``tools/calibrate_quotes.py``):
        about 0.96 for a quotation with its cue beside it, 0.55 for a floating one. Filter on it
        to trade recall for precision.

    Examples:
        >>> arts = pd.DataFrame({"article_id": ["a1"], "text": [
        ...     "\u201cWe will win,\u201d Ann Lee said. The mayor added that taxes would fall."]})
        >>> q = quotes(arts)
        >>> q[["type", "text", "speaker", "cue"]].values.tolist()
        [['direct', '\u201cWe will win,\u201d', 'Ann Lee', 'said'], ['indirect', 'that taxes would fall', 'The mayor', 'added']]
        >>> split = quotes(pd.DataFrame({"article_id": ["a2"], "text": ['"We will win," she said. "Taxes will fall."']}))
        >>> split[["text", "content_spans"]].values.tolist()
        [['"We will win," she said. "Taxes will fall."', [(0, 14), (25, 43)]]]
    """
    if "text" not in articles.columns:
        raise ValueError(f"quotes() needs a 'text' column (and 'article_id'); got columns {list(articles.columns)}. "
                         "Load a corpus with newslab.load_articles(path) first.")
    rows: list[tuple] = []
    aids: list = []
    ids = articles["article_id"] if "article_id" in articles.columns else pd.Series(range(len(articles)))
    for aid, text in zip(ids.tolist(), articles["text"].tolist()):
        got = _rows_in(text)
        rows += got
        aids += [aid] * len(got)
    # Plain tuples per row and one DataFrame from whole columns at the end: no dict per row. Each
    # column is built once, with its final dtype: letting pandas infer the text columns first and
    # converting them afterwards cost twice the string conversion.
    # (an empty table gets object columns, as any empty DataFrame, before the declared dtypes)
    columns: list[Any] = [aids, *map(list, zip(*rows))] if rows else [np.empty(0, dtype=object)] * len(COLUMNS)
    data: dict[str, Any] = {}
    for c, values in zip(COLUMNS, columns):
        if c in _INT_COLS:
            if None in values:
                data[c] = pd.array(values, dtype="Int64")
            else:  # no missing value: one numpy conversion instead of pandas' checks per item
                data[c] = pd.arrays.IntegerArray(np.array(values, dtype=np.int64), np.zeros(len(values), dtype=np.bool_))
        elif c in _STR_COLS and _STR != object:
            # Declared, not inferred: a batch whose speaker_role is missing on every row must not
            # come out as object while another batch's is str, or concatenated batches (n_jobs,
            # Dask) would differ.
            data[c] = pd.array(values, dtype=_STR)
        else:
            data[c] = values
    df = pd.DataFrame(data, columns=COLUMNS)
    df["confidence"] = df["confidence"].astype("float64")
    return df

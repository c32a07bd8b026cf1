"""Who does what to whom: one linear pass over a text's tokens, and the role of a target in it.

``analyse(text)`` tokenises a text once and gives every token what stance needs: its tone (VADER's
lexicon and newslab's news words, negation applied), whether it is a stance *act* (a cue of
``stance_against.txt`` / ``stance_favor.txt``: "condemn", "criticism", "ties"), plain bad news
(``stance_events.txt``: "war", "crisis", "killed" report an event, they do not oppose anyone), its
clause and its sentence. ``roles(doc, t0, t1)`` then reads the structure around a mention in a
bounded window, without a parser:

- **agent**: the target does the act ("Acme condemned ...", "condemned by Acme", "Acme's
  condemnation");
- **patient**: the act is done to it ("condemned Acme", "Acme was condemned", "condemnation of
  Acme", "ties with Acme");
- **inside the object of another act**: "X criticized Y's condemnation of Z": Y is the agent of
  "condemnation", which is the patient of "criticized", so X is against Y and, condemnation of Z
  being criticized, for Z. Signs multiply along the chain (at most ``_MAX_DEPTH`` acts).

Every step looks at most ``_WINDOW`` tokens away inside the mention's clause, so the cost of a
mention does not depend on the length of its text. Evidence reads
``criticized -> patient: the USA's condemnation`` (the outermost act, the role the target's
phrase plays for it, and the phrase).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, chain, compress
from operator import attrgetter
from typing import Any

from . import _lexicon

# Quote characters and apostrophes -> ASCII, one character for one, so offsets stay valid.
_NORMALISE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"',
                            "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2014": "-",
                            "\u2013": "-"})
_PAIRS = tuple((chr(k), v) for k, v in _NORMALISE.items())
# Words, contractions ("isn't", "Russia's"), hyphenated words, and single punctuation marks.
_TOKEN = re.compile(r"\w+(?:['\-]\w+)*|[^\w\s]")
_CLAUSE_PUNCT = frozenset(";:()[]-\"!?.")
_CLAUSE_WORDS = frozenset({"but", "while", "whereas", "although", "though", "however", "yet", "because",
                           "which", "who", "whom", "whose", "unlike", "despite", "if", "unless", "whether",
                           "that"})
_PASSIVE_AUX = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "getting"})
#: Words that may stand between an act and the noun phrase it governs ("condemnation of its
#: deepening relations with"): determiners, possessive pronouns and the prepositions of an object.
_NP_GLUE = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "that", "those",
                      "of", "with", "for", "to", "toward", "towards", "against", "on", "over", "between",
                      "and", "about", "any", "all", "new", "close", "closer"})
#: Words that end an act's object phrase: what follows is another event or clause, not the object
#: ("discussed sanctions against Russia before Mr Trump took office": Mr Trump is no patient).
_OBJECT_BREAK = frozenset({"before", "after", "when", "since", "until", "till", "than", "as", "once", "where",
                           "then", "whenever"})
_NEG_WINDOW = 3  # a negator flips the next 3 words (VADER's window)
_NEG_SCALE = -0.74  # VADER's N_SCALAR
_WINDOW = 12  # tokens: how far from a mention an act can be and still govern it
_RIGHT_REACH = 7  # tokens after a mention (exclusive) where _right_act looks for its act
_MAX_DEPTH = 4  # acts nested in acts: "criticized the condemnation of its relations with X"


def normalise(text: str) -> str:
    """Curly quotes and apostrophes to ASCII, one character for one (offsets stay valid).

    Examples:
        >>> normalise("It isn\u2019t \u201cgreat\u201d")
        'It isn\\'t "great"'
    """
    if text.isascii():  # O(1) in CPython: most news texts hold no curly quote at all
        return text
    # str.replace per character is a C scan each; str.translate with a dict costs a lookup per character
    for a, b in _PAIRS:
        if a in text:
            text = text.replace(a, b)
    return text


# --------------------------------------------------------------------------- word information
@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, float], dict[str, float], dict[str, float], frozenset[str], frozenset[str]]:
    """(tone lexicon on -1..1, against acts, favor acts, bad-news events, negators)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    tone = {w: v / 4.0 for w, v in SentimentIntensityAnalyzer().lexicon.items()}
    for w, v in _lexicon.table("sentiment_news.txt").items():
        tone.setdefault(w, float(v) / 4.0)
    for w in _lexicon.words("sentiment_topical.txt"):
        tone.pop(w, None)

    def cues(name: str) -> dict[str, float]:
        return {r[0].lower(): float(r[1]) if len(r) > 1 and r[1] else 1.0 for r in _lexicon.rows(name)}

    return (tone, cues("stance_against.txt"), cues("stance_favor.txt"), _lexicon.words("stance_events.txt"),
            _lexicon.words("stance_negators.txt"))


_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""),
             ("s", ""), ("d", ""), ("ation", ""), ("ation", "e"), ("ion", ""), ("ion", "e"), ("ers", ""),
             ("er", ""), ("ly", ""))


def stems(w: str) -> list[str]:
    """Candidate base forms of an inflected lower-case word, the word itself first: what the stance
    lexicons (acts, events, wrongs) are matched against, so they can list base forms only.

    Examples:
        >>> stems("slammed")[:3]
        ['slammed', 'slamm', 'slam']
        >>> "criticize" in stems("criticized"), "accusation" in stems("accusations")
        (True, True)
    """
    out = [w]
    for suf, rep in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            base = w[: len(w) - len(suf)] + rep
            out.append(base)
            if rep == "" and len(base) >= 4 and base[-1] == base[-2]:
                out.append(base[:-1])
    return out


@dataclass(frozen=True)
class Word:
    """What stance knows about one lower-cased word (cached per word, not per token)."""

    tone: float  # -1..1, 0 for words without tone and for bad-news events
    act: int  # +1 a friendly act, -1 a hostile act, 0 none
    weight: float  # the act's strength
    stem: str  # the act's lexicon form
    event: bool  # plain bad news ("war", "killed")
    negator: bool


class _Memo(dict):  # type: ignore[type-arg]
    """key -> ``make(key)``, made on first use: a hit is one C-level dict lookup (``map`` of
    ``__getitem__`` over a text's tokens), cheaper than an LRU cache's bookkeeping. Emptied when it
    holds ``size`` entries, so a corpus of rare words cannot grow it without end.

    Examples:
        >>> m = _Memo(str.upper, 2)
        >>> m["a"], m["b"], m["c"], len(m)
        ('A', 'B', 'C', 1)
    """

    def __init__(self, make: Any, size: int) -> None:
        super().__init__()
        self.make, self.size = make, size

    def __missing__(self, key: Any) -> Any:
        if len(self) >= self.size:
            self.clear()
        out = self[key] = self.make(key)
        return out


def word(w: str) -> Word:
    """The stance information of a lower-cased word.

    Examples:
        >>> word("condemned").act, word("ties").act, word("war").event, word("war").tone
        (-1, 1, True, 0.0)
    """
    return _WORDS[w]


def _word(w: str) -> Word:
    tone, against, favor, events, negators = _tables()
    base = w[:-2] if w.endswith(("'s", "s'")) else w
    forms = stems(base)
    is_event = any(s in events for s in forms)
    act, weight, stem = 0, 0.0, ""
    if not is_event:
        for table, sign in ((against, -1), (favor, 1)):
            hit = next((s for s in forms if s in table), None)
            if hit:
                act, weight, stem = sign, table[hit], hit
                break
    t = 0.0 if is_event else tone.get(base, 0.0)
    return Word(t, act, weight, stem, is_event, w in negators or w.endswith("n't"))


_WORDS = _Memo(_word, 100_000)  # lower-cased word -> its Word (``word``)


# --------------------------------------------------------------------------- the analysed text
@dataclass
class Doc:
    """A text tokenised once: token spans, words, clauses, sentences and running tone sums."""

    text: str
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    lower: list[str] = field(default_factory=list)
    info: list[Word] = field(default_factory=list)
    tone: list[float] = field(default_factory=list)  # after negation
    negated: list[bool] = field(default_factory=list)
    clause: list[int] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)
    sent_bounds: list[tuple[int, int]] = field(default_factory=list)  # token range of each sentence
    pos_sum: list[float] = field(default_factory=list)  # prefix sums of positive / negative tone
    neg_sum: list[float] = field(default_factory=list)
    quoted: list[bool] = field(default_factory=list)  # sentence holds a quotation mark
    acts: list[int] | None = None  # tokens whose word is an act (``_act_tokens``, made when first read)

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Tokens overlapping characters [start, end) as (first, last); (k, k - 1) when none."""
        i = bisect.bisect_right(self.ends, start)
        j = bisect.bisect_left(self.starts, end) - 1
        return i, j


_SPLIT = re.compile("(" + _TOKEN.pattern + ")")  # every character outside a token is white space


def _chunk_parts(chunk: str) -> tuple[str, ...]:
    """A white-space-free chunk of text ("Russia's", "said.", "(AP)") -> its tokens with the empty
    gaps between them, as ``_SPLIT.split`` gives them inside the chunk (``("said", "", ".")``). A
    token never crosses white space, so a chunk splits the same alone as in any text.

    Examples:
        >>> _chunk_parts("said."), _chunk_parts("Russia's")
        (('said', '', '.'), ("Russia's",))
    """
    return tuple(_SPLIT.split(chunk)[1:-1])


_CHUNKS = _Memo(_chunk_parts, 100_000)  # chunk -> _chunk_parts(chunk), for ``_split``
_SPACE = (" ",)


def _split(norm: str) -> list[str]:
    """``_SPLIT.split(norm)``: white space, token, white space, ..., token, white space.

    A text whose chunks are separated by single spaces (most sentences) is cut by ``str.split``
    and each chunk's tokens come from ``_CHUNKS`` (the same chunks recur: "said.", "the"), all in
    C: the regex reads only chunks not seen before. Any other text goes through the regex.

    Examples:
        >>> _split("Hi, Bob.") == _SPLIT.split("Hi, Bob.") == ['', 'Hi', '', ',', ' ', 'Bob', '', '.', '']
        True
    """
    chunks = norm.split()
    if not chunks or " ".join(chunks) != norm:
        return _SPLIT.split(norm)
    seq = [_SPACE] * (2 * len(chunks) - 1)  # chunk, " ", chunk, ..., chunk
    seq[::2] = map(_CHUNKS.__getitem__, chunks)
    parts = [""]
    parts.extend(chain.from_iterable(seq))
    parts.append("")
    return parts


@lru_cache(maxsize=1)
def _title_abbreviations() -> frozenset[str]:
    """"Dr", "Sen", "Gen": the sentence splitter's title abbreviations (abbreviations.txt), without the dot."""
    from .sentences import _abbreviations  # the splitter's own reading of the lexicon

    return frozenset(k for k, v in _abbreviations().items() if v == "title" and "." not in k)


def _abbreviation_dot(words: list[str], k: int) -> bool:
    """Is the period ``words[k]`` an abbreviation's, not a sentence end? "Dr. Smith praised",
    "the U.S. condemned", "George W. Bush": after a title abbreviation, after a single capital letter
    (an initial, the last letter of "U.S."), or before a lower-case word (no sentence starts with one)."""
    prev = words[k - 1] if k else ""
    if prev in _title_abbreviations() or (len(prev) == 1 and prev.isupper()):
        return True
    return k + 1 < len(words) and words[k + 1][:1].islower()


def analyse(text: str) -> Doc:
    """Tokenise ``text`` once, in linear time, with everything stance reads per token.

    Examples:
        >>> d = analyse("Critics condemned Acme. It grew.")
        >>> d.words[:4], d.sent[:6], d.info[1].act
        (['Critics', 'condemned', 'Acme', '.'], [0, 0, 0, 0, 1, 1], -1)
    """
    norm = normalise(text)
    # The text is gap, token, gap, ..., token, gap (gaps are white space): one C-level split, offsets
    # summed by accumulate, no match object per token.
    parts = _split(norm)
    at = list(accumulate(map(len, parts), initial=0))
    starts, ends, words = at[1:-1:2], at[2::2], parts[1::2]
    lower = list(map(str.lower, words))
    info = list(map(_WORDS.__getitem__, lower))
    n, size = len(words), len(norm)
    sent_bounds: list[tuple[int, int]] = []
    quoted: list[bool] = []
    tone, negated, clause, sent = [0.0] * n, [False] * n, [0] * n, [0] * n
    pos_sum, neg_sum = [0.0] * (n + 1), [0.0] * (n + 1)
    opens = map(_BREAKS.__contains__, lower)
    lines, whys = "\n" in norm, "why" in lower
    cl = sn = s0 = 0
    last_neg, ps, ns = -10, 0.0, 0.0
    has_quote = rhetorical = False
    for k, w, inf, e, opens_clause in zip(range(n), words, info, ends, opens):
        if opens_clause:
            cl += 1
        if whys and lower[k] == "why":
            rhetorical = True  # "why is X not regarded as a threat?" asserts it is
        neg = k - last_neg <= _NEG_WINDOW and not rhetorical and last_neg >= 0 and clause[last_neg] == cl
        if inf.negator:
            last_neg = k
        t = inf.tone
        if t:
            # A word in scare quotes ("posed a 'threat'") is someone else's word, not a judgement.
            if k and words[k - 1] in ("'", '"') and ends[k] < size and norm[ends[k]] in "'\"":
                t = 0.0
            elif neg:
                t *= _NEG_SCALE
            if t > 0:
                ps += t
            elif t < 0:
                ns -= t
            tone[k] = t  # (the lists start at 0.0 / False: most tokens have no tone and no negator)
        if neg:
            negated[k] = True
        clause[k] = cl
        sent[k] = sn
        pos_sum[k + 1] = ps
        neg_sum[k + 1] = ns
        if w == '"':
            has_quote = True
        if (w in ".?!" and (e >= size or norm[e].isspace()) and not (w == "." and _abbreviation_dot(words, k))) \
                or lines and "\n" in norm[e: e + 2]:
            sent_bounds.append((s0, k + 1))
            quoted.append(has_quote)
            s0, sn, has_quote, rhetorical = k + 1, sn + 1, False, False
            cl += 1
    if s0 < n or not sent_bounds:
        sent_bounds.append((s0, n))
        quoted.append(has_quote)
    # built once with every list (no empty default lists made and thrown away per text)
    return Doc(text, starts, ends, words, lower, info, tone, negated, clause, sent, sent_bounds, pos_sum, neg_sum,
               quoted)


_BREAKS = frozenset(_CLAUSE_PUNCT | _CLAUSE_WORDS)  # a token that opens a new clause (lower-cased)


# --------------------------------------------------------------------------- roles
@dataclass
class Role:
    """The part a target plays for the acts around it."""

    role: str  # "agent", "patient", "inside patient" (nested)
    value: float  # signed: > 0 the structure is friendly toward the target, < 0 hostile
    depth: int  # 1: the act itself; 2+: the act is the object of another act
    evidence: str
    act: int = -1  # token of the act named in the evidence (the outermost one)
    unjust: bool = False  # the act calls itself unjust ("smear"): its tone is sympathy for the patient


def _act_at(doc: Doc, i: int) -> int:
    inf = doc.info[i]
    if inf.act == 0 or doc.tone[i] == 0.0 and inf.tone != 0.0:
        return 0
    if inf.stem == "back" and i and _particle_verb(doc.lower[i - 1]):
        return 0  # "beat back the rebels": an adverb of the verb, not support
    return inf.act


@lru_cache(maxsize=4096)
def _particle_verb(w: str) -> bool:
    """Is ``w`` a form of a verb whose "back" is an adverb (``stance_particle_verbs.txt``)?

    Examples:
        >>> _particle_verb("fought"), _particle_verb("pushing"), _particle_verb("voters")
        (True, True, False)
    """
    verbs = _lexicon.words("stance_particle_verbs.txt")
    return any(s in verbs for s in stems(w))


def _sign(doc: Doc, i: int) -> float:
    """The act's sign and strength, flipped when negated ("did not condemn")."""
    inf = doc.info[i]
    s = inf.act * inf.weight
    return -0.5 * s if doc.negated[i] else s


#: Prepositions that open an act's object ("sanctions against", "ties with"); a second one after
#: a name ("sanctions against Russia with Mr Kislyak") belongs to the verb, not to the act.
_PREPOSITIONS = frozenset({"of", "with", "for", "to", "toward", "towards", "against", "on", "over", "between",
                           "about"})


def _left_act(doc: Doc, start: int, lo: int) -> int:
    """The nearest act left of token ``start`` whose object phrase reaches it: only noun-phrase glue,
    names and modifiers in between, no comma, the same clause; -1 if none."""
    cl = doc.clause[start] if start < len(doc.clause) else -1
    prep = named = False  # passed a preposition other than "of"; then a name left of it
    for i in range(start - 1, max(lo, start - _WINDOW) - 1, -1):
        w = doc.lower[i]
        if doc.clause[i] != cl or w == "," or w in _OBJECT_BREAK:
            return -1
        if _act_at(doc, i):
            return i
        if w in _PREPOSITIONS:
            if named:
                return -1  # "sanctions against Russia with Mr Kislyak": the act's object ended at Russia
            prep = prep or w != "of"
        elif prep and doc.words[i][:1].isupper():
            named = True
        if i < start - 4 and not (w in _NP_GLUE or doc.words[i][:1].isupper()
                                  or w.endswith(("'s", "s'", "ing", "ed", "al")) or w in ("'s", "'", "-")):
            return -1
    return -1


#: Passive participles that say what the subject is called: the act after them is done to it.
_CHARACTERISED = frozenset({"regarded", "seen", "viewed", "considered", "described", "labeled", "labelled",
                            "branded", "called", "deemed", "perceived", "portrayed", "painted", "depicted"})
_PASSIVE_GAP = frozenset({"not", "also", "being", "been", "just", "never", "often", "again", "even", "later"})


def _passive(doc: Doc, aux: int, act: int) -> bool:
    """Is the act at token ``act`` a passive participle of the auxiliary at ``aux``? "was condemned",
    "was sharply criticised" (only adverbs between), "is regarded as a threat" (called one); not
    "has been unrelenting in questioning" nor "was a critic" (the subject does the act there).

    Examples:
        >>> d = analyse("Acme was sharply criticised.")
        >>> _passive(d, 1, 3), _passive(analyse("Acme was a critic."), 1, 3)
        (True, False)
    """
    if aux < 0 or doc.lower[act].endswith("ing"):
        return False
    for k, w in enumerate(doc.lower[aux + 1:act]):
        if w in _CHARACTERISED:
            return True  # "is not regarded as a threat", "was branded a traitor": called one
        if not (w.endswith("ly") or w in _PASSIVE_GAP or w in _PASSIVE_AUX):
            return False
    return True


def _right_act(doc: Doc, t1: int, hi: int) -> tuple[int, str]:
    """An act after the mention and the target's role in it: ``(index, role)``, (-1, "") if none.
    "Acme's condemnation", "Acme condemned" (agent); "Acme was condemned" (patient)."""
    cl = doc.clause[t1]
    poss = doc.lower[t1].endswith(("'s", "s'")) or (t1 + 1 < hi and doc.lower[t1 + 1] in ("'s", "'"))
    aux = -1
    for i in range(t1 + 1, min(hi, t1 + (4 if poss else _RIGHT_REACH))):
        w = doc.lower[i]
        if doc.clause[i] != cl or w == "," or (w in ("and", "or") and (i + 1 >= hi or not doc.words[i + 1][:1].isupper())):
            break  # "X and Y condemned" is a joint subject; "X to Russia and condemned" is not
        if w in _PASSIVE_AUX:
            aux = i
        if _act_at(doc, i):
            return i, "patient" if not poss and _passive(doc, aux, i) else "agent"
    return -1, ""


def _direct(doc: Doc, t0: int, t1: int) -> tuple[int, str, int]:
    """The act the target takes part in directly: (act index, role, start of the target's phrase)."""
    lo, hi = doc.sent_bounds[doc.sent[t0]]
    right, rrole = _right_act(doc, t1, hi)
    if right >= 0 and doc.lower[t1].endswith(("'s", "s'")):
        return right, "agent", t0  # "the USA's condemnation": the possessor acts
    left = _left_act(doc, t0, lo)
    by = t0 >= 1 and doc.lower[t0 - 1] == "by"
    if left >= 0 and (right < 0 or t0 - left <= right - t1 or by):
        return left, "agent" if by else "patient", left
    if right >= 0:
        return right, rrole, t0
    return -1, "", t0


_ACT = attrgetter("act")


def _act_tokens(doc: Doc) -> list[int]:
    """The tokens whose word is an act (``Word.act``), in order: made once per text, when first read."""
    if doc.acts is None:
        doc.acts = list(compress(range(len(doc.info)), map(_ACT, doc.info)))
    return doc.acts


def _act_near(doc: Doc, t0: int, t1: int) -> bool:
    """Is any act word where ``_direct`` looks for one: ``_left_act``'s ``_WINDOW`` tokens before the
    mention, ``_right_act``'s (at most 6) after it, in its sentence? Without one there is no role.

    Examples:
        >>> d = analyse("Critics condemned Acme. Acme grew.")
        >>> _act_near(d, 2, 2), _act_near(d, 4, 4)
        (True, False)
    """
    acts = _act_tokens(doc)
    lo, hi = doc.sent_bounds[doc.sent[t0]]
    k = bisect.bisect_left(acts, max(lo, t0 - _WINDOW))
    if k < len(acts) and acts[k] < t0:
        return True
    k = bisect.bisect_right(acts, t1)
    return k < len(acts) and acts[k] < min(hi, t1 + _RIGHT_REACH)


def roles(doc: Doc, t0: int, t1: int) -> Role | None:
    """The target's role for the acts around tokens ``t0..t1``, followed outward through nesting.

    Examples:
        >>> d = analyse("North Korea criticized the USA's condemnation of its ties with Russia.")
        >>> usa, ru = roles(d, *d.token_range(27, 30)), roles(d, *d.token_range(64, 70))
        >>> usa.evidence, usa.value < 0, ru.value > 0
        ("criticized -> patient: the USA's condemnation", True, True)
        >>> r = roles(d, 0, 1); r.role, r.evidence
        ('agent', 'criticized -> agent: North Korea')
    """
    if not _act_near(doc, t0, t1):
        return None  # (most mentions: no act word where _direct looks, so no role)
    act, role, phrase_start = _direct(doc, t0, t1)
    if act < 0:
        return None
    value = _sign(doc, act)
    if not value:
        return None
    lo = doc.sent_bounds[doc.sent[t0]][0]
    # Outward: is the phrase of that act the object of another act? An act right before another
    # ("deepening relations", "close ties") modifies it and is skipped.
    depth, chain, outer, start = 1, 1.0, act, min(phrase_start, act)
    while depth < _MAX_DEPTH:
        j = _left_act(doc, start, lo)
        if j < 0:
            break
        if j == start - 1 and _act_at(doc, start):
            start = j
            continue
        chain *= 1.0 if _sign(doc, j) > 0 else -1.0
        outer, start, depth = j, j, depth + 1
    if depth == 1:
        if role == "patient" and value < 0 and doc.info[act].stem in _lexicon.words("stance_unjust.txt"):
            # "the smear of Judge Reyes": the writer calls the act unjust, so sides with its patient
            return Role(role, -value, 1, f"{doc.words[act]} (unjust) -> {role}: {_phrase(doc, t0, t1, None)}", act, True)
        return Role(role, value, 1, f"{doc.words[act]} -> {role}: {_phrase(doc, t0, t1, None)}", act)
    # Toward the agent of a criticised act: the outer acts' signs; toward its patient: times the act's.
    v = chain * (abs(value) if role == "agent" else value)
    inner = _phrase(doc, outer + 1, max(t1, act), None)
    return Role("inside patient", v, depth, f"{doc.words[outer]} -> patient: {inner}", outer)


def _phrase(doc: Doc, t0: int, t1: int, act: int | None) -> str:
    a = min(t0, act) if act is not None else t0
    b = max(t1, act) if act is not None else t1
    if act is not None and act < t0:
        a = t0
    return doc.text[doc.starts[a]: doc.ends[b]] if a <= b else ""


def window_sum(prefix: list[float], a: int, b: int) -> float:
    """Sum of a prefix-summed list over tokens [a, b) (O(1)).

    Examples:
        >>> window_sum([0.0, 1.0, 3.0, 6.0], 1, 3)
        5.0
    """
    return prefix[b] - prefix[a]


def describe(doc: Doc) -> list[dict[str, Any]]:
    """Per-token table for debugging a decision (word, tone, act, clause, sentence).

    Examples:
        >>> describe(analyse("Critics condemned Acme."))[1]["act"]
        -1
    """
    return [{"word": w, "tone": round(t, 3), "act": inf.act, "event": inf.event, "clause": c, "sentence": s}
            for w, t, inf, c, s in zip(doc.words, doc.tone, doc.info, doc.clause, doc.sent)]

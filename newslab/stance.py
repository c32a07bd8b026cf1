"""Stance: how a text treats a target it mentions (favor / neutral / against), with the evidence.

Stance here follows NewsMTSC: the sentiment a sentence expresses *toward the target* — not the
sentence's overall tone. For each mention we compute a handful of interpretable features:

- the tone of the whole sentence (VADER compound, with the mention itself masked out);
- the tone of words near the mention inside its clause, decayed with distance (VADER's lexicon,
  with negation flipping the next few words);
- stance cues (``newslab/data/stance_against.txt`` / ``stance_favor.txt``) split by the target's
  role: the target *receives* the act ("they condemned X", "X was condemned": against X) or
  *does* it ("X condemned them": X is the actor of a hostile act);
- whether the target is the source of a statement ("X said", "according to X"), or a pronoun.

A small multinomial logistic regression over these features, fitted on NewsMTSC train by
``tools/train_stance.py`` and stored as ``newslab/data/stance_weights.txt``, turns them into
``stance`` and ``stance_score`` (P(favor) - P(against)). ``evidence`` lists the words that pushed
the decision most, with their role, e.g. ``criticized (acting on target) ; distorted``.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from . import _lexicon
from ._parallel import corpus_step

# newslab.sentiment's one-pass scorer: both VADER lexicons in one linear pass (VADER's own
# polarity_scores is quadratic in the words of a text), on text normalised for the lexicons.
from .sentiment import normalize_for_scoring, score_text, vader_scores

LABELS = ("against", "neutral", "favor")

#: Feature names, in the order of the weight table (stance_weights.txt).
FEATURES = (
    "bias",
    "sent_compound",  # VADER compound of the sentence, mention masked
    "sent_polarity",  # TextBlob (pattern) polarity of the sentence, mention masked
    "sent_news",  # newslab.sentiment's news-tuned score of the sentence, mention masked
    "clause_compound",  # VADER compound of the mention's clause, mention masked
    "sent_strength",  # |VADER compound| of the sentence: any strong tone at all (against neutral)
    "subjectivity",  # TextBlob subjectivity of the sentence
    "clause_strength",  # |VADER compound| of the mention's clause
    "clause_news",  # newslab.sentiment's score of the mention's clause
    "near_pos",  # decayed positive valence in the mention's clause
    "near_neg",  # decayed negative valence in the mention's clause (as a positive number)
    "after_pos",  # the part of near_pos after the mention (what the target does or is)
    "after_neg",
    "far_pos",  # positive valence elsewhere in the sentence
    "far_neg",
    "recv_against",  # target receives a hostile act
    "recv_favor",  # target receives a friendly act
    "do_against",  # target does a hostile act
    "do_favor",  # target does a friendly act
    "source",  # target is the source of a statement
    "pronoun",  # target is a pronoun
    "subject",  # the mention opens its sentence (usually the grammatical subject)
    "quoted",  # the sentence holds a quotation
)

_DECAY = 4.0  # tokens; weight exp(-d / _DECAY) for a word d tokens away from the mention
_NEG_WINDOW = 3  # a negator flips the next 3 words (VADER's window)
_NEG_SCALE = -0.74  # VADER's N_SCALAR
_SPAN_LIMIT = 400  # characters either side of a mention that can count
_CUE_WINDOW = 12  # cue words further than this (in tokens) from the mention do not set its role

# Quote characters and apostrophes -> ASCII, one character for one, so offsets stay valid.
_NORMALISE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"',
                            "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2014": "-",
                            "\u2013": "-"})

# Words, contractions ("isn't", "Russia's"), hyphenated words, and single punctuation marks.
_TOKEN = re.compile(r"\w+(?:['\-]\w+)*|[^\w\s]")
_CLAUSE_PUNCT = frozenset(";:()[]-\".!?")
_CLAUSE_WORDS = frozenset({"but", "while", "whereas", "although", "though", "however", "yet", "because",
                           "which", "who", "whom", "whose", "unlike", "despite", "if", "unless", "whether"})
_PASSIVE_AUX = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "getting"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their", "theirs",
                       "we", "us", "our", "i", "me", "my", "you", "your", "who", "whom", "himself", "herself",
                       "themselves", "itself"})


def normalise(text: str) -> str:
    """Curly quotes and apostrophes to ASCII, one character for one (offsets stay valid).

    Kept for token and clause structure (dashes stay clause marks); text given to VADER and
    TextBlob goes through ``newslab.sentiment.normalize_for_scoring``.

    Examples:
        >>> normalise("It isn\u2019t \u201cgreat\u201d")
        'It isn\\'t "great"'
    """
    return text.translate(_NORMALISE)


# --------------------------------------------------------------------------- lexicons (cached)
@lru_cache(maxsize=1)
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _cue_table(name: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for row in _lexicon.rows(name):
        out[row[0].lower()] = float(row[1]) if len(row) > 1 and row[1] else 1.0
    return out


@lru_cache(maxsize=1)
def _cues() -> tuple[dict[str, float], dict[str, float]]:
    return _cue_table("stance_against.txt"), _cue_table("stance_favor.txt")


@lru_cache(maxsize=1)
def _weights() -> dict[str, dict[str, float]]:
    """label -> feature -> weight, from ``stance_weights.txt`` (lines: label, feature, weight)."""
    out: dict[str, dict[str, float]] = {lab: {f: 0.0 for f in FEATURES} for lab in LABELS}
    for lab, feat, w in _lexicon.rows("stance_weights.txt"):
        out[lab][feat] = float(w)
    return out


@lru_cache(maxsize=65536)
def _stems(word: str) -> tuple[str, ...]:
    """Candidate base forms of an inflected word, for cue lookup ("criticized" -> "criticize")."""
    w = word
    c = [w]
    for suf, rep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                     ("es", ""), ("s", ""), ("d", ""), ("ation", ""), ("ation", "e"), ("ion", ""),
                     ("ion", "e"), ("ers", ""), ("er", ""), ("ly", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            base = w[: len(w) - len(suf)] + rep
            c.append(base)
            if rep == "" and len(base) >= 4 and base[-1] == base[-2]:  # "slammed" -> "slam"
                c.append(base[:-1])
    return tuple(c)


def _cue(word: str, table: dict[str, float]) -> tuple[float, str] | None:
    for s in _stems(word):
        if s in table:
            return table[s], s
    return None


# --------------------------------------------------------------------------- features
@dataclass
class _Mention:
    values: dict[str, float] = field(default_factory=dict)
    # (feature, token index, token text, contribution before weighting, note) for the evidence
    parts: list[tuple[str, int, str, float, str]] = field(default_factory=list)

    def add(self, feat: str, amount: float, word: str = "", note: str = "", pos: int = -1) -> None:
        self.values[feat] = self.values.get(feat, 0.0) + amount
        if word:
            self.parts.append((feat, pos, word, amount, note))


def _clause_ids(tokens: Sequence[str]) -> list[int]:
    ids, cur = [], 0
    for t in tokens:
        if t in _CLAUSE_PUNCT or t.lower() in _CLAUSE_WORDS:
            cur += 1
        ids.append(cur)
    return ids


def features(text: str, start: int, end: int) -> _Mention:
    """The stance features of the mention ``text[start:end]`` (see ``FEATURES``).

    Examples:
        >>> f = features("Critics condemned Acme for the spill.", 18, 22)
        >>> f.values["recv_against"] > 0, f.values["do_against"]
        (True, 0.0)
    """
    # Only the mention's surroundings: a mention in a 1 MB text without full stops costs the same
    # as one in a short sentence (and many mentions do not make a long text quadratic).
    a, b = max(0, start - _SPAN_LIMIT), min(len(text), end + _SPAN_LIMIT)
    text, start, end = text[a:b], start - a, end - a
    if a > 0:  # drop the cut word at the left edge
        cut = text.find(" ", 0, start)
        if cut >= 0:
            text, start, end = text[cut + 1:], start - cut - 1, end - cut - 1
    norm = normalise(text)
    # Tokens of the mention's sentence only (a long paragraph would dilute the signal).
    lo = max(norm.rfind(". ", 0, start), norm.rfind("? ", 0, start), norm.rfind("! ", 0, start),
             norm.rfind("\n", 0, start))
    lo = lo + 1 if lo >= 0 else 0
    hi_c = [i for i in (norm.find(". ", end), norm.find("? ", end), norm.find("! ", end), norm.find("\n", end))
            if i >= 0]
    hi = min(hi_c) + 1 if hi_c else len(norm)
    m = _Mention(values={f: 0.0 for f in FEATURES})
    m.values["bias"] = 1.0
    spans = [(mt.start(), mt.end(), mt.group()) for mt in _TOKEN.finditer(norm[lo:hi])]
    spans = [(s + lo, e + lo, w) for s, e, w in spans]
    words = [w for _, _, w in spans]
    lower = [w.lower() for w in words]
    tgt = [i for i, (s, e, _) in enumerate(spans) if s < end and e > start]
    target_text = norm[start:end].strip().lower()
    if target_text in _PRONOUNS:
        m.values["pronoun"] = 1.0
    vader = _vader()
    # Sentence tone with the mention masked (a name such as "Winner" or "Hope" is not a judgement).
    masked = normalize_for_scoring(text[lo:start] + " " + text[end:hi])
    if masked.strip():
        pol, subj, comp, news = score_text(masked)
        m.values.update(sent_compound=comp, sent_strength=abs(comp), sent_polarity=pol, subjectivity=subj,
                        sent_news=news)
    if not tgt:
        return m
    t0, t1 = tgt[0], tgt[-1]
    if t0 <= 2 and all(not words[j][0].isalnum() or lower[j] in ("the", "a", "an") for j in range(t0)):
        m.values["subject"] = 1.0
    if '"' in norm[lo:hi]:
        m.values["quoted"] = 1.0
    clauses = _clause_ids(words)
    tclause = {clauses[i] for i in tgt}
    cl = [i for i in range(len(words)) if clauses[i] in tclause and not t0 <= i <= t1]
    if cl:
        # (VADER compound, newslab's news compound), without TextBlob
        comp, news = vader_scores(normalize_for_scoring(" ".join(words[i] for i in cl)))
        m.values.update(clause_compound=comp, clause_strength=abs(comp), clause_news=news)
    negators = _lexicon.words("stance_negators.txt")
    lexicon = vader.lexicon
    against, favor = _cues()
    speech = _lexicon.words("stance_speech.txt")
    # Source of a statement: "X said", "X, the minister, said" is close; "according to X".
    after = lower[t1 + 1: t1 + 4]
    if any(w in speech for w in after) or (t0 >= 2 and lower[t0 - 2] == "according" and lower[t0 - 1] == "to"):
        m.values["source"] = 1.0
    rhetorical = False
    for i, w in enumerate(lower):
        if t0 <= i <= t1 or not w[0].isalnum():
            continue
        d = t0 - i if i < t0 else i - t1
        in_clause = clauses[i] in tclause
        if w == "why":
            rhetorical = True  # "why is X not regarded as a threat?": the negation does not flip
        negated = not rhetorical and any(lower[j] in negators or lower[j].endswith("n't")
                                         for j in range(max(0, i - _NEG_WINDOW), i)
                                         if clauses[j] == clauses[i])
        # A word in scare quotes ("posed a 'threat'") is someone else's word, not the writer's judgement.
        scare = 0 < i < len(words) - 1 and words[i - 1] in ("'", '"') and words[i + 1] in ("'", '"')
        val = 0.0 if scare else lexicon.get(w, 0.0) / 4.0
        if val:
            v = val * (_NEG_SCALE if negated else 1.0)
            note = "negated" if negated else ""
            if in_clause:
                wt = math.exp(-d / _DECAY)
                m.add("near_pos" if v > 0 else "near_neg", abs(v) * wt, words[i], note, i)
                if i > t1:
                    m.add("after_pos" if v > 0 else "after_neg", abs(v) * wt)
            else:
                m.add("far_pos" if v > 0 else "far_neg", abs(v) * 0.5, words[i], note, i)
        if scare or not in_clause or d > _CUE_WINDOW or "," in words[min(i, t0): max(i, t1)]:
            continue  # a cue across a comma belongs to another phrase ("rejected the request, saying X")
        for table, kind in ((against, "against"), (favor, "favor")):
            hit = _cue(w, table)
            if not hit:
                continue
            weight = hit[0] * math.exp(-d / (2 * _DECAY))
            if negated:
                kind = "favor" if kind == "against" else "against"
                weight *= 0.5
            if i < t0:  # cue before the mention: the target receives it, unless "... by X"
                by_agent = lower[t0 - 1] == "by"
                role = "do" if by_agent else "recv"
            else:  # cue after the mention: the target does it, unless passive ("X was condemned")
                k = i - 1
                while k > t1 and lower[k].endswith("ly"):
                    k -= 1
                role = "recv" if k > t1 and lower[k] in _PASSIVE_AUX else "do"
            note = "acting on target" if role == "recv" else "target acting"
            m.add(f"{role}_{kind}", weight, words[i], note + (", negated" if negated else ""), i)
            break
    return m


def _decide(m: _Mention) -> tuple[str, float, str]:
    w = _weights()
    logits = {lab: sum(w[lab][f] * m.values.get(f, 0.0) for f in FEATURES) for lab in LABELS}
    top = max(logits.values())
    ex = {lab: math.exp(v - top) for lab, v in logits.items()}
    z = sum(ex.values())
    prob = {lab: v / z for lab, v in ex.items()}
    label = max(LABELS, key=lambda lab: logits[lab])
    score = round(prob["favor"] - prob["against"], 4)
    # Evidence: the words whose features pushed most toward the chosen label (over the others),
    # one entry per word, labelled with its role when it is a stance cue.
    push: dict[int, list[Any]] = {}
    for feat, pos, word, amount, note in m.parts:
        delta = (w[label][feat] - max(w[o][feat] for o in LABELS if o != label)) * amount
        entry = push.setdefault(pos, [0.0, word, ""])
        entry[0] += delta
        if note and (not entry[2] or feat.startswith(("recv", "do"))):
            entry[2] = note
    ranked = sorted((e for e in push.values() if e[0] > 0.02), key=lambda e: -e[0])
    seen = [f"{word} ({note})" if note else word for _, word, note in ranked]
    if m.values.get("source") and label == "neutral":
        seen.append("(target is the speaker)")
    return label, score, " ; ".join(seen[:4])


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
    pattern = r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alts) + r")(?!\w)"
    return re.compile(pattern), owner


def _freeze_targets(targets: Mapping[str, Iterable[str] | str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    out = []
    for name, aliases in targets.items():
        if isinstance(aliases, str):
            aliases = [aliases]
        out.append((str(name), tuple(str(a) for a in aliases)))
    return tuple(out)


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
    rx, owner = _mention_regex(_freeze_targets(targets))
    norm = normalise(text)
    return [(owner[mt.group()], mt.start(), mt.end()) for mt in rx.finditer(norm)]


# --------------------------------------------------------------------------- public API
_MATRIX_DEADZONE = 0.1  # a speaker's mean score within +-0.1 reads as neutral
_OUT = ["target", "target_start", "target_end", "stance", "stance_score", "evidence"]


@corpus_step
def stance(df: pd.DataFrame, targets: Mapping[str, Iterable[str] | str] | None = None,
           column: str = "text") -> pd.DataFrame:
    """Stance toward each target mention: ``favor`` / ``neutral`` / ``against``, a score, the evidence.

    Two modes:

    - ``targets`` given (name -> aliases, e.g. ``newslab.targets.countries("Russia")``): every
      mention in ``df[column]`` is found and scored; the result has one row per (input row,
      mention) with the input row's columns. Rows that mention no target produce no row (a
      researcher counts stances toward targets; count unmatched rows as ``len(df)`` minus the
      distinct input rows in the result, or keep them with a left merge on your id column).
    - no ``targets``: ``df`` must have ``target_start`` / ``target_end`` (one mention per row,
      offsets into ``df[column]``); every row is scored and kept. A missing ``target`` column is
      filled with the mention text; rows with missing or impossible offsets get ``stance`` NA and
      ``evidence`` saying why.

    ``stance_score`` is P(favor) - P(against) in [-1, 1]; ``evidence`` lists the words that pushed
    the decision, with the target's role for stance cues.

    Examples:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"id": [1], "text": ["Critics condemned Acme, but Zeno praised Acme's honesty."]})
        >>> out = stance(df, targets={"Acme": ["Acme"], "Zeno": ["Zeno"]})
        >>> out[["id", "target", "target_start", "stance"]].values.tolist()
        [[1, 'Acme', 18, 'against'], [1, 'Zeno', 28, 'favor'], [1, 'Acme', 41, 'favor']]
        >>> out.loc[0, "evidence"]
        'condemned (acting on target) ; Critics (acting on target)'
    """
    if column not in df.columns:
        raise KeyError(f"stance() needs a text column {column!r}; the table has {list(df.columns)}. "
                       f"Pass column='...' to use another one.")
    if targets is not None:
        return _stance_targets(df, targets, column)
    missing = [c for c in ("target_start", "target_end") if c not in df.columns]
    if missing:
        raise ValueError("stance() needs either targets={name: [aliases]} (e.g. newslab.targets.countries("
                         "'Russia')) or columns target_start/target_end in the table; missing: " + ", ".join(missing))
    out = df.copy()
    labels, scores, evid, names = [], [], [], []
    has_target = "target" in df.columns
    for k, (text, s, e) in enumerate(zip(df[column], df["target_start"], df["target_end"])):
        name = df["target"].iloc[k] if has_target else None
        ok = isinstance(text, str) and not pd.isna(s) and not pd.isna(e) and 0 <= int(s) < int(e) <= len(text)
        if not ok:
            labels.append(pd.NA)
            scores.append(float("nan"))
            evid.append("skipped: no text or target offsets outside the text")
            names.append(name if has_target and not pd.isna(name) else pd.NA)
            continue
        lab, sc, ev = _decide(features(text, int(s), int(e)))
        labels.append(lab)
        scores.append(sc)
        evid.append(ev)
        names.append(name if has_target and not pd.isna(name) else text[int(s):int(e)])
    out["target"] = pd.array(names, dtype="string")
    out["stance"] = pd.array(labels, dtype="string")
    out["stance_score"] = pd.array(scores, dtype="float64")
    out["evidence"] = pd.array(evid, dtype="string")
    return out


def _stance_targets(df: pd.DataFrame, targets: Mapping[str, Iterable[str] | str], column: str) -> pd.DataFrame:
    keep = [c for c in df.columns if c not in _OUT]
    rows_idx: list[int] = []
    recs: list[tuple[str, int, int, str, float, str]] = []
    for k, text in enumerate(df[column]):
        for name, s, e in find_mentions(text, targets) if isinstance(text, str) else []:
            lab, sc, ev = _decide(features(text, s, e))
            rows_idx.append(k)
            recs.append((name, s, e, lab, sc, ev))
    out = df[keep].iloc[rows_idx].reset_index(drop=True)
    out["target"] = pd.array([r[0] for r in recs], dtype="string")
    out["target_start"] = pd.array([r[1] for r in recs], dtype="int64")
    out["target_end"] = pd.array([r[2] for r in recs], dtype="int64")
    out["stance"] = pd.array([r[3] for r in recs], dtype="string")
    out["stance_score"] = pd.array([r[4] for r in recs], dtype="float64")
    out["evidence"] = pd.array([r[5] for r in recs], dtype="string")
    return out


def stance_matrix(quotes: pd.DataFrame, targets: Mapping[str, Iterable[str] | str],
                  column: str = "text", speaker: str = "speaker_name") -> pd.DataFrame:
    """Where each speaker stands on each target: one row per (speaker, target).

    Scores the target mentions inside each quote's own text (``stance(quotes, targets)``); a quote
    that speaks about a target without naming it (e.g. "our neighbour") is not counted. Columns:
    ``speaker_name``, ``target``, ``stance_score`` (mean over mentions), ``n_favor``,
    ``n_neutral``, ``n_against`` (mentions), ``n_quotes`` (quotes naming the target), and
    ``stance``, the mean score as a label (``favor`` above +0.1, ``against`` below -0.1). Quotes
    with no speaker name are grouped under ``"(unknown)"``.

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
    q = quotes[[speaker, column]].copy()
    q["_quote"] = range(len(q))
    q[speaker] = q[speaker].astype("object").where(q[speaker].notna(), "(unknown)")
    st = stance(q, targets=targets, column=column)
    cols = ["speaker_name", "target", "stance_score", "n_favor", "n_neutral", "n_against", "n_quotes", "stance"]
    if st.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "stance_score" else
                                          "int64" if c.startswith("n_") else "string") for c in cols})
    g = st.groupby([speaker, "target"], sort=True)
    out = g.agg(stance_score=("stance_score", "mean"), n_quotes=("_quote", "nunique")).reset_index()
    counts = st.groupby([speaker, "target", "stance"]).size().unstack("stance", fill_value=0)
    for lab in LABELS:
        out[f"n_{lab}"] = [int(counts[lab].get((s, t), 0)) if lab in counts.columns else 0
                           for s, t in zip(out[speaker], out["target"])]
    out = out.rename(columns={speaker: "speaker_name"})
    out["speaker_name"] = out["speaker_name"].astype("string")
    out["target"] = out["target"].astype("string")
    out["stance"] = pd.array(["favor" if v > _MATRIX_DEADZONE else "against" if v < -_MATRIX_DEADZONE else "neutral"
                              for v in out["stance_score"]], dtype="string")
    return out[cols]

"""List the found quotes whose ``speaker_name`` is wrong on a quote set with resolved speakers.

    python tools/name_errors.py                        # ../shared/eval/quotes_ggt_dev.jsonl
    python tools/name_errors.py --data FILE --summary  # counts per error class only

Matches gold and predicted quotes the way ``../shared/eval/score.py`` does (its own functions,
imported from there), then prints, for each found quote with a gold ``speaker_resolved`` whose
name differs: the error class, the gold name, the predicted name and the predicted mention. The
classes are a rough first sort for reading, not a metric. Nothing from the data is written to disk.
"""
from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path

import newslab as nl

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
_PRONOUNS = {"he", "she", "they", "it", "him", "her", "his", "who", "which", "i", "we", "you"}
_HONOR = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof|sir|dame|lady|lord)\.?\s+", re.IGNORECASE)


def _score_module():
    spec = importlib.util.spec_from_file_location("nl_score", EVAL / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {EVAL / 'score.py'}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def classify(gold: str, pred: object, mention: object, text: str, norm) -> str:
    """The error class of one wrong name (see the module docstring)."""
    g, p = norm(gold), norm(pred)
    m = mention.strip().lower() if isinstance(mention, str) else ""
    if not p:
        return "unresolved"
    if _HONOR.sub("", str(pred)) and norm(_HONOR.sub("", str(pred))) == g:
        return "normalisation"
    if m in _PRONOUNS:
        return "pronoun to the wrong person"
    gw, pw = g.split(), p.split()
    if pw and set(pw) < set(gw):
        return "surname not joined"
    if set(gw) < set(pw):
        return "garbage span (name inside)"
    if len(p.replace(" ", "")) <= 6 and p.replace(" ", "").isalpha() and str(pred).replace(".", "").isupper():
        return "acronym not joined"
    if re.search(r"\b(statement|release|report|complaint|letter|email|post|tweet|ruling|decision|documents?)\b",
                 p):
        return "document as speaker"
    if m.startswith(("the ", "a ", "an ")) or (pred and str(pred)[:1].islower()):
        return "role / description not resolved"
    if set(gw) & set(pw):
        return "partial overlap"
    return "other person"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(EVAL / "quotes_ggt_dev.jsonl"))
    ap.add_argument("--summary", action="store_true", help="counts per class only")
    args = ap.parse_args(argv)
    sc = _score_module()
    recs = sc.load(args.data)
    pred, _ = sc.predict_quotes(nl, recs, Path(args.data).stem.removeprefix("quotes_"))
    pairs, _ = sc.matched(recs, pred, 0.3)
    texts = {r["id"]: r["text"] for r in recs}
    ids = {id(q): r["id"] for r in recs for q in r["quotes"]}
    named = [(g, p) for g, p in pairs if p is not None and g.get("speaker_resolved")]
    wrong, classes = [], Counter()
    for g, p in named:
        if sc.norm_name(p["speaker_name"]) == sc.norm_name(g["speaker_resolved"]):
            continue
        cls = classify(g["speaker_resolved"], p["speaker_name"], p["speaker"], texts[ids[id(g)]], sc.norm_name)
        classes[cls] += 1
        wrong.append((cls, ids[id(g)], g, p))
    if not args.summary:
        for cls, aid, g, p in sorted(wrong, key=lambda w: (w[0], w[1])):
            print(f"{cls:32} | gold {g['speaker_resolved']!r:30} | pred {p['speaker_name']!r:30} | "
                  f"mention {p['speaker']!r} ({aid}:{p['speaker_start']}) | gold mention {g.get('speaker')!r}")
    print(f"\n{len(named)} found quotes with a resolved gold speaker, {len(wrong)} wrong names "
          f"(name accuracy {100 * (len(named) - len(wrong)) / max(1, len(named)):.1f})", file=sys.stderr)
    for cls, n in classes.most_common():
        print(f"  {n:4}  {cls}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

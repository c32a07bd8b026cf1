#!/usr/bin/env python3
"""Per-record stance output on the stance dev sets, to prove a speed change altered no decision.

``score.py stance --json`` gives labels only; this writes, for every record of the three stance dev
sets of ``../shared/eval`` (read, never copied), the ``stance``, ``stance_score`` and ``evidence``
``newslab.stance`` gives it (offsets mode, as the scorer calls it), and also the rows of
``stance(texts, targets=...)`` on the same texts with the CLI's default targets. Compare
two dumps with ``--compare``::

    python tools/stance_dump.py --write /tmp/before.json
    python tools/stance_dump.py --write /tmp/after.json --compare /tmp/before.json

Exit status: 0 written (and identical to ``--compare``), 1 different. Exits 0 with a message when
``../shared/eval`` is absent.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
SETS = ("stance_newsmtsc_rw_dev.jsonl", "stance_newsmtsc_mt_dev.jsonl", "stance_persent_dev.jsonl")


def dump() -> dict[str, list[list[object]]]:
    """Set name -> one [stance, score, evidence] per record (offsets mode) and, under ``name:targets``,
    one [row, target, start, end, stance, score, evidence, reference] per mention (targets mode)."""
    import newslab as nl
    from newslab.cli import default_targets

    out: dict[str, list[list[object]]] = {}
    for name in SETS:
        recs = [json.loads(line) for line in (EVAL / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        df = pd.DataFrame(recs)[["text", "target_start", "target_end"]]
        res = nl.stance(df)
        out[name] = [[s if isinstance(s, str) else None, repr(float(v)), e]
                     for s, v, e in zip(res["stance"].tolist(), res["stance_score"].tolist(), res["evidence"].tolist())]
        texts = pd.DataFrame({"row": range(len(recs)), "text": [r["text"] for r in recs]})
        arts = pd.DataFrame({"article_id": [str(i) for i in range(len(recs))], "text": texts["text"]})
        got = nl.stance(texts, targets=default_targets(arts))
        out[name + ":targets"] = [[int(r), t, int(s), int(e), lab, repr(float(v)), ev, None if pd.isna(ref) else ref]
                                  for r, t, s, e, lab, v, ev, ref in zip(*(got[c].tolist() for c in (
                                      "row", "target", "target_start", "target_end", "stance", "stance_score",
                                      "evidence", "reference")))]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", required=True, help="JSON file to write")
    ap.add_argument("--compare", help="an earlier dump: report every record that differs")
    a = ap.parse_args(argv)
    if not all((EVAL / s).exists() for s in SETS):
        print(f"skipped: the stance dev sets are not in {EVAL}")
        return 0
    got = dump()
    Path(a.write).write_text(json.dumps(got), encoding="utf-8")
    print(", ".join(f"{k}: {len(v)}" for k, v in got.items()))
    if not a.compare:
        return 0
    old = json.loads(Path(a.compare).read_text(encoding="utf-8"))
    diff = 0
    for k in sorted(set(old) | set(got)):
        a_, b_ = old.get(k, []), got.get(k, [])
        bad = [i for i in range(max(len(a_), len(b_))) if (a_[i] if i < len(a_) else None) != (b_[i] if i < len(b_) else None)]
        diff += len(bad)
        for i in bad[:5]:
            print(f"{k} #{i}: {a_[i] if i < len(a_) else None} -> {b_[i] if i < len(b_) else None}")
        print(f"{k}: {'identical' if not bad else f'{len(bad)} records differ'}")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())

"""Convert the Wikinews sample (../shared/corpus/wikinews/*.csv) into data/wikinews/ for newslab.

    python tools/convert_wikinews.py [SOURCE_DIR] [OUT_DIR]

Writes ``wikinews.jsonl`` (one article a line: article_id, title, date, date_from, url, source,
license, interview, text) and ``ATTRIBUTION.md`` (credit, the license, what was changed, and a link
to every article). What it changes, and why:

- drops placeholder pages titled ``TEST PAGE:...`` (not news);
- drops the pre-publication review banner (``This article requires pre-publication review ...``
  and the ``-Article last amended: ...`` line after it), which is wiki chrome, not article text;
- strips the leading dateline (``Friday, January 4, 2019``) from the text and keeps it as ``date``
  (``date_from = "dateline"``); without a dateline the CSV's date is used (``date_from = "csv"``);
- fixes the doubled slash in the URLs (``https://en.wikinews.org//wiki/X`` -> ``.../wiki/X``);
- paragraphs are separated by one blank line instead of two, and non-breaking spaces at line
  ends are removed; nothing inside a paragraph changes;
- flags interview transcripts (``interview = true``: three or more ``((WN))`` question marks, or
  a title saying so), which are kept: their answers are quotes too, but a researcher may drop them.

Examples:
    >>> clean_text("Friday, January 4, 2019\\xa0\\n\\n\\nA flat collapsed.\\n\\n\\nTwo died.\\n")
    ('A flat collapsed.\\n\\nTwo died.', '2019-01-04')
    >>> fix_url("https://en.wikinews.org//wiki/A_b")
    'https://en.wikinews.org/wiki/A_b'
"""
from __future__ import annotations

import csv
import json
import re
import sys
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
LICENSE_URL = "https://creativecommons.org/licenses/by/2.5/"
_DATELINE = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), "
                       r"([A-Z][a-z]{2,8} \d{1,2}, \d{4})")
_BANNER = ("This article requires pre-publication review", "-Article last amended:")
_INTERVIEW_TITLE = re.compile(r"\binterview|\btalks? (?:to|with)\b|\bspeaks? (?:to|with)\b|answers? (?:some )?questions",
                              re.IGNORECASE)


def fix_url(url: str) -> str:
    """The article's URL without the doubled slash of the source files."""
    return url.replace("wikinews.org//wiki/", "wikinews.org/wiki/")


def clean_text(text: str) -> tuple[str, str | None]:
    """The article text without review banner and dateline, and the dateline's ISO date (or None)."""
    paragraphs = [p.strip().replace("\xa0", " ").strip() for p in text.replace("\r\n", "\n").split("\n")]
    paragraphs = [p for p in paragraphs if p and not p.startswith(_BANNER)]
    date = None
    if paragraphs:
        m = _DATELINE.fullmatch(paragraphs[0])
        if m:
            date = datetime.strptime(m.group(1), "%B %d, %Y").date().isoformat()
            paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs), date


def convert(rows: list[dict[str, str]]) -> tuple[list[dict[str, object]], list[str]]:
    """Cleaned records, and one line per dropped row saying why."""
    out: list[dict[str, object]] = []
    dropped: list[str] = []
    seen: set[str] = set()
    for row in rows:
        title = row["title"].strip()
        if title.upper().startswith("TEST PAGE"):
            dropped.append(f"{title}: a test page")
            continue
        text, dateline = clean_text(row["text"])
        if len(text.split()) < 20:
            dropped.append(f"{title}: no article text")
            continue
        url = fix_url(row["url"].strip())
        article_id = "wikinews/" + unquote(url.rsplit("/wiki/", 1)[-1])
        if article_id in seen:
            dropped.append(f"{title}: a second copy of {article_id}")
            continue
        seen.add(article_id)
        out.append({"article_id": article_id, "title": title, "date": dateline or row["date"],
                    "date_from": "dateline" if dateline else "csv", "url": url, "source": "Wikinews",
                    "license": "CC BY 2.5",
                    "interview": text.count("((WN))") >= 3 or bool(_INTERVIEW_TITLE.search(title)),
                    "text": text})
    out.sort(key=lambda r: (str(r["date"]), str(r["article_id"])))
    return out, dropped


def attribution(records: list[dict[str, object]], dropped: list[str]) -> str:
    """The ATTRIBUTION.md text: credit, license, changes, and a link to every article."""
    lines = [
        "# Wikinews articles: attribution",
        "",
        (f"`wikinews.jsonl` holds {len(records)} news articles from **English Wikinews**"
         " (https://en.wikinews.org), written by **Wikinews contributors**, published under the"
         f" **Creative Commons Attribution 2.5** license ({LICENSE_URL}). They are redistributed here"
         " under the same license. Wikinews does not endorse newslab or this use."),
        "",
        ("The files were collected by the public repository vanatteveldt/wikinews"
         " (https://github.com/vanatteveldt/wikinews, commit 347254178bf3)."),
        "",
        "## What was changed",
        "",
        "`tools/convert_wikinews.py` made these changes (and nothing else):",
        "",
        "- removed placeholder pages titled `TEST PAGE`:",
        *[f"  - {d}" for d in dropped],
        "- removed the pre-publication review banner at the top of some pages;",
        "- moved the leading dateline (e.g. `Friday, January 4, 2019`) out of the text into the `date` field;",
        "- fixed the doubled slash in the article URLs (`org//wiki/` -> `org/wiki/`);",
        "- separated paragraphs by one blank line instead of two and removed non-breaking spaces at line ends;",
        "- added the fields `article_id`, `date_from`, `source`, `license` and `interview`.",
        "",
        "## The articles",
        "",
        "Each article's history and authors are on its page (the *History* tab).",
        "",
    ]
    lines += [f"- {r['date']}: [{r['title']}]({r['url']})" for r in records]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    src = Path(argv[0]) if argv else ROOT.parent / "shared" / "corpus" / "wikinews"
    dst = Path(argv[1]) if len(argv) > 1 else ROOT / "data" / "wikinews"
    rows: list[dict[str, str]] = []
    for path in sorted(src.glob("wikinews_*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows += list(csv.DictReader(fh))
    if not rows:
        print(f"no wikinews_*.csv in {src}", file=sys.stderr)
        return 1
    records, dropped = convert(rows)
    dst.mkdir(parents=True, exist_ok=True)
    with (dst / "wikinews.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    (dst / "ATTRIBUTION.md").write_text(attribution(records, dropped), encoding="utf-8", newline="\n")
    print(f"{len(records)} articles written to {dst / 'wikinews.jsonl'}; {len(dropped)} dropped:")
    for d in dropped:
        print(f"  {d}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Check the referenced corpus units (``ref`` records) against ../shared/data.

Loads every record with a ``ref`` from corpus/**/*.jsonl, re-reads its span from the referenced file, verifies
the sha1 (first 12 hex of sha1 of the UTF-8 span) and prints counts. Exits 0 with a one-line skip when
../shared is absent (a clone of the repository), 1 when any span does not match.

    .venv/bin/python corpus/tools/check_refs.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1]
SHARED_DATA = CORPUS.parents[1] / "shared" / "data"


def sha1_12(span: str) -> str:
    return hashlib.sha1(span.encode("utf-8")).hexdigest()[:12]


def load_texts(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as fh:
        return {rec["id"]: rec["text"] for rec in map(json.loads, fh)}


def check(corpus: Path = CORPUS, data: Path = SHARED_DATA) -> tuple[Counter[str], list[str]]:
    counts: Counter[str] = Counter()
    errors: list[str] = []
    texts: dict[str, dict[str, str]] = {}
    for path in sorted(corpus.glob("**/*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                rec = json.loads(line)
                ref = rec.get("ref")
                if ref is None:
                    continue
                counts["refs"] += 1
                if ref["file"] not in texts:
                    texts[ref["file"]] = load_texts(data / ref["file"])
                text = texts[ref["file"]].get(ref["article"])
                where = f"{path.relative_to(corpus)}:{n} {rec.get('id')}"
                if text is None:
                    errors.append(f"{where}: no article {ref['article']}")
                    continue
                if not 0 <= ref["start"] < ref["end"] <= len(text):
                    errors.append(f"{where}: span {ref['start']}..{ref['end']} outside the article")
                    continue
                if sha1_12(text[ref["start"]:ref["end"]]) != ref["sha1"]:
                    errors.append(f"{where}: sha1 mismatch")
                    continue
                counts["ok"] += 1
                counts["positive" if rec.get("events") else "negative"] += 1
                for event in rec.get("events", []):
                    counts[f"{event['type']}/{event['status']}"] += 1
    return counts, errors


def main() -> int:
    if not SHARED_DATA.is_dir():
        print(f"skip: {SHARED_DATA} not found (referenced units need ../shared/data)")
        return 0
    counts, errors = check()
    for err in errors:
        print(err, file=sys.stderr)
    print(" ".join(f"{k}={v}" for k, v in sorted(counts.items())) + f" errors={len(errors)}")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())

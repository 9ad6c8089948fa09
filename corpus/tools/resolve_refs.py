"""Write a copy of referenced corpus units (``ref`` records) with their text read from ../shared/data, under /tmp only,
so tools that need ``text`` (``test_real.py``, a blind labelling pass) can read them. The sha1 of every span is checked;
the copy never goes into the repository (10kGNAD is CC BY-NC-SA):

    WIREWATCH_SHARED=/work/shared .venv/bin/python corpus/tools/resolve_refs.py corpus/de/10kgnad-al3.jsonl \
        --out /tmp/al3_text.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from detectors.learned.corpus import shared_dir


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    if not args.out.startswith("/tmp/"):
        print("refusing to write referenced text outside /tmp", file=sys.stderr)
        return 2
    data = shared_dir() / "data"
    if not data.is_dir():
        print(f"skip: {data} not found")
        return 0
    texts: dict[str, dict[str, str]] = {}
    n = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for path in args.files:
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                rec = json.loads(line)
                ref = rec.get("ref")
                if "text" not in rec and ref:
                    if ref["file"] not in texts:
                        with (data / ref["file"]).open(encoding="utf-8") as fh:
                            texts[ref["file"]] = {r["id"]: r["text"] for r in map(json.loads, fh)}
                    span = texts[ref["file"]][ref["article"]][ref["start"]:ref["end"]]
                    if hashlib.sha1(span.encode("utf-8")).hexdigest()[:12] != ref["sha1"]:
                        print(f"{path}: {rec['id']}: sha1 mismatch", file=sys.stderr)
                        return 1
                    rec["text"] = span
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    print(f"wrote {n} units to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Build a candidate pool (for select_real.py) from the Wikinews part of KIND (github.com/dhfbk/KIND).

KIND's Wikinews files hold Italian Wikinews (it.wikinews.org, CC BY 2.5) sentences one token a line with a NER
tag (the tags are CC BY-NC 4.0 and are not used). Sentences are rebuilt from the tokens (spaces dropped before
closing punctuation, after an opening one and after an elided article such as ``l'``). A sentence with no final
punctuation is a headline and opens a new document (``group``). Writes under /tmp only:

    python corpus/tools/pool_kind.py /tmp/wikinews_train.tsv:dataset/wikinews_train.tsv --commit C --out /tmp/pool.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

CLOSE = {",", ".", ";", ":", "!", "?", ")", "]", "»", "%", "..."}
OPEN = {"(", "[", "«"}
FINAL = re.compile(r"[.!?…\"»”)]$")


def detok(tokens: list[str]) -> str:
    out = ""
    quote_open = False
    glue = True
    for t in tokens:
        if t == '"':
            if quote_open:
                out += t
            else:
                out += ("" if glue else " ") + t
            quote_open = not quote_open
            glue = quote_open
            continue
        sep = "" if glue or t in CLOSE else " "
        out += sep + t
        glue = t in OPEN or t.endswith(("'", "’"))
    return out.strip()


def sentences(path: Path) -> list[str]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(detok(cur))
            cur = []
            continue
        cur.append(line.split("\t")[0])
    if cur:
        sents.append(detok(cur))
    return sents


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", help="LOCAL:REPO_PATH pairs")
    ap.add_argument("--commit", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    if not args.out.startswith("/tmp/"):
        print("refusing to write outside /tmp", file=sys.stderr)
        return 2
    n = 0
    with open(args.out, "w", encoding="utf-8") as fh:
        for spec in args.files:
            local, repo_path = spec.split(":", 1)
            doc = 0
            for i, s in enumerate(sentences(Path(local))):
                if not FINAL.search(s):
                    doc += 1
                stem = Path(repo_path).stem
                rec = {"lang": "it", "text": s, "group": f"it-kind-{stem}-d{doc}", "line": i, "file": repo_path,
                       "commit": args.commit}
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    print(f"wrote {n} sentences to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Select German sentences of ../shared/data/news-de-10kgnad.jsonl worth labelling (issue 12, active learning).

Every article is split with the project's own splitter (the spaCy sentencizer of ``Pipeline().engine("de")``,
a line break also ends a sentence) and run through the rule detectors. A sentence is a candidate when a
detection's evidence covers it or it holds a meeting/ceasefire cue word the rules may miss. Candidates are
ranked by uncertainty (confidence nearest the 0.5-0.7 band first, then cue words without a detection, then
confident detections), at most ``--per-article`` per article, plus ``--random`` random control sentences.

Writes the candidate spans (with their text, for the labeller only) to a file under /tmp, never into the repo:

    .venv/bin/python corpus/tools/select_de.py --out /tmp/de_candidates.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from detectors.contracts import Article
from detectors.pipeline import Pipeline

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "news-de-10kgnad.jsonl"
DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev.jsonl"
CUES = re.compile(
    r"\b(treffen|traf|trafen|getroffen|gespräch\w*|\w*gespräch\w*|unterredung\w*|begegnung\w*|sondierung\w*|"
    r"verhandl\w*|verhandelt\w*|\w*verhandlung\w*|besuch\w*|besucht\w*|\w*besuch|empfing\w*|empfangen|"
    r"telefonat\w*|telefonierte\w*|gipfel\w*|\w*gipfel|konferenz\w*|\w*konferenz|tagung|zusammenkunft|zitiert|"
    r"einbestellt|\w*waffenruhe|\w*waffenstillstand\w*|feuerpause|feuer|kampfpause|friedensgespräch\w*|"
    r"verhandlungstisch|abgesagt|absagen|sagte\w* \w+ ab|vertagt|zusammengekommen|kamen \w+ zusammen|"
    r"\w*treffen|friedensverhandl\w*|feindseligkeiten|\w*reise|reiste\w*|beriet\w*|berat\w*|amtskolleg\w*|"
    r"staatsgast|gastgeber\w*|unterhandl\w*|kontakt\w*|runde[nr]? tisch\w*|zusammensetzen)\b",
    re.IGNORECASE,
)
# broader words around the events (party/cabinet/company meetings, interviews, fighting, deals): hard negatives
BROAD = re.compile(
    r"\b(\w*sitzung\w*|parteitag\w*|\w*versammlung\w*|ministerrat\w*|interview\w*|streik\w*|kämpfe\w*|"
    r"angriff\w*|abkommen\w*|vereinbar\w*|geeinigt|einigung|dialog\w*|vermittl\w*|delegation\w*|"
    r"außenminister\w*|staatschef\w*|amtskollege\w*|botschafter\w*|rebellen|beschossen|schüsse)\b",
    re.IGNORECASE,
)
BAND = (0.5, 0.7)


def sha1_12(span: str) -> str:
    return hashlib.sha1(span.encode("utf-8")).hexdigest()[:12]


def sentences(pipeline: Pipeline, text: str) -> list[tuple[int, int]]:
    """Character (start, end) of every sentence, by the pipeline's own splitter."""
    engine = pipeline.engine("de")
    doc = engine.nlp(text)
    ranges, _ = pipeline._candidate_sentences(engine, text, doc)  # the project splitter
    return [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)) for a, b in ranges if b > a]


def uncertainty(conf: float) -> float:
    """Distance of a confidence from the uncertain band (0 inside it)."""
    lo, hi = BAND
    return 0.0 if lo <= conf <= hi else min(abs(conf - lo), abs(conf - hi))


def candidates(records: list[dict[str, Any]], dev_texts: set[str]) -> list[dict[str, Any]]:
    pipeline = Pipeline(["de"])
    dev_long = [d for d in dev_texts if len(d) > 20]
    out: list[dict[str, Any]] = []
    for rec in records:
        text = rec["text"]
        spans = sentences(pipeline, text)
        dets = pipeline.detect(Article.create(text, id=rec["id"], language="de"))
        for i, (start, end) in enumerate(spans):
            sent = text[start:end]
            if sent in dev_texts or any(d in sent or sent in d for d in dev_long):
                continue  # a dev unit (or a sentence of one, or one holding it) would leak into evaluation
            rules = [
                {"type": d.type, "status": d.status, "confidence": round(d.confidence, 3)}
                for d in dets
                if d.evidence.start < end and d.evidence.end > start
            ]
            cues = sorted({m.group(0).lower() for m in CUES.finditer(sent)})
            item = {
                "article": rec["id"], "index": i, "start": start, "end": end, "sha1": sha1_12(sent),
                "text": sent, "prev": text[spans[i - 1][0]:spans[i - 1][1]] if i else "",
                "prev_start": spans[i - 1][0] if i else None,
                "rules": rules, "cues": cues,
            }
            if rules:
                u = min(uncertainty(r["confidence"]) for r in rules)
                item["tier"], item["score"] = (0, u) if u <= 0.15 else (2, u)
            elif cues:
                item["tier"], item["score"] = 1, 0.0
            elif BROAD.search(sent):
                item["tier"], item["score"] = 2, 1.0
            else:
                item["tier"], item["score"] = 3, 0.0
            out.append(item)
    return out


def select(items: list[dict[str, Any]], total: int, per_article: int, n_random: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    ranked = sorted((c for c in items if c["tier"] < 3), key=lambda c: (c["tier"], c["score"], rng.random()))
    taken: list[dict[str, Any]] = []
    per: dict[str, int] = defaultdict(int)
    for rnd in range(1, per_article + 1):  # spread over articles: one per article per round
        for c in ranked:
            if len(taken) >= total:
                break
            if per[c["article"]] < rnd and not c.get("kind") and per[c["article"]] == rnd - 1:
                c["kind"] = "candidate"
                per[c["article"]] += 1
                taken.append(c)
    rest = [c for c in items if not c.get("kind") and c["tier"] == 3 and len(c["text"]) > 30]
    for c in rng.sample(rest, min(n_random, len(rest))):
        c["kind"] = "random"
        taken.append(c)
    return taken


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="/tmp/de_candidates.jsonl")
    ap.add_argument("--total", type=int, default=560)
    ap.add_argument("--per-article", type=int, default=4)
    ap.add_argument("--random", type=int, default=80)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--skip", help="a labelled JSONL file: its ref spans are not selected again (a later round)")
    args = ap.parse_args(argv)
    if not args.out.startswith("/tmp/"):
        print("refusing to write span text outside /tmp", file=sys.stderr)
        return 2
    if not DATA.exists():
        print(f"skip: {DATA} not found")
        return 0
    records = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    dev_texts = set()
    if DEV.exists():
        dev_texts = {json.loads(line).get("text", "") for line in DEV.open(encoding="utf-8")}
    items = candidates(records, dev_texts)
    if args.skip:
        done = set()
        with open(args.skip, encoding="utf-8") as fh:
            for line in fh:
                ref = json.loads(line)["ref"]
                done |= {(ref["article"], ref["start"]), (ref["article"], ref["end"])}
        items = [c for c in items if (c["article"], c["start"]) not in done and (c["article"], c["end"]) not in done]
    chosen = select(items, args.total, args.per_article, args.random, args.seed)
    with open(args.out, "w", encoding="utf-8") as fh:
        for c in chosen:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    tiers = defaultdict(int)
    for c in chosen:
        tiers[(c["kind"], c["tier"])] += 1
    print(f"{len(items)} sentences, {sum(c['tier'] < 3 for c in items)} candidates; wrote {len(chosen)} to "
          f"{args.out}: {dict(sorted(tiers.items()))}; articles {len({c['article'] for c in chosen})}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

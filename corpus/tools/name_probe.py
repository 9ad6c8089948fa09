"""How much the shipped detectors depend on the names in a sentence: each template (team-written, one event of a
known type) filled with many invented people (bench.articles.invented_name), and the share of fillings that yield
the event, at a confidence a route alerts on (0.5), with the spread of the confidence. A detector that reads the
event and not the name gives the same answer for every filling.

    python corpus/tools/name_probe.py [--names 300]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from bench.articles import invented_name  # noqa: E402
from detectors.contracts import Article  # noqa: E402
from detectors.pipeline import Pipeline  # noqa: E402

TEMPLATES = Path(__file__).with_name("name_probe_templates.json")
DEPUTY = 1 << 20  # the second person of filling i is invented person i + DEPUTY


def probe(pipeline: Pipeline, template: dict, names: int) -> dict:
    arts = []
    for i in range(names):
        first, surname = invented_name(7 * i + 3)
        deputy = " ".join(invented_name(7 * i + 3 + DEPUTY))
        text = template["text"].format(name=f"{first} {surname}", deputy=deputy)
        arts.append(Article.create(text, language=template["lang"]))
    conf = np.array([max((d.confidence for d in dets if d.type == template["type"]), default=0.0)
                     for dets in pipeline.detect_many(arts)])
    p10, p50, p90 = np.percentile(conf, [10, 50, 90])
    return {"lang": template["lang"], "type": template["type"], "detected": round(float((conf > 0).mean()), 3),
            "alerted": round(float((conf >= 0.5).mean()), 3), "p10": round(float(p10), 2),
            "median": round(float(p50), 2), "p90": round(float(p90), 2), "std": round(float(conf.std()), 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=300)
    args = parser.parse_args(argv)
    pipeline = Pipeline.load(stage="learned")
    for k, template in enumerate(json.loads(TEMPLATES.read_text("utf-8"))):
        print(json.dumps({"template": k, **probe(pipeline, template, args.names)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

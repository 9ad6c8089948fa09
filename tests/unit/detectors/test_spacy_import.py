"""spaCy imported without its command line (detectors/spacy_import.py, a detector process's start): the command
line is not loaded, is there in full when asked for, and the detectors read exactly as with a plain import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.sample_articles import seed_and_sentences

REPO = Path(__file__).resolve().parents[3]

_PROBE = """
import json, sys
from detectors.spacy_import import import_spacy
spacy = import_spacy()
before = {"cli": "spacy.cli" in sys.modules, "typer": "typer" in sys.modules, "weasel": "weasel" in sys.modules}
nlp = spacy.blank("de")
tokens = [t.text for t in nlp("Die Waffenruhe gilt ab Montag, 0 Uhr.")]
import spacy.cli
print(json.dumps({"before": before, "tokens": tokens, "download": callable(getattr(spacy.cli, "download", None)),
                  "info": sorted(spacy.info())[:3], "again": import_spacy() is spacy}))
"""

_DETECT = """
import json, sys
if sys.argv[1] == "shim":
    from detectors.spacy_import import import_spacy
    import_spacy()
from detectors.contracts import Article
from detectors.pipeline import Pipeline
pipeline = Pipeline.load()
out = []
for a in json.load(sys.stdin):
    dets = [{k: v for k, v in d.to_dict().items() if k != "detected_at"} for d in pipeline.detect(Article.create(**a))]
    out.append(dets)
print(json.dumps({"cli": "spacy.cli" in sys.modules, "detections": out}, sort_keys=True))
"""


def _run(code: str, *args: str, stdin: str = "") -> dict:
    run = subprocess.run([sys.executable, "-c", code, *args], input=stdin, capture_output=True, text=True,
                         timeout=300, cwd=REPO, check=True)
    return json.loads(run.stdout)


def test_spacy_without_its_command_line_until_asked_for() -> None:
    out = _run(_PROBE)
    assert out["before"] == {"cli": False, "typer": False, "weasel": False}
    assert out["tokens"] == ["Die", "Waffenruhe", "gilt", "ab", "Montag", ",", "0", "Uhr", "."]
    assert out["download"]  # the real command line, imported on demand
    assert out["info"] and out["again"]


def test_the_detectors_read_the_same_as_with_a_plain_import() -> None:
    articles = seed_and_sentences(3)
    shim = _run(_DETECT, "shim", stdin=json.dumps(articles))
    plain = _run(_DETECT, "plain", stdin=json.dumps(articles))
    assert not shim["cli"] and plain["cli"]
    assert sum(map(len, plain["detections"])) >= 4
    assert shim["detections"] == plain["detections"]

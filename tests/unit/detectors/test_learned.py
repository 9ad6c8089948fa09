"""The learned decision stage: shipped models, decisions, calibration plumbing, corpus loading, training."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from detectors.contracts import Article
from detectors.learned.corpus import dev_group, load_units
from detectors.learned.model import LinearModel, load
from detectors.learned.stage import decide_one

REPO = Path(__file__).resolve().parents[3]
PUTIN = "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Ankara on Monday."


@pytest.fixture(scope="module")
def learned():
    from detectors import Pipeline

    return Pipeline.load(stage="learned")


def test_models_are_shipped_and_small():
    sizes = {t: (REPO / "detectors" / "data" / "models" / f"{t}.npz").stat().st_size for t in ("meeting", "ceasefire")}
    assert sum(sizes.values()) < 40 * 1024 * 1024, sizes
    for t in sizes:
        model = load(t)
        assert model is not None and model.name == f"{t}.learned/{model.version}"
        assert model.outputs[0] == "event" and any(o.startswith("status:") for o in model.outputs)


def test_putin_meets_erdogan_held_high(learned):
    dets = [d for d in learned.detect(Article.create(PUTIN, language="en")) if d.type == "meeting"]
    assert [(d.status, d.level) for d in dets] == [("held", "high")], dets
    assert dets[0].detector.startswith("meeting.learned/")
    assert 0.5 <= dets[0].confidence <= 1.0


@pytest.mark.parametrize("text", [
    "Der Stürmer traf in der 89. Minute zum 2:0 für Bayern.",
    "Die Regierung hat eine Entscheidung getroffen.",
    "Bayern trifft am Samstag auf Dortmund.",
    "The company's board met on Tuesday to discuss the quarterly results.",
])
def test_learned_stage_rejects_hard_negatives(learned, text):
    lang = "en" if text.startswith("The") else "de"
    assert [d for d in learned.detect(Article.create(text, language=lang)) if d.type == "meeting"] == []


def test_rules_stage_keeps_lexicon_detectors():
    from detectors import Pipeline

    dets = Pipeline.load(stage="rules").detect(Article.create(PUTIN, language="en"))
    assert dets and all(".lexicon/" in d.detector for d in dets)
    with pytest.raises(ValueError, match=r"detectors\.stage"):
        Pipeline.load(stage="neural")


def _model(meta: dict) -> LinearModel:
    outs = ("event", "status:held", "status:planned", "level:high")
    return LinearModel("meeting", {}, np.zeros((0, 4), np.float32), np.zeros((0, 4), np.float32), np.zeros(4),
                       np.tile([1.0, 0.0], (4, 1)), outs, {"version": 3, **meta})


def test_decide_one_threshold_statuses_and_level():
    model = _model({"threshold": 0.5, "conditional": True})
    assert decide_one(model, np.array([0.4, 0.9, 0.1, 0.9])) == []  # not an event
    (dec,) = decide_one(model, np.array([0.8, 0.9, 0.1, 0.2]))
    assert (dec.status, dec.level, dec.detector) == ("held", "other", "meeting.learned/3")
    assert dec.confidence == pytest.approx(0.72)  # p(event) * p(held | event)
    both = decide_one(model, np.array([1.0, 0.6, 0.7, 0.9]))
    assert [d.status for d in both] == ["planned", "held"] and both[0].level == "high"
    # no status reaches 0.5: the likeliest one
    assert [d.status for d in decide_one(model, np.array([0.9, 0.3, 0.4, 0.0]))] == ["planned"]


def test_decide_one_leaves_out_statuses_below_min_confidence():
    model = _model({"threshold": 0.5, "conditional": True, "min_confidence": 0.2, "extra_min_confidence": 0.4})
    # an event by a hair, with no status likely: 0.55 * 0.3 = 0.165, far more likely wrong than right
    assert decide_one(model, np.array([0.55, 0.3, 0.05, 0.0])) == []
    assert [d.status for d in decide_one(model, np.array([0.7, 0.3, 0.05, 0.0]))] == ["held"]  # 0.21
    # a second status needs the higher cut: 0.7 * 0.55 = 0.385 < 0.4, 0.8 * 0.55 = 0.44
    assert [d.status for d in decide_one(model, np.array([0.7, 0.9, 0.55, 0.0]))] == ["held"]
    assert [d.status for d in decide_one(model, np.array([0.8, 0.9, 0.55, 0.0]))] == ["held", "planned"]
    # older model files carry no cut: every chosen status is reported
    assert [d.status for d in decide_one(_model({"conditional": True}), np.array([0.55, 0.3, 0.05, 0.0]))] == ["held"]


def test_model_file_round_trip(tmp_path):
    rng = np.random.default_rng(0)
    vocab = {"a": 0, "b": 1, "c": 2}
    model = LinearModel("ceasefire", vocab, rng.normal(size=(3, 2)).astype(np.float32),
                        rng.normal(size=(4, 2)).astype(np.float32), np.array([0.1, -0.2]),
                        np.array([[1.5, 0.1], [0.7, -0.3]]), ("event", "status:announced"), {"version": 2})
    path = tmp_path / "m.npz"
    model.save(path)
    back = LinearModel.read(path, "ceasefire")
    dense = rng.normal(size=(2, 4))
    feats = [["a", "c", "unknown"], []]
    np.testing.assert_allclose(back.probabilities(feats, dense), model.probabilities(feats, dense), rtol=1e-6)
    with pytest.raises(ValueError, match="embeddings"):
        back.probabilities(feats, None)


def test_dev_group_is_the_source_document():
    assert dev_group("de-10kgnad-412-3") == "de-10kgnad-412"
    assert dev_group("de-seed000-12") == "de-seed000"
    assert dev_group("en-gnews-10522") == "en-gnews-10522"  # one headline per line: its own document


def _write(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def test_corpus_resolves_referenced_spans_and_checks_them(tmp_path):
    article = "Erster Satz. Die Waffenruhe hält seit Montag. Dritter Satz."
    start = article.index("Die")
    end = article.index("Montag.") + len("Montag.")
    sha = hashlib.sha1(article[start:end].encode()).hexdigest()[:12]
    _write(tmp_path / "data" / "news.jsonl", [{"id": "a1", "text": article}])
    ref = {"file": "news.jsonl", "article": "a1", "start": start, "end": end}
    _write(tmp_path / "corpus" / "de" / "10kgnad-x.jsonl", [
        {"id": "u1", "lang": "de", "events": [], "group": "a1", "ref": {**ref, "sha1": sha}},
        {"id": "u2", "lang": "de", "events": [], "group": "a1", "ref": {**ref, "sha1": "000000000000"}},
    ])
    _write(tmp_path / "corpus" / "agreement" / "second-pass.jsonl", [{"id": "u1", "events": [{"type": "meeting"}]}])
    loaded = load_units(tmp_path / "corpus", tmp_path / "dev.jsonl", tmp_path / "data")
    assert [(u.id, u.text) for u in loaded.units] == [("u1", "Die Waffenruhe hält seit Montag.")]
    assert loaded.skipped["referenced span's sha1 differs"] == 1
    assert any("dev set not found" in reason for reason in loaded.skipped)


def test_training_is_seeded_and_reproducible(tmp_path):
    """`train` on a small corpus twice: the same model bytes; the model learns the corpus' distinction."""
    rows = []
    for k in range(30):
        rows.append({"id": f"p{k}", "lang": "de", "group": f"g{k % 6}", "text":
                     f"Bundeskanzler Scholz traf am {k + 1}. Mai in Paris den französischen Präsidenten Macron.",
                     "events": [{"type": "meeting", "status": "held", "level": "high"}]})
        rows.append({"id": f"n{k}", "lang": "de", "group": f"h{k % 6}", "text":
                     f"Der Stürmer Müller traf in der {k + 10}. Minute für Bayern gegen Dortmund.", "events": []})
    _write(tmp_path / "corpus" / "de" / "team-x.jsonl", rows)
    script = (
        "import sys; from pathlib import Path; from detectors.learned import train as T; "
        "from detectors.learned.corpus import load_units; "
        "ds = T.build(load_units(Path(sys.argv[1]), include_dev=False), with_embeddings=False); "
        "T.train(ds, T.Config(embed=False, min_count=1, gated=\"keep\"), Path(sys.argv[2]))"
    )
    digests = []
    for out in ("a", "b"):
        subprocess.run([sys.executable, "-c", script, str(tmp_path / "corpus"), str(tmp_path / out)],
                       check=True, cwd=REPO, timeout=300)
        digests.append(hashlib.sha1((tmp_path / out / "meeting.npz").read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    model = LinearModel.read(tmp_path / "a" / "meeting.npz", "meeting")
    assert model.meta["units"] == 60 and model.dense_dim == 0
    from detectors import Pipeline
    from detectors.learned.features import features

    obs = Pipeline.load(stage="rules").observe_many([
        Article.create("Bundeskanzler Scholz traf am Montag in Rom den Präsidenten Mattarella.", language="de"),
        Article.create("Der Stürmer Meier traf in der 3. Minute für Hertha.", language="de"),
    ])
    p_pos, p_neg = (model.probabilities([features(o.obs) for o in obs[k]])[:, 0].max() for k in (0, 1))
    assert p_pos > 0.5 > p_neg


def test_detectors_stage_from_the_config_reaches_the_pipeline(tmp_path):
    """`detectors.stage: rules` in the config file makes every pipeline the command loads rules-only."""
    config = tmp_path / "config.yaml"
    config.write_text("detectors:\n  stage: rules\n", "utf-8")
    script = ("import sys; from streams.cli.common import load_config; load_config(sys.argv[1]); "
              "from detectors import Pipeline; print(Pipeline.load().stage)")
    out = subprocess.run([sys.executable, "-c", script, str(config)], capture_output=True, text=True, check=True,
                         cwd=REPO, timeout=120, env={"PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "rules"
    bad = tmp_path / "bad.yaml"
    bad.write_text("detectors:\n  stage: neural\n", "utf-8")
    res = subprocess.run([sys.executable, "-m", "streams.cli", "check-config", str(bad)], capture_output=True,
                         text=True, cwd=REPO, timeout=120)
    assert res.returncode == 2 and "detectors.stage" in res.stderr

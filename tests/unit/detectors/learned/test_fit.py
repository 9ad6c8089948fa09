"""Training defaults of the learned stage (detectors.learned.fit.Config) as the decisions read them."""

from __future__ import annotations

import numpy as np

from detectors.learned.fit import Config
from detectors.learned.model import LinearModel
from detectors.learned.stage import decide_one


def _model(cfg: Config) -> LinearModel:
    outs = ("event", "status:held", "status:planned", "level:high")
    meta = {"version": 10, "threshold": cfg.meeting_threshold, "conditional": cfg.conditional,
            "min_confidence": cfg.min_confidence, "extra_min_confidence": cfg.extra_min_confidence}
    return LinearModel("meeting", {}, np.zeros((0, 4), np.float32), np.zeros((0, 4), np.float32), np.zeros(4),
                       np.tile([1.0, 0.0], (4, 1)), outs, meta)


def test_a_second_status_must_be_more_likely_right_than_wrong():
    model = _model(Config())
    # "will hold talks": planned 0.9, held 0.6 at p(event) 0.85 -> held's confidence 0.51 is not reported
    assert [d.status for d in decide_one(model, np.array([0.85, 0.6, 0.9, 0.9]))] == ["planned"]
    # two statuses both likely (0.95 * 0.7 = 0.665): both are
    assert [d.status for d in decide_one(model, np.array([0.95, 0.7, 0.9, 0.9]))] == ["planned", "held"]
    # the first status keeps the low floor: 0.4 * 0.6 = 0.24
    assert [d.status for d in decide_one(model, np.array([0.4, 0.6, 0.1, 0.0]))] == ["held"]


def test_a_ceasefire_needs_less_than_an_even_chance_of_being_one():
    """Under the held-out prevalence (~60 % positive) a ceasefire at p(event) 0.4 with a sure status is reported
    (corpus/tools/prevalence.py; fit.Config.threshold 0.5 -> 0.3)."""
    cfg = Config()
    outs = ("event", "status:announced", "status:called_for", "status:violated", "status:rejected")
    meta = {"version": 12, "threshold": cfg.threshold, "conditional": cfg.conditional,
            "min_confidence": cfg.min_confidence, "extra_min_confidence": cfg.extra_min_confidence}
    model = LinearModel("ceasefire", {}, np.zeros((0, 5), np.float32), np.zeros((0, 5), np.float32), np.zeros(5),
                        np.tile([1.0, 0.0], (5, 1)), outs, meta)
    assert [d.status for d in decide_one(model, np.array([0.4, 0.9, 0.1, 0.0, 0.0]))] == ["announced"]
    # below the floor of p(event) * p(status) it is still not: 0.3 * 0.6 = 0.18
    assert decide_one(model, np.array([0.3, 0.6, 0.1, 0.0, 0.0])) == []

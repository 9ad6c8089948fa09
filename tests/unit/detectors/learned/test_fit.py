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

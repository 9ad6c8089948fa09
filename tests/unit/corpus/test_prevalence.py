"""corpus/tools/prevalence.py's weighting and weighted F1 (pure functions, hand-made units)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[3] / "corpus" / "tools" / "prevalence.py"
_SPEC = importlib.util.spec_from_file_location("prevalence", _PATH)
assert _SPEC and _SPEC.loader
prevalence = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("prevalence", prevalence)  # its dataclasses look their module up
_SPEC.loader.exec_module(prevalence)


def test_negatives_weigh_40_to_the_positives_60_per_language():
    langs = ["de"] * 10 + ["en"] * 4
    positive = [True] + [False] * 9 + [True, True, True, False]
    w = prevalence.weights(langs, positive, [True] * 14)
    assert w[0] == 1.0 and w[10:13] == [1.0, 1.0, 1.0]
    de_neg, en_neg = sum(w[1:10]), w[13]
    assert de_neg == pytest.approx(1 * 40 / 60)  # one German positive
    assert en_neg == pytest.approx(3 * 40 / 60)  # three English ones, one negative carries it all


def test_hard_pool_gives_the_other_negatives_nothing():
    langs = ["de"] * 5
    positive = [True, True, False, False, False]
    pool = [False, False, True, False, False]  # only the third unit is a negative the rules fire on
    assert prevalence.weights(langs, positive, pool) == pytest.approx([1.0, 1.0, 2 * 40 / 60, 0.0, 0.0])


def test_a_language_without_positives_or_pooled_negatives_weighs_its_negatives_zero():
    assert prevalence.weights(["it", "it"], [False, False], [True, True]) == [0.0, 0.0]
    assert prevalence.weights(["fr", "fr"], [True, False], [False, False]) == [1.0, 0.0]


def test_weighted_f1_counts_each_unit_by_its_weight():
    gold = [{"meeting"}, {"meeting"}, set(), set()]
    pred = [{"meeting"}, set(), {"meeting"}, set()]
    assert prevalence.weighted_f1(gold, pred, [1, 1, 1, 1]) == pytest.approx(0.5)  # tp 1, fp 1, fn 1
    # the false meeting's unit weighs 0.25: 2 / (2 + 0.25 + 1)
    assert prevalence.weighted_f1(gold, pred, [1, 1, 0.25, 1]) == pytest.approx(2 / 3.25)
    assert prevalence.weighted_f1([set()], [{"meeting"}], [1.0]) == 0.0


def test_items_per_kind():
    pairs = {("meeting", "held"), ("meeting", "planned"), ("ceasefire", "announced")}
    assert prevalence.items(pairs, "meeting") == {"meeting"}
    assert prevalence.items(pairs, "pairs") == pairs
    assert prevalence.items(set(), "ceasefire") == set()
    assert prevalence.items(pairs, "high", high=True) == {"high"}
    assert prevalence.items(pairs, "high") == set()

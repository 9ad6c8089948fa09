"""The shared event words are the registry's: every detector has a type, and the detection contract allows
exactly the levels and forms the vocabulary lists."""

from __future__ import annotations

import json
from importlib import resources

from detectors import registry
from detectors.vocabulary import FORMS, LEVELS, STATUSES, TYPE_STATUSES, TYPES, EventType, Status


def _contract() -> dict:
    return json.loads(resources.files("detectors.schemas").joinpath("detection.schema.json").read_text("utf-8"))


def test_every_registered_detector_is_an_event_type_and_back() -> None:
    assert set(TYPES) == set(registry.detectors())


def test_levels_and_forms_are_the_detection_contracts() -> None:
    props = _contract()["properties"]
    assert set(LEVELS) == {v for v in props["level"]["enum"] if v is not None}
    assert set(FORMS) == {v for v in props["form"]["enum"] if v is not None}


def test_the_words_are_strings_on_the_wire() -> None:
    assert EventType.CEASEFIRE == "ceasefire" and json.dumps([Status.CALLED_FOR]) == '["called_for"]'
    assert ("meeting", "planned") in TYPE_STATUSES and ("ceasefire", "planned") not in TYPE_STATUSES
    assert STATUSES["ceasefire"] == ("announced", "called_for", "violated", "rejected")

"""Lexicon files follow detectors/schemas/lexicon.schema.json: every shipped file passes, and a file with an
unknown key, an unknown cue label or a malformed pattern fails when it loads, naming the file and the key."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from detectors import registry
from detectors.registry import LexiconError, check_lexicon


def _shipped() -> list[tuple[str, str]]:
    root = resources.files("detectors").joinpath("lexicons")
    return [(lang.name, f.name[: -len(".json")]) for lang in root.iterdir() if lang.is_dir()
            for f in lang.iterdir() if f.name.endswith(".json")]


@pytest.mark.parametrize(("lang", "name"), _shipped())
def test_every_shipped_lexicon_follows_the_schema(lang: str, name: str) -> None:
    assert registry.lexicon(lang, name) is not None


def test_every_language_has_both_lexicon_kinds_where_meetings_are_detected() -> None:
    for lang in ("de", "en", "es", "fr", "it", "ru"):
        assert registry.lexicon(lang, "meeting") is not None, lang


def test_an_unknown_cue_label_fails_with_the_file_and_key() -> None:
    with pytest.raises(LexiconError, match=r"xx/meeting\.json: unknown key 'cues/negatoin'"):
        check_lexicon({"triggers": {"meeting": ["treffen"]}, "cues": {"negatoin": ["nicht"]}}, "meeting",
                      "xx/meeting.json")


def test_an_unknown_top_level_key_fails() -> None:
    with pytest.raises(LexiconError, match=r"unknown key 'trigers'"):
        check_lexicon({"triggers": ["truce"], "trigers": ["ceasefire"]}, "ceasefire", "xx/ceasefire.json")


def test_an_unknown_trigger_form_fails() -> None:
    with pytest.raises(LexiconError, match=r"unknown key 'triggers/dinner'"):
        check_lexicon({"triggers": {"dinner": ["dined"]}}, "meeting", "xx/meeting.json")


def test_a_pattern_starting_with_a_gap_fails_with_its_position() -> None:
    with pytest.raises(LexiconError, match=r"xx/ceasefire\.json: triggers/1"):
        check_lexicon({"triggers": ["truce", "... an"]}, "ceasefire", "xx/ceasefire.json")


def test_a_demonym_needs_an_alpha2_code() -> None:
    with pytest.raises(LexiconError, match=r"demonyms"):
        check_lexicon({"demonyms": {"usa": ["american*"]}}, "common", "xx/common.json")


def test_a_file_kind_without_a_schema_fails() -> None:
    with pytest.raises(LexiconError, match=r"no schema for lexicon files named riot\.json"):
        check_lexicon({"triggers": []}, "riot", "xx/riot.json")


def test_loading_a_broken_file_fails_loudly(tmp_path, monkeypatch) -> None:
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "meeting.json").write_text(json.dumps({"triggers": {}, "cue": {}}), "utf-8")
    monkeypatch.setattr(registry, "_root", lambda: tmp_path)
    registry.lexicon.cache_clear()
    try:
        with pytest.raises(LexiconError, match=r"xx/meeting\.json: unknown key 'cue'"):
            registry.lexicon("xx", "meeting")
    finally:
        registry.lexicon.cache_clear()


def test_every_type_leads_with_each_of_its_statuses_once() -> None:
    for words in registry.events().values():
        assert sorted(words["lead"]) == sorted(words["statuses"])


def test_a_lead_order_that_is_not_the_statuses_fails_with_the_file(tmp_path, monkeypatch) -> None:
    spec = {"modules": [], "events": {"ceasefire": {"statuses": ["announced", "violated"],
                                                    "lead": ["violated", "anounced"]}}}
    (tmp_path / "detectors.json").write_text(json.dumps(spec), "utf-8")
    monkeypatch.setattr(registry, "_root", lambda: tmp_path)
    registry._spec.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"detectors\.json: events\.ceasefire\.lead"):
            registry.events()
    finally:
        registry._spec.cache_clear()

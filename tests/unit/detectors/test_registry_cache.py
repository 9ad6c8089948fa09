"""Lexicon validation once per file content (detectors/registry.py, through the detector cache): a detector
process's start does not run jsonschema over lexicons it saw pass, and a changed file is validated again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detectors import cache, registry
from detectors.registry import LexiconError

SHIPPED = Path(registry.__file__).resolve().parent / "lexicons" / "de" / "meeting.json"


@pytest.fixture
def lexicons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WIREWATCH_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("WIREWATCH_DETECTOR_CACHE", raising=False)
    root = tmp_path / "lexicons"
    (root / "xx").mkdir(parents=True)
    (root / "xx" / "meeting.json").write_text(SHIPPED.read_text("utf-8"), "utf-8")
    monkeypatch.setattr(registry, "_root", lambda: root)
    registry.lexicon.cache_clear()
    yield root
    registry.lexicon.cache_clear()


def test_a_content_that_passed_is_not_validated_again(lexicons: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []
    check = registry.check_lexicon

    def counting(data: object, kind: str, where: str) -> None:
        checked.append(where)
        check(data, kind, where)

    monkeypatch.setattr(registry, "check_lexicon", counting)
    first = registry.lexicon("xx", "meeting")
    cache.wait_written()
    registry.lexicon.cache_clear()  # as a new process would
    assert registry.lexicon("xx", "meeting") == first
    assert checked == ["xx/meeting.json"]


def test_a_changed_file_is_validated_again_and_a_failure_is_never_remembered(lexicons: Path) -> None:
    registry.lexicon("xx", "meeting")
    cache.wait_written()
    registry.lexicon.cache_clear()
    path = lexicons / "xx" / "meeting.json"
    path.write_text(json.dumps({"triggers": {}, "cue": {}}), "utf-8")
    for _ in range(2):
        with pytest.raises(LexiconError, match=r"xx/meeting\.json: unknown key 'cue'"):
            registry.lexicon("xx", "meeting")
        cache.wait_written()
        registry.lexicon.cache_clear()

"""Silences (alerts.silences): the file, matchers, ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from alerts.silences import SilenceError, SilenceFile, Silences, expired, new_silence, parse_matchers
from tests.unit.alerts.helpers import T0


def test_the_silence_file_survives_a_restart(tmp_path: Path) -> None:
    store = SilenceFile(tmp_path / "state" / "silences.json")
    record = new_silence({"type": ["meeting"]}, now=T0, ends_at="2099-01-01T00:00:00Z", comment="c")
    store.put(record)
    store.put(expired(record, T0 + 5) | {"id": "other"})
    again = SilenceFile(tmp_path / "state" / "silences.json").load()
    assert set(again) == {record["id"], "other"}
    assert Silences(again.values())


@pytest.mark.parametrize(
    ("specs", "fragment"),
    [(["country=LY"], "unknown field 'country'"), (["countries=Libya"], "ISO 3166"), (["type"], "FIELD=VALUE"),
     (["min_confidence=2"], "between 0 and 1"), ([], "at least one matcher"),
     (["level=top"], "'top' is not a valid level"),
     (["type=cesefire"], "'cesefire' is not a valid type \\(did you mean 'ceasefire'\\?\\)"),
     (["status=anounced"], "did you mean 'announced'"), (["countrys=LY"], "did you mean 'countries'"),
     (["language=EN"], "ISO 639"), (["form=sumit"], "did you mean 'summit'")],
)
def test_bad_silence_matchers_are_precise_errors(specs: list[str], fragment: str) -> None:
    with pytest.raises(SilenceError, match=fragment):
        parse_matchers(specs)


def test_a_silence_needs_a_valid_end() -> None:
    with pytest.raises(SilenceError, match="not a duration"):
        new_silence({"type": ["x"]}, now=T0, duration="soon")
    with pytest.raises(SilenceError, match="RFC 3339"):
        new_silence({"type": ["x"]}, now=T0, ends_at="tomorrow")

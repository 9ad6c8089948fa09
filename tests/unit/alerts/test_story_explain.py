"""``alerts explain`` is truthful about corroboration: what it found, and why it was not enough."""

from __future__ import annotations

from alerts import stories as book
from alerts.story_explain import explain_dict, explain_lines
from tests.unit.alerts.helpers import T0, detection


def at(t: float) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(t, UTC).isoformat().replace("+00:00", "Z")


def test_explain_says_what_corroborated_a_join_and_what_was_missing() -> None:
    s: dict = {}
    # the same status and countries, three hours apart, but nothing else shared: one signal, no join
    book.attach(s, detection("a1", actors=(), countries=("SD", "SA"), text="Truce agreed in Jeddah talks.",
                             published_at=at(T0)), T0)
    lone = book.attach(s, detection("a2", actors=(), countries=("SD",), text="Khartoum guns fall silent tonight.",
                                    published_at=at(T0 + 3 * 3600)), T0)
    assert lone.opened
    why = explain_dict(lone)["candidates"][0]["why_not"]
    assert "corroboration: status announced, share SD; 3.0 h apart" in why
    # and the same status, a shared country, close in time and the same event day: corroborated
    s2: dict = {}
    book.attach(s2, detection("b1", actors=(), countries=("SD",), text="Truce agreed in Jeddah talks.",
                              published_at=at(T0), event_date="2023-11-14"), T0)
    joined = book.attach(s2, detection("b2", actors=(), countries=("SD",), text="Khartoum guns fall silent tonight.",
                                       published_at=at(T0 + 3 * 3600), event_date="2023-11-14"), T0)
    assert not joined.opened
    head = explain_lines(joined)[0]
    assert "corroborated (status announced, share SD; 3.0 h apart, event date 2023-11-14)" in head

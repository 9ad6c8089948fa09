"""Stories: an index per partition key, one record per story, bounded — what a changelog write costs."""

from __future__ import annotations

from alerts import stories as book
from tests.unit.alerts.helpers import T0, detection

LY = detection("x").story_key
NOWHERE = detection("x", countries=()).story_key


class Recording(dict):
    """A dict that remembers which keys were written (a faust table writes each to its changelog)."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[str] = []

    def __setitem__(self, key: str, value: object) -> None:
        self.writes.append(key)
        super().__setitem__(key, value)


def test_a_report_of_a_known_story_rewrites_that_story_not_the_index() -> None:
    s = Recording()
    first, new = book.attach(s, detection("a1"), T0)
    assert new and s.writes == [book.story_ref_key(first["id"]), LY]
    s.writes.clear()
    again, new = book.attach(s, detection("a2"), T0 + 60)
    assert new and again["id"] == first["id"] and again["articles"] == ["a1", "a2"]
    assert s.writes == [book.story_ref_key(first["id"])]
    s.writes.clear()
    book.attach(s, detection("a3", actors=("Khalifa Haftar", "Aguila Saleh")), T0 + 120)
    assert s.writes == [book.story_ref_key(first["id"]), LY]  # a new actor: the index learns it
    assert s[LY][0]["actors"] == ["haftar", "saleh"]


def test_a_replay_is_not_a_new_article() -> None:
    s: dict = {}
    book.attach(s, detection("a1"), T0)
    story, new = book.attach(s, detection("a1"), T0 + 5)
    assert not new and story["articles"] == ["a1"]


def test_the_index_is_bounded_and_an_evicted_story_goes_with_its_record() -> None:
    s: dict = {}
    ids = [book.attach(s, detection(f"a{i}", actors=(f"Person Nr{i}x",), countries=()), T0 + i)[0]["id"]
           for i in range(book.MAX_STORIES_PER_KEY + 3)]
    index = s[NOWHERE]
    assert len(index) == book.MAX_STORIES_PER_KEY and [r["id"] for r in index] == ids[3:]
    assert all(book.find(s, NOWHERE, i) is None for i in ids[:3])
    assert len([k for k in s if k.startswith("story/")]) == book.MAX_STORIES_PER_KEY


def test_a_story_past_the_window_is_not_joined() -> None:
    s: dict = {}
    old, _ = book.attach(s, detection("a1"), T0)
    later, _ = book.attach(s, detection("a2"), T0 + book.STORY_WINDOW_S + book.INDEX_REFRESH_S + 1)
    assert later["id"] != old["id"] and book.find(s, LY, old["id"]) is None


def test_state_from_before_the_index_is_still_found_and_joined() -> None:
    legacy = {"id": "s-old", "type": "ceasefire", "opened_at": T0, "last_seen": T0, "actors": ["haftar"],
              "countries": ["LY"], "articles": ["a0"], "sources": ["x"], "languages": ["de"],
              "statuses": ["announced"], "by_status": {}}
    s: dict = {LY: [legacy]}
    assert book.find(s, LY, "s-old") == legacy
    story, new = book.attach(s, detection("a1"), T0 + 10)
    assert new and story["id"] == "s-old" and story["articles"] == ["a0", "a1"]
    assert "articles" not in s[LY][0]  # the index now holds a ref, the story its own record

"""The participants part's quick no says what the full rules say, for any cast (random casts, fixed seed)."""

from __future__ import annotations

import random

from alerts import story_people as people
from alerts.story_parts import Report

IDS = [None, None, "vladimir-putin", "xi-jinping", "jong", "kim-jong-un", "hamas"]
NAMES = ["putin", "xi", "jong", "kim", "vondra", "kessler", "hamas"]
PARTIES = ["hamas", "un", "US", "government", "kessler", "jong", "security-council"]


def _persons(rnd: random.Random) -> list[tuple[str | None, str]]:
    out = []
    for _ in range(rnd.randint(0, 3)):
        i = rnd.randrange(len(NAMES))
        out.append((IDS[i] if rnd.random() < 0.6 else None, NAMES[i]))
    return out


def _case(rnd: random.Random) -> tuple[Report, list, dict]:
    """A random report and story: people (some named confidently), parties."""
    mine = _persons(rnd)
    report = Report(type="ceasefire", at=0.0, persons=tuple(mine),
                    parties=tuple(rnd.sample(PARTIES, rnd.randint(0, 2))),
                    named=frozenset(p[0] or p[1] for p in mine if rnd.random() < 0.5))
    theirs = _persons(rnd)
    story = {"id": "s", "persons": [list(p) for p in theirs], "parties": rnd.sample(PARTIES, rnd.randint(0, 2)),
             "named": [p[0] or p[1] for p in theirs if rnd.random() < 0.5]}
    return report, theirs, story


def test_quick_no_is_named_apart_without_a_shared_participant() -> None:
    rnd = random.Random(14)
    said_no = 0
    for _ in range(3000):
        report, theirs, story = _case(rnd)
        found, _missing = people.found_missing(report, theirs, story["parties"])
        expected = people.named_apart(report, story) and not found
        quick = people.quick_no(people.probe(report), story)
        assert (quick is not None) is expected, (report, story)
        said_no += quick is not None
    assert 100 < said_no < 2900  # both answers were exercised


def test_quick_no_sees_a_story_that_learnt_a_person() -> None:
    report = Report(type="ceasefire", at=0.0, persons=((None, "kessler"),), named=frozenset({"kessler"}))
    story = {"id": "s", "persons": [[None, "vondra"]], "parties": [], "named": ["vondra"]}
    pr = people.probe(report)
    assert people.quick_no(pr, story) is not None
    story["persons"] = [*story["persons"], [None, "kessler"]]  # as alerts.stories learns: a new list
    assert people.quick_no(pr, story) is None
    story["parties"] = ["hamas"]
    story["persons"] = [[None, "vondra"]]
    assert people.quick_no(pr, story) is not None
    assert people.quick_no(people.probe(Report(type="ceasefire", at=0.0, persons=((None, "kessler"),),
                                               parties=("hamas",), named=frozenset({"kessler"}))), story) is None


def test_the_quick_no_words_its_part_and_conflict_as_the_full_rules_do() -> None:
    rnd = random.Random(41)
    for _ in range(2000):
        report, theirs, story = _case(rnd)
        quick = people.quick_no(people.probe(report), story)
        if quick is None:
            continue
        part, conflict, _identity = people.participants_part(report, theirs, story["parties"], story["named"])
        assert quick[0] == part
        assert quick[1] == (conflict or f"other people named ({part.note}), no participant shared")

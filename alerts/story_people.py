"""Who took part: the participants part of a story match, the "named apart" rule and its quick no.

Persons compare by entity id when both carry one, else by folded surname; other actors (organisations, groups)
by id or name. Roles ("government", "troops": ``assets/role_nouns.txt``) and countries as actors are no
participants: a story whose reports named only those names nobody identifying (unknown, not a mismatch). A
person named without confidence (one capitalised word the detector took for a name) counts only when shared.
Pure functions; the role nouns are read once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from alerts.story_parts import NEUTRAL, Part, Person, Report

SHARED_STEP = 0.25       # participants: each shared one above neutral (two shared: 1.0)
ROLE_NOUNS_FILE = "role_nouns.txt"


def same_person(a: Person, b: Person) -> bool:
    """By entity id when both carry one — a partial name is the same person (``jong`` ~ ``kim-jong-un``) —
    else by folded surname."""
    if a[0] is not None and b[0] is not None:
        if a[0] == b[0]:
            return True
        ta, tb = _tokens(a[0]), _tokens(b[0])
        return ta <= tb or tb <= ta
    return a[1] == b[1]


@lru_cache(maxsize=4096)
def _tokens(entity: str) -> frozenset[str]:
    return frozenset(entity.split("-"))


def _key(p: Sequence[str | None]) -> str:
    return p[0] or p[1]  # type: ignore[return-value]


def _load_role_nouns() -> frozenset[str]:
    text = resources.files("alerts.assets").joinpath(ROLE_NOUNS_FILE).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


ROLE_NOUNS = _load_role_nouns()  # "government", "troops", "Konfliktparteien": a role, not an entity


def confident(p: Sequence[str | None], named: frozenset[str] | Sequence[str] = frozenset()) -> bool:
    """A person named with confidence: the entity id of a known person (a full name, ``vladimir-putin``) or a
    name of two words or more in the text (``named``); a single capitalised word the detector took for a person
    (``Russky``, ``Dolmabahce``) may be a place or a plain word."""
    return (p[0] is not None and "-" in p[0]) or _key(p) in named


def is_country(party: str) -> bool:
    """A country as a party (its entity id is the ISO code: ``US`` for "Washington", "the US", "White House")."""
    return len(party) == 2 and party.isalpha() and party.isupper()


def identifying(parties: Sequence[str]) -> list[str]:
    """The parties that identify an event: neither a role nor a country."""
    return [p for p in parties if p not in ROLE_NOUNS and not is_country(p)]


def found_missing(report: Report, persons: Sequence[Person], parties: Sequence[str]) -> tuple[list[str], list[str]]:
    """(the report's participants the story has, those it lacks), persons first; an entity may be a person on
    one side and a party on the other (a group tagged as a person). Neither list holds a role ("government",
    "troops": no entity), a person named without confidence whom the story lacks, nor a country as a party
    ("Washington", "the US": compared as countries, where one shared never joins)."""
    found: list[str] = []
    missing: list[str] = []
    for p in report.persons:
        if any(same_person(p, q) for q in persons) or _key(p) in parties:
            found.append(p[1])
        elif confident(p, report.named):
            missing.append(p[1])
    keys = {_key(q) for q in persons}
    for party in identifying(report.parties):
        (found if party in parties or party in keys else missing).append(party)
    return found, missing


def participants_part(report: Report, persons: Sequence[Person], parties: Sequence[str],
                      named: Sequence[str] = ()) -> tuple[Part, str | None, str | None]:
    """(part, conflict, identity): the share of the report's participants the story has (the story holds the
    union of its reports'). A different person is a conflict only between people named with confidence, when
    one side names two or more of them (the cast of the event) and the other names someone not in it: one
    confident name on each side may be the two sides of one meeting. A side that names only roles and
    countries names nobody identifying: unknown."""
    found, missing = found_missing(report, persons, parties)
    if not (found or missing) or not (persons or identifying(parties)):
        return Part(None, "one side names nobody identifying"), None, None
    sure = [p for p in report.persons if confident(p, report.named)]
    new_people = [p[1] for p in sure if p[1] in missing]
    known = frozenset(named)  # the story's persons its reports named by two words or more
    theirs = [q[1] for q in persons if confident(q, known) and not any(same_person(q, p) for p in report.persons)]
    cast = max(len(sure), sum(1 for q in persons if confident(q, known)))
    if new_people and theirs and cast >= 2 and len(new_people) >= len([p for p in sure if p[1] in found]):
        where = f"{', '.join(new_people)} vs {', '.join(theirs)}"
        return Part(0.0, where), f"different people ({where})", None
    if not found:  # one step below neutral, as one shared is one above: the story may not know all it had
        return Part(NEUTRAL - SHARED_STEP, f"{', '.join(missing)} not in the story"), None, None
    # an extra participant is no evidence against (the story knows only what its reports named; a different
    # person is the conflict above): every shared one counts, all of the report's found is 1.0
    score = 1.0 if not missing else min(1.0, NEUTRAL + SHARED_STEP * len(found))
    note = f"share {', '.join(found)}" + (f"; {', '.join(missing)} new" if missing else "")
    return Part(score, note), None, f"shared {found[0]}"


def named_apart(report: Report, ref: Mapping[str, Any]) -> bool:
    """Both sides name people with confidence and share none of them: the place, the wording and weak signals
    never join such reports ("General A announced a ceasefire" and "General B announced a ceasefire" the same day
    are two stories); a shared participant (a party) still can."""
    known = frozenset(ref.get("named", ()))
    theirs = [q for q in (tuple(p) for p in ref.get("persons", ())) if confident(q, known)]
    mine = [p for p in report.persons if confident(p, report.named)]
    return bool(mine and theirs) and not any(same_person(p, q) for p in mine for q in theirs)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Probe:
    """A report's participants, prepared once for every open story it meets (``quick_no``)."""

    persons: tuple[Person, ...]
    sure: tuple[Person, ...]   # named with confidence
    keys: frozenset[str]       # every person's id, else surname
    parties: frozenset[str]    # identifying parties (no role, no country)
    words: frozenset[str]      # every name, id, id token and party: what any shared participant shares
    missing: tuple[str, ...]   # what the report names that a story without a shared participant lacks


def _words(persons: Sequence[Sequence[str | None]], parties: Sequence[str]) -> set[str]:
    out = set(parties)
    for p in persons:
        out.add(p[1])  # type: ignore[arg-type]
        if p[0]:
            out.add(p[0])
            out.update(_tokens(p[0]))
    return out


def probe(report: Report) -> Probe:
    parties = identifying(report.parties)
    sure = tuple(p for p in report.persons if confident(p, report.named))
    return Probe(report.persons, sure, frozenset(_key(p) for p in report.persons), frozenset(parties),
                 frozenset(_words(report.persons, [*parties, *(_key(p) for p in report.persons)])),
                 (*(p[1] for p in sure), *parties))


@dataclass(frozen=True, slots=True)
class _Cast:
    """What ``quick_no`` reads of a story record, derived once per version of its lists (they are replaced,
    never changed in place, when the story learns: ``alerts.stories``)."""

    persons: Any
    parties: Any
    named: Any
    words: frozenset[str]
    theirs: tuple[str, ...]    # its persons named with confidence


_CASTS: dict[int, _Cast] = {}
MAX_CASTS = 4096


def _cast(ref: Mapping[str, Any]) -> _Cast:
    persons, parties, named = ref.get("persons", ()), ref.get("parties", ()), ref.get("named", ())
    cast = _CASTS.get(id(persons))
    if cast is not None and cast.persons is persons and cast.parties is parties and cast.named is named:
        return cast
    theirs = tuple(q[1] for q in persons if confident((q[0], q[1]), named))
    cast = _Cast(persons, parties, named, frozenset(_words(persons, parties)), theirs)
    if len(_CASTS) >= MAX_CASTS:
        _CASTS.clear()
    _CASTS[id(persons)] = cast  # the entry holds the list: its id is not reused while cached
    return cast


def quick_no(pr: Probe, ref: Mapping[str, Any]) -> tuple[Part, str] | None:
    """(participants part, conflict) when ``named_apart`` holds and the report shares no participant at all with
    the story — then only a shared participant could join them, so the full score would not; else None. The
    same answer as ``named_apart`` and ``found_missing``: a shared participant shares a name, an id (or a token
    of one: a partial name) or a party, so when the report's and the story's words are disjoint nothing is
    shared; otherwise the people are compared one by one."""
    if not pr.sure:
        return None
    cast = _cast(ref)
    if not cast.theirs:
        return None
    if not cast.words.isdisjoint(pr.words):
        return _compared(pr, ref)
    return _refused(pr, cast.theirs)


def _refused(pr: Probe, theirs: Sequence[str]) -> tuple[Part, str]:
    """What ``participants_part`` says of a report that shares nobody with the story: another cast (a conflict)
    when one side names two people or more with confidence, else none of the report's participants found."""
    if len(pr.sure) >= 2 or len(theirs) >= 2:
        where = f"{', '.join(p[1] for p in pr.sure)} vs {', '.join(theirs)}"
        return Part(0.0, where), f"different people ({where})"
    note = f"{', '.join(pr.missing)} not in the story"
    return Part(NEUTRAL - SHARED_STEP, note), f"other people named ({note}), no participant shared"


def _compared(pr: Probe, ref: Mapping[str, Any]) -> tuple[Part, str] | None:
    """``quick_no`` person by person, when the report and the story share a word."""
    named = ref.get("named", ())
    theirs: list[str] = []
    for q in ref.get("persons", ()):
        person = (q[0], q[1])
        if _key(person) in pr.parties or any(same_person(p, person) for p in pr.persons):
            return None
        if confident(person, named):
            theirs.append(q[1])
    if not theirs or any(party in pr.parties or party in pr.keys for party in ref.get("parties", ())):
        return None
    return _refused(pr, theirs)


def name_keys(story: Mapping[str, Any]) -> list[str] | None:
    """What the story index keeps of a story's cast (``alerts.story_index.slim``): every name, id, id token and
    party of its participants — the words any shared participant shares (``quick_no``) — when it names someone
    with confidence; None when it names nobody so (every report may join it: always a candidate)."""
    persons, parties, named = story.get("persons", ()), story.get("parties", ()), story.get("named", ())
    if not any(confident((q[0], q[1]), named) for q in persons):
        return None
    return sorted(_words(persons, parties))


def apart_by_names(pr: Probe, names: Sequence[str] | None) -> bool:
    """A story the report need not be compared with: ``quick_no`` would refuse it without a look at its record —
    the report names someone with confidence, the story does too (``names``: its ``name_keys``; None: unknown or
    nobody named so) and they share no name, id, id token or party."""
    return bool(pr.sure) and names is not None and pr.words.isdisjoint(names)

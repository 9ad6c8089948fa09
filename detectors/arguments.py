"""Event arguments from one sentence: actors (people with roles, organisations, countries), the place
and the countries involved. Gazetteer lookups happen only on capitalised candidate spans."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import pairwise

from detectors.contracts import Actor, Location
from detectors.entities import entity_id, known_leader, listed_leader, seat_country
from detectors.language import LanguageResources
from detectors.modifiers import describing, faction_heads, no_actor_org, owned_titles
from detectors.names import (
    PUNCT,
    after_title,
    country_compound,
    genitive_base,
    listed_name,
    looks_like_name,
    name_spans,
    owns_proxy,
)
from detectors.patterns import Match
from detectors.places import (
    adjective_place,
    country_at,
    country_spans,
    is_cap,
    person_spans,
    region_spans,
    seat_spans,
)
from detectors.text import Sentence

_NEAR = 5  # a lone name or country this close to the trigger takes part in the event
ABOUT_TRIGGER = 3  # tokens between a trigger and the end of its clause ("Besuch in China,")


@dataclass
class Arguments:
    actors: list[Actor] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    location: Location | None = None
    location_token: int | None = None
    high: bool = False  # a high-level title (head of state, minister, envoy, commander…) is present
    high_near: bool = False  # a high-level title or listed leader in the trigger's clause or next to it
    leader: bool = False  # a person actor is a listed high-level office-holder ("Putin", "Merz")
    leaders: list[tuple[int, int]] = field(default_factory=list)  # their spans: the one leader predicate
    political: bool = False  # any political actor: title, organisation, country, named person with a role
    people: bool = False  # a person who can meet: title, named person
    titled: bool = False  # a title, a full (multi-word) name or a people's name ("die Amerikaner")
    office: bool = False  # a title (an office or rank) stands in the sentence

    spans: list[tuple[int, int]] = field(default_factory=list)  # sentence tokens of each actor
    borrowed: bool = False  # the actors come from the sentence before (participants.from_previous)
    named_summit: bool = False  # a summit or conference named by its place ("Berliner Konferenz"): an event of its own

    def add_country(self, code: str | None) -> None:
        if code and code not in self.countries:
            self.countries.append(code)


@dataclass
class _Parts:
    """The trigger-independent analysis of a sentence, computed once."""

    titles: list[Match]
    orgs: list[Match]
    countries: dict[int, tuple[int, str]]
    places: list[tuple[int, int, str, str]]  # (preposition index, first token, text, country)
    names: list[tuple[int, int]]
    seats: list[tuple[int, int, str]]  # a seat of government named as an actor ("Washington knüpft Kontakte")


def sentence_parts(sent: Sentence, res: LanguageResources, known_names: set[str]) -> _Parts:
    cached = sent.cache.get("arguments")
    if cached is not None:
        return cached
    n = len(sent)
    # an acronym is written in capitals: "un" in "Kim Jong-un" or French "un" is no UN
    orgs = [m for m in res.orgs.in_sentence(sent)
            if not (m.end - m.start == 1 and len(sent.texts[m.start]) <= 4 and sent.texts[m.start].islower())]
    titles = faction_heads(sent, res, [m for m in res.titles.in_sentence(sent)
                                       if not m.label.endswith("_cap") or is_cap(sent.texts[m.start])], orgs)
    countries = country_spans(sent, res)
    blocked: set[int] = set()
    for m in titles:
        blocked.update(range(m.start, m.end))
    for m in orgs:
        blocked.update(range(m.start, m.end))
    for i, (j, _code) in countries.items():
        blocked.update(range(i, j))
    seats = seat_spans(sent, res, blocked)  # before the regions: "Washington" is a US state too
    regions = region_spans(sent, res, blocked)
    for i, j in regions:
        blocked.update(range(i, j))
    # Places: a capitalised span right after a place preposition ("in Rom", "nach der Türkei").
    places: list[tuple[int, int, str, str]] = []
    for i in range(n - 1):
        if sent.lowers[i] not in res.place_preps:
            continue
        first = i + 2 if sent.lowers[i + 1] in res.place_articles else i + 1
        if first >= n or not is_cap(sent.texts[first]):
            continue
        for k in (3, 2, 1):
            if first + k > n:
                continue
            if any(t in PUNCT for t in sent.texts[first : first + k]):
                continue
            text = " ".join(sent.texts[first : first + k])
            code = seat_country(text) or res.gazetteer.place(text) \
                or res.gazetteer.place(" ".join(sent.raw_lemmas[first : first + k]))
            if code:
                places.append((i, first, text, code))
                blocked.update(range(first, first + k))
                break
            if (first, first + k) in regions:
                places.append((i, first, text, ""))
                break
    # Names right after a title first, then runs of unknown capitalised words.
    titled: list[tuple[int, int]] = []
    for m in titles:
        start = countries[m.end][0] if m.end in countries else m.end  # "Президент России Владимир Путин"
        span = after_title(sent, res, start, blocked)
        if span is not None:
            titled.append(span)
            blocked.update(range(*span))
    names = sorted(titled + name_spans(sent, res, blocked, known_names))
    titled_set = set(titled)
    names = person_spans(sent, res, names, titled_set, known_names)
    # A name headed by a venue word is a building or site ("Villa La Pietra", "Schloss Elmau"), not a person.
    names = [s for s in names if not (s[1] - s[0] > 1 and sent.lowers[s[0]] in res.venues)]
    # Drop a sentence-initial single capitalised word (often an ordinary word at the start).
    first = genitive_base(sent, res, 0, sent.texts[0], known_names) if n else ""  # "Putins Anruf …": Putin
    names = [s for s in names if not (s[0] == 0 and s[1] - s[0] == 1 and sent.lowers[0] not in known_names
                                      and not looks_like_name(sent.texts[0], res) and not looks_like_name(first, res))]
    parts = _Parts(titles, orgs, countries, places, names, seats)
    sent.cache["arguments"] = parts
    return parts


def extract(
    sent: Sentence, res: LanguageResources, trigger: tuple[int, int], known_names: set[str]
) -> Arguments:
    """Arguments of an event triggered at sentence tokens ``trigger`` (known_names: article-level names)."""
    args = Arguments()
    parts = sentence_parts(sent, res, known_names)
    titles, orgs, countries = parts.titles, parts.orgs, parts.countries
    edges = {trigger[0], trigger[1] - 1}  # a gapped trigger ("rief … an") keeps its inside
    names = [s for s in parts.names if not any(s[0] <= e < s[1] for e in edges)]
    if parts.places:
        _i, pos, text, code = min(parts.places, key=lambda p: abs(p[0] - trigger[0]))
        args.location = Location(text, code or None)
        args.location_token = pos
    if (named_place := adjective_place(sent, res, trigger)) is not None:  # "Berliner Konferenz"
        args.location, args.location_token = named_place, trigger[0] - 1
        # a summit or conference named by its place ("Minsker Gipfel") is one of governments
        args.named_summit = any(m.start <= trigger[0] < m.end for m in res.named_summits.in_sentence(sent))
        args.high = args.high or args.named_summit

    home = sent.clause(*trigger)
    if trigger[1] - trigger[0] == 1 and country_compound(sent.lowers[trigger[0]], res):  # "China-Besuch"
        args.add_country(res.gazetteer.countries[sent.lowers[trigger[0]].rpartition("-")[0]])
        args.political = True

    def near(i: int) -> bool:
        return trigger[0] - _NEAR <= i <= trigger[1] + _NEAR or home[0] <= i < home[1]

    roles: dict[tuple[int, int], str] = {}
    reports = [s for s, _e in reporting_spans(sent, res)] if parts.titles else []
    named: set[tuple[int, int]] = set()  # titles with a name ("Präsident Macron")
    lesser: set[tuple[int, int]] = set()  # names a title below the high offices claims ("Senator Rubio")
    args.office = bool(titles)
    for m in titles:
        if m.label.startswith("high"):
            args.high = True
            args.high_near = args.high_near or near(m.start)
        args.political = True
        args.people = True
        args.titled = True
        role = sent.raw_lemmas[m.start] if sent.raw_lemmas[m.start][:1].isupper() else sent.texts[m.start]
        after = [s for s in names if m.end <= s[0] <= m.end + 4 and s not in roles
                 and not _relative_clause(sent, m.end, s[0]) and _title_joins(sent, res, parts, m.end, s[0])
                 and not any(m.end <= r < s[0] for r in reports)]  # "spokesman said Putin …"
        before = [s for s in names if m.start - 4 <= s[1] <= m.start and s not in roles and
                  "," in sent.texts[s[1] : m.start]]
        target = after[0] if after else (before[-1] if before else None)
        if target is not None and not any(sent.texts[k] in (".", ";") for k in range(m.end, target[0])):
            roles[target] = role
            named.add((m.start, m.end))
            if m.label == "other" and not any(t.label.startswith("high") and m.end <= t.start < target[0]
                                              for t in titles):  # not "spokesman of President Putin"
                lesser.add(target)  # "il premier incaricato Renzi": the title tells the office held, not the list

    seen: set[str] = set()
    lone_sides: set[str] = set()
    for span in names:
        text = _span_text(sent, span)
        single = span[1] - span[0] == 1
        if single:
            text = genitive_base(sent, res, span[0], text, known_names)  # "Haftars Delegation" → Haftar
        if single and span not in roles and sent.lowers[span[0]] not in known_names:
            surname = looks_like_name(sent.texts[span[0]], res) or looks_like_name(text, res)  # "Putins" → Putin
            if (surname or listed_name(sent, span[0])) and (
                span[0] == 0 or sent.lowers[span[0] - 1] not in res.determiners
            ):
                if trigger[0] - _NEAR <= span[0] <= trigger[1] + _NEAR:
                    args.people = True
                    args.political = True
                    # a name on each side of the verb: "Putin trifft Erdogan"
                    lone_sides.add("before" if span[1] <= trigger[0] else "after")
                if text not in seen:
                    seen.add(text)
                    args.actors.append(Actor(text=text, kind="person"))
                    args.spans.append(span)
            continue
        if text in seen:
            continue
        seen.add(text)
        args.actors.append(Actor(text=text, kind="person", role=roles.get(span)))
        args.spans.append(span)
        if span in roles or not single:
            args.political = True
            args.titled = True
        args.people = True
    for m in orgs:
        text = " ".join(sent.texts[m.start : m.end])
        if text not in seen and not no_actor_org(sent, res, m, countries):
            seen.add(text)
            args.actors.append(Actor(text=text, kind="group" if m.label == "group" else "org"))
            args.spans.append((m.start, m.end))
        args.political = True
        if m.label == "high_org":
            args.high = True
    for i in sorted(countries):
        j, code = countries[i]
        args.add_country(code)
        # "die Amerikaner" next to the trigger or in its clause: a people for its government
        people = j - i == 1 and sent.lowers[i] in res.demonym_nouns and (
            trigger[0] - _NEAR <= i <= trigger[1] + _NEAR or home[0] <= i < home[1])
        if is_cap(sent.texts[i]) and j - i >= 1 and (people or country_at(sent, res, i, j)):
            text = " ".join(sent.texts[i:j])
            if people and text.endswith("n") and text[:-1].lower() in res.demonym_nouns:
                text = text[:-1]  # a dative plural: "den Amerikanern" → Amerikaner
            if text not in seen and not _place_or_modifier(sent, res, parts, (i, j), named):
                seen.add(text)
                args.actors.append(Actor(text=text, kind="country", id=f"country:{code}" if people else None))
                args.spans.append((i, j))
    for i, j, code in parts.seats:
        text = " ".join(sent.texts[i:j])
        if text not in seen and (trigger[0] - _NEAR <= i <= trigger[1] + _NEAR or home[0] <= i < home[1]):
            seen.add(text)
            args.actors.append(Actor(text=text, kind="country", id=f"country:{code}"))
            args.spans.append((i, j))
            args.add_country(code)
    if _coordinated(sent, res, names, trigger):  # "Trump und Putin wollen sich im Sommer in Helsinki treffen"
        args.titled = args.people = args.political = True
    if len(lone_sides) == 2 or any(
        res.demonym_nouns and sent.lowers[i] in res.demonym_nouns for i in countries
    ):
        args.titled = True
    if len({code for _j, code in countries.values()}) >= 2 or any(
        trigger[0] - _NEAR <= i <= trigger[1] + _NEAR for i in countries
    ):
        args.political = True  # two countries ("Israel and Lebanon renewed talks") or one next to the trigger
    if args.location is not None:
        args.add_country(args.location.country)
    keep = describing(sent, res, args.spans, owned_titles(sent, titles, named, args.spans), trigger)
    args.actors, args.spans = [args.actors[k] for k in keep], [args.spans[k] for k in keep]
    args.actors = [_with_id(sent, res, actor, span) for actor, span in zip(args.actors, args.spans, strict=True)]
    leaders = [span for a, span in zip(args.actors, args.spans, strict=True)
               if a.kind == "person" and span not in lesser and (listed_leader(a.id) or known_leader(a.text))
               and not owns_proxy(sent, res, span)]  # "Putin traf X"
    args.leaders = leaders
    args.leader = bool(leaders)
    args.titled = args.titled or args.leader  # a listed leader is an office-holder: "das Treffen Merkels mit Putin"
    args.high = args.high or args.leader
    args.high_near = args.high_near or any(near(span[0]) for span in leaders)
    return args


def _span_text(sent: Sentence, span: tuple[int, int]) -> str:
    """The words of ``span`` as written ("Kim Jong-un"), whitespace collapsed."""
    a, b = sent.char_span(*span)
    return " ".join(sent.text[a - sent.start : b - sent.start].split())


def _with_id(sent: Sentence, res: LanguageResources, actor: Actor, span: tuple[int, int]) -> Actor:
    """The actor with its entity id (the same person or government across spellings and languages)."""
    if actor.id is not None:
        return actor
    i, j = span
    country = country_at(sent, res, i, j) if actor.kind == "country" else None
    lemma = " ".join(sent.raw_lemmas[i:j])
    if actor.kind == "person" and j - i == 1 and sent.texts[i] != actor.text:
        lemma = actor.text  # a genitive read as the bare name: "Hofers" → Hofer
    return replace(actor, id=entity_id(actor.text, actor.kind, country, lemma))


def _place_or_modifier(
    sent: Sentence, res: LanguageResources, parts: _Parts, span: tuple[int, int], named: set[tuple[int, int]]
) -> bool:
    """A country named as a place ("in Libyen", "to the US") or as the country of a title next to it
    ("Chinas Präsident", "U.S. negotiator", "президентом Франции") is no actor of its own."""
    i, j = span
    if i == 0 and j < len(sent) and sent.texts[j] == ":":
        return True  # a topic label: "Libyen: Haftar in Rom …"
    first = i - 1
    if first >= 0 and sent.lowers[first] in res.place_articles:
        first -= 1
    if first >= 0 and sent.lowers[first] in res.locatives:
        return True  # "in Libyen"; a destination ("visit to Haiti", "nach Rom") hosts the meeting
    for m in parts.titles:
        if (m.start, m.end) not in named:
            continue  # "Putin traf den Präsidenten der Türkei": the country stands for the unnamed office-holder
        if j == m.start or i == m.end:
            return True
        if m.end < i <= m.end + 3 and all(sent.lowers[k] in res.place_articles or sent.lowers[k] in _OF
                                          for k in range(m.end, i)):
            return True  # "Präsident der Türkei", "President of France"
    return False


_OF = frozenset({"of", "de", "di", "del", "des", "du", "della", "dello", "dell'", "d'"})


def _coordinated(
    sent: Sentence, res: LanguageResources, names: list[tuple[int, int]], trigger: tuple[int, int]
) -> bool:
    """Two names joined by a conjunction next to the trigger or in its clause: "Lawrow und Blinken treffen sich"."""
    lo, hi = sent.clause(*trigger)
    for (a, b), (c, _d) in pairwise(names):
        if c == b + 1 and sent.lowers[b] in res.conjunctions and min(lo, trigger[0] - _NEAR) <= a \
                and c <= max(hi, trigger[1] + _NEAR):
            return True
    return False


def reporting_spans(sent: Sentence, res: LanguageResources) -> list[tuple[int, int]]:
    """Token spans of reporting words ("sagte", "said", "according to"), found once per sentence."""
    found = sent.cache.get("reports")
    if found is None:
        found = sent.cache["reports"] = [(m.start, m.end) for m in res.reporting.in_sentence(sent)]
    return found


def _title_joins(sent: Sentence, res: LanguageResources, parts: _Parts, a: int, b: int) -> bool:
    """Tokens ``a..b`` between a title and a name hold no word of their own — only articles, "of" words,
    countries, capitalised words and punctuation ("President of France Emmanuel Macron", "Präsident der
    Türkei, Erdogan"), no verb: "The US president met Erdogan" names no president."""
    inside = {k for i, (j, _c) in parts.countries.items() for k in range(i, j)}
    for k in range(a, b):
        low = sent.lowers[k]
        if k in inside or low in res.place_articles or low in _OF or low in res.determiners or \
                sent.texts[k] in PUNCT or is_cap(sent.texts[k]):
            continue
        return False
    return True


def _relative_clause(sent: Sentence, a: int, b: int) -> bool:
    """A comma followed by a lowercase word between a title and a name opens a relative clause."""
    return any(sent.texts[k] == "," and k + 1 < len(sent) and sent.texts[k + 1][:1].islower() for k in range(a, b))

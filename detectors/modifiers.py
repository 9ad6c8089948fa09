"""Words that modify an actor without being one (issue 12, what users see in every alert):

- a country or name after a named office-holder's title and a preposition is the office's remit, not a
  participant: "Richard Norland, Botschafter für Libyen", "Steven de Milano, Direktor von Usafricom",
  "envoy for Syria Geir Pedersen";
- what stands in parentheses describes the actor before it ("Victoria Coates (zuständig für Libyen …)");
- a bare common noun naming a body ("Delegation", "delegation", "délégation") names no one without a country,
  a people's adjective or a name beside it: "die russische Delegation" is an actor, "eine Delegation" is not,
  and in "Haftars Delegation" the actor is Haftar;
- an organisation after "als"/"as" is the capacity a speaker talks in ("als EU halte ich es für angebracht").

Pure functions over one sentence's tokens; the words come from ``lexicons/<lang>/common.json``
(``modifier_prepositions``, ``unnamed_orgs``, ``capacity_words``).
"""

from __future__ import annotations

from collections.abc import Iterable

from detectors.language import LanguageResources
from detectors.patterns import Match
from detectors.text import Sentence

_OPEN, _CLOSE = "([", ")]"
_OF_WORDS = frozenset({"of", "de", "du", "des", "del", "della", "dei", "degli", "delle", "der", "von", "d'", "d’"})
FACTION_GAP = 2  # "of" words and articles between a head word and the faction: "chef de la junte", "head of the"


def heads_faction(sent: Sentence, res: LanguageResources, title: Match, orgs: Iterable[Match]) -> bool:
    """A generic head word (the titles' ``head_of``: chief, chef, jefe, capo) heads an armed faction (an
    organisation labelled ``group``) right before it or after "of" words: "Hamas chief", "le chef du Hezbollah",
    "el jefe de las FARC", "руководитель ХАМАС". GUIDE.md: the leader of an armed faction is high-level; a
    "Polizeichef" or "head of the department" is not."""
    for o in orgs:
        if o.label != "group":
            continue
        if o.end == title.start:
            return True
        between = range(title.end, o.start)
        if 0 <= o.start - title.end <= FACTION_GAP and all(
                sent.lowers[k] in _OF_WORDS or sent.lowers[k] in res.place_articles or sent.lowers[k] in res.determiners
                for k in between):
            return True
    return False


def faction_heads(sent: Sentence, res: LanguageResources, titles: list[Match], orgs: list[Match]) -> list[Match]:
    """The sentence's title matches with each ``head_of`` word read as a high title where it heads a faction
    (``heads_faction``) and dropped elsewhere: a bare "chef" or "capo" is no title of its own. A high title
    inside a longer ``other`` one is that office's word, not an office of its own: "General" in "Director
    General", "Attorney General", "генеральный директор"."""
    longer = [m for m in titles if m.label == "other" and m.end - m.start > 1]
    return [Match("high", m.start, m.end, m.pattern) if m.label == "head_of" else m for m in titles
            if (m.label != "head_of" or heads_faction(sent, res, m, orgs))
            and not (m.label.startswith("high") and any(o.start <= m.start and m.end <= o.end
                                                        and o.end - o.start > m.end - m.start for o in longer))]


def remit_of_title(sent: Sentence, res: LanguageResources, titles: Iterable[Match], start: int) -> bool:
    """Token ``start`` opens the prepositional object of one of ``titles`` (titles that have a name):
    "Botschafter für [Libyen]", "Direktor von [Usafricom]", "ambassador to [the] [US]"."""
    for m in titles:
        k = m.end
        if k >= len(sent) or sent.lowers[k] not in res.modifier_preps:
            continue
        k += 1
        if k < start and sent.lowers[k] in res.place_articles | res.determiners:
            k += 1
        if k == start:
            return True
    return False


def parenthesised(sent: Sentence) -> list[tuple[int, int]]:
    """Token ranges inside round or square brackets (the brackets excluded); an unclosed one runs to the end."""
    out: list[tuple[int, int]] = []
    depth, begin = 0, 0
    for k, t in enumerate(sent.texts):
        if t in _OPEN:
            if depth == 0:
                begin = k + 1
            depth += 1
        elif t in _CLOSE and depth:
            depth -= 1
            if depth == 0:
                out.append((begin, k))
    if depth:
        out.append((begin, len(sent)))
    return out


def in_aside(spans: list[tuple[int, int]], span: tuple[int, int], trigger: tuple[int, int]) -> bool:
    """``span`` lies inside one of ``spans`` (asides: brackets, a quote) that does not hold the trigger."""
    return any(a <= span[0] and span[1] <= b and not (a <= trigger[0] < b) for a, b in spans)


def owned_titles(sent: Sentence, titles: Iterable[Match], named: set[tuple[int, int]],
                 spans: list[tuple[int, int]]) -> list[Match]:
    """Titles that belong to a person: with a name (``named``), or an apposition after one ("Steven de Milano,
    stellvertretender Direktor von …")."""
    ends = {b for _a, b in spans}
    out = []
    for m in titles:
        comma = next((k for k in range(m.start - 1, max(-1, m.start - 4), -1) if sent.texts[k] == ","), None)
        if (m.start, m.end) in named or (comma is not None and comma in ends
                                         and all(sent.texts[k].islower() for k in range(comma + 1, m.start))):
            out.append(m)
    return out


def describing(sent: Sentence, res: LanguageResources, spans: list[tuple[int, int]], named: list[Match],
               trigger: tuple[int, int]) -> list[int]:
    """The indices of ``spans`` to keep as actors: all but those that only describe another actor (an owned
    title's remit, a bracketed aside without the trigger) — all of them when nothing else would be left."""
    asides = parenthesised(sent)
    keep = [k for k, span in enumerate(spans)
            if not in_aside(asides, span, trigger) and not remit_of_title(sent, res, named, span[0])]
    return keep if keep else list(range(len(spans)))


def no_actor_org(sent: Sentence, res: LanguageResources, m: Match, countries: dict[int, tuple[int, str]]) -> bool:
    """An organisation match that names no actor: a bare common noun (``unnamed_org``) or the capacity a speaker
    talks in, after ``capacity_words`` ("als EU halte ich es für angebracht", "as the EU, we …")."""
    k = m.start - 1
    if k > 0 and sent.lowers[k] in res.determiners | res.place_articles:
        k -= 1
    return (k >= 0 and sent.lowers[k] in res.capacity_words) or unnamed_org(sent, res, m, countries)


def unnamed_org(sent: Sentence, res: LanguageResources, m: Match, countries: dict[int, tuple[int, str]]) -> bool:
    """An organisation written as a bare common noun (``unnamed_orgs``) with no country, people's adjective
    or name of its own next to it: "eine Delegation unter dem Vorsitz von …", "Haftars Delegation" (the actor
    is Haftar, a name the sentence gives already)."""
    if m.end - m.start != 1 or sent.lowers[m.start] not in res.unnamed_orgs:
        return False
    near = range(max(0, m.start - 2), min(len(sent), m.end + 3))
    # "die Delegation der USA", "the US delegation", "die russische Delegation" (demonyms are countries here)
    return not any(k in countries or any(c <= k < j for c, (j, _code) in countries.items()) for k in near)

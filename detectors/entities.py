"""One id per actor across spellings and languages: "Haftar", "Hafter", "Chalifa Haftar" and "Хафтар" are
``person:khalifa-haftar``; "the US", "die USA" and "Washington" (the government) are ``country:US``.

Data: ``lexicons/entities.json`` (governments: capitals and seats of government per alpha-2; people: an id
with its spellings). Names are compared folded: case, accents, Cyrillic transliterated, a German genitive
"-s" dropped. A person not in the table gets ``person:<folded surname>``, so the same spelling of a surname
groups across articles; a country's id comes from the gazetteer. Pure functions, data read once.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

from detectors import registry

_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґ",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
     "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "e", "yi", "g"], strict=True))
_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 15)  # a pure function of short strings (names, words), called per token and actor
def fold(text: str) -> str:
    """Lowercase ASCII words joined by single spaces: accents stripped, Cyrillic transliterated."""
    low = "".join(_CYRILLIC.get(ch, ch) for ch in text.lower())
    low = unicodedata.normalize("NFKD", low).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub(" ", low).strip()


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(folded person alias → person id, folded government seat → country id)."""
    raw = json.loads(resources.files("detectors").joinpath("lexicons", "entities.json").read_text("utf-8"))
    registry.check_lexicon(raw, "entities", "entities.json")
    people = {fold(alias): f"person:{pid}" for pid, aliases in raw["people"].items() for alias in aliases}
    seats = {fold(name): f"country:{code}" for code, names in raw["governments"].items() for name in names}
    return people, seats


def known_person(text: str) -> str | None:
    """The listed id of a person named ``text`` (full name, surname, a spelling or a genitive of one)."""
    return _lookup(_tables()[0], text)


@cache
def _leaders() -> dict[str, str]:
    raw = json.loads(resources.files("detectors").joinpath("lexicons", "entities.json").read_text("utf-8"))
    return {fold(alias): alias for alias in raw.get("leaders", ())}


def known_leader(text: str) -> bool:
    """``text`` names a listed high-level office-holder (``leaders``: "Merz", "Pedro Sánchez", "Лукашенко"), by
    the rules of :func:`known_person`; read for a meeting's level only, the person keeps the id they have."""
    return _lookup(_leaders(), text) is not None


def _lookup(people: dict[str, str], text: str) -> str | None:
    key = fold(text)
    if not key:
        return None
    words = key.split()
    last, tail = words[-1], " ".join(words[-2:])  # tail: "Aidarus al-Zoubaidi" → "al zoubaidi", "van rompuy"
    for cand in (key, key.removesuffix("s"), tail, last, last.removesuffix("s")):
        if cand in people:
            return people[cand]
    if any("\u0400" <= ch <= "\u04ff" for ch in text):  # Russian and Ukrainian cases: "Хафтаром", "Путину"
        words = text.lower().split()
        for ending in _CASE_ENDINGS:
            stems = [w[: -len(ending)] if w.endswith(ending) and len(w) > len(ending) + 2 else w for w in words]
            for cand in (fold(" ".join(stems)), fold(stems[-1])):
                if cand in people:
                    return people[cand]
    return None


@cache
def _listed_ids() -> frozenset[str]:
    people, _ = _tables()
    return frozenset(people.values())


def listed_leader(actor_id: str | None) -> bool:
    """``actor_id`` is a listed person's: every listed person holds a high-level office in GUIDE.md's sense
    (head of state or government, foreign minister, head of the UN, leader of an armed faction), the people the
    news names without a title ("Putin traf Erdogan")."""
    return actor_id is not None and actor_id in _listed_ids()


@cache
def _listed_words() -> frozenset[str]:
    people, _ = _tables()
    return frozenset(alias for alias in (*people, *_leaders()) if " " not in alias)


def listed_word(word: str) -> bool:
    """A listed person's or leader's one-word spelling ("Kurz", "Blinken", "Draghi"), also in a Russian case
    ("Путина", "Лаврова"): a name when capitalised, though it may be a common word of the language too (the
    adjective "kurz", the verb "blinken", the Italian plural "draghi", the Russian "путина")."""
    words = _listed_words()
    if fold(word) in words:
        return True
    low = word.lower()
    return any("\u0400" <= ch <= "\u04ff" for ch in low) and any(
        low.endswith(e) and len(low) > len(e) + 2 and fold(low[: -len(e)]) in words for e in _CASE_ENDINGS)


def listed_spelling(text: str) -> bool:
    """``text`` is, as a whole, a listed person's or leader's spelling ("Obama", "Mahmoud Abbas"): a name, though
    the gazetteer may hold a town of that name (Obama in Japan, Abbas in Iran)."""
    key = fold(text)
    return key in _tables()[0] or key in _leaders()


def seat_country(text: str) -> str | None:
    """The alpha-2 code of the government seated at ``text`` ("White House", "Kreml"), else None."""
    _, seats = _tables()
    found = seats.get(fold(text))
    return found.removeprefix("country:") if found else None


_CASE_ENDINGS = ("ым", "им", "ом", "ем", "ой", "ей", "ою", "ею", "у", "ю", "а", "я", "е")


def entity_id(text: str, kind: str, country: str | None = None, lemma: str | None = None) -> str | None:
    """The id of an actor: ``country:<alpha-2>`` for a country or a seat of its government ("Kreml"), a
    person's listed id (by ``text`` or its ``lemma``: "Путина" → Путин) else ``person:<folded surname>``,
    ``org:<folded name>`` for organisations and groups; None when nothing can be said."""
    _, seats = _tables()
    key = fold(text)
    if kind == "country":
        return f"country:{country}" if country else seats.get(key)
    if key in seats and kind != "person":
        return seats[key]
    if kind == "person":
        found = known_person(text) or (known_person(lemma) if lemma else None)
        return found or (f"person:{fold(lemma or text).split()[-1]}" if key and fold(lemma or text) else None)
    return f"org:{key.replace(' ', '-')}" if key else None

"""Places in a sentence: countries (as written, by lemma or genitive), cities and regions, and the words that
make a capitalised word a place ("im Kanzleramt", "в Кремле"). A place is never a person."""

from __future__ import annotations

from detectors.contracts import Location
from detectors.entities import listed_spelling, seat_country
from detectors.language import LanguageResources
from detectors.text import Sentence


def is_cap(text: str) -> bool:
    return bool(text) and (text[0].isupper() or (text[:3] in ("al-", "el-", "ad-", "as-") and len(text) > 4))


def country_at(sent: Sentence, res: LanguageResources, i: int, j: int) -> str | None:
    """The country named by tokens ``i..j``, as written or by their lemmas ("Libyens", "России" → LY, RU)."""
    gaz = res.gazetteer
    text = " ".join(sent.texts[i:j])
    code = gaz.country(text) or gaz.country(" ".join(sent.raw_lemmas[i:j]))
    if code is None and j - i == 1:  # a genitive the lemma table lacks: "Russlands"
        code = next((c for s in res.genitive_suffixes if text.endswith(s) and (c := gaz.country(text[: -len(s)]))),
                    None)
    return code


def place_at(sent: Sentence, res: LanguageResources, i: int, j: int) -> bool:
    """Tokens ``i..j`` name a country, region or city (as written or by their lemmas): never a person."""
    gaz = res.gazetteer
    return gaz.is_place(" ".join(sent.texts[i:j])) or gaz.is_place(" ".join(sent.raw_lemmas[i:j]))


def country_spans(sent: Sentence, res: LanguageResources) -> dict[int, tuple[int, str]]:
    """Token index → (end, code) for country names (multiword first) and demonyms."""
    out: dict[int, tuple[int, str]] = {}
    gaz = res.gazetteer
    n = len(sent)
    heads = gaz.country_heads
    i = 0
    while i < n:
        t = sent.texts[i]
        if is_cap(t) or t.isupper():
            several = sent.lowers[i] in heads or sent.lemmas[i] in heads  # else only one word can name one
            for k in range(min(gaz.max_words, n - i) if several else 1, 0, -1):
                code = country_at(sent, res, i, i + k)
                if code:
                    out[i] = (i + k, code)
                    i += k - 1
                    break
        i += 1
    for m in res.demonyms.in_sentence(sent):
        out.setdefault(m.start, (m.end, m.label))
    return out


def region_spans(sent: Sentence, res: LanguageResources, blocked: set[int]) -> list[tuple[int, int]]:
    """Capitalised spans naming a continent or sub-region ("Nordafrika", "Middle East", "Ближнем Востоке")."""
    gaz = res.gazetteer
    out: list[tuple[int, int]] = []
    n = len(sent)
    heads = gaz.region_heads
    i = 0
    while i < n:
        if i not in blocked and is_cap(sent.texts[i]):
            several = sent.lowers[i] in heads or sent.lemmas[i] in heads
            for k in range(min(gaz.max_region_words, n - i) if several else 1, 0, -1):
                if gaz.region(" ".join(sent.texts[i : i + k])) or gaz.region(" ".join(sent.raw_lemmas[i : i + k])):
                    out.append((i, i + k))
                    i += k - 1
                    break
        i += 1
    return out


def after_locative(sent: Sentence, res: LanguageResources, span: tuple[int, int], known: set[str]) -> bool:
    """A lone capitalised word right after a locative preposition ("im Kanzleramt", "в Кремле") is a place,
    unless the article names a person so."""
    i = span[0]
    if span[1] - span[0] != 1 or sent.lowers[i] in known or i == 0:
        return False
    prev = i - 1
    if sent.lowers[prev] in res.place_articles and prev > 0:
        prev -= 1
    return sent.lowers[prev] in res.locatives


def person_spans(sent: Sentence, res: LanguageResources, names: list[tuple[int, int]],
                 titled: set[tuple[int, int]], known: set[str]) -> list[tuple[int, int]]:
    """The name spans that are people: a place (``place_at``, ``after_locative``) is none, unless it is a title's
    full name, or a lone place word joined by a conjunction to a name that is no place and not after a place
    preposition: a small town that shares a surname ("Trump und Kim", "Modi and Abe")."""
    places = {s for s in names  # a listed leader's name is no town of that name ("Obama"), unless after "in"
              if (place_at(sent, res, *s) and not listed_spelling(" ".join(sent.texts[s[0]:s[1]])))
              or after_locative(sent, res, s, known) or _place_part(sent, res, s)}
    people = [s for s in names if s not in places]

    def paired(s: tuple[int, int]) -> bool:
        i = s[0]
        if s[1] - i != 1 or (i > 0 and sent.lowers[i - 1] in res.place_preps) or res.gazetteer.country(sent.texts[i]):
            return False
        return any((p[1] == i - 1 and sent.lowers[i - 1] in res.conjunctions)
                   or (p[0] == s[1] + 1 and sent.lowers[s[1]] in res.conjunctions) for p in people)

    return [s for s in names if s not in places or (s in titled and s[1] - s[0] > 1) or paired(s)]


def _place_part(sent: Sentence, res: LanguageResources, s: tuple[int, int]) -> bool:
    """The first part of a hyphenated place the tokenizer split ("Nagorno" "-" "Karabakh"): no person."""
    j = s[1]
    return j + 1 < len(sent) and sent.texts[j] == "-" and place_at(sent, res, j + 1, j + 2)


def adjective_place(sent: Sentence, res: LanguageResources, trigger: tuple[int, int]) -> Location | None:
    """The place a capitalised place adjective right before the event noun names ("Berliner Konferenz",
    "Genfer Gespräche", "Münchner Sicherheitskonferenz"): ``place_adjectives``, the place's country from the
    gazetteer."""
    i = trigger[0] - 1
    if i < 0 or not res.place_adjectives or not is_cap(sent.texts[i]):
        return None
    place = res.place_adjectives.get(sent.lowers[i])
    if place is None:
        return None
    return Location(place, res.gazetteer.place(place))


_SEAT_WORDS = 3


def seat_spans(sent: Sentence, res: LanguageResources, blocked: set[int]) -> list[tuple[int, int, str]]:
    """(start, end, code) of a seat of government named as the one who acts ("Washington knüpft Kontakte",
    "Moskau und Kiew verhandeln", "the Kremlin said"): not after a place preposition ("in Washington"), not a
    dateline ("WASHINGTON (AP)"), not the head of a longer name ("Washington Post")."""
    out: list[tuple[int, int, str]] = []
    n = len(sent)
    i = 0
    while i < n:
        t = sent.texts[i]
        if i in blocked or not is_cap(t) or t.isupper():
            i += 1
            continue
        for k in range(min(_SEAT_WORDS, n - i), 0, -1):
            if any(x in blocked for x in range(i, i + k)):
                continue
            code = seat_country(" ".join(sent.texts[i : i + k])) or seat_country(" ".join(sent.raw_lemmas[i : i + k]))
            if code is None:
                continue
            prev = i - 1
            if prev > 0 and sent.lowers[prev] in res.place_articles:
                prev -= 1
            after = sent.texts[i + k] if i + k < n else ""
            if not ((prev >= 0 and (sent.lowers[prev] in res.place_preps or sent.lowers[prev] in res.locatives))
                    or (is_cap(after) and after.isalpha()) or after == "("):
                out.append((i, i + k, code))
            i += k - 1
            break
        i += 1
    return out

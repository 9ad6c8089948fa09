"""Person names in a sentence: runs of capitalised unknown words, the words after a title, and the surname
tests (``looks_like_name``); split out of ``detectors.arguments``."""

from __future__ import annotations

from detectors.entities import known_person, listed_word
from detectors.language import LanguageResources
from detectors.places import is_cap
from detectors.text import Sentence

_MAX_NAME = 4
PUNCT = frozenset(".,;:!?\"'«»„“”‘’()[]–—-…/")


def name_spans(
    sent: Sentence, res: LanguageResources, blocked: set[int], known: set[str]
) -> list[tuple[int, int]]:
    """Person-name spans: runs of capitalised unknown words (particles like "de", "al" allowed inside)."""
    spans: list[tuple[int, int]] = []
    n = len(sent)
    i = 0
    while i < n:
        if i in blocked or not is_name_token(sent, res, i, known):
            i += 1
            continue
        j = i + 1
        while j < n and j - i < _MAX_NAME and j not in blocked and not owns_next(sent, res, j - 1):
            if is_name_token(sent, res, j, known):
                j += 1
            elif hyphen_part(sent, j) and j + 1 not in blocked:
                j += 2  # "Kim Jong-un", "Ould-Abdallah": a name's hyphenated part, whatever its case
            elif (
                sent.lowers[j] in res.name_particles
                and j + 1 < n
                and j + 1 not in blocked
                and is_name_token(sent, res, j + 1, known)
            ):
                j += 2
            elif sent.lowers[j] in res.name_particles and hyphen_part(sent, j + 1) and j + 2 not in blocked \
                    and is_name_token(sent, res, j + 2, known):
                j += 3  # "Bashar al-Assad", "Aidarus al-Zoubaidi": a particle hyphenated to the surname
            else:
                break
        # a capitalised first name that is also a common word ("Richard", "Angela") joins the surname; a noun after
        # an article does not ("den Besuch Merkels", "das Treffen Putins": the event and its participant)
        if i > 0 and i - 1 not in blocked and is_cap(sent.texts[i - 1]) and sent.lowers[i - 1] not in res.not_names \
                and (i - 1 == 0 or not is_cap(sent.texts[i - 2])) and (not spans or spans[-1][1] < i - 1) \
                and (i < 2 or sent.lowers[i - 2] not in res.determiners):
            i -= 1
        spans.append((i, j))
        i = j
    return spans


def country_compound(low: str, res: LanguageResources) -> bool:
    """A hyphenated noun led by a country ("china-besuch", "russland-reise", "türkei-deal"): no name."""
    head, _, tail = low.rpartition("-")
    return bool(head) and tail in res.known_words and head in res.gazetteer.countries


def hyphen_part(sent: Sentence, j: int) -> bool:
    """Token ``j`` is a hyphen written inside a word ("Jong-un"), followed by a word."""
    if j == 0 or j + 1 >= len(sent) or sent.texts[j] != "-" or not sent.texts[j + 1].isalpha():
        return False
    starts, texts = sent.starts, sent.texts
    return starts[j] == starts[j - 1] + len(texts[j - 1]) and starts[j + 1] == starts[j] + 1


def listed_name(sent: Sentence, i: int) -> bool:
    """A capitalised listed person's name that is also a common word ("Kurz", "Blinken": ``entities``): a name,
    except at the start of a sentence with a full stop ("Kurz nach Mitternacht …"); a headline keeps it."""
    if not is_cap(sent.texts[i]) or not listed_word(sent.texts[i]):
        return False
    return i > 0 or not sent.text.rstrip().endswith((".", "!", "?"))


def after_title(sent: Sentence, res: LanguageResources, end: int, blocked: set[int]) -> tuple[int, int] | None:
    """The capitalised words right after a title ("General Haftar", "Bundeskanzlerin Angela Merkel")."""
    n = len(sent)
    j = end
    while j < n and j - end < 4 and j not in blocked:
        if j > end and hyphen_part(sent, j) and j + 1 not in blocked:
            j += 2
            continue
        word = is_cap(sent.texts[j]) and (sent.lowers[j] not in res.not_names or listed_name(sent, j)) \
            and sent.texts[j] not in PUNCT
        particle = sent.lowers[j] in res.name_particles and j > end and j + 1 < n and (
            is_cap(sent.texts[j + 1]) or (hyphen_part(sent, j + 1) and is_cap(sent.texts[j + 2])))
        if not (word or particle):
            break
        j += 1
        if word and owns_next(sent, res, j - 1):
            break  # "Minister Haftars Ankündigung": the name ends at its genitive
    return (end, j) if j > end else None


def is_name_token(sent: Sentence, res: LanguageResources, i: int, known: set[str]) -> bool:
    text = sent.texts[i]
    if not is_cap(text) or len(text) < 2 or (text.isupper() and len(text) > 4):
        return False
    low = sent.lowers[i]
    if listed_name(sent, i):
        return True
    if low in res.not_names or country_compound(low, res):
        return False
    if low in known or low.rstrip("s") in known:
        return True
    if (low in res.proper_nouns or sent.lemmas[i] in res.proper_nouns) and i > 0 \
            and sent.lowers[i - 1] in res.determiners:
        return False  # "der Lärm": a mass noun the lemma table lists like a name; a name takes no article
    return low not in res.known_words and sent.lemmas[i] not in res.known_words


def looks_like_name(text: str, res: LanguageResources) -> bool:
    """A lone capitalised unknown word that is probably a surname, not an unknown compound noun."""
    if len(text) > 12 or len(text) < 2 or "-" in text[3:] or text.isupper():
        return False
    low = text.lower()
    return not any(low.endswith(suffix) for suffix in res.noun_suffixes)


def names_in(sent: Sentence, res: LanguageResources) -> set[str]:
    """Lowercase single tokens of multi-word person names (to recognise "Haftar" after "Khalifa Haftar")."""
    out: set[str] = set()
    for a, b in name_spans(sent, res, set(), set()):
        if b - a >= 2:
            for k in range(a, b):
                if sent.lowers[k] not in res.name_particles and sent.lowers[k] not in PUNCT:
                    out.add(sent.lowers[k])
    return out


def genitive_base(sent: Sentence, res: LanguageResources, i: int, text: str, known: set[str]) -> str:
    """A one-word name in the German genitive, "Trumps Anruf", "Haftars Delegation": the name without its
    "-s" when the bare form is a name the article or the entity table knows, or when the word stands right before
    the common noun it owns (a capitalised known word). A listed spelling that ends in "s" ("Tsipras") stays."""
    if "s" not in res.genitive_suffixes or not text.endswith("s") or len(text) < 4 or listed_word(text):
        return text
    stem = text[:-1]
    if stem.lower() in known or (listed_word(stem) and known_person(stem)) or owns_next(sent, res, i):
        return stem
    return text


def owns_next(sent: Sentence, res: LanguageResources, i: int) -> bool:
    """Token ``i`` is a German genitive "-s" word before the capitalised common noun it owns ("Haftars
    Delegation", "Trumps Anruf"): the next word is a known word or has a noun's ending, and is no listed name."""
    j = i + 1
    if "s" not in res.genitive_suffixes or j >= len(sent) or not sent.texts[i].endswith("s") \
            or len(sent.texts[i]) < 4 or listed_word(sent.texts[i]):
        return False
    nxt = sent.texts[j]
    if not is_cap(nxt) or nxt in PUNCT or listed_word(nxt) or sent.lowers[j] in res.proper_nouns:
        return False
    # a known word only: an unknown capitalised word is as likely the surname of a first name in -s ("General
    # Ilias Quilwyler") as a noun, and reading it as a noun splits the name
    return sent.lowers[j] in res.known_words or sent.lemmas[j] in res.known_words


_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


def owns_proxy(sent: Sentence, res: LanguageResources, span: tuple[int, int]) -> bool:
    """The name at ``span`` owns a noun for those who act for it ("Haftars Delegation", "Putin's spokesman",
    ``proxy_nouns``): the named person is not there in person."""
    j = span[1]
    if j < len(sent) and sent.texts[j] in _POSSESSIVE:
        j += 1
    elif not (sent.texts[span[1] - 1].endswith("s") and "s" in res.genitive_suffixes):
        return False
    return j < len(sent) and sent.lowers[j] in res.proxy_nouns

"""Vietnamese personal names in a sentence: a family name, then one to four given names.

"Trần Việt Trường", "Ngô Thị Thanh Hằng", "Võ Phan Thành Minh", "Hầu A Lềnh". Precision comes
from the family names of data/names.toml, from ending a name before the words and phrases that
open a title, a body or a rank (a given name may be "Đại" or "Hội", never "Đại biểu" or "Hội
đồng"), and from leaving out a place or a ministry's field that runs into the name ("Hà Nội
Nguyễn Đức Chung": the name is Nguyễn Đức Chung).

>>> [n.name for n in find_names("Chủ tịch nước Trần Đại Quang tiếp đoàn")]
['Trần Đại Quang']
>>> [n.name for n in find_names("Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung cho biết")]
['Nguyễn Đức Chung']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from govkg.text import LOWER, UPPER, lower, trie_pattern
from govkg.vocab import derived, vocab

# A Vietnamese syllable: onset, vowel nucleus, coda. Crawled text glues words where links were
# ("Phạm Minh Chínhyêu cầu"); a name's last syllable that is no syllable is cut back to one.
_V = "aăâeêioôơuưyàằầèềìòồờùừỳáắấéếíóốớúứýảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ"
_SYLLABLE = re.compile(rf"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[{_V}]{{1,3}}(?:ng|nh|ch|[cmnpt])?")
_TOKEN = re.compile(rf"[{UPPER}][{LOWER}]*")
_NEXT_WORD = re.compile(r"\s*(\w+)")
# a run of capitalised words separated by single spaces: where names are looked for
_RUN = re.compile(rf"[{UPPER}](?<![\w'’].)[{LOWER}]*(?:'[{UPPER}]?[{LOWER}]+)?(?: [{UPPER}][{LOWER}]*(?:'[{UPPER}]?[{LOWER}]+)?)+(?![\w'’])")
_PLACE_WORD_BEFORE = re.compile(r"(?:TP\.?|Tp\.?|[Tt]hành phố|[Tt]ỉnh|[Qq]uận|[Hh]uyện|[Tt]hị xã|[Xx]ã|[Pp]hường)\s?$")
MAX_GIVEN = 4
_NONSPACE = re.compile(r"\S+")


@dataclass(frozen=True)
class NameMention:
    """A personal name in a sentence, as it stands there (``text[start:end] == name``)."""

    name: str
    start: int
    end: int
    known_surname: bool = True  # the family name is in data/names.toml


@derived
def _stop_phrases() -> re.Pattern:
    """Phrases a name ends before: titles, ranks, kinds of body, national bodies, and the
    stop phrases of data/names.toml, as written (capitalised)."""
    v = vocab()
    phrases = set(v.names.stop_phrases) | set(v.names.ranks) | set(v.names.stop_words)
    phrases |= {f for f in v.titles.specs if f[:1].isupper()}
    phrases |= set(v.titles.compounds)
    for kind in v.agencies.kinds.values():
        phrases |= {h for h in kind.heads if " " in h and h[:1].isupper()}
    for nat in v.agencies.national.values():
        phrases |= {f for f in (nat.name, *nat.aliases) if f[:1].isupper()}
    phrases |= {f"Ban {b}" for b in v.agencies.party_bans}
    return re.compile(r"(?:" + trie_pattern(phrases) + r")(?![\w])")


@derived
def _not_person() -> frozenset[str]:
    """Folded names of places and fields that look like a person's name ("Hà Nội", "Công Thương")."""
    from govkg.identity import fold
    from govkg.loaders.gazetteer import gazetteer

    v = vocab()
    g = gazetteer()
    out = set(g.provinces) | set(g.districts)
    out |= {fold(c) for c in v.foreign.countries}
    out |= {fold(d) for d in (*v.agencies.domains_bo, *v.agencies.domains_so)}
    return frozenset(out)


@derived
def _person_places() -> frozenset[str]:
    """Place names that are first of all a person's ("Hồ Chí Minh", unless "TP" or "thành phố" is written)."""
    return vocab().names.place_like_people


def _is_given(token: str) -> bool:
    if len(token) == 1:
        return token in vocab().names.single_letter_given
    return bool(_SYLLABLE.fullmatch(token.lower()))


def find_names(text: str, *, honorific_surnames: bool = True, inside_name: bool = False) -> list[NameMention]:
    """Every personal name in ``text``, left to right.

    >>> [n.name for n in find_names("ông Hầu A Lềnh, Thứ trưởng Bộ Công an")]
    ['Hầu A Lềnh']
    >>> [n.name for n in find_names("Thứ trưởng Bộ Công Thương Đỗ Thắng Hải")]
    ['Đỗ Thắng Hải']
    >>> [n.name for n in find_names("ông Hà Ban, Chủ tịch HĐND")]
    ['Hà Ban']
    >>> [n.name for n in find_names("ông Nguyễn Văn Hội, Đại biểu Quốc hội")]
    ['Nguyễn Văn Hội']

    A family name missing from the list is taken after "ông", "bà" or "đồng chí" when three or
    four Vietnamese syllables follow (``known_surname`` is then False):

    >>> [(n.name, n.known_surname) for n in find_names("ông Quảng Minh Cường, Bí thư Tỉnh ủy")][:1]
    [('Quảng Minh Cường', True)]
    >>> [(n.name, n.known_surname) for n in find_names("bà Xồng Thị Mỷ, Phó Chủ tịch UBND huyện")]
    [('Xồng Thị Mỷ', False)]

    ``inside_name``: the text is a body's name that a person's name may end ("An toàn Lao Động Hà
    Tất Thắng"): capitalised words before the person's name are the body's, not a longer proper noun's.

    "Hồ Chí Minh" is the President unless a place word stands before it:

    >>> [n.name for n in find_names("Lăng Chủ tịch Hồ Chí Minh")], find_names("UBND TP Hồ Chí Minh")
    (['Hồ Chí Minh'], [])
    """
    out: list[NameMention] = []
    known = _known_people()
    place_firsts = _prefix_firsts()
    low = None
    for run in _RUN.finditer(text):
        if low is None:
            low = lower(text)
        tokens = [(m.start(), m.group(0)) for m in _NONSPACE.finditer(text, run.start(), run.end())]
        # people the data names ("Tập Cận Bình", "Thuận Hữu") are read first, wherever they start
        spans: dict[int, re.Match] = {}
        firsts = _known_firsts()
        for j, (at, tok) in enumerate(tokens):
            if tok not in firsts:
                continue
            hit = known.match(text, at)
            if hit and (hit.end() == len(text) or not text[hit.end()].isalnum()):
                spans[j] = hit
        i = 0
        explained = True  # every capitalised word before ``i`` in the run is accounted for
        while i < len(tokens):
            if i in spans:
                hit = spans[i]
                out.append(NameMention(hit.group(0), hit.start(), hit.end(), False))
                i += len(hit.group(0).split(" "))
                explained = True
                continue
            place = _place_tokens(tokens, i) if _first_fold(tokens[i][1]) in place_firsts else 0
            if place:  # "Hà Nội Nguyễn Đức Chung", "Quảng Ninh Nguyễn Đức Long": a place, then the name
                i += place
                explained = True
                continue
            phrase = _phrase_ci().match(low, tokens[i][0])
            if phrase and phrase.end() > tokens[i][0] + len(tokens[i][1]):
                # "Tổng Bí Thư Nông Đức Mạnh": a title written in capitals, then the name
                while i < len(tokens) and tokens[i][0] < phrase.end():
                    i += 1
                explained = True
                continue
            limit = min((j for j in spans if j > i), default=len(tokens))
            found = _name_at(text, tokens[:limit], i, honorific_surnames) if explained else None
            if found is None:
                tok = tokens[i][1]
                # "Tân Sơn Nhất", "Bồ Đào Nha": a name does not start right after a Vietnamese word of
                # a longer proper noun (a brand, "Sacombank", does not hide the name after it)
                explained = inside_name or tok in vocab().names.stop_words or (len(tok) > 1 and tok.isupper()) or \
                    bool(_stop_phrases().match(text, tokens[i][0])) or not _is_given(tok)
                i += 1
                continue
            mention, used = found
            out.append(mention)
            i += used
            explained = True
    return out


def _place_tokens(tokens: list[tuple[int, str]], i: int) -> int:
    """How many tokens from ``i`` name a province, a country, a foreign place or a ministry's
    field (longest first), 0 if none; a district only when a family name follows it. Compared
    with their diacritics: "Động Hà" is not "Đông Hà"."""
    starts, districts = _prefixes()
    if _first_fold(tokens[i][1]) not in _prefix_firsts():
        return 0  # no place or field starts with this word: the common case, decided cheaply
    v = vocab()
    for k in range(min(4, len(tokens) - i), 0, -1):
        written = " ".join(t for _, t in tokens[i:i + k])
        f = _low(written)
        if f in starts:
            return k
        if f in districts and i + k < len(tokens) and tokens[i + k][1] in v.names.surnames and k >= 2:
            return k
        if written in v.names.place_like_people and i + k < len(tokens) and tokens[i + k][1] in v.names.surnames:
            return k  # "Thành phố Hồ Chí Minh Nguyễn Thiện Nhân": the city, then the name
    return 0


@derived
def _prefix_firsts() -> frozenset[str]:
    """The first words of every place, field and district: a token not among them opens none."""
    starts, districts = _prefixes()
    return frozenset(x.split(" ")[0] for x in (*starts, *districts)) | frozenset(
        _first_fold(p.split(" ")[0]) for p in vocab().names.place_like_people)


@lru_cache(maxsize=65536)
def _low(words: str) -> str:
    """Words compared with their diacritics, in one tone placement, lower case."""
    from govkg.text import canonical

    return canonical(words).lower()


def _first_fold(word: str) -> str:
    return _low(word)


@derived
def _prefixes() -> tuple[frozenset[str], frozenset[str]]:
    """Names a personal name never starts with: provinces, countries, foreign places and regions,
    ministries' fields; and districts (which may also be names). With their diacritics."""
    from govkg.loaders.gazetteer import gazetteer

    v = vocab()
    g = gazetteer()
    starts = {_low(n) for n in set(g.provinces.values()) | set(v.places.province_aliases)}
    starts |= {_low(c) for c in (*v.foreign.countries, *v.foreign.places, *v.foreign.regions)}
    starts |= {_low(d) for d in (*v.agencies.domains_bo, *v.agencies.domains_so)}
    starts -= {_low(p) for p in v.names.place_like_people}
    districts = {_low(n) for n in g.district_names.values()}
    return frozenset(starts), frozenset(districts)


@derived
def _phrase_ci() -> re.Pattern:
    """Titles and bodies of two words or more, in lower case: "Tổng Bí Thư" is a title however cased."""
    v = vocab()
    phrases = {f.lower() for f in v.titles.specs if " " in f}
    for kind in v.agencies.kinds.values():
        phrases |= {h.lower() for h in kind.heads if " " in h}
    for nat in v.agencies.national.values():  # "Thủ tướng Chính Phủ Nguyễn Xuân Phúc"
        phrases |= {f.lower() for f in (nat.name, *nat.aliases) if " " in f}
    return re.compile(r"(?:" + trie_pattern(phrases) + r")(?![\w])")


def _name_at(text: str, tokens: list[tuple[int, str]], i: int, honorific_surnames: bool):
    """The name starting at token ``i`` of a run, with how many tokens it takes; None if none."""
    v = vocab()
    start, first = tokens[i]
    known = first in v.names.surnames
    if not known:
        if not honorific_surnames or not _after_honorific(text, start) or not _is_given(first) or len(first) < 2:
            return None
    stops = _stop_phrases()
    if stops.match(text, start) and not (known and _starts_name_not_phrase(text, tokens, i)):
        return None  # "Phó Ban", "Công Thương ...": a title or a body, not a family name
    n = 1
    most = MAX_GIVEN if known else MAX_GIVEN + 1  # Lao and other names after "ông" may be longer
    while n <= most and i + n < len(tokens):
        at, tok = tokens[i + n]
        if stops.match(text, at):
            break
        if not _is_given(tok):
            glued = _SYLLABLE.match(tok.lower())
            if n >= 2 and glued and glued.end() >= 2 and tok[glued.end():].islower():
                n += 1  # "Phạm Minh Chínhyêu cầu": a word glued on; clean_name cuts it
            break
        n += 1
    if n < 2 or (not known and n < 3):
        return None
    words = [t for _, t in tokens[i:i + n]]
    whole = " ".join(words)
    if whole in _person_places() and not _PLACE_WORD_BEFORE.search(text[max(0, start - 12):start]):
        return NameMention(whole, start, start + len(whole), True), n
    end = tokens[i + n - 1][0] + len(words[-1])
    name = clean_name(whole, text[end:end + 12])
    if name is None:
        return None
    return NameMention(name, start, start + len(name), known), n


_HONORIFIC_BEFORE = re.compile(r"(?<![\w])(?:ông|bà|đồng chí|ngài)\s+$", re.IGNORECASE)


def _starts_name_not_phrase(text: str, tokens: list[tuple[int, str]], i: int) -> bool:
    """A family name that also opens a stop phrase, read as a name only when the phrase ends inside
    the first token ("Đoàn" opens "Đoàn ĐBQH", not "Đoàn Ngọc Hải")."""
    m = _stop_phrases().match(text, tokens[i][0])
    return m is not None and m.end() <= tokens[i][0] + len(tokens[i][1]) and tokens[i][1] not in vocab().names.stop_words


@derived
def _known_firsts() -> frozenset[str]:
    v = vocab()
    return frozenset(p.split(" ")[0] for p in {*v.names.known_people, *v.foreign.people})


@derived
def _known_people() -> re.Pattern:
    v = vocab()
    return re.compile(r"(?:" + trie_pattern({*v.names.known_people, *v.foreign.people}) + r")")


def _after_honorific(text: str, pos: int) -> bool:
    return bool(_HONORIFIC_BEFORE.search(text[max(0, pos - 12):pos]))


def match_name(text: str, pos: int) -> NameMention | None:
    """A personal name starting exactly at ``pos`` (after spaces).

    >>> match_name("Giám đốc Sở Nguyễn Văn Bình", 12).name
    'Nguyễn Văn Bình'
    """
    while pos < len(text) and text[pos] == " ":
        pos += 1
    for nm in find_names(text[pos:pos + 60]):
        if nm.start == 0:
            return NameMention(nm.name, pos, pos + len(nm.name), nm.known_surname)
        break
    return None


def honorific_before(text: str, pos: int) -> str | None:
    """The form of address ("ông", "bà", "đồng chí") right before ``pos``, if any.

    >>> honorific_before("Bà Nguyễn Thị Quyết Tâm", 3)
    'bà'
    """
    m = _honorific_re().search(text, max(0, pos - 12), pos)
    return m.group(1).lower() if m else None


@derived
def _honorific_re() -> re.Pattern:
    alt = "|".join(re.escape(h) for h in sorted(vocab().names.honorifics, key=len, reverse=True))
    return re.compile(rf"(?<![\w])({alt}) $")


def clean_name(name: str, after: str = "") -> str | None:
    """The name with a glued-on word cut off; None if it is no Vietnamese personal name.

    ``after`` is the text that follows the name: "Nguyễn Ngọc Thiện Như" before "vậy" ends at Thiện.

    >>> clean_name("Nguyễn Ngọc Thiện Như", " vậy, ông")
    'Nguyễn Ngọc Thiện'
    >>> clean_name("Phạm Minh Chínhyêu")
    'Phạm Minh Chính'
    >>> clean_name("Hà Nội") is None
    True
    """
    v = vocab()
    words = name.split(" ")
    openers = v.names.sentence_openers
    if len(words) > 2 and words[-1] in {p.split(" ")[0] for p in openers}:
        nxt = _NEXT_WORD.match(after)
        if nxt and f"{words[-1]} {nxt.group(1)}" in openers:
            words.pop()
    last = words[-1].lower()
    if len(last) > 1 and not _SYLLABLE.fullmatch(last):
        m = _SYLLABLE.match(last)
        if not m or m.end() < 2:
            return None
        words[-1] = words[-1][: m.end()]
    if any(not _is_given(w) for w in words[1:]):
        return None
    out = " ".join(words)
    return out if len(words) >= 2 and not is_place_name(out) else None


def is_place_name(name: str) -> bool:
    """A country, province or district written like a name ("Hà Lan", "Sơn Tây", "Hà Nội").

    >>> is_place_name("Sơn Tây"), is_place_name("Trần Việt Trường")
    (True, False)
    """
    from govkg.identity import fold

    return fold(name) in _not_person()

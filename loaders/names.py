"""Vietnamese personal names: a family name from data/names.toml, then one to four given names.

"Trần Việt Trường", "Ngô Thị Thanh Hằng", "Võ Phan Thành Minh". Precision comes from the family
name list (a place such as "Hà Nội" is ruled out where the caller has read a place first) and
from stopping before words that open a title ("Phó", "Chủ tịch").
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources

from govkg.text import UPPER, trie_pattern

_DATA = tomllib.loads(resources.files("govkg").joinpath("data/names.toml").read_text("utf-8"))
_UP = UPPER
_LOW = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_SYL = f"[{_UP}][{_LOW}]+"


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


SURNAMES = frozenset(w.split()[0] for w in _DATA["surnames"])
_STOP = _alt(_DATA["not_name_words"])

# family name + 1..4 given names, each capitalised; a given name may not be a title word
NAME = re.compile(
    rf"(?<![\w{_LOW}{_UP}])(?:{trie_pattern(SURNAMES)})(?:\s(?!(?:{_STOP})(?![{_LOW}]))(?:{_SYL})){{1,4}}(?![\w{_LOW}{_UP}])"
)
HONORIFIC = re.compile(rf"(?:{_alt(_DATA['honorifics'])})\s$")
RANK_WORDS = tuple(sorted(_DATA["ranks"], key=len, reverse=True))


def match_name(text: str, pos: int) -> re.Match | None:
    """A personal name starting exactly at ``pos`` (after spaces)."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return NAME.match(text, pos)


def honorific_before(text: str, pos: int) -> str | None:
    """The form of address ("ông", "bà", "đồng chí") right before ``pos``, if any."""
    m = HONORIFIC.search(text[max(0, pos - 12):pos])
    return m.group(0).strip().lower() if m else None


# A Vietnamese syllable: onset, vowel nucleus, coda. Crawled text glues words where links were
# ("Phạm Minh Chínhyêu cầu"); a name's last syllable that is no syllable is cut back to one.
_V = "aăâeêioôơuưyàằầèềìòồờùừỳáắấéếíóốớúứýảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ"
_SYLLABLE = re.compile(rf"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[{_V}]{{1,3}}(?:ng|nh|ch|[cmnpt])?")


_OPENERS = frozenset(_DATA.get("sentence_openers", []))
_OPENER_FIRST = frozenset(p.split(" ")[0] for p in _OPENERS)
_NEXT_WORD = re.compile(r"\s*([\w]+)")


def clean_name(name: str, after: str = "") -> str | None:
    """The name with a glued-on word cut off; None if it is no Vietnamese personal name.

    ``after`` is the text that follows the name: "Nguyễn Ngọc Thiện Như" before "vậy" ends at Thiện."""
    words = name.split(" ")
    if len(words) > 2 and words[-1] in _OPENER_FIRST:
        nxt = _NEXT_WORD.match(after)
        if nxt and f"{words[-1]} {nxt.group(1)}" in _OPENERS:
            words.pop()
    last = words[-1].lower()
    if not _SYLLABLE.fullmatch(last):
        m = _SYLLABLE.match(last)
        if not m or m.end() < 2:
            return None
        words[-1] = words[-1][: m.end()]
    if any(not _SYLLABLE.fullmatch(w.lower()) for w in words[1:-1]):
        return None
    out = " ".join(words)
    return out if len(words) >= 2 and not is_place_name(out) else None


def is_place_name(name: str) -> bool:
    """A country, province or district written like a name ("Hà Lan", "Sơn Tây", "Hà Nội")."""
    from govkg.loaders.gazetteer import gazetteer
    from govkg.text import fold

    g = gazetteer()
    f = fold(name)
    return f in g.provinces or f in g.districts or f in _countries()


def _countries() -> frozenset[str]:
    global _COUNTRIES
    if _COUNTRIES is None:
        from govkg.text import fold

        raw = tomllib.loads(resources.files("govkg").joinpath("data/foreign.toml").read_text("utf-8"))
        _COUNTRIES = frozenset(fold(c) for c in raw["countries"])
    return _COUNTRIES


_COUNTRIES: frozenset[str] | None = None

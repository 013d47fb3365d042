"""Vietnamese personal names: a family name from data/names.toml, then one to four given names.

"Trần Việt Trường", "Ngô Thị Thanh Hằng", "Võ Phan Thành Minh". Precision comes from the family
name list (a place such as "Hà Nội" is ruled out where the caller has read a place first) and
from stopping before words that open a title ("Phó", "Chủ tịch").
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources

_DATA = tomllib.loads(resources.files("govkg").joinpath("data/names.toml").read_text("utf-8"))
_UP = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LOW = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_SYL = f"[{_UP}][{_LOW}]+"


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


SURNAMES = frozenset(w.split()[0] for w in _DATA["surnames"])
_STOP = _alt(_DATA["not_name_words"])

# family name + 1..4 given names, each capitalised; a given name may not be a title word
NAME = re.compile(
    rf"(?<![\w{_LOW}{_UP}])(?:{_alt(SURNAMES)})(?:\s(?!(?:{_STOP})(?![{_LOW}]))(?:{_SYL})){{1,4}}(?![\w{_LOW}{_UP}])"
)
HONORIFIC = re.compile(rf"(?:{_alt(_DATA['honorifics'])})\s$")
RANK = re.compile(rf"(?:{_alt(_DATA['ranks'])})\.?\s$")
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

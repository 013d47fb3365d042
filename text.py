"""Vietnamese text normalisation shared by recognisers, lookups and evaluation.

Three levels, each a plain function:

- :func:`canonical` - NFC, one tone placement (``uỷ`` -> ``ủy``, ``hoà`` -> ``hòa``), single spaces.
  This is the spelling govkg stores and shows.
- :func:`key` - ``canonical`` plus case folding and abbreviation expansion: two names with the
  same key name the same thing ("UBND TP Cần Thơ" and "Ủy ban nhân dân thành phố Cần Thơ").
- :func:`fold` - ``key`` without diacritics (``đ`` -> ``d``): what a user typing without
  diacritics produces ("nguyen ngoc tuan").
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from importlib import resources

# Old-style tone placement on open syllables ("hoà", "thuỷ") -> the placement govkg stores ("hòa",
# "thủy"). Only at the end of a word: with a final consonant both styles agree ("hoàng").
_TONES = {"\u0300": "grave", "\u0301": "acute", "\u0309": "hook", "\u0303": "tilde", "\u0323": "dot"}
_OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0309\u0303\u0323])(?![^\W\d_])")
_SPACES = re.compile(r"\s+")
# Vietnamese capital letters, for character classes: "[À-Ỹ]" would take in lower-case letters too
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"


def _retone(m: re.Match) -> str:
    first, second, mark = m.groups()
    if first in "uU" and second not in "yY":
        return m.group(0)
    if first in "oO" and second in "yY":
        return m.group(0)
    return first + mark + second


def _old_tone_pairs() -> dict[str, str]:
    """NFC pairs written the old way ("oà", "uỷ") -> the stored way ("òa", "ủy")."""
    pairs = {}
    for first, seconds in (("o", "ae"), ("O", "AE"), ("o", "AE"), ("u", "y"), ("U", "Y"), ("u", "Y")):
        for second in seconds:
            for mark in _TONES:
                old = unicodedata.normalize("NFC", first + second + mark)
                pairs[old] = unicodedata.normalize("NFC", first + mark + second)
    return pairs


_OLD_PAIRS = _old_tone_pairs()
_OLD_NFC = re.compile("(?<![qQ])[oOuU][" + "".join(sorted({p[1] for p in _OLD_PAIRS})) + r"](?![^\W\d_])")


def retone(s: str) -> str:
    """NFC with one tone placement, nothing else: lengths and offsets of NFC text are kept."""
    s = unicodedata.normalize("NFC", s)
    return _OLD_NFC.sub(lambda m: _OLD_PAIRS.get(m.group(0), m.group(0)), s)


def canonical(s: str) -> str:
    """NFC with one tone placement and single spaces: the stored spelling."""
    if not s:
        return s
    d = unicodedata.normalize("NFD", s)
    d = _OLD_TONE.sub(_retone, d)
    return _SPACES.sub(" ", unicodedata.normalize("NFC", d)).strip()


def _alternation(words) -> re.Pattern:
    # a word ending in punctuation ("P.") may run straight into the next word ("P.Thảo Điền")
    alts = "|".join(
        re.escape(w) + ("" if not w[-1].isalnum() else r"(?![^\W_])") for w in sorted(words, key=len, reverse=True)
    )
    return re.compile(r"(?<![^\W_])(" + alts + ")")


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[re.Pattern, dict, re.Pattern, dict]:
    data = tomllib.loads(resources.files("govkg").joinpath("data/abbreviations.toml").read_text("utf-8"))
    folded = {canonical(k).casefold(): canonical(v).casefold() for k, v in data["expand"].items()}
    # "P.Thảo Điền": an abbreviation ending in a full stop may be glued to the next word
    exact = {
        canonical(k): canonical(v).casefold() + (" " if k.endswith(".") else "")
        for k, v in data.get("expand_exact", {}).items()
    }
    return _alternation(exact), exact, _alternation(folded), folded


@lru_cache(maxsize=65536)
def key(s: str) -> str:
    """Canonical, case-folded, abbreviations expanded: equal keys name the same thing."""
    exact_re, exact, folded_re, folded = _abbreviations()
    k = exact_re.sub(lambda m: exact[m.group(1)], canonical(s))
    k = folded_re.sub(lambda m: folded[m.group(1)], k.casefold())
    k = re.sub(r"[.,;:()\"“”'‘’]", " ", k)
    k = k.replace(" - ", " ").replace("–", " ")
    return _SPACES.sub(" ", k).strip()


def strip_marks(s: str) -> str:
    """Remove diacritics (``đ`` -> ``d``) and keep the case."""
    d = unicodedata.normalize("NFD", s)
    d = "".join(c for c in d if not unicodedata.combining(c))
    return d.replace("đ", "d").replace("Đ", "D")


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """``key`` without diacritics: what a user types without diacritics matches this."""
    return strip_marks(key(s))


@lru_cache(maxsize=65536)
def slug(s: str) -> str:
    """An ASCII slug for ids and IRIs: "Trần Việt Trường" -> "tran-viet-truong"."""
    return re.sub(r"[^a-z0-9]+", "-", strip_marks(canonical(s)).lower()).strip("-")


@lru_cache(maxsize=32)
def lower(s: str) -> str:
    """Lower case with the same length and offsets as ``s`` (for matching lower-cased patterns)."""
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)


def trie_pattern(words) -> str:
    """A regular expression (no groups) matching any of ``words``, longest first, as a trie:
    much faster than a flat alternation when the words are many and share prefixes."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        if list(node) == [""]:
            return ""
        ends = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items(), key=lambda kv: kv[0]) if ch]
        body = alts[0] if len(alts) == 1 and not ends else "(?:" + "|".join(alts) + ")"
        return body + ("?" if ends and alts else "")

    return build(trie)

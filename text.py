"""Vietnamese text at the level of characters: NFC with one tone placement, lower case with the
same offsets, diacritics removed, character classes, trie patterns.

The normalised forms that decide identity (``key``, ``fold``, ``slug``) live in
:mod:`govkg.identity`, which also re-exports :func:`canonical`.

>>> canonical("Uỷ ban nhân dân  tỉnh Thanh Hoá")
'Ủy ban nhân dân tỉnh Thanh Hóa'
>>> strip_marks("Đắk Lắk")
'Dak Lak'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
# the vowel first, then the look back at the letter before it: a pattern that opens with a character
# class is scanned for that class (several times faster than one that opens with a look-behind)
_OLD_NFC = re.compile("[oOuU](?<![qQ][oOuU])[" + "".join(sorted({p[1] for p in _OLD_PAIRS})) + r"](?![^\W\d_])")


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


def strip_marks(s: str) -> str:
    """Remove diacritics (``đ`` -> ``d``) and keep the case."""
    d = unicodedata.normalize("NFD", s)
    d = "".join(c for c in d if not unicodedata.combining(c))
    return d.replace("đ", "d").replace("Đ", "D")


@lru_cache(maxsize=32)
def lower(s: str) -> str:
    """Lower case with the same length and offsets as ``s`` (for matching lower-cased patterns)."""
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)


def trie_pattern(words, not_after: tuple[str, ...] = ()) -> str:
    """A regular expression (no groups) matching any of ``words``, longest first, as a trie:
    much faster than a flat alternation when the words are many and share prefixes.

    ``not_after``: fixed-width patterns that must not stand just before the word, as the
    look-behinds ``(?<!X)`` before the trie would say, but tested after the word's first character
    (see :func:`not_after`), so that the pattern still opens with characters:

    >>> [m.start() for m in re.finditer(trie_pattern(["bộ", "ban"], (r"\\w", "cơ ")), "bộ, cán bộ, cơ ban, ban")]
    [0, 8, 20]
    """
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
        behind = "".join(f"(?<!{x}.)" for x in not_after) if node is trie else ""
        alts = [re.escape(ch) + behind + build(child) for ch, child in sorted(node.items(), key=lambda kv: kv[0]) if ch]
        body = alts[0] if len(alts) == 1 and not ends else "(?:" + "|".join(alts) + ")"
        return body + ("?" if ends and alts else "")

    return build(trie)


def not_after(behind: str, words) -> str:
    """A pattern for any of ``words`` (plain text, tried in the order given) not preceded by the
    one-character class ``behind``: what ``(?<!behind)(?:w1|w2|...)`` matches, written so that each
    alternative opens with its first character and the look-behind follows it. A pattern that opens
    with a look-behind is tried at every character; one that opens with characters is scanned for
    them first, several times faster.

    >>> [m.start() for m in re.finditer(not_after(r"\\w", ["xã", "thị xã"]), "thị xã, Quốcxã xã")]
    [0, 15]
    """
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(re.escape(c) + rf"(?<!{behind}.)(?:" + "|".join(map(re.escape, rest)) + ")"
                    for c, rest in groups.items())


def __getattr__(name: str):
    # key, fold and slug moved to govkg.identity; older imports keep working
    if name in ("key", "fold", "slug"):
        from govkg import identity

        return getattr(identity, name)
    raise AttributeError(name)

"""Identity: the normalised forms that decide when two mentions are one thing, the ids made from
them, and the statuses a post can have. Recognisers, the store, lookups, exports and evaluation
all use these functions, so a lookup never has to undo what a writer did.

- :func:`canonical` - NFC, one tone placement (``uỷ`` -> ``ủy``, ``hoà`` -> ``hòa``), single
  spaces: the spelling govkg stores and shows;
- :func:`key` - ``canonical`` plus case folding and the abbreviations of data/abbreviations.toml
  written out: equal keys name the same thing;
- :func:`fold` - ``key`` without diacritics: what a user typing without them produces;
- :func:`slug` and :func:`make_id` - ASCII ids, deterministic from a key;
- :func:`sentence_id` - the id of a source's sentence (its row in the stores' Sentence table);
- :class:`Status` - current, acting, elected, appointed, former, ended.

>>> key("UBND TP Cần Thơ") == key("Ủy ban nhân dân thành phố Cần Thơ")
True
>>> fold("Nguyễn Ngọc Tuấn")
'nguyen ngoc tuan'
>>> make_id("Person", key("Trần Việt Trường"))
'person/tran-viet-truong-2e11e1e5'
"""

from __future__ import annotations

import hashlib
import re
from enum import Enum
from functools import lru_cache

from govkg.text import _SPACES, canonical, strip_marks
from govkg.vocab import derived, vocab

__all__ = ["canonical", "key", "fold", "slug", "make_id", "Status", "STATUS_RANK", "HOLDING"]


class Status(str, Enum):
    """What a source says of a post. ``current``, ``acting``, ``elected`` and ``appointed`` mean
    held at the source's date; ``former`` and ``ended`` mean no longer held."""

    CURRENT = "current"
    ACTING = "acting"
    ELECTED = "elected"
    APPOINTED = "appointed"
    FORMER = "former"
    ENDED = "ended"

    @property
    def holding(self) -> bool:
        return self in (Status.CURRENT, Status.ACTING, Status.ELECTED, Status.APPOINTED)


# statuses that say a post is held, ranked above those that say it is not
STATUS_RANK = {"current": 3, "acting": 3, "elected": 3, "appointed": 3, "former": 1, "ended": 1}
HOLDING = frozenset(s.value for s in Status if s.holding)


def _alternation(words) -> re.Pattern:
    # a word ending in punctuation ("P.") may run straight into the next word ("P.Thảo Điền")
    alts = "|".join(
        re.escape(w) + ("" if not w[-1].isalnum() else r"(?![^\W_])") for w in sorted(words, key=len, reverse=True)
    )
    return re.compile(r"(?<![^\W_])(" + alts + ")")


@derived
def _abbreviations() -> tuple[re.Pattern, dict, re.Pattern, dict]:
    ab = vocab().abbreviations
    folded = {canonical(k).casefold(): canonical(v).casefold() for k, v in ab.expand.items()}
    # "P.Thảo Điền": an abbreviation ending in a full stop may be glued to the next word
    exact = {canonical(k): canonical(v).casefold() + (" " if k.endswith(".") else "") for k, v in ab.expand_exact.items()}
    return _alternation(exact), exact, _alternation(folded), folded


_PUNCT = re.compile(r"[.,;:()\"“”'‘’]")


@lru_cache(maxsize=65536)
def key(s: str) -> str:
    """Canonical, case-folded, abbreviations expanded, punctuation dropped: equal keys name the
    same thing.

    >>> key("Sở GD&ĐT TP.HCM")
    'sở giáo dục và đào tạo thành phố hồ chí minh'
    """
    exact_re, exact, folded_re, folded = _abbreviations()
    k = exact_re.sub(lambda m: exact[m.group(1)], canonical(s))
    k = folded_re.sub(lambda m: folded[m.group(1)], k.casefold())
    k = _PUNCT.sub(" ", k)
    k = k.replace(" - ", " ").replace("–", " ")
    return _SPACES.sub(" ", k).strip()


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """``key`` without diacritics: what a user types without diacritics matches this."""
    return strip_marks(key(s))


@lru_cache(maxsize=65536)
def slug(s: str) -> str:
    """An ASCII slug for ids and IRIs: "Trần Việt Trường" -> "tran-viet-truong"."""
    return re.sub(r"[^a-z0-9]+", "-", strip_marks(canonical(s)).lower()).strip("-")


def make_id(label: str, k: str) -> str:
    """A deterministic, ASCII-safe id: ``person/tran-viet-truong-1a2b3c4d``."""
    digest = hashlib.sha1(f"{label}\x00{k}".encode("utf-8")).hexdigest()[:8]
    return f"{label.lower()}/{slug(k)[:60]}-{digest}"


def sentence_id(article: str, zone: str, start: int, text: str) -> str:
    """The id of a sentence of an article: 16 hex digits, deterministic from the article, the zone,
    the sentence's offset in it and its text (offsets alone repeat in an article's page leftovers).
    The facts a sentence states name it by this id; its text is stored once.

    >>> sentence_id("cantho-1", "body", 120, "Ông Trần Việt Trường, Chủ tịch UBND TP Cần Thơ ...")
    '984e2e113bbffbb0'
    """
    return hashlib.blake2b(f"{article}\x1f{zone}\x1f{start}\x1f{text}".encode("utf-8"), digest_size=8).hexdigest()

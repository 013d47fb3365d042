"""Split an article's text into sentences, keeping each sentence's offset in the text."""

from __future__ import annotations

import re

from govkg.text import UPPER

# A sentence ends at . ! ? … (or a line break) followed by space and an upper-case letter, a quote
# or a digit, except after abbreviations the press writes with a full stop ("TP. Hồ Chí Minh").
_BOUNDARY = re.compile(rf"(?<=[.!?…;:])[\"”’)]?\s+(?=[\"“‘(]?[{UPPER}0-9])|\n+")
_NO_BREAK_AFTER = re.compile(
    r"(?:\b(?:TP|Tp|Q|P|TX|H|ThS|TS|PGS|GS|BS|Th|St|Mr|Mrs|Ms|Dr|No|tr|TT|KS|CN|LS|NXB|Tr)\.|\b[A-ZĐ]\.)$"
)


def split_sentences(text: str) -> list[tuple[int, str]]:
    """``[(offset, sentence), ...]`` in order; blank pieces are dropped."""
    out: list[tuple[int, str]] = []
    start = 0
    pending = None  # a piece that ended on an abbreviation, to be joined with the next
    for m in _BOUNDARY.finditer(text):
        end = m.start()
        piece = text[start:end]
        # the abbreviation test is anchored at the end: the last characters decide (and are cheap)
        if m.group(0).strip() == "" and "\n" not in m.group(0) and _NO_BREAK_AFTER.search(piece[-10:]):
            if pending is None:
                pending = start
            start = m.end()
            continue
        s0 = pending if pending is not None else start
        _add(out, text, s0, end)
        pending = None
        start = m.end()
    _add(out, text, pending if pending is not None else start, len(text))
    return out


def _add(out: list, text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        out.append((start + piece.index(stripped[0]), stripped))

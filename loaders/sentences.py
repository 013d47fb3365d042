"""Split an article's text into sentences, keeping each sentence's offset in the text."""

from __future__ import annotations

import re

from govkg.text import UPPER

# A sentence ends at . ! ? … (or a line break) followed by space and an upper-case letter, a quote
# or a digit, except after abbreviations the press writes with a full stop ("TP. Hồ Chí Minh").
_BOUNDARY = re.compile(rf"(?<=[.!?…;:])[\"”’)]?\s+(?=[\"“‘(]?[{UPPER}0-9])|\n+")
# The same boundaries, found from the punctuation or the line break that opens them (a pattern that
# starts with a character class is scanned for that class, several times faster than one that starts
# with a look-behind): after . ! ? … ; : the boundary is group 1; a run of line breaks is the match.
_BREAK = re.compile(rf"[.!?…;:\n](?:(?<=\n)\n*|([\"”’)]?\s+)(?=[\"“‘(]?[{UPPER}0-9]))")
_NO_BREAK_AFTER = re.compile(
    r"(?:\b(?:TP|Tp|Q|P|TX|H|ThS|TS|PGS|GS|BS|Th|St|Mr|Mrs|Ms|Dr|No|tr|TT|KS|CN|LS|NXB|Tr)\.|\b[A-ZĐ]\.)$"
)
_QUOTES = "\"”’)"


def split_sentences(text: str) -> list[tuple[int, str]]:
    """``[(offset, sentence), ...]`` in order; blank pieces are dropped.

    >>> split_sentences("Ông A nói. TP. Hồ Chí Minh có mưa.\\n\\nBà B về. ")
    [(0, 'Ông A nói.'), (11, 'TP. Hồ Chí Minh có mưa.'), (36, 'Bà B về.')]
    """
    out: list[tuple[int, str]] = []
    start = 0
    pending = None  # where a piece that ended on an abbreviation began, to be joined with the next
    no_break = _NO_BREAK_AFTER.search
    for m in _BREAK.finditer(text):
        gap = m.group(1)
        if gap is None:  # a run of line breaks
            end, after = m.span()
        else:
            end, after = m.span(1)
            # the abbreviation test (a space after the full stop, no quote, no line break) is anchored
            # at the end: the last characters decide
            if text[end - 1] == "." and gap[0] not in _QUOTES and "\n" not in gap \
                    and no_break(text, max(start, end - 10), end):
                if pending is None:
                    pending = start
                start = after
                continue
        s0 = pending if pending is not None else start
        piece = text[s0:end]
        stripped = piece.strip()
        if stripped:
            out.append((s0 + len(piece) - len(piece.lstrip()), stripped))
        pending = None
        start = after
    s0 = pending if pending is not None else start
    piece = text[s0:]
    stripped = piece.strip()
    if stripped:
        out.append((s0 + len(piece) - len(piece.lstrip()), stripped))
    return out

"""The first look at an article's text: where the words stand that the readers start from.

One scan of a zone's lower-cased text finds every such word (the longest one starting at each
position) and which readers it concerns; a sentence is read only if one of the trigger words stands
in it, and each reader only if one of its own words does: :class:`Look`.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from govkg.text import lower, trie_pattern
from govkg.vocab import derived, vocab

MAX_SENTENCE = 3000  # characters: a longer "sentence" (a list, page furniture run together) is read in pieces


@derived
def trigger_words() -> frozenset[str]:
    """Every word a recogniser starts from (lower case): a sentence without one states nothing."""
    from govkg.loaders.agencies import _patterns
    from govkg.loaders.chain import chain_triggers

    v = vocab()
    p = _patterns()
    from govkg.loaders.people import anchor_words

    # every title contains one of a few words ("chủ tịch", "trưởng", "ủy viên" ...): those, not every form
    return frozenset({*anchor_words(), *p["heads_map"],
                      *(w.lower() for w in p["national_map"]), *(w.lower() for w in v.documents.type_words),
                      "/", *chain_triggers()})


@derived
def trigger_pattern() -> re.Pattern:
    """The trigger words as one trie pattern: one scan of a text with it is the least any reading
    of that text costs (the benchmark's measure of the limit)."""
    return re.compile(trie_pattern(trigger_words()))



# The readers a sentence's words concern, as bits of one number.
ANCHOR, AGENCY, ORGANISATION = 1, 2, 4


@derived
def _hit_bits() -> tuple[dict[str, int], dict[str, tuple[int, ...]]]:
    """For each trigger word, the readers whose words stand where it is found: a title's words
    (loaders/people.py), a body's first words (loaders/agencies.py), an enterprise's
    (loaders/relations.py): those it begins with and those inside it ("trưởng" in "bộ trưởng").
    And where inside it a reader's word may begin that runs on past it (the scan goes on after the
    word it found, so that one is looked for where it stands): ``(bits, offsets)``."""
    from govkg.loaders.agencies import _patterns
    from govkg.loaders.people import anchor_words
    from govkg.loaders.relations import org_gate_words

    p = _patterns()
    triggers = trigger_words()
    classes = {ANCHOR: anchor_words(), AGENCY: {w.lower() for w in [*p["heads_map"], *p["national_map"]]},
               ORGANISATION: org_gate_words()}
    always = 0  # a reader with a word that is no trigger word could be missed: never skipped
    own: dict[str, int] = {}
    begins: set[str] = set()  # the beginnings of the readers' words
    for bit, words in classes.items():
        if not set(words) <= triggers:
            always |= bit
        for w in words:
            own[w] = own.get(w, 0) | bit
            begins.update(w[:n] for n in range(1, len(w)))
    bits, offsets = {}, {}
    for word in triggers:
        b = always
        for k in range(len(word)):
            rest = word[k:]
            for n in range(1, len(rest) + 1):
                b |= own.get(rest[:n], 0)
        bits[word] = b
        offsets[word] = tuple(k for k in range(1, len(word)) if word[k:] in begins)
    return bits, offsets


class Look:
    """Where the trigger words stand in one zone of an article: one scan of its lower-cased text.
    ``hits``: where they start (a sentence holding none states nothing); :meth:`words`: which
    readers' words a sentence holds (the bits may say more than it holds, never less)."""

    def __init__(self, chunk: str) -> None:
        self.low = lower(chunk)
        found = [(m.start(), m.group(0)) for m in trigger_pattern().finditer(self.low)]
        self.hits = [at for at, _ in found]
        self.found = found
        # lower() of a slice is the slice of lower() but where a capital sigma's lower case depends on
        # what follows it: then each sentence is looked at on its own
        self.exact = "Σ" not in chunk

    def words(self, start: int, end: int, sentence: str) -> int:
        """The bits of the readers whose words stand in ``sentence``, the zone's text[start:end]
        (no trigger word runs across sentences: none holds the end of one and the start of the next)."""
        if not self.exact:
            return sentence_words(sentence)
        bits, offsets = _hit_bits()
        out = 0
        i = bisect_left(self.hits, start)
        found = self.found
        while i < len(found) and found[i][0] < end:
            at, word = found[i]
            out |= bits[word]
            for k in offsets[word]:  # a reader's word beginning inside this one and running on past it
                m = trigger_pattern().match(self.low, at + k)
                if m is not None:
                    out |= bits[m.group(0)]
            i += 1
        return out


def sentence_words(sentence: str) -> int:
    """The bits of the readers whose words stand in one sentence, from a scan of the sentence alone."""
    look = Look(sentence)
    look.exact = True
    return look.words(0, len(sentence), sentence)

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



# What each reader's first look is for (in the lower-cased sentence), as bits of one number.
TRIGGER, ANCHOR, AGENCY, ORGANISATION, ASSIGN, DUTY, PROJECT, EVENT = (1 << i for i in range(8))


@derived
def _word_scan() -> tuple[re.Pattern, dict[str, int]]:
    """One pattern for the words every reader starts from, matched at every position of the
    lower-cased text (a look-ahead: the longest word starting there), and for each word the readers
    it concerns. A word's bits include those of the words it begins with ("bộ trưởng" holds "bộ"),
    so the bits of the longest word at a position are those of every word starting there."""
    from govkg.loaders.agencies import _patterns
    from govkg.loaders.chain import gate_words
    from govkg.loaders.people import anchor_words
    from govkg.loaders.relations import org_gate_words

    p = _patterns()
    gates = gate_words()
    classes = {TRIGGER: trigger_words(), ANCHOR: anchor_words(),
               AGENCY: {w.lower() for w in [*p["heads_map"], *p["national_map"]]}, ORGANISATION: org_gate_words(),
               ASSIGN: gates["assign"], DUTY: gates["duty"], PROJECT: gates["projects"], EVENT: gates["events"]}
    own: dict[str, int] = {}
    for bit, words in classes.items():
        for w in words:
            own[w] = own.get(w, 0) | bit
    bits = {w: 0 for w in own}
    for w in own:
        for n in range(1, len(w) + 1):
            b = own.get(w[:n])
            if b:
                bits[w] |= b
    return re.compile("(?=(" + trie_pattern(own) + "))"), bits


class Look:
    """Where the readers' words stand in one zone of an article: one scan of its lower-cased text.
    ``hits``: where the words that make a sentence worth reading start (the sentence triggers);
    :meth:`words` tells, for one sentence, which readers' words it holds, exactly as a search of
    the sentence itself would."""

    def __init__(self, chunk: str) -> None:
        pattern, bits = _word_scan()
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.bits: list[int] = []
        self.hits: list[int] = []
        # lower() of a slice is the slice of lower() but where a capital sigma's lower case depends on
        # what follows it: then every sentence is looked at on its own
        self.exact = "Σ" not in chunk
        for m in pattern.finditer(lower(chunk)):
            b = bits[m.group(1)]
            at = m.start()
            self.starts.append(at)
            self.ends.append(at + len(m.group(1)))
            self.bits.append(b)
            if b & TRIGGER:
                self.hits.append(at)

    def words(self, start: int, end: int, sentence: str) -> int:
        """The bits of the readers whose words stand in ``sentence`` (= the zone's text[start:end])."""
        i = bisect_left(self.starts, start)
        j = bisect_left(self.starts, end, i)
        if self.exact and all(e <= end for e in self.ends[i:j]):
            out = 0
            for b in self.bits[i:j]:
                out |= b
            return out
        return sentence_words(sentence)  # a word running past the sentence's end: the sentence alone decides


def sentence_words(sentence: str) -> int:
    """The bits of the readers whose words stand in one sentence, from a scan of the sentence alone."""
    pattern, bits = _word_scan()
    out = 0
    for m in pattern.finditer(lower(sentence)):
        out |= bits[m.group(1)]
    return out

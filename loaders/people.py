"""People with their posts, in every order the press writes them:

- name first: "Ông Trần Việt Trường, Phó Bí thư Thành ủy, Chủ tịch UBND TP Cần Thơ";
- titles first: "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Phạm Thiện Nghĩa"; "Thủ tướng Nguyễn Xuân Phúc";
- both: "Phó Bí thư Thành ủy, Chủ tịch HĐND TP Nguyễn Ngọc Tuấn - Trưởng Ban Chỉ đạo ...";
- a rank or a form of address before the name: "Đại tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an";
- lists that share a title: "các Phó Chủ tịch UBND tỉnh: A, B", "Thứ trưởng A và B", "các đồng chí Ủy
  viên Bộ Chính trị: Chủ tịch Quốc hội A; Thủ tướng B";
- memberships and deputies: "Ủy viên Ban Thường vụ Tỉnh ủy", "Tỉnh ủy viên", "TUV", "ĐBQH khóa XV",
  "Đại biểu Quốc hội tỉnh Quảng Trị", "Trưởng đoàn ĐBQH tỉnh X"; Vietnam's envoys ("Đại sứ Việt Nam
  tại Hoa Kỳ").

A title becomes a post only with a body: written after it, implied by it (Thủ tướng -> Chính phủ),
completed from the title's prefix ("Bộ trưởng Công Thương" -> Bộ Công Thương), or written as one
word with it ("Tỉnh ủy viên"). Status words before a title ("nguyên", "cựu", "khi đó là") make the
post former, "Quyền" makes it acting; "được bầu làm" / "được bổ nhiệm" make the new post elected or
appointed and the holder's old post in the same body former.

:func:`read_positions` returns every title it saw, with what became of it (:class:`TitleMention`),
so that ``govkg explain`` can say why a title gave no fact. It is a pure function of the sentence.

>>> [(p.person, p.title.title, p.body.core if p.body else p.title.body)
...  for p in find_positions("Đại tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an phát biểu")]
[('Tô Lâm', 'Ủy viên', 'Bộ Chính trị'), ('Tô Lâm', 'Bộ trưởng', 'Bộ Công an')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from govkg.loaders.agencies import AgencyMention, parse_agency
from govkg.loaders.names import NameMention, find_names, honorific_before
from govkg.text import LOWER, UPPER, lower, trie_pattern
from govkg.vocab import derived, vocab

_WB = r"(?![\wÀ-ỹ])"

# Why a title gave no post (TitleMention.reason); None when it gave one.
NO_HOLDER = "no holder named"
NO_BODY = "no body written or implied"
FOREIGN = "a foreign post"
WRONG_BODY = "not a body this title belongs to"
GENERIC = "a class of bodies, not one"
NOT_HOLDER = "the holder's assistant or relative"
AFTER_NAME = "a bare title after a name (another person's)"
OTHER_PERSON = "the post of another person in the chain"
OTHER_BODY = "a body govkg does not record (a company, an association, a school, a federation ...)"


@dataclass(frozen=True)
class Title:
    """A title as a post reads it: ``title`` is what is shown ("Phó Trưởng ban", "Quyền Bộ trưởng")."""

    title: str
    rank: str  # head, deputy, member
    body: str | None = None  # implied body ("Chính phủ")
    prefix: str | None = None  # word a dropped body name starts with ("Bộ")
    needs_body: bool = False
    alone: bool = False  # holds no other state post in the same chain (Thủ tướng)
    bodies: tuple[str, ...] = ()  # the only kinds (or national names) of body it may have
    plural: bool = True  # a list of holders may share it
    foreign: bool = False  # a title only other countries have


@dataclass
class Segment:
    """One "title [body]" piece of a chain."""

    title: Title
    status: str
    start: int
    end: int
    body: AgencyMention | None = None
    marked: bool = False  # opened by a status word ("khi đó là", "nguyên")
    reason: str | None = None  # why it cannot be a post, whoever holds it
    delegation: str | None = None  # a deputy's delegation as written ("tỉnh Quảng Trị", "đoàn Hà Nội")


@dataclass
class PositionMention:
    """A person said to hold a post, in one sentence."""

    person: str
    person_start: int
    title: Title
    status: str
    body: AgencyMention | None  # None when the title implies its body (title.body)
    chain: list[Segment] = field(default_factory=list)  # the chain it came in (places fill across it)
    honorific: str | None = None
    ranks: tuple[str, ...] = ()
    direct: bool = True  # the segment stands right beside the name (not carried by a chain)
    segment: Segment | None = None
    known_surname: bool = True
    how: str = "after"  # where the name stands: after the chain, before it, after a comma, in a list


@dataclass
class TitleMention:
    """A title seen in a sentence and what became of it: a post (``reason`` None) or why not."""

    start: int
    end: int
    text: str  # the title and its body as written
    title: str
    status: str
    person: str | None = None
    body: str | None = None
    reason: str | None = None


@dataclass
class Reading:
    """What :func:`read_positions` finds in a sentence."""

    positions: list[PositionMention]
    titles: list[TitleMention]


# --------------------------------------------------------------------------------------------
# Vocabulary, compiled


def _title_of(spec) -> Title:
    return Title(spec.name, spec.rank, spec.body, spec.prefix, spec.needs_body, spec.alone, spec.bodies, spec.plural,
                 spec.foreign)


@derived
def _titles() -> tuple[dict[str, Title], dict[str, str], re.Pattern, dict]:
    v = vocab().titles
    titles = {}
    for form, spec in v.specs.items():
        t = _title_of(spec)
        titles[form.lower()] = t
        titles[(form[0].lower() + form[1:]).lower()] = t
    compounds = {c.form.lower(): c for c in v.compounds.values()}
    alt = trie_pattern(set(titles) | set(compounds))
    st = trie_pattern({w.lower() for w in v.status_markers})
    # matched against the lower-cased sentence (same offsets): far faster than re.IGNORECASE
    pattern = re.compile(
        rf"(?<![\wÀ-ỹ])(?:(?P<status>{st})\s+)?(?P<title>{alt})(?P<standing>\s+thường trực)?{_WB}"
    )
    statuses = {w.lower(): s for w, s in v.status_markers.items()}
    return titles, statuses, pattern, compounds


@derived
def anchor_words() -> frozenset[str]:
    """The few words every title contains one of ("chủ tịch", "trưởng", "ủy viên", "tuv" ...),
    computed from the titles: a sentence with none of them states no post."""
    v = vocab().titles
    anchors: set[str] = set()
    for form in sorted({f.lower() for f in (*v.specs, *v.compounds)}, key=len):
        if not any(a in form for a in anchors):
            anchors.add(form)
    return frozenset(anchors)


@derived
def _anchors() -> re.Pattern:
    return re.compile(trie_pattern(anchor_words()))


@derived
def _countries() -> re.Pattern:
    f = vocab().foreign
    # the names as a trie (longest first, as the names sorted by length, but each tried in one pass)
    alt = trie_pattern({*f.countries, *f.places})
    forms = "|".join(re.escape(c) for c in sorted(f.state_forms, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"\s*(?:nước\s+)?(?:(?:{forms})\s+)*(?:{alt}){_WB}")


@derived
def _connectors() -> dict[str, re.Pattern]:
    t = vocab().titles
    n = vocab().names

    def alt(words):
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    ranks = alt(n.ranks)
    trans = alt(t.transitions)
    return {
        # between the pieces of one chain
        "join": re.compile(rf"\s*(?:[,;]\s*)?(?:(?:{alt(t.joiners)})\s*)?(?:,\s*)?$|\s*[-–—]\s*$"),
        # between a name and the chain after it
        "name_then_chain": re.compile(rf"\s*(?:,|-|–|—|\(|:|\s(?:{alt(t.name_then_chain)}))\s*$"),
        # between a chain and the name after it
        "chain_then_name": re.compile(rf"\s*(?:[,:]\s*|\s?[-–]\s?)?(?:(?:{ranks})\.?\s+)?(?:(?:ông|bà|đồng chí|Ông|Bà|Đồng chí)\s+)?$"),
        "owned_by": re.compile(rf"(?<![\wÀ-ỹ])(?:{alt(t.owned_by)})\s+$", re.IGNORECASE),
        "not_holder": re.compile(rf"(?<![\wÀ-ỹ])(?:{alt(t.not_a_holder)})\s+$", re.IGNORECASE),
        "plural": re.compile(rf"(?<![\wÀ-ỹ])(?:{alt(t.plural_markers)})(?:\s+đồng chí)?\s+$", re.IGNORECASE),
        "transition": re.compile(rf"\s*,?\s*(?:đã\s+|vừa\s+|chính thức\s+)*(?P<verb>{trans})\s*$"),
        "status_after": re.compile(rf"^\s*,?\s*(?:đã\s+|vừa\s+)?(?:{alt(t.status_after)}){_WB}"),
        # "bổ nhiệm chức vụ <post> đối với / cho ông X": the post is X's
        "appointment": re.compile(r"(?:bổ nhiệm|giữ|chức vụ|chức danh|nhận)\s*(?:chức vụ\s*|chức\s*)?$", re.IGNORECASE),
        "appointed_to": re.compile(r"\s*(?:đối với|cho)\s+(?:ông|bà|đồng chí|Ông|Bà|Đồng chí)\s+$"),
        "list_next": re.compile(r"\s*(?:,\s*(?:và\s+)?|;\s*|\s+và\s+|\s+cùng\s+)(?:(?:ông|bà|đồng chí)\s+)?$"),
    }


_CLOSE = re.compile(r"\s*\)")
_OPEN = re.compile(r"\s*\(")
_GLUED = re.compile(rf"[{LOWER}]([{UPPER}][{LOWER}]+) $")
_YOUTH_OR_PARTY = re.compile(r"\s*(?:ủy|uỷ|đoàn|Đoàn)\b")
_AT_PLACE = re.compile(r"(?:\btại|\bở|bên cạnh)\s+$")
_COLLECTIVE = re.compile(r"(?<![\wÀ-ỹ])(?:trước|với|cho|của|các|những|nhiều|cùng|và|gửi|tới|đến|mời)\s+$")
_WINDOW = 240  # a body's name is read from at most this many characters after its title
_TERM = re.compile(r"\s+(?:khóa|khoá|nhiệm kỳ)\s+(?:[IVXLC]+|\d+)" + _WB + r"(?:\s*\(\s*\d{4}\s*[-–]\s*\d{4}\s*\))?")
_DELEGATION = re.compile(r"\s*(?:\(\s*)?(?:[Đđ]oàn\s+)?(?=(?:tỉnh|thành phố|Thành phố|TP|Tp)[\s.]|[A-ZĐ])")


# --------------------------------------------------------------------------------------------
# The recogniser


def find_positions(sentence: str) -> list[PositionMention]:
    """Every (person, post) stated in one sentence.

    >>> [(p.person, p.title.title) for p in find_positions("Chủ tịch nước Trần Đại Quang tiếp đoàn")]
    [('Trần Đại Quang', 'Chủ tịch nước')]
    >>> [(p.person, p.body.core) for p in find_positions("Thứ trưởng Bộ Y tế Nguyễn Viết Tiến và Lê Quang Cường dự họp")]
    [('Nguyễn Viết Tiến', 'Bộ Y tế'), ('Lê Quang Cường', 'Bộ Y tế')]
    >>> [p.person for p in find_positions("các Phó Chủ tịch UBND tỉnh: Nguyễn Văn Sơn, Trần Thị Hà dự")]
    ['Nguyễn Văn Sơn', 'Trần Thị Hà']
    >>> [(p.title.title, p.body.core) for p in find_positions("Đồng chí Nguyễn Văn Viện - TUV – Bí thư Huyện ủy")]
    [('Ủy viên', 'Tỉnh ủy'), ('Bí thư', 'Huyện ủy')]
    >>> [(p.person, p.title.title, p.body.core) for p in find_positions("Đại sứ Việt Nam tại Hoa Kỳ Phạm Quang Vinh")]
    [('Phạm Quang Vinh', 'Đại sứ', 'Đại sứ quán Việt Nam tại Hoa Kỳ')]
    >>> [(p.title.title, p.status) for p in find_positions("quyền Bộ trưởng Công Thương Lê Mạnh Hùng")]
    [('Quyền Bộ trưởng', 'acting')]
    >>> find_positions("Trợ lý Bộ trưởng Bộ Y tế Nguyễn Văn An cho biết")
    []
    """
    return read_positions(sentence).positions


def read_positions(sentence: str) -> Reading:
    """The posts a sentence states, and every title it names with what became of it.

    >>> r = read_positions("Thủ tướng Nhật Bản Shinzo Abe hội đàm với Thủ tướng Nguyễn Xuân Phúc")
    >>> [(t.title, t.person, t.reason) for t in r.titles]
    [('Thủ tướng', None, 'a foreign post'), ('Thủ tướng', 'Nguyễn Xuân Phúc', None)]
    """
    if not _anchors().search(lower(sentence)):
        return Reading([], [])  # no word any title contains: the common case, decided by one small pattern
    segments = _segments(sentence)
    if not segments:
        return Reading([], [])
    chains = _chains(sentence, segments)
    for chain in chains:
        # "Bí thư Tỉnh ủy, Tỉnh trưởng tỉnh Luông Nậm Thà (Lào)": a foreign official's chain
        if any(seg.title.foreign for seg in chain) or _countries_in_brackets().match(sentence, chain[-1].end):
            for seg in chain:
                seg.reason = seg.reason or FOREIGN
    masked = _mask(sentence, segments)
    full = [nm for nm in find_names(masked) if not _not_a_person(masked, nm.start)]
    shorts = _short_names(masked, full)
    names = sorted(full + shorts, key=lambda nm: nm.start)
    c = _connectors()
    holders: list[list[tuple[NameMention, str]]] = []
    linked: dict[int, list[Segment]] = {}  # chain index -> the chain it continues (a transition)
    for i, chain in enumerate(chains):
        found: list[tuple[NameMention, str]] = []
        if chain[0].reason is None and not c["not_holder"].search(sentence[max(0, chain[0].start - 20):chain[0].start]):
            nm, how = _holder(sentence, chain, full)
            if nm is None and shorts:
                nm, how = _holder(sentence, chain, names)  # "Thứ trưởng Nghĩa": only when no full name holds it
            if nm is not None:
                found = [(nm, how)]
                if how == "after":
                    found += [(x, "list") for x in _more_holders(sentence, chain, nm, names, segments)]
            elif i > 0 and holders[i - 1] and c["transition"].match(sentence[chains[i - 1][-1].end:chain[0].start]):
                # "ông A, Phó Chủ tịch UBND tỉnh, được bầu làm Chủ tịch UBND tỉnh": the same holder
                verb = c["transition"].match(sentence[chains[i - 1][-1].end:chain[0].start]).group("verb")
                _transition(chains[i - 1], chain, vocab().titles.transitions[verb])
                found = [(holders[i - 1][0][0], "before")]
                linked[i] = chains[i - 1]
                linked[i - 1] = chain
        elif chain[0].reason is None:
            for seg in chain:
                seg.reason = NOT_HOLDER
        holders.append(found)
    _distribute(sentence, chains, holders)
    out: list[PositionMention] = []
    titles: list[TitleMention] = []
    reported: dict[int, TitleMention] = {}
    for i, (chain, found) in enumerate(zip(chains, holders)):
        for seg in chain:
            t = TitleMention(seg.start, seg.end, sentence[seg.start:seg.end], seg.title.title, seg.status,
                             body=seg.body.text if seg.body is not None else None, reason=seg.reason)
            if seg.reason is None and not found:
                t.reason = NO_HOLDER
            reported[id(seg)] = t
            titles.append(t)
        for nm, how in found:
            out.extend(_posts(sentence, chain, nm, how, reported, linked.get(i, [])))
    titles.sort(key=lambda t: t.start)
    return Reading(out, titles)


def _segments(sentence: str) -> list[Segment]:
    low = lower(sentence)
    lookup, statuses, pattern, compounds = _titles()
    segments: list[Segment] = []
    pos = 0
    not_titles = _not_title_index()
    glued_at = _glued_titles(sentence, low, pattern)
    while True:
        m = glued_at.pop(0) if glued_at and glued_at[0].start() >= pos and (
            (nxt := pattern.search(low, pos)) is None or glued_at[0].start() < nxt.start()) else pattern.search(low, pos)
        while glued_at and glued_at[0].start() < pos:
            glued_at.pop(0)
        if m is None:
            break
        at = m.start("title")
        if any(low.startswith(last, at) and any(_inside_phrase(low, at, p) for p in phrases)
               for last, phrases in not_titles.items()):
            pos = at + 1  # "chức vụ Trưởng đoàn": "vụ" ends another word, no "Vụ trưởng" here
            continue
        if _inside_body_name(sentence, at):
            pos = at + 1  # "Ban Bí thư Trung ương Đảng": a body's name, not the title "Bí thư"
            continue
        written = m.group("title")
        status = statuses.get((m.group("status") or "").lower(), "current")
        glued = _GLUED.search(sentence, max(0, at - 12), at)
        if glued and f"{glued.group(1).lower()} {written}" in lookup and not m.group("status"):
            # "...trênPhó Bí thư Thành ủy": a word glued on before the title; the title is "Phó Bí thư"
            written = f"{glued.group(1).lower()} {written}"
        if written in compounds:
            seg = _compound(sentence, m, compounds[written], status)
            segments.append(seg)
            pos = seg.end
            continue
        title = lookup[written]
        if m.group("standing"):
            title = replace(title, title=f"{title.title} Thường trực")
        if status == "acting":
            title = replace(title, title=f"Quyền {title.title[0].lower()}{title.title[1:]}"
                            if title.title.startswith("Phó") else f"Quyền {title.title}")
        seg = Segment(title, status, glued.start(1) if glued and written.startswith(glued.group(1).lower() + " ")
                      else m.start(), m.end(), marked=bool(m.group("status")))
        if _countries().match(sentence, m.end()):
            seg.reason = FOREIGN  # "Thủ tướng Nhật Bản Shinzo Abe"
            segments.append(seg)
            pos = m.end()
            continue
        seg.body = _body_after(sentence, m.end(), title)
        if seg.body is not None and title.prefix and not seg.body.core.startswith(title.prefix) and \
                not seg.body.text.lower().startswith(title.prefix.lower()):
            seg.body = None  # "Phó trưởng phòng Cục X" heads a division, not Cục X
        if seg.body is not None and title.body and seg.body.kind == "national" and title.body.endswith(seg.body.core) \
                and title.body != seg.body.core:
            seg.body = replace(seg.body, core=title.body)  # "Tổng Thanh tra Chính phủ" is of Thanh tra Chính phủ
        if title.title == "Đại biểu" and _COLLECTIVE.search(low[max(0, m.start() - 12):m.start()]):
            seg.reason = NO_HOLDER  # "trả lời chất vấn trước đại biểu Quốc hội": the deputies, as a body
        if seg.body is not None and title.bodies and not _allowed(seg.body, title):
            seg.body = None
            seg.reason = WRONG_BODY  # "Thường trực HĐND": not the standing member of the Secretariat
        if seg.body is not None:
            seg.end = seg.body.end
            if seg.body.generic:
                seg.reason = GENERIC
            elif _countries().match(sentence, seg.end):
                seg.reason = FOREIGN  # "Bộ trưởng Quốc phòng Mỹ"
            seg.end = _after_body(sentence, seg)
        elif seg.reason is None:
            other = _other_body().match(sentence, m.end())
            if other:  # "Phó Chủ tịch Liên đoàn bóng chuyền Việt Nam": a body govkg does not record
                seg.end = other.end()
                seg.reason = OTHER_BODY
        segments.append(seg)
        pos = seg.end
    return segments


@derived
def _other_body() -> re.Pattern:
    """A company, an association, a school, a hospital, a federation ... after a title: not a
    state or party body, but a name the chain of titles runs through ("..., Phó Chủ tịch Liên
    đoàn bóng chuyền Việt Nam, ông Trần Đức Phấn")."""
    heads = vocab().agencies.raw.get("other_bodies", {}).get("heads", [])
    alt = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"\s+(?:{alt})(?![\wÀ-ỹ])[^,;:()\[\]“”\"–—]{{0,80}}?(?=\s*(?:[,;:()\[\]“”\"–—]|\s-\s|$))")


_CAMEL = re.compile(rf"[{UPPER}](?<=[{LOWER}].)")  # a capital right after a small letter (scanned for capitals)


def _glued_titles(sentence: str, low: str, pattern: re.Pattern) -> list[re.Match]:
    """ "Ông Nguyễn Văn TámPhó giám đốc Sở GTVT": a capitalised title glued to the word before it
    (crawled text drops the space where a line broke). The title pattern's own boundary test
    misses it; these are read too."""
    out = []
    for m in _CAMEL.finditer(sentence):
        hit = _glued_pattern().match(low, m.start())
        if hit is not None:
            out.append(hit)
    return out


@derived
def _glued_pattern() -> re.Pattern:
    """The title pattern without its word-boundary test before the title (and no status words)."""
    lookup, _, _, compounds = _titles()
    alt = trie_pattern(set(lookup) | set(compounds))
    return re.compile(rf"(?P<status>(?!))?(?P<title>{alt})(?P<standing>\s+thường trực)?{_WB}")


def _inside_body_name(sentence: str, at: int) -> bool:
    """Whether the title at ``at`` is a word of a national body's name begun by the word before it."""
    from govkg.loaders.agencies import _patterns

    prev = _PREV_WORD.search(sentence[max(0, at - 16):at])
    if prev is None:
        return False
    start = at - len(sentence[max(0, at - 16):at]) + prev.start(1)
    m = _patterns()["national"].match(sentence, start)
    return m is not None and m.end() > at


@derived
def _not_title_index() -> dict[str, tuple[str, ...]]:
    """The phrases of data/titles.toml [chains] not_titles, by their last word."""
    out: dict[str, list[str]] = {}
    for p in vocab().titles.not_titles:
        out.setdefault(p.rpartition(" ")[2], []).append(p)
    return {k: tuple(v) for k, v in out.items()}


@derived
def _rank_before() -> re.Pattern:
    alt = "|".join(re.escape(r) for r in vocab().names.ranks)  # longest first
    return re.compile(rf"(?<![\wÀ-ỹ])({alt})\.?\s+(?:(?:ông|bà|đồng chí)\s+)?$")


def _inside_phrase(low: str, at: int, phrase: str) -> bool:
    """Whether the word at ``at`` is the last word of ``phrase`` ("chức vụ": "vụ")."""
    first, _, last = phrase.rpartition(" ")
    return bool(first) and low.startswith(last, at) and low[max(0, at - len(first) - 1):at] == first + " "


def _allowed(body: AgencyMention, title: Title) -> bool:
    return body.kind in title.bodies or body.core in title.bodies


def _compound(sentence: str, m: re.Match, compound, status: str) -> Segment:
    """ "Tỉnh ủy viên", "TUV", "UVTV Tỉnh ủy", "ĐBQH khóa XV": a title and its body in one word."""
    lookup = _titles()[0]
    title = lookup[compound.title.lower()]
    rest = sentence[m.end("title"):m.end("title") + _WINDOW]
    probe = compound.body + rest
    body = parse_agency(probe, 0)
    shift = m.end("title") - len(compound.body)
    if body is not None and body.end > len(compound.body) + 1 and not body.generic:
        body = _shifted(body, shift, sentence, m.start("title"))
    else:
        alone = parse_agency(compound.body, 0)
        body = replace(alone, start=m.start("title"), end=m.end("title"), text=sentence[m.start("title"):m.end("title")],
                       parent=None if alone is None or alone.parent is None else
                       replace(alone.parent, start=m.start("title"), end=m.end("title"))) if alone else None
    seg = Segment(title, status, m.start(), m.end(), body, marked=bool(m.group("status")))
    if body is None:
        seg.reason = NO_BODY
    else:
        seg.end = max(m.end(), body.end)
        seg.end = _after_body(sentence, seg)
    return seg


def _after_body(sentence: str, seg: Segment) -> int:
    """Where a segment ends: after its body, a term ("khóa XV") and, for a deputy, the delegation
    ("Đại biểu Quốc hội tỉnh Quảng Trị", "ĐBQH Lê Thanh Vân (Cà Mau)" is read by the holder)."""
    end = seg.end
    t = _TERM.match(sentence, end)
    if t:
        end = t.end()
    if seg.title.title == "Đại biểu" and seg.body is not None and seg.body.core == "Quốc hội":
        from govkg.loaders.gazetteer import match_place

        d = _DELEGATION.match(sentence, end)
        if d:
            hit = match_place(sentence, d.end())
            if hit is not None and hit[0].level == "province":
                seg.delegation = hit[0].name
                end = hit[1]
                if sentence[d.start():d.end()].strip().startswith("("):
                    close = _CLOSE.match(sentence, end)
                    end = close.end() if close else end
    return end


def _body_after(sentence: str, pos: int, title: Title) -> AgencyMention | None:
    window = sentence[pos:pos + _WINDOW]
    rest = window.lstrip()
    if title.prefix and not rest.lower().startswith(title.prefix.lower()):
        # "Bộ trưởng Công Thương" -> "Bộ Công Thương"; "Trưởng Ban Chỉ đạo" -> "Ban Chỉ đạo"
        probe = f"{title.prefix} {rest}"
        body = parse_agency(probe, 0)
        if body is not None and body.end > len(title.prefix) + 1:
            at = pos + len(window) - len(rest)  # where the body's words start in the sentence
            shift = at - len(title.prefix) - 1
            return _shifted(body, shift, sentence, at)
    return parse_agency(sentence, pos) or _colloquial_body(sentence, pos, title)


def _shifted(body: AgencyMention, shift: int, sentence: str, start: int) -> AgencyMention:
    """A body parsed from a probe, moved back to the sentence's offsets (it starts at ``start``)."""

    def move(a: AgencyMention | None) -> AgencyMention | None:
        if a is None:
            return None
        s = max(start, a.start + shift)
        return replace(a, start=s, end=max(s, a.end + shift), text=sentence[s:max(s, a.end + shift)],
                       parent=move(a.parent), part_of=move(a.part_of))

    return move(body)


_PARTY_BY_LEVEL = {"thành phố": ("thanh_uy", "Thành ủy"), "TP": ("thanh_uy", "Thành ủy"), "Tp": ("thanh_uy", "Thành ủy"),
                   "tỉnh": ("tinh_uy", "Tỉnh ủy"), "quận": ("quan_uy", "Quận ủy"), "huyện": ("huyen_uy", "Huyện ủy"),
                   "thị xã": ("thi_uy", "Thị ủy"), "phường": ("dang_uy", "Đảng ủy"), "xã": ("dang_uy", "Đảng ủy"),
                   "thị trấn": ("dang_uy", "Đảng ủy")}


def _colloquial_body(sentence: str, pos: int, title: Title) -> AgencyMention | None:
    """ "Bí thư Đà Nẵng", "Chủ tịch Hà Nội", "Chủ tịch TP", "Bí thư huyện Sóc Sơn": a party secretary
    or a chairman named with a place is of its party committee or its People's Committee."""
    from govkg.loaders.agencies import _place_after

    base = title.title.removeprefix("Quyền ").removeprefix("Phó ").removesuffix(" Thường trực")
    if base not in ("Bí thư", "Chủ tịch", "chủ tịch"):
        return None
    window = sentence[pos:pos + _WINDOW]
    start = pos + len(window) - len(window.lstrip())
    place, word, end = _place_after(sentence, pos, "ubnd")
    if place is None and word in (None, "?"):
        return None
    if word is not None and place is None and _YOUTH_OR_PARTY.match(sentence, end):
        return None  # "Bí thư Tỉnh đoàn": the Youth Union, read as its own body
    if place is not None and place.name == "Hồ Chí Minh" and "Hồ Chí Minh" in sentence[start:start + 12]:
        return None  # "Chủ tịch Hồ Chí Minh" is the President, not the city's chairman (that is "TP Hồ Chí Minh")
    if base.lower() == "chủ tịch":
        kind, core, branch = "ubnd", "UBND", "state"
    else:
        level = place.kind if place is not None else word
        if place is not None and place.level == "province":
            level = place.kind
        if level not in _PARTY_BY_LEVEL:
            return None
        (kind, core), branch = _PARTY_BY_LEVEL[level], "party"
    return AgencyMention(kind, start, end, sentence[start:end], core, place=place, place_word=word,
                         branch=branch, qualifiers=("colloquial",))


def _chains(sentence: str, segments: list[Segment]) -> list[list[Segment]]:
    join = _connectors()["join"]
    chains = [[segments[0]]]
    for seg in segments[1:]:
        prev = chains[-1][-1]
        gap = sentence[prev.end:seg.start]
        collective = prev.title.title == "Đại biểu" and sentence[prev.start:prev.start + 1].islower()
        named = any(c.isupper() for c in gap) and find_names(gap)  # a gap without a capital names nobody
        if join.match(gap) and not named and prev.reason != FOREIGN and not collective:
            # "nguyên Bí thư Thành ủy, Chủ tịch HĐND": a former marker covers the chain that follows,
            # until "hiện là" says otherwise
            if seg.status == "current" and prev.status == "former" and "hiện" not in gap:
                seg.status = "former"
            chains[-1].append(seg)
        else:
            chains.append([seg])
    return chains


def _mask(sentence: str, segments: list[Segment]) -> str:
    """The sentence with titles and bodies blotted out, so a name is never read inside a body."""
    chars = list(sentence)
    for seg in segments:
        for i in range(seg.start, seg.end):
            chars[i] = "·"
    return "".join(chars)


_PREV_WORD = re.compile(r"([\w.]+)\s+$")
# a person named by the last word of the name only, where a clause goes on after it ("Thứ trưởng
# Nghĩa cho biết", "ông Hùng là"): not "Phó Chủ tịch Liên đoàn ..." ("Liên" opens a noun)
_SHORT = re.compile(rf"(?:(?<=\bông )|(?<=\bbà )|(?<=\bÔng )|(?<=\bBà )|(?<=·\s))([{UPPER}][{LOWER}]+)(?![\w])"
                    r"(?=\s*(?:[,.;:!?)”\"]|$)|\s(?:là|cho|nói|nhấn|khẳng|yêu|đề|chỉ|phát|cũng|đã|đang|sẽ|vừa|thì|"
                    r"và|trả|chia|thông|giải|cho rằng|bày|nêu|kể|tiếp|đánh|ký|trao|dẫn|chủ trì|làm|được|bị)\b)")


def _short_names(masked: str, names: list[NameMention]) -> list[NameMention]:
    """ "Thứ trưởng Nghĩa", "ông Hùng là Thị ủy viên": a person named by the last word of the name
    only (``known_surname`` False, one word); the article tells who, or nobody."""
    from govkg.loaders.names import _is_given

    taken = [(nm.start, nm.end) for nm in names]
    out = []
    for m in _SHORT.finditer(masked):
        word = m.group(1)
        if any(a <= m.start(1) < b for a, b in taken) or not _is_given(word) or word in vocab().names.stop_words:
            continue
        out.append(NameMention(word, m.start(1), m.end(1), False))
    return out


@derived
def _before_name_ok() -> frozenset[str]:
    n = vocab().names
    return frozenset(w.split()[-1] for w in n.ranks) | {"Ông", "Bà", "Anh", "Chị", "Đồng", "Chí", "Ngài"}


@derived
def _place_nouns() -> re.Pattern:
    words = vocab().names.not_after
    alt = trie_pattern(words) if words else "(?!)"
    return re.compile(rf"(?<![\wÀ-ỹ])(?:{alt})\s+$", re.IGNORECASE)


def _not_a_person(masked: str, start: int) -> bool:
    """ "Tân Sơn Nhất": a name that a capitalised word runs into is part of a longer proper noun;
    "giáo xứ Kim Hòa", "đường Lê Lợi": a name after a place noun is a place."""
    window = masked[max(0, start - 24):start]
    if _place_nouns().search(window):
        return True
    m = _PREV_WORD.search(window)
    if m is None:
        return False
    word = m.group(1)
    return word[:1].isupper() and word not in _before_name_ok() and not word.endswith(".")


def _holder(sentence: str, chain: list[Segment], names: list[NameMention]) -> tuple[NameMention | None, str]:
    """Whose chain it is. A name right after the titles holds them ("Chủ tịch UBND TP Nguyễn Văn A");
    else a name right before ("Nguyễn Văn A, Chủ tịch UBND TP"); else a name after a comma
    ("Bộ trưởng Bộ Công an, Thượng tướng Tô Lâm")."""
    c = _connectors()
    start, end = chain[0].start, chain[-1].end
    starts = _starts(names)  # names are in order, and do not overlap
    i = bisect_left(starts, end)
    after = names[i] if i < len(names) else None
    j = bisect_left(starts, start) - 1
    while j >= 0 and names[j].end > start:
        j -= 1
    before = names[j] if j >= 0 else None
    gap_after = sentence[end:after.start] if after is not None else None
    if gap_after is not None and c["chain_then_name"].match(gap_after) and "," not in gap_after:
        return after, "after"
    if gap_after is not None and c["appointed_to"].match(gap_after) and \
            c["appointment"].search(sentence, max(0, start - 40), start):
        return after, "after"  # "bổ nhiệm chức vụ Chánh án TAND huyện đối với đồng chí Phan Văn Lương"
    gap_before = sentence[before.end:start] if before is not None else None
    if gap_before is not None and (c["name_then_chain"].match(gap_before) or
                                   (chain[0].marked or _glued_to_word(sentence, start)) and not gap_before.strip()):
        return before, "before"  # "Nguyễn Văn A, Chủ tịch ..."; "Nguyễn Xuân Phúc khi đó là Phó Thủ tướng"
    if gap_after is not None and c["chain_then_name"].match(gap_after) and \
            not c["owned_by"].search(sentence, max(0, start - 24), start):
        return after, "comma"  # "Bộ trưởng Bộ Công an, Thượng tướng Tô Lâm"
    return None, ""


_STARTS: dict[int, tuple[list, list[int]]] = {}


def _starts(items: list) -> list[int]:
    """The start offsets of a sentence's names or segments, computed once per list."""
    hit = _STARTS.get(id(items))
    if hit is None or hit[0] is not items:
        if len(_STARTS) > 64:
            _STARTS.clear()
        hit = _STARTS[id(items)] = (items, [x.start for x in items])
    return hit[1]


def _glued_to_word(sentence: str, at: int) -> bool:
    """ "Nguyễn Văn TámPhó giám đốc": a title glued to the name before it."""
    return at > 0 and sentence[at - 1].isalpha() and sentence[at - 1].islower() and sentence[at].isupper()


def _more_holders(sentence: str, chain: list[Segment], first: NameMention, names: list[NameMention],
                  segments: list[Segment]) -> list[NameMention]:
    """ "Thứ trưởng A và B", "các Phó Chủ tịch UBND tỉnh: A, B, C": the other names sharing the chain.
    Only titles several people can hold at once (deputies, members), or a list the sentence marks
    ("các ...", a colon); a name that has its own title after it is not in the list."""
    c = _connectors()
    marked = bool(c["plural"].search(sentence[max(0, chain[0].start - 16):chain[0].start])) or \
        sentence[chain[-1].end:first.start].strip().startswith(":")
    if not marked and not all(seg.title.plural for seg in chain):
        return []
    out = []
    last = first
    seg_starts = _starts(segments)
    k = bisect_left(_starts(names), first.start) + 1
    for nm in names[k:]:
        gap = sentence[last.end:nm.start]
        if not c["list_next"].match(gap) or "·" in gap:
            break
        i = bisect_left(seg_starts, nm.end)
        seg = segments[i] if i < len(segments) else None
        if seg is not None and c["name_then_chain"].match(sentence[nm.end:seg.start]) and seg not in chain:
            break  # "Thứ trưởng A và B, Giám đốc Sở X": B has a post of his own
        if _OPEN.match(sentence, nm.end) and not marked:
            break  # "A và B (Giám đốc ...)"
        out.append(nm)
        last = nm
    return out


def _distribute(sentence: str, chains: list[list[Segment]], holders: list[list]) -> None:
    """ "các đồng chí Ủy viên Bộ Chính trị: Chủ tịch Quốc hội A; Thủ tướng B": a chain ending in a
    colon, with no holder of its own, is held by each holder of the chains listed after it."""
    c = _connectors()
    for i, chain in enumerate(chains):
        if holders[i] or chain[0].reason is not None:
            continue
        tail = sentence[chain[-1].end:chain[-1].end + 3]
        if not tail.lstrip().startswith(":"):
            continue
        if not c["plural"].search(sentence[max(0, chain[0].start - 20):chain[0].start]):
            continue
        for j in range(i + 1, len(chains)):
            for nm, how in holders[j]:
                holders[i].append((nm, "list"))


def _transition(old: list[Segment], new: list[Segment], status: str) -> None:
    """ "ông A, Phó Chủ tịch UBND tỉnh, được bầu làm Chủ tịch UBND tỉnh": the new post is elected or
    appointed; the old post in the same body is former."""
    new_bodies = {(s.body.core, s.body.place, s.body.place_word) for s in new if s.body is not None}
    for s in new:
        if not s.marked:
            s.status = status
    for s in old:
        if s.body is not None and (s.body.core, s.body.place, s.body.place_word) in new_bodies and s.status == "current":
            s.status = "former"


def _posts(sentence: str, chain: list[Segment], nm: NameMention, how: str,
           reported: dict[int, TitleMention], linked: list[Segment] = ()) -> list[PositionMention]:
    c = _connectors()
    rank = _rank_before().search(sentence, max(0, nm.start - 20), nm.start)
    ranks = (rank.group(1),) if rank else ()
    near = chain[-1] if nm.start >= chain[-1].end else chain[0]
    others = [seg for seg in chain if seg.title.rank != "member" and not seg.title.alone]
    written = [seg for seg in chain if seg.body is not None]
    ended = how == "before" and c["status_after"].match(sentence[chain[-1].end:chain[-1].end + 40])
    out = []
    for seg in chain:
        t = reported.get(id(seg))
        if seg.reason is not None:
            continue
        if seg.body is None and seg.title.body is None:
            if _may_be_told_later(sentence, seg, nm, how, len(chain), chain):
                # "Thứ trưởng Huỳnh Vĩnh Ái", "đại biểu Nguyễn Bá Thuyền (Lâm Đồng)": the article may tell
                out.append(PositionMention(nm.name, nm.start, seg.title, seg.status, None, chain,
                                           honorific_before(sentence, nm.start), ranks[:1], True, seg,
                                           nm.known_surname, how))
                if t is not None and t.person is None:
                    t.person = nm.name
                continue
            if t is not None and t.reason is None:
                t.reason = NO_BODY
            continue
        if seg.body is None and how == "before" and not (len(chain) > 1 and written):
            # "Trịnh Xuân Thanh, Tổng Bí thư nhấn mạnh": after a name, an implied body alone is not his post
            if t is not None and t.reason is None:
                t.reason = AFTER_NAME
            continue
        if seg.title.alone and others and seg is not near:
            if t is not None and t.reason is None:
                t.reason = OTHER_PERSON  # "của Thủ tướng, Bộ trưởng, Chủ nhiệm VPCP Mai Tiến Dũng": not his post
            continue
        status = "ended" if ended and seg.status == "current" else seg.status
        out.append(PositionMention(nm.name, nm.start, seg.title, status, seg.body, [*chain, *linked],
                                   honorific_before(sentence, nm.start), ranks[:1], seg is near and how != "list",
                                   seg, nm.known_surname, how))
        if t is not None and t.person is None:
            t.person = nm.name
    return out


def _may_be_told_later(sentence: str, seg: Segment, nm: NameMention, how: str, size: int,
                       chain: list[Segment] = ()) -> bool:
    """A bare title whose body the rest of the article can tell: a minister's or a director's
    ("Thứ trưởng X", "Cục trưởng X": the body the article names), or a deputy named with the
    province of his delegation ("đại biểu Nguyễn Bá Thuyền (Lâm Đồng)")."""
    base = seg.title.title.removeprefix("Phó ").removesuffix(" Thường trực")
    if base == "Bí thư" and any(s.body is not None and s.body.kind in ("ubnd", "hdnd") for s in chain):
        return True  # "Phó Bí thư – CT UBND huyện X": the party committee of that place, told by the article's state
    if how != "after" or size > 1:
        return False
    if seg.title.title == "Đại biểu":
        return not _connectors()["plural"].search(sentence[max(0, seg.start - 16):seg.start])
    return True  # the same person's post named in full elsewhere in the article may tell


# --------------------------------------------------------------------------------------------
# Foreign officials


def foreign_country_at(text: str, name_start: int) -> bool:
    """Whether a foreign country's name stands right before a person's name (after a title).
    A country's name inside a longer place name ("huyện Phù Mỹ") is not one.

    >>> foreign_country_at("Thủ tướng Singapore Lý Hiển Long", 20), foreign_country_at("huyện Phù Mỹ Lê Văn An", 13)
    (True, False)
    >>> foreign_country_at("Đại sứ Việt Nam tại Hoa Kỳ Phạm Quang Vinh", 27)
    False
    """
    window = text[max(0, name_start - 40):name_start]
    m = _countries_before().search(window)
    if m is None:
        return False
    if _AT_PLACE.search(window, 0, m.start()):
        return False  # "Đại sứ Việt Nam tại Hoa Kỳ Phạm Quang Vinh": Vietnam's envoy there
    prev = _PREV_WORD.search(window[: m.start()])
    return prev is None or not prev.group(1)[:1].isupper() or prev.group(1) in _before_name_ok()


@derived
def _countries_in_brackets() -> re.Pattern:
    f = vocab().foreign
    alt = trie_pattern(f.countries)
    return re.compile(rf"(?:\s+[\wÀ-ỹ'’]+){{0,4}}?\s*\((?:nước\s+)?(?:{alt})\)")


@derived
def _countries_before() -> re.Pattern:
    f = vocab().foreign
    alt = trie_pattern({*f.countries, *f.places}, (r"[\wÀ-ỹ]",))  # not inside a word (text.trie_pattern)
    return re.compile(rf"(?:{alt})\s*$")


def known_foreign_people() -> frozenset[str]:
    """Foreign leaders named in Sino-Vietnamese spelling (data/foreign.toml)."""
    return vocab().foreign.people

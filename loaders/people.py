"""People with their title chains, in every order the press writes them:

- name first: "Ông Trần Việt Trường, Phó Bí thư Thành ủy, Chủ tịch UBND TP Cần Thơ";
  "bà Nguyễn Thị Quyết Tâm - Chủ tịch HĐND TP Hồ Chí Minh";
- titles first: "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Phạm Thiện Nghĩa";
  "Giám đốc Sở Xây dựng Hà Nội Võ Nguyên Phong"; "Thủ tướng Nguyễn Xuân Phúc";
- both: "Phó Bí thư Thành ủy, Chủ tịch HĐND TP Nguyễn Ngọc Tuấn - Trưởng Ban Chỉ đạo ...".

A title becomes a post only with a body: written after it, implied by it (Thủ tướng -> Chính phủ),
or completed from the title's prefix ("Bộ trưởng Công Thương" -> Bộ Công Thương). A title before a
foreign country is skipped. Status words before a title ("nguyên", "cựu", "khi đó là") make the
post former; "Quyền" makes it acting.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from govkg.loaders.agencies import AgencyMention, parse_agency
from govkg.loaders.names import NAME, RANK_WORDS, clean_name, honorific_before
from govkg.text import lower, trie_pattern

_WB = r"(?![\wÀ-ỹ])"


@dataclass(frozen=True)
class Title:
    title: str  # canonical ("Phó Trưởng ban Thường trực")
    rank: str  # head, deputy, member
    body: str | None  # implied body ("Chính phủ")
    prefix: str | None  # word a dropped body name starts with ("Bộ")
    needs_body: bool
    alone: bool = False  # holds no other state post in the same chain (Thủ tướng)


@dataclass
class Segment:
    """One "title [body]" piece of a chain."""

    title: Title
    status: str
    start: int
    end: int
    body: AgencyMention | None = None
    marked: bool = False  # opened by a status word ("khi đó là", "nguyên")


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


@lru_cache(maxsize=1)
def _titles() -> tuple[dict[str, Title], dict[str, str], re.Pattern, dict[str, str]]:
    raw = tomllib.loads(resources.files("govkg").joinpath("data/titles.toml").read_text("utf-8"))
    titles: dict[str, Title] = {}
    for name, spec in raw["titles"].items():
        t = Title(name, spec["rank"], spec.get("body"), spec.get("prefix"), spec.get("needs_body", False),
                  spec.get("alone", False))
        titles[name] = t
        for v in spec.get("variants", []):
            titles[v] = t
        if spec["rank"] == "head" and not spec.get("no_deputy"):
            dep = Title(f"Phó {name}", "deputy", t.body, t.prefix, t.needs_body)
            titles[f"Phó {name}"] = dep
            titles[f"Phó {name[0].lower()}{name[1:]}"] = dep
    aliases = raw["aliases"]
    for alias, canon in aliases.items():
        titles[alias] = titles[canon]
    forms = set(titles)
    forms |= {f[0].lower() + f[1:] for f in forms}
    statuses = {}
    for status, words in raw["status_markers"].items():
        for w in words:
            statuses[w] = status
    # matched against the lower-cased sentence (same offsets): far faster than re.IGNORECASE
    alt = trie_pattern({f.lower() for f in forms})
    st = trie_pattern({w.lower() for w in statuses})
    pattern = re.compile(
        rf"(?<![\wÀ-ỹ])(?:(?P<status>{st})\s+)?(?P<title>{alt})(?P<standing>\s+thường trực)?{_WB}"
    )
    lookup = {f.lower(): titles[f] if f in titles else titles[f[0].upper() + f[1:]] for f in forms}
    return lookup, statuses, pattern, aliases


@lru_cache(maxsize=1)
def _countries() -> re.Pattern:
    raw = tomllib.loads(resources.files("govkg").joinpath("data/foreign.toml").read_text("utf-8"))
    alt = "|".join(re.escape(c) for c in sorted(raw["countries"], key=len, reverse=True))
    return re.compile(rf"\s*(?:nước\s+)?(?:{alt}){_WB}")


# What may stand between the segments of one chain, between a name and the chain after it, and
# between a chain and the name after it.
_JOIN = re.compile(r"\s*,?\s*(?:kiêm(?: nhiệm)?|đồng thời là|và hiện (?:nay )?là|hiện là)?\s*$")
_NAME_THEN_CHAIN = re.compile(r"\s*(?:,|-|–|\(|:|\s(?:là|hiện là|đang là))\s*$")
_RANKS = "|".join(re.escape(r) for r in RANK_WORDS)
_CHAIN_THEN_NAME = re.compile(rf"\s*(?:,\s*)?(?:(?:{_RANKS})\.?\s+)?(?:(?:ông|bà|đồng chí)\s+)?$")


# every title contains one of these: a sentence without any has no post (a cheap first test)
_ANCHORS = ("chủ tịch", "bí thư", "thủ tướng", "trưởng", "giám đốc", "chánh", "chủ nhiệm", "tổng thư ký",
            "kiểm toán", "thống đốc", "tư lệnh", "chính ủy", "ủy viên", "thành viên", "thanh tra")


def find_positions(sentence: str) -> list[PositionMention]:
    """Every (person, post) stated in one sentence."""
    low = lower(sentence)
    if not any(a in low for a in _ANCHORS):
        return []
    lookup, statuses, pattern, _ = _titles()
    segments: list[Segment] = []
    pos = 0
    while True:
        m = pattern.search(low, pos)
        if m is None:
            break
        written = m.group("title")
        title = lookup[written]
        if m.group("standing"):
            title = Title(f"{title.title} Thường trực", title.rank, title.body, title.prefix, title.needs_body)
        status = statuses.get((m.group("status") or "").lower(), "current")
        seg = Segment(title, status, m.start(), m.end(), marked=bool(m.group("status")))
        if _countries().match(sentence, m.end()):
            pos = m.end()
            continue
        seg.body = _body_after(sentence, m.end(), title)
        if seg.body is not None and title.prefix and not seg.body.core.startswith(title.prefix):
            seg.body = None  # "Phó trưởng phòng Cục X" heads a division, not Cục X
        if seg.body is not None and title.body and seg.body.kind == "national" and title.body.endswith(seg.body.core) \
                and title.body != seg.body.core:
            seg.body = replace(seg.body, core=title.body)  # "Tổng Thanh tra Chính phủ" is of Thanh tra Chính phủ
        if seg.body is not None:
            seg.end = seg.body.end
            if seg.body.generic or _countries().match(sentence, seg.end):
                pos = seg.end
                continue
        elif title.body is None:
            # a bare title is a post only when it names its body ("Thủ tướng"); keep it in the chain
            # so that a following name is not given a wrong post, but mark it bodiless
            pass
        segments.append(seg)
        pos = seg.end
    if not segments:
        return []
    chains = _chains(sentence, segments)
    masked = _mask(sentence, segments)
    out: list[PositionMention] = []
    names = [nm for nm in NAME.finditer(masked) if "·" not in nm.group(0) and not _inside_proper_noun(masked, nm.start())]
    out: list[PositionMention] = []
    for chain in chains:
        nm, how = _holder(sentence, chain, names)
        if nm is None:
            continue
        name = clean_name(nm.group(0), sentence[nm.end():nm.end() + 12])
        if name is None:
            continue
        ranks = tuple(r for r in RANK_WORDS if sentence[max(0, nm.start() - 16):nm.start()].rstrip().endswith(r))
        near = chain[-1] if nm.start() >= chain[-1].end else chain[0]
        others = [seg for seg in chain if seg.title.rank != "member" and not seg.title.alone]
        for seg in chain:
            if seg.body is None and (seg.title.body is None or how == "before"):
                # "Trịnh Xuân Thanh, Tổng Bí thư nhấn mạnh": after a name, only a written body makes a post
                continue
            if seg.title.alone and others and seg is not near:
                continue  # "của Thủ tướng, Bộ trưởng, Chủ nhiệm VPCP Mai Tiến Dũng": not his post
            out.append(PositionMention(name, nm.start(), seg.title, seg.status, seg.body, chain,
                                       honorific_before(sentence, nm.start()), ranks[:1], seg is near))
    return out


def _holder(sentence: str, chain: list[Segment], names: list[re.Match]) -> tuple[re.Match | None, str]:
    """Whose chain it is. A name right after the titles holds them ("Chủ tịch UBND TP Nguyễn Văn A");
    else a name right before ("Nguyễn Văn A, Chủ tịch UBND TP"); else a name after a comma
    ("Bộ trưởng Bộ Công an, Thượng tướng Tô Lâm")."""
    start, end = chain[0].start, chain[-1].end
    after = next((nm for nm in names if nm.start() >= end), None)
    before = next((nm for nm in reversed(names) if nm.end() <= start), None)
    gap_after = sentence[end:after.start()] if after is not None else None
    if gap_after is not None and _CHAIN_THEN_NAME.match(gap_after) and "," not in gap_after:
        return after, "after"
    gap_before = sentence[before.end():start] if before is not None else None
    if gap_before is not None and (_NAME_THEN_CHAIN.match(gap_before) or chain[0].marked and not gap_before.strip()):
        return before, "before"  # "Nguyễn Văn A, Chủ tịch ..."; "Nguyễn Xuân Phúc khi đó là Phó Thủ tướng"
    if gap_after is not None and _CHAIN_THEN_NAME.match(gap_after) and not _ON_BEHALF.search(sentence[:start]):
        return after, "after"  # "Bộ trưởng Bộ Công an, Thượng tướng Tô Lâm"
    return None, ""


# "thừa ủy quyền của Chủ tịch nước, Thiếu tướng X": a title owned by "của" is not the next name's
_ON_BEHALF = re.compile(r"(?:của|theo|thay mặt|với)\s+$", re.IGNORECASE)
_PREV_WORD = re.compile(r"([\w.]+)\s+$")
_BEFORE_NAME_OK = frozenset(w.split()[-1] for w in RANK_WORDS) | {"Ông", "Bà", "Anh", "Chị", "Đồng", "Chí"}


def _inside_proper_noun(masked: str, start: int) -> bool:
    """ "Tân Sơn Nhất": a name that a capitalised word runs into is part of a longer proper noun."""
    m = _PREV_WORD.search(masked[max(0, start - 24):start])
    if m is None:
        return False
    word = m.group(1)
    return word[:1].isupper() and word not in _BEFORE_NAME_OK and not word.endswith(".")


_PARTY_BY_LEVEL = {"thành phố": ("thanh_uy", "Thành ủy"), "TP": ("thanh_uy", "Thành ủy"), "Tp": ("thanh_uy", "Thành ủy"),
                   "tỉnh": ("tinh_uy", "Tỉnh ủy"), "quận": ("quan_uy", "Quận ủy"), "huyện": ("huyen_uy", "Huyện ủy"),
                   "thị xã": ("thi_uy", "Thị ủy"), "phường": ("dang_uy", "Đảng ủy"), "xã": ("dang_uy", "Đảng ủy"),
                   "thị trấn": ("dang_uy", "Đảng ủy")}


def _colloquial_body(sentence: str, pos: int, title: Title) -> AgencyMention | None:
    """ "Bí thư Đà Nẵng", "Chủ tịch Hà Nội", "Chủ tịch TP", "Bí thư huyện Sóc Sơn": a party secretary
    or a chairman named with a place is of its party committee or its People's Committee."""
    from govkg.loaders.agencies import _place_after

    base = title.title.removeprefix("Phó ").removesuffix(" Thường trực")
    if base not in ("Bí thư", "Chủ tịch"):
        return None
    start = pos + len(sentence[pos:]) - len(sentence[pos:].lstrip())
    place, word, end = _place_after(sentence, pos, "ubnd")
    if place is None and word in (None, "?"):
        return None
    if place is not None and place.name == "Hồ Chí Minh" and "Hồ Chí Minh" in sentence[start:start + 12]:
        return None  # "Chủ tịch Hồ Chí Minh" is the President, not the city's chairman (that is "TP Hồ Chí Minh")
    if base == "Chủ tịch":
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


def _body_after(sentence: str, pos: int, title: Title) -> AgencyMention | None:
    rest = sentence[pos:].lstrip()
    if title.prefix and not rest.startswith(title.prefix):
        # "Bộ trưởng Công Thương" -> "Bộ Công Thương"; "Trưởng Ban Chỉ đạo" -> "Ban Chỉ đạo"
        probe = f"{title.prefix} {rest}"
        body = parse_agency(probe, 0)
        if body is not None and body.end > len(title.prefix) + 1:
            shift = len(sentence) - len(rest) - len(title.prefix) - 1
            return _shifted(body, shift, sentence)
    return parse_agency(sentence, pos) or _colloquial_body(sentence, pos, title)


def _shifted(body: AgencyMention, shift: int, sentence: str) -> AgencyMention:
    from dataclasses import replace

    start = max(0, body.start + shift + len(body.core.split(" ")[0]) + 1) if body.start == 0 else body.start + shift
    parent = _shifted(body.parent, shift, sentence) if body.parent is not None and body.parent.start > 0 else body.parent
    return replace(body, start=start, end=body.end + shift, text=sentence[start:body.end + shift], parent=parent)


def _chains(sentence: str, segments: list[Segment]) -> list[list[Segment]]:
    chains = [[segments[0]]]
    for seg in segments[1:]:
        prev = chains[-1][-1]
        gap = sentence[prev.end:seg.start]
        if _JOIN.match(gap) and not NAME.search(gap):
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


def foreign_country_at(text: str, name_start: int) -> bool:
    """Whether a foreign country's name stands right before a person's name (after a title).
    A country's name inside a longer place name ("huyện Phù Mỹ") is not one."""
    window = text[max(0, name_start - 40):name_start]
    m = _countries_before().search(window)
    if m is None:
        return False
    prev = _PREV_WORD.search(window[: m.start()])
    return prev is None or not prev.group(1)[:1].isupper() or prev.group(1) in _BEFORE_NAME_OK


@lru_cache(maxsize=1)
def _countries_before() -> re.Pattern:
    raw = tomllib.loads(resources.files("govkg").joinpath("data/foreign.toml").read_text("utf-8"))
    alt = "|".join(re.escape(c) for c in sorted(raw["countries"], key=len, reverse=True))
    return re.compile(rf"(?<![\wÀ-ỹ])(?:{alt})\s*$")


@lru_cache(maxsize=1)
def known_foreign_people() -> frozenset[str]:
    """Foreign leaders named in Sino-Vietnamese spelling (data/foreign.toml)."""
    raw = tomllib.loads(resources.files("govkg").joinpath("data/foreign.toml").read_text("utf-8"))
    return frozenset(raw.get("people", []))

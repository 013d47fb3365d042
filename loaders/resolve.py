"""Resolution: turn what an article wrote into the names and keys of the things it means.

- the place an article leaves out: "Thành ủy" in a Cần Thơ article is Thành ủy Cần Thơ; "Chủ tịch
  UBND tỉnh" is of the article's province; a place named elsewhere in the same title chain comes
  first ("Phó Bí thư Thành ủy, Chủ tịch UBND TP Cần Thơ");
- the article's locality: its outlet tag, then the provinces it names (TP Cao Lãnh lies in Đồng Tháp);
- names people write ("UBND TP Cần Thơ") and keys that make one node per body across articles.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from govkg.loaders.agencies import AgencyMention
from govkg.loaders.gazetteer import CITY_PROVINCES, Place, find_places
from govkg.text import key

PARTY_COMMITTEES = {"thanh_uy", "tinh_uy", "quan_uy", "huyen_uy", "thi_uy"}
WITH_PARENT = {"ban_thuong_vu", "ban_dang", "thanh_tra", "van_phong", "dang_uy"}


@dataclass(frozen=True)
class Context:
    """What the article tells about where it is: its province and the city inside it, if any."""

    province: str | None
    city: Place | None = None  # a district-level city the article is about ("TP Cao Lãnh")
    confidence: float = 0.9  # how clearly the article is about that province


@dataclass(frozen=True)
class Body:
    """A body resolved to its name, with what identifies it."""

    name: str
    kind: str
    branch: str
    place: Place | None
    key: str  # identity across articles
    parent: "Body | None" = None
    confidence: float = 1.0


def article_context(text: str, outlet_province: str | None) -> Context:
    """The province an article is about, and the district-level city it is about if one stands out."""
    provinces: Counter = Counter()
    cities: Counter = Counter()
    for _, place in find_places(text):
        if place.level == "province":
            provinces[place.name] += 1
        elif place.province:
            provinces[place.province] += 1
            if place.kind == "thành phố":
                cities[place] += 1
    if outlet_province:
        provinces[outlet_province] += 3
    province, confidence = None, 0.0
    if provinces:
        (top, n), *rest = provinces.most_common(2)
        if not rest or n > rest[0][1]:
            province = top
            share = n / sum(provinces.values())
            confidence = 0.9 if n >= 3 and share >= 0.6 else 0.7
    city = None
    if cities:
        place, _ = cities.most_common(1)[0]
        if place.province == province:
            city = place
    return Context(province, city, confidence)


def resolve_body(m: AgencyMention, chain: list[AgencyMention], ctx: Context) -> Body | None:
    """The body a mention names, with the place filled in; None when it cannot be told."""
    if m.kind == "national":
        return Body(m.core, "national", m.branch, None, key(m.core))
    if m.generic or m.place_word == "?":
        return None  # a class of bodies, or a place named in a way govkg cannot tell
    if m.kind in WITH_PARENT and m.parent is not None:
        parent = resolve_body(m.parent, chain, ctx)
        if parent is None:
            return None
        name = f"{m.core} {parent.name}"
        return Body(name, m.kind, m.branch, parent.place, key(name), parent, parent.confidence)
    if m.place is None and m.place_word is None and _kinds_place(m.kind) == "none":
        return Body(m.core, m.kind, m.branch, None, key(m.core))  # a national body: Bộ, Tổng cục
    if m.kind == "ban_chi_dao" and m.place is None and m.place_word is None:
        chain = []  # a steering committee named by its subject does not borrow a place
    place, confidence = _place_of(m, chain, ctx)
    if m.kind == "ban_chi_dao" and m.place is None and m.place_word is None:
        place = None
    if place is None:
        if m.kind == "ban_chi_dao" and m.place_word is None:
            # a steering committee named by its subject: one per province
            k = key(m.core) + (f"|{ctx.province}" if ctx.province else "")
            return Body(m.core, m.kind, m.branch, None, k, confidence=0.8 if ctx.province else 0.6)
        if m.needs_place() or m.place_word is not None:
            return None
        if m.kind == "so" and ctx.province:
            place = Place(ctx.province, "province", "thành phố" if ctx.province in CITY_PROVINCES else "tỉnh")
            confidence = min(0.85, ctx.confidence)
        else:
            # "Cục Trồng trọt" is national, "Cục Thuế" may be a province's: keep the name as written
            return Body(m.core, m.kind, m.branch, None, key(m.core), confidence=0.7 if m.kind == "cuc" else 0.9)
    name = _name(m, place)
    if "colloquial" in m.qualifiers:
        confidence = min(confidence, 0.85)  # "Chủ tịch Hà Nội": the body is read from usage, not written
    return Body(name, m.kind, m.branch, place, key(name), confidence=confidence)


def _kinds_place(kind: str) -> str:
    from govkg.loaders.agencies import _kinds

    return _kinds().get(kind, {}).get("place", "optional")


def _name(m: AgencyMention, place: Place) -> str:
    if m.kind in PARTY_COMMITTEES:
        return f"{m.core} {place.name}"
    label = place.label
    if place.level in ("district", "ward") and place.name[:1].isdigit() and place.province:
        label += ", " + _province_label(place.province)
    return f"{m.core} {label}"


def _province_label(province: str) -> str:
    return ("TP " if province in CITY_PROVINCES else "tỉnh ") + province


def _place_of(m: AgencyMention, chain: list[AgencyMention], ctx: Context) -> tuple[Place | None, float]:
    if m.place is not None:
        p = m.place
        if p.level != "province" and p.province is None and ctx.province and not p.name[:1].isdigit():
            p = Place(p.name, p.level, p.kind, ctx.province)  # "quận 1" is in many cities: not guessed
        return p, 1.0
    word = m.place_word
    wants = _wanted_level(m)
    # a place named elsewhere in the same chain of titles
    for other in chain:
        if other is m or other.place is None:
            continue
        p = other.place
        if wants == "province" and p.level == "province" and p.kind == "tỉnh":
            return p, 0.95
        if wants == "city" and p.kind == "thành phố":
            return p, 0.95
        if wants == "district" and p.level == "district" and (word is None or word == p.kind):
            return p, 0.95
    # the article's own place, for a body that needs one ("UBND tỉnh", "Thành ủy", a Sở)
    if not (m.needs_place() or word is not None or m.kind == "so"):
        return None, 0.0
    if wants == "province" and ctx.province:
        is_city = ctx.province in CITY_PROVINCES
        if not is_city or m.kind == "so" and word is None:
            return Place(ctx.province, "province", "thành phố" if is_city else "tỉnh"), ctx.confidence
    if wants == "city":
        if ctx.province in CITY_PROVINCES:
            return Place(ctx.province, "province", "thành phố"), ctx.confidence
        if ctx.city is not None:
            return ctx.city, min(0.8, ctx.confidence)
    return None, 0.0


def _wanted_level(m: AgencyMention) -> str:
    word = m.place_word
    if m.kind == "thanh_uy" or word in ("thành phố", "TP", "Tp"):
        return "city"
    if m.kind in ("tinh_uy", "so") or word == "tỉnh":
        return "province"
    if m.kind in ("quan_uy", "huyen_uy", "thi_uy") or word in ("quận", "huyện", "thị xã"):
        return "district"
    if word in ("phường", "xã"):
        return "ward"
    return "province"


_YEAR = re.compile(r"\bnăm ((?:19|20)\d\d)\b(?![-–])")


def infer_year(text: str) -> int | None:
    """The year an undated article is about: the year it names most ("9 tháng đầu năm 2022"),
    leaving out horizons ("đến năm 2030", "tầm nhìn đến năm 2045", "giai đoạn")."""
    years = Counter(int(m.group(1)) for m in _YEAR.finditer(text)
                    if not text[max(0, m.start() - 12):m.start()].endswith(("đến ", "giai đoạn ")))
    if not years:
        return None
    best = max(years.values())
    return max(y for y, n in years.items() if n == best)

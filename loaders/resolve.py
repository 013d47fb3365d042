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
from functools import lru_cache

from govkg.identity import fold, key
from govkg.loaders.agencies import AgencyMention
from govkg.loaders.gazetteer import Place, find_places, gazetteer, match_place
from govkg.vocab import vocab

PARTY_COMMITTEES = {"thanh_uy", "tinh_uy", "quan_uy", "huyen_uy", "thi_uy"}
WITH_PARENT = {"ban_thuong_vu", "ban_dang", "thanh_tra", "van_phong", "dang_uy", "co_quan_csdt", "co_quan_andt", "ubkt"}


def _cities() -> frozenset[str]:
    return vocab().places.city_provinces


_PERSON_PLACES = frozenset({"Hồ Chí Minh"})  # "Sở Y tế TP Hồ Chí Minh": the city's name alone is the President's


@dataclass(frozen=True)
class Context:
    """What the article tells about where it is: its province, the district-level city or the
    district it is about, if one stands out (a district's own portal: its web address)."""

    province: str | None
    city: Place | None = None  # a district-level city the article is about ("TP Cao Lãnh")
    confidence: float = 0.9  # how clearly the article is about that province
    district: Place | None = None  # the district the article is about ("huyện Đắk R'Lấp")


def source_locality(source: str | None, url: str | None = None) -> tuple[str | None, Place | None]:
    """The province and district a government portal or a provincial paper stands for, from its
    web address: "dakrlap.daknong.gov.vn" -> Đắk Nông, huyện Đắk R'Lấp; "baobinhdinh.vn" -> Bình Định.

    >>> p, d = source_locality("dakrlap.daknong.gov.vn")
    >>> p, d.name, d.kind
    ('Đắk Nông', "Đắk R'Lấp", 'huyện')
    >>> source_locality("baobinhdinh.vn")
    ('Bình Định', None)
    >>> source_locality("dantri.com.vn")
    (None, None)
    """
    host = (source or "").strip().lower()
    if url and not host.endswith(".vn"):
        m = re.match(r"[a-z]+://([^/]+)", url.strip().lower())
        host = m.group(1) if m else host
    if not host.endswith(".vn") or " " in host:
        return None, None
    labels = [x for x in host.split(".") if x not in ("www", "vn", "gov", "com", "org", "net", "edu")]
    provinces, districts = _slug_index()
    province = None
    for label in reversed(labels):
        for cand in (label, label.removeprefix("bao")):
            if cand in provinces:
                province = provinces[cand]
                break
        if province:
            break
    district = None
    if province:
        for label in labels:
            for kind, name in districts.get((label, province), []):
                district = Place(name, "district", kind, province)
    return province, district


def _slug_index() -> tuple[dict[str, str], dict[tuple[str, str], list[tuple[str, str]]]]:
    global _SLUGS
    if _SLUGS is None:
        g = gazetteer()
        provinces = {re.sub(r"[^a-z0-9]", "", fold(name)): name for name in g.provinces.values()}
        districts: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for folded, entries in g.districts.items():
            for kind, prov in entries:
                districts.setdefault((re.sub(r"[^a-z0-9]", "", folded), prov), []).append(
                    (kind, _district_name(folded, prov)))
        _SLUGS = (provinces, districts)
    return _SLUGS


_SLUGS = None


def _district_name(folded: str, province: str) -> str:
    """The written name of a district from its folded form (the gazetteer keeps both)."""
    return gazetteer().district_names.get((folded, province), folded.title())


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


def article_context(text: str, outlet_province: str | None, source: str | None = None,
                    url: str | None = None) -> Context:
    """The province an article is about, and the district-level city or district it is about if
    one stands out (its source's web address first)."""
    provinces: Counter = Counter()
    cities: Counter = Counter()
    districts: Counter = Counter()
    for _, place in find_places(text):
        if place.level == "province":
            provinces[place.name] += 1
        elif place.province:
            provinces[place.province] += 1
            if place.kind == "thành phố":
                cities[place] += 1
            if place.level == "district":
                districts[place] += 1
    for city, province in vocab().places.city_in_province.items():
        if provinces.get(province) and provinces.get(city):
            provinces[province] += provinces[city]  # "TP Huế" in an article about Thừa Thiên Huế
    if outlet_province:
        provinces[outlet_province] += 3
    src_province, src_district = source_locality(source, url)
    if src_province:
        provinces[src_province] += 5
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
    district = src_district if src_district is not None and src_district.province == province else None
    if district is None and districts:
        (top, n), *rest = districts.most_common(2)
        if top.province == province and n >= 2 and (not rest or n >= 2 * rest[0][1]):
            district = top
    return Context(province, city, confidence, district)


def resolve_body(m: AgencyMention, chain: list[AgencyMention], ctx: Context, sentence: str | None = None) -> Body | None:
    """The body a mention names, with the place filled in; None when it cannot be told.

    The place a mention leaves out comes from the same chain of titles first, then from a
    province the sentence names before it ("Tại Hải Phòng, ông X, Giám đốc Sở GD&ĐT"), then from
    the article.
    """
    if m.kind == "national":
        return Body(m.core, "national", m.branch, None, key(m.core))
    if m.generic or m.place_word == "?" or "bare" in m.qualifiers:
        return None  # a class of bodies, or a place named in a way govkg cannot tell
    if m.part_of is not None and m.kind in ("phong", "cong_doan") or (m.kind == "phong" and m.part_of is None):
        return _division(m, chain, ctx, sentence)
    if m.kind in WITH_PARENT and m.parent is not None:
        parent = resolve_body(m.parent, chain, ctx, sentence)
        if parent is None:
            return None
        name = f"{m.core} {parent.name}"
        return Body(name, m.kind, m.branch, parent.place, key(name), parent, parent.confidence)
    if m.place is None and m.place_word is None and _kinds_place(m.kind) == "none":
        return Body(m.core, m.kind, m.branch, None, key(m.core))  # a national body: Bộ, Tổng cục
    if m.kind == "ban_chi_dao" and m.place is None and m.place_word is None:
        chain = []  # a steering committee named by its subject does not borrow a place
    place, confidence = _place_of(m, chain, ctx, sentence)
    if m.kind == "ban_chi_dao" and m.place is None and m.place_word is None:
        place = None
    if place is None:
        if m.kind == "ban_chi_dao" and m.place_word is None:
            if "national" in m.qualifiers:  # "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng": one, national
                return Body(m.core, m.kind, m.branch, None, key(m.core), confidence=0.9)
            # a steering committee named by its subject: one per province
            k = key(m.core) + (f"|{ctx.province}" if ctx.province else "")
            return Body(m.core, m.kind, m.branch, None, k, confidence=0.8 if ctx.province else 0.6)
        if m.needs_place() or m.place_word is not None:
            return None
        if m.kind == "so" and ctx.province:
            place = Place(ctx.province, "province", "thành phố" if ctx.province in _cities() else "tỉnh")
            confidence = min(0.85, ctx.confidence)
        else:
            # "Cục Trồng trọt" is national, "Cục Thuế" may be a province's: keep the name as written
            return Body(m.core, m.kind, m.branch, None, key(m.core), confidence=0.85 if m.kind == "cuc" else 0.9)
    name = _name(m, place)
    if "colloquial" in m.qualifiers:
        confidence = min(confidence, 0.85)  # "Chủ tịch Hà Nội": the body is read from usage, not written
    return Body(name, m.kind, m.branch, place, key(name), confidence=confidence)


def _kinds_place(kind: str) -> str:
    spec = vocab().agencies.kinds.get(kind)
    return spec.place if spec is not None else "optional"


def _name(m: AgencyMention, place: Place) -> str:
    if m.kind in PARTY_COMMITTEES:
        if place.name[:1].isdigit():  # "Quận ủy quận 9, TP Hồ Chí Minh"
            return f"{m.core} {place.label}" + (", " + _province_label(place.province) if place.province else "")
        if place.name in _PERSON_PLACES:  # "Thành ủy TP Hồ Chí Minh": the name alone is the President's
            return f"{m.core} {place.label}"
        return f"{m.core} {place.name}"
    spec = vocab().agencies.kinds.get(m.kind)
    if spec is not None and spec.short_place and place.level == "province" and place.name not in _PERSON_PLACES:
        return f"{m.core} {place.name}"  # "Sở Y tế Hà Nội", "Cục Thuế Hà Nội": as the press names them
    label = place.label
    if place.level in ("district", "ward") and place.name[:1].isdigit() and place.province:
        label += ", " + _province_label(place.province)
    return f"{m.core} {label}"


def _province_label(province: str) -> str:
    return ("TP " if province in _cities() else "tỉnh ") + province


def _division(m: AgencyMention, chain, ctx: Context, sentence) -> Body | None:
    """ "Phòng 7 (Cục CSĐT ..., Bộ Công an)", "Phòng Tài chính - Kế hoạch huyện X": a division is
    named with the body it is part of (its place, or the body written after it)."""
    if m.part_of is not None:
        up = resolve_body(m.part_of, chain, ctx, sentence)
        if up is None:
            return None
        outer = up.name
        if m.part_of.part_of is not None:  # "Phòng 7 (Cục CSĐT ..., Bộ Công an)"
            top = resolve_body(m.part_of.part_of, chain, ctx, sentence)
            if top is not None:
                outer = f"{up.name}, {top.name}"
        name = f"{m.core} ({outer})"
        return Body(name, m.kind, m.branch, up.place, key(name), up, up.confidence)
    if m.place is not None or m.place_word is not None:
        place, confidence = _place_of(m, chain, ctx, sentence)
        if place is None:
            return None
        name = _name(m, place)
        return Body(name, m.kind, m.branch, place, key(name), confidence=confidence)
    return None  # "Phòng Tổ chức cán bộ" alone: one of many


def _place_of(m: AgencyMention, chain: list[AgencyMention], ctx: Context, sentence: str | None = None
              ) -> tuple[Place | None, float]:
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
    # a province the sentence names before the mention ("Tại Hải Phòng, ông X, Giám đốc Sở GD&ĐT")
    if sentence is not None and wants in ("province", "city"):
        named = {name for at, end, name in _sentence_provinces(sentence) if end <= m.start}
        if len(named) == 1:
            name = named.pop()
            is_city = name in _cities()
            if (wants == "city") == is_city or m.kind == "so":
                return Place(name, "province", "thành phố" if is_city else "tỉnh"), 0.85
    if wants == "district" and ctx.district is not None and (word is None or word == ctx.district.kind):
        return ctx.district, min(0.8, ctx.confidence)
    if wants == "province" and ctx.province in vocab().places.city_in_province and not (m.kind == "so" and word is None):
        # "UBND tỉnh" in an article about Huế (a city of Thừa Thiên Huế before 2025)
        return Place(vocab().places.city_in_province[ctx.province], "province", "tỉnh"), min(0.8, ctx.confidence)
    if wants == "province" and ctx.province:
        is_city = ctx.province in _cities()
        if not is_city or m.kind == "so" and word is None:
            return Place(ctx.province, "province", "thành phố" if is_city else "tỉnh"), ctx.confidence
    if wants == "city":
        if ctx.province in _cities():
            return Place(ctx.province, "province", "thành phố"), ctx.confidence
        if ctx.city is not None:
            return ctx.city, min(0.8, ctx.confidence)
    return None, 0.0


@lru_cache(maxsize=64)
def _sentence_provinces(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """The provinces a sentence names, with where they start and end: read once per sentence,
    however many bodies of it ask (a sentence of thousands of titles stays linear)."""
    out = []
    for at, place in find_places(sentence):
        if place.level == "province":
            hit = match_place(sentence, at)
            out.append((at, hit[1] if hit else at, place.name))
    return tuple(out)


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


# "năm 2017" searched as the words themselves (a pattern opening with "\\b" is tried at every
# character), the word boundary before it tested on each match
_YEAR = re.compile(r"năm ((?:19|20)\d\d)\b(?![-–])")
_WORD = re.compile(r"\w")


def infer_year(text: str) -> int | None:
    """The year an undated article is about: the year it names most ("9 tháng đầu năm 2022"),
    leaving out horizons ("đến năm 2030", "tầm nhìn đến năm 2045", "giai đoạn")."""
    years = Counter(int(m.group(1)) for m in _YEAR.finditer(text)
                    if not (m.start() and _WORD.match(text, m.start() - 1))
                    and not text[max(0, m.start() - 12):m.start()].endswith(("đến ", "giai đoạn ")))
    if not years:
        return None
    best = max(years.values())
    return max(y for y, n in years.items() if n == best)

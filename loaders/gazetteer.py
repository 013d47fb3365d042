"""Administrative units from the maintained ``vietnamadminunits`` gazetteer, and place mentions.

The 63 provinces (before the 2025 reform; the 34 after it keep names among these) and their
districts. A place in text is "tỉnh Tây Ninh", "TP Cần Thơ", "thành phố Hồ Chí Minh", "TP.HCM",
"quận 1", "huyện Sóc Sơn", "TP Cao Lãnh" (a district-level city of Đồng Tháp), "P.Thảo Điền", or a
bare province name after a body ("Thành ủy Cần Thơ", "Sở Xây dựng Hà Nội").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from govkg.identity import canonical, fold
from govkg.text import UPPER, not_after, trie_pattern
from govkg.vocab import derived, vocab

def _places():
    return vocab().places


def __getattr__(name: str):
    # the place words are data (data/places.toml); these names are kept for callers
    table = {"CITY_PROVINCES": "city_provinces", "PROVINCE_ALIASES": "province_aliases",
             "DISTRICT_WORDS": "district_words", "WARD_WORDS": "ward_words", "PROVINCE_WORDS": "province_words"}
    if name in table:
        return getattr(_places(), table[name])
    raise AttributeError(name)


@dataclass(frozen=True)
class Place:
    """A place named in text. ``name`` is the short name ("Cần Thơ", "1", "Sóc Sơn")."""

    name: str
    level: str  # province, district or ward
    kind: str  # tỉnh, thành phố, quận, huyện, thị xã, phường, xã, thị trấn
    province: str | None = None  # the province a district or ward lies in, when known

    @property
    def label(self) -> str:
        """As people write it in a body's name: "TP Cần Thơ", "tỉnh Tây Ninh", "quận 1"."""
        kind = "TP" if self.kind == "thành phố" else self.kind
        return f"{kind} {self.name}"


@dataclass(frozen=True)
class Gazetteer:
    provinces: dict[str, str]  # folded name or alias -> canonical province name
    districts: dict[str, list[tuple[str, str]]]  # folded district name -> [(kind, province)]
    province_re: re.Pattern  # bare province names, longest first
    district_names: dict[tuple[str, str], str]  # (folded name, province) -> the name as written


@derived
def gazetteer() -> Gazetteer:
    raw = json.loads(resources.files("vietnamadminunits").joinpath("data/parser_legacy.json").read_text("utf-8"))
    provinces: dict[str, str] = {}
    districts: dict[str, list[tuple[str, str]]] = {}
    district_names: dict[tuple[str, str], str] = {}
    for pkey, p in raw["DICT_PROVINCE"].items():
        name = canonical(p["provinceShort"])
        name = _places().province_aliases.get(name, name)
        provinces[fold(name)] = name
        for dkey, d in raw["DICT_PROVINCE_DISTRICT"].get(pkey, {}).items():
            kind = canonical(d["districtType"]).lower()
            dname = canonical(d["district"])[len(kind):].strip() if canonical(d["district"]).lower().startswith(kind) else canonical(d["districtShort"])
            districts.setdefault(fold(dname), []).append((kind, name))
            district_names[(fold(dname), name)] = dname
    aliases = _places().province_aliases
    for alias, name in aliases.items():
        provinces[fold(alias)] = name
    names = sorted({*aliases, *provinces.values()}, key=len, reverse=True)

    province_re = re.compile(r"(?:" + trie_pattern(names) + r")(?![^\W\d_])")
    return Gazetteer(provinces, districts, province_re, district_names)


def province_named(name: str) -> str | None:
    """The canonical province for a name or alias ("Huế" -> "Thừa Thiên Huế"), else None."""
    return gazetteer().provinces.get(fold(name))


_NAME_WORDS = rf"(?:[{UPPER}]\w*(?:['’]\w+)?|\d+)(?:[ \-](?:[{UPPER}]\w*(?:['’]\w+)?|\d+)){{0,3}}"
_TYPED = re.compile(
    r"(?P<kind>thành phố|Thành phố|thị xã|Thị xã|thị trấn|Thị trấn|tỉnh|Tỉnh|TP\.?|Tp\.?|quận|Quận|huyện|Huyện|"
    r"phường|Phường|xã|Xã|TX\.?|Q\.|P\.)\s?(?P<name>" + _NAME_WORDS + ")"
)
_HCM = re.compile(r"(?:TP\.?\s?HCM|TPHCM|Tp\.?\s?HCM|TP\.?\s?Hồ Chí Minh)(?![^\W\d_])")


def match_place(text: str, pos: int) -> tuple[Place, int] | None:
    """A place starting exactly at ``pos`` (after spaces), with where it ends; None if there is none."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    m = _HCM.match(text, pos)
    if m:
        return Place("Hồ Chí Minh", "province", "thành phố"), m.end()
    m = _TYPED.match(text, pos)
    if m:
        kind_word = m.group("kind")
        words = m.group("name").split(" ")
        # keep the longest prefix of the words that the gazetteer knows
        for n in range(len(words), 0, -1):
            cand = " ".join(words[:n])
            end = m.start("name") + len(cand)
            place = _typed_place(kind_word, cand)
            if place is not None:
                if place.level == "ward" and len(place.name) < len(cand):
                    end = m.start("name") + len(place.name)  # the name was cut before a word not its own
                return place, end
        return None
    m = gazetteer().province_re.match(text, pos)
    if m:
        name = province_named(m.group(0))
        return Place(name, "province", "thành phố" if name in _places().city_provinces else "tỉnh"), m.end()
    return None


def _typed_place(kind_word: str, name: str) -> Place | None:
    g = gazetteer()
    pl = _places()
    if kind_word in pl.province_words:
        kind = pl.province_words[kind_word]
        prov = g.provinces.get(fold(name))
        if prov and (kind == "tỉnh") == (prov not in pl.city_provinces):
            return Place(prov, "province", kind)
        if kind == "thành phố":
            for dkind, dprov in g.districts.get(fold(name), []):
                if dkind == "thành phố":
                    return Place(canonical(name), "district", "thành phố", dprov)
        return None
    if kind_word in pl.district_words:
        kind = pl.district_words[kind_word]
        if name.isdigit():
            return Place(name, "district", kind)
        found = g.districts.get(fold(name), [])
        # units change kind over the years ("huyện Hoài Nhơn" became a thị xã): the name decides
        provs = [p for k, p in found if k == kind] or [p for k, p in found if k != "thành phố" or kind == "thành phố"]
        if provs:
            return Place(canonical(name), "district", kind, provs[0] if len(set(provs)) == 1 else None)
        return None
    if kind_word in pl.ward_words:
        if not name[0].isupper() and not name.isdigit():
            return None
        words = name.split(" ")
        for i, w in enumerate(words[1:], 1):  # "xã Tân Phú Ngày 24-6": the name ends before "Ngày"
            if w in vocab().names.stop_words or (w.isdigit() and not words[0].isdigit()):
                name = " ".join(words[:i])
                break
        return Place(canonical(name), "ward", pl.ward_words[kind_word])
    return None


_PLACE_START = re.compile(not_after(
    r"\w", ["thành phố", "Thành phố", "thị xã", "Thị xã", "thị trấn", "Thị trấn", "tỉnh", "Tỉnh", "TP", "Tp", "quận",
            "Quận", "huyện", "Huyện", "phường", "Phường", "xã", "Xã", "TX", "Q.", "P."]))


def find_places(text: str) -> list[tuple[int, Place]]:
    """Every place named in ``text`` with its offset (typed places and bare province names)."""
    starts = {m.start() for m in _PLACE_START.finditer(text)}
    starts.update(m.start() for m in gazetteer().province_re.finditer(text)
                  if m.start() == 0 or not text[m.start() - 1].isalnum())
    out = []
    taken = -1
    for at in sorted(starts):
        if at < taken:
            continue
        hit = match_place(text, at)
        if hit:
            out.append((at, hit[0]))
            taken = hit[1]
    return out

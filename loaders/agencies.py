"""Recognise state and party bodies in text: "UBND TP Cần Thơ", "Thành ủy", "Sở Xây dựng Hà Nội",
"Bộ GD&ĐT", "Ban Dân vận Thành ủy", "Ban Chỉ đạo Chương trình số 03-CTr/TU", "Bộ Chính trị" ...

``parse_agency(text, pos)`` reads one body starting at ``pos``; ``find_agencies(text)`` finds all.
Kinds, fields of ministries and departments and national bodies are data (data/agencies.toml).
A mention keeps what was written; the place an article leaves out is filled later, by resolution.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from govkg.loaders.documents import DOC_NUMBER
from govkg.loaders.gazetteer import Place, match_place
from govkg.text import UPPER, canonical, key, lower, trie_pattern

_CAP = f"[{UPPER}]"
_WORD = r"[\wÀ-ỹ]+"


@dataclass(frozen=True)
class AgencyMention:
    """A body as written. ``place`` None with ``place_word`` set means "tỉnh"/"thành phố" unnamed."""

    kind: str  # a kind of data/agencies.toml, or "national"
    start: int
    end: int
    text: str  # the words as written
    core: str = ""  # the name without its place: "UBND", "Sở Xây dựng", "Ban Dân vận", "Bộ Chính trị"
    place: Place | None = None
    place_word: str | None = None  # an unnamed place word ("tỉnh", "thành phố", "quận")
    parent: "AgencyMention | None" = None  # the committee/body inside the name ("Ban Thường vụ Thành ủy")
    branch: str = "state"
    generic: bool = False  # "UBND các quận, huyện": a class of bodies, not one
    qualifiers: tuple[str, ...] = field(default=())

    def needs_place(self) -> bool:
        if self.kind == "national" or self.place is not None:
            return False
        if self.parent is not None:
            return self.parent.needs_place()
        return _kinds()[self.kind].get("place") == "required" or self.place_word is not None


@lru_cache(maxsize=1)
def _data() -> dict:
    return tomllib.loads(resources.files("govkg").joinpath("data/agencies.toml").read_text("utf-8"))


def _kinds() -> dict:
    return _data()["kinds"]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _abbrev_forms() -> dict[str, list[str]]:
    """canonical long form -> its abbreviations, from data/abbreviations.toml."""
    raw = tomllib.loads(resources.files("govkg").joinpath("data/abbreviations.toml").read_text("utf-8"))
    out: dict[str, list[str]] = {}
    for short, long in raw["expand"].items():
        out.setdefault(key(long), []).append(short)
    return out


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    data = _data()
    national = {}
    for name, spec in data["national"].items():
        for form in [name, *spec.get("aliases", [])]:
            national[form] = name
            if "Trung ương" in form:
                national[form.replace("Trung ương", "TW")] = name
                national[form.replace("Trung ương", "TƯ")] = name
    heads = {}
    for kind, spec in _kinds().items():
        for h in spec["heads"]:
            heads[h] = kind
            heads[h.lower()] = kind
    domains: dict[str, dict[str, str]] = {"bo": {}, "so": {}}
    abbrev = _abbrev_forms()
    for which in ("bo", "so"):
        for d in data["domains"][which]:
            canon = data["domain_aliases"].get(d, d)
            forms = {d, d.replace(" và ", " - "), d.replace(" và ", " & "), d[0] + d[1:].lower()}
            for f in list(forms):
                forms.update(abbrev.get(key(f), []))
            for f in forms:
                domains[which][f] = canon
        for alias, canon in data["domain_aliases"].items():
            domains[which].setdefault(alias, canon)
    return {
        "national": re.compile(r"(?:" + trie_pattern(national) + r")(?![\wÀ-ỹ])"),
        "national_map": national,
        # heads and starts are matched against the lower-cased text (same offsets)
        "heads": re.compile(r"(?<!cơ )(?:" + trie_pattern({h.lower() for h in heads}) + r")(?![\wÀ-ỹ])"),
        "heads_map": heads,
        "bo": re.compile(r"\s(?:" + _alt(domains["bo"]) + r")(?![\wÀ-ỹ])"),
        "so": re.compile(r"\s(?:" + _alt(domains["so"]) + r")(?![\wÀ-ỹ])"),
        "domain_map": {**domains["bo"], **domains["so"]},
        "party_ban": re.compile(r"\s(?:" + _alt(data["party_ban"]["names"]) + r")(?![\wÀ-ỹ])", re.I),
        # what a sentence says after naming a body ("Tổng cục Du lịch chia sẻ"): the name ends there
        "verbs": re.compile(r"(?:" + trie_pattern(data["after_names"]["verbs"]) + r")(?![\wÀ-ỹ])"),
        "any_start": re.compile(r"(?<![\wÀ-ỹ])(?<!cơ )(?:" + trie_pattern({w.lower() for w in [*heads, *national]})
                                + r")(?![\wÀ-ỹ])"),
    }


# a name that opens with a capital (Cục Hải quan, Tổng cục Cảnh sát, Cục Quản lý và Phát triển thị
# trường trong nước), up to seven words, ending before a verb or particle
_NAME_STOP = (r"(?:đã|đang|sẽ|vừa|cho|là|có|được|bị|tại|trong|với|về|của|theo|khi|này|đó|phát|cũng|"
              r"tổ|yêu|đề|kiểm|nói|tiếp|làm|thì|mà|vì|nên|đến|từ|trên|dưới|các|những|ông|bà|và\s+các|do|dẫn|sau|"
              r"trước|đi|ra|vào|cùng|trao|ký|khẳng|nhấn|gửi|vẫn|mới|năm|ngày|thuộc|không|chưa|đồng|luôn|rất)(?![\wÀ-ỹ])")
_PROPER = re.compile(r"\s(" + _CAP + _WORD + r"(?:\s(?!" + _NAME_STOP + r")" + _WORD + r"){0,12})")
_GENERIC = re.compile(r"\s(?:các|những|mỗi|từng|cấp|nhiều)\s")
_PLACE_WORD = re.compile(r"\s(tỉnh|thành phố|TP\.?|Tp\.?|quận|huyện|thị xã|phường|xã|Tỉnh|Thành phố|Quận|Huyện)(?![\wÀ-ỹ])")
_CAP_AFTER = re.compile(rf"\s[{UPPER}]")
_BRANCH = re.compile(r"\s+(?:Việt Nam\s+)?(?:[Cc]hi nhánh|[Kk]hu vực)")


def NAME_AT(text: str, pos: int) -> bool:
    from govkg.loaders.names import match_name

    return match_name(text, pos) is not None
_STEER_END = re.compile(r"[,;:.()\[\]\"“”]| - | – |\s(?:do|đã|đang|sẽ|vừa|cho|về việc|phát biểu|chủ trì|yêu cầu|"
                        r"đề nghị|nhấn mạnh|kiểm tra|họp|tổ chức|ký|làm việc|là|và các|cùng|với|ghi nhận|"
                        r"thường xuyên|tiếp tục|cũng|trong|tại|nêu|báo cáo|có|được|đánh giá|chỉ đạo|và|đi|đến|về|nói|cho rằng|"
                        r"biểu dương|khẳng định|thông báo|kêu gọi|trao|tặng|gửi|không|chưa|luôn|vẫn|họp|trả lời|"
                        r"giải thích|cảnh báo|quyết định|phát động|dẫn đầu|đề xuất|ban hành|lưu ý|quán triệt|làm)(?![\wÀ-ỹ])")
_PHONG_CHONG = re.compile(r"phòng,\s?chống", re.I)


def parse_agency(text: str, pos: int) -> AgencyMention | None:
    """The body whose name starts at ``pos`` (after spaces), or None."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    p = _patterns()
    m = p["national"].match(text, pos)
    if m:
        if _BRANCH.match(text, m.end()):
            return None  # "Ngân hàng Nhà nước Chi nhánh An Giang": a branch, not the national body
        name = p["national_map"][m.group(0)]
        branch = _data()["national"][name].get("branch", "state")
        return AgencyMention("national", pos, m.end(), m.group(0), name, branch=branch)
    m = p["heads"].match(lower(text), pos)
    if not m:
        return None
    kind = p["heads_map"][m.group(0)]
    spec = _kinds()[kind]
    end = m.end()
    core = spec["short"]
    parent = None
    tail = spec.get("tail", "none")
    if _GENERIC.match(text, end):
        return AgencyMention(kind, pos, end, text[pos:end], core, branch=spec["branch"], generic=True)
    if tail == "domain":
        d = p[kind if kind in ("bo", "so") else "so"].match(text, end)
        if not d:
            return None
        core = f"{spec['short']} {p['domain_map'][d.group(0).strip()]}"
        end = d.end()
    elif tail == "name":
        d = _PROPER.match(text, end)
        if not d:
            return None
        from govkg.loaders.names import NAME

        # the name ends where a place or a person's name begins: "Cục Hải quan Tây Ninh"
        stop = d.end()
        for w in re.finditer(r"\s(?=\S)", text[d.start(1):d.end()]):
            at = d.start(1) + w.end()
            if (match_place(text, at) is not None or NAME.match(text, at) or _PLACE_WORD.match(text, at - 1)
                    or _patterns()["national"].match(text, at)
                    or _patterns()["heads"].match(lower(text), at) and parse_agency(text, at) is not None
                    or _patterns()["verbs"].match(text, at)):
                stop = at - 1
                break
        core = f"{spec['short']} {text[d.start(1):stop]}"
        end = stop
    elif tail == "party_ban":
        d = p["party_ban"].match(text, end)
        if not d:
            return None
        core = f"Ban {canonical(d.group(0).strip())}"
        core = core[:4] + core[4].upper() + core[5:]
        end = d.end()
        parent = parse_agency(text, end)
        if parent is not None and parent.kind not in ("thanh_uy", "tinh_uy", "quan_uy", "huyen_uy", "thi_uy", "dang_uy", "national"):
            parent = None
        if parent is not None:
            end = parent.end
        else:
            place, place_word, pend = _place_after(text, end, kind)
            if place is None:
                return None  # "Ban Tổ chức lễ hội": without its committee or place, not a party board
            return AgencyMention(kind, pos, pend, text[pos:pend], core, place=place, branch=spec["branch"])
    elif tail in ("committee", "body"):
        parent = parse_agency(text, end)
        if parent is None or parent.generic:
            if kind in ("thanh_tra", "van_phong", "dang_uy"):
                hit = match_place(text, end)
                if hit is None:
                    return None
                return AgencyMention(kind, pos, hit[1], text[pos:hit[1]], core, place=hit[0], branch=spec["branch"])
            return None
        end = parent.end
        return AgencyMention(kind, pos, end, text[pos:end], core, parent=parent, branch=spec["branch"])
    elif tail == "steering":
        return _steering(text, pos, end, spec)
    # the place after the name
    place, place_word, end = _place_after(text, end, kind)
    return AgencyMention(kind, pos, end, text[pos:end], core, place=place, place_word=place_word,
                         parent=parent, branch=spec["branch"])


def _place_after(text: str, end: int, kind: str) -> tuple[Place | None, str | None, int]:
    hit = match_place(text, end)
    if hit is not None and (hit[1] == end or text[end] == " "):
        place, pend = hit
        # "UBND P.Thảo Điền, Q.2" / "UBND quận 1, TP.HCM": a ward or district with its parent
        if place.level in ("ward", "district") and text.startswith(", ", pend):
            up = match_place(text, pend + 2)
            if up is not None and up[0].level != place.level:
                return replace(place, province=up[0].name if up[0].level == "province" else place.province), None, up[1]
        return place, None, pend
    w = _PLACE_WORD.match(text, end)
    if w is not None and _CAP_AFTER.match(text, w.end()) and not NAME_AT(text, w.end()):
        # "tỉnh Thừa Thiên-Huế" spelled in a way the gazetteer does not know: a place is named,
        # but not one govkg can tell; the body is left unresolved rather than guessed
        return None, "?", w.end()
    if w is not None:
        word = w.group(1).rstrip(".")
        return None, word if word in ("TP", "Tp") else word.lower(), w.end()
    return None, None, end


def _steering(text: str, pos: int, end: int, spec: dict) -> AgencyMention | None:
    """ "Ban Chỉ đạo" + its subject ("Chương trình số 03-CTr/TU", "389 tỉnh", "phòng, chống dịch ...")."""
    rest = text[end:]
    masked = _PHONG_CHONG.sub(lambda m: "phòng_chống" + " " * (len(m.group(0)) - 11), rest)
    # a document number inside the name ("03 -CTr/TU") must not be cut at its dash
    masked = DOC_NUMBER.sub(lambda m: "X" * len(m.group(0)), masked)
    stop = _STEER_END.search(masked)
    subject = rest[: stop.start()] if stop else rest
    for w in re.finditer(r"\s(?=\S)", subject):  # "... Tây Nguyên phối hợp": what the sentence says of it
        if _patterns()["verbs"].match(subject, w.end()):
            subject = subject[: w.start()]
            break
    # the subject ends before a person's name (title chains: "Trưởng Ban Chỉ đạo X Nguyễn Văn A")
    from govkg.loaders.names import NAME

    for nm in NAME.finditer(subject):
        if nm.start() > 0 and match_place(subject, nm.start()) is None:
            subject = subject[: nm.start()]
            break
    subject = _end_after_number(subject).rstrip()
    if len(subject.strip()) < 2:
        return None
    sub_end = end + len(subject)
    place, place_word = None, None
    words = subject.strip()
    # a trailing place: "389 tỉnh", "... của Hà Nội", "... TP Hà Nội"
    owner = re.search(r"\scủa\s(?=\S)", words)
    if words.startswith("của "):
        return None  # "Ban Chỉ đạo của Chính phủ về ...": the name is not written out
    if owner is not None:  # "Ban Chỉ đạo Chương trình 03-CTr/TU của Thành ủy": the owner is not the name
        body = parse_agency(words, owner.end())
        if body is not None and body.end == len(words):
            words = words[: owner.start()]
    for m in re.finditer(r"(?:\s|^)(?:của\s)?(?=\S)", words):
        hit = match_place(words, m.end())
        if hit and hit[1] == len(words):
            place = hit[0]
            words = words[: m.start()].rstrip()
            break
        w = _PLACE_WORD.match(" " + words[m.end():])
        if w and w.end() - 1 == len(words) - m.end():
            place_word = w.group(1).rstrip(".")
            words = words[: m.start()].rstrip()
            break
    words = re.sub(r"\bsố\s+", "", words)
    words = DOC_NUMBER.sub(lambda m: re.sub(r"\s+", "", m.group(0)), words)
    core = f"Ban Chỉ đạo {words.strip()}"
    return AgencyMention("ban_chi_dao", pos, sub_end, text[pos:sub_end], core, place=place,
                         place_word=place_word, branch=spec["branch"])


_AFTER_NUMBER_OK = re.compile(r"\s+(?:năm|tỉnh|thành phố|TP|quận|huyện|thị xã|của|quốc gia|Trung ương|[A-ZĐ])")


def _end_after_number(subject: str) -> str:
    """A steering committee's subject that runs into the sentence ends after its number:
    "phòng, chống dịch Covid-19 thống nhất tạm ngưng ..." -> "phòng, chống dịch Covid-19"."""
    docs = [(d.start(), d.end()) for d in DOC_NUMBER.finditer(subject)]
    for m in re.finditer(r"\S*\d\S*", subject):
        end = next((b for a, b in docs if a <= m.start() < b), m.end())  # "03 -CTr/TU" is one number
        rest = subject[end:]
        if rest.strip() and not _AFTER_NUMBER_OK.match(rest):
            return subject[:end]
    return subject


def find_agencies(text: str) -> list[AgencyMention]:
    """Every body named in ``text``, left to right, without overlaps."""
    out: list[AgencyMention] = []
    last = -1
    for m in _patterns()["any_start"].finditer(lower(text)):
        if m.start() < last:
            continue
        a = parse_agency(text, m.start())
        if a is not None:
            out.append(a)
            last = a.end
    return out

"""State and party bodies in text: "UBND TP Cần Thơ", "Thành ủy", "Sở Xây dựng Hà Nội", "Bộ GD&ĐT",
"Ban Dân vận Thành ủy", "Ban Chỉ đạo Chương trình số 03-CTr/TU", "Bộ Chính trị", "Đoàn ĐBQH tỉnh
Sơn La", "Cục Cảnh sát Kinh tế (Bộ Công an)", "Đại sứ quán Việt Nam tại Hoa Kỳ" ...

``parse_agency(text, pos)`` reads one body starting at ``pos``; ``find_agencies(text)`` finds all.
Kinds, fields of ministries and departments and national bodies are data (data/agencies.toml). A
mention keeps what was written; the place an article leaves out is filled later, by resolution.

>>> a = parse_agency("Sở GD&ĐT Hà Nội cho biết", 0)
>>> a.core, a.place.name
('Sở Giáo dục và Đào tạo', 'Hà Nội')
>>> parse_agency("Bộ NN-PTNT", 0).core
'Bộ Nông nghiệp và Phát triển nông thôn'
>>> a = parse_agency("Cục Cảnh sát kinh tế (Bộ Công an) đã", 0)
>>> a.core, a.part_of.core, a.text
('Cục Cảnh sát kinh tế', 'Bộ Công an', 'Cục Cảnh sát kinh tế (Bộ Công an)')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from govkg.identity import canonical, key
from govkg.loaders.documents import DOC_NUMBER
from govkg.loaders.gazetteer import Place, match_place
from govkg.text import UPPER, lower, trie_pattern
from govkg.vocab import derived, vocab

_CAP = f"[{UPPER}]"
_WORD = r"[\wÀ-ỹ]+"
_WB = r"(?![\wÀ-ỹ])"
PARTY_COMMITTEES = frozenset({"thanh_uy", "tinh_uy", "quan_uy", "huyen_uy", "thi_uy", "dang_uy", "national"})


@dataclass(frozen=True)
class AgencyMention:
    """A body as written. ``place`` None with ``place_word`` set means "tỉnh"/"thành phố" unnamed;
    ``place_word`` "?" means a place is written that govkg cannot tell."""

    kind: str  # a kind of data/agencies.toml, or "national"
    start: int
    end: int
    text: str  # the words as written
    core: str = ""  # the name without its place: "UBND", "Sở Xây dựng", "Ban Dân vận", "Bộ Chính trị"
    place: Place | None = None
    place_word: str | None = None  # an unnamed place word ("tỉnh", "thành phố", "quận")
    parent: "AgencyMention | None" = None  # the body inside the name ("Ban Thường vụ Thành ủy")
    branch: str = "state"
    generic: bool = False  # "UBND các quận, huyện": a class of bodies, not one
    qualifiers: tuple[str, ...] = field(default=())
    part_of: "AgencyMention | None" = None  # the body written after it ("Cục X (Bộ Y)", "Cục X, Bộ Y")

    def needs_place(self) -> bool:
        if self.kind == "national" or self.place is not None:
            return False
        if self.parent is not None:
            return self.parent.needs_place()
        spec = vocab().agencies.kinds.get(self.kind)
        return (spec is not None and spec.place == "required") or self.place_word is not None


def _kinds():
    return vocab().agencies.kinds


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def domain_abbreviations(domain: str) -> set[str]:
    """The ways the press abbreviates a field: its word groups by their initials.

    >>> sorted(domain_abbreviations("Nông nghiệp và Phát triển nông thôn"))
    ['NN - PTNT', 'NN PTNT', 'NN&PTNT', 'NN-PTNT', 'NNPTNT']
    >>> "VH-TT-DL" in domain_abbreviations("Văn hóa, Thể thao và Du lịch")
    True
    """
    groups = [g for g in re.split(r"\s*(?:,|\bvà\b| - | – )\s*", domain) if g.strip()]
    if len(groups) < 2:
        return set()
    initials = ["".join(w[0].upper() for w in g.split()) for g in groups]
    if any(len(i) < 2 for i in initials):
        return set()
    if len(initials) == 2:  # "NN&PTNT", "NN-PTNT", "NNPTNT", "GD ĐT" (a space where the "&" was lost)
        return {"".join(initials), "-".join(initials), "&".join(initials), " ".join(initials), " - ".join(initials)}
    head, last = initials[:-1], initials[-1]
    return {"".join(initials), "-".join(initials), "-".join(head) + "&" + last, ",".join(head) + "&" + last,
            "".join(head) + "&" + last}


@derived
def _abbrev_forms() -> dict[str, list[str]]:
    """canonical long form -> its abbreviations, from data/abbreviations.toml."""
    out: dict[str, list[str]] = {}
    for short, long in vocab().abbreviations.expand.items():
        out.setdefault(key(long), []).append(short)
    return out


@derived
def _patterns() -> dict:
    ag = vocab().agencies
    national = {}
    for name, spec in ag.national.items():
        for form in [name, *spec.aliases]:
            national[form] = name
            if form.startswith("Ủy ban "):  # "UB Pháp luật", "UBTVQH" is an abbreviation of its own
                national["UB " + form[len("Ủy ban "):]] = name
            if "Trung ương" in form:
                national[form.replace("Trung ương", "TW")] = name
                national[form.replace("Trung ương", "TƯ")] = name
    heads = {}
    for kind, spec in ag.kinds.items():
        for h in spec.heads:
            heads[h] = kind
            heads[h.lower()] = kind
    domains: dict[str, dict[str, str]] = {"bo": {}, "so": {}}
    abbrev = _abbrev_forms()
    for which, listed in (("bo", ag.domains_bo), ("so", ag.domains_so)):
        for d in listed:
            canon = ag.domain_aliases.get(d, d)
            forms = {d, d.replace(" và ", " - "), d.replace(" và ", " & "), d[0] + d[1:].lower()}
            forms |= {f.replace(" - ", " – ") for f in forms}  # "Sở Văn hóa – Thể thao": an en dash
            forms |= domain_abbreviations(canon)
            for f in list(forms):
                forms.update(abbrev.get(key(f), []))
            for f in forms:
                domains[which][f] = canon
        for alias, canon in ag.domain_aliases.items():
            domains[which].setdefault(alias, canon)
        if which == "bo":
            for alias, canon in ag.raw.get("ministry_aliases", {}).items():
                domains[which].setdefault(alias, canon)
    stop = _alt(ag.name_stop_words)
    return {
        "national": re.compile(r"(?:" + trie_pattern(national) + r")" + _WB),
        "national_map": national,
        # names of three words or more also as the press lower-cases them ("Ban chấp hành Trung ương Đảng")
        "national_low": re.compile(r"(?:" + trie_pattern({f.lower() for f in national if " " in f}) + r")" + _WB),
        "national_low_map": {f.lower(): n for f, n in national.items() if " " in f},
        # heads and starts are matched against the lower-cased text (same offsets)
        "heads": re.compile(r"(?:" + trie_pattern({h.lower() for h in heads}, ("cơ ",)) + r")" + _WB),
        "heads_map": heads,
        "bo": re.compile(r"\s(?:" + _alt(domains["bo"]) + r")" + _WB, re.IGNORECASE),
        "so": re.compile(r"\s(?:" + _alt(domains["so"]) + r")" + _WB, re.IGNORECASE),
        "domain_map": {**domains["bo"], **domains["so"],
                       **{k.lower(): v for k, v in {**domains["bo"], **domains["so"]}.items()}},
        "party_ban": re.compile(r"\s(?:" + _alt(ag.party_bans) + r")" + _WB, re.I),
        # what a sentence says after naming a body ("Tổng cục Du lịch chia sẻ"): the name ends there
        "verbs": re.compile(r"(?:" + trie_pattern(ag.after_name_verbs) + r")" + _WB),
        "any_start": re.compile(r"(?:" + trie_pattern({w.lower() for w in [*heads, *national]}, (r"[\wÀ-ỹ]", "cơ "))
                                + r")" + _WB),
        # a name that opens with a capital (Cục Hải quan, Cục Quản lý và Phát triển thị trường trong
        # nước), up to thirteen words, ending before a verb or particle
        "proper": re.compile(r"\s(" + _CAP + _WORD + r"(?:\s(?!(?:" + stop + r")" + _WB + r")" + _WORD
                             + r"(?:[/-]" + _WORD + r")?){0,12})"),
        # a dash inside the subject ("tâm linh – sinh thái") is kept; one before a capital ends it
        "steer_end": re.compile(rf"[,;:.()\[\]\"“”]| [-–] (?=[{UPPER}\d])|\s(?:" + _alt(ag.steering_end_words) + r")" + _WB),
    }


_GENERIC = re.compile(r"\s(?:các|những|mỗi|từng|cấp|nhiều)\s")
_PLACE_WORD = re.compile(r"\s(tỉnh|thành phố|TP\.?|Tp\.?|quận|huyện|thị xã|phường|xã|Tỉnh|Thành phố|Quận|Huyện)" + _WB)
_CAP_AFTER = re.compile(rf"\s[{UPPER}]")
_BRANCH = re.compile(r"\s+(?:Việt Nam\s+)?(?:[Cc]hi nhánh|[Kk]hu vực)")
_TERM = re.compile(r"\s+(?:khóa|khoá|nhiệm kỳ)\s+(?:[IVXLC]+|\d+)" + _WB + r"(?:\s*\(\s*\d{4}\s*[-–]\s*\d{4}\s*\))?")
_FULL_TIME = re.compile(r"\s+chuyên trách" + _WB)
_MISSION = re.compile(rf"\s+(?:nước\s+)?(?:CHXHCN\s+|Cộng hòa xã hội chủ nghĩa\s+)?Việt Nam\s+(?:tại|ở|bên cạnh)\s+"
                      rf"((?:thành phố\s+|bang\s+)?[{UPPER}][\wÀ-ỹ'’.-]*(?:\s[{UPPER}][\wÀ-ỹ'’.-]*){{0,4}})")
_PART_OF = re.compile(r"\s*(?:\(\s*|,\s*|\s[-–]\s|\s+thuộc\s+|\s+trực thuộc\s+)(?=\S)")
_PHONG_CHONG = re.compile(r"phòng,\s?chống", re.I)
_CLOSE = re.compile(r"\s*\)")
_OTHER_ORG = re.compile(r"\s+(?:Hội|Đoàn|Công đoàn|Liên đoàn|Mặt trận|Liên hiệp)\b")
_DIVISION_NUMBER = re.compile(r"\s(\d{1,3}|[IVX]{1,4})" + _WB)
_MANY = re.compile(r"\s(các)\s")
_WORD_GAP = re.compile(r"\s(?=\S)")
_BRACKETED = re.compile(r"\s*\(([^()]{2,30})\)")
_BARE_WORDS = re.compile(rf"\s([{UPPER}][\wÀ-ỹ'’]*(?:\s[{UPPER}][\wÀ-ỹ'’]*){{0,2}})")


def _name_at(text: str, pos: int) -> bool:
    from govkg.loaders.names import match_name

    return match_name(text, pos) is not None


def parse_agency(text: str, pos: int, *, part_of: bool = True) -> AgencyMention | None:
    """The body whose name starts at ``pos`` (after spaces), or None.

    >>> parse_agency("Đoàn ĐBQH khóa XV tỉnh Sơn La", 0).place.name
    'Sơn La'
    >>> parse_agency("Đại sứ quán Việt Nam tại Hoa Kỳ", 0).core
    'Đại sứ quán Việt Nam tại Hoa Kỳ'
    >>> parse_agency("Tỉnh đoàn Nghệ An", 0).kind
    'tinh_doan'
    """
    a = _parse(text, pos)
    if a is None or not part_of or a.kind not in ("cuc", "vu", "tong_cuc", "phong", "chi_cuc", "co_quan_csdt",
                                                  "co_quan_andt", "so", "cong_doan"):
        return a
    return _with_part_of(text, a)


def _with_part_of(text: str, a: AgencyMention) -> AgencyMention:
    """ "Cục X (Bộ Y)", "Cục X, Bộ Y", "Cục X - Bộ Y", "Cục X thuộc Bộ Y": the body it is part of."""
    m = _PART_OF.match(text, a.end)
    if m is None:
        return a
    up = _parse(text, m.end())
    if up is None or up.generic or not _may_contain(up.kind, a.kind):
        return a
    up = _with_part_of(text, up) if up.kind in ("cuc", "tong_cuc", "so") else up
    end = up.end
    if text[m.start():m.end()].strip().startswith("("):
        close = _CLOSE.match(text, end)
        if close is None:
            return a
        end = close.end()
    return replace(a, end=end, text=text[a.start:end], part_of=up)


def _may_contain(outer: str, inner: str) -> bool:
    """Whether a body of kind ``outer`` can have a body of kind ``inner`` inside it."""
    order = {"national": 5, "bo": 5, "ubnd": 5, "cong_an": 4, "tong_cuc": 4, "cuc": 3, "so": 3, "vu": 2,
             "chi_cuc": 2, "phong": 1, "co_quan_csdt": 1, "co_quan_andt": 1, "cong_doan": 1, "tinh_uy": 5,
             "thanh_uy": 5, "huyen_uy": 4}
    return order.get(outer, 0) > order.get(inner, 0) and inner != "so" or (inner == "so" and outer == "ubnd")


def _parse(text: str, pos: int) -> AgencyMention | None:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    p = _patterns()
    m = p["national"].match(text, pos)
    low = None
    if m is None:
        low = p["national_low"].match(lower(text), pos)
        if low is not None and low.group(0).count(" ") < 2 and not all(
                w[:1].isupper() for w in text[low.start():low.end()].split(" ")):
            low = None  # two words in other cases are two words ("chính phủ" is any government); "Chính Phủ" is the one
    if m or low:
        hit = m or low
        if _BRANCH.match(text, hit.end()):
            return None  # "Ngân hàng Nhà nước Chi nhánh An Giang": a branch, not the national body
        name = p["national_map"][m.group(0)] if m else p["national_low_map"][low.group(0)]
        m = hit
        if (name == "Ban Chấp hành Trung ương Đảng" and "Đảng" not in m.group(0)
                or re.search(r"(?:Trung ương|TW|TƯ)$", m.group(0))) and _OTHER_ORG.match(text, m.end()):
            # "BCH Trung ương Hội Nông dân Việt Nam", "Ủy ban Kiểm tra Trung ương Đoàn": a mass
            # organisation's committee, not the Party's
            return None
        return AgencyMention("national", pos, m.end(), m.group(0), name, branch=vocab().agencies.national[name].branch)
    m = p["heads"].match(lower(text), pos)
    if not m:
        return None
    kind = p["heads_map"][m.group(0)]
    spec = _kinds()[kind]
    end = m.end()
    core = spec.short
    parent = None
    tail = spec.tail
    if _GENERIC.match(text, end) and kind != "cong_doan":
        return AgencyMention(kind, pos, end, text[pos:end], core, branch=spec.branch, generic=True)
    if tail == "domain":
        d = p[kind if kind in ("bo", "so") else "so"].match(text, end)
        if not d:
            return None
        written = d.group(0).strip()
        core = f"{spec.short} {p['domain_map'].get(written) or p['domain_map'][written.lower()]}"
        end = d.end()
    elif tail in ("name", "division"):
        return _named(text, pos, end, kind, spec)
    elif tail == "party_ban":
        d = p["party_ban"].match(text, end)
        if not d:
            return None
        core = f"Ban {canonical(d.group(0).strip())}"
        core = core[:4] + core[4].upper() + core[5:]
        end = d.end()
        parent = _parse(text, end)
        if parent is not None and parent.kind not in PARTY_COMMITTEES:
            parent = None
        if parent is not None:
            end = parent.end
        else:
            place, place_word, pend = _place_after(text, end, kind)
            if place is None:
                return None  # "Ban Tổ chức lễ hội": without its committee or place, not a party board
            return AgencyMention(kind, pos, pend, text[pos:pend], core, place=place, branch=spec.branch)
    elif tail in ("committee", "body"):
        parent = _parse(text, end)
        if parent is None or parent.generic:
            if kind in ("thanh_tra", "van_phong", "dang_uy", "co_quan_csdt", "co_quan_andt", "ubkt"):
                hit = match_place(text, end)
                if hit is None and kind in ("thanh_tra", "ubkt"):
                    place, place_word, pend = _place_after(text, end, kind)
                    if place_word is not None and place_word != "?":  # "Chánh Thanh tra tỉnh": the article's
                        return AgencyMention(kind, pos, pend, text[pos:pend], core, place_word=place_word,
                                             branch=spec.branch)
                if hit is None:
                    if kind in ("dang_uy", "co_quan_csdt", "co_quan_andt", "ubkt"):
                        # "Bí thư Đảng ủy, Tổng Giám đốc TTXVN": the body comes from the chain
                        return AgencyMention(kind, pos, end, text[pos:end], core, branch=spec.branch,
                                             qualifiers=("bare",))
                    return None
                return AgencyMention(kind, pos, hit[1], text[pos:hit[1]], core, place=hit[0], branch=spec.branch)
            return None
        if kind == "ubkt" and parent.kind not in PARTY_COMMITTEES:
            return None
        end = parent.end
        return AgencyMention(kind, pos, end, text[pos:end], core, parent=parent, branch=spec.branch)
    elif tail == "steering":
        return _steering(text, pos, end, spec)
    elif tail == "mission":
        d = _MISSION.match(text, end)
        if not d:
            return None  # "Đại sứ quán Hoa Kỳ": another country's mission
        where = d.group(1).rstrip(".")
        from govkg.loaders.names import find_names

        for nm in find_names(where):  # "Đại sứ Việt Nam tại Hoa Kỳ Phạm Quang Vinh"
            if nm.start > 0:
                where = where[: nm.start].rstrip()
                break
        core = f"{spec.short} Việt Nam tại {where}"
        end = d.start(1) + len(where)
        return AgencyMention(kind, pos, end, text[pos:end], core, branch=spec.branch)
    elif tail == "delegation":
        t = _TERM.match(text, end)
        if t:
            end = t.end()
        f = _FULL_TIME.match(text, end)
        if f:
            end = f.end()
    # the place after the name
    place, place_word, end = _place_after(text, end, kind)
    if place is None and place_word is None and spec.place == "required" and _unknown_place_after(text, end):
        place_word = "?"  # "Tỉnh ủy Vân Nam": a place govkg cannot tell, not the article's
    return AgencyMention(kind, pos, end, text[pos:end], core, place=place, place_word=place_word,
                         parent=parent, branch=spec.branch)


_UNKNOWN_PLACE = re.compile(rf"\s([{UPPER}][\wÀ-ỹ]*)(?:\s[{UPPER}][\wÀ-ỹ]*)?")


def _unknown_place_after(text: str, end: int) -> bool:
    """A capitalised word right after a body that needs a place, which is no place govkg knows,
    no person's name, no title and no other body ("Tỉnh ủy Vân Nam", "Thành ủy Trùng Khánh")."""
    m = _UNKNOWN_PLACE.match(text, end)
    if m is None:
        return False
    at = m.start(1)
    from govkg.loaders.names import _stop_phrases

    if _name_at(text, at) or _stop_phrases().match(text, at) or _parse(text, at) is not None:
        return False
    word = m.group(1)
    return word not in vocab().names.stop_words and not word.isupper()


def _named(text: str, pos: int, end: int, kind: str, spec) -> AgencyMention | None:
    """A body named by capitalised words after its head: "Cục Hải quan Tây Ninh", "Phòng 7",
    "Vụ Trang thiết bị và Công trình y tế", "Công đoàn các KCN tỉnh Quảng Ninh"."""
    p = _patterns()
    if spec.tail == "division":
        num = _DIVISION_NUMBER.match(text, end)
        if num:  # "Phòng 7 (Cục CSĐT ...)"
            stop = num.end()
            return AgencyMention(kind, pos, stop, text[pos:stop], f"{spec.short} {num.group(1)}", branch=spec.branch,
                                 qualifiers=("division",))
    many = ""
    if kind == "cong_doan":
        g = _MANY.match(text, end)
        if g:
            end += 4
            many = "các "
    if not _CAP_AFTER.match(text, end):
        # no capital after a space: no proper name ("proper" opens so, and keeping phrases only turns
        # spaces and commas into "_")
        return _lower_named(text, pos, end, kind, spec)
    window = text[: end + 240]
    kept = _keep_phrases().sub(lambda k: re.sub(r"[ ,]", "_", k.group(0)), window)  # one word; same offsets
    d = p["proper"].match(kept, end)
    if not d:
        return _lower_named(text, pos, end, kind, spec)
    from govkg.loaders.names import find_names

    # the name ends where a place, a person's name, another body or a verb begins: "Cục Hải quan Tây Ninh"
    stop = d.end()
    names = {n.start for n in find_names(text[d.start(1):d.end()], inside_name=True)}
    if 0 in names:
        return None  # "Phó Tổng cục trưởng Hoàng Dương Tùng": a person's name, no body's
    for w in _WORD_GAP.finditer(kept, d.start(1), d.end()):  # a kept phrase has no gap inside
        at = w.end()
        if (match_place(text, at) is not None or (at - d.start(1)) in names or _PLACE_WORD.match(text, at - 1)
                or _separate_national(text, at)
                or p["heads"].match(lower(text), at) and _parse(text, at) is not None
                or p["verbs"].match(kept, at)):
            stop = at - 1
            break
    words = many + text[end:stop].strip()
    core = f"{spec.short} {words}"
    place, place_word, pend = _place_after(text, stop, kind)
    return AgencyMention(kind, pos, pend, text[pos:pend], core, place=place, place_word=place_word,
                         branch=spec.branch, qualifiers=("division",) if spec.tail == "division" else ())


_LOWER_NAME = re.compile(r"\s((?:[a-zđà-ỹ]+\s){0,8}?[a-zđà-ỹ]+)(?=\s*(?:\(|,|\s[-–]\s|\s+thuộc\s)\s*Bộ\s)")


@derived
def _keep_phrases() -> re.Pattern:
    """Words inside a body's name that would otherwise end it ("Vụ Trang thiết bị ...": "bị")."""
    words = vocab().agencies.raw.get("names", {}).get("keep", [])
    return re.compile(trie_pattern(words) if words else "(?!)", re.IGNORECASE)


def _lower_named(text: str, pos: int, end: int, kind: str, spec) -> AgencyMention | None:
    """ "Cục quản lý chất lượng giáo dục, Bộ GD&ĐT": a name written in lower case is taken only
    when the ministry it belongs to is written right after it."""
    if kind not in ("cuc", "vu", "tong_cuc"):
        return None
    d = _LOWER_NAME.match(text, end)
    if d is None:
        return None
    words = d.group(1)
    core = f"{spec.short} {words[0].upper()}{words[1:]}"
    return AgencyMention(kind, pos, d.end(1), text[pos:d.end(1)], core, branch=spec.branch)


def _separate_national(text: str, at: int) -> bool:
    """A national body's name that ends the name before it; "Nhà nước" and "Chính phủ" inside a
    name do not ("Cục Giám định Nhà nước về ...")."""
    m = _patterns()["national"].match(text, at)
    return m is not None and m.group(0) not in ("Nhà nước", "Chính phủ", "Quốc hội")


def _place_after(text: str, end: int, kind: str) -> tuple[Place | None, str | None, int]:
    hit = match_place(text, end)
    if hit is not None and (hit[1] == end or text[end] == " "):
        place, pend = hit
        # "UBND P.Thảo Điền, Q.2" / "UBND quận 1, TP.HCM": a ward or district with its parent
        if place.level in ("ward", "district") and text.startswith(", ", pend):
            up = match_place(text, pend + 2)
            if up is not None and up[0].level != place.level:
                return replace(place, province=up[0].name if up[0].level == "province" else place.province), None, up[1]
        # "Thị ủy Buôn Hồ (Đắk Lắk)": the province in brackets
        if place.level == "district" and place.province is None:
            br = _BRACKETED.match(text, pend)
            if br:
                up = match_place(br.group(1), 0)
                if up is not None and up[0].level == "province":
                    return replace(place, province=up[0].name), None, br.end()
        return place, None, pend
    bare = _bare_district(text, end, kind)
    if bare is not None:
        return bare
    w = _PLACE_WORD.match(text, end)
    if w is not None and _CAP_AFTER.match(text, w.end()) and not _name_at(text, w.end()):
        # "tỉnh Thừa Thiên-Huế" spelled in a way the gazetteer does not know: a place is named,
        # but not one govkg can tell; the body is left unresolved rather than guessed
        return None, "?", w.end()
    if w is not None:
        word = w.group(1).rstrip(".")
        return None, word if word in ("TP", "Tp") else word.lower(), w.end()
    return None, None, end


_DISTRICT_KIND = {"thi_uy": "thị xã", "huyen_uy": "huyện", "quan_uy": "quận", "huyen_doan": None}


def _bare_district(text: str, end: int, kind: str) -> tuple[Place | None, str | None, int] | None:
    """ "Thị ủy Buôn Hồ (Đắk Lắk)", "Huyện ủy Sóc Sơn": a district named without its kind word after
    a district's party committee."""
    if kind not in _DISTRICT_KIND:
        return None
    from govkg.identity import fold
    from govkg.loaders.gazetteer import gazetteer

    m = _BARE_WORDS.match(text, end)
    if m is None:
        return None
    words = m.group(1).split(" ")
    g = gazetteer()
    want = _DISTRICT_KIND[kind]
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        found = [(k, p) for k, p in g.districts.get(fold(name), []) if want is None or k == want]
        if not found:
            continue
        stop = end + 1 + len(name)
        provinces = {p for _, p in found}
        br = _BRACKETED.match(text, stop)
        if br:
            up = match_place(br.group(1), 0)
            if up is not None and up[0].level == "province" and up[0].name in provinces:
                return Place(name, "district", found[0][0], up[0].name), None, br.end()
        return Place(name, "district", found[0][0], provinces.pop() if len(provinces) == 1 else None), None, stop
    return None


def _steering(text: str, pos: int, end: int, spec) -> AgencyMention | None:
    """ "Ban Chỉ đạo" + its subject ("Chương trình số 03-CTr/TU", "389 tỉnh", "phòng, chống dịch ...")."""
    rest = text[end:end + 400]
    masked = _PHONG_CHONG.sub(lambda m: "phòng_chống" + " " * (len(m.group(0)) - 11), rest)
    masked = _keep_phrases().sub(lambda k: re.sub(r"[ ,]", "_", k.group(0)), masked)  # "đối với": one word
    # a document number inside the name ("03 -CTr/TU") must not be cut at its dash
    masked = DOC_NUMBER.sub(lambda m: "X" * len(m.group(0)), masked)
    # "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng": after its level, "về" opens the subject
    level = _STEER_LEVEL_ABOUT.match(masked)
    stop = _patterns()["steer_end"].search(masked, level.end() if level else 0)
    subject = rest[: stop.start()] if stop else rest
    seen = masked[: len(subject)]  # the same length: "hàng không" is one word, not "không"
    for w in re.finditer(r"\s(?=\S)", seen):  # "... Tây Nguyên phối hợp": what the sentence says of it
        if _patterns()["verbs"].match(seen, w.end()):
            subject = subject[: w.start()]
            break
    # the subject ends before a person's name (title chains: "Trưởng Ban Chỉ đạo X Nguyễn Văn A")
    from govkg.loaders.names import find_names

    for nm in find_names(subject):
        if nm.start > 0 and match_place(subject, nm.start) is None:
            subject = subject[: nm.start]
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
        body = _parse(words, owner.end())
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
    national = bool(re.search(r"\b(?:Trung ương|Nhà nước|quốc gia|Quốc gia|TW)\b", words))
    return AgencyMention("ban_chi_dao", pos, sub_end, text[pos:sub_end], core, place=place,
                         place_word=place_word, branch=spec.branch, qualifiers=("national",) if national else ())


_STEER_LEVEL_ABOUT = re.compile(r"\s(?:(?:Trung ương|TW|Nhà nước|[Qq]uốc gia|Chính phủ)\s+)?về\s")
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
    """Every body named in ``text``, left to right, without overlaps.

    >>> [a.core for a in find_agencies("Ban Dân vận Thành ủy và Sở Y tế Hà Nội")]
    ['Ban Dân vận', 'Sở Y tế']
    """
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

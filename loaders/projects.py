"""Projects, works and schemes named in a sentence.

A project is stored only when it is named:

- a head word ("dự án", "công trình") and a named work: an infrastructure word and a proper name
  ("dự án Nhà máy nhiệt điện Vĩnh Tân 3", "Công trình đường Vành đai phía Tây"), a dash kept
  inside ("đường cao tốc Nội Bài – Lào Cai");
- a named work alone, its head word capitalised ("Khu đô thị mới quốc tế Đa Phước", "Hệ thống xử
  lý nước thải Yên Xá", "Cảng hàng không quốc tế Long Thành");
- a scheme or a programme by what it does ("Đề án tổng thể sắp xếp, tái cơ cấu doanh nghiệp ...
  giai đoạn 2017 - 2020", "đề án khôi phục sản xuất và đảm bảo an sinh xã hội ...", "Chương trình
  cho vay vốn ... giai đoạn 2012-2015"), a quoted name whole;
- works named by what is done to them ("các dự án cải tạo, nâng cấp quốc lộ 1A và đường Hồ Chí
  Minh đoạn qua Tây Nguyên").

The name is stored without the head word ("dự án", "công trình", "đề án", "chương trình"); ``kind``
is the head word. :func:`find_projects` is pure; vocabulary: data/chain.toml [projects].
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govkg.text import trie_pattern
from govkg.vocab import derived, vocab

_WB = r"(?![\wÀ-ỹ])"


@dataclass(frozen=True)
class ProjectMention:
    name: str  # without the head word
    kind: str  # dự án, công trình, đề án, chương trình, or the work's own head ("khu đô thị")
    start: int  # span of the whole mention, head word included
    end: int
    name_start: int


@derived
def _patterns() -> dict:
    p = vocab().chain.raw.get("projects", {})

    def alt(words) -> str:
        return trie_pattern(words) if words else "(?!)"

    works = alt(p.get("works", []))
    return {
        "head": re.compile(r"(?<![\wÀ-ỹ])(?P<head>" + alt(p.get("heads", [])) + r")\s+", re.I),
        "work": re.compile(r"(?P<work>" + works + r")" + _WB, re.I),
        "work_cap": re.compile(r"(?<![\wÀ-ỹ])(?P<work>" + alt(p.get("alone", [])) + r")" + _WB),
        "plural": re.compile(r"(?<![\wÀ-ỹ])(?:" + alt(p.get("plural_before", [])) + r")\s+$", re.I),
        "schemes": re.compile(r"(?<![\wÀ-ỹ])(?P<head>" + alt(p.get("schemes", [])) + r")\s+", re.I),
        "doing": re.compile(r"(?:" + alt(p.get("doing", [])) + r")" + _WB),
        "end": re.compile(r"\s*(?:[;:.!?\"”“]|\s[-–]\s(?=ông|bà|anh|chị)|,\s+(?:" + alt(p.get("end_after_comma", [])) + r")" + _WB + r"|\s(?:"
                          + alt(p.get("end_words", [])) + r")" + _WB + r"|\((?![A-ZĐ]{2,8}\)))"),
        "not_scheme": re.compile(r"(?:" + alt(p.get("not_schemes", [])) + r")" + _WB, re.I),
        "not_work": re.compile(r"(?:" + alt(p.get("not_works", [])) + r")" + _WB, re.I),
        "max_words": int(p.get("max_words", 30)),
        "not_after": re.compile(r"(?<![\wÀ-ỹ])(?:" + alt(p.get("not_after", [])) + r")\s+$", re.I),
    }


def _proper(w: str) -> bool:
    return w[:1].isupper() or w[:1].isdigit()
_WORD = re.compile(r"[\wÀ-ỹ'’]+")


def find_projects(sentence: str, taken: list[tuple[int, int]] = ()) -> list[ProjectMention]:
    """The projects a sentence names, outside the spans ``taken`` (bodies and documents).

    >>> [(p.name, p.kind) for p in find_projects("hoàn thành dự án Nhà máy nhiệt điện Vĩnh Tân 3.")]
    [('Nhà máy nhiệt điện Vĩnh Tân 3', 'dự án')]
    >>> [(p.name, p.kind) for p in find_projects("chủ đầu tư dự án đường cao tốc Nội Bài – Lào Cai cho biết")]
    [('đường cao tốc Nội Bài – Lào Cai', 'dự án')]
    >>> [(p.name, p.kind) for p in find_projects("kiểm tra công trình Khu đô thị mới quốc tế Đa Phước, yêu cầu")]
    [('Khu đô thị mới quốc tế Đa Phước', 'công trình')]
    >>> [p.name for p in find_projects("Hệ thống xử lý nước thải Yên Xá; kiểm tra")]
    ['Hệ thống xử lý nước thải Yên Xá']
    >>> s = "Theo Đề án tổng thể sắp xếp, tái cơ cấu doanh nghiệp thuộc EVN giai đoạn 2017 - 2020 vừa được phê duyệt"
    >>> [(p.name, p.kind) for p in find_projects(s)]
    [('tổng thể sắp xếp, tái cơ cấu doanh nghiệp thuộc EVN giai đoạn 2017 - 2020', 'đề án')]
    >>> [p.name for p in find_projects("các dự án cải tạo, nâng cấp quốc lộ 1A và đường Hồ Chí Minh đoạn qua Tây Nguyên.")]
    ['cải tạo, nâng cấp quốc lộ 1A và đường Hồ Chí Minh đoạn qua Tây Nguyên']
    >>> find_projects("xây dựng Đề án tinh giảm biên chế và kế hoạch")
    []
    """
    p = _patterns()
    out: list[ProjectMention] = []

    def free(a: int, b: int) -> bool:
        # a project opens outside bodies and documents (a body may stand inside its name:
        # "dự án khu biệt thự Thảo Điền Sapphire"), and outside the projects found
        return not any(x <= a < y for x, y in taken) and not any(x < b and a < y for x, y in ((q.start, q.end) for q in out))

    # "dự án" / "công trình" + a named work, or + what is done to a named work
    for m in p["head"].finditer(sentence):
        pos = m.end()
        if m.group("head").isupper():
            continue  # "CÁC CÔNG TRÌNH DÂN DỤNG ...": a heading in capitals
        if p["not_after"].search(sentence[max(0, m.start() - 30):m.start()]):
            continue  # "Ban Quản lý dự án thủy điện 1": a body's name
        w = p["work"].match(sentence, pos)
        end = None
        if p["not_work"].match(sentence, pos):
            continue  # "dự án Luật ...": a draft law
        if w is not None:
            end = _work_end(sentence, w.end())
        elif p["doing"].match(sentence, pos):
            end = _doing_end(sentence, pos)
        elif sentence[pos:pos + 1].isupper():
            end = _work_end(sentence, pos, named=True)
            if end is not None and not _named_enough(sentence[pos:end]):
                end = None  # "dự án BOT", "dự án Người vợ ba": no project's proper name
        if end is not None and free(m.start(), end):
            out.append(ProjectMention(sentence[pos:end].strip(" ,"), m.group("head").lower(), m.start(), end, pos))
    # a named work alone: "Khu đô thị mới quốc tế Đa Phước", "Hệ thống xử lý nước thải Yên Xá"
    for w in p["work_cap"].finditer(sentence):
        if not free(w.start(), w.end()) or p["not_work"].match(sentence, w.start()):
            continue
        if p["not_after"].search(sentence[max(0, w.start() - 30):w.start()]):
            continue  # "công ty Thủy điện Tuyên Quang", "luật Đường sắt": not a work
        end = _work_end(sentence, w.end())
        if end is not None and free(w.start(), end):
            name = sentence[w.start():end].strip(" ,")
            out.append(ProjectMention(name, w.group("work").lower(), w.start(), end, w.start()))
    # schemes and programmes by what they do
    for m in p["schemes"].finditer(sentence):
        pos = m.end()
        if not free(m.start(), pos) or p["not_scheme"].match(sentence, pos) or re.match(r"(?:số\s+)?\d", sentence[pos:]):
            continue
        if p["plural"].search(sentence[max(0, m.start() - 25):m.start()]):
            continue  # "các Đề án tái cơ cấu ...": a kind of scheme, not one
        quoted = sentence[max(0, m.start() - 1):m.start()] in ("“", "\"")
        end = _scheme_end(sentence, pos, sentence[m.start() - 1] if quoted else None)
        if end is None or not free(m.start(), end):
            continue
        name = sentence[pos:end].strip(" ,").strip("“”\"")
        words = _WORD.findall(name)
        head = m.group("head")
        named = name[:1].isupper() or sentence[pos] in "“\"" or quoted
        if len(words) < 6 and not re.search(r"giai đoạn|đến năm", name) and not (named and len(words) >= 3):
            continue  # "Đề án tinh giảm biên chế": a kind of scheme every body makes, not one scheme
        if head.lower().startswith("chương trình") and not re.search(r"giai đoạn|đến năm|theo (?:Quyết định|Nghị)", sentence[pos:end + 30]):
            continue  # a programme is named by its period or its decision
        out.append(ProjectMention(name, head.lower(), m.start(), end, pos))
    return sorted(out, key=lambda q: q.start)


def _work_end(s: str, pos: int, named: bool = False) -> int | None:
    """Where a named work ends: after the last word of its proper name ("... Vĩnh Tân 3"), a
    dash inside it kept; None when no proper name follows within a few words."""
    tokens = [(t.group(0), t.start(), t.end()) for t in re.finditer(r"[\wÀ-ỹ'’]+(?:\.(?=[\wÀ-ỹ])[\wÀ-ỹ'’]+)*|[–-]", s[pos:pos + 160])]
    end, lower_run = None, 0
    seen_proper = named
    for i, (w, a, b) in enumerate(tokens):
        gap = s[pos + (tokens[i - 1][2] if i else 0):pos + a]
        if gap.strip(" ") not in ("", "–", "-") or not i and gap.strip(" "):
            break  # punctuation ends the name
        if w in ("–", "-"):
            if end is None or i + 1 >= len(tokens) or not _proper(tokens[i + 1][0]):
                break
            continue
        if w in ("Dự", "Công") and i + 1 < len(tokens) and tokens[i + 1][0] in ("án", "trình"):
            break  # "... Phùng Khoang Dự án Khu ...": another project begins
        if w == "số" and seen_proper and i + 1 < len(tokens) and tokens[i + 1][0][:1].isdigit():
            continue  # "Metro Tuyến số 1"
        if _proper(w):
            if w[:1].isdigit() and (not seen_proper or lower_run) and tokens[i - 1][0] != "số":
                break  # "Chung cư tôi làm bảo vệ có 3", "... đạt hơn 15": a number names only right after a name
            end, lower_run, seen_proper = pos + b, 0, True
            continue
        if w in _WORK_STOPS:
            break
        lower_run += 1
        if lower_run > (3 if seen_proper else 5):
            break
    return end if seen_proper else None


def _named_enough(name: str) -> bool:
    """A project's own name: two words at least, not one acronym ("Home City", "Cao ốc RES 11")."""
    words = name.split()
    return len(words) >= 2 and sum(1 for w in words if _proper(w)) >= 2


_WORK_STOPS = frozenset({"và", "của", "tại", "thuộc", "đã", "đang", "được", "là", "cho", "với", "do", "sẽ", "theo", "đến",
                         "từ", "có", "chỉ", "vừa", "nằm", "ở", "trên", "gồm", "bị", "phải", "cần", "mở", "thì", "khi",
                         "dài", "rộng", "cao", "tổng", "hồi", "tháng", "năm", "ngày", "lúc", "vào", "trong", "sau", "trước",
                         "công", "quy", "diện", "vốn", "cách", "khoảng", "gần", "hơn"})  # "công suất", "quy mô", "diện tích"


def _doing_end(s: str, pos: int) -> int | None:
    """ "cải tạo, nâng cấp quốc lộ 1A và đường Hồ Chí Minh đoạn qua Tây Nguyên": what is done and
    to which named works; the end of the phrase."""
    stop = _patterns()["end"].search(s, pos)
    end = stop.start() if stop else len(s)
    phrase = s[pos:end]
    if not _patterns()["work"].search(phrase) or not re.search(r"\s[A-ZĐ0-9]", phrase):
        return None
    last = None
    prev_cap = False
    for t in re.finditer(r"[\wÀ-ỹ'’]+", phrase):
        w = t.group(0)
        if w[:1].isupper() or w[:1].isdigit() and prev_cap:
            last = t.end()
        prev_cap = w[:1].isupper() or (w[:1].isdigit() and prev_cap)
    return pos + last if last else None


def _scheme_end(s: str, pos: int, quote: str | None = None) -> int | None:
    """Where a scheme's name ends: its closing quote (“Đề án X” or Đề án “X”), or before what the
    sentence goes on to say of it ("vừa được", "theo Quyết định", a full stop)."""
    if quote is not None:
        close = s.find("”" if quote == "“" else "\"", pos)
        return close if close > pos else None
    if s[pos:pos + 1] in "“\"":
        close = s.find("”" if s[pos] == "“" else "\"", pos + 1)
        return close + 1 if close > pos else None
    stop = _patterns()["end"].search(s, pos)
    end = stop.start() if stop else len(s)
    # a scheme's name ends with its period ("... giai đoạn 2017 - 2020, tầm nhìn 2030"): what follows
    # it says something of the scheme ("..., ngành da giày sẽ", "... của tỉnh")
    last = None
    for m in _PERIOD.finditer(s, pos, end):
        last = m
    if last is not None and not _PERIOD_GOES_ON.match(s, last.end(), end):
        end = last.end()
    words = list(_WORD.finditer(s, pos, end))
    if not words:
        return None
    if len(words) > _patterns()["max_words"]:
        return None
    return words[-1].end() + (1 if s[words[-1].end():words[-1].end() + 1] == ")" else 0)


_PERIOD = re.compile(r"(?:giai đoạn|thời kỳ)\s+(?:từ\s+)?(?:năm\s+)?\d{4}\s*[-–]\s*(?:năm\s+)?\d{4}|"
                     r"(?:tầm nhìn|định hướng)\s+(?:đến\s+)?(?:năm\s+)?\d{4}|đến năm\s+\d{4}")
# after a period, what still belongs to the name: another period, or nothing
_PERIOD_GOES_ON = re.compile(r"\s*\)?\s*$|\s*,?\s*(?:và\s+)?(?:tầm nhìn|định hướng|giai đoạn|đến năm)(?![\wÀ-ỹ])")

"""What an article's body says about itself, and which of its lines are web page furniture.

Every loader runs :func:`parse_body` on the text it read. It returns a :class:`Body`:

- ``text``: the body lines, NFC, one paragraph a line, spaces collapsed;
- ``leftovers``: page furniture kept apart (share and comment buttons, QR prompts, lone letters,
  follow prompts, unaccented slug lines, related-article headlines, bylines, site UI strings);
- ``title``, ``date``, ``outlet`` (the tag opening the first paragraph) and ``source`` (the outlet's
  name, when the page furniture or the tag tells it).

What stays in ``text``, so that character offsets are the article's own wording:

- the outlet tag stays at the head of its paragraph ("(CT) - Ngày 28-5, ..."); it is also
  returned in ``outlet`` without brackets and dash ("CT");
- the title line and a kicker line above it stay in the text (the kicker "Ông Trần Việt Trường,
  Phó Bí thư Thành ủy, Chủ tịch UBND TP Cần Thơ:" carries facts); the title is also in ``title``;
- captions stay, without the trailing " |" some sites print after them.

Whole lines are moved to ``leftovers``; the only cuts inside a line are a follow prompt glued
to a caption ("Theo dõi Pháp luật & Xã hội trên" + caption), a "date 2023-06" marker opening
the first line, site UI strings at the very start or end of a text, and one advertisement.
The publication date line is removed from the text and kept in ``date`` only.
"""

from __future__ import annotations

import html
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources

from ..text import strip_marks

VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")  # publication dates are Vietnamese calendar days
FIRST_YEAR, LAST_YEAR = 1945, 2099  # a publication year outside this is a misreading

HEADER_LINES = 6  # the header (date, kicker, title) lies within the first lines of a text
MAX_DATE_LINE = 80  # a line that is only a date is short
OUTLET_LINES = 3  # the outlet tag opens one of the first body paragraphs
TAIL_LINE_MAX = 60  # bylines, credits and outlet names closing a text are short ...
TAIL_MAX_LINES = 15  # ... and few
TAIL_WINDOW = 2500  # footers are looked for in the last characters of a text
RELATED_LINKS_WINDOW = 1500
RELATED_LINK_MAX = 200  # one ">> headline" link

# ------------------------------------------------------------------------------------------------
# Page furniture, as data

# Site UI strings that open a text. Every 24h.com.vn record of the corpus starts with the first.
HEAD_FURNITURE: tuple[str, ...] = (
    "Lưu bài viết thành công Bạn có thể xem lại bài viết đã lưu ở trangTin bài đã lưu",
)

# Footers: from the marker to the end of the text is furniture, when the marker is near the end.
TAIL_FURNITURE: tuple[str, ...] = (
    "Nguồn: [Link nguồn]",  # 24h.com.vn, every record, often twice
    "Báo Gia đình và Xã hội cập nhật tin tức trong ngày liên tục, mới nhất",
    "Mọi phản ánh, ý kiến, thông tin nóng, bài vở cộng tác của độc giả có thể gửi cho chúng tôi",
    "* Mọi ý kiến đóng góp về giáo dục",  # dantri.com.vn education desk
    "Bạn đọc muốn gửi các câu hỏi thắc mắc về các vấn đề pháp luật",  # vietnamnet legal advice
    "Mọi đóng góp có thể gửi về:",  # vietnamnet charity appeals (bank accounts follow)
    "Độc giả liên hệ qua email",  # vnexpress
)

# An advertisement 24h.com.vn glued into the middle of its 2026 texts:
# "Liverpool - Man City 08.02 Dự đoán tỷ số trận đấu.Cơ hội trúng ngay 500.000 đồng!!!"
INLINE_AD_HINT = "Dự đoán tỷ số trận đấu"
INLINE_AD = re.compile(
    r"(?:[A-Z][\w']*\s-\s[A-Z][\w']*(?:\s[A-Z][\w']*)?\s\d{2}\.\d{2}\s)?"
    r"Dự đoán tỷ số trận đấu\.\s?Cơ hội trúng ngay [\d.]+ đồng!*"
)

# Whole lines that are furniture: compared case-folded, spaces collapsed, final colon dropped.
UI_LINES: frozenset[str] = frozenset(
    {
        "chia sẻ bài viết", "chia sẻ", "chia sẻ bài", "chia sẻ facebook", "chia sẻ zalo",
        "< trở về trang trước", "trở về trang trước", "về trang trước", "quay lại", "< quay lại",
        "trở về", "về đầu trang", "lên đầu trang", "đầu trang",
        "gửi bình luận của bạn", "gửi bình luận", "bình luận", "bình luận của bạn", "viết bình luận",
        "ý kiến bạn đọc", "gửi ý kiến", "gửi", "nguồn", "in bài viết", "in bài", "bản in", "in",
        "lưu bài viết", "lưu", "tin liên quan", "bài liên quan", "tin cùng chuyên mục", "tin khác",
        "các tin khác", "tin mới", "tin mới nhất", "xem thêm", "đọc thêm", "đọc tiếp",
        "facebook", "zalo", "twitter", "email", "like", "share", "tweet", "thích", "quảng cáo",
        "theo dõi chúng tôi", "tags", "tag", "từ khóa", "từ khoá",
    }
)

# Lines starting with these (case-folded) are furniture whatever follows.
UI_LINE_PREFIXES: tuple[str, ...] = (
    "mở zalo, bấm quét qr",
    "mở zalo bấm quét qr",
    "lưu bài viết thành công",
    "bấm vào đây để",
    "click vào đây để",
)
UI_LINE_MAX = 120

# Related-article and tag lists: a line opening with one of these labels.
RELATED_LINE = re.compile(
    r"(?:Tin liên quan|Bài liên quan|Tin cùng chuyên mục|Xem thêm|Đọc thêm|Tags?|Từ khóa|Từ khoá)\s*[:>»]",
    re.IGNORECASE,
)

# Bylines and credits on a line of their own ("Tin, ảnh: T. TRINH", "Ảnh: Minh Hoàng", "Nguồn: ...").
BYLINE_LINE = re.compile(
    r"(?:(?:Tin|Bài|Ảnh|Video|Clip|Đồ họa|Đồ hoạ|Thực hiện)(?:\s*(?:,|và|-|&|\+)\s*(?:tin|bài|ảnh|video|clip))*"
    r"\s*:\s*\S|Nguồn\s*:)",
    re.IGNORECASE,
)
BYLINE_MAX = 80

# "Theo dõi Pháp luật & Xã hội trên" (+ Google News ...): an outlet's follow prompt, often glued to
# the caption after it ("... trênPhó Bí thư Thành ủy ..."). A real sentence ("Theo dõi chặt chẽ
# diễn biến mực nước trên các sông") goes on in lower case after "trên" and is not matched.
FOLLOW_PROMPT = re.compile(
    r"Theo dõi (?P<name>[^.,;:!?|]{2,60}?) trên"
    r"(?P<platform> (?:Google News|Google Tin tức|Zalo|Facebook|YouTube|TikTok))?"
)

# A line opening with six or more unaccented lower-case words is a URL slug ("day nhanh tien do cac
# du an trong diem ..."), possibly followed by a related headline: Vietnamese prose has diacritics
# and starts with a capital.
SLUG_LINE = re.compile(r"[a-z0-9]+(?: [a-z0-9]+){5,}(?: |$)")
_NON_SLUG = re.compile(r"[^a-z0-9]+")

_NO_WORD_CHARACTER = re.compile(r"[\W_]+")  # "|", "-", "***", "•"
_SENTENCE_END = re.compile(r"[.!?…;:\"”’»\]]$")
_PAREN_CREDIT = re.compile(r"\([^()]{1,40}\)")  # "(TTXVN)", "(tổng hợp)"
_CAPTION_PIPES = re.compile(r"[\s|]*\|$")
_LINK_MARK = re.compile(r"\s(?:>>|»)\s")
_LINK_MARK_NO_GUILLEMET = re.compile(r"\s>>\s")

# ------------------------------------------------------------------------------------------------
# Dates

_WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*nhật|CN|T[2-7])"
_TIME = r"\d{1,2}\s*[:hg]\s*\d{2}(?::\d{2})?(?:\s*(?:SA|CH|AM|PM))?"
_LABEL = (
    r"(?:cập\s*nhật(?:\s*lần\s*cuối)?|ngày\s*cập\s*nhật|ngày\s*đăng|đăng|ngày\s*xuất\s*bản|xuất\s*bản"
    r"|thời\s*gian(?:\s*đăng)?|published|updated|posted)(?:\s*(?:ngày|lúc|vào))?"
)
_DMY = r"(?P<d1>\d{1,2})(?P<sep>[/.-])(?P<m1>\d{1,2})(?P=sep)(?P<y1>\d{4})"
_IN_WORDS = r"ngày\s+(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})"
_ISO = r"(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})"
_GMT = r"\(?\s*GMT\s*[+-]\s*\d{1,2}(?::?\d{2})?\s*\)?"

# A line that is only a publication date, in the forms the Vietnamese press prints:
# "28/05/2024 - 15:58", "Cập nhật ngày: 04/03/2024 18:35:30", "19:52 | 18/06/2018",
# "Thứ Hai, 28/05/2024", "28-5-2024", "ngày 28 tháng 5 năm 2024", "Thứ hai, 28/5/2024, 15:58 (GMT+7)".
DATE_LINE = re.compile(
    rf"(?:{_LABEL}\s*:?\s*)?(?:{_WEEKDAY}\s*[,-]?\s*)?(?:{_TIME}\s*[|,-]?\s*)?(?:ngày\s+)?"
    rf"(?:{_DMY}|{_IN_WORDS}|{_ISO})"
    rf"(?:\s*[|,-]?\s*(?:lúc\s*)?{_TIME})?(?:\s*{_GMT})?",
    re.IGNORECASE,
)
# " date 2023-06 Ngày 29-6, đồng chí ...": a year-month marker opening the first line ...
DATE_MARKER = re.compile(r"date\s+(?P<y>\d{4})-(?P<m>\d{1,2})\b\s*", re.IGNORECASE)
# ... whose day comes from the event day the first sentence opens with ("Ngày 29-6", "Sáng 18/6").
EVENT_DAY = re.compile(
    r"(?:rạng\s+)?(?:ngày|sáng|chiều|tối|trưa|đêm)(?:\s+nay)?(?:\s+ngày)?\s+(?P<d>\d{1,2})\s*[-/.]\s*(?P<m>\d{1,2})\b",
    re.IGNORECASE,
)

# ------------------------------------------------------------------------------------------------
# Outlet tags

# "(CT) - ", "(Dân trí) - ", "Hà Nội (TTXVN) - " (a place before the tag: known tags only)
OUTLET_TAG_IN_BRACKETS = re.compile(
    r"(?P<place>(?:[^\W\d_][\w.]*\s){0,3}?)\((?P<tag>[^()\n]{2,30})\)\s*[-–—]+\s*(?=\S)"
)
# "ĐTO - ", "GD&TĐ - ", "ANTT.VN - ": a known tag, or capitals shaped like an online paper's tag
# (TTO, PLO, NLĐO, BGĐT, VOV.VN ...): a bare "SLNA - Quảng Nam" or "WPP - Công ty ..." is not one.
OUTLET_TAG_BARE = re.compile(r"(?P<tag>[^\W\d_][\w&.]{1,15}(?: Online)?)\s*[-–—]+\s+(?=\S)")
ONLINE_TAG_ENDINGS = ("O", "ĐT", " Online", ".VN", ".vn", ".COM", ".com", ".NET", ".net")

# ------------------------------------------------------------------------------------------------
# Characters

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


# Characters that need fixing; most texts have none, so one search decides whether to fix.
_SPECIAL_CHARACTERS = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\xa0\xad\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]"
)
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\xad\u200b-\u200d\u2060\ufeff]+")
_ODD_SPACE = re.compile("[\t\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ODD_NEWLINE = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_SPACE_RUN = re.compile(" {2,}")


def clean_characters(s: str) -> str:
    """Entities decoded, invisible and control characters dropped, one kind of space and newline, NFC."""
    if "&" in s:
        s = _ENTITY.sub(lambda m: html.unescape(m.group(0)), s)
    if _SPECIAL_CHARACTERS.search(s):
        s = _ODD_NEWLINE.sub("\n", s)
        s = _INVISIBLE.sub("", s)
        s = _ODD_SPACE.sub(" ", s)
    if not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)
    return s


def _tidy_line(line: str) -> str:
    """A line without spaces around it and with single spaces inside."""
    line = line.strip()
    return _SPACE_RUN.sub(" ", line) if "  " in line else line


def clean_line(s: str | None) -> str | None:
    """A one-line field (title, source) cleaned like the text, spaces collapsed; None if empty."""
    if not isinstance(s, str):
        return None
    s = _tidy_line(clean_characters(s).replace("\n", " "))
    return s or None


# ------------------------------------------------------------------------------------------------
# The result


@dataclass
class Body:
    """An article body split into what recognisers read as text and what is page furniture."""

    text: str
    leftovers: list[str] = field(default_factory=list)
    title: str | None = None
    date: date | None = None
    outlet: str | None = None  # the tag as printed, without brackets and dash: "CT", "ĐTO"
    source: str | None = None  # the outlet's name, when the page tells it


@dataclass
class _Line:
    """One line of the text while it is sorted into body and furniture."""

    body: str | None  # what stays in the text (None: nothing)
    furniture: list[str] = field(default_factory=list)  # what goes to the leftovers, in order


def parse_body(raw: str, *, title: str | None = None, find_title: bool = True, find_date: bool = True) -> Body:
    """Split a raw article text into body text, leftovers and the metadata the body carries.

    ``title`` is a title known from elsewhere (a JSONL field, an HTML page); with ``find_title``
    and no ``title`` the headline line of the text is taken. ``find_date`` looks for a
    publication date line (leave it off when the record has a date).
    """
    text = clean_characters(raw)
    head_furniture: list[str] = []
    tail_furniture: list[str] = []
    text = _cut_head(text, head_furniture)
    text = _cut_tail(text, tail_furniture)
    text = _cut_inline_ads(text, head_furniture)

    raw_lines = [tidy for line in text.split("\n") if (tidy := _tidy_line(line))]
    published = _take_date(raw_lines) if find_date else None

    lines, prompt_names = _sort_lines(raw_lines)
    title_at = None
    if title is None and find_title:
        title_at = _find_title(lines)
        if title_at is not None:
            title = lines[title_at].body
    _move_slug_lines(lines, title, title_at)
    _move_tail_furniture(lines, title_at)
    outlet = _find_outlet(lines, title_at)
    source = _find_source(lines, prompt_names, outlet)

    body_lines: list[str] = []
    leftovers = head_furniture
    for line in lines:
        leftovers.extend(_without_pipes(part) for part in line.furniture)
        if line.body is not None:
            body = _without_pipes(line.body)
            if body:
                body_lines.append(body)
    leftovers.extend(tail_furniture)
    return Body(
        text="\n".join(body_lines),
        leftovers=[part for part in leftovers if part],
        title=title,
        date=published,
        outlet=outlet,
        source=source,
    )


# ------------------------------------------------------------------------------------------------
# Steps of parse_body


def _without_pipes(line: str) -> str:
    """A caption or link without the " |" (or " | |") sites print after it."""
    return _CAPTION_PIPES.sub("", line) if line.endswith("|") else line


def _cut_head(text: str, furniture: list[str]) -> str:
    """Cut the known site UI strings that open a text."""
    stripped = text.lstrip()
    for phrase in HEAD_FURNITURE:
        if stripped.startswith(phrase):
            furniture.append(phrase)
            stripped = stripped[len(phrase) :].lstrip()
    return stripped


def _cut_tail(text: str, furniture: list[str]) -> str:
    """Cut known footers and a closing run of ">> related headline" links."""
    window_start = max(0, len(text) - TAIL_WINDOW)
    cuts = [i for phrase in TAIL_FURNITURE if (i := text.find(phrase, window_start)) >= 0]
    if cuts:
        cut = min(cuts)
        footer = " ".join(text[cut:].split())
        furniture.append(footer)
        text = text[:cut].rstrip()
    return _cut_related_links(text, furniture)


def _cut_inline_ads(text: str, furniture: list[str]) -> str:
    """Cut the advertisements glued into the middle of a text."""
    if INLINE_AD_HINT not in text:
        return text
    furniture.extend(m.group(0) for m in INLINE_AD.finditer(text))
    return INLINE_AD.sub("", text)


def _cut_related_links(text: str, furniture: list[str]) -> str:
    """Cut "... >> Headline one >> Headline two" closing a text (baomoi-era related links)."""
    window_start = max(0, len(text) - RELATED_LINKS_WINDOW)
    window = text[window_start:]
    if ">>" not in window and "»" not in window:
        return text
    marker = _LINK_MARK_NO_GUILLEMET if "«" in window else _LINK_MARK  # « ... » are quotes
    marks = list(marker.finditer(text, window_start))
    cut, end = None, len(text)
    for mark in reversed(marks):
        if end - mark.end() > RELATED_LINK_MAX:
            break
        cut, end = mark.start(), mark.start()
    if cut is None:
        return text
    furniture.extend(link.strip() for link in marker.split(text[cut:]) if link.strip())
    return text[:cut].rstrip()


def _take_date(lines: list[str]) -> date | None:
    """Find the publication date in the header, remove it from ``lines`` and return it."""
    for i, line in enumerate(lines[:HEADER_LINES]):
        marker = DATE_MARKER.match(line)
        if marker:
            rest = line[marker.end() :]
            if rest:
                lines[i] = rest
            else:
                del lines[i]
            day = EVENT_DAY.match(rest)
            if day and int(day["m"]) == int(marker["m"]):
                found = make_date(marker["y"], marker["m"], day["d"])
                if found:
                    return found
            break
    for i, line in enumerate(lines):
        if len(line) <= MAX_DATE_LINE:
            found = parse_date_line(line)
            if found:
                del lines[i]
                return found
    return None


def parse_date_line(line: str) -> date | None:
    """The date of a line that is only a date ("28/05/2024 - 15:58", "19:52 | 18/06/2018" ...)."""
    m = DATE_LINE.fullmatch(line.strip())
    if not m:
        return None
    if m["y1"]:
        return make_date(m["y1"], m["m1"], m["d1"])
    if m["y2"]:
        return make_date(m["y2"], m["m2"], m["d2"])
    return make_date(m["y3"], m["m3"], m["d3"])


def make_date(year: str | int, month: str | int, day: str | int) -> date | None:
    """A date from its parts, or None when they are no calendar day or out of range."""
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found if FIRST_YEAR <= found.year <= LAST_YEAR else None


def parse_iso_date(value: object) -> date | None:
    """An ISO date or date-time ("2021-04-15", "2021-04-15T08:00:00", "...+00:00") as a date.

    A date-time with a time zone is first moved to Vietnamese time: the corpus's 2026 records
    give UTC, and "2026-01-30T17:00:00+00:00" is an article of 31 January in Vietnam.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(VIETNAM_TIME)
    return moment.date()


def _sort_lines(raw_lines: list[str]) -> tuple[list[_Line], list[str]]:
    """First sorting: furniture recognisable from the line alone; also the follow-prompt names."""
    lines: list[_Line] = []
    prompt_names: list[str] = []
    for line in raw_lines:
        if _is_furniture_line(line):
            lines.append(_Line(None, [line]))
            continue
        prompt = FOLLOW_PROMPT.match(line) if line.startswith("Theo dõi ") else None
        if prompt and _prompt_ends(prompt, line):
            rest = line[prompt.end() :].strip()
            prompt_names.append(prompt["name"].strip())
            lines.append(_Line(rest or None, [prompt.group(0)]))
            continue
        lines.append(_Line(line))
    return lines, prompt_names


def _is_furniture_line(line: str) -> bool:
    """Share buttons, QR prompts, lone letters, related lists, bylines: furniture wherever they are."""
    if (len(line) == 1 and not line.isdigit()) or _NO_WORD_CHARACTER.fullmatch(line):
        return True
    if len(line) <= UI_LINE_MAX:
        key = " ".join(line.casefold().split()).rstrip(" :")
        if key in UI_LINES or key.startswith(UI_LINE_PREFIXES):
            return True
        if len(line) <= BYLINE_MAX and BYLINE_LINE.match(line):
            return True
    return bool(RELATED_LINE.match(line))


def _prompt_ends(prompt: re.Match, line: str) -> bool:
    """A follow prompt ends the line or is glued to a capitalised caption, not a sentence going on."""
    rest = line[prompt.end() :]
    if not rest or rest[0].isupper() or rest.lstrip().startswith("|"):
        return True
    return bool(prompt["platform"]) and rest[0] == " "


def _find_title(lines: list[_Line]) -> int | None:
    """The index of the headline among the first lines, skipping a kicker ending in ":"."""
    seen = 0
    for i, line in enumerate(lines):
        if line.body is None:
            continue
        seen += 1
        if seen > HEADER_LINES:
            return None
        if line.body.endswith(":") and len(line.body) <= 250:
            continue  # kicker: "Ông Trần Việt Trường, Phó Bí thư Thành ủy, Chủ tịch UBND TP Cần Thơ:"
        return i if _is_headline(line.body) else None
    return None


def _is_headline(line: str) -> bool:
    """Short, capitalised, not ending like a sentence, a caption or a list item."""
    if not 8 <= len(line) <= 250 or len(line.split()) > 40:
        return False
    if line.endswith((".", ":", ",", ";", "|", "…")):
        return False
    first = line[0]
    if not (first.isupper() or first.isdigit() or first in "\"“'‘"):
        return False
    return _outlet_tag(line) is None


def _slug(s: str) -> str:
    """The unaccented, lower-case, space-separated form sites put in URLs."""
    return " ".join(_NON_SLUG.sub(" ", strip_marks(s).lower()).split())


def _move_slug_lines(lines: list[_Line], title: str | None, title_at: int | None) -> None:
    """Move unaccented slug lines (the title's slug, often followed by a related headline) to furniture."""
    title_slug = None
    for i, line in enumerate(lines):
        body = line.body
        if body is None or i == title_at or not ("a" <= body[0] <= "z" or body[0].isdigit()):
            continue
        if title_slug is None:
            title_slug = _slug(title) if title else ""
        is_title_slug = title_slug and (body == title_slug or body.startswith(title_slug + " "))
        if is_title_slug or SLUG_LINE.match(body):
            line.furniture.append(body)
            line.body = None


def _move_tail_furniture(lines: list[_Line], title_at: int | None) -> None:
    """Move the closing run of short lines (related headlines, bylines, outlet names) to furniture."""
    body_indexes = [i for i, line in enumerate(lines) if line.body is not None]
    if not body_indexes:
        return
    first_kept = body_indexes[0] if title_at is None else title_at
    for moved, i in enumerate(reversed(body_indexes)):
        if i <= first_kept or moved >= TAIL_MAX_LINES or not _is_tail_furniture(lines[i].body):
            break
        lines[i].furniture.append(lines[i].body)
        lines[i].body = None


def _is_tail_furniture(line: str) -> bool:
    """A line that, at the end of an article, is not prose: a "... |" link, a credit, a short unended line.

    Longer lines without a final full stop are kept: in the corpus they are more often a body
    sentence that lost its stop, or a caption, than a related headline.
    """
    if line.endswith("|") or _PAREN_CREDIT.fullmatch(line):
        return True
    return len(line) <= TAIL_LINE_MAX and not _SENTENCE_END.search(line)


def _find_outlet(lines: list[_Line], title_at: int | None) -> str | None:
    """The outlet tag opening one of the first body paragraphs after the title."""
    start = 0 if title_at is None else title_at + 1
    checked = 0
    for line in lines[start:]:
        if line.body is None:
            continue
        tag = _outlet_tag(line.body)
        if tag:
            return tag
        checked += 1
        if checked >= OUTLET_LINES:
            return None
    return None


def _outlet_tag(line: str) -> str | None:
    """The tag of "(CT) - ...", "ĐTO - ...", "Hà Nội (TTXVN) - ...", else None."""
    if "-" not in line[:50] and "–" not in line[:50] and "—" not in line[:50]:
        return None
    m = OUTLET_TAG_IN_BRACKETS.match(line)
    if m:
        tag = m["tag"]
        if tag != tag.strip():
            return None  # "( Tin tức thời sự ) - ": a section label, not an outlet
        place = m["place"].split()
        if place:
            known = all(word[0].isupper() for word in place) and outlet_info(tag) is not None
            return tag if known else None
        return tag if tag[0].isupper() and not tag.replace(".", "").isdigit() else None
    m = OUTLET_TAG_BARE.match(line)
    if m:
        tag = m["tag"]
        if outlet_info(tag) is not None:
            return tag
        capitals = sum(1 for ch in tag if ch.isupper())
        shaped_like_a_tag = tag.isupper() and capitals >= 2 and tag.endswith(ONLINE_TAG_ENDINGS)
        if shaped_like_a_tag and _tag_key(tag) not in _outlets()[1]:
            return tag
    return None


def _find_source(lines: list[_Line], prompt_names: list[str], outlet: str | None) -> str | None:
    """The outlet's name: from its follow prompt (preferring its own spelling at the end), or its tag."""
    if prompt_names:
        name = prompt_names[0]
        wanted = _name_key(name)
        for line in reversed(lines):
            for part in line.furniture:
                if _name_key(part) == wanted:
                    return part
        return name
    if outlet:
        info = outlet_info(outlet)
        if info:
            return info["name"]
    return None


def _name_key(name: str) -> str:
    """Outlet names compared with "&" read as "và": "Pháp luật & Xã hội" = "Pháp luật và Xã hội"."""
    return " ".join(name.replace("&", " và ").casefold().split())


# ------------------------------------------------------------------------------------------------
# Known outlets (data/outlets.toml)


def _tag_key(tag: str) -> str:
    """A tag as looked up: NFC, without brackets and spaces around, case-folded."""
    return unicodedata.normalize("NFC", tag).strip().strip("()").strip().casefold()


@lru_cache(maxsize=1)
def _outlets() -> tuple[dict[str, dict], frozenset[str]]:
    """The tag index (every spelling -> entry) and the capitalised words that are not tags."""
    data = tomllib.loads(resources.files("govkg").joinpath("data/outlets.toml").read_text("utf-8"))
    index: dict[str, dict] = {}
    for tag, info in data.get("tags", {}).items():
        entry = {"tag": tag, "name": info["name"], "province": info.get("province"), "domain": info.get("domain")}
        for spelling in (tag, *info.get("aliases", ())):
            index[_tag_key(spelling)] = entry
    return index, frozenset(_tag_key(word) for word in data.get("not_tags", ()))


def outlet_info(tag: str) -> dict | None:
    """What data/outlets.toml knows of an outlet tag: {"tag", "name", "province", "domain"}, or None.

    ``province`` is None for national outlets. The tag may be given with its brackets ("(CT)").
    """
    entry = _outlets()[0].get(_tag_key(tag))
    return dict(entry) if entry else None

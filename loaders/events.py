"""Meetings, conferences, working sessions, inspections and other events in a sentence: what
they were, when (as written: "Chiều 11/5", "ngày 23/6", "Hôm nay 22.5"), and where the sentence
names who chaired them.

Chairs only as the gold defines them: who chủ trì, chủ tọa or điều hành an event, or dẫn đầu a
delegation ("PERSON chủ trì hội nghị", "dưới sự điều hành của PERSON", "Chủ trì buổi họp báo có
PERSON", "Đoàn kiểm tra ... do PERSON làm Trưởng đoàn", "PERSON dẫn đầu Đoàn kiểm tra ..."); a
speech at an event ("phát biểu tại hội nghị") chairs nothing. :func:`find_events` is pure: it
gives each event's kind, name and day, and the span where its chair is named (or, for "PERSON
chủ trì ...", the verb, the chair being the person named before it); the article state picks the
person. Vocabulary: data/chain.toml [events].
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govkg.text import not_after, trie_pattern
from govkg.vocab import derived, vocab

_WB = r"(?![\wÀ-ỹ])"


@dataclass(frozen=True)
class EventMention:
    kind: str  # meeting, conference, working session, inspection, press conference, signing ...
    name: str  # the phrase naming it ("Hội nghị sơ kết công tác 6 tháng đầu năm ...")
    start: int  # span of the name
    end: int
    day: tuple[int, int, int | None] | None = None  # (day, month, year or None) as written
    day_text: str | None = None  # "Chiều 11/5"
    chair_before: int | None = None  # "PERSON chủ trì ...": the chair is the person named before this offset
    chair_span: tuple[int, int] | None = None  # "dưới sự điều hành của PERSON": the chair is named in this span
    how: str | None = None  # chủ trì, chủ tọa, điều hành, dẫn đầu


@derived
def _patterns() -> dict:
    e = vocab().chain.raw.get("events", {})
    kinds = e.get("kinds", {})

    def alt(words) -> str:
        return trie_pattern(words) if words else "(?!)"

    chair = alt(e.get("chair_verbs", []))
    return {
        "kinds": kinds,
        "event": re.compile(r"(?<![\wÀ-ỹ])(?P<w>" + alt(kinds) + r")" + _WB, re.I),
        "chair_verb": re.compile(r"(?P<v>" + (trie_pattern(e["chair_verbs"], (r"[\wÀ-ỹ]",)) if e.get("chair_verbs") else "(?!)")
                                 + r")" + _WB),
        "under": re.compile(r"dưới sự (?P<v>" + chair + r") của\s+"),
        "chair_is": re.compile(r"(?P<v>[Cc](?<![\wÀ-ỹ].)(?:hủ trì|hủ tọa))\s+(?P<ev>[^,;.]{0,60}?)\s+(?:có|là|gồm)\s+"),
        "led_by": re.compile(r"[Đđ](?<![\wÀ-ỹ].)oàn(?:\s+[\wÀ-ỹ]+){0,12}?\s+do\s+(?P<who>[^;]{3,200}?)\s+"
                             r"(?:làm [Tt]rưởng [Đđ]oàn|dẫn đầu)" + _WB),
        "session": re.compile(r"(?P<w>" + not_after(r"[\wÀ-ỹ]", ["làm việc với", "buổi làm việc", "cuộc làm việc", "kiểm tra",
                                                                  "thăm và làm việc"]) + r")" + _WB),
        "assign_before": re.compile(r"(?:" + not_after(r"[\wÀ-ỹ]", ["giao", "yêu cầu", "đề nghị", "chỉ đạo", "phân công"]) + r")\s+(?:cho\s+)?[^,;.]{1,60}$"),
        "held_on": re.compile(r"[^.;]{0,160}?\sdo\s[^.;,]{2,60}?\stổ chức\s+(?:vào\s+)?(?=\S)"),
        "leads": re.compile(r"d(?<![\wÀ-ỹ].)ẫn đầu\s+(?:[Đđ]oàn|đoàn)" + _WB),
        "day": re.compile(r"(?<![\wÀ-ỹ])(?P<text>(?:[Ss]áng|[Cc]hiều(?: tối)?|[Tt]ối|[Tt]rưa|[Nn]gày|[Hh]ôm nay|[Hh]ôm qua)"
                          r"(?:\s+(?:hôm\s+)?(?:nay|qua))?(?:\s+ngày)?(?:\s+mùng)?\s*\(?\s*(?P<d>\d{1,2})\s*[-/.]\s*(?P<m>\d{1,2})"
                          r"(?:\s*[-/.]\s*(?P<y>(?:19|20)\d\d))?)(?![\d/])"),
        "name_end": re.compile(r"\s*(?:[,;:.(]|\s(?:" + alt(e.get("name_end_words", [])) + r")" + _WB + r")"),
        "not_chair": re.compile(r"(?:" + alt(e.get("not_chair_before", [])) + r")\s*$", re.I),
    }


def find_events(sentence: str) -> list[EventMention]:
    """The events a sentence names with a chair or a day.

    >>> s = "Ngày 28-5, ông Trần Việt Trường chủ trì cuộc họp đánh giá tình hình triển khai thực hiện nhiệm vụ."
    >>> [(e.kind, e.day, e.how, s[:e.chair_before].endswith("Trường ")) for e in find_events(s)]
    [('meeting', (28, 5, None), 'chủ trì', True)]
    >>> s = "chiều 22-5, Quốc hội làm việc tại hội trường dưới sự điều hành của Phó chủ tịch Quốc hội Phùng Quốc Hiển."
    >>> [(e.kind, e.day_text, s[e.chair_span[0]:e.chair_span[1]]) for e in find_events(s)]
    [('meeting', 'chiều 22-5', 'Phó chủ tịch Quốc hội Phùng Quốc Hiển')]
    >>> s = "Chủ trì buổi họp báo có Thứ trưởng Bộ Nội vụ Nguyễn Duy Thăng."
    >>> [(e.kind, s[e.chair_span[0]:e.chair_span[1]]) for e in find_events(s)]
    [('press conference', 'Thứ trưởng Bộ Nội vụ Nguyễn Duy Thăng')]
    >>> s = "Sáng 6/7, Đoàn kiểm tra của Ban Bí thư do Trưởng ban Tuyên giáo Trung ương Võ Văn Thưởng làm Trưởng đoàn đã làm việc với Ban cán sự Đảng Bộ Kế hoạch và Đầu tư."
    >>> [(e.kind, e.how, s[e.chair_span[0]:e.chair_span[1]]) for e in find_events(s)]
    [('working session', 'dẫn đầu', 'Trưởng ban Tuyên giáo Trung ương Võ Văn Thưởng')]
    >>> [e.kind for e in find_events("Chiều 27/6, Bộ Nội vụ đã tổ chức họp báo về tinh giản biên chế.")]
    ['press conference']
    >>> find_events("Bộ trưởng phát biểu tại hội nghị.")
    []
    >>> s = "Hội thảo Triển khai tiêu chí đánh giá phòng xét nghiệm do Bộ Y tế tổ chức chiều ngày 23/6."
    >>> [(e.kind, e.day, e.day_text) for e in find_events(s)]
    [('conference', (23, 6, None), 'chiều ngày 23/6')]
    >>> s = "Như báo đã đưa tin, chiều 31/5, tại buổi họp báo thông tin về Festival Di sản Quảng Nam, ông Quang cho biết."
    >>> [(e.kind, e.day) for e in find_events(s)]
    [('press conference', (31, 5, None))]
    """
    p = _patterns()
    day = p["day"].search(sentence)
    day_t = (int(day.group("d")), int(day.group("m")), int(day.group("y")) if day.group("y") else None) if day else None
    day_text = day.group("text") if day else None
    out: list[EventMention] = []

    def event_after(pos: int, limit: int = 80) -> re.Match | None:
        m = p["event"].search(sentence, pos, min(len(sentence), pos + limit))
        return m

    def add(m: re.Match | None, when: re.Match | None = None, **chair) -> None:
        if m is None:
            return
        kind = p["kinds"][_kind_key(m.group("w"))]
        end = p["name_end"].search(sentence, m.end())
        stop = end.start() if end else len(sentence)
        name = sentence[m.start():min(stop, m.start() + 160)].strip()
        if any(e.start == m.start() for e in out):
            return
        d, text = (day_t, day_text) if when is None else (_day_of(when), when.group("text"))
        out.append(EventMention(kind, name, m.start(), m.start() + len(name), d, text, **chair))

    # "PERSON chủ trì cuộc họp ...", "PERSON chủ tọa phiên họp"
    for v in p["chair_verb"].finditer(sentence):
        if p["not_chair"].search(sentence[max(0, v.start() - 25):v.start()]):
            continue  # "cơ quan chủ trì", "được giao chủ trì": a duty, not a chair
        if re.match(r"\s*,", sentence[v.end():]) or p["assign_before"].search(sentence, 0, v.start()):
            continue  # "giao Bộ NN&PTNT chủ trì, kiểm tra ...": the body's part in a task
        add(event_after(v.end(), 25), chair_before=v.start(), how=v.group("v").lower())
    # "dưới sự điều hành của PERSON": the event is named before
    for u in p["under"].finditer(sentence):
        who_end = p["name_end"].search(sentence, u.end())
        span = (u.end(), who_end.start() if who_end else len(sentence))
        ev = None
        for m in p["event"].finditer(sentence, 0, u.start()):
            ev = m
        add(ev, chair_span=span, how=u.group("v").lower())
    # "Chủ trì buổi họp báo có Thứ trưởng ...": the chair after "có" / "là"
    for c in p["chair_is"].finditer(sentence):
        who_end = p["name_end"].search(sentence, c.end())
        add(p["event"].search(c.group("ev")) and p["event"].search(sentence, c.start("ev"), c.end("ev")),
            chair_span=(c.end(), who_end.start() if who_end else len(sentence)), how=c.group("v").lower())
    # "Đoàn kiểm tra ... do PERSON làm Trưởng đoàn đã làm việc với ...": who leads the delegation
    for d in p["led_by"].finditer(sentence):
        # "Đoàn kiểm tra ... do PERSON làm Trưởng đoàn đã làm việc với ...": the delegation's session
        # (a delegation led to a forum chairs nothing there: "Đoàn ... do X dẫn đầu tham dự Diễn đàn")
        m = p["session"].search(sentence, d.end(), min(len(sentence), d.end() + 60))
        own = p["session"].search(sentence, d.start(), d.start("who"))
        add(m or own, chair_span=(d.start("who"), d.end("who")), how="dẫn đầu")
    for d in p["leads"].finditer(sentence):
        # "PERSON dẫn đầu đoàn ... làm việc với ...": the delegation's own session, not an event it attends
        m = p["session"].search(sentence, d.end(), min(len(sentence), d.end() + 100))
        if m is not None and not re.search(r"[.;]", sentence[d.end():m.start()]):
            add(m, chair_before=d.start(), how="dẫn đầu")
    # an event opening on its day: "Chiều 27/6, Bộ Nội vụ đã tổ chức họp báo ..."
    if day is not None and not out and day.start() < 20:
        m = event_after(day.end(), 120)
        if m is not None and not re.search(r"[.;]", sentence[day.end():m.start()]):
            add(m)
    if not out:
        for when in p["day"].finditer(sentence):
            # "..., chiều 31/5, tại buổi họp báo thông tin về ...": the day, then where it was said
            at = re.match(r"\s*,\s*tại\s+", sentence[when.end():])
            if at is not None:
                add(p["event"].match(sentence, when.end() + at.end()), when)
        for m in p["event"].finditer(sentence):
            # "Hội thảo ... do Bộ Y tế tổ chức chiều ngày 23/6": held by a body on its day
            held = p["held_on"].match(sentence, m.end())
            if held is not None and m.group("w")[:1].isupper():
                when = p["day"].match(sentence, held.end())
                if when is not None:
                    add(m, when)
    return out


def _day_of(when: re.Match) -> tuple[int, int, int | None]:
    return int(when.group("d")), int(when.group("m")), int(when.group("y")) if when.group("y") else None


def _kind_key(word: str) -> str:
    kinds = _patterns()["kinds"]
    for k in kinds:
        if k.lower() == word.lower():
            return k
    return word

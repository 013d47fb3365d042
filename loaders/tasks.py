"""Tasks and targets in a sentence: what a body is given to do, as the gold defines them.

- an **assignment**: a verb of assigning, the bodies it goes to, then the action ("Chính phủ giao
  Bộ Y tế chủ trì ...", "Thủ tướng yêu cầu EVN thực hiện thoái vốn ...", "buộc Thảo Điền Sapphire
  phải tự phá dỡ ...");
- an **obligation**: a body as the subject of a word that makes the action its duty ("Bộ Tài chính
  có trách nhiệm công khai ...", "Bưu điện Việt Nam cần triển khai ...", "Bộ TT&TT sẽ thành lập
  Đoàn kiểm tra ...");
- a **carrying out**: a body as the subject of carrying out a document ("UBND tỉnh triển khai
  thực hiện Nghị quyết ...", "các huyện ... đều thực hiện chi trả ... theo Quyết định số ...");
- a **count of tasks or targets** under a document ("hoàn thành 11/20 nhiệm vụ").

:func:`find_tasks` is a pure function: the sentence and the actors already found in it (bodies,
enterprises, places standing for their committee: ``(start, end)`` spans) in, :class:`TaskMention`
out, each with the actors it is given to (indices into ``actors``), a class of bodies written out
("các Bộ, ngành, địa phương") when it goes to one, its status and its span. Actions run to the end
of their clause (";", a full stop, "đồng thời"); an assignment listing several actions ("...; đề
xuất ...; báo cáo ...") gives one task each, to the same bodies. Vocabulary: data/chain.toml
[tasks].
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govkg.text import trie_pattern
from govkg.vocab import derived, vocab

_WB = r"(?![\wÀ-ỹ])"


@dataclass(frozen=True)
class TaskMention:
    what: str  # the action as written ("soạn thảo sửa đổi bổ sung một số điều của Luật Giáo dục đại học")
    start: int  # span of ``what`` in the sentence
    end: int
    how: str  # assignment, obligation, carry_out, target, count, continued
    actors: tuple[int, ...] = ()  # indices into the actors given to find_tasks
    generic: str | None = None  # a class of bodies it is given to ("các Bộ, ngành, địa phương")
    verb: str | None = None  # the verb of assigning ("giao", "yêu cầu") or the duty word ("có trách nhiệm")
    verb_start: int | None = None
    status: str | None = None  # done, in progress, not done, late; None when only given
    total: int | None = None  # "hoàn thành 11/20 nhiệm vụ": 20
    done: int | None = None  # 11


@derived
def _patterns() -> dict:
    t = vocab().chain.raw.get("tasks", {})

    def alt(words, word_start: bool = False) -> str:  # word_start: not inside a word (text.trie_pattern)
        return trie_pattern(words, (r"[\wÀ-ỹ]",) if word_start else ()) if words else "(?!)"

    return {
        "assign": re.compile(r"(?:" + alt(t.get("assign_verbs", []), True) + r")" + _WB + r"\s*(?:cho\s+)?"),
        "duty": re.compile(r"\s*(?:,\s*)?(?:" + alt(t.get("duty_words", [])) + r")" + _WB),
        "carry": re.compile(r"\s*(?:(?:" + alt(t.get("aspect_words", [])) + r")\s+)*(?:" + alt(t.get("carry_verbs", []))
                            + r")" + _WB),
        "aspect": re.compile(r"(?:" + alt(t.get("aspect_words", [])) + r")" + _WB + r"\s*"),
        "between": re.compile(r"\s*(?:,\s*|\s+và\s+|\s+cùng\s+|\s*,\s*và\s+)"),
        "generic": re.compile(_generic(t.get("generic_heads", []))),
        "stop": re.compile(r"\s*;\s*|\.\s|\.$|,?\s+đồng thời\s+|\s*\(\s*[Ảả]nh"),
        "upward": frozenset(t.get("upward_bodies", [])),
        "request_verbs": frozenset(t.get("request_verbs", [])),
        "not_action": re.compile(r"(?:" + alt(t.get("not_actions", [])) + r")" + _WB),
        "status": [(re.compile(r"(?:" + alt(words, True) + r")" + _WB), status)
                   for status, words in t.get("status", {}).items()],
        "modal": re.compile(r"(?:cần|phải|nên|cần phải|sẽ)$"),
        "adverbs_only": re.compile(r"(?:(?:" + alt(t.get("clause_adverbs", [])) + r")" + _WB + r"\s*)*", re.I),
        "not_assigner": re.compile(r"(?<![\wÀ-ỹ])(?:" + alt(t.get("not_assigners", [])) + r")" + _WB, re.I),
        "action": re.compile(r"(?:" + alt(t.get("action_verbs", [])) + r")" + _WB, re.I),
        "nominal": re.compile(r"(?<![\wÀ-ỹ])(?:" + alt(t.get("nominal_before", [])) + r")\s*$"),
        "advice": re.compile(r"(?<![\wÀ-ỹ])(?:cần|nên|cần phải|phải|mong|muốn)\s+(?:(?:tiếp tục|sớm|kịp thời)\s+)?$"),
        "bare_duty": re.compile(r"\s*(?:" + alt(t.get("bare_duty_verbs", [])) + r")" + _WB),
        "deadline": re.compile(r"(?:^|(?<=[.;:,]\s)|(?<=^-\s))\s*(?:-\s*)?(?:" + alt([w.capitalize() for w in t.get("deadlines", [])]
                               + t.get("deadlines", [])) + r")\s+(?:[\w/.-]+\s*){1,3}?[:,]?\s*(?:sẽ\s+)?(?=\S)"),
        # what may open a sentence going on with the last task ("Đồng thời, ...", "Trên cơ sở đó, ...")
        "continuing": re.compile(r"\s*(?:-\s*|\+\s*)?(?:(?:" + alt(t.get("continuing", [])) + r"),\s*)?"),
        "deadline_words": re.compile(alt([w.capitalize() for w in t.get("deadlines", [])] + t.get("deadlines", []))),
        "count": re.compile(r"(?P<done>\d+)\s*/\s*(?P<total>\d+)\s+(?P<what>nhiệm vụ|chỉ tiêu)"),
        # a post before a body that stands for it ("yêu cầu Giám đốc Công an Thành phố ...", "Chủ tịch
        # UBND quận 9 được giao ..."): the body answers for its head's task
        "head_title": re.compile(r"(?:" + alt(_head_titles()) + r")\s+$"),
        "head_title_at": re.compile(r"(?:" + alt(_head_titles()) + r")\s+"),
        "strong_duty": frozenset(t.get("head_duty_words", [])),
        "clause_open": re.compile(r"(?:^|[;:]\s*|\.\s+|,\s+(?:" + "|".join(_OPENERS) + r")?,?\s*"
                                  r"|^(?:[\wÀ-ỹ/]+\s+){1,6},\s+|\sthì\s+"
                                  r"|^\s*(?:\d{1,2}\s?[.)/-]|[a-dđ]\)|[-+•])\s*)$", re.I),  # "5- Ban Tuyên giáo ..."
    }


def _head_titles() -> list[str]:
    """The titles of those who head or deputise for a body ("Giám đốc", "Chủ tịch", "Thủ trưởng")."""
    t = vocab().titles
    return [f for f, spec in t.specs.items() if spec.rank in ("head", "deputy") and spec.body is None]


_GENERIC_OPENS = ("các", "những", "UBND", "Ủy ban nhân dân")  # every class of bodies (_generic) opens with one


def _generic(heads) -> str:
    """A class of bodies written out: "các Bộ, ngành, địa phương", "UBND các tỉnh, thành phố trực
    thuộc Trung ương", "các sở, ngành liên quan"."""
    head = r"(?:" + (trie_pattern(heads) if heads else "(?!)") + r")" + _WB
    tail = r"(?:\s+(?:có liên quan|liên quan|trực thuộc [Tt]rung ương|trên địa bàn(?: tỉnh| thành phố)?))?"
    item = r"(?:(?:các|những)\s+|(?:UBND|Ủy ban nhân dân)\s+các\s+)?" + head + tail
    # "UBND quận, huyện": the committees of a list of kinds of place, "các" left out
    listed = r"(?:UBND|Ủy ban nhân dân)\s+(?=" + head + r"\s*(?:,|và)\s*" + head + r")"
    return (r"(?:(?:các|những)\s+|(?:UBND|Ủy ban nhân dân)\s+các\s+|" + listed + r")" + head + tail
            + r"(?:\s*(?:,|và)\s*" + item + r")*")


def find_tasks(sentence: str, actors: list[tuple[int, int]], documents: list[tuple[int, int]] = (),
               authorities: list[int] | None = None, giving: bool = False) -> list[TaskMention]:
    """The tasks a sentence gives. ``actors`` are the spans of the bodies that can be given one,
    ``documents`` the spans of the documents it names, ``authorities`` where a body, a post or a
    document that can give a task is named (an assignment needs one opening its clause, or no
    subject at all: "Cử tri yêu cầu ..." gives no task); None: any. ``giving``: the sentences
    before gave tasks, so a body opening its clause with a bare verb of duty ("Bộ Kế hoạch và Đầu
    tư quyết định điều chỉnh ...") is given one too.

    >>> s = "Chính phủ giao cho Bộ GD&ĐT soạn thảo sửa đổi bổ sung một số điều của Luật Giáo dục đại học."
    >>> [(t.what, t.actors, t.verb) for t in find_tasks(s, [(19, 28)])]
    [('soạn thảo sửa đổi bổ sung một số điều của Luật Giáo dục đại học', (0,), 'giao')]
    >>> s = "Bộ Tài chính có trách nhiệm công khai các Bộ không thực hiện báo cáo"
    >>> [(t.what, t.how, t.actors) for t in find_tasks(s, [(0, 12)])]
    [('công khai các Bộ không thực hiện báo cáo', 'obligation', (0,))]
    >>> s = "giao Bộ GTVT khẩn trương rà soát quy mô; đề xuất kịp thời các giải pháp, báo cáo Thủ tướng"
    >>> [(t.what, t.actors) for t in find_tasks(s, [(5, 12)])]
    [('rà soát quy mô', (0,)), ('đề xuất kịp thời các giải pháp, báo cáo Thủ tướng', (0,))]
    >>> s = "Phó Thủ tướng yêu cầu các Bộ, ngành, địa phương kiểm điểm nghiêm túc việc báo cáo chậm"
    >>> [(t.what, t.generic) for t in find_tasks(s, [])]
    [('kiểm điểm nghiêm túc việc báo cáo chậm', 'các Bộ, ngành, địa phương')]
    >>> s = "UBND tỉnh đã triển khai thực hiện Nghị quyết số 15 của Tỉnh ủy"
    >>> [(t.what, t.how, t.status) for t in find_tasks(s, [(0, 9)], [(50, 52)])]
    [('triển khai thực hiện Nghị quyết số 15 của Tỉnh ủy', 'carry_out', 'done')]
    >>> s = "UBND TP Cao Lãnh đã hoàn thành 11/20 nhiệm vụ"
    >>> [(t.how, t.done, t.total, t.status) for t in find_tasks(s, [(0, 16)])]
    [('count', 11, 20, 'done')]
    """
    p = _patterns()
    out: list[TaskMention] = []
    taken: list[tuple[int, int]] = []
    if sentence.rstrip().endswith("?"):
        return out  # a question gives nothing
    # assignments: "giao Bộ X ...", "yêu cầu EVN ...", "buộc Thảo Điền Sapphire phải ..."
    for m in p["assign"].finditer(sentence):
        before = sentence[max(0, m.start() - 20):m.start()]
        if p["nominal"].search(before) or p["advice"].search(before):
            continue  # "sự chỉ đạo của", "lãnh đạo, chỉ đạo": a noun; "Chính phủ cần chỉ đạo": advice
        if authorities is not None and not _assigner_ok(sentence, m.start(), authorities):
            continue
        verb = re.sub(r"\s+cho\s*$", "", m.group(0).strip()) if not m.group(0).startswith("giao") else "giao"
        pos = m.end()
        # a head named for the body ("yêu cầu Giám đốc Công an Thành phố ..."), unless asked of him
        # ("Sở Nội vụ đề nghị Chủ tịch UBND tỉnh công nhận ...": a request upward)
        got = _actor_list(sentence, pos, actors, heads=verb not in p["request_verbs"])
        if got is None:
            # "Thủ tướng yêu cầu thoái vốn ...": an action given, nobody named
            if not p["action"].match(sentence, pos) or any(a == pos for a, _ in documents):
                continue
            if authorities is not None and not _assigner_ok(sentence, m.start(), authorities, written=True):
                continue
            got = ((), None, pos)
        idx, generic, after = got
        if verb in p["request_verbs"] and any(sentence[actors[i][0]:actors[i][1]] in p["upward"] for i in idx):
            continue  # "đề nghị Quốc hội phê chuẩn": a request upward, not a task
        duty = p["duty"].match(sentence, after)
        start = duty.end() if duty else after
        listed = idx and re.match(r"\s*:\s*", sentence[start:]) is not None  # "yêu cầu Sở GD-ĐT Hà Nội: Chỉ đạo ..."
        if listed:
            start += re.match(r"\s*:\s*", sentence[start:]).end()
        if generic is not None and not idx and not _acts(sentence, start) and not _acts(sentence, after):
            continue  # "yêu cầu các doanh nghiệp viễn thông di động phải ...": where the class ends is unclear
        for what_start, what_end in _actions(sentence, start, capital=bool(listed)):
            out.append(_task(sentence, what_start, what_end, "assignment", idx, generic, verb, m.start()))
        taken.append((m.start(), after))
    # obligations and carrying out: a body as the subject of a duty word or of carrying out
    for i, (a, b) in enumerate(actors):
        if any(x <= a < y for x, y in taken) or any(t.start <= a < t.end for t in out):
            continue
        headed = False
        if not _is_subject(sentence, a):
            t = p["head_title"].search(sentence, max(0, a - 40), a)
            if t is None or t.end() != a or not _is_subject(sentence, t.start()):
                continue
            headed = True  # "Chủ tịch UBND quận 9 được giao ...": the head's duty, the body's to answer for
        idx, generic, after = _actor_list(sentence, a, actors) or ((i,), None, b)
        duty = p["duty"].match(sentence, after)
        if headed and (duty is None or duty.group(0).strip(" ,") not in p["strong_duty"]):
            continue  # "Phó Chủ tịch UBND tỉnh chủ trì hội nghị": chairing, not a duty given
        if duty is not None and (_quoted(sentence, a) or _OPINION.match(sentence)) and \
                p["modal"].match(duty.group(0).strip(" ,")):
            duty = None  # “Bộ GTVT phải đi đầu ...”, "Theo đại biểu X, ... phải ...": an opinion, not a duty given
        carry = p["carry"].match(sentence, after)
        bare = p["bare_duty"].match(sentence, after) if duty is None and carry is None else None
        if duty is None and carry is None and (bare is None or not (out or giving)):
            continue  # a bare verb states a duty only where the sentence gives other tasks
        if bare is not None:
            duty = re.compile(r"\s*").match(sentence, after)
        if duty is not None and duty.group(0).strip(" ,") == "sẽ" and not _acts(sentence, duty.end()):
            continue  # "... sẽ kết thúc vào ngày hôm nay": what will happen, not a duty
        how = "obligation" if duty is not None else "carry_out"
        start = duty.end() if duty else _after_aspect(sentence, after)
        framed = any(b <= a0 and _CARRIED_DOC.search(sentence, max(0, d0 - 50), d0) for d0, b in documents
                     for a0 in (actors[i][0],))
        for what_start, what_end in _actions(sentence, start):
            if how == "carry_out" and not framed and not any(what_start <= a < what_end for a, _ in documents):
                continue  # carrying out is a task only of a document named with it
            out.append(_task(sentence, what_start, what_end, how, idx, generic,
                             (duty or carry).group(0).strip(" ,"), a))
        taken.append((a, after))
    # a class of bodies as subject: "các Bộ, ngành, địa phương phải khẩn trương xây dựng ..."
    # (each pattern below holds words of its own: searched only where they stand, the same matches)
    for g in p["generic"].finditer(sentence) if any(w in sentence for w in _GENERIC_OPENS) else ():
        if any(x <= g.start() < y for x, y in taken) or any(t.start <= g.start() < t.end for t in out):
            continue
        if not _is_subject(sentence, g.start()):
            continue
        g_end = _class_end(sentence, g.end(), duty_only=True)
        duty = p["duty"].match(sentence, g_end)
        carry = p["carry"].match(sentence, g_end) if duty is None else None
        if duty is None and carry is None:
            continue
        if duty is not None and (not _acts(sentence, duty.end()) or _quoted(sentence, g.start())):
            continue  # "các bộ, ngành phải đắn đo ...": an opinion about a class of bodies
        start = duty.end() if duty else _after_aspect(sentence, g_end)
        for what_start, what_end in _actions(sentence, start):
            if duty is None and not any(what_start <= a < what_end for a, _ in documents):
                continue
            out.append(_task(sentence, what_start, what_end, "obligation" if duty else "carry_out", (),
                             sentence[g.start():g_end], (duty or carry).group(0).strip(" ,"), g.start()))
        taken.append((g.start(), g_end))
    # targets with a deadline: "Trước ngày 30/6/2021: Hoàn thành tổ chức công an xã chính quy ..."
    for m in p["deadline"].finditer(sentence) if p["deadline_words"].search(sentence) else ():
        if any(x <= m.start() < y for x, y in taken) or any(t.start <= m.end() < t.end for t in out):
            continue
        if not p["action"].match(sentence, m.end()):
            continue
        for what_start, what_end in _actions(sentence, m.end(), capital=True):
            out.append(_task(sentence, what_start, what_end, "target", (), None, None, m.start()))
    # counts of tasks or targets: "hoàn thành 11/20 nhiệm vụ"
    for m in p["count"].finditer(sentence) if "nhiệm vụ" in sentence or "chỉ tiêu" in sentence else ():
        status = "late" if "chậm" in sentence[m.end():m.end() + 80] else "done"
        owner = tuple(i for i, (a, b) in enumerate(actors) if b <= m.start() and _is_subject(sentence, a))[-1:]
        out.append(TaskMention(m.group("what"), m.start(), m.end(), "count", owner, None, None, None, status,
                               int(m.group("total")), int(m.group("done"))))
    return sorted(out, key=lambda t: t.start)


# "Theo đại biểu Dương Trung Quốc, Bí thư Tỉnh ủy phải ...": what someone thinks a body must do
_OPINION = re.compile(r"\s*(?:Theo|Theo ý kiến của|Ý kiến của|Nhiều ý kiến cho rằng)\s+(?:ông|bà|anh|chị|đại biểu|ĐB|"
                      r"chuyên gia|luật sư|LS|TS|PGS|GS|nhiều|các|một số|giới)(?![\wÀ-ỹ])")
_SAID = re.compile(r"\s*[,–-]\s*(?:ông|bà|anh|chị|đồng chí)\s+[^,;]{2,60}?(?:cho biết|nói|khẳng định|nhấn mạnh|chia sẻ)\b.*$")


def _task(s: str, start: int, end: int, how: str, idx, generic, verb, verb_start) -> TaskMention:
    said = _SAID.search(s, start, end)
    if said is not None:  # "..., ông Nguyễn Nhật cho biết": who said it is not part of the task
        end = said.start()
    what = s[start:end].strip(" ,:;.”\"")
    return TaskMention(what, start, end, how, tuple(idx), generic, verb, verb_start, _status(s, verb_start, start, end))


def _status(s: str, verb_start: int | None, start: int, end: int) -> str | None:
    """What the sentence says of the task: done ("đã hoàn thành"), in progress ("đang"), not
    done ("chưa"), late ("chậm"); None when it is only given."""
    window = s[(verb_start if verb_start is not None else start):end]
    for pat, status in _patterns()["status"]:
        if pat.search(window):
            return status
    return None


def _after_aspect(s: str, pos: int) -> int:
    """Past the aspect words after a subject ("đã", "đang", "tiếp tục"): where its action starts."""
    p = _patterns()
    while True:
        m = re.compile(r"\s*").match(s, pos)
        pos = m.end()
        a = p["aspect"].match(s, pos)
        if a is None:
            return pos
        pos = a.end()


def _actor_list(s: str, pos: int, actors: list[tuple[int, int]], heads: bool = False
                ) -> tuple[tuple[int, ...], str | None, int] | None:
    """The bodies named one after another from ``pos`` ("Bộ KH&CN, Bộ Y tế, Bộ NN&PTNT"), or a class
    of bodies ("các Bộ, ngành, địa phương"); (their indices, the class as written, where they end)."""
    p = _patterns()
    while pos < len(s) and s[pos] == " ":
        pos += 1
    if s.startswith(("các ", "những "), pos) and any(a == pos + s[pos:].index(" ") + 1 for a, _ in actors):
        pos += s[pos:].index(" ") + 1  # "giao các Bộ Khoa học và Công nghệ, Y tế, ...": the bodies named
    t = p["head_title_at"].match(s, pos) if heads else None
    if t is not None and any(a == t.end() for a, _ in actors):
        pos = t.end()  # "yêu cầu Giám đốc Công an Thành phố chỉ đạo ...": the body answers for its head
    idx: list[int] = []
    end = pos
    while True:
        hit = next((i for i, (a, b) in enumerate(actors) if a == end), None)
        if hit is None:
            break
        idx.append(hit)
        end = actors[hit][1]
        dash = _DASH.match(s, end)
        parent = dash and next((b for a, b in actors if a == dash.end()), None)
        if parent is not None:
            end = parent  # "Công ty Nhôm Đắk Nông - Tập đoàn ...", "Cục X - Bộ Y": whose it is, not another
        sep = p["between"].match(s, end)
        if sep is None or not any(a == sep.end() for a, _ in actors):
            break
        end = sep.end()
    if idx:
        # "Công an tỉnh, các địa phương tăng cường ...": a class of bodies named with them
        sep = p["between"].match(s, end)
        g = p["generic"].match(s, sep.end()) if sep else None
        if g is not None:
            g_end = _class_end(s, g.end())
            if g_end > g.end() or _acts(s, g.end()) or p["duty"].match(s, g.end()):
                return tuple(idx), s[g.start():g_end], g_end
        return tuple(idx), None, end
    g = p["generic"].match(s, pos)
    if g is not None:
        end = _class_end(s, g.end())
        return (), s[g.start():end], end
    return None


_DASH = re.compile(r"\s+[-–]\s+")
_MODIFIER = re.compile(r"\s+(?!(?:và|hoặc|của|là|đã|được|có|không)\s)[\wÀ-ỹ&/-]+")


def _class_end(s: str, pos: int, duty_only: bool = False) -> int:
    """Where a class of bodies ends when words describe it ("các Bộ quản lý chuyên ngành liên quan
    khẩn trương ban hành ...", "các doanh nghiệp kinh doanh xăng dầu đầu mối phải ..."): before the
    duty word (or, unless ``duty_only``, the action) that follows within a few words; ``pos`` when
    one follows at once or none does.

    >>> s = "các Bộ quản lý chuyên ngành liên quan khẩn trương ban hành Danh mục"
    >>> s[:_class_end(s, 6)]
    'các Bộ quản lý chuyên ngành liên quan'
    >>> s = "các bộ, ngành mạnh tay xử lý các doanh nghiệp"
    >>> s[:_class_end(s, 13)]
    'các bộ, ngành'
    """
    p = _patterns()
    if p["duty"].match(s, pos) or not duty_only and _acts(s, pos):
        return pos
    end = pos
    for _ in range(10 if duty_only else 7):
        w = _MODIFIER.match(s, end)
        if w is None or p["aspect"].match(s, end + 1):
            return pos  # "các bộ, ngành tiếp tục quan tâm ...": what the class does, not what it is
        end = w.end()
        if s.startswith(" ", end) and (p["duty"].match(s, end) or not duty_only and _acts(s, end)):
            return end  # "các địa phương động viên, hỗ trợ ...": a comma ends no class's name
    return pos


# "đối với các nhiệm vụ triển khai thực hiện Nghị quyết số 59-NQ/TW ..., thành phố đã tổ chức thực hiện ...":
# the document carried out, named before the body that carries it out
_CARRIED_DOC = re.compile(r"(?:triển khai thực hiện|tổ chức thực hiện|thực hiện|triển khai)\s+(?:[\wÀ-ỹ]+\s+){0,2}?(?:số\s+)?$")
_ADVERBIAL = re.compile(r"(?:theo chức năng, nhiệm vụ(?: được (?:phân công|giao))?|theo chức năng, nhiệm vụ, quyền hạn"
                        r"|trong phạm vi (?:chức năng, nhiệm vụ|thẩm quyền)(?: được giao)?|theo thẩm quyền),\s+")


def _actions(s: str, start: int, capital: bool = False) -> list[tuple[int, int]]:
    """The actions from ``start``: each runs to the end of its clause; a list of them separated by
    ";" (each opening with a lower-case word) gives one span each."""
    p = _patterns()
    out = []
    pos = start
    while pos < len(s):
        while pos < len(s) and s[pos] in " ,":
            pos += 1
        if not out:
            skip = _ADVERBIAL.match(s, pos)  # "theo chức năng, nhiệm vụ được phân công, chủ trì ..."
            if skip is not None:
                pos = skip.end()
        stop = p["stop"].search(s, pos)
        end = stop.start() if stop else len(s)
        piece = s[pos:end]
        words = piece.split()
        lead = re.match(r"(?:đồng thời|Đồng thời),?\s+", piece)
        if lead:  # "; đồng thời, hướng dẫn ...": the next action
            pos += lead.end()
            piece = piece[lead.end():]
            words = piece.split()
        first_ok = words and (words[0][:1].islower() or (capital or out) and p["action"].match(piece))
        if out and not p["action"].match(piece) and not (p["aspect"].match(piece) and p["action"].match(piece, p["aspect"].match(piece).end())):
            break  # "...; căn cứ chức năng ..., Bộ Nội vụ đã lập ...": no longer the same list of actions
        if len(words) < 2 or not first_ok or p["not_action"].match(piece):
            break
        out.append((pos, end))
        if stop is None or not stop.group(0).strip().startswith((";", "đồng thời")) and "đồng thời" not in stop.group(0):
            break
        pos = stop.end()
    return out


def announced(sentence: str, actors: list[tuple[int, int]], authorities: list[int] | None = None
              ) -> tuple[tuple[int, ...], str | None] | None:
    """The bodies an assignment ending its sentence with a colon goes to: its actions follow, one
    a sentence or a line ("Bộ GD-ĐT yêu cầu Sở GD-ĐT Hà Nội: Chỉ đạo ..."); (their indices, a class
    of bodies as written), or None.

    >>> announced("Do đó, Bộ GD-ĐT yêu cầu Sở GD-ĐT Hà Nội:", [(6, 14), (24, 39)])
    ((1,), None)
    >>> announced("Bộ GD-ĐT yêu cầu Sở GD-ĐT Hà Nội làm rõ.", [(0, 8), (18, 33)]) is None
    True
    """
    if not sentence.rstrip().endswith(":"):
        return None
    p = _patterns()
    for m in p["assign"].finditer(sentence):
        before = sentence[max(0, m.start() - 20):m.start()]
        if p["nominal"].search(before) or p["advice"].search(before):
            continue
        if authorities is not None and not _assigner_ok(sentence, m.start(), authorities):
            continue
        got = _actor_list(sentence, m.end(), actors)
        if got is not None and re.fullmatch(r"\s*:\s*", sentence[got[2]:]):
            return got[0], got[1]
    return None


def continued_tasks(sentence: str) -> list[tuple[int, int]]:
    """The actions of a sentence with no subject that goes on with the task before it ("Đồng
    thời, phối hợp với Bộ Giao thông vận tải ...", "Xây dựng kế hoạch tổng thể ..."): the spans of
    its actions, none when it does not open with an action.

    >>> s = "Đồng thời, phối hợp với Bộ Giao thông vận tải hoàn thiện thủ tục đầu tư; chủ trì giám sát."
    >>> [s[a:b] for a, b in continued_tasks(s)]
    ['phối hợp với Bộ Giao thông vận tải hoàn thiện thủ tục đầu tư', 'chủ trì giám sát']
    >>> continued_tasks("Bộ Y tế cho biết, đã có 3 ca.")
    []
    """
    p = _patterns()
    if sentence.rstrip().endswith("?"):
        return []
    m = p["continuing"].match(sentence)
    pos = m.end()
    head = re.match(r"(?:[Tt]iếp tục|[Cc]hủ động|[Kk]hẩn trương)\s+", sentence[pos:])
    verb_at = pos + (head.end() if head else 0)
    v = p["action"].match(sentence, verb_at)
    if not v or re.match(r"\s+(?:được|là|có nghĩa|của|về|này|đó|cho thấy|trên|nêu)(?![\wÀ-ỹ])", sentence[v.end():]):
        return []  # "Thực hiện được điều này ...", "Báo cáo của các tập đoàn ...": no action given
    for m in p["assign"].finditer(sentence):
        if re.search(r"(?:^|[;,]\s*)$", sentence[:m.start()]):
            continue  # "...; chỉ đạo tổ chức rút kinh nghiệm": an action of the list, not an assignment
        if not p["nominal"].search(sentence[max(0, m.start() - 20):m.start()]):
            return []  # a sentence with its own verb of assigning gives its own tasks
    return _actions(sentence, pos, capital=True)


def _acts(s: str, pos: int) -> bool:
    """Whether an action verb opens the text at ``pos`` (after aspect words: "tiếp tục rà soát")."""
    p = _patterns()
    while pos < len(s) and s[pos] in " ,":
        pos += 1
    a = p["aspect"].match(s, pos)
    if a is not None:
        pos = a.end()
    return bool(p["action"].match(s, pos))


def _quoted(s: str, pos: int) -> bool:
    """Whether ``pos`` lies inside quotation marks (an opening one before it, not closed)."""
    head = s[:pos]
    opened = head.count("“") + head.count('"') % 2
    closed = head.count("”")
    return opened > closed or s.rstrip().endswith(("”", '"')) and "“" not in head[:1] and s.count("”") > s.count("“")


def _clause_start(s: str, pos: int) -> int:
    m = None
    for m in re.finditer(r"[.;:,]\s+", s[:pos]):  # "Tp.HCM": a dot inside a name ends nothing
        pass
    return m.end() if m else 0


def _assigner_ok(s: str, verb: int, authorities: list[int], written: bool = False) -> bool:
    """Whether who gives the task can: nobody written (the subject is the clause before), or a
    body, post or document opening the clause ("Thủ tướng Chính phủ đã giao ..."); with
    ``written``, one must be written."""
    start = _clause_start(s, verb)
    head = s[start:verb].strip()
    if not written and (not head or _patterns()["adverbs_only"].fullmatch(head)):
        return True
    if _patterns()["not_assigner"].search(head) or re.search(r"(?<![\wÀ-ỹ])(?:đề xuất|kiến nghị)(?![\wÀ-ỹ])", head):
        return False  # "Cử tri yêu cầu ...", "đề xuất UBND TP sớm chỉ đạo ...": no task given
    for a in authorities:
        if start <= a < verb and _patterns()["adverbs_only"].fullmatch(s[start:a].strip() or "đã"):
            return True
    return False


_OPENERS = ("đồng thời", "trong đó", "theo đó", "ngoài ra", "bên cạnh đó")  # "..., theo đó, Bộ X ..."
# what the clause openings not tied to the sentence's start are written with: a mark, spaces, "thì" and
# the openers' letters (any case)
_TAIL = re.compile(r"[;:.,\s" + "".join(sorted(set("thì" + "".join(_OPENERS)) - {" "})) + r"]*", re.I)


def _is_subject(s: str, pos: int) -> bool:
    """Whether a body at ``pos`` opens its clause: at the start of the sentence, after ";" or ":",
    or after a short opening phrase and its comma ("Định kỳ hằng năm, ...", "Theo đó, ...").

    >>> _is_subject("Theo đó, Bộ Y tế phải", 9), _is_subject("UBND tỉnh giao Bộ Y tế", 15)
    (True, False)
    """
    head = s[:pos]
    if not head.strip():
        return True
    opens = _patterns()["clause_open"]
    if opens.match(head):
        return True
    # an opening elsewhere runs to the end of the head in those characters only: it starts in their
    # last run (searched from there, not from the start: the same answer, without the whole head)
    return opens.search(head, len(head) - _TAIL.match(head[::-1]).end()) is not None

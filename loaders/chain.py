"""The chain of responsibility in a sentence: numbered documents and their issuers, what
implements what, who steers and who carries out a document, meetings and who chairs them,
directives, projects and tasks.

:class:`ChainReader` is mixed into the per-article state of :mod:`govkg.loaders.extract`, which
provides what these readers build on: ``self.kg`` (the article's graph), ``self.article`` (its id),
``self.ctx`` (its place), ``self.about`` / ``self.published`` (its date), ``self._resolve(mention,
chain, sentence)`` and ``self._body(...)`` / ``self._add_body(body, source)`` (bodies, named once
per article), ``self.title_bodies`` (spans of bodies named in the sentence's titles),
``self.events`` and ``self.loose_projects``. Each reader takes the sentence and the facts the
people reader found in it (holders: ``(offset, person id)``).
"""

from __future__ import annotations

import re
from datetime import date

from govkg.graph.model import Source
from govkg.identity import key, make_id
from govkg.loaders.agencies import find_agencies, parse_agency
from govkg.loaders.documents import DocumentMention, find_documents, party_term
from govkg.loaders.resolve import Body
from govkg.text import LOWER, UPPER
from govkg.vocab import vocab

_IMPLEMENTS = re.compile(r"(?:triển khai |tổ chức )?thực hiện\s+(?:các\s+)?$")
_OF = re.compile(r"^\s*(?:,\s*)?(?:ngày\s+[\d/\-]+\s+)?(?:của|do)\s+")
_CHAIR = re.compile(r"\b(?:chủ trì|dẫn đầu|chủ tọa)\b")
_EVENT_WORDS = [
    (re.compile(r"\b(?:cuộc họp|phiên họp|họp)\b", re.I), "meeting"),
    (re.compile(r"\b(?:hội nghị|hội thảo|tọa đàm|kỳ họp)\b", re.I), "conference"),
    (re.compile(r"\b(?:buổi làm việc|làm việc với)\b", re.I), "working session"),
    (re.compile(r"\b(?:đoàn kiểm tra|kiểm tra|giám sát)\b", re.I), "inspection"),
]
_DAY = re.compile(r"\b(?:[Nn]gày|[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa)(?:\s+ngày)?\s+(\d{1,2})\s*[-/]\s*(\d{1,2})(?:\s*[-/]\s*((?:19|20)\d\d))?\b")
_ATTEND = re.compile(r"\b(?:tham dự|cùng dự|dự họp|có mặt)\b", re.I)
_DIRECTIVE = re.compile(r"\b(?P<verb>yêu cầu|đề nghị|chỉ đạo|giao)\s+(?P<rest>.+)$")
_CAPW = rf"[{UPPER}]\w*"
_LOWW = f"[{LOWER}]+"
_PROPER_TAIL = _CAPW + r"(?:\s(?:" + _CAPW + r"|\d+|(?:" + _LOWW + r"\s){1,2}" + _CAPW + r"))*"
_PROJECT = re.compile(
    r"(?:[Cc]ông trình|[Dd]ự án)\s+(?P<name1>(?:đường|cầu|nhà máy|hệ thống|khu|tuyến|cảng|bệnh viện|trường)\s"
    r"(?:" + _LOWW + r"\s){0,3}" + _PROPER_TAIL + r")"
    r"|(?P<name2>(?:Hệ thống|Khu liên hiệp|Nhà máy|Tuyến đường|Cảng|Sân bay|Khu đô thị|Cầu)\s(?:" + _LOWW + r"\s){1,6}"
    + _PROPER_TAIL + r")"
)
_TYPE_BEFORE = re.compile(r"(?:Nghị quyết|Chương trình|Quyết định|Chỉ thị|Kết luận|Kế hoạch|Nghị định|Luật)\s+(?:số\s+)?$")
_AT_WORK = re.compile(r"\btại buổi làm việc\b")
_SUBJECT_VERB = re.compile(r"\s+(?:đã|đang|vừa|sẽ|ban hành|ký)(?![\wÀ-ỹ])")
_PROJECT_HINT = re.compile(r"[Cc]ông trình|[Dd]ự án|Hệ thống|Khu liên hiệp|Nhà máy|Tuyến đường|Cảng|Sân bay|Khu đô thị|Cầu ")
_STEER_SUBJECT = re.compile(r"thực hiện|triển khai|Chương trình|Nghị quyết|Kế hoạch|Đề án|Chỉ thị|Kết luận", re.I)
_CARRY_OUT = re.compile(r"\b(?:triển khai|tổ chức)?\s*thực hiện\b")
_TASKS = re.compile(r"(?P<done>\d+)/(?P<total>\d+)\s+(?P<what>nhiệm vụ|chỉ tiêu)")


class ChainReader:
    """Documents, relations, events, directives, projects and tasks of one article's sentences."""

    # -- documents ----------------------------------------------------------------------------------
    def _documents(self, s: str, src: Source) -> list[tuple[DocumentMention, str]]:
        out = []
        for d in find_documents(s):
            issuer = self._issuer(s, d, src)
            rid, props = self._document_id(d, issuer)
            self.kg.add_node("Resolution", rid, **props)
            self.kg.add_fact("MENTIONS", self.article, rid, src)
            if issuer is not None:
                self.kg.add_fact("ISSUED", issuer[0], rid, src, issuer[1])
            out.append((d, rid))
        # "Nghị quyết 98/NQ-CP ... thực hiện Nghị quyết số 59-NQ/TW": the first implements the second
        for (a, aid), (b, bid) in zip(out, out[1:]):
            between = s[a.end:b.start]
            type_word = _TYPE_BEFORE.search(between)
            lead = between[: type_word.start()] if type_word else between
            if aid != bid and _IMPLEMENTS.search(lead) and len(between) < 160:
                self.kg.add_fact("IMPLEMENTS", aid, bid, src)
        return out

    def _issuer(self, s: str, d: DocumentMention, src: Source) -> tuple[str, float] | None:
        m = _OF.match(s[d.end:])
        if m:
            a = parse_agency(s, d.end + m.end())
            if a is not None:
                body = self._resolve(a, [])
                if body is not None:
                    return self._add_body(body, src), 1.0
        if d.regime == "plain":
            # "UBND TP Cao Lãnh đã ... thực hiện 11 nội dung tại Công văn số 271": the body that is the
            # subject of the sentence issued its own numbered letter; said with less confidence
            subject = None
            for a in find_agencies(s[: d.start]):
                if _SUBJECT_VERB.match(s, a.end):
                    subject = a
            if subject is not None:
                body = self._resolve(subject, [])
                if body is not None:
                    return self._add_body(body, src), 0.6
            return None
        code = d.issuer_code or ""
        name = vocab().documents.issuer_codes.get(code) or ("Quốc hội" if code.startswith("QH") else None)
        if d.regime == "party":
            name = vocab().documents.party_issuer_codes.get(code) if code not in ("TU", "HU", "QU", "ĐU", "TW", "TƯ") else None
        if name == "Thủ tướng Chính phủ":
            name = "Chính phủ"  # the Prime Minister's decisions: the edge is from the Government
        if name:
            return self._add_body(Body(name, "national", "state", None, key(name)), src), 0.9
        if code == "TU" and self.ctx.province:
            kind = "thanh_uy" if self.ctx.province in _city_provinces() else "tinh_uy"
            word = "Thành ủy" if kind == "thanh_uy" else "Tỉnh ủy"
            name = f"{word} {self.ctx.province}"
            return self._add_body(Body(name, kind, "party", _province_place(self.ctx.province), key(name)), src), 0.8
        return None

    def _document_id(self, d: DocumentMention, issuer: tuple[str, float] | None) -> tuple[str, dict]:
        year = d.year or (self.about.year if self.about else None)
        props = {"number": d.number, "doc_type": d.doc_type, "regime": d.regime, "date": d.date,
                 "issuer": self.kg.g.nodes[issuer[0]]["name"] if issuer else None}
        if d.issuer_code == "TTg" and props["issuer"] == "Chính phủ":
            props["issuer"] = "Thủ tướng Chính phủ"
        if d.regime == "party":
            national = d.issuer_code in ("TW", "TƯ")
            when = d.date or self.about
            term = party_term(when, national) if when else None
            issuer_key = "tw" if national else (self.kg.g.nodes[issuer[0]]["key"] if issuer else self.ctx.province or "")
            k = f"{d.key_base}|{issuer_key}|{term or '?'}"
            props.update(term=term, year=d.year)
        elif d.regime == "normative":
            k = d.key_base
            props.update(year=d.year)
            if d.number.endswith("-QH") and d.year and d.year % 5 != 1:
                # "45/2022/NQ-QH" is written "45/2022/QH15": the legislature follows from the year
                props["number"] = f"{d.number.split('/')[0]}/{d.year}/QH{13 + (d.year - 2011) // 5}"
        else:
            place = self.ctx.province if d.regime == "plain" or d.issuer_code == "UBND" else ""
            k = f"{d.key_base}|{place}|{year or '?'}"
            props.update(year=year)
        props["key"] = k
        props["aliases"] = [d.number]
        return make_id("Resolution", k), props

    # -- who steers and who carries out a document ------------------------------------------------------
    def _steers(self, s, src, mentions, docs) -> None:
        """ "thành lập Ban chỉ đạo triển khai thực hiện các Nghị quyết số 59-NQ/TW, ... và 98/NQ-CP": the
        steering committee steers the documents its name runs into."""
        for a, aid in mentions:
            if a.kind != "ban_chi_dao":
                continue
            for d, rid in docs:
                if d.start < a.start or d.start - a.end > 200:
                    continue
                between = s[a.start:d.start]
                if _STEER_SUBJECT.search(between) and not self._other_body_between(mentions, a, d, s):
                    self.kg.add_fact("STEERS", aid, rid, src, 0.9)

    def _other_body_between(self, mentions, a, d, s) -> bool:
        """A body other than ``a`` named between it and ``d``, not as an issuer ("của Bộ Chính trị")."""
        return any(a.end <= b.start < d.start and not s[max(0, b.start - 5):b.start].endswith("của ")
                   for b, _ in mentions if b is not a)

    def _carries_out(self, s, src, mentions, docs) -> None:
        """ "Theo Sở Kế hoạch và Đầu tư, thực hiện Chương trình 06-CTr/TU, đơn vị này đã ...": the body the
        sentence is about carries the document out. Bodies named as someone's post or as an issuer
        are not that body."""
        for d, rid in docs:
            verb = None
            for m in _CARRY_OUT.finditer(s, 0, d.start):
                if not any(m.end() <= x.start < d.start for x, _ in docs):
                    verb = m
            if verb is None:
                continue
            for a, aid in mentions:
                if a.end > verb.start() or a.kind == "ban_chi_dao" or self._in_title(a):
                    continue
                if any(0 <= a.start - x.end < 8 and s[x.end:a.start].strip() in ("của", "do") for x, _ in docs):
                    continue  # "59-NQ/TW của Bộ Chính trị": the issuer
                self.kg.add_fact("RESPONSIBLE_FOR", aid, rid, src, 0.7)

    def _in_title(self, a) -> bool:
        return any(start <= a.start < end for start, end in self.title_bodies)

    # -- events, directives, projects, tasks ---------------------------------------------------------
    def _event(self, s, src, holders, docs, bodies) -> None:
        chair = _CHAIR.search(s)
        at_work = _AT_WORK.search(s)
        if (chair is None and at_work is None) or not holders:
            if self.events and _ATTEND.search(s):
                for b in bodies:
                    self.kg.add_fact("ATTENDED", b, self.events[0], src)
            return
        pivot = chair.start() if chair else at_work.start()
        before = [p for off, p in holders if off < pivot]
        if not before:
            return
        found = [(m.start(), k) for pat, k in _EVENT_WORDS if (m := pat.search(s, pivot))]
        if not found:
            return
        kind = min(found)[1]  # the event word nearest after "chủ trì" / "dẫn đầu"
        when = self._day(s)
        eid = next((e for e in self.events if self.kg.g.nodes[e]["kind"] == kind
                    and self.kg.g.nodes[e].get("date") == when), None)
        if eid is None:
            eid = make_id("Event", f"{self.article}|{len(self.events)}")
            name = s[pivot:pivot + 120].split(".")[0]
            self.kg.add_node("Event", eid, kind=kind, name=name, date=when, article=self.article)
            self.events.append(eid)
        self.kg.add_fact("CHAIRED", before[-1], eid, src)
        self.kg.add_fact("MENTIONS", self.article, eid, src)
        for _, rid in docs:
            self.kg.add_fact("CONCERNS", eid, rid, src)

    def _day(self, s: str) -> date | None:
        m = _DAY.search(s)
        if m is None:
            return self.published
        year = int(m.group(3)) if m.group(3) else (self.published.year if self.published else None)
        if year is None:
            return None
        try:
            return date(year, int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None

    def _directive(self, s, src, holders) -> None:
        if not holders:
            return
        m = _DIRECTIVE.search(s)
        if m is None:
            return
        before = [p for off, p in holders if off < m.start()]
        if not before:
            return
        rest = m.group("rest")
        for a in find_agencies(rest)[:1]:
            if a.start > 40:
                break
            aid = self._body(a, [], src)
            if aid is not None:
                self.kg.add_fact("DIRECTED", before[-1], aid, src, 0.8, verb=m.group("verb"),
                                 instruction=rest[:300])

    def _projects(self, s, src, docs) -> None:
        if not _PROJECT_HINT.search(s):
            return
        for m in _PROJECT.finditer(s):
            name = (m.group("name1") or m.group("name2")).strip().rstrip(",.;")
            if len(name.split()) < 2:
                continue
            k = key(name) + (f"|{self.ctx.province}" if self.ctx.province else "")
            pid = make_id("Project", k)
            kind = s[m.start():m.start() + 12].split(" ")[0].lower()
            self.kg.add_node("Project", pid, name=name, kind=kind, place=self.ctx.province, key=k)
            self.kg.add_fact("MENTIONS", self.article, pid, src)
            if self.ctx.province:
                self.kg.add_fact("LOCATED_IN", pid, self._place(_province_place(self.ctx.province)), src)
            for _, rid in docs:
                self.kg.add_fact("UNDER", pid, rid, src, 0.7)
            if not docs:
                self.loose_projects.append((pid, src))

    def _tasks(self, s, src, docs) -> None:
        if not docs:
            return
        for m in _TASKS.finditer(s):
            rid = docs[-1][1]
            what = m.group("what")
            tid = make_id("Task", f"{rid}|{what}")
            total, n = int(m.group("total")), int(m.group("done"))
            late = "chậm" in s[m.end():m.end() + 80]
            props = {"late": n} if late else {"done": n}
            self.kg.add_node("Task", tid, name=f"{what} của {self.kg.g.nodes[rid]['number']}", total=total,
                             key=f"{rid}|{what}", **props)
            self.kg.add_fact("UNDER", tid, rid, src)
            self.kg.add_fact("MENTIONS", self.article, tid, src)

    def _steering_by_name(self) -> None:
        """ "Ban Chỉ đạo Chương trình 03-CTr/TU" steers the 03-CTr/TU this article names."""
        from govkg.loaders.documents import DOC_NUMBER

        numbers: dict[str, list[str]] = {}
        for rid, d in self.kg.nodes("Resolution"):
            for n in [d["number"], *(d.get("aliases") or [])]:
                numbers.setdefault(n, []).append(rid)
        for aid, d in list(self.kg.nodes("Agency")):
            if d.get("kind") != "ban_chi_dao":
                continue
            for m in DOC_NUMBER.finditer(d["name"]):
                for rid in set(numbers.get(m.group(0), [])):
                    src = next((s for s in self.kg.g.edges[self.article, aid, "MENTIONS"]["sources"]), None)
                    self.kg.add_fact("STEERS", aid, rid, src, 0.9)

    def _attach_loose_projects(self) -> None:
        """Projects named apart from any document follow the one programme the article's meeting is about."""
        topics = {v for e in self.events for _, v, k in self.kg.g.out_edges(e, keys=True)
                  if k == "CONCERNS" and self.kg.label(v) == "Resolution"}
        if len(topics) == 1:
            rid = topics.pop()
            for pid, src in self.loose_projects:
                self.kg.add_fact("UNDER", pid, rid, src, 0.6)


def _city_provinces():
    return vocab().places.city_provinces


def _province_place(province: str):
    from govkg.loaders.gazetteer import Place

    return Place(province, "province", "thành phố" if province in _city_provinces() else "tỉnh")

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
from dataclasses import replace
from datetime import date

from govkg.graph.model import Source
from govkg.identity import key, make_id
from govkg.loaders.agencies import find_agencies, parse_agency
from govkg.loaders.documents import DocumentMention, find_documents, issuer_code_of, party_term
from govkg.loaders.events import EventMention, find_events
from govkg.loaders.gazetteer import find_places, match_place
from govkg.loaders.projects import find_projects
from govkg.loaders.relations import Organisation, document_issuer, find_organisations, investors
from govkg.loaders.tasks import announced, continued_tasks, find_tasks
from govkg.loaders.resolve import Body, resolve_body
from govkg.text import LOWER, UPPER, lower, not_after
from govkg.vocab import derived, vocab

_NOT_IN_WORD = (r"[\wÀ-ỹ]",)  # a word that starts a word (text.trie_pattern)
_IMPLEMENTS = re.compile(r"(?:(?:triển khai |tổ chức |chỉ đạo )?thực hiện|hướng dẫn(?: thi hành| thực hiện)?|quy định chi tiết"
                         r"|cụ thể hóa|triển khai)\s+(?:(?:một số điều của|các|nội dung)\s+)?$")
# a body the article makes plain, named by its kind alone at the head of its clause ("Thành phố yêu
# cầu UBND quận Đồ Sơn ...", "Tỉnh chỉ đạo ...", "Thường trực Thành ủy yêu cầu ..."): it can give a task
_BARE_AUTHORITY = re.compile(r"(?<![\wÀ-ỹ])(?:[Tt]ỉnh|[Tt]hành phố|[Hh]uyện|[Qq]uận|[Tt]hị xã|[Bb]ộ|[Ss]ở|"
                             r"(?:Thường trực|Ban Thường vụ) (?:Tỉnh|Thành|Huyện|Quận|Thị) ủy)"
                             r"(?=\s+(?:(?:đã|đang|vừa|mới|cũng|sẽ|tiếp tục)\s+)*(?:giao|yêu cầu|chỉ đạo|đề nghị|buộc)\s)")
# an enterprise's head word alone, or with "này", standing for the one named before
_HEAD_AGAIN = re.compile(r"(?<![\wÀ-ỹ])(Tổng công ty|Tổng Công ty|Tập đoàn|Công ty)(?:\s+này)?(?=\s*[,.;:]|\s+(?:cần|phải|đã|đang|"
                         r"sẽ|vừa|cũng|tiếp tục|có trách nhiệm|chịu trách nhiệm|(?P<act>thực hiện|triển khai|khẩn trương|tập trung|"
                         r"chủ động|rà soát|báo cáo|xây dựng|đẩy mạnh|tăng cường|nghiên cứu|hoàn thành|bảo đảm|đảm bảo))(?![\wÀ-ỹ]))")
# "yêu cầu Tổng Công ty tập trung ...": told to act (one that acts unbidden only reports what it did)
_TOLD = re.compile(r"(?:giao|yêu cầu|chỉ đạo|đề nghị|buộc)\s+(?:cho\s+)?$")
_HEAD_KINDS = {"tổng công ty": "tong_cong_ty", "tập đoàn": "tap_doan", "công ty": "cong_ty"}
# what a project's name is followed by in brackets
_ASIDE = re.compile(r"\s*\(([^()]{1,120})\)")
# a road, bridge or airport named after a place, just before the place's name
_NAMED_AFTER = re.compile(r"(?:[Đđ]ường|[Đđ]ại lộ|[Qq]uốc lộ|[Pp]hố|[Cc]ầu|[Nn]hà ga)\s+$")
# documents that plan how another is carried out: their issuer carries that one out
_PLANS = frozenset({"Kế hoạch", "Chương trình", "Chương trình hành động"})
# between a steering committee's name and the document it carries out
_STEERS_DOC = re.compile(r"\s*(?:chỉ đạo\s+)?(?:triển khai\s+|tổ chức\s+)?thực hiện\s+(?:các\s+)?(?:[\wÀ-ỹ]+\s+){0,2}?(?:số\s+)?")
# between documents named together: "59-NQ/TW của Bộ Chính trị, Nghị quyết số 45/2022/NQ-QH ..."
_ALONG = re.compile(r"(?:\s+(?:của|ngày)\s+[^,;]{1,40}?)?\s*(?:,|và|;)\s*(?:[\wÀ-ỹ]+\s+){0,2}?(?:số\s+)?")
_OF = re.compile(r"^\s*(?:,\s*)?(?:ngày\s+[\d/\-]+\s+)?(?:của|do)\s+")
_ATTEND = re.compile(r"\b(?:tham dự|cùng dự|dự họp|có mặt)\b", re.I)
_DIRECTING_VERBS = frozenset({"yêu cầu", "đề nghị", "chỉ đạo", "giao"})
_TYPE_BEFORE = re.compile(r"(?:Nghị quyết|Chương trình|Quyết định|Chỉ thị|Kết luận|Kế hoạch|Nghị định|Luật)\s+(?:số\s+)?$")
_AT_WORK = re.compile(r"\btại buổi làm việc\b")
_DIRECTING_AT = re.compile(r"(?:chỉ đạo|kết luận) của\s")
_AT_DOCUMENT = re.compile(r"\btại\s+(?:[\wÀ-ỹ]+\s+){1,2}(?:số\s+)?$")  # "... nội dung tại Công văn số 271"
_SUBJECT_VERB = re.compile(r"\s+(?:đã|đang|vừa|sẽ|ban hành|ký)(?![\wÀ-ỹ])")
# a document a task follows from: "... theo Quyết định số 1880/QĐ-TTg", "... tại Thông báo số 150/TB-VPCP"
_BASIS_BEFORE = re.compile(r"(?:theo|tại|thực hiện|triển khai|thi hành|quy định của|quy định tại)\s+(?:[\wÀ-ỹ]+\s+){0,4}?(?:số\s+)?$")
# a sentence opening with its document: "Theo Quyết định số 476-QĐNS/TW, ...", "Theo Nghị quyết trên, ..."
_APPROVES = re.compile(r"(?:\s+ngày\s+[\d/.-]+)?(?:\s+(?:của|do)\s+[^,;.]{1,60}?)?\s*,?\s*(?:(?:đã|vừa|được)\s+)?"
                       r"(?:về việc\s+)?(?:phê duyệt|ban hành|thông qua|về)\s+")
_THEO = re.compile(r"\s*,?\s*(?:theo|tại|thực hiện)\s+(?:[\wÀ-ỹ]+\s+){0,3}?(?:số\s+)?")
_AND_DOC = re.compile(r"\s*(?:,|và|;)\s*(?:[\wÀ-ỹ]+\s+){0,2}?(?:số\s+)?")
_FRAME = re.compile(r"\s*(?:Theo|Tại|Căn cứ|Thực hiện|Về)\s+[^,;]{0,160}?,")
# a document that assigns: "Nghị quyết 60/NQ-CP giao Bộ Y tế ...", "Quyết định ... yêu cầu"
_DOC_ASSIGNS = re.compile(r"\s*(?:[^,;]{0,80}?\s)?(?:giao|yêu cầu|quy định|nêu rõ)\s")
_LIST_SEP = re.compile(r"\s*(?:,|và)\s*(?=[A-ZĐ])")
_PLACE_ITEM = r"(?:(?:^|,\s*|\s+và\s+)(?:(?P<kind>huyện|thị xã|quận|thành phố|TP|tỉnh)\s+)?(?P<name>[A-ZĐ][\wÀ-ỹ']*(?:\s[A-ZĐ][\wÀ-ỹ']*){0,2}))"
_PLACE_LIST = re.compile(r"[Cc](?<![\wÀ-ỹ].)ác\s+(?P<kind>huyện|thị xã|quận|tỉnh)\s+[A-ZĐ][\wÀ-ỹ']*(?:\s[A-ZĐ][\wÀ-ỹ']*){0,2}"
                         r"(?:(?:,\s*|\s+và\s+)(?:(?:huyện|thị xã|quận|thành phố|TP|tỉnh)\s+)?[A-ZĐ][\wÀ-ỹ']*(?:\s[A-ZĐ][\wÀ-ỹ']*){0,2})+")
_BARE_PLACE = re.compile(r"([Tt](?<![\wÀ-ỹ].)(?:hành phố|ỉnh))(?=\s+(?:đã|đang|sẽ|cũng|đều|tiếp tục|thực hiện|triển khai|tổ chức))")
_PLACE_ACTOR = re.compile(r"(?:" + not_after(r"[\wÀ-ỹ]", ["huyện", "thị xã", "quận", "tỉnh", "thành phố", "TP", "Huyện", "Thị xã",
                                                          "Quận", "Tỉnh", "Thành phố"]) + r")\s(?=[^\W_])")


class ChainReader:
    """Documents, relations, events, directives, projects and tasks of one article's sentences."""

    def chain_sentence(self, s: str, src: Source, holders: list[tuple[int, str]], agencies: list,
                       enterprises: bool = True) -> None:
        """Everything the chain readers find in one sentence; ``holders`` are (offset, person id) of
        the people the sentence names with a post, ``agencies`` the bodies it names; ``enterprises``
        False: the sentence holds no head word or known name of an enterprise (loaders/scan.py)."""
        low = lower(s)
        gates = _gates()
        short = getattr(self, "short_names", None)
        if enterprises or short and any(k in s for k in short):
            organisations = find_organisations(s, [(a.start, a.end) for a in agencies], short)
        else:
            organisations = []  # no head word, known name or short name of an enterprise: none named
        organisations = self._named_before(s, agencies, organisations)
        docs = self._documents(s, src, agencies, organisations)
        mentions = [(a, aid) for a in agencies if (aid := self._body(a, [], src, s)) is not None]
        bodies = [aid for _, aid in mentions]
        # each reader only where its words stand (a cheap first look keeps the load fast): an
        # assignment's verb, or a duty word with someone to bear it; a project's head word
        tasks = gates["assign"].search(low) is not None or gates["duty"].search(low) is not None and (
            bool(mentions) or bool(organisations) or gates["someone"].search(low) is not None)
        works = gates["projects"].search(low) is not None or gates["works"].search(s) is not None
        actors = self._actors(s, src, mentions, organisations) if tasks or works else \
            self._parts(s, src, [(a.start, a.end, aid) for a, aid in mentions] +
                        [(o.start, o.end, self._org(o, src)) for o in organisations])
        projects = self._projects(s, src, docs, actors) if works else []
        if gates["events"].search(low) or self.events:
            self._event(s, src, holders, docs, bodies, [pid for _, pid in projects])
        self._steers(s, src, mentions, docs, projects)
        if tasks:
            self._tasks(s, src, docs, actors, holders)
        else:
            self.untriggered(s, src.start, src.zone)

    def _named_before(self, s: str, agencies, organisations) -> list:
        """The enterprise an article named before, called again by its head word alone ("Bộ trưởng
        chỉ đạo Tổng công ty cần tập trung ...", "Thủ tướng cũng chỉ đạo Tập đoàn này ..."): the one
        of that kind the article has named so far, when there is only one."""
        seen = self.__dict__.setdefault("_enterprises_seen", {})
        found = list(organisations)
        taken = [(a.start, a.end) for a in agencies] + [(o.start, o.end) for o in organisations]
        for m in _HEAD_AGAIN.finditer(s):
            if any(x < m.end() and m.start() < y for x, y in taken):
                continue
            if m.group("act") and not _TOLD.search(s, 0, m.start()):
                continue
            kind = _HEAD_KINDS[m.group(1).lower()]
            names = dict(seen.get(kind, {}))
            names.update({o.name: o.branch for o in organisations if o.kind == kind and o.end <= m.start()})
            if len(names) == 1:
                name, branch = next(iter(names.items()))
                found.append(Organisation(name, kind, branch, m.start(), m.end(), m.group(0)))
        for o in organisations:
            seen.setdefault(o.kind, {})[o.name] = o.branch
        return sorted(found, key=lambda o: o.start)

    # -- documents ----------------------------------------------------------------------------------
    def _documents(self, s: str, src: Source, agencies=None, organisations=()) -> list[tuple[DocumentMention, str]]:
        out = []
        agencies = find_agencies(s) if agencies is None else agencies
        found = find_documents(s)
        for d in found:
            if self.published is not None:
                if d.year_from == "symbol" and d.year and d.year > self.published.year:
                    d = d.with_year_dropped()  # no document of a year after its article: a misprint
                if d.day_month is not None:
                    # "công văn số 1017 ngày 29/4": the day of the article's year (or the year before)
                    day, month = d.day_month
                    try:
                        when = date(self.published.year, month, day)
                        d = d.with_day(when if when <= self.published else date(self.published.year - 1, month, day))
                    except ValueError:  # 29/2 of a year without it
                        pass
                if d.date is not None and d.date > self.published:
                    d = d.with_date_dropped()
            issuer = self._issuer(s, d, src, agencies, organisations, found)
            rid = self._known_document(d)
            if rid is None:
                rid, props = self._document_id(d, issuer)
                self.kg.add_node("Resolution", rid, **props)
                self._remember_document(d, rid)
            else:
                extra = [d.number] if d.regime == "plain" or d.number not in self._numbers_of(rid) else []
                self.kg.add_node("Resolution", rid, aliases=extra, date=d.date)  # a date another mention gives
            self.kg.add_fact("MENTIONS", self.article, rid, src)
            if d.doc_type:
                self.__dict__.setdefault("_last_of_type", {})[d.doc_type] = (d, rid)
            if issuer is not None and not self._issued_by_other(rid, issuer[0]):
                self.kg.add_fact("ISSUED", issuer[0], rid, src, issuer[1])
                for other in self.__dict__.get("_joint", {}).get(d.key_base, []):
                    self.kg.add_fact("ISSUED", other, rid, src, issuer[1])
            out.append((d, rid))
        if self.__dict__.get("_last_of_type") and ("này" in s or "trên" in s):
            out += self._documents_named_again(s, src, out)
        out.sort(key=lambda x: x[0].start)
        # "Nghị quyết 98/NQ-CP ... thực hiện Nghị quyết số 59-NQ/TW": the first implements the second
        for (a, aid), (b, bid) in zip(out, out[1:]):
            between = s[a.end:b.start]
            type_word = _TYPE_BEFORE.search(between)
            lead = between[: type_word.start()] if type_word else between
            if aid != bid and _IMPLEMENTS.search(lead) and len(between) < 160:
                self.kg.add_fact("IMPLEMENTS", aid, bid, src)
                if a.doc_type in _PLANS:
                    # "UBND TP ban hành Kế hoạch 23/KH-UBND tổ chức thực hiện Chỉ thị 15-CT/TU": who
                    # plans the carrying out answers for the document carried out
                    for who in self._issuers_of(aid) - self._issuers_of(bid):
                        issued = self.kg.g.edges[who, aid, "ISSUED"]["confidence"]
                        self.kg.add_fact("RESPONSIBLE_FOR", who, bid, src, round(0.8 * min(1.0, issued), 3))
        return out

    def _documents_named_again(self, s, src, found) -> list[tuple[DocumentMention, str]]:
        """ "Theo Quyết định trên, Đoàn sẽ ...", "Nghị quyết này giao ...": the last document of that
        kind the article named."""
        out = []
        last = self.__dict__.get("_last_of_type", {})
        for m in _AGAIN.finditer(s):
            if any(d.start <= m.start() < d.end for d, _ in found):
                continue
            kind = _type_of(m.group(1))
            hit = last.get(kind)
            if hit is None:
                continue
            d, rid = hit
            out.append((replace(d, start=m.start(), end=m.end()), rid))
            self.kg.add_fact("MENTIONS", self.article, rid, src)
        return out

    def _numbers_of(self, rid: str) -> list[str]:
        d = self.kg.g.nodes[rid]
        return [d.get("number"), *(d.get("aliases") or [])]

    def _issued_by_other(self, rid: str, issuer: str) -> bool:
        """A document this article already credits to another issuer (in another sentence): the
        first, surer statement stands (an issuer is never two bodies unless the symbol says so)."""
        if not hasattr(self, "_issuers"):
            self._issuers = {}
        known = self._issuers.setdefault(rid, issuer)
        return known != issuer and not self.kg.g.nodes[rid].get("joint")

    def _known_document(self, d: DocumentMention) -> str | None:
        """The document of this article that a mention names again: "Chỉ thị 16" after "Chỉ thị
        16/CT-TTg", "Nghị quyết 77" after "Nghị quyết số 77/NQ-CP", a plain number named before."""
        docs = self.__dict__.setdefault("_docs_seen", {})
        if d.regime == "plain":
            full = docs.get(("full", d.doc_type, _leading(d.number)))
            if full is not None and full != "?":
                return full
            return docs.get(("plain", d.doc_type, d.number))
        return docs.get(("symbol", d.key_base))

    def _remember_document(self, d: DocumentMention, rid: str) -> None:
        docs = self.__dict__.setdefault("_docs_seen", {})
        if d.regime == "plain":
            docs[("plain", d.doc_type, d.number)] = rid
            return
        docs[("symbol", d.key_base)] = rid
        k = ("full", d.doc_type, _leading(d.number))
        docs[k] = rid if docs.get(k, rid) == rid else "?"  # two documents of one type and number: neither

    def _issuer(self, s: str, d: DocumentMention, src: Source, agencies=(), organisations=(),
                found=()) -> tuple[str, float] | None:
        """The issuer of a document: from the words around its number first ("... của Bộ Chính trị",
        "Bộ Xây dựng đã có Văn bản số ..."), then from its symbol (BCT Bộ Công Thương, TTg Thủ
        tướng Chính phủ, UBND with the article's province); with how sure that is."""
        w = document_issuer(s, d, agencies, organisations, found)
        code_body, code_conf = self._code_issuer(d)
        if w is not None:
            body = None
            if w.post is not None:
                body = _post_body(w.post)
            elif w.organisation is not None:
                body = _org_body(w.organisation)
            elif w.agency is not None:
                body = self._resolve(w.agency, [], s)
            if body is not None:
                national_code = code_body is not None and code_conf >= 0.9
                if w.how != "after" and national_code and code_body.key != body.key or \
                        w.how == "at" and code_body is not None and code_body.kind != body.kind:
                    # "ý kiến chỉ đạo của Thủ tướng tại Thông báo số 150/TB-VPCP": VPCP issued it;
                    # "NHNN phối hợp với Bộ KH&CN ban hành Quyết định 1050/QĐ-NHNN": NHNN did
                    body = None
                else:
                    return self._add_body(body, src), {"after": 1.0, "subject": 0.9, "at": 0.85}[w.how]
        if code_body is not None:
            if d.issuer_codes and len(d.issuer_codes) > 1:
                return self._joint_issuers(d, src, code_conf)
            return self._add_body(code_body, src), code_conf
        if d.regime == "plain":
            # "UBND TP Cao Lãnh đã ... thực hiện 11 nội dung tại Công văn số 271": the body that is the
            # subject of the sentence issued its own numbered letter; said with less confidence
            subject = None
            if _AT_DOCUMENT.search(s, 0, d.start):
                for a in agencies:
                    if a.end <= d.start and _SUBJECT_VERB.match(s, a.end):
                        subject = a
            if subject is not None:
                body = self._resolve(subject, [], s)
                if body is not None:
                    return self._add_body(body, src), 0.6
        return None

    def _joint_issuers(self, d: DocumentMention, src: Source, conf: float) -> tuple[str, float] | None:
        """ "13/2013/TTLT-BCA-BQP-VKSNDTC-TANDTC": every body the symbol names issued it."""
        ids = []
        for code in d.issuer_codes:
            body = self._body_of_code(code)
            if body is not None:
                ids.append(self._add_body(body, src))
        if not ids:
            return None
        self.__dict__.setdefault("_joint", {})[d.key_base] = ids[1:]
        return ids[0], conf

    def _code_issuer(self, d: DocumentMention) -> tuple[Body | None, float]:
        code = d.issuer_code or ""
        if d.regime == "party":
            if code in ("TU", "HU", "QU", "ĐU", "TW", "TƯ"):
                if code == "TU" and self.ctx.province:
                    kind = "thanh_uy" if self.ctx.province in _city_provinces() else "tinh_uy"
                    word = "Thành ủy" if kind == "thanh_uy" else "Tỉnh ủy"
                    name = f"{word} {self.ctx.province}"
                    return Body(name, kind, "party", _province_place(self.ctx.province), key(name)), 0.8
                return None, 0.0
            name = vocab().documents.party_issuer_codes.get(code)
            return (_named_body(name), 0.9) if name else (None, 0.0)
        if d.regime == "plain":
            return None, 0.0
        if code.startswith("QH") and code[2:].isdigit() or code == "QH":
            return _named_body("Quốc hội"), 0.95
        body = self._body_of_code(code)
        if body is None:
            return None, 0.0
        local = code in vocab().documents.local_codes or code in vocab().documents.department_codes
        return body, (min(0.7, self.ctx.confidence) if local else 0.95)

    def _body_of_code(self, code: str) -> Body | None:
        docs = vocab().documents
        code = issuer_code_of(code)
        name = docs.issuer_codes.get(code)
        if name is not None:
            posts = vocab().chain.issuers.posts
            return _post_body(posts[name]) if name in posts else _named_body(name)
        local = docs.department_codes.get(code) or docs.local_codes.get(code)
        if local is None or not self.ctx.province:
            return None
        # a province's department or committee: of the province the article is about
        written = f"{local} {'TP' if self.ctx.province in _city_provinces() else 'tỉnh'} {self.ctx.province}"
        a = parse_agency(written, 0)
        if a is None or a.end != len(written):
            return None
        body = resolve_body(a, [], self.ctx, None)
        return body

    def _document_id(self, d: DocumentMention, issuer: tuple[str, float] | None) -> tuple[str, dict]:
        issuer_node = self.kg.g.nodes[issuer[0]] if issuer else None
        year_from = d.year_from
        year = d.year
        if year is None and self.published is not None:
            year, year_from = self.published.year, "article"
        props = {"number": d.number, "doc_type": d.doc_type, "regime": d.regime, "date": d.date,
                 "issuer": issuer_node["name"] if issuer_node else None, "year_from": year_from}
        if d.issuer_codes and len(d.issuer_codes) > 1:
            props["joint"] = True
            names = [self.kg.g.nodes[x]["name"] for x in [issuer[0], *self.__dict__.get("_joint", {}).get(d.key_base, [])]] \
                if issuer else []
            props["issuer"] = ", ".join(names) or None
        if d.regime == "party":
            national = d.issuer_code in ("TW", "TƯ")
            when = d.date or self.about
            term = party_term(when, national) if when else None
            issuer_key = "tw" if national else (issuer_node["key"] if issuer_node else self.ctx.province or "")
            k = f"{d.key_base}|{issuer_key}|{term or '?'}"
            props.update(term=term, year=d.year)
        elif d.regime == "normative":
            k = d.key_base
            props.update(year=d.year)
            if d.number.endswith("-QH") and d.year and d.year % 5 != 1:
                # "45/2022/NQ-QH" is written "45/2022/QH15": the legislature follows from the year
                props["number"] = f"{d.number.split('/')[0]}/{d.year}/QH{13 + (d.year - 2011) // 5}"
        else:
            local = d.regime == "plain" or d.issuer_code in vocab().documents.local_codes \
                or d.issuer_code in vocab().documents.department_codes
            where = ""
            if local:
                where = issuer_node["key"] if issuer_node and d.regime == "plain" else (self.ctx.province or "")
            k = f"{d.key_base}|{where}|{year or '?'}"
            props.update(year=year)
        props["key"] = k
        props["aliases"] = [d.number, *d.aliases]
        return make_id("Resolution", k), props

    # -- who steers and who carries out a document ------------------------------------------------------
    def _steers(self, s, src, mentions, docs, projects=()) -> None:
        """ "thành lập Ban chỉ đạo triển khai thực hiện các Nghị quyết số 59-NQ/TW, ... và 98/NQ-CP":
        a steering committee steers the documents (and schemes) its name holds, those it is said
        to carry out right after its name, and those named together with them; nothing merely
        near it."""
        for a, aid in mentions:
            if a.kind != "ban_chi_dao":
                continue
            steered = None
            for d, rid in docs:
                inside = a.start <= d.start < a.end
                follows = d.start >= a.end and _STEERS_DOC.fullmatch(s, a.end, d.start)
                along = steered is not None and d.start >= steered.end and _ALONG.fullmatch(s, steered.end, d.start)
                if inside or follows or along:
                    self.kg.add_fact("STEERS", aid, rid, src, 0.9 if inside else 0.85)
                    steered = d
            for pm, pid in projects:  # "Ban Chỉ đạo Nhà nước xây dựng đề án đổi mới ..."
                if a.start <= pm.start < a.end:
                    self.kg.add_fact("STEERS", aid, pid, src, 0.85)

    def _other_body_between(self, mentions, a, d, s) -> bool:
        """A body other than ``a`` named between it and ``d``, not as an issuer ("của Bộ Chính trị")."""
        return any(a.end <= b.start < d.start and not s[max(0, b.start - 5):b.start].endswith("của ")
                   for b, _ in mentions if b is not a)

    def _actors(self, s, src, mentions, organisations) -> list[tuple[int, int, str]]:
        """Who can be given a task in the sentence: its bodies (not those named as someone's post),
        its enterprises, and districts or provinces named as actors ("yêu cầu huyện Lý Nhân ..."
        is its People's Committee): ``(start, end, agency id)``."""
        out = [(a.start, a.end, aid) for a, aid in mentions]
        out += [(o.start, o.end, self._org(o, src)) for o in organisations]
        out = self._parts(s, src, out)
        out += self._bare_heads(s, src, out)
        if any(a.kind == "bo" for a, _ in mentions):
            out += self._shared_head(s, src, mentions)
        if "ác " in s:  # "Các huyện ..., ...": a list of places
            out += self._place_list(s, src, out)
        out += self._sectors(s, src, out)
        out += self._bare_place(s, src, out)
        investor = getattr(self, "_investor", None)
        if investor is not None:  # "yêu cầu chủ đầu tư dừng thi công": the article's investor
            for m in re.finditer(r"(?<![\wÀ-ỹ])[Cc]hủ đầu tư(?!\s+(?:là|dự án|công trình|\())", s):
                if not any(x <= m.start() < y for x, y, _ in out):
                    out.append((m.start(), m.end(), investor))
        taken = [(a, b) for a, b, _ in out]
        for pm in _PLACE_ACTOR.finditer(s):
            at = pm.start()
            if any(x <= at < y for x, y in taken) or not (s[pm.end()].isupper() or s[pm.end()].isdigit()):
                continue
            hit = match_place(s, at)
            if hit is None or hit[0].level == "ward":
                continue
            body = self._committee_of(hit[0])
            if body is not None:
                out.append((at, hit[1], self._add_body(body, src)))
        return sorted(out)

    def _org(self, o, src) -> str:
        oid = self._add_body(_org_body(o), src)
        self.__dict__.setdefault("_orgs_seen", {}).setdefault(o.kind, set()).add(oid)
        return oid

    def _parts(self, s, src, actors) -> list[tuple[int, int, str]]:
        """ "Ban cán sự Đảng Bộ Kế hoạch và Đầu tư", "Đoàn kiểm tra của Ban Bí thư", "Hội đồng thành
        viên VEC": a body inside the one named after the words, standing where both are written."""
        parts = vocab().chain.organisations.parts
        if not _parts_re().search(s):
            return actors
        out = []
        for a, b, aid in actors:
            m = _parts_re().search(s, max(0, a - 40), a)
            if m is None or m.end() != a:
                out.append((a, b, aid))
                continue
            up = self.kg.g.nodes[aid]
            kind = parts[m.group(1)]
            words = m.group(1).replace(" của", "")
            words = {"HĐTV": "Hội đồng thành viên", "HĐQT": "Hội đồng quản trị"}.get(words, words)
            name = f"{words}{' của' if m.group(1).endswith(' của') else ''} {up['name']}"
            parent = Body(up["name"], up.get("kind", "national"), up.get("branch", "state"), None, up["key"])
            body = Body(name, kind, "party" if kind in ("ban_can_su", "dang_doan") else up.get("branch", "state"), None,
                        key(name), parent)
            pid = self._add_body(body, src)
            self.__dict__.setdefault("_orgs_seen", {}).setdefault(kind, set()).add(pid)
            out.append((m.start(1), b, pid))
        return out

    def _bare_heads(self, s, src, actors) -> list[tuple[int, int, str]]:
        """ "chỉ đạo Tổng công ty cần tập trung ...": an enterprise named by its head word alone is the
        one of that kind the article named before."""
        seen = self.__dict__.get("_orgs_seen", {})
        if not seen:
            return []
        out = []
        heads = vocab().chain.organisations.heads
        for m in _bare_head_re().finditer(s):
            if any(x <= m.start() < y for x, y, _ in actors):
                continue
            if m.group(1) == "Đoàn":  # "Theo Quyết định trên, Đoàn sẽ tiến hành kiểm tra ...": the article's delegation
                ids = seen.get("doan_kiem_tra", set()) | seen.get("doan_cong_tac", set())
            else:
                ids = seen.get(heads.get(m.group(1), ""), set())
            if len(ids) == 1:
                out.append((m.start(), m.end(), next(iter(ids))))
        return out

    def _shared_head(self, s, src, mentions) -> list[tuple[int, int, str]]:
        """ "các Bộ Khoa học và Công nghệ, Y tế, Nông nghiệp và Phát triển nông thôn": the
        ministries after the first, named by their field only."""
        out = []
        for a, _ in mentions:
            if a.kind != "bo":
                continue
            pos = a.end
            while True:
                m = _LIST_SEP.match(s, pos)
                if m is None:
                    break
                b = parse_agency("Bộ " + s[m.end():], 0)
                if b is None or b.kind != "bo" or b.place is not None:
                    break
                end = m.end() + b.end - 3
                if end <= m.end():
                    break
                body = self._resolve(b, [], s)
                if body is None:
                    break
                out.append((m.end(), end, self._add_body(body, src)))
                pos = end
        return out

    def _place_list(self, s, src, taken) -> list[tuple[int, int, str]]:
        """ "Các huyện Phong Điền, Quảng Điền, Phú Vang và thị xã Hương Trà đều thực hiện ...": the
        People's Committees of the places listed (of the article's province)."""
        out = []
        for m in _PLACE_LIST.finditer(s):
            if any(x <= m.start() < y for x, y, _ in taken):
                continue
            kind = m.group("kind").lower()
            base = m.end("kind") + 1  # the names after "Các huyện "
            for i, n in enumerate(re.finditer(_PLACE_ITEM, s[base:m.end()])):
                word = (n.group("kind") or kind).lower()
                place = self._district_here(word, n.group("name"))
                if place is None:
                    continue
                body = self._committee_of(place)
                if body is None:
                    continue
                start = m.start() if i == 0 else base + (n.start("kind") if n.group("kind") else n.start("name"))
                out.append((start, base + n.end(), self._add_body(body, src)))
        return out

    def _sectors(self, s, src, taken) -> list[tuple[int, int, str]]:
        """ "Ngành Tài nguyên và Môi trường tỉnh tăng cường ...", "Ngành nông nghiệp phối hợp ...": in
        a province's article, a sector named as an actor is its department (Sở)."""
        out = []
        if not self.ctx.province or "gành" not in s:
            return out
        for m in re.finditer(r"(?<![\wÀ-ỹ])[Nn]gành\s+(?=[\wÀ-ỹ])", s):
            if any(x <= m.start() < y for x, y, _ in taken):
                continue
            a = parse_agency("Sở " + s[m.end():], 0)
            if a is None or a.kind != "so":
                continue
            end = m.end() + a.end - 3
            tail = re.match(r"\s+(?:tỉnh|thành phố)(?![\wÀ-ỹ])", s[end:])
            if tail is not None:
                end += tail.end()
            elif s[:m.start()].strip():
                continue  # "ngành giáo dục" after the sentence's start: a sector, not a body
            body = self._resolve(parse_agency(f"{a.core} {_province_label(self.ctx.province)}", 0), [], s)
            if body is not None:
                out.append((m.start(), end, self._add_body(body, src)))
        return out

    def _bare_place(self, s, src, taken) -> list[tuple[int, int, str]]:
        """ "..., thành phố đã tổ chức thực hiện 11 nhiệm vụ": the article's city or province named
        bare as the subject of its clause is its People's Committee."""
        out = []
        for m in _BARE_PLACE.finditer(s):
            if any(x <= m.start() < y for x, y, _ in taken) or match_place(s, m.start()) is not None:
                continue
            if not _opens_clause(s, m.start()):
                continue
            word = m.group(1).lower()
            province = self.ctx.province
            if not province or (word == "tỉnh") == (province in _city_provinces()):
                continue
            a = parse_agency(f"UBND {_province_label(province)}", 0)
            body = resolve_body(a, [], self.ctx, None) if a is not None else None
            if body is not None:
                out.append((m.start(), m.end(), self._add_body(body, src)))
        return out

    def _district_here(self, word: str, name: str):
        """The district of the article's province with this name ("huyện Phong Điền" in a Huế
        article is Huế's, not Cần Thơ's), whatever kind the gazetteer now gives it."""
        from govkg.identity import fold
        from govkg.loaders.gazetteer import Place, gazetteer

        if word in ("tỉnh", "thành phố", "tp"):
            hit = match_place(f"{word} {name}", 0)
            return hit[0] if hit is not None and hit[0].level == "province" else None
        here = self.ctx.province
        if not here:
            return None
        near = {here, vocab().places.city_in_province.get(here, here)}
        near |= {c for c, p in vocab().places.city_in_province.items() if p == here}
        for kind, prov in gazetteer().districts.get(fold(name), []):
            if prov in near:
                return Place(name, "district", {"tp": "thành phố"}.get(word, word), here)
        return None

    def _committee_of(self, place) -> Body | None:
        """The People's Committee a place named as an actor stands for."""
        a = parse_agency(f"UBND {place.label}", 0)
        if a is None:
            return None
        return resolve_body(a, [], self.ctx, None)

    def _in_title(self, a) -> bool:
        return any(start <= a.start < end for start, end in self.title_bodies)

    # -- events, directives, projects, tasks ---------------------------------------------------------
    def _event(self, s, src, holders, docs, bodies, projects=()) -> None:
        """Events the sentence names with their day and chair; the documents and projects the
        sentence names are what they concern; bodies "tham dự" a later sentence names attended the
        article's first."""
        found = find_events(s)
        at_work = _AT_WORK.search(s)
        if not found and at_work is None:
            if self.events and _ATTEND.search(s):
                for b in bodies:
                    self.kg.add_fact("ATTENDED", b, self.events[0], src)
            return
        chairs = []
        for e in found:
            chair = self._chair(s, e, holders)
            if chair is None and e.how is not None:
                continue  # "chủ trì" with nobody named: not an event this reader can tell
            chairs.append((e, chair, 0.9 if e.how == "dẫn đầu" else 1.0))
        if not found and at_work is not None:
            # "chỉ đạo của Chủ tịch UBND tỉnh X tại buổi làm việc với UBND TP Y": who directs the session leads it
            before = [p for off, p in holders if off < at_work.start()]
            if before and _DIRECTING_AT.search(s, 0, at_work.start()):
                e = EventMention("working session", s[at_work.start() + 4:at_work.end()], at_work.start(), at_work.end())
                chairs.append((e, before[-1], 0.8))
        for e, chair, conf in chairs:
            when = self._event_day(e, s)
            eid = next((x for x in self.events if self.kg.g.nodes[x]["kind"] == e.kind
                        and self.kg.g.nodes[x].get("date") == when), None)
            if eid is None:
                eid = make_id("Event", f"{self.article}|{len(self.events)}")
                self.kg.add_node("Event", eid, kind=e.kind, name=e.name, date=when, date_text=e.day_text,
                                 article=self.article)
                self.events.append(eid)
            self.kg.add_fact("MENTIONS", self.article, eid, src)
            if chair is not None:
                self.kg.add_fact("CHAIRED", chair, eid, src, conf)
            for _, rid in docs:
                self.kg.add_fact("CONCERNS", eid, rid, src)
            for pid in projects:
                self.kg.add_fact("CONCERNS", eid, pid, src)

    def _chair(self, s, e: EventMention, holders) -> str | None:
        """The person who chaired ``e``: named in its chair span, or the last named before its verb
        in the same clause."""
        if e.chair_span is not None:
            a, b = e.chair_span
            inside = [p for off, p in holders if a <= off < b]
            return inside[-1] if inside else None
        if e.chair_before is not None:
            clause = max(s.rfind(";", 0, e.chair_before), s.rfind(". ", 0, e.chair_before))
            before = [p for off, p in holders if clause < off < e.chair_before]
            return before[-1] if before else None
        return None

    def _event_day(self, e: EventMention, s: str) -> date | None:
        """The day of an event: as written with it ("Chiều 11/5"), the year from the article's
        date or, lacking one, its crawl date (the day on or before it); else the article's date."""
        if e.day is None:
            return self.published
        d, m, y = e.day
        bound = self.published or getattr(self, "date_upper", None)
        if y is None:
            if bound is None:
                return None
            y = bound.year
        try:
            when = date(y, m, d)
        except ValueError:
            return None
        if e.day[2] is None and bound is not None and when > bound:
            try:
                when = date(y - 1, m, d)
            except ValueError:
                return None
        return when

    def _directives(self, s, src, t, owners, holders) -> None:
        """ "Phó Thủ tướng Vương Đình Huệ yêu cầu Bộ Tài chính ...": a named person, the subject
        of a verb of directing, and the bodies right after it (their task's assignees). A title
        alone ("Phó Thủ tướng yêu cầu ...") is the one person the article names with that title."""
        if t.verb not in _DIRECTING_VERBS or t.verb_start is None or not owners:
            return
        start = max(s.rfind(x, 0, t.verb_start) for x in (". ", "; ", ": ", ", "))
        start = 0 if start < 0 else start + 2
        inside = [(off, p) for off, p in holders if start <= off < t.verb_start]
        if inside and _reports_another(s[inside[-1][0]:t.verb_start]):
            return  # "X cho hay HĐND TP đã giao UBND TP ...": X reports a directive, the council gave it
        person, conf = (inside[-1][1], 0.9) if inside else (None, 0.0)
        if person is None:
            head = s[start:t.verb_start]
            title = _title_words().match(s, start + len(head) - len(head.lstrip()))
            if title is not None:
                rest = s[title.end():t.verb_start]
                if _adverbs_only(rest):
                    person, conf = self._holder_of(title.group(0)), 0.8
                else:  # "Trưởng ban Tuyên giáo Trung ương yêu cầu ...": the title and its body
                    spec = vocab().titles.specs.get(title.group(0)) or vocab().titles.specs.get(title.group(0).capitalize())
                    prefix = spec.prefix + " " if spec is not None and spec.prefix else ""
                    text = prefix + s[title.end():t.verb_start].lstrip()
                    a = parse_agency(text, 0)
                    if a is not None and _adverbs_only(text[a.end:]):
                        body = self._resolve(a, [], s)
                        if body is not None:
                            person, conf = self._holder_of(spec.name if spec else title.group(0), body.key), 0.8
        if person is None:
            return
        for o in owners:
            self.kg.add_fact("DIRECTED", person, o, src, conf, verb=t.verb, instruction=t.what[:300])

    def _holder_of(self, title: str, body_key: str | None = None) -> str | None:
        """The one person this article names so far holding ``title`` (of ``body_key``, or any body)."""
        k = key(title)
        found = {h.person for h in self.holdings if key(self.kg.g.nodes[h.role]["title"]) == k
                 and (body_key is None or self.kg.g.nodes[h.role]["key"].endswith("|" + body_key))}
        return found.pop() if len(found) == 1 else None

    def _projects(self, s, src, docs, actors) -> list:
        """Projects named in the sentence, with the place the text gives (else the article's, said
        with less confidence), the document they follow from ("phê duyệt Đề án ...", "... theo
        Quyết định số ...") and their investor ("chủ đầu tư")."""
        steering = {self.kg.g.nodes[x]["name"] for _, x in [(0, a[2]) for a in actors]
                    if self.kg.g.nodes[x].get("kind") == "ban_chi_dao"}
        taken = [(d.start, d.end) for d, _ in docs]
        # "Ban Chỉ đạo Nhà nước xây dựng đề án đổi mới ...": a scheme may stand in a steering committee's name
        taken += [(a, b) for a, b, x in actors if self.kg.g.nodes[x]["name"] not in steering]
        found = find_projects(s, taken) if not _foreign_sentence(s) else []  # another country's works are not the chain's
        mine = []
        for pm in found:
            if match_place(s, pm.name_start) is not None or _is_district_name(pm.name):
                continue  # "Cầu Giấy": a place, not a work
            name = self._as_written(s, src, pm.name_start, pm.end, pm.name)
            place, conf = self._project_place(s, pm, key(name))
            province = (place.province or place.name) if place is not None and place.level != "province" else (
                place.name if place is not None else None)
            k = key(name) + (f"|{province}" if province else "")
            pid = make_id("Project", k)
            where = (place.label if place.name[:1].isdigit() else place.name) if place else None  # "quận 2", not "2"
            self.kg.add_node("Project", pid, name=name, kind=pm.kind, place=where, key=k)
            self.__dict__.setdefault("_project_nodes", {}).setdefault(key(name), {})
            self._project_nodes[key(name)][pid] = self._project_nodes[key(name)].get(pid, False) or conf >= 0.9
            self.kg.add_fact("MENTIONS", self.article, pid, src)
            if place is not None:
                self.kg.add_fact("LOCATED_IN", pid, self._place(place), src, conf)
            basis = self._project_document(s, pm, docs)
            if basis is not None:
                self.kg.add_fact("UNDER", pid, basis, src, 0.9)
            else:
                self.loose_projects.append((pid, src))
            mine.append((pm, pid))
            self.__dict__.setdefault("_projects_seen", []).append(pid)
        # the investor: "Cty X (Chủ đầu tư Dự án Y)", "chủ đầu tư là Công ty X", "do X làm chủ đầu tư"
        for i in investors(s, [(a, b) for a, b, _ in actors]):
            a, b, owner = actors[i]
            if _PLACE_ACTOR.match(s, a) or _BARE_PLACE.match(s, a):
                continue  # "quận Hoàng Mai, chủ đầu tư ...": a place, not the investor
            pid = _nearest(mine, a) or self._only_project()
            self._investor = owner
            if pid is not None:
                self.kg.add_fact("RESPONSIBLE_FOR", owner, pid, src, 0.9)
                self.kg.add_node("Project", pid, owner=self.kg.g.nodes[owner]["name"])
        return mine

    def _as_written(self, s, src, a: int, b: int, text: str) -> str:
        """A span of the sentence as the article wrote it, with the abbreviations the reader blanks
        out put back ("Tập đoàn Điện lực Việt Nam (EVN) giai đoạn ...")."""
        raw = getattr(self, "raw_text", None)
        if raw is None or src.zone != "body":
            return text
        if callable(raw):
            raw = self.raw_text = raw()  # made once, when a name needs it
        written = raw[src.start + a:src.start + b]
        if len(written) == b - a and written.replace(" ", "")[:5] == text.replace(" ", "")[:5]:
            return re.sub(r"\s+", " ", written).strip(" ,")
        return text

    def _only_project(self) -> str | None:
        seen = set(self.__dict__.get("_projects_seen", []))
        return next(iter(seen)) if len(seen) == 1 else None

    def _project_place(self, s, pm, name_key: str | None = None):
        """The place a project lies in: written in its name or right after it ("..., huyện Sóc
        Sơn"), else where the article placed the same project before, else, for a work (not a
        scheme), the article's province (less sure). A road or bridge named after a place is not
        that place ("cải tạo quốc lộ 1A và đường Hồ Chí Minh")."""
        reach = pm.end - pm.name_start + 3
        aside = _ASIDE.match(s, pm.end)
        if aside:  # "dự án The Sunrise Bay (Khu đô thị Đa Phước, quận Hải Châu, Đà Nẵng)": said aside
            reach = aside.end() - pm.name_start
        for at, place in find_places(s[pm.name_start:pm.end + max(40, reach)]):
            if at <= reach:
                if _NAMED_AFTER.search(s, 0, pm.name_start + at):
                    continue
                if place.level != "ward":
                    self.__dict__.setdefault("_project_places", {}).setdefault(name_key, place)
                    return place, 1.0
        known = self.__dict__.get("_project_places", {}).get(name_key)
        if known is not None:
            return known, 0.9
        if self.ctx.province and pm.kind not in ("đề án", "chương trình"):
            return _province_place(self.ctx.province), min(0.6, self.ctx.confidence)
        return None, 0.0

    def _project_document(self, s, pm, docs) -> str | None:
        """ "Quyết định 316/QĐ-TTg ... phê duyệt Đề án ...", "Chương trình ... theo Quyết định số
        54/2012/QĐ-TTg": the document a project follows from."""
        for d, rid in docs:
            if d.end <= pm.start and _APPROVES.fullmatch(s, d.end, pm.start):
                return rid
            if d.start >= pm.end and _THEO.fullmatch(s, pm.end, d.start):
                return rid
        return None

    def _tasks(self, s, src, docs, actors, holders=()) -> None:
        """Tasks and targets: a Task node per action given, RESPONSIBLE_FOR from each body it is
        given to (never the issuer of the document it follows from), UNDER the documents it follows
        from when the sentence names them as its basis ("theo", "tại", "Theo Quyết định trên, ...");
        a sentence with no subject that opens with an action goes on with the last task's bodies."""
        self._sentence_no = getattr(self, "_sentence_no", 0) + 1
        spans = [(d.start, d.end) for d, _ in docs]
        authorities = [a for a, _, _ in actors] + [a for a, _ in spans] + [m.start() for m in _title_words().finditer(s)] \
            + [m.start() for m in _BARE_AUTHORITY.finditer(s)]
        last = getattr(self, "_last_task", None)
        giving = last is not None and self._sentence_no - last[2] <= 2
        found = find_tasks(s, [(a, b) for a, b, _ in actors], spans, authorities, giving)
        if not found:
            ahead = announced(s, [(a, b) for a, b, _ in actors], authorities)
            if ahead is not None:  # "Bộ GD-ĐT yêu cầu Sở GD-ĐT Hà Nội:": the actions follow
                self._last_task = ([actors[i][2] for i in ahead[0]], ahead[1], self._sentence_no, [])
            elif actors and _opens_with(s, actors[0][0]):
                self._last_task = None  # another body is the subject now: no list goes on
            else:
                self._continued(s, src, docs)
            return
        zone = 0.8 if src.zone == "leftover" else 1.0
        for t in found:
            owners = [actors[i][2] for i in t.actors]
            if t.how == "obligation" and owners and all(self.kg.g.nodes[o]["name"] in _upward() for o in owners):
                continue  # "Chính phủ cần chỉ đạo ...": advice to the Government, not a task it was given
            if t.how == "obligation" and t.verb == "sẽ" and owners and all(
                    self.kg.g.nodes[o].get("branch") in ("enterprise", "education", "health") for o in owners):
                continue  # "Viettel sẽ cung cấp ...": an enterprise's plan, not a task given to it
            bases = self._basis(s, t, docs)
            if t.how == "count":
                if not docs:
                    continue
                rid = bases[0] if bases else docs[-1][1]
                tid = make_id("Task", f"{rid}|{t.what}")
                props = {"late": t.done} if t.status == "late" else {"done": t.done}
                self.kg.add_node("Task", tid, name=f"{t.what} của {self.kg.g.nodes[rid]['number']}", total=t.total,
                                 key=f"{rid}|{t.what}", status=t.status, **props)
                self.kg.add_fact("UNDER", tid, rid, src)
                self.kg.add_fact("MENTIONS", self.article, tid, src)
                for o in owners:  # "thành phố đã tổ chức thực hiện 11 nhiệm vụ": who does them
                    if o not in self._issuers_of(rid):
                        self.kg.add_fact("RESPONSIBLE_FOR", o, tid, src, 0.7 * zone)
                        self.kg.add_fact("RESPONSIBLE_FOR", o, rid, src, 0.7 * zone)
                continue
            conf = {"assignment": 0.9, "obligation": 0.85, "carry_out": 0.8, "target": 0.8}.get(t.how, 0.8) * zone
            self._add_task(t.what, t.how, t.status, owners, t.generic, bases, src, conf)
            if t.how == "assignment":
                self._directives(s, src, t, owners, holders)
            if t.how in ("assignment", "obligation") and (owners or t.generic):
                self._last_task = (owners, t.generic, self._sentence_no, bases)

    def untriggered(self, s: str, start: int, zone: str) -> None:
        """A sentence naming no title, body or document: it may go on with the last task."""
        self._sentence_no = getattr(self, "_sentence_no", 0) + 1
        if getattr(self, "_last_task", None) is not None:
            self._continued(s, Source(self.article, s, start, zone), [])

    def _continued(self, s, src, docs) -> None:
        last = getattr(self, "_last_task", None)
        if last is None or self._sentence_no - last[2] > 3:
            return
        t = _title_words().search(s, 0, 60)
        if t is not None and not s[max(0, t.start() - 5):t.start()].endswith("của "):
            return  # someone with a post speaks or acts here: not the list going on
        owners, generic, _, bases = last
        spans = continued_tasks(s)
        for a, b in spans:
            what = s[a:b].strip(" ,:;.")
            self._add_task(what, "continued", None, owners, generic, bases, src, 0.7 * (0.8 if src.zone == "leftover" else 1))
        if spans:
            self._last_task = (owners, generic, self._sentence_no, bases)

    def _add_task(self, what, how, status, owners, generic, bases, src, conf) -> str:
        k = f"{self.article}|{key(what)[:120]}"
        tid = make_id("Task", k)
        names = [self.kg.g.nodes[o]["name"] for o in owners]
        self.kg.add_node("Task", tid, name=what, key=k, status=status,
                         assignee=", ".join(names) if names else generic, kind=how)
        self.kg.add_fact("MENTIONS", self.article, tid, src)
        issuers = set().union(*(self._issuers_of(b) for b in bases)) if bases else set()
        for o in owners:
            if o in issuers:
                continue  # the document's own issuer is not the one carrying it out
            self.kg.add_fact("RESPONSIBLE_FOR", o, tid, src, conf)
            if how in ("assignment", "carry_out") or how == "obligation" and getattr(self, "_framed", False):
                # "Theo Quyết định trên, Đoàn sẽ ...": the duty is under the document the sentence opens with
                for b in bases:
                    self.kg.add_fact("RESPONSIBLE_FOR", o, b, src, round(conf * 0.9, 2))
        for b in bases:
            self.kg.add_fact("UNDER", tid, b, src, 0.8)
        return tid

    def _basis(self, s: str, t, docs) -> list[str]:
        """The documents a task follows from: named in its action after "theo", "tại", "thực
        hiện" ("... theo Quyết định số 1880/QĐ-TTg, Quyết định số 309/QĐ-TTg"), or opening the
        sentence ("Theo Quyết định trên, ...", "Nghị quyết giao ...")."""
        self._framed = False
        inside = [(d, rid) for d, rid in docs if t.start <= d.start < t.end]
        for i, (d, rid) in enumerate(inside):
            if _BASIS_BEFORE.search(s, max(t.start, d.start - 60), d.start):
                out = [rid]
                for (prev, _), (nxt, nrid) in zip(inside[i:], inside[i + 1:]):
                    if not _AND_DOC.fullmatch(s, prev.end, nxt.start):
                        break
                    out.append(nrid)
                return list(dict.fromkeys(out))
        before = [(d, rid) for d, rid in docs if d.end <= (t.verb_start if t.verb_start is not None else t.start)]
        frame = _FRAME.match(s, 0)
        for d, rid in before:
            if frame and frame.end() >= d.start or _DOC_ASSIGNS.match(s, d.end) \
                    or _BASIS_BEFORE.search(s, max(0, d.start - 60), d.start):
                self._framed = bool(frame and frame.end() >= d.start)
                return [rid]
        return []

    def _issuers_of(self, rid: str) -> set[str]:
        return {u for u, _, k in self.kg.g.in_edges(rid, keys=True) if k == "ISSUED"}

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

    def _one_place_per_project(self) -> None:
        """A project the article first placed by its own province and later by the place the text
        writes ("Khu đô thị mới quốc tế Đa Phước (Đà Nẵng)" in a Quảng Nam article) is one project,
        where the text puts it: the guessed node's facts move to the written one."""
        for nodes in self.__dict__.get("_project_nodes", {}).values():
            written = [pid for pid, sure in nodes.items() if sure]
            if len(written) != 1 or len(nodes) < 2:
                continue
            home = written[0]
            for pid in nodes:
                if pid == home or not self.kg.g.has_node(pid):
                    continue
                g = self.kg.g
                moved = [(u, v, k, d) for u, v, k, d in g.in_edges(pid, keys=True, data=True)] + \
                    [(u, v, k, d) for u, v, k, d in g.out_edges(pid, keys=True, data=True)]
                for u, v, k, d in moved:
                    if k == "LOCATED_IN":
                        continue
                    a, b = (home if u == pid else u), (home if v == pid else v)
                    props = {x: d[x] for x in ("instruction", "verb") if d.get(x)}
                    for src in d.get("sources", []):
                        self.kg.add_fact(k, a, b, src, d.get("confidence", 1.0), **props)
                owner = g.nodes[pid].get("owner")
                if owner and not g.nodes[home].get("owner"):
                    self.kg.add_node("Project", home, owner=owner)
                g.remove_node(pid)
                self.loose_projects = [(home if x == pid else x, src) for x, src in self.loose_projects]

    def _attach_loose_projects(self) -> None:
        """Projects named apart from any document follow the one programme the article's meeting is about."""
        topics = {v for e in self.events for _, v, k in self.kg.g.out_edges(e, keys=True)
                  if k == "CONCERNS" and self.kg.label(v) == "Resolution"}
        if len(topics) == 1:
            rid = topics.pop()
            for pid, src in self.loose_projects:
                self.kg.add_fact("UNDER", pid, rid, src, 0.6)


@derived
def _gates() -> dict[str, re.Pattern]:
    """For each reader, the words (lower case) without which it finds nothing in a sentence."""
    from govkg.text import trie_pattern

    c = vocab().chain.raw

    def pat(words) -> re.Pattern:
        return re.compile(trie_pattern({w.lower() for w in words if w}))

    t, p, e = c.get("tasks", {}), c.get("projects", {}), c.get("events", {})
    return {
        "assign": pat([*t.get("assign_verbs", []), *t.get("deadlines", []), "nhiệm vụ", "chỉ tiêu"]),
        "duty": pat([*t.get("duty_words", []), *t.get("carry_verbs", []), *t.get("bare_duty_verbs", [])]),
        # who can bear a duty besides the bodies and enterprises found: a class, a place, the investor
        "someone": re.compile(r"(?:các|những) |ủy ban|ubnd|huyện |tỉnh |thị xã |quận |thành phố |chủ đầu tư"),
        "projects": pat([*p.get("heads", []), *p.get("schemes", []), "chủ đầu tư"]),
        "works": re.compile(trie_pattern(set(p.get("alone", [])))),
        "events": pat([*e.get("kinds", {}), *e.get("chair_verbs", []), "dẫn đầu", "tại buổi làm việc"]),
    }


def chain_triggers() -> set[str]:
    """The words (lower case) a chain reader starts from, for the article's cheap first pass:
    enterprises, project and event words (a verb of assigning needs a body or a title after or
    before it, which the other triggers find)."""
    c = vocab().chain
    words = {w.lower() for w in c.organisations.heads}
    words |= {w.lower() for name, others in c.organisations.known.items() for w in (name, *others)}
    words |= {w.lower() for w in c.raw.get("triggers", [])}
    return words


@derived
def _title_words() -> re.Pattern:
    """Titles of posts that can give a task ("Thủ tướng", "Phó Chủ tịch", "Bộ trưởng")."""
    from govkg.text import trie_pattern

    t = vocab().titles
    heads = [f for f, spec in t.specs.items() if spec.rank in ("head", "deputy")]
    return re.compile(r"(?<![\wÀ-ỹ])(?:" + trie_pattern(heads) + r")(?![\wÀ-ỹ])", re.I)


def _upward() -> frozenset[str]:
    return frozenset(vocab().chain.raw.get("tasks", {}).get("upward_bodies", []))


def _province_label(province: str) -> str:
    return ("TP " if province in _city_provinces() else "tỉnh ") + province


def _nearest(mentions, pos: int) -> str | None:
    """The project mentioned nearest to ``pos`` in the sentence."""
    if not mentions:
        return None
    return min(mentions, key=lambda m: abs(m[0].start - pos))[1]


@derived
def _parts_re() -> re.Pattern:
    from govkg.text import trie_pattern

    return re.compile(r"(" + trie_pattern(vocab().chain.organisations.parts, _NOT_IN_WORD) + r")(?:\s+số\s+\d+)?\s+")


@derived
def _bare_head_re() -> re.Pattern:
    from govkg.text import trie_pattern

    heads = [h for h in vocab().chain.organisations.heads if h[0].isupper() and " " in h] + ["Đoàn"]
    return re.compile(r"(" + trie_pattern(heads, _NOT_IN_WORD) + r")(?=\s+(?:cần|phải|đã|sẽ|đang|tiếp tục|và|,|\.))")


@derived
def _foreign_re() -> re.Pattern:
    from govkg.text import trie_pattern

    f = vocab().foreign
    words = {*f.countries, *f.places, *f.people}
    return re.compile(r"(?:" + trie_pattern(words, _NOT_IN_WORD) + r")(?![\wÀ-ỹ])")


def _is_district_name(name: str) -> bool:
    """Whether a name opens with a district's name ("Cầu Giấy", "Cầu Diễn" ...)."""
    from govkg.identity import fold
    from govkg.loaders.gazetteer import gazetteer

    words = name.split()
    return any(fold(" ".join(words[:n])) in gazetteer().districts for n in (2, 3) if len(words) >= n)


def _foreign_sentence(s: str) -> bool:
    """Whether a sentence names a foreign country, place or leader ("biên giới Mỹ-Mexico"), not as
    part of a Vietnamese place ("Lào Cai")."""
    for m in _foreign_re().finditer(s):
        hit = match_place(s, m.start())
        if hit is None or hit[1] <= m.end():
            return True
    return False


def _opens_clause(s: str, pos: int) -> bool:
    """Whether ``pos`` opens a clause: the sentence's start or after a comma, ";" or ":"."""
    head = s[:pos].rstrip()
    return not head or head[-1] in ",;:"


def _adverbs_only(text: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:(?:đã|vừa|cũng|tiếp tục|đồng thời|sẽ|còn|thì)\s+)*", text + " "))


def _opens_with(s: str, pos: int) -> bool:
    """Whether the sentence opens with what stands at ``pos`` (after a short opening phrase)."""
    head = s[:pos]
    return not head.strip() or bool(re.fullmatch(r"(?:[\wÀ-ỹ/]+\s+){0,6}[\wÀ-ỹ/]*,\s*", head))


@derived
def _again_re() -> re.Pattern:
    from govkg.text import trie_pattern

    return re.compile(r"(" + trie_pattern(set(vocab().documents.type_words), _NOT_IN_WORD) + r")\s+(?:này|trên|nói trên)(?![\wÀ-ỹ])")


class _Again:
    def finditer(self, s):
        return _again_re().finditer(s)


_AGAIN = _Again()


def _type_of(word: str) -> str | None:
    words = vocab().documents.type_words
    return words.get(word) or next((v for k, v in words.items() if k.lower() == word.lower()), None)


def _leading(number: str) -> str:
    """The number a document is cited by: "16" of 16/CT-TTg, 59-NQ/TW, 45/2022/QH15."""
    m = re.match(r"\d+", number)
    return (m.group(0).lstrip("0") or "0") if m else number


def _org_body(o: Organisation) -> Body:
    return Body(o.name, o.kind, o.branch, None, key(o.name))


def _post_body(name: str) -> Body:
    """An issuing post as the body documents come from ("Thủ tướng Chính phủ"), under its body."""
    parent = vocab().chain.issuers.post_parents.get(name)
    return Body(name, "national", "state", None, key(name), _named_body(parent) if parent else None)


def _named_body(name: str) -> Body:
    """A national body named in full ("Bộ Công Thương", "Quốc hội"), as the recognisers name it."""
    a = parse_agency(name, 0)
    if a is not None and a.end == len(name) and a.kind in ("national", "bo", "tong_cuc", "cuc"):
        if a.kind == "national":
            return Body(a.core, "national", a.branch, None, key(a.core))
        return Body(a.core, a.kind, a.branch, None, key(a.core))
    return Body(name, "national", "state", None, key(name))


def _city_provinces():
    return vocab().places.city_provinces


def _province_place(province: str):
    from govkg.loaders.gazetteer import Place

    return Place(province, "province", "thành phố" if province in _city_provinces() else "tỉnh")


_SPEECH = re.compile(r"(?:" + not_after(r"[\wÀ-ỹ]", ["cho hay", "cho biết", "nói", "kể", "nhớ lại", "thông tin", "chia sẻ",
                                                     "tiết lộ", "khẳng định", "cho rằng", "giải thích", "trả lời"])
                     + r")(?![\wÀ-ỹ])")


def _reports_another(between: str) -> bool:
    """Whether what stands between a person and a verb of directing reports another body's
    directive: a verb of saying, then a body ("Ông Viện cho hay từ năm 2015 HĐND TP Hà Nội đã
    giao ...").

    >>> _reports_another("Vũ Văn Viện cho hay từ năm 2015 HĐND TP Hà Nội đã ")
    True
    >>> _reports_another("Nguyễn Xuân Phúc nhấn mạnh ")
    False
    """
    m = _SPEECH.search(between)
    if m is None:
        return False
    return bool(find_agencies(between[m.end():]))

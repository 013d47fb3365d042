"""One article in, its facts out: ``article_graph(article)`` returns a small KnowledgeGraph.

One pass over the sentences of each zone (body, then leftovers) with the compiled recognisers;
resolution (loaders/resolve.py) names bodies and places; deterministic ids make the small graphs
of many articles merge into one without any lookup.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from govkg.graph.model import KnowledgeGraph, Source
from govkg.identity import fold, key, make_id
from govkg.loaders.agencies import AgencyMention, find_agencies
from govkg.loaders.article import Article
from govkg.loaders.chain import ChainReader
from govkg.loaders.relations import short_names
from govkg.loaders.people import PositionMention, TitleMention, read_positions
from govkg.loaders.resolve import Body, Context, article_context, infer_year, resolve_body
from govkg.loaders.scan import AGENCY, ANCHOR, MAX_SENTENCE, ORGANISATION, Look, sentence_words
from govkg.text import retone, trie_pattern
from govkg.vocab import derived, vocab

# An abbreviation restated in brackets ("Sở Khoa học và Công nghệ (KH&CN)") is blanked out, keeping offsets.
_BRACKETED_ABBREV = re.compile(r"\((?:[A-ZĐ][A-ZĐ0-9&\-.,\s]{1,14})\)")  # with the space before it, if any
_SPACE = re.compile(r"\s")
# a year the sentence dates itself with ("Năm 1995", "tháng 11/2007", "ngày 7/9/1951"); not one inside a
# document's number ("45/2022/NQ-QH") or a span's start ("2016-2020")
_SENTENCE_YEAR = re.compile(r"(?:[Nn]ăm\s?|[Tt]háng\s?\d{1,2}\s?/\s?|(?<![\d/])(?:\d{1,2}/)?(?:0?[1-9]|1[0-2])/)"
                            r"((?:19|20)\d\d)\b(?!\s?[-–/])")


@dataclass
class Traced:
    """One title mention of an article and what became of it, for ``govkg explain``."""

    zone: str
    sentence_start: int
    sentence: str
    mention: TitleMention
    facts: list[dict] = field(default_factory=list)  # person, title, organization, status, confidence

    @property
    def outcome(self) -> str:
        return "fact" if self.facts else (self.mention.reason or "no fact")


def article_graph(article: Article, outlet_province: str | None = None,
                  trace: list[Traced] | None = None) -> KnowledgeGraph:
    """Recognise and resolve everything one article states. With ``trace`` (a list), every title
    mention is appended to it with the facts it gave or why it gave none."""
    kg = KnowledgeGraph()
    text = _prepare(article.text)
    leftovers = [_prepare(x) for x in article.leftovers]
    ctx = article_context(text + "\n" + (article.title or ""), outlet_province, article.source, article.url)
    year = article.date.year if article.date else infer_year(text)
    about = article.date or (date(year, 7, 1) if year else None)
    kg.add_node("Article", article.id, title=article.title, date=article.date, source=article.source,
                outlet=article.outlet, url=article.url, path=article.path, locality=ctx.province,
                content_hash=article.content_hash)
    state = _State(kg, article.id, ctx, about, trace)
    state.published = article.date
    state.date_upper = getattr(article, "date_upper", None)  # published on or before (a crawl date)
    state.all_text = text + "\n" + "\n".join(leftovers)
    state.short_names = short_names(article.text)  # "Công ty X (Y)": Y names X in this article
    state.raw_text = lambda: retone(article.text)  # the body as written (abbreviations in brackets kept), same offsets
    from govkg.loaders.sentences import split_sentences

    for zone, chunk in [("body", text), *[("leftover", x) for x in leftovers]]:
        look = Look(chunk)
        if not look.hits:
            continue
        for start, sentence in split_sentences(chunk):
            # only sentences naming a title, a body, a document or a project can state anything
            end = start + len(sentence)
            i = bisect_left(look.hits, start)
            if i < len(look.hits) and look.hits[i] < end:
                if len(sentence) <= MAX_SENTENCE:
                    state.sentence(sentence, start, zone, look.words(start, end, sentence))
                else:
                    for at, piece in _pieces(start, sentence):
                        state.sentence(piece, at, zone)
            else:
                state.untriggered(sentence, start, zone)
    state.finish()
    return kg


_PIECE_END = re.compile(r"[;,]\s")


def _pieces(start: int, sentence: str):
    """A sentence, or pieces of a very long one cut after a ";" or "," (nothing is left out), so that
    the time to read it grows with its length, not with its square.

    >>> [(at, len(p)) for at, p in _pieces(0, "A, " * 1500)][:2]
    [(0, 3000), (3000, 1500)]
    """
    while len(sentence) > MAX_SENTENCE:
        cut = None
        for m in _PIECE_END.finditer(sentence, MAX_SENTENCE // 2, MAX_SENTENCE):
            cut = m.end()
        cut = cut or MAX_SENTENCE
        yield start, sentence[:cut]
        start, sentence = start + cut, sentence[cut:]
    yield start, sentence


def _prepare(s: str) -> str:
    """The text as the recognisers read it (one tone placement, abbreviations in brackets blanked).

    >>> _prepare("Sở Khoa học và Công nghệ (KH&CN) cho biết (theo Bộ)")
    'Sở Khoa học và Công nghệ         cho biết (theo Bộ)'
    """
    s = retone(s)
    if "(" not in s:
        return s
    # the brackets are looked for from their "(" (fast), then the space before one taken in, if it
    # stands after the previous blank: the same spans as "\s?\(...\)" searched from the left
    parts, last = [], 0
    for m in _BRACKETED_ABBREV.finditer(s):
        at = m.start()
        if at > last and _SPACE.match(s, at - 1):
            at -= 1
        parts += [s[last:at], " " * (m.end() - at)]
        last = m.end()
    if not parts:
        return s
    parts.append(s[last:])
    return "".join(parts)


@dataclass
class _Holding:
    """A post read in the article, kept until the whole article is read."""

    person: str
    role: str
    source: Source
    confidence: float
    direct: bool
    rank: str
    status: str
    traced: Traced | None = None
    fact: dict | None = None


@dataclass
class _Pending:
    """A bare title whose body only the rest of the article can tell ("Thứ trưởng X")."""

    pm: PositionMention
    src: Source
    traced: Traced | None
    near: list[Body] = field(default_factory=list)  # bodies the sentence names before the title


class _State(ChainReader):
    """Per-article working state while its sentences are read."""

    def __init__(self, kg: KnowledgeGraph, article_id: str, ctx: Context, about: date | None,
                 trace: list[Traced] | None = None) -> None:
        self.kg, self.article, self.ctx, self.about = kg, article_id, ctx, about
        self.trace = trace
        self.people: dict[str, str] = {}  # person key -> node id
        self.steering: dict[str, str] = {}  # steering committee key -> its node id, to resolve short mentions
        self.events: list[str] = []
        self.bodies: dict[str, str] = {}  # body key -> node id, for bodies this article named already
        self.all_text = ""
        self.title_bodies: list[tuple[int, int]] = []  # spans of bodies named in titles, in the current sentence
        self._names: Counter | None = None  # how often each personal name stands in the article (lazily)
        self._foreign: set[str] | None = None  # names of foreign officials ("Thủ tướng Singapore Lý Hiển Long")
        self.loose_projects: list[tuple[str, Source]] = []  # projects named in a sentence with no document
        self.holdings: list[_Holding] = []  # kept at the end (one head per post)
        self.pending: list[_Pending] = []  # bare titles resolved at the end
        self.posts_of: dict[str, list[tuple[str, Body]]] = {}  # person name -> (title, body) read in full
        self.published: date | None = None

    # -- one sentence -----------------------------------------------------------------------------
    def sentence(self, s: str, start: int, zone: str, words: int | None = None) -> None:
        """Read one sentence; ``words``: the bits of the readers whose words it holds (see
        :class:`govkg.loaders.scan.Look`), else looked for here. A reader whose words are not there finds nothing,
        and is not asked."""
        if words is None:
            words = sentence_words(s)
        src = Source(self.article, s, start, zone)
        self.title_bodies = []
        holders = self._positions(s, src) if words & ANCHOR else []
        self.chain_sentence(s, src, holders, find_agencies(s) if words & AGENCY else [], bool(words & ORGANISATION))

    def _positions(self, s: str, src: Source) -> list[tuple[int, str]]:
        """Read the posts of a sentence (kept as holdings until the article ends); return (offset in
        sentence, person id) of the holders named."""
        reading = read_positions(s)
        traced: dict[int, Traced] = {}
        if self.trace is not None:
            for t in reading.titles:
                traced[t.start] = Traced(src.zone, src.start, s, t)
                self.trace.append(traced[t.start])
        out = []
        said: list[Body] = []  # bodies of the posts this sentence has stated so far
        sentence_bodies = None
        for pm in reading.positions:
            tr = traced.get(pm.segment.start) if pm.segment is not None else None
            cap = 1.0
            if " " not in pm.person:
                full = self._full_name(pm.person)
                if full is None:
                    _refuse(tr, "a given name only, and the article does not name one person so in full")
                    continue
                pm = replace(pm, person=full, known_surname=True, direct=False)
                cap = 0.8  # the person named by a given name only: completed from the article
            else:
                whole = self._completed(pm.person)
                if whole is None:
                    _refuse(tr, "a name cut short ('Nguyễn Văn'), and the article does not name the person in full")
                    continue
                if whole != pm.person:
                    pm = replace(pm, person=whole)
            self.title_bodies.extend((seg.body.start, seg.body.end) for seg in pm.chain if seg.body is not None)
            if self.is_foreign(pm.person) or self._foreign_in_sentence(s, pm):
                _refuse(tr, "a foreign official")  # "Thủ tướng Singapore Lý Hiển Long": the article's foreign officials
                continue
            body, how = self._position_body(pm, s)
            if body is None:
                if how == "later":
                    if sentence_bodies is None:  # read once per sentence, however many bare titles ask
                        sentence_bodies = [(a.end, b) for a in find_agencies(s) if (b := self._resolve(a, [], s)) is not None]
                    near = [b for end, b in sentence_bodies if end <= pm.segment.start]
                    self.pending.append(_Pending(pm, src, tr, near + said))
                else:
                    _refuse(tr, how or "body not resolved")
                continue
            person = self._hold(pm, body, src, tr, s, min(cap, body.confidence))
            said.append(body)
            out.append((pm.person_start, person))
        return out

    @property
    def names(self) -> Counter:
        """How often each personal name stands in the article: read once, when first needed (a name
        of two words or of five, a given name alone), not for every article that names a post."""
        if self._names is None:
            self._names = _name_survey(self.all_text)
        return self._names

    def is_foreign(self, name: str) -> bool:
        """A known foreign leader, or a name the article writes right after a foreign country
        ("Thủ tướng Singapore Lý Hiển Long", "Tổng thống Hoa Kỳ Donald Trump")."""
        from govkg.loaders.people import foreign_country_at, known_foreign_people

        if self._foreign is None:
            self._foreign = set()
            self._not_foreign: set[str] = set()
        if name in self._foreign or name in known_foreign_people():
            return True
        if name in self._not_foreign:
            return False
        text = self.all_text
        at = text.find(name)
        while at >= 0:
            if foreign_country_at(text, at):
                self._foreign.add(name)
                return True
            at = text.find(name, at + 1)
        self._not_foreign.add(name)
        return False

    def _completed(self, name: str) -> str | None:
        """ "Kim Tiến" where the article names "Nguyễn Thị Kim Tiến", "Nguyễn Đức" cut before "chung":
        the one longer name of the article that ends (or, for a cut name, starts) with it."""
        words = name.split(" ")
        if len(words) != 2:
            return name
        longer_end = {n for n in self.names if n.endswith(" " + name) and len(n.split(" ")) > 2}
        if len(longer_end) == 1:
            return longer_end.pop()
        if words[1] in vocab().names.middle_names:
            longer_start = {n for n in self.names if n.startswith(name + " ")}
            return longer_start.pop() if len(longer_start) == 1 else None
        return name

    def _full_name(self, word: str) -> str | None:
        """ "Thứ trưởng Nghĩa": the one person the article names in full whose name ends so."""
        found = {n for n in self.names if n.split(" ")[-1] == word}
        if len(found) != 1:
            return None
        name = found.pop()
        return None if self.is_foreign(name) else name

    def _position_body(self, pm: PositionMention, s: str) -> tuple[Body | None, str]:
        """The body of a post, and how it was found; ``(None, "later")`` when the rest of the
        article may tell it ("Thứ trưởng X": the ministry the article is about)."""
        chain_bodies = [seg.body for seg in pm.chain if seg.body is not None]
        if pm.body is not None:
            if "bare" in pm.body.qualifiers:
                return self._bare_body(pm, s)
            body = self._resolve(pm.body, chain_bodies, s)
            return body, ("" if body is not None else "the place of the body cannot be told")
        if pm.title.body is not None:
            return Body(pm.title.body, "national", "state", None, key(pm.title.body)), "implied"
        party = self._party_of_chain(pm, s)
        if party is not None:
            return party, "the party committee of the chain's People's Committee"
        return None, "later"

    def _party_of_chain(self, pm: PositionMention, s: str) -> Body | None:
        """ "Phó Bí thư – CT UBND huyện Đắk R'Lấp", "Phó Bí thư, Chủ tịch UBND tỉnh X": a bare party
        secretary's title beside the People's Committee (or Council) of a place is of that place's
        party committee."""
        base = pm.title.title.removeprefix("Phó ").removesuffix(" Thường trực")
        if base != "Bí thư":
            return None
        for seg in pm.chain:
            if seg is pm.segment or seg.body is None or seg.body.kind not in ("ubnd", "hdnd"):
                continue
            body = self._resolve(seg.body, [x.body for x in pm.chain if x.body is not None], s)
            if body is None or body.place is None:
                continue
            place = body.place
            level = {"province": "Tỉnh ủy" if place.kind == "tỉnh" else "Thành ủy", "district":
                     {"quận": "Quận ủy", "huyện": "Huyện ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}.get(place.kind),
                     "ward": "Đảng ủy"}.get(place.level)
            if level is None:
                return None
            kind = {"Tỉnh ủy": "tinh_uy", "Thành ủy": "thanh_uy", "Quận ủy": "quan_uy", "Huyện ủy": "huyen_uy",
                    "Thị ủy": "thi_uy", "Đảng ủy": "dang_uy"}[level]
            from govkg.loaders.resolve import _name

            name = _name(AgencyMention(kind, 0, 0, "", level), place)
            if kind == "dang_uy":
                name = f"Đảng ủy {place.label}"
            return Body(name, kind, "party", place, key(name), confidence=min(0.85, body.confidence))
        return None

    def _bare_body(self, pm: PositionMention, s: str) -> tuple[Body | None, str]:
        """ "Bí thư Đảng ủy, Tổng Giám đốc TTXVN": a bare Đảng ủy (or Cơ quan CSĐT) is that of the
        body the chain names next."""
        after = [seg.body for seg in pm.chain if seg.body is not None and seg.start > pm.segment.start
                 and "bare" not in seg.body.qualifiers]
        before = [seg.body for seg in pm.chain if seg.body is not None and seg.start < pm.segment.start
                  and "bare" not in seg.body.qualifiers and seg.title.rank != "member"]
        for other in after[:1] or before[-1:]:
            parent = self._resolve(other, [], s)
            if parent is None:
                continue
            if pm.body.kind in ("co_quan_csdt", "co_quan_andt") and parent.kind not in ("national", "bo", "cong_an"):
                continue
            name = f"{pm.body.core} {parent.name}"
            return Body(name, pm.body.kind, pm.body.branch, parent.place, key(name), parent,
                        min(0.9, parent.confidence)), "from the chain"
        return None, "the body it belongs to is not named"

    def _hold(self, pm: PositionMention, body: Body, src: Source, tr: "Traced | None", s: str,
              confidence: float | None = None) -> str:
        person = self._person(pm, body, src)
        title = pm.title.title
        role_key = f"{key(title)}|{body.key}"
        role = make_id("Role", role_key)
        agency = self._add_body(body, src)
        self.kg.add_node("Role", role, title=title, name=f"{title} {body.name}", rank=pm.title.rank, key=role_key)
        self.kg.add_fact("OF", role, agency, src)
        conf = body.confidence if confidence is None else confidence
        if not pm.known_surname:
            conf = min(conf, 0.7)  # a family name govkg does not know, read after "ông" / "bà"
        if not pm.direct and pm.how == "list":
            conf = min(conf, 0.85)  # a title shared by a list of names
        conf *= 0.8 if src.zone == "leftover" else 1.0
        status = stated = pm.status
        stated_on = None
        if status in ("current", "elected", "appointed") and self._looks_back(s):
            # "Năm 1995, ... Thủ tướng Võ Văn Kiệt": held then, which the source says with its year;
            # as of the article it says nothing (former, for the article's own one-head rule)
            stated_on, status = str(max(_sentence_years(s))), "former"
        fact = {"person": pm.person, "title": title, "organization": body.name,
                "status": f"{stated} in {stated_on}" if stated_on else status, "confidence": round(conf, 2)}
        source = Source(src.article, src.sentence, src.start, src.zone, stated if stated_on else status, stated_on)
        self.holdings.append(_Holding(person, role, source, conf, pm.direct, pm.title.rank, status, tr, fact))
        if body.kind != "national" or pm.body is not None:
            self.posts_of.setdefault(pm.person, []).append((title, body))
        self.kg.add_fact("MENTIONS", self.article, person, src)
        return person

    def _foreign_in_sentence(self, s: str, pm: PositionMention) -> bool:
        """A Sino-Vietnamese name beside a foreign leader or a foreign province, holding a post
        with no Vietnamese place ("Chủ tịch Tập Cận Bình và Thủ tướng Lý Khắc Cường")."""
        if pm.body is not None and (pm.body.place is not None or pm.body.kind != "national"):
            return False
        f = _foreign_anchor()
        m = f.search(s)
        if m is None:
            return False
        # a Vietnamese leader named with them keeps his post when the article names him so elsewhere
        return pm.person.split(" ")[0] in _SINO_SURNAMES and self.names.get(pm.person, 0) <= 1

    def _looks_back(self, s: str) -> bool:
        """Whether the sentence is dated years before the article ("Tháng 11/2007, Chủ tịch nước ...")."""
        years = _sentence_years(s)
        if years and max(years) < 1990:
            return True  # "Ngày 7/9/1951, ... Thủ tướng Trần Văn Hữu": history, whatever the article's date
        if self.about is None:
            return False
        # an article's own date is sure; a year guessed from its text is not: ask for a wider gap
        gap = 2 if self.published is not None else 5
        return bool(years) and max(years) <= self.about.year - gap

    def _person(self, pm: PositionMention, body: Body, src: Source) -> str:
        local = body.place.province if body.place is not None and body.place.level != "province" else (
            body.place.name if body.place is not None else None)
        name = _settled_name(pm.person, self.names) if len(pm.person.split(" ")) >= 4 else pm.person
        k = key(name)
        if k in self.people:
            return self.people[k]
        ident = f"{k}|{local}" if local else k
        pid = make_id("Person", ident)
        self.people[k] = pid
        self.kg.add_node("Person", pid, name=name, key=k, folded=fold(name), honorific=pm.honorific,
                         ranks=list(pm.ranks), place=local)
        return pid

    def _resolve(self, m: AgencyMention, chain: list[AgencyMention], sentence: str | None = None) -> Body | None:
        body = resolve_body(m, chain, self.ctx, sentence)
        if body is not None and body.kind == "ban_chi_dao":
            # "Ban Chỉ đạo Chương trình" after "Ban Chỉ đạo Chương trình 03-CTr/TU" is the same body
            short = key(body.name)
            for k, full in self.steering.items():
                # only a number completes a short name: "... Chương trình" -> "... Chương trình 03-CTr/TU"
                if k != body.key and k.startswith(short) and any(c.isdigit() for c in k[len(short):].split("|")[0]):
                    return full
            self.steering[body.key] = body
        if body is not None and body.parent is None and m.part_of is not None and body.kind in _WRITTEN_PARENT_KINDS:
            # "Cục Quản lý dược (Bộ Y tế)", "Cục X, Bộ Y", "Cục X thuộc Bộ Y": the body it is part of
            up = resolve_body(m.part_of, chain, self.ctx, sentence)
            if up is not None and up.key != body.key:
                body = replace(body, parent=up)
        return body

    def _body(self, m: AgencyMention, chain: list, src: Source, sentence: str | None = None) -> str | None:
        if "bare" in m.qualifiers:
            return None
        body = self._resolve(m, chain, sentence)
        if body is None:
            return None
        return self._add_body(body, src)

    def _add_body(self, body: Body, src: Source, mentioned: bool = True) -> str:
        """The body's node, named once per article; PART_OF its parent: the one written with it
        ("Cục X (Bộ Y)", "Ban Dân vận Thành ủy"), else the one its kind implies (a province's Sở
        under the province's People's Committee, which the article does not thereby mention)."""
        parent = body.parent or _implied_parent(body)
        known = self.bodies.get(body.key)
        if known is not None:  # named before in this article: only the new mention is added
            if mentioned:
                self.kg.add_fact("MENTIONS", self.article, known, src)
            if parent is not None and body.parent is not None:  # a parent written now, not before
                self.kg.add_fact("PART_OF", known, self._add_body(parent, src), src)
            return known
        aid = make_id("Agency", body.key)
        self.bodies[body.key] = aid
        self.kg.add_node("Agency", aid, name=body.name, full_name=_full_name(body.name), kind=body.kind,
                         branch=body.branch, place=body.place.name if body.place else None, key=body.key,
                         folded=fold(body.name), aliases=[_full_name(body.name)])
        if mentioned:
            self.kg.add_fact("MENTIONS", self.article, aid, src)
        if parent is not None:
            pid = self._add_body(parent, src, mentioned=body.parent is not None)
            self.kg.add_fact("PART_OF", aid, pid, src, 1.0 if body.parent is not None else 0.9)
        if body.place is not None:
            place = self._place(body.place)
            self.kg.add_fact("LOCATED_IN", aid, place, src)
        return aid

    def _place(self, place) -> str:
        prov = place.name if place.level == "province" else place.province
        pid = make_id("Place", f"{place.level}|{key(place.name)}|{prov or ''}")
        self.kg.add_node("Place", pid, name=place.name, full_name=place.label, level=place.level)
        if place.level != "province" and prov:
            parent = self._place(_province_place(prov))
            self.kg.add_fact("PART_OF", pid, parent)
        return pid

    def finish(self) -> None:
        self._resolve_pending()
        self._keep_holdings()
        self._one_place_per_project()
        self._attach_loose_projects()
        self._steering_by_name()

    def _resolve_pending(self) -> None:
        """Bare titles ("Thứ trưởng Huỳnh Vĩnh Ái", "đại biểu Nguyễn Bá Thuyền (Lâm Đồng)"): the body
        the same person is named with in full elsewhere in the article, else the one body of that
        kind the article names, else none; said with less confidence."""
        for p in self.pending:
            body, conf, why = self._pending_body(p.pm, p.near)
            if body is None:
                _refuse(p.traced, why)
                continue
            self._hold(p.pm, body, p.src, p.traced, p.src.sentence, conf)
            if p.traced is not None and p.traced.facts:
                p.traced.facts[-1]["how"] = why

    def _pending_body(self, pm: PositionMention, near: list[Body] = ()) -> tuple[Body | None, float, str]:
        title = pm.title.title
        if title == "Đại biểu":
            return self._deputy_body(pm)
        same = [b for t, b in self.posts_of.get(pm.person, []) if t == title]
        if len({b.key for b in same}) == 1:
            return same[0], 0.8, "the same person's post named in full in the article"
        prefix = pm.title.prefix
        kinds = {"Bộ": "bo", "Cục": "cuc", "Tổng cục": "tong_cuc", "Vụ": "vu"}
        if prefix in kinds:
            here = {b.key: b for b in near if b.kind == kinds[prefix]}
            if len(here) == 1:  # "Tại buổi họp báo ... Bộ Công Thương, Thứ trưởng Đỗ Thắng Hải"
                return next(iter(here.values())), 0.8, "the one body of its kind the sentence names before it"
        if any(t != title for t, _ in self.posts_of.get(pm.person, [])):
            # "Bộ trưởng Mai Tiến Dũng" where he is named "Bộ trưởng, Chủ nhiệm VPCP": not the article's ministry
            return None, 0.0, "the person holds another post the article names; the body is not written"
        if pm.title.prefix == "Bộ":
            ministries = {k: b for k, b in self._article_bodies("bo").items()}
            if len(ministries) == 1 and self._named_often(next(iter(ministries.values()))):
                return next(iter(ministries.values())), 0.7, "the one ministry the article names"
            return None, 0.0, "no body written, and the article names several ministries" if ministries else \
                "no body written or implied"
        return None, 0.0, "no body written or implied"

    def _deputy_body(self, pm: PositionMention) -> tuple[Body | None, float, str]:
        """ "đại biểu Nguyễn Bá Thuyền (Lâm Đồng)" in a report of a National Assembly sitting: a
        deputy of the National Assembly; in a report of a council sitting, of that council."""
        text = self.all_text
        if _ASSEMBLY.search(text):
            return Body("Quốc hội", "national", "state", None, key("Quốc hội")), 0.75, \
                "a deputy in a report of a National Assembly sitting"
        if _COUNCIL.search(text) and self.ctx.province:
            for k, b in self._article_bodies("hdnd").items():
                return b, 0.7, "a deputy in a report of the council's sitting"
        return None, 0.0, "a delegate, not said to be a deputy of any body"

    def _named_often(self, body: Body) -> bool:
        """Whether the article is about this body: it names it in its title or twice or more."""
        aid = self.bodies.get(body.key)
        if aid is None:
            return False
        sources = self.kg.g.edges[self.article, aid, "MENTIONS"]["sources"]
        return len({s.start for s in sources}) >= 2 or any(s.zone == "title" for s in sources)

    def _article_bodies(self, kind: str) -> dict[str, Body]:
        out = {}
        for aid in self.bodies.values():
            d = self.kg.g.nodes[aid]
            if d.get("kind") == kind:
                out[d["key"]] = Body(d["name"], kind, d.get("branch", "state"), None, d["key"])
        return out

    def _keep_holdings(self) -> None:
        """One head per post: when an article gives a head post to two people, the ones that a
        chain carried ("ý kiến của Chủ tịch Hội đồng Dân tộc, Chủ tịch Quốc hội Nguyễn Thị Kim
        Ngân") give way to the one named right beside the title."""
        heads: dict[str, set[str]] = {}
        direct: set[tuple[str, str]] = set()
        holding = ("current", "acting", "elected", "appointed")
        for h in self.holdings:
            if h.rank == "head" and h.status in holding:
                heads.setdefault(h.role, set()).add(h.person)
                if h.direct:
                    direct.add((h.person, h.role))
        for h in self.holdings:
            if len(heads.get(h.role, ())) > 1 and (h.person, h.role) not in direct and h.status in holding:
                _refuse(h.traced, "another person is named the head of this body beside the title")
                continue
            self.kg.add_fact("HOLDS", h.person, h.role, h.source, h.confidence)
            if h.traced is not None and h.fact is not None:
                h.traced.facts.append(h.fact)


_SHORT_FORMS = re.compile(r"(?<![\wÀ-ỹ])(UBND|HĐND|MTTQVN|TP)(?![\wÀ-ỹ])")
_LONG = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "MTTQVN": "Mặt trận Tổ quốc Việt Nam", "TP": "thành phố"}


@lru_cache(maxsize=16384)
def _full_name(name: str) -> str:
    """ "UBND TP Cần Thơ" -> "Ủy ban nhân dân thành phố Cần Thơ"."""
    return _SHORT_FORMS.sub(lambda m: _LONG[m.group(1)], name)


def _city_provinces():
    return vocab().places.city_provinces


# kinds of body whose parent, when written after them, is the body they belong to
_WRITTEN_PARENT_KINDS = frozenset({"cuc", "vu", "tong_cuc", "chi_cuc", "so", "van_phong", "thanh_tra"})


def _implied_parent(body: Body) -> Body | None:
    """The body a kind of body belongs to without its being written: a province's Sở is its
    People's Committee's ("Sở Y tế Hà Nội" under UBND TP Hà Nội)."""
    if body.kind != "so" or body.place is None or body.place.level != "province":
        return None
    from govkg.loaders.agencies import parse_agency

    label = ("TP " if body.place.name in _city_provinces() else "tỉnh ") + body.place.name
    a = parse_agency(f"UBND {label}", 0)
    if a is None:
        return None
    return resolve_body(a, [], Context(body.place.name), None)


def _province_place(province: str):
    from govkg.loaders.gazetteer import Place

    return Place(province, "province", "thành phố" if province in _city_provinces() else "tỉnh")


def _name_survey(text: str) -> Counter:
    """How often each personal name stands in the article."""
    from govkg.loaders.names import find_names

    return Counter(nm.name for nm in find_names(text))


@lru_cache(maxsize=64)
def _sentence_years(s: str) -> list[int]:
    """The years a sentence names ("Năm 1995", "tháng 11/2007"): read once per sentence. A year
    that belongs to something else dates nothing: a birth ("sinh năm 1985", "SN 1985") or a law's
    name ("Luật Đất đai năm 2013").

    >>> _sentence_years("Tháng 11/2007, Chủ tịch nước Nguyễn Minh Triết thăm Cuba.")
    [2007]
    >>> _sentence_years("Chủ tịch Nguyễn Đức Chung thăm chị Thanh (sinh năm 1985), theo Luật Đất đai năm 2013.")
    []
    """
    return [int(m.group(1)) for m in _SENTENCE_YEAR.finditer(s)
            if not _NOT_A_DATE.search(s, max(0, m.start() - 60), m.start(1))]


# what a year right after it belongs to: a birth, a law's name
_NOT_A_DATE = re.compile(r"(?:(?<![\wÀ-ỹ])(?:[Ss]inh|SN|[Nn]ăm sinh)\s+(?:ngày\s+|năm\s+)?(?:\d{1,2}\s?[/-]\s?){0,2}"
                         r"|(?<![\wÀ-ỹ])(?:Luật|Bộ luật|Hiến pháp|Pháp lệnh)(?:\s+[\wÀ-ỹ,]+){0,7}?\s+năm\s+)$")


def _refuse(traced: "Traced | None", reason: str) -> None:
    if traced is not None and not traced.facts and traced.mention.reason is None:
        traced.mention.reason = reason


_ASSEMBLY = re.compile(r"(?:kỳ họp|phiên họp|phiên thảo luận|phiên chất vấn)[^.]{0,40}Quốc hội|Quốc hội khóa|ĐBQH|"
                       r"đại biểu Quốc hội|nghị trường")
_COUNCIL = re.compile(r"kỳ họp[^.]{0,30}(?:HĐND|Hội đồng nhân dân)")
# family names of Chinese officials in Sino-Vietnamese spelling that Vietnamese names rarely have
_SINO_SURNAMES = frozenset({"Tập", "Lý", "Vương", "Triệu", "Ôn", "Giang", "Tôn", "Du", "Lật", "Hàn", "Uông",
                            "Quách", "Chu", "Lưu", "Dương", "Thái", "Hồ", "Bạc", "Điền", "Quý", "Trương"})


@derived
def _foreign_anchor() -> re.Pattern:
    f = vocab().foreign
    words = {*f.people, *f.places, "Trung Quốc", "TQ", "Bắc Kinh"}
    return re.compile(r"(?<![\wÀ-ỹ])(?:" + trie_pattern(words) + r")(?![\wÀ-ỹ])")


def _settled_name(name: str, names: Counter) -> str:
    """ "Đoàn Ngọc Hải Giờ" read once where "Đoàn Ngọc Hải" stands elsewhere: a glued word, cut off."""
    words = name.split(" ")
    if names.get(name, 0) <= 1:
        for n in range(len(words) - 1, 1, -1):  # "Nguyễn Chí Dũng Bích Ngọc" where "Nguyễn Chí Dũng" stands
            shorter = " ".join(words[:n])
            if names.get(shorter, 0) >= 1:
                return shorter
    return name

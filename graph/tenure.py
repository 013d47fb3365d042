"""Time: when each statement was made, the status a fact shows, and who held a post at a date.

Every HOLDS fact (a person holds a post) is stated by sources, each in an article and each saying
a status: ``current``, ``acting``, ``elected``, ``appointed`` (the post is held) or ``former``,
``ended`` (no longer held). This module turns sources into *statements* and answers from them.
It imports nothing heavy: lookups use it.

**When a statement was made** is an interval ``When(lo, hi)``:

- the date the sentence gives for itself when the recogniser read one (``Source.stated_on``:
  "2015", "2015-11" or "2015-11-07"; a year counts from its first day to its last, but when the
  article's own date falls inside it, the article's date is taken);
- else the article's date (from its record, its page's metadata or a date line in its text):
  ``lo == hi``;
- else the article's bound (``Article.date_upper``, the crawl date of a record: published on or
  before it): ``lo`` unknown, ``hi`` the bound;
- else unknown (``lo`` and ``hi`` None).

**A statement** is what one article says of one fact: the majority of its sources' statuses (one
plain "Chủ tịch" does not beat four "nguyên Chủ tịch"). On a tie the status of the article's first
mention wins, its headline first: an article introduces people with their post as of its date,
and a lone "former" is as often a recogniser's guess (a year in the sentence) as a "nguyên".
Sources in web page furniture count half.

**The status a fact shows** follows its latest dated statement (several on the latest date: their
sources' majority). A statement with only a bound never overrides a dated one: its true date may
lie anywhere before the bound, so it is not known to be later. Bounded statements decide only when
no statement is dated, by the latest bound (``status_basis = "bound"``), and undated ones only when
nothing is dated or bounded (``"undated"``, majority of all sources).

**Who held a post at a date** (:func:`standings`): see :func:`standing_of` for the rules; each
holder gets a :class:`Standing` whose ``state`` says how sure the answer is and whose ``note``
says on what statements it rests.

>>> w = article_when(date(2024, 5, 28), None)
>>> w.kind, w.text()
('date', '2024-05-28')
>>> article_when(None, date(2017, 6, 8)).text()
'on or before 2017-06-08'
>>> parse_when("2018").lo, parse_when("2018").hi
(datetime.date(2018, 1, 1), datetime.date(2018, 12, 31))
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable

HOLDING = frozenset({"current", "acting", "elected", "appointed"})
ENDED = frozenset({"former", "ended"})
_ZONE_ORDER = {"title": 0, "body": 1}  # on a tie, the first mention wins: the headline, then the body
LEFTOVER_WEIGHT = 0.5  # a source read in web page furniture (related headlines ...) counts half

_PERIOD = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


class TimeError(ValueError):
    """A date that cannot be read (one line, for the user)."""


@dataclass(frozen=True)
class When:
    """When a statement was made: somewhere in ``[lo, hi]`` (None: unknown on that side).

    ``label`` is how it was given ("2015", "2015-11-07"), for display."""

    lo: date | None = None
    hi: date | None = None
    label: str = ""
    # ``date`` (one day), ``period`` (a month or a year), ``bound`` (on or before ``hi``) or ``none``:
    # worked out once, as lookups ask it of every statement many times
    kind: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.lo is not None:
            kind = "date" if self.lo == self.hi else "period"
        else:
            kind = "bound" if self.hi is not None else "none"
        object.__setattr__(self, "kind", kind)

    @property
    def dated(self) -> bool:
        return self.lo is not None

    @property
    def at(self) -> date | None:
        """The day a dated statement counts from (its first possible day)."""
        return self.lo

    def text(self) -> str:
        if self.kind == "date":
            return self.lo.isoformat()
        if self.kind == "period":
            return self.label or f"{self.lo.isoformat()}..{self.hi.isoformat()}"
        if self.kind == "bound":
            return f"on or before {self.hi.isoformat()}"
        return "undated"

    def short(self) -> str:
        """``2024-05-28``, ``2015``, ``≤2017-06-08`` or ``undated``."""
        return f"≤{self.hi.isoformat()}" if self.kind == "bound" else self.text()


NO_TIME = When()


def parse_when(text: str | date) -> When:
    """A day, a month or a year as an interval: "2018-05-03", "2018-05", "2018" (or a date).

    >>> parse_when("2018-02").hi
    datetime.date(2018, 2, 28)
    >>> try:
    ...     parse_when("2018-13")
    ... except TimeError as e:
    ...     print(e)
    '2018-13' is not a date (give YYYY-MM-DD, YYYY-MM or YYYY)
    """
    if isinstance(text, date):
        return When(text, text, text.isoformat())
    m = _PERIOD.match(str(text))
    bad = TimeError(f"'{text}' is not a date (give YYYY-MM-DD, YYYY-MM or YYYY)")
    if not m:
        raise bad
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d is not None:
            day = date(y, int(mo), int(d))
            return When(day, day, day.isoformat())
        if mo is not None:
            last = calendar.monthrange(y, int(mo))[1]
            return When(date(y, int(mo), 1), date(y, int(mo), last), f"{y:04d}-{int(mo):02d}")
        return When(date(y, 1, 1), date(y, 12, 31), f"{y:04d}")
    except ValueError:
        raise bad from None


def article_when(day: date | None, upper: date | None) -> When:
    """When an article was published: its date, else 'on or before' its bound, else unknown."""
    if day is not None:
        return When(day, day, day.isoformat())
    if upper is not None:
        return When(None, upper, "")
    return NO_TIME


def statement_when(article: When, stated_on: str | date | None) -> When:
    """When a statement was made: the date its sentence gives (kept inside what the article
    allows), else the article's time.

    >>> a = article_when(date(2024, 5, 28), None)
    >>> statement_when(a, "2015").text(), statement_when(a, "2024").text()
    ('2015', '2024-05-28')
    """
    if not stated_on:
        return article
    try:
        s = parse_when(stated_on)
    except TimeError:
        return article
    if article.dated and s.lo <= article.lo <= s.hi:
        return article  # "năm nay" in an article of that year: the article's day is as precise
    if article.hi is not None and s.lo <= article.hi < s.hi:
        return When(s.lo, article.hi, s.label)  # not after the article was published
    return s


def source_weight(zone: str | None) -> float:
    return LEFTOVER_WEIGHT if zone == "leftover" else 1.0


def position(zone: str | None, start: int | None) -> tuple[int, int]:
    """Where a source stands in its article, for ties: headline first, then body, then furniture."""
    return (_ZONE_ORDER.get(zone or "body", 2), int(start or 0))


class Votes:
    """Statuses stated by sources, with their weights and each status's first position.

    >>> v = Votes()
    >>> for st, at in [("current", 10), ("former", 200), ("former", 300), ("former", 400), ("former", 500)]:
    ...     v.add(st, 1.0, (1, at))
    >>> v.winner()  # four "nguyên" beat one plain title
    'former'
    >>> v = Votes(); v.add("former", 1.0, (1, 300)); v.add("current", 1.0, (0, 0))
    >>> v.winner()  # a tie: the headline's wins
    'current'
    """

    __slots__ = ("weights", "first")

    def __init__(self) -> None:
        self.weights: dict[str, float] = {}
        self.first: dict[str, tuple] = {}

    def add(self, status: str, weight: float, at: tuple = (1, 0)) -> None:
        w = self.weights
        w[status] = w.get(status, 0) + weight
        first = self.first.get(status)
        if first is None or at < first:
            self.first[status] = at

    def update(self, other: "Votes") -> None:
        for st, w in other.weights.items():
            self.add(st, w, other.first[st])

    def winner(self) -> str | None:
        if len(self.weights) < 2:
            return next(iter(self.weights), None)
        return max(self.weights, key=lambda st: (self.weights[st], tuple(-x for x in self.first[st])))

    def __bool__(self) -> bool:
        return bool(self.weights)


# -- a fact's summary, kept up to date source by source ---------------------------------------------

class _Group:
    __slots__ = ("article", "when", "article_when", "votes", "status")

    def __init__(self, article: str, when: When, art: When) -> None:
        self.article, self.when, self.article_when = article, when, art
        self.votes = Votes()
        self.status: str | None = None


class Tally:
    """The statements of one fact and what they add up to, updated in O(1) per source.

    ``add`` one source at a time; ``values()`` gives the fact's derived properties:
    ``as_of`` (latest article date), ``first_seen``/``last_seen`` (earliest and latest dated
    statement), ``first_bound``/``last_bound`` (earliest and latest 'on or before' bound of
    statements with no date), and for facts whose sources state a status: ``status``,
    ``status_basis`` (``date``, ``bound`` or ``undated``: what the status rests on),
    ``status_article`` (the article whose statement decides it), ``held_from``/``held_to``
    (earliest and latest dated statement saying the post is held: the known span).
    """

    __slots__ = ("groups", "as_of", "first", "last", "first_bound", "last_bound", "held_from", "held_to",
                 "top", "top_groups", "btop", "btop_groups", "undated", "any_status")

    def __init__(self) -> None:
        self.groups: dict[tuple[str, str], _Group] = {}
        self.as_of = self.first = self.last = self.first_bound = self.last_bound = None
        self.held_from = self.held_to = None
        self.top: date | None = None  # latest dated statement's day, and the groups made on it
        self.top_groups: list[_Group] = []
        self.btop: date | None = None  # latest bound of the bounded statements, and their groups
        self.btop_groups: list[_Group] = []
        self.undated = Votes()
        self.any_status = False

    def add(self, article: str, art: When, status: str | None, zone: str | None = "body",
            stated_on: str | date | None = None, start: int | None = 0) -> None:
        """Fold in one source: its article, the article's time, the status it states."""
        k = (article, str(stated_on or ""))
        g = self.groups.get(k)
        new = g is None
        if new:
            g = self.groups[k] = _Group(article, statement_when(art, stated_on), art)
            self._place(g)
        if art.kind == "date" and (self.as_of is None or art.lo > self.as_of):
            self.as_of = art.lo
        if not status:
            return
        self.any_status = True
        w, at = source_weight(zone), position(zone, start)
        was = g.status
        g.votes.add(status, w, at)
        g.status = g.votes.winner()
        kind = g.when.kind
        if kind in ("date", "period"):
            if g.status in HOLDING and (was not in HOLDING or new):
                self.held_from = g.when.at if self.held_from is None else min(self.held_from, g.when.at)
                self.held_to = g.when.at if self.held_to is None else max(self.held_to, g.when.at)
            elif was in HOLDING and g.status not in HOLDING:
                self._recompute_held()
        elif kind == "none":
            self.undated.add(status, w, at)

    def _place(self, g: _Group) -> None:
        when = g.when
        if when.dated:
            at = when.at
            self.first = at if self.first is None else min(self.first, at)
            self.last = at if self.last is None else max(self.last, at)
            if self.top is None or at > self.top:
                self.top, self.top_groups = at, [g]
            elif at == self.top:
                self.top_groups.append(g)
        elif when.kind == "bound":
            u = when.hi
            self.first_bound = u if self.first_bound is None else min(self.first_bound, u)
            self.last_bound = u if self.last_bound is None else max(self.last_bound, u)
            if self.btop is None or u > self.btop:
                self.btop, self.btop_groups = u, [g]
            elif u == self.btop:
                self.btop_groups.append(g)

    def _recompute_held(self) -> None:
        days = [g.when.at for g in self.groups.values() if g.when.dated and g.status in HOLDING]
        self.held_from = min(days) if days else None
        self.held_to = max(days) if days else None

    def status(self) -> tuple[str | None, str | None, str | None]:
        """(status, basis, article) as the module docstring says."""
        if not self.any_status:
            return None, None, None
        for groups, basis in ((self.top_groups, "date"), (self.btop_groups, "bound")):
            stated = [g for g in groups if g.status]
            if stated:
                total = Votes()
                for g in stated:
                    total.update(g.votes)
                st = total.winner()
                best = max((g for g in stated if g.status == st), key=lambda g: (g.votes.weights[st], g.article),
                           default=stated[0])
                return st, basis, best.article
        st = self.undated.winner()
        art = next((g.article for g in self.groups.values() if g.when.kind == "none" and g.status == st), None)
        return st, "undated", art

    def values(self) -> dict[str, Any]:
        st, basis, art = self.status()
        out = {"as_of": self.as_of, "first_seen": self.first, "last_seen": self.last,
               "first_bound": self.first_bound, "last_bound": self.last_bound}
        if self.any_status:
            out.update(status=st, status_basis=basis, status_article=art, held_from=self.held_from,
                       held_to=self.held_to)
        return out

    def statements(self) -> list["Statement"]:
        return [Statement(g.when, g.status, g.article, g.votes) for g in self.groups.values()]


# names of the properties a Tally derives (a merge recomputes them, never copies them)
DERIVED = ("as_of", "first_seen", "last_seen", "first_bound", "last_bound", "status", "status_basis",
           "status_article", "held_from", "held_to")


# -- statements and standings, for lookups ------------------------------------------------------------

@dataclass(frozen=True)
class Statement:
    """What one article (or one dated sentence) says of a fact: when, which status, how many sources."""

    when: When
    status: str | None
    article: str
    votes: Votes | None = None  # its sources' statuses

    @property
    def holding(self) -> bool:
        return self.status is None or self.status in HOLDING


def statements_of(articles: Iterable[str], statuses: Iterable[str | None] | None,
                  zones: Iterable[str | None] | None, starts: Iterable[int | None] | None,
                  stated: Iterable[str | None] | None, times: dict[str, When]) -> list[Statement]:
    """The statements of one fact from its parallel source lists (as the store keeps them) and the
    time of each article (``times``; missing articles are undated): one per article (and date its
    sentence gives), with the status its sources vote for, in the order of the sources, as a
    :class:`Tally` makes them (without the summary a Tally keeps up to date).

    >>> t = {"a1": article_when(date(2020, 1, 2), None)}
    >>> [(s.when.text(), s.status, s.article) for s in statements_of(
    ...     ["a1", "a1", "a2"], ["former", "former", None], ["body", "title", "body"], [5, 0, 0], None, t)]
    [('2020-01-02', 'former', 'a1'), ('undated', None, 'a2')]
    """
    articles = list(articles or [])
    n = len(articles)
    statuses = list(statuses or []) + [None] * n
    zones = list(zones or []) + ["body"] * n
    starts = list(starts or []) + [0] * n
    stated = list(stated or []) + [None] * n
    groups: dict[tuple[str, str], tuple[When, str, Votes]] = {}
    for i, a in enumerate(articles):
        so = stated[i] or None
        k = (a, str(so or ""))
        g = groups.get(k)
        if g is None:
            g = groups[k] = (statement_when(times.get(a, NO_TIME), so), a, Votes())
        st = statuses[i] or None
        if st:
            zone = zones[i]
            g[2].add(st, source_weight(zone), position(zone, starts[i]))
    return [Statement(when, votes.winner(), a, votes) for when, a, votes in groups.values()]


@dataclass
class Holding:
    """One person in one post, with the statements about it: what :func:`standings` judges."""

    key: Any
    person: str
    person_id: str
    role_id: str
    title: str
    agency_id: str
    rank: str | None
    statements: list[Statement]


@dataclass
class Standing:
    """Whether a holder held the post at the date asked (or, with no date, after all the evidence).

    ``state`` is one of:

    - ``held``: stated held within the date asked, or both before and after it;
    - ``presumed``: last stated held before it, and nothing up to it says otherwise (``note`` says
      what comes later, if anything: a "nguyên", another holder);
    - ``possible``: may have held it: stated held only 'on or before' a bound that does not fall
      before the date, or stated held before and former within it;
    - ``later``: first stated held after it (when it began is not known);
    - ``formerly``: only stated as former, after it (held at some unknown time before that);
    - ``ended``: stated former (or ended) at or before it, after the last statement saying held;
    - ``succeeded``: another holder of this one-seat post, or the same person in a higher post of
      the same body, was stated in it after this holder's last statement and before the date;
    - ``lapsed``: last stated held more than a term (:data:`TERM_YEARS`) before the date, and
      nothing since;
    - ``undated``: no statement can be placed in time;
    - ``overlap`` is not a state: ``note`` says so when another holder of a one-seat post is
      ``held`` at the same date.

    ``shown`` is True for held, presumed and possible: those are the answer; ``basis`` is the
    statement the state rests on (its time and article).
    """

    state: str
    note: str = ""
    basis: Statement | None = None
    covers: bool = False  # held over the whole date asked (stated on that day, or before and after it)
    shown: bool = field(init=False)

    def __post_init__(self) -> None:
        self.shown = self.state in SHOWN

    def as_dict(self, at: When | None) -> dict:
        """``at`` (the date asked, or "latest"), ``state``, ``shown``, ``note``, ``basis`` (when the
        statement it rests on was made) and ``article`` (where)."""
        b = self.basis
        return {"at": at.text() if at is not None else "latest", "state": self.state, "shown": self.shown,
                "note": self.note, "basis": b.when.text() if b is not None else None,
                "article": b.article if b is not None else None}


SHOWN = ("held", "presumed", "possible")
STATE_ORDER = {s: i for i, s in enumerate(
    ("held", "presumed", "possible", "later", "formerly", "succeeded", "lapsed", "ended", "undated"))}
# A statement supports holding a post at most one term of office away (five years: party
# congresses, People's Councils and the National Assembly are elected for five): someone last
# stated in a post longer before than that is not presumed to hold it still, and a statement
# dated only 'on or before' a bound more than that after the date asked is not taken to reach it.
TERM_YEARS = 5


def years_after(d: date, years: int) -> date:
    """The same day ``years`` later (28 February for a 29th that does not exist), or date.max.

    >>> years_after(date(2020, 2, 29), 5)
    datetime.date(2025, 2, 28)
    """
    if d.year + years > date.max.year:
        return date.max
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)
ONE_SEAT = ("head",)  # ranks whose post has one holder at a time (Chủ tịch, Bí thư, Giám đốc ...)
_RANK_ORDER = {"head": 2, "deputy": 1}


def _status_at(stmts: list[Statement]) -> str | None:
    """The majority status of statements made at one time (their sources pooled)."""
    total = Votes()
    for s in stmts:
        if s.votes:
            total.update(s.votes)
        else:
            total.add(s.status or "current", 1.0)
    return total.winner()


def _latest(stmts: list[Statement], key) -> tuple[list[Statement], str | None]:
    if not stmts:
        return [], None
    top = max(key(s) for s in stmts)
    at = [s for s in stmts if key(s) == top]
    return at, _status_at(at)


def _earliest(stmts: list[Statement]) -> tuple[list[Statement], str | None]:
    if not stmts:
        return [], None
    low = min(s.when.lo for s in stmts)
    at = [s for s in stmts if s.when.lo == low]
    return at, _status_at(at)


@dataclass(frozen=True)
class _Rival:
    when: When
    who: str  # "Trần Việt Trường" or "Chủ tịch" (the same person, in a higher post)


def _pick(stmts: list[Statement], status: str | None) -> Statement:
    """The statement among ``stmts`` (made at one time) that says ``status``, else the first."""
    return next((s for s in stmts if s.status == status), stmts[0])


def standing_of(h: Holding, at: When | None, rivals: list[_Rival] = ()) -> Standing:
    """The :class:`Standing` of holder ``h`` at ``at`` (a day, month or year; None: after all the
    evidence), given the dated statements of ``rivals`` (other holders of a one-seat post, and the
    same person in a higher post of the same body).

    Only dated statements decide when there are any before or within the date; a statement with
    only a bound (a crawl date) counts as made before the date only when its bound is before it.
    """
    a = at.lo if at is not None else date.max
    b = at.hi if at is not None else date.max
    dated = [s for s in h.statements if s.when.dated]
    bounded = [s for s in h.statements if s.when.kind == "bound"]
    inside = [s for s in dated if s.when.lo <= b and s.when.hi >= a]
    before = [s for s in dated if s.when.hi < a]
    after = [s for s in dated if s.when.lo > b]

    held_in = [s for s in inside if s.holding]
    point = at is not None and a == b
    if held_in and (not point or _status_at(inside) in HOLDING):
        last = max(held_in, key=lambda s: s.when.hi)
        return Standing("held", f"stated {last.status or 'current'} on {last.when.text()}", last, covers=point)
    prev, prev_status = _latest(before, lambda s: s.when.hi)
    nxt, nxt_status = _earliest(after)
    p = _pick(prev, prev_status) if prev else None
    n = _pick(nxt, nxt_status) if nxt else None
    if inside:  # 'former'/'ended' within the date (or, on that very day, more than 'held')
        e = min((s for s in inside if not s.holding), key=lambda s: s.when.lo)
        if prev_status in HOLDING and not point:
            return Standing("possible", f"stated {prev_status} on {p.when.text()}, {e.status} on {e.when.text()}", p)
        return Standing("ended", f"stated {e.status} on {e.when.text()}", e)
    if prev_status in HOLDING:
        if nxt_status in HOLDING:
            return Standing("held", f"stated {prev_status} on {p.when.text()} and {nxt_status} on {n.when.text()}", n,
                            covers=True)
        return _presumed(prev_status, p, a, nxt_status, n, rivals, at is None)
    if prev_status in ENDED:
        again = f"; {nxt_status} again on {n.when.text()}" if nxt_status in HOLDING else ""
        return Standing("ended", f"stated {prev_status} on {p.when.text()}{again}", p)

    # nothing dated before or within the date: what the bounded statements say
    sure = [s for s in bounded if s.when.hi < a]  # made before the date, whenever exactly
    unsure = [s for s in bounded if s.when.hi >= a]
    unsure_held = sorted((s for s in unsure if s.holding), key=lambda s: s.when.hi)
    if sure:
        bs, st = _latest(sure, lambda s: s.when.hi)
        u = _pick(bs, st)
        if st in HOLDING:
            if nxt_status in HOLDING:
                return Standing("held", f"stated {st} {u.when.text()} and {nxt_status} on {n.when.text()}", n,
                                covers=True)
            return _presumed(st, u, a, nxt_status, n, rivals, at is None)
        if unsure_held:
            v = unsure_held[-1]
            return Standing("possible", f"stated {st} {u.when.text()}, current {v.when.text()}", v)
        return Standing("ended", f"stated {st} {u.when.text()}", u)
    if unsure_held:
        v = unsure_held[-1]
        if v.when.hi > years_after(b, TERM_YEARS):
            return Standing("later", f"stated current {v.when.text()}, more than {TERM_YEARS} years after", v)
        tail = f"; first dated statement {nxt_status} on {n.when.text()}" if n is not None else ""
        return Standing("possible", f"stated current {v.when.text()}, which may be before or after{tail}", v)
    if nxt_status in HOLDING:
        return Standing("later", f"first stated {nxt_status} on {n.when.text()}; when it began is not known", n)
    if nxt_status in ENDED:
        return Standing("formerly", f"stated {nxt_status} on {n.when.text()}; when it was held is not known", n)
    if unsure:
        v = max(unsure, key=lambda s: s.when.hi)
        return Standing("formerly", f"stated {v.status} {v.when.text()}; when it was held is not known", v)
    undated = [s for s in h.statements if not s.when.dated and s.when.kind != "bound"]
    return Standing("undated", "no statement of it can be placed in time", undated[0] if undated else None)


def _presumed(status: str, p: Statement, a: date, nxt_status: str | None, n: Statement | None,
              rivals: list[_Rival], latest: bool) -> Standing:
    """Held at ``p``, nothing up to the date says otherwise: unless a rival came in between."""
    p_hi = p.when.hi
    between = [r for r in rivals if r.when.dated and r.when.lo > p_hi and r.when.hi <= a]
    if between:
        r = min(between, key=lambda r: r.when.lo)
        return Standing("succeeded", f"last stated {status} {_on(p.when)}; {r.who} stated on {r.when.text()}", p)
    if not latest and a > years_after(p_hi, TERM_YEARS):
        return Standing("lapsed", f"last stated {status} {_on(p.when)}, more than {TERM_YEARS} years before", p)
    later = []
    if nxt_status in ENDED:
        later.append(f"stated {nxt_status} on {n.when.text()}")
    after = sorted((r for r in rivals if r.when.dated and r.when.lo > p_hi), key=lambda r: r.when.lo)
    if after:
        later.append(f"{after[0].who} stated on {after[0].when.text()}")
    tail = f"; later {', '.join(later)}" if later else ("" if latest else "; nothing later says otherwise")
    return Standing("presumed", f"last stated {status} {_on(p.when)}{tail}", p)


def _on(w: When) -> str:
    return w.text() if w.kind == "bound" else f"on {w.text()}"


def standings(holdings: list[Holding], at: When | None) -> dict[Any, Standing]:
    """The standing of every holding at ``at`` (None: after all the evidence), each judged with
    the others: in a one-seat post (rank ``head``) another holder stated in it after one's last
    statement ends the presumption that one still holds it, and so does the same person's
    statement in a higher post of the same body (a deputy who became head)."""
    by_role: dict[str, list[Holding]] = {}
    by_person_agency: dict[tuple[str, str], list[Holding]] = {}
    for h in holdings:
        by_role.setdefault(h.role_id, []).append(h)
        by_person_agency.setdefault((h.person_id, h.agency_id), []).append(h)
    out: dict[Any, Standing] = {}
    for h in holdings:
        rivals: list[_Rival] = []
        if h.rank in ONE_SEAT:
            rivals += [_Rival(s.when, o.person) for o in by_role[h.role_id] if o.person_id != h.person_id
                       for s in o.statements if s.when.dated and s.holding]
        mine = _RANK_ORDER.get(h.rank or "", 0)
        rivals += [_Rival(s.when, o.title) for o in by_person_agency[(h.person_id, h.agency_id)]
                   if o.role_id != h.role_id and _RANK_ORDER.get(o.rank or "", 0) > mine
                   for s in o.statements if s.when.dated and s.holding]
        out[h.key] = standing_of(h, at, rivals)
    if at is not None:
        # one seat, one holder: someone held over the whole date asked rules out those only
        # presumed or possibly there (when two are held, both stay, each told of the other)
        for hs in by_role.values():
            if not hs or hs[0].rank not in ONE_SEAT:
                continue
            cover = [h for h in hs if out[h.key].covers]
            held = [h for h in hs if out[h.key].state == "held"]
            for h in hs:
                s = out[h.key]
                others = [o.person for o in (cover if s.state != "held" else held) if o.person_id != h.person_id]
                if not others:
                    continue
                if s.state in ("presumed", "possible"):
                    out[h.key] = Standing("succeeded", f"{s.note}; but {others[0]} held it then", s.basis)
                elif s.state == "held":
                    s.note += f"; {others[0]} is also stated in it then"
        # the same person held over the whole date in a higher post of the body: moved up
        for h in holdings:
            s = out[h.key]
            if s.state not in ("presumed", "possible"):
                continue
            mine = _RANK_ORDER.get(h.rank or "", 0)
            up = [o for o in by_person_agency[(h.person_id, h.agency_id)]
                  if _RANK_ORDER.get(o.rank or "", 0) > mine and out[o.key].covers]
            if up:
                out[h.key] = Standing("succeeded", f"{s.note}; but held {up[0].title} then", s.basis)
    return out


def seen_text(first_seen: date | None, last_seen: date | None, last_bound: date | None) -> str:
    """What a row shows of when a fact was seen: its latest date, else its latest bound.

    >>> seen_text(None, None, date(2017, 6, 8))
    '≤2017-06-08'
    """
    if last_seen is not None:
        return last_seen.isoformat() if isinstance(last_seen, date) else str(last_seen)
    if last_bound is not None:
        return f"≤{last_bound.isoformat() if isinstance(last_bound, date) else last_bound}"
    return ""


def time_key(last_seen: date | None, last_bound: date | None) -> tuple:
    """A sort key putting dated facts first (latest first), then bounded ones (latest bound
    first), then undated ones: never an undated one above a dated one."""
    if last_seen is not None:
        return (0, -last_seen.toordinal())
    if last_bound is not None:
        return (1, -last_bound.toordinal())
    return (2, 0)

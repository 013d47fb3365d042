"""Score extracted person-post facts against a hand-checked gold file.

A gold file (JSON, or TOML with the same structure, where a missing key stands for null) maps
article ids to the facts a reader finds in them::

    {"articles": {"<article id>": {"positions": {
        "required": [{"person": ..., "title": ..., "organization": ...,
                      "aliases": [...], "title_aliases": [...], "evidence": ...}, ...],
        "optional": [...]}, ...}}}

Other sections (documents, projects, events, organizations, lookups, notes) are kept as read
but not scored here.

Records are person-post facts as ``govkg roles --all --format json`` prints them. Per gold
article, with the records whose sources name that article:

- a required position matched by a record is a true positive, an unmatched one a miss;
- a record matching no required and no optional position is an extra (false positive);
- a record matching an optional position counts neither way.

A record matches a position when person, title and organization have equal
:func:`govkg.identity.key` (NFC, case folding, one tone placement, standard abbreviations); the title
may equal ``title`` or one of ``title_aliases``, the organization ``organization`` or one of
``aliases``. Nothing looser: no substrings, no fuzzy matching. A gold ``person`` of null (a post
holder the article does not name) only matches a record without a person. ``status`` and
``as_of`` are not compared. One record credits at most one position and each position is
credited once (a maximum matching, so overlapping aliases cannot cost a true positive); records
that match an already credited position are duplicates, not extras, and records with equal keys
count once.

Empty denominators: precision is 1.0 when there are no records to judge (nothing claimed, nothing
wrong), recall is 1.0 when the gold requires nothing; F1 is 0.0 when precision + recall is 0.

Besides the totals the report gives:

- a 95% interval for precision and recall (Wilson score interval over the facts judged) and for F1
  (percentile bootstrap over articles, 1,000 resamples, a fixed seed: the same input gives the
  same interval);
- the figures per article kind, when the gold gives each article a ``kind``;
- precision per confidence band of the records (the HOLDS fact's ``confidence``), so that a
  confidence means something: :data:`CONFIDENCE_BANDS`.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

import math
import random

from govkg.identity import key

# Confidence bands for the precision-per-band table: (lowest confidence, label), highest first.
CONFIDENCE_BANDS = ((0.95, "0.95-1.00"), (0.85, "0.85-0.95"), (0.75, "0.75-0.85"), (0.0, "below 0.75"))


class GoldError(ValueError):
    """A gold file that cannot be read or does not have the gold structure."""


# --------------------------------------------------------------------------------------------
# Reading gold files


def load_gold(path) -> dict:
    """Read a gold file: ``.toml`` as TOML, anything else as JSON. Raises :class:`GoldError`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise GoldError(f"{path}: cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise GoldError(f"{path}: not UTF-8 text") from None
    if path.suffix.lower() == ".toml":
        try:
            gold = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise GoldError(f"{path}: not valid TOML: {e}") from None
    else:
        try:
            gold = json.loads(text)
        except json.JSONDecodeError as e:
            raise GoldError(f"{path}: not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}") from None
    problem = _structure_problem(gold)
    if problem:
        raise GoldError(f"{path}: {problem}")
    return gold


def _structure_problem(gold) -> str | None:
    """What is wrong with the parts of a gold file that scoring reads, or None."""
    if not isinstance(gold, dict) or not isinstance(gold.get("articles"), dict):
        return "expected an object with an 'articles' object mapping article ids to their facts"
    if not gold["articles"]:
        return "'articles' is empty"
    for aid, article in gold["articles"].items():
        where = f"articles.{aid}"
        if not isinstance(article, dict):
            return f"{where}: expected an object"
        positions = article.get("positions", {})
        if not isinstance(positions, dict):
            return f"{where}.positions: expected an object with 'required' and 'optional' lists"
        for kind in ("required", "optional"):
            facts = positions.get(kind, [])
            if not isinstance(facts, list):
                return f"{where}.positions.{kind}: expected a list"
            for i, fact in enumerate(facts):
                at = f"{where}.positions.{kind}[{i}]"
                if not isinstance(fact, dict):
                    return f"{at}: expected an object with person, title and organization"
                for name in ("title", "organization"):
                    if not isinstance(fact.get(name), str) or not fact[name].strip():
                        return f"{at}: '{name}' must be a non-empty string"
                if fact.get("person") is not None and not isinstance(fact["person"], str):
                    return f"{at}: 'person' must be a string or null"
                for name in ("aliases", "title_aliases"):
                    names = fact.get(name, [])
                    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                        return f"{at}: '{name}' must be a list of strings"
                if fact.get("evidence") is not None and not isinstance(fact["evidence"], str):
                    return f"{at}: 'evidence' must be a string"
    return None


# --------------------------------------------------------------------------------------------
# The report


@dataclass
class Fact:
    """A missed gold position (evidence from the gold) or an extra record (from its source)."""

    article: str
    person: str | None
    title: str
    organization: str
    evidence: str | None = None


@dataclass
class ArticleCounts:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    optional: int = 0  # optional positions matched: neither true nor false positives
    kind: str | None = None  # the gold's kind of article (national-politics, provincial, ...)


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion: (low, high); (0.0, 1.0) when nothing was judged.

    >>> tuple(round(x, 3) for x in wilson(95, 100))
    (0.888, 0.978)
    """
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    d = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / d
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return max(0.0, centre - half), min(1.0, centre + half)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Report:
    articles: dict[str, ArticleCounts] = field(default_factory=dict)
    misses: list[Fact] = field(default_factory=list)
    extras: list[Fact] = field(default_factory=list)
    judged: list[tuple[float | None, bool]] = field(default_factory=list)  # (confidence, right) per record judged

    @property
    def precision_interval(self) -> tuple[float, float]:
        return wilson(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall_interval(self) -> tuple[float, float]:
        return wilson(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1_interval(self) -> tuple[float, float]:
        """Percentile bootstrap over articles (1,000 resamples, fixed seed)."""
        counts = list(self.articles.values())
        if not counts:
            return 0.0, 1.0
        rng = random.Random(20261201)
        values = []
        for _ in range(1000):
            sample = [counts[rng.randrange(len(counts))] for _ in counts]
            values.append(_prf(sum(c.true_positives for c in sample), sum(c.false_positives for c in sample),
                               sum(c.false_negatives for c in sample))[2])
        values.sort()
        return values[24], values[974]

    def by_kind(self) -> dict[str, dict]:
        """P/R/F1 per article kind (the gold's ``kind``)."""
        groups: dict[str, list[ArticleCounts]] = {}
        for c in self.articles.values():
            if c.kind:
                groups.setdefault(c.kind, []).append(c)
        out = {}
        for kind, cs in sorted(groups.items()):
            tp, fp, fn = (sum(c.true_positives for c in cs), sum(c.false_positives for c in cs),
                          sum(c.false_negatives for c in cs))
            p, r, f = _prf(tp, fp, fn)
            out[kind] = {"articles": len(cs), "precision": p, "recall": r, "f1": f, "true_positives": tp,
                         "false_positives": fp, "false_negatives": fn}
        return out

    def by_confidence(self) -> list[dict]:
        """Precision per confidence band of the records judged (right or wrong)."""
        out = []
        upper = 1.01
        for low, label in CONFIDENCE_BANDS:
            inside = [ok for conf, ok in self.judged if low <= (1.0 if conf is None else conf) < upper]
            right = sum(inside)
            lo, hi = wilson(right, len(inside))
            out.append({"band": label, "records": len(inside), "right": right,
                        "precision": right / len(inside) if inside else None, "interval": [lo, hi]})
            upper = low
        return out

    @property
    def true_positives(self) -> int:
        return sum(a.true_positives for a in self.articles.values())

    @property
    def false_positives(self) -> int:
        return sum(a.false_positives for a in self.articles.values())

    @property
    def false_negatives(self) -> int:
        return sum(a.false_negatives for a in self.articles.values())

    @property
    def optional(self) -> int:
        return sum(a.optional for a in self.articles.values())

    @property
    def precision(self) -> float:
        return _prf(self.true_positives, self.false_positives, self.false_negatives)[0]

    @property
    def recall(self) -> float:
        return _prf(self.true_positives, self.false_positives, self.false_negatives)[1]

    @property
    def f1(self) -> float:
        return _prf(self.true_positives, self.false_positives, self.false_negatives)[2]

    def to_dict(self) -> dict:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "precision_interval": list(self.precision_interval),
            "recall_interval": list(self.recall_interval),
            "f1_interval": list(self.f1_interval),
            "by_kind": self.by_kind(),
            "by_confidence": self.by_confidence(),
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "optional": self.optional,
            "articles": {aid: asdict(c) for aid, c in self.articles.items()},
            "misses": [asdict(m) for m in self.misses],
            "extras": [asdict(e) for e in self.extras],
        }

    def format_text(self) -> str:
        (pl, ph), (rl, rh), (fl, fh) = self.precision_interval, self.recall_interval, self.f1_interval
        lines = [
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}",
            f"95% intervals: precision {pl:.3f}-{ph:.3f}  recall {rl:.3f}-{rh:.3f}  F1 {fl:.3f}-{fh:.3f}",
            f"{len(self.articles)} articles: {self.true_positives} found, {self.false_negatives} missed, "
            f"{self.false_positives} extra, {self.optional} optional found",
        ]
        kinds = self.by_kind()
        if kinds:
            lines += ["", "by kind of article:"]
            for kind, k in kinds.items():
                lines.append(f"  {kind:20} {k['articles']:3d} articles  P {k['precision']:.3f}  R {k['recall']:.3f}  "
                             f"({k['true_positives']} found, {k['false_negatives']} missed, {k['false_positives']} extra)")
        lines += ["", "precision by confidence:"]
        for b in self.by_confidence():
            if b["records"]:
                lines.append(f"  {b['band']:11} {b['records']:4d} records  precision {b['precision']:.3f} "
                             f"({b['interval'][0]:.3f}-{b['interval'][1]:.3f})")
        for aid, counts in self.articles.items():
            rows = [("miss ", m) for m in self.misses if m.article == aid]
            rows += [("extra", e) for e in self.extras if e.article == aid]
            if not rows:
                continue
            lines += ["", f"{aid}: {counts.true_positives} found, {counts.false_negatives} missed, "
                          f"{counts.false_positives} extra"]
            for label, f in rows:
                line = f"  {label}  {f.person or '(unnamed)'} | {f.title} | {f.organization}"
                lines.append(line + (f'  -- "{f.evidence}"' if f.evidence else ""))
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Scoring


def score(records: list[dict], gold: dict) -> Report:
    """Compare person-post records with a gold file read by :func:`load_gold`."""
    report = Report()
    for aid, article in gold["articles"].items():
        positions = article.get("positions", {})
        required = positions.get("required", [])
        optional = positions.get("optional", [])
        mine = _records_about(records, aid)
        matches = [[i for i, p in enumerate(required) if _matches(k, p)] for k in mine]
        credited = _max_matching(matches)  # position index -> record index
        counts = report.articles[aid] = ArticleCounts(kind=article.get("kind"))
        counts.true_positives = len(credited)
        counts.false_negatives = len(required) - len(credited)
        for i, p in enumerate(required):
            if i not in credited:
                report.misses.append(Fact(aid, p.get("person"), p["title"], p["organization"], p.get("evidence")))
        optional_found = set()
        credited_records = set(credited.values())
        for i, ((k, record), found) in enumerate(zip(mine.items(), matches)):
            if i in credited_records:
                report.judged.append((record.get("confidence"), True))
            if found:
                continue  # credited, or a second spelling of a credited fact
            hits = [i for i, p in enumerate(optional) if _matches(k, p)]
            if hits:
                optional_found.add(hits[0])
            else:
                counts.false_positives += 1
                report.judged.append((record.get("confidence"), False))
                report.extras.append(Fact(aid, record.get("person"), record.get("title") or "",
                                          record.get("organization") or "", _evidence(record, aid)))
        counts.optional = len(optional_found)
    return report


def _records_about(records: list[dict], aid: str) -> dict[tuple, dict]:
    """The records citing article ``aid``, one per (person, title, organization) key."""
    out: dict[tuple, dict] = {}
    for r in records:
        if any(s.get("article") == aid for s in r.get("sources") or []):
            k = (key(r.get("person") or ""), key(r.get("title") or ""), key(r.get("organization") or ""))
            out.setdefault(k, r)
    return out


def _matches(k: tuple, position: dict) -> bool:
    person, title, organization = k
    return (
        person == key(position.get("person") or "")
        and title in {key(t) for t in [position["title"], *position.get("title_aliases", [])]}
        and organization in {key(o) for o in [position["organization"], *position.get("aliases", [])]}
    )


def _max_matching(candidates: list[list[int]]) -> dict[int, int]:
    """A maximum matching of records to positions; ``candidates[r]`` are the positions record r
    matches. Returns position -> record (augmenting paths; gold articles are small)."""
    owner: dict[int, int] = {}

    def place(r: int, seen: set) -> bool:
        for p in candidates[r]:
            if p not in seen:
                seen.add(p)
                if p not in owner or place(owner[p], seen):
                    owner[p] = r
                    return True
        return False

    for r in range(len(candidates)):
        place(r, set())
    return owner


def _evidence(record: dict, aid: str) -> str | None:
    return next((s.get("evidence") for s in record.get("sources") or [] if s.get("article") == aid), None)

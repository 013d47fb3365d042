"""Score the chain of responsibility (documents, relations, projects, tasks, events and their
chairs) against a hand-checked gold file.

The gold is the person-post gold format (:func:`govkg.evaluate.load_gold`) with more blocks per
article, each split into ``required`` and ``optional`` lists::

    {"articles": {"<article id>": {
        "documents": {"required": [{"number", "type", "issuer", "date", "also_written"}], "optional": []},
        "relations": {"required": [{"kind", "from", "to", "from_aliases", "to_aliases"}], ...},
        "projects":  {"required": [{"name", "kind", "place", "owner", "document", "also_written"}], ...},
        "tasks":     {"required": [{"id", "what", "assignee", "document", "evidence"}], ...},
        "events":    {"required": [{"kind", "date", "chaired_by", "chaired_by_implied"}], ...}}}}

Blocks an article leaves out (or gives in another shape) are not scored for it. What is scored is the graph as ``govkg
export --format json`` writes it (nodes with ``id``, ``label`` and their properties; edges with
``source``, ``target``, ``type`` and ``sources``, each with ``article`` and ``sentence``): an
article's records are the nodes it mentions and the edges one of its sentences states.

Per block, as in the person-post scorer: a required gold item matched by a record is a true
positive, an unmatched one a miss; a record matching no gold item (required or optional) is an
extra; one matching only an optional item counts neither way; each gold item is credited once
(a maximum matching) and a second record matching a credited item is a duplicate, not an extra.
Names compare by :func:`govkg.identity.key`, nothing looser: another province's body, a sub-body
("Ban Thường vụ Tỉnh ủy X" against "Tỉnh ủy X") or another number never matches.

- **documents** match on the number (as normalised by :func:`number_form`: dashes and spaces
  around separators made uniform, case folded) against ``number`` or ``also_written``; of those
  found, the report gives how many have the right type, issuer (the bodies the article's own
  ISSUED facts name, exactly the gold's, or none when the gold has none) and date;
- **relations** (implements, steers, responsible, directed) match on kind and both ends: a body
  or person by its name (or ``from_aliases`` / ``to_aliases``), a document as documents match, a
  project as projects match, a task end (``"t1"``) by the task the tasks block credited to it;
- **projects** match on the name (or ``also_written`` / ``aliases``), without the word dự án,
  công trình or đề án; of those found: kind, place, owner, document;
- **tasks** match when the record's sentence holds the gold evidence (at least 80% of its words;
  the evidence of a gold relation to the task counts too) and the record states that action: at least half of the record's words are in the gold's
  ``what`` or evidence, or half of the ``what`` is in the record; or, stated in another sentence,
  when at least 70% of the words are shared both ways; of those found: assignee (the bodies
  RESPONSIBLE_FOR it in the article, exactly the gold's), document (what it is UNDER);
- **events** match on kind and, when the gold gives one, date; **chairs** are scored apart: a
  CHAIRED fact of the article matches a gold event's ``chaired_by`` by the person's name
  (``chaired_by_implied`` and optional events' chairs count neither way).

Each block's precision and recall carry a 95% Wilson interval; relations are also given per kind
and per confidence band (the edge's ``confidence``).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from govkg.evaluate import CONFIDENCE_BANDS, _max_matching, _prf, wilson
from govkg.identity import key

BLOCKS = ("documents", "relations", "projects", "tasks", "events")
RELATION_EDGES = {"IMPLEMENTS": "implements", "STEERS": "steers", "RESPONSIBLE_FOR": "responsible",
                  "DIRECTED": "directed"}
TASK_EVIDENCE_SHARE = 0.8  # of the gold evidence's words found in the record's sentence
TASK_WHAT_SHARE = 0.5  # of the record's words in the gold "what" and evidence, or the other way round
TASK_RESTATED_SHARE = 0.8  # of the gold "what" in a record stating the task in another sentence
SCORED = ("documents", "relations", "projects", "tasks", "events", "chairs")


# --------------------------------------------------------------------------------------------
# Normal forms


def number_form(s: str) -> str:
    """A document number as compared: dashes made one, no spaces, case folded.

    >>> number_form("2496/QĐ –XPVPHC") == number_form("2496/QĐ-XPVPHC")
    True
    >>> number_form("13/2013/TTLT-BCA-BQP- VKSNDTC-TANDTC")
    '13/2013/ttlt-bca-bqp-vksndtc-tandtc'
    """
    s = re.sub(r"[–—‐−]", "-", s or "")
    return re.sub(r"\s+", "", s).casefold()


def place_form(s: str | None) -> str:
    """A place as compared: "TP Hồ Chí Minh", "thành phố Hồ Chí Minh" and "Hồ Chí Minh" are one.

    >>> place_form("TP Hồ Chí Minh") == place_form("Hồ Chí Minh")
    True
    >>> place_form("tỉnh Thừa Thiên Huế") == place_form("Thừa Thiên - Huế")
    True
    """
    k = key(s or "")
    k = re.sub(r"^(?:thành phố|tp|tỉnh)\s+", "", k)
    return k.replace("-", " ").replace("  ", " ").strip()


_WORD = re.compile(r"[\wÀ-ỹ]+")


def words(s: str | None) -> list[str]:
    return _WORD.findall(key(s or ""))


def _share(part: list[str], whole: list[str]) -> float:
    """The share of ``part``'s words (with repeats) found in ``whole``."""
    if not part:
        return 0.0
    pool: dict[str, int] = {}
    for w in whole:
        pool[w] = pool.get(w, 0) + 1
    hit = 0
    for w in part:
        if pool.get(w):
            pool[w] -= 1
            hit += 1
    return hit / len(part)


def _same_issuers(mine: set[str], want: set[str]) -> bool:
    """One issuer the gold names, or the bodies of a joint document in any order ("Bộ Công an,
    Bộ Quốc phòng, ..." against the four bodies the symbol names).

    >>> _same_issuers({key("Bộ Công an"), key("Bộ Quốc phòng")}, {key("Bộ Quốc phòng, Bộ Công an")})
    True
    >>> _same_issuers({key("Bộ Công an")}, {key("Bộ Công an, Bộ Quốc phòng")})
    False
    """
    if len(mine) == 1:
        return mine <= want
    from itertools import permutations

    return len(mine) <= 6 and any(" ".join(p) in want for p in permutations(sorted(mine)))


def _names(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]


# --------------------------------------------------------------------------------------------
# The records: what the exported graph says about each article


@dataclass
class _Article:
    nodes: dict[str, str] = field(default_factory=dict)  # node id -> label, the nodes the article names
    edges: list[dict] = field(default_factory=list)  # edges one of its sentences states
    sentences: dict[str, list[str]] = field(default_factory=dict)  # node id -> its sentences in the article


def _by_article(graph: dict, wanted: set[str]) -> tuple[dict[str, dict], dict[str, _Article]]:
    nodes = {n["id"]: n for n in graph.get("nodes", [])}
    out: dict[str, _Article] = {aid: _Article() for aid in wanted}
    for e in graph.get("edges", []):
        for s in e.get("sources") or []:
            a = out.get(s.get("article"))
            if a is None:
                continue
            a.edges.append(e)
            for end in (e["source"], e["target"]):
                if end in nodes and nodes[end]["label"] != "Article":
                    a.nodes[end] = nodes[end]["label"]
            if e["type"] == "MENTIONS":
                a.sentences.setdefault(e["target"], []).append(s.get("sentence") or "")
    for a in out.values():  # one edge per (edge, article), however many sentences state it
        seen, kept = set(), []
        for e in a.edges:
            if id(e) not in seen:
                seen.add(id(e))
                kept.append(e)
        a.edges = kept
    return nodes, out


# --------------------------------------------------------------------------------------------
# The report


@dataclass
class Item:
    """A missed gold item (evidence from the gold) or an extra record (from its source)."""

    article: str
    block: str
    text: str
    evidence: str | None = None


@dataclass
class BlockScore:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    optional: int = 0
    duplicates: int = 0
    checks: dict[str, list[int]] = field(default_factory=dict)  # attribute -> [right, judged]

    def check(self, name: str, right: bool) -> None:
        c = self.checks.setdefault(name, [0, 0])
        c[0] += int(right)
        c[1] += 1

    def add(self, other: "BlockScore") -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives
        self.optional += other.optional
        self.duplicates += other.duplicates
        for k, (r, n) in other.checks.items():
            c = self.checks.setdefault(k, [0, 0])
            c[0] += r
            c[1] += n

    @property
    def precision(self) -> float:
        return _prf(self.true_positives, self.false_positives, self.false_negatives)[0]

    @property
    def recall(self) -> float:
        return _prf(self.true_positives, self.false_positives, self.false_negatives)[1]

    def to_dict(self) -> dict:
        tp, fp, fn = self.true_positives, self.false_positives, self.false_negatives
        return {"precision": self.precision, "recall": self.recall,
                "precision_interval": list(wilson(tp, tp + fp)), "recall_interval": list(wilson(tp, tp + fn)),
                "true_positives": tp, "false_positives": fp, "false_negatives": fn, "optional": self.optional,
                "duplicates": self.duplicates,
                "accuracy": {k: {"right": r, "judged": n, "share": r / n if n else None,
                                 "interval": list(wilson(r, n))} for k, (r, n) in self.checks.items()}}


@dataclass
class ChainReport:
    blocks: dict[str, BlockScore] = field(default_factory=lambda: {b: BlockScore() for b in SCORED})
    kinds: dict[str, BlockScore] = field(default_factory=dict)  # relation kind -> its score
    articles: dict[str, dict[str, BlockScore]] = field(default_factory=dict)
    misses: list[Item] = field(default_factory=list)
    extras: list[Item] = field(default_factory=list)
    judged: list[tuple[float | None, bool]] = field(default_factory=list)  # relations: (confidence, right)
    # (article, block, record) -> True (a required item), None (an optional item or a second
    # statement of one), False (an extra); a record is a node id, or (type, source, target) of an edge
    verdicts: dict[tuple, bool | None] = field(default_factory=dict)

    def by_confidence(self) -> list[dict]:
        out, upper = [], 1.01
        for low, label in CONFIDENCE_BANDS:
            inside = [ok for conf, ok in self.judged if low <= (1.0 if conf is None else conf) < upper]
            right = sum(inside)
            out.append({"band": label, "records": len(inside), "right": right,
                        "precision": right / len(inside) if inside else None,
                        "interval": list(wilson(right, len(inside)))})
            upper = low
        return out

    def to_dict(self) -> dict:
        return {"blocks": {b: s.to_dict() for b, s in self.blocks.items()},
                "relation_kinds": {k: s.to_dict() for k, s in sorted(self.kinds.items())},
                "relations_by_confidence": self.by_confidence(),
                "articles": {aid: {b: asdict(s) for b, s in bs.items()} for aid, bs in self.articles.items()},
                "misses": [asdict(m) for m in self.misses], "extras": [asdict(x) for x in self.extras]}

    def format_text(self) -> str:
        lines = ["chain of responsibility:"]
        for b, s in self.blocks.items():
            tp, fp, fn = s.true_positives, s.false_positives, s.false_negatives
            (pl, ph), (rl, rh) = wilson(tp, tp + fp), wilson(tp, tp + fn)
            lines.append(f"  {b:10} P {s.precision:.3f} ({pl:.3f}-{ph:.3f})  R {s.recall:.3f} ({rl:.3f}-{rh:.3f})  "
                         f"{tp} found, {fn} missed, {fp} extra, {s.optional} optional, {s.duplicates} duplicate")
            for name, (r, n) in s.checks.items():
                lo, hi = wilson(r, n)
                lines.append(f"  {'':10}   {name} right in {r}/{n}" + (f" = {r / n:.3f} ({lo:.3f}-{hi:.3f})" if n else ""))
        if self.kinds:
            lines += ["", "relations by kind:"]
            for k, s in sorted(self.kinds.items()):
                lines.append(f"  {k:12} P {s.precision:.3f}  R {s.recall:.3f}  ({s.true_positives} found, "
                             f"{s.false_negatives} missed, {s.false_positives} extra)")
        bands = [b for b in self.by_confidence() if b["records"]]
        if bands:
            lines += ["", "relations: precision by confidence:"]
            for b in bands:
                lines.append(f"  {b['band']:11} {b['records']:4d} records  precision {b['precision']:.3f} "
                             f"({b['interval'][0]:.3f}-{b['interval'][1]:.3f})")
        for aid in self.articles:
            rows = [("miss ", m) for m in self.misses if m.article == aid]
            rows += [("extra", x) for x in self.extras if x.article == aid]
            if rows:
                lines += ["", f"{aid}:"]
                for label, it in rows:
                    lines.append(f"  {label}  {it.block:9} {it.text}" + (f'  -- "{it.evidence}"' if it.evidence else ""))
        return "\n".join(lines)


def has_chain(gold: dict) -> bool:
    """Whether a gold file holds any block this scorer reads."""
    return any(isinstance(a.get(b), dict) and (a[b].get("required") or a[b].get("optional"))
               for a in gold["articles"].values() for b in BLOCKS)


def structure_problem(gold: dict) -> str | None:
    """What is wrong with the chain blocks of a gold file, or None."""
    for aid, article in gold["articles"].items():
        for b in BLOCKS:
            block = article.get(b)
            if not isinstance(block, dict):
                continue  # another shape (a list of events in older gold files): not scored
            for part in ("required", "optional"):
                items = block.get(part, [])
                if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
                    return f"articles.{aid}.{b}.{part}: expected a list of objects"
                need = {"documents": "number", "relations": "kind", "projects": "name", "tasks": "id",
                        "events": "kind"}[b]
                for i, x in enumerate(items):
                    if not isinstance(x.get(need), str) or not x[need].strip():
                        return f"articles.{aid}.{b}.{part}[{i}]: '{need}' must be a non-empty string"
    return None


# --------------------------------------------------------------------------------------------
# Scoring


def score_chain(graph: dict, gold: dict) -> ChainReport:
    """Compare an exported graph (``{"nodes": [...], "edges": [...]}``) with a gold file."""
    report = ChainReport()
    nodes, per_article = _by_article(graph, set(gold["articles"]))
    for aid, article in gold["articles"].items():
        if not any(isinstance(article.get(b), dict) for b in BLOCKS):
            continue
        mine = per_article[aid]
        scores = report.articles[aid] = {b: BlockScore() for b in SCORED}
        ctx = _Ctx(aid, article, nodes, mine, report, scores)
        if isinstance(article.get("documents"), dict):
            ctx.documents()
        if isinstance(article.get("projects"), dict):
            ctx.projects()
        if isinstance(article.get("tasks"), dict):
            ctx.tasks()
        if isinstance(article.get("relations"), dict):
            ctx.relations()
        if isinstance(article.get("events"), dict):
            ctx.events()
        for b, s in scores.items():
            report.blocks[b].add(s)
    return report


def _block(article: dict, name: str) -> tuple[list[dict], list[dict]]:
    b = article.get(name) or {}
    return list(b.get("required") or []), list(b.get("optional") or [])


class _Ctx:
    """One gold article scored against the records of the same article."""

    def __init__(self, aid, article, nodes, mine: _Article, report: ChainReport, scores) -> None:
        self.aid, self.article, self.nodes, self.mine, self.report, self.scores = aid, article, nodes, mine, report, scores
        self.task_of: dict[str, str] = {}  # my task node id -> the gold task id credited to it
        docs = _block(article, "documents")
        self.gold_docs = docs[0] + docs[1]
        projects = _block(article, "projects")
        self.gold_projects = projects[0] + projects[1]

    # -- helpers -----------------------------------------------------------------------------
    def ids(self, label: str) -> list[str]:
        return [n for n, lab in self.mine.nodes.items() if lab == label]

    def edges(self, etype: str, target: str | None = None, source: str | None = None) -> list[dict]:
        return [e for e in self.mine.edges if e["type"] == etype and (target is None or e["target"] == target)
                and (source is None or e["source"] == source)]

    def name(self, nid: str) -> str:
        n = self.nodes.get(nid, {})
        return n.get("number") or n.get("name") or nid

    def sentence(self, nid: str) -> str | None:
        s = self.mine.sentences.get(nid)
        return s[0] if s else None

    def edge_sentence(self, e: dict) -> str | None:
        return next((s.get("sentence") for s in e.get("sources") or [] if s.get("article") == self.aid), None)

    def doc_forms(self, nid: str) -> set[str]:
        n = self.nodes.get(nid, {})
        return {number_form(x) for x in [n.get("number"), *(n.get("aliases") or [])] if x}

    def gold_doc_forms(self, number: str) -> set[str]:
        for d in self.gold_docs:
            forms = {number_form(x) for x in [d["number"], *(d.get("also_written") or [])]}
            if number_form(number) in forms:
                return forms
        return {number_form(number)}

    def gold_project_forms(self, name: str) -> set[str]:
        for p in self.gold_projects:
            forms = {key(x) for x in [p["name"], *(p.get("also_written") or []), *(p.get("aliases") or [])]}
            if key(name) in forms:
                return forms
        return {key(name)}

    def end_matches(self, nid: str, value, aliases) -> bool:
        label = self.nodes.get(nid, {}).get("label")
        targets = _names(value)
        if not targets:
            return False
        if label == "Resolution":
            mine = self.doc_forms(nid)
            return any(mine & self.gold_doc_forms(t) for t in targets)
        if label == "Task":
            return self.task_of.get(nid) in targets
        if label == "Project":
            k = key(self.nodes[nid].get("name") or "")
            return any(k in self.gold_project_forms(t) for t in targets) or k in {key(a) for a in aliases or []}
        k = key(self.nodes.get(nid, {}).get("name") or "")
        return k in {key(t) for t in targets} | {key(a) for a in aliases or []}

    def _credit(self, block: str, records: list, required: list, optional: list, matches, describe_gold,
                describe_record, on_match=None, judged=None, similarity=None) -> dict[int, int]:
        """Match records to gold items; count; list misses and extras. Returns gold index -> record
        index. With ``similarity``, each record tries the gold items closest to it first, the
        closest records first (a maximum matching still)."""
        s = self.scores[block]
        if similarity is None:
            cand = [[i for i, g in enumerate(required) if matches(r, g)] for r in records]
            credited = _max_matching(cand)
        else:
            scores = [[(similarity(r, g), i) for i, g in enumerate(required)] for r in records]
            cand = [[i for sc, i in sorted(row, reverse=True) if sc > 0] for row in scores]
            order = sorted(range(len(records)), key=lambda j: -max((sc for sc, _ in scores[j]), default=0))
            owner = _max_matching([cand[j] for j in order])
            credited = {i: order[j] for i, j in owner.items()}
        s.true_positives += len(credited)
        s.false_negatives += len(required) - len(credited)
        for i, g in enumerate(required):
            if i not in credited:
                self.report.misses.append(Item(self.aid, block, describe_gold(g), g.get("evidence")))
        taken = set(credited.values())
        opt_cand = [[i for i, g in enumerate(optional) if matches(r, g)] for r in records]
        opt_credited = _max_matching([c if j not in taken else [] for j, c in enumerate(opt_cand)])
        opt_taken = set(opt_credited.values())
        s.optional += len(opt_credited)
        def verdict(r, v) -> None:
            rk = (r["type"], r["source"], r["target"]) if isinstance(r, dict) else r
            self.report.verdicts[(self.aid, block, rk)] = v

        for j, r in enumerate(records):
            if j in taken:
                verdict(r, True)
                if judged is not None:
                    judged(r, True)
                continue
            if j in opt_taken:
                verdict(r, None)
                continue
            if cand[j] or opt_cand[j]:
                s.duplicates += 1
                verdict(r, None)
                continue
            verdict(r, False)
            s.false_positives += 1
            if judged is not None:
                judged(r, False)
            text, ev = describe_record(r)
            self.report.extras.append(Item(self.aid, block, text, ev))
        if on_match is not None:
            for i, j in credited.items():
                on_match(records[j], required[i], True)
            for i, j in opt_credited.items():
                on_match(records[j], optional[i], False)
            # a duplicate states the gold item it matches: its relations count for that item
            dupes = {j for j, r in enumerate(records) if j not in taken and j not in opt_taken and (cand[j] or opt_cand[j])}
            for j in dupes:
                i = next((i for i in cand[j] if i in credited), None)
                if i is not None:
                    on_match(records[j], required[i], None)
                else:
                    i = next((i for i in opt_cand[j]), None)
                    if i is not None:
                        on_match(records[j], optional[i], None)
        return credited

    # -- blocks ------------------------------------------------------------------------------
    def documents(self) -> None:
        required, optional = _block(self.article, "documents")
        records = self.ids("Resolution")
        s = self.scores["documents"]

        def matches(nid, g):
            return bool(self.doc_forms(nid) & {number_form(x) for x in [g["number"], *(g.get("also_written") or [])]})

        def on_match(nid, g, is_required):
            if not is_required:
                return
            n = self.nodes[nid]
            s.check("type", key(n.get("doc_type") or "") == key(g.get("type") or ""))
            issuers = {key(self.name(e["source"])) for e in self.edges("ISSUED", target=nid)}
            want = {key(x) for x in _names(g.get("issuer")) + _names(g.get("issuer_aliases"))}
            s.check("issuer", issuers == set() if not want else _same_issuers(issuers, want))
            if g.get("date"):
                s.check("date", str(n.get("date") or "") == g["date"])

        self._credit("documents", records, required, optional, matches,
                     lambda g: f"{g['number']} ({g.get('type')}, {g.get('issuer')})",
                     lambda nid: (f"{self.name(nid)} ({self.nodes[nid].get('doc_type')}, "
                                  f"{self.nodes[nid].get('issuer')})", self.sentence(nid)), on_match)

    def projects(self) -> None:
        required, optional = _block(self.article, "projects")
        records = self.ids("Project")
        s = self.scores["projects"]

        def matches(nid, g):
            forms = {key(x) for x in [g["name"], *(g.get("also_written") or []), *(g.get("aliases") or [])]}
            return key(self.nodes[nid].get("name") or "") in forms

        def on_match(nid, g, is_required):
            if not is_required:
                return
            n = self.nodes[nid]
            s.check("kind", key(n.get("kind") or "") == key(g.get("kind") or ""))
            s.check("place", place_form(n.get("place")) == place_form(g.get("place")))
            owners = {e["source"] for e in self.edges("RESPONSIBLE_FOR", target=nid)}
            want = g.get("owner")
            s.check("owner", not owners if not want else any(self.end_matches(o, want, []) for o in owners)
                    and len(owners) == 1)
            docs = {e["target"] for e in self.edges("UNDER", source=nid)}
            want = g.get("document")
            s.check("document", not docs if not want else len(docs) == 1 and self.end_matches(next(iter(docs)), want, []))

        self._credit("projects", records, required, optional, matches,
                     lambda g: f"{g['name']} ({g.get('kind')}, {g.get('place')})",
                     lambda nid: (f"{self.name(nid)} ({self.nodes[nid].get('kind')}, {self.nodes[nid].get('place')})",
                                  self.sentence(nid)), on_match)

    def tasks(self) -> None:
        required, optional = _block(self.article, "tasks")
        records = self.ids("Task")
        s = self.scores["tasks"]

        rel_ev: dict[str, list[str]] = {}  # task id -> the evidence of the gold relations to it
        for r in sum(_block(self.article, "relations"), []):
            if isinstance(r.get("to"), str) and r.get("evidence"):
                rel_ev.setdefault(r["to"], []).append(r["evidence"])

        def similarity(nid, g) -> float:
            """0 when the record does not state the gold task; else higher for a closer one (the
            words they share, and the body it goes to)."""
            ev, what = words(g.get("evidence")), words(g.get("what"))
            text = words(self.nodes[nid].get("name"))
            sentences = [words(x) for x in self.mine.sentences.get(nid, [])]
            near = max(_share(text, what + ev), _share(what, text))
            evidences = [ev] + [words(x) for x in rel_ev.get(g["id"], [])]
            if any(_share(e, sent) >= TASK_EVIDENCE_SHARE for sent in sentences for e in evidences):
                # the gold's sentence: the same action when the record's text is the gold's
                ok = near >= TASK_WHAT_SHARE
            else:
                # the same action restated in another sentence of the article
                ok = _share(what, text) >= TASK_RESTATED_SHARE and _share(text, what + ev) >= TASK_WHAT_SHARE
            if not ok:
                return 0.0
            owners = {e["source"] for e in self.edges("RESPONSIBLE_FOR", target=nid)}
            agrees = any(self.end_matches(o, w, []) for o in owners for w in _names(g.get("assignee")))
            return near + (0.5 if agrees else 0.0)

        def matches(nid, g):
            return similarity(nid, g) > 0

        def on_match(nid, g, is_required):
            self.task_of.setdefault(nid, g["id"])
            if not is_required:
                return
            owners = {e["source"] for e in self.edges("RESPONSIBLE_FOR", target=nid)}
            # a class of bodies ("các Bộ, ngành, địa phương") is no node: the task names it as its assignee
            klass = None if owners else self.nodes[nid].get("assignee")
            want = _names(g.get("assignee"))
            s.check("assignee", not owners and not klass if not want else
                    len(owners) + bool(klass) == len(want)
                    and all(any(self.end_matches(o, w, []) for o in owners) or klass and key(klass) == key(w)
                            for w in want))
            docs = {e["target"] for e in self.edges("UNDER", target=None, source=nid)}
            want = _names(g.get("document"))
            s.check("document", not docs if not want else
                    len(docs) == len(want) and all(any(self.end_matches(d, w, []) for d in docs) for w in want))

        self._credit("tasks", records, required, optional, matches,
                     lambda g: f"{g['id']}: {g.get('what')} ({g.get('assignee')})",
                     lambda nid: (self.name(nid), self.sentence(nid)), on_match, similarity=similarity)

    def relations(self) -> None:
        required, optional = _block(self.article, "relations")
        records = [e for e in self.mine.edges if e["type"] in RELATION_EDGES]

        def matches(e, g):
            return (RELATION_EDGES[e["type"]] == g["kind"]
                    and self.end_matches(e["source"], g.get("from"), g.get("from_aliases"))
                    and self.end_matches(e["target"], g.get("to"), g.get("to_aliases")))

        def judged(e, ok):
            self.report.judged.append((e.get("confidence"), ok))

        credited = self._credit("relations", records, required, optional, matches,
                                lambda g: f"{g['kind']}: {g.get('from')} -> {g.get('to')}",
                                lambda e: (f"{RELATION_EDGES[e['type']]}: {self.name(e['source'])} -> "
                                           f"{self.name(e['target'])}", self.edge_sentence(e)), judged=judged)
        # per kind, the same counts split by the kind of the gold item or of the record
        for kind in sorted({g["kind"] for g in required} | {RELATION_EDGES[e["type"]] for e in records}):
            k = self.report.kinds.setdefault(kind, BlockScore())
            req = [i for i, g in enumerate(required) if g["kind"] == kind]
            k.true_positives += sum(1 for i in req if i in credited)
            k.false_negatives += sum(1 for i in req if i not in credited)
        taken = set(credited.values())
        for j, e in enumerate(records):
            if j in taken:
                continue
            kind = RELATION_EDGES[e["type"]]
            if not any(matches(e, g) for g in required + optional):
                self.report.kinds.setdefault(kind, BlockScore()).false_positives += 1

    def events(self) -> None:
        required, optional = _block(self.article, "events")
        records = [n for n in self.ids("Event")]

        def matches(nid, g):
            n = self.nodes[nid]
            if key(n.get("kind") or "") != key(g.get("kind") or ""):
                return False
            return not g.get("date") or str(n.get("date") or "") == g["date"]

        self._credit("events", records, required, optional, matches,
                     lambda g: f"{g['kind']} {g.get('date') or g.get('date_text') or ''}".strip(),
                     lambda nid: (f"{self.nodes[nid].get('kind')} {self.nodes[nid].get('date') or ''}: "
                                  f"{self.nodes[nid].get('name')}", self.sentence(nid)))
        # chairs: a CHAIRED fact of the article against the chairs the gold names
        chairs = self.edges("CHAIRED")
        req = [{"name": n, "evidence": g.get("chaired_evidence") or g.get("evidence")}
               for g in required for n in _names(g.get("chaired_by"))]
        opt = [{"name": n} for g in required + optional
               for n in _names(g.get("chaired_by_implied")) + (_names(g.get("chaired_by")) if g in optional else [])]
        self._credit("chairs", chairs, req, opt, lambda e, g: key(self.name(e["source"])) == key(g["name"]),
                     lambda g: g["name"], lambda e: (f"{self.name(e['source'])} chaired {self.name(e['target'])}",
                                                     self.edge_sentence(e)))

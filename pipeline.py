"""The main job: read articles, recognise their facts, and add them to the store.

A :class:`Load` holds the store's write lock (waiting for it up to ``wait`` seconds), removes what
loads that were killed left behind, reads the stored articles' ids and content hashes (all it needs
to tell what is new), recognises the facts of the new articles, reads the part of the stored graph
they touch (:class:`govkg.graph.delta.Window`), merges them into it, and writes back only the rows
that changed, in one transaction swapped in atomically: a load costs what it adds, and one that
fails, runs out of disk or is killed half-way leaves the store as it was. Per article:

- an article stored before with the same content is skipped, also when it comes under another id
  (the same page saved twice, a JSONL record under a new id);
- one stored before under its id with other content is replaced: exactly the sources it gave are
  removed, then facts left without a source, then nodes left without a fact;
- an id already read in this load with other content is a LoadError for the later one (two files
  or records of one load never silently replace each other).

The first load into an empty folder writes the whole graph at once. ``load_paths`` runs one Load and
returns its :class:`LoadSummary`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterable

from govkg.graph.store import EmbeddedStore, StoreError
from govkg.loaders.article import Article, LoadError
from govkg.loaders.read import STREAM_TIMEOUT, Reader

if TYPE_CHECKING:  # the graph model and the recognisers are imported when an article is new, so a
    # load with nothing new costs what reading the articles and the stored hashes costs
    from govkg.graph.model import KnowledgeGraph

# on_progress(phase, done, total, articles): phase "store" (rows of the stored graph read), "read"
# (bytes of the input read; total None when a stream is among the inputs) or "write" (rows written)
ProgressFn = Callable[[str, int, "int | None", int], None]


class LoadStopped(KeyboardInterrupt):
    """The load was asked to stop (SIGINT, SIGTERM); nothing was written."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@dataclass
class LoadSummary:
    read: int = 0  # articles read and added (new or changed)
    replaced: int = 0  # of those, articles stored before with other content
    skipped: int = 0  # articles already stored with the same content (under their id or another)
    same_content: int = 0  # of those, articles whose content is stored under another id
    failed: list[LoadError] = field(default_factory=list)
    nodes_added: int = 0
    facts_added: int = 0
    nodes_removed: int = 0  # by replaced articles: what only their old content stated
    facts_removed: int = 0
    written: bool = False  # the store now holds this load
    notes: list[str] = field(default_factory=list)  # how ids were formed; what was cleaned up

    def line(self) -> str:
        skipped = f"{self.skipped} skipped as already loaded"
        if self.same_content:
            skipped += f" ({self.same_content} with the same content under another id)"
        removed = (f", {self.facts_removed} facts and {self.nodes_removed} nodes removed"
                   if self.facts_removed or self.nodes_removed else "")
        return (f"{self.read} articles read ({self.replaced} replaced), {skipped}, {len(self.failed)} failed; "
                f"{self.facts_added} facts and {self.nodes_added} nodes added{removed}")


def extract_article(article: Article) -> KnowledgeGraph:
    """The facts one article states, as a small graph."""
    from govkg.loaders.extract import article_graph

    province = None
    if article.outlet:
        from govkg.loaders.meta import outlet_info

        info = outlet_info(article.outlet)
        province = info.get("province") if info else None
    kg = article_graph(article, province)
    kg.set_node(article.id, **article.time_properties)  # the date, and the bound kept apart from it
    return kg


class Load:
    """One load of ``paths`` into the store at ``db``; :meth:`run` it once.

    ``summary`` is filled in as it runs, so a caller interrupted half-way can still tell whether the
    store was written (``summary.written``). :meth:`request_stop` (from a signal handler) makes the
    load stop at its next safe point, raising :class:`LoadStopped`: between two articles or two
    tables, while it waits on a stream or the lock, or before its write commits.
    """

    def __init__(self, paths: Iterable[str], db: str | None = None, *, stdin: BinaryIO | None = None,
                 wait: float = 0.0, timeout: float = STREAM_TIMEOUT,
                 on_item: Callable[[Article | LoadError], None] | None = None,
                 on_progress: ProgressFn | None = None, workers: int | None = None,
                 parallel_after: int | None = None) -> None:
        from govkg.loaders import workers as w

        self.workers = w.usable_cores() if workers is None else workers
        self.parallel_after = w.PARALLEL_AFTER if parallel_after is None else parallel_after
        self.reader = Reader(list(paths), stdin=stdin, timeout=timeout, check=self._check_stop)
        self.store = EmbeddedStore(db)
        self.wait = wait
        self.on_item = on_item
        self.on_progress = on_progress
        self.summary = LoadSummary()
        self.stop_signal: int | None = None
        self._removed_nodes: set[str] = set()
        self._removed_facts: set[tuple[str, str, str]] = set()

    def run(self) -> LoadSummary:
        summary = self.summary
        self.reader.plan()  # walk the folders first: ids and the byte total are known before reading
        self._check_stop()
        self.store.prepare()
        with self.store.lock(self.wait, check=self._check_stop):
            files, freed = self.store.remove_stale_temporaries()
            if files:
                summary.notes.append(f"removed {files} temporary files ({freed // (1024 * 1024)} MB) left by "
                                     f"loads that were stopped")
            if self.store.exists():
                self._run_incremental()
            else:
                from govkg.graph.model import KnowledgeGraph

                kg = KnowledgeGraph()
                self._read_articles({}, lambda item, small, replaced: self._merge(kg, small))
                summary.notes[:0] = self.reader.notes
                self._check_stop()
                if summary.read:
                    self.store.write_graph(kg, progress=self._progress_of("write"), on_commit=self._committed,
                                           stopping=lambda: self.stop_signal is not None)
        summary.nodes_removed, summary.facts_removed = len(self._removed_nodes), len(self._removed_facts)
        return summary

    def _run_incremental(self) -> None:
        """Add to a store that exists: read only what the new articles touch, write only what changes."""
        summary, store = self.summary, self.store
        progress = self._progress_of("store")
        try:
            stored = store.article_hashes()
            progress(1, 4)
        except StoreError:
            self._check_stop()  # the engine reports an interrupted read as its own error
            raise
        todo: list[tuple[KnowledgeGraph, str | None]] = []  # (article's graph, id it replaces)
        self._read_articles(stored, lambda item, small, replaced: todo.append((small, item.id if replaced else None)))
        summary.notes[:0] = self.reader.notes
        self._check_stop()
        if not todo:
            store.close()
            return
        store.check_format()  # before writing: a store of an older format is named as such
        nodes: dict[str, set[str]] = {}
        facts: set[tuple[str, str, str]] = set()
        for small, _ in todo:
            for n, d in small.g.nodes(data=True):
                nodes.setdefault(d["label"], set()).add(n)
            facts.update(small.g.edges(keys=True))
        replaced = {r for _, r in todo if r is not None}
        try:
            win = store.read_window(nodes, facts, replaced,
                                    progress=lambda done, total: progress(1 + done, 4))
        except StoreError:
            self._check_stop()
            raise
        store.close()
        for small, old in todo:
            if old is not None:
                self._remove(win.kg, old, win.outside)
            self._merge(win.kg, small)
            self._check_stop()
        delta = win.delta()
        self._check_stop()
        if delta:
            store.apply_delta(delta, progress=self._progress_of("write"), on_commit=self._committed,
                              stopping=lambda: self.stop_signal is not None)

    def _progress_of(self, phase: str):
        """The store's progress callback for a phase: checks for a stop, and reports to on_progress."""
        def report(done: int, total: int) -> None:
            self._check_stop()
            if self.on_progress is not None:
                self.on_progress(phase, done, total, self.summary.read)
        return report

    def _committed(self) -> None:
        self.summary.written = True

    def request_stop(self, signum: int) -> None:
        """Ask the load to stop (safe to call from a signal handler)."""
        self.stop_signal = signum

    def _check_stop(self) -> None:
        if self.stop_signal is not None:
            raise LoadStopped(self.stop_signal)

    def _read_articles(self, stored: dict[str, str | None],
                       take: Callable[[Article, KnowledgeGraph, bool], None]) -> None:
        """Read every article; ``take(article, its graph, replaces a stored one)`` each new one, in order.

        ``stored``: the stored articles' content hashes by id (updated as articles are taken). The
        new articles' facts are recognised on all the cores the load may use (loaders/workers.py),
        and taken, reported and counted in the order the articles were read."""
        from govkg.loaders.workers import InOrder

        by_content = {h: aid for aid, h in stored.items() if h}
        this_load: dict[str, tuple[str, str]] = {}  # id -> (content hash, where it was read)
        flying: set[str] = set()  # ids and content hashes of the articles being recognised
        reader = self.reader
        recognising = InOrder(self.workers, self.parallel_after, str(self.store.folder))
        try:
            for item in reader:
                if isinstance(item, Article):
                    h = item.content_hash
                    if item.id in flying or h in flying:
                        recognising.finish()  # what is decided about it depends on those before
                    item = self._add(item, h, stored, by_content, this_load, take, recognising, flying)
                if item is not None:
                    recognising.then(self._report, item)
                self._check_stop()
            recognising.finish()
        finally:
            recognising.close()
        if recognising.broken:
            self.summary.notes.append(recognising.broken)

    def _report(self, item: Article | LoadError) -> None:
        if self.on_item is not None:
            self.on_item(item)
        if isinstance(item, LoadError):
            self.summary.failed.append(item)
        if self.on_progress is not None:
            self.on_progress("read", self.reader.done_bytes, self.reader.total_bytes,
                             self.summary.read + self.summary.skipped)

    def _add(self, item: Article, h: str, stored: dict, by_content: dict, this_load: dict,
             take: Callable[[Article, KnowledgeGraph, bool], None], recognising, flying: set[str]
             ) -> Article | LoadError | None:
        """Decide about one article: the item to report now (a LoadError, or an article skipped), or
        None when it is new and its facts are being recognised (then it is taken and reported)."""
        summary = self.summary
        where = item.where or item.id
        earlier = this_load.get(item.id)
        if earlier is not None:
            if earlier[0] == h:
                summary.skipped += 1
                return item
            return LoadError(where, f"id '{item.id}' was already read in this load, with other content, from "
                                    f"{earlier[1]}; skipped")
        if stored.get(item.id) == h:
            summary.skipped += 1
            this_load[item.id] = (h, where)
            return item
        twin = by_content.get(h)
        if twin is not None and item.id not in stored:
            summary.skipped += 1
            summary.same_content += 1
            this_load[item.id] = (h, where)
            return item
        replaced = item.id in stored
        flying.update((item.id, h))

        def recognised(small: KnowledgeGraph | str) -> None:
            flying.difference_update((item.id, h))
            if isinstance(small, str):
                self._check_stop()  # an interrupt a library turned into another error is still an interrupt
                self._report(LoadError(where, small))
                return
            if replaced:
                summary.replaced += 1
            take(item, small, replaced)
            stored[item.id] = h
            by_content.setdefault(h, item.id)
            this_load[item.id] = (h, where)
            summary.read += 1
            self._report(item)

        recognising.add(item, recognised)
        return None

    def _remove(self, kg: KnowledgeGraph, article_id: str, outside: dict[str, int] | None = None) -> None:
        """Forget a replaced article's old content, keeping count of the facts and nodes that go."""
        touched = [(u, v, k) for u, v, k, d in kg.g.edges(keys=True, data=True)
                   if any(s.article == article_id for s in d.get("sources") or ())]
        ends = {article_id, *(u for u, _, _ in touched), *(v for _, v, _ in touched)}
        kg.remove_article(article_id, outside)
        self._removed_facts.update(key for key in touched if not kg.g.has_edge(*key))
        self._removed_nodes.update(n for n in ends if n not in kg.g)

    def _merge(self, kg: KnowledgeGraph, small: KnowledgeGraph) -> None:
        """Merge an article's graph, counting what is new (what a replacement removed and states
        again is not new, nor removed)."""
        new_nodes = [n for n in small.g if n not in kg.g]
        new_facts = [(u, v, k) for u, v, k in small.g.edges(keys=True) if not kg.g.has_edge(u, v, k)]
        kg.merge(small)
        summary = self.summary
        for n in new_nodes:
            if n in self._removed_nodes:
                self._removed_nodes.discard(n)
            else:
                summary.nodes_added += 1
        for key in new_facts:
            if key in self._removed_facts:
                self._removed_facts.discard(key)
            else:
                summary.facts_added += 1


def load_paths(
    paths: Iterable[str],
    db: str | None = None,
    *,
    stdin: BinaryIO | None = None,
    on_item: Callable[[Article | LoadError], None] | None = None,
    on_progress: ProgressFn | None = None,
    wait: float = 0.0,
    timeout: float = STREAM_TIMEOUT,
    workers: int | None = None,
) -> LoadSummary:
    """Load articles from files, folders, JSONL or stdin ("-") into the store at ``db``; the new
    articles' facts recognised in ``workers`` processes (default: one per usable core)."""
    return Load(paths, db, stdin=stdin, wait=wait, timeout=timeout, on_item=on_item,
                on_progress=on_progress, workers=workers).run()

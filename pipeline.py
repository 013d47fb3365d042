"""The main job: read articles, recognise their facts, and add them to the store.

``load_paths`` holds the store's write lock, reads the stored graph, merges what the new articles
state (an article already stored with the same content is skipped; one stored with other content
is replaced), and writes the result back in one atomic swap: a load that fails or is killed
half-way leaves the store as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterable

from govkg.graph.model import KnowledgeGraph
from govkg.graph.store import EmbeddedStore
from govkg.loaders import iter_articles
from govkg.loaders.article import Article, LoadError
from govkg.loaders.extract import article_graph


@dataclass
class LoadSummary:
    read: int = 0  # articles read and added (new or changed)
    replaced: int = 0  # of those, articles stored before with other content
    skipped: int = 0  # articles already stored with the same content
    failed: list[LoadError] = field(default_factory=list)
    nodes_added: int = 0
    facts_added: int = 0
    written: bool = False

    def line(self) -> str:
        return (f"{self.read} articles read ({self.replaced} replaced), {self.skipped} skipped as already loaded, "
                f"{len(self.failed)} failed; {self.facts_added} facts and {self.nodes_added} nodes added")


def extract_article(article: Article) -> KnowledgeGraph:
    """The facts one article states, as a small graph."""
    province = None
    if article.outlet:
        from govkg.loaders.meta import outlet_info

        info = outlet_info(article.outlet)
        province = info.get("province") if info else None
    kg = article_graph(article, province)
    kg.set_node(article.id, **article.time_properties)  # the date, and the bound kept apart from it
    return kg


def load_paths(
    paths: Iterable[str],
    db: str | None = None,
    *,
    stdin: BinaryIO | None = None,
    on_item: Callable[[Article | LoadError], None] | None = None,
) -> LoadSummary:
    """Load articles from files, folders, JSONL or stdin ("-") into the store at ``db``."""
    store = EmbeddedStore(db)
    summary = LoadSummary()
    with store.lock():
        kg = store.read_graph()
        store.close()
        stored = {aid: d.get("content_hash") for aid, d in kg.nodes("Article")}
        before_nodes, before_edges = kg.g.number_of_nodes(), kg.g.number_of_edges()
        for item in iter_articles(paths, stdin=stdin):
            if on_item is not None:
                on_item(item)
            if isinstance(item, LoadError):
                summary.failed.append(item)
                continue
            h = item.content_hash
            if stored.get(item.id) == h:
                summary.skipped += 1
                continue
            try:
                small = extract_article(item)
            except Exception as e:  # a recogniser bug must not lose the batch: report the article
                summary.failed.append(LoadError(item.id, f"could not be analysed ({type(e).__name__}: {e})"))
                continue
            if item.id in stored:
                kg.remove_article(item.id)
                summary.replaced += 1
            kg.merge(small)
            stored[item.id] = h
            summary.read += 1
        summary.nodes_added = kg.g.number_of_nodes() - before_nodes
        summary.facts_added = kg.g.number_of_edges() - before_edges
        if summary.read:
            store.write_graph(kg)
            summary.written = True
    return summary

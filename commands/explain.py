"""``govkg explain ARTICLE``: every title mention of an article and what became of it."""

from __future__ import annotations

import json
import sys

import click

from govkg.cli import db_option, fail


@click.command("explain")
@click.argument("article")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain(article: str, db: str | None, fmt: str) -> None:
    """Every title mention in ARTICLE with the fact it gave (person, title, body, status,
    confidence) or why it gave none.

    ARTICLE is a file (any format `govkg load` reads; a file of several articles is explained
    article by article), `-` for standard input, or the id of an article in the store (read again
    from the file it was loaded from).
    """
    import os

    from govkg.loaders import iter_articles
    from govkg.loaders.article import Article, LoadError
    from govkg.loaders.explain import explain as run

    if article == "-" or os.path.lexists(article):
        items = list(iter_articles([article]))
    else:
        items = _from_store(article, db)
    bad = [x for x in items if isinstance(x, LoadError)]
    for b in bad:
        click.echo(f"govkg: {b}", err=True)
    found = [x for x in items if isinstance(x, Article)]
    if not found:
        if not bad:
            fail(f"{article}: no article there")
        sys.exit(1)
    out = [run(a) for a in found]
    if fmt == "json":
        click.echo(json.dumps([e.to_dict() for e in out], ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(e.format_text() for e in out))
    sys.exit(1 if bad else 0)


def _from_store(article_id: str, db: str | None) -> list:
    """The article with this id, read again from the file the store says it came from."""
    from govkg.graph.store import EmbeddedStore, StoreError
    from govkg.loaders import iter_articles
    from govkg.loaders.article import Article

    try:
        store = EmbeddedStore(db)
        _, rows = store.query("MATCH (a:Article) WHERE a.id = $id RETURN a.path", {"id": article_id})
        store.close()
    except StoreError as e:
        fail(str(e))
    if not rows:
        fail(f"{article_id}: no such file, and no article with this id in the store")
    path = rows[0][0]
    if not path:
        fail(f"{article_id}: the store does not say which file it came from (it was read from stdin)")
    import os

    if not os.path.exists(path):
        fail(f"{article_id}: the file it was loaded from ({path}) is no longer there")
    return [a for a in iter_articles([path]) if not isinstance(a, Article) or a.id == article_id]

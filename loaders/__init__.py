"""Loaders: read articles from text files, folders, JSONL/JSON, HTML pages, pipes and standard input.

``iter_articles(paths, stdin=None)`` yields an :class:`Article` per article read and a
:class:`LoadError` per thing that could not be read; it never raises for bad input.
"""

from .article import Article, LoadError
from .meta import outlet_info
from .read import iter_articles

__all__ = ["Article", "LoadError", "iter_articles", "outlet_info"]

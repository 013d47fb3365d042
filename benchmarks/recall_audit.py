"""Recall audit: what the recognisers leave behind over a corpus.

    python benchmarks/recall_audit.py [CORPUS] [--limit N] [--top K] [--skip-ids GOLD.json ...] [--json]

Reads the corpus (default ``../shared/corpus/news-39k.jsonl.gz``) through the same readers and
recognisers as ``govkg load``, keeping the story of every title mention (``govkg explain``), and
prints:

1. the most frequent title mentions that produced no fact, grouped by the title as written and the
   reason, each with its count and an example sentence;
2. the most frequent personal names that never received a post anywhere in the corpus, each with
   its count and an example sentence naming a title.

Work down these lists, a class of construction at a time (not article by article). ``--skip-ids``
leaves out the articles of gold files, so that what is fixed from the audit is measured on them
afterwards.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parents[1] / "shared" / "corpus" / "news-39k.jsonl.gz"


def audit(paths, limit: int | None = None, skip: set[str] | None = None) -> dict:
    from govkg.identity import canonical
    from govkg.loaders import iter_articles
    from govkg.loaders.article import Article
    from govkg.loaders.explain import explain
    from govkg.loaders.names import find_names

    missed: Counter = Counter()
    missed_example: dict[tuple, str] = {}
    name_count: Counter = Counter()
    name_example: dict[str, str] = {}
    with_post: set[str] = set()
    articles = mentions = facts = 0
    for item in iter_articles(paths):
        if not isinstance(item, Article) or (skip and item.id in skip):
            continue
        articles += 1
        e = explain(item)
        for t in e.titles:
            mentions += 1
            if t.facts:
                facts += len(t.facts)
                with_post.update(f["person"] for f in t.facts)
                continue
            k = (canonical(t.mention.text)[:60], t.outcome)
            missed[k] += 1
            missed_example.setdefault(k, f"{item.id}: {t.sentence[:220]}")
        seen = set()
        for t in e.titles:  # names in sentences that name a title
            if t.sentence in seen:
                continue
            seen.add(t.sentence)
            for nm in find_names(t.sentence):
                name_count[nm.name] += 1
                name_example.setdefault(nm.name, f"{item.id}: {t.sentence[:220]}")
        if limit and articles >= limit:
            break
    unposted = [(n, c) for n, c in name_count.most_common() if n not in with_post]
    return {
        "articles": articles, "title_mentions": mentions, "facts": facts,
        "missed_titles": [{"title": k[0], "reason": k[1], "count": c, "example": missed_example[k]}
                          for k, c in missed.most_common()],
        "names_without_post": [{"name": n, "count": c, "example": name_example[n]} for n, c in unposted],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="*", default=[str(DEFAULT_CORPUS)])
    ap.add_argument("--limit", type=int, default=None, help="read at most N articles")
    ap.add_argument("--top", type=int, default=40, help="how many of each list to print")
    ap.add_argument("--skip-ids", nargs="*", default=[], help="gold files whose articles are left out")
    ap.add_argument("--json", action="store_true", help="the whole audit as JSON")
    args = ap.parse_args(argv)
    skip: set[str] = set()
    for g in args.skip_ids:
        skip |= set(json.loads(Path(g).read_text("utf-8"))["articles"])
    t0 = time.perf_counter()
    report = audit(args.corpus, args.limit, skip)
    secs = time.perf_counter() - t0
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        return 0
    print(f"{report['articles']} articles, {report['title_mentions']} title mentions, {report['facts']} facts "
          f"({secs:.0f} s)\n")
    print(f"Title mentions that gave no fact (top {args.top}):")
    for r in report["missed_titles"][: args.top]:
        print(f"{r['count']:6d}  {r['title']!r:44} {r['reason']}\n        {r['example']}")
    print(f"\nNames in titled sentences that never received a post (top {args.top}):")
    for r in report["names_without_post"][: args.top]:
        print(f"{r['count']:6d}  {r['name']:28} {r['example']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

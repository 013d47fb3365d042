"""What the recognisers made of an article: every title mention, with the fact it gave (person,
title, body, status, confidence) or why it gave none. ``govkg explain`` prints it; the recall
audit (``benchmarks/recall_audit.py``) counts it over a corpus.

>>> from govkg.loaders.article import Article
>>> e = explain(Article("a1", "Thủ tướng Nhật Bản Shinzo Abe hội đàm với Thủ tướng Nguyễn Xuân Phúc."))
>>> [(t.mention.title, t.outcome) for t in e.titles]
[('Thủ tướng', 'a foreign post'), ('Thủ tướng', 'fact')]
>>> e.titles[1].facts[0]["person"], e.titles[1].facts[0]["organization"]
('Nguyễn Xuân Phúc', 'Chính phủ')
"""

from __future__ import annotations

from dataclasses import dataclass

from govkg.loaders.article import Article
from govkg.loaders.extract import Traced, article_graph


@dataclass
class Explanation:
    article: Article
    titles: list[Traced]

    @property
    def facts(self) -> int:
        return sum(len(t.facts) for t in self.titles)

    def to_dict(self) -> dict:
        return {
            "article": self.article.id,
            "title_mentions": len(self.titles),
            "facts": self.facts,
            "mentions": [
                {"zone": t.zone, "sentence_start": t.sentence_start, "start": t.mention.start,
                 "end": t.mention.end, "text": t.mention.text, "title": t.mention.title,
                 "status": t.mention.status, "outcome": t.outcome, "facts": t.facts, "sentence": t.sentence}
                for t in self.titles
            ],
        }

    def format_text(self, width: int = 100) -> str:
        lines = [f"{self.article.id}: {len(self.titles)} title mentions, {self.facts} facts"]
        for t in self.titles:
            where = f"{t.zone}@{t.sentence_start + t.mention.start}"
            lines.append(f"  {where:>14}  {t.mention.text}")
            if t.facts:
                for f in t.facts:
                    how = f"; {f['how']}" if f.get("how") else ""
                    lines.append(f"{'':18}-> {f['person']} | {f['title']} | {f['organization']} "
                                 f"({f['status']}, {f['confidence']:.2f}{how})")
            else:
                who = f" [{t.mention.person}]" if t.mention.person else ""
                lines.append(f"{'':18}-- no fact: {t.outcome}{who}")
        return "\n".join(lines)


def explain(article: Article) -> Explanation:
    """Run the recognisers on one article and keep the story of every title mention."""
    from govkg.loaders.meta import outlet_info

    province = None
    if article.outlet:
        info = outlet_info(article.outlet)
        province = info.get("province") if info else None
    trace: list[Traced] = []
    article_graph(article, province, trace)
    trace.sort(key=lambda t: (t.zone != "body", t.sentence_start + t.mention.start))
    return Explanation(article, trace)

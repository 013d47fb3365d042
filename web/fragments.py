"""Page fragments written in Python because a template is too slow for them: a chain of a few
hundred steps, each with its evidence, is listed in a few milliseconds here and in tens through
nested template macros. Every text is escaped.

>>> tree = {"children": [{"relation": "issued_by", "id": "agency/x-00000000", "label": "Agency",
...          "name": "Bộ <b>Chính trị</b>", "evidence": [{"article": "a1", "evidence": "“x” & y"}],
...          "children": []}]}
>>> html = chain_list(tree, 25, None, lambda i, on: "/" + i)
>>> "Bộ &lt;b&gt;Chính trị&lt;/b&gt;" in html, "&amp; y" in html, "<b>" in html
(True, True, False)
"""

from __future__ import annotations

from html import escape
from typing import Callable
from urllib.parse import quote

from govkg.queries.lookups import RELATION_TEXT, describe


def _e(s) -> str:
    return escape("" if s is None else str(s), quote=True)


def quote_html(s: dict) -> str:
    """One source: the sentence, then its article (linked) and when it was published."""
    when = f", {_e(s['when'])}" if s.get("when") else ""
    href = "/article/" + quote(s["article"], safe="")
    return (f'<blockquote class="ev">“{_e(s["evidence"])}” <span class="src">— <a href="{_e(href)}">'
            f'{_e(s["article"])}</a>{when}</span></blockquote>')


def evidence_html(sources: list[dict], shown: int = 1, more: int = 9) -> str:
    """The first ``shown`` sources, then up to ``more`` others folded away."""
    out = [quote_html(s) for s in sources[:shown]]
    rest = sources[shown:]
    if rest:
        out.append(f'<details><summary>{len(rest)} more source{"s" if len(rest) > 1 else ""}</summary>')
        out += [quote_html(s) for s in rest[:more]]
        if len(rest) > more:
            out.append(f'<p class="muted">… and {len(rest) - more} more: the JSON twin lists them all.</p>')
        out.append("</details>")
    return "".join(out)


def chain_list(node: dict, max_children: int, on: str | None, url: Callable[[str, str | None], str | None]) -> str:
    """A chain (``govkg chain --format json``) as nested lists: each step's relation, what it
    leads to (linked to its page), the latest of its evidence; at most ``max_children`` steps of
    one kind under a node (0: all), then how many more and a link showing them all."""
    out: list[str] = []

    def walk(n: dict) -> None:
        kids = n.get("children") or []
        totals: dict[str, int] = {}
        for c in kids:
            totals[c["relation"]] = totals.get(c["relation"], 0) + 1
        out.append('<ul class="tree">')
        counts: dict[str, int] = {}
        for c in kids:
            rel = c["relation"]
            k = counts[rel] = counts.get(rel, 0) + 1
            text = _e(RELATION_TEXT.get(rel, rel))
            if max_children and k > max_children:
                if k == max_children + 1:
                    show_all = "?" + (f"on={quote(on)}&" if on else "") + "max=0"
                    out.append(f'<li class="muted">… {totals[rel] - max_children} more {text} '
                               f'(<a href="{_e(show_all)}">show all</a>)</li>')
                continue
            faded = ' class="faded"' if rel.startswith(("former_", "other_")) else ""
            href = url(c.get("id"), on)
            name = _e(describe(c))
            link = f'<a href="{_e(href)}">{name}</a>' if href else name
            again = ' <span class="again">(its own steps are listed where it first appears)</span>' if c.get("seen") else ""
            out.append(f'<li{faded}><span class="rel">{text}:</span> {link}{again}')
            ev = c.get("evidence") or []
            if ev:  # the latest first (for a holder: the statement its standing rests on)
                out.append(evidence_html(ev[-1:] + ev[-2::-1]))
            if c.get("children"):
                walk(c)
            out.append("</li>")
        out.append("</ul>")

    walk(node)
    return "".join(out)

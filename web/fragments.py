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


def seen_html(r: dict) -> str:
    """When a fact was seen, as the tables show it: first – last, the last, ≤ a bound, or undated.

    >>> seen_html({"first_seen": "2016-04-07", "last_seen": "2021-04-05"}), seen_html({"last_bound": "2017-06-08"})
    ('2016-04-07 – 2021-04-05', '≤2017-06-08')
    """
    first, last = r.get("first_seen"), r.get("last_seen")
    if first and last and first != last:
        return f"{_e(first)} – {_e(last)}"
    if last:
        return _e(last)
    if r.get("last_bound"):
        return "≤" + _e(r["last_bound"])
    return '<span class="muted">undated</span>'


def standing_html(st: dict | None) -> str:
    """A holder's standing at a date: its state, and the note saying why."""
    if not st:
        return ""
    note = f' <span class="standing muted">{_e(st["note"])}</span>' if st.get("note") else ""
    return f'<span class="state {_e(st["state"])}">{_e(st["state"])}</span>{note}'


def status_first(sources: list[dict], article: str | None) -> list[dict]:
    """A fact's sources, those of ``article`` (the one its status rests on) first."""
    if not article:
        return sources
    return [s for s in sources if s["article"] == article] + [s for s in sources if s["article"] != article]


def leaders_rows(rows: list[dict], on: str | None, url: Callable[[str, str | None], str | None]) -> str:
    """The rows of a body's holders table (``govkg who-leads --format json`` records): rank, post,
    person (linked), status, seen, standing, evidence (the source the status rests on first)."""
    out = []
    for r in rows:
        st = r.get("standing")
        faded = ' class="faded"' if st and not st.get("shown") else ""
        out.append(f'<tr{faded}><td>{_e(r.get("rank") or "member")}</td><td>{_e(r.get("title"))}</td>'
                   f'<td><a href="{_e(url(r["person_id"], on))}">{_e(r.get("person"))}</a></td>'
                   f'<td>{_e(r.get("status") or "")}</td><td>{seen_html(r)}</td><td>{standing_html(st)}</td>'
                   f'<td>{evidence_html(status_first(r.get("sources") or [], r.get("status_article")))}</td></tr>')
    return "".join(out)


def history_rows(holders: list[dict], url: Callable[[str, str | None], str | None]) -> str:
    """The rows of one post's history table (``govkg history --format json`` holders)."""
    out = []
    for h in holders:
        first = h.get("first_seen") or ("≤" + h["first_bound"] if h.get("first_bound") else "")
        last = h.get("last_seen") or ("≤" + h["last_bound"] if h.get("last_bound") else "")
        out.append(f'<tr><td><a href="{_e(url(h["person_id"], None))}">{_e(h.get("person"))}</a></td>'
                   f'<td>{_e(h.get("status") or "")}</td><td>{_e(first)}</td><td>{_e(last)}</td>'
                   f'<td>{_e(h.get("follows") or "")}</td>'
                   f'<td>{evidence_html(status_first(h.get("sources") or [], h.get("status_article")))}</td></tr>')
    return "".join(out)

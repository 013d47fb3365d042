"""Drawings made on the server as SVG text: a chain of responsibility as a tree, laid out left to
right, and posts over time as a timeline. Nothing is fetched by the browser to draw them; every
text is escaped here (the result goes into a page as it is).

>>> tree = {"id": "resolution/x-00000000", "label": "Resolution", "name": "59-NQ/TW", "children": [
...     {"relation": "issued_by", "id": "agency/b-00000000", "label": "Agency", "name": "<Bộ Chính trị>",
...      "evidence": [], "children": []}]}
>>> svg = chain_svg(tree, lambda n: "/" + n["id"])
>>> svg.count("<a "), "&lt;Bộ Chính trị&gt;" in svg, "<Bộ" in svg
(2, True, False)
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Callable

from govkg.queries.lookups import RELATION_TEXT, as_date, describe

# fill, border and text colours per label
COLOURS = {
    "Resolution": ("#e7efff", "#2f5fc4", "#142c5c"),
    "Agency": ("#e6f4ea", "#2e7d46", "#123a20"),
    "Person": ("#fff4e0", "#c27b12", "#4a2e00"),
    "Project": ("#f3e8fd", "#7b3fb5", "#35154f"),
    "Task": ("#fdeaea", "#b23b3b", "#4d1313"),
    "Event": ("#e5f6f8", "#237a86", "#0d3a40"),
    "Place": ("#f1f1f1", "#888888", "#333333"),
}
KIND_WORD = {"Resolution": "document", "Agency": "body", "Person": "person", "Project": "project", "Task": "task",
             "Event": "event", "Place": "place"}
NODE_W, NODE_H, COL_GAP, ROW = 236, 38, 128, 46
MAX_ROWS = 90  # a drawing taller than this shows fewer steps of each kind (the list below has them all)
FONT = "system-ui, 'DejaVu Sans', 'Noto Sans', Arial, sans-serif"


def _esc(s) -> str:
    return escape("" if s is None else str(s), quote=True)


def _cut(s: str, n: int) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _sub(node: dict) -> str:
    """The small line above a node's name: what it is."""
    label = node.get("label")
    if label == "Person":
        return node.get("title") or "person"
    if label == "Resolution":
        return " · ".join(x for x in (node.get("doc_type") or node.get("kind") or "document", node.get("issuer")) if x)
    if label == "Agency":
        return "body" + (f" · {node['title']}" if node.get("relation") == "holds" and node.get("title") else "")
    return node.get("kind") or KIND_WORD.get(label, label or "")


def _trim(node: dict, per_relation: int) -> dict:
    kids, count, total = [], {}, {}
    for c in node.get("children") or []:
        total[c["relation"]] = total.get(c["relation"], 0) + 1
    for c in node.get("children") or []:
        n = count[c["relation"]] = count.get(c["relation"], 0) + 1
        if n <= per_relation:
            kids.append(_trim(c, per_relation))
        elif n == per_relation + 1:
            kids.append({"node": {"relation": c["relation"], "more": total[c["relation"]] - per_relation,
                                  "label": None, "name": "", "children": []}, "kids": []})
    return {"node": node, "kids": kids}


def _leaves(d: dict) -> int:
    return 1 if not d["kids"] else sum(_leaves(k) for k in d["kids"])


def chain_svg(tree: dict, url: Callable[[dict], str | None] | None = None, per_relation: int = 6) -> str:
    """The chain ``tree`` (what ``govkg chain --format json`` prints) drawn as a tree: the root on
    the left, each step one column further right, the relation written on the edge. At most
    ``per_relation`` steps of one kind under a node (fewer when the drawing would be taller than
    ``MAX_ROWS`` rows), then a node saying how many more. ``url(node)`` links a node to its page."""
    shown = _trim(tree, per_relation)
    while _leaves(shown) > MAX_ROWS and per_relation > 1:
        per_relation -= 1
        shown = _trim(tree, per_relation)
    rows = [0]
    depth = [0]

    def place(d: dict, level: int) -> None:
        d["level"] = level
        depth[0] = max(depth[0], level)
        if not d["kids"]:
            d["row"] = rows[0]
            rows[0] += 1
            return
        for k in d["kids"]:
            place(k, level + 1)
        d["row"] = (d["kids"][0]["row"] + d["kids"][-1]["row"]) / 2

    place(shown, 0)
    top = 34
    width = (depth[0] + 1) * (NODE_W + COL_GAP) - COL_GAP + 24
    height = top + rows[0] * ROW + 8
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chain" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="{_esc(FONT)}" role="img" '
           f'aria-label="{_esc("chain of " + (tree.get("name") or ""))}">']
    # legend
    x = 12
    for label, (fill, stroke, _) in COLOURS.items():
        if label == "Place":
            continue
        out.append(f'<rect x="{x}" y="8" width="14" height="14" rx="3" fill="{fill}" stroke="{stroke}"/>'
                   f'<text x="{x + 19}" y="19" font-size="12" fill="#333">{KIND_WORD[label]}</text>')
        x += 30 + 7 * len(KIND_WORD[label])
    edges, nodes = [], []

    def xy(d: dict) -> tuple[float, float]:
        return 12 + d["level"] * (NODE_W + COL_GAP), top + d["row"] * ROW + (ROW - NODE_H) / 2

    def draw(d: dict) -> None:
        n = d["node"]
        x, y = xy(d)
        for k in d["kids"]:
            kx, ky = xy(k)
            x1, y1, x2, y2 = x + NODE_W, y + NODE_H / 2, kx, ky + NODE_H / 2
            rel = k["node"]["relation"]
            faint = rel.startswith(("former_", "other_"))
            dash = ' stroke-dasharray="4 3"' if faint else ""
            edges.append(f'<path d="M{x1:.0f},{y1:.0f} C{x1 + 60:.0f},{y1:.0f} {x2 - 60:.0f},{y2:.0f} {x2:.0f},{y2:.0f}" '
                         f'fill="none" stroke="{"#bbb" if faint else "#8a8f98"}" stroke-width="1.3"{dash}/>')
            edges.append(f'<text x="{x2 - 6:.0f}" y="{y2 - 5:.0f}" text-anchor="end" font-size="11" '
                         f'fill="{"#999" if faint else "#555"}">{_esc(RELATION_TEXT.get(rel, rel))}</text>')
            draw(k)
        nodes.append(_node(n, x, y, url, d is shown))

    draw(shown)
    out += edges + nodes
    out.append("</svg>")
    return "".join(out)


def _node(n: dict, x: float, y: float, url, root: bool) -> str:
    if "more" in n:
        return (f'<g class="more"><rect x="{x:.0f}" y="{y:.0f}" width="{NODE_W}" height="{NODE_H}" rx="6" '
                f'fill="#fafafa" stroke="#bbb" stroke-dasharray="3 3"/>'
                f'<text x="{x + 10:.0f}" y="{y + 24:.0f}" font-size="12" fill="#555">… {n["more"]} more '
                f'(in the list below)</text></g>')
    fill, stroke, ink = COLOURS.get(n.get("label"), ("#fff", "#999", "#222"))
    rel = n.get("relation") or ""
    faint = rel.startswith(("former_", "other_"))
    dash = ' stroke-dasharray="5 3"' if faint else (' stroke-dasharray="2 2"' if n.get("seen") else "")
    width = 2.4 if root else 1.2
    fade = ' opacity="0.6"' if faint else ""
    bold = ' font-weight="bold"' if root else ""
    tip = describe(n) if n.get("name") is not None else ""
    body = (f'<title>{_esc(tip)}</title>'
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{NODE_W}" height="{NODE_H}" rx="6" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{width}"{dash}{fade}/>'
            f'<text x="{x + 9:.0f}" y="{y + 14:.0f}" font-size="10.5" fill="{stroke}">{_esc(_cut(_sub(n), 40))}</text>'
            f'<text x="{x + 9:.0f}" y="{y + 30:.0f}" font-size="12.5" fill="{ink}"{bold}>'
            f'{_esc(_cut(n.get("name") or "", 33))}</text>')
    href = url(n) if url else None
    if href:
        return f'<a href="{_esc(href)}" class="node">{body}</a>'
    return f'<g class="node">{body}</g>'


# -- timelines ----------------------------------------------------------------------------------------

STATE_COLOURS = {"held": "#2f5fc4", "current": "#2f5fc4", "acting": "#c27b12", "presumed": "#6f8fd8",
                 "possible": "#a9b9e0", "former": "#9a9a9a", "ended": "#9a9a9a", "succeeded": "#b7b7b7",
                 "lapsed": "#c9c9c9", "later": "#c9c9c9", "formerly": "#c9c9c9", "undated": "#c9c9c9"}


def timeline_svg(rows: list[dict], url: Callable[[dict], str | None] | None = None, label_width: int = 330,
                 plot_width: int = 560) -> str:
    """Rows over time: each row a bar from its ``start`` to its ``end`` (dates seen; a dot when one),
    or a hollow mark at ``bound`` ('on or before') when it has no date, or 'undated'. Each row has
    ``label``, ``sub`` (a second, smaller line), ``state`` (its colour) and, with ``url``, a link.

    >>> svg = timeline_svg([{"label": "Chủ tịch UBND TP Cần Thơ", "sub": "current", "state": "current",
    ...                      "start": "2023-06-29", "end": "2024-05-28"},
    ...                     {"label": "Phó Bí thư", "sub": "", "state": "current", "bound": "2017-06-08"}])
    >>> "2024" in svg and "≤2017-06-08" in svg
    True
    >>> timeline_svg([{"label": "Phó Bí thư", "state": "current"}])  # nothing dated: nothing drawn
    ''
    """
    days = [d for r in rows for d in (as_date(r.get("start")), as_date(r.get("end")), as_date(r.get("bound"))) if d]
    if not days:
        return ""  # nothing to place in time: the table says 'undated'
    row_h, top = 34, 26
    height = top + len(rows) * row_h + 6
    width = label_width + plot_width + 100  # room for a '≤2017-06-08' label at the right end
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="{_esc(FONT)}" role="img" aria-label="timeline">']
    y0, y1 = min(days).year, max(days).year + 1
    if y1 - y0 < 2:
        y0 -= 1
    lo, hi = date(y0, 1, 1).toordinal(), date(y1, 1, 1).toordinal()

    def xpos(d: date) -> float:
        return label_width + (d.toordinal() - lo) / (hi - lo) * plot_width

    step = max(1, round((y1 - y0) / 10))
    for year in range(y0, y1 + 1, step):
        x = xpos(date(year, 1, 1))
        out.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 4}" stroke="#e3e3e3"/>'
                   f'<text x="{x:.1f}" y="{top - 10}" font-size="11" text-anchor="middle" fill="#666">{year}</text>')
    for i, r in enumerate(rows):
        y = top + i * row_h
        label = _esc(_cut(r.get("label") or "", 46))
        href = url(r) if url else None
        name = f'<a href="{_esc(href)}">{label}</a>' if href else label
        out.append(f'<text x="6" y="{y + 14}" font-size="12.5" fill="#222">{name}</text>'
                   f'<text x="6" y="{y + 28}" font-size="10.5" fill="#666">{_esc(_cut(r.get("sub") or "", 60))}</text>')
        colour = STATE_COLOURS.get(r.get("state") or "", "#2f5fc4")
        start, end, bound = as_date(r.get("start")), as_date(r.get("end")), as_date(r.get("bound"))
        if start:
            x1, x2 = xpos(start), xpos(end or start)
            w = max(6.0, x2 - x1)
            out.append(f'<rect x="{x1:.1f}" y="{y + 8}" width="{w:.1f}" height="12" rx="4" fill="{colour}">'
                       f'<title>{_esc(start.isoformat())} – {_esc((end or start).isoformat())}</title></rect>')
        elif bound:
            x = xpos(bound)
            out.append(f'<circle cx="{x:.1f}" cy="{y + 14}" r="5.5" fill="#fff" stroke="{colour}" stroke-width="2">'
                       f'<title>on or before {_esc(bound.isoformat())}</title></circle>'
                       f'<text x="{x + 9:.1f}" y="{y + 18}" font-size="11" fill="#666">≤{_esc(bound.isoformat())}</text>')
        else:
            out.append(f'<text x="{label_width}" y="{y + 18}" font-size="11" fill="#888">undated</text>')
    out.append("</svg>")
    return "".join(out)

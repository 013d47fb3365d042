"""``govkg serve`` in a real headless browser (Debian's Chromium, driven by Playwright): from the
search box to a person, their agency, a document the agency answers for, and an article, by
clicking links, checking on each page what it shows against what ``govkg roles``, ``who-leads``,
``chain`` and ``explain`` answer with ``--format json``; a screenshot of the document page is written.

Runs on the sample store and, when ../shared is here, on the chain-dev store. Without a browser
(a laptop without chromium) the tests skip, saying why; with GOVKG_BROWSER_TESTS=required (CI sets
it) they fail instead. GOVKG_SCREENSHOT_DIR=docs also writes the sample store's document page to
docs/serve-chain.png (the README's picture; the sample articles are the project's own data).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from cli_helpers import ok
from conftest import shared_path
from serve_helpers import running
from govkg.text import retone

CHROMIUM = os.environ.get("GOVKG_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _no_browser(why: str):
    if os.environ.get("GOVKG_BROWSER_TESTS") == "required":
        pytest.fail(f"the browser tests must run here: {why}")
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module, with a fresh profile; closed (with Playwright's driver) at the end."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _no_browser("Playwright is not installed (pip install -e '.[test]')")
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        _no_browser(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set GOVKG_CHROMIUM)")
    profile = tempfile.mkdtemp(prefix="govkg-chromium-")
    pw = sync_playwright().start()
    try:
        try:
            ctx = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True, args=FLAGS,
                                                        viewport={"width": 1360, "height": 900})
        except Error as e:
            _no_browser(f"Chromium at {CHROMIUM} would not start: {str(e).splitlines()[0]}")
        try:
            yield ctx
        finally:
            ctx.close()
    finally:
        pw.stop()
        shutil.rmtree(profile, ignore_errors=True)


def _walk_plan(db: str) -> tuple[dict, str, dict]:
    """A person heading an agency that issued, steers or answers for documents, that agency, and
    its document with the largest chain (ties by name): what the browser will click through."""
    best = None
    roles = json.loads(ok("roles", "--all", "--format", "json", db=db))
    for r in sorted(roles, key=lambda r: (r["person"], r["organization"])):
        if r["rank"] != "head":
            continue
        tree = json.loads(ok("chain", r["agency_id"], "--depth", "1", "--format", "json", db=db))
        docs = [c for c in tree["children"] if c["label"] == "Resolution"
                and c["relation"] in ("issued", "steers", "responsible_for")]
        for d in docs:
            size = len(json.loads(ok("chain", d["id"], "--depth", "1", "--format", "json", db=db))["children"])
            if best is None or size > best[0]:
                best = (size, r, d["id"], d)
    assert best, "no head of an agency with documents in this store"
    return best[1], best[2], best[3]


def _texts(page, selector: str) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(selector).all_inner_texts()]


def _browse(browser, db: str, shots: Path, readme: Path | None = None) -> None:
    role, doc_id, _ = _walk_plan(db)
    pid, aid = role["person_id"], role["agency_id"]
    with running(db) as server:
        page = browser.new_page()
        asked = []
        page.on("request", lambda req: asked.append(req.url))
        try:
            # search, without diacritics
            page.goto(server.url + "/")
            from govkg.identity import fold

            page.fill("main input[name=q]", fold(role["person"]))
            page.press("main input[name=q]", "Enter")
            page.wait_for_url("**/search?q=*")
            assert role["person"] in _texts(page, ".results a")

            # the person: every post govkg roles lists, with its body
            page.click(f'.results a[href="/{pid}"]')
            page.wait_for_url(f"**/{pid}")
            assert page.inner_text("h1") == role["person"]
            roles = json.loads(ok("roles", pid, "--format", "json", db=db))
            shown = [tuple(" ".join(c.split()) for c in row.locator("td").all_inner_texts()[:3])
                     for row in page.locator("table.posts tr").all()[1:]]
            assert shown == [(r["title"], r["organization"], r["status"] or "") for r in roles]
            assert page.locator("svg.timeline").count() == (1 if any(r["last_seen"] or r["last_bound"] for r in roles)
                                                             else 0)

            # the agency: holders in govkg who-leads' order, then its documents
            page.click(f'table.posts a[href="/{aid}"]')
            page.wait_for_url(f"**/{aid}")
            leaders = json.loads(ok("who-leads", aid, "--format", "json", db=db))
            rows = [tuple(" ".join(c.split()) for c in row.locator("td").all_inner_texts()[:3])
                    for row in page.locator("table.leaders tr").all()[1:]]
            assert rows == [(r["rank"] or "member", r["title"], r["person"]) for r in leaders]
            history = json.loads(ok("history", aid, "--format", "json", db=db))
            assert _texts(page, "h3")[:len(history)] == [
                f"{p['title']} ({p['rank'] or 'member'}, {len(p['holders'])} seen)" for p in history]

            # the document: its chain drawn (every step a box) and listed (every step a line)
            page.click(f'ul.tree a[href="/{doc_id}"]')
            page.wait_for_url(f"**/{doc_id}")
            tree = json.loads(ok("chain", doc_id, "--format", "json", db=db))
            assert page.inner_text("h1") == tree["name"]
            from govkg.queries.lookups import RELATION_TEXT, describe

            listed = page.locator("main > ul.tree > li > .rel").evaluate_all(
                "els => els.map(e => [e.textContent, e.nextElementSibling ? e.nextElementSibling.textContent : ''])")
            per: dict[str, int] = {}
            expected = []
            for c in tree["children"]:  # at most 25 steps of one kind, as govkg chain's tree
                per[c["relation"]] = per.get(c["relation"], 0) + 1
                if per[c["relation"]] <= 25:
                    expected.append([RELATION_TEXT.get(c["relation"], c["relation"]) + ":", describe(c)])
            assert listed == expected
            boxes = page.locator("svg.chain a.node title").all_text_contents()
            assert describe(tree) in boxes
            for c in tree["children"][:6]:
                assert describe(c) in boxes, describe(c)
            page.screenshot(path=str(shots / "document.png"), full_page=True)
            if readme is not None:
                page.screenshot(path=str(readme))
            assert (shots / "document.png").stat().st_size > 10_000

            # an article it rests on: every title mention marked as govkg explain reports it
            link = page.locator('ul.tree blockquote a[href^="/article/"]').first
            article_id = link.inner_text()
            link.click()
            page.wait_for_url("**/article/*")
            explained = json.loads(ok("explain", article_id, "--format", "json", db=db))[0]
            body = [m for m in explained["mentions"] if m["zone"] == "body"]
            marks = page.locator(".article-text").first.locator("mark")
            # the page shows the article as written; explain reports the text the recognisers read
            # (tone marks placed one way: "Thành uỷ" is read "Thành ủy")
            shown = marks.evaluate_all("els => els.map(e => e.firstChild.textContent)")
            assert [retone(t) for t in shown] == [m["text"] for m in body]
            assert page.locator(".article-text mark.fact").count() >= sum(1 for m in body if m["outcome"] == "fact")
            assert page.locator("table.mentions tr").count() == len(explained["mentions"]) + 1
        finally:
            page.close()
        # nothing was asked of anyone but this server
        assert asked and all(u.startswith(server.url + "/") for u in asked), [u for u in asked
                                                                              if not u.startswith(server.url)]


def test_browse_the_sample_store(browser, seed_store, tmp_path):
    out = os.environ.get("GOVKG_SCREENSHOT_DIR")
    readme = Path(out) / "serve-chain.png" if out else None
    _browse(browser, str(seed_store), tmp_path, readme)


def test_browse_the_chain_dev_store(browser, tmp_path_factory, tmp_path):
    articles = shared_path("gold", "chain-dev-articles.jsonl")
    db = tmp_path_factory.mktemp("chain-dev-store")
    ok("load", str(articles), db=str(db))
    _browse(browser, str(db), tmp_path)  # corpus text: never written into the project

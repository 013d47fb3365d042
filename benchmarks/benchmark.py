"""Speed and memory of govkg on the 39k-article corpus, printed as figures (run by hand).

    python benchmarks/benchmark.py [--corpus ../shared/corpus/news-39k.jsonl.gz] [--limit N] [--keep DIR]

1. extraction alone (read + recognise + resolve, no store), articles per second on one core, and
   against its limit measured in the same run: one scan of the same texts with the trigger words'
   trie (``loaders/scan.py``), the least any reading of them costs;
2. the whole ``govkg load`` into a fresh store (all but the corpus's last 1,000 articles): wall
   time, articles per second, peak memory; the same load with ``--workers 1`` (the facts read in
   the load's process alone) and the ratio of the two; then those 1,000 added to it and to a 2,000-article
   store, the ratio of the two times (a load costs what it adds: near 1), and each loaded again
   (nothing new);
3. lookup processes end to end on that store (who-leads, roles, search, chain), each in its own
   process and then answered by ``govkg keep-open``, against ``python -c "import click"``
   measured in the same run;
4. the in-process time of each named lookup query;
5. RDF export (N-Triples and Turtle): triples per second and peak memory;
6. Neo4j (needs Java 17+ and Maven: the tests' server, tests/neo4j): ``govkg push`` of the store to
   a fresh Neo4j 5.26 server, rows per second for nodes and for relationships and where the time
   goes, a second push (nothing to write), and ``neo4j-admin database import full`` of the
   ``neo4j-csv`` export, timed;
7. ``govkg serve``: each page's server time (its Server-Timing header) on named pages and on a
   seeded random sample of people, agencies, documents and articles.

Targets (issue figures): extraction >= 500 articles/s, the whole load within 3 minutes and 2 GB,
who-leads within 0.3 s, each named lookup under 50 ms, chain under 0.5 s end to end, push >= 50,000
rows/s, each page of govkg serve within 100 ms of server time.

The corpus belongs to its publishers: it is read where it lies and never copied.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parents[1] / "shared" / "corpus" / "news-39k.jsonl.gz"
INCREMENT = 1000  # new articles added to the built store, and to a small one
SMALL_STORE = 2000


def line(label: str, value: str) -> None:
    print(f"{label:<46} {value}", flush=True)


def extraction_rate(corpus: Path, limit: int | None) -> None:
    from govkg.loaders.read import article_from_record
    from govkg.pipeline import extract_article

    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        records = [json.loads(x) for x in itertools.islice(fh, limit)]
    articles = [article_from_record(r, where="bench") for r in records]
    articles = [a for a in articles if not hasattr(a, "reason")]
    for a in articles[:50]:  # warm the compiled patterns, the gazetteer and the readers' caches
        extract_article(a)
    facts = 0
    cpu, wall = time.process_time(), time.perf_counter()
    for a in articles:
        facts += extract_article(a).g.number_of_edges()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    line("extraction alone (one core)", f"{len(articles) / cpu:,.0f} articles/s CPU, {len(articles) / wall:,.0f} wall "
         f"({len(articles):,} articles, {facts:,} facts)")
    scan = trie_scan_seconds(articles)
    line("  one trie scan of the same texts (the limit)", f"{len(articles) / scan:,.0f} articles/s CPU: extraction costs "
         f"{cpu / scan:,.1f} scans ({scan / cpu:.1%} of it)")


def trie_scan_seconds(articles) -> float:
    """CPU seconds of one scan of each article's texts (body and leftovers, lower-cased) with the
    trigger words' trie: what extraction cannot do with less. The best of three passes."""
    from govkg.loaders.scan import trigger_pattern
    from govkg.text import lower

    pattern = trigger_pattern()
    texts = [[a.text, *a.leftovers] for a in articles]
    best = float("inf")
    for _ in range(3):
        cpu = time.process_time()
        for zones in texts:
            for z in zones:
                for _m in pattern.finditer(lower(z)):
                    pass
        best = min(best, time.process_time() - cpu)
    return best


def run(cmd: list[str], **kw) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    return time.perf_counter() - t, proc


def measured(code: str) -> tuple[float, subprocess.CompletedProcess, float]:
    """Run Python ``code`` in a fresh process: wall seconds, the process, and its own peak memory (MB)."""
    wrapped = ("import resource, sys\ntry:\n" + "".join(f"    {ln}\n" for ln in code.splitlines())
               + "finally:\n    print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n")
    secs, proc = run([sys.executable, "-c", wrapped])
    peak = next((int(x.split()[1]) for x in proc.stderr.splitlines() if x.startswith("PEAK ")), 0)
    return secs, proc, peak / 1024


def slices(corpus: Path, limit: int | None, work: Path, held_back: int = INCREMENT) -> dict[str, Path]:
    """The corpus (its first ``limit`` articles) cut in three JSONL files: ``base`` (all but the last
    ``held_back``), ``small`` (the first 2,000 of base) and ``new`` (the last ``held_back``)."""
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        lines = list(itertools.islice(fh, limit))
    held_back = min(held_back, len(lines) // 4)
    parts = {"base": lines[:-held_back], "small": lines[:min(SMALL_STORE, len(lines) - held_back)],
             "new": lines[-held_back:]}
    out = {}
    for name, rows in parts.items():
        out[name] = work / f"bench-{name}.jsonl"
        with out[name].open("w", encoding="utf-8") as fh:
            fh.writelines(rows)
    return out


def timed_load(src: Path, db: Path, workers: int | None = None) -> tuple[float, str, float]:
    """``load_paths`` of one file in a fresh process: wall seconds, its summary line, peak MB (of
    the load's process; its workers, if any, hold a copy of the vocabulary each)."""
    secs, proc, peak = measured(
        "from govkg.pipeline import load_paths\n"
        f"print(load_paths([{str(src)!r}], {str(db)!r}, workers={workers!r}).line())")
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        raise SystemExit("the load failed")
    return secs, proc.stdout.strip(), peak


def whole_load(parts: dict[str, Path], db: Path, work: Path) -> None:
    from govkg.loaders.workers import usable_cores

    n = sum(1 for _ in parts["base"].open(encoding="utf-8"))
    secs, summary, peak = timed_load(parts["base"], db)
    line("whole load (govkg load, fresh store)", f"{secs:,.1f} s, {n / secs:,.0f} articles/s ({n:,} articles: "
         f"the corpus but its last {sum(1 for _ in parts['new'].open(encoding='utf-8')):,}, added next; "
         f"{usable_cores()} workers)")
    alone = work / "store-one-process"
    one, summary1, _ = timed_load(parts["base"], alone, workers=1)
    shutil.rmtree(alone, ignore_errors=True)
    line("  the same in the load's process alone (--workers 1)", f"{one:,.1f} s: the workers make it "
         f"{one / secs:.2f}x faster" + ("" if summary1 == summary else " (A DIFFERENT SUMMARY: " + summary1 + ")"))
    line("peak memory of the load", f"{peak:,.0f} MB")
    line("  load summary", summary)
    line("store size on disk", f"{_size(db) / 1e6:,.1f} MB")


def _size(db: Path) -> int:
    return sum(p.stat().st_size for p in db.iterdir() if p.is_file())


def incremental_loads(parts: dict[str, Path], db: Path, work: Path) -> None:
    """The same new articles added to a store of 2,000 and to the big one (the ratio should be near
    1: a load costs what it adds), then loaded again (nothing new: only ids and hashes are read)."""
    small = work / "store-2k"
    timed_load(parts["small"], small)
    new = sum(1 for _ in parts["new"].open(encoding="utf-8"))
    n_small = sum(1 for _ in parts["small"].open(encoding="utf-8"))
    n_big = sum(1 for _ in parts["base"].open(encoding="utf-8"))
    figures = {}
    for label, target, n in (("small", small, n_small), ("big", db, n_big)):
        before = _size(target)
        secs, summary, peak = timed_load(parts["new"], target)
        again, summary2, _ = timed_load(parts["new"], target)
        figures[label] = secs
        line(f"add {new:,} new articles to a {n:,}-article store", f"{secs:,.2f} s, peak {peak:,.0f} MB, store "
             f"{before / 1e6:,.1f} -> {_size(target) / 1e6:,.1f} MB ({summary.split(';')[1].strip()})")
        line(f"  the same {new:,} again (nothing new)", f"{again:,.2f} s ({summary2.split(',')[1].strip()})")
    line("  ratio: big store / small store", f"{figures['big'] / figures['small']:.2f}x (target <= 1.3x)")
    shutil.rmtree(small, ignore_errors=True)


def end_to_end(db: Path) -> None:
    cmds = {
        "govkg who-leads 'UBND TP Hà Nội'": ["who-leads", "UBND TP Hà Nội"],
        "govkg who-leads 'UBND TP Hà Nội' --on 2017-06-01": ["who-leads", "UBND TP Hà Nội", "--on", "2017-06-01"],
        "govkg history 'UBND TP Hà Nội'": ["history", "UBND TP Hà Nội"],
        "govkg roles 'nguyen xuan phuc'": ["roles", "nguyen xuan phuc"],
        "govkg search 'nguyen xuan phuc'": ["search", "nguyen xuan phuc"],
        "govkg chain 'Bộ Công an'": ["chain", "Bộ Công an"],
        "govkg roles --all --on 2017-06-01 --format json": ["roles", "--all", "--on", "2017-06-01", "--format", "json"],
    }
    exe = shutil.which("govkg") or ""

    def median_of_5(cmd: list[str], env: dict) -> tuple[float, int]:
        times = []
        for _ in range(5):
            secs, proc = run(cmd, env=env)
            times.append(secs)
        return statistics.median(times), proc.returncode

    own = {**os.environ, "GOVKG_KEPT": "0"}
    click_only, _ = median_of_5([sys.executable, "-c", "import click"], own)
    line("python -c 'import click' (median of 5)", f"{click_only * 1000:,.0f} ms (the floor of any Click command)")

    def lookups(how: str, env: dict) -> None:
        for label, args in cmds.items():
            cmd = [exe, *args, "--db", str(db)] if exe else [sys.executable, "-m", "govkg.cli", *args, "--db", str(db)]
            secs, code = median_of_5(cmd, env)
            line(f"{label} ({how}, median of 5)", f"{secs * 1000:,.0f} ms = {secs / click_only:.1f}x import click "
                 f"(exit {code})")

    lookups("end to end, each in its own process", own)
    # the same with `govkg keep-open` running: the store kept open in one process that answers them
    keeper = subprocess.Popen([exe or "govkg", "keep-open", "--db", str(db)], stderr=subprocess.PIPE, text=True, env=own)
    try:
        t = time.perf_counter()
        ready = keeper.stderr.readline()
        line("govkg keep-open: ready (store opened, warmed)", f"{time.perf_counter() - t:.2f} s: {ready.strip()}")
        lookups("end to end, govkg keep-open answering", {**os.environ})
    finally:
        keeper.terminate()
        keeper.wait(10)


def named_lookups(db: Path) -> None:
    try:
        from govkg.graph.store import EmbeddedStore
        from govkg.queries.runner import format_timings, time_named_queries
    except ImportError as e:  # pragma: no cover
        line("named lookups", f"not available ({e})")
        return
    store = EmbeddedStore(db)
    print(format_timings(time_named_queries(store)), flush=True)
    store.close()


def rdf_export(db: Path, out_dir: Path) -> None:
    """Each streamed RDF format (peak memory includes the graph read from the store), then
    pyoxigraph's own Turtle dump of the same triples (loaded into its in-memory store first, not
    timed) against ours, measured in the same run."""
    seconds = {}
    for fmt, suffix in (("ntriples", "nt"), ("turtle", "ttl"), ("jsonld", "jsonld")):
        target = out_dir / f"export.{suffix}"
        secs, proc, peak = measured(
            "from govkg.graph.store import EmbeddedStore\nfrom govkg.graph.rdf import export_stats\n"
            f"kg = EmbeddedStore({str(db)!r}).read_graph()\n"
            f"n, s = export_stats(kg, {fmt!r}, {str(target)!r})\nprint(n, s)")
        if proc.returncode != 0:
            line(f"RDF export {fmt}", f"failed: {proc.stderr.strip().splitlines()[-2:]}")
            continue
        triples, secs = proc.stdout.split()
        triples, seconds[fmt] = int(triples), float(secs)
        line(f"RDF export {fmt}", f"{triples:,} triples in {seconds[fmt]:,.1f} s = {triples / seconds[fmt]:,.0f} "
             f"triples/s, peak memory {peak:,.0f} MB (the graph read from the store included)")
    try:
        import pyoxigraph as ox
    except ImportError:
        line("pyoxigraph Turtle dump", "skipped: pyoxigraph is not installed")
        return
    nt = out_dir / "export.nt"
    if not nt.exists() or "turtle" not in seconds:
        return
    store = ox.Store()
    store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    t = time.perf_counter()
    from govkg.graph.rdf import mapping

    store.dump(output=str(out_dir / "ox.ttl"), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(),
               prefixes=dict(mapping().prefixes))
    ox_secs = time.perf_counter() - t
    line("pyoxigraph Turtle dump of the same triples", f"{ox_secs:,.1f} s; govkg's Turtle writer takes "
         f"{seconds['turtle'] / ox_secs:.2f}x that, its N-Triples {seconds['ntriples'] / ox_secs:.2f}x, "
         f"its JSON-LD {seconds.get('jsonld', float('nan')) / ox_secs:.2f}x")


def neo4j_push_and_import(db: Path, work: Path, heap: str = "2g", pagecache_mb: int = 1024) -> None:
    sys.path.insert(0, str(HERE.parent / "tests"))
    import neo4j_server as ns

    why = ns.missing_tools()
    if why:
        line("Neo4j push and import", f"skipped: {why}")
        return
    from govkg.graph.neo4j_store import Neo4jStore
    from govkg.graph.store import EmbeddedStore

    store = EmbeddedStore(db)
    t = time.perf_counter()
    kg = store.read_graph()
    store.close()
    read = time.perf_counter() - t
    n_nodes, n_edges = kg.g.number_of_nodes(), kg.g.number_of_edges()
    line("Neo4j: the store read into memory", f"{read:,.1f} s ({n_nodes:,} nodes, {n_edges:,} relationships)")
    t = time.perf_counter()
    with ns.Neo4jServer.start(work / "neo4j", heap=heap, pagecache_mb=pagecache_mb) as server:
        line("Neo4j 5.26 server start (harness, JVM)", f"{time.perf_counter() - t:,.1f} s, heap {heap}, "
             f"page cache {pagecache_mb} MB")
        neo = Neo4jStore(server.uri, server.user, server.password)
        try:
            def timed_push(label: str) -> None:
                t = time.perf_counter()
                s = neo.push(kg)
                total = time.perf_counter() - t
                sec = s["seconds"]
                line(label, f"{total:,.1f} s = {(n_nodes + n_edges) / total:,.0f} rows/s "
                     f"({s['nodes_created']:,} nodes, {s['relationships_created']:,} relationships created)")
                line("  nodes", f"{n_nodes / sec['nodes']:,.0f} rows/s ({sec['nodes']:,.1f} s)")
                line("  relationships", f"{n_edges / sec['edges']:,.0f} rows/s ({sec['edges']:,.1f} s)")
                line("  where the time goes", f"Python rows {sec['prepare']:,.1f} s, reading the server "
                     f"{sec['read']:,.1f} s, waiting for writes {sec['write']:,.1f} s; the server ran the "
                     f"statements for {sec['server']:,.1f} s (summed over 2 sessions); the rest is sending "
                     f"the rows and committing")

            timed_push("push to an empty database, cold server")
            t = time.perf_counter()
            again = neo.push(kg)
            line("second push of the same store", f"{time.perf_counter() - t:,.1f} s, "
                 f"{again['nodes_created'] + again['relationships_created'] + again['nodes_updated'] + again['relationships_updated']}"
                 f" rows written (reading what the server holds: {again['seconds']['read']:,.1f} s)")
            # the same push once the server's JIT has warmed up, as on a server that has been running
            with neo.driver().session() as session:
                session.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS").consume()
                for (name,) in session.run("SHOW CONSTRAINTS YIELD name RETURN name").values():
                    session.run(f"DROP CONSTRAINT `{name}`").consume()
            timed_push("push to an emptied database, warm server")
        finally:
            neo.close()
    csv_dir, home = work / "neo4j-csv", work / "neo4j-home"
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "govkg.cli", "export", "--format", "neo4j-csv", "-o", str(csv_dir),
                           "--db", str(db)], capture_output=True, text=True)
    if proc.returncode != 0:
        line("neo4j-csv export", f"failed: {proc.stderr.strip()}")
        return
    line("govkg export --format neo4j-csv", f"{time.perf_counter() - t:,.1f} s")
    secs = ns.admin_import(csv_dir, home, heap=heap)
    line("neo4j-admin database import full", f"{secs:,.1f} s = {(n_nodes + n_edges) / secs:,.0f} rows/s "
         f"(one JVM, start included)")


def serve_pages(db: Path, sample: int = 30) -> None:
    """Start ``govkg serve`` on the store and time its pages by the server's own measure (the
    Server-Timing header: from the request read to the answer ready), each page asked once."""
    import random
    import re
    import statistics as st
    import urllib.parse
    import urllib.request

    from govkg.graph.store import EmbeddedStore

    store = EmbeddedStore(db)
    ids = {}
    for kind, q in (("person", "MATCH (p:Person)-[:HOLDS]->() RETURN DISTINCT p.id"),
                    ("agency", "MATCH ()-[:OF]->(a:Agency) RETURN DISTINCT a.id"),
                    ("document", "MATCH (r:Resolution) RETURN r.id"),
                    ("article", "MATCH (a:Article) RETURN a.id")):
        ids[kind] = sorted(r[0] for r in store.query(q)[1])
    queries = {  # the pages that read the most: most evidence behind a person's posts, a body's holders
        "person": "MATCH (p:Person)-[h:HOLDS]->() RETURN p.id, sum(size(h.source_articles)) AS n ORDER BY n DESC, p.id",
        "agency": ("MATCH ()-[h:HOLDS]->(:Role)-[:OF]->(a:Agency) RETURN a.id, sum(size(h.source_articles)) AS n "
                   "ORDER BY n DESC, a.id"),
        "document": "MATCH (r:Resolution)<-[e]-() RETURN r.id, count(e) AS n ORDER BY n DESC, r.id",
    }
    heavy = store.query(queries["document"] + " LIMIT 1")[1]
    busiest = {k: [r[0] for r in store.query(q + f" LIMIT {sample}")[1]] for k, q in queries.items()}
    store.close()
    exe = shutil.which("govkg")
    cmd = [exe] if exe else [sys.executable, "-m", "govkg.cli"]
    proc = subprocess.Popen(cmd + ["serve", "--db", str(db), "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        url = re.search(r"http://127\.0\.0\.1:\d+", proc.stdout.readline()).group(0)

        def ask(path: str) -> tuple[float, float, int]:
            t = time.perf_counter()
            try:
                with opener.open(url + path, timeout=120) as r:
                    r.read()
                    status, timing = r.status, r.headers.get("Server-Timing", "")
            except urllib.error.HTTPError as e:
                status, timing = e.code, e.headers.get("Server-Timing", "")
            wall = time.perf_counter() - t
            m = re.search(r"dur=([0-9.]+)", timing)
            return (float(m.group(1)) if m else float("nan")), wall * 1000, status

        q = urllib.parse.quote
        first_article = ids["article"][0]
        ms, wall, status = ask(f"/article/{q(first_article, safe='')}")
        line("serve: an article page asked at start", f"{ms:,.0f} ms server, {wall:,.0f} ms wall (status {status}; "
             "it waits for the warm-up to index its JSONL file)")
        warmed = ""
        while "warmed up" not in warmed:  # the server's one line when its warm-up is done (App.warm)
            warmed = proc.stderr.readline()
            if not warmed:
                break
        line("serve: warm-up, in the background from start", warmed.strip().removeprefix("govkg serve: ") or
             "no line from the server")
        named = {"start page (stats)": "/", "search 'nguyen xuan phuc'": "/search?q=nguyen+xuan+phuc"}
        found = json.loads(opener.open(url + "/search.json?q=" + q("Nguyễn Xuân Phúc")).read())["results"]
        person = next((r["id"] for r in found if r["kind"] == "Person"), None)
        found = json.loads(opener.open(url + "/search.json?q=" + q("UBND TP Hà Nội")).read())["results"]
        agency = next((r["id"] for r in found if r["name"] == "UBND TP Hà Nội"), None)
        if person:
            named["person Nguyễn Xuân Phúc"] = f"/{person}"
            named["person Nguyễn Xuân Phúc ?on=2017"] = f"/{person}?on=2017"
        if agency:
            named["agency UBND TP Hà Nội"] = f"/{agency}"
            named["agency UBND TP Hà Nội ?on=2017-06-01"] = f"/{agency}?on=2017-06-01"
        if heavy:
            named[f"document with the most links ({heavy[0][1]})"] = f"/{heavy[0][0]}"
        named["cypher box (20 holders of Chủ tịch)"] = ("/cypher?q=" + q("MATCH (p:Person)-[:HOLDS]->(r:Role) WHERE "
                                                        "r.title = $t RETURN p.name LIMIT 20") + "&p=" + q("t=Chủ tịch"))
        for label, path in named.items():
            ms, wall, status = ask(path)
            again = min(ask(path)[0] for _ in range(3))
            line(f"serve: {label}", f"{ms:,.1f} ms server, {wall:,.1f} ms wall (status {status}); "
                 f"asked again {again:,.1f} ms")
        for kind, picks in busiest.items():
            for on in ("", "?on=2018-06-01"):
                times = sorted(ask("/" + i + on)[0] for i in picks)
                over = sum(1 for t in times if t > 100)
                line(f"serve: the {len(times)} busiest {kind} pages{' as of 2018-06-01' if on else ''}",
                     f"median {st.median(times):,.1f} ms, 90th percentile {times[int(0.9 * (len(times) - 1))]:,.1f} ms, "
                     f"max {times[-1]:,.1f} ms; {over} over 100 ms")
        rng = random.Random(12)
        for kind, pool in ids.items():
            picks = rng.sample(pool, min(sample, len(pool)))
            prefix = "/article/" if kind == "article" else "/"
            times = [ask(prefix + (q(i, safe="") if kind == "article" else i))[0] for i in picks]
            times.sort()
            over = sum(1 for t in times if t > 100)
            line(f"serve: {len(times)} random {kind} pages",
                 f"median {st.median(times):,.1f} ms, 90th percentile {times[int(0.9 * (len(times) - 1))]:,.1f} ms, "
                 f"max {times[-1]:,.1f} ms; {over} over 100 ms")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    cold_pages(db, queries)


def cold_pages(db: Path, queries: dict[str, str], n: int = 100) -> None:
    """The ``n`` busiest pages of each kind, now and as of a date, each asked with nothing kept
    from another page (the chain steps the server keeps by id are dropped before each; what the
    warm-up reads for every page, the articles' times and the evidence sentences, stays): the worst
    a first view can cost. In process, timed as the Server-Timing header times a page."""
    import statistics as st

    from govkg.web.app import App

    app = App(db)
    app.warm()
    with app.store.backend() as b:
        ids = {k: [r[0] for r in b.query(q + f" LIMIT {n}")[1]] for k, q in queries.items()}
    for kind, picks in ids.items():
        times = []
        for i in picks:
            for on in ("", "?on=2018-06-01"):
                app.store.forget("rows_by_id")
                t = time.perf_counter()
                app.handle("GET", "/" + i + on)
                times.append((time.perf_counter() - t) * 1000)
        times.sort()
        line(f"serve: the {len(picks)} busiest {kind} pages, now and as of a date, nothing kept",
             f"median {st.median(times):,.1f} ms, max {times[-1]:,.1f} ms; {sum(t > 100 for t in times)} "
             f"of {len(times)} over 100 ms")
    app.store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--keep", type=Path, default=None, help="build the store here and keep it")
    ap.add_argument("--skip-load", action="store_true", help="reuse the store at --keep")
    ap.add_argument("--only", choices=["extract", "serve", "neo4j", "store", "rdf"], default=None,
                    help="run only this part, on the store at --keep (with --skip-load for neo4j); extract: "
                         "extraction and its limit; store: the loads (whole, incremental) and the lookups; rdf: the exports")
    ap.add_argument("--only-neo4j", action="store_const", const="neo4j", dest="only", help="the same as --only neo4j")
    args = ap.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"no corpus at {args.corpus}: pass --corpus")
    work = Path(tempfile.mkdtemp(prefix="govkg-bench-"))
    db = args.keep or (work / "store")
    print(f"govkg benchmark on {args.corpus.name}{f' (first {args.limit})' if args.limit else ''}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (other work on the machine slows "
          f"every figure)", flush=True)
    try:
        if args.only == "serve":
            serve_pages(db)
            return
        if args.only == "rdf":
            rdf_export(db, work)
            return
        if args.only in (None, "extract"):
            extraction_rate(args.corpus, args.limit)
        if args.only == "extract":
            return
        if not args.skip_load:
            if db.exists():
                shutil.rmtree(db)
            parts = slices(args.corpus, args.limit, work)
            whole_load(parts, db, work)
            incremental_loads(parts, db, work)
        if args.only != "neo4j":
            end_to_end(db)
            named_lookups(db)
        if args.only is None:
            serve_pages(db)
            rdf_export(db, work)
        if args.only in (None, "neo4j"):
            neo4j_push_and_import(db, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

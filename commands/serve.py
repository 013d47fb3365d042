"""``govkg serve``: the store as a small local web site (search, people, agencies, documents,
articles, read-only Cypher), on 127.0.0.1. See :mod:`govkg.web.app` for the pages."""

from __future__ import annotations

import click

from govkg.cli import db_option, fail, fail_store


@click.command("serve")
@db_option
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port; the address is printed).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but 127.0.0.1 / localhost lets other machines read the store.")
@click.option("--open", "open_browser", is_flag=True, help="Open the start page in the default browser.")
@click.option("--log", "log_requests", is_flag=True, help="Write one line per request on stderr.")
def serve(db, port, host, open_browser, log_requests):
    """Browse the store in a web browser: search a name, open a person (posts over time, each with
    its sentence), an agency (head and deputies, at a date with ?on=YYYY-MM-DD, each post's
    history), a document (its chain drawn and listed), an article (every title mention marked and
    what became of it), or run read-only Cypher.

    \b
    Every page has a JSON twin (the same address ending in .json, or ?format=json) carrying what
    the matching command prints with --format json. The store is opened read-only, and reopened
    when a `govkg load` replaces it. Nothing is fetched from the internet. Ctrl-C stops.
    """
    from govkg.graph.store import StoreError
    from govkg.web.app import App
    from govkg.web.server import GovkgServer, is_loopback, serve_forever, url_of

    app = App(db)
    try:
        app.store.open()
    except StoreError as e:
        fail_store(e)
    try:
        server = GovkgServer((host, port), app, quiet=not log_requests)
    except OSError as e:
        app.store.close()
        fail(f"cannot listen on {host}:{port}: {e.strerror or e}" + (" (try another --port)" if e.errno == 98 else ""))
    url = url_of(server)
    if not is_loopback(host):
        click.echo(f"govkg: listening on {host}, not only on this machine: anyone who can reach port "
                   f"{server.server_address[1]} can read the store", err=True)

    def ready():
        click.echo(f"govkg serve: {url}  (store {app.store.folder}, read-only; Ctrl-C stops)")
        if open_browser:
            import webbrowser

            webbrowser.open(url.replace("0.0.0.0", "127.0.0.1"))

    serve_forever(server, ready)


@click.command("keep-open")
@db_option
@click.option("--idle", type=click.FloatRange(min=1), default=None, metavar="SECONDS",
              help="Stop after SECONDS without a lookup [default: never].")
@click.option("--log", "log_requests", is_flag=True, help="Write one line per lookup answered on stderr.")
def keep_open(db, idle, log_requests):
    """Keep the store open so that lookups answer at once: while this runs, `govkg who-leads`,
    `history`, `roles`, `search`, `chain`, `path` and `stats` on this store are answered by it (the
    same output and exit status), without starting the engine and opening the store each time.

    It listens on a socket in the store folder (.lookups.sock) that only your user can use, reads
    the store read-only and reopens it when a `govkg load` replaces it. Start it in the background
    (govkg keep-open &); Ctrl-C or SIGTERM stops it. GOVKG_KEPT=0 makes a command run on its own.
    """
    from govkg.graph.store import StoreError
    from govkg.kept import KeptError, serve

    def ready(path):
        idle_note = f", stops after {idle:g} s without one" if idle else ""
        click.echo(f"govkg keep-open: answering lookups on {path} (read-only{idle_note}; Ctrl-C stops)", err=True)

    try:
        serve(db, idle=idle, on_ready=ready, log=(lambda line: click.echo(line, err=True)) if log_requests else None)
    except StoreError as e:
        fail_store(e)
    except KeptError as e:
        fail(str(e))

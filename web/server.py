"""The web view's HTTP server: the standard library's threading HTTP server in front of
:class:`govkg.web.app.App`.

It listens on 127.0.0.1 unless told otherwise, answers GET and HEAD only, and, while it listens
on this machine only, answers only requests addressed to this machine (the ``Host`` header names
127.0.0.1, localhost or ::1): a web page elsewhere cannot use DNS rebinding to read the store
through a visitor's browser. Every response carries a Content-Security-Policy that lets the page
load nothing from anywhere but this server.
"""

from __future__ import annotations

import ipaddress
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from govkg.web.app import App, Response

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and 'localhost'."""
    h = host.strip("[]")
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    """The host of a Host header, without its port: 'localhost:8000' -> 'localhost', '[::1]:80' -> '::1'."""
    h = header.strip().lower()
    if h.startswith("["):
        return h[1:h.find("]")] if "]" in h else h
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


class _Handler(BaseHTTPRequestHandler):
    server_version = "govkg"
    protocol_version = "HTTP/1.1"

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:  # noqa: N802 (http.server's names)
        self._answer(True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(False)

    def _other(self) -> None:
        self._answer(True)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _other  # noqa: N815

    def _answer(self, body: bool) -> None:
        srv: GovkgServer = self.server  # type: ignore[assignment]
        host = self.headers.get("Host")
        if srv.check_host and host is not None and not is_loopback(_host_name(host)):
            resp = srv.app._error(400, f"this server answers only requests addressed to this machine, not "
                                       f"'{host}'", self.path)
        else:
            resp = srv.app.handle(self.command, self.path)
        self._send(resp, body and self.command != "HEAD")

    def _send(self, resp: Response, body: bool) -> None:
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(len(resp.body)))
        if "Cache-Control" not in resp.headers:
            self.send_header("Cache-Control", "no-cache")
        for k, v in resp.headers.items():
            self.send_header(k, v)
        self.end_headers()
        if body:
            self.wfile.write(resp.body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        srv: GovkgServer = self.server  # type: ignore[assignment]
        if not srv.quiet:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")


class GovkgServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], app: App, quiet: bool = True) -> None:
        import socket

        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)
        self.app = app
        self.quiet = quiet
        self.check_host = is_loopback(address[0])

    def handle_error(self, request, client_address) -> None:
        # a client that went away mid-answer (a closed tab): not worth a traceback
        exc = sys.exc_info()[1]
        if not isinstance(exc, (ConnectionError, TimeoutError)):
            sys.stderr.write(f"govkg serve: {type(exc).__name__}: {exc}\n")


def url_of(server: GovkgServer) -> str:
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve_forever(server: GovkgServer, on_ready=None) -> None:
    """Serve until Ctrl-C or SIGTERM, then close the listening socket and the store."""
    from govkg.cli import signals_interrupt

    try:
        with signals_interrupt():  # SIGTERM stops it as Ctrl-C does
            threading.Thread(target=server.app.warm, name="govkg-warm", daemon=True).start()
            if on_ready:
                on_ready()
            server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.app.store.close()

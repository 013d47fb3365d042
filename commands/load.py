"""``govkg load PATH...``: read articles and add what they state to the store."""

from __future__ import annotations

import shutil
import signal
import sys
import time

import click

from govkg.cli import EXIT_FAILED, db_option, fail, fail_store, interrupt_signal, signals_interrupt

PHASES = {"store": "reading the store", "read": "reading articles", "write": "writing the store"}
REDRAW_SECONDS = 0.1


class ProgressBar:
    """One line on a terminal, redrawn in place: the phase, the share done with a bar when the total is
    known, what was done, the rate and the time left.

    >>> bar = ProgressBar(stream=None, columns=100)
    >>> bar.render("read", 250, 1000, 120, elapsed=2.0)
    'reading articles  25% |█████               |  120 articles  60/s  ETA 0:06'
    >>> bar.render("write", 5000, 20000, 0, elapsed=1.0)
    'writing the store  25% |█████               |  5,000 of 20,000 rows  5,000 rows/s  ETA 0:03'
    >>> bar.render("read", 3 * 1024 * 1024, None, 40, elapsed=4.0)
    'reading articles  40 articles  10/s  3.0 MB read'
    """

    WIDTH = 20

    def __init__(self, stream, columns: int | None = None) -> None:
        self.stream = stream
        self.columns = columns
        self.phase: str | None = None
        self.started = 0.0
        self.last_draw = 0.0
        self.shown = False
        self.state: tuple | None = None

    def update(self, phase: str, done: int, total: int | None, articles: int) -> None:
        now = time.monotonic()
        if phase != self.phase:
            self.phase, self.started, self.last_draw = phase, now, 0.0
        self.state = (phase, done, total, articles)
        finished = total is not None and done >= total
        if now - self.last_draw < REDRAW_SECONDS and not finished:
            return
        self.last_draw = now
        self._draw(self.render(phase, done, total, articles, now - self.started))

    def render(self, phase: str, done: int, total: int | None, articles: int, elapsed: float) -> str:
        parts = [PHASES.get(phase, phase)]
        if total:
            share = min(1.0, done / total)
            filled = int(share * self.WIDTH)
            parts.append(f"{share:.0%} |{'█' * filled}{' ' * (self.WIDTH - filled)}|")
        if phase == "read":
            parts.append(f"{articles:,} articles")
            if elapsed > 0:
                parts.append(f"{articles / elapsed:,.0f}/s")
        else:
            parts.append(f"{done:,} of {total:,} rows" if total else f"{done:,} rows")
            if elapsed > 0 and done:
                parts.append(f"{done / elapsed:,.0f} rows/s")
        if total and done and elapsed > 0 and done < total:
            left = elapsed * (total - done) / done
            parts.append(f"ETA {int(left) // 60}:{int(left) % 60:02d}")
        elif phase == "read" and not total:
            parts.append(f"{done / (1024 * 1024):.1f} MB read")
        return "  ".join(parts)

    def _draw(self, line: str) -> None:
        columns = self.columns or shutil.get_terminal_size((80, 24)).columns
        line = line[: max(10, columns - 1)]
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Take the bar off its line (before another line is printed, and at the end)."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
            self.last_draw = 0.0

    def redraw(self) -> None:
        if self.state is not None:
            phase, done, total, articles = self.state
            self._draw(self.render(phase, done, total, articles, time.monotonic() - self.started))


@click.command("load")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; only errors and the summary.")
@click.option("--wait", type=click.FloatRange(min=0), default=0, metavar="SECONDS",
              help="When another load is writing to the store, wait up to SECONDS for it to end "
                   "[default: give up at once, with exit status 3].")
@click.option("--read-timeout", type=click.FloatRange(min=0.1), default=30, show_default=True, metavar="SECONDS",
              help="Give up on a pipe, FIFO or device named as a PATH (or on standard input) that sends "
                   "nothing for this long.")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Recognise the new articles' facts in N processes [default: one per usable core; 1: in "
                   "this one]. The store is the same whatever N.")
def load(paths: tuple[str, ...], db: str | None, quiet: bool, wait: float, read_timeout: float,
         workers: int | None) -> None:
    """Read articles (.txt, .html, .jsonl, .json, each maybe .gz/.bz2/.xz; folders; - for stdin) into the store.

    An article already stored with the same content is skipped, also under another id; one whose
    content changed is replaced. A text or HTML file's id is its name without the suffix (with a
    hash of its path when two files of the load share a name; the summary says so); a JSONL record's
    is its id. A file with another suffix, a pipe or standard input is recognised by its content.
    A file that cannot be read is named on stderr, one line each, and the rest of the batch loads;
    the exit status is then 1. Nothing stored before is lost if the load fails or is stopped.

    Exit status: 0 done, 1 something could not be read, 2 usage, 3 another load is writing (see
    --wait), 4 the store could not be used or written (it is as it was), 130/143 interrupted.
    """
    from govkg.graph.store import StoreError
    from govkg.loaders.article import LoadError
    from govkg.pipeline import Load

    bar = ProgressBar(click.get_text_stream("stderr")) if not quiet and sys.stderr.isatty() else None

    def on_item(item) -> None:
        if isinstance(item, LoadError):
            if bar is not None:
                bar.clear()
            click.echo(f"govkg: skipped {item}", err=True)

    job = Load(paths, db, wait=wait, timeout=read_timeout, on_item=on_item,
               on_progress=bar.update if bar is not None else None, workers=workers)
    try:
        with signals_interrupt(job.request_stop):
            try:
                summary = job.run()
            finally:
                if bar is not None:
                    bar.clear()
            click.echo(summary.line())
            for note in summary.notes:
                click.echo(f"  {note}")
    except StoreError as e:
        fail_store(e)
    except KeyboardInterrupt as e:
        signum = job.stop_signal or interrupt_signal(e)
        name = "interrupted" if signum == signal.SIGINT else "stopped by SIGTERM"
        if job.summary.written:
            fail(f"load {name} after the store was written: it holds this load's articles", 128 + signum)
        fail(f"load {name}; the store is as it was before this load", 128 + signum)
    if summary.failed:
        sys.exit(EXIT_FAILED)

"""The facts of a load's new articles recognised on all the machine's cores, handed on in the order
the articles were read: the same store whatever the number of cores.

:class:`InOrder` recognises the first :data:`PARALLEL_AFTER` new articles of a load in the load's
own process (a small load does not pay for starting processes), then sends the rest, in batches of
:data:`BATCH`, to ``workers`` worker processes, and hands each result on, in order, as it comes in.
What a load decides without recognising anything (an article already stored, one that cannot be
read) waits its turn behind the articles read before it.

Where the system tells a process's open files (Linux: ``/proc/self/fd``), the workers are forked
from the load once it has read those first articles, so they start with its compiled patterns
(started fresh, each would spend ~2 s compiling them), and each first closes what it inherited of
the store's files (the write lock, the database): a worker never holds the store. Elsewhere they
are started fresh. They ignore Ctrl-C (the load stops them), and end when the load's process
ends, however it ends. A
worker that dies (killed, out of memory) loses nothing: its batch and the rest are recognised in
the load's process.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from govkg.graph.model import KnowledgeGraph
    from govkg.loaders.article import Article

BATCH = 16  # articles sent to a worker at once: a few ms of work, so a stop waits no longer
PARALLEL_AFTER = 200  # new articles read in the load's process before workers are started


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def recognise(article: Article) -> KnowledgeGraph | str:
    """The facts one article states, or why they could not be recognised (one line)."""
    from govkg.pipeline import extract_article

    try:
        return extract_article(article)
    except Exception as e:  # noqa: BLE001 - a recogniser bug must not lose the batch: report the article
        reason = " ".join(str(e).split())[:200]
        return f"could not be analysed ({type(e).__name__}: {reason})"


def _recognise_all(articles: list[Article]) -> list[KnowledgeGraph | str]:
    return [recognise(a) for a in articles]


def _worker_started(load_pid: int, store: str | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the load decides
    if store is not None:
        _close_files_under(store)
    threading.Thread(target=_end_with, args=(load_pid,), daemon=True).start()


def _close_files_under(folder: str) -> None:
    """Close this process's descriptors of files in ``folder`` (a forked worker's copies of the
    store's lock and database: held by a worker, the lock would outlive a load killed with SIGKILL)."""
    inside = os.path.realpath(folder) + os.sep
    for fd in os.listdir(FDS):
        try:
            if os.readlink(f"{FDS}/{fd}").startswith(inside):
                os.close(int(fd))
        except OSError:  # the descriptor listing itself, closed by now
            pass


FDS = "/proc/self/fd"


def _end_with(load_pid: int) -> None:
    """End this worker when the load's process has ended (a load killed with SIGKILL cannot say so)."""
    while os.getppid() == load_pid:
        time.sleep(0.2)
    os._exit(1)


class _Batch:
    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.future: Any = None
        self.results: list | None = None


class InOrder:
    """Recognise articles (:meth:`add`) and hand the outcomes on in the order they were added; see
    the module's docstring. :meth:`finish` hands on what is left; :meth:`close` stops the workers
    (always call it, also when the load fails)."""

    def __init__(self, workers: int, parallel_after: int = PARALLEL_AFTER, store: str | None = None) -> None:
        self.workers = workers
        self.store = store  # the store's folder: files the workers must not hold
        self.parallel_after = parallel_after
        self.added = 0
        self.pool: Any = None
        self.broken: str | None = None  # why the workers were given up, if they were
        self._open: _Batch | None = None  # the batch being filled
        self._queue: deque[tuple[Callable, _Batch | None, Any]] = deque()  # (callback, batch, index or value)
        self._flying = 0  # batches sent to the workers and not collected

    def add(self, article: Article, then: Callable[[KnowledgeGraph | str], None]) -> None:
        """Recognise ``article``; ``then(its graph, or why it has none)`` when its turn comes."""
        self.added += 1
        if self.pool is None and not self._queue and (
                self.broken or self.workers < 2 or self.added <= self.parallel_after):
            then(recognise(article))
            return
        if self.pool is None and not self.broken:
            self._start()
        if self._open is None:
            self._open = _Batch()
        self._queue.append((then, self._open, len(self._open.articles)))
        self._open.articles.append(article)
        if len(self._open.articles) >= BATCH:
            self._send()
        self._hand_on(wait=1 if self._flying > 2 * self.workers else 0)

    def then(self, callback: Callable[[Any], None], value: Any) -> None:
        """``callback(value)`` after the outcomes of the articles added before."""
        if self._queue:
            self._queue.append((callback, None, value))
        else:
            callback(value)

    def finish(self) -> None:
        """Hand on every outcome still to come."""
        self._send()
        self._hand_on(wait=len(self._queue))

    def close(self) -> None:
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)  # a running batch is a few ms of work

    def _start(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        fork = os.path.isdir(FDS)
        self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork" if fork else "spawn"),
                                        initializer=_worker_started,
                                        initargs=(os.getpid(), self.store if fork else None))

    def _send(self) -> None:
        batch, self._open = self._open, None
        if batch is None:
            return
        if self.pool is not None:
            try:
                batch.future = self.pool.submit(_recognise_all, batch.articles)
                self._flying += 1
            except RuntimeError as e:  # the pool broke since the last batch
                self._give_up(e)

    def _hand_on(self, wait: int) -> None:
        """Hand on the outcomes that are in, in order, waiting for up to ``wait`` batches."""
        queue = self._queue
        while queue:
            then, batch, x = queue[0]
            if batch is not None:
                if batch.results is None:
                    if batch is self._open:
                        break  # still being filled
                    if batch.future is not None and not batch.future.done():
                        if not wait:
                            break
                        wait -= 1
                    self._collect(batch)
                x = batch.results[x]
            queue.popleft()
            then(x)

    def _collect(self, batch: _Batch) -> None:
        if batch.future is not None:
            self._flying -= 1
            try:
                batch.results = batch.future.result()
                return
            except Exception as e:  # noqa: BLE001 - a worker died (killed, out of memory): go on here
                self._give_up(e)
        batch.results = _recognise_all(batch.articles)

    def _give_up(self, e: BaseException) -> None:
        if self.broken is None:
            self.broken = f"the worker processes stopped ({type(e).__name__}); the rest was recognised in the load's process"
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

"""Work on many items in worker processes, the results given back in the items' order.

Built for `reader extract --from`: thousands of pages, each cleaned in one of N processes.
Memory stays bounded: at most `window` items are submitted and not yet handed back, so a
slow first page holds up the queue, never fills memory. The items are read in a thread of
their own (a list piped in slowly is worked on as it comes, while results are handed back),
after the workers are forked. Workers ignore SIGINT (a terminal's
Ctrl-C reaches the whole process group): the parent's KeyboardInterrupt, wherever it is
raised, terminates them. A worker that dies (killed, out of memory) breaks the pool: a new
one takes over, and the items it held are tried once more.
"""

from __future__ import annotations

import os
import queue
import signal
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def cores() -> int:
    """The processors this process may run on (fewer than the machine's under a CPU mask)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


@dataclass
class _Pending(Generic[Item, Result]):
    item: Item
    future: Future[Result]
    tries: int = 1
    given_up: bool = False


POLL_SECONDS = 0.05
"""While the window has room, how often a wait for a result looks for newly read items."""


class _End:
    """The items are all read."""


@dataclass
class _Failed:
    """Reading the items raised `error`: raised again where the results are taken."""

    error: BaseException


def _feed(items: Iterable[Item], inbox: queue.Queue[Item | _End | _Failed]) -> None:
    try:
        for item in items:
            inbox.put(item)
    except BaseException as error:  # handed to the main thread, raised there
        inbox.put(_Failed(error))
    else:
        inbox.put(_End())


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pool(jobs: int) -> ProcessPoolExecutor:
    import multiprocessing

    # fork: the workers start with the modules the parent has already imported, and the
    # command's __main__ is not run again in them.
    executor = ProcessPoolExecutor(
        jobs, mp_context=multiprocessing.get_context("fork"), initializer=_ignore_interrupts
    )
    # Fork every worker now, before any other thread, with SIGINT ignored from their start.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        executor.submit(_ignore_interrupts)
    finally:
        signal.signal(signal.SIGINT, previous)
    return executor


def _terminate(executor: ProcessPoolExecutor) -> None:
    """Stop the workers now, whatever they are doing (a page that stalls, a long parse); a
    second Ctrl-C meanwhile cannot leave one behind."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        processes = list(executor._processes.values())
        for process in processes:
            process.terminate()
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout=2)
            if process.is_alive():  # pragma: no cover - the workers do not ignore SIGTERM
                process.kill()
    finally:
        signal.signal(signal.SIGINT, previous)


def ordered_map(
    work: Callable[[Item], Result],
    items: Iterable[Item],
    jobs: int,
    *,
    lost: Callable[[Item], Result],
    window: int | None = None,
) -> Generator[Result, None, None]:
    """`work(item)` for each of `items`, in their order, computed by `jobs` processes with at
    most `window` (default 4 per process) submitted ahead of the one handed back next.

    `work` must be a module-level function (or a partial of one) that returns, not raises,
    what went wrong; an item whose worker died twice gets `lost(item)` as its result."""
    limit = window or 4 * jobs
    pending: deque[_Pending[Item, Result]] = deque()
    executor = _pool(jobs)
    inbox: queue.Queue[Item | _End | _Failed] = queue.Queue(maxsize=limit)
    threading.Thread(target=_feed, args=(items, inbox), daemon=True, name="items").start()
    ended = False
    try:
        while True:
            while not ended and len(pending) < limit:
                try:
                    got = inbox.get(block=not pending)
                except queue.Empty:
                    break
                if isinstance(got, _End):
                    ended = True
                elif isinstance(got, _Failed):
                    raise got.error
                else:
                    pending.append(_Pending(got, executor.submit(work, got)))
            if not pending:
                break
            head = pending[0]
            if head.given_up:
                pending.popleft()
                yield lost(head.item)
                continue
            room = not ended and len(pending) < limit
            if room and not wait([head.future], POLL_SECONDS).done:
                continue  # meanwhile more items may have been read
            try:
                result = head.future.result()
            except BrokenProcessPool:
                executor = _restart(executor, jobs, pending, work)
                continue
            pending.popleft()
            yield result
    except BaseException:
        _terminate(executor)
        raise
    executor.shutdown()


def _restart(
    executor: ProcessPoolExecutor,
    jobs: int,
    pending: deque[_Pending[Item, Result]],
    work: Callable[[Item], Result],
) -> ProcessPoolExecutor:
    """A new pool for the items the broken one had not finished. Each item gets a second
    try, no third: after that it is given up, for the caller to report."""
    _terminate(executor)
    executor.shutdown()  # its manager thread is gone before the new workers are forked
    fresh = _pool(jobs)
    for entry in pending:
        if entry.future.done() and entry.future.exception() is None:
            continue
        if entry.tries >= 2:
            entry.given_up = True
        else:
            entry.future = fresh.submit(work, entry.item)
            entry.tries += 1
    return fresh

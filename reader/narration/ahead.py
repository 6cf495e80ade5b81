"""Work done a few items ahead, side by side, and handed back in the items' order.

The export renders a slow voice's sentences this way (Piper: ONNX Runtime leaves the GIL
while the model runs), so every core works on the audio while the file is still written
one sentence after another, and encoding overlaps the rendering. At most `2 × workers`
items are in hand at once, so memory stays flat for a book.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def in_order(
    items: Iterable[Item], work: Callable[[Item], Result], workers: int
) -> Generator[tuple[Item, Result]]:
    """`(item, work(item))` for each item, in order, `workers` of them computed at once. An
    exception from `work` is raised where its item would be; closing the iterator early
    drops what was not started and waits for what was."""
    if workers <= 1:
        for item in items:
            yield item, work(item)
        return
    with ThreadPoolExecutor(workers, thread_name_prefix="render") as pool:
        pending: deque[tuple[Item, Future[Result]]] = deque()
        try:
            for item in items:
                pending.append((item, pool.submit(work, item)))
                if len(pending) >= 2 * workers:
                    first, future = pending.popleft()
                    yield first, future.result()
            while pending:
                first, future = pending.popleft()
                yield first, future.result()
        finally:
            for _, future in pending:
                future.cancel()

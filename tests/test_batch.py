"""`reader.batch.ordered_map`: results in the items' order, never read far ahead."""

from __future__ import annotations

import time
from collections.abc import Iterator

from reader.batch import cores, ordered_map


def later_ones_first(n: int) -> int:
    """Work whose later items finish first: the first of every four takes longest."""
    time.sleep(0.03 * (3 - n % 4))
    return n * n


def never(n: int) -> int:
    raise AssertionError(f"{n} was not lost")


def test_results_come_in_order_and_the_items_are_not_all_read_ahead() -> None:
    read: list[int] = []

    def items() -> Iterator[int]:
        for n in range(40):
            read.append(n)
            yield n

    window = 4
    results = ordered_map(later_ones_first, items(), 2, lost=never, window=window)
    assert next(results) == 0
    # the window submitted, as many read into the queue beside it, one in the reader's hand
    assert len(read) <= 2 * window + 1
    assert [0, *results] == [n * n for n in range(40)]


def test_no_items_no_results() -> None:
    assert list(ordered_map(later_ones_first, [], 2, lost=never)) == []
    assert cores() >= 1

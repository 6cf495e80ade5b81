"""Work done ahead on threads comes back in the items' order, errors where they belong."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from reader.narration.ahead import in_order


def test_results_come_in_order_though_later_items_finish_first() -> None:
    finished: list[int] = []

    def work(item: int) -> int:
        time.sleep(0.05 * (3 - item))  # the first item is the slowest
        finished.append(item)
        return item * 10

    assert list(in_order(range(4), work, 2)) == [(0, 0), (1, 10), (2, 20), (3, 30)]
    assert finished != sorted(finished), "the items did run side by side"


def test_one_worker_runs_in_the_calling_thread() -> None:
    names = [name for _, name in in_order(range(3), lambda _: threading.current_thread().name, 1)]
    assert names == [threading.current_thread().name] * 3


def test_an_error_is_raised_at_its_item() -> None:
    def work(item: int) -> int:
        if item == 2:
            raise ValueError("two")
        return item

    results = in_order(range(6), work, 2)
    assert [next(results), next(results)] == [(0, 0), (1, 1)]
    with pytest.raises(ValueError, match="two"):
        next(results)


def test_only_a_few_items_are_taken_ahead_and_closing_stops_the_rest() -> None:
    taken: list[int] = []
    started: list[int] = []

    def items() -> Iterator[int]:
        for number in range(100):
            taken.append(number)
            yield number

    def work(item: int) -> int:
        started.append(item)
        return item

    results = in_order(items(), work, 2)
    assert next(results) == (0, 0)
    assert len(taken) <= 4
    results.close()
    assert len(started) <= 4
    assert len(taken) <= 4

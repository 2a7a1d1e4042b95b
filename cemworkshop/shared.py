"""Values computed once and shared by every session of the process (a revealed round's results).

    >>> results = SharedCache(size=64)
    >>> results.get(("round", 7, version), lambda: compute(7))

Thirty phones and a projector asking for the same key at the same moment wait for one
computation instead of running thirty. Keys carry the data version, so a new answer gives
a new key and old entries fall out of the bounded cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


_ALL: list[SharedCache] = []  # every cache of the process, for clear_all()


def clear_all() -> None:
    """Forget every shared value (after the database was replaced by a restore: its counters
    may start again at values an old key carried)."""
    for cache in list(_ALL):
        cache.clear()


class SharedCache:
    def __init__(self, size: int = 64):
        _ALL.append(self)
        self._size = size
        self._values: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for ``key``: from the cache, or computed once while others with it wait."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]  # type: ignore[return-value]
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                if key in self._values:
                    return self._values[key]  # type: ignore[return-value]
            value = compute()
            with self._lock:
                self._values[key] = value
                while len(self._values) > self._size:
                    self._values.popitem(last=False)
                self._computing.pop(key, None)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

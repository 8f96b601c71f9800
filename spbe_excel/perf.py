"""Keeping bulk work fast."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def gc_paused():
    """Pause Python's cyclic garbage collector during bulk work.

    Reading a thousand submissions or writing a workbook of half a million
    cells creates millions of small objects and almost no reference cycles;
    every so many allocations the collector would walk all of them for
    nothing (it costs about a fifth of the time of writing a large
    workbook).  Reference counting still frees everything as usual; the
    collector is switched back on (if it was on) when the block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

"""bulk(): Python's cycle collector paused while records are built by the thousand."""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

_gc_lock = threading.Lock()
_gc_depth = 0
_gc_was_enabled = True


@contextmanager
def bulk():
    """For work that builds records by the thousand (a quarter's export, an imported file):
    Python's cycle collector is paused meanwhile. Records form no cycles (children point down
    only), so it finds nothing in them; it only walks them again and again as they pile up, a
    fifth of an export's time. Counted across threads: the collector resumes when the last
    such work ends. Also a decorator."""
    global _gc_depth, _gc_was_enabled
    with _gc_lock:
        if _gc_depth == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_was_enabled:
                gc.enable()

"""The local store: one SQLite file with the full history for one or more udbyderkoder."""

from desktop.store.db import Store, StoreError

__all__ = ["Store", "StoreError"]

"""The kursist list read on a worker thread, so the window answers while 100,000 rows load
(the "Alle" list, the list after an import); the GUI thread only swaps the rows in."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, Signal

log = logging.getLogger(__name__)


class _Job(QThread):
    def __init__(self, generation: int, read):
        super().__init__()
        self.generation, self.read = generation, read
        self.rows, self.failed = None, False

    def run(self) -> None:
        try:
            self.rows = self.read()
        except Exception:  # noqa: BLE001 - told to the window, which reads the list itself
            log.exception("loading the kursist list")
            self.failed = True


class ListLoader(QObject):
    """One load at a time counts: a newer load (another scope, quarter or reload) makes the
    rows of an older one arrive to nobody."""

    loaded = Signal(object)  # the rows of the latest load
    failed = Signal()  # the latest load raised (logged)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._generation = 0
        self._jobs: list[_Job] = []

    def load(self, read) -> None:
        """read() -> rows, on a worker thread: it must open its own database connection."""
        self._generation += 1
        job = _Job(self._generation, read)
        job.finished.connect(lambda: self._deliver(job))  # queued to the GUI thread
        self._jobs.append(job)
        job.start()

    def cancel(self) -> None:
        """The load under way is no longer wanted (the window reloaded the list itself)."""
        self._generation += 1

    def pending(self) -> bool:
        return any(job.generation == self._generation for job in self._jobs)

    def finish(self) -> None:
        """Wait for the latest load and deliver it now (a caller that needs a row only the
        whole list has)."""
        for job in list(self._jobs):
            if job.generation == self._generation:
                job.wait()
                self._deliver(job)

    def wait(self) -> None:
        """Every worker ended (closing the window, tests)."""
        for job in list(self._jobs):
            job.wait()

    def _deliver(self, job: _Job) -> None:
        if job not in self._jobs:  # delivered already (finish), or dropped
            return
        self._jobs.remove(job)
        job.deleteLater()
        if job.generation != self._generation:
            return
        if job.failed:
            self.failed.emit()
        else:
            self.loaded.emit(job.rows)

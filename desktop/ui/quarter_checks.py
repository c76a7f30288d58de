"""The whole quarter's checks, on a worker thread with its own connection, so the window
never waits for them."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from desktop.checks import CheckSettings
from desktop.domain.quarter import Quarter
from desktop.operations import check_quarter
from desktop.store import Store

log = logging.getLogger(__name__)


class _Job(QThread):
    finished_with = Signal(str, object)
    failed = Signal(str)

    def __init__(self, path: Path, quarter: Quarter, ukode: str | None, settings: CheckSettings):
        super().__init__()
        self.path, self.quarter, self.ukode, self.settings = path, quarter, ukode, settings

    def run(self) -> None:
        try:
            with Store(self.path, create=False, verify=False) as store:
                _, findings = check_quarter(store, self.quarter, self.ukode, settings=self.settings)
        except Exception:  # noqa: BLE001 - a failed background check must not end the app
            log.exception("checking %s", self.quarter.iperiode)
            # Told as a failure: an empty list would read as "0 errors".
            self.failed.emit(self.quarter.iperiode)
            return
        self.finished_with.emit(self.quarter.iperiode, findings)


class QuarterChecker(QObject):
    done = Signal(str, object)  # iperiode, list of findings
    failed = Signal(str)  # iperiode: the check raised (logged); nothing is known

    def __init__(self, path: Path, parent=None):
        super().__init__(parent)
        self.path = path
        self._jobs: list[_Job] = []

    def check(self, quarter: Quarter, ukode: str | None, settings: CheckSettings) -> None:
        job = _Job(self.path, quarter, ukode, settings)
        job.finished_with.connect(self.done)
        job.failed.connect(self.failed)
        job.finished.connect(lambda: self._finished(job))
        self._jobs.append(job)
        job.start()

    def _finished(self, job: _Job) -> None:
        # Qt deletes the thread object once its thread has really ended.
        if job in self._jobs:
            self._jobs.remove(job)
        job.deleteLater()

    def wait(self) -> None:
        for job in list(self._jobs):
            job.wait()

    def stop(self) -> None:
        self.wait()

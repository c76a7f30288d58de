"""Work that can take seconds on a large quarter runs on a worker thread, behind a busy
progress dialog that appears only if the work takes longer than 0.2 s."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QThread, Qt
from PySide6.QtWidgets import QProgressDialog


class _Worker(QThread):
    def __init__(self, fn):
        super().__init__()
        self.fn, self.result, self.error = fn, None, None

    def run(self) -> None:
        try:
            self.result = self.fn()
        except BaseException as exc:  # handed back to the GUI thread, raised there
            self.error = exc


def run_with_progress(parent, text: str, fn):
    """Run fn() off the GUI thread and return its result (or raise its exception). fn must
    open its own database connection: SQLite connections stay with one thread at a time."""
    worker = _Worker(fn)
    dialog = QProgressDialog(text, None, 0, 0, parent)  # no cancel: the work is one transaction
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(200)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)  # queued to this thread, so it cannot be missed
    worker.start()
    loop.exec()
    worker.wait()
    dialog.close()
    dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result


def in_store(path, fn, auto_backups: bool = False):
    """fn(store) on a connection of its own, opened and closed on the worker thread (the
    window's store has passed its check; auto_backups: as the window's store)."""
    from desktop.store import Store

    def work():
        with Store(path, create=False, verify=False, auto_backups=auto_backups) as store:
            return fn(store)
    return work

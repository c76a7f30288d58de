"""Running the user's commands from the window: the undo stack, a busy database, failures,
and other programs writing to the same database.

The commands themselves (desktop.commands) do the work, each in one transaction. This only
decides what the user sees: the Qt undo stack holds each undoable command in an UndoStep that
has no logic of its own (the runner writes first, then moves the stack), so a command that
could not be written never lands on it and a failed undo leaves it where it was.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication

from desktop import commands
from desktop.commands import Changes, NotSaved, Stale
from desktop.store import StoreError
from desktop.workspace import Workspace

FIRST_WAIT_MS = 250  # a busy database is first tried this long, quietly


class UndoStep(QUndoCommand):
    """A command on the undo stack. Qt calls redo() when it is pushed and undo()/redo() when
    the stack moves; the runner has already written by then, so these do nothing."""

    def __init__(self, command: commands.Command):
        super().__init__(command.label)
        self.command = command

    def redo(self) -> None:
        pass

    def undo(self) -> None:
        pass


class CommandRunner(QObject):
    changed = Signal(object)  # Changes, after a command, an undo or a redo
    failed = Signal(str)  # Danish: what was not saved and why
    stale = Signal(str)  # Danish: the rows were changed elsewhere; the view must reload
    external = Signal()  # another program has written to the database
    waiting = Signal(str)  # Danish: the database is busy, the runner waits

    def __init__(self, ws: Workspace, stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.ws, self.stack = ws, stack
        self.patience_ms = 5000  # then a busy database is reported as not saved

    # Other writers -----------------------------------------------------------------------
    def check_external(self) -> bool:
        """Whether another connection has committed since the window last caught up; tells
        `external` (whose handler reloads and calls ws.caught_up())."""
        try:
            wrote = self.ws.others_wrote()
        except Exception:  # noqa: BLE001 - a closed or broken store is reported elsewhere
            return False
        if wrote:
            self.ws.caught_up()
            self.external.emit()
        return wrote

    def drop_inapplicable(self) -> bool:
        """After another program wrote: keep the undo steps only if every one of them can
        still be undone; otherwise clear them. Returns whether they were cleared."""
        steps = [self.stack.command(i) for i in range(self.stack.count())]
        if all(self.ws.still_applies(s.command) for s in steps[:self.stack.index()]) \
                and self.stack.index() == self.stack.count():
            return False
        if not steps:
            return False
        self.stack.clear()
        return True

    # Commands ----------------------------------------------------------------------------
    def run(self, command: commands.Command) -> bool:
        """Run a user's command; True when it was written."""
        self.check_external()
        changes = self._write(lambda: self.ws.run(command))
        if changes is None:
            return False
        if command.undoable:
            self.stack.push(UndoStep(command))
        self.changed.emit(changes)
        return True

    def undo(self) -> bool:
        self.check_external()  # may drop steps that no longer apply
        if not self.stack.canUndo():
            return False
        step = self.stack.command(self.stack.index() - 1)
        changes = self._write(lambda: self.ws.undo(step.command))
        if changes is None:
            return False
        self.stack.undo()
        self.changed.emit(changes)
        return True

    def redo(self) -> bool:
        self.check_external()
        if not self.stack.canRedo():
            return False
        step = self.stack.command(self.stack.index())
        changes = self._write(lambda: self.ws.redo(step.command))
        if changes is None:
            return False
        self.stack.redo()
        self.changed.emit(changes)
        return True

    def _write(self, write) -> Changes | None:
        """write() with a short wait for a busy database, then (busy cursor, status message)
        the full wait; failures are told, never raised."""
        ws = self.ws
        try:
            ws.busy_timeout(FIRST_WAIT_MS)
            try:
                return write()
            except NotSaved as exc:
                if not exc.busy:
                    raise
            self.waiting.emit(self.tr("The database is in use by another program; waiting …"))
            QApplication.setOverrideCursor(Qt.WaitCursor)
            QApplication.processEvents()  # the cursor and the message show while it waits
            try:
                ws.busy_timeout(self.patience_ms)
                return write()
            finally:
                QApplication.restoreOverrideCursor()
        except Stale as exc:
            self.stale.emit(str(exc))
        except StoreError as exc:  # NotSaved, or a command refused with a reason
            self.failed.emit(str(exc))
        finally:
            ws.busy_timeout(self.patience_ms)
        return None

"""Undoable edits: every typed value goes through a command on the editor's undo stack."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from desktop.domain.fields import FIELD_BY_TAG
from desktop.domain.quarter import Quarter
from desktop.workspace import FieldRef, Workspace


class SetValue(QUndoCommand):
    def __init__(self, ws: Workspace, ref: FieldRef, old: str | None, new: str | None,
                 q: Quarter, after):
        super().__init__(QCoreApplication.translate("SetValue", "Change {field}").format(
            field=FIELD_BY_TAG[ref.tag].label.lower()))
        self.ws, self.ref, self.old, self.new, self.q, self.after = ws, ref, old, new, q, after

    def redo(self) -> None:
        self.ws.set_value(self.ref, self.new, self.q)
        self.after(self.ref)

    def undo(self) -> None:
        self.ws.set_value(self.ref, self.old, self.q)
        self.after(self.ref)

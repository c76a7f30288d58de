"""Findings as a table: one finding a row, errors and warnings told apart by colour and icon."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.checks.findings import SEVERITY_DA, Finding
from desktop.domain.cpr import format_cpr, mask_cprs
from desktop.domain.fields import FIELD_BY_TAG
from desktop.ui.roles import DISPLAY, FOREGROUND, TOOLTIP, USER
from desktop.ui.table_model import ListTableModel

FINDING_ROLE = USER + 1
ERROR_COLOUR = QColor("#b3261e")
WARNING_COLOUR = QColor("#8a5a00")


class FindingsModel(ListTableModel):
    CONTEXT = "FindingsModel"
    # English source texts, translated when shown (see headerData).
    HEADERS = (QT_TRANSLATE_NOOP("FindingsModel", "Type"),
               QT_TRANSLATE_NOOP("FindingsModel", "Rule"),
               QT_TRANSLATE_NOOP("FindingsModel", "CPR number"),
               QT_TRANSLATE_NOOP("FindingsModel", "Record"),
               QT_TRANSLATE_NOOP("FindingsModel", "Field"),
               QT_TRANSLATE_NOOP("FindingsModel", "Message"))

    def __init__(self, parent=None, show_cpr: bool = True):
        super().__init__(parent)
        self._findings: list[Finding] = []
        self.show_cpr = show_cpr
        self.masked = False  # CPR numbers, also in messages, as DDMMYY-XXXX

    def set_masked(self, masked: bool) -> None:
        self.beginResetModel()
        self.masked = masked
        self.endResetModel()

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self._findings = sorted(findings, key=lambda f: (not f.is_error, f.cpr or "", f.record))
        self.endResetModel()

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def _items(self) -> list:
        return self._findings

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._findings)):
            return None
        f = self._findings[index.row()]
        if role == FINDING_ROLE:
            return f
        if role == DISPLAY:
            field = FIELD_BY_TAG.get(f.field or "")
            return (SEVERITY_DA[f.severity], f.rule, format_cpr(f.cpr or "", self.masked),
                    f.ref.describe() if f.ref else f.record, field.label if field else "",
                    self._text(f.message))[index.column()]
        if role == FOREGROUND and index.column() <= 1:
            return QBrush(ERROR_COLOUR if f.is_error else WARNING_COLOUR)
        if role == TOOLTIP:
            return self._text(f.message)
        return None

    def _text(self, message: str) -> str:
        return mask_cprs(message) if self.masked else message

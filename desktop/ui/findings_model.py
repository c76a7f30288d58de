"""Findings as a table: one finding a row, errors and warnings told apart by colour and icon."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.checks.findings import SEVERITY_DA, Finding
from desktop.domain.cpr import format_cpr, mask_cprs
from desktop.domain.fields import FIELD_BY_TAG
from desktop.ui.roles import DISPLAY, FOREGROUND, TOOLTIP, USER
from desktop.ui.table_model import ListTableModel

FINDING_ROLE = USER + 1
ERROR_COLOUR = QColor("#b3261e")
WARNING_COLOUR = QColor("#8a5a00")


def _order(f: Finding):
    """Errors first, then by CPR number and record."""
    return not f.is_error, f.cpr or "", f.record


def _group(f: Finding):
    """The part of _order that one kursist's errors (or warnings) share."""
    return not f.is_error, f.cpr or ""


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
        self._errors = 0
        self.show_cpr = show_cpr
        self.masked = False  # CPR numbers, also in messages, as DDMMYY-XXXX

    def set_masked(self, masked: bool) -> None:
        self.beginResetModel()
        self.masked = masked
        self.endResetModel()

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self._findings = sorted(findings, key=_order)
        self._errors = sum(f.is_error for f in self._findings)
        self.endResetModel()

    def replace_kursist(self, cpr: str, findings: list[Finding]) -> None:
        """One kursist's findings (all with that CPR number) in place of the ones shown: its
        rows removed and inserted where the order puts them. After an edit the quarter's list
        (20,000 findings at 100,000 kursister) is not sorted, reset and measured again, and
        the view keeps its place."""
        if any((f.cpr or "") != cpr for f in findings):  # not one kursist's: all again
            self.set_findings([f for f in self._findings if f.cpr != cpr] + findings)
            return
        for errors in (True, False):
            key = (not errors, cpr)
            lo = bisect_left(self._findings, key, key=_group)
            hi = bisect_right(self._findings, key, lo=lo, key=_group)
            new = sorted((f for f in findings if f.is_error == errors), key=_order)
            if hi > lo:
                self.beginRemoveRows(QModelIndex(), lo, hi - 1)
                del self._findings[lo:hi]
                self.endRemoveRows()
            if new:
                self.beginInsertRows(QModelIndex(), lo, lo + len(new) - 1)
                self._findings[lo:lo] = new
                self.endInsertRows()
            if errors:
                self._errors += len(new) - (hi - lo)

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def counts(self) -> tuple[int, int]:
        """(errors, warnings) shown."""
        return self._errors, len(self._findings) - self._errors

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

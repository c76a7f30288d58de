"""Paint a finding's colour on a selected cell too, and show which cell has the cursor.

The style paints a selected cell in the highlight colour over its background, so a clerk on an
error cell of a selected row saw only blue, and in a row selected whole no cell showed where
typing would go. A selected cell with a finding (the model gives its colour for
`roles.FINDING`), and the current cell of a focused view, keep their own background (the
finding's colour) and normal text, with the selection drawn as a frame in the highlight colour.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.ui.roles import BACKGROUND, FINDING

_SELECTED = QStyle.StateFlag.State_Selected
_CURRENT = QStyle.StateFlag.State_HasFocus  # the view's current cell, while it has the focus
FRAME_WIDTH = 2


class FindingDelegate(QStyledItemDelegate):
    def paint(self, painter, option, index) -> None:
        if not option.state & _SELECTED or not (option.state & _CURRENT
                                                or index.data(FINDING) is not None):
            super().paint(painter, option, index)
            return
        plain = QStyleOptionViewItem(option)
        # without the style's focus tint either: the frame below shows where the cursor is
        plain.state = plain.state & ~_SELECTED & ~_CURRENT
        if index.data(BACKGROUND) is None:  # the view has painted the row's highlight under it
            alternate = option.features & QStyleOptionViewItem.ViewItemFeature.Alternate
            painter.fillRect(option.rect, option.palette.alternateBase() if alternate
                             else option.palette.base())
        super().paint(painter, plain, index)  # the cell's own background, the normal text
        painter.save()
        pen = QPen(option.palette.highlight().color(), FRAME_WIDTH)
        pen.setJoinStyle(Qt.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.NoBrush)
        half = FRAME_WIDTH // 2
        painter.drawRect(option.rect.adjusted(half, half, -half, -half))
        painter.restore()

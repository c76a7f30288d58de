"""What the clerk sees in the tables, on the real window offscreen: the months table keeps
Måned in view while its row is typed to the last column, and a selected or current cell with a
finding keeps the finding's colour (sampled from the rendered view)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QRect, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.ui.record_model import ERROR_BG  # noqa: E402
from tests.helpers import demo_window  # noqa: E402
from tests.test_keyboard import key, open_error, type_text  # noqa: E402


@pytest.fixture
def window(qtbot, tmp_path):
    with demo_window(qtbot, tmp_path) as w:
        w.resize(1366, 768)
        w.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        yield w
        if w.hold_actions.hold_window is not None:
            w.hold_actions.hold_window.close()


def share_of(image, rect: QRect, colour: QColor) -> float:
    """The share of the pixels inside rect that have exactly this colour."""
    rect = rect.intersected(image.rect())
    pixels = [image.pixelColor(x, y) for x in range(rect.left(), rect.right() + 1)
              for y in range(rect.top(), rect.bottom() + 1)]
    return sum(p.rgb() == colour.rgb() for p in pixels) / max(len(pixels), 1)


def months_table(window):
    open_error(window, "A10")  # the cursor in a month's Fravær
    table = window.editor.und.table
    assert QApplication.focusWidget() is table
    return table


def test_the_month_stays_in_view_while_tab_walks_its_row_to_the_last_column(window):
    table = months_table(window)
    model, header = table.model(), table.horizontalHeader()
    month = model.column_of("unperiode")
    last = header.logicalIndex(header.count() - 1)
    row = table.currentIndex().row()
    key(Qt.Key_Home)
    assert table.currentIndex().column() == month
    frozen = table.frozen
    scrolled = False
    while table.currentIndex().column() != last:
        key(Qt.Key_Tab)
        assert table.currentIndex().row() == row
        cell = table.visualRect(table.currentIndex())
        viewport = table.viewport().rect()
        assert viewport.contains(cell), "the current cell is out of view"
        assert cell.left() >= frozen.covers(), "the current cell is under Måned"
        if table.horizontalScrollBar().value() > 0:
            scrolled = True
            # Måned is shown over the table's left edge, whole, at its header and its rows
            assert frozen.isVisible()
            shown = frozen.visualRect(model.index(row, month))
            assert frozen.viewport().rect().contains(shown) and shown.width() > 20
            at = table.viewport().mapFromGlobal(frozen.viewport().mapToGlobal(shown.topLeft()))
            assert at.x() <= 1 and viewport.contains(at)
            assert frozen.horizontalHeader().height() == header.height()
        else:
            assert not frozen.isVisible() and viewport.contains(table.visualRect(
                model.index(row, month)))
    assert scrolled, "the months table fits the window: nothing to keep in view"
    type_text("3")
    assert table.state() == table.State.EditingState and frozen.isVisible()
    key(Qt.Key_Return)  # stored; the next row, at Måned where the Tabs began: unscrolled
    assert model.index(row, last).data(Qt.EditRole) == "3"
    assert table.currentIndex().column() == month
    assert table.horizontalScrollBar().value() == 0 and not frozen.isVisible()


def test_a_click_on_the_kept_month_moves_the_cursor_to_it(window):
    table = months_table(window)
    key(Qt.Key_End)
    frozen = table.frozen
    assert frozen.isVisible()
    row = table.currentIndex().row()
    month = table.model().column_of("unperiode")
    QTest.mouseClick(frozen.viewport(), Qt.LeftButton, pos=frozen.visualRect(
        table.model().index(row, month)).center())
    assert table.currentIndex() == table.model().index(row, month)
    assert QApplication.focusWidget() is table


def test_a_selected_error_cell_of_the_editor_keeps_its_colour(window):
    table = months_table(window)
    index = table.currentIndex()
    assert table.selectionModel().isRowSelected(index.row())
    image = table.viewport().grab().toImage()
    assert share_of(image, table.visualRect(index), ERROR_BG) > 0.5
    highlight = table.palette().highlight().color()
    # the rest of the row still shows the selection
    other = index.siblingAtColumn(table.model().column_of("unfagskema"))
    assert share_of(image, table.visualRect(other), highlight) > 0.5
    # and the error cell is framed in the selection's colour
    rect = table.visualRect(index)
    assert share_of(image, QRect(rect.left(), rect.top(), rect.width(), 1), highlight) > 0.8


def test_the_current_cell_of_a_selected_row_shows_where_typing_goes(window):
    table = months_table(window)
    key(Qt.Key_Left)  # Skemalagte of the same row: no finding
    index = table.currentIndex()
    image = table.viewport().grab().toImage()
    highlight = table.palette().highlight().color()
    rect = table.visualRect(index)
    assert share_of(image, rect.adjusted(3, 3, -3, -3), highlight) < 0.1
    assert share_of(image, QRect(rect.left(), rect.top(), rect.width(), 1), highlight) > 0.8
    beside = table.visualRect(index.siblingAtColumn(table.model().column_of("unlekmin")))
    assert share_of(image, beside, highlight) > 0.5


def test_a_selected_error_cell_of_the_hold_grid_keeps_its_colour(window, qtbot):
    window.hold_actions.open_holds()
    holds = window.hold_actions.hold_window
    grid = holds.grid
    column = holds.model.layout.column_of("unfravaer", 8)
    grid.setFocus()
    grid.setCurrentIndex(holds.model.index(0, column))
    QGuiApplication.clipboard().setText("99")  # more absence than lessons: A10
    QTest.keyClick(grid, Qt.Key_V, Qt.ControlModifier)
    index = holds.model.index(0, column)
    qtbot.waitUntil(lambda: "A10" in (index.data(Qt.ToolTipRole) or ""))
    # the cell selected with its neighbour, as a block to copy: both selected
    QTest.keyClick(grid, Qt.Key_Right, Qt.ShiftModifier)
    assert grid.selectionModel().isSelected(index)
    image = grid.viewport().grab().toImage()
    assert share_of(image, grid.visualRect(index), ERROR_BG) > 0.5
    beside = grid.visualRect(holds.model.index(0, column + 1))
    assert share_of(image, beside, grid.palette().highlight().color()) > 0.3


def test_f8_brings_the_findings_messages_under_the_table_into_view(window, qtbot):
    open_error(window, "A9")  # two findings in the month's row: two lines under the table
    editor, messages = window.editor, window.editor.und.messages
    assert not messages.isHidden() and "A9" in messages.text()

    def in_view():
        top = messages.mapTo(editor.widget(), messages.rect().topLeft()).y()
        bar = editor.verticalScrollBar().value()
        return top >= bar and top + messages.height() <= bar + editor.viewport().height()
    qtbot.waitUntil(in_view, timeout=2000)
    table = window.editor.und.table
    cell = table.viewport().mapTo(editor.viewport(), table.visualRect(table.currentIndex()).center())
    assert editor.viewport().rect().contains(cell)  # and the cell with the cursor still


def test_a_code_list_opens_wide_enough_for_its_text_in_a_narrow_column(window):
    open_error(window, "A3")  # a referral's Bopælskommune
    key(Qt.Key_Left)  # its Henvisningskategori, a narrow column of long labels
    key(Qt.Key_F2)
    table = window.editor.henv.table
    combo = table.indexWidget(table.currentIndex())
    text = combo.currentText()
    assert text.startswith("9 – ")
    needed = combo.fontMetrics().horizontalAdvance(text) + 24  # the text and the arrow
    assert table.columnWidth(table.currentIndex().column()) < needed  # the cell alone cuts it
    assert combo.width() >= needed
    assert combo.geometry().right() <= table.viewport().width()
    key(Qt.Key_Escape)


def test_another_kursist_opens_at_its_heading(window, qtbot):
    test_f8_brings_the_findings_messages_under_the_table_into_view(window, qtbot)
    editor = window.editor
    assert editor.verticalScrollBar().value() > 0  # scrolled down to the messages
    heading = editor.sheet.cpr
    window.list.setFocus()
    key(Qt.Key_Down)
    assert editor.sheet.cpr != heading
    assert editor.verticalScrollBar().value() == 0

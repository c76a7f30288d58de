"""The Help menu: the Danish user guide (docs/brugervejledning.md) in a window of its own
(F1), with its contents, back and forward, and find; and About."""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

import PySide6
from PySide6.QtCore import QObject, Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QMainWindow, QMessageBox,
                               QPushButton, QSplitter, QToolBar, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from desktop import APP_NAME, __version__
from desktop.domain.fields import VERSION
from desktop.errors import os_reason
from desktop.resources import guide_path
from desktop.ui.guide_browser import GuideBrowser


class HelpWindow(QMainWindow):
    def __init__(self, parent=None, path: Path | None = None):
        super().__init__(parent)
        self.path = path or guide_path()
        self.setWindowTitle(self.tr("User guide – {app}").format(app=APP_NAME))
        self.browser = GuideBrowser(self)
        self.contents = QTreeWidget(self)
        self.contents.setHeaderHidden(True)
        self.contents.setAccessibleName(self.tr("Contents"))
        self.contents.itemActivated.connect(self._go_to)
        self.contents.itemClicked.connect(self._go_to)
        splitter = QSplitter(self)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 760])
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._find_bar())
        self.setCentralWidget(body)
        self._build_actions()
        self.resize(1000, 720)
        self.load()

    def _find_bar(self) -> QWidget:
        bar = QWidget(self)
        self.find_edit = QLineEdit(bar)
        self.find_edit.setPlaceholderText(self.tr("Find in the guide"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(self.find_next)
        self.find_edit.textEdited.connect(lambda _: self.find_status.clear())
        self.find_status = QLabel(bar)
        self.find_status.setStyleSheet("color: #b3261e")
        previous = QPushButton(self.tr("Previous"), bar)
        previous.clicked.connect(self.find_previous)
        following = QPushButton(self.tr("Next"), bar)
        following.clicked.connect(self.find_next)
        row = QHBoxLayout(bar)
        row.setContentsMargins(6, 2, 6, 4)
        row.addWidget(self.find_edit, 1)
        row.addWidget(previous)
        row.addWidget(following)
        row.addWidget(self.find_status)
        self.find_bar = bar
        bar.setVisible(False)
        return bar

    def _build_actions(self) -> None:
        bar = QToolBar(self.tr("Navigation"), self)
        bar.setMovable(False)
        self.addToolBar(bar)

        def action(text, keys, slot, enabled=True):
            a = QAction(text, self)
            a.setShortcuts(keys if isinstance(keys, list) else QKeySequence.keyBindings(keys))
            a.setEnabled(enabled)
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.back_action = action(self.tr("Back"), QKeySequence.Back, self.browser.backward,
                                  False)
        self.forward_action = action(self.tr("Forward"), QKeySequence.Forward,
                                     self.browser.forward, False)
        self.browser.backwardAvailable.connect(self.back_action.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_action.setEnabled)
        self.find_action = action(self.tr("Find …"), QKeySequence.Find, self.show_find)
        action(self.tr("Find next"), QKeySequence.FindNext, self.find_next)
        action(self.tr("Find previous"), QKeySequence.FindPrevious, self.find_previous)
        action(self.tr("Hide the search"), [QKeySequence(Qt.Key_Escape)],
               lambda: (self.find_bar.hide(), self.browser.setFocus()))
        bigger = action(self.tr("Larger text"), QKeySequence.ZoomIn,
                        lambda: self.browser.zoomIn(1))
        smaller = action(self.tr("Smaller text"), QKeySequence.ZoomOut,
                         lambda: self.browser.zoomOut(1))
        action(self.tr("Close"), QKeySequence.Close, self.close)
        for a in (self.back_action, self.forward_action, self.find_action, bigger, smaller):
            bar.addAction(a)

    # Loading ---------------------------------------------------------------------------
    def load(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = os_reason(exc) if isinstance(exc, OSError) else self.tr("not UTF-8 text")
            self.browser.setHtml(
                "<h2>" + self.tr("The user guide could not be opened") + "</h2><p>"
                + self.tr("The file {path} is missing or cannot be read ({reason}). It comes "
                          "with the program: install the program again to get it back. "
                          "Everything else in the program works as usual.").format(
                              path=escape(str(self.path)), reason=escape(reason)) + "</p>")
            self.contents.hide()
            return
        self.browser.show_markdown(text, self.path.parent)
        self._fill_contents()

    def _fill_contents(self) -> None:
        self.contents.clear()
        parent = None
        for level, text, anchor in self.browser.headings:
            if level == 2:
                parent = QTreeWidgetItem(self.contents, [text])
                parent.setData(0, Qt.UserRole, anchor)
            elif level == 3 and parent is not None:
                QTreeWidgetItem(parent, [text]).setData(0, Qt.UserRole, anchor)

    def _go_to(self, item: QTreeWidgetItem) -> None:
        self.browser.go_to(item.data(0, Qt.UserRole))

    # Finding ---------------------------------------------------------------------------
    def show_find(self) -> None:
        self.find_bar.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def find_next(self) -> None:
        self._find(QTextDocument.FindFlag(0))

    def find_previous(self) -> None:
        self._find(QTextDocument.FindBackward)

    def _find(self, flags) -> bool:
        text = self.find_edit.text()
        if not text:
            self.show_find()
            return False
        found = self.browser.find(text, flags)
        if not found:  # from the other end, once round
            cursor = self.browser.textCursor()
            backward = bool(flags & QTextDocument.FindBackward)
            cursor.movePosition(QTextCursor.End if backward else QTextCursor.Start)
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text, flags)
        self.find_status.setText("" if found else self.tr("Not found"))
        return found


class HelpMenu(QObject):
    """The main window's Help menu: the user guide (F1), reusing its window, and About."""

    def __init__(self, window: QMainWindow, db_path: Path):
        super().__init__(window)
        self.main, self.db_path = window, db_path
        self.guide: HelpWindow | None = None
        self.about_box: QMessageBox | None = None
        self.guide_action = QAction(self.tr("&User guide"), window)
        self.guide_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.HelpContents))
        self.guide_action.triggered.connect(self.show_guide)
        self.about_action = QAction(self.tr("&About {app}").format(app=APP_NAME), window)
        self.about_action.triggered.connect(self.show_about)
        window.addAction(self.guide_action)
        menu = window.menuBar().addMenu(self.tr("&Help"))
        menu.addAction(self.guide_action)
        menu.addSeparator()
        menu.addAction(self.about_action)

    def show_guide(self) -> HelpWindow:
        if self.guide is None:
            self.guide = HelpWindow(self.main)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    def about_text(self) -> str:
        python = ".".join(map(str, sys.version_info[:3]))
        return "".join((
            f"<h3>{APP_NAME} {__version__}</h3><p>",
            self.tr("Quarterly reports of Danish language education, file format v{format}."
                    ).format(format=VERSION), "</p><p>",
            self.tr("Database: {path}").format(path=escape(str(self.db_path))), "</p><p>",
            f"Qt {qVersion()} · PySide6 {PySide6.__version__} · Python {python}</p>"))

    def show_about(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Information, self.tr("About {app}").format(app=APP_NAME),
                          self.about_text(), QMessageBox.Ok, self.main)
        box.setTextFormat(Qt.RichText)
        box.setTextInteractionFlags(Qt.TextBrowserInteraction)  # the path can be copied
        box.open()
        self.about_box = box
        return box

"""The main window: quarter and provider always in view, the kursist list, the editor, and
the findings of the kursist and of the whole quarter."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDockWidget, QLabel,
                               QLineEdit, QMainWindow, QPushButton, QSplitter, QTabWidget,
                               QToolBar, QVBoxLayout, QWidget)

from desktop import APP_NAME, commands
from desktop.checks.findings import Finding
from desktop.commands import Changes
from desktop.domain.cpr import mask_cprs
from desktop.domain.quarter import Quarter
from desktop.settings import REGISTRY
from desktop.store import StoreError
from desktop.ui.busy import busy
from desktop.ui.command_runner import CommandRunner
from desktop.ui.editor import KursistEditor
from desktop.ui.findings_model import FINDING_ROLE, FindingsModel
from desktop.ui.help_window import HelpMenu
from desktop.ui.hold_actions import HoldActions
from desktop.ui.kursist_menu import build_kursist_menu
from desktop.ui.kursist_model import (COL_CPR, ID_ROLE, SCOPE_ALL,
                                      KursistFilterProxy, KursistTableModel)
from desktop.ui.list_loader import ListLoader
from desktop.ui.new_kursist import NewKursistDialog
from desktop.ui.navigation import FindingStepper, ShortcutGuard, cycle_panes, tab_order
from desktop.ui.quarter_checks import QuarterChecker
from desktop.ui.table_keys import KeyTable
from desktop.workspace import Workspace


class MainWindow(QMainWindow):
    def __init__(self, ws: Workspace, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(f"{APP_NAME} – {ws.path.name}")
        self.undo = QUndoStack(self)
        # Every change the user makes is a command run here; the window follows what each
        # changed in one place, apply_changes.
        self.runner = CommandRunner(ws, self.undo, self)
        self.runner.changed.connect(self.apply_changes)
        self.runner.failed.connect(self._not_saved)
        self.runner.stale.connect(self._stale)
        self.runner.external.connect(self._external)
        self.runner.waiting.connect(lambda text: self.statusBar().showMessage(text))
        self.quarter = self._initial_quarter()

        self.kursister = KursistTableModel(self)
        self.proxy = KursistFilterProxy(self)
        self.proxy.setSourceModel(self.kursister)
        # One Tab stop: arrows move in the list, Tab leaves it (the current row opens a kursist,
        # so nothing but the user moves it: restore=False).
        self.list = KeyTable(self, one_stop=True, restore=False)
        self.list.setModel(self.proxy)
        self.list.setSortingEnabled(True)
        self.list.sortByColumn(COL_CPR, Qt.AscendingOrder)
        self.list.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.list.verticalHeader().setVisible(False)
        # Column widths are measured once per load (from a sample of rows), not on every change:
        # a live ResizeToContents re-measures on each edit.
        self.list.horizontalHeader().setResizeContentsPrecision(100)
        # No stretched last column: a stretched one keeps its default width (100 px), which
        # pushed Adv. out of view at 1366×768.
        self.list.horizontalHeader().setStretchLastSection(False)
        self.list.setAccessibleName(self.tr("Students"))
        self.list.selectionModel().currentRowChanged.connect(self._open_current)
        self.list.activated.connect(lambda index: self.editor.focus_current_table())

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search CPR number (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.search.returnPressed.connect(self._open_first_match)
        self.scope = QComboBox(self)
        self.scope.addItems([self.tr("In the quarter"), self.tr("With errors"), self.tr("All")])
        self.scope.currentIndexChanged.connect(self._scope_changed)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.scope)
        left_layout.addWidget(self.list)

        self.editor = KursistEditor(ws, self.runner.run, self)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 946])  # the list shows its error and warning counts
        self.splitter = splitter
        self.setCentralWidget(splitter)

        self.kursist_findings = FindingsModel(self, show_cpr=False)
        self.quarter_findings = FindingsModel(self)
        tabs = QTabWidget(self)
        for model, title in ((self.kursist_findings, self.tr("Student's errors and warnings")),
                             (self.quarter_findings, self.tr("Quarter's errors and warnings"))):
            view = KeyTable(tabs, one_stop=True)  # Enter opens the finding's field
            view.setModel(model)
            view.setSelectionBehavior(QAbstractItemView.SelectRows)
            view.setEditTriggers(QAbstractItemView.NoEditTriggers)
            view.verticalHeader().setVisible(False)
            view.horizontalHeader().setResizeContentsPrecision(100)
            view.horizontalHeader().setStretchLastSection(True)
            view.activated.connect(self._go_to_finding)
            view.clicked.connect(self._go_to_finding)
            # Sized to each new list of findings (a sample of its rows), so no column is cut
            # to "H…" by the widths of an empty or earlier list.
            model.modelReset.connect(view.resizeColumnsToContents)
            tabs.addTab(view, title)
        self.findings_tabs = tabs
        tabs.widget(0).setColumnHidden(2, True)  # the kursist's own CPR is in the editor
        dock = QDockWidget(self.tr("Errors and warnings"), self)
        dock.setObjectName("findings")
        dock.setWidget(tabs)
        dock.setFeatures(QDockWidget.DockWidgetMovable)
        self.addDockWidget(Qt.BottomDockWidgetArea, dock)
        self.resizeDocks([dock], [150], Qt.Vertical)

        self.quarter_box = QComboBox(self)
        self.quarter_box.setAccessibleName(self.tr("Quarter"))
        self.ukode_label = QLabel(self)
        self.totals = QLabel(self)
        self.retry_button = QPushButton(self.tr("&Try again"), self)
        self.retry_button.setToolTip(self.tr("Check the quarter again"))
        self.retry_button.setVisible(False)
        self.retry_button.clicked.connect(self._check_quarter)
        self.statusBar().addPermanentWidget(self.totals)
        self.statusBar().addPermanentWidget(self.retry_button)
        self._build_actions()
        self._set_masked(self.mask_action.isChecked())
        self._fill_quarters()
        self.quarter_box.currentIndexChanged.connect(self._quarter_changed)

        self.checker = QuarterChecker(ws.path, self)
        self.checker.done.connect(self._quarter_checked)
        self.checker.failed.connect(self._quarter_check_failed)
        self._changes = self._changes_at_check = 0  # changes followed, and when checked
        self._recheck = QTimer(self)  # the whole quarter again, once editing pauses
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(1500)
        self._recheck.timeout.connect(self._check_quarter)
        # Other programs writing to the same database: looked for on focus, before every
        # command, and every few seconds while the user is not typing in a cell.
        self._watch = QTimer(self)
        self._watch.setInterval(self.WATCH_MS)
        self._watch.timeout.connect(self._look_for_other_writers)
        self._watch.start()
        self.hold_actions = HoldActions(self)  # the Hold menu, the carry-forward notice
        self._whole_list_pending = False
        # The whole list is read on a worker thread behind its first page (see reload).
        self.list_loader = ListLoader(self)
        self.list_loader.loaded.connect(self._whole_list_loaded)
        self.list_loader.failed.connect(self._whole_list_failed)
        self._edited_while_loading: set[int] = set()
        self._swapping = False
        self.reload(first_page=True)
        self._fit_to_screen()

    # Setup --------------------------------------------------------------------------------
    def _fit_to_screen(self) -> None:
        """1366×768 where there is room; never larger than the screen (125 % and 150 % scaling
        leave far fewer logical pixels on a small laptop)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen else None
        width, height = 1366, 768
        if room is not None:
            width, height = min(width, room.width()), min(height, room.height())
        self.resize(width, height)

    def _initial_quarter(self) -> Quarter:
        known = self.ws.quarters()
        return Quarter.parse(known[0]) if known else Quarter.of(dt.date.today())

    def _fill_quarters(self) -> None:
        today = Quarter.of(dt.date.today())
        known = self.ws.quarters()
        # the quarter after the newest one with data is always there: the next to enter
        after = [Quarter.parse(known[0]).next().iperiode] if known else []
        quarters = sorted({*known, *after, today.iperiode, today.previous().iperiode,
                           self.quarter.iperiode}, reverse=True)
        self.quarter_box.blockSignals(True)
        self.quarter_box.clear()
        for iperiode in quarters:
            self.quarter_box.addItem(str(Quarter.parse(iperiode)), iperiode)
        self.quarter_box.setCurrentIndex(self.quarter_box.findData(self.quarter.iperiode))
        self.quarter_box.blockSignals(False)

    def _build_actions(self) -> None:
        bar = QToolBar(self.tr("Tools"), self)
        bar.setObjectName("tools")
        bar.setMovable(False)
        self.addToolBar(bar)
        bar.addWidget(QLabel(" " + self.tr("Quarter:") + " "))
        bar.addWidget(self.quarter_box)
        bar.addWidget(QLabel("   "))
        bar.addWidget(self.ukode_label)
        bar.addSeparator()

        def action(text, shortcut, slot, tip=""):
            a = QAction(text, self)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            plain = text.replace("&", "")  # the access letter is the menu's, not the tip's
            a.setToolTip(f"{tip or plain} ({QKeySequence(shortcut).toString()})" if shortcut
                         else tip)
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.new_action = action(self.tr("&New student"), "Ctrl+N", self.new_kursist)
        self.find_action = action(self.tr("&Search"), "Ctrl+F",
                                  lambda: (self.search.setFocus(), self.search.selectAll()))
        self.export_action = action(self.tr("&Export …"), "Ctrl+E", self.export,
                                    self.tr("Create the quarter's file"))
        self.import_action = action(self.tr("&Import …"), "Ctrl+I", self.import_files,
                                    self.tr("Load v1.8 files from another system"))
        self.report_action = action(
            self.tr("Error &report …"), "Ctrl+R", self.report,
            self.tr("The quarter's errors and warnings, grouped by student"))
        self.settings_action = action(self.tr("&Settings …"), "Ctrl+,", self.open_settings,
                                      self.tr("Provider code, lesson length, CPR check and backup"))
        # The stack only holds the commands; the runner writes, then moves it.
        self.undo_action = action(self.tr("&Undo"), "Ctrl+Z", self.runner.undo)
        self.redo_action = action(self.tr("&Redo"), "Ctrl+Y", self.runner.redo)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        for a, can, text in ((self.undo_action, self.undo.canUndoChanged,
                              self.undo.undoTextChanged),
                             (self.redo_action, self.undo.canRedoChanged,
                              self.undo.redoTextChanged)):
            a.setEnabled(False)
            can.connect(a.setEnabled)
            # "&Fortryd ny kursist": the access letter stays; an '&' in the label is shown
            text.connect(lambda t, a=a, plain=a.text(): a.setText(
                f"{plain} {(t[:1].lower() + t[1:]).replace('&', '&&')}" if t else plain))
        for a in (self.new_action, self.import_action, self.export_action, self.report_action,
                  self.undo_action, self.redo_action):
            bar.addAction(a)
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.addAction(self.new_action)
        menu.addAction(self.import_action)
        menu.addAction(self.export_action)
        menu.addAction(self.report_action)
        menu.addAction(self.settings_action)
        menu.addSeparator()
        menu.addAction(action(self.tr("&Quit"), "Ctrl+Q", self.close))
        edit = self.menuBar().addMenu(self.tr("&Edit"))
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addAction(self.find_action)
        self.mask_action = action(self.tr("&Mask CPR numbers"), "Ctrl+M", self._set_masked,
                                  self.tr("Show CPR numbers as DDMMYY-XXXX, e.g. while sharing "
                                          "the screen"))
        self.mask_action.setCheckable(True)
        self.mask_action.setChecked(self.ws.cpr_masked)
        self.kursist_actions = build_kursist_menu(self)  # Kursist, after Rediger
        self.menuBar().addMenu(self.tr("&View")).addAction(self.mask_action)
        self.help_menu = HelpMenu(self, self.ws.path)  # User guide (F1) and About
        self._build_keyboard()

    def _build_keyboard(self) -> None:
        """Tab order, F6 and F8, and shortcuts that the search field cannot swallow."""
        tab_order(self.quarter_box, self.search, self.scope, self.list, self.editor)
        self._finding_stepper = FindingStepper(self.quarter_findings.findings, self._show_finding)
        own = [a for a in self.actions() if a not in (self.undo_action, self.redo_action)]
        self._shortcut_guard = ShortcutGuard(self, own)  # a line edit keeps its own undo

    # Data -------------------------------------------------------------------------------
    FIRST_PAGE = 100  # rows shown before the whole list is loaded, when the window opens
    WATCH_MS = 2000  # how often an idle window looks for other programs' writes
    WHOLE_LIST_AFTER_MS = 250  # loaded then even if the first page is never painted

    def reload(self, keep: int | None = None, first_page: bool = False) -> None:
        """Refill the list for the quarter; the quarter's checks follow in the background.
        `first_page`: show the list's first rows at once and read the whole list on a worker
        thread as soon as they are painted, so that a window on 100,000 kursister opens (or
        shows "Alle", or follows an import) without waiting for it; `keep` is then selected
        as soon as it is in the list."""
        self.ukode_label.setText(self.tr("Provider code: <b>{ukode}</b>").format(
            ukode=self.ws.ukode or self.tr("not set")))
        everyone = self.scope.currentIndex() == SCOPE_ALL
        self.list_loader.cancel()  # an earlier load's rows are not this list's
        with busy():  # "Alle" on a large database can take a moment
            rows = self.ws.first_rows(self.quarter, self.FIRST_PAGE, everyone) if first_page else None
            if rows is None:
                first_page = False
                rows = self.ws.rows(self.quarter, everyone=everyone)
            elif len(rows) < self.FIRST_PAGE:  # the first page is the whole list
                first_page = False
            self.kursister.set_rows(rows)
            self.list.resizeColumnsToContents()
        self._whole_list_pending = first_page
        if first_page:  # the rest once the first page is painted (or soon, if it never is)
            if keep is not None:
                self._show_row(keep)
            self._edited_while_loading.clear()
            self.list.viewport().installEventFilter(self)
            QTimer.singleShot(self.WHOLE_LIST_AFTER_MS, self, self._load_whole_list)
            return
        self._list_complete(keep)

    def _list_complete(self, keep: int | None) -> None:
        """The whole list is in: totals, the kept kursist, the quarter's checks."""
        self._update_totals()
        if keep is not None:
            self.select_kursist(keep)
        self._check_quarter()

    def _check_quarter(self) -> None:
        self._changes_at_check = self._changes
        self.retry_button.setVisible(False)
        self.checker.check(self.quarter, self.ws.ukode, self.ws.settings)

    def eventFilter(self, watched, event) -> bool:
        if (event.type() == QEvent.Paint and self._whole_list_pending
                and watched is self.list.viewport()):
            QTimer.singleShot(0, self, self._load_whole_list)  # after this paint is on screen
        return super().eventFilter(watched, event)

    def _load_whole_list(self) -> None:
        if self._whole_list_pending:
            self._whole_list_pending = False
            self.list.viewport().removeEventFilter(self)
            everyone = self.scope.currentIndex() == SCOPE_ALL
            self.list_loader.load(self.ws.rows_reader(self.quarter, everyone))

    def finish_list(self) -> None:
        """The whole list now, waiting for it if it is still being read: for what needs a
        row that only the whole list has (select_kursist), tests and benchmarks."""
        if self._whole_list_pending:
            self._load_whole_list()
        self.list_loader.finish()

    def _whole_list_loaded(self, rows) -> None:
        """The worker's rows swapped in; the user keeps the kursist open now (which may not be
        the one open when the load began), the search text stays in the model's filter."""
        self.kursister.set_rows(rows)
        for kid in self._edited_while_loading:  # edited since the rows were read
            row = self.ws.row(kid, self.quarter)
            if row is not None:
                self.kursister.update_row(row)
        self._edited_while_loading.clear()
        self.list.resizeColumnsToContents()
        self._update_totals()
        if self.editor.kid is not None:
            self._swapping = True  # the editor shows this kursist already
            try:
                self._show_row(self.editor.kid)
            finally:
                self._swapping = False
        self._check_quarter()

    def _whole_list_failed(self) -> None:
        """The worker could not read the list (logged): read here instead."""
        self.reload(keep=self.editor.kid)

    def _show_row(self, kid: int) -> bool:
        """Select the kursist's row if the list holds it."""
        row = self.kursister.row_of(kid)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.kursister.index(row, 0))
        if not index.isValid():
            return False
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index)
        return True

    def select_kursist(self, kid: int) -> None:
        if self._show_row(kid):
            return
        self.scope.setCurrentIndex(SCOPE_ALL)
        self.finish_list()  # the kursist may be in the whole list only
        self._show_row(kid)

    def _open_current(self, current, previous=None) -> None:
        kid = current.data(ID_ROLE) if current.isValid() else None
        if self._swapping and kid == self.editor.kid:
            return  # the whole list swapped in under the open kursist
        if kid != self.editor.kid:
            self.undo.clear()
        self.editor.show_kursist(kid, self.quarter)
        self.kursist_findings.set_findings(self.editor.findings if kid else [])
        self.findings_tabs.widget(0).resizeColumnsToContents()

    def _open_first_match(self) -> None:
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))
            self.editor.focus_current_table()

    # Following the database -----------------------------------------------------------
    def apply_changes(self, changes: Changes) -> None:
        """The one place the window follows a change of the database: after a command, its
        undo or redo, an import, a restore or new settings."""
        if not changes:
            return
        self._changes += 1  # a quarter check begun before this one is stale for the editor
        if not self.editor.notice.isHidden():  # the last failure is past
            self.editor.show_notice("")
        if changes.everything:  # an import or a restore: undo steps it overwrote go
            self.runner.drop_inapplicable()
        if "mask_cpr" in changes.settings:
            self._show_masked(self.ws.cpr_masked)
        if changes.everything or changes.roster or any(
                REGISTRY[k].affects_checks for k in changes.settings if k in REGISTRY):
            self.reload_all()
        elif changes.kursister:
            self._kursister_changed(changes.kursister)
        self._keep_keyboard()

    def _kursister_changed(self, kids) -> None:
        """Some kursister's records changed: their rows and the editor's kursist's findings
        at once; the whole quarter is checked again in the background once editing pauses."""
        kid = self.editor.kid
        if self.list_loader.pending() or self._whole_list_pending:
            self._edited_while_loading.update(kids)  # the rows on their way may predate this
        for changed_kid in kids:
            row = self.ws.row(changed_kid, self.quarter)
            if row is not None:
                self.kursister.update_row(row)
        if kid in kids:
            self.editor.refresh()
        self.kursist_findings.set_findings(self.editor.findings)
        sheet = self.editor.sheet
        if kid is not None and sheet is not None and kid in kids:
            mine = self.editor.findings
            errors = sum(f.is_error for f in mine)
            self.kursister.set_counts({kid: (errors, len(mine) - errors)})
            # Only this kursist's rows of the quarter's findings: the rest stand until the
            # quarter is checked again.
            self.quarter_findings.replace_kursist(sheet.cpr, mine)
            self._update_totals(self.quarter_findings.counts())
        self._recheck.start()

    def reload_all(self) -> None:
        """Everything read again, the user kept where they were (quarter, kursist, cell)."""
        kid, place = self.editor.kid, self.editor.place()
        self.ws.reload()
        self.ws.caught_up()
        self._fill_quarters()
        if kid is not None and self.ws.row(kid, self.quarter) is None:
            kid = None  # the kursist is gone
        self.reload(keep=kid, first_page=True)  # (an import's list loads in the background)
        self.editor.show_kursist(kid, self.quarter)
        self.editor.restore_place(place)
        self.kursist_findings.set_findings(self.editor.findings if kid else [])
        self._keep_keyboard()

    def _look_for_other_writers(self) -> None:
        """While the user types in a cell or a dialog is open, the next look waits."""
        if QApplication.activeModalWidget() is not None or any(
                s.table.state() == QAbstractItemView.EditingState
                for s in self.editor.sections.values()):
            return
        self.runner.check_external()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.ActivationChange and self.isActiveWindow():
            self._look_for_other_writers()
        super().changeEvent(event)

    def _external(self) -> None:
        """Another program (or window) has written to the database."""
        self.reload_all()
        text = self.tr("The database was changed by another program; the view has been "
                       "reloaded.")
        if self.runner.drop_inapplicable():
            text += " " + self.tr("Undo steps that no longer apply were removed.")
        self.statusBar().showMessage(text)

    def _stale(self, message: str) -> None:
        """A command found its rows changed elsewhere and wrote nothing."""
        self.reload_all()
        self.runner.drop_inapplicable()
        self.statusBar().showMessage(message)
        self.editor.show_notice(message)

    def _not_saved(self, message: str) -> None:
        """A command could not be written: said as it is, and the cells show what is stored."""
        self.editor.refresh()
        self.statusBar().showMessage(message)
        self.editor.show_notice(message)

    def _quarter_changed(self) -> None:
        self.quarter = Quarter.parse(self.quarter_box.currentData())
        self.undo.clear()
        kid = self.editor.kid
        self.reload()
        if kid is not None:
            self.select_kursist(kid)
            self.editor.show_kursist(kid, self.quarter)
            self.kursist_findings.set_findings(self.editor.findings)
        self._keep_keyboard()

    def _keep_keyboard(self) -> None:
        """A reload that disabled the widget with the keyboard focus (the editor's table when
        the kursist has no placement in the new quarter) left nothing focused, and the keys
        the clerk pressed next went nowhere: the list takes the focus then."""
        if QApplication.activeWindow() is self and QApplication.focusWidget() is None:
            self.list.setFocus(Qt.OtherFocusReason)

    def _scope_changed(self, scope: int) -> None:
        self.reload(keep=self.editor.kid, first_page=scope == SCOPE_ALL)  # "Alle": 100,000
        self.proxy.set_scope(scope)

    def _quarter_check_failed(self, iperiode: str) -> None:
        if iperiode != self.quarter.iperiode:
            return
        self._update_totals(failed=True)
        self.retry_button.setVisible(True)

    def _quarter_checked(self, iperiode: str, findings: list[Finding]) -> None:
        if iperiode != self.quarter.iperiode:
            return
        self.retry_button.setVisible(False)
        sheet = self.editor.sheet
        if sheet is not None and self._changes != self._changes_at_check:
            # A change came after this check began (a new kursist, then its referral): the
            # editor's kursist, checked again at each change, as the editor has it.
            findings = [f for f in findings if f.cpr != sheet.cpr] + self.editor.findings
        self.quarter_findings.set_findings(findings)  # (its view measures its columns)
        counts: dict[int, tuple[int, int]] = {}
        by_cpr: dict[str, list[int]] = {}
        for f in findings:
            by_cpr.setdefault(f.cpr or "", [0, 0])[0 if f.is_error else 1] += 1
        for r in self.kursister.all_rows():
            e, w = by_cpr.get(r.cpr, (0, 0))
            counts[r.id] = (e, w)
        self.kursister.set_counts(counts)
        self._update_totals(self.quarter_findings.counts())

    def _update_totals(self, counts: tuple[int, int] | None = None, failed: bool = False) -> None:
        """counts: the quarter's (errors, warnings); None while it is being checked."""
        n = self.kursister.moving()
        text = self.tr("{n} students in {quarter}").format(n=n, quarter=self.quarter)
        if failed:  # never "0 errors": nothing is known
            text += " · " + self.tr("The check could not be completed")
        elif counts is None:
            text += " · " + self.tr("checking …")
        else:
            text += " · " + self.tr("{errors} errors · {warnings} warnings").format(
                errors=counts[0], warnings=counts[1])
        self.totals.setText(text)

    def _go_to_finding(self, index) -> None:
        f: Finding = index.data(FINDING_ROLE)
        if f is None:
            return
        if f.cpr and (self.editor.sheet is None or self.editor.sheet.cpr != f.cpr):
            kid = self.ws.kursist_id(f.cpr)
            if kid is not None:
                self.select_kursist(kid)
        self.editor.focus_finding(f)

    # Keyboard ---------------------------------------------------------------------------
    def step_finding(self, forward: bool) -> None:
        """F8 / Shift+F8: the next (previous) finding of the quarter, at its field."""
        if self._finding_stepper.step(forward) is None:
            self.statusBar().showMessage(self.tr("No errors or warnings in the quarter."), 5000)

    def _show_finding(self, f: Finding, position: int) -> None:
        view = self.findings_tabs.widget(1)
        index = self.quarter_findings.index(position, 0)
        view.setCurrentIndex(index)
        view.scrollTo(index)
        self._go_to_finding(index)
        total = self.quarter_findings.rowCount()
        message = mask_cprs(f.message) if self.mask_action.isChecked() else f.message
        self.statusBar().showMessage(f"{position + 1}/{total} · {f.rule}: {message}")

    def cycle_panes(self, forward: bool) -> None:
        """F6 / Shift+F6: the list, the kursist's editor, the findings panel."""
        cycle_panes([(self.list.parentWidget(), self.list.setFocus),
                     (self.editor, self.editor.focus_current_table),
                     (self.findings_tabs, lambda: self.findings_tabs.currentWidget().setFocus())],
                    forward)

    # Commands ---------------------------------------------------------------------------
    def new_kursist(self) -> None:
        dialog = NewKursistDialog(self, self.ws.settings.a1_is_error)
        if not dialog.exec():
            return
        cpr, koen, nation = dialog.values()
        kid = self.ws.kursist_id(cpr)
        created = kid is None
        if kid is None:
            command = commands.CreateKursist(self.ws.ukode, cpr, self.quarter.iperiode, koen,
                                             nation, self.ws.settings.a1_is_error)
            if not self.runner.run(command):
                return
            kid = command.id
        self.scope.setCurrentIndex(SCOPE_ALL)
        self.select_kursist(kid)
        self.activateWindow()  # the keyboard comes back from the dialog to the window
        if created:  # one flow: straight on to the new kursist's referral, its first cell open
            self.editor.new_referral()
        else:
            self.editor.focus_current_table()

    def export(self) -> None:
        from desktop.ui.export_dialog import ExportDialog
        cpr = self.editor.sheet.cpr if self.editor.sheet else None
        dialog = ExportDialog(self.ws, self.quarter, cpr, self)
        dialog.open()
        self._export_dialog = dialog

    def import_files(self) -> None:
        from desktop.ui.import_dialog import ImportDialog
        dialog = ImportDialog(self.ws, self)
        dialog.imported.connect(self.apply_changes)
        dialog.open()
        self._import_dialog = dialog
        dialog.choose_files()

    def open_settings(self) -> None:
        from desktop.ui.settings_dialog import SettingsDialog
        dialog = SettingsDialog(self.ws, self)
        dialog.changed.connect(self._settings_saved)
        dialog.open()
        self._settings_dialog = dialog

    def _settings_saved(self, changes: Changes) -> None:
        if changes.everything:  # a restore: the screen keeps its own choice of masking
            on = self.mask_action.isChecked()
            if on != self.ws.cpr_masked:
                self._set_masked(on)
        self.apply_changes(changes)

    def _set_masked(self, on: bool) -> None:
        """CPR numbers as DDMMYY-XXXX in the list, the editor and the findings; remembered."""
        if on != self.ws.cpr_masked:
            try:
                self.ws.set_setting("mask_cpr", "1" if on else "0")
            except StoreError as exc:  # shown masked all the same; only not remembered
                self.statusBar().showMessage(str(exc))
        self._show_masked(on)

    def _show_masked(self, on: bool) -> None:
        self.mask_action.setChecked(on)
        self.kursister.set_masked(on)
        self.kursist_findings.set_masked(on)
        self.quarter_findings.set_masked(on)
        self.editor.masked = on
        self.editor.refresh()

    def report(self) -> None:
        from desktop.ui.report_dialog import ReportDialog
        dialog = ReportDialog(self.ws, self.quarter, self)
        dialog.open()
        self._report_dialog = dialog

    def closeEvent(self, event) -> None:
        # Every edit is already stored in its own transaction; only the background check stops.
        self._watch.stop()
        self._recheck.stop()
        self._whole_list_pending = False
        self.list_loader.cancel()
        self.list_loader.wait()
        self.checker.stop()
        super().closeEvent(event)

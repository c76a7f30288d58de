"""The app makes no network connection at all: with sockets blocked, everything still runs.

Two guards. In this process, socket's entry points are replaced and an audit hook (PEP 578)
records every socket event, from any thread, while a test holds the `offline` fixture. In a
child process, a sitecustomize installs an audit hook that ends the process at the first
socket event, and the command line and the window run there. Each guard is shown to work
with a deliberate connection. (libxml2 and Qt's own C++ code do not pass through Python's
socket module; tests/test_hostile_files.py shows with a local server that no file makes the
reader fetch anything.)
"""

from __future__ import annotations

import _socket
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop import cli
from desktop.demo import build_demo
from desktop.store import Store
from desktop.store.backup import backup_now, restore_from
from tests.helpers import UKODE, demo_window, sample_files, write_files

# Every way Python reaches the network (or makes a socket to try).
BLOCKED = ("socket.__new__", "socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
           "socket.gethostbyaddr", "socket.bind", "socket.sendto", "urllib.Request",
           "http.client.connect", "ftplib.connect", "smtplib.connect")


class NetworkUsed(RuntimeError):
    pass


class _Guard:
    armed = False
    events: list[tuple[str, tuple]] = []

    @classmethod
    def audit(cls, event: str, args: tuple) -> None:
        if cls.armed and event in BLOCKED:
            cls.events.append((event, args))
            raise NetworkUsed(f"{event} {args!r}")


sys.addaudithook(_Guard.audit)  # for the whole session; it acts only while a test is offline


def _refuse(*args, **kwargs):
    _Guard.events.append(("patched", args))
    raise NetworkUsed(f"socket use {args!r}")


@pytest.fixture
def offline(monkeypatch):
    """Sockets blocked; the test fails if anything tried one, even where the error was caught."""
    for name in ("socket", "create_connection", "getaddrinfo", "socketpair", "create_server"):
        monkeypatch.setattr(socket, name, _refuse)
    _Guard.events = []
    _Guard.armed = True
    try:
        yield _Guard.events
    finally:
        _Guard.armed = False
    assert _Guard.events == [], f"the app used the network: {_Guard.events}"


def test_the_guard_catches_a_deliberate_connection(offline):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with pytest.raises(NetworkUsed):  # past the patched module, straight to C: the audit hook
        _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
    with pytest.raises(NetworkUsed):
        _socket.getaddrinfo("example.com", 80)
    assert [e for e, _ in offline] == ["patched", "socket.__new__", "socket.getaddrinfo"]
    offline.clear()


@pytest.fixture
def quarter_files(tmp_path):
    folder = tmp_path / "filer"
    folder.mkdir()
    return write_files(folder, sample_files(10))


def test_command_line_and_backups_run_offline(offline, quarter_files, tmp_path, capsys):
    db = tmp_path / "du.sqlite"
    assert cli.main(["validate", str(quarter_files[0])]) in (0, 1)
    assert cli.main(["import", *map(str, quarter_files), "--db", str(db)]) == 0
    out = tmp_path / f"DU_{UKODE}_20241.xml"
    assert cli.main(["export", "--quarter", "20241", "--out", str(out), "--db", str(db),
                     "--force"]) == 0
    assert out.exists()
    with Store(db) as store:
        copy = backup_now(store, tmp_path)
        restore_from(store, copy)
    demo = Store(tmp_path / "demo.sqlite")
    build_demo(demo)
    demo.close()
    capsys.readouterr()


def test_the_window_runs_offline(offline, qtbot, tmp_path, monkeypatch, quarter_files):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from desktop.ui.export_dialog import ExportDialog
    from desktop.ui.import_dialog import ImportDialog
    from desktop.ui.report_dialog import ReportDialog
    from desktop.ui.settings_dialog import SettingsDialog

    with demo_window(qtbot, tmp_path) as window:
        window.list.setCurrentIndex(window.proxy.index(0, 0))  # a kursist, checked at once
        qtbot.waitUntil(lambda: window.editor.sheet is not None)
        window.mask_action.trigger()
        window.scope.setCurrentIndex(1)  # with errors: the whole quarter is checked again
        window.checker.wait()
        guide = window.help_menu.show_guide()  # the user guide, with its pictures
        assert guide.isVisible()
        window.help_menu.show_about()

        out = tmp_path / "DU_101234_20263.xml"
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *a: (str(out), "")))
        export = ExportDialog(window.ws, window.quarter, None, window)
        qtbot.addWidget(export)
        export.force.setChecked(True)
        export.run_export()
        assert out.exists() or "X" in export.summary.text()

        monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                            staticmethod(lambda *a: ([str(p) for p in quarter_files], "")))
        imports = ImportDialog(window.ws, window)
        qtbot.addWidget(imports)
        imports.choose_files()
        assert imports.checks

        report = ReportDialog(window.ws, window.quarter, window)
        qtbot.addWidget(report)
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *a: (str(tmp_path / "rapport.pdf"), "")))
        report.save_pdf()

        settings = SettingsDialog(window.ws, window)
        qtbot.addWidget(settings)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a: str(tmp_path)))
        settings.take_backup()
        backup = next(tmp_path.glob("demo-*.sqlite"))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(backup), "")))
        monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a: QMessageBox.Yes))
        settings.restore()
        window.checker.wait()


# --- in a child process, with an audit hook that ends it at the first socket -------------------

SITECUSTOMIZE = textwrap.dedent('''
    import os, sys
    BLOCKED = %r
    def _audit(event, args):
        if event in BLOCKED:
            sys.stderr.write(f"NETVAERK: {event} {args!r}\\n")
            sys.stderr.flush()
            os._exit(97)
    sys.addaudithook(_audit)
''') % (BLOCKED,)

WINDOW = textwrap.dedent('''
    import sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from desktop.ui import app
    from desktop.ui.main_window import MainWindow

    def drive():
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        window.checker.wait()
        window.list.setCurrentIndex(window.proxy.index(0, 0))
        window.mask_action.trigger()
        window.checker.check(window.quarter, window.ws.ukode, window.ws.settings)
        window.checker.wait()
        print("vindue", window.proxy.rowCount(), window.editor.sheet is not None)
        window.close()
        QApplication.quit()

    app.application()
    QTimer.singleShot(300, drive)
    sys.exit(app.run(Path(sys.argv[1]), demo=True))
''')


@pytest.fixture(scope="module")
def offline_python(tmp_path_factory):
    """Run python with the blocking sitecustomize first on its path."""
    folder = tmp_path_factory.mktemp("offline")
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    root = Path(__file__).resolve().parents[1]

    def run(*args, timeout=120) -> subprocess.CompletedProcess:
        import os
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(folder), str(root)])}
        return subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True,
                              encoding="utf-8", timeout=timeout, env=env,
                              stdin=subprocess.DEVNULL)
    return run


def test_the_child_guard_catches_a_deliberate_connection(offline_python):
    proc = offline_python("-c", "import socket; socket.create_connection(('127.0.0.1', 9))")
    assert proc.returncode == 97 and "NETVAERK: socket" in proc.stderr


def test_command_line_and_window_run_offline_in_a_child(offline_python, quarter_files, tmp_path):
    db = tmp_path / "du.sqlite"
    out = tmp_path / "ud.xml"
    for args in (["validate", quarter_files[0]], ["import", *quarter_files, "--db", db],
                 ["export", "--quarter", "20241", "--out", out, "--db", db, "--force"]):
        proc = offline_python("-m", "desktop", *args)
        assert proc.returncode in (0, 1), proc.stderr
        assert "NETVAERK" not in proc.stderr
    assert out.exists()
    proc = offline_python("-c", WINDOW, tmp_path / "ubrugt.sqlite")
    assert proc.returncode == 0, proc.stderr
    assert "NETVAERK" not in proc.stderr and "vindue" in proc.stdout, proc.stdout + proc.stderr

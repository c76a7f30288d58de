# The built-in hook for PySide6.QtGui, trimmed by installer/lean.py before PyInstaller looks for
# the libraries the collected plugins link.
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

from lean import keep_qt

hiddenimports, binaries, datas = keep_qt(*add_qt6_dependencies(__file__))

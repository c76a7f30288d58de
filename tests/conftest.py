import datetime as dt
import os

import pytest

# Headless Qt for any test that touches the GUI layer.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.checks import CheckSettings  # noqa: E402
from desktop.store import Store  # noqa: E402


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.sqlite"


@pytest.fixture
def store(db_path):
    s = Store(db_path)
    yield s
    s.close()


@pytest.fixture
def settings():
    return CheckSettings(today=dt.date(2030, 1, 1))


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's QApplication, with the app's Danish translators installed once for the
    whole GUI session (as desktop.ui.app.application does), so the GUI shows Danish."""
    from desktop.ui.app import install_danish
    install_danish(qapp)
    return qapp

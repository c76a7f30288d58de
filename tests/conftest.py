import atexit
import datetime as dt
import os
import shutil
import tempfile

import pytest
from hypothesis import settings as hypothesis_settings

# Headless Qt for any test that touches the GUI layer.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The log of the code under test, and of the command lines it starts, stays out of the user's
# log folder.
if "DU_INDBERETNING_LOG_DIR" not in os.environ:
    os.environ["DU_INDBERETNING_LOG_DIR"] = tempfile.mkdtemp(prefix="du-test-logs-")
    atexit.register(shutil.rmtree, os.environ["DU_INDBERETNING_LOG_DIR"], True)
# So do the automatic backups (desktop.store.autobackup).
if "DU_INDBERETNING_BACKUP_DIR" not in os.environ:
    os.environ["DU_INDBERETNING_BACKUP_DIR"] = tempfile.mkdtemp(prefix="du-test-backups-")
    atexit.register(shutil.rmtree, os.environ["DU_INDBERETNING_BACKUP_DIR"], True)

# CI runs the same examples every time, with no example database on disk; a longer, random run:
# HYPOTHESIS_PROFILE=fuzz (tests/helpers.py `examples` multiplies their counts by ten).
hypothesis_settings.register_profile("ci", derandomize=True, database=None, deadline=None,
                                     print_blob=True)
hypothesis_settings.register_profile("fuzz", deadline=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

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

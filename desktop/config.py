"""Where files live: platformdirs in production; tests pass explicit paths."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path, user_log_path

from desktop import APP_NAME

DB_NAME = "du-indberetning.sqlite"


def default_db_path() -> Path:
    return user_data_path(APP_NAME, appauthor=False, ensure_exists=True) / DB_NAME


def default_log_dir() -> Path:
    """The log folder; DU_INDBERETNING_LOG_DIR moves it (the tests keep theirs in a temp folder)."""
    folder = os.environ.get("DU_INDBERETNING_LOG_DIR")
    return Path(folder) if folder else user_log_path(APP_NAME, appauthor=False)


def default_backup_dir() -> Path:
    """Where the automatic backups go; DU_INDBERETNING_BACKUP_DIR moves it (the tests do)."""
    folder = os.environ.get("DU_INDBERETNING_BACKUP_DIR")
    return Path(folder) if folder else user_data_path(APP_NAME, appauthor=False) / "Sikkerhedskopier"

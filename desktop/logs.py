"""The app's log: unexpected errors with their traceback, for whoever has to find the bug.

One rotating file in the user's log folder, readable by the owner only, and never a CPR
number in it: a filter masks anything that looks like one in the message, its arguments and
the exception text before a line is written. No Qt here; the command line and the app share it.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from desktop.config import default_log_dir
from desktop.domain.cpr import mask_cprs

LOG_NAME = "du-indberetning.log"
log = logging.getLogger("desktop")


class MaskCpr(logging.Filter):
    """Rewrites a record so that no CPR number reaches any handler's output."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the line
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = mask_cprs(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_cprs(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_cprs(record.stack_info)
        return True


class PrivateFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file created readable by the owner only (where the OS allows), in a folder
    made on the first line written, so a run without errors leaves nothing behind."""

    def _open(self):
        path = Path(self.baseFilename)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # also a file left by an older version
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:
        """A log that cannot be written (a full disk, no rights) is let go quietly: the default
        prints a traceback on the console, which the user must never see."""


def setup(folder: Path | str | None = None) -> Path:
    """Send the app's log to the log file (once; again with another folder moves it)."""
    path = Path(folder or default_log_dir()) / LOG_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, PrivateFileHandler):
            if Path(handler.baseFilename) == path.absolute():
                return path
            root.removeHandler(handler)
            handler.close()
    handler = PrivateFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8",
                                 delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskCpr())
    root.addHandler(handler)
    return path


def log_path() -> Path | None:
    """The file the log goes to, once setup() has run."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, PrivateFileHandler):
            return Path(handler.baseFilename)
    return None


def unexpected(exc_info, where: str = "") -> Path | None:
    """Log an exception nobody expected, with its traceback; returns the log file to name in
    the Danish message the user sees."""
    log.error("Uventet fejl%s", f" ({where})" if where else "", exc_info=exc_info)
    return log_path()

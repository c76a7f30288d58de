"""Errors every layer shares: the Danish reason for a file system error, and the self-test's
failed step (raised by desktop.selftest and its Qt half, desktop.ui.selfcheck)."""

from __future__ import annotations

import errno


_ERRNO_DA = {errno.ENOSPC: "disken er fuld",
             errno.EROFS: "drevet er skrivebeskyttet (kun til læsning)",
             errno.ENAMETOOLONG: "filnavnet er for langt",
             errno.EPIPE: "modtageren af uddata lukkede forbindelsen",
             getattr(errno, "EDQUOT", -1): "der er ikke mere plads til brugeren på disken"}


def os_reason(exc: OSError) -> str:
    """A Danish reason for a file system error (strerror is English)."""
    for kind, text in ((FileNotFoundError, "filen eller mappen findes ikke"),
                       (IsADirectoryError, "det er en mappe, ikke en fil"),
                       (NotADirectoryError, "en del af stien er ikke en mappe"),
                       (PermissionError, "adgang nægtet")):
        if isinstance(exc, kind):
            return text
    if exc.errno in _ERRNO_DA:
        return _ERRNO_DA[exc.errno]
    return f"fejl i filsystemet (fejlkode {exc.errno})" if exc.errno else "fejl i filsystemet"


class StepFailed(Exception):
    """A self-test step that did not work, with a Danish reason."""

"""Is there a screen to show a window on? Asked before Qt starts, because Qt aborts the whole
process (exit 134, an English hint about reinstalling) when its platform plugin finds none.
No Qt here."""

from __future__ import annotations

import os
import re
import socket
import sys

# Platforms that need no display server.
_HEADLESS = {"offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs", "vkkhrdisplay"}

NO_DISPLAY = (
    "Vinduet kan ikke vises: der er ingen skærm (intet skrivebord) på denne maskine, så "
    "programmet er ikke startet.\n"
    "Start det på en pc med skrivebord, eller brug kommandolinjen, som virker uden skærm:\n"
    "  du-indberetning --help          alle kommandoer (validate, import, export, demo)\n"
    "  du-indberetning demo MAPPE      en demodatabase og kvartalsfiler at prøve dem på\n"
    "\n"
    "The window cannot be shown: this machine has no display (no desktop), so the program has "
    "not started.\n"
    "Run it on a computer with a desktop, or use the command line, which needs no display:\n"
    "  du-indberetning --help          every command (validate, import, export, demo)\n"
    "  du-indberetning demo FOLDER     a demo database and quarter files to try them on\n")


def _x_server_answers(display: str) -> bool:
    """A local X display (":N"): does its socket take a connection? Others are assumed to."""
    m = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
    if not m:
        return True  # host:N over the network, or a form we don't know: let Qt try
    path = f"/tmp/.X11-unix/X{m[1]}"
    for address in ("\0" + path, path):  # Linux's abstract socket first, then the file
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(2)
        try:
            s.connect(address)
            return True
        except OSError:
            continue
        finally:
            s.close()
    return False


def display_problem(platform: str | None = None, env=None) -> str | None:
    """NO_DISPLAY if Qt would find no screen on this machine, else None. platform: the Qt
    platform to be used (QT_QPA_PLATFORM, or Qt's default when empty)."""
    env = os.environ if env is None else env
    if sys.platform in ("win32", "darwin"):
        return None  # Windows and macOS always have their own screen
    platform = (env.get("QT_QPA_PLATFORM", "") if platform is None else platform)
    name = platform.split(":")[0].split(";")[0].strip().lower()
    if name in _HEADLESS:
        return None
    x11, wayland = env.get("DISPLAY", ""), env.get("WAYLAND_DISPLAY", "")
    if name.startswith("wayland"):
        return None if wayland else NO_DISPLAY
    if name == "xcb":
        return None if x11 and _x_server_answers(x11) else NO_DISPLAY
    if wayland:
        return None
    return None if x11 and _x_server_answers(x11) else NO_DISPLAY

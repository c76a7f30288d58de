"""What of Qt and pycountry goes into the frozen build: only what the app uses.

The app uses QtCore, QtGui and QtWidgets. PyInstaller's Qt hooks would also bring every plugin of
those modules (GTK and Wayland themes, EGL, SVG, network information, …) with the libraries they
link, and the translations of every language. The hooks in installer/hooks/ pass their lists
through `keep_qt`, before PyInstaller looks for linked libraries, so what a dropped plugin links is
never collected either. The spec passes pycountry's data through `keep_pycountry`.
"""

from __future__ import annotations

from pathlib import PurePath

# Qt plugins kept, by folder; a folder not named here is left out. None keeps the whole folder.
KEEP_PLUGINS: dict[str, set[str] | None] = {
    "platforms": {"qxcb", "qoffscreen", "qwindows", "qcocoa"},  # the screen, and --self-test
    "xcbglintegrations": None,  # the xcb platform asks for one
    "platforminputcontexts": {"composeplatforminputcontextplugin"},  # dead keys (´ ¨) on Linux
    "styles": None,  # the native look on Windows and macOS
    "imageformats": {"qjpeg", "qgif", "qico"},  # PNG is built in; these are small
}
# desktop/ui/app.py loads Qt's own Danish for the standard buttons ("Gem", "Annuller").
KEEP_TRANSLATIONS = {"qtbase_da.qm"}
# desktop/domain/codes.py reads ISO 3166 (current and historic) with the Danish names; the rest of
# pycountry's data is 22 MB of other standards and languages.
KEEP_PYCOUNTRY = {"databases/iso3166-1.json", "databases/iso3166-3.json",
                  "locales/da/LC_MESSAGES/iso3166-1.mo"}


def plugin_name(path: PurePath) -> str:
    stem = path.name.split(".")[0]  # libqxcb.so -> libqxcb, qwindows.dll -> qwindows
    return stem[3:] if stem.startswith("lib") else stem


def keep_qt_file(dest: str | PurePath) -> bool:
    """Whether a file from the Qt hooks, by its place in the bundle (PySide6/Qt/plugins/… on
    Linux and macOS, PySide6/plugins/… on Windows), belongs in the build."""
    parts = PurePath(dest).parts
    if parts[:1] != ("PySide6",):
        return True
    if "plugins" in parts:
        i = parts.index("plugins")
        if len(parts) <= i + 2:  # the plugins folder itself, or a file directly in it
            return True
        kept = KEEP_PLUGINS.get(parts[i + 1], set())
        return kept is None or plugin_name(PurePath(dest)) in kept
    if "translations" in parts:
        return parts[-1] in KEEP_TRANSLATIONS
    return True


def keep_qt(hiddenimports: list, binaries: list, datas: list) -> tuple[list, list, list]:
    """Filter a Qt hook's (source file, destination folder) lists."""
    def kept(entries: list) -> list:
        return [(src, dest) for src, dest in entries
                if keep_qt_file(PurePath(dest, PurePath(src).name))]
    return hiddenimports, kept(binaries), kept(datas)


def keep_pycountry(dest: str) -> bool:
    """For a collected file by its place in the bundle: drop pycountry's unused data."""
    parts = PurePath(dest).parts
    if parts[0] != "pycountry" or len(parts) < 3 or parts[1] not in ("databases", "locales"):
        return True
    return "/".join(parts[1:]) in KEEP_PYCOUNTRY

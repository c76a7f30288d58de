"""The installer's sources, tested where no Windows build can run: the Inno Setup script rendered
from its template (version, paths, privileges, languages, the user's data left alone, and a
syntax check of every line), what the build keeps of Qt, and the icon files."""

import re
import struct
import sys
from pathlib import Path, PureWindowsPath

import pytest

from desktop import APP_NAME, __version__

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "installer"))

import layout  # noqa: E402
import lean  # noqa: E402
import render_iss  # noqa: E402

# Inno Setup 6 names this script may use; anything else is a typo the compiler would reject.
SETUP_DIRECTIVES = {
    "AppId", "AppName", "AppVersion", "AppVerName", "AppPublisher", "AppComments",
    "VersionInfoVersion", "VersionInfoProductName", "VersionInfoProductVersion",
    "VersionInfoDescription", "PrivilegesRequired", "DefaultDirName", "DisableProgramGroupPage",
    "UsePreviousAppDir", "SourceDir", "OutputDir", "OutputBaseFilename", "SetupIconFile",
    "UninstallDisplayIcon", "UninstallDisplayName", "ArchitecturesAllowed",
    "ArchitecturesInstallIn64BitMode", "MinVersion", "WizardStyle", "Compression",
    "SolidCompression", "ShowLanguageDialog", "LanguageDetectionMethod",
}
ENTRY_PARAMETERS = {
    "Languages": {"Name", "MessagesFile"},
    "Tasks": {"Name", "Description", "GroupDescription", "Flags"},
    "InstallDelete": {"Type", "Name"},
    "Files": {"Source", "DestDir", "Flags"},
    "Icons": {"Name", "Filename", "Comment", "Tasks"},
    "Run": {"Filename", "Description", "Flags"},
}
STANDARD_MESSAGES = {"LaunchProgram", "CreateDesktopIcon", "AdditionalIcons"}  # in every .isl
PARAMETER = re.compile(r'\s*(\w+):\s*("(?:[^"]|"")*"|[^;"]*)\s*(?:;|$)')


@pytest.fixture(scope="module")
def iss(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "windows" / "du-indberetning.iss"
    return out, render_iss.render(out).read_bytes()


def sections(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        header = re.fullmatch(r"\[(\w+)\]", line.strip())
        if header:
            current = header.group(1)
            assert current not in found, f"[{current}] twice"
            found[current] = []
        elif current == "Code" or (line.strip() and not line.lstrip().startswith(";")):
            assert current is not None, f"line before any section: {line!r}"
            found[current].append(line)
    return found


def setup(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in sections(text)["Setup"])


def entries(text: str, section: str) -> list[dict[str, str]]:
    rows = []
    for line in sections(text)[section]:
        params, rest = {}, line
        while rest.strip():
            m = PARAMETER.match(rest)
            assert m, f"[{section}] does not parse: {line!r}"
            value = m.group(2).strip()
            params[m.group(1)] = value[1:-1].replace('""', '"') if value.startswith('"') else value
            rest = rest[m.end():]
        rows.append(params)
    return rows


def text_of(iss) -> str:
    return iss[1].decode("utf-8-sig")


def test_rendered_as_utf8_with_bom_and_crlf_for_inno_setup(iss):
    _, data = iss
    assert data.startswith(b"\xef\xbb\xbf")  # Inno reads æøå only from UTF-8 with a BOM
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert "Installér" in text_of(iss)


def test_every_placeholder_is_filled(iss):
    text = text_of(iss)
    assert not re.search(r"@[A-Z_]+@", text)
    assert "{#" not in text  # no preprocessor values left for ISCC to fill


def test_every_line_is_valid_inno_syntax(iss):
    text = text_of(iss)
    found = sections(text)
    assert set(found) == {"Setup", "Languages", "CustomMessages", "Tasks", "InstallDelete",
                          "Files", "Icons", "Run", "Code"}
    for line in found["Setup"] + found["CustomMessages"]:
        assert re.fullmatch(r"[\w.]+=.+", line), line
    assert set(setup(text)) <= SETUP_DIRECTIVES
    for section, allowed in ENTRY_PARAMETERS.items():
        for row in entries(text, section):
            assert row and set(row) <= allowed, (section, row)
    code = "\n".join(found["Code"]).lower()
    assert len(re.findall(r"\bbegin\b", code)) == len(re.findall(r"\bend\b", code))


def test_version_comes_from_the_package(iss):
    s = setup(text_of(iss))
    assert s["AppVersion"] == __version__
    assert s["AppName"] == APP_NAME
    assert s["VersionInfoVersion"] == render_iss.numeric_version(__version__)
    assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", s["VersionInfoVersion"])
    assert s["VersionInfoVersion"].startswith(__version__.split("+")[0].split("rc")[0])
    assert s["OutputBaseFilename"] == f"{APP_NAME}-{__version__}-setup"
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", s["AppId"])


def test_numeric_version():
    assert render_iss.numeric_version("0.1.0") == "0.1.0.0"
    assert render_iss.numeric_version("1.2rc1") == "1.2.0.0"
    assert render_iss.numeric_version("2.0.1.5.6") == "2.0.1.5"


def test_per_user_install_without_admin_rights_away_from_the_data(iss):
    s = setup(text_of(iss))
    assert s["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in s  # nobody is asked for admin rights
    # {autopf} is %LOCALAPPDATA%\Programs when installing for the user only; the data folder
    # (platformdirs, desktop/config.py) is %LOCALAPPDATA%\DU-indberetning.
    assert s["DefaultDirName"] == rf"{{autopf}}\{APP_NAME}"
    data = rf"{{localappdata}}\{APP_NAME}"
    assert s["DefaultDirName"].replace("{autopf}", r"{localappdata}\Programs") != data


def test_nothing_deletes_the_users_data(iss):
    text = text_of(iss)
    found = sections(text)
    assert "UninstallDelete" not in found
    for row in entries(text, "InstallDelete"):
        assert row["Name"].startswith("{app}\\") and row["Name"] != "{app}\\", row
    code = "\n".join(found["Code"])
    assert not re.search(r"DelTree|DeleteFile|RemoveDir|DelayDeleteFile", code, re.I)
    # The data folder is named once, in the message that says it stays.
    assert text.count(rf"{{localappdata}}\{APP_NAME}") == 1
    assert "CustomMessage('DataKept')" in code


def test_danish_and_english_texts(iss):
    text = text_of(iss)
    languages = {row["Name"]: row["MessagesFile"] for row in entries(text, "Languages")}
    assert languages == {"danish": r"compiler:Languages\Danish.isl",
                         "english": "compiler:Default.isl"}
    custom: dict[str, set[str]] = {}
    for line in sections(text)["CustomMessages"]:
        language, name = line.split("=", 1)[0].split(".")
        custom.setdefault(name, set()).add(language)
    assert custom and all(langs == set(languages) for langs in custom.values()), custom
    used = set(re.findall(r"\{cm:(\w+)", text)) | set(re.findall(r"CustomMessage\('(\w+)'\)", text))
    assert used <= set(custom) | STANDARD_MESSAGES, used - set(custom) - STANDARD_MESSAGES


def test_paths_match_the_build_layout(iss):
    out, _ = iss
    text = text_of(iss)
    s = setup(text)
    source = (out.parent / PureWindowsPath(s["SourceDir"]).as_posix()).resolve()
    assert source == layout.ROOT
    assert (source / PureWindowsPath(s["SetupIconFile"]).as_posix()).is_file()
    assert (source / s["OutputDir"]).resolve() == layout.DIST
    for row in entries(text, "Files"):
        path = source / PureWindowsPath(row["Source"]).as_posix()
        if "*" in path.name:  # the folder build.py makes
            assert path.parent == layout.APP_DIR, row
            if path.parent.exists():
                assert any(path.parent.iterdir())
        else:
            assert path.is_file(), row
    program = rf"{{app}}\{layout.EXE_NAME}.exe"  # the spec's window program on Windows
    assert s["UninstallDisplayIcon"] == program
    assert {row["Filename"] for row in entries(text, "Icons") + entries(text, "Run")} == {program}
    start_menu = [row for row in entries(text, "Icons") if row["Name"].startswith("{autoprograms}")]
    assert [row["Name"] for row in start_menu] == [rf"{{autoprograms}}\{APP_NAME}"]


def test_a_template_placeholder_without_a_value_is_an_error(tmp_path, monkeypatch):
    template = tmp_path / "t.iss.in"
    template.write_text("[Setup]\nAppVersion=@VERSION@\nAppName=@NO_SUCH_VALUE@\n",
                        encoding="utf-8")
    monkeypatch.setattr(render_iss, "ISS_TEMPLATE", template)
    with pytest.raises(ValueError, match="@NO_SUCH_VALUE@"):
        render_iss.render_text(tmp_path / "x.iss")


# What the build keeps of Qt and pycountry (installer/lean.py) --------------------------------

@pytest.mark.parametrize("path, kept", [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
    ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", True),
    (r"PySide6\plugins\platforms\qwindows.dll", True),
    (r"PySide6\plugins\styles\qmodernwindowsstyle.dll", True),
    (r"PySide6\plugins\platforms\qdirect2d.dll", False),
    (r"PySide6\translations\qtbase_da.qm", True),
    ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
    ("PySide6/Qt/translations/qtbase_da.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qt_help_da.qm", False),
    ("PySide6/Qt/lib/libQt6Core.so.6", True),
    ("myapp/plugins/whatever/libx.so", True),  # only PySide6's own folders are trimmed
])
def test_the_qt_files_kept(path, kept):
    assert lean.keep_qt_file(PureWindowsPath(path) if "\\" in path else path) is kept


def test_the_kept_plugins_exist_in_this_pyside6():
    """A renamed plugin would silently leave the build without a screen to draw on."""
    from PySide6.QtCore import QLibraryInfo
    plugins = Path(QLibraryInfo.path(QLibraryInfo.PluginsPath))
    present = {(p.parent.name, lean.plugin_name(p)) for p in plugins.glob("*/*") if p.is_file()}
    here = {"linux": {"qxcb", "qoffscreen"}, "win32": {"qwindows", "qoffscreen"},
            "darwin": {"qcocoa", "qoffscreen"}}.get(sys.platform, {"qoffscreen"})
    assert {("platforms", name) for name in here} <= present
    entries = [(str(p), f"PySide6/Qt/plugins/{p.parent.name}") for p in plugins.glob("*/*")]
    _, kept, _ = lean.keep_qt([], entries, [])
    kept_names = {(Path(dest).name, lean.plugin_name(Path(src))) for src, dest in kept}
    assert {("platforms", name) for name in here} <= kept_names
    assert ("platformthemes", "qgtk3") not in kept_names
    assert len(kept) < len(entries) / 3


def test_pycountry_keeps_iso3166_in_danish():
    assert lean.keep_pycountry("pycountry/databases/iso3166-1.json")
    assert lean.keep_pycountry("pycountry/locales/da/LC_MESSAGES/iso3166-1.mo")
    assert not lean.keep_pycountry("pycountry/databases/iso639-3.json")
    assert not lean.keep_pycountry("pycountry/locales/de/LC_MESSAGES/iso3166-1.mo")
    assert lean.keep_pycountry("pycountry/__init__.py")
    import pycountry
    for name in lean.KEEP_PYCOUNTRY:  # the files kept are the ones pycountry has
        assert (Path(pycountry.__file__).parent / name).is_file(), name


# The icon -------------------------------------------------------------------------------------

ICONS = ROOT / "resources" / "icons"


def test_the_icon_files_hold_every_size(qapp):
    from PySide6.QtGui import QImage, QImageReader
    for size in (16, 24, 32, 48, 64, 128, 256):
        image = QImage(str(ICONS / f"du-indberetning-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # drawn, not empty
    reader = QImageReader(str(ICONS / "du-indberetning.ico"))
    sizes = []
    for i in range(reader.imageCount()):
        reader.jumpToImage(i)
        image = reader.read()
        assert not image.isNull()
        sizes.append(image.width())
    assert sorted(sizes) == [16, 24, 32, 48, 64, 256]


def test_the_icns_is_a_well_formed_container():
    data = (ICONS / "du-indberetning.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    kinds, at = [], 8
    while at < len(data):
        kind, length = data[at:at + 4].decode("ascii"), struct.unpack(">I", data[at + 4:at + 8])[0]
        assert data[at + 8:at + 16] == b"\x89PNG\r\n\x1a\n", kind
        kinds.append(kind)
        at += length
    assert at == len(data)
    assert {"ic07", "ic08", "ic09", "ic10"} <= set(kinds)


def test_the_app_sets_its_window_icon(qapp):
    from desktop.ui.app import app_icon, application
    icon = app_icon()
    assert {s.width() for s in icon.availableSizes()} == {16, 24, 32, 48, 64, 128, 256}
    assert not application().windowIcon().isNull()

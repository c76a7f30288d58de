"""The Danish user guide and the Help menu: F1 opens the guide in a window of its own, with
its screenshots, contents and find; About names the version; a missing guide is explained."""

import re
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt, QUrl, qVersion  # noqa: E402
from PySide6.QtGui import QImage, QKeySequence, QTextDocument  # noqa: E402

from desktop import __version__  # noqa: E402
from desktop.resources import guide_path  # noqa: E402
from desktop.ui import help_window  # noqa: E402
from desktop.ui.guide_browser import slug  # noqa: E402
from desktop.ui.help_window import HelpWindow  # noqa: E402
from tests.helpers import demo_window  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GUIDE = guide_path()
REQUIRED = ["Installation", "Første start og indstillinger", "Ny kursist",
            "Modulplaceringer og månedlig undervisning", "Hold og kvartalets undervisning",
            "Prøver", "Fejl og advarsler",
            "Dan indberetningsfilen", "Indlæs en fil fra et andet system", "Sikkerhedskopier",
            "Tastaturgenveje", "Hvis noget går galt"]
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


def headings(markdown: str, level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} (.+?)\s*$", markdown, flags=re.M)


@pytest.fixture
def window(qtbot, tmp_path):
    with demo_window(qtbot, tmp_path) as w:
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow)  # F1 is a shortcut of the active window
        yield w


@pytest.fixture
def guide(qtbot):
    h = HelpWindow()
    qtbot.addWidget(h)
    h.show()
    qtbot.waitExposed(h)
    return h


def test_the_guide_lives_where_the_app_and_a_frozen_build_look_for_it():
    assert GUIDE == ROOT / "docs" / "brugervejledning.md"
    assert GUIDE.is_file()


def test_the_guide_has_every_section_the_clerk_needs():
    assert headings(GUIDE.read_text(encoding="utf-8"), 2) == REQUIRED


def test_f1_opens_the_guide_in_its_own_window_and_a_second_f1_reuses_it(window, qtbot):
    assert window.help_menu.guide_action.shortcut() == QKeySequence(QKeySequence.HelpContents)
    qtbot.keyClick(window, Qt.Key_F1)
    guide = window.help_menu.guide
    assert guide is not None and guide.isVisible()
    assert guide.windowTitle() == "Brugervejledning – DU-indberetning"
    text = guide.browser.toPlainText()
    assert "Brugervejledning til DU-indberetning" in text
    assert "Tag sikkerhedskopi nu" in text
    contents = [guide.contents.topLevelItem(i).text(0)
                for i in range(guide.contents.topLevelItemCount())]
    assert contents == REQUIRED

    guide.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    qtbot.keyClick(window, Qt.Key_F1)
    assert window.help_menu.guide is guide and guide.isVisible()
    assert len(window.findChildren(HelpWindow)) == 1


def test_the_help_menu_is_danish(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-1] == "&Hjælp"
    menu = window.menuBar().actions()[-1].menu()
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "&Brugervejledning", "&Om DU-indberetning"]


def test_every_image_in_the_guide_exists_and_is_shown_not_broken(guide):
    names = _IMAGE.findall(GUIDE.read_text(encoding="utf-8"))
    assert len(names) >= 10
    doc = guide.browser.document()
    assert sorted(guide.browser.images) == sorted(set(names))
    for name in names:
        on_disk = QImage(str(GUIDE.parent / name))
        assert not on_disk.isNull(), name
        loaded = guide.browser.images[name]  # as the document loaded it from the guide's folder
        assert not loaded.isNull() and loaded.size() == on_disk.size(), name
        shown = doc.resource(QTextDocument.ImageResource, QUrl(name))
        assert isinstance(shown, QImage) and not shown.isNull(), name
        room = guide.browser.viewport().width()
        assert shown.width() / shown.devicePixelRatio() <= room, name  # fits the window


def test_an_image_missing_beside_the_guide_would_be_caught(qtbot, tmp_path):
    copy = tmp_path / "brugervejledning.md"  # the guide without its screenshots folder
    copy.write_text(GUIDE.read_text(encoding="utf-8"), encoding="utf-8")
    h = HelpWindow(path=copy)
    qtbot.addWidget(h)
    assert h.browser.images and all(image.isNull() for image in h.browser.images.values())


def test_the_guide_s_links_and_contents_go_to_their_headings_and_back(guide, qtbot):
    markdown = GUIDE.read_text(encoding="utf-8")
    anchors = {slug(h) for level in (2, 3) for h in headings(markdown, level)}
    links = re.findall(r"\]\(#([^)]+)\)", markdown)
    assert links and set(links) <= anchors

    bar = guide.browser.verticalScrollBar()
    assert bar.value() == 0 and not guide.back_action.isEnabled()
    last = guide.contents.topLevelItem(guide.contents.topLevelItemCount() - 1)
    guide.contents.itemClicked.emit(last, 0)
    assert bar.value() > 0
    cursor = guide.browser.cursorForPosition(guide.browser.viewport().rect().topLeft())
    # the heading is in view (at its top, or the view is scrolled as far as it goes)
    doc = guide.browser.document()
    block = doc.begin()
    while block.isValid() and "Hvis noget går galt" not in block.text():
        block = block.next()
    y = doc.documentLayout().blockBoundingRect(block).top()
    height = guide.browser.viewport().height()
    # the layout's y may fall on a half pixel that the scroll bar's integer value rounds up
    assert bar.value() - 1 < y < bar.value() + height, (y, bar.value(), cursor.block().text())
    assert guide.back_action.isEnabled()
    guide.back_action.trigger()
    assert bar.value() == 0
    assert guide.forward_action.isEnabled() and not guide.back_action.isEnabled()
    guide.forward_action.trigger()
    assert bar.value() > 0


def test_find_in_the_guide(guide, qtbot):
    qtbot.keyClick(guide, Qt.Key_F, Qt.ControlModifier)
    assert guide.find_bar.isVisible()
    qtbot.keyClicks(guide.find_edit, "modulus 11")
    qtbot.keyClick(guide.find_edit, Qt.Key_Return)
    first = guide.browser.textCursor()
    assert first.selectedText() == "modulus 11"
    guide.find_next()
    assert guide.browser.textCursor().position() > first.position()
    guide.find_edit.setText("ikke i vejledningen xyz")
    guide.find_next()
    assert guide.find_status.text() == "Ikke fundet"


def test_about_names_the_version_the_format_the_database_and_qt(window):
    box = window.help_menu.show_about()
    assert box.windowTitle() == "Om DU-indberetning"
    text = box.text()
    assert f"DU-indberetning {__version__}" in text
    assert "filformat v1.8" in text
    assert str(window.ws.store.path) in text
    assert f"Qt {qVersion()}" in text
    box.close()


def test_a_missing_guide_is_explained_in_danish(window, qtbot, monkeypatch, tmp_path):
    missing = tmp_path / "docs" / "brugervejledning.md"
    monkeypatch.setattr(help_window, "guide_path", lambda: missing)
    qtbot.keyClick(window, Qt.Key_F1)
    guide = window.help_menu.guide
    assert guide.isVisible()
    text = guide.browser.toPlainText()
    assert "Brugervejledningen kan ikke åbnes" in text
    assert str(missing) in text and "findes ikke" in text
    assert not guide.contents.isVisible()


def test_every_screenshot_the_readme_and_the_guide_show_exists():
    for page in (ROOT / "README.md", GUIDE):
        names = _IMAGE.findall(page.read_text(encoding="utf-8"))
        assert names, page
        for name in names:
            assert (page.parent / name).is_file(), f"{page.name}: {name}"

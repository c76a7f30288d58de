"""The user guide's page: Qt's own Markdown rendering, dressed for reading.

Headings get the anchors GitHub gives them, so the guide's internal links work here and on
GitHub alike; screenshots come from the guide's folder and are scaled smoothly to the window.
Nothing is fetched from the internet.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import (QColor, QDesktopServices, QImage, QPainter, QTextBlockFormat,
                          QTextCharFormat, QTextCursor, QTextDocument, QTextFrameFormat,
                          QTextTable)
from PySide6.QtWidgets import QTextBrowser

_MARGIN = 24  # around the text, and what an image keeps free of the window's edge


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _framed(image: QImage) -> QImage:
    framed = image.convertToFormat(QImage.Format_ARGB32_Premultiplied)
    painter = QPainter(framed)
    painter.setPen(QColor("#b0b0b0"))
    painter.drawRect(framed.rect().adjusted(0, 0, -1, -1))
    painter.end()
    return framed


class GuideBrowser(QTextBrowser):
    """The guide, loaded once and dressed: heading anchors, table borders, line spacing, and
    images no wider than the window. Links within the guide move through a history of its
    own (QTextBrowser's would reload the page and lose the dressing)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._follow)
        self.headings: list[tuple[int, str, str]] = []  # (level, text, anchor)
        self.images: dict[str, QImage] = {}  # by name in the text, as loaded from the file
        self._back: list[int] = []  # scroll positions
        self._ahead: list[int] = []
        self.document().setDocumentMargin(_MARGIN)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() + 1.5)
        self.setFont(font)

    def show_markdown(self, text: str, folder: Path) -> None:
        """The guide's text; its images are looked up in its folder."""
        self.images, self._back, self._ahead = {}, [], []
        self.setSearchPaths([str(folder)])
        self.document().setBaseUrl(QUrl.fromLocalFile(str(folder) + "/"))
        self.setMarkdown(text)
        self._dress()
        self._history_changed()

    # History ---------------------------------------------------------------------------
    def go_to(self, anchor: str) -> None:
        """Scroll to a heading, remembering where we were for Back."""
        here = self.verticalScrollBar().value()
        self.scrollToAnchor(anchor)
        if self.verticalScrollBar().value() != here:
            self._back.append(here)
            self._ahead.clear()
            self._history_changed()

    def backward(self) -> None:  # also Alt+Left in the browser itself
        self._step(self._back, self._ahead)

    def forward(self) -> None:
        self._step(self._ahead, self._back)

    def _step(self, source: list[int], target: list[int]) -> None:
        if source:
            target.append(self.verticalScrollBar().value())
            self.verticalScrollBar().setValue(source.pop())
            self._history_changed()

    def _history_changed(self) -> None:
        self.backwardAvailable.emit(bool(self._back))
        self.forwardAvailable.emit(bool(self._ahead))

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.hasFragment():
            self.go_to(url.fragment(QUrl.FullyDecoded))

    def _load_image(self, name: str) -> QImage:
        """An image of the page as the document loads it (from the guide's folder); a null
        image when it cannot be loaded, where Qt would draw its broken-image icon."""
        data = self.document().resource(QTextDocument.ImageResource, QUrl(name))
        if isinstance(data, QImage):
            return data
        if hasattr(data, "toImage"):  # QPixmap
            return data.toImage()
        image = QImage()
        if data is not None:
            image.loadFromData(bytes(data))
        return image

    @staticmethod
    def _block_images(block) -> list[str]:
        names, fragments = [], block.begin()
        while not fragments.atEnd():
            name = fragments.fragment().charFormat().toImageFormat().name()
            if name:
                names.append(name)
            fragments += 1
        return names

    def _dress(self) -> None:
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        self.headings, self.images = [], {}
        spacing = QTextBlockFormat()
        spacing.setLineHeight(125, QTextBlockFormat.ProportionalHeight.value)
        block = doc.begin()
        while block.isValid():
            cursor.setPosition(block.position())
            cursor.setPosition(block.position() + block.length() - 1, QTextCursor.KeepAnchor)
            if not self._block_images(block):  # a proportional height would pad the picture
                cursor.mergeBlockFormat(spacing)
            level = block.blockFormat().headingLevel()
            if level:
                anchor = QTextCharFormat()
                anchor.setAnchor(True)
                anchor.setAnchorNames([slug(block.text())])
                cursor.mergeCharFormat(anchor)
                self.headings.append((level, block.text(), slug(block.text())))
            for name in self._block_images(block):
                if name not in self.images:
                    self.images[name] = self._load_image(name)
            block = block.next()
        for frame in doc.rootFrame().childFrames():
            if isinstance(frame, QTextTable):
                table = frame.format()
                table.setBorder(1)
                table.setBorderStyle(QTextFrameFormat.BorderStyle_Solid)
                table.setBorderBrush(QColor("#c8c8c8"))
                table.setBorderCollapse(True)
                table.setCellPadding(6)
                table.setCellSpacing(0)
                frame.setFormat(table)
        cursor.endEditBlock()
        self._fit_images()

    def _fit_images(self) -> None:
        """Each image scaled down smoothly to the window's width, in the screen's own pixels
        (Qt would otherwise scale it roughly while painting)."""
        doc = self.document()
        room = max(self.viewport().width() - 2 * _MARGIN - 4, 200)
        ratio = self.devicePixelRatioF()
        for name, image in self.images.items():
            if image.isNull():
                continue
            scale = 1.0
            if image.width() > room:
                image = image.scaledToWidth(round(room * ratio), Qt.SmoothTransformation)
                scale = ratio
            image = _framed(image)  # a screenshot's edge is told apart from the page
            image.setDevicePixelRatio(scale)
            # resource() looks names up resolved against the base URL; addResource() does not
            doc.addResource(QTextDocument.ImageResource, doc.baseUrl().resolved(QUrl(name)), image)
        if self.images:
            doc.markContentsDirty(0, doc.characterCount())  # lay the images out again

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_images()

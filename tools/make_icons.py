"""Render the application icon from its SVG source into the files the app and the installers use.

    .venv/bin/python tools/make_icons.py

From resources/icons/du-indberetning.svg it writes, beside it:
- du-indberetning-<N>.png for N in PNG_SIZES: the window icon (desktop/ui/app.py) and Linux;
- du-indberetning.ico: the Windows program and installer icon (PyInstaller, Inno Setup);
- du-indberetning.icns: the macOS app bundle's icon (the spec's BUNDLE).

The files are committed: they are sources of the build, and this script only needs running again
after the SVG changes. Qt renders the SVG (QtSvg); the .ico and .icns containers are written
here, as both are a short header and a list of images.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "du-indberetning.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 256)  # 256 stored as PNG, the small ones as bitmaps
# ICNS element types holding PNG data, by pixel size (the @2x types reuse the larger renders).
ICNS_TYPES = (("icp4", 16), ("icp5", 32), ("ic11", 32), ("icp6", 64), ("ic12", 64),
              ("ic07", 128), ("ic08", 256), ("ic13", 256), ("ic09", 512), ("ic14", 512),
              ("ic10", 1024))


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format_ARGB32)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico_bitmap(image: QImage) -> bytes:
    """A 32-bit DIB icon image: header, bottom-up BGRA rows, then an all-zero AND mask (the
    alpha channel decides)."""
    size = image.width()
    rows = image.convertToFormat(QImage.Format_ARGB32).flipped(Qt.Vertical)  # BGRA in memory
    pixels = bytes(rows.constBits())[: size * size * 4]
    mask = bytes(((size + 31) // 32) * 4 * size)
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, len(pixels) + len(mask),
                         0, 0, 0, 0)
    return header + pixels + mask


def ico(images: dict[int, QImage]) -> bytes:
    blobs = [(size, png_bytes(images[size]) if size >= 256 else ico_bitmap(images[size]))
             for size in ICO_SIZES]
    offset = 6 + 16 * len(blobs)
    out = [struct.pack("<HHH", 0, 1, len(blobs))]
    for size, blob in blobs:
        dim = 0 if size >= 256 else size  # 0 means 256
        out.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        offset += len(blob)
    return b"".join(out) + b"".join(blob for _, blob in blobs)


def icns(images: dict[int, QImage]) -> bytes:
    elements = b"".join(kind.encode("ascii") + struct.pack(">I", 8 + len(data)) + data
                        for kind, data in ((k, png_bytes(images[s])) for k, s in ICNS_TYPES))
    return b"icns" + struct.pack(">I", 8 + len(elements)) + elements


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        sys.exit(f"{SVG} is not a valid SVG")
    sizes = set(PNG_SIZES) | set(ICO_SIZES) | {s for _, s in ICNS_TYPES}
    images = {size: render(renderer, size) for size in sorted(sizes)}
    for size in PNG_SIZES:
        path = ICONS / f"du-indberetning-{size}.png"
        path.write_bytes(png_bytes(images[size]))
        print(path)
    for path, data in ((ICONS / "du-indberetning.ico", ico(images)),
                       (ICONS / "du-indberetning.icns", icns(images))):
        path.write_bytes(data)
        print(path)


if __name__ == "__main__":
    main()

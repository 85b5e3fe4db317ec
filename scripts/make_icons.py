"""Render the app icon (resources/icons/relate.svg) into every file format a platform wants.

Run from the repo root after changing the SVG, in the dev venv (it needs only PySide6):

    python scripts/make_icons.py

Writes, and overwrites:
  resources/icons/hicolor/<n>x<n>/apps/relate.png   Linux desktops (freedesktop icon theme)
  resources/icons/relate.ico                        the Windows executable (PyInstaller)
  resources/icons/relate.icns                       the macOS .app bundle (PyInstaller)

Qt's own SVG renderer draws the PNGs; both containers hold PNG images, which Windows
(Vista on) and macOS (10.7 on) read, so no image library or platform tool is needed.
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

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "relate.svg"

# The sizes of the freedesktop hicolor theme that desktops ask for most.
HICOLOR_SIZES = (16, 32, 48, 64, 128, 256, 512)
# Windows picks from these for the taskbar, Explorer's views and the title bar.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# The PNG-holding ICNS types and their pixel sizes (the @2x ones share a size with others).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),  # 512@2x
    (b"ic11", 32),  # 16@2x
    (b"ic12", 64),  # 32@2x
    (b"ic13", 256),  # 128@2x
    (b"ic14", 512),  # 256@2x
)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The icon drawn at size x size pixels, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"cannot encode the {size}px icon as PNG")
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding the PNG images, smallest first."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        png = pngs[size]
        side = 0 if size >= 256 else size  # 0 stands for 256 in the one-byte fields
        # width, height, palette colours, reserved, colour planes, bits per pixel, size, offset
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: a big-endian list of (type, length, PNG) records."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"make_icons: cannot read {SVG}", file=sys.stderr)
        return 1
    wanted = set(HICOLOR_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES}
    pngs = {size: render_png(renderer, size) for size in sorted(wanted)}
    for size in HICOLOR_SIZES:
        target = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "relate.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
        print(target.relative_to(ICONS.parent.parent))
    (ICONS / "relate.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (ICONS / "relate.icns").write_bytes(icns_bytes(pngs))
    print(ICONS.relative_to(ICONS.parent.parent) / "relate.ico")
    print(ICONS.relative_to(ICONS.parent.parent) / "relate.icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())

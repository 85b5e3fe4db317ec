"""PDF pages as images, for previewing and printing the brief.

QtPdf would do this, but it ships only in the 175 MB PySide6-Addons wheel; pdfium (the
PDF engine of Chrome), through the 4 MB pypdfium2 wheel, renders the same pages.
"""

from __future__ import annotations

import pypdfium2
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage


class PdfPages:
    """A PDF held in memory, each page drawable at any size."""

    def __init__(self, pdf: bytes) -> None:
        self._pdf = bytes(pdf)  # pdfium reads from it for as long as the document lives
        self._document = pypdfium2.PdfDocument(self._pdf)

    def __len__(self) -> int:
        return len(self._document)

    def size(self, index: int) -> QSizeF:
        """A page's size in points (1/72 inch)."""
        width, height = self._document[index].get_size()
        return QSizeF(width, height)

    def render(self, index: int, width: int) -> QImage:
        """A page drawn `width` pixels wide (its height in proportion)."""
        page = self._document[index]
        scale = width / page.get_size()[0]
        bitmap = page.render(scale=scale, rev_byteorder=True)  # RGB, as QImage reads it
        image = QImage(
            bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888
        )
        return image.copy()  # its own pixels: the bitmap's go with the bitmap

    def close(self) -> None:
        self._document.close()

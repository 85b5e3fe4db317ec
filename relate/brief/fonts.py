"""Fonts for printed pages: a Unicode TrueType face found on the system, registered once.

The brief prints names in any script, so it needs a face with Latin, Greek and Cyrillic
(DejaVu Sans, Segoe UI, Arial, …) and, for CJK, a second face used only for the runs of
text that need it. When no TrueType face is found, ReportLab's built-in Helvetica is used.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)

REGULAR, BOLD, ITALIC = "RelateSans", "RelateSans-Bold", "RelateSans-Italic"
CJK = "RelateCJK"

# (regular, bold, italic) file names of faces with Latin, Greek and Cyrillic, best first.
_FAMILIES = (
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    ("segoeui.ttf", "segoeuib.ttf", "segoeuii.ttf"),
    ("arial.ttf", "arialbd.ttf", "ariali.ttf"),
    ("Arial.ttf", "Arial Bold.ttf", "Arial Italic.ttf"),
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf"),
)
# CJK faces with TrueType outlines (ReportLab cannot embed CFF ones such as most Noto CJK
# .otf files, so those are tried but may be refused). Collections (.ttc) are tried per face.
_CJK_FILES = (
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "DroidSansFallbackFull.ttf",
    "DroidSansFallback.ttf",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "uming.ttc",
    "msgothic.ttc",
    "msyh.ttc",
    "simsun.ttc",
    "meiryo.ttc",
    "Arial Unicode.ttf",
    "ArialUnicodeMS.ttf",
)
_CJK_PROBE = "中"


def font_dirs() -> list[Path]:
    """The folders where fonts usually live, on Linux, macOS and Windows."""
    home = Path.home()
    share = Path("/usr/share/fonts")
    dirs = [
        share / "truetype" / "dejavu",
        share / "dejavu",
        share / "dejavu-sans-fonts",
        share / "TTF",
        share / "truetype" / "noto",
        share / "noto",
        share / "truetype" / "liberation",
        share / "liberation-sans",
        share / "truetype" / "droid",
        share / "google-droid-sans-fonts",
        share / "truetype" / "wqy",
        share / "wqy-microhei",
        share / "wqy-zenhei",
        share / "truetype" / "arphic",
        share / "opentype" / "noto",
        share / "google-noto-cjk",
        Path("/usr/local/share/fonts"),
        home / ".local" / "share" / "fonts",
        home / ".fonts",
        Path("/Library/Fonts"),
        home / "Library" / "Fonts",
        Path("/System/Library/Fonts/Supplemental"),
        Path("/System/Library/Fonts"),
    ]
    if sys.platform == "win32":
        dirs.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def _in_dirs(name: str) -> Path | None:
    for folder in font_dirs():
        path = folder / name
        if path.is_file():
            return path
    return None


def _fc_match(pattern: str) -> Path | None:
    """The file fontconfig would use for `pattern`, when fontconfig is there."""
    if not shutil.which("fc-match"):
        return None
    try:
        result = subprocess.run(
            ["fc-match", "-f", "%{file}", pattern],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(result.stdout.strip())
    return path if result.returncode == 0 and path.is_file() else None


def find_font_files() -> tuple[Path, Path, Path | None] | None:
    """Regular, bold and (optional) italic files of a Unicode sans face, or None."""
    for regular, bold, italic in _FAMILIES:
        found = _in_dirs(regular), _in_dirs(bold)
        if found[0] and found[1]:
            return found[0], found[1], _in_dirs(italic)
    regular_path, bold_path = _fc_match("sans-serif:lang=ru"), _fc_match("sans-serif:lang=ru:bold")
    if regular_path and bold_path and regular_path.suffix.lower() == ".ttf":
        return regular_path, bold_path, _fc_match("sans-serif:lang=ru:italic")
    return None


def _cjk_candidates() -> Iterator[Path]:
    found = [_in_dirs(name) for name in _CJK_FILES]
    patterns = ("sans-serif:lang=zh-cn", "sans-serif:lang=ja", "sans-serif:lang=ko")
    found += [_fc_match(pattern) for pattern in patterns]
    yield from dict.fromkeys(path for path in found if path)  # each file tried once


def find_cjk_file() -> tuple[Path, int] | None:
    """A TrueType file (and face index in a collection) that ReportLab can use for CJK."""
    for path in _cjk_candidates():
        indexes = range(4) if path.suffix.lower() == ".ttc" else range(1)
        for index in indexes:
            try:
                face = TTFont("probe", str(path), subfontIndex=index).face
            except Exception:  # CFF outlines, a broken file, no such face: try the next
                break
            if ord(_CJK_PROBE) in face.charToGlyph:
                return path, index
    return None


class _UnicodeTTFont(TTFont):
    """A TrueType font whose characters without a glyph still copy and search as typed.

    ReportLab drops such characters from the text layer and writes a wrong ToUnicode
    entry for characters beyond U+FFFF (emoji): both break finding a name in the PDF.
    """

    def __init__(self, name: str, path: Path, subfont: int = 0) -> None:
        super().__init__(name, str(path), subfontIndex=subfont)
        # A newline never prints (paragraphs turn it into a break), so it needs no glyph.
        self.covered = frozenset(map(chr, self.face.charToGlyph)) | {"\n"}

    def keep(self, chars: Iterable[str]) -> None:
        """Print `chars`, which the face lacks, as its missing-glyph box, not as nothing."""
        table = self.face.charToGlyph
        for char in chars:
            table.setdefault(ord(char), 0)

    def addObjects(self, doc: object) -> None:  # noqa: N802 (ReportLab's name)
        super().addObjects(doc)
        for key, stream in doc.idToObject.items():  # type: ignore[attr-defined]
            if key.startswith("toUnicodeCMap:") and isinstance(stream.content, str):
                stream.content = _ASTRAL.sub(_utf16_entry, stream.content)


_ASTRAL = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _utf16_entry(match: re.Match[str]) -> str:
    code = int(match.group(2), 16) - 0x10000
    return f"<{match.group(1)}> <{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}>"


@dataclasses.dataclass(frozen=True)
class FontSet:
    """The registered names to print with, and the characters the face has."""

    regular: str
    bold: str
    italic: str
    covered: frozenset[str]
    faces: tuple[_UnicodeTTFont, ...] = ()  # none for the built-in Helvetica


@functools.cache
def text_fonts() -> FontSet:
    """The face for all text, registered with ReportLab once per process."""
    files = find_font_files()
    if files:
        try:
            return _register(*files)
        except Exception:  # an unreadable or CFF file: print with Helvetica instead
            log.warning("Could not load the font %s; printing with Helvetica", files[0])
    else:
        log.warning("No Unicode TrueType font found; printing with Helvetica")
    latin1 = bytes(range(32, 256)).decode("cp1252", errors="ignore") + "\n"
    return FontSet("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", frozenset(latin1))


def _register(regular: Path, bold: Path, italic: Path | None) -> FontSet:
    faces = [_UnicodeTTFont(REGULAR, regular), _UnicodeTTFont(BOLD, bold)]
    if italic:
        faces.append(_UnicodeTTFont(ITALIC, italic))
    for face in faces:
        pdfmetrics.registerFont(face)
    italic_name = ITALIC if italic else REGULAR
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=italic_name, boldItalic=BOLD
    )
    return FontSet(REGULAR, BOLD, italic_name, faces[0].covered, tuple(faces))


@functools.cache
def cjk_font() -> _UnicodeTTFont | None:
    """The CJK face, registered on first need (it is large), or None if there is none."""
    found = find_cjk_file()
    if not found:
        return None
    try:
        face = _UnicodeTTFont(CJK, *found)
    except Exception:
        return None
    pdfmetrics.registerFont(face)
    pdfmetrics.registerFontFamily(CJK, normal=CJK, bold=CJK, italic=CJK, boldItalic=CJK)
    return face


def runs(text: str) -> list[tuple[str | None, str]]:
    """`text` cut into runs: (None, text) for the main face, (CJK, text) for the CJK face."""
    fonts = text_fonts()
    if fonts.covered.issuperset(text):
        return [(None, text)]
    cjk = cjk_font()
    result: list[tuple[str | None, str]] = []
    for char in text:
        face = CJK if cjk and char not in fonts.covered and char in cjk.covered else None
        if result and result[-1][0] == face:
            result[-1] = (face, result[-1][1] + char)
        else:
            result.append((face, char))
    return result


def missing(text: str) -> str:
    """The characters of `text` that no font here can print, each once, in order.

    They will print as the main face's missing-glyph box yet stay in the text layer.
    """
    fonts = text_fonts()
    if fonts.covered.issuperset(text):
        return ""
    cjk = cjk_font()
    lacking = "".join(
        dict.fromkeys(
            char for char in text if char not in fonts.covered and not (cjk and char in cjk.covered)
        )
    )
    for face in fonts.faces:
        face.keep(lacking)
    return lacking


def markup(text: str) -> str:
    """`text` as Paragraph markup: escaped, with CJK runs in the CJK face."""
    return "".join(
        escape(part) if face is None else f'<font face="{face}">{escape(part)}</font>'
        for face, part in runs(text)
    )


def string_width(text: str, font: str, size: float) -> float:
    """Width of `text` printed in `font` (CJK runs in the CJK face)."""
    return sum(pdfmetrics.stringWidth(part, face or font, size) for face, part in runs(text))

"""Text in the character set a file names for it (vCard's CHARSET=SHIFT_JIS,
ISO-8859-1, Windows-1251…), with the names old writers use and the fallbacks a
mislabelled or unlabelled value needs."""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Iterable

# Names Python does not know, or knows as a narrower set than the writers meant:
# Japanese phones' Shift_JIS is Microsoft's (NEC and IBM extensions, the carriers'
# emoji in its private area), Chinese GB2312 text is read by its superset GB18030, and
# "ISO-8859-1" means Windows-1252 in practice (as browsers read it).
_ALIASES = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "ms_kanji": "cp932",
    "csshiftjis": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
# Python's own text codecs that are no character set a file could be written in.
_NOT_CHARSETS = re.compile(r"(?:raw_)?unicode_escape|undefined|punycode|idna|mbcs|oem")


@functools.lru_cache(maxsize=64)
def codec_for(charset: str) -> str | None:
    """Python's codec for a charset as a file names it ("SHIFT_JIS" is cp932), or None
    when it names none (a typo, an invention, or one of Python's own codecs)."""
    name = charset.strip().strip('"').lower()
    name = _ALIASES.get(name, name)
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None  # base64, rot13, zlib: bytes.decode refuses them anyway
    if _NOT_CHARSETS.fullmatch(info.name.replace("-", "_")):
        return None
    return info.name


@functools.lru_cache(maxsize=64)
def _single_byte(codec: str) -> bool:
    """Whether each byte is a character of its own (Windows-1251, ISO-8859-15), so any
    bytes decode and the name alone cannot be trusted."""
    return len(bytes(range(256)).decode(codec, errors="replace")) == 256


def decode_text(
    data: bytes, charset: str | None, guesses: Iterable[str] = (), *, partial: bool = False
) -> str:
    """`data` as text: in its declared `charset` (unless that is a single-byte charset
    and the bytes are valid UTF-8, as when a writer labels UTF-8 text ISO-8859-1), else
    UTF-8, else the first of `guesses` (charsets named elsewhere in the file) that reads
    it, else Windows-1252; never an error. `partial`: the data was cut, and may end
    inside a character."""
    if data.isascii():
        return data.decode("ascii")
    declared = codec_for(charset) if charset else None
    order = [declared] if declared and not _single_byte(declared) else []
    order.append("utf-8")
    if declared and declared not in order:
        order.append(declared)
    order.extend(codec for guess in guesses if (codec := codec_for(guess)) is not None)
    order.append("cp1252")
    for codec in order:
        try:
            if partial:  # an incremental decoder keeps a cut character back
                return codecs.getincrementaldecoder(codec)().decode(data, final=False)
            return data.decode(codec)
        except UnicodeError:
            continue
    return data.decode("latin-1")  # cp1252 leaves five bytes undefined

"""Turn the bytes of a text file into NFC text, or say in one line why they are not text.

The order of guesses, cheapest and surest first:

1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. UTF-16 without a mark, recognised by its NUL bytes (every other byte is NUL for ASCII
   and most Vietnamese letters); NULs in any other pattern mean a binary file;
3. strict UTF-8;
4. Windows-1258, the Vietnamese code page, which writes tone marks as combining characters
   (hence the NFC at the end), accepted only if the result reads as Vietnamese;
5. charset-normalizer, imported only here, accepted only if its result reads as Vietnamese.

Legacy Vietnamese font encodings (TCVN3/ABC, VNI) are not recognised: they decode as
plausible-looking Latin text with the wrong letters and no Vietnamese-specific ones, so
step 4 and 5 reject them and the file is reported as undecodable.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

EMPTY = "empty file"
BINARY = "binary file, not text"
UNDECODABLE = "undecodable bytes: not UTF-8, UTF-16 or Windows-1258 Vietnamese text"

# UTF-32 marks first: the UTF-32 LE mark starts with the UTF-16 LE one.
BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

SNIFF_BYTES = 8192  # how much of the start is looked at for NUL patterns
UTF16_MIN_NUL_SHARE = 0.25  # of the byte pairs, at least this share has a NUL on one side
UTF16_MAX_OTHER_SHARE = 0.05  # ... and at most this share has a NUL on the other side
MAX_CONTROL_SHARE = 0.01  # more control characters than this: a binary file

# Control characters that never occur in text (tab, newlines and form feed are allowed).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Letters only Vietnamese uses among Latin scripts: ă đ ơ ư and the Latin Extended Additional
# block (ạ ả ấ ầ ẩ ẫ ậ ... ỹ), after NFC.
_VIETNAMESE_LETTER = re.compile("[ăâđơưĂÂĐƠƯ\u1ea0-\u1ef9]")
_LETTER = re.compile(r"[^\W\d_]")
MIN_VIETNAMESE_LETTERS = 3
MIN_VIETNAMESE_SHARE = 0.02  # of all letters


class NotText(ValueError):
    """The bytes are not readable text; ``str(error)`` is the one-line reason."""


def decode_text(data: bytes) -> str:
    """Decode the bytes of a text article to NFC text, or raise :class:`NotText` with the reason."""
    if not data.strip():
        raise NotText(EMPTY)
    text = _decode(data)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise NotText(EMPTY)
    if _too_many_controls(text):
        raise NotText(BINARY)
    return text


def sniff_unicode(data: bytes) -> str | None:
    """The Unicode codec a byte order mark or a UTF-16 NUL pattern names, else None."""
    for mark, codec in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return codec
    head = data[:SNIFF_BYTES]
    if b"\x00" not in head:
        return None
    pairs = len(head) // 2 or 1
    nuls_even = head[0::2].count(0)  # high byte of big-endian units
    nuls_odd = head[1::2].count(0)  # high byte of little-endian units
    if nuls_odd >= UTF16_MIN_NUL_SHARE * pairs and nuls_even <= UTF16_MAX_OTHER_SHARE * pairs:
        return "utf-16-le"
    if nuls_even >= UTF16_MIN_NUL_SHARE * pairs and nuls_odd <= UTF16_MAX_OTHER_SHARE * pairs:
        return "utf-16-be"
    return None


def has_binary_nuls(data: bytes) -> bool:
    """NUL bytes that no text encoding we read explains: the mark of a binary file."""
    return b"\x00" in data[:SNIFF_BYTES] and sniff_unicode(data) is None


def reads_as_vietnamese(text: str) -> bool:
    """True when the text has enough letters that only Vietnamese writes (ă đ ơ ư ạ ế ...)."""
    sample = text[:20000]
    vietnamese = len(_VIETNAMESE_LETTER.findall(sample))
    if vietnamese < MIN_VIETNAMESE_LETTERS:
        return False
    letters = len(_LETTER.findall(sample))
    return vietnamese >= MIN_VIETNAMESE_SHARE * max(letters, 1)


def _decode(data: bytes) -> str:
    """The decoding steps of the module docstring, without normalisation."""
    codec = sniff_unicode(data)
    if codec is not None:
        mark = next((m for m, c in BYTE_ORDER_MARKS if c == codec and data.startswith(m)), b"")
        try:
            return data[len(mark) :].decode(codec)
        except UnicodeDecodeError:
            raise NotText(UNDECODABLE if mark else BINARY) from None
    if b"\x00" in data:
        raise NotText(BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        text = None
    if text is not None and reads_as_vietnamese(text):
        return text
    if _too_many_controls(data.decode("latin-1")):
        raise NotText(BINARY)
    return _charset_normalizer_guess(data)


def _charset_normalizer_guess(data: bytes) -> str:
    """Last resort: charset-normalizer's best guess, if it reads as Vietnamese."""
    from charset_normalizer import from_bytes  # imported here: only odd files need it

    best = from_bytes(data).best()
    if best is not None:
        text = unicodedata.normalize("NFC", str(best))
        if reads_as_vietnamese(text):
            return text
    raise NotText(UNDECODABLE)


def _too_many_controls(text: str) -> bool:
    """More control characters than text ever has."""
    sample = text[:SNIFF_BYTES]
    return len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * max(len(sample), 1)

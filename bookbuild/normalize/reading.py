"""Raw bytes -> clean text: encoding, mojibake, line endings, characters XML forbids."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import ftfy
from ftfy.badness import is_bad

from bookbuild.errors import BookError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
UTF16_NUL_SHARE = 0.3  # of the bytes on one side of each pair, in UTF-16 text without a BOM
# What to do, for the one-line messages the command line shows.
EMPTY_HINT = "put the text of the book in it, or point [book] source at the file that has it"
TEXT_HINT = "save the manuscript as plain text (.txt, UTF-8) from your editor and build that"
# Breaks as other tools write them: Unicode's line and paragraph separators, a word processor's
# manual line break (vertical tab) and the form feed a PDF-to-text tool puts between pages.
BREAKS = (("\u2028", "\n"), ("\u2029", "\n\n"), ("\x0b", "\n"), ("\x0c", "\n\n"))
# XML 1.0 allows tab, newline, carriage return and everything from U+0020 except
# surrogates and U+FFFE/U+FFFF; C1 controls are legal but never wanted in prose.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# UTF-8 read as Latin-1/Windows-1252 always shows a lead byte as one of these: no such
# character, no mojibake to look for (and ftfy's own check is slow on a whole book).
MOJIBAKE_LEAD = re.compile("[\u00c2-\u00f4]")
# ” is UTF-8 E2 80 9D; 9D has no Windows-1252 character, so a decoder that replaced it left `â€�`,
# which ftfy can only guess at. The other characters whose last byte is one of the five unmapped
# (81 8D 8F 90 9D) are spaces and format marks, so the quote it was is the only reading in prose.
LOST_CLOSING_QUOTE = ("\u00e2\u20ac\ufffd", "\u00e2\u20ac\x9d")
# ftfy without the cosmetic fixes: quotes are the typography pass's job, and text widths are content.
FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, normalization="NFC")


def read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BookError("no such file", path=path) from None
    except IsADirectoryError:
        raise BookError("is a folder, not a text file", path=path) from None
    except OSError as exc:
        raise BookError(f"cannot read: {exc.strerror}", path=path) from None
    if not data.strip():
        raise BookError("the manuscript is empty", path=path, hint=EMPTY_HINT)
    return data


def decode(data: bytes, source: str) -> str:
    """The text of a manuscript, whatever its encoding, with LF line ends and no forbidden characters."""
    text = _decode(data, source)
    text = _fix_mojibake(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for mark, lines in BREAKS:
        text = text.replace(mark, lines)
    text = XML_FORBIDDEN.sub("", text)
    if not text.strip():
        raise BookError("the manuscript is empty", path=source, hint=EMPTY_HINT)
    return text


def _fix_mojibake(text: str) -> str:
    """ftfy on the lines that need it (`Maâ€™s` -> `Ma’s`); checking is much cheaper than fixing."""
    if not MOJIBAKE_LEAD.search(text):
        return text
    lines = text.split("\n")
    return "\n".join(
        ftfy.fix_text(line.replace(*LOST_CLOSING_QUOTE), FTFY)
        if MOJIBAKE_LEAD.search(line) and is_bad(line)
        else line
        for line in lines
    )


def _decode(data: bytes, source: str) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise _undecodable(data, exc, source) from None
    if b"\x00" in data:
        if text := _utf16_without_bom(data):
            return text
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise BookError(
            "binary file, not text (it contains NUL bytes)", path=source, line=line, hint=TEXT_HINT
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:  # the usual non-UTF-8 text: Windows' Western code page (latin-1 plus typographic marks)
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise _undecodable(data, utf8_error, source) from None
    if _looks_binary(text):
        raise BookError("binary file, not text", path=source, hint=TEXT_HINT)
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without its BOM: mostly Latin text, so every other byte is a NUL (odd ones in
    little-endian, even ones in big-endian) and the others almost never are. A binary file is not."""
    sample = data[:65536]
    if len(data) % 2:
        return None
    even, odd = sample[0::2].count(0) / len(sample[0::2]), sample[1::2].count(0) / len(sample[1::2])
    encoding = (
        "utf-16-le"
        if odd > UTF16_NUL_SHARE > even * 10
        else "utf-16-be"
        if even > UTF16_NUL_SHARE > odd * 10
        else None
    )
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text) else text


def _undecodable(data: bytes, exc: UnicodeDecodeError, source: str) -> BookError:
    line = data.count(b"\n", 0, exc.start) + 1
    return BookError(
        f"cannot decode the text: not UTF-8, UTF-16 or Windows-1252 (byte {exc.start})",
        path=source,
        line=line,
        hint=TEXT_HINT,
    )


def _looks_binary(text: str) -> bool:
    """Many control characters mean a file that is not text at all (an image, an archive)."""
    controls = len(XML_FORBIDDEN.findall(text[:65536]))
    return controls > max(8, len(text[:65536]) // 100)

"""Reading raw bytes: encodings, line ends, mojibake, forbidden characters, bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from bookbuild.errors import BookError
from bookbuild.normalize import normalize
from bookbuild.normalize.reading import decode, read_bytes

TEXT = "Ma’s “Hope” café\nsecond line"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with its BOM
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "cp1252"],
)
def test_encodings_read_to_the_same_text(data: bytes) -> None:
    assert decode(data, "f.txt") == TEXT


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings_become_lf(newline: str) -> None:
    assert decode(TEXT.replace("\n", newline).encode(), "f.txt") == TEXT


def test_mojibake_is_repaired() -> None:
    assert decode("Maâ€™s first company".encode(), "f.txt") == "Ma’s first company"


def test_mojibake_closing_quote_whose_last_byte_was_replaced_is_repaired() -> None:
    # UTF-8 ” read as Windows-1252 by a decoder that put U+FFFD for the unmapped byte 0x9D
    raw = "“We had nothing,” she said.".encode().decode("cp1252", errors="replace")
    assert raw == "â€œWe had nothing,â€\ufffd she said."
    assert decode(raw.encode(), "f.txt") == "“We had nothing,” she said."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(encoding: str) -> None:
    assert decode(TEXT.encode(encoding), "f.txt") == TEXT


def test_characters_xml_forbids_are_removed() -> None:
    assert decode("a\x01bc\x1fd\ufffee\tf".encode(), "f.txt") == "abcde\tf"


def test_page_feed_and_manual_line_break_are_breaks_not_dropped() -> None:
    assert decode(b"last line\x0cTHE HEAD\nnext\x0bline", "f.txt") == "last line\n\nTHE HEAD\nnext\nline"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b" \n\t\n", "empty"),
        (b"text\nmore\x00\x01\x02binary", "binary"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "cannot decode"),  # a lone surrogate
        (b"caf\xe9 \x81\x8d", "cannot decode"),  # neither UTF-8 nor Windows-1252
    ],
)
def test_bad_input_is_one_clear_error_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(BookError) as err:
        normalize(data, "book/raw.txt")
    assert message in str(err.value)
    assert str(err.value).startswith("book/raw.txt")


def test_binary_error_gives_the_line() -> None:
    with pytest.raises(BookError) as err:
        normalize(b"one\ntwo\nthree\x00", "raw.txt")
    assert err.value.line == 3


def test_missing_and_folder_paths(tmp_path: Path) -> None:
    with pytest.raises(BookError, match="no such file"):
        read_bytes(tmp_path / "nope.txt")
    with pytest.raises(BookError, match="folder"):
        read_bytes(tmp_path)


def test_hard_wrapped_text_is_unwrapped() -> None:
    wrapped = (
        "Chapter 1: Start\n\n"
        "It was the best of times, it was the worst of times, it was the age of\n"
        "wisdom, it was the age of foolishness, it was the epoch of belief, it\n"
        "was the epoch of incredulity, a well-\nknown season.\n\n"
        "A second paragraph, also wrapped at about seventy characters in the\n"
        "plain-text file.\n"
    )
    ms = normalize(wrapped.encode(), "raw.txt")
    body = ms.documents[0].text.strip().split("\n\n")
    assert body[1].startswith("It was the best of times") and body[1].endswith("a well-known season.")
    assert body[2] == "A second paragraph, also wrapped at about seventy characters in the plain-text file."


def test_underscore_italics_become_canonical_emphasis() -> None:
    ms = normalize(
        b"Chapter 1: Start\n\nShe read _War and Peace_ and __twice__, not snake_case.\n", "raw.txt"
    )
    assert "She read *War and Peace* and **twice**, not snake_case." in ms.documents[0].text

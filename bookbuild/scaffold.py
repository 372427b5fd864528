"""`bookbuild new`: a book folder that builds at once and explains itself in its book.toml."""

from __future__ import annotations

import json
from pathlib import Path

from bookbuild.config import BOOK_TOML, slugify
from bookbuild.errors import BookError

SOURCE = "source.txt"

BOOK_TOML_TEXT = """\
# book.toml: how bookbuild makes this book. One table per stage; every key is optional
# except [book] source. Anything left out of [book] is taken from the text.

[book]
source = "source.txt"        # the raw text (any encoding), or a folder made by 'bookbuild normalize'
title = {title}
# subtitle = "A Subtitle"
authors = []                 # e.g. ["Ada Lovelace"]; left empty, the editions credit nobody
language = "en"              # BCP 47: "en", "en-GB", "fr", ...
slug = {slug}                # the editions are dist/<slug>.epub and dist/<slug>.pdf
# description = "One paragraph for the catalogue."
# publisher = ""
# date = "2025-01-31"
# rights = "© 2025 The Author. All rights reserved."
# cover = "cover.jpg"        # a JPEG or PNG in this folder; without it a plain cover is drawn

[normalize]                  # how the raw text is cleaned; see the removal report of 'bookbuild normalize'
# keep = []                  # ids from report.md of blocks to keep although they look repeated
# typography = true          # curly quotes, dashes and ellipses

[epub]
# toc_depth = 2              # contents levels: 1 chapters only, 2 with sections

[pdf]
# see README.md for the page size, margins and fonts of the print edition
"""

SAMPLE = """\
Chapter 1: A First Chapter

This is a sample chapter. Replace this file with your own text: paste it in as it is, from a word
processor, a PDF or a plain-text file. Chapters start on a line of their own such as
"Chapter 2: The Title", and sections may be numbered like "2.1 A Section".

1.1 How the Text Is Read

Lines that wrap inside a paragraph are joined again, so hard line breaks from a PDF do no harm. A
blank line starts a new paragraph.

When you are ready, build the book and look at the EPUB and the PDF in the dist folder. Then run
the checks: they say what a reader would trip over, and where.
"""


def scaffold(folder: Path, title: str = "") -> list[Path]:
    """Write book.toml and a sample source.txt into a new folder; never into one that holds files."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BookError("already exists and is not empty", path=folder, hint="choose a new folder name")
    title = title or folder.resolve().name.replace("-", " ").replace("_", " ").strip().title()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        toml = folder / BOOK_TOML
        toml.write_text(
            BOOK_TOML_TEXT.format(title=json.dumps(title), slug=json.dumps(slugify(title))), "utf-8"
        )
        source = folder / SOURCE
        source.write_text(SAMPLE, "utf-8")
    except OSError as exc:
        raise BookError(f"cannot create the book folder: {exc.strerror}", path=folder) from None
    return [toml, source]

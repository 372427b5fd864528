"""The header and footer an ebook library wraps around a book (licence, release data, credits).

Plain-text ebooks mark where the book itself starts and ends with lines such as
`*** START OF THE PROJECT GUTENBERG EBOOK THE SALT ROAD ***` and `*** END OF … ***`.
What lies outside the markers is the library's, not the author's: it goes to the report, as do
the `[Illustration: …]` placeholders such a library leaves where a picture was.
"""

from __future__ import annotations

import re

from bookbuild.manuscript import Removal
from bookbuild.normalize.blocks import Block
from bookbuild.normalize.report import removal

# "*** START OF THE PROJECT GUTENBERG EBOOK X ***", "***START OF THIS … EBOOK X***", "*END*THE SMALL PRINT"
FIELD = re.compile(r"^(Title|Author):\s+(\S.*)$")
CREDIT = re.compile(r"^\s*(?:produced|prepared|transcribed|scanned|proofread)\b.*\bby\b", re.IGNORECASE)
ILLUSTRATION = re.compile(r"^\s*\[Illustration(?::[^\]]*)?\]\s*$", re.IGNORECASE)
MARKER = re.compile(r"^\s*\*{1,3}\s*(START|END)\b[^*]*\b(?:E-?BOOK|E-?TEXT)\b.*$", re.IGNORECASE)


def strip(blocks: list[Block]) -> tuple[list[Block], list[Removal], dict[str, str]]:
    """The book without the library's header, footer and picture placeholders; the header's
    catalogue lines ("Title: The Salt Road", "Author: Eleanor Fenwick")."""
    book, removals, catalogue = _between_markers(blocks)
    pictures = {id(b) for b in book if ILLUSTRATION.match(" ".join(b.lines))}
    if pictures:
        why = "placeholders for pictures the text file does not carry (their captions are here)"
        removals.append(removal("illustration", why, [b for b in book if id(b) in pictures]))
    return [b for b in book if id(b) not in pictures], removals, catalogue


def _between_markers(blocks: list[Block]) -> tuple[list[Block], list[Removal], dict[str, str]]:
    starts = [i for i, b in enumerate(blocks) if _marker(b) == "start"]
    ends = [i for i, b in enumerate(blocks) if _marker(b) == "end"]
    first = starts[0] + 1 if starts else 0
    while starts and first < len(blocks) and CREDIT.match(blocks[first].lines[0]):
        first += 1  # "Produced by …" under the start marker: the library's credits, not the author's
    last = next((i for i in ends if i >= first), len(blocks))
    if (first, last) == (0, len(blocks)) or first >= last:
        return blocks, [], {}
    removals = []
    if first:
        why = "the ebook library's header: licence, release data and credits"
        removals.append(removal("ebook-wrapper", why, blocks[:first]))
    if last < len(blocks):
        why = "the ebook library's footer: end marker and licence"
        removals.append(removal("ebook-wrapper", why, blocks[last:]))
    found = (FIELD.match(line.strip()) for block in blocks[:first] for line in block.lines)
    return blocks[first:last], removals, {m.group(1).lower(): m.group(2).strip() for m in found if m}


def _marker(block: Block) -> str | None:
    m = MARKER.match(block.lines[0]) if len(block.lines) <= 2 else None
    return m.group(1).lower() if m else None

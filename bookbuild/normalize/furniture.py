"""Page furniture of a text pasted from a PDF: page numbers and running heads between paragraphs.

They are removed before paragraphs are joined, so the sentence a page break cut is mended
across them.
"""

from __future__ import annotations

import re

from bookbuild.manuscript import Removal
from bookbuild.normalize.blocks import Block
from bookbuild.normalize.headings import key
from bookbuild.normalize.report import removal

PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s+of\s+\d{1,4})?$", re.IGNORECASE)
MIN_PAGE_NUMBERS = 3  # one lone number may be content; a run of them is pagination
MAX_HEAD_WORDS = 12


def strip(blocks: list[Block]) -> tuple[list[Block], list[Removal]]:
    """The blocks without page numbers and running heads, and one removal entry for each kind."""
    numbers = [b for b in blocks if len(b.lines) == 1 and PAGE_NUMBER.match(b.lines[0].strip())]
    if len(numbers) < MIN_PAGE_NUMBERS:
        numbers = []
    heads = _running_heads(blocks)
    gone = {id(b) for b in numbers + heads}
    removals = []
    if numbers:
        removals.append(
            removal("page-furniture", f"page numbers left by the page layout, {_lines(numbers)}", numbers)
        )
    if heads:
        removals.append(
            removal(
                "page-furniture", f"running heads (the title repeated on each page), {_lines(heads)}", heads
            )
        )
    return [b for b in blocks if id(b) not in gone], removals


def _running_heads(blocks: list[Block]) -> list[Block]:
    """Copies of the opening title line further down the text, when it recurs."""
    if not blocks or len(blocks[0].lines) != 1:
        return []
    title = key(blocks[0].lines[0])
    if not title or len(title.split()) > MAX_HEAD_WORDS:
        return []
    copies = [b for b in blocks[1:] if len(b.lines) == 1 and key(b.lines[0]) == title]
    return copies if len(copies) >= 2 else []


def _lines(blocks: list[Block]) -> str:
    """Where scattered one-line blocks were: 'on lines 5, 9, 13' (the first few, then a count)."""
    shown = ", ".join(str(b.first) for b in blocks[:12])
    more = f" and {len(blocks) - 12} more" if len(blocks) > 12 else ""
    return f"on lines {shown}{more}"

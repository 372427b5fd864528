"""Page furniture of a text pasted from a PDF: page numbers and running heads between paragraphs.

They are removed before paragraphs are joined, so the sentence a page break cut is mended
across them.
"""

from __future__ import annotations

import re

from bookbuild.manuscript import Removal
from bookbuild.normalize.blocks import Block, new_block
from bookbuild.normalize.headings import key, parse
from bookbuild.normalize.report import removal

PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s+of\s+\d{1,4})?$", re.IGNORECASE)
MIN_PAGE_NUMBERS = 3  # one lone number may be content; a run of them is pagination
MAX_HEAD_WORDS = 12
MIN_HEAD_COPIES = 2
# a running head with its page number: "12   THE IRON BRIDGE", "The Founding of the Works   13"
NUMBERED_HEAD = re.compile(r"^(?:\d{1,4}\s+(\D.*?)|(\D.*?)\s+\d{1,4})$")


def strip(blocks: list[Block]) -> tuple[list[Block], list[Removal]]:
    """The blocks without page numbers and running heads, and one removal entry for each kind."""
    numbers = [b for b in blocks if len(b.lines) == 1 and PAGE_NUMBER.match(b.lines[0].strip())]
    if len(numbers) < MIN_PAGE_NUMBERS:
        numbers = []
    blocks = _split_glued_heads(blocks, {id(b) for b in numbers})
    heads = _running_heads(blocks, {id(b) for b in numbers})
    gone = {id(b) for b in numbers + heads}
    removals = []
    if numbers:
        removals.append(
            removal("page-furniture", f"page numbers left by the page layout, {_lines(numbers)}", numbers)
        )
    if heads:
        removals.append(
            removal(
                "page-furniture",
                f"running heads (a title repeated at the page breaks), {_lines(heads)}",
                heads,
            )
        )
    return [b for b in blocks if id(b) not in gone], removals


def _titles(blocks: list[Block]) -> tuple[str, set[str]]:
    """The opening title line and the chapters' titles, compared loosely: what a running head repeats."""
    title = key(blocks[0].lines[0]) if blocks and len(blocks[0].lines) == 1 else ""
    chapters = {
        key(p.title) for b in blocks if len(b.lines) == 1 and (p := parse(b.lines[0])) and p.level == 1
    }
    return title, chapters


def _split_glued_heads(blocks: list[Block], numbers: set[int]) -> list[Block]:
    """A PDF-to-text tool puts the head on the line right above the page's text, with no blank line:
    after a page number, a first line that is the book's or a chapter's title is a block of its own."""
    if not numbers:
        return blocks
    title, chapters = _titles(blocks)
    known = (chapters | {title}) - {""}
    out: list[Block] = []
    for block in blocks:
        first = block.lines[0].strip()
        paged = NUMBERED_HEAD.match(first)
        head = key(paged.group(1) or paged.group(2)) if paged else key(first)
        if out and id(out[-1]) in numbers and len(block.lines) > 1 and head in known:
            out += [new_block(block.lines[:1], block.first), new_block(block.lines[1:], block.first + 1)]
        else:
            out.append(block)
    return out


def _running_heads(blocks: list[Block], numbers: set[int]) -> list[Block]:
    """Short lines that recur at page breaks: copies of the opening title line, lines next to a page
    number (a book's title on even pages, the chapter's on odd ones) and lines that carry it
    ("THE IRON BRIDGE 12", not "Step 2"). A recurring sub-heading ("Summary") is not beside a number.
    The book's or a chapter's title at a page break is a head even once (a chapter two pages long).
    """
    title, chapters = _titles(blocks)
    found: dict[str, list[Block]] = {}
    at_breaks: set[str] = set()  # heads seen beside a page number or carrying one
    for i, block in enumerate(blocks):
        if len(block.lines) != 1 or (i == 0 and title):
            continue
        line = block.lines[0].strip()
        paged = NUMBERED_HEAD.match(line) if parse(line) is None else None  # not "Chapter 12"
        beside = any(0 <= j < len(blocks) and id(blocks[j]) in numbers for j in (i - 1, i + 1))
        head = key(paged.group(1) or paged.group(2)) if paged else key(line)
        if (
            head
            and len(head.split()) <= MAX_HEAD_WORDS
            and (beside or head == title or (paged and " " in head))
        ):
            found.setdefault(head, []).append(block)
            if beside or paged:
                at_breaks.add(head)
    once = (chapters | {title}) & at_breaks
    heads = [
        b for head, copies in found.items() if len(copies) >= MIN_HEAD_COPIES or head in once for b in copies
    ]
    return sorted(heads, key=lambda b: b.first)


def _lines(blocks: list[Block]) -> str:
    """Where scattered one-line blocks were: 'on lines 5, 9, 13' (the first few, then a count)."""
    shown = ", ".join(str(b.first) for b in blocks[:12])
    more = f" and {len(blocks) - 12} more" if len(blocks) > 12 else ""
    return f"on lines {shown}{more}"

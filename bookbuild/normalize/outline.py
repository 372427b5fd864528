"""The table of contents: found, parsed into the canonical outline, and taken out of the text.

The editions generate their own contents, so the printed one (with page numbers and
dot leaders that mean nothing in an EPUB) only serves to say which headings the
author meant: their titles, order and numbering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bookbuild.normalize import headings
from bookbuild.normalize.blocks import Block

TOC_TITLE = re.compile(r"^\W*(table of contents|contents|toc)\W*$", re.IGNORECASE)
# title, then dot leaders / a tab / a wide gap, then a page number (arabic or roman)
ENTRY = re.compile(
    r"^(?P<title>.*?\S)(?:\s*[.…·_]{2,}\s*|\s*\t\s*|\s{2,})(?P<page>\d{1,4}|[ivxlc]{1,6})\s*$", re.IGNORECASE
)
MIN_ENTRIES = 3


@dataclass(frozen=True)
class Entry:
    level: int
    label: str
    title: str
    text: str  # the entry's wording without leader and page number


@dataclass
class Outline:
    entries: list[Entry]
    blocks: list[Block]  # the blocks the contents occupied in the source

    def levels(self) -> dict[str, int]:
        return {headings.key(e.text): e.level for e in self.entries}

    def chapters(self) -> list[tuple[Entry, list[Entry]]]:
        """Each top-level entry with the entries under it."""
        out: list[tuple[Entry, list[Entry]]] = []
        for entry in self.entries:
            if entry.level == 1 or not out:
                out.append((entry, []))
            else:
                out[-1][1].append(entry)
        return out


def extract(blocks: list[Block]) -> tuple[Outline | None, list[Block]]:
    """The outline and the blocks without it; (None, blocks) when there is no contents."""
    for start, block in enumerate(blocks):
        titled = len(block.lines) == 1 and TOC_TITLE.match(block.lines[0])
        first = start + 1 if titled else start
        end = first
        while end < len(blocks) and _entry_share(blocks[end]) >= 0.8:
            end += 1
        if titled and end == first:  # a plain-text ebook's contents: headings alone, no page numbers
            found = []
            while end < len(blocks) and _continues_unpaged(blocks[end], found):
                found += [_unpaged(line) for line in blocks[end].lines]
                end += 1
            if len(found) < MIN_ENTRIES:
                continue
        else:
            found = [_entry(line) for b in blocks[first:end] for line in b.lines]
        entries = [e for e in found if e is not None]
        if len(entries) >= MIN_ENTRIES or (titled and entries):
            _nest_unlabelled(entries)
            return Outline(entries, blocks[start:end]), blocks[:start] + blocks[end:]
    return None, blocks


def _entry_share(block: Block) -> float:
    return sum(bool(ENTRY.match(line.strip())) for line in block.lines) / len(block.lines)


def _entry(line: str) -> Entry | None:
    m = ENTRY.match(line.strip())
    if m is None:
        return None
    text = re.sub(r"[\s.…·_]+$", "", m.group("title")).strip()
    text = " ".join(text.split())
    parsed = headings.parse(text, trusted=True)
    if parsed is None:
        indent = len(line) - len(line.lstrip())
        return Entry(2 if indent else 1, "", text, text)
    return Entry(parsed.level, parsed.label, parsed.title, text)


def _unpaged(line: str) -> Entry | None:
    """An entry without a page number: a line worded as a heading ("CHAPTER II. The Storm", "IV.")."""
    text = " ".join(line.split())
    parsed = headings.parse(text, trusted=True)
    return None if parsed is None else Entry(parsed.level, parsed.label, parsed.title, text)


def _continues_unpaged(block: Block, found: list[Entry | None]) -> bool:
    """Every line an entry, and no number seen before: a second "Chapter I" is where the text starts."""
    entries = [_unpaged(line) for line in block.lines]
    seen = {e.label.lower() for e in found if e and e.label}
    return all(e is not None and e.label.lower() not in seen for e in entries)


def _nest_unlabelled(entries: list[Entry]) -> None:
    """Unnumbered entries among numbered chapters are their sections, not chapters."""
    if any(e.label for e in entries if e.level == 1):
        for i, e in enumerate(entries):
            if e.level == 1 and not e.label:
                entries[i] = Entry(2, e.label, e.title, e.text)

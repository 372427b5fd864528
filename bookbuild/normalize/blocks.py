"""Text -> blocks: the unit every later pass works on, each knowing its lines in the source."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SCENE_BREAK = re.compile(r"^\s*([*\-_~=•·#])(?:\s*\1){2,}\s*$")


@dataclass
class Item:
    """One list item: its inline Markdown text, nesting depth and number (ordered lists)."""

    text: str
    depth: int = 0
    number: int | None = None


@dataclass
class Block:
    """A run of non-blank source lines, and what the passes found it to be.

    kind is "text" until classified, then "paragraph", "heading", "list" or "break".
    """

    lines: list[str]
    first: int  # 1-based line numbers in the raw source
    last: int
    kind: str = "text"
    text: str = ""  # inline Markdown of a paragraph, or a heading's full wording
    level: int = 0  # heading level: 1 chapter, 2 section, …
    label: str = ""  # heading number as printed: "Chapter 3", "3.2", "5.1.2"
    items: list[Item] = field(default_factory=list)
    ordered: bool = False
    raw: str = ""  # the source text, verbatim, for the report
    cuts_joined: int = 0  # page-break cuts mended inside this block
    labels_joined: int = 0  # list labels given back their body paragraph

    @property
    def words(self) -> int:
        return len(self.plain().split())

    def plain(self) -> str:
        """All the text the block carries, in whatever state the passes left it."""
        if self.kind == "list":
            return "\n".join(item.text for item in self.items)
        return self.text or "\n".join(self.lines)


def mark_break(block: Block) -> None:
    """A line of `* * *`, `***`, `---` or `~~~` alone is a scene break, not a list or a dash."""
    if block.kind == "text" and len(block.lines) == 1 and SCENE_BREAK.match(block.lines[0]):
        block.kind = "break"


def split(text: str) -> list[Block]:
    """Blank lines separate blocks."""
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            blocks.append(_block(current, start))
            current = []
    if current:
        blocks.append(_block(current, start))
    return blocks


def _block(lines: list[str], start: int) -> Block:
    return Block(lines=lines, first=start, last=start + len(lines) - 1, raw="\n".join(lines))


def merge(first: Block, second: Block) -> None:
    """Extend `first` over `second` (their source spans and verbatim text)."""
    first.last = max(first.last, second.last)
    first.raw = f"{first.raw}\n\n{second.raw}"

"""Text -> blocks: the unit every later pass works on, each knowing its lines in the source."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

SCENE_BREAK = re.compile(r"^\s*([*\-_~=•·#])(?:\s*\1){2,}\s*$")
SENTENCE_END = ".!?:;…"
CLOSERS = "\"'”’“)]*_"  # may follow the end of a sentence: closing quotes, brackets, emphasis
SETEXT = re.compile(r"^\s*(?:={3,}|-{3,})\s*$")  # Markdown's underlined heading: Title / =====
MAX_SETEXT_WORDS = 12
MAX_WRAPPED_CHARS = 120  # a line cut by a wrap is shorter; a longer one is a whole paragraph
# A list item: indent, marker, text. The markers include a word processor's symbol-font bullets
# (private-use characters that no reader's font has) and its "o" for the second level.
ITEM = re.compile(r"^(\s*)([-*+•●▪◦·–o\uf0a7\uf0b7\uf076\uf0d8\uf0fc]|\d{1,3}[.)])\s+(\S.*)$")


@dataclass
class Item:
    """One list item: its inline Markdown text, nesting depth and number (ordered lists)."""

    text: str
    depth: int = 0
    number: int | None = None


@dataclass
class Block:
    """A run of non-blank source lines, and what the passes found it to be.

    kind is "text" until classified, then "paragraph", "quote", "verse", "heading", "list" or "break".
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
            blocks += _paragraphs(current, start)
            current = []
    if current:
        blocks += _paragraphs(current, start)
    return blocks


def _paragraphs(lines: list[str], start: int) -> list[Block]:
    """A run of lines without blank lines between them may still hold several paragraphs.

    Pasted from a word processor, each line is a paragraph (and longer than any wrapped line);
    in a typescript, an indented line after the end of a sentence opens the next paragraph.
    """
    if len(lines) > 1 and SETEXT.match(lines[1]) and _heading_like(lines[0]):
        level = "#" if "=" in lines[1] else "##"
        heading = Block([f"{level} {lines[0].strip()}"], start, start + 1, raw="\n".join(lines[:2]))
        return [heading, *(_paragraphs(lines[2:], start + 2) if lines[2:] else [])]
    if len(lines) > 1 and SCENE_BREAK.match(lines[-1]):  # a break typed right under the paragraph
        return [*_paragraphs(lines[:-1], start), new_block(lines[-1:], start + len(lines) - 1)]
    if len(lines) == 1 or ITEM.match(lines[0]):  # list lines keep their indentation
        return [new_block(lines, start)]
    if any(len(line) > MAX_WRAPPED_CHARS for line in lines[:-1]):
        return [new_block([line], start + i) for i, line in enumerate(lines)]
    cuts = [
        i
        for i in range(1, len(lines))
        if _indented(lines[i]) and lines[i - 1].rstrip(CLOSERS)[-1:] in SENTENCE_END
    ]
    if not cuts or all(_indented(line) for line in lines[1:]):
        return [new_block(lines, start)]  # a hanging indent or an indented quotation is one block
    bounds = [0, *cuts, len(lines)]
    return [new_block(lines[a:b], start + a) for a, b in itertools.pairwise(bounds)]


def _heading_like(line: str) -> bool:
    """Short and not a sentence: the line a Markdown underline (=== or ---) makes a heading."""
    return len(line.split()) <= MAX_SETEXT_WORDS and line.rstrip()[-1:] not in ".,;!?"


def _indented(line: str) -> bool:
    return line[:1] in " \t"


def new_block(lines: list[str], start: int) -> Block:
    return Block(lines=lines, first=start, last=start + len(lines) - 1, raw="\n".join(lines))


def merge(first: Block, second: Block) -> None:
    """Extend `first` over `second` (their source spans and verbatim text)."""
    first.last = max(first.last, second.last)
    first.raw = f"{first.raw}\n\n{second.raw}"

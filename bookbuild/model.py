"""The one document model every backend reads.

Readers (the canonical-manuscript loader) produce a `Book`; backends (EPUB, PDF)
consume it and never look at Markdown or raw text. All nodes are immutable so a
backend cannot change what another one will see.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

# --- inline content -------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Link:
    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Image:
    """An image inside the book folder; `src` is relative to the book's base directory."""

    src: str
    alt: str


@dataclass(frozen=True)
class LineBreak:
    pass


Inline = Text | Emphasis | Strong | Code | Link | Image | LineBreak

# --- blocks ----------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading inside a chapter: level 2 (section) to 6. Level 1 is the chapter title.

    `label` is the printed number ("3.2", "5.1.2") kept apart from the title so
    backends can style it; `id` is unique within the book and stable across builds.
    """

    level: int
    title: tuple[Inline, ...]
    id: str
    label: str | None = None


@dataclass(frozen=True)
class Paragraph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Block, ...], ...]
    start: int = 1


@dataclass(frozen=True)
class BlockQuote:
    children: tuple[Block, ...]


@dataclass(frozen=True)
class CodeBlock:
    text: str


@dataclass(frozen=True)
class ThematicBreak:
    pass


Block = Heading | Paragraph | ListBlock | BlockQuote | CodeBlock | ThematicBreak

Role = Literal["frontmatter", "chapter", "backmatter"]


@dataclass(frozen=True)
class Chapter:
    """One document of the book: a chapter, or a front/back matter piece.

    `title` may be empty for untitled matter (e.g. a closing note); such a
    document gets no entry in the contents.
    """

    id: str
    role: Role
    title: tuple[Inline, ...]
    blocks: tuple[Block, ...]
    label: str | None = None  # "Chapter 1", kept apart from the title
    source: str = ""  # canonical file it came from, for error messages

    @property
    def headings(self) -> tuple[Heading, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Heading))


@dataclass(frozen=True)
class Metadata:
    title: str
    slug: str
    language: str = "en"
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    description: str | None = None
    publisher: str | None = None
    date: str | None = None  # ISO 8601 publication date
    rights: str | None = None
    identifier: str | None = None  # stable; derived from the book when not given
    source_note: str | None = None  # where the text came from, for the imprint page
    modified: str | None = None  # ISO 8601 UTC timestamp, fixed per manuscript
    cover_image: Path | None = None


@dataclass(frozen=True)
class Book:
    metadata: Metadata
    chapters: tuple[Chapter, ...]
    base_dir: Path = field(default=Path("."))  # where relative image paths resolve

    @property
    def body(self) -> tuple[Chapter, ...]:
        return tuple(c for c in self.chapters if c.role == "chapter")


@dataclass(frozen=True)
class OutlineEntry:
    """One line of the generated contents: a chapter or a heading in it."""

    level: int  # 1 chapter, 2 section, ...
    label: str | None
    title: tuple[Inline, ...]
    chapter_id: str
    anchor: str | None  # None for the chapter itself
    children: tuple[OutlineEntry, ...] = ()


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """Flatten inline content, for metadata, bookmarks and ids."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, (Text, Code)):
            parts.append(node.text)
        elif isinstance(node, (Emphasis, Strong, Link)):
            parts.append(plain_text(node.children))
        elif isinstance(node, Image):
            parts.append(node.alt)
        elif isinstance(node, LineBreak):
            parts.append(" ")
    return "".join(parts)


def walk(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Every block in reading order, those inside lists and quotes included."""
    for block in blocks:
        yield block
        if isinstance(block, BlockQuote):
            yield from walk(block.children)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from walk(item)


def outline(book: Book, depth: int = 2) -> tuple[OutlineEntry, ...]:
    """The contents tree (chapters, then headings down to `depth`) both backends render."""
    entries: list[OutlineEntry] = []
    for chapter in book.chapters:
        if not chapter.title:
            continue
        entries.append(
            OutlineEntry(
                level=1,
                label=chapter.label,
                title=chapter.title,
                chapter_id=chapter.id,
                anchor=None,
                children=_nest(chapter, [h for h in chapter.headings if h.level <= depth], 2),
            )
        )
    return tuple(entries)


def _nest(chapter: Chapter, headings: list[Heading], level: int) -> tuple[OutlineEntry, ...]:
    out: list[OutlineEntry] = []
    i = 0
    while i < len(headings):
        head = headings[i]
        j = i + 1
        while j < len(headings) and headings[j].level > head.level:
            j += 1
        out.append(
            OutlineEntry(
                level=level,
                label=head.label,
                title=head.title,
                chapter_id=chapter.id,
                anchor=head.id,
                children=_nest(chapter, headings[i + 1 : j], level + 1),
            )
        )
        i = j
    return tuple(out)

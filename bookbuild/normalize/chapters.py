"""Blocks -> front matter, chapters (each with its sections), back matter."""

from __future__ import annotations

from dataclasses import dataclass, field

from bookbuild.normalize.blocks import Block


@dataclass
class Chapter:
    heading: Block | None  # None for a text with no chapter headings
    blocks: list[Block] = field(default_factory=list)  # everything after the heading

    @property
    def title(self) -> str:
        return self.heading.text if self.heading else ""


@dataclass
class Section:
    """A numbered section (`3.2 …`) and everything up to the next one."""

    blocks: list[Block]

    @property
    def heading(self) -> Block:
        return self.blocks[0]

    @property
    def number(self) -> tuple[int, ...]:
        return tuple(int(n) for n in self.heading.label.split("."))


def split(blocks: list[Block]) -> tuple[list[Block], list[Chapter]]:
    """The blocks before the first chapter heading, and the chapters."""
    front: list[Block] = []
    chapters: list[Chapter] = []
    for block in blocks:
        if block.kind == "heading" and block.level == 1:
            chapters.append(Chapter(block))
        elif chapters:
            chapters[-1].blocks.append(block)
        else:
            front.append(block)
    return front, chapters


def is_section(block: Block) -> bool:
    return block.kind == "heading" and block.level == 2 and block.label.count(".") == 1


def sections(chapter: Chapter) -> tuple[list[Block], list[Section]]:
    """A chapter's introduction (before its first numbered section) and its sections."""
    intro: list[Block] = []
    found: list[Section] = []
    for block in chapter.blocks:
        if is_section(block):
            found.append(Section([block]))
        elif found:
            found[-1].blocks.append(block)
        else:
            intro.append(block)
    return intro, found


def passes(found: list[Section]) -> list[list[Section]]:
    """Runs of sections; numbering that goes back (N.1 after N.4) starts a new run: another draft."""
    runs: list[list[Section]] = []
    for section in found:
        if not runs or section.number <= runs[-1][-1].number:
            runs.append([section])
        else:
            runs[-1].append(section)
    return runs

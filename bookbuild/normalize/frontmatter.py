"""Title, subtitle, author and blurb: the lines before the first chapter that are metadata, not text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bookbuild.normalize import headings
from bookbuild.normalize.blocks import Block

AUTHOR = re.compile(
    r"^(?:(?i:(?:written\s+)?by)\s+)?((?:[A-Z][\w.'’-]*\.?)(?:,?\s+(?:[A-Z][\w.'’-]*|de|van|von|da|del|bin|al|and|&)){1,8})$"
)
AUTHOR_SEPARATOR = re.compile(r",\s*|\s+and\s+|\s*&\s*")
NOT_A_NAME = {"a", "an", "the", "on", "in", "of", "from", "how", "why", "what", "when", "my", "our"}
MINOR_WORDS = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "nor",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "by",
    "with",
    "from",
}
MAX_TITLE_WORDS = 20
TITLE_PAGE_BLOCKS = 4
MIN_BLURB_WORDS = 25


@dataclass
class FrontMatter:
    metadata: dict[str, str | list[str]] = field(default_factory=dict)
    taken: list[tuple[Block, str]] = field(default_factory=list)  # (block, metadata key it became)


def extract(blocks: list[Block], outline_levels: dict[str, int]) -> tuple[FrontMatter, list[Block]]:
    """Metadata from the opening blocks, and the blocks left for the text."""
    front = FrontMatter()
    rest = list(blocks)
    if not rest:
        return front, rest
    title_block = rest[0]
    title = _plain(title_block)
    end = _first_chapter(blocks, outline_levels)
    if len(title_block.lines) <= 2 and _is_title(title) and len(rest) > 1:
        head, sep, tail = title.partition(": ")
        front.metadata["title"] = head.strip() if sep else title
        if sep:
            front.metadata["subtitle"] = tail.strip()
        front.taken.append((title_block, "title"))
        end = 1 + _first_chapter(blocks[1:], outline_levels)  # a `# Title` is not the first chapter
    # the title page: a few blocks under the title, or only the next one when no chapter follows
    region = rest[1 : min(end, 1 + TITLE_PAGE_BLOCKS) if end < len(blocks) else 2] if front.taken else []
    for block in region:
        text = _plain(block)
        one_line = len(block.lines) == 1 and headings.key(text) not in outline_levels
        if "authors" not in front.metadata and one_line and (names := _authors(text)):
            front.metadata["authors"] = names
            front.taken.append((block, "authors"))
        elif "subtitle" not in front.metadata and one_line and block is rest[1] and _is_title(text):
            front.metadata["subtitle"] = text  # "A Novel", "Lessons from a Life": under the title
            front.taken.append((block, "subtitle"))
        elif _is_blurb(block, front, chaptered=end < len(blocks)):
            front.metadata["description"] = text
            front.taken.append((block, "description"))
    if front.taken and front.taken[0][1] == "title":  # the title again over the text: a half-title
        half = headings.key(title)
        front.taken += [
            (b, "title") for b in rest[1:end] if len(b.lines) == 1 and headings.key(b.lines[0]) == half
        ]
    for name in ("title", "subtitle"):
        if isinstance(value := front.metadata.get(name), str):
            front.metadata[name] = _uncapped(value)
    if isinstance(names := front.metadata.get("authors"), list):
        front.metadata["authors"] = [_uncapped(n) for n in names]
    taken = {id(b) for b, _ in front.taken}
    return front, [b for b in rest if id(b) not in taken]


def _uncapped(text: str) -> str:
    """A title page set in capitals ("THE SALT ROAD") reads as a title in the metadata: "The Salt Road"."""
    if not any(c.isalpha() for c in text) or text != text.upper():
        return text
    words = text.lower().split()
    return " ".join(
        w if 0 < i < len(words) - 1 and w in MINOR_WORDS else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def _authors(text: str) -> list[str]:
    """The names on an author line ("by Jane Q Writer", "Ann Lee and Bo Park"); none for a phrase."""
    m = AUTHOR.match(text)
    if m is None or headings.parse(text) is not None or text.split()[0].lower() in NOT_A_NAME:
        return []
    return [a.strip() for a in AUTHOR_SEPARATOR.split(m.group(1))]


def _is_blurb(block: Block, front: FrontMatter, chaptered: bool) -> bool:
    """A long paragraph between the title and the first chapter (with no chapters, it is the text)."""
    return (
        chaptered
        and "description" not in front.metadata
        and block.words >= MIN_BLURB_WORDS
        and not block.lines[0].lstrip().startswith(("-", "*", "+", "#"))
    )


def _first_chapter(blocks: list[Block], outline_levels: dict[str, int]) -> int:
    """Index of the first chapter heading; len(blocks) when there is none."""
    for i, block in enumerate(blocks):
        if len(block.lines) == 1:
            parsed = headings.parse(block.lines[0])
            level = parsed.level if parsed else outline_levels.get(headings.key(block.lines[0]))
            if level == 1 or headings.MARKDOWN.match(block.lines[0]):
                return i  # under a `# Title` the chapters may be `##`: a marked heading ends the title page
    return len(blocks)


def _is_title(text: str) -> bool:
    return (
        bool(text)
        and len(text.split()) <= MAX_TITLE_WORDS
        and text[-1] not in ".,;!?"
        and headings.parse(text) is None
        and not headings.ITEM_NUMBER.match(text)
        and not headings.FRONT_MATTER.match(headings.key(text))
    )


def _plain(block: Block) -> str:
    return " ".join(" ".join(block.lines).split()).strip("*_# ")

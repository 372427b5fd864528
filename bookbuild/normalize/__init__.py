"""Raw manuscript text -> canonical manuscript (see bookbuild.manuscript).

The passes, in order, each in its own module:

    reading      bytes -> text (encoding, mojibake, line ends, forbidden characters)
    blocks       text -> blocks that remember their source lines
    wrapper      an ebook library's licence header and footer, picture placeholders
    furniture    page numbers and running heads of a text pasted from a PDF
    outline      the table of contents -> the canonical outline, out of the text
    frontmatter  title, subtitle, author, blurb -> metadata
    headings     chapters, numbered sections, short sub-headings and their levels
    lists        `- ` / `1. ` lines -> lists; a bold label gets its body back
    joins        hard-wrapped lines and paragraphs cut by page breaks, rejoined
    markup       inline Markdown in canonical form (`*`/`**`, nothing unpaired)
    typography   curly quotes, dashes, ellipses
    chapters     blocks -> chapters -> numbered sections -> drafts (runs of sections)
    dedup        repeated notices, second drafts of chapters and sections, near-duplicate paragraphs
    report       Removal entries (stable ids for book.toml's `keep`) and the conservation check
    writer       one Markdown document per chapter, front and back matter apart

Nothing is dropped silently: every block that leaves the text is a Removal in the report,
so every word of the source is in the canonical manuscript, its metadata or the report.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

from bookbuild.errors import BookError
from bookbuild.manuscript import Document, Manuscript, Removal
from bookbuild.normalize import blocks as blk
from bookbuild.normalize import chapters as chp
from bookbuild.normalize import (
    dedup,
    frontmatter,
    furniture,
    headings,
    joins,
    lists,
    markup,
    outline,
    reading,
    wrapper,
)
from bookbuild.normalize.blocks import Block
from bookbuild.normalize.report import removal, where
from bookbuild.normalize.typography import smarten
from bookbuild.normalize.writer import document

BOILERPLATE_POLICIES = ("keep", "drop")
LONG_UNDIVIDED_WORDS = 8000  # a titled essay this long without headings deserves a word to the author


class NormalizeWarning(UserWarning):
    """The normalizer had to guess (e.g. a text with no headings at all)."""


@dataclass(frozen=True)
class NormalizeOptions:
    """book.toml's [normalize] table."""

    keep: list[str] = field(default_factory=list)  # removal ids (see report.md) to keep in the text
    boilerplate: str = "keep"  # a repeated notice: "keep" it once (its last place) or "drop" it
    typography: bool = True  # curly quotes, dashes, ellipses
    min_draft_similarity: float = 0.3  # without an outline, how alike two drafts of a section must be
    near_duplicate_threshold: float = 0.8  # shingle Jaccard above which a paragraph repeats another


def normalize(data: bytes, source: str, opts: NormalizeOptions | None = None) -> Manuscript:
    opts = opts or NormalizeOptions()
    policy = _policy(opts, source)
    text = reading.decode(data, source)
    removals: list[Removal] = []
    toc, front, found = _title_page(text, opts, policy, removals)
    found = _prepare(found, toc.levels() if toc else {}, opts)
    front_blocks, chapters, trailing = _deduplicate(found, toc, front, policy, removals, source)
    unknown = sorted(policy.keep - policy.decided)
    if unknown:
        warnings.warn(
            f"{source}: [normalize] keep names no removal: {', '.join(unknown)} (see report.md for the ids)",
            NormalizeWarning,
            stacklevel=2,
        )
    return Manuscript(
        metadata={"language": "en", **front.metadata},
        documents=_documents(front_blocks, chapters, trailing),
        removals=sorted(removals, key=lambda r: (r.first_line, r.last_line)),
        stats=_stats(text, toc, chapters, removals),
        source=source,
    )


def _policy(opts: NormalizeOptions, source: str) -> dedup.Policy:
    if opts.boilerplate not in BOILERPLATE_POLICIES:
        raise BookError(
            f"[normalize] boilerplate must be one of {', '.join(BOILERPLATE_POLICIES)}", path=source
        )
    return dedup.Policy(
        keep=frozenset(opts.keep),
        drop_boilerplate=opts.boilerplate == "drop",
        min_draft_similarity=opts.min_draft_similarity,
        near_duplicate_threshold=opts.near_duplicate_threshold,
    )


def _title_page(
    text: str, opts: NormalizeOptions, policy: dedup.Policy, removals: list[Removal]
) -> tuple[outline.Outline | None, frontmatter.FrontMatter, list[Block]]:
    """Blocks of the text, without the printed contents, page furniture and what became metadata."""
    found, removed, catalogue = wrapper.strip(blk.split(text))
    removals += removed
    toc, found = outline.extract(found)
    if toc:
        explanation = (
            f"the printed table of contents ({len(toc.entries)} entries); the editions make their own, "
            "and its titles and numbering are the outline the headings are checked against"
        )
        removals.append(removal("toc", explanation, toc.blocks))
    found, removed = furniture.strip(headings.separate(found))
    removals += removed
    front, found = frontmatter.extract(found, toc.levels() if toc else {})
    if "title" in catalogue:  # the ebook library's catalogue, when the text has no title page of its own
        front.metadata.setdefault("title", catalogue["title"])
    if "author" in catalogue:
        front.metadata.setdefault("authors", [catalogue["author"]])
    fix = (lambda t: smarten(markup.plain(t))) if opts.typography else markup.plain
    front.metadata = {
        k: [fix(a) for a in v] if isinstance(v, list) else fix(v) for k, v in front.metadata.items()
    }
    for (block, _), entry in zip(front.taken, _metadata_removals(front), strict=True):
        if policy.keeps(entry):
            found.append(block)  # metadata still, and in the text as well
        else:
            removals.append(entry)
    return toc, front, sorted(found, key=lambda b: b.first)


def _deduplicate(
    found: list[Block],
    toc: outline.Outline | None,
    front: frontmatter.FrontMatter,
    policy: dedup.Policy,
    removals: list[Removal],
    source: str,
) -> tuple[list[Block], list[chp.Chapter], list[Block]]:
    """Front blocks, chapters and closing notice, each text kept once."""
    found, trailing, removed = dedup.boilerplate(found, policy)
    removals += removed
    front_blocks, chapters = chp.split(found)
    if not chapters:
        chapters = [_untitled(front_blocks, front.metadata, source)]
        front_blocks = []
    outline_chapters = toc.chapters() if toc else []
    chapters, removed = dedup.duplicate_chapters(
        chapters, {e.label.lower(): e.title for e, _ in outline_chapters if e.label}, policy
    )
    removals += removed
    for i, chapter in enumerate(chapters):
        sections = _outline_sections(chapter, i, outline_chapters)
        chapter.blocks, removed = dedup.drafts(chapter, sections, policy)
        removals += removed
    removals += _near_duplicates(front_blocks, chapters, policy)
    _note_blurb(front, chapters, removals)
    return front_blocks, chapters, trailing


def _prepare(found: list[Block], levels: dict[str, int], opts: NormalizeOptions) -> list[Block]:
    """Classify every block, rebuild paragraphs and lists, set the inline text."""
    for block in found:
        blk.mark_break(block)
    headings.classify(found, levels)
    found = headings.attach_titles(found)
    headings.promote_top(found)
    headings.promote_matter(found)
    for block in found:
        lists.parse(block)
        joins.unwrap(block)
    found = lists.assemble(joins.join_cuts(found))
    fix = (lambda t: smarten(markup.inline(t))) if opts.typography else markup.inline
    for block in found:
        block.text = "\n".join(fix(line) for line in block.text.split("\n"))  # verse keeps its lines
        for item in block.items:
            item.text = fix(item.text)
    return found


def _metadata_removals(front: frontmatter.FrontMatter) -> list[Removal]:
    return [
        removal(
            "metadata", f"the book's {key}, now in the metadata (manuscript.toml) rather than the text", [b]
        )
        for b, key in front.taken
    ]


def _untitled(found: list[Block], metadata: dict[str, str | list[str]], source: str) -> chp.Chapter:
    """A text without chapter headings is one chapter, named after the book when it has a title."""
    title = str(metadata.get("title") or "")
    size = sum(b.words for b in found)
    if not title or size > LONG_UNDIVIDED_WORDS:
        warnings.warn(
            f"{source}: no chapter headings found; the whole text ({size} words) is one "
            f"{'chapter' if title else 'untitled chapter'}",
            NormalizeWarning,
            stacklevel=3,
        )
    if not title:
        return chp.Chapter(None, found)
    heading = Block([title], 0, 0, kind="heading", text=title, level=1)
    return chp.Chapter(heading, found)


def _outline_sections(chapter: chp.Chapter, index: int, outline_chapters: list) -> list[str]:
    """The outline's section titles for this chapter: matched by label, else by title, else by position."""
    if chapter.heading is None or not outline_chapters:
        return []
    parsed = headings.parse(chapter.heading.text)
    label = parsed.label.lower() if parsed else ""
    for entry, children in outline_chapters:
        if (label and entry.label.lower() == label) or headings.key(entry.text) == headings.key(
            chapter.title
        ):
            return [c.text for c in children]
    return [c.text for c in outline_chapters[index][1]] if index < len(outline_chapters) else []


def _near_duplicates(
    front_blocks: list[Block], chapters: list[chp.Chapter], policy: dedup.Policy
) -> list[Removal]:
    everything = front_blocks + [b for c in chapters for b in c.blocks]
    gone, removals = dedup.near_duplicates(everything, policy)
    if gone:
        drop = {id(everything[i]) for i in gone}
        front_blocks[:] = [b for b in front_blocks if id(b) not in drop]
        for chapter in chapters:
            chapter.blocks = [b for b in chapter.blocks if id(b) not in drop]
    return removals


def _note_blurb(front: frontmatter.FrontMatter, chapters: list[chp.Chapter], removals: list[Removal]) -> None:
    """A blurb that quotes the text: say where, so a reader of the report sees both copies."""
    blurb = next((b for b, key in front.taken if key == "description"), None)
    if blurb is None:
        return
    whole = dedup.shingles(str(front.metadata["description"]))
    quoted = [
        (dedup.containment(dedup.shingles(b.plain()), whole), b)
        for c in chapters
        for b in c.blocks
        if b.kind != "heading" and b.words >= dedup.NEAR_DUP_MIN_WORDS
    ]
    share, block = max(quoted, key=lambda pair: pair[0], default=(0.0, None))
    if block is None or share < 0.8:
        return
    i = next(
        (i for i, r in enumerate(removals) if r.first_line == blurb.first and r.reason == "metadata"), None
    )
    if i is None:
        return  # kept in the text by book.toml
    removals[i] = removal(
        "metadata",
        "the back-cover blurb, now the book's description; it repeats a paragraph of the text, "
        "which stays where it is",
        [blurb],
        where([block]),
        share,
    )


def _documents(
    front_blocks: list[Block], chapters: list[chp.Chapter], trailing: list[Block]
) -> list[Document]:
    docs: list[Document] = []
    if front_blocks:
        docs.append(document(0, "frontmatter", "front matter", front_blocks))
    for number, chapter in enumerate(chapters, 1):
        head = [chapter.heading] if chapter.heading else []
        name = _chapter_name(chapter) or f"chapter-{number}"
        role = headings.matter_role(chapter.heading) if chapter.heading else "chapter"
        docs.append(document(number, role, name, head + chapter.blocks))
    if trailing:
        docs.append(document(len(chapters) + 1, "backmatter", "back matter", trailing))
    return docs


def _chapter_name(chapter: chp.Chapter) -> str:
    """The file name says the chapter's title, without its 'Chapter 3' label."""
    parsed = headings.parse(chapter.title)
    return (parsed.title if parsed and parsed.title else chapter.title) if chapter.heading else ""


def _found_in_text(toc: outline.Outline, chapters: list[chp.Chapter]) -> int:
    """How many contents entries name a heading of the canonical text: all of them, ideally."""
    named = [headings.key(c.heading.text) for c in chapters if c.heading]
    named += [headings.key(b.text) for c in chapters for b in c.blocks if b.kind == "heading"]
    exact = set(named)
    titles = {name.partition(" ")[2] for name in named}  # "chapter i the arrival" is named by "i the arrival"
    return sum(headings.key(e.text) in exact or headings.key(e.text) in titles for e in toc.entries)


def _stats(
    text: str, toc: outline.Outline | None, chapters: list[chp.Chapter], removals: list[Removal]
) -> dict[str, int]:
    """What a person checks first: the structure found, the repairs made, what was removed."""
    body = [b for c in chapters for b in c.blocks]
    stats = {"source lines": len(text.splitlines())}
    if toc:
        stats["outline entries"] = len(toc.entries)
        stats["outline entries found as headings"] = _found_in_text(toc, chapters)
    stats["chapters"] = len(chapters)
    stats["sections"] = sum(chp.is_section(b) for b in body)
    stats["sub-headings"] = sum(b.kind == "heading" and not chp.is_section(b) for b in body)
    stats["paragraphs"] = sum(b.kind == "paragraph" for b in body)
    stats["lists"] = sum(b.kind == "list" for b in body)
    stats["paragraphs joined across page breaks"] = sum(b.cuts_joined for b in body)
    stats["list labels joined with their body"] = sum(b.labels_joined for b in body)
    for reason in sorted({r.reason for r in removals}):
        stats[f"removed: {reason}"] = sum(r.reason == reason for r in removals)
    return stats

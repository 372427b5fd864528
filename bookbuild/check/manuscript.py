"""Manuscript gates, on the document model of the canonical manuscript: what a reader would trip over.

Places are given as `file.md:line` of the canonical manuscript, so an author can open the file and fix it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz, process

from bookbuild import model as m
from bookbuild.check import Check, listed
from bookbuild.manuscript import Manuscript

NEAR_DUPLICATE_SCORE = 90  # rapidfuzz ratio (0..100) from which two paragraphs say the same thing
NEAR_DUPLICATE_MIN_WORDS = 12  # shorter paragraphs (a one-line quote, "Thank you.") may well repeat
LONG_PARAGRAPH_WORDS = 400  # far beyond a printed paragraph: most likely several run together
# Markup a reader should never see: bold markers, an asterisk glued to a word, a list dash at the start.
LEFTOVER_MARKUP = (
    (re.compile(r"\*\*|__"), "bold markers"),
    (re.compile(r"(?<=\w)\*|\*(?=\w)"), "a stray '*'"),
    (re.compile(r"^\s*[-•]\s"), "a list dash at the start"),
)


def check(ms: Manuscript, book: m.Book, target: str) -> list[Check]:
    places = _Places(ms, book)
    paragraphs = [(ch, b) for ch in book.chapters for b in _in_order(ch.blocks) if isinstance(b, m.Paragraph)]
    return [
        Check(target, "heading levels", listed(heading_gaps(book, places)), "no level skipped"),
        Check(target, "empty sections", listed(empty_sections(book, places)), "every heading has text"),
        Check(target, "near-duplicate paragraphs", listed(near_duplicates(paragraphs, places)), "none"),
        Check(target, "leftover markup", listed(leftover_markup(paragraphs, places)), "none"),
        Check(target, "long paragraphs", listed(long_paragraphs(paragraphs, places)), "none"),
    ]


class _Places:
    """The `file.md:line` of every heading and paragraph, searched in reading order, so the second
    of two paragraphs that begin alike gets its own line."""

    def __init__(self, ms: Manuscript, book: m.Book) -> None:
        texts = {doc.filename: doc.text for doc in ms.documents}
        self.lines: dict[int, str] = {}
        for ch in book.chapters:
            source, cursor = texts.get(ch.source, ""), 0
            for block in _in_order(ch.blocks):
                words = re.findall(r"[^\W_]+", m.plain_text(_inlines_of(block)))[:6]
                found = (
                    re.compile(r"\W+".join(map(re.escape, words))).search(source, cursor) if words else None
                )
                if found:
                    cursor = found.end()
                    self.lines[id(block)] = f"{ch.source}:{source.count(chr(10), 0, found.start()) + 1}"

    def of(self, ch: m.Chapter, block: m.Block) -> str:
        return self.lines.get(id(block), ch.source or ch.id)


def _in_order(blocks: tuple[m.Block, ...]) -> Iterator[m.Heading | m.Paragraph]:
    """Headings and paragraphs in reading order, inside quotes and lists too."""
    for block in blocks:
        if isinstance(block, (m.Heading, m.Paragraph)):
            yield block
        elif isinstance(block, m.BlockQuote):
            yield from _in_order(block.children)
        elif isinstance(block, m.ListBlock):
            for item in block.items:
                yield from _in_order(item)


def _inlines_of(block: m.Heading | m.Paragraph) -> tuple[m.Inline, ...]:
    return block.title if isinstance(block, m.Heading) else block.children


def heading_gaps(book: m.Book, places: _Places) -> Iterator[str]:
    """A heading two levels below the one before it (a section inside a missing section)."""
    for ch in book.chapters:
        previous = 1 if ch.title else 0
        for head in ch.headings:
            if head.level > previous + 1:
                title = m.plain_text(head.title)
                yield f"{places.of(ch, head)}: level {head.level} heading {title!r} follows level {previous}"
            previous = head.level


def empty_sections(book: m.Book, places: _Places) -> Iterator[str]:
    """A heading with no text under it before the next heading of its rank, or the chapter's end."""
    for ch in book.chapters:
        if ch.title and not ch.blocks:
            yield f"{ch.source or ch.id}: chapter {m.plain_text(ch.title)!r} has no text"
        for i, block in enumerate(ch.blocks):
            if not isinstance(block, m.Heading):
                continue
            after = ch.blocks[i + 1] if i + 1 < len(ch.blocks) else None
            if after is None or (isinstance(after, m.Heading) and after.level <= block.level):
                yield f"{places.of(ch, block)}: section {m.plain_text(block.title)!r} has no text"


def near_duplicates(paragraphs: list[tuple[m.Chapter, m.Paragraph]], places: _Places) -> Iterator[str]:
    """Paragraphs that say nearly the same thing twice, the normalizer's dedup having let them through.

    Compared in order of length, each only with those long enough to reach the score, so the work
    stays near-linear on a long book instead of comparing every pair.
    """
    texts = [" ".join(m.plain_text(p.children).casefold().split()) for _, p in paragraphs]
    order = sorted(
        (i for i, t in enumerate(texts) if t.count(" ") + 1 >= NEAR_DUPLICATE_MIN_WORDS),
        key=lambda i: (len(texts[i]), i),
    )
    reach = NEAR_DUPLICATE_SCORE / (200 - NEAR_DUPLICATE_SCORE)  # shortest/longest that can still match
    end = 0
    for k, i in enumerate(order):
        end = max(end, k + 1)
        while end < len(order) and len(texts[i]) >= reach * len(texts[order[end]]):
            end += 1
        candidates = [texts[j] for j in order[k + 1 : end]]
        for _, score, pos in process.extract(
            texts[i], candidates, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE_SCORE, limit=None
        ):
            j = order[k + 1 + pos]
            first, second = sorted((i, j))
            where = [places.of(*paragraphs[n]) for n in (first, second)]
            yield f"{where[1]} repeats {where[0]} ({score:.0f}% alike)"


def leftover_markup(paragraphs: list[tuple[m.Chapter, m.Paragraph]], places: _Places) -> Iterator[str]:
    for ch, p in paragraphs:
        text = "".join(node.text for node in p.children if isinstance(node, m.Text))
        for pattern, what in LEFTOVER_MARKUP:
            if pattern.search(text):
                yield f"{places.of(ch, p)}: {what} in {_quote(text)}"
                break


def long_paragraphs(paragraphs: list[tuple[m.Chapter, m.Paragraph]], places: _Places) -> Iterator[str]:
    for ch, p in paragraphs:
        words = len(m.plain_text(p.children).split())
        if words > LONG_PARAGRAPH_WORDS:
            yield f"{places.of(ch, p)}: {words} words in one paragraph; several run together?"


def _quote(text: str) -> str:
    return repr(text[:40] + "…" if len(text) > 40 else text)

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
    places = _Places(ms)
    paragraphs = [(ch, p) for ch in book.chapters for p in _paragraphs(ch.blocks)]
    return [
        Check(target, "heading levels", listed(heading_gaps(book, places)), "no level skipped"),
        Check(target, "empty sections", listed(empty_sections(book, places)), "every heading has text"),
        Check(target, "near-duplicate paragraphs", listed(near_duplicates(paragraphs, places)), "none"),
        Check(target, "leftover markup", listed(leftover_markup(paragraphs, places)), "none"),
        Check(target, "long paragraphs", listed(long_paragraphs(paragraphs, places)), "none"),
    ]


class _Places:
    """Finds the line of a paragraph or heading in its canonical Markdown file."""

    def __init__(self, ms: Manuscript) -> None:
        self.texts = {doc.filename: doc.text for doc in ms.documents}

    def of(self, ch: m.Chapter, text: str) -> str:
        source = self.texts.get(ch.source, "")
        words = re.findall(r"[^\W_]+", text)[:6]
        if words:
            found = re.search(r"[^\w]+".join(map(re.escape, words)), source)
            if found:
                return f"{ch.source}:{source.count(chr(10), 0, found.start()) + 1}"
        return ch.source or ch.id


def _paragraphs(blocks: tuple[m.Block, ...]) -> Iterator[m.Paragraph]:
    for block in blocks:
        if isinstance(block, m.Paragraph):
            yield block
        elif isinstance(block, m.BlockQuote):
            yield from _paragraphs(block.children)
        elif isinstance(block, m.ListBlock):
            for item in block.items:
                yield from _paragraphs(item)


def heading_gaps(book: m.Book, places: _Places) -> Iterator[str]:
    """A heading two levels below the one before it (a section inside a missing section)."""
    for ch in book.chapters:
        previous = 1 if ch.title else 0
        for head in ch.headings:
            if head.level > previous + 1:
                title = m.plain_text(head.title)
                yield f"{places.of(ch, title)}: level {head.level} heading {title!r} follows level {previous}"
            previous = head.level


def empty_sections(book: m.Book, places: _Places) -> Iterator[str]:
    """A heading with no text under it before the next heading of its rank, or the chapter's end."""
    for ch in book.chapters:
        if ch.title and not ch.blocks:
            yield f"{places.of(ch, m.plain_text(ch.title))}: chapter {m.plain_text(ch.title)!r} has no text"
        for i, block in enumerate(ch.blocks):
            if not isinstance(block, m.Heading):
                continue
            after = ch.blocks[i + 1] if i + 1 < len(ch.blocks) else None
            if after is None or (isinstance(after, m.Heading) and after.level <= block.level):
                title = m.plain_text(block.title)
                yield f"{places.of(ch, title)}: section {title!r} has no text"


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
            where = [
                places.of(paragraphs[n][0], m.plain_text(paragraphs[n][1].children)) for n in (first, second)
            ]
            yield f"{where[1]} repeats {where[0]} ({score:.0f}% alike)"


def leftover_markup(paragraphs: list[tuple[m.Chapter, m.Paragraph]], places: _Places) -> Iterator[str]:
    for ch, p in paragraphs:
        text = "".join(node.text for node in p.children if isinstance(node, m.Text))
        for pattern, what in LEFTOVER_MARKUP:
            if pattern.search(text):
                yield f"{places.of(ch, m.plain_text(p.children))}: {what} in {_quote(text)}"
                break


def long_paragraphs(paragraphs: list[tuple[m.Chapter, m.Paragraph]], places: _Places) -> Iterator[str]:
    for ch, p in paragraphs:
        text = m.plain_text(p.children)
        words = len(text.split())
        if words > LONG_PARAGRAPH_WORDS:
            yield f"{places.of(ch, text)}: {words} words in one paragraph; several run together?"


def _quote(text: str) -> str:
    return repr(text[:40] + "…" if len(text) > 40 else text)

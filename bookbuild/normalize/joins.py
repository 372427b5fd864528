"""Paragraphs put back together: hard-wrapped lines, and paragraphs a page break cut in two."""

from __future__ import annotations

import re

from bookbuild.normalize.blocks import CLOSERS, SENTENCE_END, Block, merge

MAX_VERSE_CHARS = 50  # a hard-wrapped line is about 70 characters long
QUOTE_MARK = re.compile(r"^\s*>\s?")  # a Markdown or e-mail quotation line

MIN_CUT_WORDS = 8  # a shorter unpunctuated line is more likely a caption or a name than a cut sentence


def unwrap(block: Block) -> None:
    """A text block is a paragraph (or a quotation, every line marked `>`); its lines were wrapped
    by the source, not by the author. Verse keeps its lines."""
    if block.kind != "text":
        return
    if all(QUOTE_MARK.match(line) for line in block.lines):
        block.kind = "quote"
        block.text = unwrap_lines([QUOTE_MARK.sub("", line) for line in block.lines])
        return
    if _verse(block.lines):
        block.kind = "verse"
        block.text = "\n".join(line.strip() for line in block.lines)
        return
    block.kind = "paragraph"
    block.text = unwrap_lines(block.lines)


def _verse(lines: list[str]) -> bool:
    """Indented lines all much shorter than a wrapped line: a poem or song, its line ends the poet's."""
    return len(lines) > 1 and all(
        line[:1] in " \t" and len(line.strip()) <= MAX_VERSE_CHARS for line in lines
    )


def unwrap_lines(lines: list[str]) -> str:
    text = lines[0].strip()
    for line in lines[1:]:
        line = line.strip()
        if text.endswith("-") and text[-2:-1].isalpha() and line[:1].islower():
            text += line  # a word hyphenated at the line end
        else:
            text = f"{text} {line}"
    return text


def join_cuts(blocks: list[Block]) -> list[Block]:
    """Join a paragraph that stops mid-sentence with the paragraph that carries on."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if prev is not None and block.kind == "paragraph" and _continues(prev, block):
            if prev.kind == "list":
                prev.items[-1].text = unwrap_lines([prev.items[-1].text, block.text])
            else:
                prev.text = unwrap_lines([prev.text, block.text])
            merge(prev, block)
            prev.cuts_joined += 1 + block.cuts_joined
            continue
        out.append(block)
    return out


def _continues(prev: Block, block: Block) -> bool:
    if prev.kind == "paragraph":
        tail = prev.text
    elif prev.kind == "list":
        tail = prev.items[-1].text
    else:
        return False
    if not tail or tail.rstrip(CLOSERS)[-1:] in SENTENCE_END:
        return False
    if block.text[:1].islower():
        return True
    return len(tail.split()) >= MIN_CUT_WORDS and (block.text[:1].isupper() or block.text[:1].isdigit())

"""Inline Markdown as the canonical manuscript writes it: `*italic*`, `**bold**`, nothing stray."""

from __future__ import annotations

import re

UNDERSCORE_STRONG = re.compile(r"(?<![\w_])__(?=\S)([^_\n]+?)(?<=\S)__(?![\w_])")
UNDERSCORE_EM = re.compile(r"(?<![\w_*])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
STRONG = re.compile(r"\*\*")
# A line that Markdown would read as a block marker although it is a paragraph's first words.
BLOCK_START = re.compile(r"^(\d{1,9})([.)])(?=\s)|^([-+*>#=])(?=\s|$)")


def inline(text: str) -> str:
    """Underscore emphasis in the canonical `*` form; an unpaired `**` removed."""
    text = UNDERSCORE_STRONG.sub(r"**\1**", text)
    text = UNDERSCORE_EM.sub(r"*\1*", text)
    text = re.sub(r"\*\*\s*\*\*", " ", text)  # '**a** **b**' joined across a line: '**a ** b**'
    if len(STRONG.findall(text)) % 2:
        head, _, tail = text.rpartition("**")
        text = head + tail
    return " ".join(text.split())


def paragraph(text: str) -> str:
    """Inline text as a paragraph that cannot be mistaken for a list, heading or quote."""
    return BLOCK_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text)

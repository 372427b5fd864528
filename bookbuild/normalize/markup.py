"""Inline Markdown as the canonical manuscript writes it: `*italic*`, `**bold**`, nothing stray."""

from __future__ import annotations

import re

UNDERSCORE_STRONG = re.compile(r"(?<![\w_])__(?=\S)([^_\n]+?)(?<=\S)__(?![\w_])")
UNDERSCORE_EM = re.compile(r"(?<![\w_*])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
STRONG = re.compile(r"\*\*")
EMPHASIS_MARKER = re.compile(r"\*\*|__|(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])")
# A line that Markdown would read as a block marker although it is a paragraph's first words.
BLOCK_START = re.compile(r"^(\d{1,9})([.)])(?=\s)|^([-+*>#=])(?=\s|$)")


def inline(text: str) -> str:
    """Underscore emphasis in the canonical `*` form; an unpaired `**` removed."""
    text = UNDERSCORE_STRONG.sub(r"**\1**", text)
    text = UNDERSCORE_EM.sub(r"*\1*", text)
    if "**" in text:
        text = _pair_strong(text)
    return " ".join(text.split())


def _pair_strong(text: str) -> str:
    """Drop `**` that open a span inside an open span ('**Investment in **SoftBank**'), or never close."""
    parts = STRONG.split(text)
    out = [parts[0]]
    open_at: int | None = None
    for part in parts[1:]:
        before = out[-1]
        nested = open_at is not None and (not before or before[-1].isspace()) and part[:1] not in ("", " ")
        if nested:
            out.append(part)  # the marker is dropped: its text joins the open span
            continue
        open_at = len(out) if open_at is None else None
        out += ["**", part]
    if open_at is not None:
        del out[open_at]
    return "".join(out)


def plain(text: str) -> str:
    """Text for metadata fields, where Markdown markers would show as they are."""
    return " ".join(EMPHASIS_MARKER.sub("", text).split())


def paragraph(text: str) -> str:
    """Inline text as a paragraph that cannot be mistaken for a list, heading or quote."""
    return BLOCK_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text)

"""Typographic punctuation: curly quotes and apostrophes, em dashes, ellipses.

Code spans, URLs, autolinks and link targets are left exactly as written.
"""

from __future__ import annotations

import re

PROTECTED = re.compile(r"(`[^`]*`|<[^<>\s]+>|\]\([^)]*\)|https?://\S+|www\.\S+)")
OPENS_BEFORE = r"(^|[\s(\[{\u2014\u2013*_“‘/-])"
REPLACEMENTS = (  # (character that must be present, pattern, replacement)
    (".", re.compile(r"\.\s?\.\s?\."), "…"),
    ("-", re.compile(r"\s*(?<![-!<])-{2,3}(?![->])\s*"), "—"),  # -- and --- (not <!-- or -->)
    ("-", re.compile(r"(?<=\S) - (?=\S)"), "—"),  # a spaced hyphen between words is a dash
    ('"', re.compile(OPENS_BEFORE + '"'), "\\1“"),
    ('"', re.compile('"'), "”"),
    ("'", re.compile(r"(?<=\w)'(?=\w)"), "’"),  # don't, Ma's
    ("'", re.compile(r"'(?=\d\ds\b)"), "’"),  # the ’90s
    ("“", re.compile(r"(?<=[^\s(\[{])“(?=[\s)\]}.,;:!?]|$)"), "”"),  # an opening quote that closes: a typo
)
OPENING_SINGLE = re.compile(OPENS_BEFORE + r"'(?=[\w*_])")
CLOSING_SINGLE = re.compile(r"(?<=[\w.,!?*_])'(?!\w)")


def smarten(text: str) -> str:
    if not any(c in text for c in "\"'.-"):
        return text
    parts = PROTECTED.split(text)
    return "".join(part if i % 2 else _smarten(part) for i, part in enumerate(parts))


def _smarten(text: str) -> str:
    for trigger, pattern, replacement in REPLACEMENTS:
        if trigger in text:
            text = pattern.sub(replacement, text)
    if "'" not in text:
        return text
    out: list[str] = []
    pos = 0
    for m in OPENING_SINGLE.finditer(text):
        # ‘quoted’ when a closing quote follows; otherwise a leading apostrophe: ’em, ’tis, ’99
        closed = CLOSING_SINGLE.search(text, m.end())
        out.append(text[pos : m.end(1)] + ("‘" if closed else "’"))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out).replace("'", "’")

"""Removal entries: what left the text, why, and what replaces it."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence

from bookbuild.manuscript import Manuscript, Removal
from bookbuild.normalize.blocks import Block


def removal(
    reason: str,
    explanation: str,
    blocks: Sequence[Block],
    superseded_by: str | None = None,
    similarity: float | None = None,
) -> Removal:
    """One report entry for a run of blocks; its id depends only on the removed text."""
    text = "\n\n".join(b.raw for b in blocks)
    digest = hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]
    return Removal(
        reason=reason,
        explanation=explanation,
        first_line=min(b.first for b in blocks),
        last_line=max(b.last for b in blocks),
        text=text,
        superseded_by=superseded_by,
        similarity=None if similarity is None else round(similarity, 3),
        id=f"{reason}-{digest}",
    )


def where(blocks: Sequence[Block]) -> str:
    """'lines 12–40 (1.2 Early Years)': how a person finds a block in the source and the output."""
    first, last = min(b.first for b in blocks), max(b.last for b in blocks)
    span = f"line {first}" if first == last else f"lines {first}–{last}"
    title = next((b.text for b in blocks if b.kind == "heading"), "")
    return f"{span} ({title})" if title else span


def words(text: str) -> list[str]:
    """The words a conservation check counts: letters and digits, case folded."""
    return re.findall(r"[^\W_]+", text.casefold())


def unaccounted(raw_text: str, ms: Manuscript) -> Counter[str]:
    """Words of the raw text found neither in the canonical manuscript (text and metadata) nor in
    the report: the conservation check, empty when nothing was lost."""
    found: Counter[str] = Counter()
    for doc in ms.documents:
        found.update(words(doc.text))
    for value in ms.metadata.values():
        found.update(words(" ".join(value) if isinstance(value, list) else value))
    for entry in ms.removals:
        found.update(words(entry.text))
    return Counter(words(raw_text)) - found

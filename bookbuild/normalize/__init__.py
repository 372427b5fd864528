"""Raw manuscript text -> canonical manuscript (see bookbuild.manuscript).

Placeholder pipeline: decodes, finds chapter headings and writes one document per
chapter. The real passes (front matter, outline, joins, dedup, typography) live
in the modules of this package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bookbuild.errors import BookError
from bookbuild.manuscript import Document, Manuscript

CHAPTER = re.compile(r"^(chapter|part)\s+\w+\b.*$", re.IGNORECASE)


@dataclass(frozen=True)
class NormalizeOptions:
    keep: list[str] | None = None  # removal ids to keep in the text after all


def normalize(data: bytes, source: str, opts: NormalizeOptions | None = None) -> Manuscript:
    if not data.strip():
        raise BookError("the manuscript is empty", path=source)
    text = data.decode("utf-8-sig")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    title = paragraphs[0]
    chapters: list[list[str]] = [[]]
    for para in paragraphs[1:]:
        if CHAPTER.match(para) and "\n" not in para:
            chapters.append([f"# {para}"])
        else:
            chapters[-1].append(para)
    docs = [Document(f"{i:02d}.md", "chapter", "\n\n".join(c) + "\n") for i, c in enumerate(chapters) if c]
    return Manuscript(metadata={"title": title}, documents=docs, source=source)

"""Canonical manuscript (Markdown) -> the document model.

The only place that reads Markdown. Raw HTML never passes into the model: its
text is kept, its tags are dropped, and scripts, styles, frames and forms are
removed with a warning.
"""

from __future__ import annotations

import os
import posixpath
import re
import uuid
import warnings
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import lxml.html
import mistune

from bookbuild import model as m
from bookbuild.config import BookConfig, slugify
from bookbuild.errors import BookError
from bookbuild.manuscript import Document, Manuscript

CHAPTER_LABEL = re.compile(
    r"^((?:chapter|part|book)\s+(?:\d+|[ivxlc]+|[a-z]+))\s*[:.\u2014\u2013-]\s*(.+)$", re.I
)
SECTION_LABEL = re.compile(r"^(\d+(?:\.\d+)+)\.?\s+(.+)$")
# An opening tag whose content is code or a frame, never text (the content goes with the tags).
ACTIVE_OPEN = re.compile(r"<\s*(script|style|iframe|object|textarea)\b[^>]*(?<!/)>", re.I)
EVENT_HANDLER = re.compile(r"\son\w+\s*=", re.I)
DANGEROUS_TAGS = ("script", "style", "iframe", "object", "embed", "form", "input", "button", "textarea")

_parse = mistune.create_markdown(renderer=None, plugins=["strikethrough"])


class ContentWarning(UserWarning):
    """Something in the manuscript was dropped or changed on the way to the model."""


def load(ms: Manuscript, config: BookConfig) -> m.Book:
    ids: Counter[str] = Counter()
    chapters = tuple(_chapter(doc, i, ids) for i, doc in enumerate(ms.documents))
    if not chapters:
        raise BookError("the manuscript has no text to build", path=ms.source or config.source_path)
    return m.Book(metadata=_metadata(ms, config), chapters=chapters, base_dir=config.root)


def _metadata(ms: Manuscript, config: BookConfig) -> m.Metadata:
    """book.toml wins over what the normalizer found in the text."""
    b, found = config.book, ms.metadata
    title = b.title or str(found.get("title") or "") or config.slug.replace("-", " ").title()
    authors = tuple(b.authors) or tuple(found.get("authors") or ())
    cover = config.root / b.cover if b.cover else None
    return m.Metadata(
        title=title,
        slug=config.slug,
        language=b.language or str(found.get("language") or "en"),
        subtitle=b.subtitle or str(found.get("subtitle") or "") or None,
        authors=authors,
        description=b.description or str(found.get("description") or "") or None,
        publisher=b.publisher or None,
        date=b.date or None,
        rights=b.rights or None,
        identifier=b.identifier or _identifier(config.slug, title, authors),
        source_note=Path(ms.source).name if ms.source else None,
        modified=_modified(),
        cover_image=cover,
    )


def _identifier(slug: str, title: str, authors: tuple[str, ...]) -> str:
    """Derived from what names the book, not its text: fixing a typo is not a new edition for stores."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "bookbuild:" + "\n".join([slug, title, *authors])).urn


def _modified() -> str:
    """A fixed timestamp: SOURCE_DATE_EPOCH when set, else 2000-01-01 (builds stay reproducible)."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "946684800"))
    return datetime.fromtimestamp(epoch, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _chapter(doc: Document, index: int, ids: Counter[str]) -> m.Chapter:
    tokens = _parse(doc.text)
    title: tuple[m.Inline, ...] = ()
    label = None
    if tokens and tokens[0]["type"] == "heading" and tokens[0]["attrs"]["level"] == 1:
        title = _inlines(tokens.pop(0)["children"], doc)
        label, title = _split_label(title, CHAPTER_LABEL)
    base = slugify(m.plain_text(title)) if title else f"{doc.role}-{index + 1}"
    chapter_id = _unique(f"ch-{base}" if doc.role == "chapter" else base, ids)
    blocks = tuple(_blocks(tokens, doc, ids, chapter_id))
    return m.Chapter(
        id=chapter_id, role=doc.role, title=title, blocks=blocks, label=label, source=doc.filename
    )


def _unique(base: str, ids: Counter[str]) -> str:
    ids[base] += 1
    return base if ids[base] == 1 else f"{base}-{ids[base]}"


def _split_label(
    title: tuple[m.Inline, ...], pattern: re.Pattern[str]
) -> tuple[str | None, tuple[m.Inline, ...]]:
    """'Chapter 3: Rise' -> ('Chapter 3', 'Rise'); only when the title is plain text."""
    if len(title) == 1 and isinstance(title[0], m.Text):
        match = pattern.match(title[0].text)
        if match:
            return match.group(1), (m.Text(match.group(2)),)
    return None, title


def _blocks(tokens: list[dict[str, Any]], doc: Document, ids: Counter[str], chapter_id: str) -> list[m.Block]:
    out: list[m.Block] = []
    for tok in tokens:
        kind = tok["type"]
        if kind == "heading":
            level = max(2, tok["attrs"]["level"])
            label, title = _split_label(_inlines(tok["children"], doc), SECTION_LABEL)
            anchor = _unique(f"{chapter_id}-{slugify(label or m.plain_text(title))}", ids)
            out.append(m.Heading(level=level, title=title, id=anchor, label=label))
        elif kind in ("paragraph", "block_text"):
            children = _inlines(tok["children"], doc)
            if children:
                out.append(m.Paragraph(children))
        elif kind == "list":
            items = tuple(tuple(_blocks(item["children"], doc, ids, chapter_id)) for item in tok["children"])
            attrs = tok["attrs"]
            out.append(
                m.ListBlock(ordered=bool(attrs.get("ordered")), items=items, start=attrs.get("start", 1))
            )
        elif kind == "block_quote":
            out.append(m.BlockQuote(tuple(_blocks(tok["children"], doc, ids, chapter_id))))
        elif kind == "block_code":
            out.append(m.CodeBlock(tok["raw"]))
        elif kind == "thematic_break":
            out.append(m.ThematicBreak())
        elif kind == "block_html":
            text = _html_text(tok["raw"], doc)
            if text:
                out.append(m.Paragraph((m.Text(text),)))
    return out


def _inlines(tokens: list[dict[str, Any]], doc: Document) -> tuple[m.Inline, ...]:
    out: list[m.Inline] = []
    for tok in _without_active_content(tokens, doc):
        kind = tok["type"]
        if kind == "text":
            out.append(m.Text(tok["raw"]))
        elif kind == "softbreak":
            out.append(m.Text(" "))
        elif kind == "linebreak":
            out.append(m.LineBreak())
        elif kind == "emphasis":
            out.append(m.Emphasis(_inlines(tok["children"], doc)))
        elif kind == "strong":
            out.append(m.Strong(_inlines(tok["children"], doc)))
        elif kind == "strikethrough":
            out.extend(_inlines(tok["children"], doc))
        elif kind == "codespan":
            out.append(m.Code(tok["raw"]))
        elif kind == "link":
            out.append(m.Link(tok["attrs"]["url"], _inlines(tok["children"], doc)))
        elif kind == "image":
            src = _image_src(tok["attrs"]["url"], doc)
            out.append(m.Image(src, m.plain_text(_inlines(tok["children"], doc))))
        elif kind == "inline_html":
            text = _html_text(tok["raw"], doc)
            if text:
                out.append(m.Text(text))
    return _merge_text(out)


def _without_active_content(tokens: list[dict[str, Any]], doc: Document) -> list[dict[str, Any]]:
    """Inline `<script>…</script>` comes as three tokens; what is between the tags is code, not text."""
    out: list[dict[str, Any]] = []
    closing: re.Pattern[str] | None = None
    for tok in tokens:
        if closing is not None:
            if tok["type"] == "inline_html" and closing.match(tok["raw"]):
                closing = None
            continue
        opened = ACTIVE_OPEN.match(tok["raw"]) if tok["type"] == "inline_html" else None
        if opened:
            tag = opened.group(1).lower()
            warnings.warn(f"{doc.filename}: removed raw HTML ({tag})", ContentWarning, stacklevel=3)
            closing = re.compile(rf"<\s*/\s*{tag}\s*>", re.I)
            continue
        out.append(tok)
    return out


def _image_src(url: str, doc: Document) -> str:
    """An image must be a file in the book folder: the build stays hermetic and the book self-contained."""
    if re.match(r"^([a-z][a-z0-9+.-]*:|//)", url, re.I):
        raise BookError(
            f"image {url!r} is not a file in the book folder; remote images are refused",
            path=doc.filename,
            hint="download it into the book folder and refer to it by a relative path",
        )
    if posixpath.isabs(url) or posixpath.normpath(url).startswith("../") or posixpath.normpath(url) == "..":
        raise BookError(
            f"image {url!r} is outside the book folder",
            path=doc.filename,
            hint="copy it into the book folder and refer to it by a relative path",
        )
    return url


def _merge_text(nodes: list[m.Inline]) -> tuple[m.Inline, ...]:
    merged: list[m.Inline] = []
    for node in nodes:
        if isinstance(node, m.Text) and merged and isinstance(merged[-1], m.Text):
            merged[-1] = m.Text(merged[-1].text + node.text)
        else:
            merged.append(node)
    return tuple(merged)


def _html_text(raw: str, doc: Document) -> str:
    """Raw HTML keeps only its text; active content is dropped with a warning."""
    if (
        re.fullmatch(r"\s*<[^<>]*>\s*", raw)
        and not re.search(rf"<\s*({'|'.join(DANGEROUS_TAGS)})\b", raw, re.I)
        and not EVENT_HANDLER.search(raw)
    ):
        return ""  # a lone tag such as <br> or </span>: nothing to keep
    try:
        fragment = lxml.html.fragment_fromstring(raw, create_parent="div")
    except Exception:  # lxml raises several types for broken markup
        return ""
    dropped = [el.tag for el in fragment.iter() if isinstance(el.tag, str) and el.tag in DANGEROUS_TAGS]
    if dropped or EVENT_HANDLER.search(raw):
        warnings.warn(
            f"{doc.filename}: removed raw HTML ({', '.join(sorted(set(dropped))) or 'event handler'})",
            ContentWarning,
            stacklevel=2,
        )
    for el in list(fragment.iter(*DANGEROUS_TAGS)):
        el.drop_tree()
    return " ".join(fragment.text_content().split())

"""Model -> EPUB 3 (with an EPUB 2 NCX), written with ebooklib."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ebooklib import epub

from bookbuild import model as m
from bookbuild.backends import Edition
from bookbuild.render import xhtml
from bookbuild.resources import STYLES

CSS = "style/book.css"


def _href(chapter_id: str, anchor: str | None) -> str:
    return f"{chapter_id}.xhtml" + (f"#{anchor}" if anchor else "")


def render(book: m.Book, target: Path, table: dict[str, Any]) -> Edition:
    meta = book.metadata
    out = epub.EpubBook()
    out.set_identifier(meta.identifier or meta.slug)
    out.set_title(meta.title)
    out.set_language(meta.language)
    for author in meta.authors:
        out.add_author(author)
    if meta.description:
        out.add_metadata("DC", "description", meta.description)
    css = epub.EpubItem(
        uid="css", file_name=CSS, media_type="text/css", content=(STYLES / "epub.css").read_bytes()
    )
    out.add_item(css)
    opts = xhtml.RenderOptions(href=_href)
    items = []
    for ch in book.chapters:
        title = m.plain_text(ch.title) or meta.title
        body = xhtml.document(title, meta.language, [xhtml.chapter(ch, opts)], [CSS])
        item = epub.EpubItem(
            uid=ch.id, file_name=f"{ch.id}.xhtml", media_type="application/xhtml+xml", content=body
        )
        out.add_item(item)
        items.append(item)
    out.toc = [_toc_entry(e) for e in m.outline(book)]
    out.add_item(epub.EpubNcx())
    out.add_item(epub.EpubNav())
    out.spine = ["nav", *items]
    epub.write_epub(str(target), out, {"epub3_pages": False})
    return Edition("epub", target, chapters=len(book.body))


def _toc_entry(entry: m.OutlineEntry) -> Any:
    label = " ".join(p for p in (entry.label, m.plain_text(entry.title)) if p)
    link = epub.Link(_href(entry.chapter_id, entry.anchor), label, entry.anchor or entry.chapter_id)
    if not entry.children:
        return link
    return (
        epub.Section(label, _href(entry.chapter_id, entry.anchor)),
        [_toc_entry(c) for c in entry.children],
    )

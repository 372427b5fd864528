"""Model -> print PDF, laid out by WeasyPrint with styles/print.css."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from weasyprint import CSS, HTML

from bookbuild import model as m
from bookbuild.backends import Edition
from bookbuild.render import xhtml
from bookbuild.resources import STYLES


def _href(chapter_id: str, anchor: str | None) -> str:
    return f"#{anchor or chapter_id}"


def render(book: m.Book, target: Path, table: dict[str, Any]) -> Edition:
    meta = book.metadata
    opts = xhtml.RenderOptions(href=_href, epub_types=False)
    body = [xhtml.chapter(ch, opts) for ch in book.chapters]
    source = xhtml.document(meta.title, meta.language, body, [])
    html = HTML(string=source.decode("utf-8"), base_url=str(book.base_dir))
    document = html.render(stylesheets=[CSS(filename=str(STYLES / "print.css"))])
    document.metadata.title = meta.title
    document.metadata.authors = list(meta.authors)
    document.write_pdf(target)
    return Edition("pdf", target, chapters=len(book.body), pages=len(document.pages))

"""Model -> print PDF, laid out by WeasyPrint with styles/print.css.

The book is one HTML document: front matter pages (bookbuild.pdf.frontmatter), then the model's
front matter, then the body; print.css gives each part a page name that decides its folios and
running heads. The gutter depends on the page count, so a book whose length was misjudged is laid out twice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree
from weasyprint import CSS
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration

from bookbuild import model as m
from bookbuild.backends import Edition
from bookbuild.errors import BookError
from bookbuild.pdf import frontmatter, labels, layout, speedups
from bookbuild.pdf import options as pdf_options
from bookbuild.pdf.fetcher import ProjectFetcher, RefusedURL
from bookbuild.pdf.options import Geometry, PdfOptions
from bookbuild.render import xhtml
from bookbuild.resources import STYLES

WHERE = "book.toml [pdf]"
GENERATOR = "bookbuild (WeasyPrint)"


def _href(chapter_id: str, anchor: str | None) -> str:
    return f"#{anchor or chapter_id}"


def render(book: m.Book, target: Path, table: dict[str, Any]) -> Edition:
    opts = pdf_options.read(table, WHERE)
    g = pdf_options.geometry(opts, WHERE)
    font_size = pdf_options.length(opts.font_size, "font_size", WHERE)
    fetcher = ProjectFetcher((book.base_dir, STYLES))
    source = _html(book, opts)
    try:
        with speedups.faster():
            pages = _write(book, target, _layout(book, source, opts, g, font_size, fetcher))
    except RefusedURL as exc:
        raise BookError(
            f"refers to {exc.url!r}, outside the book: only files in the book folder can be used",
            path=book.base_dir,
        ) from None
    return Edition("pdf", target, chapters=len(book.body), pages=pages)


def _write(book: m.Book, target: Path, document: Document) -> int:
    """Write the laid-out book; it is let go on return, before speedups.faster() ends."""
    first_body = next((ch.id for ch in book.chapters if ch.role != "frontmatter"), None)
    _set_metadata(document, book.metadata)
    finisher = labels.finisher(labels.ranges(_page_of(document, first_body)))
    document.write_pdf(target, finisher=finisher, pdf_tags=True)
    return len(document.pages)


def _layout(
    book: m.Book, source: bytes, opts: PdfOptions, g: Geometry, font_size: float, fetcher: ProjectFetcher
) -> Document:
    """Lay the book out with the gutter its page count needs (estimated first, then checked)."""
    html = speedups.html_document(source, book.base_dir.resolve().as_uri() + "/", fetcher)  # a folder
    fonts = FontConfiguration()  # holds the @font-face fonts; without it they are silently ignored
    print_css = CSS(filename=str(STYLES / "print.css"), url_fetcher=fetcher, font_config=fonts)

    def lay_out(gutter: float) -> Document:
        page_css = CSS(string=layout.page_css(g, opts, gutter, font_size), font_config=fonts)
        return html.render(stylesheets=[print_css, page_css], font_config=fonts)

    if g.gutter is not None:
        return lay_out(g.gutter)
    guess = pdf_options.auto_gutter(layout.estimate_pages(book, g, font_size), g.inside)
    document = lay_out(guess)
    needed = pdf_options.auto_gutter(len(document.pages), g.inside)
    return document if needed == guess else lay_out(needed)


def _html(book: m.Book, opts: PdfOptions) -> bytes:
    meta = book.metadata
    ropts = xhtml.RenderOptions(href=_href, epub_types=False)
    front = [_chapter(ch, ropts) for ch in book.chapters if ch.role == "frontmatter"]
    body = [_chapter(ch, ropts) for ch in book.chapters if ch.role != "frontmatter"]
    if body:
        body[0].set("class", f"{body[0].get('class')} body-start")  # the page count restarts here
    pages = [
        frontmatter.half_title(meta),
        frontmatter.title_page(meta),
        frontmatter.copyright_page(meta),
        frontmatter.contents(book, opts.contents_depth, ropts),
        *front,
        *body,
    ]
    if opts.profile == "press":
        for page in pages:
            for a in page.iter(f"{{{xhtml.XHTML}}}a"):
                a.attrib.pop("href", None)  # a press file has no link annotations
    return xhtml.document(meta.title, meta.language, pages, [])


def _chapter(ch: m.Chapter, ropts: xhtml.RenderOptions) -> etree._Element:
    """The shared chapter markup, plus what the running heads and bookmarks read."""
    section = xhtml.chapter(ch, ropts)
    title = m.plain_text(ch.title)
    section.set("data-running-head", title)
    head = section.find(f"{{{xhtml.XHTML}}}h1")
    if head is not None:
        head.set("data-bookmark", f"{ch.label}: {title}" if ch.label else title)
    return section


def _page_of(document: Document, anchor: str | None) -> int | None:
    """Index of the page holding `anchor`, if it is laid out at all."""
    return next((i for i, page in enumerate(document.pages) if anchor in page.anchors), None)


def _set_metadata(document: Document, meta: m.Metadata) -> None:
    document.metadata.title = meta.title
    document.metadata.authors = list(meta.authors)
    document.metadata.description = meta.subtitle or None
    document.metadata.lang = meta.language
    document.metadata.generator = GENERATOR
    document.metadata.created = document.metadata.modified = meta.modified

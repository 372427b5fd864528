"""Model -> EPUB 3 (with an EPUB 2 NCX), packaged by ebooklib.

Reading order: cover, title page, imprint, contents (nav.xhtml), the manuscript's
documents. Every content document is finished XHTML written by render/xhtml.py and
handed to ebooklib as bytes (its EpubHtml would re-parse it and drop attributes of
<html> and <body>); the zip is then rewritten so two builds are byte-identical.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ebooklib import epub

from bookbuild import config as cfg
from bookbuild import model as m
from bookbuild.backends import Edition
from bookbuild.epub import archive, cover, images, matter, metadata, navigation
from bookbuild.errors import BookError
from bookbuild.render import xhtml
from bookbuild.resources import STYLES

PACKAGE_DIR = "EPUB"  # ebooklib's folder for the package and its items
CSS = "style/book.css"
TEXT_DIR = "text"  # the manuscript's documents, apart from the pages the edition adds
XHTML_TYPE = "application/xhtml+xml"


@dataclass(frozen=True)
class EpubOptions:
    """The [epub] table of book.toml."""

    toc_depth: int = 2  # outline levels in the contents: 1 chapters only, 2 with sections, ...
    cover_background: str = "#1d2b36"  # colours of the generated cover (ignored with [book] cover)
    cover_foreground: str = "#f3ede2"


def render(book: m.Book, target: Path, table: dict[str, Any]) -> Edition:
    where = f"{book.base_dir / cfg.BOOK_TOML} [epub]"
    opts = cfg.options(EpubOptions, table, where)
    if not 1 <= opts.toc_depth <= 6:
        raise BookError(f"toc_depth must be 1 to 6, not {opts.toc_depth}", path=where)
    meta = book.metadata
    out = epub.EpubBook()
    a11y = metadata.accessibility(book)
    metadata.describe(out, meta, a11y)
    css = (STYLES / "epub.css").read_bytes()
    out.add_item(epub.EpubItem(uid="css", file_name=CSS, media_type="text/css", content=css))
    cover_name, cover_bytes = cover.cover_image(meta, opts.cover_background, opts.cover_foreground, where)
    out.set_cover(cover_name, cover_bytes, create_page=False)
    pictures = _add_images(out, book)

    first = next((ch for ch in book.chapters if ch.role == "chapter"), book.chapters[0])
    added = [
        _page(out, "cover", "Cover", [cover.cover_page(meta, cover_name)], meta, None),
        _page(out, "titlepage", meta.title, [matter.title_page(meta)], meta, "frontmatter"),
        _page(out, "imprint", "Imprint", [matter.imprint(meta, a11y.summary)], meta, "frontmatter"),
    ]
    landmarks = [
        navigation.Landmark("cover", "cover.xhtml", "Cover"),
        navigation.Landmark("toc", f"nav.xhtml#{navigation.TOC_ID}", "Contents"),
        navigation.Landmark("bodymatter", _href(first.id, None), "Start of the text"),
    ]
    outline = m.outline(book, depth=opts.toc_depth)
    nav_body = navigation.nav(outline, _href, landmarks, meta.language)
    nav = _page(out, "nav", "Contents", nav_body, meta, None)
    nav.properties = ["nav"]

    text_opts = _text_options(book, pictures)
    documents = [_chapter(out, ch, meta, text_opts) for ch in book.chapters]
    out.toc = navigation.ncx(outline, _href)
    out.add_item(epub.EpubNcx())
    out.spine = [*added, nav, *documents]
    out.guide = [
        {"type": "cover", "href": "cover.xhtml", "title": "Cover"},
        {"type": "toc", "href": "nav.xhtml", "title": "Contents"},
        {"type": "text", "href": _href(first.id, None), "title": "Start of the text"},
    ]
    _write(out, target, meta, navigation.depth(outline))
    return Edition("epub", target, chapters=len(book.body))


def _add_images(out: epub.EpubBook, book: m.Book) -> dict[str, str]:
    """Pack the manuscript's images, one file per distinct image; {src in the model: file name}."""
    pictures = images.embedded(book)
    for uid, (name, data) in enumerate(dict(pictures.values()).items()):
        out.add_item(
            epub.EpubItem(uid=f"img{uid}", file_name=name, media_type=cover.media_type(name), content=data)
        )
    return {src: name for src, (name, _) in pictures.items()}


def _text_options(book: m.Book, pictures: dict[str, str]) -> xhtml.RenderOptions:
    """How the manuscript's documents, in the text folder, point at each other and at images."""
    owners = _anchor_owners(book)
    return xhtml.RenderOptions(
        href=lambda cid, anchor: f"{cid}.xhtml" + (f"#{anchor}" if anchor else ""),
        image_src=lambda src: f"../{pictures[src]}",
        link_href=lambda href: _link(href, owners),
    )


def _href(chapter_id: str, anchor: str | None) -> str:
    """Where a document (or a place in it) lives, relative to the package folder."""
    return f"{TEXT_DIR}/{chapter_id}.xhtml" + (f"#{anchor}" if anchor else "")


def _page(
    out: epub.EpubBook,
    name: str,
    title: str,
    body: list[Any],
    meta: m.Metadata,
    body_type: str | None,
) -> epub.EpubItem:
    """One of the pages the edition adds, at the package root."""
    content = xhtml.document(title, meta.language, body, [CSS], body_type)
    return out.add_item(
        epub.EpubItem(uid=name, file_name=f"{name}.xhtml", media_type=XHTML_TYPE, content=content)
    )


def _chapter(out: epub.EpubBook, ch: m.Chapter, meta: m.Metadata, opts: xhtml.RenderOptions) -> epub.EpubItem:
    """One manuscript document, in the text folder."""
    title = m.plain_text(ch.title) or ch.label or meta.title
    division = "bodymatter" if ch.role == "chapter" else ch.role
    content = xhtml.document(title, meta.language, [xhtml.chapter(ch, opts)], [f"../{CSS}"], division)
    item = epub.EpubItem(
        uid=f"doc-{ch.id}", file_name=_href(ch.id, None), media_type=XHTML_TYPE, content=content
    )
    return out.add_item(item)


def _anchor_owners(book: m.Book) -> dict[str, str]:
    """{id: the chapter it is in}, so a manuscript link '#id' can reach another document."""
    owners = {ch.id: ch.id for ch in book.chapters}
    for ch in book.chapters:
        owners.update({h.id: ch.id for h in ch.headings})
    return owners


def _link(href: str, owners: dict[str, str]) -> str | None:
    if href.startswith("#") and href[1:] in owners:
        return f"{owners[href[1:]]}.xhtml{href}"
    return xhtml.external_link(href)


def _write(out: epub.EpubBook, target: Path, meta: m.Metadata, toc_levels: int) -> None:
    buffer = io.BytesIO()
    options = {
        "epub3_pages": False,  # would list every epub:type element as a page
        "epub3_landmark": False,  # nav.xhtml is ours, landmarks included
        "mtime": datetime(*archive.zip_time(meta.modified), tzinfo=UTC),  # dcterms:modified, in UTC
        "play_order": {"enabled": True, "start_from": 1},  # NCX 2005-1 numbers its navPoints
        "raise_exceptions": True,
    }
    epub.write_epub(buffer, out, options)
    patches = {
        f"{PACKAGE_DIR}/content.opf": metadata.package_language(meta.language),
        f"{PACKAGE_DIR}/toc.ncx": navigation.ncx_depth(toc_levels),
    }
    with zipfile.ZipFile(buffer) as built:
        archive.rewrite(built, target, meta.modified, patches)

"""The pages a printed book has before its text: half-title, title page, copyright page, contents.

Written with the shared XHTML helpers; the contents is the same outline list the EPUB nav uses.
"""

from __future__ import annotations

from lxml import etree

from bookbuild import model as m
from bookbuild.render import xhtml

COLOPHON = "Set in Charis SIL."


def half_title(meta: m.Metadata) -> etree._Element:
    section = xhtml.el("section", {"class": "half-title", "aria-label": "Half-title"})
    xhtml.sub(section, "p", {"class": "book-title"}, meta.title)
    return section


def title_page(meta: m.Metadata) -> etree._Element:
    section = xhtml.el("section", {"class": "title-page", "aria-label": "Title page"})
    xhtml.sub(section, "p", {"class": "book-title", "role": "heading", "aria-level": "1"}, meta.title)
    if meta.subtitle:
        xhtml.sub(section, "p", {"class": "subtitle"}, meta.subtitle)
    if meta.authors:
        xhtml.sub(section, "p", {"class": "authors"}, _names(meta.authors))
    if meta.publisher:
        xhtml.sub(section, "p", {"class": "publisher"}, meta.publisher)
    return section


def copyright_page(meta: m.Metadata) -> etree._Element:
    """The imprint: only what the metadata says; nothing (rights, author) is invented."""
    section = xhtml.el("section", {"class": "copyright", "aria-label": "Copyright page"})
    title = f"{meta.title}: {meta.subtitle}" if meta.subtitle else meta.title
    lines = [
        title,
        f"by {_names(meta.authors)}" if meta.authors else "The source names no author.",
        meta.rights or "",
        ", ".join(p for p in (meta.publisher, meta.date) if p),
        f"Text from {meta.source_note}" if meta.source_note else "",
        COLOPHON,
    ]
    for line in lines:
        if line:
            xhtml.sub(section, "p", text=line)
    return section


def contents(book: m.Book, depth: int, opts: xhtml.RenderOptions) -> etree._Element:
    """The printed contents: each entry carries the target its page number is read from."""
    nav = xhtml.el("nav", {"class": "contents", "id": "contents", "role": "doc-toc"})
    xhtml.sub(nav, "h1", {"class": "contents-title"}, "Contents")
    roles = {ch.id: ch.role for ch in book.chapters}
    listing = xhtml.contents(m.outline(book, depth=depth), opts)
    for a in listing.iter(f"{{{xhtml.XHTML}}}a"):
        a.set("data-target", a.get("href", ""))
        target = a.get("href", "").lstrip("#")
        if roles.get(target) == "frontmatter":
            a.set("class", "roman")
    nav.append(listing)
    return nav


def _names(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

"""The pages the edition adds before the text: the title page and the imprint.

Only what the metadata says is printed; nothing (an author, rights) is invented.
"""

from __future__ import annotations

from lxml import etree

from bookbuild import __version__
from bookbuild import model as m
from bookbuild.render import xhtml

WORDS_LANGUAGE = "en"  # the language of the words bookbuild adds: headings, the imprint's sentences


def our_words(book_language: str) -> dict[str, str]:
    """lang attributes for the words bookbuild adds when the book is in another language,
    so a screen reader reads them with the right voice."""
    if book_language.split("-")[0].lower() == WORDS_LANGUAGE:
        return {}
    return {"lang": WORDS_LANGUAGE, "{http://www.w3.org/XML/1998/namespace}lang": WORDS_LANGUAGE}


def names(people: tuple[str, ...]) -> str:
    return people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1]


def title_page(meta: m.Metadata) -> etree._Element:
    section = xhtml.el("section", {"class": "titlepage", xhtml.EPUB_TYPE: "titlepage"})
    xhtml.sub(section, "h1", {"class": "title"}, meta.title)
    if meta.subtitle:
        xhtml.sub(
            section,
            "p",
            {"class": "subtitle", xhtml.EPUB_TYPE: "subtitle", "role": "doc-subtitle"},
            meta.subtitle,
        )
    if meta.authors:
        xhtml.sub(section, "p", {"class": "author"}, names(meta.authors))
    if meta.publisher:
        xhtml.sub(section, "p", {"class": "publisher"}, meta.publisher)
    return section


def imprint(meta: m.Metadata, summary: str) -> etree._Element:
    """The copyright page: what this edition is, where its text came from, how it was made."""
    section = xhtml.el(
        "section", {"class": "imprint", xhtml.EPUB_TYPE: "copyright-page", "aria-label": "Imprint"}
    )
    full_title = f"{meta.title}: {meta.subtitle}" if meta.subtitle else meta.title
    head = xhtml.sub(section, "p", {"class": "imprint-title"})
    xhtml.sub(head, "em", text=full_title)
    english = our_words(meta.language)
    by = f"by {names(meta.authors)}" if meta.authors else "The text names no author."
    xhtml.sub(section, "p", english, by)
    for line in (meta.rights, ", ".join(p for p in (meta.publisher, meta.date) if p)):
        if line:
            xhtml.sub(section, "p", text=line)
    source = f" from the manuscript {meta.source_note}" if meta.source_note else ""
    xhtml.sub(
        section,
        "p",
        english,
        f"This EPUB edition was made{source} with bookbuild {__version__}: the text was cleaned "
        "and given its structure as a canonical manuscript, then set for e-readers.",
    )
    xhtml.sub(section, "p", english, f"Accessibility: {summary}")
    if meta.identifier:
        xhtml.sub(section, "p", {"class": "identifier", **english}, f"Identifier: {meta.identifier}")
    return section

"""The package metadata: bibliographic, then EPUB Accessibility 1.1, each claim true of the book.

Everything is written through ebooklib; only what it cannot say (xml:lang on <package>)
is patched into content.opf afterwards.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

from ebooklib import epub
from lxml import etree

from bookbuild import __version__
from bookbuild import model as m
from bookbuild.config import ConfigWarning
from bookbuild.epub.archive import Patch
from bookbuild.epub.images import images_in

CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
W3CDTF = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2}))?)?)?$")


@dataclass(frozen=True)
class Accessibility:
    """What a reader who cannot see, or who uses their own settings, can rely on."""

    images: int  # every image, the cover included
    images_without_alt: int

    @property
    def text_suffices(self) -> bool:
        return self.images_without_alt == 0

    @property
    def modes(self) -> list[str]:
        return ["textual", "visual"] if self.images else ["textual"]

    @property
    def sufficient(self) -> list[str]:
        return (["textual"] if self.text_suffices else []) + (["textual,visual"] if self.images else [])

    @property
    def features(self) -> list[str]:
        found = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
        return found + (["alternativeText"] if self.images and self.text_suffices else [])

    @property
    def conforms(self) -> bool:
        """WCAG AA holds by construction (semantic markup, no colour-only meaning, reflowable
        text) unless an image carries no text alternative."""
        return self.text_suffices

    @property
    def summary(self) -> str:
        text = (
            "Reflowable text that follows the reader's own font, size and colour settings, with "
            "headings in order, a nested table of contents and a logical reading order."
        )
        if self.images and self.text_suffices:
            text += " Every image, the cover included, has a text description."
        elif self.images:
            text += f" {self.images_without_alt} image(s) have no text description."
        text += " No flashing, motion or sound."
        return text + (f" Meets {CONFORMANCE}." if self.conforms else "")


def accessibility(book: m.Book) -> Accessibility:
    """The cover, always present and always described, counts as one image."""
    images = [node for ch in book.chapters for node in images_in(ch.blocks)]
    missing = sum(1 for img in images if not img.alt.strip())
    return Accessibility(images=len(images) + 1, images_without_alt=missing)


def describe(out: epub.EpubBook, meta: m.Metadata, a11y: Accessibility) -> None:
    """Bibliographic and accessibility metadata of the package."""
    out.set_unique_metadata(
        "OPF", "generator", "", {"name": "generator", "content": f"bookbuild {__version__}"}
    )
    out.set_identifier(meta.identifier or f"urn:bookbuild:{meta.slug}")
    out.title = meta.title  # the NCX's docTitle
    _refined(out, "DC", "title", meta.title, "title", {"title-type": "main", "display-seq": "1"})
    if meta.subtitle:
        _refined(
            out, "DC", "title", meta.subtitle, "subtitle", {"title-type": "subtitle", "display-seq": "2"}
        )
    out.set_language(meta.language)
    for n, author in enumerate(meta.authors, 1):
        out.add_author(author, role="aut", uid=f"creator{n}")
    for name, value in (
        ("description", meta.description),
        ("publisher", meta.publisher),
        ("date", _date(meta.date)),
        ("rights", meta.rights),
    ):
        if value:
            out.add_metadata("DC", name, value)
    for prop, values in (
        ("schema:accessMode", a11y.modes),
        ("schema:accessModeSufficient", a11y.sufficient),
        ("schema:accessibilityFeature", a11y.features),
        ("schema:accessibilityHazard", ["none"]),
        ("schema:accessibilitySummary", [a11y.summary]),
        ("dcterms:conformsTo", [CONFORMANCE] if a11y.conforms else []),
        ("a11y:certifiedBy", [f"bookbuild {__version__} (automated checks)"] if a11y.conforms else []),
    ):
        for value in values:
            out.add_metadata(None, "meta", value, {"property": prop})


def _date(value: str | None) -> str | None:
    """A publication date EPUB readers can sort by (W3CDTF); anything else is left out, with a word."""
    if value and not W3CDTF.match(value):
        warnings.warn(
            f"[book] date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD; left out of the EPUB metadata",
            ConfigWarning,
            stacklevel=3,
        )
        return None
    return value


def _refined(
    out: epub.EpubBook, ns: str, name: str, value: str, uid: str, refinements: dict[str, str]
) -> None:
    out.add_metadata(ns, name, value, {"id": uid})
    for prop, text in refinements.items():
        out.add_metadata(None, "meta", text, {"refines": f"#{uid}", "property": prop})


def package_language(lang: str) -> Patch:
    """content.opf with xml:lang on <package>, which ebooklib does not write."""

    def patch(data: bytes) -> bytes:
        root = etree.fromstring(data)
        root.set(XML_LANG, lang)
        return etree.tostring(root, encoding="utf-8", xml_declaration=True)

    return patch

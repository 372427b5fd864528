"""PDF gates, read back with pypdf as a printer or a reader's viewer would see the file."""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject

from bookbuild.check import Check, listed
from bookbuild.errors import BookError

POINTS_PER_INCH = 72
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
FOLIO = re.compile(r"([0-9]+|[ivxlcdm]+)\s*$", re.I)


def check(path: Path) -> list[Check]:
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its notes on a damaged file are not the verdict
    try:
        reader = PdfReader(path)
        pages = reader.pages
        len(pages)
    except (PdfReadError, ValueError, OSError) as exc:
        raise BookError(f"not a readable PDF ({exc})", path=path) from None
    return [
        page_size(reader, str(path)),
        fonts_embedded(reader, str(path)),
        outline(reader, str(path)),
        page_labels(reader, str(path)),
        contents_numbers(reader, str(path)),
    ]


def page_size(reader: PdfReader, target: str) -> Check:
    """Every page the same trim size: a printer rejects a file whose pages differ."""
    sizes = [(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) for p in reader.pages]
    (w, h), _ = Counter(sizes).most_common(1)[0]
    odd = [i + 1 for i, size in enumerate(sizes) if size != (w, h)]
    problems = listed(f"page {n} is not {w:g} × {h:g} pt" for n in odd)
    inches = f"{w / POINTS_PER_INCH:.2f} × {h / POINTS_PER_INCH:.2f} in"
    return Check(target, "page size", problems, f"{inches} on all {len(sizes)} pages")


def fonts_embedded(reader: PdfReader, target: str) -> Check:
    """A font that is only named is replaced by whatever the printer has: every glyph must travel."""
    missing: dict[str, int] = {}
    seen: set[str] = set()
    for number, page in enumerate(reader.pages, 1):
        for font in _fonts(page.get("/Resources")):
            name = str(font.get("/BaseFont", "?"))
            seen.add(name)
            if not _embedded(font):
                missing.setdefault(name, number)
    problems = tuple(f"{name} is not embedded (first used on page {n})" for name, n in missing.items())
    return Check(target, "fonts embedded", problems, f"{len(seen)} fonts, all embedded")


def _fonts(resources: Any) -> list[DictionaryObject]:
    """The fonts of a page, including those of the forms it draws."""
    if resources is None:
        return []
    resources = resources.get_object()
    found = [f.get_object() for f in (resources.get("/Font") or {}).values()]
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            found += _fonts(xobject.get("/Resources"))
    return found


def _embedded(font: DictionaryObject) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # drawn by the file itself
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor.get_object() for k in FONT_FILES)


def outline(reader: PdfReader, target: str) -> Check:
    """Bookmarks, so a reader can jump to each chapter."""
    entries = [e for e in _flatten(reader.outline) if not isinstance(e, list)]
    if not entries:
        return Check(target, "outline", ("the PDF has no bookmarks",))
    unresolved = [str(e.title) for e in entries if reader.get_destination_page_number(e) is None]
    problems = listed(f"bookmark {title!r} leads nowhere" for title in unresolved)
    return Check(target, "outline", problems, f"{len(entries)} bookmarks")


def _flatten(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        out += _flatten(item) if isinstance(item, list) else [item]
    return out


def page_labels(reader: PdfReader, target: str) -> Check:
    """Labels make a viewer show the printed folios (v, 1, 2) instead of sheet counts."""
    if "/PageLabels" not in reader.trailer["/Root"]:
        return Check(target, "page labels", ("the PDF has no page labels",))
    labels = reader.page_labels
    repeated = [label for label, n in Counter(labels).items() if n > 1]
    problems = listed(f"page label {label!r} is used twice" for label in repeated)
    return Check(target, "page labels", problems, f"{labels[0]} … {labels[-1]}")


def contents_numbers(reader: PdfReader, target: str) -> Check:
    """Each linked entry of the printed contents shows the folio of the page its link leads to."""
    labels = reader.page_labels
    destinations = {
        str(k): reader.get_destination_page_number(v) for k, v in reader.named_destinations.items()
    }
    checked, problems = 0, []
    for index, page in enumerate(reader.pages):
        areas = _link_areas(page, destinations)
        if not areas:
            continue
        lines = _text_lines(page)
        for dest, (low, high) in areas.items():
            text = " ".join(t for y, t in lines if low - 1 <= y <= high + 1)
            printed = FOLIO.search(text)
            if printed is None:
                continue
            checked += 1
            expected = labels[destinations[dest]]
            if printed.group(1) != expected:
                entry = text[: printed.start()].rstrip(". \u2026")
                problems.append(
                    f"page {labels[index]}: {entry[:50]!r} says {printed.group(1)}, its page is {expected}"
                )
    if not checked:
        return Check(target, "contents page numbers", (), "no linked contents to check")
    entries = "1 entry" if checked == 1 else f"{checked} entries"
    return Check(target, "contents page numbers", listed(problems), f"{entries}, each on its page")


def _link_areas(page: Any, destinations: dict[str, int | None]) -> dict[str, tuple[float, float]]:
    """{named destination: (lowest, highest) y of the link boxes leading to it} on one page."""
    areas: dict[str, tuple[float, float]] = {}
    for annot in page.get("/Annots") or []:
        annot = annot.get_object()
        dest = annot.get("/Dest")
        if annot.get("/Subtype") != "/Link" or dest is None or isinstance(dest, ArrayObject):
            continue
        if destinations.get(str(dest)) is None:
            continue
        rect = [float(v) for v in annot["/Rect"]]
        low, high = min(rect[1], rect[3]), max(rect[1], rect[3])
        old = areas.get(str(dest), (low, high))
        areas[str(dest)] = (min(low, old[0]), max(high, old[1]))
    return areas


def _text_lines(page: Any) -> list[tuple[float, str]]:
    """(baseline y, text) of every piece of text on the page, in drawing order."""
    pieces: dict[float, list[str]] = defaultdict(list)

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            pieces[round(y, 1)].append(text)

    page.extract_text(visitor_text=visit)
    return [(y, "".join(parts).strip()) for y, parts in pieces.items()]

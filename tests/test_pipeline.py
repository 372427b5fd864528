"""End to end: the real biography goes through the whole pipeline."""

from __future__ import annotations

import re
import zipfile

from lxml import etree
from pypdf import PdfReader

from bookbuild.backends import Edition

BIO = "jack-ma-visionary-legacy"
CHAPTER_RE = re.compile(r"Chapter (\d+)")


def test_both_books_give_both_editions(built: dict[str, dict[str, Edition]]) -> None:
    assert set(built) == {BIO, "ecommerce-pioneer"}
    for editions in built.values():
        assert set(editions) == {"epub", "pdf"}
        assert editions["epub"].path.name.endswith(".epub")
        assert editions["pdf"].path.read_bytes().startswith(b"%PDF-")


def test_epub_has_the_twenty_chapters_in_order(built: dict[str, dict[str, Edition]]) -> None:
    epub = built[BIO]["epub"].path
    with zipfile.ZipFile(epub) as z:
        opf_name = next(n for n in z.namelist() if n.endswith(".opf"))
        opf = etree.fromstring(z.read(opf_name))
        ns = {"opf": "http://www.idpf.org/2007/opf"}
        manifest = {i.get("id"): i.get("href") for i in opf.iterfind(".//opf:manifest/opf:item", ns)}
        spine = [manifest[r.get("idref")] for r in opf.iterfind(".//opf:spine/opf:itemref", ns)]
        base = opf_name.rpartition("/")[0]
        numbers = []
        for href in spine:
            doc = etree.fromstring(z.read(f"{base}/{href}" if base else href))
            for h1 in doc.iter("{http://www.w3.org/1999/xhtml}h1"):
                found = CHAPTER_RE.search("".join(h1.itertext()))
                if found:
                    numbers.append(int(found.group(1)))
    assert numbers == list(range(1, 21))


def test_pdf_has_the_chapters_in_order(built: dict[str, dict[str, Edition]]) -> None:
    reader = PdfReader(built[BIO]["pdf"].path)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    positions = [text.find(f"Chapter {n}\n") for n in range(1, 21)]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)

"""The biography, normalized: structure, nothing lost, deterministic, pinned by a golden copy.

Set BOOKBUILD_SAVE_GOLDEN=1 to rewrite tests/golden/ on purpose; the diff is then reviewed.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from bookbuild import manuscript
from bookbuild import model as m
from bookbuild.config import for_text_file
from bookbuild.load import load
from bookbuild.manuscript import Manuscript
from bookbuild.normalize import normalize
from bookbuild.normalize.headings import key
from bookbuild.normalize.outline import ENTRY
from bookbuild.normalize.reading import decode
from bookbuild.normalize.report import unaccounted

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "manuscript/jack-ma-visionary-legacy/source.txt"
ESSAY = "manuscript/ecommerce-pioneer/source.txt"
GOLDEN = ROOT / "tests" / "golden" / "jack-ma-visionary-legacy"


@pytest.fixture(scope="module")
def bio() -> Manuscript:
    return normalize((ROOT / SOURCE).read_bytes(), SOURCE)


def test_twenty_chapters_in_order(bio: Manuscript) -> None:
    chapters = [d for d in bio.documents if d.role == "chapter"]
    titles = [d.text.splitlines()[0] for d in chapters]
    assert [re.match(r"# Chapter (\d+): ", t).group(1) for t in titles] == [str(n) for n in range(1, 21)]
    assert chapters[0].filename == "01-early-life-and-background.md"
    assert bio.stats["chapters"] == 20


def test_the_outline_sections_in_order(bio: Manuscript) -> None:
    toc = next(r for r in bio.removals if r.reason == "toc")
    matches = [ENTRY.match(line.strip()) for line in toc.text.splitlines()]
    entries = [found.group("title").rstrip(". ") for found in matches if found]
    expected = [key(e) for e in entries if re.match(r"\d+\.\d+ ", e)]
    body = "\n".join(d.text for d in bio.documents)
    found = [key(h) for h in re.findall(r"^## (.+)$", body, re.M)]
    assert len(expected) == 80
    assert found == expected
    assert bio.stats["outline entries found as headings"] == bio.stats["outline entries"] == 100


def test_nothing_is_lost(bio: Manuscript) -> None:
    assert unaccounted(decode((ROOT / SOURCE).read_bytes(), SOURCE), bio) == Counter()


def test_drafts_toc_and_notice_are_reported(bio: Manuscript) -> None:
    reasons = Counter(r.reason for r in bio.removals)
    assert reasons["toc"] == 1 and reasons["boilerplate"] == 1
    assert reasons["draft-duplicate"] >= 80  # every chapter's short draft, section by section
    for r in bio.removals:
        assert r.id and r.explanation and 1 <= r.first_line <= r.last_line <= 5951
        if r.reason == "draft-duplicate":
            assert r.superseded_by and r.similarity is not None


def test_metadata_and_back_matter(bio: Manuscript) -> None:
    assert bio.metadata["title"] == "Mr Jack Ma Yun"
    assert bio.metadata["subtitle"] == "A Visionary Entrepreneur’s Legacy"
    assert bio.metadata["authors"] == ["M S Mohammed Thameezuddeen"]
    assert str(bio.metadata["description"]).startswith("Jack Ma’s journey from a humble school teacher")
    assert "**" not in str(bio.metadata["description"])
    assert [d.role for d in bio.documents][-1] == "backmatter"
    everything = "\n".join(d.text for d in bio.documents)
    assert everything.count("please send money") == 1 and "please send money" in bio.documents[-1].text


def test_page_break_joins(bio: Manuscript) -> None:
    assert 80 <= bio.stats["paragraphs joined across page breaks"] <= 130


def _texts(blocks: tuple[m.Block, ...]):
    for block in blocks:
        if isinstance(block, m.Paragraph):
            yield m.plain_text(block.children)
        elif isinstance(block, m.Heading):
            yield m.plain_text(block.title)
        elif isinstance(block, m.ListBlock):
            for item in block.items:
                yield from _texts(item)


def test_no_stray_markup_reaches_the_model(bio: Manuscript) -> None:
    book = load(bio, for_text_file(ROOT / SOURCE))
    stray = [t for c in book.chapters for t in _texts(c.blocks) if re.search(r"\*|^- |\s- |\\", t)]
    assert stray == []
    lists = sum(isinstance(b, m.ListBlock) for c in book.chapters for b in c.blocks)
    assert lists > 200


def test_deterministic_and_golden(bio: Manuscript, tmp_path: Path) -> None:
    again = normalize((ROOT / SOURCE).read_bytes(), SOURCE)
    manuscript.write(bio, tmp_path / "a")
    manuscript.write(again, tmp_path / "b")
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    if os.environ.get("BOOKBUILD_SAVE_GOLDEN") == "1":
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for old in GOLDEN.iterdir():
            old.unlink()
        manuscript.write(bio, GOLDEN, force=True)
    golden = sorted(p.name for p in GOLDEN.iterdir())
    assert files == golden, "run with BOOKBUILD_SAVE_GOLDEN=1 to accept the new canonical manuscript"
    changed = [n for n in files if (tmp_path / "a" / n).read_bytes() != (GOLDEN / n).read_bytes()]
    assert changed == [], "run with BOOKBUILD_SAVE_GOLDEN=1 to accept the new canonical manuscript"


def test_essay_is_one_titled_chapter() -> None:
    ms = normalize((ROOT / ESSAY).read_bytes(), ESSAY)
    assert ms.metadata["title"] == "The E-commerce Pioneer"
    assert ms.metadata["subtitle"] == "The Inspirational Journey of Jack Ma"
    assert [d.role for d in ms.documents] == ["chapter"]
    assert ms.documents[0].text.startswith("# The E-commerce Pioneer\n\nI am Jack Ma")
    assert unaccounted(decode((ROOT / ESSAY).read_bytes(), ESSAY), ms) == Counter()


def test_normalizing_the_canonical_text_again_changes_nothing(bio: Manuscript) -> None:
    chapters = [d.text for d in bio.documents if d.role == "chapter"]
    again = normalize("\n\n".join(chapters).encode(), "canonical.md")
    assert [d.text for d in again.documents if d.role == "chapter"] == chapters
    assert again.removals == []


def test_without_its_contents_page_the_same_sections_are_kept(bio: Manuscript) -> None:
    toc = next(r for r in bio.removals if r.reason == "toc")
    lines = (ROOT / SOURCE).read_text("utf-8").split("\n")
    del lines[toc.first_line - 1 : toc.last_line]
    bare = normalize("\n".join(lines).encode(), "no-contents.txt")
    assert "toc" not in {r.reason for r in bare.removals}
    chapters = [d.text for d in bio.documents if d.role == "chapter"]
    assert [d.text for d in bare.documents if d.role == "chapter"] == chapters

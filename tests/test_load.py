"""The loader: canonical Markdown -> model metadata that stays stable across builds."""

from __future__ import annotations

from pathlib import Path

from bookbuild.config import BookConfig, BookOptions
from bookbuild.load import load
from bookbuild.manuscript import Document, Manuscript


def _book(text: str, title: str = "A Title") -> Manuscript:
    return Manuscript(metadata={"title": title}, documents=[Document("01.md", "chapter", text)])


def _config() -> BookConfig:
    return BookConfig(root=Path("."), book=BookOptions(source="x.txt", slug="a-title"), tables={})


def test_identifier_is_stable_under_text_edits_but_not_a_new_title() -> None:
    first = load(_book("# Chapter 1: One\n\nSome text.\n"), _config()).metadata.identifier
    edited = load(_book("# Chapter 1: One\n\nSome text, fixed.\n"), _config()).metadata.identifier
    retitled = load(_book("# Chapter 1: One\n\nSome text.\n", title="Another"), _config()).metadata.identifier
    assert first == edited
    assert first != retitled
    assert first is not None and first.startswith("urn:uuid:")


def test_chapter_and_section_labels_are_split_from_titles() -> None:
    book = load(_book("# Chapter 3: Rise\n\n## 3.2 Growth\n\nText.\n"), _config())
    chapter = book.chapters[0]
    assert (chapter.label, chapter.title[0].text) == ("Chapter 3", "Rise")
    heading = chapter.headings[0]
    assert (heading.level, heading.label, heading.title[0].text) == (2, "3.2", "Growth")

"""Manuscripts of kinds the seed is not: each a small fixture of one habit a real source has."""

from __future__ import annotations

from bookbuild.normalize import NormalizeOptions, normalize


def run(text: str | bytes, **opts) -> object:
    data = text if isinstance(text, bytes) else text.encode()
    return normalize(data, "raw.txt", NormalizeOptions(**opts))


def chapter_text(ms) -> str:
    return "\n".join(d.text for d in ms.documents if d.role == "chapter")


BODY = "The shop kept its accounts in a green ledger that nobody but the owner was allowed to open."
OTHER = "Seeds sown indoors in late winter want a bright sill, a warm room and a little patience."


def test_capitalised_by_line_gives_the_bare_author_name() -> None:
    ms = run(f"Practical Bookkeeping\n\nBy Daniel Okafor\n\nChapter 1: Start\n\n{BODY}\n")
    assert ms.metadata["authors"] == ["Daniel Okafor"]


def test_en_dash_bullets_are_a_list_but_a_dash_of_dialogue_is_not() -> None:
    ms = run(
        f"Chapter 1: Start\n\n{BODY}\n\n– Rent and utilities\n– Stock purchases\n– Wages\n\n"
        "– Not yet, she said, and closed the ledger.\n"
    )
    text = chapter_text(ms)
    assert "- Rent and utilities\n- Stock purchases\n- Wages" in text
    assert "\n\n– Not yet, she said, and closed the ledger." in text


def test_markdown_title_page_gives_subtitle_and_author_and_hash_hash_chapters() -> None:
    ms = run(
        f"# The Gardener's Almanac\n\n*A Year in Twelve Beds*\n\nby Ruth Ellison\n\n## January\n\n{BODY}\n\n"
        f"### Planning the Beds\n\n{OTHER}\n\n## February\n\nFebruary is short.\n"
    )
    assert ms.metadata["subtitle"] == "A Year in Twelve Beds"
    assert ms.metadata["authors"] == ["Ruth Ellison"]
    assert [d.role for d in ms.documents] == ["chapter", "chapter"]
    assert ms.documents[0].text.startswith(f"# January\n\n{BODY}\n\n## Planning the Beds\n\n{OTHER}")

"""Manuscripts of kinds the seed is not: each a small fixture of one habit a real source has."""

from __future__ import annotations

from bookbuild.normalize import NormalizeOptions, normalize


def run(text: str | bytes, **opts) -> object:
    data = text if isinstance(text, bytes) else text.encode()
    return normalize(data, "raw.txt", NormalizeOptions(**opts))


def chapter_text(ms) -> str:
    return "\n".join(d.text for d in ms.documents if d.role == "chapter")


BODY = "The shop kept its accounts in a green ledger that nobody but the owner was allowed to open."


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

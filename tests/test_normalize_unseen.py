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


GUTENBERG = f"""The Project Gutenberg eBook of The Salt Road, by Eleanor Fenwick

This eBook is for the use of anyone anywhere at no cost and with almost no
restrictions whatsoever.

Title: The Salt Road

Author: Eleanor Fenwick

*** START OF THE PROJECT GUTENBERG EBOOK THE SALT ROAD ***




THE SALT ROAD

by Eleanor Fenwick


CONTENTS

 CHAPTER I. The Harbour
 CHAPTER II. The Storm
 CHAPTER III. The Return


CHAPTER I.

THE HARBOUR

{BODY}


CHAPTER II.

THE STORM

{OTHER}


CHAPTER III.

THE RETURN

The schooner came home on a grey morning with her sails patched and her crew all aboard.

*** END OF THE PROJECT GUTENBERG EBOOK THE SALT ROAD ***

Updated editions will replace the previous one--the old editions will be renamed.
"""


def test_ebook_licence_header_and_footer_leave_the_text_for_the_report() -> None:
    ms = run(GUTENBERG)
    text = "\n".join(d.text for d in ms.documents)
    assert "Gutenberg" not in text and "Updated editions" not in text and "Release" not in text
    assert ms.metadata["title"] == "The Salt Road" and ms.metadata["authors"] == ["Eleanor Fenwick"]
    wrapper = [r for r in ms.removals if r.reason == "ebook-wrapper"]
    assert [(r.first_line, r.last_line) for r in wrapper] == [(1, 10), (47, 49)]


def test_contents_without_page_numbers_is_the_outline_and_stops_at_the_first_chapter() -> None:
    ms = run(GUTENBERG)
    toc = [r for r in ms.removals if r.reason == "toc"]
    assert [(r.first_line, r.last_line) for r in toc] == [(20, 24)]
    assert [d.text.split("\n")[0] for d in ms.documents] == [
        "# CHAPTER I. THE HARBOUR",
        "# CHAPTER II. THE STORM",
        "# CHAPTER III. THE RETURN",
    ]


def test_a_lone_contents_word_before_prose_is_left_alone() -> None:
    ms = run(f"Chapter 1: Start\n\nContents\n\n{BODY}\n")
    assert not [r for r in ms.removals if r.reason == "toc"]
    assert "Contents" in chapter_text(ms)


def test_alternating_running_heads_and_heads_carrying_the_page_number_go() -> None:
    cut = "The works opened in the spring of that year, when the river was high and the"
    ms = run(
        "The Iron Bridge\n\nChapter 1: The Founding\n\n"
        f"{BODY}\n\n12\n\nTHE IRON BRIDGE\n\n{OTHER}\n\n13\n\nThe Founding\n\n{cut}\n\n14\n\n"
        "THE IRON BRIDGE\n\nfirst barges came down from the hills.\n\nThe Founding   15\n\n"
        "Step 2\n\nStep 2\n\nSummary\n\nThe end of it.\n\nSummary\n\nAnother end.\n\n"
        "16   THE IRON BRIDGE\n\nThe last page.\n"
    )
    text = chapter_text(ms)
    assert "IRON BRIDGE" not in text and text.count("The Founding") == 1
    assert f"{cut} first barges came down" in text
    assert text.count("Step 2") == 2 and text.count("Summary") == 2
    heads = [r.text for r in ms.removals if r.reason == "page-furniture" and "head" in r.explanation]
    assert heads == [
        "THE IRON BRIDGE\n\nThe Founding\n\nTHE IRON BRIDGE\n\nThe Founding   15\n\n16   THE IRON BRIDGE"
    ]


def test_chapter_number_over_its_title_reads_as_one_heading_with_a_colon() -> None:
    ms = run(f"Chapter 1\nThe Founding of the Works\n\n{BODY}\n\nCHAPTER II\n\nTHE STRIKE\n\n{OTHER}\n")
    assert [d.text.split("\n")[0] for d in ms.documents] == [
        "# Chapter 1: The Founding of the Works",
        "# CHAPTER II: THE STRIKE",
    ]


LONG = [
    "The first winter in the new shop was the hardest, because the roof leaked and the stove smoked "
    "whenever the wind came from the east.",
    "By March the owner had learned to keep a bucket under the worst of the leaks and a ledger under "
    "the counter, and both filled up.",
]


def test_word_processor_paste_one_paragraph_per_line_without_blank_lines() -> None:
    ms = run(f"Chapter 1 — The Roof\n{LONG[0]}\n{LONG[1]}\nChapter 2 — Spring\n{BODY}\n")
    assert [d.text for d in ms.documents] == [
        f"# Chapter 1 — The Roof\n\n{LONG[0]}\n\n{LONG[1]}\n",
        f"# Chapter 2 — Spring\n\n{BODY}\n",
    ]


def test_indented_lines_open_paragraphs_of_a_typescript_but_verse_stays_one_block() -> None:
    typescript = (
        "    The first winter in the new shop was the hardest, because the\n"
        "roof leaked and the stove smoked.\n"
        "    By March the owner had learned to keep a bucket under the\n"
        "worst of the leaks.\n"
        "Roses by the door were red,\n"
        "    the ledger's ink was blue,\n"
    )
    ms = run(f"Chapter 1: The Roof\n\n{typescript}")
    assert chapter_text(ms) == (
        "# Chapter 1: The Roof\n\nThe first winter in the new shop was the hardest, because the roof "
        "leaked and the stove smoked.\n\nBy March the owner had learned to keep a bucket under the worst "
        "of the leaks. Roses by the door were red, the ledger’s ink was blue,\n"
    )


def test_markdown_underlined_headings_are_headings_not_scene_breaks() -> None:
    ms = run(
        f"The Quiet Year\n==============\n\nChapter One\n-----------\n{BODY}\n\n"
        f"Chapter Two\n-----------\n\n{OTHER}\n\nA closing line of prose.\n---\n"
    )
    assert ms.metadata["title"] == "The Quiet Year"
    assert [d.text for d in ms.documents] == [
        f"# Chapter One\n\n{BODY}\n",
        f"# Chapter Two\n\n{OTHER}\n\nA closing line of prose.\n\n* * *\n",
    ]


def test_title_page_in_capitals_reads_as_a_title_in_the_metadata() -> None:
    ms = run(f"THE SALT ROAD OF THE NORTH\n\nBY ELEANOR FENWICK\n\nChapter 1: Start\n\n{BODY}\n")
    assert ms.metadata["title"] == "The Salt Road of the North"
    assert ms.metadata["authors"] == ["Eleanor Fenwick"]


def test_ebook_catalogue_gives_the_title_when_the_text_has_no_title_page() -> None:
    body = GUTENBERG.replace("THE SALT ROAD\n\nby Eleanor Fenwick\n", "")
    ms = run(body)
    assert ms.metadata["title"] == "The Salt Road" and ms.metadata["authors"] == ["Eleanor Fenwick"]


def test_word_processor_bullets_symbol_font_and_o_sub_items_become_a_list() -> None:
    ms = run(
        "Chapter 1 — Stock\n\nThree habits matter most:\n\n\uf0b7 Count the shelves\n"
        "o Start with the slowest lines\no Note anything damaged\n\uf0a7 Order on Tuesday\n\n"
        "· Keep the receipts\n· File them weekly.\n\n"
        "o Lord, the ledger, she sighed, and closed it for the night.\n"
    )
    assert chapter_text(ms) == (
        "# Chapter 1 — Stock\n\nThree habits matter most:\n\n- Count the shelves\n"
        "  - Start with the slowest lines\n  - Note anything damaged\n- Order on Tuesday\n"
        "- Keep the receipts\n- File them weekly.\n\n"
        "o Lord, the ledger, she sighed, and closed it for the night.\n"
    )


def test_chapter_title_beside_a_page_number_is_a_running_head_even_once() -> None:
    cut = "The works grew year after year with the whole of the"
    ms = run(
        f"The Iron Bridge\n\nChapter 1: The Founding\n\n{cut}\n\n12\n\nTHE IRON BRIDGE\n\n"
        "valley, and the town grew with the works.\n\n13\n\nThe Founding\n\nBy 1850 there were nine.\n\n"
        f"{BODY}\n\nThe Founding\n\n{OTHER}\n\n14\n"
    )
    assert chapter_text(ms) == (
        f"# Chapter 1: The Founding\n\n{cut} valley, and the town grew with the works.\n\n"
        f"By 1850 there were nine.\n\n{BODY}\n\n## The Founding\n\n{OTHER}\n"
    )


def test_quoted_lines_are_one_block_quote_and_a_footnoted_sentence_is_no_heading() -> None:
    ms = run(
        "# Chapter 1: Beginnings\n\nAs the founder wrote in her diary:\n\n"
        "> We have no customers yet, but we have a door,\n> and a door is a start.\n\n"
        "Growth came slowly.[^1]\n\nIt came slowly.²\n"
    )
    assert chapter_text(ms) == (
        "# Chapter 1: Beginnings\n\nAs the founder wrote in her diary:\n\n"
        "> We have no customers yet, but we have a door, and a door is a start.\n\n"
        "Growth came slowly.[^1]\n\nIt came slowly.²\n"
    )


def test_pdftotext_pages_form_feeds_and_heads_glued_to_the_page_text() -> None:
    cut = "Nobody in the valley had seen anything like it, and for a month the"
    pages = [
        "THE IRON BRIDGE\n\nby Hugh Marlowe\n",
        f"Chapter 1\nThe Founding\n\n{BODY}\n\n{cut}\n\n1\n",
        f"THE IRON BRIDGE\npeople of the town walked out to watch.\n\n{OTHER}\n\n2\n",
        "The Founding\nThe owner lived in a plain house at the top of the hill.\n\n3\n",
    ]
    ms = run("\f".join(pages))
    assert chapter_text(ms) == (
        f"# Chapter 1: The Founding\n\n{BODY}\n\n{cut} people of the town walked out to watch.\n\n"
        f"{OTHER}\n\nThe owner lived in a plain house at the top of the hill.\n"
    )


def test_credits_half_title_and_capital_chapter_titles_ending_in_a_full_stop() -> None:
    ms = run(
        "*** START OF THIS PROJECT GUTENBERG EBOOK HARBOUR LIGHTS ***\n\nProduced by Volunteers\n\n"
        "HARBOUR LIGHTS\n\nBY MARY LANE\n\n\nHARBOUR LIGHTS\n\n\nCHAPTER I.\n\nTHE LIGHTHOUSE.\n\n"
        f"{BODY}\n\nCHAPTER II.\n\nTHE LETTER.\n\n{OTHER}\n"
    )
    assert ms.metadata["title"] == "Harbour Lights" and ms.metadata["authors"] == ["Mary Lane"]
    assert [d.text for d in ms.documents] == [
        f"# CHAPTER I. THE LIGHTHOUSE\n\n{BODY}\n",
        f"# CHAPTER II. THE LETTER\n\n{OTHER}\n",
    ]
    assert "Produced by Volunteers" in ms.removals[0].text
    assert [r.text for r in ms.removals if r.reason == "metadata"] == [
        "HARBOUR LIGHTS",
        "BY MARY LANE",
        "HARBOUR LIGHTS",
    ]


def test_indented_short_lines_are_verse_and_keep_their_line_ends() -> None:
    verse = (
        "    The lamp is lit, the tide is high,\n      The ships go sailing by;\n    - and who keeps it?\n"
    )
    letter = "    DEAR SIR,--The Board regrets to inform you that the light\n    will be automated.\n"
    ms = run(f"Chapter 1: The Light\n\n{BODY}\n\n{verse}\n{letter}")
    assert chapter_text(ms) == (
        f"# Chapter 1: The Light\n\n{BODY}\n\n"
        "The lamp is lit, the tide is high,\\\nThe ships go sailing by;\\\n\\- and who keeps it?\n\n"
        "DEAR SIR,—The Board regrets to inform you that the light will be automated.\n"
    )


def test_illustration_placeholders_go_to_the_report_with_their_captions() -> None:
    ms = run(
        f"Chapter 1: Dusk\n\n[Illustration: The harbour at dusk]\n\n{BODY}\n\n[Illustration]\n\n{OTHER}\n"
    )
    assert chapter_text(ms) == f"# Chapter 1: Dusk\n\n{BODY}\n\n{OTHER}\n"
    pictures = [r for r in ms.removals if r.reason == "illustration"]
    assert [r.text for r in pictures] == ["[Illustration: The harbour at dusk]\n\n[Illustration]"]

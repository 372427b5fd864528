"""The normalizer's passes on small hand-made manuscripts: each rule shown by what it does."""

from __future__ import annotations

import re

import pytest

from bookbuild.errors import BookError
from bookbuild.normalize import NormalizeOptions, NormalizeWarning, normalize
from bookbuild.normalize.typography import smarten

WORDS = [
    "river",
    "harbour",
    "lantern",
    "copper",
    "meadow",
    "orchard",
    "violin",
    "thunder",
    "saddle",
    "marble",
    "quartz",
    "falcon",
    "glacier",
    "timber",
    "velvet",
    "compass",
    "ember",
    "prairie",
    "canyon",
    "beacon",
]


def prose(seed: int, sentences: int = 4) -> str:
    """Distinct, deterministic sentences: paragraphs no rule could mistake for one another."""
    out = []
    for s in range(sentences):
        picked = [WORDS[(seed * 7 + s * 3 + k * k) % len(WORDS)] for k in range(9)]
        out.append(f"The {' '.join(picked)} {seed}x{s} went on.")
    return " ".join(out)


def chapter_text(ms) -> str:
    return "\n".join(d.text for d in ms.documents if d.role == "chapter")


def run(text: str, **opts) -> object:
    return normalize(text.encode(), "raw.txt", NormalizeOptions(**opts))


# --- outline and headings ---------------------------------------------------------


TOC_BOOK = f"""The Little Book: A Subtitle

Table of Contents

Chapter 1: Beginnings\t3
1.1 The First Step.....\t4
1.2 The Second Step.....\t7
Chapter 2: Endings .......... 9
2.1 The Last Step\t10

Chapter 1: Beginnings

{prose(1)}

1.1 The First Step

{prose(2)}

1.1.1 A Detail

{prose(3)}

A Smaller Point

{prose(4)}

Conclusion

{prose(5)}

1.2 The Second Step

{prose(6)}

Chapter 2: Endings

{prose(7)}

2.1 The Last Step

{prose(8)}
"""


def test_toc_is_removed_and_reported() -> None:
    ms = run(TOC_BOOK)
    text = chapter_text(ms)
    assert "\t" not in text and "....." not in text and "Table of Contents" not in text
    toc = [r for r in ms.removals if r.reason == "toc"]
    assert len(toc) == 1 and (toc[0].first_line, toc[0].last_line) == (3, 9)
    assert ms.stats["outline entries"] == 5


def test_headings_get_their_levels() -> None:
    ms = run(TOC_BOOK)
    first = ms.documents[0]
    assert first.filename == "01-beginnings.md" and first.role == "chapter"
    headings = [line for line in first.text.splitlines() if line.startswith("#")]
    assert headings == [
        "# Chapter 1: Beginnings",
        "## 1.1 The First Step",
        "### 1.1.1 A Detail",
        "#### A Smaller Point",  # one level below the numbered heading it sits under
        "### Conclusion",  # a closing heading belongs to the section
        "## 1.2 The Second Step",
    ]
    assert ms.stats["chapters"] == 2 and ms.stats["sections"] == 3


def test_title_subtitle_author_and_blurb_go_to_metadata() -> None:
    blurb = prose(9, 6)
    ms = run(f"My Book: How It Went\n\n{blurb}\n\nJane Q Writer\n\nChapter 1: Start\n\n{prose(1)}\n")
    assert ms.metadata["title"] == "My Book"
    assert ms.metadata["subtitle"] == "How It Went"
    assert ms.metadata["authors"] == ["Jane Q Writer"]
    assert ms.metadata["description"] == blurb
    assert blurb not in chapter_text(ms) and "Jane Q Writer" not in chapter_text(ms)
    assert [r.reason for r in ms.removals] == ["metadata"] * 3


def test_text_without_headings_is_one_chapter_with_a_warning() -> None:
    with pytest.warns(NormalizeWarning, match="no chapter headings"):
        ms = run(f"{prose(1)}\n\n{prose(2)}\n")
    assert [d.role for d in ms.documents] == ["chapter"]
    assert prose(2) in ms.documents[0].text


def test_titled_essay_is_one_chapter_named_by_its_title() -> None:
    ms = run(f"An Essay: On Things\n\n{prose(1)}\n\n{prose(2)}\n")
    assert ms.documents[0].text.startswith(f"# An Essay\n\n{prose(1)}")


# --- paragraphs and lists ----------------------------------------------------------


def test_paragraph_cut_by_a_page_break_is_joined() -> None:
    ms = run(
        "Chapter 1: Start\n\nThe company grew faster than anyone in the city had\n\n"
        "expected, and then it grew again.\n\nBy 2015 the board of the firm approved a plan for Alibaba\n\n"
        "Cloud to expand abroad.\n\nHe said so\n\nNext paragraph starts here.\n"
    )
    text = chapter_text(ms)
    assert "had expected, and then it grew again." in text
    assert "for Alibaba Cloud to expand abroad." in text
    assert "He said so\n\nNext paragraph" in text  # too short to be a cut sentence
    assert ms.stats["paragraphs joined across page breaks"] == 2


def test_numbered_heading_may_open_with_a_lower_camel_case_brand() -> None:
    ms = run("Chapter 1: Start\n\n1.1 eBay's Challenges in China\n\neBay's strategy faced problems.\n")
    assert "## 1.1 eBay’s Challenges in China\n\neBay’s strategy faced problems." in chapter_text(ms)


def test_cut_paragraph_is_not_joined_to_a_heading() -> None:
    ms = run(
        "Chapter 1: Start\n\nIt stopped in the middle of the sentence and never came\n\n"
        "1.1 Next Part\n\nText.\n"
    )
    assert "never came\n\n## 1.1 Next Part" in chapter_text(ms)


def test_bold_label_alone_takes_its_body_and_lists_merge() -> None:
    ms = run(
        "Chapter 1: Start\n\nIntro text here.\n\n- **First Point:**\n\nThe body of the first point.\n\n"
        "- **Second Point:**\nThe body of the second.\n\n- **Third:** inline body\n - a nested item\n\n"
        "1. one\n\n2. two\n"
    )
    text = chapter_text(ms)
    assert (
        "- **First Point:** The body of the first point.\n- **Second Point:** The body of the second.\n"
        "- **Third:** inline body\n  - a nested item\n\n1. one\n2. two\n"
    ) in text
    assert ms.stats["list labels joined with their body"] == 1


def test_label_only_item_adopts_the_list_after_it() -> None:
    ms = run(
        "Chapter 1: Start\n\nIntro.\n\n1. **Investment in **SoftBank**:\n\n- early money\n- later money\n"
    )
    assert "1. **Investment in SoftBank**:\n   - early money\n   - later money" in chapter_text(ms)


def test_lone_numbered_lines_titles_or_items() -> None:
    ms = run(
        "Chapter 1: Start\n\nIntro.\n\n1. The Vision Thing\n\nIt began with an idea.\n\n"
        "1. **A:** first\n2. **B:** second\n\nSo it went.\n\n1. Apples\n\n2. Pears\n"
    )
    text = chapter_text(ms)
    assert "## 1. The Vision Thing" in text
    assert "1. Apples\n2. Pears" in text


def test_paragraph_looking_like_markdown_is_escaped() -> None:
    ms = run("Chapter 1: Start\n\nIntro text.\n\n1990. A year to remember, it was.\n")
    assert "1990\\. A year" in chapter_text(ms)


# --- typography ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "smart"),
    [
        ('He said "yes" -- then left...', "He said “yes”—then left…"),
        ("Back in the '90s it wasn't easy", "Back in the ’90s it wasn’t easy"),
        ("The '18 Founders' met", "The ‘18 Founders’ met"),
        ("the founders' plan", "the founders’ plan"),
        ('*"The future."*', "*“The future.”*"),
        ("see `a--b` and https://x.org/a--b...", "see `a--b` and https://x.org/a--b..."),
    ],
)
def test_typography(raw: str, smart: str) -> None:
    assert smarten(raw) == smart


# --- deduplication -------------------------------------------------------------


def drafts_book(toc: bool) -> str:
    """A chapter written twice: a short draft of 1.1–1.2, then the long draft with other wording."""
    short = [prose(20, 2), prose(21, 2)]
    long = [prose(20, 4) + " " + prose(30, 3), prose(21, 4) + " " + prose(31, 3)]
    outline = "Contents\n\nChapter 1: Start\t1\n1.1 Alpha Long\t2\n1.2 Beta Long\t3\n\n" if toc else ""
    return (
        f"{outline}Chapter 1: Start\n\n{prose(10)}\n\n"
        f"1.1 Alpha Draft\n\n{short[0]}\n\n1.2 Beta Draft\n\n{short[1]}\n\nSummary\n\n{prose(11, 1)}\n\n"
        f"1.1 Alpha Long\n\n{long[0]}\n\n1.2 Beta Long\n\n{long[1]}\n"
    )


@pytest.mark.parametrize("toc", [True, False], ids=["with-outline", "without-outline"])
def test_second_draft_keeps_one_text_per_section(toc: bool) -> None:
    ms = run(drafts_book(toc))
    text = chapter_text(ms)
    assert text.count("## 1.1") == 1 and "## 1.1 Alpha Long" in text and "## 1.2 Beta Long" in text
    assert "Alpha Draft" not in text and prose(11, 1) not in text
    assert prose(10) in text  # the chapter's introduction stays
    drafts = [r for r in ms.removals if r.reason == "draft-duplicate"]
    assert len(drafts) == 2
    first = drafts[0]
    assert first.text.startswith("1.1 Alpha Draft") and first.superseded_by.endswith("(1.1 Alpha Long)")
    assert 0.5 < first.similarity <= 1.0
    assert ("table of contents" in first.explanation) == toc


def test_outline_decides_even_for_the_shorter_draft() -> None:
    book = drafts_book(toc=True).replace(
        "1.1 Alpha Long\t2\n1.2 Beta Long\t3", "1.1 Alpha Draft\t2\n1.2 Beta Draft\t3"
    )
    text = chapter_text(run(book))
    assert "## 1.1 Alpha Draft" in text and "Alpha Long" not in text


def test_restarted_numbering_with_unrelated_text_is_not_a_draft() -> None:
    book = (
        f"Chapter 1: Start\n\n1.1 One\n\n{prose(1)}\n\n1.2 Two\n\n{prose(2)}\n\n"
        "1.1 Other\n\nQuite unrelated wording about zebras, pianos and distant volcanoes entirely.\n"
    )
    ms = run(book)
    assert "## 1.1 Other" in chapter_text(ms) and not ms.removals


def test_keep_option_overrides_a_removal() -> None:
    ms = run(drafts_book(toc=False))
    removed = next(r for r in ms.removals if r.reason == "draft-duplicate")
    kept = run(drafts_book(toc=False), keep=[removed.id])
    assert "## 1.1 Alpha Draft" in chapter_text(kept)
    assert removed.id not in {r.id for r in kept.removals}


NOTICE = "**If you like this book, please tell a friend\nabout it:**\n\nfriend@example.org"


def notice_book() -> str:
    return (
        f"Title Here\n\n{NOTICE}\n\nChapter 1: Start\n\n{prose(1)}\n\nChapter 2: Next\n\n{prose(2)}\n\n"
        "**If you like this book, please tell a friend about it: friend@example.org**\n"
    )


def test_boilerplate_is_kept_once_as_back_matter() -> None:
    ms = run(notice_book())
    assert [d.role for d in ms.documents] == ["chapter", "chapter", "backmatter"]
    assert "friend@example.org" in ms.documents[-1].text
    assert "friend@example.org" not in chapter_text(ms)
    (entry,) = [r for r in ms.removals if r.reason == "boilerplate"]
    assert (entry.first_line, entry.last_line) == (3, 6)


def test_boilerplate_can_be_dropped() -> None:
    ms = run(notice_book(), boilerplate="drop")
    assert [d.role for d in ms.documents] == ["chapter", "chapter"]
    assert len([r for r in ms.removals if r.reason == "boilerplate"]) == 2


def test_near_duplicate_paragraph_anywhere_is_removed_and_reported() -> None:
    copy = prose(3).replace("went on.", "went on!", 1)
    ms = run(f"Chapter 1: A\n\n{prose(3)}\n\n{prose(4)}\n\nChapter 2: B\n\n{copy}\n\n{prose(5)}\n")
    (entry,) = [r for r in ms.removals if r.reason == "near-duplicate"]
    assert entry.text == copy and entry.superseded_by == "line 3"
    assert entry.similarity >= 0.8
    assert chapter_text(ms).count("went on!") == 0


def test_unknown_boilerplate_policy_is_an_error() -> None:
    with pytest.raises(BookError, match="boilerplate"):
        run("Chapter 1: A\n\ntext\n", boilerplate="sometimes")


def test_removal_ids_are_stable_and_unique() -> None:
    first, second = run(drafts_book(toc=True)), run(drafts_book(toc=True))
    ids = [r.id for r in first.removals]
    assert ids == [r.id for r in second.removals] and len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z-]+-[0-9a-f]{10}", i) for i in ids)


def test_plain_text_ebook_chapters_with_title_lines_under_them() -> None:
    ms = run(
        "THE LANTERN KEEPER\n\nby Anna B. Smith\n\nCHAPTER I.\nTHE BEGINNING\n\n"
        "It was a dark night when the\n"
        "keeper climbed the tower.\n\nCHAPTER II.\nTHE STORM\nThe wind rose at midnight.\n"
    )
    assert ms.metadata["title"] == "The Lantern Keeper" and ms.metadata["authors"] == ["Anna B. Smith"]
    assert [d.text for d in ms.documents] == [
        "# CHAPTER I. THE BEGINNING\n\nIt was a dark night when the keeper climbed the tower.\n",
        "# CHAPTER II. THE STORM\n\nThe wind rose at midnight.\n",
    ]


def test_options_come_from_the_normalize_table() -> None:
    from bookbuild.config import options

    opts = options(
        NormalizeOptions, {"keep": ["draft-0123456789"], "boilerplate": "drop"}, "book.toml [normalize]"
    )
    assert opts == NormalizeOptions(keep=["draft-0123456789"], boilerplate="drop")
    with pytest.raises(BookError, match="keep"):
        options(NormalizeOptions, {"keep": "draft-0123456789"}, "book.toml [normalize]")


def test_preface_and_about_the_author_are_front_and_back_matter() -> None:
    ms = run(
        f"Preface\n\n{prose(1)}\n\nChapter 1: One\n\n{prose(2)}\n\nIntroduction\n\n{prose(3)}\n\n"
        f"About the Author\n\n{prose(4)}\n"
    )
    assert [(d.role, d.text.splitlines()[0]) for d in ms.documents] == [
        ("frontmatter", "# Preface"),
        ("chapter", "# Chapter 1: One"),
        ("backmatter", "# About the Author"),
    ]
    assert "## Introduction" in ms.documents[1].text  # inside a chapter it is a sub-heading


def test_long_text_without_headings_warns_even_with_a_title() -> None:
    with pytest.warns(NormalizeWarning, match="one chapter"):
        ms = run("A Title\n\n" + "\n\n".join(prose(i, 20) for i in range(60)))
    assert ms.documents[0].text.startswith("# A Title\n\n")


@pytest.mark.parametrize("toc", [True, False], ids=["with-outline", "without-outline"])
def test_a_chapter_written_twice_keeps_one(toc: bool) -> None:
    outline = "Contents\n\nChapter 1: Start\t1\nChapter 2: Rise Again\t5\n\n" if toc else ""
    book = (
        f"{outline}Chapter 1: Start\n\n{prose(1)}\n\nChapter 2: Rise\n\n{prose(2, 2)}\n\n"
        f"Chapter 2: Rise Again\n\n{prose(2, 4)} {prose(3)}\n\nChapter 3: End\n\n{prose(4)}\n"
    )
    ms = run(book)
    assert [d.text.splitlines()[0] for d in ms.documents] == [
        "# Chapter 1: Start",
        "# Chapter 2: Rise Again",
        "# Chapter 3: End",
    ]
    (entry,) = [r for r in ms.removals if r.reason == "draft-duplicate"]
    assert entry.text.startswith("Chapter 2: Rise\n") and entry.similarity == 1.0


def test_a_section_only_the_removed_draft_has_stays_when_the_outline_names_it() -> None:
    book = drafts_book(toc=True).replace("1.2 Beta Long\t3", "1.2 Beta Long\t3\n1.3 Gamma Only\t4")
    book = book.replace("\n\nSummary\n\n", "\n\n1.3 Gamma Only\n\n")
    text = chapter_text(run(book))
    assert "Alpha Draft" not in text
    assert text.index("## 1.2 Beta Long") < text.index("## 1.3 Gamma Only")


def test_keep_brings_back_a_blurb_and_unknown_ids_warn() -> None:
    book = f"My Book\n\n{prose(9, 6)}\n\nChapter 1: Start\n\n{prose(1)}\n"
    blurb = next(r for r in run(book).removals if r.reason == "metadata" and r.first_line == 3)
    with pytest.warns(NormalizeWarning, match="keep names no removal: nonsense-id"):
        ms = run(book, keep=[blurb.id, "nonsense-id"])
    assert ms.metadata["description"] == prose(9, 6)
    assert ms.documents[0].role == "frontmatter" and prose(9, 6) in ms.documents[0].text


def test_numbered_titles_right_under_a_sub_heading_nest_in_it() -> None:
    ms = run(
        f"Chapter 1: Start\n\n1.1 Part\n\n{prose(1)}\n\nKey Initiatives\n\n1. The First One\n\n{prose(2)}\n\n"
        f"2. The Second One\n\n{prose(3)}\n\nConclusion\n\n{prose(4)}\n"
    )
    headings = [line for line in ms.documents[0].text.splitlines() if line.startswith("#")]
    assert headings[2:] == [
        "### Key Initiatives",
        "#### 1. The First One",
        "#### 2. The Second One",
        "### Conclusion",
    ]


def test_markdown_source_with_its_own_heading_ranks() -> None:
    ms = run(
        f"# A Book\n\n## The Start\n\n{prose(1)}\n\n### A Detail\n\n{prose(2)}\n\n## The End\n\n{prose(3)}\n"
    )
    assert ms.metadata["title"] == "A Book"
    assert [d.text.splitlines()[0] for d in ms.documents] == ["# The Start", "# The End"]
    assert "## A Detail" in ms.documents[0].text


def test_essay_with_sub_headings_is_split_at_them() -> None:
    ms = run(f"On Rivers\n\n{prose(1)}\n\nEarly Years\n\n{prose(2)}\n\nLater Years\n\n{prose(3)}\n")
    assert ms.metadata["title"] == "On Rivers"
    assert [d.role for d in ms.documents] == ["frontmatter", "chapter", "chapter"]
    assert ms.documents[0].text == f"{prose(1)}\n"


def test_chapter_number_and_title_on_separate_lines_become_one_heading() -> None:
    ms = run(
        f"Chapter 1\n\nThe Beginning\n\n{prose(1)}\n\nII.\n\nThe Storm\n\n{prose(2)}\n\n"
        f"III. The Calm\n\n{prose(3)}\n"
    )
    assert [d.text.splitlines()[0] for d in ms.documents] == [
        "# Chapter 1: The Beginning",
        "# II. The Storm",
        "# III. The Calm",
    ]


def test_page_numbers_and_running_heads_go_and_the_cut_sentence_is_mended() -> None:
    ms = run(
        "The Keeper\n\nChapter 1: Night\n\nThe keeper climbed the stairs of the old tower and looked out\n\n"
        "12\n\nThe Keeper\n\nover the dark water, where the storm was coming.\n\nHe waited.\n\n13\n\n"
        "The Keeper\n\nNothing came.\n\n14\n"
    )
    assert ms.documents[0].text == (
        "# Chapter 1: Night\n\nThe keeper climbed the stairs of the old tower and looked out over the dark "
        "water, where the storm was coming.\n\nHe waited.\n\nNothing came.\n"
    )
    furniture = [r for r in ms.removals if r.reason == "page-furniture"]
    assert [r.text for r in furniture] == ["12\n\n13\n\n14", "The Keeper\n\nThe Keeper"]


@pytest.mark.parametrize(
    ("under_title", "key", "value"),
    [("A Novel", "subtitle", "A Novel"), ("by Ann Lee and Bo Park", "authors", ["Ann Lee", "Bo Park"])],
)
def test_the_line_under_the_title(under_title: str, key: str, value: object) -> None:
    ms = run(f"The River\n\n{under_title}\n\nChapter 1: Start\n\n{prose(1)}\n")
    assert ms.metadata["title"] == "The River" and ms.metadata[key] == value
    assert under_title not in chapter_text(ms)


def test_numbered_chapters_without_the_word_chapter() -> None:
    ms = run(
        f"1. Introduction\n\n{prose(1)}\n\n1.1 Scope\n\n{prose(2)}\n\n2. Method\n\n{prose(3)}\n\n"
        f"2.1 Data\n\n{prose(4)}\n\n1. A Point Made\n\n{prose(5)}\n"
    )
    assert [d.text.splitlines()[0] for d in ms.documents] == ["# 1. Introduction", "# 2. Method"]
    assert "## 2.1 Data" in ms.documents[1].text and "### 1. A Point Made" in ms.documents[1].text


def test_list_items_that_look_like_markup_are_escaped() -> None:
    ms = run("Chapter 1: A\n\nIntro.\n\n- # of users grew\n- > not a quote\n\n– a dash line, not an item\n")
    assert "- \\# of users grew\n- \\> not a quote\n\n– a dash line, not an item\n" in chapter_text(ms)


def test_scene_breaks_stay_breaks() -> None:
    ms = run(
        "Chapter 1: A\n\nOne scene ends.\n\n* * *\n\nAnother begins.\n\n# # #\n\nA third.\n\n---\n\nLast.\n"
    )
    assert chapter_text(ms).count("\n\n* * *\n\n") == 3 and "—" not in chapter_text(ms)


NOVEL = """THE SILENT HARBOUR

A Novel

by Mary Ann Evans

CONTENTS

   I. The Arrival ........ 1
  II. The Storm ........... 9

CHAPTER I.

THE ARRIVAL

It was in the year 1847 that the _Good Hope_ came into the harbour,
her sails torn. "We shall not sail again," said the captain--a man of
few words--"not this side of winter..."

'Tis a strange thing, thought Mary.

CHAPTER II.

THE STORM

The wind came at night.
"""


def test_a_plain_text_novel() -> None:
    ms = run(NOVEL)
    assert ms.metadata == {
        "language": "en",
        "title": "The Silent Harbour",
        "subtitle": "A Novel",
        "authors": ["Mary Ann Evans"],
    }
    assert ms.documents[0].text == (
        "# CHAPTER I. THE ARRIVAL\n\nIt was in the year 1847 that the *Good Hope* came into the harbour, "
        "her sails torn. “We shall not sail again,” said the captain—a man of few words—“not this side "
        "of winter…”\n\n’Tis a strange thing, thought Mary.\n"
    )
    assert ms.stats["outline entries found as headings"] == ms.stats["outline entries"] == 2

"""The parts of the EPUB edition, assembled by bookbuild/backends/epub.py.

cover        the cover image (the book's own, or a typographic one) and its page
matter       the title page and the imprint the publisher adds before the text
navigation   nav.xhtml (contents, landmarks) and the EPUB 2 NCX entries
metadata     the package metadata, accessibility included
archive      the zip rewritten so two builds are byte-identical
"""

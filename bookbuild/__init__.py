"""bookbuild: raw manuscript -> canonical Markdown -> EPUB and print PDF."""

__version__ = "0.1.0"

"""The parts of the print edition: options, page layout, front matter, hermetic fetching, PDF finishing.

`bookbuild.backends.pdf` puts them together; nothing here reads anything but the model.
"""

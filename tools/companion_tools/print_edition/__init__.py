"""The print edition: the whole book and each chapter as PDF, from the built site.

* ``toc``: the book's order, from _toc.yml (also used by the site's download menus);
* ``pages``: one built page made ready for paper (ids, links, widgets, solutions);
* ``assemble``: the print documents (title page, contents, chapters, "Solutions");
* ``press``: Chromium prints them, in passes until the page numbers agree;
* ``pdfmeta``: author and subject in the PDF's metadata;
* ``build``: ``make pdf`` (``python -m companion_tools.print_edition``).
"""

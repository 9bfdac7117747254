# The configuration is the book's own: tests/test_sphinx_extension.py makes it
# from _config.yml as jupyter-book does and passes it to Sphinx.

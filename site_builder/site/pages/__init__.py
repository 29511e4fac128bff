"""The kinds of pages: articles, issues and the home page, listings."""

"""site_builder: a static site generator for a bilingual newspaper archive."""

__version__ = "0.1.0"

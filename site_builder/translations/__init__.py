"""English editions: one gettext catalog per article, merged like msgmerge, read for rendering."""

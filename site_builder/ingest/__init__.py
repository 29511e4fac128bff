"""Raw issue text -> Issue: the newspaper parser."""
from site_builder.ingest.parser import parse_bytes, parse_file

__all__ = ["parse_bytes", "parse_file"]

"""Raw issue text -> Issue: the newspaper parser."""
from .parser import parse_bytes, parse_file

__all__ = ["parse_bytes", "parse_file"]

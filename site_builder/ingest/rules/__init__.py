"""The parser's rules, one small recognizer per file, run in order by ``parser.py``."""

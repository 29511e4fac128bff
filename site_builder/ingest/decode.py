"""Bytes -> text: UTF-8 (with or without BOM), GB18030/GBK, and mixed files.

Newsroom text from Chinese systems is often GBK; files stitched together from
several sources can mix encodings line by line, so a file that is not valid
UTF-8 as a whole is decoded line by line and every line that needed GB18030 is
reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_builder.core.errors import SourceError, SourceSpan

UTF8_BOM = b"\xef\xbb\xbf"
_HAN = re.compile("[\u3400-\u9fff]")


def _gb_han(raw: bytes) -> bool:
    try:
        return _HAN.search(raw.decode("gb18030")) is not None
    except UnicodeDecodeError:
        return False


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    gb_lines: list[int] = field(default_factory=list)  # 1-based lines decoded as GB18030 in a mixed file


def looks_binary(data: bytes) -> bool:
    # NUL never occurs in text in any of the supported encodings.
    return b"\x00" in data[:65536]


def decode(data: bytes, path: str) -> Decoded:
    decoded = _decode(data, path)
    if not decoded.text or decoded.text.isspace():  # every Unicode space: 　, NBSP …
        raise SourceError("the file is empty", SourceSpan(path), hint="add the issue's text or remove the file")
    return decoded


def _decode(data: bytes, path: str) -> Decoded:
    if not data or data.isspace():
        raise SourceError("the file is empty", SourceSpan(path), hint="add the issue's text or remove the file")
    if looks_binary(data):
        raise SourceError(
            "this is a binary file, not the text of an issue",
            SourceSpan(path),
            hint="save the issue as plain text (UTF-8 or GB18030)",
        )
    if data.startswith(UTF8_BOM):
        try:
            return Decoded(data[3:].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:
            data = data[3:]
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _decode_by_line(data, path)


def _decode_by_line(data: bytes, path: str) -> Decoded:
    lines = data.split(b"\n")
    out: list[str] = []
    gb_lines: list[int] = []
    utf8_count = 0
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8")
            if not raw.isascii():
                # Some GB18030 byte pairs are also valid UTF-8 (牛颖然 reads as ţӱȻ): a line
                # that is Chinese in GB18030 but not in UTF-8 is taken as GB18030.
                if not _HAN.search(text) and _gb_han(raw):
                    raise UnicodeDecodeError("utf-8", raw, 0, 1, "GB18030 text")
                utf8_count += 1
            out.append(text)
            continue
        except UnicodeDecodeError:
            pass
        try:
            out.append(raw.decode("gb18030"))
            gb_lines.append(number)
        except UnicodeDecodeError as exc:
            raise SourceError(
                f"line {number} is in no supported encoding (byte {exc.start + 1} of the line)",
                SourceSpan(path, number, exc.start + 1),
                hint="save the file as UTF-8 or GB18030",
            ) from None
    text = "\n".join(out)
    if utf8_count == 0:
        return Decoded(text, "gb18030")
    return Decoded(text, "mixed", gb_lines)

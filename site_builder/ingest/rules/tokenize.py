"""Lines -> tokens, by a chain of line rules tried in order (as markdown-it's block rules).

Each rule looks at one line and returns a token or ``None``.  Markdown rules
only run for Markdown exports, where markup is taken literally.  Jump lines
inside a text line (…（下转第2版）) are cut out here.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt

from site_builder.core.model import Removed
from site_builder.ingest.chars import ends_sentence
from site_builder.ingest.rules.bylines import parse_names
from site_builder.ingest.rules.furniture import CLASS_OF, JUMP, NEUTRAL
from site_builder.ingest.rules.shapes import is_title_shaped
from site_builder.ingest.rules.style import MD_IMAGE, MD_SUBHEAD, MD_TITLE
from site_builder.ingest.state import Line, ParseState, Token

LineRule = Callable[[ParseState, Line], "Token | None"]

IMAGE_FILE = re.compile(r"^(?:\S+/)?[^\s/]+(?: [^\s/]+){0,2}\.(?:png|jpe?g|gif|webp|bmp|tiff?)$", re.I)
IMAGE_MARK = re.compile(r"^[\[【(（]?(?:图片|图|照片|资料图|配图|示意图|image|photo|img)[\]】)）]?$", re.I)
BYLINE_LINE = re.compile(r"^[（(]([^（）()]{2,40})[）)]$")
_INLINE_JUMP = re.compile(r"\s*[（(]\s*(?:下转|上接|转|接)\s*第?\s*[0-9０-９一二三四五六七八九十]+\s*版\s*[)）]\s*")
_EDGE_JUMP = re.compile(r"^(?:" + JUMP.pattern + r")\s*|\s*(?:" + JUMP.pattern + r")$")
_JUMP_OUT_AT_END = re.compile(r"(?:下转|转)\s*第?\s*[0-9０-９一二三四五六七八九十]+\s*版\s*[)）]?\s*$")
_JUMP_IN = re.compile(r"^[（(]?\s*(?:上接|接)")
_MARKDOWN_INLINE = re.compile(r"[*_`\[\]!<>\\&~]")
_ITALIC_LINE = re.compile(r"^([*_])([^*_].*?)\1$")
_BOLD_LINE = re.compile(r"^\*\*([^*].*?)\*\*$")
# The exports' commonest markup, a bold dateline opening a paragraph (`**包头讯** 近年来…`), read
# without the inline parser (about 40 µs a line): `**` before a Han character opens, `**` after
# one closes (CommonMark's flanking rules), and with no other markup in the line nothing else can
# pair with them.  tests/test_properties.py checks it against markdown-it.
_LEADING_STRONG = re.compile(r"\*\*([\u4e00-\u9fff](?:[^*_`\[\]!<>\\&~\n]*[\u4e00-\u9fff])?)\*\*")

_md = MarkdownIt("commonmark")
# markdown-it-py's inline parser can take time quadratic in a line's length: an unclosed link or
# bracket makes it scan to the end of the line, once per opener (200,000 `![a](` on one line:
# ten seconds), and dense markup costs it a rule dispatch per character.  So a long line is given
# to it in pieces, cut after a sentence's end or a space where one is near, and a piece whose
# markup is tangled (`tangled()`) is kept as written: such markup is damage, not formatting, and
# nothing is lost.  bench/pathological.py measures the result.
INLINE_PIECE = 2000
_MARKUP = re.compile(r"[*_\[\]()<>`\\!]")


def markdown_plain(text: str) -> str:
    """Markdown inline markup -> plain text (emphasis, links, code, escapes)."""
    if not _MARKDOWN_INLINE.search(text):
        return text
    strong = _LEADING_STRONG.match(text)
    if strong is not None and not _MARKDOWN_INLINE.search(text, strong.end()):
        return strong.group(1) + text[strong.end():]
    if len(text) > INLINE_PIECE:
        return "".join(_inline_plain(piece) for piece in inline_pieces(text))
    return _inline_plain(text)


def inline_pieces(text: str) -> list[str]:
    """`text` cut into pieces of at most INLINE_PIECE characters, after a sentence end or a space where one is near."""
    pieces = []
    start = 0
    while start < len(text):
        end = start + INLINE_PIECE
        if end < len(text):
            cut = max(text.rfind("。", start, end), text.rfind(" ", start, end))
            if cut > start + INLINE_PIECE // 2:
                end = cut + 1
        pieces.append(text[start:end])
        start = end
    return pieces


def tangled(text: str) -> bool:
    """Markup too dense, or brackets that would make the parser scan far: a tenth of the text
    in markup characters, or openers whose closers lie (in total) further than twice its length."""
    marks = len(_MARKUP.findall(text))
    if marks > 16 + len(text) // 10:
        return True
    limit = 64 + 2 * len(text)
    scanned = 0
    for opener, closer in (("[", "]"), ("](", ")"), ("<", ">"), ("`", "`")):
        at = text.find(opener)
        while at >= 0:
            close = text.find(closer, at + len(opener))
            scanned += (close if close >= 0 else len(text)) - at
            if scanned > limit:
                return True
            at = text.find(opener, at + len(opener))
    return False


def _inline_plain(text: str) -> str:
    if tangled(text):
        return text
    out: list[str] = []
    for token in _md.parseInline(text):
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
            elif child.type == "image":
                out.append(child.content)
            elif child.type == "html_inline":
                # Raw HTML in an export is text the paper printed (or damage):
                # kept as text, and escaped like all text when rendered.
                out.append(child.content)
    return "".join(out)


def md_title(state: ParseState, line: Line) -> Token | None:
    m = MD_TITLE.match(line.text)
    if not m:
        return None
    return Token("title", markdown_plain(m.group(2)), line.number, line.number, explicit=True)


def md_subhead(state: ParseState, line: Line) -> Token | None:
    m = MD_SUBHEAD.match(line.text) or _BOLD_LINE.match(line.text)
    if not m:
        return None
    text = markdown_plain(m.group(m.lastindex or 1))
    if text.endswith(("讯", "电")) and len(text) <= 20:
        return None  # a bold dateline standing alone, not a sub-head
    return Token("heading", text, line.number, line.number, explicit=True)


def md_image(state: ParseState, line: Line) -> Token | None:
    m = MD_IMAGE.match(line.text)
    if not m:
        return None
    alt = markdown_plain(m.group(1)).strip()
    return Token("image", alt, line.number, line.number, image=m.group(2), explicit=True)


def md_caption(state: ParseState, line: Line) -> Token | None:
    """An italic line right after a Markdown image is its caption."""
    m = _ITALIC_LINE.match(line.text)
    if not m or not state.tokens or state.tokens[-1].kind != "image":
        return None
    return Token("caption", markdown_plain(m.group(2)), line.number, line.number, explicit=True)


def image_placeholder(state: ParseState, line: Line) -> Token | None:
    text = line.text
    if len(text) <= 8 and IMAGE_MARK.match(text):
        return Token("image", "", line.number, line.number, image=text)
    if len(text) > 200 or text.count(" ") > 2 or "." not in text[-6:]:
        return None
    if IMAGE_FILE.match(text):
        return Token("image", "", line.number, line.number, image=text)
    return None


def byline_line(state: ParseState, line: Line) -> Token | None:
    if line.text[0] not in "(（":
        return None
    m = BYLINE_LINE.match(line.text)
    if not m:
        return None
    names = parse_names(m.group(1))
    if not names:
        return None
    return Token("byline", "", line.number, line.number, byline=names, byline_printed=line.text)


# A credit names a reporter's role: 本报记者 张三, 某报全媒体记者 张三 李四, 文/张三, 张三 李四摄影报道.
_CREDIT_ROLE = re.compile(
    r"记者|通讯员|实习生|特约|撰稿|供稿|作者|^(?:文|图|文图|图文|摄影|摄)\s*[/／:：]|(?:摄影报道|报道)$"
)
_CLAUSE_OR_STOP = re.compile("[，。；！？]")
_CREDIT_NOISE = re.compile(r"^[□■●◆▲△◇○\s]+")


def credit_names(text: str) -> list[str]:
    """The names of a credit line, or [] when the line is anything else."""
    if len(text) > 44:
        return []
    text = _CREDIT_NOISE.sub("", text)
    if len(text) > 40 or _CLAUSE_OR_STOP.search(text) or not _CREDIT_ROLE.search(text):
        return []  # a credit is names and roles set apart by spaces, not a clause
    return parse_names(text)


def credit_line(state: ParseState, line: Line) -> Token | None:
    """`本报记者 张三 通讯员 李四` on its own line, under the headline or closing the text."""
    names = credit_names(line.text)
    if not names:
        return None
    state.removed.append(Removed(line.number, line.text, "credit line (names kept as bylines)"))
    return Token("credit", "", line.number, line.number, credit_names=names)


def running_text(state: ParseState, line: Line) -> Token | None:
    text = line.text
    if state.style == "markdown":
        text = markdown_plain(text)
    jumps_out = False
    if "版" in text:
        jumps_out = bool(_JUMP_OUT_AT_END.search(text))
        for pattern in (_INLINE_JUMP, _EDGE_JUMP):
            for m in pattern.finditer(text):
                state.removed.append(Removed(line.number, m.group(0).strip(), "jump line"))
            text = pattern.sub("", text)
    if not text:
        return None
    # Fields set after the making: a dataclass takes keywords at several times the cost.
    token = Token("text", text, line.number, line.number)
    token.indented = line.indented
    token.jumps_out = jumps_out
    return token


def fixed_line(state: ParseState, line: Line) -> Token | None:
    """A line a maintainer's fix reads as a byline or as text: the other line rules stand aside."""
    if not line.fix or line.fix == "article":
        return None
    if line.fix == "byline":
        names = credit_names(line.text) or parse_names(line.text.strip("（）() "))
        if names:
            state.removed.append(Removed(line.number, line.text, "byline (issue.toml fix)"))
            return Token("byline", "", line.number, line.number, byline=names, byline_printed=line.text)
        state.warn("fix-byline", "the fix reads this line as a byline, but it holds no names", line.number,
                   hint="a byline is names with roles: 记者 张三, (李四)")
    return running_text(state, line)


# The first characters of every line a Markdown rule takes (# title, ![image], **bold**, *caption*).
_MARKDOWN_OPENERS = "#!*_"


def _continues(tokens: list[Token], index: int) -> bool:
    """A text token printed right under a text that stops mid-sentence."""
    token = tokens[index]
    if token.gap_before or not index:
        return False
    above = tokens[index - 1]
    return above.kind == "text" and not ends_sentence(above.text) and not is_title_shaped(above.text)


def _only_running_text(line: Line) -> bool:
    """A line no rule before running_text can take (but a Markdown rule, for a line opening with
    markup): no fix, longer than a byline or a credit can be (42 and 44 characters), and not
    ending in a file name.  Most lines of an issue are such paragraphs, and they go straight to
    running_text."""
    text = line.text
    return not line.fix and len(text) > 44 and "." not in text[-6:]


MARKDOWN_RULES: list[LineRule] = [md_title, md_subhead, md_image, md_caption]
COMMON_RULES: list[LineRule] = [image_placeholder, byline_line, credit_line, running_text]


def tokenize(state: ParseState) -> None:
    rules = [fixed_line] + (MARKDOWN_RULES if state.style == "markdown" else []) + COMMON_RULES
    plain = state.style != "markdown"
    gap = 0
    spacer = False
    tokens = state.tokens
    for line in state.lines:
        token: Token | None = None
        if line.furniture:
            kind = CLASS_OF.get(line.kind, NEUTRAL)
            if kind == NEUTRAL:
                if line.kind == "jump line" and tokens and tokens[-1].kind == "text":
                    # 下转第2版 sends the text above to another page; 上接第1版 right after it
                    # brings the text back here, and the two halves are joined.
                    tokens[-1].jumps_out = _JUMP_IN.match(line.text) is None
                continue  # may stand inside a paragraph cut by a page break: no evidence
            if line.kind == "publication line":
                token = Token("meta", "", line.number, line.number, credit_names=line.authors)
            else:
                token = Token("furniture", "", line.number, line.number, furniture_kind=line.kind)
        elif not line.text:
            gap += 1
            spacer = spacer or line.spacer
            continue
        else:
            if _only_running_text(line) and (plain or line.text[0] not in _MARKDOWN_OPENERS):
                token = running_text(state, line)
            else:
                for rule in rules:
                    token = rule(state, line)
                    if token is not None:
                        break
            if token is None:
                gap = 0
                continue
        token.gap_before = gap
        token.spacer_before = spacer
        token.fix = line.fix
        if tokens:
            tokens[-1].spacer_after = spacer
        tokens.append(token)
        gap = 0
        spacer = False
    texts = [t for t in tokens if t.kind == "text"]
    if texts:
        # A line printed right under one that stops mid-sentence goes on with it (a cut): it says
        # nothing of how this issue sets its paragraphs apart, and is not counted.
        counted = [t for index, t in enumerate(tokens) if t.kind == "text" and not _continues(tokens, index)]
        separated = sum(1 for t in counted if t.gap_before > 0)
        texts = counted or texts
        # A few lines say little: one blank line between them is enough to read the issue so.
        state.blank_separated = separated * 2 >= len(texts) or (len(texts) < 6 and separated > 0)
        state.paragraph_gap = 1 if state.blank_separated else 0
        # Indented paragraphs set unindented headlines and continuations apart; a file that
        # indents every line says nothing by it.
        indented = sum(1 for t in texts if t.indented)
        state.indented_paragraphs = indented * 2 > len(texts) and len(texts) - indented >= max(1, len(texts) // 20)

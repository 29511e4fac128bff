"""`check`: a report of suspicious text in the archive, for an editor.

Each finding has a stable code, a severity, the source place and a one-line
hint.  The aim is a short list an editor wants to read: damage in the text
(stray Latin words, doubled characters and words, unbalanced quotes and
brackets, jump lines left in, odd characters), what the parser had to guess,
articles without a byline, issues without a date, duplicates, missing photos,
and translations that are missing or out of date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.archive.catalogs import catalog_for, message_counts, read_catalog, translation_of
from site_builder.archive.memory import Glossary
from site_builder.archive.translation_checks import Problem, check_catalog
from site_builder.archive.library import ArchiveArticle, ArchiveIssue, Library
from site_builder.build.photos import resolve
from site_builder.core.config import read_toml
from site_builder.core.errors import SiteBuilderError, Severity
from site_builder.ingest.chars import HAN
from site_builder.ingest.decode import decode

# Characters that are doubled on purpose (reduplication): 紧紧, 阵阵, 默默, 人人 …
REDUPLICATED = set(
    "紧牢默阵累皑莽嗡人个天常渐纷往刚仅久处层步年家户事时实扎踏稳好大多慢轻静悄偷深高远早满频连声"
    "点滴匆欣熊滚浩荡洋彤姗哈呵嘻冉蒙朗巍隐缓款谆孜兢翼郁葱勃熙攘皎漫茫淡浅细条件项"
)
# Measure words repeat after 一 or 每 (一辆辆, 每所所), handled by position, not listed here.
# Common words that start a word right after a word ending in the same character:
# 党委|委员, 共产党|党员, 大队|队伍, 机关|关于, 检查站|站长 … A doubled character
# at such a boundary is ordinary text.
BOUNDARY_WORDS = set(
    "委员 党员 队伍 队员 关于 关键 站长 游客 人员 人民 员工 民警 警察 警务 警力 警情 局长 长期 部门 门口 口岸 区域 "
    "市民 市场 县城 乡镇 镇长 村民 所长 所有 处长 科长 科技 室内 中心 心理 理论 论坛 会议 议题 题目 目标 标准 准备 "
    "备案 案件 件数 数据 据悉 悉心 心中 中国 国家 家庭 庭审 审查 查处 处理 理解 解决 决定 定期 期间 间隔 路段 段落 "
    "业务 务必 必须 须知 知识 识别 别人 生活 活动 动员 工作 作用 用户 户籍 籍贯 车辆 辆次 次数 数量 量化 化解 解放 "
    "放心 心得 得到 到位 位置 置业 法律 律师 师生 学生 生产 产业 业主 主体 体系 系统 统一 一线 线索 索取 取证 证据"
    .split()
)
# Two-character words that need a word after them to be used as a noun: 所在地, 所在的.
NEEDS_FOLLOWER = {"所在": set("地的单辖区处位城村镇社街省市县旗盟国家")}
# After 总队总队, 支队支队 …: the second copy begins a title (总队长, 支队长).
TITLE_ENDINGS = set("长员部处队所科委书")

_DOUBLE_CHAR = re.compile(f"(?<=(.))([{HAN}])\\2(?=(.?))", re.S)
_DOUBLE_WORD = re.compile(f"([{HAN}]{{2}})\\1(?=(.?))")
_ASCII_NEAR_HAN = re.compile(f"(?<=[{HAN}])[,:;()!?]|[,:;()!?](?=[{HAN}])")
_JUMP_LEFT = re.compile(r"(?:下转|上接|转接|转|接)\s*第?\s*[0-9０-９一二三四五六七八九十]+\s*版")
_ODD = re.compile(f"(?<=[{HAN}”“])([•●∙])(?=[{HAN}“”])")
PAIRS = (("“", "”"), ("（", "）"), ("《", "》"), ("‘", "’"), ("【", "】"), ("「", "」"))


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    hint: str
    path: str
    line: int = 0
    col: int = 0
    issue: str = ""
    article: str = ""
    source_line: str = ""

    def to_json(self) -> dict:
        return {"code": self.code, "severity": self.severity.value, "message": self.message, "hint": self.hint,
                "file": self.path, "line": self.line, "col": self.col, "issue": self.issue, "article": self.article}


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

    def by_severity(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity == severity]


class _Checker:
    def __init__(self, library: Library) -> None:
        self.library = library
        self.report = Report()
        self.lines: dict[Path, list[str]] = {}

    def source_lines(self, issue: ArchiveIssue) -> list[str]:
        if issue.source not in self.lines:
            # The parser's own decoding (mixed files line by line), so line numbers agree.
            text = decode(issue.source.read_bytes(), str(issue.source)).text
            self.lines[issue.source] = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return self.lines[issue.source]

    def add(self, code: str, severity: Severity, message: str, hint: str, issue: ArchiveIssue | None,
            article: ArchiveArticle | None = None, line: int = 0, col: int = 0, path: str = "") -> None:
        source_line = ""
        if issue is not None and line and (not path or path == str(issue.source)):
            lines = self.source_lines(issue)
            source_line = lines[line - 1] if line <= len(lines) else ""
        self.report.findings.append(Finding(
            code, severity, message, hint, path or (str(issue.source) if issue else ""), line, col,
            issue.day if issue else "", article.title if article else "", source_line))

    def locate(self, issue: ArchiveIssue, needle: str, first: int, last: int) -> tuple[int, int]:
        """The source line and column of `needle` between lines first..last (ASCII punctuation folded)."""
        lines = self.source_lines(issue)
        fold = str.maketrans("，：；（）！？", ",:;()!?")
        wanted = needle.translate(fold)
        for number in range(max(1, first), min(len(lines), max(first, last)) + 1):
            col = lines[number - 1].translate(fold).find(wanted)
            if col >= 0:
                return number, col + 1
        return first, 0

    # -- checks -------------------------------------------------------------------------
    def run(self) -> Report:
        for issue in self.library.issues:
            self.issue_checks(issue)
            for article in issue.articles:
                self.article_checks(issue, article)
        self.duplicates()
        self.translations()
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        self.report.findings.sort(key=lambda f: (f.issue, f.path, f.line, order[f.severity], f.code))
        return self.report

    def issue_checks(self, issue: ArchiveIssue) -> None:
        toml = issue.folder / "issue.toml"
        data, _ = read_toml(toml)
        if "date" not in data:
            self.add("issue-no-date", Severity.WARNING, "issue.toml has no date; the folder name is used",
                     "add date = YYYY-MM-DD and a comment saying how it was established", None, path=str(toml))
        for diagnostic in issue.parsed.diagnostics:
            if diagnostic.span.path == str(toml):  # about a [[fix]] of issue.toml, not a source line
                self.add(diagnostic.code, diagnostic.severity, diagnostic.message, diagnostic.hint, issue, None,
                         diagnostic.span.line, diagnostic.span.col, path=str(toml))
                continue
            article = next((a for a in issue.articles if a.article.line <= diagnostic.span.line <= a.article.end_line), None)
            self.add(diagnostic.code, diagnostic.severity, diagnostic.message, diagnostic.hint, issue, article,
                     diagnostic.span.line, diagnostic.span.col)
        count, first = 0, 0
        for number, line in enumerate(self.source_lines(issue), start=1):
            found = len(_ASCII_NEAR_HAN.findall(line))
            if found and not first:
                first = number
            count += found
        if count:
            self.add("ascii-punctuation", Severity.INFO,
                     f"{count} ASCII punctuation mark(s) between Chinese characters (shown full width on the site)",
                     "nothing to do unless the source itself should be corrected", issue, None, first)

    def article_checks(self, issue: ArchiveIssue, article: ArchiveArticle) -> None:
        a = article.article
        for name in article.figures:
            if resolve(issue.folder, name) is None:
                self.add("missing-image", Severity.WARNING, f"photo {name!r} is not in the issue's images folder",
                         "add the file to images/ or remove it from figures in issue.toml", issue, article,
                         path=str(issue.folder / "issue.toml"))
        if not a.bylines and issue.parsed.style != "web":
            self.add("no-byline", Severity.WARNING, "the article has no byline",
                     "check whether the closing (name) was lost", issue, article, a.end_line)
        for block in a.blocks:
            text = block.text if block.type != "figure" else block.caption
            if not text:
                continue
            first, last = block.line, block.end_line or block.line
            for m in _DOUBLE_WORD.finditer(text):
                if m.group(2) in TITLE_ENDINGS:
                    continue
                line, col = self.locate(issue, m.group(0), first, last)
                self.add("doubled-word", Severity.WARNING, f"doubled word {m.group(0)}",
                         f"probably {m.group(1)}", issue, article, line, col)
            for m in _DOUBLE_CHAR.finditer(text):
                if self.ordinary_double(text, m):
                    continue
                line, col = self.locate(issue, m.group(1) + m.group(2) * 2 + m.group(3), first, last)
                self.add("doubled-character", Severity.WARNING, f"doubled character in {m.group(1)}{m.group(2) * 2}{m.group(3)}",
                         f"probably {m.group(1)}{m.group(2)}{m.group(3)}", issue, article, line, col)
            for opening, closing in PAIRS:
                if text.count(opening) != text.count(closing):
                    line, _ = self.locate(issue, text[:6], first, last)
                    self.add("unbalanced", Severity.WARNING,
                             f"unbalanced {opening}{closing}: {text.count(opening)} opening, {text.count(closing)} closing",
                             "a quotation mark or bracket is missing or extra", issue, article, line)
            for m in _JUMP_LEFT.finditer(text):
                line, col = self.locate(issue, m.group(0), first, last)
                self.add("jump-line", Severity.WARNING, f"jump line left in the text: {m.group(0)}",
                         "remove it from the source (the continuation is on another page)", issue, article, line, col)
            for m in _ODD.finditer(text):
                line, col = self.locate(issue, m.group(1), first, last)
                self.add("odd-character", Severity.INFO, f"{m.group(1)!r} (U+{ord(m.group(1)):04X}) between Chinese words",
                         "the middle dot · is usual in Chinese names and titles", issue, article, line, col)

    @staticmethod
    def ordinary_double(text: str, m: re.Match) -> bool:
        before, char, after = m.group(1), m.group(2), m.group(3)
        if char in REDUPLICATED or before in "一每":
            return True
        word = char + (after or "")
        if word in BOUNDARY_WORDS:
            return True
        if word in NEEDS_FOLLOWER:
            following = text[m.end() + 1 : m.end() + 2]
            return following in NEEDS_FOLLOWER[word]
        return False

    def duplicates(self) -> None:
        seen: dict[str, ArchiveArticle] = {}
        for issue in self.library.issues:
            for article in issue.articles:
                first = next((b.text for b in article.article.blocks if b.type == "paragraph" and b.text), "")
                key = re.sub(r"\W", "", first)[:60]
                if len(key) < 20:
                    continue
                if key in seen and seen[key].issue is not issue:
                    other = seen[key]
                    self.add("duplicate-article", Severity.WARNING,
                             f"the same article appears in {other.issue.day}: {other.title}",
                             "remove one copy, or keep both if the paper really reprinted it", issue, article,
                             article.article.line)
                seen.setdefault(key, article)

    def translations(self) -> None:
        content = self.library.config.content
        for language in self.library.config.translations:
            known = {catalog_for(content, language.code, a).resolve() for a in self.library.articles}
            root = content / "translations" / language.code
            for path in sorted(root.rglob("*.po")) if root.is_dir() else []:
                if path.resolve() not in known:
                    day = path.parent.name
                    broken = [folder for folder in self.library.skipped if folder.startswith(day)]
                    why = (f"issue {broken[0]} could not be read" if broken
                           else "no article of this archive has this day and slug now")
                    self.add("catalog-orphaned", Severity.WARNING,
                             f"{language.code}: catalog of no article read this time ({why})",
                             "its translations are kept as they are: fix or restore the issue, or, if the "
                             "article's slug changed, list the old slug under redirects in permalinks.toml",
                             None, path=str(path))
            glossary = Glossary.of(self.library, language.code)
            for issue in self.library.issues:
                missing: list[str] = []
                for article in issue.articles:
                    path = catalog_for(content, language.code, article)
                    try:
                        # Read once: for what the translation must keep, and for its counts.
                        catalog = read_catalog(path) if path.is_file() else None
                        translation = translation_of(path, catalog) if catalog is not None else None
                    except SiteBuilderError as error:
                        # Every broken catalog is listed, as the build lists them; check goes on.
                        self.add("catalog-broken", Severity.ERROR, error.message, error.hint, issue, article,
                                 line=error.span.line if error.span else 0, path=str(path))
                        continue
                    if catalog is not None:
                        self.translation_problems(path, check_catalog(path, catalog, glossary), issue, article)
                    counts = message_counts(article, translation)
                    if counts["fuzzy"]:
                        self.add("translation-outdated", Severity.WARNING,
                                 f"{language.code}: {counts['fuzzy']} translated passage(s) out of date",
                                 "update the fuzzy messages in the catalog", issue, article, path=str(path))
                    if counts["untranslated"]:
                        missing.append(article.title)
                if missing:
                    self.add("translation-missing", Severity.INFO,
                             f"{language.code}: {len(missing)} of {len(issue.articles)} article(s) not fully translated",
                             "run `translations status` for the figures", issue)


    def translation_problems(self, path: Path, problems: list[Problem], issue: ArchiveIssue,
                             article: ArchiveArticle) -> None:
        """What a translation must keep of its original (archive/translation_checks.py)."""
        for problem in problems:
            self.add(problem.code, Severity.WARNING, problem.message,
                     f"the original is at {problem.original}; correct the translation", issue, article,
                     line=problem.line, path=str(path))


def check(library: Library) -> Report:
    return _Checker(library).run()

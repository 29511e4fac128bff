#!/usr/bin/env python3
"""Build speed of site_builder on generated archives, beside Hugo.

    python bench/run.py                       # N = 1,000 and 10,000, with Hugo
    python bench/run.py --articles 10000      # one N
    python bench/run.py --large               # adds N = 50,000
    python bench/run.py --articles 200 --no-hugo   # smoke run
    python bench/run.py --hugo-only           # only the Hugo side (checking bench/hugo_site.py)

For each N, bench/archive.py writes an archive (one issue a day, 20 articles a
print/Markdown issue, one a web issue) and a copy in one language (site.toml
with only [languages.zh-Hans]). Measured, each as its own process
(`build.py build --content C --output O`):

  full            clean build into a fresh output folder, one language, without
                  the search index (`--no-search`, as the target is stated; median of --repeat)
  full bilingual  the same with both languages (median of --repeat)
  full + search   one clean build with the search index: the site the rebuilds reuse
  no-op           build again into the same output, nothing changed
  one issue       after adding one issue folder (20 articles, bench/corpus.py generate_issue)
  one article     after changing a sentence in one article's source
  one issue again another issue: the everyday case, with the retired site in place
  template        after overriding article.html in a maintainer theme (theme = "bench-theme")

The rebuilds are of the one-language site with its search index, in that order,
into the output of the full + search build, as a maintainer runs them (`build
--force` is never passed); each re-indexes search when an article page changed.
The one_issue ratio is of the first +1 issue rebuild without its search phase
(the target adds "the search re-indexing of what changed"); its search time
is printed beside it.
The same archive is built by Hugo (bench/hugo_site.py: an equivalent minimal
site, one language), `hugo --quiet --destination <fresh folder>` (median of
--repeat). The full builds take turns (ours, Hugo's, ours in both languages,
then the next round), so a host whose speed drifts during the run slows each
alike. Generating archives and the Hugo site is setup, never timed;
content/permalinks.toml is written before the first timed build so all full
builds do the same work.

Each measurement: wall time; CPU time = user + sys of the build process and
all its descendants (os.wait4 rusage: Pagefind's indexer included); peak
memory = the largest max RSS of any one process of the build (the kernel's
ru_maxrss for a process tree), in MB. Progress goes to stderr; stdout gets a
table, the same as Markdown for the README, and one last line:

    ratios: full=… full_bilingual=… noop=… one_issue=… scaling=…

each ours divided by Hugo's full build (wall) at 10,000 articles, and
scaling = our full build (wall, one language) at 10,000 / at 1,000 (10.0 is
linear). A ratio whose measurements were not made is n/a.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.archive import FIRST_DAY, write_archive  # noqa: E402
from bench.corpus import generate_issue  # noqa: E402
from bench.hugo_site import TAXONOMIES, write_hugo_site  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
BUILD = ROOT / "build.py"
THEME = "bench-theme"
EDIT = "基准测试在此处改写了一句话。"
MANIFEST = ".site-builder-manifest.json"


def cpu_times() -> list[int] | None:
    """The machine's CPU time counters (/proc/stat): user nice system idle iowait irq softirq steal."""
    try:
        with open("/proc/stat", encoding="ascii") as handle:
            return [int(x) for x in handle.readline().split()[1:9]]
    except (OSError, ValueError):
        return None


def steal_share(before: list[int] | None, after: list[int] | None) -> str:
    """How much of the time the virtual machine's CPUs were taken by its host: timings are that much noisier."""
    if not before or not after:
        return "n/a"
    spent = [b - a for a, b in zip(before, after)]
    return f"{100 * spent[7] / max(1, sum(spent)):.0f}%"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    files: int | None = None
    phases: dict[str, float] = field(default_factory=dict)


@dataclass
class Row:
    articles: int
    tool: str  # "ours" | "hugo"
    build: str
    runs: list[Run]
    note: str = ""

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(run, attribute) for run in self.runs)

    @property
    def files(self) -> int | None:
        return self.runs[-1].files

    def phase(self, name: str) -> float | None:
        values = [run.phases[name] for run in self.runs if name in run.phases]
        return statistics.median(values) if values else None


def measure(command: list[str], cwd: Path | None = None) -> tuple[Run, str]:
    """Run `command`; wall time, and CPU and max RSS of it and every descendant it waited for."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if process.returncode != 0:
        tail = "\n".join((stderr or stdout).strip().splitlines()[-15:])
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}:\n{tail}")
    run = Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)  # ru_maxrss: KiB on Linux
    return run, stdout


def build_ours(content: Path, output: Path, search: bool = True) -> Run:
    command = [str(PYTHON), str(BUILD), "build", "--content", str(content), "--output", str(output)]
    run, stdout = measure(command + ([] if search else ["--no-search"]))
    run.files = count_files(output) - (output / MANIFEST).exists()  # the site's files, as Hugo's are counted
    # Phase timings, when the build prints them: "  phases    read 1.23s · render 4.56s · …", or
    # the older one-line "built …: … (read 1.23s, render 4.56s, …)". The build's output is not a
    # stable interface: nothing else is read from it.
    for line in stdout.splitlines():
        text = line.strip()
        timing = None
        if text.startswith("phases"):
            timing = text[len("phases"):]
        elif text.startswith("built ") and text.endswith(")") and "(" in text:
            timing = text[text.rindex("(") + 1:-1]
        if timing:
            for name, seconds in re.findall(r"([A-Za-z_-]+) (\d+(?:\.\d+)?)s\b", timing):
                run.phases[name] = float(seconds)
    return run


def build_hugo(site: Path, output: Path) -> Run:
    run, _ = measure(["hugo", "--quiet", "--source", str(site), "--destination", str(output)])
    run.files = count_files(output)
    return run


def count_files(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def one_language(source: Path, target: Path) -> None:
    """A copy of the archive whose site.toml has only [languages.zh-Hans] (the default), without English names."""
    shutil.copytree(source, target)
    text = (source / "site.toml").read_text(encoding="utf-8")
    kept, skipping = [], False
    for line in text.splitlines():
        header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            skipping = header.group(1) not in ("languages.zh-Hans", 'languages."zh-Hans"')
        if not skipping:
            kept.append(line)
    kept = [re.sub(r'^default_language\s*=.*$', 'default_language = "zh-Hans"', line) for line in kept]
    (target / "site.toml").write_text("\n".join(kept) + "\n", encoding="utf-8")
    # site_builder refuses names in languages the site does not have ("unknown key 'en' in tag …")
    for name in ("tags.toml", "places.toml"):
        path = target / name
        if path.exists():
            lines = path.read_text(encoding="utf-8").splitlines()
            path.write_text("\n".join(l for l in lines if not re.match(r"^\s*\"?en\"?\s*=", l)) + "\n", encoding="utf-8")


def prime_permalinks(content: Path) -> None:
    """Write content/permalinks.toml as the first build would, so every timed build does the same work."""
    from site_builder.archive.folders import load_library
    from site_builder.core.config import load_config

    load_library(load_config(content)).permalinks.save()


def add_issue(content: Path, seed: int) -> str:
    """One more print issue of 20 articles, the day after the last one."""
    folders = sorted(p.name for p in (content / "issues").iterdir() if p.is_dir())
    index = len(folders)
    day = max(date.fromisoformat(folders[-1]) + timedelta(days=1), FIRST_DAY + timedelta(days=index))
    issue = generate_issue(index, articles=20, seed=seed, style="print")
    folder = content / "issues" / day.isoformat()
    folder.mkdir()
    (folder / "issue.toml").write_text(f"date = {day.isoformat()}\nnumber = {index + 1}\n", encoding="utf-8")
    (folder / issue.name).write_bytes(issue.data)
    return day.isoformat()


def edit_article(content: Path) -> str:
    """Add a sentence after the first full stop in the body of a UTF-8 issue in the middle of the archive."""
    folders = sorted(p for p in (content / "issues").iterdir() if p.is_dir())
    middle = len(folders) // 2
    for folder in folders[middle:] + folders[:middle]:
        for source in sorted(folder.glob("*.txt")) + sorted(folder.glob("*.md")):
            if "_web" in source.name:
                continue
            data = source.read_bytes()
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            stop = "。".encode()
            at = data.find(stop, len(data) // 3)
            if at < 0:
                continue
            at += len(stop)
            source.write_bytes(data[:at] + EDIT.encode() + data[at:])
            return str(source.relative_to(content))
    raise SystemExit(f"no UTF-8 source with a full stop in {content}")


def change_template(content: Path) -> None:
    """A maintainer theme overriding article.html with a harmless change (a comment)."""
    from site_builder.site.theme import DEFAULT_THEME

    templates = content / THEME / "templates"
    templates.mkdir(parents=True)
    original = (DEFAULT_THEME / "templates" / "article.html").read_text(encoding="utf-8")
    (templates / "article.html").write_text(original + "{# bench: template change #}<!-- bench -->\n", encoding="utf-8")
    site = content / "site.toml"
    site.write_text(f'theme = "{THEME}"\n' + site.read_text(encoding="utf-8"), encoding="utf-8")


def full_build(label: str, number: int, repeat: int, make, discard: bool = True) -> Run:
    """make(number) -> (run, output); the output is removed afterwards unless discard is False."""
    run, output = make(number)
    log(f"  {label} {number}/{repeat}: {run.wall:.1f} s wall, {run.cpu:.1f} s CPU, {run.rss_mb:.0f} MB, "
        f"{run.files} files {fmt_phases(run.phases)}")
    if discard:
        shutil.rmtree(output, ignore_errors=True)
    return run


def fmt_phases(phases: dict[str, float]) -> str:
    return "(" + ", ".join(f"{k} {v:.1f}" for k, v in phases.items()) + ")" if phases else ""


def bench_size(articles: int, args, work: Path) -> list[Row]:
    rows: list[Row] = []
    base = work / f"n{articles}"
    base.mkdir()
    log(f"N = {articles:,}: writing the archive (setup, not timed)")
    bilingual = base / "archive-bilingual"
    issues = write_archive(bilingual, articles, per_issue=20, seed=args.seed)
    single = base / "archive-zh"
    one_language(bilingual, single)
    prime_permalinks(single)
    shutil.copyfile(single / "permalinks.toml", bilingual / "permalinks.toml")
    log(f"  {issues} issues, {articles} articles")

    site = base / "site-zh"  # the one-language output the rebuilds reuse
    repeat = args.repeat

    def ours_zh(number: int) -> tuple[Run, Path]:
        output = base / f"full-zh-{number}"
        return build_ours(single, output, search=False), output

    def ours_bi(number: int) -> tuple[Run, Path]:
        output = base / f"full-bilingual-{number}"
        return build_ours(bilingual, output, search=False), output

    def ours_search(number: int) -> tuple[Run, Path]:
        return build_ours(single, site), site

    hugo = None
    if not args.no_hugo:
        log(f"N = {articles:,}: writing the Hugo site (setup, not timed)")
        hugo_site = base / "hugo-site"
        write_hugo_site(single, hugo_site, args.hugo_taxonomies)

        def hugo(number: int) -> tuple[Run, Path]:
            output = base / f"hugo-public-{number}"
            return build_hugo(hugo_site, output), output

    # The full builds take turns (ours, Hugo, ours in both languages, then again), so a
    # host whose speed drifts during the run slows each of them alike: the ratios hold.
    builders = [] if args.hugo_only else [("ours full zh", "ours", "full (zh)", ours_zh),
                                          ("ours full zh+en", "ours", "full (zh+en)", ours_bi)]
    if hugo is not None:
        builders.insert(1 if builders else 0, ("hugo full", "hugo", "full (zh)", hugo))
    log(f"N = {articles:,}: full builds, in turn: {', '.join(label for label, *_ in builders)}")
    runs: dict[str, list[Run]] = {label: [] for label, *_ in builders}
    for number in range(1, repeat + 1):
        for label, _, _, make in builders:
            runs[label].append(full_build(label, number, repeat, make))
    for label, tool, name, _ in builders:
        rows.append(Row(articles, tool, name, runs[label]))
    if hugo is not None:
        shutil.rmtree(hugo_site, ignore_errors=True)
    if not args.hugo_only:
        log(f"N = {articles:,}: our full build, one language, with the search index (the site the rebuilds reuse)")
        rows.append(Row(articles, "ours", "full + search (zh)",
                        [full_build("ours full zh + search", 1, 1, ours_search, discard=False)]))

    # The first rebuild after a clean build starts from the published site, which a helper
    # process links into the staging folder; later ones find the site the previous build
    # retired (site_builder/writer.py), the maintainer's everyday case: hence the second +1 issue.
    rebuilds = [
        ("no-op rebuild", lambda: "nothing changed"),
        ("+1 issue (20 articles)", lambda: "added issues/" + add_issue(single, args.seed)),
        ("1 article edited", lambda: "edited " + edit_article(single)),
        ("+1 issue again", lambda: "added issues/" + add_issue(single, args.seed + 1)),
        ("template changed", lambda: (change_template(single), f"{THEME}/templates/article.html")[1]),
    ]
    for name, change in ([] if args.hugo_only else rebuilds):
        what = change()
        log(f"N = {articles:,}: {name} ({what})")
        runs = []
        for _ in range(args.repeat_rebuilds):
            run = build_ours(single, site)
            log(f"  ours {name}: {run.wall:.1f} s wall, {run.cpu:.1f} s CPU, {run.rss_mb:.0f} MB, {run.files} files "
                f"{fmt_phases(run.phases)}")
            runs.append(run)
        rows.append(Row(articles, "ours", f"{name} (zh)", runs))
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return rows


def fmt(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


HEADERS = ("articles", "tool", "build", "runs", "wall s", "CPU s", "max RSS MB", "files", "render s", "search s")


def table_rows(rows: list[Row]) -> list[tuple[str, ...]]:
    result = []
    for row in rows:
        result.append((f"{row.articles:,}", "site_builder" if row.tool == "ours" else "Hugo", row.build,
                       str(len(row.runs)), fmt(row.median("wall"), 1), fmt(row.median("cpu"), 1),
                       fmt(row.median("rss_mb"), 0), f"{row.files:,}" if row.files is not None else "n/a",
                       fmt(row.phase("render"), 1) if row.tool == "ours" else "",
                       fmt(row.phase("search"), 1) if row.tool == "ours" else ""))
    return result


def print_tables(rows: list[Row]) -> None:
    body = table_rows(rows)
    widths = [max(len(h), *(len(r[i]) for r in body)) if body else len(h) for i, h in enumerate(HEADERS)]
    right = {0, 3, 4, 5, 6, 7, 8, 9}

    def line(cells) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    print(line(HEADERS))
    print("  ".join("-" * w for w in widths))
    for cells in body:
        print(line(cells))
    print()
    print("| " + " | ".join(HEADERS) + " |")
    print("|" + "|".join("---:" if i in right else "---" for i in range(len(HEADERS))) + "|")
    for cells in body:
        print("| " + " | ".join(cells) + " |")
    print()


def find(rows: list[Row], articles: int, tool: str, build: str) -> float | None:
    for row in rows:
        if row.articles == articles and row.tool == tool and row.build == build:
            return row.median("wall")
    return None


def find_row(rows: list[Row], articles: int, tool: str, build: str) -> Row | None:
    return next((row for row in rows if row.articles == articles and row.tool == tool and row.build == build), None)


def ratio(ours: float | None, theirs: float | None) -> str:
    return "n/a" if ours is None or not theirs else f"{ours / theirs:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, help="one archive size (default: 1,000 and 10,000)")
    parser.add_argument("--large", action="store_true", help="also 50,000 articles")
    parser.add_argument("--repeat", type=int,
                        help="runs of each full build; the median is shown (default 3; 1 below 1,000 articles)")
    parser.add_argument("--repeat-rebuilds", type=int, default=1, help="runs of each rebuild (default 1)")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo (ratios are n/a)")
    parser.add_argument("--hugo-only", action="store_true", help="only the Hugo builds (to check the Hugo site)")
    parser.add_argument("--hugo-taxonomies", default=",".join(TAXONOMIES),
                        help="taxonomies of the Hugo site, from tags,places,authors (default: all, as ours)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="where archives and outputs go (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep archives and outputs")
    args = parser.parse_args()
    args.hugo_taxonomies = tuple(t for t in args.hugo_taxonomies.split(",") if t)
    if not set(args.hugo_taxonomies) <= set(TAXONOMIES):
        parser.error(f"--hugo-taxonomies: choose from {', '.join(TAXONOMIES)}")
    if args.no_hugo and args.hugo_only:
        parser.error("--no-hugo and --hugo-only exclude each other")
    if args.repeat is None:
        args.repeat = 3 if (args.articles or 1_000) >= 1_000 else 1
    if args.repeat < 1 or args.repeat_rebuilds < 1:
        parser.error("--repeat and --repeat-rebuilds must be at least 1")
    sizes = [args.articles] if args.articles else [1_000, 10_000]
    if args.large and 50_000 not in sizes:
        sizes.append(50_000)
    if not PYTHON.exists():
        parser.error(f"{PYTHON} not found: create the venv first (see README)")
    if not args.no_hugo and shutil.which("hugo") is None:
        parser.error("hugo not found: apt-get install -y hugo, or pass --no-hugo")

    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="site-builder-bench-", dir=args.workdir))
    else:
        work = Path(tempfile.mkdtemp(prefix="site-builder-bench-"))
    started = time.perf_counter()
    counters = cpu_times()
    log(f"working in {work}; load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs")
    if not args.no_hugo:
        log(subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip())
    rows: list[Row] = []
    try:
        for articles in sizes:
            rows += bench_size(articles, args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started
    log(f"done in {elapsed / 60:.1f} min; load average {os.getloadavg()[0]:.2f}")

    print_tables(rows)
    print("full = one language (zh-Hans); rebuilds of the one-language site into its existing output; "
          "Hugo: same archive, one language, fresh output each run. CPU = user+sys of the build and its "
          "children; max RSS = largest single process. 'search' is the Pagefind indexing phase of ours "
          "(Hugo builds no search index).")
    for articles in sizes:
        ours = next((r.files for r in rows if r.articles == articles and r.build == "full (zh)" and r.tool == "ours"), None)
        hugo = next((r.files for r in rows if r.articles == articles and r.tool == "hugo"), None)
        print(f"files at {articles:,} articles, one language: site_builder {ours if ours is not None else 'n/a'}, "
              f"Hugo {hugo if hugo is not None else 'n/a'}")
    print(f"total benchmark time: {elapsed / 60:.1f} min; CPU steal by the host during it: "
          f"{steal_share(counters, cpu_times())}; load average at the end {os.getloadavg()[0]:.2f}")
    hugo_10k = find(rows, 10_000, "hugo", "full (zh)")
    one_issue = find_row(rows, 10_000, "ours", "+1 issue (20 articles) (zh)")
    # The target for one issue is a share of Hugo's full build *plus* the re-indexing of what
    # changed, so the ratio is of the build without its search phase; the search time is shown beside it.
    one_issue_wall = None if one_issue is None else one_issue.median("wall") - (one_issue.phase("search") or 0.0)
    if one_issue is not None:
        print(f"+1 issue at 10,000: {one_issue.median('wall'):.1f} s, of which search indexing "
              f"{one_issue.phase('search') or 0.0:.1f} s")
    print(
        f"ratios: full={ratio(find(rows, 10_000, 'ours', 'full (zh)'), hugo_10k)} "
        f"full_bilingual={ratio(find(rows, 10_000, 'ours', 'full (zh+en)'), hugo_10k)} "
        f"noop={ratio(find(rows, 10_000, 'ours', 'no-op rebuild (zh)'), hugo_10k)} "
        f"one_issue={ratio(one_issue_wall, hugo_10k)} "
        f"scaling={ratio(find(rows, 10_000, 'ours', 'full (zh)'), find(rows, 1_000, 'ours', 'full (zh)'))}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

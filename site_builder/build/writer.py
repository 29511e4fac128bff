"""Writing the site without ever losing anything, and without rewriting what did not change.

The site is written into a staging folder beside the output and swapped in
only when complete, in one atomic step where the system allows it
(renameat2 RENAME_EXCHANGE on Linux), so a failed or interrupted build leaves
the previous site as it was.  A lock beside the output keeps a second build
from writing at the same time.  The output folder carries a manifest of what
the build wrote (each file's digest and the render key of each page); a
folder holding anything else is refused, never deleted.

Double buffering: the site the swap retires is kept beside the output
(`.public.cache/previous`) and becomes the next build's staging folder.  A build
then writes only the files whose bytes differ from what that folder already
holds, and hard-links pages that did not change since the published site
from it.  On this kind of file system creating and deleting ten thousand
folders costs more than rendering them, so a rebuild that touches a few
pages touches a few files.  Writes never open an existing file: a file is
unlinked and created anew, so a hard link shared with the published site is
never changed through the other name.
"""
from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import multiprocessing
import os
import shutil
from pathlib import Path, PurePosixPath

from site_builder.build.lock import BuildLock, alive
from site_builder.build.manifest import MANIFEST, Manifest
from site_builder.build.pause import pause
from site_builder.build.shares import Helper, HelperResult, Share
from site_builder.build.walk import files_under, unchanged_since
from site_builder.core.errors import Diagnostic, SiteBuilderError, SourceSpan

STAGING = ".{name}.building-{pid}"
RETIRED = ".{name}.old-{pid}"
CACHE = ".{name}.cache"  # what builds keep between them: the retired site, parsed issues, photo variants
_RENAME_EXCHANGE = 2


def cache_folder(output: Path) -> Path:
    """What builds into `output` keep between them, beside it: `.public.cache/` (safe to delete)."""
    return output.parent / CACHE.format(name=output.name)

_AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Swap two directories in one atomic step (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(error, os.strerror(error), str(second))


def _same_file(name: str) -> SiteBuilderError:
    return SiteBuilderError(f"two pages want the same file: {name}", hint="two articles or pages have the same address")


def write_file(path: Path, data: bytes) -> None:
    """Path.write_bytes without Python's file object (a buffered writer, a terminal check and a
    seek per file): a quarter of the cost of writing each of 20,000 small pages."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


def digest_of(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class OutputWriter:
    def __init__(self, output: Path, jobs: int | None = None) -> None:
        self.output = output
        self.jobs = jobs  # 1: no helper process (the dev server)
        self.staging = output.parent / STAGING.format(name=output.name, pid=os.getpid())
        self.cache = cache_folder(output)
        self.previous = self.cache / "previous"
        self.written: dict[str, str] = {}  # path -> digest: the new site
        self.keys: dict[str, str] = {}  # path -> render key of the pages that have one
        self.published = Manifest()  # the site in `output` now
        self.held: dict[str, str] = {}  # what the staging folder already holds (a retired site), by digest
        self.rewritten = 0  # files written or linked (the rest were already in place)
        self.made: set[str] = set()  # staging folders this process made or found: one mkdir each
        self.linking = None  # the helper process linking the published site into the staging folder
        self.checked: dict[str, int] | None = None  # the output's folders and their times when check() listed them
        self.lock = BuildLock(output)

    def check(self) -> None:
        """Refuse an output folder that holds files this tool did not write."""
        output = self.output
        if output.is_symlink():
            raise SiteBuilderError("the output path is a symbolic link", SourceSpan(str(output)),
                                   hint="give the folder it points to as --output: the build swaps whole "
                                        "folders, and would put a folder where the link was")
        if output.exists() and not output.is_dir():
            raise SiteBuilderError("the output path is a file, not a folder", SourceSpan(str(output)))
        if not output.is_dir():
            return
        self.checked = {}
        entries = files_under(output, self.checked)
        if not entries:
            return
        manifest = output / MANIFEST
        if not manifest.is_file():
            raise SiteBuilderError(
                "the output folder holds files that site_builder did not write",
                SourceSpan(str(output)),
                hint="choose another --output folder, or empty this one yourself",
            )
        try:
            known = set(json.loads(manifest.read_text(encoding="utf-8"))["files"])
        except (ValueError, KeyError, TypeError):
            raise SiteBuilderError("the output folder's manifest is damaged", SourceSpan(str(manifest)),
                                   hint="choose another --output folder") from None
        foreign = sorted(name for name in entries if name not in known and name != MANIFEST)
        if foreign:
            listed = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
            raise SiteBuilderError(
                f"the output folder holds {len(foreign)} file(s) site_builder did not write: {listed}",
                SourceSpan(str(output)),
                hint="move them elsewhere; the build never deletes files it did not create",
            )

    def start(self) -> None:
        self.lock.acquire()
        try:
            self.check()
            self.output.parent.mkdir(parents=True, exist_ok=True)
            self.clean_stale()
            self.published = Manifest.read(self.output) or Manifest()
            retired = Manifest.read(self.previous) if self.published.files else None
            if retired is not None:
                # The retired site becomes the staging folder; its manifest goes first, so
                # a build killed while updating it leaves a folder nobody will trust.
                os.replace(self.previous, self.staging)
                (self.staging / MANIFEST).unlink()
                self.held = retired.files
            else:
                if self.previous.exists():
                    shutil.rmtree(self.previous, ignore_errors=True)
                self.staging.mkdir()
                if self.published.files:
                    self._start_linking()
        except BaseException:
            self.lock.release()
            raise

    def _start_linking(self) -> None:
        """No retired site to update (the first rebuild after a clean build): the published one is
        hard-linked into the staging folder by a helper process, while the build reads its sources.
        The pages that turn out changed are then replaced like those of a retired site."""
        published, output, staging = self.published.files, self.output, self.staging

        def link_all(share: Share) -> HelperResult:
            linked: dict[str, str] = {}
            folders: set[str] = set()
            for name, digest in published.items():
                folder = name.rpartition("/")[0]
                try:
                    if folder and folder not in folders:
                        os.makedirs(os.path.join(staging, folder), exist_ok=True)
                        folders.add(folder)
                    os.link(os.path.join(output, name), os.path.join(staging, name))
                except OSError:
                    continue  # not linked (a missing file, no hard links here): written when its turn comes
                linked[name] = digest
            return HelperResult(linked, {}, 0, 0)

        if "fork" in multiprocessing.get_all_start_methods() and (self.jobs is None or self.jobs > 1):
            self.linking = Helper(link_all, Share())
        else:
            self.held = link_all(Share()).written

    def ready(self) -> None:
        """Wait for the staging folder to hold the published site (see _start_linking)."""
        linking, self.linking = self.linking, None
        if linking is None:
            return
        try:
            self.held = linking.result().written
        except SiteBuilderError:
            # The linking process died: start from an empty staging folder instead.
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging.mkdir()
            self.held = {}

    def clean_stale(self) -> None:
        """Staging folders left by builds that were killed."""
        for pattern in (STAGING, RETIRED):
            prefix = pattern.format(name=self.output.name, pid="")
            for leftover in self.output.parent.glob(prefix + "*"):
                pid = leftover.name[len(prefix):]
                if pid.isdigit() and not alive(int(pid)) and leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)

    def _claim(self, path: str) -> str:
        parts = path.split("/")
        # Paths come normal almost always ("a/b/index.html"); PurePosixPath only for the rest.
        name = PurePosixPath(path).as_posix() if "" in parts or "." in parts else path
        if path.startswith("/") or ".." in parts or name == ".":
            raise SiteBuilderError(f"refusing to write outside the output folder: {path}")
        if name in self.written:
            raise _same_file(name)
        return name

    def _record(self, name: str, digest: str, key: str | None) -> Path | None:
        """Note the file as part of the new site; where to put it, or None when the staging folder has it."""
        if self.linking is not None:
            self.ready()
        self.written[name] = digest
        if key is not None:
            self.keys[name] = key
        held = self.held.get(name)
        if held == digest:
            return None
        target = self.staging / name
        if held is not None:
            target.unlink()  # never written through: it may be a link shared with the published site
        else:
            folder = name.rpartition("/")[0]
            if folder not in self.made:
                target.parent.mkdir(parents=True, exist_ok=True)
                self.made.add(folder)
        self.rewritten += 1
        return target

    def unchanged(self, path: str, key: str) -> bool:
        """The published site has this page, rendered from the same key: keep() it instead of rendering."""
        return self.published.keys.get(path) == key and path in self.published.files

    def write(self, path: str, data: bytes, key: str | None = None) -> None:
        name = self._claim(path)
        target = self._record(name, digest_of(data), key)
        if target is not None:
            write_file(target, data)

    def keep(self, path: str, key: str | None = None) -> None:
        """The published file, unchanged: linked into the staging folder unless it is there already."""
        name = self._claim(path)
        target = self._record(name, self.published.files[name], key)
        if target is None:
            return
        try:
            os.link(self.output / name, target)
        except OSError:  # a file system without hard links
            shutil.copyfile(self.output / name, target)

    def merge(self, other: HelperResult) -> int:
        """Take in what a rendering helper wrote into the same staging folder; returns its pages rendered."""
        twice = sorted(set(other.written) & set(self.written))
        if twice:
            raise _same_file(twice[0])
        self.written.update(other.written)
        self.keys.update(other.keys)
        self.rewritten += other.rewritten
        return other.rendered

    def drop_stale(self, sparing: str | None = None) -> None:
        """Files of the retired site that the new one no longer has, and folders left empty.

        Called before the search indexing reads the staging folder (a page the site no
        longer has must not be found), sparing the old search bundle, whose files the
        new one mostly repeats; and again at commit for everything left.
        """
        self.ready()
        folders: set[Path] = set()
        stale = [n for n in self.held if n not in self.written and not (sparing and n.startswith(sparing))]
        for name in stale:
            del self.held[name]
            target = self.staging / name
            try:
                target.unlink()
            except FileNotFoundError:
                pass
            folders.update(target.parents)
        for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
            if self.staging in folder.parents:
                try:
                    folder.rmdir()
                except OSError:  # not empty
                    pass

    def up_to_date(self, fingerprint: str) -> bool:
        """The published site was built from exactly these inputs and is complete (its manifest is
        then `self.published`, with what its build said of them)."""
        manifest = Manifest.read(self.output)
        if manifest is None or manifest.inputs != fingerprint:
            return False
        # Exactly the files the build wrote: nothing missing, nothing added since.
        present = set(files_under(self.output))
        present.discard(MANIFEST)
        self.published = manifest
        return present == set(manifest.files)

    def commit(self, fingerprint: str = "", diagnostics: list[Diagnostic] | None = None) -> None:
        self.drop_stale()
        Manifest(dict(self.written), dict(self.keys), fingerprint, list(diagnostics or [])).write(self.staging)
        try:
            if self.output.exists():
                # Re-check just before the swap: files added during the build are never discarded.
                # Where no folder of the output changed since the check at start, nothing was added.
                if self.checked is None or not unchanged_since(self.output, self.checked):
                    self.check()
                self.cache.mkdir(exist_ok=True)
                pause("staged", self.output)
                if exchange(self.staging, self.output):
                    pause("swapped", self.output)
                    # The staging name now holds the previous site: kept for the next build.
                    os.replace(self.staging, self.previous)
                    return
                retired = self.output.parent / RETIRED.format(name=self.output.name, pid=os.getpid())
                os.replace(self.output, retired)
                os.replace(self.staging, self.output)
                pause("swapped", self.output)
                os.replace(retired, self.previous)
            else:
                pause("staged", self.output)
                os.replace(self.staging, self.output)
                pause("swapped", self.output)
        finally:
            self.lock.release()

    def abort(self) -> None:
        if self.linking is not None:
            self.linking.stop()
            self.linking = None
        shutil.rmtree(self.staging, ignore_errors=True)
        self.lock.release()

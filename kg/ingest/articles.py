"""Find article files, decode them safely and parse them into Documents with metadata and sentences."""

from __future__ import annotations

import codecs
import errno
import hashlib
import logging
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.core.config import Settings
from kg.core.errors import InputError, printable
from kg.core.model import ArticleMeta, Document
from kg.ingest.text import first_title, header_fields, html_to_text, normalise, split_sentences

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)
_GB_ALIASES = {"gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "euc-cn"}
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_MD_LINK = re.compile(r"\[([^\]]*)\]\(\s*([^)\s]*)\s*\)")


@dataclass(frozen=True)
class SkippedFile:
    """A file passed over, with a one-line reason that says what and how to fix it."""

    path: str
    reason: str


def _skipped(path: Path, reason: str) -> SkippedFile:
    """A SkippedFile with the path and reason made printable (file names need not be UTF-8)."""
    return SkippedFile(printable(str(path)), printable(reason))


@dataclass(frozen=True)
class IngestResult:
    """Parsed documents (sorted by doc_id) and skipped files (sorted by path)."""

    documents: tuple[Document, ...]
    skipped: tuple[SkippedFile, ...]


# --- discovery ---------------------------------------------------------------------------------


class _Walk:
    """Files to read and paths skipped across all inputs, remembering real paths already taken."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.found: dict[str, tuple[Path, Path]] = {}  # doc_id -> (root, file)
        self.skipped: list[SkippedFile] = []
        self.seen: set[Path] = set()  # real paths of folders walked
        self.taken: dict[Path, str] = {}  # real path of a file -> its doc_id

    def skip(self, path: Path, reason: str) -> None:
        """Record a path passed over."""
        self.skipped.append(_skipped(path, reason))

    def folder(self, root: Path, top: Path) -> None:
        """Walk a folder tree depth-first in name order, following only symlinks that stay inside root. A stack, not
        recursion, and real paths built up level by level (only symlinks are resolved), so any depth is walked in
        time linear in the number of entries."""
        inside = root.resolve()
        stack = [self._entries(top, top.resolve())]
        while stack:
            item = next(stack[-1], None)
            if item is None:
                stack.pop()
            elif (inner := self._entry(root, inside, *item)) is not None:
                stack.append(self._entries(*inner))

    def _entries(self, folder: Path, real: Path) -> Iterator[tuple[os.DirEntry, Path]]:
        """The entries of a folder about to be walked, in name order, each with the folder's real path."""
        self.seen.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as exc:
            self.skip(folder, f"cannot list folder ({exc.strerror}); check its permissions")
            return iter(())
        return ((entry, real) for entry in entries)

    def _entry(self, root: Path, inside: Path, entry: os.DirEntry, folder: Path) -> tuple[Path, Path] | None:
        """Take or skip one entry of the folder whose real path is `folder`; return (path, real path) of a folder
        to walk into."""
        path = Path(entry.path)
        if entry.is_symlink():
            try:
                real = path.resolve(strict=True)
            except (OSError, RuntimeError) as exc:  # RuntimeError: pathlib's "Symlink loop"
                return self.skip(path, _path_problem(exc))
            if not real.is_relative_to(inside):
                return self.skip(path, "symlink points outside the input folder; copy the file into the folder")
        else:
            real = folder / entry.name
        if entry.is_dir():
            if real not in self.seen:
                return path, real
            self.skip(path, "symlink loop: folder already read through another path; remove the link")
        elif path.suffix.lower() in self.settings.suffixes:
            self.file(root, path, real)
        return None

    def file(self, root: Path, path: Path, real: Path) -> None:
        """Take a regular file unless it is special, too large, already taken or its doc_id is."""
        try:
            info = path.stat()
        except OSError as exc:
            return self.skip(path, _path_problem(exc))
        doc_id = printable(path.relative_to(root).as_posix())
        limit = self.settings.max_file_bytes
        if not stat.S_ISREG(info.st_mode):
            self.skip(path, "not a regular file (FIFO, device or socket); pass a text file instead")
        elif info.st_size > limit:
            self.skip(path, f"file is {info.st_size} bytes, over max_file_bytes={limit}; split it or raise the limit")
        elif doc_id in self.found:
            self.skip(path, f"doc_id {doc_id!r} already used by {self.found[doc_id][1]}; rename one of the files")
        elif real in self.taken:
            self.duplicate(root, path, real)
        else:
            self.taken[real] = doc_id
            self.found[doc_id] = (root, path)

    def duplicate(self, root: Path, path: Path, real: Path) -> None:
        """Keep one of two paths to the same file, preferring the one that is not a symlink."""
        _, other = self.found[self.taken[real]]
        if other.is_symlink() and not path.is_symlink():
            del self.found[self.taken[real]]
            self.taken[real] = printable(path.relative_to(root).as_posix())
            self.found[self.taken[real]] = (root, path)
            path, other = other, path
        self.skip(path, f"same file as {other} (symlink); pass it once")


def _path_problem(exc: OSError | RuntimeError) -> str:
    """Why a path cannot be followed or examined: a broken link, a loop, a folder without x, a path too long."""
    if isinstance(exc, RuntimeError):
        return "symlink loop; fix or remove the link"
    reasons = {
        errno.ENOENT: "not found: a broken symlink (its target does not exist) or a file removed meanwhile",
        errno.ELOOP: "symlink loop; fix or remove the link",
        errno.EACCES: "permission denied: a folder on its path lacks the x (search) permission; chmod +x it",
        errno.ENAMETOOLONG: "path too long for the system (over PATH_MAX); move the file to a shorter path",
    }
    return reasons.get(exc.errno, f"cannot examine the path ({exc.strerror}); check it")


def discover(inputs: Sequence[Path], settings: Settings) -> tuple[list[tuple[Path, Path]], list[SkippedFile]]:
    """Files to read as (root, file) pairs, sorted, plus what was passed over with reasons."""
    walk = _Walk(settings)
    for given in map(Path, inputs):
        if not given.exists():
            raise InputError("input not found", where=str(given), fix="pass an existing article file or folder")
        if given.is_dir():
            walk.folder(given, given)
        else:
            walk.file(given.parent, given, given.resolve())
    files = [walk.found[doc_id] for doc_id in sorted(walk.found)]
    return files, sorted(walk.skipped, key=lambda skip: skip.path)


# --- decoding ----------------------------------------------------------------------------------


def decode(raw: bytes, *, declared: str = "") -> tuple[str, str]:
    """Text and encoding name; raises InputError for binary/undecodable bytes."""
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                return _text_only(raw[len(bom) :].decode(codec)), name
            except UnicodeDecodeError:
                raise InputError(f"invalid {codec} text after its byte-order mark", fix="re-save it as UTF-8") from None
    if b"\x00" in raw:
        raise InputError("binary file (contains NUL bytes)", fix="pass UTF-8 text; remove binaries from the input")
    for codec in filter(None, (_codec(declared), "utf-8", "gb18030")):
        try:
            return _text_only(raw.decode(codec)), codec
        except (UnicodeError, LookupError):  # LookupError: a declared bytes-to-bytes codec such as base64
            continue
    raise InputError("not valid UTF-8, UTF-16 or GB18030 text (binary?)", fix="re-save it as UTF-8 or remove it")


def _codec(declared: str) -> str:
    """Python codec for a declared charset (GBK family → gb18030), or "" when unknown."""
    name = declared.strip().lower()
    if name in _GB_ALIASES:
        return "gb18030"
    try:
        return codecs.lookup(name).name if name else ""
    except LookupError:
        return ""


def _text_only(text: str) -> str:
    """Normalised text; raises InputError when control characters say it is binary."""
    if len(_BINARY_CONTROLS.findall(text)) > 0.05 * len(text):
        raise InputError("binary file (too many control characters)", fix="pass text files only")
    return normalise(text)


def html_charset(raw: bytes) -> str:
    """The charset declared by a `<meta charset=…>` or http-equiv tag near the top of an HTML file, or ""."""
    match = _CHARSET.search(raw[:4096])
    return match[1].decode("ascii").lower() if match else ""


# --- metadata and documents --------------------------------------------------------------------


def _meta(text: str) -> ArticleMeta:
    """ArticleMeta from the hint block or front matter; the title falls back to the first `# ` heading."""
    fields = header_fields(text)
    author, author_url = _link(fields.get("author", ""))
    _, url = _link(fields.get("original") or fields.get("url", ""))
    return ArticleMeta(
        title=fields.get("title") or first_title(text),
        category=fields.get("category", ""),
        author=author,
        author_url=fields.get("author_url") or author_url,
        published=_iso_date(fields.get("published") or fields.get("date", "")),
        views=_count(fields, "views"),
        comments=_count(fields, "comments"),
        collects=_count(fields, "collects"),
        tags=_tags(fields.get("tags", "")),
        url=url,
    )


def _link(value: str) -> tuple[str, str]:
    """(text, url) of a markdown link or a bare URL; plain text has no url."""
    if match := _MD_LINK.fullmatch(value.strip()):
        return match[1].strip(), match[2]
    return ("", value) if value.startswith(("http://", "https://")) else (value, "")


def _iso_date(value: str) -> str:
    """YYYY-MM-DD from `2023-09-29`, `2023/9/29` or `2023年9月29日`; "" when absent or impossible."""
    if not (match := _DATE.search(value)):
        return ""
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return ""


def _count(fields: dict[str, str], key: str) -> int | None:
    """A count from its own field or from the `Stats:` line (`👁️ 10119 views | …`)."""
    match = re.fullmatch(r"\s*(\d[\d,]*)\s*", fields.get(key, "")) or re.search(
        rf"(\d[\d,]*)\s*{key}", fields.get("stats", "")
    )
    return int(match[1].replace(",", "")) if match else None


def _tags(value: str) -> tuple[str, ...]:
    """Tags from `a,b`, `a、b`, `[a, b]` or `` `a` `b` `` forms, in order, without duplicates."""
    items = re.findall(r"`([^`]+)`", value) if "`" in value else re.split(r"[,，、;；]", value.strip("[]"))
    tags = (item.strip().strip("\"'").strip() for item in items)
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def parse_document(text: str, doc_id: str, path: str, encoding: str, *, html: bool = False) -> Document:
    """A Document from decoded text: normalised (HTML turned into markdown-ish lines), metadata, sentences."""
    text = normalise(text)
    if html:
        text = html_to_text(text)
    return Document(
        doc_id=doc_id,
        path=path,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        encoding=encoding,
        meta=_meta(text),
        sentences=split_sentences(text),
    )


def _read(root: Path, path: Path, limit: int) -> Document:
    """Read, decode and parse one discovered file."""
    with path.open("rb") as handle:
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise InputError(f"file is over max_file_bytes={limit}", fix="split it or raise the limit")
    html = path.suffix.lower() in HTML_SUFFIXES
    text, encoding = decode(raw, declared=html_charset(raw) if html else "")
    doc_id = printable(path.relative_to(root).as_posix())
    return parse_document(text, doc_id, printable(str(path)), encoding, html=html)


def _reason(exc: InputError | OSError) -> str:
    """One-line skip reason for a read or decode failure."""
    if isinstance(exc, InputError):
        return exc.message
    if isinstance(exc, PermissionError):
        return "permission denied; make the file readable (chmod +r)"
    return f"cannot read file ({exc.strerror or exc}); check the file"


def ingest(inputs: Sequence[Path], settings: Settings) -> IngestResult:
    """Discover, read, decode and parse every article; failures become SkippedFile, or raise when strict."""
    files, skipped = discover(inputs, settings)
    if settings.strict and skipped:
        raise InputError(skipped[0].reason, where=skipped[0].path)
    documents: list[Document] = []
    for root, path in files:
        try:
            documents.append(_read(root, path, settings.max_file_bytes))
        except (InputError, OSError) as exc:
            if settings.strict:
                raise InputError(_reason(exc), where=str(path)) from exc
            skipped.append(_skipped(path, _reason(exc)))
    for skip in skipped:
        log.warning("skipped %s: %s", skip.path, skip.reason)
    return IngestResult(
        documents=tuple(sorted(documents, key=lambda doc: doc.doc_id)),
        skipped=tuple(sorted(skipped, key=lambda skip: skip.path)),
    )

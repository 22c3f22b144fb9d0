"""Every file followkit reads or writes goes through this module.

Reading returns :class:`RawSheet` objects: the cells exactly as the
spreadsheet holds them (text stays text, real dates are ``datetime.date``),
with the Excel row number of every row. Nothing here interprets a column.
Writing is atomic: a temporary file in the target's folder, checked, then
renamed over the target.
"""

from __future__ import annotations

import csv
import errno
import io as _io
import os
import re
import shutil
import tempfile
import tomllib
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

from followkit.core.cells import cell_text
from followkit.core.errors import OutputError, UnreadableFileError

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
# Limits checked before (or while) parsing, so a hostile file is refused in
# seconds with bounded memory. A program with 100 000 interviews a year is far
# inside them.
MAX_ROWS = 500_000  # rows read across all sheets
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024  # what a zipped workbook declares it inflates to
_ENCRYPTED_OLE = "EncryptionInfo".encode("utf-16-le")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class RawSheet:
    """The cells of one sheet, as read.

    ``rows[i]`` is Excel row ``i + 1``; cells are ``str`` (``""`` when empty),
    ``float``, ``int``, ``bool``, ``datetime.date`` or ``datetime.datetime``.
    Trailing empty rows and columns are not included.
    """

    name: str
    rows: list[list[Any]]
    visible: bool = True
    merged: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()
    file: str = ""  # the file it came from, when several files form one caseload
    exact_widths: bool = False  # CSV: each row holds the fields it was written with


@dataclass(frozen=True)
class RawWorkbook:
    """All sheets of one input file, in workbook order."""

    path: Path
    sheets: list[RawSheet] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name


def read_workbook(path: str | os.PathLike[str], *,
                  only: tuple[str, ...] | None = None) -> RawWorkbook:
    """Read every sheet of a tracker file.

    Parameters
    ----------
    path
        A ``.xlsx``, ``.xlsm``, ``.xls``, ``.ods`` or ``.csv`` file. The kind is
        told by the file's first bytes, not by its name.
    only
        Read only the sheets of these names (a report's action sheets); all by default.

    Raises
    ------
    UnreadableFileError
        The file is missing, empty, a lock file, protected, damaged, over the
        limits, or not a spreadsheet; the message says which and what to do.
    """
    p = Path(path)
    if not p.is_file():
        raise UnreadableFileError(p, "no such file")
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableFileError(p, f"the file is {size / 2**20:.0f} MB; followkit reads "
                                     f"trackers up to {MAX_FILE_BYTES // 2**20} MB")
    return read_workbook_bytes(p.name, p.read_bytes(), path=p, only=only)


def read_workbook_bytes(name: str, data: bytes, *, path: Path | None = None,
                        only: tuple[str, ...] | None = None) -> RawWorkbook:
    """Read a tracker from its bytes (an upload), named ``name``. Nothing is written to disk."""
    p = path or Path(name)
    if p.name.startswith("~$"):
        raise UnreadableFileError(
            p, "this is Excel's lock file, not the tracker: open the file without '~$'"
        )
    head = data[:8]
    if not head:
        raise UnreadableFileError(p, "the file is empty (0 bytes)")
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFileError(p, f"the file is over {MAX_FILE_BYTES // 2**20} MB")
    suffix = p.suffix.lower()
    if head.startswith(_ZIP_MAGIC):
        _check_zip(p, data)
        return RawWorkbook(p, _read_calamine(p, data, only))
    if head.startswith(_OLE_MAGIC):
        if _ENCRYPTED_OLE in data[:2_000_000]:
            raise UnreadableFileError(
                p, "the workbook is password-protected; save an unprotected copy (File > "
                "Info > Protect Workbook > remove the password) and use that")
        return RawWorkbook(p, _read_calamine(p, data, only))
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        kind = "a text or web page file" if _looks_like_text(head) else "not a spreadsheet"
        raise UnreadableFileError(
            p, f"the name says {suffix} but the content is {kind}; save it from your "
            "spreadsheet program as .xlsx and try again"
        )
    if suffix == ".csv" or _looks_like_text(head):
        if data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
            raise UnreadableFileError(p, "this is a web page, not a spreadsheet; save the "
                                         "tracker as .xlsx or .csv")
        return RawWorkbook(p, [_read_csv(p, data)])
    raise UnreadableFileError(
        p, f"unsupported file type {suffix!r}; use one of {', '.join(SPREADSHEET_SUFFIXES)}"
    )


def _check_zip(path: Path, data: bytes) -> None:
    """Refuse damaged zips, zip bombs and XML entity tricks, before any parsing.

    A sheet's declared dimension is not trusted either way: Excel declares
    formatting down to row 1 048 576 for trackers that hold 300 rows.
    """
    try:
        archive = zipfile.ZipFile(_io.BytesIO(data))
        members = archive.infolist()
    except zipfile.BadZipFile as e:
        raise UnreadableFileError(path, "the file is damaged or incomplete (truncated zip); "
                                        "save it again from your spreadsheet program") from e
    declared = sum(m.file_size for m in members)
    if declared > MAX_UNCOMPRESSED_BYTES:
        raise UnreadableFileError(
            path, f"the workbook would inflate to {declared / 2**20:.0f} MB, over the "
            f"{MAX_UNCOMPRESSED_BYTES // 2**20} MB limit (a damaged or hostile file?)")
    try:
        for member in members:
            if not member.filename.endswith((".xml", ".rels")):
                continue
            with archive.open(member) as fh:
                head = fh.read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise UnreadableFileError(
                    path, f"{member.filename!r} declares XML entities, which spreadsheet "
                    "programs never write (a known attack); refusing to read it")
    except (zipfile.BadZipFile, EOFError, zlib.error) as e:
        raise UnreadableFileError(path, "the file is damaged or incomplete; save it again "
                                        "from your spreadsheet program") from e


def _looks_like_text(head: bytes) -> bool:
    return b"\x00" not in head


def _read_calamine(path: Path, data: bytes, only: tuple[str, ...] | None = None
                   ) -> list[RawSheet]:
    from python_calamine import CalamineWorkbook

    sheets = []
    total = 0
    try:
        workbook = CalamineWorkbook.from_filelike(_io.BytesIO(data))
        for meta in workbook.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet" or (
                    only is not None and meta.name not in only):
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            total += sheet.end[0] + 1 if sheet.end else 0
            if total > MAX_ROWS:
                break
            rows = sheet.to_python(skip_empty_area=False)
            visible = str(meta.visible).rsplit(".", 1)[-1] == "Visible"
            merged = tuple(sheet.merged_cell_ranges or ())
            sheets.append(RawSheet(meta.name, rows, visible, merged))
    except Exception as e:  # calamine raises several unrelated types
        raise UnreadableFileError(path, _calamine_cause(data, e)) from e
    if total > MAX_ROWS:
        raise UnreadableFileError(path, f"the workbook has more than {MAX_ROWS:,} rows; "
                                        "followkit reads trackers up to that size")
    return sheets


def _calamine_cause(data: bytes, error: Exception) -> str:
    text = str(error)
    if data[:4] == _ZIP_MAGIC and not zipfile.is_zipfile(_io.BytesIO(data)):
        return "the file is damaged or incomplete (truncated zip)"
    if "password" in text.lower() or "encrypt" in text.lower():
        return "the workbook is password-protected; save an unprotected copy and use that"
    return f"not a readable spreadsheet ({type(error).__name__}: {text})"


def _read_csv(path: Path, data: bytes) -> RawSheet:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything
        raise UnreadableFileError(path, "the text is neither UTF-8 nor Windows-1252")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows = []
    for row in csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter):
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise UnreadableFileError(path, f"the file has more than {MAX_ROWS:,} rows; "
                                            "followkit reads trackers up to that size")
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    return RawSheet(path.stem, rows, exact_widths=True)


def read_inputs(paths: list[str | os.PathLike[str]] | tuple[str | os.PathLike[str], ...]
                | Any) -> list[RawWorkbook]:
    """Read several trackers: files, and folders of them (their spreadsheets, by name).

    A folder's files are read in name order; lock files (``~$``) and hidden
    files are passed over. A folder without a tracker is an error.
    """
    workbooks: list[RawWorkbook] = []
    for item in paths:
        p = Path(item)
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.is_file() and
                           f.suffix.lower() in SPREADSHEET_SUFFIXES and
                           not f.name.startswith(("~$", ".")))
            if not files:
                raise UnreadableFileError(p, "the folder holds no tracker (.xlsx, .xlsm, "
                                             ".xls, .ods or .csv)")
            workbooks.extend(read_workbook(f) for f in files)
        else:
            workbooks.append(read_workbook(p))
    return workbooks


def read_toml(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a TOML file (a policy file)."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as e:
        raise UnreadableFileError(p, "no such file") from e
    except tomllib.TOMLDecodeError as e:
        raise UnreadableFileError(p, f"not valid TOML ({e})") from e


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same file (also through links and case)."""
    pa, pb = Path(a), Path(b)
    try:
        return pa.exists() and pb.exists() and os.path.samefile(pa, pb)
    except OSError:
        return pa.resolve() == pb.resolve()


@contextmanager
def atomic_path(
    target: str | os.PathLike[str],
    *,
    protect: tuple[str | os.PathLike[str], ...] = (),
    check: Callable[[Path], None] | None = None,
) -> Iterator[Path]:
    """Give a temporary path beside ``target``; on success rename it over ``target``.

    The caller writes the whole file to the yielded path. If writing raises,
    the temporary file is removed and ``target`` is left as it was. ``check``
    reopens the finished file before the rename. ``protect`` lists paths that
    must never be overwritten (the input).
    """
    dest = Path(target)
    for p in protect:
        if same_file(dest, p) or dest.resolve() == Path(p).resolve():
            raise OutputError(f"refusing to write the report over the input file {str(p)!r}")
    folder = dest.parent if str(dest.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {str(dest)!r}: folder {str(folder)!r} does not exist")
    sweep_interrupted(folder)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(), suffix=dest.suffix, dir=folder)
    except OSError as e:
        if e.errno in _DISK_FULL:
            raise OutputError("the disk is full: nothing was written (free some space, or "
                              "write to another drive)") from e
        raise OutputError(f"cannot write in folder {str(folder)!r}: {e.strerror}") from e
    os.close(fd)
    tmp = Path(tmp_name)
    hide(tmp, True)
    try:
        yield tmp
        if check is not None:
            check(tmp)
        os.chmod(tmp, _mode_for(dest))
        hide(tmp, False)
        os.replace(tmp, dest)
    except OSError as e:
        if e.errno in _DISK_FULL:
            raise OutputError("the disk is full: nothing was written (free some space, or "
                              "write to another drive)") from e
        if not isinstance(e, PermissionError):
            raise
        raise OutputError(
            f"cannot write {str(dest)!r}: permission denied (is it open in Excel?); "
            f"close it or choose another name, e.g. {str(_suggest_name(dest))!r}"
        ) from e
    finally:
        if tmp.exists():
            tmp.unlink()


_TMP_PREFIX = ".~followkit-"


_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def hide(path: Path, hidden: bool) -> None:
    """On Windows, where a dot-file is not hidden, set (or clear) the hidden attribute of
    a temporary file, so a half-written file is never in view; elsewhere the dot does it."""
    if os.name != "nt":
        return
    import ctypes

    attributes = 0x2 if hidden else 0x80  # FILE_ATTRIBUTE_HIDDEN / _NORMAL
    ctypes.windll.kernel32.SetFileAttributesW(str(path), attributes)  # type: ignore[attr-defined]


def temp_prefix() -> str:
    """The name prefix of this process's hidden temporary files and folders."""
    return f"{_TMP_PREFIX}{os.getpid()}-"


def sweep_interrupted(folder: Path) -> list[Path]:
    """Remove hidden temporary files and folders left in ``folder`` by killed exports.

    They are named ``.~followkit-<pid>-…``; one is stale when that process is
    gone. Those of running exports, and of other accounts, are left alone.
    """
    removed = []
    for path in folder.glob(f"{_TMP_PREFIX}*"):
        pid = path.name[len(_TMP_PREFIX):].split("-", 1)[0]
        try:
            if not pid.isdigit() or path.stat().st_uid != os.getuid() or process_running(int(pid)):
                continue
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def process_running(pid: int) -> bool:
    """Whether a process with this id exists (perhaps of another account)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _mode_for(dest: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual umask ones."""
    try:
        return dest.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _suggest_name(dest: Path) -> Path:
    for i in range(2, 100):
        candidate = dest.with_name(f"{dest.stem} ({i}){dest.suffix}")
        if not candidate.exists():
            return candidate
    return dest.with_name(f"{dest.stem} (new){dest.suffix}")


def check_xlsx(path: Path) -> None:
    """Reopen a freshly written workbook to make sure it is a whole zip."""
    with zipfile.ZipFile(path) as zf:
        bad = zf.testzip()
    if bad is not None:  # pragma: no cover - would need a failing disk
        raise OutputError(f"the written workbook is damaged at {bad!r}")


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a CSV atomically, every field quoted, formula-like text neutralised.

    A leading ``=``, ``+``, ``-``, ``@``, tab or CR gets a ``'`` in front
    (OWASP CSV injection advice), so no spreadsheet runs it.
    """
    def safe(value: Any) -> str:
        text = value if isinstance(value, str) else cell_text(value)
        return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text

    with atomic_path(path) as tmp:
        with tmp.open("w", newline="", encoding="utf-8-sig") as fh:
            writer = csv.writer(fh, quoting=csv.QUOTE_ALL)
            writer.writerow([str(c) for c in frame.columns])
            for row in frame.itertuples(index=False):
                writer.writerow([safe(v) for v in row])
    return Path(path)


_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                     *(f"LPT{i}" for i in range(1, 10))}


def safe_file_part(text: str, *, limit: int = 60) -> str:
    """A piece of a file name that is safe on Windows, macOS and Linux.

    >>> safe_file_part('Ana / Maple: "Cafe"?')
    'Ana Maple Cafe'
    >>> safe_file_part("con"), safe_file_part(" . "), safe_file_part("Priya Sharma", limit=5)
    ('_con', 'unassigned', 'Priya')
    """
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", text)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .")[:limit].strip(" .")
    if cleaned.split(".")[0].upper() in _WINDOWS_RESERVED:
        cleaned = "_" + cleaned
    return cleaned or "unassigned"

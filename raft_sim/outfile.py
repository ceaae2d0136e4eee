"""Writing an output file safely: checked before computing, replaced atomically.

:func:`check_target` refuses, before any work is done, a target that cannot or must not
be written: a missing or read-only folder, a directory, a device or pipe, a symbolic
link, a protected input file (the design, its includes), or an existing file that is not
netCDF/HDF5 (so a design or any other document is never overwritten by results).
:func:`write_atomically` writes to a hidden temporary file in the same folder and renames
it over the target only when the writer has finished: an error, Ctrl-C or SIGTERM leaves
the previous file intact and no partial file behind. Failures are :class:`OutputError`
(``raft-sim`` exit code 3).
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from raft_sim.design.errors import printable

NETCDF_SIGNATURES = (b"\x89HDF\r\n\x1a\n", b"CDF\x01", b"CDF\x02", b"CDF\x05")
"""File starts that identify netCDF-4/HDF5 and classic netCDF files."""


class OutputError(OSError):
    """An output file that cannot or must not be written (one line naming it)."""


def check_target(path, protected: Iterable = ()) -> Path:
    """Check that ``path`` can be (re)placed by a results file, before computing.

    Parameters
    ----------
    path : str or Path
        The output file.
    protected : iterable of str or Path
        Input files that must never be replaced (the design and its includes).

    Returns
    -------
    Path
        The target, absolute.

    Raises
    ------
    OutputError
        With a one-line reason naming the path.
    """
    text = str(path)
    shown = printable(text)
    if not text or "\x00" in text:
        raise OutputError(f"{shown or repr(text)}: invalid output file name")
    target = Path(os.path.abspath(text))
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{shown}: the folder {printable(str(folder))} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{shown}: the folder {printable(str(folder))} is not writable")
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise OutputError(f"{shown}: {exc.strerror or exc}") from None
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(f"{shown}: is a symbolic link; refusing to follow it (give the real file)")
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{shown}: is a directory; give a file name such as results.nc")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{shown}: is a device, pipe or socket, not a regular file")
    if any(_same_file(item, target) for item in protected):
        raise OutputError(f"{shown}: is an input of the analysis (the design or one of its "
                          "includes); refusing to overwrite it")
    if not os.access(target, os.W_OK):
        raise OutputError(f"{shown}: the existing file is read-only")
    if info.st_size and not _is_netcdf(target):
        raise OutputError(f"{shown}: exists and is not a netCDF file; refusing to overwrite it "
                          "(remove it first if it is to be replaced)")
    return target


def _same_file(a, b) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _is_netcdf(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError:
        return False
    return any(head.startswith(sig) for sig in NETCDF_SIGNATURES)


def write_atomically(path, write: Callable[[Path], None]) -> Path:
    """Call ``write(temporary_path)`` and rename the result over ``path`` when it returns.

    Parameters
    ----------
    path : str or Path
        Final file (checked with :func:`check_target` beforehand).
    write : callable
        Writes the complete file at the path it is given.

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    OutputError
        The writer or the rename failed; the previous file, if any, is untouched and the
        temporary file removed. ``KeyboardInterrupt`` and ``SystemExit`` also remove the
        temporary file and propagate.
    """
    target = Path(os.path.abspath(str(path)))
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{printable(str(path))}: could not be written: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(name)
    try:
        try:
            write(tmp)
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, target)
        except Exception as exc:  # noqa: BLE001 -- any writer failure is an unwritable output
            reason = getattr(exc, "strerror", None) or f"{type(exc).__name__}: {exc}"
            raise OutputError(f"{printable(str(path))}: could not be written: {printable(reason)}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask

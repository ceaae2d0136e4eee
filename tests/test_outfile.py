"""Safe output files (raft_sim.outfile), issue 12: checked before computing, replaced
atomically, never a design, a directory, a device or a symlink target.

SOURCE: POSIX rename(2) (atomic replacement within one file system); the HDF5 file
signature \\x89HDF\\r\\n\\x1a\\n (HDF5 File Format Specification, "Format Signature").
"""
from __future__ import annotations

import os

import pytest

from raft_sim.outfile import OutputError, check_target, write_atomically

HDF5 = b"\x89HDF\r\n\x1a\n"


def test_new_file_in_writable_folder(tmp_path):
    assert check_target(tmp_path / "r.nc") == tmp_path / "r.nc"


@pytest.mark.parametrize("make, match", [
    (lambda p: p / "missing" / "r.nc", "does not exist"),
    (lambda p: p, "is a directory"),
    (lambda p: (os.mkfifo(p / "fifo"), p / "fifo")[1], "device, pipe or socket"),
    (lambda p: ((p / "t.txt").write_text("keep me"), os.symlink(p / "t.txt", p / "l.nc"), p / "l.nc")[2],
     "symbolic link"),
    (lambda p: ((p / "d.yaml").write_text("site: {}"), p / "d.yaml")[1], "is not a netCDF file"),
    (lambda p: "a\x00b.nc", "invalid output file name"),
])
def test_refused_targets(tmp_path, make, match):
    with pytest.raises(OutputError, match=match):
        check_target(make(tmp_path))


def test_design_is_protected_even_if_it_looked_like_netcdf(tmp_path):
    design = tmp_path / "d.yaml"
    design.write_bytes(HDF5 + b"whatever")
    with pytest.raises(OutputError, match="is an input of the analysis"):
        check_target(design, protected=[design])
    check_target(design)  # an existing netCDF/HDF5 file may be replaced


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_and_file(tmp_path):
    (tmp_path / "old.nc").write_bytes(HDF5)
    os.chmod(tmp_path / "old.nc", 0o444)
    with pytest.raises(OutputError, match="read-only"):
        check_target(tmp_path / "old.nc")
    os.chmod(tmp_path, 0o555)
    try:
        with pytest.raises(OutputError, match="not writable"):
            check_target(tmp_path / "new.nc")
    finally:
        os.chmod(tmp_path, 0o755)


def test_atomic_write_replaces_only_when_complete(tmp_path):
    target = tmp_path / "r.nc"
    target.write_bytes(HDF5 + b"old")
    write_atomically(target, lambda tmp: tmp.write_bytes(HDF5 + b"new"))
    assert target.read_bytes() == HDF5 + b"new"
    assert os.listdir(tmp_path) == ["r.nc"]


@pytest.mark.parametrize("exc, caught", [(KeyboardInterrupt, KeyboardInterrupt), (SystemExit, SystemExit),
                                         (RuntimeError, OutputError), (OSError, OutputError)])
def test_interrupted_or_failed_write_keeps_previous_file(tmp_path, exc, caught):
    target = tmp_path / "r.nc"
    target.write_bytes(HDF5 + b"old")

    def half_then_fail(tmp):
        tmp.write_bytes(HDF5 + b"partial")
        raise exc("stop")
    with pytest.raises(caught):
        write_atomically(target, half_then_fail)
    assert target.read_bytes() == HDF5 + b"old"
    assert os.listdir(tmp_path) == ["r.nc"]  # no temporary file left behind


def test_unwritable_place_is_an_output_error(tmp_path):
    # /proc refuses new files even for root
    with pytest.raises(OutputError, match=r"^/proc/r\.nc: could not be written"):
        write_atomically("/proc/r.nc", lambda tmp: tmp.write_bytes(HDF5))


def test_locked_file_is_replaced_not_truncated(tmp_path):
    # a reader holding an advisory lock keeps the old contents; the new file replaces the name
    import fcntl
    target = tmp_path / "r.nc"
    target.write_bytes(HDF5 + b"old")
    with open(target, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        write_atomically(check_target(target), lambda tmp: tmp.write_bytes(HDF5 + b"new"))
        assert held.read() == HDF5 + b"old"
    assert target.read_bytes() == HDF5 + b"new"

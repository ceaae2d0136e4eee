"""ROSCO ``DISCON.IN`` parameter files -> ``Controller``.

A DISCON file has one parameter per line, ``<value(s)>  ! <Name>  - <description>``, and
comment lines starting with ``!``. Values are numbers (several for arrays) or quoted
strings. ROSCO's units are SI with angles in rad and frequencies in rad/s, as ours: nothing
is converted. Only the fields the linearised controller uses are read (gain schedule,
torque gains, filters, floating feedback, fine pitch); the rest is ignored.

Errors name the file, the line and the field:
``DISCON.IN:56 PC_GS_KP: expected 30 numbers, got 29``.
"""
from __future__ import annotations

import shlex
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from raft_sim.design.errors import DesignError, DesignWarning
from raft_sim.design.objects import Controller, ControllerFilters

__all__ = ["DisconFile", "read_discon", "controller_from_discon", "load_discon_controller"]


@dataclass(frozen=True)
class DisconFile:
    """The parameters of a DISCON file: name -> (value tokens, line number)."""

    path: str
    entries: dict

    def where(self, name: str) -> str:
        """``file:line name`` of a field (for error messages)."""
        line = self.entries[name][1] if name in self.entries else "?"
        return f"{self.path}:{line} {name}"

    def has(self, name: str) -> bool:
        return name in self.entries

    def numbers(self, name: str, count: int | None = None) -> np.ndarray:
        """The numeric values of a field, shape (count,) when ``count`` is given."""
        if name not in self.entries:
            raise DesignError(self.where(name), "required field is missing")
        tokens = self.entries[name][0]
        try:
            values = np.array([float(t) for t in tokens], dtype=float)
        except ValueError:
            raise DesignError(self.where(name), f"expected numbers, got {' '.join(tokens)!r}") from None
        if values.size == 0 or (count is not None and values.size < count):
            want = "a number" if count in (None, 1) else f"{count} numbers"
            raise DesignError(self.where(name), f"expected {want}, got {values.size}")
        if not np.all(np.isfinite(values)):
            raise DesignError(self.where(name), "values must be finite")
        return values if count is None else values[:count]

    def number(self, name: str, default: float | None = None) -> float:
        if default is not None and name not in self.entries:
            return default
        return float(self.numbers(name, 1)[0])

    def integer(self, name: str, default: int | None = None, minimum: int = 0) -> int:
        value = self.number(name, None if default is None else float(default))
        if value != int(value) or value < minimum:
            raise DesignError(self.where(name), f"expected an integer >= {minimum}, got {value:g}")
        return int(value)


def read_discon(path) -> DisconFile:
    """Parse a DISCON file into its named fields (no interpretation).

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    DisconFile
    """
    from raft_sim.design.include import read_text  # bounded: a regular text file, MAX_FILE_BYTES
    path = Path(path)
    text = read_text(path, str(path), "DISCON file")
    entries = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("!"):
            continue
        values, bang, rest = _split_comment(stripped)
        name = rest.split()[0] if bang and rest.split() else ""
        if not name:
            raise DesignError(f"{path}:{number}", "expected '<value(s)> ! <Name> - <description>'")
        try:
            tokens = shlex.split(values, posix=True)
        except ValueError:
            raise DesignError(f"{path}:{number} {name}", "unbalanced quotes") from None
        entries[name] = (tokens, number)
    return DisconFile(str(path), entries)


def _split_comment(line: str) -> tuple[str, str, str]:
    """Split at the first ``!`` outside quotes."""
    quote = None
    for i, ch in enumerate(line):
        if ch in "\"'":
            quote = None if quote == ch else (ch if quote is None else quote)
        elif ch == "!" and quote is None:
            return line[:i], "!", line[i + 1:]
    return line, "", ""


def _notches(f: DisconFile, kind: str) -> tuple:
    """Notch filters applied to one signal: ``kind`` is ``GenSpd`` or ``TwrTop`` (ROSCO >= 2.9
    layout; the older ``F_NotchType`` layouts are not read, with a warning)."""
    if not f.has("F_NumNotchFilts"):
        if kind == "GenSpd" and f.has("F_NotchType") and f.integer("F_NotchType", 0) > 0:
            warnings.warn(f"{f.where('F_NotchType')}: notch filters in the pre-2.9 layout are not "
                          "read (no notch is applied)", DesignWarning, stacklevel=5)
        return ()
    count_key, index_key = f"F_{kind}Notch_N", f"F_{kind}Notch_Ind"
    n_total = f.integer("F_NumNotchFilts", 0)
    n_used = f.integer(count_key, 0)
    if n_used == 0:
        return ()
    freqs, nums, dens = (f.numbers(k, n_total) for k in ("F_NotchFreqs", "F_NotchBetaNum", "F_NotchBetaDen"))
    out = []
    for index in f.numbers(index_key, n_used):
        if index != int(index) or not 1 <= index <= n_total:
            raise DesignError(f.where(index_key), f"notch index {index:g} is not in 1..{n_total} (F_NumNotchFilts)")
        k = int(index) - 1
        out.append((float(freqs[k]), float(nums[k]), float(dens[k])))
    return tuple(out)


def _filters(f: DisconFile) -> ControllerFilters:
    order = f.integer("F_LPFType", 1, minimum=1)
    if order not in (1, 2):
        raise DesignError(f.where("F_LPFType"), f"expected 1 or 2, got {order}")
    corner = f.number("F_LPFCornerFreq")
    fl = f.numbers("F_FlCornerFreq", 2)
    values = {"F_LPFCornerFreq": corner, "F_FlCornerFreq": fl[0]}
    for name, value in values.items():
        if value < 0:
            raise DesignError(f.where(name), f"corner frequency must be >= 0 rad/s (0: off), got {value:g}")
    return ControllerFilters(
        speed_corner=corner, speed_order=order,
        speed_damping=f.number("F_LPFDamping") if order == 2 else 0.7,
        speed_notches=_notches(f, "GenSpd"), float_corner=float(fl[0]), float_damping=float(fl[1]),
        float_highpass=f.number("F_FlHighPassFreq"), float_notches=_notches(f, "TwrTop"))


def _floating_gain(f: DisconFile) -> float:
    mode = f.integer("Fl_Mode", 0)
    if mode == 0:
        return 0.0
    if mode != 2:
        raise DesignError(f.where("Fl_Mode"), f"Fl_Mode = {mode} (translational velocity feedback) is not "
                          "supported; raft_sim feeds back the nacelle rotation rate (Fl_Mode = 2)")
    if f.integer("Fl_n", 1, minimum=1) != 1:
        raise DesignError(f.where("Fl_n"), "a wind-speed schedule of Fl_Kp (Fl_n > 1) is not supported")
    return f.number("Fl_Kp")


def controller_from_discon(f: DisconFile) -> Controller:
    """The linearised controller's parameters from a parsed DISCON file.

    Read: ``PC_GS_n``, ``PC_GS_angles``, ``PC_GS_KP``, ``PC_GS_KI`` (zero when
    ``PC_ControlMode = 0``), ``VS_KP``, ``VS_KI`` (``VS_n = 1``), ``PC_FinePit``,
    ``F_LPFType``, ``F_LPFCornerFreq``, ``F_LPFDamping``, the notch filters on the generator
    speed and tower-top signals, ``F_FlCornerFreq``, ``F_FlHighPassFreq``, ``Fl_Mode``
    (0 or 2), ``Fl_n = 1``, ``Fl_Kp``.
    """
    n = f.integer("PC_GS_n", minimum=1)
    angles = f.numbers("PC_GS_angles", n)
    if n > 1 and np.any(np.diff(angles) <= 0):
        raise DesignError(f.where("PC_GS_angles"), "pitch angles must be strictly increasing")
    kp, ki = f.numbers("PC_GS_KP", n), f.numbers("PC_GS_KI", n)
    if f.integer("PC_ControlMode", 1) == 0:
        kp, ki = np.zeros(n), np.zeros(n)
    if f.integer("VS_n", 1, minimum=1) != 1:
        raise DesignError(f.where("VS_n"), "several torque-controller gains (VS_n > 1) are not supported")
    return Controller(gs_angles=angles, gs_kp=kp, gs_ki=ki, fl_kp=_floating_gain(f),
                      vs_kp=f.number("VS_KP"), vs_ki=f.number("VS_KI"), filters=_filters(f),
                      min_pitch=f.number("PC_FinePit"))


def load_discon_controller(path) -> Controller:
    """``controller_from_discon(read_discon(path))``."""
    return controller_from_discon(read_discon(path))

"""Reading YAML files and resolving ``include`` composition of design sections.

A section given as ``{include: other.yaml, key: value, ...}`` takes the top-level
mapping of ``other.yaml`` (path relative to the file that names it) and lets the keys
beside ``include`` replace the included ones (shallow merge). Included files may
themselves include others; a cycle or a missing file is a ``DesignError``.
"""
from __future__ import annotations

from pathlib import Path

from raft_sim.design.errors import DesignError

INCLUDABLE = ("turbine", "platform", "mooring", "site", "settings")
LISTS_OF_INCLUDABLE = ("turbines", "platforms", "moorings")


def yaml_loader():
    """The fastest available safe YAML loader class (C-accelerated when present)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, where: str = ""):
    """Parse one YAML file.

    Raises
    ------
    DesignError
        File missing or unreadable, not text, or not valid YAML; the error path is
        ``where`` when given, else the file name.
    """
    import yaml

    label = where or Path(path).name
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DesignError(label, f"file not found: {path}") from None
    except IsADirectoryError:
        raise DesignError(label, f"expected a YAML file, got a directory: {path}") from None
    except UnicodeDecodeError:
        raise DesignError(label, f"not a text (YAML) file: {path}") from None
    except OSError as exc:
        raise DesignError(label, f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return yaml.load(text, Loader=yaml_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or type(exc).__name__
        raise DesignError(label, f"invalid YAML{at}: {reason}") from None


def resolve_section(value, path: str, base_dir: Path | None, stack: tuple = ()):
    """Expand an ``include`` mapping into the section content it stands for.

    Parameters
    ----------
    value : object
        The section as written (returned unchanged unless it is a mapping with ``include``).
    path : str
        YAML path of the section, for error messages.
    base_dir : Path or None
        Folder against which a relative ``include`` path is resolved.
    stack : tuple of Path
        Files being included further up (cycle detection).
    """
    if not isinstance(value, dict) or "include" not in value:
        return value
    target = value["include"]
    where = f"{path}.include"
    if not isinstance(target, str) or not target.strip():
        raise DesignError(where, f"expected a file path, got {target!r}"[:200])
    file = Path(target)
    if not file.is_absolute():
        if base_dir is None:
            raise DesignError(where, f"relative include '{target}' needs the design's folder (load from a file or pass base_dir)")
        file = base_dir / file
    file = file.resolve()
    if file in stack:
        chain = " -> ".join(p.name for p in (*stack, file))
        raise DesignError(where, f"include cycle: {chain}")
    content = read_yaml(file, where)
    if not isinstance(content, dict):
        raise DesignError(where, f"included file {file.name} must hold a mapping at top level")
    content = resolve_section(content, path, file.parent, (*stack, file))
    merged = dict(content)
    merged.update({k: v for k, v in value.items() if k != "include"})
    return merged


def resolve_includes(data: dict, base_dir: Path | None, source: Path | None = None) -> dict:
    """Return a copy of a top-level design with every includable section expanded."""
    out = dict(data)
    stack = (source.resolve(),) if source is not None else ()
    for key in INCLUDABLE:
        if key in out:
            out[key] = resolve_section(out[key], key, base_dir, stack)
    for key in LISTS_OF_INCLUDABLE:
        if isinstance(out.get(key), list):
            out[key] = [resolve_section(v, f"{key}[{i}]", base_dir, stack) for i, v in enumerate(out[key])]
    return out

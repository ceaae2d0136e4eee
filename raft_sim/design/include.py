"""Reading YAML files and resolving ``include`` composition of design sections.

A section given as ``{include: other.yaml, key: value, ...}`` takes the top-level
mapping of ``other.yaml`` (path relative to the file that names it) and lets the keys
beside ``include`` replace the included ones (shallow merge). Included files may
themselves include others; a cycle or a missing file is a ``DesignError``.

Reading is strict and bounded (``raft_sim.design.limits``, docs/cli.md "Limits"): only
regular files up to ``MAX_FILE_BYTES``; YAML 1.2-style numbers (no octal ``0320``, sexagesimal ``1:30``,
hexadecimal, binary or ``1_000`` plain scalars: they are refused, quote them if text is
meant); duplicate keys refused; at most ``MAX_NODES`` nodes after alias expansion and
``MAX_NESTING`` levels of nesting (no self-referencing aliases); includes at most
``MAX_INCLUDE_DEPTH`` deep and inside the folder tree of the design unless
``include_anywhere`` is set.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from raft_sim.design.errors import DesignError, printable
from raft_sim.design.limits import MAX_FILE_BYTES, MAX_INCLUDE_DEPTH, MAX_NESTING, MAX_NODES

INCLUDABLE = ("turbine", "platform", "mooring", "site", "settings")
LISTS_OF_INCLUDABLE = ("turbines", "platforms", "moorings")

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$")
# Plain scalars that YAML 1.1 reads as numbers in surprising ways (octal, sexagesimal,
# hexadecimal, binary, digit separators): refused rather than guessed.
_AMBIGUOUS = re.compile(r"^[-+]?(0[0-9_]+|0[xXoObB][0-9a-fA-F_]*|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?"
                        r"|[0-9][0-9_]*_[0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?)$")
_AMBIGUOUS_TAG = "tag:raft-sim,2026:ambiguous-number"
_MAX_INT_DIGITS = 30


def _loader_class():
    """A safe YAML loader (C-accelerated when present) with strict numbers and keys."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):
        yaml_implicit_resolvers = {
            first: [(tag, rx) for tag, rx in resolvers if tag not in (
                "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
            for first, resolvers in base.yaml_implicit_resolvers.items()}

        def construct_mapping(self, node, deep=False):
            seen = {}
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value != "<<":
                    if key_node.value in seen:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"duplicate key '{printable(key_node.value)}' (first at line "
                            f"{seen[key_node.value] + 1})", key_node.start_mark)
                    seen[key_node.value] = key_node.start_mark.line
            return super().construct_mapping(node, deep=deep)

    def construct_int(loader, node):
        text = loader.construct_scalar(node)
        if len(text.lstrip("+-")) > _MAX_INT_DIGITS:
            raise yaml.constructor.ConstructorError(
                None, None, f"integer with {len(text.lstrip('+-'))} digits (at most {_MAX_INT_DIGITS})",
                node.start_mark)
        return int(text)

    def construct_float(loader, node):
        text = loader.construct_scalar(node)
        low = text.lower()
        if low.endswith("inf"):
            return float("-inf") if low.startswith("-") else float("inf")
        return float(text)

    def construct_ambiguous(loader, node):
        raise yaml.constructor.ConstructorError(
            None, None, f"ambiguous number '{printable(node.value)}' (YAML 1.1 reads it as octal, "
            "sexagesimal, hexadecimal or with digit separators); write a plain decimal, or quote it "
            "if text is meant", node.start_mark)

    digits = list("-+0123456789")
    StrictLoader.add_implicit_resolver(_AMBIGUOUS_TAG, _AMBIGUOUS, digits)
    StrictLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, digits)
    StrictLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, digits + ["."])
    StrictLoader.add_constructor("tag:yaml.org,2002:int", construct_int)
    StrictLoader.add_constructor("tag:yaml.org,2002:float", construct_float)
    StrictLoader.add_constructor(_AMBIGUOUS_TAG, construct_ambiguous)
    return StrictLoader


_LOADER = None


def yaml_loader():
    """The strict safe YAML loader class used for designs (built once)."""
    global _LOADER
    if _LOADER is None:
        _LOADER = _loader_class()
    return _LOADER


def node_budget(node, where: str) -> None:
    """Refuse a YAML node graph that is too large once aliases are expanded, too deeply
    nested, or refers to itself (``&a [*a]``).

    Iterative, memoised on node identity: a shared subtree is measured once, but counted
    as often as it is referred to.
    """
    import yaml

    if node is None:
        return
    size: dict[int, int] = {}
    active: set[int] = set()
    stack = [(node, 1, False)]
    while stack:
        current, depth, done = stack.pop()
        key = id(current)
        children = _children(current, yaml)
        if done:
            active.discard(key)
            total = 1 + sum(size[id(c)] for c in children)
            if total > MAX_NODES:
                raise DesignError(where, f"the YAML expands to more than {MAX_NODES:,} values "
                                  "(aliases repeated too often)")
            size[key] = total
            continue
        if key in size:
            continue
        if key in active:
            line = current.start_mark.line + 1
            raise DesignError(where, f"invalid YAML at line {line}: an alias refers to the node that contains it")
        if depth > MAX_NESTING:
            line = current.start_mark.line + 1
            raise DesignError(where, f"invalid YAML at line {line}: nested deeper than {MAX_NESTING} levels")
        active.add(key)
        stack.append((current, depth, True))
        for child in children:
            if id(child) in active:
                line = child.start_mark.line + 1
                raise DesignError(where, f"invalid YAML at line {line}: an alias refers to the node that contains it")
            if id(child) not in size:
                stack.append((child, depth + 1, False))


def _children(node, yaml) -> list:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def read_text(path: Path, label: str, what: str = "YAML file") -> str:
    """The text of a regular file of at most ``MAX_FILE_BYTES`` (no device, pipe or folder).

    Parameters
    ----------
    path : Path
        The file.
    label : str
        YAML path (or file name) the errors are reported at.
    what : str
        Kind of file, for the messages.
    """
    shown = printable(str(path))
    try:
        info = os.stat(path)
    except ValueError:
        raise DesignError(label, f"invalid file name (NUL byte): {shown}") from None
    except FileNotFoundError:
        raise DesignError(label, f"file not found: {shown}") from None
    except OSError as exc:
        raise DesignError(label, f"cannot read {shown}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise DesignError(label, f"expected a {what}, got a directory: {shown}")
    if not stat.S_ISREG(info.st_mode):
        raise DesignError(label, f"expected a regular {what}, got a device, pipe or socket: {shown}")
    if info.st_size > MAX_FILE_BYTES:
        raise DesignError(label, f"file of {info.st_size:,} bytes exceeds the limit of {MAX_FILE_BYTES:,}: {shown}")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DesignError(label, f"cannot read {shown}: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise DesignError(label, f"file exceeds the limit of {MAX_FILE_BYTES:,} bytes: {shown}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DesignError(label, f"not a text ({what}): {shown}") from None
    if "\x00" in text:
        raise DesignError(label, f"not a text ({what}; NUL bytes): {shown}")
    return text


def read_yaml(path: Path, where: str = ""):
    """Parse one YAML file, strictly and within the limits of this module.

    Raises
    ------
    DesignError
        File missing or unreadable, not a regular text file, too large, not valid YAML,
        ambiguous numbers, duplicate keys, or alias expansion beyond the limits; the
        error path is ``where`` when given, else the file name.
    """
    import yaml

    label = where or printable(Path(path).name)
    text = read_text(Path(path), label)
    loader = yaml_loader()(text)
    try:
        node = loader.get_single_node()
        node_budget(node, label)
        return None if node is None else loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or type(exc).__name__
        if "nesting depth" in str(reason):  # PyYAML >= 6.0.4 has a nesting limit of its own
            reason = f"nested deeper than {MAX_NESTING} levels"
        raise DesignError(label, f"invalid YAML{at}: {printable(reason)}") from None
    except RecursionError:
        raise DesignError(label, f"invalid YAML: nested deeper than {MAX_NESTING} levels") from None
    finally:
        loader.dispose()


def include_target(target, where: str, base_dir: Path | None, root: Path | None) -> Path:
    """The resolved file an ``include`` names, confined to ``root`` (None: anywhere)."""
    if not isinstance(target, str) or not target.strip():
        raise DesignError(where, f"expected a file path, got {printable(repr(target))}"[:200])
    if "\x00" in target:
        raise DesignError(where, "invalid file name (NUL byte)")
    file = Path(target)
    if not file.is_absolute():
        if base_dir is None:
            raise DesignError(where, f"relative include '{printable(target)}' needs the design's folder "
                              "(load from a file or pass base_dir)")
        file = base_dir / file
    try:
        file = file.resolve(strict=False)
    except (OSError, RuntimeError) as exc:
        raise DesignError(where, f"cannot resolve {printable(target)}: {getattr(exc, 'strerror', None) or exc}") from None
    if root is not None and not file.is_relative_to(root):
        raise DesignError(where, f"'{printable(target)}' lies outside the design's folder {printable(str(root))} "
                          "(allow it with include_anywhere=True / --include-anywhere)")
    return file


def resolve_section(value, path: str, base_dir: Path | None, stack: tuple = (), root: Path | None = None):
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
        Files being included further up (cycle detection and depth limit).
    root : Path or None
        Folder tree the included files must lie in (None: no confinement).
    """
    if not isinstance(value, dict) or "include" not in value:
        return value
    where = f"{path}.include"
    file = include_target(value["include"], where, base_dir, root)
    if file in stack:
        chain = " -> ".join(printable(p.name) for p in (*stack, file))
        raise DesignError(where, f"include cycle: {chain}")
    if len(stack) > MAX_INCLUDE_DEPTH:
        raise DesignError(where, f"includes nested deeper than {MAX_INCLUDE_DEPTH} files")
    content = read_yaml(file, where)
    if not isinstance(content, dict):
        raise DesignError(where, f"included file {printable(file.name)} must hold a mapping at top level")
    content = resolve_section(content, path, file.parent, (*stack, file), root)
    merged = dict(content)
    merged.update({k: v for k, v in value.items() if k != "include"})
    return merged


def resolve_includes(data: dict, base_dir: Path | None, source: Path | None = None,
                     include_anywhere: bool = False) -> dict:
    """Return a copy of a top-level design with every includable section expanded.

    Included files must lie in the folder tree of ``base_dir`` unless ``include_anywhere``.
    """
    out = dict(data)
    stack = (source.resolve(),) if source is not None else ()
    root = None if include_anywhere or base_dir is None else Path(base_dir).resolve()
    for key in INCLUDABLE:
        if key in out:
            out[key] = resolve_section(out[key], key, base_dir, stack, root)
    for key in LISTS_OF_INCLUDABLE:
        if isinstance(out.get(key), list):
            out[key] = [resolve_section(v, f"{key}[{i}]", base_dir, stack, root) for i, v in enumerate(out[key])]
    return out

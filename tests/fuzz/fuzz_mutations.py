"""A seeded generator of malformed and hostile designs (issue 12).

Each mutation is ``(category, description, kind, payload)``:

- kind ``"dict"``: payload is a design mapping (a mutated copy of a base design), loaded
  with ``design_from_dict``;
- kind ``"text"``: payload is the YAML text of a design file, loaded with ``load_design``
  from a temporary folder holding a copy of ``designs/`` (so includes resolve).

The bases are tests/design/tiny_design.py (with and without turbine) and the shipped
designs/ files (includes expanded). Written for these tests; nothing is copied from
elsewhere.
"""
from __future__ import annotations

import copy
import math
import random
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DESIGNS = REPO / "designs"
sys.path.insert(0, str(HERE.parent / "design"))
from tiny_design import tiny_design  # noqa: E402

HOSTILE_VALUES = [
    None, "", "rubbish", -1, 0, -0.0, 1e300, -1e300, math.nan, math.inf, -math.inf, "1e999", True, [], {},
    [1, 2, 3], [[1, 2], [3]], "١٢٣", "１２３", 10 ** 400, "a\nerror: forged\x1b[2J", "0320", "1:30", "1_000",
    {"include": "nothing.yaml"}, [None], ["x"] * 7, -1e-300, 1e-300, "NaN", "  ", 3.5, "\x00",
]
CONTROL_KEYS = ["\x1b[2Jclear", "new\nline", "tab\tkey", "\u202eevil", "shape ", "Shape"]


def base_designs() -> dict[str, dict]:
    """The base design mappings, includes of the shipped designs expanded."""
    from raft_sim.design.include import read_yaml, resolve_includes
    bases = {"tiny": tiny_design(), "tiny+turbine": tiny_design(with_turbine=True)}
    for path in sorted(DESIGNS.glob("*.yaml")):
        raw = read_yaml(path)
        bases[path.stem] = resolve_includes(raw, path.parent, path)
    return bases


def paths_of(node, prefix=(), out=None, limit=4000):
    """Every (key or index) path of a nested mapping/list, breadth first, up to ``limit``."""
    out = [] if out is None else out
    queue = [(node, prefix)]
    while queue and len(out) < limit:
        current, path = queue.pop(0)
        items = current.items() if isinstance(current, dict) else (
            enumerate(current) if isinstance(current, list) else ())
        for key, value in items:
            out.append(path + (key,))
            if isinstance(value, (dict, list)):
                queue.append((value, path + (key,)))
    return out


def get_parent(d, path):
    node = d
    for key in path[:-1]:
        node = node[key]
    return node


def dict_mutations(rng: random.Random, bases: dict[str, dict], n: int):
    """``n`` structural mutations of random entries of random bases."""
    names = sorted(bases)
    all_paths = {name: paths_of(bases[name]) for name in names}
    ops = ("value", "value", "value", "delete", "unknown_key", "wrap", "repeat", "scale")
    for i in range(n):
        name = names[i % len(names)] if i < len(names) * 4 else rng.choice(names)
        d = copy.deepcopy(bases[name])
        path = rng.choice(all_paths[name])
        parent = get_parent(d, path)
        key = path[-1]
        op = rng.choice(ops)
        where = ".".join(str(k) for k in path)
        if op == "value":
            value = rng.choice(HOSTILE_VALUES)
            parent[key] = copy.deepcopy(value)
            desc = f"{where} = {value!r}"[:120]
        elif op == "delete":
            del parent[key]
            desc = f"delete {where}"
        elif op == "unknown_key":
            target = parent[key] if isinstance(parent[key], dict) else parent
            if not isinstance(target, dict):
                target = d
            target[rng.choice(CONTROL_KEYS)] = 1
            desc = f"control-character key near {where}"
        elif op == "wrap":
            parent[key] = [parent[key]] if rng.random() < 0.5 else {"value": parent[key]}
            desc = f"wrap {where}"
        elif op == "repeat":
            value = parent[key]
            parent[key] = [copy.deepcopy(value[0]) if isinstance(value, list) and value else value] * rng.choice([0, 2, 5000])
            desc = f"repeat {where} x{len(parent[key])}"
        else:
            value = parent[key]
            factor = rng.choice([-1.0, 0.0, 10.0, 1e6, 1e-9])
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                parent[key] = value * factor
            elif isinstance(value, list) and value and all(isinstance(v, (int, float)) for v in value):
                parent[key] = [v * factor for v in value]
            else:
                parent[key] = factor
            desc = f"scale {where} x{factor:g}"
        yield f"dict:{op}", f"{name}: {desc}", "dict", d


def text_mutations(rng: random.Random, texts: dict[str, str], n: int):
    """``n`` YAML-text mutations of the base design files."""
    names = sorted(texts)
    ops = ("truncate", "ambiguous_number", "duplicate_section", "bytes", "aliases", "nesting", "indent")
    for i in range(n):
        name = rng.choice(names)
        text = texts[name]
        op = ops[i % len(ops)]
        if op == "truncate":
            cut = rng.randrange(1, len(text))
            out, desc = text[:cut], f"truncated at {cut}"
        elif op == "ambiguous_number":
            token = rng.choice(["0320", "1:30", "0x1F", "0o17", "1_000", "012", "2:00:00"])
            marker = rng.choice(["water_depth: ", "rho_water: ", "d: ", "mRNA: ", "hHub: ", "nIter: "])
            if marker not in text:
                marker = "water_depth: "
            head, _, tail = text.partition(marker)
            tail = tail.split("\n", 1)
            out = head + marker + token + ("\n" + tail[1] if len(tail) > 1 else "")
            desc = f"{marker.strip()} {token}"
        elif op == "duplicate_section":
            section = rng.choice(["platform", "site", "settings", "cases", "mooring", "turbine"])
            out, desc = text + f"\n{section}:\n  water_depth: 5\n", f"second {section}: section"
        elif op == "bytes":
            pos = rng.randrange(len(text))
            junk = rng.choice(["\x00", "\x1b[2J", "\ufeff", "\t", "\x7f", "\ud800"])
            out, desc = text[:pos] + junk + text[pos:], f"insert {junk!r} at {pos}"
        elif op == "aliases":
            if rng.random() < 0.5:
                bomb = ["lol0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
                bomb += [f"lol{k}: &l{k} [{', '.join([f'*l{k - 1}'] * 10)}]" for k in range(1, 9)]
                out, desc = "\n".join(bomb) + "\n" + text, "billion laughs"
            else:
                out, desc = text + "\ncomments: &c {again: *c}\n", "self-referencing alias"
        elif op == "nesting":
            depth = rng.choice([70, 1000, 5000])
            out, desc = text + "\ncomments: " + "[" * depth + "]" * depth + "\n", f"nesting {depth}"
        else:
            lines = text.splitlines()
            k = rng.randrange(len(lines))
            lines[k] = "   " + lines[k]
            out, desc = "\n".join(lines), f"indent line {k + 1}"
        yield f"text:{op}", f"{name}: {desc}", "text", out


def base_texts() -> dict[str, str]:
    """YAML texts of the base designs (the shipped files as written, with their includes)."""
    texts = {"tiny": yaml.safe_dump(tiny_design()), "tiny+turbine": yaml.safe_dump(tiny_design(True))}
    for path in sorted(DESIGNS.glob("*.yaml")):
        texts[path.stem] = path.read_text()
    return texts


def all_mutations(seed: int = 12, n_dict: int = 320, n_text: int = 100):
    """The whole seeded corpus (deterministic for a given seed)."""
    rng = random.Random(seed)
    yield from dict_mutations(rng, base_designs(), n_dict)
    yield from text_mutations(rng, base_texts(), n_text)

"""The documentation site's sources are consistent: every page in the MkDocs nav exists and
every figure a page shows is one that docs/make_figures.py draws (the full strict build,
``mkdocs build --strict``, is a CI step: it also checks every link)."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"


def _nav_pages(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from _nav_pages(item)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _nav_pages(value)


def test_every_nav_page_exists_and_every_page_is_in_the_nav():
    # SOURCE: MkDocs strict mode rules (a page missing from the nav or a nav entry without
    # a file are reported); checked here without building.
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    pages = list(_nav_pages(config["nav"]))
    assert all((DOCS / page).is_file() for page in pages), pages
    assert sorted(pages) == sorted(p.name for p in DOCS.glob("*.md"))


def test_figures_shown_are_drawn_by_make_figures():
    # SOURCE: issue 10: images in the docs are produced by the project's own code.
    spec = importlib.util.spec_from_file_location("make_figures", DOCS / "make_figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shown = {m for page in DOCS.glob("*.md")
             for m in re.findall(r"\]\(figures/([^)]+)\)", page.read_text())}
    assert shown and shown <= set(module.FIGURE_NAMES), shown - set(module.FIGURE_NAMES)

"""The PDF's accessibility structure, read back with pikepdf.

Jamaica's draft is built through the build API in the default (tagged) variant and in
PDF/UA-1; each must have a structure tree, a document language, a title shown in the
window title bar, headings tagged in order, figures with alternative text and tables
tagged as tables (rows of header and data cells).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# pikepdf and WeasyPrint are in the dev extra (scripts/setup.sh): missing, the module
# fails to import rather than skipping, so a broken set-up cannot pass for a green run.
import pikepdf
import pytest

from strategygen.api import build_batch
from strategygen.inputs.tailoring import Tailoring
from strategygen.resources import shipped_dir

CODE = "JAM"
BUILD_DATE = dt.date(2026, 1, 15)
HEADINGS = ("H1", "H2", "H3", "H4", "H5", "H6")


@dataclass
class Elem:
    """One structure element: its type, attributes that matter here and its children."""

    tag: str
    alt: str | None
    children: list[Elem]
    page: int | None

    def walk(self) -> Iterator[Elem]:
        """This element and its descendants in document (depth-first, pre-order) order."""
        yield self
        for child in self.children:
            yield from child.walk()


def _text(value: object) -> str | None:
    return str(value) if value is not None else None


def _read_tree(pdf: pikepdf.Pdf) -> Elem:
    pages: dict[Any, int] = {page.objgen: i + 1 for i, page in enumerate(pdf.pages)}
    seen: set[tuple[int, int]] = set()

    def convert(node: object, page: int | None) -> list[Elem]:
        if isinstance(node, pikepdf.Array):
            return [e for item in node for e in convert(item, page)]
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            return []  # marked-content ids (integers) and object references to content
        if node.is_indirect:
            if node.objgen in seen:  # a cycle would be a broken tree; do not loop on it
                return []
            seen.add(node.objgen)
        pg = node.get("/Pg")
        page = pages.get(pg.objgen, page) if pg is not None else page
        kids = convert(node.get("/K"), page) if "/K" in node else []
        alt = _text(node.get("/Alt")) or _text(node.get("/ActualText"))
        return [Elem(str(node.S).lstrip("/"), alt, kids, page)]

    root = pdf.Root.StructTreeRoot
    return Elem("StructTreeRoot", None, convert(root.get("/K"), None), None)


@dataclass
class Built:
    variant: str
    path: Path
    pdf: pikepdf.Pdf
    tree: Elem


@pytest.fixture(scope="module", params=[None, "pdf/ua-1"], ids=["tagged", "pdf-ua-1"])
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Built]:
    variant: str | None = request.param
    out = tmp_path_factory.mktemp("pdf-a11y")
    profile = shipped_dir("country_profiles") / f"{CODE}.yaml"
    [result] = build_batch(
        [profile],
        out,
        Tailoring(pdf_variant=variant),  # type: ignore[arg-type]  # str, checked on validation
        build_date=BUILD_DATE,
        formats=("pdf",),
    ).results
    assert result.error is None, result.error
    pdf_path = next(p for p in result.outputs if p.suffix == ".pdf")
    pdf = pikepdf.open(pdf_path)
    assert "/StructTreeRoot" in pdf.Root, f"{variant or 'tagged'}: no /StructTreeRoot in catalog"
    yield Built(variant or "tagged", pdf_path, pdf, _read_tree(pdf))
    pdf.close()


def test_structure_tree_and_marked(built: Built) -> None:
    root = built.pdf.Root
    mark_info = root.get("/MarkInfo")
    assert mark_info is not None and mark_info.get("/Marked") == True, (  # noqa: E712
        f"{built.variant}: catalog /MarkInfo /Marked is not true ({mark_info!r})"
    )
    tags = {e.tag for e in built.tree.walk()}
    assert "Document" in tags or "Part" in tags, f"{built.variant}: tree has no Document/Part"
    assert len(tags) > 5, f"{built.variant}: a thin structure tree: {sorted(tags)}"


def test_document_language(built: Built) -> None:
    lang = _text(built.pdf.Root.get("/Lang"))
    assert lang and re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*", lang), (
        f"{built.variant}: catalog /Lang is {lang!r}"
    )


def test_title_shown_in_window(built: Built) -> None:
    prefs = built.pdf.Root.get("/ViewerPreferences")
    assert prefs is not None and prefs.get("/DisplayDocTitle") == True, (  # noqa: E712
        f"{built.variant}: /ViewerPreferences /DisplayDocTitle is not true ({prefs!r})"
    )
    title = _text(built.pdf.docinfo.get("/Title"))
    assert title and "Jamaica" in title, f"{built.variant}: document title is {title!r}"
    if built.variant == "pdf/ua-1":
        with built.pdf.open_metadata() as xmp:
            assert "Jamaica" in (xmp.get("dc:title") or ""), "PDF/UA: no dc:title in XMP"
            assert xmp.get("pdfuaid:part") == "1", "PDF/UA: no pdfuaid:part=1 in XMP"


def test_headings_in_order(built: Built) -> None:
    levels = [(int(e.tag[1]), e.page) for e in built.tree.walk() if e.tag in HEADINGS]
    assert len(levels) >= 10, f"{built.variant}: only {len(levels)} headings tagged"
    assert levels[0][0] == 1, f"{built.variant}: the first heading is H{levels[0][0]}, not H1"
    skips = [
        f"H{prev} then H{cur} (heading #{i + 1}, page {page})"
        for i, ((prev, _), (cur, page)) in enumerate(itertools.pairwise(levels), 1)
        if cur > prev + 1
    ]
    assert not skips, f"{built.variant}: heading levels skipped downward: " + "; ".join(skips)
    assert sum(1 for lvl, _ in levels if lvl == 2) >= 12, f"{built.variant}: too few H2 (chapters)"


def test_figures_have_alternative_text(built: Built) -> None:
    figures = [e for e in built.tree.walk() if e.tag == "Figure"]
    assert len(figures) >= 2, f"{built.variant}: only {len(figures)} /Figure elements (charts)"
    missing = [f"Figure #{i + 1} (page {f.page})" for i, f in enumerate(figures) if not f.alt]
    assert not missing, f"{built.variant}: figures without /Alt: " + ", ".join(missing)
    short = [f"{f.alt!r} (page {f.page})" for f in figures if f.alt and len(f.alt.strip()) < 10]
    assert not short, f"{built.variant}: figure /Alt text too short to describe: {short}"


def test_tables_are_tagged_as_tables(built: Built) -> None:
    tables = [e for e in built.tree.walk() if e.tag == "Table"]
    assert len(tables) >= 5, f"{built.variant}: only {len(tables)} /Table elements"
    problems: list[str] = []
    for i, table in enumerate(tables, 1):
        where = f"Table #{i} (page {table.page})"
        rows = [e for e in table.walk() if e.tag == "TR"]
        if not rows and [c.tag for c in table.children] == ["Caption"]:
            # WeasyPrint tags each page's fragment of a table as its own /Table; a caption
            # left alone at the foot of a page becomes a /Table with no rows.
            following = tables[i] if i < len(tables) else None
            problems.append(
                f"{where}: only a /Caption, no /TR: the caption is stranded at the foot of "
                f"page {table.page} and its rows start on page "
                f"{following.page if following else '?'} (Table #{i + 1}); print.css should "
                "keep a table's caption with its first rows (break-after: avoid on caption)"
            )
            continue
        if not rows:
            problems.append(f"{where}: no /TR (children: {[c.tag for c in table.children]})")
            continue
        cells = [c.tag for r in rows for c in r.children]
        if "TH" not in cells:
            problems.append(f"{where}: no /TH header cell")
        if "TD" not in cells:
            problems.append(f"{where}: no /TD data cell")
        odd = sorted({t for t in cells if t not in ("TH", "TD")})
        if odd:
            problems.append(f"{where}: /TR children other than TH/TD: {odd}")
    stray = [e.tag for e in built.tree.walk() if e.tag in ("TH", "TD", "TR")]
    in_tables = sum(1 for t in tables for e in t.walk() if e.tag in ("TH", "TD", "TR"))
    if len(stray) != in_tables:
        problems.append(f"{len(stray) - in_tables} TR/TH/TD elements outside any /Table")
    assert not problems, f"{built.variant}: tables:\n  " + "\n  ".join(problems)

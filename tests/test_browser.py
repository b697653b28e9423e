"""Every shipped profile's HTML draft, opened from disk in a real browser.

Debian's Chromium (``/usr/bin/chromium``) driven by Playwright for Python; nothing is
downloaded at run time (``scripts/setup.sh`` installs both; never ``playwright install``).
axe-core's JavaScript comes from the pinned ``axe-playwright-python`` package and is
injected into the page, so the accessibility rules are the same on every machine.

Checks, per profile (the test id names the country code) and for the CDCC's regional
overview (test id ``CDCC-overview``):
- no console error and no request of any kind besides the document itself;
- every table-of-contents link scrolls its section heading into the viewport;
- every chart is visible and has an accessible name;
- the text inside every chart has enough contrast (axe cannot decide SVG text);
- no horizontal scrolling at phone width (390x844) nor at desktop width (1280x900);
- axe-core (WCAG 2.0/2.1 A and AA rules) reports no serious or critical violation;
- print emulation shows the print layout, with screen-only furniture hidden.

Set ``STRATEGYGEN_AXE_REPORT=/path/file.json`` to write axe's counts per profile (rules
and elements by impact) for before/after comparisons.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from strategygen.api import build_batch, build_region
from strategygen.resources import shipped_dir

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_BLOCKING = ("critical", "serious")
IMPACTS = ("critical", "serious", "moderate", "minor")
BUILD_DATE = dt.date(2026, 1, 15)
# Markup that is for the screen only and must not show on paper (templates/static/print.css).
SCREEN_ONLY = ".screen-only, .no-print, nav.site-nav, button"


def shipped_profiles() -> list[Path]:
    return sorted(shipped_dir("country_profiles").glob("*.yaml"))


#: The regional overview checked with the drafts (``strategygen region CDCC``).
REGION = "CDCC-overview"
CODES = [p.stem for p in shipped_profiles()] + [REGION]

# Chromium and the one Playwright of the run come from tests/conftest.py (``browser``),
# which fails (not skips) when the set-up was not run: a skipped suite hides regressions.
if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


# --- Session fixtures: the drafts (Playwright and the browser: tests/conftest.py) ---------


@pytest.fixture(scope="session")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build every shipped profile's HTML and the CDCC overview once, through the API.

    Returns code (or ``CDCC-overview``) -> file.
    """
    out = tmp_path_factory.mktemp("drafts")
    results = build_batch(shipped_profiles(), out, build_date=BUILD_DATE).results
    errors = [r.error for r in results if r.error]
    assert not errors, "some shipped profiles did not build:\n" + "\n".join(map(str, errors))
    region = build_region("CDCC", out, formats=("html",), build_date=BUILD_DATE)
    assert region.status == "built", region.error
    files = {r.outputs[0].name.split("-")[0]: r.outputs[0] for r in results if r.outputs}
    return {**files, REGION: region.outputs[0]}


@pytest.fixture(scope="session")
def axe_script() -> str:
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def axe_report() -> Iterator[dict[str, Any]]:
    """Collect axe counts per profile; written to $STRATEGYGEN_AXE_REPORT at the end."""
    report: dict[str, Any] = {}
    yield report
    target = os.environ.get("STRATEGYGEN_AXE_REPORT")
    if target and report:
        data = {
            "axe_core": report.pop("_version", None),
            "tags": AXE_TAGS,
            "profiles": dict(sorted(report.items())),
        }
        Path(target).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


# --- Opening a draft with guards -------------------------------------------------------


@dataclass
class Opened:
    """A draft open in its own context, with what the guards saw."""

    code: str
    page: Page
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [f"console error: {m}" for m in self.console_errors] + [
            f"request blocked: {u}" for u in self.requests
        ]


@pytest.fixture(scope="module", params=CODES)
def opened(
    request: pytest.FixtureRequest, browser: Browser, drafts: dict[str, Path]
) -> Iterator[Opened]:
    """One context and page per profile, shared by that profile's tests.

    The parameter is module-scoped, so pytest runs all of a country's checks in a row
    on one loaded page (loading a draft costs more than most checks). Every request is
    routed: the document itself, ``data:`` and ``about:`` go through; anything else
    (http, https, ws, any other file) is aborted and recorded. Console errors and
    uncaught page errors are recorded too.
    """
    code: str = request.param
    url = drafts[code].resolve().as_uri()
    context = browser.new_context(viewport=DESKTOP)  # type: ignore[arg-type]
    page = context.new_page()
    result = Opened(code, page)

    def guard(route: Any) -> None:
        req_url: str = route.request.url
        scheme = req_url.split(":", 1)[0].lower()
        if req_url.split("#", 1)[0] == url or scheme in ("data", "about"):
            route.continue_()
        else:
            result.requests.append(req_url)
            route.abort()

    context.route("**/*", guard)
    page.on(
        "console", lambda m: result.console_errors.append(m.text) if m.type == "error" else None
    )
    page.on("pageerror", lambda e: result.console_errors.append(f"uncaught {e}"))
    page.goto(url, wait_until="load")
    yield result
    context.close()


@pytest.fixture
def draft(opened: Opened) -> Iterator[Opened]:
    """The profile's page, reset to the screen at desktop size, scrolled to the top.

    After the test, any console error or request that the test's actions caused fails it.
    """
    page = opened.page
    # Each change re-lays out the whole document, so only undo what a test changed.
    if page.evaluate("matchMedia('print').matches"):
        page.emulate_media(media="screen")
    if page.viewport_size != DESKTOP:
        page.set_viewport_size(DESKTOP)  # type: ignore[arg-type]
    page.evaluate("window.scrollTo(0, 0)")
    before = len(opened.problems())
    yield opened
    new = opened.problems()[before:]
    assert not new, f"{opened.code}: during this test: " + "; ".join(new)


# --- The checks --------------------------------------------------------------------------


def test_loads_without_console_error_or_request(draft: Opened) -> None:
    code, page = draft.code, draft.page
    # Walk down the whole page so anything lazy would load, then let it settle.
    page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
    page.wait_for_timeout(100)
    problems = draft.problems()
    assert not problems, f"{code}: " + "; ".join(problems)


_HEADING_IN_VIEW_JS = """(href) => {
  const target = document.getElementById(decodeURIComponent(href.slice(1)));
  if (!target) return {missing: true};
  const heading = target.matches('h1, h2, h3') ? target : target.querySelector('h1, h2, h3');
  const r = (heading || target).getBoundingClientRect();
  return {
    missing: false, heading: !!heading, top: Math.round(r.top), hash: location.hash,
    inView: r.bottom > 0 && r.top < window.innerHeight,
  };
}"""


def test_toc_links_scroll_to_their_heading(draft: Opened) -> None:
    code, page = draft.code, draft.page
    links = page.locator("nav.toc a[href^='#']")
    hrefs: list[str] = links.evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert len(hrefs) >= 10, f"{code}: the table of contents has only {len(hrefs)} links"
    failures: list[str] = []
    for i, href in enumerate(hrefs):
        page.evaluate("window.scrollTo(0, 0)")
        # A real click (scrolled into view, trusted mouse events at the link's first box);
        # force skips the wait for two stable animation frames, which a static page has.
        links.nth(i).click(force=True)
        state = page.evaluate(_HEADING_IN_VIEW_JS, href)
        for _ in range(10):  # allow for smooth scrolling, should the stylesheet ask for it
            if state["missing"] or state["inView"]:
                break
            page.wait_for_timeout(100)
            state = page.evaluate(_HEADING_IN_VIEW_JS, href)
        if state["missing"]:
            failures.append(f"{href}: no element with that id")
        elif not state["heading"]:
            failures.append(f"{href}: the target has no h1/h2/h3 heading")
        elif not state["inView"]:
            failures.append(f"{href}: heading top at {state['top']}px after the click, not in view")
        elif state["hash"] != href:
            failures.append(f"{href}: location.hash is {state['hash']!r} after the click")
    assert not failures, f"{code}: table-of-contents links:\n  " + "\n  ".join(failures)


def test_charts_are_visible_with_an_accessible_name(draft: Opened) -> None:
    from playwright.sync_api import expect

    code, page = draft.code, draft.page
    charts = page.locator("figure.chart")
    svgs = page.locator("figure.chart svg[role=img]")
    assert charts.count() >= 1, f"{code}: no figure.chart in the draft"
    assert svgs.count() == charts.count(), (
        f"{code}: {charts.count()} figure.chart but {svgs.count()} svg[role=img] in them"
    )
    failures: list[str] = []
    for i in range(svgs.count()):
        svg = svgs.nth(i)
        fig = svg.evaluate("el => el.closest('figure').id || '(figure without id)'")
        svg.scroll_into_view_if_needed()
        box = svg.bounding_box()
        if not svg.is_visible() or box is None or box["width"] < 50 or box["height"] < 50:
            failures.append(f"{fig}: chart not visible (box {box})")
        try:
            expect(svg).to_have_accessible_name(re.compile(r"\w{3}"), timeout=500)
        except AssertionError:
            labelledby = svg.get_attribute("aria-labelledby")
            failures.append(f"{fig}: svg has no accessible name (aria-labelledby={labelledby!r})")
    assert not failures, f"{code}: charts:\n  " + "\n  ".join(failures)


# axe-core leaves the text inside inline SVG charts as "needs review" (it cannot find the
# background behind SVG text), so the charts get their own contrast check: each text
# against what is painted under it (WCAG 1.4.3: 4.5:1, 3:1 for large text). The contrast
# of data marks (WCAG 1.4.11) needs to know which shapes carry data, and is not checked.
_CHART_CONTRAST_JS = """(svg) => {
  const parse = (c) => {
    const m = /rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?/.exec(c || '');
    if (!m || m[4] === '0') return null;
    return [+m[1], +m[2], +m[3]];
  };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const hex = (c) => '#' + c.map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
  const pageBg = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c) return c;
    }
    return [255, 255, 255];
  };
  const chartBg = pageBg(svg);
  const shapes = 'circle, rect, polygon, path, ellipse';
  const fig = svg.closest('figure').id;
  const out = [];
  svg.scrollIntoView({block: 'center'});
  for (const t of svg.querySelectorAll('text')) {
    const r = t.getBoundingClientRect();
    if (!t.textContent.trim() || r.width === 0) continue;
    const fg = parse(getComputedStyle(t).fill);
    if (!fg) continue;
    let bg = chartBg;
    const hits = document.elementsFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    for (const h of hits) {
      if (h === t || t.contains(h)) continue;
      if (h.matches && h.matches(shapes) && svg.contains(h)) {
        const c = parse(getComputedStyle(h).fill);
        if (c) { bg = c; break; }
        continue;
      }
      break;
    }
    const px = r.height / 1.2;
    const bold = parseInt(getComputedStyle(t).fontWeight, 10) >= 700;
    const need = (px >= 24 || (bold && px >= 18.66)) ? 3 : 4.5;
    const got = ratio(fg, bg);
    if (got < need) {
      out.push(`${fig}: text "${t.textContent.trim().slice(0, 30)}" ${hex(fg)} on ${hex(bg)} ` +
               `is ${got.toFixed(2)}:1, needs ${need}:1`);
    }
  }
  return out;
}"""


def test_chart_text_has_enough_contrast(draft: Opened) -> None:
    code, page = draft.code, draft.page
    problems: list[str] = []
    svgs = page.locator("figure.chart svg[role=img]")
    for i in range(svgs.count()):
        problems += svgs.nth(i).evaluate(_CHART_CONTRAST_JS)
    shown = problems[:12] + ([f"... and {len(problems) - 12} more"] if len(problems) > 12 else [])
    assert not problems, f"{code}: chart text contrast (WCAG 1.4.3):\n  " + "\n  ".join(shown)


_OVERFLOW_JS = """() => {
  const w = window.innerWidth;
  const doc = document.scrollingElement;
  const out = {scrollWidth: doc.scrollWidth, innerWidth: w, culprits: [], count: 0};
  if (doc.scrollWidth <= w) return out;
  const over = (el) => el.getBoundingClientRect().right > w + 0.5;
  // An element inside a scrolling box (overflow-x other than visible) cannot widen the page.
  const contained = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  const name = (el) => {
    let s = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    const cap = el.querySelector(':scope > caption, :scope > figcaption');
    if (cap) s += ' "' + cap.textContent.trim().replace(/\\s+/g, ' ').slice(0, 50) + '"';
    const sec = el.closest('section[id]');
    if (sec && sec !== el) s += ' in #' + sec.id;
    return s + ' (' + Math.round(el.getBoundingClientRect().width) + 'px wide)';
  };
  // The outermost offenders: too wide themselves while their parent is not.
  for (const el of document.body.querySelectorAll('*')) {
    if (over(el) && !over(el.parentElement) && !contained(el)) {
      out.count += 1;
      if (out.culprits.length < 6) out.culprits.push(name(el));
    }
  }
  return out;
}"""


def test_no_horizontal_scrolling_on_phone_and_desktop(draft: Opened) -> None:
    code, page = draft.code, draft.page
    failures: list[str] = []
    for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)  # type: ignore[arg-type]
        page.wait_for_timeout(50)
        m = page.evaluate(_OVERFLOW_JS)
        if m["scrollWidth"] > m["innerWidth"]:
            failures.append(
                f"{name} {size['width']}x{size['height']}: page is {m['scrollWidth']}px wide "
                f"in a {m['innerWidth']}px window; {m['count']} element(s) too wide, first: "
                + ("; ".join(m["culprits"]) or "?")
            )
    assert not failures, f"{code}: horizontal scrolling:\n  " + "\n  ".join(failures)


def _axe_summary(results: dict[str, Any]) -> dict[str, Any]:
    rules = {k: 0 for k in IMPACTS}
    nodes = {k: 0 for k in IMPACTS}
    for v in results["violations"]:
        impact = v.get("impact") or "minor"
        rules[impact] += 1
        nodes[impact] += len(v["nodes"])
    return {
        "violations_by_impact": rules,
        "elements_by_impact": nodes,
        # Rules axe could not decide (e.g. contrast of SVG chart text): for a person to review.
        "needs_review": sorted(v["id"] for v in results.get("incomplete", [])),
        "rules": sorted(
            f"{v['id']} ({v['impact']}, {len(v['nodes'])})" for v in results["violations"]
        ),
    }


def _describe_violation(code: str, v: dict[str, Any]) -> str:
    lines = [f"{code}: {v['id']} ({v['impact']}) on {len(v['nodes'])} element(s): {v['help']}"]
    for node in v["nodes"][:5]:
        target = " ".join(map(str, node.get("target", [])))
        summary = " ".join((node.get("failureSummary") or "").split())
        lines.append(f"    {target}: {summary[:220]}")
    if len(v["nodes"]) > 5:
        lines.append(f"    ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


def test_axe_reports_no_serious_or_critical_violation(
    draft: Opened,
    axe_script: str,
    axe_report: dict[str, Any],
) -> None:
    code, page = draft.code, draft.page
    page.evaluate(axe_script)
    results: dict[str, Any] = page.evaluate(
        """(tags) => axe.run(document, {
              runOnly: {type: 'tag', values: tags},
              resultTypes: ['violations'],
           })""",
        AXE_TAGS,
    )
    axe_report["_version"] = results.get("testEngine", {}).get("version")
    axe_report[code] = _axe_summary(results)
    blocking = [v for v in results["violations"] if v.get("impact") in AXE_BLOCKING]
    assert not blocking, (
        f"{code}: axe-core {axe_report['_version']} found {len(blocking)} serious/critical "
        "rule violation(s):\n" + "\n".join(_describe_violation(code, v) for v in blocking)
    )


def test_print_emulation_shows_print_layout(draft: Opened) -> None:
    code, page = draft.code, draft.page
    running = page.locator(".running-title")
    assert running.count() == 1, f"{code}: expected one .running-title, got {running.count()}"
    screen_display = running.evaluate("el => getComputedStyle(el).display")
    assert screen_display == "none", f"{code}: .running-title shows on screen ({screen_display})"

    page.emulate_media(media="print")
    assert page.evaluate("matchMedia('print').matches"), f"{code}: print media not emulated"
    print_display = running.evaluate("el => getComputedStyle(el).display")
    assert print_display != "none", (
        f"{code}: print stylesheet not applied (.running-title display is {print_display!r})"
    )
    shown = page.evaluate(
        """(sel) => [...document.querySelectorAll(sel)]
              .filter(el => getComputedStyle(el).display !== 'none')
              .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                         + [...el.classList].map(c => '.' + c).join(''))""",
        SCREEN_ONLY,
    )
    assert not shown, f"{code}: screen-only elements still displayed in print: {shown[:10]}"
    # The table of contents stays on paper (it is the document's, not the site's, navigation).
    assert page.locator("nav.toc").evaluate("el => getComputedStyle(el).display") != "none"

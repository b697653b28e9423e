"""Templates are untrusted code: plain data only, files confined, no external reference, bounded.

Issue 11, items 1-4 and 14: the sandbox exposes only data (no method that parses, loads,
copies or validates is reachable from any template global), templates and stylesheets
cannot lead out of their folder, a document that would make a request is refused, template
errors name the template and line, and narrative Markdown has size and time limits.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from strategygen.assess.run import assess
from strategygen.errors import RenderError, TemplateError
from strategygen.inputs.loader import load_profile
from strategygen.inputs.tailoring import Tailoring
from strategygen.render import narrative, offline, sandbox
from strategygen.render.environment import cached_environment
from strategygen.render.html import render_document
from strategygen.render.offline import find_external_refs
from strategygen.render.plain import SCALARS, Day, FrozenMap, PlainMethod, Record
from strategygen.resources import shipped_dir

DATE = dt.date(2025, 6, 1)
# Rendering only the cover and one chapter keeps each hostile template fast.
ONE = ("vision",)


@pytest.fixture(scope="module")
def jam() -> Any:
    profile = load_profile(shipped_dir("country_profiles") / "JAM.yaml")
    return assess(profile, DATE)


def _override(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _vision(tmp_path: Path, jam: Any, body: str) -> str:
    folder = _override(tmp_path / "ov", {"sections/vision.html": body})
    return render_document(jam, tailoring=Tailoring(templates=(folder,), sections=ONE))


# --- 1. plain, read-only data ------------------------------------------------------------

# A callable whose name says it parses, loads, copies, validates, serialises or builds
# objects (pydantic's parse_file, parse_raw, copy, construct, validate, json, dict,
# schema...; pickle's __reduce__; date.fromisoformat; dict.fromkeys).
FORBIDDEN = re.compile(
    r"parse|load|copy|valid|construct|json|dict|schema|pickle|reduce|dump|from|rebuild|"
    r"eval|exec|compile|import|open|read|write|update|setattr|delattr|fields",
    re.IGNORECASE,
)
JINJA_HELPERS = {"range", "dict", "lipsum", "cycler", "joiner", "namespace"}
# The i18n extension's gettext functions ({% trans %} and _() call them): they take a
# message and return its translation, nothing else.
I18N_HELPERS = {"_", "gettext", "ngettext", "pgettext", "npgettext"}


def _reachable(env: Any, roots: Mapping[str, Any]) -> tuple[list[str], list[tuple[str, Any]]]:
    """Walk every attribute path the sandbox allows from ``roots``.

    Returns the paths of reachable callables and every (path, value) visited.
    """
    callables: list[str] = []
    visited: list[tuple[str, Any]] = []
    seen: set[int] = set()
    scalar_types_done: set[type] = set()
    stack = list(roots.items())
    while stack:
        path, obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        visited.append((path, obj))
        if isinstance(obj, Mapping):
            stack += [(f"{path}[{k!r}]", v) for k, v in obj.items()]
        elif isinstance(obj, (tuple, list)):
            stack += [(f"{path}[{i}]", v) for i, v in enumerate(obj)]
        if isinstance(obj, SCALARS):
            if type(obj) in scalar_types_done:
                continue  # every str has the same methods: check them once per type
            scalar_types_done.add(type(obj))
        for attr in dir(obj):
            try:
                value = getattr(obj, attr)
            except Exception:
                continue
            # As jinja2.sandbox.SandboxedEnvironment.getattr does: str.format is replaced
            # by a sandboxed formatter, anything else must pass is_safe_attribute.
            wrapped = env.wrap_str_format(value)
            if wrapped is None and not env.is_safe_attribute(obj, attr, value):
                continue
            if callable(value):
                callables.append(f"{path}.{attr}")
                if isinstance(value, type):
                    stack.append((f"{path}.{attr}", value))
            elif not isinstance(obj, SCALARS):
                stack.append((f"{path}.{attr}", value))
    return callables, visited


def test_no_template_global_reaches_a_parse_load_copy_or_validate_method(jam: Any) -> None:
    render_document(jam, tailoring=Tailoring(sections=ONE))
    env = cached_environment(())
    roots = dict(env.globals)
    callables, visited = _reachable(env, roots)
    paths = {p for p, _ in visited}
    # The walk really went through the data: a deep field, a mapping and a list item.
    assert "p.identity" in paths or "a.profile.identity" in paths
    assert any(p.startswith("sources[") for p in paths)
    # (The fired rules are reached through whichever list of the assessment the walk meets
    # first: a.fired, a.priorities, a.pillars[...].actions or a.results[...].outputs.)
    rule_lists = ("a.fired[", "a.priorities[", ".actions[", ".outputs[")
    assert any(p.startswith("a.") and any(r in p for r in rule_lists) for p in paths)
    assert len(visited) > 1000
    bad = [c for c in callables if FORBIDDEN.search(c.rsplit(".", 1)[-1])]
    assert not bad, f"templates can reach: {bad[:20]}"
    helpers = {name for name, value in roots.items() if callable(value)}
    assert helpers <= JINJA_HELPERS | I18N_HELPERS


def test_template_data_is_plain_and_read_only(jam: Any) -> None:
    render_document(jam, tailoring=Tailoring(sections=ONE))
    env = cached_environment(())
    data = {k: v for k, v in env.globals.items() if k not in JINJA_HELPERS | I18N_HELPERS}
    _, visited = _reachable(env, data)
    plain = (*SCALARS, Record, FrozenMap, tuple, Day, PlainMethod)
    wrong = [(p, type(v).__name__) for p, v in visited if not isinstance(v, plain)]
    assert not wrong, wrong[:10]
    # Without the sandbox, the frozen types themselves offer no method but these.
    allowed = {"get", "keys", "values", "items", "index", "count", "isoformat", "strftime"}
    for path, value in visited:
        if isinstance(value, SCALARS):
            continue
        methods = {
            a
            for a in dir(value)
            if not a.startswith("_")
            and callable(getattr(value, a))
            and not isinstance(getattr(value, a), PlainMethod)  # checked by name above
        }
        assert methods <= allowed, (path, methods - allowed)
    profile = env.globals["p"]
    assert profile is env.globals["a"].profile
    with pytest.raises(AttributeError):
        profile.identity.name = "changed"


@pytest.mark.parametrize(
    "expression",
    [
        "p.parse_raw('{}')",
        "p.parse_file('/etc/passwd')",
        "p.copy()",
        "p.json()",
        "p.dict()",
        "p.construct()",
        "p.validate({})",
        "p.schema_json()",
        "p.model_copy()",
        "(p|attr('parse_obj'))({})",
        "p['copy']()",
        "a.profile.identity.copy()",
        "meta.build_date.fromisoformat('2020-01-01')",
        "sources.copy()",
        "dict.fromkeys([1])",
        "''.__class__.__mro__",
        "p.__reduce_ex__(2)",
        "cycler.__init__",
    ],
)
def test_model_and_pickle_methods_are_out_of_reach(
    tmp_path: Path, jam: Any, expression: str
) -> None:
    with pytest.raises(TemplateError) as info:
        _vision(tmp_path, jam, f"<p>\n{{{{ {expression} }}}}</p>\n")
    assert re.match(r".*ov/sections/vision\.html:2: ", str(info.value)), str(info.value)


# --- 2. templates and assets stay inside their folder -----------------------------------


def test_symlinked_template_to_a_file_outside_is_refused(tmp_path: Path, jam: Any) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    folder = _override(tmp_path / "ov", {"sections/vision.html": "{% include 'leak.html' %}\n"})
    (folder / "leak.html").symlink_to(secret)
    with pytest.raises(TemplateError) as info:
        render_document(jam, tailoring=Tailoring(templates=(folder,), sections=ONE))
    message = str(info.value)
    assert "leak.html" in message and "outside its folder" in message
    assert "TOP SECRET" not in message


def test_symlinked_section_template_is_refused(tmp_path: Path, jam: Any) -> None:
    folder = tmp_path / "ov"
    (folder / "sections").mkdir(parents=True)
    (folder / "sections" / "vision.html").symlink_to("/etc/hostname")
    with pytest.raises(TemplateError, match=r"vision\.html.*outside its folder"):
        render_document(jam, tailoring=Tailoring(templates=(folder,), sections=ONE))


def test_symlink_inside_the_folder_is_fine(tmp_path: Path, jam: Any) -> None:
    folder = _override(tmp_path / "ov", {"parts/v.html": "<p id='x'>inside</p>\n"})
    (folder / "sections").mkdir()
    (folder / "sections" / "vision.html").symlink_to(folder / "parts" / "v.html")
    html = render_document(jam, tailoring=Tailoring(templates=(folder,), sections=ONE))
    assert "<p id='x'>inside</p>" in html


def test_symlinked_stylesheet_and_static_folder_are_refused(tmp_path: Path, jam: Any) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "screen.css").write_text("body { color: red }", encoding="utf-8")
    folder = tmp_path / "ov"
    (folder / "static").mkdir(parents=True)
    (folder / "static" / "screen.css").symlink_to(outside / "screen.css")
    with pytest.raises(TemplateError, match=r"screen\.css.*outside its folder"):
        render_document(jam, tailoring=Tailoring(templates=(folder,), sections=ONE))
    (folder / "static" / "screen.css").unlink()
    (folder / "static").rmdir()
    (folder / "static").symlink_to(outside)
    with pytest.raises(TemplateError, match=r"static.*outside its folder"):
        render_document(jam, tailoring=Tailoring(templates=(folder,), sections=ONE))


def test_fifo_or_folder_as_template_is_named_not_read(tmp_path: Path, jam: Any) -> None:
    folder = tmp_path / "ov"
    (folder / "sections").mkdir(parents=True)
    os.mkfifo(folder / "sections" / "vision.html")
    with pytest.raises(TemplateError, match=r"vision\.html:0:0: cannot read file: it is a FIFO"):
        render_document(jam, tailoring=Tailoring(templates=(folder,), sections=ONE))
    (folder / "sections" / "vision.html").unlink()
    (folder / "sections" / "vision.html").mkdir()
    with pytest.raises(TemplateError, match=r"vision\.html:0:0: cannot read file: it is a folder"):
        render_document(jam, tailoring=Tailoring(templates=(folder,), sections=ONE))


# --- 3. no external reference of any kind ------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "where"),
    [
        ('<img src="http://127.0.0.1:9/x.png" alt="">', "<img src>"),
        ('<img alt="" srcset="https://example.org/a.png 2x">', "<img srcset>"),
        ('<link rel="stylesheet" href="https://example.org/a.css">', "<link href>"),
        ('<script src="https://example.org/a.js"></script>', "<script>"),
        ("<style>@import 'https://example.org/a.css';</style>", "<style> @import"),
        ("<style>p { background: url(//example.org/a.png) }</style>", "<style> url()"),
        ("<style>p { background: \\75 rl(http://example.org/a.png) }</style>", "url()"),
        ('<p style="background-image: url(x.png)">x</p>', "<p style> url()"),
        ('<svg><image href="http://example.org/a.png"/></svg>', "<image href>"),
        ('<a href="https://example.org/" ping="http://example.org/p">x</a>', "<a ping>"),
        ('<img src="data:image/png;base64,AA" onerror="fetch(1)" alt="">', "<img onerror>"),
        ('<meta http-equiv="refresh" content="0;url=http://example.org/">', "<meta http-equiv>"),
        ('<iframe srcdoc="x"></iframe>', "<iframe>"),
        ('<object data="x.svg"></object>', "<object>"),
        ('<video poster="http://example.org/p.png"></video>', "<video poster>"),
    ],
)
def test_external_reference_in_a_template_fails_the_document(
    tmp_path: Path, jam: Any, markup: str, where: str
) -> None:
    with pytest.raises(TemplateError) as info:
        _vision(tmp_path, jam, f"<section>\n  {markup}\n</section>\n")
    message = str(info.value)
    assert where in message
    # Located in the template that holds it, when the address is written there.
    if "\\75" not in markup and "event" not in message and "runs script" not in message:
        assert re.search(r"ov/sections/vision\.html:2:\d+: ", message), message


def test_external_reference_in_a_stylesheet_is_located(tmp_path: Path, jam: Any) -> None:
    folder = _override(
        tmp_path / "ov",
        {"static/print.css": "@page { size: A4 }\nbody { background: url('https://x.test/b') }\n"},
    )
    with pytest.raises(TemplateError) as info:
        render_document(jam, tailoring=Tailoring(templates=(folder,), sections=ONE))
    assert re.search(r"ov/static/print\.css:2:\d+: <style> url\(\): ", str(info.value))


def test_links_a_reader_clicks_and_local_references_are_allowed() -> None:
    html = (
        '<a href="https://example.org/">cited</a><a href="mailto:a@b.c">m</a>'
        '<a href="#sec-vision">x</a><img src="data:image/png;base64,AA" alt="">'
        '<svg><rect fill="url(#p)"/><use href="#m"/></svg>'
        "<style>p { fill: url(#x); background: url(data:image/png;base64,AA) }</style>"
    )
    assert find_external_refs(html) == []
    assert find_external_refs('<a href="../../JAM/JAM-strategy.html">Jamaica</a>') == []
    for link in ("javascript:fetch(1)", "file:///etc/passwd", "//example.org/x", "smb://h/s"):
        assert find_external_refs(f'<a href="{link}">x</a>'), link


def test_shipped_documents_have_no_external_reference(jam: Any) -> None:
    html = render_document(jam)
    assert find_external_refs(html) == []
    # The quick scan proves a shipped document clean by itself (the full parse is skipped).
    assert offline._SCAN_MATCHES_PARSER
    assert offline._nothing_to_find(html)


_HOSTILE_SNIPPETS = (
    '<img src="http://x">', "<IMG SRC=http://x>", '<a href="javascript:x">', "<a onclick=x>",
    '<div ONmouseover="a">', '<style>@import "x";</style>',
    "<style >p{background:url(http://x)}</style >", "<STYLE>a{b:u\\72l(http://x)}</STYLE>",
    '<svg><image xlink:href="http://x"/></svg>', '<set attributeName="href" to="x"/>',
    '<meta http-equiv="refresh" content="0;url=http://x">', '<link href="http://x">',
    '<p style="background:url(&#104;ttp://x)">', "<object data=x>", "<base href=x>",
    "<script>", "<iframe/src=x>", '<a href=" http://x">', "<video poster=x>",
    "<form action=x>", "<a/onclick=x>", "<a href='#x'onclick=y>", '<p\tstyle="a:url(x)">',
    '<a href="&#x6a;avascript:x">', "<img src=x", '<div title="<img src=x>">',
    "<style/>p{}<img src=x>", "<p style=a:url(x)>",
)  # fmt: skip


def test_quick_scan_never_clears_what_the_parser_refuses(jam: Any) -> None:
    # The quick scan may only say "clean" when the full parse finds nothing: each hostile
    # snippet, put at random places in a real document (and mangled now and then), must
    # send the document to the full parse whenever that parse reports something.
    html = render_document(jam, tailoring=Tailoring(sections=ONE))
    rng = random.Random(10)
    for trial in range(150):
        text = html
        for _ in range(rng.randint(1, 2)):
            at = text.find("<", rng.randrange(len(text)))
            snippet = rng.choice(_HOSTILE_SNIPPETS)
            if trial % 3 == 0:
                cut = rng.randrange(len(snippet))
                extra = rng.choice(['"', "'", "<", ">", "/", " ", "<!--"])
                snippet = snippet[:cut] + extra + snippet[cut:]
            text = text[:at] + snippet + text[at:]
        finder = offline._Finder(text)
        finder.feed(text)
        finder.close()
        if finder.found:
            assert not offline._nothing_to_find(text), text[at - 40 : at + 80]
            assert find_external_refs(text) == finder.found


# --- 4. template errors name the template and line, never the profile --------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{% for i in range(10**9) %}{% endfor %}", "Range too big"),
        ("{{ 10 ** 100000000 }}", "exponent"),
        ("{{ 'x' * 10**9 }}", "too large"),
        ("{{ 'x' | center(10**9) }}", "too large"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "recursion"),
        ("{{ 1 / 0 }}", "division by zero"),
        ("{{ p.identity.name.nope.deeper }}", "has no attribute 'nope'"),
    ],
)
def test_runaway_or_failing_template_is_named_with_its_line(
    tmp_path: Path, jam: Any, body: str, message: str
) -> None:
    with pytest.raises(TemplateError) as info:
        _vision(tmp_path, jam, f"<section>\n<p>{body}</p>\n</section>\n")
    text = str(info.value)
    assert re.match(r".*ov/sections/vision\.html:2: ", text), text
    assert message in text
    assert "JAM" not in text and "internal error" not in text


def test_endless_template_is_stopped_by_the_time_limit(
    tmp_path: Path, jam: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.5)
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    body = f"<p>\n{loop}</p>\n"
    with pytest.raises(TemplateError) as info:
        _vision(tmp_path, jam, body)
    assert re.match(
        r".*ov/sections/vision\.html:2: the templates ran for more than 0.5 s", str(info.value)
    )


# --- 14. narrative Markdown is bounded ---------------------------------------------------


def test_quadratic_markdown_is_stopped_naming_the_section(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(narrative, "MAX_SECONDS", 0.3)
    with pytest.raises(
        RenderError, match=r"^narrative\.vision: the Markdown took more than 0\.3 s"
    ):
        narrative.render_markdown("[" * 20000, section_id="vision")


def test_oversized_markdown_is_refused_naming_the_section() -> None:
    with pytest.raises(RenderError, match=r"^narrative\.risks: the Markdown is 20001 characters"):
        narrative.render_markdown("a" * 20001, section_id="risks")


# --- the regional overview gets the same treatment ---------------------------------------


@pytest.fixture(scope="module")
def small_region() -> Any:
    from strategygen.assess.region.group import resolve_group
    from strategygen.assess.region.run import assess_region
    from strategygen.assess.run import rule_library

    group = resolve_group("JAM,TTO")
    profiles = {c: load_profile(p) for c, p in group.profiles.items()}
    return assess_region(group, profiles, DATE, rules=rule_library())


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<section>\n<img src="https://example.org/r.png" alt=""></section>\n', "<img src>"),
        ("<p>\n{{ r.members[0].__class__ }}</p>\n", "region/sections/summary.html:2: "),
        ("<p>\n{{ meta.build_date.fromisoformat('2020-01-01') }}</p>\n", "summary.html:2: "),
    ],
)
def test_region_overview_templates_get_plain_data_and_no_external_reference(
    tmp_path: Path, small_region: Any, body: str, expected: str
) -> None:
    from strategygen.render.region_html import render_region

    folder = _override(tmp_path / "ov", {"region/sections/summary.html": body})
    with pytest.raises(TemplateError) as info:
        render_region(small_region, tailoring=Tailoring(templates=(folder,)))
    assert expected in str(info.value)

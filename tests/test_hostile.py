"""Hostile and faulty inputs, end to end: profiles, themes, rules, project files, templates.

Each case builds through the real build plan and batch (in this process, so that an audit
hook sees every file the build opens) and asserts, whatever the input:

- a clear, located error (``file:line:col`` or ``template:line``, no traceback, no
  "internal error"), or inert output (the hostile text printed as text);
- no file read outside the folders the build may use (a canary folder beside them is
  never opened, and its secret appears in no output and no message);
- no network request: a loopback listener counts connections, and must count zero,
  including when every inert document is opened in Chromium at the end;
- no partial or mixed outputs (no temporaries, every manifest true to the files on disk);
- no process left running.

``CASES`` lists every case with what it checks; ``pytest -v tests/test_hostile.py`` prints
one line per case with its outcome.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from strategygen.build.batch import run_batch
from strategygen.build.document import BuildJob
from strategygen.build.plan import resolve_plan
from strategygen.errors import StrategygenError
from strategygen.inputs.tailoring import Tailoring
from strategygen.render import narrative
from strategygen.resources import shipped_dir

SECRET = "CANARY-5f1d2c-DO-NOT-READ"
PROFILES = shipped_dir("country_profiles")
BASE = (PROFILES / "AIA.yaml").read_text(encoding="utf-8")
# Only the cover and three chapters: enough to print every hostile value, and fast.
SECTIONS = ("vision", "risks", "annex_sources")
RULE_SECTIONS = ("policy_framework",)  # where findings are printed
LOCATED = re.compile(r"(^|\s)\S+:\d+(:\d+)?: ", re.M)
BUILT: list[Path] = []  # inert documents, opened in the browser by the last test


# --- the loopback listener, the audit hook and the environment ---------------------------


class Listener:
    """A TCP listener on 127.0.0.1 that counts every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.hits: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            conn.settimeout(1)
            try:
                self.hits.append(conn.recv(200))
            except OSError:
                self.hits.append(b"")
            conn.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


_OPENED: list[str] | None = None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "open" and _OPENED is not None and isinstance(args[0], (str, bytes, Path)):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


@dataclass
class Env:
    """One case's folders: where inputs go, the canary folder beside them, the output."""

    root: Path
    outside: Path
    out: Path
    url: str

    def profile(self, text: str, name: str = "AIA.yaml") -> Path:
        path = self.root / name
        path.write_text(text, encoding="utf-8")
        return path

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def templates(self, files: dict[str, str]) -> Tailoring:
        for rel, text in files.items():
            self.write(f"ov/{rel}", text)
        return Tailoring(templates=(self.root / "ov",), sections=SECTIONS)


@dataclass
class Run:
    """What a case gives the harness: profiles, settings, and what to expect."""

    profiles: list[Path]
    tailoring: Tailoring = field(default_factory=lambda: Tailoring(sections=SECTIONS))
    project: Path | None = None
    formats: tuple[str, ...] = ("html",)
    jobs: int = 1


@dataclass(frozen=True)
class Case:
    """One hostile input: who sends it, what it is, and the expected outcome."""

    id: str
    input: str  # profile, theme, rules, project or template
    what: str
    setup: Callable[[Env], Run]
    error: str | None = None  # a regular expression the located error must match
    inert: Callable[[str], bool] | None = None  # a check on the built HTML


def with_name(text: str) -> str:
    return BASE.replace('  name: "Anguilla"', f"  name: {text}")


def with_narrative(markdown: str) -> str:
    block = json.dumps(markdown)
    return BASE.replace("# narrative:", f"narrative:\n  vision: {{mode: extend, text: {block}}}\n#")


def theme(env: Env, body: str, files: dict[str, str | bytes] | None = None) -> Run:
    env.write("theme/theme.yaml", body)
    for rel, data in (files or {}).items():
        env.write(f"theme/{rel}", data)
    return Run(
        [PROFILES / "AIA.yaml"],
        Tailoring(theme=env.root / "theme" / "theme.yaml", sections=SECTIONS),
    )


def rules(env: Env, body: str, name: str = "r.yaml") -> Run:
    env.write(f"rules/{name}", body)
    return Run(
        [PROFILES / "AIA.yaml"], Tailoring(rules=(env.root / "rules",), sections=RULE_SECTIONS)
    )


def project(env: Env, body: str) -> Run:
    return Run([PROFILES / "AIA.yaml"], project=env.write("strategygen.toml", body))


def template(env: Env, body: str, name: str = "sections/vision.html", **run: Any) -> Run:
    return Run([PROFILES / "AIA.yaml"], env.templates({name: body}), **run)


def static_link_out(env: Env) -> Run:
    tailoring = env.templates({"sections/risks.html": "<p>x</p>\n"})
    (env.outside / "screen.css").write_text(f"/* {SECRET} */")
    (env.root / "ov" / "static").symlink_to(env.outside)
    return Run([PROFILES / "AIA.yaml"], tailoring)


def fifo(env: Env, rel: str) -> Path:
    path = env.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def link_out(env: Env, rel: str, target: str = "secret.txt") -> Path:
    path = env.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(env.outside / target)
    return path


SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
RULE = """rules:
  - id: HOSTILE-1
    area: strategy
    pillar: enablers
    when: {{fact: readiness.covered, op: eq, value: false}}
    finding: {finding}
    recommendation: Act.
    priority: high
    horizon: short
    evidence: test
"""


# --- the cases -------------------------------------------------------------------------

CASES: list[Case] = [
    # Profiles.
    Case("P01", "profile", "Jinja syntax in the country name is printed, never run",
         lambda e: Run([e.profile(with_name('"Evil {{ 7*7 }} {% include \'/etc/passwd\' %}"'))]),
         inert=lambda h: "Evil {{ 7*7 }} {% include &#39;/etc/passwd&#39; %}" in h and "Evil 49" not in h),
    Case("P02", "profile", "a <script> that fetches, in the name, is escaped",
         lambda e: Run([e.profile(with_name(json.dumps(f"<script>fetch('{e.url}/n')</script>")))]),
         inert=lambda h: "&lt;script&gt;fetch(" in h and "<script>" not in h),
    Case("P03", "profile", "a remote image in narrative Markdown is removed",
         lambda e: Run([e.profile(with_narrative(f"Text ![x]({e.url}/img.png) end."))]),
         inert=lambda h: "Text" in h and "img.png" not in h),
    Case("P04", "profile", "raw HTML in narrative (img onerror, iframe, link, style @import) is sanitised",
         lambda e: Run([e.profile(with_narrative(
             f'<img src="{e.url}/a" onerror="fetch(1)"><iframe src="{e.url}/b"></iframe>'
             f'<link rel="stylesheet" href="{e.url}/c"><style>@import url({e.url}/d);</style>ok'))]),
         inert=lambda h: e_port_absent(h) and "onerror" not in h and "<iframe" not in h),
    Case("P05", "profile", "a file: image pointing at the canary is removed, never read",
         lambda e: Run([e.profile(with_narrative(f"![s](file://{e.outside}/secret.txt) after"))]),
         inert=lambda h: "after" in h and "secret.txt" not in h),
    Case("P06", "profile", "a javascript: link in narrative is dropped",
         lambda e: Run([e.profile(with_narrative(f"[click](javascript:fetch('{e.url}/j')) x"))]),
         inert=lambda h: "javascript:" not in h),
    Case("P07", "profile", "quadratic Markdown (20,000 '[') stops with the section named",
         lambda e: Run([e.profile(with_narrative("[" * 20000))]),
         error=r"AIA\.yaml:\d+:\d+: narrative\.vision: the Markdown took more than"),
    Case("P08", "profile", "a source URL on the loopback is printed as a link, never fetched",
         lambda e: Run([e.profile(BASE.replace("https://github.com/mledoze/countries", f"{e.url}/source"))],
                       formats=("html", "pdf")),
         inert=lambda h: "/source" in h),
    Case("P09", "profile", "a !!python/object tag is refused before anything runs",
         lambda e: Run([e.profile(BASE.replace("sids: true", f"sids: !!python/object/apply:os.system ['touch {e.root}/pwned']"))]),
         error=r"AIA\.yaml:\d+:\d+: .*tag !!python/object/apply:os\.system is not allowed"),
    Case("P10", "profile", "a YAML alias bomb is refused",
         lambda e: Run([e.profile(BASE.replace("context: {}", "context: {}\nx: &a [1, 1]\ny: [*a, *a, *a]"))]),
         error=r"AIA\.yaml:\d+:\d+: YAML aliases"),
    Case("P11", "profile", "nesting 60 levels deep is refused",
         lambda e: Run([e.profile(BASE.replace("context: {}", "context: " + "[" * 60 + "]" * 60))]),
         error=r"AIA\.yaml:\d+:\d+: nesting is deeper than"),
    Case("P12", "profile", "a duplicate key is refused (YAML would keep the last)",
         lambda e: Run([e.profile(BASE.replace('  iso2: "AI"', '  iso2: "AI"\n  iso2: "AI"'))]),
         error=r"AIA\.yaml:\d+:\d+: identity\.iso2: duplicate key"),
    Case("P13", "profile", "an infinite population (.inf) is refused",
         lambda e: Run([e.profile(BASE.replace("context: {}", "context: {population: {value: .inf, year: 2024, source: iso3166}}"))]),
         error=r"AIA\.yaml:\d+:\d+: context\.population\.value: must be a finite number"),
    Case("P14", "profile", "true as a population is refused (no bool as number)",
         lambda e: Run([e.profile(BASE.replace("context: {}", "context: {population: {value: true, year: 2024, source: iso3166}}"))]),
         error=r"context\.population\.value: must be a whole number \(true and false"),
    Case("P15", "profile", "a population of 10^39 is refused as implausible",
         lambda e: Run([e.profile(BASE.replace("context: {}", "context: {population: {value: 1" + "0" * 39 + ", year: 2024, source: iso3166}}"))]),
         error=r"context\.population\.value: a 40-digit number is not a plausible value"),
    Case("P16", "profile", "an ESC sequence in the country name is refused",
         lambda e: Run([e.profile(with_name('"Ang\\e[2Juilla"'))]),
         error=r"AIA\.yaml:8:9: identity\.name: text may not contain a control character U\+001B"),
    Case("P17", "profile", "a NUL in a source title is refused",
         lambda e: Run([e.profile(BASE.replace('title: "List of Small', 'title: "Li\\0st of Small'))]),
         error=r"AIA\.yaml:\d+:\d+: sources\[\d\]\.title: text may not contain a control character U\+0000"),
    Case("P18", "profile", "a FIFO as the profile is named, not read (no hang)",
         lambda e: Run([fifo(e, "AIA.yaml")]),
         error=r"AIA\.yaml:0:0: cannot read file: it is a FIFO \(named pipe\), not a file"),
    Case("P19", "profile", "a character device as the profile is named",
         lambda e: Run([Path("/dev/zero")]),
         error=r"/dev/zero:0:0: cannot read file: it is a character device, not a file"),
    Case("P20", "profile", "a file over 1 MiB is refused",
         lambda e: Run([e.profile(BASE + "#" * (1024 * 1024))]),
         error=r"AIA\.yaml:1:1: file is \d+ bytes; profiles are limited"),
    Case("P21", "profile", "bytes that are not UTF-8 are refused with their place",
         lambda e: Run([e.write("AIA.yaml", BASE.encode().replace(b"Anguilla", b"Angu\xffilla", 1))]),
         error=r"AIA\.yaml:2:\d+: the file is not valid UTF-8"),
    Case("P22", "profile", "two files for one country are both refused, naming both",
         lambda e: Run([e.profile(BASE, "AIA.yaml"), e.profile(BASE, "anguilla.yaml")], jobs=2),
         error=r"AIA\.yaml:9:10: identity\.iso3: 2 profiles in this build are for AIA \(\S*AIA\.yaml, \S*anguilla\.yaml\)"),
    # Themes.
    Case("T01", "theme", "a logo that links to the canary is refused, not read",
         lambda e: theme(e, "issuing_body: X\nlogo: logo.svg\n") if link_out(e, "theme/logo.svg", "secret.svg") else Run([]),
         error=r"theme\.yaml:2:7: logo: the logo must be inside the theme's folder"),
    Case("T02", "theme", "a logo path with .. is refused",
         lambda e: theme(e, f"issuing_body: X\nlogo: ../{e.outside.name}/secret.svg\n"),
         error=r"theme\.yaml:2:7: logo: the logo must be inside the theme's folder"),
    Case("T03", "theme", "an SVG logo with a script is refused",
         lambda e: theme(e, "issuing_body: X\nlogo: l.svg\n", {"l.svg": SVG.replace("<rect", "<script>fetch(1)</script><rect")}),
         error=r"theme\.yaml:2:7: logo: .*script"),
    Case("T04", "theme", "an SVG logo that links to the loopback is refused",
         lambda e: theme(e, "issuing_body: X\nlogo: l.svg\n", {"l.svg": SVG.replace("<rect", f'<image href="{e.url}/x.png"/><rect')}),
         error=r"theme\.yaml:2:7: logo: the SVG logo must not refer to other files or addresses"),
    Case("T05", "theme", "a FIFO as the logo is named, not read",
         lambda e: theme(e, "issuing_body: X\nlogo: l.svg\n") if fifo(e, "theme/l.svg") else Run([]),
         error=r"theme\.yaml:2:7: logo: cannot read the logo: it is a FIFO"),
    Case("T06", "theme", "CSS injected through a font name is refused",
         lambda e: theme(e, f"issuing_body: X\nfonts:\n  body: \"x; }} body {{ background: url({e.url}/f) }}\"\n"),
         error=r"theme\.yaml:3:9: fonts\.body: "),
    Case("T07", "theme", "CSS injected through a colour is refused",
         lambda e: theme(e, f"issuing_body: X\ncolours:\n  accent: \"red; background: url({e.url}/c)\"\n"),
         error=r"theme\.yaml:3:11: colours\.accent: "),
    Case("T08", "theme", "a control character in the issuing body is refused",
         lambda e: theme(e, 'issuing_body: "Agency\\x1b]8;;http://x\\x07"\n'),
         error=r"theme\.yaml:1:15: issuing_body: text may not contain a control character U\+001B"),
    Case("T09", "theme", "a YAML tag in the theme is refused",
         lambda e: theme(e, "issuing_body: !!binary aGVsbG8=\n"),
         error=r"theme\.yaml:1:15: the YAML tag !!binary is not allowed in themes"),
    # Rule files.
    Case("R01", "rules", "a !!python tag in a rule file is refused",
         lambda e: rules(e, "rules: !!python/object/apply:os.system ['id']\n"),
         error=r"r\.yaml:1:8: the YAML tag !!python/object/apply:os\.system is not allowed"),
    Case("R02", "rules", "a rule file that links to the canary is refused, not read",
         lambda e: Run([PROFILES / "AIA.yaml"], Tailoring(rules=(e.root / "rules",), sections=SECTIONS)) if link_out(e, "rules/r.yaml", "rules.yaml") else Run([]),
         error=r"r\.yaml:0:0: leads to .*outside its folder"),
    Case("R03", "rules", "a rule that depends on itself is a cycle, named",
         lambda e: rules(e, RULE.format(finding="x") + "    depends_on: [HOSTILE-1]\n"),
         error=r"HOSTILE-1"),
    Case("R04", "rules", "a format-string attack in a finding is printed as text (no attribute lookup)",
         lambda e: rules(e, RULE.format(finding='"Risk {country.__class__.__init__.__globals__}"')),
         inert=lambda h: "Risk {country.__class__.__init__.__globals__}" in h),
    Case("R05", "rules", "HTML and a loopback image in a finding are printed as text",
         lambda e: rules(e, RULE.format(finding=json.dumps(f'<img src="{e.url}/r.png"> finding text'))),
         inert=lambda h: "&lt;img src=" in h and "finding text" in h),
    Case("R06", "rules", "a FIFO rule file is named, not read",
         lambda e: Run([PROFILES / "AIA.yaml"], Tailoring(rules=(e.root / "rules",), sections=SECTIONS)) if fifo(e, "rules/r.yaml") else Run([]),
         error=r"r\.yaml:0:0: cannot read file: it is a FIFO"),
    Case("R07", "rules", "a control character in a rule file is refused",
         lambda e: rules(e, 'description: "bad\\e[0m"\nrules: []\n'),
         error=r"r\.yaml:1:14: description: text may not contain a control character"),
    # Project files.
    Case("J01", "project", "a title with a format-string attack is refused",
         lambda e: project(e, '[document]\ntitle = "{country.__class__}"\n'),
         error=r"strategygen\.toml:2:9: document\.title: "),
    Case("J02", "project", "an infinite horizon is refused",
         lambda e: project(e, "[document]\nhorizon = { start = 2026, end = inf }\n"),
         error=r"strategygen\.toml:2:\d+: document\.horizon\.end: must be a finite number"),
    Case("J03", "project", "an escape sequence in the title is refused",
         lambda e: project(e, '[document]\ntitle = "A\\u001b[2J {country}"\n'),
         error=r"strategygen\.toml:2:9: document\.title: text may not contain a control character"),
    Case("J04", "project", "a FIFO as the project file is named, not read",
         lambda e: Run([PROFILES / "AIA.yaml"], project=fifo(e, "strategygen.toml")),
         error=r"strategygen\.toml:0:0: cannot read file: it is a FIFO"),
    Case("J05", "project", "an unknown key is located with a suggestion",
         lambda e: project(e, '[build]\ntemplate = ["x"]\n'),
         error=r"strategygen\.toml:2:1: build\.template: unknown key"),
    # Template overrides.
    Case("O01", "template", "pydantic's parse_raw (pickle) is out of reach",
         lambda e: template(e, "<p>\n{{ p.parse_raw('x', content_type='application/pickle', allow_pickle=True) }}</p>\n"),
         error=r"ov/sections/vision\.html:2: "),
    Case("O02", "template", "copy, json and dict on the data are out of reach",
         lambda e: template(e, "<p>\n{{ a.profile.copy().json() ~ p.dict() }}</p>\n"),
         error=r"ov/sections/vision\.html:2: "),
    Case("O03", "template", "an include of a link to the canary is refused, not read",
         lambda e: template(e, "<p>\n{% include 'leak.html' %}</p>\n") if link_out(e, "ov/leak.html") else Run([]),
         error=r"ov/leak\.html:0:0: leads to .*outside its folder"),
    Case("O04", "template", "a remote <img> fails the document in every format",
         lambda e: template(e, f'<section>\n<img src="{e.url}/t.png" alt=""></section>\n', formats=("html", "pdf")),
         error=r"ov/sections/vision\.html:2:\d+: <img src>: external reference"),
    Case("O05", "template", "@import in an override stylesheet fails the document",
         lambda e: template(e, f"@import url('{e.url}/s.css');\nbody {{ color: black }}\n", name="static/screen.css"),
         error=r"ov/static/screen\.css:1:\d+: <style> "),
    Case("O06", "template", "url(file:) of the canary in a stylesheet fails the document",
         lambda e: template(e, f"body {{ background: url('file://{e.outside}/secret.txt') }}\n", name="static/print.css", formats=("html", "pdf")),
         error=r"ov/static/print\.css:1:\d+: <style> url\(\): external reference"),
    Case("O07", "template", "an inline script that fetches fails the document",
         lambda e: template(e, f"<section>\n<script>fetch('{e.url}/js')</script></section>\n"),
         error=r"<script>: external reference"),
    Case("O08", "template", "an event handler fails the document",
         lambda e: template(e, '<section>\n<p onmouseover="fetch(1)">x</p></section>\n'),
         error=r"<p onmouseover>: external reference"),
    Case("O09", "template", "a meta refresh to the loopback fails the document",
         lambda e: template(e, f'<section>\n<meta http-equiv="refresh" content="0;url={e.url}/m"></section>\n'),
         error=r"<meta http-equiv>: external reference"),
    Case("O10", "template", "an SVG <use> of a remote sprite fails the document",
         lambda e: template(e, f'<section>\n<svg><use href="{e.url}/s.svg#i"/></svg></section>\n'),
         error=r"ov/sections/vision\.html:2:\d+: <use href>: external reference"),
    Case("O11", "template", "a runaway range names the template, not the profile",
         lambda e: template(e, "<p>\n{% for i in range(10**9) %}{% endfor %}</p>\n"),
         error=r"ov/sections/vision\.html:2: .*Range too big"),
    Case("O12", "template", "a macro that calls itself names the template",
         lambda e: template(e, "{% macro f() %}{{ f() }}{% endmacro %}\n<p>\n{{ f() }}</p>\n"),
         error=r"ov/sections/vision\.html:\d+: recursion too deep"),
    Case("O13", "template", "a FIFO as a template is named, not read",
         lambda e: Run([PROFILES / "AIA.yaml"], e.templates({})) if fifo(e, "ov/sections/vision.html") else Run([]),
         error=r"ov/sections/vision\.html:0:0: cannot read file: it is a FIFO"),
    Case("O14", "template", "a static folder that links out of the template folder is refused",
         lambda e: static_link_out(e),
         error=r"ov/static:0:0: leads to .*outside its folder"),
    Case("O15", "template", "a sandboxed format string cannot reach internals",
         lambda e: template(e, '<p>\n{{ "{0.__class__.__mro__}".format(p) }}</p>\n'),
         error=r"ov/sections/vision\.html:2: .*unsafe"),
    Case("O16", "template", "a benign override that extends the default builds",
         lambda e: template(e, '{% extends "!default/sections/vision.html" %}\n{% block vision_statement %}<p id="ok">Override OK</p>{% endblock %}\n'),
         inert=lambda h: '<p id="ok">Override OK</p>' in h),
]  # fmt: skip


def e_port_absent(html: str) -> bool:
    """The loopback address is nowhere in a document (used where a value is removed)."""
    return "127.0.0.1" not in html


# --- the harness ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def listener() -> Listener:
    return Listener()


def _children() -> list[int]:
    me = os.getpid()
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == me and fields[0] != "Z":
                found.append(int(entry))
    return found


def _check_outputs(out: Path) -> list[Path]:
    """No temporaries; every manifest matches its files; return the HTML documents."""
    if not out.exists():
        return []
    leftovers = [p for p in out.rglob("*") if p.name.endswith((".tmp", ".old", ".commit.json"))]
    assert not leftovers, f"left behind: {leftovers}"
    documents = []
    for folder in (p for p in out.iterdir() if p.is_dir()):
        manifest_path = folder / "manifest.json"
        files = {p.name for p in folder.iterdir()}
        if not manifest_path.exists():
            assert not files, f"outputs without a manifest: {files}"
            continue
        manifest = json.loads(manifest_path.read_text())
        listed = {e["file"] for e in manifest["outputs"]}
        assert files == listed | {"manifest.json"}, f"mixed outputs: {files} vs {listed}"
        for entry in manifest["outputs"]:
            data = (folder / entry["file"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["file"]
        documents += [folder / f for f in listed if f.endswith(".html")]
    return documents


@pytest.mark.parametrize("case", CASES, ids=[f"{c.id}-{c.input}" for c in CASES])
def test_hostile_input(
    case: Case, tmp_path: Path, listener: Listener, monkeypatch: pytest.MonkeyPatch
) -> None:
    global _OPENED
    monkeypatch.setattr(narrative, "MAX_SECONDS", 0.5)  # P07 stops quickly
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET)
    (outside / "secret.svg").write_text(SVG.replace("<rect", f"<title>{SECRET}</title><rect"))
    (outside / "rules.yaml").write_text(f"description: {SECRET}\nrules: []\n")
    env = Env(tmp_path / "in", outside, tmp_path / "out", listener.url)
    env.root.mkdir()
    run = case.setup(env)
    before_hits = len(listener.hits)
    # Processes this test did not start (e.g. the browser suite's Chromium) are not its own.
    children_before = set(_children())

    def expire(signum: int, frame: object) -> None:
        raise AssertionError("the build blocked (a FIFO read?)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(120)
    _OPENED = []
    errors: list[str] = []
    try:
        try:
            plan = resolve_plan(
                run.tailoring, project=run.project, formats=run.formats, build_date=None
            )
            jobs = [BuildJob(p, str(p)) for p in run.profiles]
            outcome = run_batch(jobs, plan, env.out, workers=run.jobs)
            errors = [r.error for r in outcome.results if r.error]
            statuses = {r.status for r in outcome.results}
        except StrategygenError as exc:
            errors, statuses = [str(exc)], {"refused"}
    finally:
        opened, _OPENED = _OPENED, None
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)

    text = "\n".join(errors)
    if case.error is not None:
        assert errors, f"expected an error matching {case.error!r}; the build succeeded"
        assert re.search(case.error, text), text
        assert LOCATED.search(text), f"the error is not located: {text}"
        assert "Traceback" not in text and "internal error" not in text, text
    else:
        assert not errors and statuses == {"built"}, text
    # Nothing outside the allowed folders was opened, and the secret went nowhere.
    read_outside = [p for p in opened if Path(p).resolve().is_relative_to(outside.resolve())]
    assert not read_outside, f"read outside the allowed folders: {read_outside}"
    assert SECRET not in text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text), "raw control character in message"
    documents = _check_outputs(env.out)
    for doc in env.out.rglob("*") if env.out.exists() else []:
        if doc.is_file():
            assert SECRET.encode() not in doc.read_bytes()
    if case.inert is not None:
        assert documents, "no document was built"
        html = documents[0].read_text(encoding="utf-8")
        assert case.inert(html), f"{case.id}: the hostile value is not inert"
        BUILT.extend(documents)
    else:
        assert not documents, "a refused input still produced a document"
    assert not (env.root / "pwned").exists()
    assert len(listener.hits) == before_hits, f"network request: {listener.hits[before_hits:]}"
    left = set(_children()) - children_before
    assert not left, f"a process was left running: {sorted(left)}"


def test_inert_documents_make_no_request_in_a_browser(listener: Listener, browser: Any) -> None:
    """Open every inert document built above in Chromium, on screen and in print: no request."""
    assert BUILT, "run the whole module: the cases above build the documents opened here"
    before = len(listener.hits)
    requests: list[str] = []
    # The session's Chromium (tests/conftest.py): only one Playwright may be open per process.
    for document in BUILT:
        url = document.resolve().as_uri()
        context = browser.new_context()
        page = context.new_page()

        def seen(request: Any, url: str = url, name: str = document.name) -> None:
            scheme = request.url.split(":", 1)[0].lower()
            if request.url.split("#", 1)[0] != url and scheme not in ("data", "about"):
                requests.append(f"{name}: {request.url}")

        page.on("request", seen)
        page.goto(url, wait_until="load")
        page.emulate_media(media="print")
        page.mouse.move(200, 200)  # hover handlers, if any survived, would fire now
        page.wait_for_timeout(300)
        context.close()
    assert not requests, requests
    assert len(listener.hits) == before, f"network request: {listener.hits[before:]}"

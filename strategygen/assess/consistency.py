"""Checks that a draft's plan holds together: years, dependencies, priorities, wording.

``check(assessment, html)`` returns every inconsistency found, each with a code:

- ``horizon``: a year range in the roadmap, its tables, captions or the Gantt chart's data
  that is not the strategy period, a horizon's span or an action's own years; an action row
  whose years differ from its schedule; a horizon described in months or years that its span
  contradicts ("within 12 months" for a two-year short term).
- ``dependency``: an action that starts before, or in the same year as, an action it depends
  on, or outside its own horizon.
- ``priority``: a priority list that leaves out a high-priority action others depend on.
- ``weakest``: a dimension called among the weakest when it is the country's highest score (or
  among the strongest when it is its lowest).
- ``stage``: a stage rating that the following text contradicts (public-sector adoption rated
  Systematic or above while no public body can be placed on the adoption scale).
- ``status-code``: a raw status code in a sentence (``in_preparation``, "is none").
- ``refresh``: a draft for a country with an adopted strategy that asks it to adopt one.
- ``legislation``: an action asking a territory that does not make its own laws to legislate.
- ``region``: Caribbean bodies, peers or hazards named in the draft of a country outside the
  Caribbean.
- ``cap``, ``deferred-sector``, ``refresh-plan``: see :mod:`strategygen.assess.consistency_facts`.
- ``placeholder``: more than :data:`MAX_PLACEHOLDERS` owner or cost markers ("[OWNER TO
  ASSIGN]", "[COST ESTIMATE REQUIRED]") in the draft: a plan whose leads and costs are mostly
  left open is not yet a plan.

It reads the assessment and the rendered HTML only; it never changes either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from strategygen.assess.consistency_facts import (
    Problem,
    check_caps,
    check_deferred_sectors,
    check_refresh,
)
from strategygen.assess.model import Assessment
from strategygen.assess.schedule import Schedule, prerequisites

_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*[\u2013\u2014-]\s*((?:19|20)\d{2})\b")
_ACTION_ID = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$")
_RAW_CODE = re.compile(
    r"\b(in_preparation|in_force|enacted_not_in_force|partially_in_force|"
    r"recommendations_only|associate_member)\b"
)
_RAW_NONE = re.compile(r"\b(?:is|are|status:?)\s+none\b|:\s*none\)", re.IGNORECASE)
_RELATIVE = {
    "short": (re.compile(r"within (?:12|twelve) months|\u2264 ?12 months", re.IGNORECASE), 1),
}
_ADOPT = re.compile(
    r"adopt (?:the|a|this) (?:first )?(?:national AI )?strategy(?: formally)?|"
    r"prepare and adopt a national AI strategy|complete, consult on and adopt",
    re.IGNORECASE,
)
_LEGISLATE = re.compile(
    r"\b(?:enact|pass|amend)\b[^.]*\b(?:law|act|bill)\b|bring[^.]*\blaw\b[^.]*into force",
    re.IGNORECASE,
)
_CARIBBEAN = re.compile(r"\b(?:Caribbean|CARICOM|OECS|CDCC|hurricanes?)\b")
_NOT_PLACED = re.compile(r"no public body[^.]*can yet be placed", re.IGNORECASE)
#: The most owner and cost markers a draft may hold (issue 13: "at most 10").
MAX_PLACEHOLDERS = 10
# Counted by class, so that a translated marker counts the same.
_MARKER = re.compile(r'class="gap gap-(?:owner|cost)"')


@dataclass
class _Table:
    caption: str = ""
    css: str = ""
    rows: list[list[str]] = field(default_factory=list)


class _Reader(HTMLParser):
    """Collect each chapter's text and tables (caption, class, rows of cell texts)."""

    _BLOCKS = frozenset({"p", "li", "td", "th", "caption", "h2", "h3", "h4", "blockquote", "dd"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.section = ""
        self.text: dict[str, list[str]] = {}
        self.tables: dict[str, list[_Table]] = {}
        self._stack: list[_Table] = []
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self._block: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and (a.get("id") or "").startswith("sec-"):
            self.section = (a.get("id") or "")[4:]
        if tag in ("svg", "style", "script"):
            self._skip += 1
        if tag == "table":
            self._stack.append(_Table(css=a.get("class") or ""))
        elif tag == "tr" and self._stack:
            self._stack[-1].rows.append([])
        elif tag in ("td", "th") and self._stack:
            self._cell = []
        elif tag == "caption":
            self._caption = []
        if tag in self._BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("svg", "style", "script"):
            self._skip = max(0, self._skip - 1)
        if tag in ("td", "th") and self._cell is not None and self._stack:
            if self._stack[-1].rows:
                self._stack[-1].rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "caption" and self._caption is not None and self._stack:
            self._stack[-1].caption = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag == "table" and self._stack:
            self.tables.setdefault(self.section, []).append(self._stack.pop())
        if tag in self._BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        if self._caption is not None:
            self._caption.append(data)
        self._block.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._block).split())
        if text:
            self.text.setdefault(self.section, []).append(text)
        self._block = []


def _read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def _allowed_ranges(sched: Schedule) -> set[tuple[int, int]]:
    allowed = {(sched.start, sched.end)}
    allowed |= set(sched.spans.values())
    allowed |= {(s.first, s.last) for s in sched.slots.values()}
    return allowed


def _check_horizons(a: Assessment, doc: _Reader) -> list[Problem]:
    sched = a.schedule
    out: list[Problem] = []
    allowed = _allowed_ranges(sched)
    for block in doc.text.get("roadmap", []):
        for hit in _RANGE.finditer(block):
            rng = (int(hit.group(1)), int(hit.group(2)))
            if rng not in allowed:
                out.append(
                    Problem(
                        "horizon",
                        f"roadmap: the range {hit.group(0)} is neither the strategy period, a "
                        f"horizon nor an action's years: {block[:120]!r}",
                    )
                )
    for section, tables in doc.tables.items():
        for table in tables:
            for row in table.rows:
                if not row or not _ACTION_ID.match(row[0]) or row[0] not in sched.slots:
                    continue
                slot = sched.slots[row[0]]
                for cell in row[1:]:
                    cell_range = _RANGE.fullmatch(cell.strip())
                    if cell_range and (
                        (int(cell_range.group(1)), int(cell_range.group(2)))
                        != (slot.first, slot.last)
                    ):
                        out.append(
                            Problem(
                                "horizon",
                                f"{section}: {table.caption or 'table'}: {row[0]} runs "
                                f"{slot.years} but the table says {cell}",
                            )
                        )
    short = sched.spans["short"]
    for section, blocks in doc.text.items():
        for block in blocks:
            pattern, years = _RELATIVE["short"]
            # Only a sentence about the short term can misdescribe it.
            mentions = "short" in block.lower()
            if mentions and pattern.search(block) and short[1] - short[0] + 1 != years:
                out.append(
                    Problem(
                        "horizon",
                        f"{section}: the short term is {sched.span_text('short')}, but the text "
                        f"describes it as twelve months: {block[:120]!r}",
                    )
                )
    return out


def _check_dependencies(a: Assessment) -> list[Problem]:
    sched = a.schedule
    out: list[Problem] = []
    for rule in a.fired:
        slot = sched.slots.get(rule.id)
        if slot is None:
            out.append(Problem("dependency", f"{rule.id} has no place in the schedule"))
            continue
        first, last = sched.spans[rule.horizon]
        if not first <= slot.first <= last:
            out.append(
                Problem(
                    "dependency",
                    f"{rule.id} is {rule.horizon}-term ({sched.span_text(rule.horizon)}) but "
                    f"starts in {slot.first}",
                )
            )
        for dep in rule.depends_on:
            other = sched.slots.get(dep)
            if other is not None and slot.first <= other.first:
                out.append(
                    Problem(
                        "dependency",
                        f"{rule.id} starts in {slot.first}, not after {dep} (starts "
                        f"{other.first}), which it depends on",
                    )
                )
    return out


def _check_priorities(a: Assessment, doc: _Reader) -> list[Problem]:
    needed = {r.id for r in a.fired if r.priority == "high"} & prerequisites(a.fired)
    out: list[Problem] = []
    for section, tables in doc.tables.items():
        for table in tables:
            if "priority-actions" not in table.css.split():
                continue
            listed = {row[0] for row in table.rows if row and _ACTION_ID.match(row[0])}
            for missing in sorted(needed - listed):
                out.append(
                    Problem(
                        "priority",
                        f"{section}: the priority list leaves out {missing}, a high-priority "
                        "action that other actions depend on",
                    )
                )
    return out


def _check_extremes(a: Assessment, doc: _Reader) -> list[Problem]:
    dims = [b for b in a.benchmarks if b.level == "dimension" and b.score is not None]
    if len(dims) < 2:
        return []
    top = max(dims, key=lambda b: b.score or 0.0)
    bottom = min(dims, key=lambda b: b.score or 0.0)
    out: list[Problem] = []
    for section, blocks in doc.text.items():
        for block in blocks:
            for sentence in re.split(r"(?<=[.;])\s+", block):
                low = sentence.lower()
                if "weakest" in low and re.search(rf"\b{re.escape(top.label.lower())}\b", low):
                    if "strongest" not in low:
                        out.append(
                            Problem(
                                "weakest",
                                f"{section}: {top.label} is called among the weakest but is "
                                f"the highest-scoring dimension ({top.score:.2f}): "
                                f"{sentence[:140]!r}",
                            )
                        )
                if "strongest" in low and re.search(rf"\b{re.escape(bottom.label.lower())}\b", low):
                    if "weakest" not in low:
                        out.append(
                            Problem(
                                "weakest",
                                f"{section}: {bottom.label} is called among the strongest but is "
                                f"the lowest-scoring dimension ({bottom.score:.2f})",
                            )
                        )
    return out


def _check_stages(a: Assessment, doc: _Reader) -> list[Problem]:
    out: list[Problem] = []
    ps = next((m for m in a.areas if m.area == "public_sector"), None)
    if ps is None or ps.stage is None or ps.stage < 3:
        return out
    if a.profile.public_sector_ai.use_cases is None:
        out.append(
            Problem(
                "stage",
                f"public-sector adoption is rated stage {ps.stage} ({ps.stage_name}) although no "
                "inventory of AI use exists",
            )
        )
    for block in doc.text.get("public_sector", []):
        said = _NOT_PLACED.search(block)
        if said:
            out.append(
                Problem(
                    "stage",
                    f"public_sector: rated stage {ps.stage} ({ps.stage_name}), yet the text says "
                    f"{said.group(0)!r}",
                )
            )
    return out


def _check_codes(doc: _Reader) -> list[Problem]:
    out: list[Problem] = []
    for section, blocks in doc.text.items():
        if section.startswith("annex_rules"):
            continue  # the rules log prints conditions as written, codes included
        for block in blocks:
            for pattern in (_RAW_CODE, _RAW_NONE):
                found = pattern.search(block)
                if found:
                    out.append(
                        Problem(
                            "status-code",
                            f"{section}: raw status code {found.group(0)!r} in {block[:120]!r}",
                        )
                    )
    return out


def _check_situation(a: Assessment, doc: _Reader) -> list[Problem]:
    out: list[Problem] = []
    ctx = a.context
    chapters = {k: v for k, v in doc.text.items() if not k.startswith("annex")}
    if ctx.strategy_mode == "refresh":
        for section, blocks in chapters.items():
            for block in blocks:
                hit = _ADOPT.search(block)
                if hit:
                    out.append(
                        Problem(
                            "refresh",
                            f"{section}: the strategy is already adopted, yet the draft says "
                            f"{hit.group(0)!r}",
                        )
                    )
    if not ctx.legislates:
        for rule in a.fired:
            hit = _LEGISLATE.search(rule.recommendation)
            if hit:
                out.append(
                    Problem(
                        "legislation",
                        f"{rule.id} asks a territory without its own legislature to "
                        f"{hit.group(0)!r}",
                    )
                )
    if not ctx.caribbean:
        for section, blocks in doc.text.items():
            for block in blocks:
                hit = _CARIBBEAN.search(block)
                if hit:
                    out.append(
                        Problem(
                            "region",
                            f"{section}: {hit.group(0)!r} in the draft of a country outside "
                            f"the Caribbean: {block[:100]!r}",
                        )
                    )
                    break
    return out


def _check_placeholders(html: str) -> list[Problem]:
    found = len(_MARKER.findall(html))
    if found <= MAX_PLACEHOLDERS:
        return []
    return [
        Problem(
            "placeholder",
            f"{found} owner or cost markers in the draft (at most {MAX_PLACEHOLDERS})",
        )
    ]


def check(assessment: Assessment, html: str) -> list[Problem]:
    """Return every inconsistency between the plan and the rendered draft (empty when none)."""
    doc = _read(html)
    return [
        *_check_horizons(assessment, doc),
        *_check_dependencies(assessment),
        *_check_priorities(assessment, doc),
        *_check_extremes(assessment, doc),
        *_check_stages(assessment, doc),
        *_check_codes(doc),
        *_check_situation(assessment, doc),
        *_check_placeholders(html),
        *check_caps(assessment, doc.tables),
        *check_deferred_sectors(assessment, doc.text),
        *check_refresh(assessment),
    ]

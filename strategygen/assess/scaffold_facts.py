"""Profile blocks for a CDCC member from the verified legal and institutional facts table.

``caribbean_facts.csv`` holds, per member, laws (data protection, cybercrime, access to
information, electronic transactions), the development plan, the digital and AI strategies,
the UNESCO readiness assessment, the digital lead body and the civil-service headcount, each
row with its own source and a confidence rating. ``strategygen new`` writes them into the
starting profile so that a scaffold begins with what is known.

Only rows rated V (primary or official source) or S (secondary) are used; U rows (sources
conflict) never are. A blank status stays unknown: the block is written without a status, so
the draft asks the drafter to confirm it instead of reading it as ``none``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import get_args
from urllib.parse import urlsplit

from strategygen.assess.datasets.indicators import CaribbeanFact, caribbean_facts
from strategygen.inputs.institutions import AiStrategyStatus, PlanStatus, RamStatus
from strategygen.inputs.law import LawStatusValue

#: The table's fact name -> (profile block, key in that block).
TARGETS: dict[str, tuple[str, str]] = {
    "digital_lead": ("institutions", "digital_lead_agency"),
    "development_plan": ("institutions", "national_development_plan"),
    "digital_strategy": ("institutions", "digital_strategy"),
    "ai_strategy": ("institutions", "ai_strategy"),
    "unesco_ram": ("institutions", "unesco_ram"),
    "data_protection": ("law", "data_protection"),
    "cybercrime": ("law", "cybercrime"),
    "access_to_information": ("law", "access_to_information"),
    "electronic_transactions": ("law", "electronic_transactions"),
    "civil_service_headcount": ("civil_service", "headcount"),
}

_LAW = frozenset(get_args(LawStatusValue))
_PLAN = frozenset(get_args(PlanStatus))
_AI = frozenset(get_args(AiStrategyStatus))
_RAM = frozenset(get_args(RamStatus))
_SHORT = 300  # ShortText's limit in the profile model


@dataclass
class FactBlocks:
    """What the table holds for one country, ready to write into a profile.

    Attributes:
        lines: Profile block name -> YAML lines (two-space indented ``key: {...}``).
        keys: Profile block name -> the keys those lines fill.
        sources: Source records (``id``, ``title``, ``publisher``, ``year``, ``url``) in the
            order first cited.

    """

    lines: dict[str, list[str]] = field(default_factory=dict)
    keys: dict[str, set[str]] = field(default_factory=dict)
    sources: list[dict[str, object]] = field(default_factory=list)


def quote(value: object) -> str:
    """Quote a value for YAML; JSON strings are valid YAML double-quoted scalars."""
    return json.dumps(value, ensure_ascii=False)


def flow_mapping(record: Mapping[str, object]) -> str:
    """Write a record as a one-line YAML flow mapping: ``{key: "value", ...}``."""
    return "{" + ", ".join(f"{k}: {quote(v)}" for k, v in record.items()) + "}"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHORT else text[: _SHORT - 1].rstrip() + "…"


def _publisher(url: str) -> str:
    """Name the publishing website by its host: the table records no publisher name."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or "not recorded in the facts table"


def _source_id(row: CaribbeanFact, taken: set[str]) -> str:
    """Name a source after its website (``coe-int``), numbered if that site is cited twice."""
    host = (urlsplit(row.source_url).hostname or "").removeprefix("www.")
    stem = re.sub(r"[^a-z0-9]+", "-", host.lower()).strip("-") or f"facts-{row.fact}"
    stem = stem.replace("_", "-")
    candidate, n = stem, 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}", n + 1
    return candidate


def _horizon(value: str) -> dict[str, int]:
    """Read a plan's horizon ("2022-2026", "to 2030") from the table's value column."""
    span = re.search(r"\b(19|20)(\d{2})\s*[-–]\s*((19|20)\d{2})\b", value)
    if span:
        return {"start": int(span.group(1) + span.group(2)), "end": int(span.group(3))}
    until = re.search(r"\bto ((19|20)\d{2})\b", value)
    return {"end": int(until.group(1))} if until else {}


def _titled(row: CaribbeanFact, status: str, known: frozenset[str]) -> dict[str, object] | None:
    """Return a law's or plan's status (when the model knows it), title and year.

    None when the row gives neither a status nor a title.
    """
    base: dict[str, object] = {}
    if status in known:
        base["status"] = status
    if row.title:
        base["title"] = _short(row.title)
    if row.year:
        base["year"] = row.year
    return base if ("status" in base or "title" in base) else None


def _record(row: CaribbeanFact) -> dict[str, object] | None:
    """Return the profile record for one row, or None when the row says nothing usable."""
    status = row.status.strip()
    base: dict[str, object] = {}
    kind = row.fact
    if kind in (
        "data_protection",
        "cybercrime",
        "access_to_information",
        "electronic_transactions",
    ):
        if status == "none":
            return {"status": "none"}
        return _titled(row, status, _LAW)
    if kind in ("development_plan", "digital_strategy"):
        record = _titled(row, status, _PLAN)
        return None if record is None else {**record, **_horizon(row.value)}
    if kind == "ai_strategy":
        if status not in _AI:
            return None  # the model needs a status; a blank one stays a gap
        base["status"] = status
        if row.title and status != "none":
            base["title"] = _short(row.title)
        if row.year:
            base["year"] = row.year
        return base
    if kind == "unesco_ram":
        if status not in _RAM:
            return None
        base["status"] = status
        if row.year:
            base["year"] = row.year
        return base
    if kind == "digital_lead":
        if not row.title:
            return None
        base["name"] = _short(row.title)
        if row.year:
            base["as_of"] = row.year
        return base
    if kind == "civil_service_headcount":
        digits = row.value.replace(",", "").strip()
        if not digits.isdigit():
            return None
        base["value"] = int(digits)
        if row.year:
            base["year"] = row.year
        if "approx" in row.unit.lower():
            base["approximate"] = True
        return base
    return None


def _comment(row: CaribbeanFact, record: dict[str, object]) -> str:
    rating = f"[{row.confidence}]"
    if row.fact == "civil_service_headcount" and row.title:
        return f"{rating} definition: {_short(row.title)}"
    if "status" not in record and row.fact not in ("digital_lead", "civil_service_headcount"):
        return f"{rating} status not verified: confirm it"
    return rating


def fact_blocks(code: str) -> FactBlocks:
    """Return the profile blocks the facts table supplies for ``code`` (empty if none)."""
    out = FactBlocks()
    ids: dict[str, str] = {}  # source address (or title) -> id, so a shared source is listed once
    for row in caribbean_facts().get(code.upper(), ()):
        target = TARGETS.get(row.fact)
        if target is None or not row.usable:
            continue
        record = _record(row)
        if record is None:
            continue
        block, key = target
        if key in out.keys.get(block, set()):
            continue  # the table has one row per fact; keep the first if that ever changes
        where = row.source_url or row.source_title
        source_id = ids.get(where)
        if source_id is None:
            source_id = _source_id(row, set(ids.values()))
            ids[where] = source_id
            year = row.source_date[:4] if row.source_date[:4].isdigit() else None
            source: dict[str, object] = {
                "id": source_id,
                "title": _short(row.source_title or row.title),
                "publisher": _publisher(row.source_url),
            }
            if year:
                source["year"] = int(year)
            if row.source_url:
                source["url"] = row.source_url
            out.sources.append(source)
        record["source"] = source_id
        line = f"  {key}: {flow_mapping(record)}   # {_comment(row, record)}"
        out.lines.setdefault(block, []).append(line)
        out.keys.setdefault(block, set()).add(key)
    return out

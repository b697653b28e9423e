"""Write a starting profile for any indexed country (or CDCC territory) from the bundled data."""

from __future__ import annotations

import os
from pathlib import Path

import pycountry

from strategygen.assess import datasets as dataset
from strategygen.assess.datasets.catalogue import as_source, catalogue
from strategygen.assess.datasets.indicators import wdi
from strategygen.assess.datasets.readiness import (
    EDITION_YEARS,
    LATEST_EDITION,
    Scores,
    edition,
    scores,
)
from strategygen.assess.editions import THREE_PILLAR_YEARS
from strategygen.assess.evidence import country_evidence
from strategygen.assess.scaffold_facts import fact_blocks, flow_mapping, quote
from strategygen.errors import UsageError
from strategygen.inputs.profile import INDICATOR_NAMES
from strategygen.resources import data_file

SCHEMA_FILE = "profile.schema.json"

# Commented hints for the facts the bundled data cannot supply, per profile block. They show
# the drafter the exact shape to fill in; left commented, each one stays a visible data gap.
_HINTS: dict[str, list[tuple[str, str]]] = {
    "institutions": [
        (
            "",
            "  # Fill in what you can cite; every block needs a `source` id from `sources` below.",
        ),
        (
            "",
            "  # Leave a block out when nothing is known: only `status: none` states that something does not exist.",
        ),
        (
            "digital_lead_agency",
            '  # digital_lead_agency: {name: "...", acronym: "...", as_of: 2025, source: "..."}',
        ),
        ("ai_lead_agency", '  # ai_lead_agency: {name: "...", source: "..."}'),
        (
            "national_development_plan",
            '  # national_development_plan: {title: "...", year: 2019, status: adopted, start: 2020, end: 2030, source: "..."}   # status: none|in_preparation|draft|adopted (leave out if not verified)',
        ),
        (
            "digital_strategy",
            '  # digital_strategy: {title: "...", year: 2022, status: adopted, start: 2022, end: 2026, source: "..."}',
        ),
        (
            "ai_strategy",
            '  # ai_strategy: {status: none, source: "..."}   # none|announced|in_preparation|recommendations_only|draft|adopted',
        ),
        ("ai_ethics_body", '  # ai_ethics_body: {exists: false, source: "..."}'),
        (
            "unesco_ram",
            '  # unesco_ram: {status: completed, year: 2025, source: "..."}   # none|in_progress|completed',
        ),
    ],
    "law": [
        (
            "data_protection",
            '  # data_protection: {status: in_force, title: "...", year: 2020, in_force_from: 2023-12-01, authority: "...", source: "..."}   # status: none|draft|enacted_not_in_force|partially_in_force|in_force (leave out if not verified)',
        ),
        (
            "cybercrime",
            '  # cybercrime: {status: in_force, title: "...", year: 2015, source: "..."}',
        ),
        (
            "access_to_information",
            '  # access_to_information: {status: in_force, title: "...", year: 2002, source: "..."}',
        ),
        (
            "electronic_transactions",
            '  # electronic_transactions: {status: in_force, title: "...", year: 2007, source: "..."}',
        ),
        (
            "legal_frame",
            '  # legal_frame: {summary: "...", source: "..."}   # territories: how another state\'s or union\'s law applies',
        ),
    ],
    "public_sector_ai": [
        (
            "use_cases",
            "  # use_cases:            # leave out if no inventory exists; [] only if an inventory found none",
        ),
        (
            "use_cases",
            '  #   - {name: "...", agency: "...", function: "...", stage: pilot, risk_level: low, baseline_measured: false, source: "..."}',
        ),
        ("guidelines", '  # guidelines: {status: none, source: "..."}'),
    ],
    "civil_service": [
        (
            "headcount",
            '  # headcount: {value: 0, year: 2024, scope: central_civil_service, source: "..."}   # scope: central_civil_service|central_government|public_sector',
        ),
        ("digital_specialists", '  # digital_specialists: {value: 0, year: 2024, source: "..."}'),
        ("ai_trained", '  # ai_trained: {value: 0, year: 2024, source: "..."}'),
    ],
}

_TAIL = """\
priority_sectors: []
# - {name: tourism, rationale: "...", source: "..."}

stakeholders: []
# - {name: "...", kind: academia, role: "..."}   # government|private|academia|civil_society|regional|international

# strategy_horizon: {start: 2027, end: 2032}
# narrative:
#   vision: {mode: extend, text: "Markdown written by the drafter"}
"""


def _fact_lines(code: str) -> tuple[list[str], list[dict[str, object]]]:
    """Return the institutions, law, public-sector and civil-service blocks, and their sources.

    Facts from the verified CDCC table are written with their rating in a comment; every
    other fact is a commented hint, which the draft shows as a data gap.
    """
    facts = fact_blocks(code)
    out: list[str] = []
    if facts.lines:
        out += [
            "# Facts below come from the verified CDCC legal and institutional facts table",
            "# (caribbean_facts.csv): [V] primary or official source, [S] secondary source.",
        ]
    for block, hints in _HINTS.items():
        filled = facts.lines.get(block, [])
        keys = facts.keys.get(block, set())
        out.append(f"{block}:" if filled else f"{block}: {{}}")
        out += filled
        out += [line for key, line in hints if key not in keys and (key or not filled)]
        out.append("")
    return out, facts.sources


def known_codes() -> list[str]:
    """Return every code ``new`` accepts: the countries of any index edition and the CDCC."""
    indexed = {code for year in EDITION_YEARS for code in scores(year)}
    return sorted(indexed | set(dataset.cdcc()))


def _comparable(code: str) -> Scores | None:
    """Return the country's scores in the newest three-pillar edition that covers it."""
    for year in reversed(THREE_PILLAR_YEARS):
        row = scores(year).get(code)
        if row is not None:
            return row
    return None


def _source_line(source_id: str) -> str:
    if source_id in catalogue():
        record = as_source(source_id).model_dump(exclude_none=True, mode="json")
    else:
        record = dataset.SOURCES[source_id]
    return f"  - {flow_mapping(record)}"


def scaffold(iso3: str, schema_ref: str | None = None) -> str:
    """Return the YAML text of a starting profile for ``iso3``, filled from the bundled data.

    Every fact the bundled tables hold for the country is written with its source: names and
    codes, UN sub-region, population and GDP per capita (World Bank, latest year), and the
    readiness scores of the newest comparable edition that covers it. The figures the draft
    reads straight from the bundled data (newest edition, e-government, Internet use,
    governance, cybersecurity) are listed in a comment for reference. What the data cannot
    supply is left as a commented data gap.

    Raises:
        UsageError: If the code is neither in an index edition nor a CDCC member or associate.

    """
    code = iso3.upper()
    comparable = _comparable(code)
    anywhere = next((r for y in reversed(EDITION_YEARS) if (r := scores(y).get(code))), None)
    member = dataset.cdcc().get(code)
    country = pycountry.countries.get(alpha_3=code)
    if (anywhere is None and member is None) or country is None:
        raise UsageError(
            f"{iso3!r} is not one of the 193 indexed countries or a CDCC member or associate; "
            "run 'strategygen new --list' to see the accepted codes"
        )
    name = member.name if member else anywhere.country if anywhere else country.name
    used = ["iso3166"]
    lines = []
    if schema_ref:
        lines.append(f"# yaml-language-server: $schema={schema_ref}")
    lines += [
        f"# Country profile: {name}. Generated by 'strategygen new {code}' from the bundled data.",
        "# Every figure below comes from a bundled dataset named in `sources`. Commented blocks",
        "# are data gaps: fill them from a citable source, or leave them and the draft will",
        "# show each one as a gap for the drafter to close.",
        "schema_version: 1",
        "",
        "identity:",
        f"  name: {quote(name)}",
    ]
    official = member.official_name if member else getattr(country, "official_name", None)
    if official and official != name:
        lines.append(f"  official_name: {quote(official)}")
    lines += [f"  iso3: {quote(code)}", f"  iso2: {quote(country.alpha_2)}"]
    if member and member.languages:
        lines.append(f"  languages: [{', '.join(quote(x) for x in member.languages)}]")
        if member.note and "language" in member.note.lower():
            lines.append(f"  # note from the dataset: {member.note}")
    else:
        lines.append("  languages: []   # DATA GAP: official languages")
    lines.append(f"  cdcc_status: {quote(member.status if member else 'none')}")
    if anywhere:
        lines.append(f"  un_region: {quote(anywhere.un_region)}")
    elif member:
        lines.append('  un_region: "Caribbean"')
    if member:
        # Every CDCC member and associate member is on the UN-OHRLLS list of SIDS.
        lines.append("  sids: true")
        used += ["un-sids", "eclac-cdcc"]
    else:
        lines.append("  sids: null   # DATA GAP: check the UN-OHRLLS list of SIDS")
    lines += ["  source: iso3166", ""]
    context, used_wdi = _context_lines(code, member)
    if used_wdi:
        used.append("wdi")
    lines.append("context:" if any(not x.startswith("  #") for x in context) else "context: {}")
    lines += context
    lines += ["", *_readiness_lines(code, comparable, anywhere)]
    if comparable:
        used.append(edition(comparable.edition).dataset)
    reference = _reference_lines(code)
    if reference:
        lines += ["", *reference]
    blocks, fact_sources = _fact_lines(code)
    lines += ["", *blocks, _TAIL.rstrip(), "", "sources:"]
    lines += [_source_line(source_id) for source_id in sorted(set(used))]
    lines += [f"  - {flow_mapping(record)}" for record in fact_sources]
    return "\n".join(lines) + "\n"


def _context_lines(code: str, member: dataset.CdccRow | None) -> tuple[list[str], bool]:
    """Return population and GDP per capita lines from the WDI (else the CDCC table)."""
    row = wdi().get(code)
    out: list[str] = []
    pop = row.population if row else None
    gdp = row.gdp_per_capita_usd if row else None
    if pop is not None:
        out.append(f"  population: {{value: {pop.value:.0f}, year: {pop.year}, source: wdi}}")
    elif member and member.population is not None:
        out.append(f"  population: {{value: {member.population}, year: 2024, source: wdi}}")
    else:
        out.append('  # population: {value: 0, year: 2024, source: "..."}   # DATA GAP')
    if gdp is not None:
        value = round(gdp.value, 2)
        out.append(f"  gdp_per_capita_usd: {{value: {value}, year: {gdp.year}, source: wdi}}")
    elif member and member.gdp_per_capita is not None and member.gdp_year is not None:
        out.append(
            f"  gdp_per_capita_usd: {{value: {member.gdp_per_capita:g}, "
            f"year: {member.gdp_year}, source: wdi}}"
        )
    else:
        out.append('  # gdp_per_capita_usd: {value: 0, year: 2024, source: "..."}   # DATA GAP')
    return out, any(not line.startswith("  #") for line in out)


def _reference_lines(code: str) -> list[str]:
    """Return a comment listing the figures the draft reads from the bundled data."""
    items: list[str] = []
    latest = scores(LATEST_EDITION).get(code)
    if latest is not None:
        items.append(
            f"Government AI Readiness Index {LATEST_EDITION} (new six-pillar framework): "
            f"{latest.total:g}, rank {latest.rank} of {len(scores(LATEST_EDITION))} "
            f"[{edition(LATEST_EDITION).dataset}]"
        )
    missing = [str(y) for y in EDITION_YEARS if code not in scores(y)]
    if missing and latest is not None:
        items.append(f"not covered in the {', '.join(missing)} edition(s) of the index")
    for item in country_evidence(code, None).indicators:
        if item.key in ("population", "gdp_per_capita_usd"):
            continue
        before = f"; {item.previous_year}: {item.previous_text}" if item.previous_text else ""
        items.append(f"{item.label}: {item.text} ({item.year}{before}) [{item.source}]")
    if not items:
        return []
    head = [
        "# Figures the draft reads from the bundled data for this country (for reference; the",
        "# profile need not repeat them). Dataset ids in brackets; see 'strategygen data'.",
    ]
    return head + [f"#   {text}" for text in items]


def _readiness_lines(code: str, row: Scores | None, anywhere: Scores | None) -> list[str]:
    if row is None:
        note = (
            "The editions of the Government AI Readiness Index on the three-pillar framework "
            f"(2022-2024) do not cover this country; the {LATEST_EDITION} edition, on a new "
            "framework, does, and the draft reads it from the bundled data."
            if anywhere is not None
            else "The Government AI Readiness Index does not cover this territory; "
            "no readiness scores exist for it."
        )
        return ["readiness:", "  covered: false", f"  note: {quote(note)}"]
    item = edition(row.edition)
    out = [
        "readiness:",
        "  covered: true",
        f"  edition: {row.edition}",
        f"  source: {item.dataset}",
        f"  rank: {row.rank}",
        f"  ranked_countries: {len(scores(row.edition))}",
        f"  total: {row.total:g}",
        "  pillars:",
        *(f"    {p}: {'null' if v is None else f'{v:g}'}" for p, v in row.pillars.items()),
        "  dimensions:",
        *(f"    {d}: {'null' if v is None else f'{v:g}'}" for d, v in row.dimensions.items()),
    ]
    if row.edition != dataset.GAIRI_EDITION:
        return out
    # The imputation list and the indicator scores are published for the 2023 edition only.
    out.append(f"  imputed_over_40pct: {'true' if code in dataset.IMPUTED_OVER_40PCT else 'false'}")
    out.append("  indicators:")
    values = dataset.index_indicators().get(code, {})
    for name in INDICATOR_NAMES:
        value = values.get(name)
        out.append(f"    {_indicator_key(name)}: {'null' if value is None else f'{value:g}'}")
    return out


def _indicator_key(name: str) -> str:
    # A key starting with a digit ("5g_infrastructure") is still a string in YAML,
    # but quoting it keeps editors from guessing otherwise.
    return quote(name) if name[0].isdigit() else name


def schema_reference(target: Path) -> str:
    """Return the schema path to put in a profile written at ``target`` (relative if possible)."""
    schema = data_file(SCHEMA_FILE).resolve()
    try:
        return Path(os.path.relpath(schema, target.resolve().parent)).as_posix()
    except ValueError:
        return schema.as_posix()


def write_scaffold(iso3: str, target: Path) -> Path:
    """Write a scaffold to ``target``; refuse to overwrite an existing file."""
    if target.exists():
        raise UsageError(f"{target} already exists; choose another --out or remove it first")
    text = scaffold(iso3, schema_reference(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        blocker = next((p for p in target.parents if p.exists() and not p.is_dir()), None)
        why = f"{blocker} is a file" if blocker else (exc.strerror or str(exc))
        raise UsageError(f"cannot create folder {target.parent}: {why}") from None
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target

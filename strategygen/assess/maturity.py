"""Maturity stages (1-5) per assessment area: index scores, institutional gates, confidence."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from strategygen.assess.benchmarks import LABELS
from strategygen.assess.checklist import CHECKLIST, is_present, item_text, value_at
from strategygen.assess.datasets import IMPUTED_OVER_40PCT
from strategygen.assess.model import STAGE_NAMES, Benchmark, Confidence, Maturity
from strategygen.i18n.catalog import N_, gettext, ngettext
from strategygen.inputs.profile import CountryProfile, LawStatus
from strategygen.words import lowerfirst, words

# Every sentence below is written in the document's language (gettext; English is the
# source), since the assessment runs inside it.
NOT_ASSESSED = N_("Not assessed")

# Lower bounds of stages 2-5 on the 0-100 area score (a proposal, not a published standard).
STAGE_THRESHOLDS: tuple[float, ...] = (20.0, 40.0, 60.0, 80.0)


@dataclass(frozen=True)
class AreaSpec:
    """How one assessment area is scored from the index and which facts it relies on."""

    key: str
    label: str
    dimensions: tuple[str, ...]
    key_items: tuple[str, ...]
    other_items: tuple[str, ...]


AREAS: tuple[AreaSpec, ...] = (
    AreaSpec(
        "strategy",
        N_("Vision and strategy"),
        ("vision",),
        ("institutions.ai_strategy",),
        ("institutions.ai_lead_agency", "institutions.digital_strategy"),
    ),
    AreaSpec(
        "safeguards",
        N_("Policy framework and safeguards"),
        ("governance_ethics",),
        ("law.data_protection",),
        ("law.cybercrime", "institutions.ai_ethics_body", "public_sector_ai.guidelines"),
    ),
    AreaSpec(
        "infrastructure",
        N_("Digital and data infrastructure"),
        ("infrastructure", "data_availability", "data_representativeness"),
        ("readiness.total",),
        (),
    ),
    AreaSpec(
        "skills",
        N_("Capability and skills"),
        ("human_capital",),
        ("civil_service.headcount",),
        ("civil_service.ai_trained", "civil_service.digital_specialists"),
    ),
    AreaSpec(
        "innovation",
        N_("Economy, research and innovation"),
        ("maturity", "innovation_capacity"),
        ("readiness.total",),
        ("priority_sectors",),
    ),
    AreaSpec(
        "public_sector",
        N_("Public-sector adoption and value"),
        ("digital_capacity", "adaptability"),
        ("public_sector_ai.use_cases",),
        ("public_sector_ai.guidelines", "institutions.digital_lead_agency"),
    ),
)
AREA_KEYS: tuple[str, ...] = tuple(a.key for a in AREAS)
_SPECS = {spec.path: spec for spec in CHECKLIST}


def stage_for(score: float) -> int:
    """Map a 0-100 score to a stage: 0-19.99 is 1, 20-39.99 is 2, ... 80 and above is 5."""
    return 1 + sum(1 for bound in STAGE_THRESHOLDS if score >= bound)


def _present(profile: CountryProfile, path: str) -> bool:
    # A catalogued fact is judged as the completeness measure judges it (a law without its
    # status is not held); other paths only need a value.
    spec = _SPECS.get(path)
    if spec is not None:
        return is_present(profile, spec)
    value = value_at(profile, path)
    return value is not None and value != [] and value != ""


def _gates(profile: CountryProfile) -> dict[str, list[tuple[int, str]]]:
    """Institutional facts that cap an area's stage: area -> [(maximum stage, reason)]."""
    gates: dict[str, list[tuple[int, str]]] = {key: [] for key in AREA_KEYS}
    # A stage above a gate needs evidence. Where the profile records the fact (a strategy in
    # preparation, no trained staff), the cap is a finding; where the fact is simply not on
    # record, the cap holds only until the fact is confirmed, and the text says so rather than
    # reading the missing record as an absence.
    strategy = profile.institutions.ai_strategy
    if strategy is None:
        gates["strategy"].append(
            (
                2,
                gettext(
                    "the status of an AI strategy or policy is not on record; stage 3 needs an "
                    "adopted one, so this area is held at 2 until its status is confirmed"
                ),
            )
        )
    elif strategy.status != "adopted":
        state = words(strategy.status, "ai_strategy_status")
        gates["strategy"].append(
            (
                2,
                gettext(
                    "no formally adopted AI strategy or policy is on record (%(state)s), "
                    "which caps this area at 2"
                )
                % {"state": state},
            )
        )
    else:
        # Stages 4 and 5 describe a strategy whose results are measured and acted on; the
        # profile holds no evaluation of an adopted strategy, so those stages need one first.
        gates["strategy"].append(
            (
                3,
                gettext(
                    "no evaluation of the adopted strategy's results is on record; stage 4 "
                    "needs one, so this area is held at 3 until an evaluation is published"
                ),
            )
        )
    law = profile.law.data_protection
    if law is not None and law.status is None and law.title:
        gates["safeguards"].append(
            (
                2,
                gettext(
                    "whether %(law)s is in force is not on record; stage 3 needs a law in force, "
                    "so this area is held at 2 until that is confirmed"
                )
                % {"law": law.title},
            )
        )
    elif law is None or law.status is None:
        gates["safeguards"].append(
            (
                2,
                gettext(
                    "the status of a data-protection law is not on record; stage 3 needs a law "
                    "in force, so this area is held at 2 until its status is confirmed"
                ),
            )
        )
    elif law.status != "in_force":
        gates["safeguards"].append(
            (
                2,
                gettext(
                    "no data-protection law is on record as in force (%(state)s), "
                    "which caps this area at 2"
                )
                % {"state": _law_state(law)},
            )
        )
    psai = profile.public_sector_ai
    if psai.use_cases is None:
        # Stage 3 ("Systematic") means AI use that is known and managed; without a register no
        # public body can be placed on the adoption scale, so the stage cannot exceed 2.
        gates["public_sector"].append(
            (
                2,
                gettext(
                    "no register of public-sector AI use is on record; stage 3 needs one, so "
                    "this area is held at 2 until one is confirmed or built"
                ),
            )
        )
    if psai.guidelines is None:
        gates["public_sector"].append(
            (
                3,
                gettext(
                    "whether guidelines for AI use in the public sector exist is not on "
                    "record; stage 4 needs adopted ones, so this area is held at 3 until "
                    "they are confirmed"
                ),
            )
        )
    elif psai.guidelines.status != "adopted":
        gates["public_sector"].append(
            (
                3,
                gettext(
                    "no adopted guidelines for AI use in the public sector are on record (cap: 3)"
                ),
            )
        )
    trained = profile.civil_service.ai_trained
    if trained is None:
        gates["skills"].append(
            (
                2,
                gettext(
                    "training of civil servants in AI or data is not on record; stage 3 needs "
                    "evidence of it, so this area is held at 2 until it is confirmed"
                ),
            )
        )
    elif trained.value == 0:
        gates["skills"].append(
            (
                2,
                gettext(
                    "the record shows no civil servants trained in AI or data (%(year)s), "
                    "which caps this area at 2"
                )
                % {"year": trained.year},
            )
        )
    return gates


def _law_state(law: LawStatus | None) -> str:
    """Describe a law's status in words, saying plainly when it is unrecorded or unverified."""
    if law is None:
        return gettext("the law is not recorded")
    return words(law.status, "law_evidence")


def _fact_stage(profile: CountryProfile, area: str) -> tuple[int | None, str]:
    """Stage an area from institutional facts alone (for territories the index does not cover)."""
    if area == "strategy":
        s = profile.institutions.ai_strategy
        if s is None:
            return None, gettext("no readiness scores and no recorded AI strategy status")
        stage = {"adopted": 3, "none": 1}.get(s.status, 2)
        state = words(s.status, "ai_strategy_status")
        return stage, gettext("from the state of the AI strategy (%(state)s)") % {"state": state}
    if area == "safeguards":
        law = profile.law.data_protection
        if law is None or law.status is None:
            return None, gettext("no readiness scores, and for data protection %(state)s") % {
                "state": _law_state(law)
            }
        stage = {"in_force": 3, "none": 1}.get(law.status, 2)
        return stage, gettext("from the data-protection law status (%(state)s)") % {
            "state": _law_state(law)
        }
    if area == "public_sector":
        cases = profile.public_sector_ai.use_cases
        if cases is None:
            return None, gettext("no readiness scores and no inventory of public-sector AI use")
        if any(c.stage == "production" for c in cases):
            return 3, gettext("from the inventory: at least one AI system in production")
        if cases:
            return 2, gettext("from the inventory: AI in idea or pilot stage only")
        return 1, gettext("from the inventory: no AI use found")
    if area == "skills":
        trained = profile.civil_service.ai_trained
        if trained is None:
            return None, gettext(
                "no readiness scores and no record of AI training in the civil service"
            )
        if trained.value == 0:
            return 1, gettext("from training records: no civil servants trained in AI or data")
        return 2, gettext("from training records: some civil servants trained in AI or data")
    return None, gettext("no readiness scores, and this area cannot be staged from profile facts")


def _item_label(path: str) -> str:
    labels = {spec.path: spec.label for spec in CHECKLIST}
    found = labels.get(path)
    return item_text(found) if found else path.rsplit(".", 1)[-1].replace("_", " ")


def _imputed(profile: CountryProfile) -> bool:
    # Oxford Insights published the list of countries with more than 40% of their data
    # imputed for 2023 only; the caution holds whichever edition the profile records.
    return profile.readiness.imputed_over_40pct or profile.code in IMPUTED_OVER_40PCT


def _confidence(profile: CountryProfile, spec: AreaSpec, scored: bool) -> tuple[Confidence, str]:
    # Name missing facts as the reader knows them ("civil-service headcount"), not by
    # their field path; the path stays available in Annex D.
    missing_key = [_item_label(p) for p in spec.key_items if not _present(profile, p)]
    missing_other = [_item_label(p) for p in spec.other_items if not _present(profile, p)]
    if spec.dimensions and not scored:
        missing_key.append(gettext("readiness scores"))
    if _imputed(profile) and scored:
        return "low", gettext(
            "the index imputed more than 40%% of this country's indicator data"
        ) % {}
    if missing_key:
        return "low", gettext("key facts missing: %(facts)s") % {"facts": ", ".join(missing_key)}
    if missing_other:
        return "medium", gettext("some facts missing: %(facts)s") % {
            "facts": ", ".join(missing_other)
        }
    return "high", gettext("index scores and all facts this area uses are present")


def _area(profile: CountryProfile, spec: AreaSpec, benchmarks: Mapping[str, Benchmark]) -> Maturity:
    dims = [benchmarks[d].score for d in spec.dimensions]
    known = [float(x) for x in dims if x is not None]
    dim_names = ", ".join(gettext(LABELS[d]).lower() for d in spec.dimensions)
    caps: list[str] = []
    score: float | None = None
    if known:
        score = round(sum(known) / len(known), 2)
        stage: int | None = stage_for(score)
        basis = gettext(
            "mean of the readiness index dimension(s) %(dimensions)s on 0-100; stage bands "
            "0-19.99=1, 20-39.99=2, 40-59.99=3, 60-79.99=4, 80+=5"
        ) % {"dimensions": dim_names}
    else:
        stage, basis = _fact_stage(profile, spec.key)
    uncapped = stage
    for limit, reason in _gates(profile)[spec.key]:
        # Only a cap below the stage the score (or facts) would give is listed: one at or
        # above it holds nothing back and would read as a reason the stage is low.
        if stage is not None and uncapped is not None and limit < uncapped:
            caps.append(reason)
            stage = min(stage, limit)
    confidence, reason_text = _confidence(profile, spec, scored=bool(known))
    return Maturity(
        area=spec.key,
        label=gettext(spec.label),
        stage=stage,
        stage_name=gettext(STAGE_NAMES[stage] if stage is not None else NOT_ASSESSED),
        score=score,
        basis=basis,
        caps=tuple(caps),
        confidence=confidence,
        confidence_reason=reason_text,
        held_back=stage is not None and uncapped is not None and stage < uncapped,
    )


def _overall(profile: CountryProfile, areas: Sequence[Maturity]) -> Maturity:
    staged = [a for a in areas if a.stage is not None]
    scores = [a.score for a in areas if a.score is not None]
    stage = math.floor(sum(a.stage or 0 for a in staged) / len(staged)) if staged else None
    low = [a.label for a in areas if a.confidence == "low"]
    unstaged = [a.label for a in areas if a.stage is None]
    confidence: Confidence
    if _imputed(profile):
        confidence = "low"
        reason = gettext("the index imputed more than 40%% of this country's data") % {}
    elif len(low) * 2 >= len(areas) or len(staged) * 2 < len(areas):
        confidence = "low"
        # Worded to follow "with low confidence:" in the executive summary.
        reason = gettext("most areas have low confidence or no stage (%(areas)s)") % {
            "areas": ", ".join(lowerfirst(label) for label in sorted(set(low) | set(unstaged)))
        }
    elif low or unstaged or any(a.confidence == "medium" for a in areas):
        confidence = "medium"
        reason = gettext("some areas rest on incomplete facts (%(areas)s)") % {
            "areas": ", ".join(
                lowerfirst(a.label) for a in areas if a.confidence != "high" or a.stage is None
            )
        }
    else:
        confidence, reason = "high", gettext("every area is staged from complete facts")
    basis = ngettext(
        "rounded-down mean of the stages of the %(n)s area that could be staged",
        "rounded-down mean of the stages of the %(n)s areas that could be staged",
        len(staged),
    ) % {"n": len(staged)}
    if unstaged:
        basis += gettext("; not staged: %(areas)s") % {"areas": ", ".join(unstaged)}
    basis += gettext("; the score is the mean of the area scores, for information")
    return Maturity(
        area="overall",
        label=gettext("Overall"),
        stage=stage,
        stage_name=gettext(STAGE_NAMES[stage] if stage is not None else NOT_ASSESSED),
        score=round(sum(scores) / len(scores), 2) if scores else None,
        basis=basis,
        caps=(),
        confidence=confidence,
        confidence_reason=reason,
    )


def assess_maturity(
    profile: CountryProfile, benchmarks: Sequence[Benchmark]
) -> tuple[tuple[Maturity, ...], Maturity]:
    """Stage every assessment area and the country overall.

    Args:
        profile: The validated country profile.
        benchmarks: The country's benchmarks (from ``compute_benchmarks``).

    Returns:
        (areas in ``AREA_KEYS`` order, overall maturity).

    """
    by_key = {b.key: b for b in benchmarks}
    areas = tuple(_area(profile, spec, by_key) for spec in AREAS)
    return areas, _overall(profile, areas)

"""strategygen: draft national AI strategies from validated country profiles.

The public API (see the README's "Python API")::

    import strategygen

    profile = strategygen.load_profile("JAM")            # a shipped code or a file path
    tailoring = strategygen.Tailoring(sections=("executive_summary", "roadmap"))
    html = strategygen.render_html(profile, tailoring)
    strategygen.render_pdf(profile, "JAM.pdf", tailoring)
    strategygen.render_docx(profile, "JAM.docx", tailoring)   # editable Word draft

Names are loaded on first use (PEP 562), so ``import strategygen`` and ``strategygen --help``
do not pay for pydantic, Jinja2 or WeasyPrint.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> module that defines it.
_EXPORTS: dict[str, str] = {
    "load_profile": "strategygen.api",
    "load_theme": "strategygen.api",
    "plan": "strategygen.api",
    "assess_profile": "strategygen.api",
    "render_html": "strategygen.api",
    "render_pdf": "strategygen.api",
    "render_docx": "strategygen.api",
    "render_odt": "strategygen.api",
    "build_batch": "strategygen.api",
    "assess_region": "strategygen.api",
    "render_region_html": "strategygen.api",
    "build_region": "strategygen.api",
    "RegionAssessment": "strategygen.assess.region.model",
    "Tailoring": "strategygen.inputs.tailoring",
    "CountryProfile": "strategygen.inputs.profile",
    "Assessment": "strategygen.assess.model",
    "BuildPlan": "strategygen.build.plan",
    "StrategygenError": "strategygen.errors",
    "ProfileError": "strategygen.errors",
}

__all__ = [
    "Assessment",
    "BuildPlan",
    "CountryProfile",
    "ProfileError",
    "RegionAssessment",
    "StrategygenError",
    "Tailoring",
    "__version__",
    "assess_profile",
    "assess_region",
    "build_batch",
    "build_region",
    "load_profile",
    "load_theme",
    "plan",
    "render_docx",
    "render_html",
    "render_odt",
    "render_pdf",
    "render_region_html",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors
    from strategygen.api import (
        assess_profile,
        assess_region,
        build_batch,
        build_region,
        load_profile,
        load_theme,
        plan,
        render_docx,
        render_html,
        render_odt,
        render_pdf,
        render_region_html,
    )
    from strategygen.assess.model import Assessment
    from strategygen.assess.region.model import RegionAssessment
    from strategygen.build.plan import BuildPlan
    from strategygen.errors import ProfileError, StrategygenError
    from strategygen.inputs.profile import CountryProfile
    from strategygen.inputs.tailoring import Tailoring


def __getattr__(name: str) -> Any:
    """Import a public name's module the first time the name is used."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'strategygen' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    """List the public names (for ``dir()`` and completion)."""
    return sorted(__all__)
